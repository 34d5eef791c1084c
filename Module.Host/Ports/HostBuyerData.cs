using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>
/// Erases buyers' personal data when the connector says their orders are due (contract 1.4). A customer or delivery
/// address is erased once every sales order using it is: a buyer with a recent order keeps their data until that one is
/// due too. The demo ERP keeps country, region, city and postal code (the VAT or sales tax jurisdiction of the orders)
/// and a company's name and VAT number (the invoices of business orders), and erases names of people, e-mails, phones
/// and street addresses.
/// </summary>
public sealed class HostBuyerData(HostDbContext db, TimeProvider time, HostPermissions permissions) : IAmazonHostBuyerData
{
    /// <inheritdoc />
    public IReadOnlyList<string> RolesWithAccess => permissions.RolesHolding(HostPermissions.ReadHostData) ?? [];

    /// <summary>The name an erased partner is left with.</summary>
    public const string ErasedName = "Amazon buyer (erased)";

    private static readonly IReadOnlyList<string> Kept =
    [
        "country, region, city and postal code: the tax jurisdiction of the orders' invoices",
        "a company's name and VAT number: the invoices of business orders",
    ];

    /// <inheritdoc />
    public async Task<AmazonHostBuyerErasure> EraseAsync(IReadOnlyList<string> salesOrderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(salesOrderIds);
        var ids = salesOrderIds.Select(HostIds.Parse).OfType<int>().ToList();
        var orders = await db.SalesOrders.Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var order in orders.Where(o => o.BuyerDataErasedOn is null))
        {
            order.BuyerDataErasedOn = now;
        }

        await db.SaveChangesAsync(cancellationToken);

        // A partner is erased once no order using it still needs it (as customer or as delivery address).
        var partnerIds = orders.SelectMany(o => new[] { o.CustomerId, o.DeliveryAddressId }).Distinct().ToList();
        var stillNeeded = await db.SalesOrders.Where(o => o.BuyerDataErasedOn == null && (partnerIds.Contains(o.CustomerId) || partnerIds.Contains(o.DeliveryAddressId)))
            .Select(o => new[] { o.CustomerId, o.DeliveryAddressId }).ToListAsync(cancellationToken);
        var needed = stillNeeded.SelectMany(p => p).ToHashSet();
        var partners = await db.Partners.Where(p => partnerIds.Contains(p.Id) && p.Name != ErasedName).ToListAsync(cancellationToken);
        var erased = 0;
        foreach (var partner in partners.Where(p => !needed.Contains(p.Id) && p.AnonymousScope is null))
        {
            if (partner.Email is null && partner.Phone is null && partner.Street is null && partner.Street2 is null && (partner.IsCompany || partner.Name == HostPartners.AnonymousName))
            {
                continue;
            }

            partner.Name = partner.IsCompany ? partner.Name : ErasedName;
            partner.Email = null;
            partner.Phone = null;
            partner.Street = null;
            partner.Street2 = null;
            erased++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new AmazonHostBuyerErasure(orders.Count, erased, Kept);
    }
}
