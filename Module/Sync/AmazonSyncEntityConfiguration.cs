using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ErpAmazonModule.Sync;

internal sealed class AmazonSyncRunEntityConfiguration : IEntityTypeConfiguration<AmazonSyncRunEntity>
{
    public void Configure(EntityTypeBuilder<AmazonSyncRunEntity> builder)
    {
        builder.ToTable("AmazonSyncRuns");
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.JobId).HasMaxLength(64);
        builder.HasIndex(r => new { r.AccountId, r.QueuedOn });
        builder.HasIndex(r => new { r.State, r.AccountId });
        builder.HasOne(r => r.Account).WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AmazonOrderLinkEntityConfiguration : IEntityTypeConfiguration<AmazonOrderLinkEntity>
{
    public void Configure(EntityTypeBuilder<AmazonOrderLinkEntity> builder)
    {
        builder.ToTable("AmazonOrderLinks");
        builder.Property(l => l.AmazonOrderId).HasMaxLength(32);
        builder.Property(l => l.MarketplaceId).HasMaxLength(32);
        builder.Property(l => l.AmazonStatus).HasConversion<string>().HasMaxLength(24);
        builder.Property(l => l.FulfillmentChannel).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.CurrencyCode).HasMaxLength(3);
        builder.Property(l => l.LastError).HasMaxLength(2000);
        builder.Property(l => l.AmazonTotal).HasPrecision(18, 4);
        builder.Property(l => l.ErpTotal).HasPrecision(18, 4);
        builder.Property(l => l.TaxDifference).HasPrecision(18, 4);
        builder.HasIndex(l => new { l.AccountId, l.AmazonOrderId }).IsUnique();
        builder.HasIndex(l => new { l.AccountId, l.State, l.NextAttemptOn });
        // Integrators look an order up by Amazon's id alone.
        builder.HasIndex(l => l.AmazonOrderId);
        builder.Property(l => l.SalesOrderId).HasMaxLength(AmazonConnectorDefaults.HostIdMaxLength);
        builder.HasIndex(l => l.SalesOrderId);
        builder.HasOne(l => l.Account).WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Items).WithOne().HasForeignKey(i => i.OrderLinkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AmazonOrderItemLinkEntityConfiguration : IEntityTypeConfiguration<AmazonOrderItemLinkEntity>
{
    public void Configure(EntityTypeBuilder<AmazonOrderItemLinkEntity> builder)
    {
        builder.ToTable("AmazonOrderItemLinks");
        builder.Property(i => i.OrderItemId).HasMaxLength(32);
        builder.Property(i => i.Sku).HasMaxLength(64);
        builder.Property(i => i.ProductId).HasMaxLength(AmazonConnectorDefaults.HostIdMaxLength);
        builder.HasIndex(i => new { i.OrderLinkId, i.OrderItemId }).IsUnique();
    }
}
