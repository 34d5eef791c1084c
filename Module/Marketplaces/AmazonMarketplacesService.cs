using ErpAmazonModule.Api;
using ErpAmazonModule.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Marketplaces;

/// <summary>A change to a marketplace: the fields sent and how to apply them.</summary>
public sealed record AmazonMarketplaceChange(IReadOnlySet<string> ChangedFields, Action<AmazonMarketplace> Apply);

/// <summary>The marketplace catalog: custom marketplaces added, changed and deleted; built-in ones only switched on or off.</summary>
public sealed class AmazonMarketplacesService(AmazonDbContext db, AmazonApiMapper mapper, ILogger<AmazonMarketplacesService> logger)
{
    /// <summary>The entity set the API names marketplaces by.</summary>
    public const string EntitySet = "Marketplaces";

    /// <summary>Adds a custom marketplace.</summary>
    public async Task<AmazonResult<AmazonMarketplaceEntity>> CreateAsync(AmazonMarketplace marketplace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marketplace);
        var errors = AmazonMarketplaceValidator.Validate(marketplace);
        if (errors.Count > 0)
        {
            return AmazonProblem.Invalid(errors);
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
        return await SaveAsync(entity.ApiIdentifier, marketplace, null, cancellationToken) is { } failed ? failed : entity;
    }

    /// <summary>Changes a custom marketplace, or switches a built-in one on or off.</summary>
    public async Task<AmazonResult<AmazonMarketplaceEntity>> UpdateAsync(int key, AmazonMarketplaceChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var entity = await db.Marketplaces.SingleOrDefaultAsync(m => m.Id == key, cancellationToken);
        if (entity is null)
        {
            return AmazonProblem.NotFound(EntitySet, key);
        }

        var errors = change.ChangedFields.Where(AmazonMarketplaceValidator.ReadOnlyFields.Contains).Select(f => new AmazonFieldError(f, "is read-only.")).ToList();
        if (entity.IsBuiltIn)
        {
            errors.AddRange(change.ChangedFields.Where(f => f != AmazonMarketplaceValidator.BuiltInWritableField && !AmazonMarketplaceValidator.ReadOnlyFields.Contains(f))
                .Select(f => new AmazonFieldError(f, $"cannot change on a built-in marketplace; only {AmazonMarketplaceValidator.BuiltInWritableField} can.")));
        }

        var marketplace = mapper.Map<AmazonMarketplace>(entity);
        change.Apply(marketplace);
        if (!entity.IsBuiltIn)
        {
            errors.AddRange(AmazonMarketplaceValidator.Validate(marketplace));
            if (marketplace.Region != entity.Region && await db.AccountMarketplaces.AnyAsync(am => am.MarketplaceId == key, cancellationToken))
            {
                errors.Add(new(nameof(AmazonMarketplace.Region), "cannot change while accounts use this marketplace."));
            }
        }

        if (errors.Count > 0)
        {
            return AmazonProblem.Invalid(errors);
        }

        if (!entity.IsBuiltIn)
        {
            if (await FindConflictAsync(marketplace, exceptId: key, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            entity.Name = marketplace.Name;
            entity.CountryCode = marketplace.CountryCode;
            entity.Endpoint = marketplace.Endpoint;
            entity.ApiIdentifier = marketplace.ApiIdentifier;
            entity.CurrencyCode = marketplace.CurrencyCode;
            CopyCustomFields(marketplace, entity);
        }

        entity.IsActive = marketplace.IsActive;
        return await SaveAsync(key, marketplace, key, cancellationToken) is { } failed ? failed : entity;
    }

    /// <summary>Deletes a custom marketplace no account or offer uses.</summary>
    public async Task<AmazonResult<int>> DeleteAsync(int key, CancellationToken cancellationToken)
    {
        var entity = await db.Marketplaces.SingleOrDefaultAsync(m => m.Id == key, cancellationToken);
        if (entity is null)
        {
            return AmazonProblem.NotFound(EntitySet, key);
        }

        if (entity.IsBuiltIn)
        {
            return AmazonProblem.Invalid(nameof(AmazonMarketplace.IsBuiltIn), $"{entity.Name} is built in and cannot be deleted; set IsActive to false instead.");
        }

        if (await InUseAsync(key, entity.Name, cancellationToken) is { } inUse)
        {
            return inUse;
        }

        db.Marketplaces.Remove(entity);
        return await AmazonSaves.SaveAsync(db, logger, EntitySet, key, ct => InUseAsync(key, entity.Name, ct), cancellationToken) is { } failed ? failed : key;
    }

    private async Task<AmazonProblem?> InUseAsync(int key, string name, CancellationToken cancellationToken) =>
        await db.AccountMarketplaces.AnyAsync(am => am.MarketplaceId == key, cancellationToken) || await db.Offers.AnyAsync(o => o.MarketplaceId == key, cancellationToken)
            ? AmazonProblem.Conflict(nameof(AmazonMarketplace.Id), $"{name} is used by accounts or offers; remove it from them first.")
            : null;

    private async Task<AmazonProblem?> FindConflictAsync(AmazonMarketplace marketplace, int? exceptId, CancellationToken cancellationToken) =>
        await db.Marketplaces.AnyAsync(m => m.Id != exceptId && m.ApiIdentifier == marketplace.ApiIdentifier, cancellationToken)
            ? AmazonProblem.Conflict(nameof(AmazonMarketplace.ApiIdentifier), $"A marketplace with ApiIdentifier '{marketplace.ApiIdentifier}' already exists.")
            : null;

    private Task<AmazonProblem?> SaveAsync(object key, AmazonMarketplace marketplace, int? exceptId, CancellationToken cancellationToken) =>
        AmazonSaves.SaveAsync(db, logger, EntitySet, key, ct => FindConflictAsync(marketplace, exceptId, ct), cancellationToken);

    private static void CopyCustomFields(AmazonMarketplace source, AmazonMarketplaceEntity target)
    {
        target.Region = source.Region;
        target.PricesIncludeTax = source.PricesIncludeTax;
        target.SpApiOnly = source.SpApiOnly;
        target.IsActive = source.IsActive;
        target.IsBuiltIn = false;
    }
}
