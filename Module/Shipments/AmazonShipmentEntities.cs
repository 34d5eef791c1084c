using ErpAmazonModule.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ErpAmazonModule.Shipments;

/// <summary>Where a delivery's confirmation to Amazon stands.</summary>
public enum AmazonShipmentState
{
    /// <summary>Waiting to be sent with the account's next feed.</summary>
    Queued,

    /// <summary>Not sent: something Amazon needs is missing (carrier, tracking number); <c>Message</c> says what. Retry with it.</summary>
    Incomplete,

    /// <summary>In a feed being submitted; if the answer was lost, the next run looks for the feed at Amazon before sending again.</summary>
    Sending,

    /// <summary>Amazon received the feed and is processing it.</summary>
    Sent,

    /// <summary>Amazon's processing report accepted it.</summary>
    Confirmed,

    /// <summary>Amazon refused it (its message is kept) or sending gave up; retry once fixed.</summary>
    Failed,
}

/// <summary>Where a feed of shipment confirmations stands.</summary>
public enum AmazonShipmentFeedState
{
    /// <summary>Written and about to be submitted: whether Amazon received it is not known yet.</summary>
    Preparing,

    /// <summary>Amazon received it (its feed id is known).</summary>
    Submitted,

    /// <summary>Amazon processed it; each shipment is confirmed or failed.</summary>
    Done,

    /// <summary>Amazon never received it; its shipments went back to the queue.</summary>
    NotSubmitted,
}

/// <summary>A validated delivery of an Amazon order, to be (or already) confirmed to Amazon.</summary>
public sealed class AmazonShipmentEntity
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public AmazonAccountEntity? Account { get; set; }

    /// <summary>The host's delivery (unique per account: a delivery is confirmed once).</summary>
    public required string DeliveryId { get; set; }
    public required string SalesOrderId { get; set; }
    public required string AmazonOrderId { get; set; }

    /// <summary>The carrier as the ERP names it; <see cref="CarrierCode"/> is Amazon's code for it when there is one.</summary>
    public string? Carrier { get; set; }
    public string? CarrierCode { get; set; }
    public string? ShippingMethod { get; set; }
    public string? TrackingNumber { get; set; }
    public DateTimeOffset ShipDate { get; set; }
    public DateTimeOffset ValidatedOn { get; set; }
    public AmazonShipmentState State { get; set; }

    /// <summary>Amazon's message for a failure, or why the shipment is incomplete or waiting.</summary>
    public string? Message { get; set; }

    /// <summary>Feeds this shipment was put in since it was queued (or last retried).</summary>
    public int Attempts { get; set; }

    /// <summary>The feed it was last put in, its id at Amazon and its message number there.</summary>
    public int? FeedId { get; set; }
    public string? FeedSubmissionId { get; set; }
    public int? MessageId { get; set; }
    public DateTimeOffset CreatedOn { get; set; }
    public DateTimeOffset? SentOn { get; set; }
    public DateTimeOffset? ConfirmedOn { get; set; }
    public DateTimeOffset UpdatedOn { get; set; }
    public List<AmazonShipmentLineEntity> Lines { get; set; } = [];
}

/// <summary>What a shipment moved of an Amazon order item.</summary>
public sealed class AmazonShipmentLineEntity
{
    public int Id { get; set; }
    public int ShipmentId { get; set; }
    public required string OrderItemId { get; set; }
    public int Quantity { get; set; }
}

/// <summary>A feed of shipment confirmations submitted (or about to be) for an account.</summary>
public sealed class AmazonShipmentFeedEntity
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public AmazonShipmentFeedState State { get; set; }

    /// <summary>Amazon's id: MWS's FeedSubmissionId or the Selling Partner API's feedId.</summary>
    public string? FeedSubmissionId { get; set; }
    public int Messages { get; set; }
    public DateTimeOffset PreparedOn { get; set; }
    public DateTimeOffset? SubmittedOn { get; set; }
    public DateTimeOffset? CompletedOn { get; set; }
}

internal sealed class AmazonShipmentEntityConfiguration : IEntityTypeConfiguration<AmazonShipmentEntity>
{
    public void Configure(EntityTypeBuilder<AmazonShipmentEntity> builder)
    {
        builder.ToTable("AmazonShipments");
        builder.Property(s => s.DeliveryId).HasMaxLength(AmazonConnectorDefaults.HostIdMaxLength);
        builder.Property(s => s.SalesOrderId).HasMaxLength(AmazonConnectorDefaults.HostIdMaxLength);
        builder.Property(s => s.AmazonOrderId).HasMaxLength(32);
        builder.Property(s => s.Carrier).HasMaxLength(64);
        builder.Property(s => s.CarrierCode).HasMaxLength(64);
        builder.Property(s => s.ShippingMethod).HasMaxLength(64);
        builder.Property(s => s.TrackingNumber).HasMaxLength(64);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Message).HasMaxLength(1000);
        builder.Property(s => s.FeedSubmissionId).HasMaxLength(64);
        // A delivery is confirmed once, however often it is read from the ERP.
        builder.HasIndex(s => new { s.AccountId, s.DeliveryId }).IsUnique();
        builder.HasIndex(s => new { s.AccountId, s.State });
        builder.HasIndex(s => s.AmazonOrderId);
        builder.HasOne(s => s.Account).WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.ShipmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AmazonShipmentLineEntityConfiguration : IEntityTypeConfiguration<AmazonShipmentLineEntity>
{
    public void Configure(EntityTypeBuilder<AmazonShipmentLineEntity> builder)
    {
        builder.ToTable("AmazonShipmentLines");
        builder.Property(l => l.OrderItemId).HasMaxLength(32);
    }
}

internal sealed class AmazonShipmentFeedEntityConfiguration : IEntityTypeConfiguration<AmazonShipmentFeedEntity>
{
    public void Configure(EntityTypeBuilder<AmazonShipmentFeedEntity> builder)
    {
        builder.ToTable("AmazonShipmentFeeds");
        builder.Property(f => f.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.FeedSubmissionId).HasMaxLength(64);
        builder.HasIndex(f => new { f.AccountId, f.State });
        builder.HasOne<AmazonAccountEntity>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
