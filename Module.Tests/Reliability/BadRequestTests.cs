using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ErpAmazonModule.Tests.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using static ErpAmazonModule.Tests.Sync.SyncScenario;

namespace ErpAmazonModule.Tests.Reliability;

/// <summary>
/// Well over a thousand generated requests that are wrong in every way a client, a script or an attacker gets them
/// wrong, against every entity set, action and the settings API: each is refused with a 4xx and an OData error body,
/// none answers 5xx, no answer shows a stack trace or a type name, and the database is byte for byte what it was.
/// </summary>
[TestClass]
public sealed class BadRequestTests
{
    private const string Germany = "A1PA6795UKMFR9";

    [TestMethod]
    [TestCategory("Reliability")]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task ThousandsOfBadRequests_AllRefusedWith4xxAndAnODataError_NoLeaks_NothingWritten()
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        var s = await SyncScenario.CreateAsync(factory, "EU", Germany);
        s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))]);
        await s.SyncAsync();
        var product = await Demo.ProductIdAsync(factory, "ECHO-DOT-5");
        var offer = await admin.PostJsonAsync("/odata/amazon/Offers", $$"""{"AccountId":{{s.AccountId}},"Sku":"BAD-REQ-1","ProductId":"{{product}}"}""").ExpectAsync(HttpStatusCode.Created);
        var marketplace = await admin.PostJsonAsync("/odata/amazon/Marketplaces",
            """{"Name":"Amazon.xx","CountryCode":"XX","Endpoint":"mws-eu.amazonservices.com","ApiIdentifier":"A9BADREQ0001","Region":"EU","CurrencyCode":"EUR","PricesIncludeTax":true}""").ExpectAsync(HttpStatusCode.Created);
        var run = await admin.GetAsync("/odata/amazon/SyncRuns?$top=1&$select=Id").ExpectAsync(HttpStatusCode.OK);
        var link = await admin.GetAsync("/odata/amazon/OrderLinks?$top=1&$select=Id").ExpectAsync(HttpStatusCode.OK);
        var entities = new Dictionary<string, (string Key, JsonObject Body)>
        {
            ["Accounts"] = ($"{s.AccountId}", await ReadAsync(admin, $"/odata/amazon/Accounts({s.AccountId})")),
            ["Offers"] = ($"{offer["Id"]}", await ReadAsync(admin, $"/odata/amazon/Offers({offer["Id"]})")),
            ["Marketplaces"] = ($"{marketplace["Id"]}", await ReadAsync(admin, $"/odata/amazon/Marketplaces({marketplace["Id"]})")),
            ["DefaultProducts"] = ("'Sale'", await ReadAsync(admin, "/odata/amazon/DefaultProducts('Sale')")),
            ["SyncRuns"] = ($"{run["value"]![0]!["Id"]}", new JsonObject()),
            ["OrderLinks"] = ($"{link["value"]![0]!["Id"]}", new JsonObject()),
        };

        var requests = BadRequests.Generate(entities, s.AccountId).ToList();
        Assert.IsTrue(requests.Count >= 1000, $"{requests.Count} requests generated");
        var before = Snapshot(factory.DatabasePath);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        foreach (var request in requests)
        {
            using var message = request.ToMessage();
            using var response = await admin.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var problem = Problem(status, body, response.Content.Headers.ContentType?.MediaType);
            if (problem is not null)
            {
                failures.Add($"{request}: {status} {problem}: {body[..Math.Min(body.Length, 300)]}");
            }
        }

        var after = Snapshot(factory.DatabasePath);
        var changed = before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).ToList();
        Console.WriteLine($"bad requests: {requests.Count} sent; answers {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}; failures {failures.Count}; tables changed: {string.Join(", ", changed)}");
        Assert.AreEqual(0, failures.Count, $"{failures.Count} of {requests.Count}:\n" + string.Join("\n", failures.Take(40)));
        Assert.AreEqual(0, changed.Count, "written by refused requests: " + string.Join(", ", changed));
    }

    private static async Task<JsonObject> ReadAsync(HttpClient client, string url)
    {
        var body = (JsonObject)await client.GetAsync(url).ExpectAsync(HttpStatusCode.OK);
        foreach (var key in body.Select(p => p.Key).Where(k => k.Contains('@', StringComparison.Ordinal)).ToList())
        {
            body.Remove(key);
        }

        return body;
    }

    /// <summary>What is wrong with an answer to a bad request, or null when it is the refusal it should be.</summary>
    private static string? Problem(int status, string body, string? mediaType)
    {
        if (status is < 400 or >= 500)
        {
            return "not a 4xx";
        }

        foreach (var leak in new[] { "   at ", "Exception", "System.", "Microsoft.", "ErpAmazonModule.", "Npgsql", "SQLite Error", "stack" })
        {
            if (body.Contains(leak, StringComparison.OrdinalIgnoreCase))
            {
                return $"leaks '{leak}'";
            }
        }

        if (mediaType != "application/json")
        {
            return $"answered {mediaType ?? "no body"}";
        }

        try
        {
            var error = JsonNode.Parse(body)?["error"];
            return error?["code"] is null || error["message"] is null ? "no OData error" : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return "not JSON";
        }
    }

    /// <summary>Every row of every table, per table (the whole database a refused request must not touch).</summary>
    private static Dictionary<string, string> Snapshot(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=false");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var snapshot = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            using var reader = select.ExecuteReader();
            var rows = new StringBuilder();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    rows.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                rows.Append('\n');
            }

            snapshot[table] = rows.ToString();
        }

        return snapshot;
    }
}
