using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>Partners port: customers are unique by e-mail (or name and address without one); addresses are their children.</summary>
public sealed class HostPartners(HostDbContext db) : IAmazonHostPartners
{
    /// <summary>Name of the anonymous partner used when buyer data is withheld.</summary>
    public const string AnonymousName = "Amazon customer";

    /// <inheritdoc />
    public async Task<int> FindOrCreateCustomerAsync(AmazonHostCustomer customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var email = customer.Email?.Trim().ToLowerInvariant();
        var address = customer.BillingAddress;
        var query = db.Partners.Where(p => p.ParentId == null && p.AnonymousScope == null);
        query = email is not null
            ? query.Where(p => p.Email == email)
            : query.Where(p => p.Email == null && p.Name == customer.Name && p.Street == address!.Street && p.Zip == address.PostalCode && p.CountryCode == address.CountryCode);
        var existing = await query.OrderBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        var partner = new Partner { Name = customer.Name, Email = email, VatNumber = customer.VatNumber, IsCompany = customer.IsCompany };
        if (address is not null)
        {
            CopyAddress(address, partner);
        }

        db.Partners.Add(partner);
        await db.SaveChangesAsync(cancellationToken);
        return partner.Id;
    }

    /// <inheritdoc />
    public async Task<int> FindOrCreateDeliveryAddressAsync(int customerId, AmazonHostAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var existing = await db.Partners
            .Where(p => p.ParentId == customerId && p.IsDeliveryAddress && p.Name == address.Name && p.Street == address.Street
                && p.Street2 == address.Street2 && p.City == address.City && p.Zip == address.PostalCode && p.CountryCode == address.CountryCode)
            .OrderBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        var partner = new Partner { Name = address.Name, ParentId = customerId, IsDeliveryAddress = true };
        CopyAddress(address, partner);
        db.Partners.Add(partner);
        await db.SaveChangesAsync(cancellationToken);
        return partner.Id;
    }

    /// <inheritdoc />
    public async Task<int> GetAnonymousCustomerAsync(string scope, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        var existing = await db.Partners.Where(p => p.AnonymousScope == scope).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        var partner = new Partner { Name = AnonymousName, AnonymousScope = scope };
        db.Partners.Add(partner);
        await db.SaveChangesAsync(cancellationToken);
        return partner.Id;
    }

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
