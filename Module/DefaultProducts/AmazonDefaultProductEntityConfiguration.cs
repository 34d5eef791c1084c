using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ErpAmazonModule.DefaultProducts;

internal sealed class AmazonDefaultProductEntityConfiguration : IEntityTypeConfiguration<AmazonDefaultProductEntity>
{
    public void Configure(EntityTypeBuilder<AmazonDefaultProductEntity> builder)
    {
        builder.ToTable("AmazonDefaultProducts");
        builder.HasKey(d => d.Kind);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.ProductId).HasMaxLength(AmazonConnectorDefaults.HostIdMaxLength);
    }
}
