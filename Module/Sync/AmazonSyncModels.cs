using ErpAmazonModule.Accounts;
using ErpAmazonModule.Amazon;

namespace ErpAmazonModule.Sync;

/// <summary>A sync run, as the OData API shows it (read-only).</summary>
public sealed class AmazonSyncRun
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public AmazonSyncTrigger Trigger { get; set; }
    public AmazonSyncRunState State { get; set; }
    public DateTimeOffset QueuedOn { get; set; }
    public DateTimeOffset? StartedOn { get; set; }
    public DateTimeOffset? EndedOn { get; set; }

    /// <summary>The update-time window the run reads.</summary>
    public DateTimeOffset? WindowFrom { get; set; }
    public DateTimeOffset? WindowTo { get; set; }
    public int OrdersSeen { get; set; }
    public int OrdersCreated { get; set; }
    public int OrdersUpdated { get; set; }
    public int OrdersSkipped { get; set; }
    public int OrdersFailed { get; set; }
    public int PagesRead { get; set; }

    /// <summary>Requests that waited to stay inside Amazon's quotas, and the time spent waiting.</summary>
    public int ThrottleWaits { get; set; }
    public long ThrottleWaitMilliseconds { get; set; }

    /// <summary>Share of the window done, 0 to 100.</summary>
    public int Progress { get; set; }
    public string? Error { get; set; }
    public AmazonAccount? Account { get; set; }
}

/// <summary>An Amazon order and what became of it, as the OData API shows it (read-only).</summary>
public sealed class AmazonOrderLink
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public string AmazonOrderId { get; set; } = "";
    public string? MarketplaceId { get; set; }
    public AmazonOrderStatus? AmazonStatus { get; set; }
    public AmazonFulfillmentChannel? FulfillmentChannel { get; set; }
    public DateTimeOffset? PurchaseDate { get; set; }
    public DateTimeOffset? LastUpdateDate { get; set; }

    /// <summary>The host's sales order.</summary>
    public string? SalesOrderId { get; set; }
    public decimal? AmazonTotal { get; set; }
    public decimal? ErpTotal { get; set; }

    /// <summary>ERP tax minus Amazon's tax; the untaxed amounts absorbed the opposite so totals still match.</summary>
    public decimal TaxDifference { get; set; }
    public string? CurrencyCode { get; set; }
    public AmazonOrderLinkState State { get; set; }
    public string? LastError { get; set; }

    /// <summary>Failed attempts in a row; at the module's limit the order is given up.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>When a failed order is tried again.</summary>
    public DateTimeOffset? NextAttemptOn { get; set; }
    public DateTimeOffset UpdatedOn { get; set; }
    public AmazonAccount? Account { get; set; }
}
