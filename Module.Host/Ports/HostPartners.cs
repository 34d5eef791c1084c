using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>
/// Partners port: customers are unique by e-mail (or name and address without one), the anonymous customer by its
/// scope; delivery addresses are their children, unique by name and address.
/// </summary>
public sealed class HostPartners(HostDbContext db) : IAmazonHostPartners
{
    /// <summary>Name of the anonymous partner used when buyer data is withheld.</summary>
    public const string AnonymousName = "Amazon customer";

    /// <inheritdoc />
    public async Task<IReadOnlyList<AmazonHostBuyerIds?>> FindBuyersAsync(IReadOnlyList<AmazonHostBuyer> buyers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(buyers);
        var emails = buyers.Select(b => Email(b.Customer)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var scopes = buyers.Select(b => b.AnonymousScope).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var byEmail = emails.Count == 0 ? [] : await db.Partners.AsNoTracking()
            .Where(p => p.ParentId == null && p.AnonymousScope == null && p.Email != null && emails.Contains(p.Email))
            .GroupBy(p => p.Email!).Select(g => new { Email = g.Key, Id = g.Min(p => p.Id) })
            .ToDictionaryAsync(x => x.Email, x => x.Id, StringComparer.Ordinal, cancellationToken);
        var byScope = scopes.Count == 0 ? [] : await db.Partners.AsNoTracking()
            .Where(p => p.AnonymousScope != null && scopes.Contains(p.AnonymousScope))
            .GroupBy(p => p.AnonymousScope!).Select(g => new { Scope = g.Key, Id = g.Min(p => p.Id) })
            .ToDictionaryAsync(x => x.Scope, x => x.Id, StringComparer.Ordinal, cancellationToken);

        var customers = new int?[buyers.Count];
        for (var i = 0; i < buyers.Count; i++)
        {
            var buyer = buyers[i];
            customers[i] = buyer.AnonymousScope is { } scope ? byScope.GetValueOrDefault(scope) is var a and > 0 ? a : null
                : Email(buyer.Customer) is { } email ? byEmail.GetValueOrDefault(email) is var e and > 0 ? e : null
                : await FindCustomerWithoutEmailAsync(buyer.Customer!, cancellationToken);
        }

        var parents = customers.OfType<int>().Distinct().ToList();
        var zips = buyers.Select(b => b.DeliveryAddress.PostalCode).Distinct().ToList();
        var addresses = parents.Count == 0 ? [] : await db.Partners.AsNoTracking()
            .Where(p => p.ParentId != null && parents.Contains(p.ParentId.Value) && p.IsDeliveryAddress && zips.Contains(p.Zip))
            .ToListAsync(cancellationToken);
        return buyers.Select((buyer, i) => customers[i] is { } customerId
                && addresses.Where(p => p.ParentId == customerId && SameAddress(p, buyer.DeliveryAddress)).OrderBy(p => p.Id).FirstOrDefault() is { } address
                ? new AmazonHostBuyerIds(HostIds.Of(customerId), HostIds.Of(address.Id))
                : null)
            .ToList();
    }

    /// <inheritdoc />
    public async Task<AmazonHostBuyerIds> FindOrCreateBuyerAsync(AmazonHostBuyer buyer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(buyer);
        if ((buyer.Customer is null) == (buyer.AnonymousScope is null))
        {
            throw new ArgumentException("A buyer is either a customer or the anonymous customer of a scope.", nameof(buyer));
        }

        // One query finds the customer and, among its delivery addresses, this one.
        var wanted = buyer.DeliveryAddress;
        var customers = buyer.AnonymousScope is { } scope ? db.Partners.Where(p => p.AnonymousScope == scope)
            : Email(buyer.Customer) is { } email ? db.Partners.Where(p => p.ParentId == null && p.AnonymousScope == null && p.Email == email)
            : WithoutEmail(buyer.Customer!);
        var found = await customers.AsNoTracking().OrderBy(p => p.Id).Select(p => new
        {
            p.Id,
            AddressId = p.Children
                .Where(c => c.IsDeliveryAddress && c.Name == wanted.Name && c.Street == wanted.Street && c.Street2 == wanted.Street2
                    && c.City == wanted.City && c.Zip == wanted.PostalCode && c.CountryCode == wanted.CountryCode)
                .OrderBy(c => c.Id).Select(c => (int?)c.Id).FirstOrDefault(),
        }).FirstOrDefaultAsync(cancellationToken);
        if (found?.AddressId is { } addressId)
        {
            return new AmazonHostBuyerIds(HostIds.Of(found.Id), HostIds.Of(addressId));
        }

        var address = new Partner { Name = wanted.Name, IsDeliveryAddress = true, ParentId = found?.Id };
        CopyAddress(wanted, address);
        if (found is null)
        {
            // The customer and its address are saved together.
            var customer = buyer.Customer is { } known ? NewCustomer(known) : new Partner { Name = AnonymousName, AnonymousScope = buyer.AnonymousScope };
            customer.Children.Add(address);
            db.Partners.Add(customer);
        }
        else
        {
            db.Partners.Add(address);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new AmazonHostBuyerIds(HostIds.Of(address.ParentId!.Value), HostIds.Of(address.Id));
    }

    private async Task<int?> FindCustomerWithoutEmailAsync(AmazonHostCustomer customer, CancellationToken cancellationToken) =>
        await WithoutEmail(customer).AsNoTracking().Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);

    private IQueryable<Partner> WithoutEmail(AmazonHostCustomer customer)
    {
        var address = customer.BillingAddress;
        return db.Partners.Where(p => p.ParentId == null && p.AnonymousScope == null && p.Email == null && p.Name == customer.Name
                && p.Street == address!.Street && p.Zip == address.PostalCode && p.CountryCode == address.CountryCode)
            .OrderBy(p => p.Id);
    }

    private static Partner NewCustomer(AmazonHostCustomer customer)
    {
        var partner = new Partner { Name = customer.Name, Email = Email(customer), VatNumber = customer.VatNumber, IsCompany = customer.IsCompany };
        if (customer.BillingAddress is { } address)
        {
            CopyAddress(address, partner);
        }

        return partner;
    }

    private static string? Email(AmazonHostCustomer? customer) => customer?.Email?.Trim().ToLowerInvariant();

    private static bool SameAddress(Partner p, AmazonHostAddress a) =>
        p.Name == a.Name && p.Street == a.Street && p.Street2 == a.Street2 && p.City == a.City && p.Zip == a.PostalCode && p.CountryCode == a.CountryCode;

    private static void CopyAddress(AmazonHostAddress address, Partner partner)
    {
        partner.Street = address.Street;
        partner.Street2 = address.Street2;
        partner.City = address.City;
        partner.State = address.StateOrRegion;
        partner.Zip = address.PostalCode;
        partner.CountryCode = address.CountryCode;
        partner.Phone = address.Phone;
    }
}
