using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ErpAmazonModule.Offers;

internal sealed class AmazonOfferEntityConfiguration : IEntityTypeConfiguration<AmazonOfferEntity>
{
    public void Configure(EntityTypeBuilder<AmazonOfferEntity> builder)
    {
        builder.ToTable("AmazonOffers");
        builder.Property(o => o.Sku).HasMaxLength(AmazonOfferValidator.SkuMaxLength);
        builder.Property(o => o.Origin).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => new { o.AccountId, o.Sku }).IsUnique();
        builder.HasIndex(o => o.Sku);
        builder.Property(o => o.ProductId).HasMaxLength(AmazonConnectorDefaults.HostIdMaxLength);
        builder.HasIndex(o => o.ProductId);
        builder.HasOne(o => o.Account).WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(o => o.Marketplace).WithMany().HasForeignKey(o => o.MarketplaceId).OnDelete(DeleteBehavior.Restrict);
    }
}
