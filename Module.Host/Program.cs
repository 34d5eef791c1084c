using ErpAmazonModule.Host;

// The reference ERP: its own tables and API, and the modules found under modules/ (ADR 0008). A configuration that
// cannot work ends the process with one line naming the key to set, never a stack trace.
try
{
    var app = HostApplication.Build(args);
    HostStartupChecks.Run(app);
    await HostStartup.InitializeAsync(app.Services, app.Lifetime.ApplicationStopping);
    HostApplication.Configure(app);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (HostStartupErrors.Describe(e) is { } reason)
{
    await Console.Error.WriteLineAsync($"The ERP host cannot start: {reason}");
    return 1;
}

/// <summary>The reference ERP host (public for tests).</summary>
public partial class Program;
