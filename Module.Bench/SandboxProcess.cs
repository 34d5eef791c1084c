using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Bench;

/// <summary>The local Amazon in a process of its own (as Amazon is), with its admin API.</summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Process _process;

    private SandboxProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
        Admin = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromMinutes(10) };
    }

    /// <summary>The MWS endpoint (and the admin API under <c>/admin</c>).</summary>
    public Uri Endpoint { get; }

    public HttpClient Admin { get; }

    /// <summary>The EU developer the sandbox seeds; the bench's sellers authorize it.</summary>
    public static SandboxDeveloper Developer => SandboxCatalog.Developers.Single(d => d.Region == "EU");

    public static async Task<SandboxProcess> StartAsync(bool throttling, double timeScale)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ErpAmazonModule.Sandbox.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[]
        {
            dll, "--urls", "http://127.0.0.1:0", "--Sandbox:Throttling", throttling ? "true" : "false",
            "--Sandbox:TimeScale", timeScale.ToString(CultureInfo.InvariantCulture), "--Sandbox:OrdersPerSeller", "1",
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The sandbox process did not start.");
        // Whatever ends the bench, the sandbox ends with it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                Console.Error.WriteLine($"sandbox: {e.Data}");
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            const string listening = "Now listening on: ";
            var at = line.IndexOf(listening, StringComparison.Ordinal);
            if (at >= 0)
            {
                _ = DrainAsync(process.StandardOutput);
                return new SandboxProcess(process, new Uri(line[(at + listening.Length)..].Trim()));
            }
        }

        throw new InvalidOperationException($"The sandbox process ended before it listened (exit code {(process.HasExited ? process.ExitCode : -1)}).");
    }

    /// <summary>Registers a seller of the EU developer in the six big EU marketplaces and generates its orders.</summary>
    public async Task<(string SellerId, string Token)> SellerWithOrdersAsync(string sellerId, int orders)
    {
        var token = $"amzn.mws.{Guid.NewGuid()}";
        using (var response = await Admin.PostAsJsonAsync("/admin/sellers", new
        {
            SellerId = sellerId,
            Region = "EU",
            MarketplaceIds = new[] { "A1PA6795UKMFR9", "A13V1IB3VIYZZH", "APJ6JRA9NG5V4", "A1RKKUPIHCS9HS", "A1F83G8C2ARO7P", "A1805IZSGTT6HS" },
            Developer.DeveloperId,
            AuthToken = token,
            ValidDays = 365,
            RestrictedRole = false,
        }))
        {
            response.EnsureSuccessStatusCode();
        }

        using (var response = await Admin.PostAsJsonAsync($"/admin/sellers/{sellerId}/generate", new { Count = orders }))
        {
            response.EnsureSuccessStatusCode();
        }

        return (sellerId, token);
    }

    /// <summary>A Login with Amazon refresh token the seller gives the sandbox's application.</summary>
    public async Task<string> RefreshTokenAsync(string sellerId)
    {
        using var response = await Admin.PostAsJsonAsync($"/admin/sellers/{sellerId}/refresh-tokens", new { });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return body.GetProperty("token").GetString()!;
    }

    /// <summary>Requests answered since start, by action and status.</summary>
    public async Task<IReadOnlyList<Answered>> AnsweredAsync() =>
        await Admin.GetFromJsonAsync<List<Answered>>("/admin/requests/summary", Json) ?? [];

    public sealed record Answered(string? Action, int Status, string? ErrorCode, long Count);

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is not null)
        {
        }
    }
}
