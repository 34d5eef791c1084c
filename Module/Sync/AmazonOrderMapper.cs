using ErpAmazonModule.Accounts;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.DefaultProducts;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Offers;
using ErpAmazonModule.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Sync;

/// <summary>A sales order ready for the host, with what the connector keeps about it.</summary>
public sealed record AmazonMappedOrder(AmazonHostOrderDraft Draft, decimal ErpTotal, decimal TaxDifference, string CurrencyCode, IReadOnlyList<AmazonOrderItemLinkEntity> Items);

/// <summary>
/// Turns an Amazon order into a sales order through the host contract: customer and delivery address, fiscal
/// position, one line per item (plus shipping, gift wrap and cash-on-delivery lines) whose tax-included totals are
/// Amazon's amounts to the cent, computed with the host's own taxes.
/// </summary>
public sealed class AmazonOrderMapper(
    AmazonDbContext db,
    IAmazonHostProducts products,
    IAmazonHostPartners partners,
    IAmazonHostTaxes taxes,
    TimeProvider time)
{
    private Dictionary<string, AmazonMarketplaceEntity>? _marketplaces;
    private Dictionary<AmazonDefaultProductKind, int?>? _defaults;

    /// <summary>Origin written on the host's sales orders of an account (with the Amazon order id as client reference).</summary>
    public static string Origin(int accountId) => $"Amazon:{accountId}";

    /// <summary>Maps <paramref name="order"/>; offers found through products' internal references are added to the context (saved by the caller).</summary>
    public async Task<AmazonMappedOrder> MapAsync(AmazonAccountEntity account, AmazonOrder order, IReadOnlyList<AmazonOrderItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(items);
        // The catalog and the default products are read once per run (the mapper lives in the run's scope), not per order.
        _marketplaces ??= await db.Marketplaces.AsNoTracking().ToDictionaryAsync(m => m.ApiIdentifier, StringComparer.Ordinal, cancellationToken);
        var marketplace = _marketplaces.GetValueOrDefault(order.MarketplaceId);
        var included = marketplace?.PricesIncludeTax ?? true;
        var currency = order.Total?.CurrencyCode ?? items.Select(i => i.ItemPrice?.CurrencyCode).FirstOrDefault(c => c is not null) ?? marketplace?.CurrencyCode
            ?? throw new InvalidOperationException($"Order {order.AmazonOrderId} states no currency.");
        var defaults = _defaults ??= await db.DefaultProducts.AsNoTracking().ToDictionaryAsync(d => d.Kind, d => d.ProductId, cancellationToken);
        var sale = defaults.GetValueOrDefault(AmazonDefaultProductKind.Sale) ?? throw new InvalidOperationException("The default Sale product is not set.");

        var (customerId, deliveryId) = await PartnersAsync(account, order, marketplace, cancellationToken);
        var fiscalPosition = await taxes.GetFiscalPositionAsync(customerId, deliveryId, cancellationToken);

        var lines = new List<AmazonHostOrderLine>();
        var itemLinks = new List<AmazonOrderItemLinkEntity>();
        decimal taxDifference = 0, erpTotal = 0;
        async Task AddLine(int productId, string description, decimal quantity, AmazonMoney? price, AmazonMoney? tax, AmazonMoney? discount, AmazonMoney? discountTax, string externalId)
        {
            var gross = Amount(price) - Amount(discount) + (included ? 0 : Amount(tax) - Amount(discountTax));
            var lineTaxes = await taxes.GetProductTaxesAsync(productId, fiscalPosition, cancellationToken);
            var host = taxes.ComputeLineFromTotal(gross, lineTaxes, currency);
            taxDifference += host.Tax - (Amount(tax) - Amount(discountTax));
            erpTotal += host.Total;
            lines.Add(new AmazonHostOrderLine(productId, description, quantity, gross, Amount(discount), lineTaxes.Select(t => t.Id).ToList(), externalId));
        }

        foreach (var item in items)
        {
            var (productId, matched) = await ProductForSkuAsync(account, item.SellerSku, sale, cancellationToken);
            var description = matched ? item.Title ?? item.SellerSku : $"[{item.SellerSku}] {item.Title}";
            await AddLine(productId, description, item.QuantityOrdered, item.ItemPrice, item.ItemTax, item.PromotionDiscount, item.PromotionDiscountTax, item.OrderItemId + ":item");
            itemLinks.Add(new AmazonOrderItemLinkEntity { OrderItemId = item.OrderItemId, Sku = item.SellerSku, ProductId = productId, QuantityOrdered = item.QuantityOrdered, QuantityShipped = item.QuantityShipped });

            if (Amount(item.ShippingPrice) != 0)
            {
                var shipping = await ProductByReferenceAsync(order.ShipServiceLevel, defaults.GetValueOrDefault(AmazonDefaultProductKind.Shipping) ?? sale, cancellationToken);
                await AddLine(shipping, $"Shipping ({order.ShipServiceLevel})", 1, item.ShippingPrice, item.ShippingTax, item.ShippingDiscount, item.ShippingDiscountTax, item.OrderItemId + ":shipping");
            }

            if (Amount(item.GiftWrapPrice) != 0)
            {
                var wrap = await ProductByReferenceAsync(item.GiftWrapLevel, defaults.GetValueOrDefault(AmazonDefaultProductKind.GiftWrap) ?? sale, cancellationToken);
                await AddLine(wrap, $"Gift wrap ({item.GiftWrapLevel})", 1, item.GiftWrapPrice, item.GiftWrapTax, null, null, item.OrderItemId + ":giftwrap");
            }

            if (item.CodFee is { } fee && fee.Amount - Amount(item.CodFeeDiscount) != 0)
            {
                // Amazon states no tax for the fee: it is taken as the amount the buyer pays.
                await AddLine(sale, "Cash on delivery fee", 1, fee, null, item.CodFeeDiscount, null, item.OrderItemId + ":cod");
            }
        }

        var note = string.Join(Environment.NewLine, items.Where(i => !string.IsNullOrWhiteSpace(i.GiftMessage)).Select(i => $"Gift message: {i.GiftMessage}").Distinct());
        var draft = new AmazonHostOrderDraft(Origin(account.Id), order.AmazonOrderId, customerId, deliveryId, fiscalPosition, currency, order.PurchaseDate,
            account.CompanyId, account.Salesperson, account.SalesTeam, note.Length == 0 ? null : note, lines);
        return new AmazonMappedOrder(draft, erpTotal, taxDifference, currency, itemLinks);
    }

    private async Task<(int Customer, int Delivery)> PartnersAsync(AmazonAccountEntity account, AmazonOrder order, AmazonMarketplaceEntity? marketplace, CancellationToken cancellationToken)
    {
        var address = order.ShippingAddress;
        if (order.Buyer is { } buyer && (buyer.Email ?? buyer.Name) is not null && address?.Name is not null && address.Line1 is not null)
        {
            var hostAddress = new AmazonHostAddress(address.Name, address.Line1, JoinLines(address.Line2, address.Line3), address.City, address.StateOrRegion, address.PostalCode, address.CountryCode, address.Phone);
            var customer = await partners.FindOrCreateCustomerAsync(new AmazonHostCustomer(buyer.Name ?? address.Name, buyer.Email, hostAddress, buyer.VatNumber, order.IsBusinessOrder), cancellationToken);
            return (customer, await partners.FindOrCreateDeliveryAddressAsync(customer, hostAddress, cancellationToken));
        }

        // Amazon withheld the buyer (restricted role, FBA-only account): the order still comes in, for an anonymous customer
        // shipped to the country Amazon gives (which decides the taxes).
        var anonymous = await partners.GetAnonymousCustomerAsync($"amazon-account:{account.Id}", cancellationToken);
        var country = address?.CountryCode ?? marketplace?.CountryCode ?? "";
        var anonymousAddress = new AmazonHostAddress("Amazon customer", null, null, address?.City, address?.StateOrRegion, address?.PostalCode, country, null);
        return (anonymous, await partners.FindOrCreateDeliveryAddressAsync(anonymous, anonymousAddress, cancellationToken));
    }

    private async Task<(int ProductId, bool Matched)> ProductForSkuAsync(AmazonAccountEntity account, string sku, int sale, CancellationToken cancellationToken)
    {
        var offer = db.Offers.Local.FirstOrDefault(o => o.AccountId == account.Id && o.Sku == sku)
            ?? await db.Offers.FirstOrDefaultAsync(o => o.AccountId == account.Id && o.Sku == sku, cancellationToken);
        if (offer is not null && await products.GetAsync(offer.ProductId, cancellationToken) is not null)
        {
            return (offer.ProductId, true);
        }

        if (await products.FindByInternalReferenceAsync(sku, cancellationToken) is { } product)
        {
            if (offer is null)
            {
                var now = time.GetUtcNow();
                db.Offers.Add(new AmazonOfferEntity { AccountId = account.Id, Sku = sku, ProductId = product.Id, Origin = AmazonOfferOrigin.Automatic, CreatedOn = now, UpdatedOn = now, Version = Guid.NewGuid() });
            }

            return (product.Id, true);
        }

        return (sale, false);
    }

    private async Task<int> ProductByReferenceAsync(string? reference, int fallback, CancellationToken cancellationToken) =>
        reference is not null && await products.FindByInternalReferenceAsync(reference, cancellationToken) is { } product ? product.Id : fallback;

    private static decimal Amount(AmazonMoney? money) => money?.Amount ?? 0m;

    private static string? JoinLines(string? a, string? b) => (a, b) switch
    {
        (null, null) => null,
        (_, null) => a,
        (null, _) => b,
        _ => $"{a}, {b}",
    };
}
