using ErpAmazonModule.Accounts;

namespace ErpAmazonModule.Marketplaces;

/// <summary>A marketplace of the catalog: built in, or added by hand.</summary>
public sealed class AmazonMarketplaceEntity
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string CountryCode { get; set; }
    public required string Endpoint { get; set; }

    /// <summary>Amazon's MarketplaceId, unique across the catalog.</summary>
    public required string ApiIdentifier { get; set; }
    public AmazonRegion Region { get; set; }
    public required string CurrencyCode { get; set; }
    public bool PricesIncludeTax { get; set; }
    public bool IsBuiltIn { get; set; }

    /// <summary>Only reachable through SP-API (no MWS endpoint).</summary>
    public bool SpApiOnly { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>A marketplace available to an account (Amazon lists the seller in it), active unless the user deactivated it.</summary>
public sealed class AmazonAccountMarketplaceEntity
{
    public int AccountId { get; set; }
    public int MarketplaceId { get; set; }
    public bool IsActive { get; set; } = true;
    public AmazonAccountEntity? Account { get; set; }
    public AmazonMarketplaceEntity? Marketplace { get; set; }
}
