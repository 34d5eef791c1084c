using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Sync;

/// <summary>
/// With the demo ERP's fiscal positions, the tax it computes from Amazon's amounts is Amazon's tax but for rounding:
/// Amazon taxes by the destination country, books at their reduced rates, EU business buyers of other member states
/// not at all; products the connector creates are sold with the company's default sales tax; a cash-on-delivery fee,
/// whose tax Amazon does not state, counts no difference.
/// </summary>
[TestClass]
public sealed class TaxDifferenceTests
{
    [TestMethod]
    [DataRow("EU", "EUR", 0.01)]
    [DataRow("NA", "USD", 0.01)]
    [DataRow("FE", "JPY", 1.0)]
    public async Task GeneratedOrdersOfEveryMarketplace_CarryATaxDifferenceOfRoundingOnly(string region, string anyCurrency, double rounding)
    {
        using var factory = new ErpHostFactory(orders: 0);
        var seeded = SandboxCatalog.Sellers.First(s => s.Region == region && !s.Restricted);
        factory.Sandbox.Store.GenerateOrders(seeded.SellerId, 200, seed: 5);
        var account = await factory.Client().PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"taxes {{region}}","Region":"{{region}}","SellerId":"{{seeded.SellerId}}","AuthorizationToken":"{{SandboxCatalog.RefreshToken(seeded.SellerId)}}"}
            """).ExpectAsync(System.Net.HttpStatusCode.Created);
        var accountId = (int)account["Id"]!;

        var run = await factory.Services.GetRequiredService<AmazonOrderSync>().RunAsync(accountId, AmazonSyncTrigger.Manual, null, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.AreEqual(AmazonSyncRunState.Succeeded, run!.State, run.Error);
        var links = await factory.WithModuleDbAsync(db => db.OrderLinks.AsNoTracking().Where(l => l.AccountId == accountId && l.SalesOrderId != null).ToListAsync());
        Assert.IsTrue(links.Count > 50, $"{links.Count} orders imported");
        Assert.IsTrue(links.Any(l => l.CurrencyCode == anyCurrency));
        var beyond = links.Where(l => Math.Abs(l.TaxDifference) > (decimal)rounding).Select(l => $"{l.AmazonOrderId} {l.CurrencyCode} {l.TaxDifference}").ToList();
        Assert.AreEqual(0, beyond.Count, string.Join("; ", beyond.Take(5)));
    }
}
