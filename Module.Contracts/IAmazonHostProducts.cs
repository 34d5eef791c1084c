namespace ErpAmazonModule.Hosting;

/// <summary>A product of the host ERP as the module sees it.</summary>
/// <param name="Id">The host's product id (opaque to the module).</param>
/// <param name="InternalReference">The host's internal reference (default code); Amazon SKUs are matched against it.</param>
/// <param name="Name">Display name.</param>
/// <param name="IsService">True for non-stockable products (shipping, gift wrap, the default sale product).</param>
public sealed record AmazonHostProduct(string Id, string InternalReference, string Name, bool IsService);

/// <summary>Products port.</summary>
public interface IAmazonHostProducts
{
    /// <summary>The active product whose internal reference equals <paramref name="internalReference"/> (ordinal), or null.</summary>
    Task<AmazonHostProduct?> FindByInternalReferenceAsync(string internalReference, CancellationToken cancellationToken);

    /// <summary>The active products whose internal references are among <paramref name="internalReferences"/> (ordinal), by reference.</summary>
    Task<IReadOnlyDictionary<string, AmazonHostProduct>> FindByInternalReferencesAsync(IReadOnlyCollection<string> internalReferences, CancellationToken cancellationToken);

    /// <summary>The active product with this id, or null (also for an id the host would never issue).</summary>
    Task<AmazonHostProduct?> GetAsync(string productId, CancellationToken cancellationToken);

    /// <summary>The active products among <paramref name="productIds"/>, by id (inactive or unknown ids are left out).</summary>
    Task<IReadOnlyDictionary<string, AmazonHostProduct>> GetManyAsync(IReadOnlyCollection<string> productIds, CancellationToken cancellationToken);

    /// <summary>Creates a service product (used for the module's default products).</summary>
    Task<AmazonHostProduct> CreateServiceProductAsync(string internalReference, string name, CancellationToken cancellationToken);
}
