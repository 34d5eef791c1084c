using ErpAmazonModule.Accounts;
using ErpAmazonModule.Marketplaces;

namespace ErpAmazonModule.Offers;

/// <summary>How an offer came to be.</summary>
public enum AmazonOfferOrigin
{
    /// <summary>Created by order sync the first time a SKU matched a product's internal reference.</summary>
    Automatic,
    /// <summary>Created or re-paired by a user.</summary>
    Manual,
}

/// <summary>A pairing of an account's SKU with a host product.</summary>
public sealed class AmazonOfferEntity
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public required string Sku { get; set; }
    public required string ProductId { get; set; }
    public int? MarketplaceId { get; set; }
    public AmazonOfferOrigin Origin { get; set; }
    public DateTimeOffset CreatedOn { get; set; }
    public DateTimeOffset UpdatedOn { get; set; }
    public Guid Version { get; set; }
    public AmazonAccountEntity? Account { get; set; }
    public AmazonMarketplaceEntity? Marketplace { get; set; }
}
