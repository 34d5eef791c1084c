using ErpAmazonModule.Api;
using ErpAmazonModule.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Attributes;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.Compliance;

/// <summary>An audit entry as the OData API shows it (read-only).</summary>
public sealed class AmazonAuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string User { get; set; } = "";
    public string? RemoteAddress { get; set; }

    /// <summary><c>Created</c>, <c>Changed</c>, <c>Deleted</c>, <c>WriteOffApproved</c>, <c>OrderRecovered</c>, <c>ShipmentRetried</c>, <c>SettingChanged</c>.</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityKey { get; set; } = "";

    /// <summary>The changed fields, <c>[{"Field","Before","After"}]</c> (a credential shows as <c>changed</c>).</summary>
    public string Changes { get; set; } = "";
}

/// <summary><c>/odata/amazon/AuditEntries</c>: who changed what, when, from where (administrators; read-only).</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.ManageAccounts)]
public sealed class AuditEntriesController(AmazonDbContext db, AmazonApiMapper mapper) : AmazonODataController
{
    /// <summary>Lists audit entries.</summary>
    [AmazonEnableQuery]
    public IQueryable<AmazonAuditEntry> Get() => db.AuditEntries.Project<AmazonAuditEntry>(mapper, Request);

    /// <summary>One audit entry.</summary>
    [AmazonEnableQuery]
    [ProducesResponseType<AmazonAuditEntry>(StatusCodes.Status200OK)]
    public Task<IActionResult> Get(long key, CancellationToken cancellationToken) =>
        SingleOrNotFoundAsync(db.AuditEntries.Where(e => e.Id == key).Project<AmazonAuditEntry>(mapper, Request), "AuditEntries", key, cancellationToken);
}

/// <summary><c>/odata/amazon/DeveloperProfile</c>: Amazon's developer profile questions answered from this installation (administrators).</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.ManageAccounts)]
public sealed class DeveloperProfileController(AmazonDeveloperProfileService profile) : AmazonODataController
{
    /// <summary>The profile as of now.</summary>
    [HttpGet]
    [ProducesResponseType<AmazonDeveloperProfile>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(CancellationToken cancellationToken) => Ok(await profile.BuildAsync(Request.IsHttps, cancellationToken));
}
