using System.Text.Json;
using ErpAmazonModule.Accounts;
using ErpAmazonModule.DefaultProducts;
using ErpAmazonModule.Finance;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Offers;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Shipments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ErpAmazonModule.Compliance;

/// <summary>Who is changing things: the API caller or page user a request is served for.</summary>
public sealed record AmazonActor(string User, string? RemoteAddress)
{
    /// <summary>The signed-in user of <paramref name="context"/>, or null for an anonymous request.</summary>
    public static AmazonActor? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity is { IsAuthenticated: true, Name: { } name } ? new AmazonActor(name, context.Connection.RemoteIpAddress?.ToString()) : null;
    }
}

/// <summary>
/// The audit trail: every change a person makes through the API to accounts (a credential shows as <c>changed</c>, never
/// its value), marketplaces, offers and default products, every approved write-off and retried shipment, written in the
/// same save as the change itself (a SaveChanges interceptor on the module's contexts); order recoveries and setting
/// changes are recorded by what performs them. Changes made by the module's own jobs (a sync moving a watermark) have no
/// person and are not audit entries.
/// </summary>
public sealed class AmazonAuditTrail(TimeProvider time) : SaveChangesInterceptor
{
    /// <summary>The shown value of a credential that changed.</summary>
    public const string Changed = "changed";

    private static readonly AsyncLocal<AmazonActor?> Current = new();

    /// <summary>Fields of accounts that are a credential: recorded as changed, never shown.</summary>
    private static readonly HashSet<string> Secrets = [nameof(AmazonAccountEntity.ProtectedAuthorizationToken)];

    /// <summary>Fields that are bookkeeping, not decisions (versions, timestamps, watermarks).</summary>
    private static readonly HashSet<string> Ignored =
    [
        "Version", "UpdatedOn", "CreatedOn", nameof(AmazonAccountEntity.LastSyncWatermark), nameof(AmazonAccountEntity.FinancesWatermark),
        nameof(AmazonAccountEntity.ShipmentsWatermark), nameof(AmazonAccountEntity.NextSyncOn), nameof(AmazonAccountEntity.CheckedEndpoint),
        nameof(AmazonAccountEntity.AuthorizationTokenMask),
    ];

    /// <summary>Makes <paramref name="actor"/> the one whose changes are audited until the result is disposed.</summary>
    public static IDisposable As(AmazonActor? actor)
    {
        var previous = Current.Value;
        Current.Value = actor;
        return new Restore(previous);
    }

    /// <summary>The person acting now, if a request is being served.</summary>
    public static AmazonActor? Actor => Current.Value;

    /// <summary>Adds an entry for an action that is not a plain change of a row (a recovery, a setting), to be saved with <paramref name="db"/>.</summary>
    public static void Record(AmazonDbContext db, DateTimeOffset at, AmazonActor actor, string action, string entityType, string entityKey, IEnumerable<(string Field, string? Before, string? After)> changes)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        db.AuditEntries.Add(new AmazonAuditEntryEntity
        {
            At = at,
            User = Clip(actor.User, 256)!,
            RemoteAddress = Clip(actor.RemoteAddress, 64),
            Action = action,
            EntityType = entityType,
            EntityKey = Clip(entityKey, 256)!,
            Changes = Json(changes),
        });
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Audit(eventData.Context, time.GetUtcNow());
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Audit(eventData.Context, time.GetUtcNow());
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (KeyNewEntries(eventData.Context))
        {
            eventData.Context!.SaveChanges();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (KeyNewEntries(eventData.Context))
        {
            await eventData.Context!.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Forget(eventData.Context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // A failed save keeps none of its entries' pending keys (a pooled context is used again).
    private static void Forget(DbContext? context)
    {
        if (context is not null)
        {
            PendingKeys.Remove(context);
        }
    }

    private static void Audit(DbContext? context, DateTimeOffset now)
    {
        if (context is not AmazonDbContext db || Current.Value is not { } actor)
        {
            return;
        }

        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList())
        {
            if (Describe(entry) is not { } described)
            {
                continue;
            }

            var audit = new AmazonAuditEntryEntity
            {
                At = now,
                User = Clip(actor.User, 256)!,
                RemoteAddress = Clip(actor.RemoteAddress, 64),
                Action = described.Action,
                EntityType = described.Type,
                EntityKey = entry.State == EntityState.Added ? Pending : Key(entry),
                Changes = Json(described.Changes),
            };
            db.AuditEntries.Add(audit);
            if (entry.State == EntityState.Added)
            {
                PendingKeys.GetOrCreateValue(db).Add((audit, entry));
            }
        }
    }

    private const string Pending = "(new)";

    // Rows added in the same save get their database keys only once saved: kept per context until then. A save with
    // nothing audited (every save of the module's own jobs) looks at nothing.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<(AmazonAuditEntryEntity Audit, EntityEntry Entry)>> PendingKeys = new();

    private static bool KeyNewEntries(DbContext? context)
    {
        if (context is null || !PendingKeys.TryGetValue(context, out var pending))
        {
            return false;
        }

        PendingKeys.Remove(context);
        foreach (var (audit, entry) in pending)
        {
            audit.EntityKey = Key(entry);
        }

        return pending.Count > 0;
    }

    private sealed record Described(string Type, string Action, List<(string Field, string? Before, string? After)> Changes);

    private static Described? Describe(EntityEntry entry)
    {
        var type = entry.Entity switch
        {
            AmazonAccountEntity => "Account",
            AmazonAccountMarketplaceEntity => "AccountMarketplace",
            AmazonMarketplaceEntity => "Marketplace",
            AmazonOfferEntity => "Offer",
            AmazonDefaultProductEntity => "DefaultProduct",
            AmazonReconciliationEntity => "Reconciliation",
            AmazonShipmentEntity => "Shipment",
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        var changes = entry.Properties
            .Where(p => !p.Metadata.IsPrimaryKey() || entry.State != EntityState.Added)
            .Where(p => !Ignored.Contains(p.Metadata.Name) && !p.Metadata.IsShadowProperty())
            .Where(p => entry.State != EntityState.Modified || p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
            .Where(p => entry.State != EntityState.Added || p.CurrentValue is not null)
            .Select(p => (Field: p.Metadata.Name,
                Before: entry.State == EntityState.Added ? null : Show(p.Metadata.Name, p.OriginalValue),
                After: entry.State == EntityState.Deleted ? null : Show(p.Metadata.Name, p.CurrentValue)))
            .ToList();
        if (entry.State == EntityState.Modified && changes.Count == 0)
        {
            return null;
        }

        // Of reconciliations and shipments only what a person decides: approving a write-off, retrying a shipment.
        return entry.Entity switch
        {
            AmazonReconciliationEntity when changes.Any(c => c.Field == nameof(AmazonReconciliationEntity.ApprovedBy)) => new(type, "WriteOffApproved", changes),
            AmazonShipmentEntity shipment when entry.State == EntityState.Modified && shipment.State == AmazonShipmentState.Queued
                && entry.Property(nameof(AmazonShipmentEntity.State)).OriginalValue is AmazonShipmentState.Failed or AmazonShipmentState.Incomplete => new(type, "ShipmentRetried", changes),
            AmazonReconciliationEntity or AmazonShipmentEntity => null,
            _ => new(type, entry.State switch { EntityState.Added => "Created", EntityState.Deleted => "Deleted", _ => "Changed" }, changes),
        };
    }

    private static string? Show(string field, object? value) =>
        Secrets.Contains(field) ? Changed : value switch
        {
            null => null,
            DateTimeOffset date => date.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };

    private static string Key(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Show(p.Name, entry.Property(p.Name).CurrentValue)));

    private static string Json(IEnumerable<(string Field, string? Before, string? After)> changes) =>
        JsonSerializer.Serialize(changes.Select(c => new { c.Field, Before = Clip(c.Before, 500), After = Clip(c.After, 500) }));

    private static string? Clip(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;

    private sealed class Restore(AmazonActor? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
