using ErpAmazonModule.Api;
using ErpAmazonModule.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Attributes;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.Sync;

/// <summary><c>/odata/amazon/SyncRuns</c>: every sync run with its counts (read-only).</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Read)]
public sealed class SyncRunsController(AmazonDbContext db, AmazonApiMapper mapper) : AmazonODataController
{
    /// <summary>Lists runs.</summary>
    [AmazonEnableQuery]
    public IQueryable<AmazonSyncRun> Get() => db.SyncRuns.Project<AmazonSyncRun>(mapper, Request);

    /// <summary>One run.</summary>
    [AmazonEnableQuery]
    [ProducesResponseType<AmazonSyncRun>(StatusCodes.Status200OK)]
    public Task<IActionResult> Get(int key, CancellationToken cancellationToken) =>
        SingleOrNotFoundAsync(db.SyncRuns.Where(r => r.Id == key).Project<AmazonSyncRun>(mapper, Request), "SyncRuns", key, cancellationToken);
}

/// <summary><c>/odata/amazon/OrderLinks</c>: every Amazon order seen and what became of it (read-only).</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Read)]
public sealed class OrderLinksController(AmazonDbContext db, AmazonApiMapper mapper) : AmazonODataController
{
    /// <summary>Lists order links.</summary>
    [AmazonEnableQuery]
    public IQueryable<AmazonOrderLink> Get() => db.OrderLinks.Project<AmazonOrderLink>(mapper, Request);

    /// <summary>One order link.</summary>
    [AmazonEnableQuery]
    [ProducesResponseType<AmazonOrderLink>(StatusCodes.Status200OK)]
    public Task<IActionResult> Get(int key, CancellationToken cancellationToken) =>
        SingleOrNotFoundAsync(db.OrderLinks.Where(l => l.Id == key).Project<AmazonOrderLink>(mapper, Request), "OrderLinks", key, cancellationToken);
}
