using System.Net;
using ErpAmazonModule.Accounts;
using ErpAmazonModule.Host.Data;
using ErpAmazonModule.Host.Ports;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Security;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ErpAmazonModule.Tests.Sync.SyncScenario;

namespace ErpAmazonModule.Tests.Sync;

/// <summary>
/// Failures stay where they belong: an order fails alone, a dead run is closed, a hopeless order is given up, a
/// configuration error stops the run at once. Where the transport matters (retries by id, a refused authorization),
/// a test runs over MWS and over both Orders API versions of the Selling Partner API.
/// </summary>
[TestClass]
public sealed class OrderSyncFailureTests
{
    private const string Germany = "A1PA6795UKMFR9";
    private const string PoisonBuyer = "Mallory Poison";
    private const string Mws = "Mws";

    /// <summary>A seller with an account over <paramref name="transport"/>: <c>Mws</c>, or the Selling Partner API's Orders API version.</summary>
    private static Task<SyncScenario> ScenarioAsync(ErpHostFactory factory, string transport) => transport == Mws
        ? SyncScenario.CreateAsync(factory, "EU", Germany)
        : SyncScenario.CreateAsync(factory, AmazonApi.SellingPartner, transport, "EU", Germany);

    /// <summary>The call that reads orders by id, as the transport names it.</summary>
    private static string GetOrder(string transport) => transport == Mws ? "GetOrder" : "getOrder";

    /// <summary>The seller takes the authorization back: the MWS token, or the refresh token (and its access tokens).</summary>
    private static void TakeAuthorizationBack(ErpHostFactory factory, SyncScenario s, string transport)
    {
        if (transport == Mws)
        {
            factory.Sandbox.Store.Revoke(s.SellerId, null);
            return;
        }

        foreach (var grant in factory.Sandbox.Lwa.RefreshTokens().Where(g => g.SellerId == s.SellerId).ToList())
        {
            factory.Sandbox.Lwa.Revoke(grant.Token);
        }
    }

    /// <summary>Amazon's word for a refused authorization: MWS's error code, or Login with Amazon's.</summary>
    private static string Refusal(string transport) => transport == Mws ? "AccessDenied" : "invalid_grant";

    /// <summary>The seller authorizes the application again: a new token of the transport's kind.</summary>
    private static string AuthorizeAgain(ErpHostFactory factory, SyncScenario s, string transport)
    {
        if (transport != Mws)
        {
            return factory.Sandbox.Lwa.Grant(s.SellerId, ErpAmazonModule.Sandbox.Store.SandboxCatalog.Application.ClientId).Token;
        }

        var token = Demo.MwsToken();
        Demo.Grant(factory, s.SellerId, "EU", token, Germany);
        return token;
    }

    [TestMethod]
    public async Task HostPortThrowsForOneOrder_ThatOrderFailsAlone_WithoutLeakingItsRows_AndTheNextOrdersImport()
    {
        using var factory = new ErpHostFactory(testServices: services => services.AddScoped<IAmazonHostPartners>(sp =>
            new PoisonedPartners(ActivatorUtilities.CreateInstance<HostPartners>(sp), sp.GetRequiredService<HostDbContext>())));
        var s = await SyncScenario.CreateAsync(factory, "EU", Germany);
        var before = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 60);
        var poisoned = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 59, buyer: PoisonBuyer);
        var after = s.Order(Germany, "MFN", "Unshipped", [Item("KINDLE-PW-16", 1, M("EUR", 169.99m), M("EUR", 27.14m))], minutesAgo: 58);

        var run = await s.SyncAsync();

        Assert.AreEqual(AmazonSyncRunState.PartiallyFailed, run.State, run.Error);
        Assert.AreEqual((2, 1), (run.OrdersCreated, run.OrdersFailed));
        var link = await s.LinkAsync(poisoned.AmazonOrderId);
        Assert.AreEqual(AmazonOrderLinkState.Failed, link.State);
        Assert.AreEqual("The ERP refused the customer.", link.LastError);
        Assert.AreEqual(0, await s.SalesOrderCountAsync(poisoned.AmazonOrderId));
        Assert.AreEqual(1, await s.SalesOrderCountAsync(before.AmazonOrderId));
        Assert.AreEqual(169.99m, (await s.SalesOrderAsync(after.AmazonOrderId)).Total, "the order after the failure imports");
        Assert.AreEqual(0, await factory.WithHostDbAsync(db => db.Partners.CountAsync(p => p.Name == "Leaked partner")), "what the failing call added went away with its scope");
        var logged = factory.Warnings.Single(w => w.Contains(poisoned.AmazonOrderId, StringComparison.Ordinal) && w.Contains("failed", StringComparison.Ordinal));
        StringAssert.Contains(logged, $"AccountId={s.AccountId} RunId={run.Id} AmazonOrderId={poisoned.AmazonOrderId}");
        StringAssert.Contains(logged, "InvalidOperationException The ERP refused the customer. (with stack trace)");
    }

    [TestMethod]
    public async Task RunKilledMidWay_IsShownAbandonedAfterRestart_AndTheNextRunCompletes()
    {
        var database = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"), "erp.db");
        List<ErpAmazonModule.Sandbox.Store.SandboxOrder> orders;
        string sellerId, token;
        int accountId, killedRunId;
        using (var first = new ErpHostFactory(databasePath: database))
        {
            var s = await SyncScenario.CreateAsync(first, "EU", Germany);
            (sellerId, accountId) = (s.SellerId, s.AccountId);
            token = first.Sandbox.Store.Authorizations().Single(a => a.SellerId == sellerId).AuthToken;
            orders = Enumerable.Range(0, 6).Select(i => s.Order(Germany, "MFN", "Unshipped", [Item("BACKPACK-25L", 1, M("EUR", 89.00m), M("EUR", 14.21m))], minutesAgo: 60 - i)).ToList();
            using var kill = new CancellationTokenSource();
            await Assert.ThrowsAsync<OperationCanceledException>(() => s.SyncAsync(cancellationToken: kill.Token, progress: new Progress(p =>
            {
                if (p.OrdersCreated >= 3)
                {
                    kill.Cancel();
                }
            })));

            // A process killed at this point leaves its run as it was: running. A queued run's job is lost with the process.
            killedRunId = await first.WithModuleDbAsync(db => db.SyncRuns.Where(r => r.AccountId == accountId).Select(r => r.Id).SingleAsync());
            await first.WithModuleDbAsync(db => db.SyncRuns.Where(r => r.Id == killedRunId)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, AmazonSyncRunState.Running).SetProperty(r => r.EndedOn, (DateTimeOffset?)null).SetProperty(r => r.Error, (string?)null)));
            await first.WithModuleDbAsync(async db =>
            {
                db.SyncRuns.Add(new AmazonSyncRunEntity { AccountId = accountId, State = AmazonSyncRunState.Queued, Trigger = AmazonSyncTrigger.Manual, QueuedOn = first.Clock.GetUtcNow(), JobId = "job-lost-with-the-process" });
                return await db.SaveChangesAsync();
            });
        }

        using var restarted = new ErpHostFactory(databasePath: database);
        _ = restarted.Client();
        Demo.Grant(restarted, sellerId, "EU", token, Germany);
        orders.ForEach(restarted.Sandbox.Store.PutOrder);

        var runs = await restarted.WithModuleDbAsync(db => db.SyncRuns.AsNoTracking().Where(r => r.AccountId == accountId).OrderBy(r => r.Id).ToListAsync());
        Assert.IsTrue(runs.All(r => r.State == AmazonSyncRunState.Abandoned), string.Join(", ", runs.Select(r => r.State)));
        Assert.AreEqual(restarted.Clock.GetUtcNow(), runs.Single(r => r.Id == killedRunId).EndedOn, "the time it was noticed");
        StringAssert.Contains(runs[0].Error, "stopped before it finished");

        // The restarted host's Amazon is another endpoint (the sandbox now listens elsewhere): the account is not synced
        // against it until its credentials are checked there.
        var refused = await restarted.Services.GetRequiredService<AmazonOrderSync>().RunAsync(accountId, AmazonSyncTrigger.Manual, null, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.AreEqual(AmazonSyncRunState.Failed, refused!.State);
        StringAssert.Contains(refused.Error, $"Check the account again (POST /odata/amazon/Accounts({accountId})/UpdateMarketplaces)");
        Assert.AreEqual(0, restarted.Sandbox.Store.Requests().Count, "nothing was sent to the other endpoint");
        await restarted.Client().PostAsync($"/odata/amazon/Accounts({accountId})/UpdateMarketplaces", null).ExpectAsync(System.Net.HttpStatusCode.OK);

        var next = await restarted.Services.GetRequiredService<AmazonOrderSync>().RunAsync(accountId, AmazonSyncTrigger.Manual, null, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.AreEqual(AmazonSyncRunState.Succeeded, next!.State, next.Error);
        Assert.AreEqual(3, next.OrdersCreated);
        foreach (var order in orders)
        {
            Assert.AreEqual(1, await restarted.WithHostDbAsync(db => db.SalesOrders.CountAsync(o => o.ClientReference == order.AmazonOrderId)), order.AmazonOrderId);
        }
    }

    [TestMethod]
    [DataRow(Mws)]
    [DataRow("v0")]
    [DataRow("2026-01-01")]
    public async Task HopelessOrder_IsRetriedWithBackOff_GivenUpAfterTheConfiguredAttempts_AndBroughtBackByRecoveryOrByAChangeAtAmazon(string transport)
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        await admin.PutJsonAsync("/api/settings/erp.amazon.sync.max_order_attempts", """{"Value":"3"}""").ExpectAsync(HttpStatusCode.NoContent);
        var s = await ScenarioAsync(factory, transport);
        var recovered = s.Order(Germany, "MFN", "Unshipped", [Item("HEADPHONES-BT", 1, M("EUR", 129.00m), M("EUR", 20.60m))]);
        var changed = s.Order(Germany, "MFN", "Unshipped", [Item("HEADPHONES-BT", 1, M("EUR", 129.00m), M("EUR", 20.60m))]);
        recovered.Items[0].SellerSku = null;
        changed.Items[0].SellerSku = null;

        await s.SyncAsync();
        var link = await s.LinkAsync(recovered.AmazonOrderId);
        Assert.AreEqual((AmazonOrderLinkState.Failed, 1), (link.State, link.FailedAttempts));
        Assert.AreEqual(s.Now + AmazonOrderFailures.Backoff(1), link.NextAttemptOn);
        var getOrders = factory.Sandbox.Answered(200, GetOrder(transport));
        await s.SyncAsync();
        Assert.AreEqual(getOrders, factory.Sandbox.Answered(200, GetOrder(transport)), "not due yet: not fetched again");
        Assert.AreEqual(1, (await s.LinkAsync(recovered.AmazonOrderId)).FailedAttempts);

        factory.Clock.Advance(AmazonOrderFailures.Backoff(1));
        await s.SyncAsync();
        Assert.AreEqual(2, (await s.LinkAsync(recovered.AmazonOrderId)).FailedAttempts);
        Assert.AreEqual(s.Now + AmazonOrderFailures.Backoff(2), (await s.LinkAsync(recovered.AmazonOrderId)).NextAttemptOn, "twice as long");
        factory.Clock.Advance(AmazonOrderFailures.Backoff(2));
        await s.SyncAsync();

        link = await s.LinkAsync(recovered.AmazonOrderId);
        Assert.AreEqual((AmazonOrderLinkState.GivenUp, 3), (link.State, link.FailedAttempts));
        Assert.IsNull(link.NextAttemptOn);
        var givenUp = await admin.GetAsync($"/odata/amazon/OrderLinks?$filter=AccountId eq {s.AccountId} and State eq 'GivenUp'&$select=AmazonOrderId,LastError").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(2, givenUp["value"]!.AsArray().Count);
        getOrders = factory.Sandbox.Answered(200, GetOrder(transport));
        factory.Clock.Advance(TimeSpan.FromDays(2));
        await s.SyncAsync();
        Assert.AreEqual(getOrders, factory.Sandbox.Answered(200, GetOrder(transport)), "a given-up order is not fetched again");

        recovered.Items[0].SellerSku = "HEADPHONES-BT";
        var answer = await admin.PostJsonAsync($"/odata/amazon/Accounts({s.AccountId})/RecoverOrder", $$"""{"AmazonOrderId":"{{recovered.AmazonOrderId}}"}""").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("Imported", (string?)answer["State"]);
        Assert.AreEqual(0, (int)answer["FailedAttempts"]!);

        changed.Items[0].SellerSku = "HEADPHONES-BT";
        s.ChangeStatus(changed.AmazonOrderId, "Shipped");
        var run = await s.SyncAsync();
        Assert.AreEqual(1, run.OrdersCreated, "a change at Amazon brings a given-up order back");
        Assert.AreEqual(AmazonOrderLinkState.Imported, (await s.LinkAsync(changed.AmazonOrderId)).State);
    }

    [TestMethod]
    public async Task ConfigurationErrors_FailTheRunAtOnce_WithAMessageThatSaysWhatToSet()
    {
        // The far-east region has no developer credentials in this installation.
        using var factory = new ErpHostFactory(sandboxSettings: sandbox => sandbox.ClientSettings().Where(s => !s.Key.Contains(":FE:", StringComparison.Ordinal)).ToDictionary());
        _ = factory.Client();
        var japan = await Demo.MarketplaceIdAsync(factory.Client(), "A1VC38T7YXB528");
        var farEast = await AddAccountAsync(factory, AmazonApi.Mws, AmazonRegion.FE, japan, "amzn.mws.00000000-0000-4000-8000-000000000001");
        var sellingPartner = await AddAccountAsync(factory, AmazonApi.SellingPartner, AmazonRegion.FE, japan, "Atzr|IwEBI0000example");
        var sync = factory.Services.GetRequiredService<AmazonOrderSync>();

        var noCredentials = await sync.RunAsync(farEast, AmazonSyncTrigger.Schedule, null, TimeSpan.FromSeconds(5), CancellationToken.None);
        var noTransport = await sync.RunAsync(sellingPartner, AmazonSyncTrigger.Schedule, null, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.AreEqual(AmazonSyncRunState.Failed, noCredentials!.State);
        StringAssert.Contains(noCredentials.Error, "AmazonConnector:Mws:Regions:FE:AccessKeyId");
        Assert.AreEqual(AmazonSyncRunState.Failed, noTransport!.State);
        StringAssert.Contains(noTransport.Error, "AmazonConnector:SellingPartner:Regions:FE:ClientId");
        Assert.AreEqual(0, await factory.WithModuleDbAsync(db => db.OrderLinks.CountAsync(l => l.AccountId == farEast || l.AccountId == sellingPartner)));
        Assert.AreEqual(0, factory.Sandbox.Store.Requests().Count, "nothing was sent to Amazon");
    }

    [TestMethod]
    [DataRow(Mws)]
    [DataRow("v0")]
    [DataRow("2026-01-01")]
    public async Task RevokedAuthorization_StopsTheRun_WithoutMarkingOrdersFailed(string transport)
    {
        using var factory = new ErpHostFactory();
        var s = await ScenarioAsync(factory, transport);
        s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))]);
        TakeAuthorizationBack(factory, s, transport);

        var run = await s.SyncAsync();

        Assert.AreEqual(AmazonSyncRunState.Failed, run.State);
        StringAssert.Contains(run.Error, Refusal(transport));
        Assert.AreEqual(0, await factory.WithModuleDbAsync(db => db.OrderLinks.CountAsync(l => l.AccountId == s.AccountId)));
    }

    [TestMethod]
    [DataRow(Mws)]
    [DataRow("v0")]
    [DataRow("2026-01-01")]
    public async Task RevokedAuthorization_MarksTheAccountForReauthorization_PausesItsSchedule_UntilANewTokenIsSaved(string transport)
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        var s = await ScenarioAsync(factory, transport);
        var order = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))]);
        TakeAuthorizationBack(factory, s, transport);
        var url = $"/odata/amazon/Accounts({s.AccountId})";

        var refused = await s.SyncAsync();

        Assert.AreEqual(AmazonSyncRunState.Failed, refused.State);
        var account = await admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK);
        Assert.IsTrue((bool)account["NeedsReauthorization"]!);
        StringAssert.Contains((string)account["ReauthorizationReason"]!, Refusal(transport));
        // No run storm: the dispatcher leaves the account alone, and "Sync now" says what to do.
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var queued = await scope.ServiceProvider.GetRequiredService<AmazonOrderSyncScheduler>().QueueDueAsync(CancellationToken.None);
            Assert.AreEqual(0, queued.Count(r => r.AccountId == s.AccountId));
        }

        var message = await admin.PostJsonAsync($"{url}/SyncOrders", "{}").ExpectErrorAsync(HttpStatusCode.Conflict, "AuthorizationToken", messageNamesField: false);
        StringAssert.Contains(message, "new token");
        await admin.PatchJsonAsync(url, """{"NeedsReauthorization":false}""", (string)account["@odata.etag"]!).ExpectErrorAsync(HttpStatusCode.BadRequest, "NeedsReauthorization");

        // The seller authorizes again; the new token is checked and the account syncs again.
        var token = AuthorizeAgain(factory, s, transport);
        await admin.PatchJsonAsync(url, $$"""{"AuthorizationToken":"{{token}}"}""", (string)account["@odata.etag"]!).ExpectAsync(HttpStatusCode.OK);
        Assert.IsFalse((bool)(await admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK))["NeedsReauthorization"]!);
        var again = await s.SyncAsync();
        Assert.AreEqual(AmazonSyncRunState.Succeeded, again.State, again.Error);
        Assert.AreEqual(1, await s.SalesOrderCountAsync(order.AmazonOrderId));
    }

    [TestMethod]
    [DataRow(Mws)]
    [DataRow("v0")]
    [DataRow("2026-01-01")]
    public async Task AmazonFailsWhileRetryingFailedOrders_TheRunGoesOnWithNewOrders(string transport)
    {
        using var factory = new ErpHostFactory();
        var s = await ScenarioAsync(factory, transport);
        var broken = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 90);
        broken.Items[0].SellerSku = null;
        await s.SyncAsync();
        factory.Clock.Advance(AmazonOrderFailures.Backoff(1));
        var fresh = s.Order(Germany, "MFN", "Unshipped", [Item("KINDLE-PW-16", 1, M("EUR", 169.99m), M("EUR", 27.14m))], minutesAgo: 5);
        factory.Sandbox.Faults.Add(new SandboxFault(SandboxFaultKind.InternalError, Count: null, Share: null, Action: GetOrder(transport)));

        var run = await s.SyncAsync();

        Assert.AreNotEqual(AmazonSyncRunState.Failed, run.State, run.Error);
        Assert.AreEqual(1, run.OrdersCreated);
        Assert.AreEqual(1, await s.SalesOrderCountAsync(fresh.AmazonOrderId));
        Assert.AreEqual(AmazonOrderLinkState.Failed, (await s.LinkAsync(broken.AmazonOrderId)).State, "still due, retried on a later run");
        Assert.AreEqual(1, (await s.LinkAsync(broken.AmazonOrderId)).FailedAttempts, "Amazon's failure is not the order's");
    }

    private static async Task<int> AddAccountAsync(ErpHostFactory factory, AmazonApi api, AmazonRegion region, int marketplaceId, string token)
    {
        var protector = factory.Services.GetRequiredService<AmazonSecretProtector>();
        return await factory.WithModuleDbAsync(async db =>
        {
            var account = new AmazonAccountEntity
            {
                Name = $"config {Guid.NewGuid():N}",
                Api = api,
                OrdersApiVersion = api == AmazonApi.SellingPartner ? AmazonOrdersApiVersions.V2026 : null,
                Region = region,
                SellerId = Demo.SellerId(),
                ProtectedAuthorizationToken = protector.Protect(token),
                AuthorizationTokenMask = AmazonSecretProtector.Mask(token),
                SyncIntervalMinutes = 30,
                Version = Guid.NewGuid(),
                Marketplaces = [new AmazonAccountMarketplaceEntity { MarketplaceId = marketplaceId, IsActive = true }],
            };
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
            return account.Id;
        });
    }

    private sealed class Progress(Action<AmazonSyncProgress> report) : IProgress<AmazonSyncProgress>
    {
        public void Report(AmazonSyncProgress value) => report(value);
    }

    /// <summary>The reference host's partners, except that one buyer makes the ERP add a row and then refuse.</summary>
    private sealed class PoisonedPartners(IAmazonHostPartners inner, HostDbContext db) : IAmazonHostPartners
    {
        public Task<IReadOnlyList<AmazonHostBuyerIds?>> FindBuyersAsync(IReadOnlyList<AmazonHostBuyer> buyers, CancellationToken cancellationToken) =>
            inner.FindBuyersAsync(buyers, cancellationToken);

        public Task<AmazonHostBuyerIds> FindOrCreateBuyerAsync(AmazonHostBuyer buyer, CancellationToken cancellationToken)
        {
            if (buyer.Customer?.Name != PoisonBuyer)
            {
                return inner.FindOrCreateBuyerAsync(buyer, cancellationToken);
            }

            db.Partners.Add(new Partner { Name = "Leaked partner" });
            throw new InvalidOperationException("The ERP refused the customer.");
        }
    }
}
