using ErpAmazonModule.Accounts;
using ErpAmazonModule.Amazon;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ErpAmazonModule.Finance;

/// <summary>Where a financial event was read from.</summary>
public enum AmazonFinancialEventSource
{
    /// <summary>Amazon's Finances API (MWS or the Selling Partner API).</summary>
    Api,
    /// <summary>A settlement report file uploaded by finance.</summary>
    Settlement,
}

/// <summary>A shipment or refund event as stored: its sums by kind, and every amount per item.</summary>
public sealed class AmazonFinancialEventEntity
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public AmazonAccountEntity? Account { get; set; }
    public AmazonFinancialEventKind Kind { get; set; }
    public required string AmazonOrderId { get; set; }
    public DateTimeOffset PostedDate { get; set; }
    public required string CurrencyCode { get; set; }

    /// <summary>Charges to the buyer (principal, tax, shipping, gift wrap...); negative on a refund.</summary>
    public decimal Charges { get; set; }

    /// <summary>Amazon's fees (negative: kept from the payout; a refund gives the commission back).</summary>
    public decimal Fees { get; set; }

    /// <summary>Promotions the seller funded (negative on a shipment).</summary>
    public decimal Promotions { get; set; }

    /// <summary>Tax Amazon collected and pays itself (marketplace facilitator): negative, not paid out.</summary>
    public decimal TaxWithheld { get; set; }

    /// <summary>What the event adds to the payout: charges, fees, promotions and withheld taxes together.</summary>
    public decimal Total { get; set; }

    /// <summary>Identifies the event whatever its source reads it again from: a hash of its kind, order, date and item ids.</summary>
    public required string EventKey { get; set; }
    public AmazonFinancialEventSource Source { get; set; }
    public DateTimeOffset ImportedOn { get; set; }
    public List<AmazonFinancialEventAmountEntity> Amounts { get; set; } = [];
}

/// <summary>One amount of an event's item.</summary>
public sealed class AmazonFinancialEventAmountEntity
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public string? OrderItemId { get; set; }
    public string? SellerSku { get; set; }
    public AmazonFinancialAmountKind Kind { get; set; }
    public required string Type { get; set; }
    public decimal Amount { get; set; }
}

internal sealed class AmazonFinancialEventEntityConfiguration : IEntityTypeConfiguration<AmazonFinancialEventEntity>
{
    public void Configure(EntityTypeBuilder<AmazonFinancialEventEntity> builder)
    {
        builder.ToTable("AmazonFinancialEvents");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.AmazonOrderId).HasMaxLength(32);
        builder.Property(e => e.CurrencyCode).HasMaxLength(3);
        builder.Property(e => e.EventKey).HasMaxLength(64);
        foreach (var amount in new[] { nameof(AmazonFinancialEventEntity.Charges), nameof(AmazonFinancialEventEntity.Fees), nameof(AmazonFinancialEventEntity.Promotions), nameof(AmazonFinancialEventEntity.TaxWithheld), nameof(AmazonFinancialEventEntity.Total) })
        {
            builder.Property(amount).HasPrecision(18, 4);
        }

        // The same event read twice (a repeated import, a window read again) is stored once.
        builder.HasIndex(e => new { e.AccountId, e.EventKey }).IsUnique();
        builder.HasIndex(e => new { e.AccountId, e.AmazonOrderId });
        builder.HasIndex(e => e.PostedDate);
        builder.HasOne(e => e.Account).WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Amounts).WithOne().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AmazonFinancialEventAmountEntityConfiguration : IEntityTypeConfiguration<AmazonFinancialEventAmountEntity>
{
    public void Configure(EntityTypeBuilder<AmazonFinancialEventAmountEntity> builder)
    {
        builder.ToTable("AmazonFinancialEventAmounts");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Type).HasMaxLength(64);
        builder.Property(a => a.OrderItemId).HasMaxLength(32);
        builder.Property(a => a.SellerSku).HasMaxLength(64);
        builder.Property(a => a.Amount).HasPrecision(18, 4);
    }
}
