using ErpAmazonModule.Api;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Attributes;
using Microsoft.EntityFrameworkCore;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.Offers;

/// <summary><c>/odata/amazon/Offers</c>: SKU-to-product pairings.</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Read)]
public sealed class OffersController(AmazonDbContext db, AmazonApiMapper mapper, IAmazonHostProducts products, TimeProvider time) : AmazonODataController
{
    private const string EntitySet = "Offers";

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
    public async Task<IActionResult> Post([FromBody] AmazonOffer? offer, CancellationToken cancellationToken)
    {
        if (offer is null || !ModelState.IsValid)
        {
            return await InvalidBodyAsync();
        }

        if (await ValidateAsync(offer, exceptId: null, cancellationToken) is { } error)
        {
            return error;
        }

        var now = time.GetUtcNow();
        var entity = new AmazonOfferEntity
        {
            AccountId = offer.AccountId,
            Sku = offer.Sku,
            ProductId = offer.ProductId,
            MarketplaceId = offer.MarketplaceId,
            Origin = AmazonOfferOrigin.Manual,
            CreatedOn = now,
            UpdatedOn = now,
            Version = Guid.NewGuid(),
        };
        db.Offers.Add(entity);
        return await SaveAsync(db, EntitySet, entity.Sku, cancellationToken) ?? Created(mapper.Map<AmazonOffer>(entity));
    }

    /// <summary>Re-pairs an offer (product, marketplace or SKU); the offer becomes manual. Honours <c>If-Match</c>.</summary>
    [Authorize(Policy = Permissions.ManageOffers)]
    [ProducesResponseType<AmazonOffer>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Patch(int key, [FromBody] Delta<AmazonOffer>? delta, CancellationToken cancellationToken)
    {
        var entity = await db.Offers.SingleOrDefaultAsync(o => o.Id == key, cancellationToken);
        if (entity is null)
        {
            return NotFoundError(EntitySet, key);
        }

        if (delta is null || !ModelState.IsValid)
        {
            return await InvalidBodyAsync();
        }

        if (CheckIfMatch<AmazonOffer>(entity.Version, EntitySet, key) is { } preconditionFailed)
        {
            return preconditionFailed;
        }

        if (ReadOnlyChange(delta.GetChangedPropertyNames(), AmazonOfferRules.ReadOnlyFields) is { } readOnly)
        {
            return readOnly;
        }

        var offer = mapper.Map<AmazonOffer>(entity);
        delta.Patch(offer);
        if (await ValidateAsync(offer, exceptId: key, cancellationToken) is { } error)
        {
            return error;
        }

        entity.AccountId = offer.AccountId;
        entity.Sku = offer.Sku;
        entity.ProductId = offer.ProductId;
        entity.MarketplaceId = offer.MarketplaceId;
        entity.Origin = AmazonOfferOrigin.Manual;
        entity.UpdatedOn = time.GetUtcNow();
        entity.Version = Guid.NewGuid();
        return await SaveAsync(db, EntitySet, key, cancellationToken) ?? Updated(mapper.Map<AmazonOffer>(entity));
    }

    /// <summary>Deletes an offer; the next order with its SKU pairs it again. Honours <c>If-Match</c>.</summary>
    [Authorize(Policy = Permissions.ManageOffers)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(int key, CancellationToken cancellationToken)
    {
        var entity = await db.Offers.SingleOrDefaultAsync(o => o.Id == key, cancellationToken);
        if (entity is null)
        {
            return NotFoundError(EntitySet, key);
        }

        if (CheckIfMatch<AmazonOffer>(entity.Version, EntitySet, key) is { } preconditionFailed)
        {
            return preconditionFailed;
        }

        db.Offers.Remove(entity);
        return await SaveAsync(db, EntitySet, key, cancellationToken) ?? NoContent();
    }

    private IQueryable<AmazonOffer> Project(IQueryable<AmazonOfferEntity> query) => query.Project<AmazonOffer>(mapper, Request);

    private async Task<AmazonODataErrorResult?> ValidateAsync(AmazonOffer offer, int? exceptId, CancellationToken cancellationToken)
    {
        if (AmazonOfferRules.Validate(offer) is { } error)
        {
            return FieldError(error);
        }

        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == offer.AccountId, cancellationToken);
        if (account is null)
        {
            return FieldError(new(nameof(AmazonOffer.AccountId), $"account {offer.AccountId} does not exist."));
        }

        if (await products.GetAsync(offer.ProductId, cancellationToken) is null)
        {
            return FieldError(new(nameof(AmazonOffer.ProductId), $"product {offer.ProductId} does not exist in the ERP."));
        }

        if (offer.MarketplaceId is { } marketplaceId)
        {
            var marketplace = await db.Marketplaces.SingleOrDefaultAsync(m => m.Id == marketplaceId, cancellationToken);
            if (marketplace is null)
            {
                return FieldError(new(nameof(AmazonOffer.MarketplaceId), $"marketplace {marketplaceId} does not exist."));
            }

            if (marketplace.Region != account.Region)
            {
                return FieldError(new(nameof(AmazonOffer.MarketplaceId), $"{marketplace.Name} belongs to region {marketplace.Region}; account '{account.Name}' is in region {account.Region}."));
            }
        }

        return await db.Offers.AnyAsync(o => o.Id != exceptId && o.AccountId == offer.AccountId && o.Sku == offer.Sku, cancellationToken)
            ? ConflictError(nameof(AmazonOffer.Sku), $"Account '{account.Name}' already has an offer for SKU '{offer.Sku}'.")
            : null;
    }
}
