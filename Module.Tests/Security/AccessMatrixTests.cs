using System.Text.Json.Nodes;
using ErpAmazonModule.Tests.TestSupport;

namespace ErpAmazonModule.Tests.Security;

/// <summary>
/// Every operation of the module's API, the settings API, the job dashboard and the API descriptions, called with no
/// key, a wrong key and each role's key: refused (401 without a valid key, 403 without the permission) exactly when the
/// manifest's permissions and their default roles say so.
/// </summary>
[TestClass]
public sealed class AccessMatrixTests
{
    private const string Read = "amazon.data.read";
    private const string ManageOffers = "amazon.offers.manage";
    private const string ManageAccounts = "amazon.accounts.manage";
    private const string Finance = "amazon.finance";
    private const string Shipments = "amazon.shipments";
    private const string Admin = "admin";

    /// <summary>What each operation of the module's OpenAPI document needs (its class's read permission included).</summary>
    private static readonly Dictionary<string, string[]> Needs = new()
    {
        ["GET /odata/amazon/Accounts"] = [Read],
        ["POST /odata/amazon/Accounts"] = [Read, ManageAccounts],
        ["GET /odata/amazon/Accounts/$count"] = [Read],
        ["GET /odata/amazon/Accounts({key})"] = [Read],
        ["PATCH /odata/amazon/Accounts({key})"] = [Read, ManageAccounts],
        ["DELETE /odata/amazon/Accounts({key})"] = [Read, ManageAccounts],
        ["GET /odata/amazon/Accounts({key})/ActiveMarketplaces"] = [Read],
        ["GET /odata/amazon/Accounts({key})/ActiveMarketplaces/$count"] = [Read],
        ["GET /odata/amazon/Accounts({key})/AvailableMarketplaces"] = [Read],
        ["GET /odata/amazon/Accounts({key})/AvailableMarketplaces/$count"] = [Read],
        ["POST /odata/amazon/Accounts({key})/ActivateMarketplace"] = [Read, ManageAccounts],
        ["POST /odata/amazon/Accounts({key})/DeactivateMarketplace"] = [Read, ManageAccounts],
        ["POST /odata/amazon/Accounts({key})/RecoverOrder"] = [Read, ManageAccounts],
        ["POST /odata/amazon/Accounts({key})/SyncOrders"] = [Read, ManageAccounts],
        ["POST /odata/amazon/Accounts({key})/UpdateMarketplaces"] = [Read, ManageAccounts],
        ["GET /odata/amazon/DefaultProducts"] = [Read],
        ["GET /odata/amazon/DefaultProducts/$count"] = [Read],
        ["GET /odata/amazon/DefaultProducts({key})"] = [Read],
        ["PATCH /odata/amazon/DefaultProducts({key})"] = [Read, ManageOffers],
        ["GET /odata/amazon/FinancialEvents"] = [Finance],
        ["GET /odata/amazon/FinancialEvents/$count"] = [Finance],
        ["GET /odata/amazon/FinancialEvents({key})"] = [Finance],
        ["POST /odata/amazon/FinancialEvents/Import"] = [Finance],
        ["POST /odata/amazon/FinancialEvents/ImportSettlement"] = [Finance],
        ["GET /odata/amazon/Reconciliations"] = [Finance],
        ["GET /odata/amazon/Reconciliations/$count"] = [Finance],
        ["GET /odata/amazon/Reconciliations({key})"] = [Finance],
        ["POST /odata/amazon/Reconciliations({key})/ApproveWriteOff"] = [Finance],
        ["POST /odata/amazon/Reconciliations/Match"] = [Finance],
        ["GET /odata/amazon/AuditEntries"] = [ManageAccounts],
        ["GET /odata/amazon/AuditEntries/$count"] = [ManageAccounts],
        ["GET /odata/amazon/AuditEntries({key})"] = [ManageAccounts],
        ["GET /odata/amazon/DeveloperProfile"] = [ManageAccounts],
        ["GET /odata/amazon/Shipments"] = [Shipments],
        ["GET /odata/amazon/Shipments/$count"] = [Shipments],
        ["GET /odata/amazon/Shipments({key})"] = [Shipments],
        ["POST /odata/amazon/Shipments({key})/Retry"] = [Shipments],
        ["POST /odata/amazon/Shipments/Send"] = [Shipments],
        ["GET /odata/amazon/Marketplaces"] = [Read],
        ["POST /odata/amazon/Marketplaces"] = [Read, ManageAccounts],
        ["GET /odata/amazon/Marketplaces/$count"] = [Read],
        ["GET /odata/amazon/Marketplaces({key})"] = [Read],
        ["PATCH /odata/amazon/Marketplaces({key})"] = [Read, ManageAccounts],
        ["DELETE /odata/amazon/Marketplaces({key})"] = [Read, ManageAccounts],
        ["GET /odata/amazon/Offers"] = [Read],
        ["POST /odata/amazon/Offers"] = [Read, ManageOffers],
        ["GET /odata/amazon/Offers/$count"] = [Read],
        ["GET /odata/amazon/Offers({key})"] = [Read],
        ["PATCH /odata/amazon/Offers({key})"] = [Read, ManageOffers],
        ["DELETE /odata/amazon/Offers({key})"] = [Read, ManageOffers],
        ["GET /odata/amazon/OrderLinks"] = [Read],
        ["GET /odata/amazon/OrderLinks/$count"] = [Read],
        ["GET /odata/amazon/OrderLinks({key})"] = [Read],
        ["GET /odata/amazon/SyncRuns"] = [Read],
        ["GET /odata/amazon/SyncRuns/$count"] = [Read],
        ["GET /odata/amazon/SyncRuns({key})"] = [Read],
        // The host's: settings and the job dashboard are the administrator's.
        ["GET /api/settings"] = [Admin],
        // A setting is changed with the permission the manifest gives it, else the host's (the administrator's).
        ["PUT /api/settings/erp.amazon.sync.max_order_attempts"] = [ManageAccounts],
        ["PUT /api/settings/erp.amazon.default_products.sale_reference"] = [ManageOffers],
        ["PUT /api/settings/erp.amazon.enabled"] = [Admin],
        ["GET /hangfire"] = [Admin],
        ["GET /hangfire/jobs/enqueued"] = [Admin],
        ["GET /hangfire/recurring"] = [Admin],
    };

    private static readonly (string Name, string? Key, string? Role)[] Callers =
    [
        ("no key", null, null),
        ("a wrong key", "not-a-configured-key", null),
        ("admin", ErpHostFactory.AdminKey, "admin"),
        ("manager", ErpHostFactory.ManagerKey, "manager"),
        ("finance", ErpHostFactory.FinanceKey, "finance"),
        ("warehouse", "demo-warehouse-key", "warehouse"),
        ("salesperson", ErpHostFactory.SalesKey, "salesperson"),
    ];

    [TestMethod]
    public void TheMatrixCoversEveryOperationOfTheModulesApi()
    {
        var document = JsonNode.Parse(File.ReadAllText(Repository.PathOf("openapi", "amazon-connector.v1.json")))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(method => $"{method.Key.ToUpperInvariant()} {path.Key}")).ToHashSet();
        var missing = operations.Where(o => !Needs.ContainsKey(o)).ToList();
        var unknown = Needs.Keys.Where(k => k.Contains("/odata/amazon/", StringComparison.Ordinal) && !operations.Contains(k)).ToList();
        Assert.AreEqual(0, missing.Count, "operations the matrix does not check: " + string.Join(", ", missing));
        Assert.AreEqual(0, unknown.Count, "the matrix checks operations the API no longer has: " + string.Join(", ", unknown));
    }

    [TestMethod]
    public async Task EveryOperation_ForNoKeyAWrongKeyAndEachRole_RefusedExactlyWhenTheManifestSays()
    {
        var factory = SharedHost.Factory;
        var grants = RoleGrants();
        var failures = new List<string>();
        var checkedCalls = 0;
        foreach (var (operation, needs) in Needs)
        {
            var method = new HttpMethod(operation[..operation.IndexOf(' ', StringComparison.Ordinal)]);
            // A key nobody has: an allowed caller gets past authorization to a 404 or a 400, and nothing is changed.
            var url = operation[(method.Method.Length + 1)..].Replace("{key}", operation.Contains("DefaultProducts", StringComparison.Ordinal) ? "'Nothing'" : "987654", StringComparison.Ordinal);
            foreach (var (name, key, role) in Callers)
            {
                using var client = factory.Client(key);
                using var request = new HttpRequestMessage(method, url);
                if (method != HttpMethod.Get)
                {
                    request.Content = new StringContent(url.Contains("/hangfire", StringComparison.Ordinal) ? "" : "{}", System.Text.Encoding.UTF8,
                        url.Contains("/hangfire", StringComparison.Ordinal) ? "application/x-www-form-urlencoded" : "application/json");
                }

                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var allowed = role is not null && needs.All(n => n == Admin ? role == Admin : grants.GetValueOrDefault(n, []).Contains(role));
                var expected = key is null || role is null ? "401" : allowed ? "allowed" : "403";
                var actual = status switch
                {
                    401 => "401",
                    403 => "403",
                    >= 500 => $"{status}",
                    _ => "allowed",
                };
                checkedCalls++;
                if (actual != expected)
                {
                    failures.Add($"{operation} by {name}: {status}, expected {expected}");
                }
            }
        }

        Console.WriteLine($"access matrix: {Needs.Count} operations x {Callers.Length} callers = {checkedCalls} calls, {failures.Count} wrong");
        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task OutsideDevelopment_TheApiDescriptionsNeedAKey_TheDashboardTheAdministrator_AndTheSandboxIsNotThere()
    {
        using var sandbox = SandboxServer.Start(TimeProvider.System);
        var folder = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"));
        var settings = RunningHost.SharedSettings("Sqlite", $"Data Source={Path.Combine(folder, "erp.db")}", sandbox, folder);
        settings["Auth:ApiKeys:1:Key"] = "process-manager-key";
        settings["Auth:ApiKeys:1:UserName"] = "manager";
        settings["Auth:ApiKeys:1:Roles:0"] = "manager";
        await using var host = await RunningHost.StartAsync(settings);
        using var anonymous = new HttpClient { BaseAddress = host.Address };
        using var manager = new HttpClient { BaseAddress = host.Address };
        manager.DefaultRequestHeaders.Add("X-Api-Key", "process-manager-key");
        var failures = new List<string>();
        foreach (var (url, anonymousStatus, managerStatus, adminStatus) in new (string, int, int, int)[]
        {
            ("/odata/amazon/$metadata", 401, 200, 200),
            ("/swagger/amazon-connector.v1/swagger.json", 401, 200, 200),
            ("/swagger/index.html", 401, 200, 200),
            ("/hangfire", 401, 403, 200),
            ("/api/settings", 401, 403, 200),
            ("/sandbox/admin/", 404, 404, 404),
            ("/sandbox/mws/Orders/2013-09-01", 404, 404, 404),
        })
        {
            foreach (var (who, client, expected) in new[] { ("anonymous", anonymous, anonymousStatus), ("manager", manager, managerStatus), ("admin", host.Api, adminStatus) })
            {
                using var response = await client.GetAsync(url);
                if ((int)response.StatusCode != expected)
                {
                    failures.Add($"{url} by {who}: {(int)response.StatusCode}, expected {expected}");
                }
            }
        }

        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
    }

    /// <summary>The roles each permission is granted to by default: the manifest's word.</summary>
    private static Dictionary<string, string[]> RoleGrants()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Repository.PathOf("module.manifest.json")))!;
        return manifest["permissions"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => p!["defaultRoles"]!.AsArray().Select(r => (string)r!).ToArray());
    }
}
