using ErpAmazonModule.Amazon;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Sync;

/// <summary>A page as Amazon listed it, and where it stands in the run's windows.</summary>
/// <param name="Page">The orders.</param>
/// <param name="Force">Process every order whatever its link says (retries by id, recovery).</param>
/// <param name="WatermarkAfter">Set on the last page of a window: the watermark may move there once the page is imported.</param>
/// <param name="Requested">For pages read by id: the ids asked for (an id Amazon does not return is a failure of that order).</param>
internal sealed record AmazonListedPage(AmazonOrdersPage Page, bool Force, DateTimeOffset? WatermarkAfter, IReadOnlyList<string>? Requested = null);

/// <summary>A listed order and what the page decided for it.</summary>
internal sealed class AmazonPageOrder(AmazonOrder order, bool needsWork)
{
    public AmazonOrder Order { get; } = order;

    /// <summary>False when the order is unchanged since it was processed (or waits for its next attempt): skipped without fetching its items.</summary>
    public bool NeedsWork { get; } = needsWork;

    /// <summary>The items, fetched ahead while earlier orders are imported; null when the order's status needs none.</summary>
    public Task<IReadOnlyList<AmazonOrderItem>>? Items { get; set; }
}

/// <summary>A page on its way: listed, compared with the links, its items being fetched.</summary>
internal sealed class AmazonPreparedPage(AmazonListedPage listed, IReadOnlyDictionary<string, AmazonOrderLinkEntity> links, IReadOnlyList<AmazonPageOrder> orders)
{
    public AmazonListedPage Listed { get; } = listed;

    /// <summary>The links that already exist for the page's orders (untracked, with their items).</summary>
    public IReadOnlyDictionary<string, AmazonOrderLinkEntity> Links { get; } = links;

    public IReadOnlyList<AmazonPageOrder> Orders { get; } = orders;

    /// <summary>Waits for every item fetch still running (their failures belong to their orders, already recorded or abandoned).</summary>
    public async Task DrainAsync()
    {
        foreach (var items in Orders.Select(o => o.Items).OfType<Task<IReadOnlyList<AmazonOrderItem>>>())
        {
            try
            {
                await items.ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Observed so it is not reported as unobserved; the run that prepared it has ended.
            }
        }
    }
}

/// <summary>
/// What a page's orders need from the module and the host, asked once for the page: the links, the products for every
/// SKU (offers, internal references, shipping and gift-wrap products), the partners that already exist for its buyers,
/// and the sales orders already created for its orders. Plain values; orders add what they create as they go.
/// </summary>
public sealed class AmazonPageLookups
{
    private readonly Dictionary<AmazonHostBuyer, AmazonHostBuyerIds> _buyers;
    private readonly HashSet<string> _offers;

    internal AmazonPageLookups(
        IReadOnlyDictionary<string, AmazonOrderLinkEntity> links,
        AmazonProductChoice products,
        IEnumerable<string> skusWithOffer,
        Dictionary<AmazonHostBuyer, AmazonHostBuyerIds> buyers,
        IReadOnlyDictionary<string, AmazonHostOrder> salesOrders)
    {
        Links = links;
        Products = products;
        _offers = new HashSet<string>(skusWithOffer, StringComparer.Ordinal);
        _buyers = buyers;
        SalesOrders = salesOrders;
    }

    /// <summary>The links that already exist, by Amazon order id (untracked: an order imports a copy).</summary>
    public IReadOnlyDictionary<string, AmazonOrderLinkEntity> Links { get; }

    /// <summary>Which product each SKU, shipping service and gift-wrap level becomes.</summary>
    public AmazonProductChoice Products { get; }

    /// <summary>The host's sales orders already created for the page's orders, by Amazon order id.</summary>
    public IReadOnlyDictionary<string, AmazonHostOrder> SalesOrders { get; }

    /// <summary>The partners of a buyer, when known.</summary>
    public bool TryGetBuyer(AmazonHostBuyer buyer, out AmazonHostBuyerIds ids) => _buyers.TryGetValue(buyer, out ids!);

    /// <summary>Remembers partners an order found or created (the next order of the same buyer reuses them).</summary>
    public void RememberBuyer(AmazonHostBuyer buyer, AmazonHostBuyerIds ids) => _buyers[buyer] = ids;

    /// <summary>True when the account has an offer for the SKU (existing, or created by an earlier order of the run's page).</summary>
    public bool HasOffer(string sku) => _offers.Contains(sku);

    /// <summary>Remembers offers an order created, once its unit of work is saved.</summary>
    public void RememberOffers(IEnumerable<string> skus) => _offers.UnionWith(skus);

    /// <summary>Reads a page's lookups (reads only: every write belongs to an order).</summary>
    internal static async Task<AmazonPageLookups> LoadAsync(
        AmazonSyncRunContext run,
        AmazonPreparedPage page,
        IReadOnlyDictionary<string, IReadOnlyList<AmazonOrderItem>> items,
        AmazonDbContext db,
        IAmazonHostProducts products,
        IAmazonHostPartners partners,
        IAmazonHostSalesOrders salesOrders,
        CancellationToken cancellationToken)
    {
        var working = page.Orders.Where(o => o.NeedsWork).Select(o => o.Order).ToList();
        var skus = items.Values.SelectMany(i => i).Select(i => i.SellerSku).Distinct(StringComparer.Ordinal).ToList();
        var offers = skus.Count == 0
            ? []
            : await db.Offers.AsNoTracking().Where(o => o.AccountId == run.Account.Id && skus.Contains(o.Sku))
                .Select(o => new { o.Sku, o.ProductId }).ToListAsync(cancellationToken);
        var offerProductIds = offers.Select(o => o.ProductId).Distinct().ToList();
        var existingProducts = offerProductIds.Count == 0 ? new Dictionary<string, AmazonHostProduct>() : await products.GetManyAsync(offerProductIds, cancellationToken);
        var offerProducts = offers.Where(o => existingProducts.ContainsKey(o.ProductId)).ToDictionary(o => o.Sku, o => o.ProductId, StringComparer.Ordinal);

        var references = skus.Where(s => !offerProducts.ContainsKey(s))
            .Concat(working.Select(o => o.ShipServiceLevel))
            .Concat(items.Values.SelectMany(i => i).Select(i => i.GiftWrapLevel))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var byReference = references.Count == 0 ? new Dictionary<string, AmazonHostProduct>() : await products.FindByInternalReferencesAsync(references, cancellationToken);

        var buyers = working.Where(o => items.ContainsKey(o.AmazonOrderId))
            .Select(o => AmazonSalesOrderBuilder.BuyerOf(o, run.AnonymousScope, run.Marketplaces.GetValueOrDefault(o.MarketplaceId)?.CountryCode))
            .Where(b => b.Customer is not null)
            .Distinct().ToList();
        var found = buyers.Count == 0 ? [] : await partners.FindBuyersAsync(buyers, cancellationToken);
        var knownBuyers = new Dictionary<AmazonHostBuyer, AmazonHostBuyerIds>();
        for (var i = 0; i < buyers.Count; i++)
        {
            if (found[i] is { } buyerIds)
            {
                knownBuyers[buyers[i]] = buyerIds;
            }
        }

        var ids = working.Select(o => o.AmazonOrderId).ToList();
        var existingOrders = ids.Count == 0 ? new Dictionary<string, AmazonHostOrder>() : await salesOrders.FindByReferencesAsync(run.Origin, ids, cancellationToken);
        return new AmazonPageLookups(
            page.Links,
            new AmazonProductChoice(offerProducts, byReference.ToDictionary(p => p.Key, p => p.Value.Id, StringComparer.Ordinal), run.DefaultProducts),
            offers.Select(o => o.Sku),
            knownBuyers,
            existingOrders);
    }
}
