using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>Products port over the host's Products table.</summary>
public sealed class HostProducts(HostDbContext db) : IAmazonHostProducts
{
    /// <inheritdoc />
    public async Task<AmazonHostProduct?> FindByInternalReferenceAsync(string internalReference, CancellationToken cancellationToken)
    {
        // SQL Server's default collation compares case-insensitively; the contract promises an ordinal match.
        var candidates = await db.Products.AsNoTracking().Where(p => p.InternalReference == internalReference && p.IsActive).ToListAsync(cancellationToken);
        return ToPort(candidates.SingleOrDefault(p => string.Equals(p.InternalReference, internalReference, StringComparison.Ordinal)));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, AmazonHostProduct>> FindByInternalReferencesAsync(IReadOnlyCollection<string> internalReferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(internalReferences);
        var candidates = await db.Products.AsNoTracking().Where(p => internalReferences.Contains(p.InternalReference) && p.IsActive).ToListAsync(cancellationToken);
        var wanted = internalReferences.ToHashSet(StringComparer.Ordinal);
        return candidates.Where(p => wanted.Contains(p.InternalReference)).ToDictionary(p => p.InternalReference, p => ToPort(p)!, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, AmazonHostProduct>> GetManyAsync(IReadOnlyCollection<string> productIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        var keys = productIds.Select(HostIds.Parse).OfType<int>().ToList();
        return await db.Products.AsNoTracking().Where(p => keys.Contains(p.Id) && p.IsActive)
            .ToDictionaryAsync(p => HostIds.Of(p.Id), p => ToPort(p)!, StringComparer.Ordinal, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AmazonHostProduct?> GetAsync(string productId, CancellationToken cancellationToken) =>
        HostIds.Parse(productId) is { } key
            ? ToPort(await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == key && p.IsActive, cancellationToken))
            : null;

    /// <inheritdoc />
    public async Task<AmazonHostProduct> CreateServiceProductAsync(string internalReference, string name, CancellationToken cancellationToken)
    {
        var existing = await db.Products.SingleOrDefaultAsync(p => p.InternalReference == internalReference, cancellationToken);
        if (existing is not null)
        {
            // An archived product keeps its reference; bring it back rather than violate uniqueness.
            existing.IsActive = true;
            await db.SaveChangesAsync(cancellationToken);
            return ToPort(existing)!;
        }

        // Like any product the ERP creates, it is sold with the company's default sales tax (the fiscal position maps it).
        var product = new Product { InternalReference = internalReference, Name = name, IsService = true, Taxes = await db.Taxes.Where(t => t.IsDefaultSalesTax).ToListAsync(cancellationToken) };
        db.Products.Add(product);
        await db.SaveChangesAsync(cancellationToken);
        return ToPort(product)!;
    }

    private static AmazonHostProduct? ToPort(Product? p) => p is null ? null : new(HostIds.Of(p.Id), p.InternalReference, p.Name, p.IsService);
}
