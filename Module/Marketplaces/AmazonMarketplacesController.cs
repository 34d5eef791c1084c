using AutoMapper.QueryableExtensions;
using ErpAmazonModule.Api;
using ErpAmazonModule.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Routing.Attributes;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.Marketplaces;

/// <summary><c>/odata/amazon/Marketplaces</c>: the built-in catalog plus custom marketplaces. The work is <see cref="AmazonMarketplacesService"/>'s.</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Read)]
public sealed class MarketplacesController(AmazonDbContext db, AmazonApiMapper mapper, AmazonMarketplacesService marketplaces) : AmazonODataController
{
    private const string EntitySet = AmazonMarketplacesService.EntitySet;

    /// <summary>Lists marketplaces.</summary>
    [AmazonEnableQuery]
    public IQueryable<AmazonMarketplace> Get() => db.Marketplaces.ProjectTo<AmazonMarketplace>(mapper.Configuration);

    /// <summary>One marketplace.</summary>
    [AmazonEnableQuery]
    [ProducesResponseType<AmazonMarketplace>(StatusCodes.Status200OK)]
    public Task<IActionResult> Get(int key, CancellationToken cancellationToken) =>
        SingleOrNotFoundAsync(db.Marketplaces.Where(m => m.Id == key).ProjectTo<AmazonMarketplace>(mapper.Configuration), EntitySet, key, cancellationToken);

    /// <summary>Adds a custom marketplace.</summary>
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<AmazonMarketplace>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Post([FromBody] AmazonMarketplace? marketplace, CancellationToken cancellationToken) =>
        marketplace is null || !ModelState.IsValid
            ? await InvalidBodyAsync()
            : Answer(await marketplaces.CreateAsync(marketplace, cancellationToken), created => Created(mapper.Map<AmazonMarketplace>(created)));

    /// <summary>Changes a custom marketplace, or (de)activates a built-in one.</summary>
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<AmazonMarketplace>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Patch(int key, [FromBody] Delta<AmazonMarketplace>? delta, CancellationToken cancellationToken)
    {
        if (IfMatchWithoutETags(EntitySet) is { } precondition)
        {
            return Error(precondition);
        }

        if (delta is null || !ModelState.IsValid)
        {
            return await InvalidBodyAsync();
        }

        var change = new AmazonMarketplaceChange(delta.GetChangedPropertyNames().ToHashSet(StringComparer.Ordinal), m => delta.Patch(m));
        return Answer(await marketplaces.UpdateAsync(key, change, cancellationToken), updated => Updated(mapper.Map<AmazonMarketplace>(updated)));
    }

    /// <summary>Deletes a custom marketplace no account or offer uses.</summary>
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(int key, CancellationToken cancellationToken) =>
        IfMatchWithoutETags(EntitySet) is { } precondition
            ? Error(precondition)
            : Answer(await marketplaces.DeleteAsync(key, cancellationToken), _ => NoContent());
}
