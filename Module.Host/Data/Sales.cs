namespace ErpAmazonModule.Host.Data;

/// <summary>States of a sales order.</summary>
public enum SalesOrderState
{
    Confirmed,
    Done,
    Cancelled,
}

/// <summary>A sales order of the reference ERP.</summary>
public sealed class SalesOrder
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Origin { get; set; }
    public string? ClientReference { get; set; }
    public int CustomerId { get; set; }
    public int DeliveryAddressId { get; set; }
    public int? FiscalPositionId { get; set; }
    public required string CurrencyCode { get; set; }
    public DateTimeOffset OrderDate { get; set; }
    public int? CompanyId { get; set; }
    public string? Salesperson { get; set; }
    public string? SalesTeam { get; set; }
    public string? Note { get; set; }
    public SalesOrderState State { get; set; }
    public decimal UntaxedAmount { get; set; }
    public decimal TaxAmount { get; set; }
    public decimal Total { get; set; }

    /// <summary>When the personal data of its buyer was erased (Amazon's data protection: the connector asks for it).</summary>
    public DateTimeOffset? BuyerDataErasedOn { get; set; }
    public List<SalesOrderLine> Lines { get; set; } = [];
}

/// <summary>A line of a sales order; amounts are for the whole quantity.</summary>
public sealed class SalesOrderLine
{
    public int Id { get; set; }
    public int SalesOrderId { get; set; }
    public int ProductId { get; set; }
    public required string Description { get; set; }
    public decimal Quantity { get; set; }
    public decimal DeliveredQuantity { get; set; }
    public decimal UntaxedAmount { get; set; }
    public decimal Discount { get; set; }
    public decimal TaxAmount { get; set; }
    public decimal Total { get; set; }

    /// <summary>Host tax ids, comma-separated.</summary>
    public string TaxIds { get; set; } = "";

    /// <summary>The caller's id for the line, unique within the order.</summary>
    public required string ExternalLineId { get; set; }
}

/// <summary>A stock location.</summary>
public sealed class StockLocation
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Code { get; set; }
}

/// <summary>States of a delivery.</summary>
public enum DeliveryState
{
    Ready,
    Done,
    Cancelled,
}

/// <summary>A delivery (picking): goods moving from one location to another for a sales order.</summary>
public sealed class Delivery
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int SalesOrderId { get; set; }
    public int SourceLocationId { get; set; }
    public int DestinationLocationId { get; set; }
    public DeliveryState State { get; set; }

    /// <summary>Set when the warehouse validates it (FBA moves recorded from Amazon have none).</summary>
    public DateTimeOffset? ValidatedOn { get; set; }
    public DateTimeOffset? ShipDate { get; set; }
    public string? Carrier { get; set; }
    public string? ShippingMethod { get; set; }
    public string? TrackingNumber { get; set; }

    /// <summary>The delivery this one holds the rest of (a backorder made by a partial validation).</summary>
    public int? BackorderOfId { get; set; }
    public List<StockMove> Moves { get; set; } = [];
}

/// <summary>A quantity of a product moved by a delivery.</summary>
public sealed class StockMove
{
    public int Id { get; set; }
    public int DeliveryId { get; set; }
    public int ProductId { get; set; }
    public decimal Quantity { get; set; }
    public required string ExternalLineId { get; set; }
}

/// <summary>A posted journal entry (write-offs).</summary>
public sealed class JournalEntry
{
    public int Id { get; set; }
    public required string Reference { get; set; }
    public required string CurrencyCode { get; set; }
    public DateTimeOffset Date { get; set; }
    public int? SalesOrderId { get; set; }

    /// <summary>The entry's lines: their debits equal their credits.</summary>
    public List<JournalLine> Lines { get; set; } = [];
}

/// <summary>A line of a journal entry: a debit or a credit on a ledger account.</summary>
public sealed class JournalLine
{
    public int Id { get; set; }
    public int JournalEntryId { get; set; }
    public required string AccountCode { get; set; }
    public string? Label { get; set; }
    public decimal Debit { get; set; }
    public decimal Credit { get; set; }
}

/// <summary>The demo company's ledger accounts the reference ERP books Amazon's entries on (German SKR03 numbers).</summary>
public static class HostLedgerAccounts
{
    /// <summary>Trade receivables: what customers (here Amazon, paying for them) owe.</summary>
    public const string Receivable = "1400";
}

/// <summary>A notification a module gave the ERP's users (shown once per key).</summary>
public sealed class Notification
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Severity { get; set; }
    public required string Title { get; set; }
    public required string Message { get; set; }
    public string? Permission { get; set; }
    public DateTimeOffset CreatedOn { get; set; }
}

/// <summary>A stored setting value (defaults come from module manifests).</summary>
public sealed class Setting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
