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

/// <summary>
/// The reference host running in a process of its own, in Production (API keys, a key ring protected by a certificate,
/// no sandbox mounted), serving until it is killed; for scale-out and crash tests, where a real process must die.
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    public const string AdminKey = "process-admin-key";
    private const string CertificatePassword = "process-tests";
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output;

    private RunningHost(Process process, Uri address, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        _process = process;
        _output = output;
        Address = address;
        Api = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        Api.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        Api.DefaultRequestHeaders.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Where the host listens (a free loopback port).</summary>
    public Uri Address { get; }

    /// <summary>A client of the host's API with the admin key.</summary>
    public HttpClient Api { get; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the host wrote, for a failing test's message.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>
    /// The settings every host of a test shares: the database, the sandbox's developers, the key ring's certificate
    /// (hosts sharing a database must share its keys) and the admin key.
    /// </summary>
    public static Dictionary<string, string?> SharedSettings(string provider, string connectionString, SandboxServer sandbox, string folder)
    {
        Directory.CreateDirectory(folder);
        var settings = sandbox.ClientSettings();
        settings["Database:Provider"] = provider;
        settings["ConnectionStrings:Erp"] = connectionString;
        settings["DataProtection:CertificatePath"] = ErpAmazonModule.Bench.BenchHost.KeyRingCertificate(folder, CertificatePassword);
        settings["DataProtection:CertificatePassword"] = CertificatePassword;
        settings["Auth:ApiKeys:0:Key"] = AdminKey;
        settings["Auth:ApiKeys:0:UserName"] = "admin";
        settings["Auth:ApiKeys:0:Roles:0"] = "admin";
        settings["AmazonConnector:Mws:RetryCount"] = "3";
        settings["AmazonConnector:Mws:RetryBaseDelay"] = "00:00:00.200";
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information";
        return settings;
    }

    /// <summary>
    /// Starts a host with <paramref name="settings"/> and waits until it listens (at most a minute); from
    /// <paramref name="folder"/> (its content root) when given, as a host on another machine would be.
    /// </summary>
    public static async Task<RunningHost> StartAsync(IReadOnlyDictionary<string, string?> settings, string? folder = null)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder ?? Repository.PathOf("Module.Host"), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "exec", HostProcess.Assembly, "--urls=http://127.0.0.1:0" }.Concat(settings.Select(s => $"--{s.Key}={s.Value}")))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new AssertFailedException($"The host ended before it listened: {string.Join(Environment.NewLine, output)}"));
                return;
            }

            output.Enqueue(e.Data);
            const string marker = "Now listening on: ";
            var at = e.Data.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                listening.TrySetResult(new Uri(e.Data[(at + marker.Length)..].Trim()));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new RunningHost(process, await listening.Task.WaitAsync(TimeSpan.FromMinutes(1)), output);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Ends the process at once, as a power cut or <c>kill -9</c> would: nothing of it runs another instruction.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await KillAsync();
        _process.Dispose();
    }
}
