using System.Net;
using System.Text.Json.Nodes;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Tests.TestSupport;

/// <summary>Demo records created through the API, each with unique names so tests never depend on each other.</summary>
public static class Demo
{
    private static int _sequence;

    /// <summary>A unique, valid Amazon Seller ID.</summary>
    public static string SellerId() => "A" + Interlocked.Increment(ref _sequence).ToString("D12", System.Globalization.CultureInfo.InvariantCulture) + "X";

    /// <summary>A unique, valid MWS auth token.</summary>
    public static string MwsToken() => $"amzn.mws.{Guid.NewGuid()}";

    /// <summary>The marketplace a new sandbox seller sells in by default, per region.</summary>
    public static string DefaultMarketplace(string region) => region switch { "NA" => "ATVPDKIKX0DER", "FE" => "A1VC38T7YXB528", _ => "A1PA6795UKMFR9" };

    /// <summary>Registers a new seller in the factory's sandbox, authorizing the region's developer with <paramref name="token"/>.</summary>
    public static (string SellerId, string Token) Seller(ErpHostFactory factory, string region = "EU", string? token = null, params string[] marketplaces)
    {
        var sellerId = SellerId();
        token ??= MwsToken();
        Grant(factory, sellerId, region, token, marketplaces);
        return (sellerId, token);
    }

    /// <summary>Gives the region's developer (another) token for the seller, who sells in <paramref name="marketplaces"/>.</summary>
    public static void Grant(ErpHostFactory factory, string sellerId, string region, string token, params string[] marketplaces) =>
        Grant(factory.Sandbox, sellerId, region, token, marketplaces);

    /// <summary>Gives the region's developer of <paramref name="sandbox"/> (another) token for the seller, who sells in <paramref name="marketplaces"/>.</summary>
    public static void Grant(SandboxServer sandbox, string sellerId, string region, string token, params string[] marketplaces)
    {
        var developer = SandboxCatalog.Developers.Single(d => d.Region == region);
        var seller = new SandboxSeller { SellerId = sellerId, Region = region, MarketplaceIds = marketplaces.Length > 0 ? [.. marketplaces] : [DefaultMarketplace(region)] };
        sandbox.Store.RegisterSeller(seller, developer.DeveloperId, token, TimeSpan.FromDays(365));
    }

    /// <summary>The JSON of a valid new MWS account for a seller the sandbox knows.</summary>
    public static string AccountJson(ErpHostFactory factory, string region = "EU", string? name = null, string extra = "")
    {
        var (sellerId, token) = Seller(factory, region);
        return $$"""{"Name":"{{name ?? "Shop " + Guid.NewGuid().ToString("N")[..8]}}","Api":"Mws","Region":"{{region}}","SellerId":"{{sellerId}}","AuthorizationToken":"{{token}}"{{extra}}}""";
    }

    /// <summary>Creates an MWS account in <paramref name="region"/> for a new sandbox seller and returns its JSON.</summary>
    public static async Task<JsonNode> CreateAccountAsync(ErpHostFactory factory, HttpClient admin, string region = "EU", string? token = null, string? name = null)
    {
        var (sellerId, registered) = Seller(factory, region, token);
        return await admin.PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"{{name ?? "Shop " + Guid.NewGuid().ToString("N")[..8]}}","Api":"Mws","Region":"{{region}}","SellerId":"{{sellerId}}","AuthorizationToken":"{{registered}}"}
            """).ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>Id of the catalog marketplace with this MarketplaceId.</summary>
    public static async Task<int> MarketplaceIdAsync(HttpClient client, string apiIdentifier)
    {
        var body = await client.GetAsync($"/odata/amazon/Marketplaces?$filter=ApiIdentifier eq '{apiIdentifier}'&$select=Id").ExpectAsync(HttpStatusCode.OK);
        return (int)body["value"]![0]!["Id"]!;
    }

    /// <summary>Id of the demo host product with this internal reference.</summary>
    /// <summary>The host's integer key of a product (what its own tables hold).</summary>
    public static Task<int> ProductKeyAsync(ErpHostFactory factory, string reference) =>
        factory.WithHostDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Products.Where(p => p.InternalReference == reference).Select(p => p.Id)));

    /// <summary>A product's id as the connector's API and the contract carry it (an opaque string).</summary>
    public static async Task<string> ProductIdAsync(ErpHostFactory factory, string reference) =>
        ErpAmazonModule.Host.Ports.HostIds.Of(await factory.WithHostDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Products.Where(p => p.InternalReference == reference).Select(p => p.Id))));
}
