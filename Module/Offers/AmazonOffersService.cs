using ErpAmazonModule.Api;
using ErpAmazonModule.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Offers;

/// <summary>A change to an offer: the fields sent, how to apply them, and the version the client read (If-Match).</summary>
public sealed record AmazonOfferChange(IReadOnlySet<string> ChangedFields, Action<AmazonOffer> Apply, Guid? ExpectedVersion);

/// <summary>Offers (SKU-to-product pairings) made or changed by hand: validated at once, a SKU once per account.</summary>
public sealed class AmazonOffersService(AmazonDbContext db, AmazonApiMapper mapper, AmazonOfferValidator validator, TimeProvider time, ILogger<AmazonOffersService> logger)
{
    /// <summary>The entity set the API names offers by.</summary>
    public const string EntitySet = "Offers";

    /// <summary>Pairs a SKU with a product by hand.</summary>
    public async Task<AmazonResult<AmazonOfferEntity>> CreateAsync(AmazonOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (await CheckAsync(offer, exceptId: null, cancellationToken) is { } problem)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        var entity = new AmazonOfferEntity { AccountId = offer.AccountId, Sku = offer.Sku, ProductId = offer.ProductId, CreatedOn = now };
        Copy(offer, entity, now);
        db.Offers.Add(entity);
        return await SaveAsync(entity.Sku, offer, null, cancellationToken) is { } failed ? failed : entity;
    }

    /// <summary>Re-pairs an offer (product, marketplace or SKU); it becomes manual.</summary>
    public async Task<AmazonResult<AmazonOfferEntity>> UpdateAsync(int key, AmazonOfferChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var entity = await db.Offers.SingleOrDefaultAsync(o => o.Id == key, cancellationToken);
        if (AmazonProblem.CannotChange(entity, entity?.Version, change.ExpectedVersion, EntitySet, key, out var cannot))
        {
            return cannot;
        }

        var readOnly = change.ChangedFields.Where(AmazonOfferValidator.ReadOnlyFields.Contains).Select(f => new AmazonFieldError(f, "is read-only.")).ToList();
        if (readOnly.Count > 0)
        {
            return AmazonProblem.Invalid(readOnly);
        }

        var offer = mapper.Map<AmazonOffer>(entity);
        change.Apply(offer);
        if (await CheckAsync(offer, exceptId: key, cancellationToken) is { } problem)
        {
            return problem;
        }

        Copy(offer, entity, time.GetUtcNow());
        return await SaveAsync(key, offer, key, cancellationToken) is { } failed ? failed : entity;
    }

    /// <summary>Deletes an offer; the next order with its SKU pairs it again.</summary>
    public async Task<AmazonResult<int>> DeleteAsync(int key, Guid? expectedVersion, CancellationToken cancellationToken)
    {
        var entity = await db.Offers.SingleOrDefaultAsync(o => o.Id == key, cancellationToken);
        if (AmazonProblem.CannotChange(entity, entity?.Version, expectedVersion, EntitySet, key, out var cannot))
        {
            return cannot;
        }

        db.Offers.Remove(entity);
        return await SaveAsync(key, null, null, cancellationToken) is { } failed ? failed : key;
    }

    private async Task<AmazonProblem?> CheckAsync(AmazonOffer offer, int? exceptId, CancellationToken cancellationToken)
    {
        var errors = await validator.ValidateAsync(offer, cancellationToken);
        return errors.Count > 0 ? AmazonProblem.Invalid(errors) : await FindConflictAsync(offer, exceptId, cancellationToken);
    }

    private async Task<AmazonProblem?> FindConflictAsync(AmazonOffer offer, int? exceptId, CancellationToken cancellationToken) =>
        await db.Offers.AnyAsync(o => o.Id != exceptId && o.AccountId == offer.AccountId && o.Sku == offer.Sku, cancellationToken)
            ? AmazonProblem.Conflict(nameof(AmazonOffer.Sku), $"Account {offer.AccountId} already has an offer for SKU '{offer.Sku}'.")
            : null;

    private Task<AmazonProblem?> SaveAsync(object key, AmazonOffer? offer, int? exceptId, CancellationToken cancellationToken) =>
        AmazonSaves.SaveAsync(db, logger, EntitySet, key, offer is null ? null : ct => FindConflictAsync(offer, exceptId, ct), cancellationToken);

    private static void Copy(AmazonOffer source, AmazonOfferEntity target, DateTimeOffset now)
    {
        target.AccountId = source.AccountId;
        target.Sku = source.Sku;
        target.ProductId = source.ProductId;
        target.MarketplaceId = source.MarketplaceId;
        target.Origin = AmazonOfferOrigin.Manual;
        target.UpdatedOn = now;
        target.Version = Guid.NewGuid();
    }
}
