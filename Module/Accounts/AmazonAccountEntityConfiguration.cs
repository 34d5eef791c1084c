using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ErpAmazonModule.Accounts;

internal sealed class AmazonAccountEntityConfiguration : IEntityTypeConfiguration<AmazonAccountEntity>
{
    public void Configure(EntityTypeBuilder<AmazonAccountEntity> builder)
    {
        builder.ToTable("AmazonAccounts");
        builder.Property(a => a.Name).HasMaxLength(AmazonAccountValidator.NameMaxLength);
        builder.Property(a => a.Api).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.OrdersApiVersion).HasMaxLength(16);
        builder.Property(a => a.ReauthorizationReason).HasMaxLength(1000);
        builder.Property(a => a.Region).HasConversion<string>().HasMaxLength(2);
        builder.Property(a => a.SellerId).HasMaxLength(AmazonAccountValidator.SellerIdMaxLength);
        builder.Property(a => a.ProtectedAuthorizationToken).HasMaxLength(4000);
        builder.Property(a => a.AuthorizationTokenMask).HasMaxLength(16);
        builder.Property(a => a.CheckedEndpoint).HasMaxLength(AmazonConnectorDefaults.EndpointMaxLength);
        builder.Property(a => a.CompanyId).HasMaxLength(AmazonConnectorDefaults.HostIdMaxLength);
        builder.Property(a => a.Salesperson).HasMaxLength(128);
        builder.Property(a => a.SalesTeam).HasMaxLength(128);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => a.Name).IsUnique();
        builder.HasIndex(a => new { a.Region, a.SellerId }).IsUnique();
    }
}
