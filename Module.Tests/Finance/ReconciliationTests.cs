using System.Net;
using ErpAmazonModule.Finance;
using ErpAmazonModule.Tests.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static ErpAmazonModule.Tests.Sync.SyncScenario;

namespace ErpAmazonModule.Tests.Finance;

/// <summary>
/// Amazon's payments matched to the sales orders, with exact numbers, over MWS and the Selling Partner API alike: an
/// order paid exactly, a 3-cent difference written off, a 2-euro difference reviewed and approved by hand, a refund,
/// fees posted apart, money for an order the ERP does not have, an order whose tax looks wrong; the ledger balances.
/// </summary>
[TestClass]
public sealed class ReconciliationTests
{
    private const string Germany = "A1PA6795UKMFR9";

    [TestMethod]
    [DataRow("Mws")]
    [DataRow("SellingPartner")]
    public async Task Payments_AreMatchedToTheOrders_WithExactNumbers_AndTheLedgerBalances(string api)
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await SyncScenario.CreateAsync(factory, Enum.Parse<ErpAmazonModule.Accounts.AmazonApi>(api), null, "EU", Germany);
        var exact = s.Order(Germany, "MFN", "Shipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 50);
        var cents = s.Order(Germany, "MFN", "Shipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 49);
        var euros = s.Order(Germany, "MFN", "Shipped", [Item("KINDLE-PW-16", 1, M("EUR", 169.99m), M("EUR", 27.14m))], minutesAgo: 48);
        var refunded = s.Order(Germany, "MFN", "Shipped", [Item("YOGA-MAT-GREEN", 1, M("EUR", 34.90m), M("EUR", 5.57m))], minutesAgo: 47);
        // Amazon's tax is far from the ERP's 19 %: a wrong fiscal position or product tax shows here.
        var badTax = s.Order(Germany, "MFN", "Shipped", [Item("BACKPACK-25L", 1, M("EUR", 89.00m), M("EUR", 2.00m))], minutesAgo: 46);
        cents.PaymentAdjustment = -0.03m;
        euros.PaymentAdjustment = -2.00m;
        refunded.RefundOn = s.Now.AddMinutes(-10);
        var sync = await s.SyncAsync();
        Assert.AreEqual(5, sync.OrdersCreated, sync.Error);
        // Shipped and paid, but never synced (older than the watermark): the ERP does not have it.
        var unknown = s.Order(Germany, "MFN", "Shipped", [Item("LED-BULB-E27", 1, M("EUR", 7.49m), M("EUR", 1.20m))], minutesAgo: 30);
        var finance = factory.Client(ErpHostFactory.FinanceKey);

        var imported = await finance.PostJsonAsync("/odata/amazon/FinancialEvents/Import", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(HttpStatusCode.OK);

        var matching = imported["Matching"]!;
        Assert.AreEqual((6, 2, 1, 2, 1), ((int)matching["Orders"]!, (int)matching["Matched"]!, (int)matching["WrittenOff"]!, (int)matching["NeedsReview"]!, (int)matching["Unmatched"]!),
            matching.ToJsonString());
        async Task<AmazonReconciliationEntity> Of(string orderId) =>
            await factory.WithModuleDbAsync(db => db.Reconciliations.AsNoTracking().SingleAsync(r => r.AccountId == s.AccountId && r.AmazonOrderId == orderId));
        async Task<List<ErpAmazonModule.Host.Data.JournalLine>> LinesOf(string reference) =>
            await factory.WithHostDbAsync(db => db.JournalEntries.Where(e => e.Reference.StartsWith(reference)).SelectMany(e => e.Lines).ToListAsync());

        // Paid exactly: matched, no write-off; the fees (15 % commission) posted apart.
        var paid = await Of(exact.AmazonOrderId);
        Assert.AreEqual((AmazonReconciliationState.Matched, 59.99m, 59.99m, 0m, -9.00m), (paid.State, paid.Expected, paid.Paid, paid.Difference, paid.Fees));
        Assert.AreEqual(0, (await LinesOf($"AMZ-WRITEOFF:{exact.AmazonOrderId}")).Count);
        var fees = await LinesOf($"AMZ-FEES:{exact.AmazonOrderId}");
        Assert.AreEqual(9.00m, fees.Single(l => l.AccountCode == "4970").Debit);
        Assert.AreEqual(9.00m, fees.Single(l => l.AccountCode == "1400").Credit);

        // 3 cents short: written off, one entry on the write-off account against the receivable.
        var small = await Of(cents.AmazonOrderId);
        Assert.AreEqual((AmazonReconciliationState.WrittenOff, -0.03m, 0.03m), (small.State, small.Difference, small.WrittenOff));
        var writeOff = await LinesOf($"AMZ-WRITEOFF:{cents.AmazonOrderId}");
        Assert.AreEqual(2, writeOff.Count);
        Assert.AreEqual(0.03m, writeOff.Single(l => l.AccountCode == "4900").Debit);
        Assert.AreEqual(0.03m, writeOff.Single(l => l.AccountCode == "1400").Credit);

        // A refund: Amazon gave the money back, so did the ERP's expectation; the refund commission stays an expense.
        var back = await Of(refunded.AmazonOrderId);
        Assert.AreEqual((AmazonReconciliationState.Matched, 0m, 0m), (back.State, back.Paid, back.Expected));
        Assert.AreEqual(-1.05m, back.Fees, "commission 5.24 given back but for the 20 % refund commission");

        // Money for an order the ERP does not have.
        var stranger = await Of(unknown.AmazonOrderId);
        Assert.AreEqual(AmazonReconciliationState.Unmatched, stranger.State);
        StringAssert.Contains(stranger.Reason, "does not have");

        // A wrong tax: for review, saying so.
        var tax = await Of(badTax.AmazonOrderId);
        Assert.AreEqual(AmazonReconciliationState.NeedsReview, tax.State);
        StringAssert.Contains(tax.Reason, "fiscal position");

        // 2 euros short: for review; finance approves it by hand, with a comment kept beside who and when.
        var large = await Of(euros.AmazonOrderId);
        Assert.AreEqual((AmazonReconciliationState.NeedsReview, -2.00m), (large.State, large.Difference));
        using (var sales = await factory.Client(ErpHostFactory.SalesKey).PostJsonAsync($"/odata/amazon/Reconciliations({large.Id})/ApproveWriteOff", """{"Comment":"no"}"""))
        {
            Assert.AreEqual(HttpStatusCode.Forbidden, sales.StatusCode);
        }

        await finance.PostJsonAsync($"/odata/amazon/Reconciliations({large.Id})/ApproveWriteOff", "{}").ExpectErrorAsync(HttpStatusCode.BadRequest, "Comment");
        var approved = await finance.PostJsonAsync($"/odata/amazon/Reconciliations({large.Id})/ApproveWriteOff", """{"Comment":"Amazon's goodwill credit, agreed by phone"}""").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(("WrittenOff", "finance", "Amazon's goodwill credit, agreed by phone"), ((string?)approved["State"], (string?)approved["ApprovedBy"], (string?)approved["ApprovalComment"]));
        Assert.AreEqual(2.00m, (await LinesOf($"AMZ-WRITEOFF:{euros.AmazonOrderId}")).Single(l => l.AccountCode == "4900").Debit);
        await finance.PostJsonAsync($"/odata/amazon/Reconciliations({large.Id})/ApproveWriteOff", """{"Comment":"twice"}""").ExpectErrorAsync(HttpStatusCode.Conflict, null, messageNamesField: false);

        // Importing and matching again books nothing more; the ledger balances.
        var entries = await factory.WithHostDbAsync(db => db.JournalEntries.CountAsync());
        var again = await finance.PostJsonAsync("/odata/amazon/FinancialEvents/Import", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(HttpStatusCode.OK);
        await finance.PostJsonAsync("/odata/amazon/Reconciliations/Match", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(0, (int)again["EventsAdded"]!);
        Assert.AreEqual(entries, await factory.WithHostDbAsync(db => db.JournalEntries.CountAsync()), "nothing booked twice");
        var ledger = await factory.WithHostDbAsync(db => db.JournalEntries.SelectMany(e => e.Lines).ToListAsync());
        Assert.AreEqual(ledger.Sum(l => l.Debit), ledger.Sum(l => l.Credit), "the ledger balances");
    }
}
