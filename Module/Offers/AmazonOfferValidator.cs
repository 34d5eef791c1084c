using ErpAmazonModule.Api;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Offers;

/// <summary>Validation of an offer: its own fields and what it refers to (account, host product, marketplace), every problem at once.</summary>
public sealed class AmazonOfferValidator(AmazonDbContext db, IAmazonHostProducts products)
{
    /// <summary>Amazon's limit for a seller SKU.</summary>
    public const int SkuMaxLength = 40;
    private const int HostIdMaxLength = AmazonConnectorDefaults.HostIdMaxLength;

    /// <summary>Fields the API shows but a client may not set.</summary>
    public static readonly IReadOnlySet<string> ReadOnlyFields = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(AmazonOffer.Id), nameof(AmazonOffer.Origin), nameof(AmazonOffer.CreatedOn), nameof(AmazonOffer.UpdatedOn),
        nameof(AmazonOffer.Version), nameof(AmazonOffer.Account), nameof(AmazonOffer.Marketplace),
    };

    /// <summary>Every problem with <paramref name="offer"/>; empty when it is valid.</summary>
    public async Task<List<AmazonFieldError>> ValidateAsync(AmazonOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var errors = new List<AmazonFieldError>();
        void Check(bool wrong, string field, string message)
        {
            if (wrong)
            {
                errors.Add(new(field, message));
            }
        }

        Check(string.IsNullOrWhiteSpace(offer.Sku), nameof(AmazonOffer.Sku), "is required.");
        Check(!string.IsNullOrWhiteSpace(offer.Sku) && offer.Sku.Trim().Length != offer.Sku.Length, nameof(AmazonOffer.Sku), "must not start or end with spaces.");
        Check(offer.Sku?.Length > SkuMaxLength, nameof(AmazonOffer.Sku), $"must be at most {SkuMaxLength} characters.");
        Check(string.IsNullOrWhiteSpace(offer.ProductId), nameof(AmazonOffer.ProductId), "is required.");
        Check(offer.ProductId?.Length > HostIdMaxLength, nameof(AmazonOffer.ProductId), $"must be at most {HostIdMaxLength} characters.");

        var account = offer.AccountId > 0 ? await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == offer.AccountId, cancellationToken) : null;
        Check(offer.AccountId <= 0, nameof(AmazonOffer.AccountId), "is required.");
        Check(offer.AccountId > 0 && account is null, nameof(AmazonOffer.AccountId), $"account {offer.AccountId} does not exist.");
        if (!string.IsNullOrWhiteSpace(offer.ProductId) && offer.ProductId.Length <= HostIdMaxLength)
        {
            Check(await products.GetAsync(offer.ProductId, cancellationToken) is null, nameof(AmazonOffer.ProductId), $"product {offer.ProductId} does not exist in the ERP.");
        }

        if (offer.MarketplaceId is { } marketplaceId)
        {
            var marketplace = await db.Marketplaces.AsNoTracking().SingleOrDefaultAsync(m => m.Id == marketplaceId, cancellationToken);
            Check(marketplace is null, nameof(AmazonOffer.MarketplaceId), $"marketplace {marketplaceId} does not exist.");
            Check(marketplace is not null && account is not null && marketplace.Region != account.Region, nameof(AmazonOffer.MarketplaceId),
                $"{marketplace?.Name} belongs to region {marketplace?.Region}; account '{account?.Name}' is in region {account?.Region}.");
        }

        return errors;
    }
}
