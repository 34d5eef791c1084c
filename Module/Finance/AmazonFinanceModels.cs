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

    /// <summary>The window of posting dates read.</summary>
    public DateTimeOffset PostedAfter { get; set; }
    public DateTimeOffset PostedBefore { get; set; }
    public int Pages { get; set; }
    public int EventsSeen { get; set; }

    /// <summary>Events stored by this import (an event read again is not stored twice).</summary>
    public int EventsAdded { get; set; }
}
