using ErpAmazonModule.Host.Ports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OData.Routing.Attributes;

namespace ErpAmazonModule.Host.Api;

/// <summary>Read-only sales orders (<c>$expand=Lines</c>).</summary>
[ODataRouteComponent(HostEdmModel.RoutePrefix)]
[Authorize(Policy = HostPermissions.ReadHostData)]
public sealed class SalesOrdersController(HostDbContext db) : HostODataController
{
    [HostEnableQuery]
    public IQueryable<SalesOrder> Get() => db.SalesOrders.AsNoTracking();
}

/// <summary>Read-only products (<c>$expand=Taxes</c>).</summary>
[ODataRouteComponent(HostEdmModel.RoutePrefix)]
[Authorize(Policy = HostPermissions.ReadHostData)]
public sealed class ProductsController(HostDbContext db) : HostODataController
{
    [HostEnableQuery]
    public IQueryable<Product> Get() => db.Products.AsNoTracking();
}

/// <summary>Read-only partners: customers and their delivery addresses (<c>$expand=Children</c>).</summary>
[ODataRouteComponent(HostEdmModel.RoutePrefix)]
[Authorize(Policy = HostPermissions.ReadHostData)]
public sealed class PartnersController(HostDbContext db) : HostODataController
{
    [HostEnableQuery]
    public IQueryable<Partner> Get() => db.Partners.AsNoTracking();
}

/// <summary>Read-only taxes.</summary>
[ODataRouteComponent(HostEdmModel.RoutePrefix)]
[Authorize(Policy = HostPermissions.ReadHostData)]
public sealed class TaxesController(HostDbContext db) : HostODataController
{
    [HostEnableQuery]
    public IQueryable<Tax> Get() => db.Taxes.AsNoTracking();
}

/// <summary>Read-only fiscal positions (<c>$expand=TaxMaps</c>).</summary>
[ODataRouteComponent(HostEdmModel.RoutePrefix)]
[Authorize(Policy = HostPermissions.ReadHostData)]
public sealed class FiscalPositionsController(HostDbContext db) : HostODataController
{
    [HostEnableQuery]
    public IQueryable<FiscalPosition> Get() => db.FiscalPositions.AsNoTracking();
}


/// <summary>Read-only journal entries the connector asked the ERP to book (<c>$expand=Lines</c>).</summary>
[ODataRouteComponent(HostEdmModel.RoutePrefix)]
[Authorize(Policy = HostPermissions.ReadHostData)]
public sealed class JournalEntriesController(HostDbContext db) : HostODataController
{
    [HostEnableQuery]
    public IQueryable<JournalEntry> Get() => db.JournalEntries.AsNoTracking();
}

/// <summary>Read-only notifications modules gave the ERP's users.</summary>
[ODataRouteComponent(HostEdmModel.RoutePrefix)]
[Authorize(Policy = HostPermissions.ReadHostData)]
public sealed class NotificationsController(HostDbContext db) : HostODataController
{
    [HostEnableQuery]
    public IQueryable<Notification> Get() => db.Notifications.AsNoTracking();
}

/// <summary>Read-only deliveries with their carrier and tracking once validated (<c>$expand=Moves</c>).</summary>
[ODataRouteComponent(HostEdmModel.RoutePrefix)]
[Authorize(Policy = HostPermissions.ReadHostData)]
public sealed class DeliveriesController(HostDbContext db) : HostODataController
{
    [HostEnableQuery]
    public IQueryable<Delivery> Get() => db.Deliveries.AsNoTracking();
}
