using System.Net;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Sync;

/// <summary>
/// The same Amazon orders synced through MWS and through the Selling Partner API's Orders v0 become the same sales
/// orders, line for line and to the cent: the engine, mapping and rules do not depend on the transport.
/// </summary>
[TestClass]
public sealed class SellingPartnerSyncTests
{
    private static readonly string[] Europe = ["A1PA6795UKMFR9", "A13V1IB3VIYZZH", "APJ6JRA9NG5V4", "A1RKKUPIHCS9HS", "A1F83G8C2ARO7P", "A1805IZSGTT6HS"];

    /// <summary>A host whose sandbox has the seller with the generator's orders, and the seller's account over <paramref name="api"/>.</summary>
    private static async Task<(ErpHostFactory Factory, int AccountId)> HostWithSellerAsync(string api, string sellerId, bool restricted = false, string? ordersApiVersion = null)
    {
        var factory = new ErpHostFactory(orders: 0);
        var token = Demo.MwsToken();
        factory.Sandbox.Store.RegisterSeller(new SandboxSeller { SellerId = sellerId, Region = "EU", MarketplaceIds = [.. Europe], RestrictedRole = restricted },
            SandboxCatalog.Developers.Single(d => d.Region == "EU").DeveloperId, token, TimeSpan.FromDays(365));
        factory.Sandbox.Store.GenerateOrders(sellerId, 150, seed: 11);
        var authorization = api == "SellingPartner" ? factory.Sandbox.Lwa.Grant(sellerId, SandboxCatalog.Application.ClientId).Token : token;
        var account = await factory.Client().PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"{{api}}","Api":"{{api}}","Region":"EU","SellerId":"{{sellerId}}","AuthorizationToken":"{{authorization}}"{{(ordersApiVersion is null ? "" : $",\"OrdersApiVersion\":\"{ordersApiVersion}\"")}}}
            """).ExpectAsync(HttpStatusCode.Created);
        return (factory, (int)account["Id"]!);
    }

    private static async Task<AmazonSyncRunEntity> SyncAsync(ErpHostFactory factory, int accountId) =>
        (await factory.Services.GetRequiredService<AmazonOrderSync>().RunAsync(accountId, AmazonSyncTrigger.Manual, null, TimeSpan.FromSeconds(5), CancellationToken.None))!;

    /// <summary>The shipping products named by a service level as Orders API 2026-01-01 names it, and as MWS names it.</summary>
    private static readonly Dictionary<string, string> ServiceLevelNames = new(StringComparer.Ordinal) { ["STANDARD"] = "Std", ["EXPEDITED"] = "Expedited" };

    /// <summary>
    /// Each sales order as finance compares them: reference, amounts, fiscal position, customer, and every line with its
    /// product's reference (a shipping product by the MWS name of its service level, which 2026-01-01 spells its own way).
    /// </summary>
    private static Task<List<string>> LedgerAsync(ErpHostFactory factory) => factory.WithHostDbAsync(async db =>
        (await db.SalesOrders.AsNoTracking().Include(o => o.Lines).Where(o => o.Origin.StartsWith("Amazon:")).ToListAsync())
            .Select(o =>
            {
                var customer = db.Partners.AsNoTracking().Single(p => p.Id == o.CustomerId).Name;
                string Product(int id)
                {
                    var reference = db.Products.AsNoTracking().Single(p => p.Id == id).InternalReference;
                    return ServiceLevelNames.GetValueOrDefault(reference, reference);
                }

                var lines = string.Join("; ", o.Lines.OrderBy(l => l.ExternalLineId, StringComparer.Ordinal)
                    .Select(l => $"{l.ExternalLineId} p{Product(l.ProductId)} x{l.Quantity} {l.UntaxedAmount}+{l.TaxAmount}={l.Total} [{l.TaxIds}]"));
                return $"{o.ClientReference} {o.CurrencyCode} {o.UntaxedAmount}+{o.TaxAmount}={o.Total} fp{o.FiscalPositionId} {o.State} {customer} | {lines}";
            })
            .Order(StringComparer.Ordinal).ToList());

    [TestMethod]
    [DataRow("v0")]
    [DataRow("2026-01-01")]
    public async Task SameOrders_OverMwsAndOverTheSellingPartnerApi_BecomeTheSameSalesOrders_ToTheCent(string ordersApiVersion)
    {
        var (mws, mwsAccount) = await HostWithSellerAsync("Mws", "A1SAMEORDERS01");
        var (sp, spAccount) = await HostWithSellerAsync("SellingPartner", "A1SAMEORDERS01", ordersApiVersion: ordersApiVersion);
        using (mws)
        using (sp)
        {
            var overMws = await SyncAsync(mws, mwsAccount);
            var overSp = await SyncAsync(sp, spAccount);

            Assert.AreEqual(AmazonSyncRunState.Succeeded, overSp.State, overSp.Error);
            Assert.AreEqual(overMws.OrdersSeen, overSp.OrdersSeen);
            Assert.AreEqual(overMws.OrdersCreated, overSp.OrdersCreated);
            Assert.IsTrue(overSp.OrdersCreated > 50);
            var expected = await LedgerAsync(mws);
            var actual = await LedgerAsync(sp);
            CollectionAssert.AreEqual(expected, actual, string.Join("\n", actual.Except(expected).Take(3)));
            if (ordersApiVersion == "v0")
            {
                Assert.IsTrue(sp.Sandbox.Store.Requests().Any(r => r.Action == "createRestrictedDataToken" && r.Status == 200), "buyer data came with a Restricted Data Token");
            }
            else
            {
                Assert.IsFalse(sp.Sandbox.Store.Requests().Any(r => r.Action is "createRestrictedDataToken" or "getOrderItems" or "getOrder"),
                    "2026-01-01: buyer data through includedData, items inside the order: no token, no call per order");
            }

            Assert.AreEqual(0, sp.Sandbox.Store.Requests().Count(r => r.Status >= 400), "nothing refused");

            // A second run reads the same window again and creates nothing.
            var again = await SyncAsync(sp, spAccount);
            Assert.AreEqual(0, again.OrdersCreated);
        }
    }

    [TestMethod]
    public async Task OrdersV0_WithoutARestrictedDataToken_ComeWithoutBuyerData_AsAmazonSendsThem()
    {
        var (sp, account) = await HostWithSellerAsync("SellingPartner", "A1NORESTRICTED1", restricted: true, ordersApiVersion: "v0");
        using (sp)
        {
            var run = await SyncAsync(sp, account);

            Assert.AreEqual(AmazonSyncRunState.Succeeded, run.State, run.Error);
            Assert.IsTrue(run.OrdersCreated > 0);
            Assert.IsTrue(sp.Sandbox.Answered(403, "createRestrictedDataToken") is 1 or 2, "Amazon refused the token (the client tries a fresh access token once); the run went on without it, not asking again per order");
            var customers = await sp.WithHostDbAsync(db => db.SalesOrders.Where(o => o.Origin == "Amazon:EU:A1NORESTRICTED1").Select(o => o.CustomerId).Distinct().CountAsync());
            Assert.AreEqual(1, customers, "every order goes to the account's anonymous customer: no buyer names or addresses");
        }
    }

    [TestMethod]
    public async Task Orders2026_WithoutThePiiRole_ComeWithoutBuyerData_AndWithItTheBuyerIsKnown()
    {
        var (restricted, restrictedAccount) = await HostWithSellerAsync("SellingPartner", "A1NOPIIROLE2026", restricted: true);
        var (allowed, allowedAccount) = await HostWithSellerAsync("SellingPartner", "A1PIIROLE20260", restricted: false);
        using (restricted)
        using (allowed)
        {
            var shown = await allowed.Client().GetAsync($"/odata/amazon/Accounts({allowedAccount})").ExpectAsync(HttpStatusCode.OK);
            Assert.AreEqual("2026-01-01", (string?)shown["OrdersApiVersion"], "new Selling Partner accounts read orders through 2026-01-01");
            var without = await SyncAsync(restricted, restrictedAccount);
            var with = await SyncAsync(allowed, allowedAccount);

            Assert.AreEqual(AmazonSyncRunState.Succeeded, without.State, without.Error);
            Assert.AreEqual(AmazonSyncRunState.Succeeded, with.State, with.Error);
            Assert.AreEqual(0, restricted.Sandbox.Store.Requests().Count(r => r.Action == "createRestrictedDataToken"), "2026-01-01 needs no Restricted Data Token");
            Assert.AreEqual(1, await restricted.WithHostDbAsync(db => db.SalesOrders.Where(o => o.Origin == "Amazon:EU:A1NOPIIROLE2026").Select(o => o.CustomerId).Distinct().CountAsync()),
                "without the role every order goes to the account's anonymous customer");
            Assert.IsTrue(await allowed.WithHostDbAsync(db => db.SalesOrders.Where(o => o.Origin == "Amazon:EU:A1PIIROLE20260").Select(o => o.CustomerId).Distinct().CountAsync()) > 20,
                "with the role the buyers' names and addresses come with the orders (includedData BUYER, RECIPIENT)");
        }
    }

    [TestMethod]
    public async Task RefreshTokenTakenBack_MarksTheAccountForReauthorization_WithLoginWithAmazonsWords()
    {
        var (sp, account) = await HostWithSellerAsync("SellingPartner", "A1TAKENBACK001");
        using (sp)
        {
            Assert.AreEqual(AmazonSyncRunState.Succeeded, (await SyncAsync(sp, account)).State);
            foreach (var grant in sp.Sandbox.Lwa.RefreshTokens().Where(g => g.SellerId == "A1TAKENBACK001"))
            {
                sp.Sandbox.Lwa.Revoke(grant.Token);
            }

            sp.Clock.Advance(TimeSpan.FromMinutes(30));

            var refused = await SyncAsync(sp, account);

            Assert.AreEqual(AmazonSyncRunState.Failed, refused.State);
            var shown = await sp.Client().GetAsync($"/odata/amazon/Accounts({account})").ExpectAsync(HttpStatusCode.OK);
            Assert.IsTrue((bool)shown["NeedsReauthorization"]!);
            StringAssert.Contains((string)shown["ReauthorizationReason"]!, "invalid_grant");
        }
    }

    [TestMethod]
    [DataRow("v0")]
    [DataRow("2026-01-01")]
    public async Task OnAmazonsRateLimits_ASyncOverTheSellingPartnerApi_WaitsInsteadOfFailing(string ordersApiVersion)
    {
        // Real time with Amazon's usage plans, restored 100 times as fast, on both sides.
        using var factory = new ErpHostFactory(realTimeScale: 100, orders: 0);
        var s = await SyncScenario.CreateAsync(factory, ErpAmazonModule.Accounts.AmazonApi.SellingPartner, ordersApiVersion, "EU", Europe);
        factory.Sandbox.Store.GenerateOrders(s.SellerId, 300, seed: 21);

        var run = await s.SyncAsync();

        Assert.AreEqual(AmazonSyncRunState.Succeeded, run.State, run.Error);
        Assert.AreEqual(0, run.OrdersFailed);
        Assert.IsTrue(run.OrdersCreated > 100);
        Assert.IsTrue(factory.Sandbox.Answered(429) <= 3, $"the client paces itself inside the usage plans: {factory.Sandbox.Answered(429)} answers 429");
        if (ordersApiVersion == "v0")
        {
            // 300 item calls against a burst of 30: the waits show on the run, as they do for MWS.
            Assert.IsTrue(run.ThrottleWaits > 0 && run.ThrottleWaitMilliseconds > 0, $"{run.ThrottleWaits} waits recorded");
        }
    }
}
