using ErpAmazonModule.Accounts;

namespace ErpAmazonModule.Marketplaces;

/// <summary>A marketplace of the catalog, as the OData API shows and accepts it.</summary>
public sealed class AmazonMarketplace
{
    /// <summary>Key.</summary>
    public int Id { get; set; }

    /// <summary>Name like <c>Amazon.de</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>ISO 3166 country code.</summary>
    public string CountryCode { get; set; } = "";

    /// <summary>API endpoint host (MWS endpoint; SP-API endpoint for SP-API-only marketplaces).</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Amazon's MarketplaceId.</summary>
    public string ApiIdentifier { get; set; } = "";

    /// <summary>Region the marketplace belongs to.</summary>
    public AmazonRegion Region { get; set; }

    /// <summary>ISO 4217 currency.</summary>
    public string CurrencyCode { get; set; } = "";

    /// <summary>Whether Amazon's prices on this marketplace include tax.</summary>
    public bool PricesIncludeTax { get; set; }

    /// <summary>Part of the built-in catalog (read-only); only its <see cref="IsActive"/> can change.</summary>
    public bool IsBuiltIn { get; set; }

    /// <summary>Reachable only through SP-API (read-only for built-in rows).</summary>
    public bool SpApiOnly { get; set; }

    /// <summary>Inactive marketplaces are never synced, for any account.</summary>
    public bool IsActive { get; set; } = true;
}
