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
    private static async Task<(ErpHostFactory Factory, int AccountId)> HostWithSellerAsync(string api, string sellerId, bool restricted = false)
    {
        var factory = new ErpHostFactory(orders: 0);
        var token = Demo.MwsToken();
        factory.Sandbox.Store.RegisterSeller(new SandboxSeller { SellerId = sellerId, Region = "EU", MarketplaceIds = [.. Europe], RestrictedRole = restricted },
            SandboxCatalog.Developers.Single(d => d.Region == "EU").DeveloperId, token, TimeSpan.FromDays(365));
        factory.Sandbox.Store.GenerateOrders(sellerId, 150, seed: 11);
        var authorization = api == "SellingPartner" ? factory.Sandbox.Lwa.Grant(sellerId, SandboxCatalog.Application.ClientId).Token : token;
        var account = await factory.Client().PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"{{api}}","Api":"{{api}}","Region":"EU","SellerId":"{{sellerId}}","AuthorizationToken":"{{authorization}}"}
            """).ExpectAsync(HttpStatusCode.Created);
        return (factory, (int)account["Id"]!);
    }

    private static async Task<AmazonSyncRunEntity> SyncAsync(ErpHostFactory factory, int accountId) =>
        (await factory.Services.GetRequiredService<AmazonOrderSync>().RunAsync(accountId, AmazonSyncTrigger.Manual, null, TimeSpan.FromSeconds(5), CancellationToken.None))!;

    /// <summary>Each sales order as finance compares them: reference, amounts, fiscal position, customer, and every line.</summary>
    private static Task<List<string>> LedgerAsync(ErpHostFactory factory) => factory.WithHostDbAsync(async db =>
        (await db.SalesOrders.AsNoTracking().Include(o => o.Lines).Where(o => o.Origin.StartsWith("Amazon:")).ToListAsync())
            .Select(o =>
            {
                var customer = db.Partners.AsNoTracking().Single(p => p.Id == o.CustomerId).Name;
                var lines = string.Join("; ", o.Lines.OrderBy(l => l.ExternalLineId, StringComparer.Ordinal)
                    .Select(l => $"{l.ExternalLineId} p{l.ProductId} x{l.Quantity} {l.UntaxedAmount}+{l.TaxAmount}={l.Total} [{l.TaxIds}]"));
                return $"{o.ClientReference} {o.CurrencyCode} {o.UntaxedAmount}+{o.TaxAmount}={o.Total} fp{o.FiscalPositionId} {o.State} {customer} | {lines}";
            })
            .Order(StringComparer.Ordinal).ToList());

    [TestMethod]
    public async Task SameOrders_OverMwsAndOverOrdersV0_BecomeTheSameSalesOrders_ToTheCent()
    {
        var (mws, mwsAccount) = await HostWithSellerAsync("Mws", "A1SAMEORDERS01");
        var (sp, spAccount) = await HostWithSellerAsync("SellingPartner", "A1SAMEORDERS01");
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
            Assert.IsTrue(sp.Sandbox.Store.Requests().Any(r => r.Action == "createRestrictedDataToken" && r.Status == 200), "buyer data came with a Restricted Data Token");
            Assert.AreEqual(0, sp.Sandbox.Store.Requests().Count(r => r.Status >= 400), "nothing refused");

            // A second run reads the same window again and creates nothing.
            var again = await SyncAsync(sp, spAccount);
            Assert.AreEqual(0, again.OrdersCreated);
        }
    }

    [TestMethod]
    public async Task OrdersV0_WithoutARestrictedDataToken_ComeWithoutBuyerData_AsAmazonSendsThem()
    {
        var (sp, account) = await HostWithSellerAsync("SellingPartner", "A1NORESTRICTED1", restricted: true);
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
    public async Task OnAmazonsRateLimits_ASyncOverOrdersV0_WaitsInsteadOfFailing()
    {
        // Real time with Amazon's usage plans, restored 100 times as fast, on both sides.
        using var factory = new ErpHostFactory(realTimeScale: 100, orders: 0);
        var s = await SyncScenario.CreateAsync(factory, ErpAmazonModule.Accounts.AmazonApi.SellingPartner, "EU", Europe);
        factory.Sandbox.Store.GenerateOrders(s.SellerId, 300, seed: 21);

        var run = await s.SyncAsync();

        Assert.AreEqual(AmazonSyncRunState.Succeeded, run.State, run.Error);
        Assert.AreEqual(0, run.OrdersFailed);
        Assert.IsTrue(run.OrdersCreated > 100);
        Assert.IsTrue(factory.Sandbox.Answered(429) <= 3, $"the client paces itself inside the usage plans: {factory.Sandbox.Answered(429)} answers 429");
    }
}
