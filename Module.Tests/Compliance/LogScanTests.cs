using System.Net;
using ErpAmazonModule.Host.Data;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Tests.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static ErpAmazonModule.Tests.Sync.SyncScenario;

namespace ErpAmazonModule.Tests.Compliance;

/// <summary>
/// Amazon's policy: no PII and no secret in logs. Every log line of a whole working day (order syncs over MWS, Orders
/// v0 with Restricted Data Tokens and Orders 2026-01-01, an order recovered by id, shipments confirmed, a seller's
/// authorization revoked), captured from Debug up, holds no seller token, secret key, access token, buyer name,
/// e-mail or street address.
/// </summary>
[TestClass]
public sealed class LogScanTests
{
    private const string Germany = "A1PA6795UKMFR9";

    [TestMethod]
    public async Task EveryLogLine_OfSyncsRecoveriesAndShipments_HoldsNoSecretAndNoBuyerData()
    {
        using var factory = new ErpHostFactory(orders: 0, captureAllLogs: true);
        var secrets = new List<string> { SandboxCatalog.Application.ClientSecret };
        secrets.AddRange(SandboxCatalog.Developers.Select(d => d.SecretKey));
        var personal = new List<string>();
        var scenarios = new[]
        {
            await SyncScenario.CreateAsync(factory, ErpAmazonModule.Accounts.AmazonApi.Mws, null, "EU", Germany),
            await SyncScenario.CreateAsync(factory, ErpAmazonModule.Accounts.AmazonApi.SellingPartner, "v0", "EU", Germany),
            await SyncScenario.CreateAsync(factory, ErpAmazonModule.Accounts.AmazonApi.SellingPartner, "2026-01-01", "EU", Germany),
        };
        var n = 0;
        foreach (var s in scenarios)
        {
            secrets.Add(s.Authorization!);
            var buyer = $"Xaver Vertraulich{++n}";
            var orders = Enumerable.Range(0, 3).Select(i => s.Order(Germany, i == 2 ? "AFN" : "MFN", i == 2 ? "Shipped" : "Unshipped",
                [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 30 - i, buyer: buyer)).ToList();
            foreach (var order in orders)
            {
                order.ShippingAddress = order.ShippingAddress with { AddressLine1 = $"Geheimweg {n}", Phone = $"+49 30 99988{n}" };
                personal.AddRange([order.BuyerEmail, order.ShippingAddress.AddressLine1!, order.ShippingAddress.Phone!]);
            }

            personal.Add(buyer);
            Assert.AreEqual(3, (await s.SyncAsync()).OrdersCreated);
            await factory.Client().PostJsonAsync($"/odata/amazon/Accounts({s.AccountId})/RecoverOrder", $$"""{"AmazonOrderId":"{{orders[0].AmazonOrderId}}"}""").ExpectAsync(HttpStatusCode.OK);
            var salesOrder = await s.SalesOrderAsync(orders[0].AmazonOrderId);
            var delivery = await factory.WithHostDbAsync(db => db.Deliveries.Where(d => d.SalesOrderId == salesOrder.Id && d.State == DeliveryState.Ready).Select(d => d.Id).SingleAsync());
            await factory.Client("demo-warehouse-key").PostJsonAsync($"/api/deliveries/{delivery}/validate", """{"Carrier":"DHL","TrackingNumber":"00340434161234567890"}""").ExpectAsync(HttpStatusCode.OK);
            await factory.Client().PostJsonAsync("/odata/amazon/Shipments/Send", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(HttpStatusCode.OK);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        foreach (var s in scenarios)
        {
            Assert.AreEqual(1, (int)(await factory.Client().PostJsonAsync("/odata/amazon/Shipments/Send", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(HttpStatusCode.OK))["Confirmed"]!);
        }

        // The sellers take their authorizations back: the failures are logged, without the tokens.
        factory.Sandbox.Store.Revoke(scenarios[0].SellerId, null);
        factory.Sandbox.Lwa.Revoke(scenarios[1].Authorization!);
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        foreach (var s in scenarios.Take(2))
        {
            s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 5, buyer: "Xaver Vertraulich9");
            Assert.AreEqual(ErpAmazonModule.Sync.AmazonSyncRunState.Failed, (await s.SyncAsync()).State);
        }

        var lines = factory.AllLogs!.ToList();
        Assert.IsGreaterThan(500, lines.Count, "Debug logging was captured");
        var found = lines.SelectMany(line => secrets.Where(x => line.Contains(x, StringComparison.Ordinal)).Select(x => $"secret {x[..6]}…: {line}")
                .Concat(personal.Where(x => line.Contains(x, StringComparison.Ordinal)).Select(x => $"buyer data '{x}': {line}"))
                .Concat(new[] { "Atza|", "Atzr|", "Atz.sprdt|", "amzn.mws.", "Vertraulich", "Geheimweg" }.Where(x => line.Contains(x, StringComparison.Ordinal)).Select(x => $"'{x}': {line}")))
            .Distinct().ToList();
        Assert.IsEmpty(found, string.Join("\n", found.Take(20)));
    }
}
