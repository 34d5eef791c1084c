using System.Net;
using System.Text.Json.Nodes;
using ErpAmazonModule.Compliance;
using ErpAmazonModule.Host.Data;
using ErpAmazonModule.Host.Ports;
using ErpAmazonModule.Tests.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ErpAmazonModule.Tests.Sync.SyncScenario;

namespace ErpAmazonModule.Tests.Compliance;

/// <summary>
/// Amazon's Data Protection Policy as the connector keeps it: buyer data erased on time and nowhere else, FBA orders
/// without street addresses, an audit trail of every change that never holds a secret, and the developer profile
/// answered from the installation's real configuration.
/// </summary>
[TestClass]
public sealed class DataProtectionTests
{
    private const string Germany = "A1PA6795UKMFR9";

    [TestMethod]
    public async Task BuyerData_OfOrdersShipped31DaysAgo_IsErasedEverywhere_29DaysAgo_IsKept_AndARerunErasesNothingNew()
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await SyncScenario.CreateAsync(factory, ErpAmazonModule.Accounts.AmazonApi.SellingPartner, null, "EU", Germany);
        var old = s.Order(Germany, "MFN", "Shipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 20, buyer: "Zoë Ältere");
        var recent = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 20, buyer: "Jan Jünger");
        Assert.AreEqual(2, (await s.SyncAsync()).OrdersCreated);
        factory.Clock.Advance(TimeSpan.FromDays(2));
        s.ChangeStatus(recent.AmazonOrderId, "Shipped");
        await s.SyncAsync();
        Assert.IsNotNull(await PartnerAsync(factory, old.BuyerEmail), "the buyer is in the ERP before");

        // 31 days after the first shipped, 29 after the second.
        factory.Clock.Advance(TimeSpan.FromDays(29) - TimeSpan.FromMinutes(5));
        var run = await RunJobAsync(factory);

        Assert.AreEqual((1, 2, null), (run.Orders, run.Partners, run.Error), "the old order's customer and its delivery address");
        StringAssert.Contains(run.Kept, "postal code");
        var erased = await factory.WithHostDbAsync(async db =>
        {
            var order = await db.SalesOrders.AsNoTracking().SingleAsync(o => o.ClientReference == old.AmazonOrderId);
            return await db.Partners.AsNoTracking().Where(p => p.Id == order.CustomerId || p.Id == order.DeliveryAddressId).ToListAsync();
        });
        Assert.AreEqual(2, erased.Count);
        foreach (var partner in erased)
        {
            Assert.AreEqual((HostBuyerData.ErasedName, null, null, null), (partner.Name, partner.Email, partner.Street, partner.Phone), "name, e-mail, street and phone erased");
            Assert.AreEqual(("Berlin", "10115", "DE"), (partner.City, partner.Zip, partner.CountryCode), "the tax jurisdiction kept");
        }

        Assert.IsNull(await PartnerAsync(factory, old.BuyerEmail));
        Assert.AreEqual("Jan Jünger", (await PartnerAsync(factory, recent.BuyerEmail))?.Name, "shipped 29 days ago: untouched");
        Assert.IsNotNull((await s.LinkAsync(old.AmazonOrderId)).BuyerDataErasedOn);
        Assert.IsNull((await s.LinkAsync(recent.AmazonOrderId)).BuyerDataErasedOn);
        // The connector's own tables never held any of it.
        var moduleText = await ModuleTablesTextAsync(factory);
        foreach (var personal in new[] { "Ältere", "Jünger", old.BuyerEmail, recent.BuyerEmail, "Hauptstraße" })
        {
            Assert.IsFalse(moduleText.Contains(personal, StringComparison.Ordinal), $"'{personal}' in the module's tables");
        }

        var again = await RunJobAsync(factory);
        Assert.AreEqual((0, 0), (again.Orders, again.Partners), "a re-run erases nothing new");
        factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.AreEqual((1, 2), ((await RunJobAsync(factory)).Orders, (await factory.WithModuleDbAsync(db => db.DataPurges.OrderByDescending(p => p.Id).FirstAsync())).Partners));
    }

    [TestMethod]
    public async Task OrdersFulfilledByAmazon_StoreNoAddress_ButABusinessKeepsItsNameAndVatNumber()
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await SyncScenario.CreateAsync(factory, ErpAmazonModule.Accounts.AmazonApi.SellingPartner, null, "EU", Germany);
        var person = s.Order(Germany, "AFN", "Shipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 20, buyer: "Olga Privat");
        Assert.AreEqual(1, (await s.SyncAsync()).OrdersCreated);

        var partners = await factory.WithHostDbAsync(async db =>
        {
            var order = await db.SalesOrders.AsNoTracking().SingleAsync(o => o.ClientReference == person.AmazonOrderId);
            return await db.Partners.AsNoTracking().Where(p => p.Id == order.CustomerId || p.Id == order.DeliveryAddressId).ToListAsync();
        });
        Assert.IsTrue(partners.All(p => p.Street is null && p.Street2 is null && p.Phone is null && p.Email is null && !p.Name.Contains("Olga", StringComparison.Ordinal)),
            string.Join("; ", partners.Select(p => $"{p.Name} {p.Street} {p.Email}")));
        Assert.IsTrue(partners.Any(p => p.CountryCode == "DE" && p.Zip == "10115"), "the tax jurisdiction is kept");
        Assert.AreEqual(0, await factory.WithHostDbAsync(db => db.Partners.CountAsync(p => p.Street != null)), "an FBA-only account stores no street address at all");
    }

    [TestMethod]
    public async Task AuditTrail_RecordsWhoChangedWhatFromWhere_BeforeAndAfter_NeverASecret_AndIsPurgedAfterItsRetention()
    {
        using var factory = new ErpHostFactory(orders: 0);
        var admin = factory.Client();
        const string token = "Atzr|IwEBISandboxRefreshToken-A1SANDBOXEU0001";
        var created = await admin.PostJsonAsync("/odata/amazon/Accounts", $$"""{"Name":"Audited","Region":"EU","SellerId":"A1SANDBOXEU0001","AuthorizationToken":"{{token}}"}""").ExpectAsync(HttpStatusCode.Created);
        var id = (int)created["Id"]!;
        await admin.PatchJsonAsync($"/odata/amazon/Accounts({id})", $$"""{"Name":"Audited again","AuthorizationToken":"{{token}}"}""").ExpectAsync(HttpStatusCode.OK);
        var marketplace = (int)(await admin.GetAsync($"/odata/amazon/Accounts({id})/ActiveMarketplaces?$top=1").ExpectAsync(HttpStatusCode.OK))["value"]![0]!["Id"]!;
        await admin.PostJsonAsync($"/odata/amazon/Accounts({id})/DeactivateMarketplace", $$"""{"MarketplaceId":{{marketplace}}}""").ExpectAsync(HttpStatusCode.OK);
        var offer = await admin.PostJsonAsync("/odata/amazon/Offers", $$"""{"AccountId":{{id}},"Sku":"AUDIT-SKU","ProductId":"1"}""").ExpectAsync(HttpStatusCode.Created);
        await admin.PatchJsonAsync("/odata/amazon/DefaultProducts('Sale')", """{"ProductId":"2"}""").ExpectAsync(HttpStatusCode.OK);
        await admin.PutJsonAsync("/api/settings/erp.amazon.data_protection.buyer_data_retention_days", """{"Value":"20"}""").ExpectAsync(HttpStatusCode.NoContent);
        await admin.DeleteAsync($"/odata/amazon/Offers({(int)offer["Id"]!})", null).ExpectAsync(HttpStatusCode.NoContent);

        var entries = (await admin.GetAsync("/odata/amazon/AuditEntries?$orderby=Id").ExpectAsync(HttpStatusCode.OK))["value"]!.AsArray().Select(e => e!).ToList();
        string Of(string action, string type) => entries.Single(e => (string?)e["Action"] == action && (string?)e["EntityType"] == type)["Changes"]!.GetValue<string>();
        // In-process requests have no remote address; over a socket each entry has the caller's.
        Assert.IsTrue(entries.All(e => (string?)e["User"] == "admin"), entries[0]!.ToJsonString());
        var createdAccount = Of("Created", "Account");
        StringAssert.Contains(createdAccount, """{"Field":"ProtectedAuthorizationToken","Before":null,"After":"changed"}""");
        Assert.IsFalse(createdAccount.Contains("\"After\":null", StringComparison.Ordinal), "a new row lists what it was created with, not its empty fields");
        var renamed = Of("Changed", "Account");
        StringAssert.Contains(renamed, """{"Field":"Name","Before":"Audited","After":"Audited again"}""");
        StringAssert.Contains(renamed, "\"After\":\"changed\"");
        StringAssert.Contains(Of("Changed", "AccountMarketplace"), """{"Field":"IsActive","Before":"True","After":"False"}""");
        StringAssert.Contains(Of("Created", "Offer"), "AUDIT-SKU");
        Assert.AreEqual(1, entries.Count(e => (string?)e["Action"] == "Deleted" && (string?)e["EntityType"] == "Offer"));
        StringAssert.Contains(Of("Changed", "DefaultProduct"), "\"After\":\"2\"");
        var setting = entries.Single(e => (string?)e["EntityType"] == "Setting");
        Assert.AreEqual(("SettingChanged", "erp.amazon.data_protection.buyer_data_retention_days", "admin"), ((string?)setting["Action"], (string?)setting["EntityKey"], (string?)setting["User"]));
        StringAssert.Contains((string?)setting["Changes"], """{"Field":"Value","Before":"30","After":"20"}""");
        Assert.AreEqual(id.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)entries.First(e => (string?)e["EntityType"] == "Account")["EntityKey"], "a new row's entry has its key");
        var everything = string.Join("\n", entries.Select(e => e!.ToJsonString()));
        Assert.IsFalse(everything.Contains("SandboxRefreshToken", StringComparison.Ordinal) || everything.Contains("CfDJ8", StringComparison.Ordinal), "no token, plain or encrypted");

        // Administrators only.
        foreach (var key in new[] { ErpHostFactory.ManagerKey, ErpHostFactory.FinanceKey, ErpHostFactory.SalesKey })
        {
            using var refused = await factory.Client(key).GetAsync("/odata/amazon/AuditEntries");
            Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode, key);
        }

        using (var post = await admin.PostJsonAsync("/odata/amazon/AuditEntries", """{"User":"forged"}"""))
        {
            Assert.IsTrue(post.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"read-only: {post.StatusCode}");
        }

        // Kept for its retention (365 days by default, at least 90), then deleted by the daily job.
        factory.Clock.Advance(TimeSpan.FromDays(364));
        Assert.AreEqual(0, (await RunJobAsync(factory)).AuditEntriesPurged);
        factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.AreEqual(entries.Count, (await RunJobAsync(factory)).AuditEntriesPurged);
        await admin.PutJsonAsync("/api/settings/erp.amazon.data_protection.audit_retention_days", """{"Value":"89"}""").ExpectAsync(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task ApprovingAWriteOff_RecoveringAnOrder_AndRetryingAShipment_AreAudited()
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await SyncScenario.CreateAsync(factory, ErpAmazonModule.Accounts.AmazonApi.SellingPartner, null, "EU", Germany);
        var order = s.Order(Germany, "MFN", "Shipped", [Item("KINDLE-PW-16", 1, M("EUR", 169.99m), M("EUR", 27.14m))], minutesAgo: 50);
        order.PaymentAdjustment = -2.00m;
        var parcel = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 49);
        await s.SyncAsync();
        var warehouse = factory.Client("demo-warehouse-key");
        var salesOrder = await s.SalesOrderAsync(parcel.AmazonOrderId);
        var delivery = await factory.WithHostDbAsync(db => db.Deliveries.Where(d => d.SalesOrderId == salesOrder.Id).Select(d => d.Id).SingleAsync());
        await warehouse.PostJsonAsync($"/api/deliveries/{delivery}/validate", """{"Carrier":"DHL"}""").ExpectAsync(HttpStatusCode.OK);
        await warehouse.PostJsonAsync("/odata/amazon/Shipments/Send", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(HttpStatusCode.OK);
        var incomplete = await factory.WithModuleDbAsync(db => db.Shipments.SingleAsync());
        await warehouse.PostJsonAsync($"/odata/amazon/Shipments({incomplete.Id})/Retry", """{"TrackingNumber":"00340434161234567890"}""").ExpectAsync(HttpStatusCode.OK);
        var finance = factory.Client(ErpHostFactory.FinanceKey);
        await finance.PostJsonAsync("/odata/amazon/FinancialEvents/Import", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(HttpStatusCode.OK);
        var review = await factory.WithModuleDbAsync(db => db.Reconciliations.SingleAsync(r => r.AmazonOrderId == order.AmazonOrderId));
        await finance.PostJsonAsync($"/odata/amazon/Reconciliations({review.Id})/ApproveWriteOff", """{"Comment":"goodwill"}""").ExpectAsync(HttpStatusCode.OK);
        await factory.Client().PostJsonAsync($"/odata/amazon/Accounts({s.AccountId})/RecoverOrder", $$"""{"AmazonOrderId":"{{order.AmazonOrderId}}"}""").ExpectAsync(HttpStatusCode.OK);

        var entries = await factory.WithModuleDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        var approval = entries.Single(e => e.Action == "WriteOffApproved");
        Assert.AreEqual(("finance", "Reconciliation", review.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (approval.User, approval.EntityType, approval.EntityKey));
        StringAssert.Contains(approval.Changes, "goodwill");
        var recovery = entries.Single(e => e.Action == "OrderRecovered");
        Assert.AreEqual("admin", recovery.User);
        StringAssert.Contains(recovery.Changes, order.AmazonOrderId);
        var retry = entries.Single(e => e.Action == "ShipmentRetried");
        Assert.AreEqual(("warehouse", incomplete.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (retry.User, retry.EntityKey));
        StringAssert.Contains(retry.Changes, """{"Field":"TrackingNumber","Before":null,"After":"00340434161234567890"}""");
        Assert.IsFalse(entries.Any(e => e.EntityType is "Reconciliation" or "Shipment" && e.Action is not ("WriteOffApproved" or "ShipmentRetried")),
            "matching and sending by themselves are not a person's decision");
    }

    [TestMethod]
    public async Task DeveloperProfile_AnswersFromTheInstallation_AndFollowsItsConfiguration()
    {
        using var factory = new ErpHostFactory(orders: 0);
        await SyncScenario.CreateAsync(factory, ErpAmazonModule.Accounts.AmazonApi.SellingPartner, null, "EU", Germany);
        var admin = factory.Client();

        var profile = await admin.GetAsync("/odata/amazon/DeveloperProfile").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(("Sqlite", 30, 365, false, false), ((string?)profile["DatabaseProvider"], (int)profile["BuyerDataRetentionDays"]!, (int)profile["AuditRetentionDays"]!,
            (bool)profile["KeysProtectedByCertificate"]!, (bool)profile["AmazonOverTls"]!), "the test host: SQLite, Development keys, a local Amazon over HTTP");
        StringAssert.Contains((string?)profile["SecretsEncryption"], "AES_256_CBC with HMACSHA256");
        Assert.IsFalse(profile.ToJsonString().Contains("Data Source", StringComparison.Ordinal), "never the connection string");
        string Answer(JsonNode p, string topic) => (string)p["Answers"]!.AsArray().Single(a => (string?)a!["Topic"] == topic)!["Answer"]!;
        StringAssert.Contains(Answer(profile, "Retention"), "30 days");
        StringAssert.Contains(Answer(profile, "Retention"), "last run never");
        StringAssert.Contains(Answer(profile, "Access control"), "amazon.accounts.manage: admin");
        StringAssert.Contains(Answer(profile, "Encryption in transit"), "without TLS");
        var company = profile["Answers"]!.AsArray().Where(a => (string?)a!["Source"] == "CompanyStatement").ToList();
        Assert.IsTrue(company.Count >= 5 && company.All(a => ((string)a!["Answer"]!).StartsWith("To be answered by the company", StringComparison.Ordinal)));

        // The configuration changes; so do the answers.
        await admin.PutJsonAsync("/api/settings/erp.amazon.data_protection.buyer_data_retention_days", """{"Value":"20"}""").ExpectAsync(HttpStatusCode.NoContent);
        await RunJobAsync(factory);
        var changed = await admin.GetAsync("/odata/amazon/DeveloperProfile").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(20, (int)changed["BuyerDataRetentionDays"]!);
        StringAssert.Contains(Answer(changed, "Retention"), "20 days");
        Assert.IsNotNull((string?)changed["LastBuyerDataErasure"]);

        await admin.PutJsonAsync("/api/settings/erp.amazon.data_protection.buyer_data_retention_days", """{"Value":"400"}""").ExpectAsync(HttpStatusCode.NoContent);
        var clamped = await admin.GetAsync("/odata/amazon/DeveloperProfile").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(30, (int)clamped["BuyerDataRetentionDays"]!, "more than 30 days needs a tax reason");
        StringAssert.Contains(Answer(clamped, "Retention"), "without a tax reason 30 days apply");
        await admin.PutJsonAsync("/api/settings/erp.amazon.data_protection.tax_retention_reason", """{"Value":"German tax law keeps invoices 10 years"}""").ExpectAsync(HttpStatusCode.NoContent);
        var reasoned = await admin.GetAsync("/odata/amazon/DeveloperProfile").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(400, (int)reasoned["BuyerDataRetentionDays"]!);
        StringAssert.Contains(Answer(reasoned, "Retention"), "German tax law");

        using var manager = await factory.Client(ErpHostFactory.ManagerKey).GetAsync("/odata/amazon/DeveloperProfile");
        Assert.AreEqual(HttpStatusCode.Forbidden, manager.StatusCode, "administrators only");
    }

    private static async Task<AmazonDataPurgeEntity> RunJobAsync(ErpHostFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AmazonDataProtectionJob>().RunAsync(CancellationToken.None);
    }

    private static Task<Partner?> PartnerAsync(ErpHostFactory factory, string email) =>
        factory.WithHostDbAsync(db => db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Email == email));

    /// <summary>Every text value of every table the module owns.</summary>
    private static async Task<string> ModuleTablesTextAsync(ErpHostFactory factory)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'Amazon%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "" : reader.GetValue(i)).Append('\t');
                }
            }
        }

        Assert.IsGreaterThan(10, tables.Count);
        return text.ToString();
    }
}
