using ErpAmazonModule.Amazon;

namespace ErpAmazonModule.Finance;

/// <summary>A shipment or refund event Amazon posted, as the OData API shows it (read-only).</summary>
public sealed class AmazonFinancialEvent
{
    public int Id { get; set; }
    public int AccountId { get; set; }

    /// <summary><c>Shipment</c> or <c>Refund</c>.</summary>
    public AmazonFinancialEventKind Kind { get; set; }
    public string AmazonOrderId { get; set; } = "";
    public DateTimeOffset PostedDate { get; set; }
    public string CurrencyCode { get; set; } = "";

    /// <summary>Charged to the buyer (principal, tax, shipping, gift wrap); negative on a refund.</summary>
    public decimal Charges { get; set; }

    /// <summary>Amazon's fees: negative when kept from the payout.</summary>
    public decimal Fees { get; set; }

    /// <summary>Promotions and shipping discounts the seller funded.</summary>
    public decimal Promotions { get; set; }

    /// <summary>Tax Amazon collected and pays to the authority itself.</summary>
    public decimal TaxWithheld { get; set; }

    /// <summary>What the event adds to the payout.</summary>
    public decimal Total { get; set; }

    /// <summary><c>Api</c> or <c>Settlement</c> (an uploaded settlement report).</summary>
    public AmazonFinancialEventSource Source { get; set; }
    public DateTimeOffset ImportedOn { get; set; }

    /// <summary>Every amount per item: charge, fee, promotion or withheld tax, with Amazon's type.</summary>
    public List<AmazonFinancialEventAmount> Amounts { get; set; } = [];
}

/// <summary>An amount of an event's item.</summary>
public sealed class AmazonFinancialEventAmount
{
    public string? OrderItemId { get; set; }
    public string? SellerSku { get; set; }
    public AmazonFinancialAmountKind Kind { get; set; }

    /// <summary>Amazon's type: <c>Principal</c>, <c>Tax</c>, <c>Commission</c>, <c>FBAPerUnitFulfillmentFee</c>, <c>RefundCommission</c>...</summary>
    public string Type { get; set; } = "";
    public decimal Amount { get; set; }
}

/// <summary>What an import of payments did (the answer of <c>FinancialEvents/Import</c>).</summary>
public sealed class AmazonPaymentsImport
{
    public int AccountId { get; set; }

    /// <summary>The window of posting dates read from Amazon (empty for a settlement report).</summary>
    public DateTimeOffset? PostedAfter { get; set; }
    public DateTimeOffset? PostedBefore { get; set; }
    public int Pages { get; set; }
    public int EventsSeen { get; set; }

    /// <summary>Events stored by this import (an event read again is not stored twice).</summary>
    public int EventsAdded { get; set; }

    /// <summary>The matching that followed the import.</summary>
    public AmazonPaymentsMatching? Matching { get; set; }
}

/// <summary>An Amazon order's payment against what the ERP expects, as the OData API shows it (read-only).</summary>
public sealed class AmazonReconciliation
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public string AmazonOrderId { get; set; } = "";

    /// <summary>The ERP's sales order (empty when the ERP does not have the order).</summary>
    public string? SalesOrderId { get; set; }
    public string CurrencyCode { get; set; } = "";

    /// <summary>What the ERP expects: the sales order's total less what Amazon refunded.</summary>
    public decimal Expected { get; set; }

    /// <summary>What Amazon paid for the order: charges less promotions, refunds negative.</summary>
    public decimal Paid { get; set; }

    /// <summary>Amazon's fees, posted apart as an expense (negative: kept from the payout).</summary>
    public decimal Fees { get; set; }

    /// <summary>Paid less expected.</summary>
    public decimal Difference { get; set; }

    /// <summary>What was written off (a loss positive).</summary>
    public decimal WrittenOff { get; set; }

    /// <summary><c>Matched</c>, <c>WrittenOff</c>, <c>NeedsReview</c> or <c>Unmatched</c>.</summary>
    public AmazonReconciliationState State { get; set; }

    /// <summary>Why it needs review or is unmatched.</summary>
    public string? Reason { get; set; }

    /// <summary>The ERP's journal entries: the last fees entry and the last write-off.</summary>
    public string? FeeEntryId { get; set; }
    public string? WriteOffEntryId { get; set; }

    /// <summary>Who approved a write-off under review, when, and their comment.</summary>
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedOn { get; set; }
    public string? ApprovalComment { get; set; }
    public DateTimeOffset MatchedOn { get; set; }
}

/// <summary>What a matching did (the answer of <c>Reconciliations/Match</c>).</summary>
public sealed class AmazonPaymentsMatching
{
    public int AccountId { get; set; }
    public int Orders { get; set; }
    public int Matched { get; set; }
    public int WrittenOff { get; set; }
    public int NeedsReview { get; set; }
    public int Unmatched { get; set; }
}
