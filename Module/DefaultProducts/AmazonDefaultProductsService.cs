using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.DefaultProducts;

/// <summary>Keeps the default products pointing at products that exist in the host.</summary>
public sealed partial class AmazonDefaultProductsService(
    AmazonDbContext db,
    IAmazonHostProducts products,
    IAmazonHostSettings settings,
    TimeProvider time,
    ILogger<AmazonDefaultProductsService> logger)
{
    /// <summary>
    /// Creates the rows when missing; a Sale or Shipping product that is unset or no longer exists in the host
    /// is re-pointed at the product with the configured internal reference, created when missing. A GiftWrap
    /// product that disappeared falls back to Sale. Returns the kinds that were restored.
    /// </summary>
    public async Task<IReadOnlyList<AmazonDefaultProductKind>> EnsureAsync(CancellationToken cancellationToken)
    {
        var rows = await db.DefaultProducts.ToDictionaryAsync(d => d.Kind, cancellationToken);
        var restored = new List<AmazonDefaultProductKind>();
        foreach (var kind in Enum.GetValues<AmazonDefaultProductKind>())
        {
            if (!rows.TryGetValue(kind, out var row))
            {
                row = new AmazonDefaultProductEntity { Kind = kind };
                db.DefaultProducts.Add(row);
            }

            if (row.ProductId is { } productId && await products.GetAsync(productId, cancellationToken) is not null)
            {
                continue;
            }

            if (kind == AmazonDefaultProductKind.GiftWrap && row.ProductId is null && db.Entry(row).State != EntityState.Added)
            {
                continue;
            }

            row.ProductId = kind == AmazonDefaultProductKind.GiftWrap ? null : (await FindOrCreateAsync(kind, cancellationToken)).Id;
            row.UpdatedOn = time.GetUtcNow();
            restored.Add(kind);
            if (row.ProductId is { } restoredId)
            {
                LogRestored(logger, kind, restoredId);
            }
            else
            {
                LogFallsBackToSale(logger, kind);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return restored;
    }

    private async Task<AmazonHostProduct> FindOrCreateAsync(AmazonDefaultProductKind kind, CancellationToken cancellationToken)
    {
        var (settingKey, name) = kind == AmazonDefaultProductKind.Shipping
            ? (AmazonConnectorDefaults.Settings.ShippingProductReference, "Amazon Shipping")
            : (AmazonConnectorDefaults.Settings.SaleProductReference, "Amazon Sale");
        var reference = await settings.GetRequiredAsync(settingKey, cancellationToken);
        return await products.FindByInternalReferenceAsync(reference, cancellationToken)
            ?? await products.CreateServiceProductAsync(reference, name, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Default product {Kind} points to host product {ProductId}.")]
    private static partial void LogRestored(ILogger logger, AmazonDefaultProductKind kind, string productId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Default product {Kind} uses the Sale product.")]
    private static partial void LogFallsBackToSale(ILogger logger, AmazonDefaultProductKind kind);
}
