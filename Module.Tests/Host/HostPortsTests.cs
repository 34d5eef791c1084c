using ErpAmazonModule.Host.Data;
using ErpAmazonModule.Host.Ports;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Host;

/// <summary>The reference ERP's implementation of the host contract, through the ports only.</summary>
[TestClass]
public sealed class HostPortsTests
{
    private static ErpHostFactory _factory = null!;

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        _factory = new ErpHostFactory();
        _ = _factory.Client();
    }

    [ClassCleanup]
    public static void Stop() => _factory.Dispose();

    private static async Task<T> WithPortAsync<TPort, T>(Func<TPort, IServiceProvider, Task<T>> action) where TPort : notnull
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TPort>(), scope.ServiceProvider);
    }

    private static AmazonHostBuyer Buyer(string email, string country, string? vat = null, string street = "Rue de l'Église 1")
    {
        var address = new AmazonHostAddress("Zoë Müller", street, null, "Lyon", null, "69001", country, null);
        return AmazonHostBuyer.Known(new AmazonHostCustomer("Zoë Müller", email, address, vat, vat is not null), address);
    }

    private static async Task<(string Customer, string Delivery)> BuyerAsync(string email, string country, string? vat = null)
    {
        var ids = await WithPortAsync<IAmazonHostPartners, AmazonHostBuyerIds>((partners, _) => partners.FindOrCreateBuyerAsync(Buyer(email, country, vat), CancellationToken.None));
        return (ids.CustomerId, ids.DeliveryAddressId);
    }

    [TestMethod]
    public async Task Partners_SameBuyerTwice_IsOneCustomerWithOneDeliveryAddress()
    {
        var first = await BuyerAsync("zoe@example.com", "FR");
        var second = await BuyerAsync("ZOE@Example.com", "FR");

        Assert.AreEqual(first, second);
        Assert.AreEqual(first.Customer, await _factory.WithHostDbAsync(db => db.Partners.Where(p => p.Id == HostIds.Require(first.Delivery)).Select(p => HostIds.Of(p.ParentId!.Value)).SingleAsync()));
    }

    [TestMethod]
    public async Task Partners_FindBuyers_ReadsWhatExistsAndCreatesNothing()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var known = await BuyerAsync(email, "FR");
        var partnersBefore = await _factory.WithHostDbAsync(db => db.Partners.CountAsync());

        var found = await WithPortAsync<IAmazonHostPartners, IReadOnlyList<AmazonHostBuyerIds?>>((partners, _) => partners.FindBuyersAsync(
            [Buyer(email.ToUpperInvariant(), "FR"), Buyer(email, "FR", street: "Another street 2"), Buyer($"{Guid.NewGuid():N}@example.com", "FR"), AmazonHostBuyer.Anonymous($"scope-{Guid.NewGuid():N}", new AmazonHostAddress("Amazon customer", null, null, null, null, null, "DE", null))],
            CancellationToken.None));

        Assert.AreEqual(new AmazonHostBuyerIds(known.Customer, known.Delivery), found[0]);
        Assert.IsNull(found[1], "the customer exists, its delivery address does not");
        Assert.IsNull(found[2]);
        Assert.IsNull(found[3]);
        Assert.AreEqual(partnersBefore, await _factory.WithHostDbAsync(db => db.Partners.CountAsync()));
    }

    [TestMethod]
    public async Task Partners_AnonymousCustomer_IsOnePerScope_WithAnAddressPerDestination()
    {
        static AmazonHostBuyer Anonymous(string scope, string country) => AmazonHostBuyer.Anonymous(scope, new AmazonHostAddress("Amazon customer", null, null, null, null, null, country, null));
        var scope1 = $"account:{Guid.NewGuid():N}";
        var scope2 = $"account:{Guid.NewGuid():N}";
        var (a, b, c, d) = await WithPortAsync<IAmazonHostPartners, (AmazonHostBuyerIds, AmazonHostBuyerIds, AmazonHostBuyerIds, AmazonHostBuyerIds)>(async (partners, _) => (
            await partners.FindOrCreateBuyerAsync(Anonymous(scope1, "DE"), CancellationToken.None),
            await partners.FindOrCreateBuyerAsync(Anonymous(scope1, "DE"), CancellationToken.None),
            await partners.FindOrCreateBuyerAsync(Anonymous(scope1, "FR"), CancellationToken.None),
            await partners.FindOrCreateBuyerAsync(Anonymous(scope2, "DE"), CancellationToken.None)));

        Assert.AreEqual(a, b);
        Assert.AreEqual(a.CustomerId, c.CustomerId);
        Assert.AreNotEqual(a.DeliveryAddressId, c.DeliveryAddressId);
        Assert.AreNotEqual(a.CustomerId, d.CustomerId);
        Assert.AreEqual(HostPartners.AnonymousName, await _factory.WithHostDbAsync(db => db.Partners.Where(p => p.Id == HostIds.Require(a.CustomerId)).Select(p => p.Name).SingleAsync()));
    }

    [TestMethod]
    [DataRow("DE", null, "ECHO-DOT-5", null, "DE VAT 19%")]
    [DataRow("FR", null, "ECHO-DOT-5", "Intra-EU B2C France (destination VAT)", "FR VAT 20%")]
    [DataRow("FR", null, "BOOK-COOKING-DE", "Intra-EU B2C France (destination VAT)", "FR VAT 5.5%")]
    [DataRow("IT", "IT12345678901", "ECHO-DOT-5", "Intra-EU B2B (reverse charge)", "Intra-EU reverse charge 0%")]
    [DataRow("US", null, "ECHO-DOT-5", "United States (sales tax)", "US Sales Tax 8.25%")]
    [DataRow("JP", null, "BOOK-NOVEL-EN", "Japan (consumption tax)", "JP Consumption Tax 10%")]
    [DataRow("AU", null, "BOOK-NOVEL-EN", "Australia (GST)", "AU GST 10%")]
    [DataRow("MX", null, "BOOK-NOVEL-EN", "Mexico (IVA)", "MX IVA 0%")]
    [DataRow("CA", null, "ECHO-DOT-5", "Canada (HST)", "CA HST 13%")]
    [DataRow("CH", null, "ECHO-DOT-5", "Export (outside the EU)", "Export 0%")]
    public async Task Taxes_FiscalPositionForDestination_MapsTheProductsTax(string country, string? vat, string reference, string? position, string tax)
    {
        var buyer = await BuyerAsync($"{Guid.NewGuid():N}@example.com", country, vat);
        var product = await Demo.ProductIdAsync(_factory, reference);

        var (positionId, taxes) = await WithPortAsync<IAmazonHostTaxes, (string?, IReadOnlyList<AmazonHostTax>)>(async (port, _) =>
        {
            var id = await port.GetFiscalPositionAsync(buyer.Customer, buyer.Delivery, CancellationToken.None);
            return (id, await port.GetProductTaxesAsync(product, id, CancellationToken.None));
        });

        var positionName = positionId is { } pid ? await _factory.WithHostDbAsync(db => db.FiscalPositions.Where(f => f.Id == HostIds.Require(pid)).Select(f => f.Name).SingleAsync()) : null;
        Assert.AreEqual(position, positionName);
        Assert.AreEqual(tax, taxes.Single().Name);
    }

    [TestMethod]
    [DataRow("JPY", "1234", "0.10", "1234", "123", "1357")]
    [DataRow("EUR", "10.005", "0.19", "10.01", "1.90", "11.91")]
    [DataRow("USD", "19.99", "0.0825", "19.99", "1.65", "21.64")]
    [DataRow("KWD", "1.2345", "0.05", "1.235", "0.062", "1.297")]
    public async Task ComputeLine_RoundsToTheCurrency(string currency, string untaxed, string rate, string expectedUntaxed, string expectedTax, string expectedTotal)
    {
        var amounts = await WithPortAsync<IAmazonHostTaxes, AmazonHostLineAmounts>((port, _) => Task.FromResult(
            port.ComputeLine(decimal.Parse(untaxed, System.Globalization.CultureInfo.InvariantCulture), [new AmazonHostTax("1", "t", decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), false)], currency)));

        Assert.AreEqual(decimal.Parse(expectedUntaxed, System.Globalization.CultureInfo.InvariantCulture), amounts.Untaxed);
        Assert.AreEqual(decimal.Parse(expectedTax, System.Globalization.CultureInfo.InvariantCulture), amounts.Tax);
        Assert.AreEqual(decimal.Parse(expectedTotal, System.Globalization.CultureInfo.InvariantCulture), amounts.Total);
    }

    [TestMethod]
    public async Task SalesOrders_FbaDeliveryDone_CannotBeCancelled_FbmReady_Can()
    {
        var buyer = await BuyerAsync($"{Guid.NewGuid():N}@example.com", "DE");
        var product = await Demo.ProductIdAsync(_factory, "USB-C-CABLE-2M");
        var vat = await _factory.WithHostDbAsync(db => db.Taxes.Where(t => t.Name == "DE VAT 19%").Select(t => t.Id).SingleAsync()).ContinueWith(t => HostIds.Of(t.Result), TaskScheduler.Default);
        AmazonHostOrderDraft Draft(string reference, bool fbm) => new("Amazon", reference, buyer.Customer, buyer.Delivery, null, "EUR", _factory.Clock.GetUtcNow(), null, "Sales EU", null, "Gift message: Happy birthday",
            [new AmazonHostOrderLine(product, "USB-C cable", 2, 25.98m, 0m, [vat], "item-1")], fbm ? [new AmazonHostDeliveryLine(product, 2, "item-1")] : null);

        var (fba, fbm) = await WithPortAsync<IAmazonHostSalesOrders, (AmazonHostOrder, AmazonHostOrder)>(async (orders, sp) =>
        {
            var deliveries = sp.GetRequiredService<IAmazonHostDeliveries>();
            var a = await orders.CreateConfirmedAsync(Draft("302-0000001-0000001", fbm: false), CancellationToken.None);
            await deliveries.RecordAmazonFulfilledAsync(a.Id, [new AmazonHostDeliveryLine(product, 2, "item-1")], CancellationToken.None);
            await deliveries.RecordAmazonFulfilledAsync(a.Id, [new AmazonHostDeliveryLine(product, 2, "item-1")], CancellationToken.None);
            var b = await orders.CreateConfirmedAsync(Draft("302-0000001-0000002", fbm: true), CancellationToken.None);
            return ((await orders.FindByReferencesAsync("Amazon", ["302-0000001-0000001"], CancellationToken.None))["302-0000001-0000001"], b);
        });

        Assert.AreEqual(21.83m, fba.UntaxedAmount);
        Assert.AreEqual(4.15m, fba.TaxAmount);
        Assert.AreEqual(25.98m, fba.Total);
        Assert.AreEqual(AmazonHostOrderState.Done, fba.State);
        Assert.IsTrue(fba.HasDeliveredGoods);
        var moved = await _factory.WithHostDbAsync(db => db.StockMoves.Where(m => db.Deliveries.Any(d => d.Id == m.DeliveryId && d.SalesOrderId == HostIds.Require(fba.Id))).Select(m => m.Quantity).ToListAsync());
        Assert.AreEqual(2m, moved.Sum(), "a repeated FBA shipment moves nothing twice");
        var fbmDelivery = await _factory.WithHostDbAsync(db => db.Deliveries.Include(d => d.Moves).SingleAsync(d => d.SalesOrderId == HostIds.Require(fbm.Id)));
        Assert.AreEqual((DeliveryState.Ready, 2m), (fbmDelivery.State, fbmDelivery.Moves.Single().Quantity), "confirming an FBM order creates its delivery");
        Assert.IsFalse(await WithPortAsync<IAmazonHostSalesOrders, bool>((o, _) => o.CancelAsync(fba.Id, CancellationToken.None)));
        Assert.IsTrue(await WithPortAsync<IAmazonHostSalesOrders, bool>((o, _) => o.CancelAsync(fbm.Id, CancellationToken.None)));
        var found = await WithPortAsync<IAmazonHostSalesOrders, IReadOnlyDictionary<string, AmazonHostOrder>>((o, _) => o.FindByReferencesAsync("Amazon", ["302-0000001-0000002", "302-9999999-9999999"], CancellationToken.None));
        Assert.AreEqual(AmazonHostOrderState.Cancelled, found["302-0000001-0000002"].State);
        Assert.AreEqual(1, found.Count, "an unknown reference is left out");
    }

    [TestMethod]
    public async Task SalesOrders_Update_ReplacesLinesByExternalIdWithoutDuplicating()
    {
        var buyer = await BuyerAsync($"{Guid.NewGuid():N}@example.com", "DE");
        var product = await Demo.ProductIdAsync(_factory, "LED-BULB-E27");
        AmazonHostOrderDraft Draft(decimal quantity, decimal amount) => new("Amazon", "302-0000002-0000001", buyer.Customer, buyer.Delivery, null, "EUR", _factory.Clock.GetUtcNow(), null, null, null, null,
            [new AmazonHostOrderLine(product, "LED", quantity, amount, 0m, [], "item-1")]);

        var updated = await WithPortAsync<IAmazonHostSalesOrders, AmazonHostOrder>(async (orders, _) =>
        {
            var order = await orders.CreateConfirmedAsync(Draft(1, 7.49m), CancellationToken.None);
            return await orders.UpdateAsync(order.Id, Draft(3, 22.47m), CancellationToken.None);
        });

        Assert.AreEqual(22.47m, updated.Total);
        Assert.AreEqual(1, await _factory.WithHostDbAsync(db => db.SalesOrderLines.CountAsync(l => l.SalesOrderId == HostIds.Require(updated.Id))));
        StringAssert.StartsWith(updated.Name, "SO");
    }

    [TestMethod]
    [DataRow(0.034, "6580", "1400", 0.03)]
    [DataRow(-0.034, "1400", "6580", 0.03)]
    public async Task Accounting_WriteOff_IsABalancedEntry_RoundedToTheCurrency_OnTheWriteOffAccountAgainstTheReceivable(double amount, string debited, string credited, double booked)
    {
        var reference = $"302-{Guid.NewGuid().ToString("N")[..7]}-0000001";
        var id = await WithPortAsync<IAmazonHostAccounting, string>((port, _) =>
            port.PostWriteOffAsync(new AmazonHostWriteOff(reference, "6580", (decimal)amount, "EUR", _factory.Clock.GetUtcNow(), null), CancellationToken.None));

        // Read back as finance would, through the ERP's API.
        var entry = await _factory.Client().GetAsync($"/odata/host/JournalEntries?$filter=Reference eq '{reference}'&$expand=Lines").ExpectAsync(System.Net.HttpStatusCode.OK);
        var lines = entry["value"]![0]!["Lines"]!.AsArray();
        Assert.AreEqual(id, ((int)entry["value"]![0]!["Id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual(2, lines.Count);
        Assert.AreEqual((decimal)booked, (decimal)lines.Single(l => (string?)l!["AccountCode"] == debited)!["Debit"]!);
        Assert.AreEqual((decimal)booked, (decimal)lines.Single(l => (string?)l!["AccountCode"] == credited)!["Credit"]!);
        Assert.AreEqual(lines.Sum(l => (decimal)l!["Debit"]!), lines.Sum(l => (decimal)l!["Credit"]!), "the entry balances");
    }

    [TestMethod]
    public async Task Accounting_FeesEntry_IsBookedWithItsLines_TheReceivableMeaningTheErpsAccount()
    {
        var id = await WithPortAsync<IAmazonHostAccounting, string>((port, _) => port.PostEntryAsync(new AmazonHostJournalEntry("302-0000004-0000001", "EUR", _factory.Clock.GetUtcNow(), null,
        [
            new("6770", 18.00m, 0m, "Amazon commission"),
            new("6770", 3.20m, 0m, "FBA fulfilment fee"),
            new(AmazonHostJournalEntry.Receivable, 0m, 21.20m, "Kept by Amazon from the payout"),
        ]), CancellationToken.None));

        var lines = await _factory.WithHostDbAsync(db => db.JournalEntries.Where(e => e.Id == HostIds.Require(id)).SelectMany(e => e.Lines).ToListAsync());
        Assert.AreEqual(3, lines.Count);
        Assert.AreEqual(21.20m, lines.Single(l => l.AccountCode == HostLedgerAccounts.Receivable).Credit);
        Assert.AreEqual(21.20m, lines.Where(l => l.AccountCode == "6770").Sum(l => l.Debit));
    }

    [TestMethod]
    public async Task Accounting_AnEntryPostedAgainUnderItsReference_IsBookedOnce()
    {
        var reference = $"AMZ-FEES:{Guid.NewGuid():N}:1";
        AmazonHostJournalEntry Entry() => new(reference, "EUR", _factory.Clock.GetUtcNow(), null,
            [new("4970", 4.50m, 0m, "fees"), new(AmazonHostJournalEntry.Receivable, 0m, 4.50m, "receivable")]);

        var first = await WithPortAsync<IAmazonHostAccounting, string>((port, _) => port.PostEntryAsync(Entry(), CancellationToken.None));
        var again = await WithPortAsync<IAmazonHostAccounting, string>((port, _) => port.PostEntryAsync(Entry(), CancellationToken.None));

        Assert.AreEqual(first, again, "a repeat after a crash returns the entry booked");
        Assert.AreEqual(1, await _factory.WithHostDbAsync(db => db.JournalEntries.CountAsync(e => e.Reference == reference)));
    }

    [TestMethod]
    [DataRow(10.00, 9.99, "does not balance")]
    [DataRow(-5.00, -5.00, "either a debit or a credit above zero")]
    public async Task Accounting_EntryThatDoesNotBalanceOrHasANegativeLine_IsRefused_AndNothingIsBooked(double debit, double credit, string expected)
    {
        var before = await _factory.WithHostDbAsync(db => db.JournalEntries.CountAsync());

        var error = await Assert.ThrowsExactlyAsync<ArgumentException>(() => WithPortAsync<IAmazonHostAccounting, string>((port, _) => port.PostEntryAsync(
            new AmazonHostJournalEntry("302-0000005-0000001", "EUR", _factory.Clock.GetUtcNow(), null,
            [
                new("6770", (decimal)debit, 0m, "fee"),
                new(AmazonHostJournalEntry.Receivable, 0m, (decimal)credit, "receivable"),
            ]), CancellationToken.None)));

        StringAssert.Contains(error.Message, expected);
        Assert.AreEqual(before, await _factory.WithHostDbAsync(db => db.JournalEntries.CountAsync()));
    }

    [TestMethod]
    public async Task Products_FindByReference_IsExactAndIgnoresArchived()
    {
        var (found, other) = await WithPortAsync<IAmazonHostProducts, (AmazonHostProduct?, AmazonHostProduct?)>(async (products, _) =>
            (await products.FindByInternalReferenceAsync("ECHO-DOT-5", CancellationToken.None), await products.FindByInternalReferenceAsync("echo-dot-5", CancellationToken.None)));

        Assert.AreEqual("ECHO-DOT-5", found!.InternalReference);
        Assert.IsNull(other);
        var many = await WithPortAsync<IAmazonHostProducts, IReadOnlyDictionary<string, AmazonHostProduct>>((products, _) =>
            products.FindByInternalReferencesAsync(["ECHO-DOT-5", "echo-dot-5", "KINDLE-PW-16", "NOT-A-PRODUCT"], CancellationToken.None));
        CollectionAssert.AreEquivalent(new[] { "ECHO-DOT-5", "KINDLE-PW-16" }, many.Keys.ToList());
        var byId = await WithPortAsync<IAmazonHostProducts, IReadOnlyDictionary<string, AmazonHostProduct>>((products, _) => products.GetManyAsync([found.Id, "-1", "not-an-id"], CancellationToken.None));
        Assert.AreEqual("ECHO-DOT-5", byId.Single().Value.InternalReference);
    }
}
