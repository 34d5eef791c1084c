using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ErpAmazonModule.Compliance;

/// <summary>A change someone made through the API: who, when, from where, to what, before and after.</summary>
public sealed class AmazonAuditEntryEntity
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The user's name as the host authenticated them.</summary>
    public required string User { get; set; }

    /// <summary>The address the request came from.</summary>
    public string? RemoteAddress { get; set; }

    /// <summary><c>Created</c>, <c>Changed</c>, <c>Deleted</c>, <c>WriteOffApproved</c>, <c>OrderRecovered</c>, <c>ShipmentRetried</c>, <c>SettingChanged</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What was changed: <c>Account</c>, <c>AccountMarketplace</c>, <c>Marketplace</c>, <c>Offer</c>, <c>DefaultProduct</c>, <c>Reconciliation</c>, <c>Shipment</c>, <c>OrderLink</c>, <c>Setting</c>.</summary>
    public required string EntityType { get; set; }
    public required string EntityKey { get; set; }

    /// <summary>The changed fields as JSON, <c>[{"Field","Before","After"}]</c>; a secret shows as <c>changed</c>, never its value.</summary>
    public required string Changes { get; set; }
}

/// <summary>A run of the data protection job: what it erased and purged (counts, never the data).</summary>
public sealed class AmazonDataPurgeEntity
{
    public int Id { get; set; }
    public DateTimeOffset StartedOn { get; set; }
    public DateTimeOffset? EndedOn { get; set; }

    /// <summary>The buyer-data retention applied (days after shipment).</summary>
    public int RetentionDays { get; set; }

    /// <summary>Orders whose buyer data was erased, and the ERP's customers and addresses that were.</summary>
    public int Orders { get; set; }
    public int Partners { get; set; }

    /// <summary>What the ERP said it keeps, and why.</summary>
    public string? Kept { get; set; }
    public int AuditEntriesPurged { get; set; }
    public string? Error { get; set; }
}

internal sealed class AmazonAuditEntryEntityConfiguration : IEntityTypeConfiguration<AmazonAuditEntryEntity>
{
    public void Configure(EntityTypeBuilder<AmazonAuditEntryEntity> builder)
    {
        builder.ToTable("AmazonAuditEntries");
        builder.Property(e => e.User).HasMaxLength(256);
        builder.Property(e => e.RemoteAddress).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(32);
        builder.Property(e => e.EntityType).HasMaxLength(32);
        builder.Property(e => e.EntityKey).HasMaxLength(256);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.EntityType, e.EntityKey });
    }
}

internal sealed class AmazonDataPurgeEntityConfiguration : IEntityTypeConfiguration<AmazonDataPurgeEntity>
{
    public void Configure(EntityTypeBuilder<AmazonDataPurgeEntity> builder)
    {
        builder.ToTable("AmazonDataPurges");
        builder.Property(e => e.Kept).HasMaxLength(1000);
        builder.Property(e => e.Error).HasMaxLength(1000);
    }
}
