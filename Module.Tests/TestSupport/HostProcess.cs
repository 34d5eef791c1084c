using System.Diagnostics;

namespace ErpAmazonModule.Tests.TestSupport;

/// <summary>
/// The reference host as a person starts it: its own process, from its build output, with its content root; for what
/// happens before it serves (refusals, start-up errors) and what it prints.
/// </summary>
public static class HostProcess
{
    /// <summary>The host's build output of the configuration the tests were built in.</summary>
    public static string Assembly { get; } = Repository.PathOf("Module.Host", "bin",
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug",
        "net10.0", "ErpAmazonModule.Host.dll");

    /// <summary>Starts the host with <paramref name="args"/> on a scratch database and waits for it to end (at most a minute).</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunUntilExitAsync(params string[] args)
    {
        var database = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"), "erp.db");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.PathOf("Module.Host"), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "exec", Assembly, "--ConnectionStrings:Erp=Data Source=" + database, "--Demo:SyncOnStart=false" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The host did not stop within a minute: {await output}");
        }

        return (process.ExitCode, await output, await errors);
    }
}
