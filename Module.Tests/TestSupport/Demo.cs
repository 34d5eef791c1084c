using System.Net;
using System.Text.Json.Nodes;

namespace ErpAmazonModule.Tests.TestSupport;

/// <summary>Demo records created through the API, each with unique names so tests never depend on each other.</summary>
public static class Demo
{
    private static int _sequence;

    /// <summary>A unique, valid Amazon Seller ID.</summary>
    public static string SellerId() => "A" + Interlocked.Increment(ref _sequence).ToString("D12", System.Globalization.CultureInfo.InvariantCulture) + "X";

    /// <summary>A unique, valid MWS auth token.</summary>
    public static string MwsToken() => $"amzn.mws.{Guid.NewGuid()}";

    /// <summary>Creates an MWS account in <paramref name="region"/> and returns its JSON.</summary>
    public static async Task<JsonNode> CreateAccountAsync(HttpClient admin, string region = "EU", string? token = null, string? name = null) =>
        await admin.PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"{{name ?? "Shop " + Guid.NewGuid().ToString("N")[..8]}}","Api":"Mws","Region":"{{region}}","SellerId":"{{SellerId()}}","AuthorizationToken":"{{token ?? MwsToken()}}"}
            """).ExpectAsync(HttpStatusCode.Created);

    /// <summary>Id of the catalog marketplace with this MarketplaceId.</summary>
    public static async Task<int> MarketplaceIdAsync(HttpClient client, string apiIdentifier)
    {
        var body = await client.GetAsync($"/odata/amazon/Marketplaces?$filter=ApiIdentifier eq '{apiIdentifier}'&$select=Id").ExpectAsync(HttpStatusCode.OK);
        return (int)body["value"]![0]!["Id"]!;
    }

    /// <summary>Id of the demo host product with this internal reference.</summary>
    public static Task<int> ProductIdAsync(ErpHostFactory factory, string reference) =>
        factory.WithHostDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Products.Where(p => p.InternalReference == reference).Select(p => p.Id)));
}
