using ErpAmazonModule.Api;
using ErpAmazonModule.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Routing.Attributes;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.Offers;

/// <summary><c>/odata/amazon/Offers</c>: SKU-to-product pairings. The work is <see cref="AmazonOffersService"/>'s.</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Read)]
public sealed class OffersController(AmazonDbContext db, AmazonApiMapper mapper, AmazonOffersService offers) : AmazonODataController
{
    private const string EntitySet = AmazonOffersService.EntitySet;

    /// <summary>Lists offers.</summary>
    [AmazonEnableQuery]
    public IQueryable<AmazonOffer> Get() => Project(db.Offers);

    /// <summary>One offer.</summary>
    [AmazonEnableQuery]
    [ProducesResponseType<AmazonOffer>(StatusCodes.Status200OK)]
    public Task<IActionResult> Get(int key, CancellationToken cancellationToken) =>
        SingleOrNotFoundAsync(Project(db.Offers.Where(o => o.Id == key)), EntitySet, key, cancellationToken);

    /// <summary>Pairs a SKU with a product by hand.</summary>
    [Authorize(Policy = Permissions.ManageOffers)]
    [ProducesResponseType<AmazonOffer>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Post([FromBody] AmazonOffer? offer, CancellationToken cancellationToken) =>
        offer is null || !ModelState.IsValid
            ? await InvalidBodyAsync()
            : Answer(await offers.CreateAsync(offer, cancellationToken), created => Created(mapper.Map<AmazonOffer>(created)));

    /// <summary>Re-pairs an offer (product, marketplace or SKU); the offer becomes manual. Honours <c>If-Match</c>.</summary>
    [Authorize(Policy = Permissions.ManageOffers)]
    [ProducesResponseType<AmazonOffer>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Patch(int key, [FromBody] Delta<AmazonOffer>? delta, CancellationToken cancellationToken)
    {
        var version = IfMatchVersion<AmazonOffer>();
        if (delta is null || !ModelState.IsValid || version.Problem is not null)
        {
            return version.Problem is { } badETag ? Error(badETag) : await InvalidBodyAsync();
        }

        var change = new AmazonOfferChange(delta.GetChangedPropertyNames().ToHashSet(StringComparer.Ordinal), o => delta.Patch(o), version.Value);
        return Answer(await offers.UpdateAsync(key, change, cancellationToken), updated => Updated(mapper.Map<AmazonOffer>(updated)));
    }

    /// <summary>Deletes an offer; the next order with its SKU pairs it again. Honours <c>If-Match</c>.</summary>
    [Authorize(Policy = Permissions.ManageOffers)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(int key, CancellationToken cancellationToken)
    {
        var version = IfMatchVersion<AmazonOffer>();
        return version.Problem is { } badETag ? Error(badETag) : Answer(await offers.DeleteAsync(key, version.Value, cancellationToken), _ => NoContent());
    }

    private IQueryable<AmazonOffer> Project(IQueryable<AmazonOfferEntity> query) => query.Project<AmazonOffer>(mapper, Request);
}
