using AutoMapper.QueryableExtensions;
using ErpAmazonModule.Api;
using ErpAmazonModule.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Attributes;
using Microsoft.EntityFrameworkCore;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.Marketplaces;

/// <summary><c>/odata/amazon/Marketplaces</c>: the built-in catalog plus custom marketplaces.</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Read)]
public sealed class MarketplacesController(AmazonDbContext db, AmazonApiMapper mapper) : AmazonODataController
{
    private const string EntitySet = "Marketplaces";

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
    public async Task<IActionResult> Post([FromBody] AmazonMarketplace? marketplace, CancellationToken cancellationToken)
    {
        if (marketplace is null || !ModelState.IsValid)
        {
            return await InvalidBodyAsync();
        }

        if (AmazonMarketplaceRules.Validate(marketplace) is { } error)
        {
            return FieldError(error);
        }

        if (await FindConflictAsync(marketplace, exceptId: null, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        var entity = new AmazonMarketplaceEntity
        {
            Name = marketplace.Name,
            CountryCode = marketplace.CountryCode,
            Endpoint = marketplace.Endpoint,
            ApiIdentifier = marketplace.ApiIdentifier,
            CurrencyCode = marketplace.CurrencyCode,
        };
        CopyCustomFields(marketplace, entity);
        db.Marketplaces.Add(entity);
        return await SaveAsync(db, EntitySet, entity.ApiIdentifier, cancellationToken) ?? Created(mapper.Map<AmazonMarketplace>(entity));
    }

    /// <summary>Changes a custom marketplace, or (de)activates a built-in one.</summary>
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<AmazonMarketplace>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Patch(int key, [FromBody] Delta<AmazonMarketplace>? delta, CancellationToken cancellationToken)
    {
        var entity = await db.Marketplaces.SingleOrDefaultAsync(m => m.Id == key, cancellationToken);
        if (entity is null)
        {
            return NotFoundError(EntitySet, key);
        }

        if (delta is null || !ModelState.IsValid)
        {
            return await InvalidBodyAsync();
        }

        var changed = delta.GetChangedPropertyNames().ToList();
        if (ReadOnlyChange(changed, AmazonMarketplaceRules.ReadOnlyFields) is { } readOnly)
        {
            return readOnly;
        }

        if (entity.IsBuiltIn && changed.FirstOrDefault(f => f != AmazonMarketplaceRules.BuiltInWritableField) is { } field)
        {
            return FieldError(new(field, $"cannot change on a built-in marketplace; only {AmazonMarketplaceRules.BuiltInWritableField} can."));
        }

        var marketplace = mapper.Map<AmazonMarketplace>(entity);
        delta.Patch(marketplace);
        if (!entity.IsBuiltIn)
        {
            if (AmazonMarketplaceRules.Validate(marketplace) is { } error)
            {
                return FieldError(error);
            }

            if (await FindConflictAsync(marketplace, exceptId: key, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            if (marketplace.Region != entity.Region && await db.AccountMarketplaces.AnyAsync(am => am.MarketplaceId == key, cancellationToken))
            {
                return FieldError(new(nameof(AmazonMarketplace.Region), "cannot change while accounts use this marketplace."));
            }

            entity.Name = marketplace.Name;
            entity.CountryCode = marketplace.CountryCode;
            entity.Endpoint = marketplace.Endpoint;
            entity.ApiIdentifier = marketplace.ApiIdentifier;
            entity.CurrencyCode = marketplace.CurrencyCode;
            CopyCustomFields(marketplace, entity);
        }

        entity.IsActive = marketplace.IsActive;
        return await SaveAsync(db, EntitySet, key, cancellationToken) ?? Updated(mapper.Map<AmazonMarketplace>(entity));
    }

    /// <summary>Deletes a custom marketplace no account or offer uses.</summary>
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(int key, CancellationToken cancellationToken)
    {
        var entity = await db.Marketplaces.SingleOrDefaultAsync(m => m.Id == key, cancellationToken);
        if (entity is null)
        {
            return NotFoundError(EntitySet, key);
        }

        if (entity.IsBuiltIn)
        {
            return FieldError(new(nameof(AmazonMarketplace.IsBuiltIn), $"{entity.Name} is built in and cannot be deleted; set IsActive to false instead."));
        }

        if (await db.AccountMarketplaces.AnyAsync(am => am.MarketplaceId == key, cancellationToken)
            || await db.Offers.AnyAsync(o => o.MarketplaceId == key, cancellationToken))
        {
            return ConflictError(nameof(AmazonMarketplace.Id), $"{entity.Name} is used by accounts or offers; remove it from them first.");
        }

        db.Marketplaces.Remove(entity);
        await db.SaveChangesAsync(cancellationToken);
        return NoContent();
    }

    private async Task<AmazonODataErrorResult?> FindConflictAsync(AmazonMarketplace marketplace, int? exceptId, CancellationToken cancellationToken) =>
        await db.Marketplaces.AnyAsync(m => m.Id != exceptId && m.ApiIdentifier == marketplace.ApiIdentifier, cancellationToken)
            ? ConflictError(nameof(AmazonMarketplace.ApiIdentifier), $"A marketplace with ApiIdentifier '{marketplace.ApiIdentifier}' already exists.")
            : null;

    private static void CopyCustomFields(AmazonMarketplace source, AmazonMarketplaceEntity target)
    {
        target.Region = source.Region;
        target.PricesIncludeTax = source.PricesIncludeTax;
        target.SpApiOnly = source.SpApiOnly;
        target.IsActive = source.IsActive;
        target.IsBuiltIn = false;
    }
}
