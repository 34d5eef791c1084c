using ErpAmazonModule.Api;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Settings;
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
    /// <summary>The entity set the API names default products by.</summary>
    public const string EntitySet = "DefaultProducts";

    /// <summary>
    /// Points a default product at another host product (<paramref name="changedFields"/> may only hold ProductId, applied by <paramref name="apply"/>);
    /// GiftWrap alone may be null, to use the Sale product.
    /// </summary>
    public async Task<AmazonResult<AmazonDefaultProductKind>> SetAsync(string key, IReadOnlySet<string> changedFields, Action<AmazonDefaultProduct> apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changedFields);
        ArgumentNullException.ThrowIfNull(apply);
        var row = TryParseKind(key, out var kind) ? await db.DefaultProducts.SingleOrDefaultAsync(d => d.Kind == kind, cancellationToken) : null;
        if (row is null)
        {
            return AmazonProblem.NotFound(EntitySet, $"'{key}'");
        }

        var patched = new AmazonDefaultProduct { Kind = key, ProductId = row.ProductId };
        apply(patched);
        var productId = patched.ProductId;
        const string field = nameof(AmazonDefaultProduct.ProductId);
        var errors = changedFields.Where(f => f != field).Select(f => new AmazonFieldError(f, "is read-only.")).ToList();
        if (productId is null && kind != AmazonDefaultProductKind.GiftWrap)
        {
            errors.Add(new(field, $"is required for {kind}; only GiftWrap may fall back to Sale."));
        }
        else if (productId is not null && (productId.Length > AmazonConnectorDefaults.HostIdMaxLength || await products.GetAsync(productId, cancellationToken) is null))
        {
            errors.Add(new(field, $"product {productId} does not exist in the ERP."));
        }

        if (errors.Count > 0)
        {
            return AmazonProblem.Invalid(errors);
        }

        row.ProductId = productId;
        row.UpdatedOn = time.GetUtcNow();
        return await AmazonSaves.SaveAsync(db, logger, EntitySet, $"'{key}'", null, cancellationToken) is { } failed ? failed : kind;
    }

    /// <summary>The kind a key names: exactly <c>Sale</c>, <c>Shipping</c> or <c>GiftWrap</c> (not a number, not another spelling).</summary>
    public static bool TryParseKind(string? key, out AmazonDefaultProductKind kind)
    {
        kind = default;
        return key is not null && Enum.GetNames<AmazonDefaultProductKind>().Contains(key, StringComparer.Ordinal) && Enum.TryParse(key, out kind);
    }

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
            ? (AmazonSettings.ShippingProductReference, "Amazon Shipping")
            : (AmazonSettings.SaleProductReference, "Amazon Sale");
        var reference = await settings.GetAsync(settingKey, cancellationToken);
        return await products.FindByInternalReferenceAsync(reference, cancellationToken)
            ?? await products.CreateServiceProductAsync(reference, name, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Default product {Kind} points to host product {ProductId}.")]
    private static partial void LogRestored(ILogger logger, AmazonDefaultProductKind kind, string productId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Default product {Kind} uses the Sale product.")]
    private static partial void LogFallsBackToSale(ILogger logger, AmazonDefaultProductKind kind);
}
