namespace ErpAmazonModule.Tests.TestSupport;

/// <summary>
/// One reference host for every test class that only needs fresh accounts of its own (its tests look only at what they
/// created); started on first use, stopped when the assembly's tests end. Classes that change what others see (module
/// settings, the marketplace catalog, the clock) start their own.
/// </summary>
public static class SharedHost
{
    // Started inside the lazy: the first two classes asking at once would otherwise both start its server.
    private static readonly Lazy<ErpHostFactory> Instance = new(() =>
    {
        var factory = new ErpHostFactory();
        _ = factory.Services;
        return factory;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shared host.</summary>
    public static ErpHostFactory Factory => Instance.Value;

    /// <summary>Stops the host if it was started (at the end of the assembly's tests).</summary>
    public static void Stop()
    {
        if (Instance.IsValueCreated)
        {
            Instance.Value.Dispose();
        }
    }
}
