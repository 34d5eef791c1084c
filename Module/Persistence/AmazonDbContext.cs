using ErpAmazonModule.Accounts;
using ErpAmazonModule.DefaultProducts;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Offers;
using ErpAmazonModule.Sync;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Persistence;

/// <summary>The module's tables, all prefixed <c>Amazon</c>, in the host's database.</summary>
public sealed class AmazonDbContext(DbContextOptions<AmazonDbContext> options) : DbContext(options)
{
    public DbSet<AmazonAccountEntity> Accounts => Set<AmazonAccountEntity>();
    public DbSet<AmazonMarketplaceEntity> Marketplaces => Set<AmazonMarketplaceEntity>();
    public DbSet<AmazonAccountMarketplaceEntity> AccountMarketplaces => Set<AmazonAccountMarketplaceEntity>();
    public DbSet<AmazonOfferEntity> Offers => Set<AmazonOfferEntity>();
    public DbSet<AmazonDefaultProductEntity> DefaultProducts => Set<AmazonDefaultProductEntity>();
    public DbSet<AmazonSyncRunEntity> SyncRuns => Set<AmazonSyncRunEntity>();
    public DbSet<AmazonOrderLinkEntity> OrderLinks => Set<AmazonOrderLinkEntity>();
    public DbSet<AmazonOrderItemLinkEntity> OrderItemLinks => Set<AmazonOrderItemLinkEntity>();
    public DbSet<ErpAmazonModule.Finance.AmazonFinancialEventEntity> FinancialEvents => Set<ErpAmazonModule.Finance.AmazonFinancialEventEntity>();
    public DbSet<ErpAmazonModule.Finance.AmazonReconciliationEntity> Reconciliations => Set<ErpAmazonModule.Finance.AmazonReconciliationEntity>();
    public DbSet<ErpAmazonModule.Shipments.AmazonShipmentEntity> Shipments => Set<ErpAmazonModule.Shipments.AmazonShipmentEntity>();
    public DbSet<ErpAmazonModule.Shipments.AmazonShipmentFeedEntity> ShipmentFeeds => Set<ErpAmazonModule.Shipments.AmazonShipmentFeedEntity>();
    public DbSet<ErpAmazonModule.Compliance.AmazonAuditEntryEntity> AuditEntries => Set<ErpAmazonModule.Compliance.AmazonAuditEntryEntity>();
    public DbSet<ErpAmazonModule.Compliance.AmazonDataPurgeEntity> DataPurges => Set<ErpAmazonModule.Compliance.AmazonDataPurgeEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or sort DateTimeOffset stored as text, which $filter and $orderby need;
        // a sortable 64-bit form keeps both in SQL. SQL Server has a native type.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<AmazonUtcTicksConverter>();
            configurationBuilder.Properties<decimal>().HaveConversion<AmazonFixedDecimalConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AmazonDbContext).Assembly);
    }
}
