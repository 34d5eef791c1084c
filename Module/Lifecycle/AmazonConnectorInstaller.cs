using ErpAmazonModule.DefaultProducts;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Lifecycle;

/// <summary>Install: migrations, the marketplace catalog, the default products. Safe to run again.</summary>
public sealed partial class AmazonConnectorInstaller(AmazonDbContext db, AmazonDefaultProductsService defaultProducts, ILogger<AmazonConnectorInstaller> logger)
{
    /// <summary>Applies pending migrations, then seeds.</summary>
    public async Task InstallAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, pending.Count);
        var added = await SeedCatalogAsync(cancellationToken);
        LogCatalog(logger, added);
        await defaultProducts.EnsureAsync(cancellationToken);
    }

    /// <summary>Adds built-in marketplaces that are missing and refreshes the built-in facts of existing ones (not their IsActive).</summary>
    internal async Task<int> SeedCatalogAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Marketplaces.ToDictionaryAsync(m => m.ApiIdentifier, StringComparer.Ordinal, cancellationToken);
        var added = 0;
        foreach (var row in AmazonMarketplaceCatalog.BuiltIn)
        {
            if (!existing.TryGetValue(row.ApiIdentifier, out var current))
            {
                db.Marketplaces.Add(new AmazonMarketplaceEntity
                {
                    Name = row.Name,
                    CountryCode = row.CountryCode,
                    Endpoint = row.Endpoint,
                    ApiIdentifier = row.ApiIdentifier,
                    Region = row.Region,
                    CurrencyCode = row.CurrencyCode,
                    PricesIncludeTax = row.PricesIncludeTax,
                    IsBuiltIn = true,
                    SpApiOnly = row.SpApiOnly,
                });
                added++;
                continue;
            }

            current.Name = row.Name;
            current.CountryCode = row.CountryCode;
            current.Endpoint = row.Endpoint;
            current.Region = row.Region;
            current.CurrencyCode = row.CurrencyCode;
            current.PricesIncludeTax = row.PricesIncludeTax;
            current.SpApiOnly = row.SpApiOnly;
            current.IsBuiltIn = true;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Amazon connector database up to date ({Applied} migrations applied).")]
    private static partial void LogMigrated(ILogger logger, int applied);

    [LoggerMessage(Level = LogLevel.Information, Message = "Amazon marketplace catalog seeded ({Added} added).")]
    private static partial void LogCatalog(ILogger logger, int added);
}
