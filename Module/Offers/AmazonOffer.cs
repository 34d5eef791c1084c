using ErpAmazonModule.Accounts;
using ErpAmazonModule.Marketplaces;

namespace ErpAmazonModule.Offers;

/// <summary>A pairing of an account's SKU with a host product, as the OData API shows and accepts it.</summary>
public sealed class AmazonOffer
{
    /// <summary>Key.</summary>
    public int Id { get; set; }

    /// <summary>The seller account.</summary>
    public int AccountId { get; set; }

    /// <summary>The seller's SKU, unique per account.</summary>
    public string Sku { get; set; } = "";

    /// <summary>The host product the SKU stands for.</summary>
    public string ProductId { get; set; } = "";

    /// <summary>Optional marketplace the offer is limited to.</summary>
    public int? MarketplaceId { get; set; }

    /// <summary>Automatic (created by sync) or manual (read-only: any change by a user makes it manual).</summary>
    public AmazonOfferOrigin Origin { get; set; }

    /// <summary>Creation time (read-only).</summary>
    public DateTimeOffset CreatedOn { get; set; }

    /// <summary>Last change (read-only).</summary>
    public DateTimeOffset UpdatedOn { get; set; }

    /// <summary>Concurrency token; the OData ETag (read-only).</summary>
    public Guid Version { get; set; }

    /// <summary>The account (navigation).</summary>
    public AmazonAccount? Account { get; set; }

    /// <summary>The marketplace (navigation).</summary>
    public AmazonMarketplace? Marketplace { get; set; }
}
