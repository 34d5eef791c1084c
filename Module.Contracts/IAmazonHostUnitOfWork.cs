namespace ErpAmazonModule.Hosting;

/// <summary>
/// Unit-of-work port: the host's writes for one Amazon order (its customer, sales order and delivery) are committed
/// together or not at all. The module runs each order's host calls through it, then writes its own rows.
/// </summary>
public interface IAmazonHostUnitOfWork
{
    /// <summary>
    /// Runs <paramref name="work"/> so that what the ports of the current scope write during it is committed when it
    /// returns and rolled back when it throws. A host may run it again after a transient database failure: the port calls
    /// it makes are safe to repeat. A host that cannot offer atomic writes runs it as it is.
    /// </summary>
    Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
