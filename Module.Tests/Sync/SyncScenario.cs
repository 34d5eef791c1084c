using System.Net;
using ErpAmazonModule.Host.Data;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Sync;

/// <summary>A seller in the sandbox with hand-made orders, an account for it, and ways to sync and look at the result.</summary>
public sealed class SyncScenario
{
    private int _sequence;

    // Ids come from counters, not randomness: unique in the test run and the same in every run.
    private static long _items;
    private static int _orders;

    public SyncScenario(ErpHostFactory factory, string region, string sellerId, int accountId, ErpAmazonModule.Accounts.AmazonApi api = ErpAmazonModule.Accounts.AmazonApi.Mws, string? authorization = null)
    {
        Factory = factory;
        Region = region;
        SellerId = sellerId;
        AccountId = accountId;
        Api = api;
        Authorization = authorization;
    }

    /// <summary>The API the account syncs through.</summary>
    public ErpAmazonModule.Accounts.AmazonApi Api { get; }

    /// <summary>The seller's authorization the account was created with (MWS token or LWA refresh token).</summary>
    public string? Authorization { get; }

    public ErpHostFactory Factory { get; }
    public string Region { get; }
    public string SellerId { get; }
    public int AccountId { get; }
    public DateTimeOffset Now => Factory.Time.GetUtcNow();

    public static Task<SyncScenario> CreateAsync(ErpHostFactory factory, string region, params string[] marketplaces) =>
        CreateAsync(factory, ErpAmazonModule.Accounts.AmazonApi.Mws, null, region, marketplaces);

    /// <summary>
    /// A new sandbox seller and its account over <paramref name="api"/> (for the Selling Partner API, a refresh token the
    /// seller gave the sandbox's application, and the Orders API version <paramref name="ordersApiVersion"/>, the
    /// account's default when null).
    /// </summary>
    public static async Task<SyncScenario> CreateAsync(ErpHostFactory factory, ErpAmazonModule.Accounts.AmazonApi api, string? ordersApiVersion, string region, params string[] marketplaces)
    {
        var (sellerId, token) = Demo.Seller(factory, region, null, marketplaces);
        var authorization = api == ErpAmazonModule.Accounts.AmazonApi.SellingPartner
            ? factory.Sandbox.Lwa.Grant(sellerId, SandboxCatalog.Application.ClientId).Token
            : token;
        var account = await factory.Client().PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"sync {{Guid.NewGuid():N}}","Api":"{{api}}","Region":"{{region}}","SellerId":"{{sellerId}}","AuthorizationToken":"{{authorization}}"{{(ordersApiVersion is null ? "" : $",\"OrdersApiVersion\":\"{ordersApiVersion}\"")}}}
            """).ExpectAsync(HttpStatusCode.Created);
        return new SyncScenario(factory, region, sellerId, (int)account["Id"]!, api, authorization);
    }

    public static SandboxMoney M(string currency, decimal amount) => new(currency, amount);

    public static SandboxOrderItem Item(string sku, int quantity, SandboxMoney price, SandboxMoney tax, string? id = null) => new()
    {
        OrderItemId = id ?? $"{10_000_000_000_000 + Interlocked.Increment(ref _items)}",
        Asin = "B0TEST" + sku.Length,
        SellerSku = sku,
        Title = $"Title of {sku}",
        QuantityOrdered = quantity,
        ItemPrice = price,
        ItemTax = tax,
    };

    /// <summary>Puts an order in the sandbox, updated <paramref name="minutesAgo"/> minutes ago with the given status timeline.</summary>
    public SandboxOrder Order(string marketplaceId, string channel, string status, IEnumerable<SandboxOrderItem> items, int minutesAgo = 60,
        string shipLevel = "Std", bool withhold = false, string buyer = "Zoë Müller", string? country = null)
    {
        var marketplace = SandboxCatalog.Marketplaces.Single(m => m.MarketplaceId == marketplaceId);
        var at = Now.AddMinutes(-minutesAgo);
        var list = items.ToList();
        var units = list.Sum(i => i.QuantityOrdered);
        var id = $"{(Region == "NA" ? 1 : Region == "EU" ? 3 : 5)}{AccountId % 10}{Interlocked.Increment(ref _sequence) % 10}-{1_000_000 + Interlocked.Increment(ref _orders):D7}-{1_000_000 + AccountId % 9_000_000:D7}";
        var order = new SandboxOrder
        {
            AmazonOrderId = id,
            SellerId = SellerId,
            MarketplaceId = marketplaceId,
            FulfillmentChannel = channel,
            PurchaseDate = at.AddMinutes(-30),
            ShipServiceLevel = shipLevel,
            ShipmentServiceLevelCategory = shipLevel == "Std" ? "Standard" : shipLevel,
            PaymentMethod = "Other",
            BuyerName = buyer,
            BuyerEmail = $"{Guid.NewGuid():N}@marketplace.amazon.test",
            ShippingAddress = new SandboxAddress(buyer, "Hauptstraße 5", null, "Berlin", null, "10115", country ?? marketplace.CountryCode, null),
            WithholdBuyerData = withhold,
            Items = list,
            Timeline = [new(at.AddMinutes(-30), "Pending", 0), new(at, status, status == "Shipped" ? units : status == "PartiallyShipped" ? units / 2 : 0)],
        };
        if (status == "Pending")
        {
            order.Timeline.RemoveAt(1);
            order.Timeline[0] = new(at, "Pending", 0);
        }

        Factory.Sandbox.Store.PutOrder(order);
        return order;
    }

    /// <summary>Moves an order to a status now (its LastUpdateDate moves), then lets time pass so a sync sees it.</summary>
    public void ChangeStatus(string amazonOrderId, string status)
    {
        Factory.Sandbox.Store.ChangeOrder(amazonOrderId, (o, now) =>
        {
            o.Timeline.RemoveAll(c => c.At > now);
            o.Timeline.Add(new SandboxStatusChange(now, status, status == "Shipped" ? o.Items.Sum(i => i.QuantityOrdered) : 0));
        });
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
    }

    public async Task<AmazonSyncRunEntity> SyncAsync(IProgress<AmazonSyncProgress>? progress = null, CancellationToken cancellationToken = default) =>
        await Factory.Services.GetRequiredService<AmazonOrderSync>().RunAsync(AccountId, AmazonSyncTrigger.Manual, progress, TimeSpan.FromSeconds(5), cancellationToken)
            ?? throw new AssertFailedException("Another sync held the account's lock.");

    public Task<AmazonOrderLinkEntity> LinkAsync(string amazonOrderId) =>
        Factory.WithModuleDbAsync(db => db.OrderLinks.AsNoTracking().SingleAsync(l => l.AccountId == AccountId && l.AmazonOrderId == amazonOrderId));

    public Task<SalesOrder> SalesOrderAsync(string amazonOrderId) =>
        Factory.WithHostDbAsync(db => db.SalesOrders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.ClientReference == amazonOrderId));

    public Task<int> SalesOrderCountAsync(string amazonOrderId) =>
        Factory.WithHostDbAsync(db => db.SalesOrders.CountAsync(o => o.ClientReference == amazonOrderId));
}
