using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ErpAmazonModule.Tests.TestSupport;

/// <summary>
/// A private PostgreSQL cluster for the tests that need a real server database: created in a temporary directory,
/// listening on a free loopback port only, run as the <c>postgres</c> user when the tests run as root (PostgreSQL
/// refuses root), started on first use and stopped when the assembly's tests end. Each test takes a database of its own.
/// Tests that use it carry <c>[TestCategory("PostgreSql")]</c>; .ci/run installs Debian's <c>postgresql</c> for them.
/// </summary>
public static class PostgresCluster
{
    private const string User = "erp";
    private static readonly Lazy<Task<Instance>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to a new, empty database of its own.</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        var cluster = await Shared.Value;
        var name = "test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return cluster.ConnectionString(name);
    }

    /// <summary>Stops the cluster if it was started (at the end of the assembly's tests).</summary>
    public static async Task StopAsync()
    {
        if (Shared.IsValueCreated && Shared.Value.IsCompletedSuccessfully)
        {
            var cluster = await Shared.Value;
            await RunAsync(cluster.Tools, "pg_ctl", ["-D", cluster.Folder, "stop", "-m", "immediate"], throwOnError: false);
            try
            {
                Directory.Delete(cluster.Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private sealed record Instance(string Tools, string Folder, int Port)
    {
        public string ConnectionString(string database) =>
            $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=true;Maximum Pool Size=40;Include Error Detail=true";
    }

    private static async Task<Instance> StartAsync()
    {
        var tools = FindTools() ?? throw new AssertFailedException(
            "These tests need PostgreSQL's server programs (initdb, pg_ctl): apt-get install postgresql (.ci/run installs it).");
        var folder = Path.Combine(Path.GetTempPath(), "erp-amazon-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        if (Environment.UserName == "root")
        {
            // PostgreSQL runs as its own user; the cluster's folder must be theirs.
            await RunAsync(null, "chown", ["postgres:postgres", folder]);
        }

        await RunAsync(tools, "initdb", ["-D", Path.Combine(folder, "data"), "-U", User, "--auth=trust", "--encoding=UTF8", "--no-sync"]);
        var port = FreePort();
        await RunAsync(tools, "pg_ctl", ["-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 -c shared_buffers=64MB"]);
        return new Instance(tools, Path.Combine(folder, "data"), port);
    }

    private static string? FindTools()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")) : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string? tools, string program, IReadOnlyList<string> args, bool throwOnError = true)
    {
        var path = tools is null ? program : Path.Combine(tools, program);
        var asPostgres = tools is not null && Environment.UserName == "root";
        var start = new ProcessStartInfo(asPostgres ? "runuser" : path) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var arg in asPostgres ? new[] { "-u", "postgres", "--", path }.Concat(args) : args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (throwOnError && process.ExitCode != 0)
        {
            throw new AssertFailedException($"{program} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }
}
