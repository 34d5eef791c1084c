using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ErpAmazonModule.Marketplaces;

internal sealed class AmazonMarketplaceEntityConfiguration : IEntityTypeConfiguration<AmazonMarketplaceEntity>
{
    public void Configure(EntityTypeBuilder<AmazonMarketplaceEntity> builder)
    {
        builder.ToTable("AmazonMarketplaces");
        builder.Property(m => m.Name).HasMaxLength(64);
        builder.Property(m => m.CountryCode).HasMaxLength(2);
        builder.Property(m => m.Endpoint).HasMaxLength(256);
        builder.Property(m => m.ApiIdentifier).HasMaxLength(32);
        builder.Property(m => m.Region).HasConversion<string>().HasMaxLength(2);
        builder.Property(m => m.CurrencyCode).HasMaxLength(3);
        builder.HasIndex(m => m.ApiIdentifier).IsUnique();
        builder.HasIndex(m => m.Region);
    }
}

internal sealed class AmazonAccountMarketplaceEntityConfiguration : IEntityTypeConfiguration<AmazonAccountMarketplaceEntity>
{
    public void Configure(EntityTypeBuilder<AmazonAccountMarketplaceEntity> builder)
    {
        builder.ToTable("AmazonAccountMarketplaces");
        builder.HasKey(am => new { am.AccountId, am.MarketplaceId });
        builder.HasOne(am => am.Account).WithMany(a => a.Marketplaces).HasForeignKey(am => am.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(am => am.Marketplace).WithMany().HasForeignKey(am => am.MarketplaceId).OnDelete(DeleteBehavior.Restrict);
    }
}
