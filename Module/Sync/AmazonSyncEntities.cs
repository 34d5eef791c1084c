using ErpAmazonModule.Accounts;
using ErpAmazonModule.Amazon;

namespace ErpAmazonModule.Sync;

/// <summary>What started a sync run.</summary>
public enum AmazonSyncTrigger
{
    Schedule,
    Manual,
    Recovery,
}

/// <summary>Where a run is.</summary>
public enum AmazonSyncRunState
{
    Queued,
    Running,
    Succeeded,
    PartiallyFailed,
    Failed,
    /// <summary>The process running it stopped (a crash, a kill, a shutdown); noticed when the host started or the account's lock was next taken.</summary>
    Abandoned,
}

/// <summary>What the connector did with an Amazon order.</summary>
public enum AmazonOrderLinkState
{
    /// <summary>A sales order exists for it.</summary>
    Imported,
    /// <summary>Not imported yet (Pending, or FBA not shipped yet).</summary>
    Pending,
    /// <summary>Canceled: before import (no order), or its order was cancelled.</summary>
    Canceled,
    /// <summary>Canceled after goods left: the order needs a return.</summary>
    NeedsReturn,
    /// <summary>Amazon could not fulfil it.</summary>
    Unfulfillable,
    /// <summary>Processing failed; retried by id from <see cref="AmazonOrderLinkEntity.NextAttemptOn"/> on, with back-off.</summary>
    Failed,
    /// <summary>Failed too many times: no longer retried until it changes at Amazon or is recovered by hand.</summary>
    GivenUp,
}

/// <summary>One sync of one account, with its counts.</summary>
public sealed class AmazonSyncRunEntity
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public AmazonSyncTrigger Trigger { get; set; }
    public AmazonSyncRunState State { get; set; }
    public DateTimeOffset QueuedOn { get; set; }
    public DateTimeOffset? StartedOn { get; set; }
    public DateTimeOffset? EndedOn { get; set; }
    public DateTimeOffset? WindowFrom { get; set; }
    public DateTimeOffset? WindowTo { get; set; }
    public int OrdersSeen { get; set; }
    public int OrdersCreated { get; set; }
    public int OrdersUpdated { get; set; }
    public int OrdersSkipped { get; set; }
    public int OrdersFailed { get; set; }
    public int PagesRead { get; set; }
    public int ThrottleWaits { get; set; }
    public long ThrottleWaitMilliseconds { get; set; }

    /// <summary>Share of the time window done, 0 to 100.</summary>
    public int Progress { get; set; }
    public string? Error { get; set; }

    /// <summary>The background job that runs a queued run (null for runs started in the caller's flow).</summary>
    public string? JobId { get; set; }
    public AmazonAccountEntity? Account { get; set; }
}

/// <summary>An Amazon order and the sales order it became.</summary>
public sealed class AmazonOrderLinkEntity
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public required string AmazonOrderId { get; set; }
    public string? MarketplaceId { get; set; }
    public AmazonOrderStatus? AmazonStatus { get; set; }
    public AmazonFulfillmentChannel? FulfillmentChannel { get; set; }
    public DateTimeOffset? PurchaseDate { get; set; }

    /// <summary>Amazon's LastUpdateDate of the version processed; an equal one is skipped.</summary>
    public DateTimeOffset? LastUpdateDate { get; set; }
    public string? SalesOrderId { get; set; }
    public decimal? AmazonTotal { get; set; }
    public decimal? ErpTotal { get; set; }

    /// <summary>ERP tax minus Amazon's tax (the untaxed amounts absorbed the opposite).</summary>
    public decimal TaxDifference { get; set; }
    public string? CurrencyCode { get; set; }
    public AmazonOrderLinkState State { get; set; }
    public string? LastError { get; set; }

    /// <summary>Failed attempts in a row at this version of the order (reset when it is processed or changes at Amazon).</summary>
    public int FailedAttempts { get; set; }

    /// <summary>Amazon's LastUpdateDate of the version that failed; the listing skips it until its next attempt.</summary>
    public DateTimeOffset? FailedUpdateDate { get; set; }

    /// <summary>When a failed order is tried again (back-off).</summary>
    public DateTimeOffset? NextAttemptOn { get; set; }
    public DateTimeOffset UpdatedOn { get; set; }

    /// <summary>When the ERP erased the buyer's personal data (data protection: some days after shipment).</summary>
    public DateTimeOffset? BuyerDataErasedOn { get; set; }
    public List<AmazonOrderItemLinkEntity> Items { get; set; } = [];
    public AmazonAccountEntity? Account { get; set; }
}

/// <summary>An Amazon order item and what was delivered of it.</summary>
public sealed class AmazonOrderItemLinkEntity
{
    public int Id { get; set; }
    public int OrderLinkId { get; set; }
    public required string OrderItemId { get; set; }
    public required string Sku { get; set; }
    public required string ProductId { get; set; }
    public int QuantityOrdered { get; set; }
    public int QuantityShipped { get; set; }
}
