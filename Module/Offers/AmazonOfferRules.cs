using ErpAmazonModule.Api;

namespace ErpAmazonModule.Offers;

/// <summary>Validation of an offer's own fields; references (account, product, marketplace) are checked by the controller.</summary>
public static class AmazonOfferRules
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

    /// <summary>The first problem with the offer's own fields, or null.</summary>
    public static AmazonFieldError? Validate(AmazonOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (string.IsNullOrWhiteSpace(offer.Sku))
        {
            return new(nameof(AmazonOffer.Sku), "is required.");
        }

        if (offer.Sku.Trim().Length != offer.Sku.Length)
        {
            return new(nameof(AmazonOffer.Sku), "must not start or end with spaces.");
        }

        if (offer.Sku.Length > SkuMaxLength)
        {
            return new(nameof(AmazonOffer.Sku), $"must be at most {SkuMaxLength} characters.");
        }

        if (offer.AccountId <= 0)
        {
            return new(nameof(AmazonOffer.AccountId), "is required.");
        }

        return string.IsNullOrWhiteSpace(offer.ProductId) ? new(nameof(AmazonOffer.ProductId), "is required.")
            : offer.ProductId.Length > HostIdMaxLength ? new(nameof(AmazonOffer.ProductId), $"must be at most {HostIdMaxLength} characters.") : null;
    }
}
