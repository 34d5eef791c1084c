using ErpAmazonModule.Api;
using ErpAmazonModule.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Routing.Attributes;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.Shipments;

/// <summary>A delivery's confirmation to Amazon, as the OData API shows it (read-only; <c>Retry</c> to queue a failed one again).</summary>
public sealed class AmazonShipment
{
    public int Id { get; set; }
    public int AccountId { get; set; }

    /// <summary>The ERP's delivery and sales order.</summary>
    public string DeliveryId { get; set; } = "";
    public string SalesOrderId { get; set; } = "";
    public string AmazonOrderId { get; set; } = "";

    /// <summary>The carrier as the ERP names it, and Amazon's code for it (empty: sent as a carrier name).</summary>
    public string? Carrier { get; set; }
    public string? CarrierCode { get; set; }
    public string? ShippingMethod { get; set; }
    public string? TrackingNumber { get; set; }
    public DateTimeOffset ShipDate { get; set; }
    public DateTimeOffset ValidatedOn { get; set; }

    /// <summary><c>Queued</c>, <c>Incomplete</c>, <c>Sending</c>, <c>Sent</c>, <c>Confirmed</c> or <c>Failed</c>.</summary>
    public AmazonShipmentState State { get; set; }

    /// <summary>Amazon's message for a failure, or why the shipment is incomplete or waiting.</summary>
    public string? Message { get; set; }
    public int Attempts { get; set; }

    /// <summary>Amazon's id of the feed it was sent in.</summary>
    public string? FeedSubmissionId { get; set; }
    public DateTimeOffset CreatedOn { get; set; }
    public DateTimeOffset? SentOn { get; set; }
    public DateTimeOffset? ConfirmedOn { get; set; }

    /// <summary>What the delivery moved, per Amazon order item.</summary>
    public List<AmazonShipmentLine> Lines { get; set; } = [];
}

/// <summary>A quantity of an Amazon order item a shipment moved.</summary>
public sealed class AmazonShipmentLine
{
    public string OrderItemId { get; set; } = "";
    public int Quantity { get; set; }
}

/// <summary>What <c>Shipments/Send</c> did for an account.</summary>
public sealed class AmazonShipmentsSent
{
    public int AccountId { get; set; }

    /// <summary>Validated deliveries read from the ERP (read again ones included).</summary>
    public int DeliveriesRead { get; set; }
    public int Queued { get; set; }
    public int Incomplete { get; set; }
    public int Sent { get; set; }
    public int Confirmed { get; set; }
    public int Failed { get; set; }
    public int FeedsSubmitted { get; set; }

    /// <summary>Feeds whose answer had been lost, found at Amazon instead of being sent again.</summary>
    public int FeedsFound { get; set; }
}

/// <summary><c>/odata/amazon/Shipments</c>: the ERP's validated deliveries and their confirmation to Amazon; sending now; retrying one.</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Shipments)]
public sealed class ShipmentsController(AmazonDbContext db, AmazonApiMapper mapper, AmazonShipmentService shipments) : AmazonODataController
{
    /// <summary>Lists shipments.</summary>
    [AmazonEnableQuery]
    public IQueryable<AmazonShipment> Get() => db.Shipments.Project<AmazonShipment>(mapper, Request);

    /// <summary>One shipment.</summary>
    [AmazonEnableQuery]
    [ProducesResponseType<AmazonShipment>(StatusCodes.Status200OK)]
    public Task<IActionResult> Get(int key, CancellationToken cancellationToken) =>
        SingleOrNotFoundAsync(db.Shipments.Where(s => s.Id == key).Project<AmazonShipment>(mapper, Request), "Shipments", key, cancellationToken);

    /// <summary>Reads the account's validated deliveries and sends, polls and settles its confirmations now (<c>{"AccountId": 1}</c>).</summary>
    [HttpPost]
    [ProducesResponseType<AmazonShipmentsSent>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Send(ODataActionParameters parameters, CancellationToken cancellationToken)
    {
        var accountId = parameters?.GetValueOrDefault("AccountId");
        if (await Accounts.AmazonAccountsService.AccountIdProblemAsync(db, accountId, cancellationToken) is { } wrong)
        {
            return Error(wrong);
        }

        return Answer(await shipments.RunAsync((int)accountId!, cancellationToken), r => Ok(new AmazonShipmentsSent
        {
            AccountId = r.AccountId,
            DeliveriesRead = r.DeliveriesRead,
            Queued = r.Queued,
            Incomplete = r.Incomplete,
            Sent = r.Sent,
            Confirmed = r.Confirmed,
            Failed = r.Failed,
            FeedsSubmitted = r.FeedsSubmitted,
            FeedsFound = r.FeedsFound,
        }));
    }

    /// <summary>Queues a failed or incomplete shipment again, with a <c>Carrier</c>, <c>ShippingMethod</c> or <c>TrackingNumber</c> to fill in (all optional).</summary>
    [HttpPost]
    [ProducesResponseType<AmazonShipment>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Retry(int key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        Answer(await shipments.RetryAsync(key, parameters?.GetValueOrDefault("Carrier"), parameters?.GetValueOrDefault("ShippingMethod"), parameters?.GetValueOrDefault("TrackingNumber"), cancellationToken),
            r => Ok(mapper.Map<AmazonShipment>(r)));
}
