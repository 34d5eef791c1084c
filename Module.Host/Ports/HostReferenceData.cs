namespace ErpAmazonModule.Host.Ports;

/// <summary>The reference data the ports read for every order (fiscal positions with their tax maps, taxes, stock locations), as of one moment.</summary>
public sealed record HostReferenceSnapshot(
    IReadOnlyList<FiscalPosition> FiscalPositions,
    IReadOnlyDictionary<int, Tax> Taxes,
    IReadOnlyDictionary<string, int> Locations,
    DateTimeOffset LoadedOn);

/// <summary>
/// Keeps the reference data in memory for a minute, as ERPs cache their configuration: a sync reads it for every order,
/// and it changes when an accountant edits a fiscal position, not between two orders.
/// </summary>
public sealed class HostReferenceData(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private HostReferenceSnapshot? _current;

    /// <summary>The current snapshot, read again when older than a minute.</summary>
    public async Task<HostReferenceSnapshot> GetAsync(HostDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        if (_current is { } current && now - current.LoadedOn < Lifetime)
        {
            return current;
        }

        var positions = await db.FiscalPositions.AsNoTracking().Include(f => f.TaxMaps).OrderBy(f => f.Sequence).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        var taxes = await db.Taxes.AsNoTracking().ToDictionaryAsync(t => t.Id, cancellationToken);
        var locations = await db.StockLocations.AsNoTracking().ToDictionaryAsync(l => l.Code, l => l.Id, StringComparer.Ordinal, cancellationToken);
        return _current = new HostReferenceSnapshot(positions, taxes, locations, now);
    }

    /// <summary>Forgets the snapshot (after the host changed its reference data).</summary>
    public void Invalidate() => _current = null;
}

/// <summary>The host's unit of work: one database transaction (inside the provider's execution strategy) for the ports of a scope.</summary>
public sealed class HostUnitOfWork(HostDbContext db) : Hosting.IAmazonHostUnitOfWork
{
    /// <inheritdoc />
    public Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var attempt = 0;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(work, async (_, w, ct) =>
        {
            if (attempt++ > 0)
            {
                // A retried attempt starts from what is in the database, not from the rows the failed one added.
                db.ChangeTracker.Clear();
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await w(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, null, cancellationToken);
    }
}
