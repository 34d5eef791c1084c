using System.Net;
using System.Net.Sockets;
using ErpAmazonModule.Tests.TestSupport;

namespace ErpAmazonModule.Tests.Host;

/// <summary>Configurations that cannot work end the host with one line naming what to set, never a stack trace (the host as its own process).</summary>
[TestClass]
public sealed class HostStartupTests
{
    private static async Task<string> RefusedAsync(params string[] args)
    {
        var (exitCode, output, errors) = await HostProcess.RunUntilExitAsync(args);

        Assert.AreEqual(1, exitCode, output + errors);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.HasCount(1, lines, errors);
        StringAssert.StartsWith(lines[0], "The ERP host cannot start: ");
        Assert.IsFalse((output + errors).Contains("   at ", StringComparison.Ordinal), "no stack trace: " + output + errors);
        return lines[0];
    }

    [TestMethod]
    public async Task Production_WithoutApiKeys_RefusesNamingTheKeyToSet()
    {
        var line = await RefusedAsync("--environment", "Production");

        StringAssert.Contains(line, "No API keys are configured for the Production environment");
        StringAssert.Contains(line, "Auth:ApiKeys:0:Key");
    }

    [TestMethod]
    public async Task Production_WithTheSandbox_Refuses()
    {
        var line = await RefusedAsync("--environment", "Production", "--Auth:ApiKeys:0:Key=k", "--Auth:ApiKeys:0:Roles:0=admin", "--Sandbox:Enabled=true");

        StringAssert.Contains(line, "Sandbox:Enabled is true in the Production environment");
    }

    [TestMethod]
    public async Task PortInUse_IsOneLineSayingHowToChooseAnother()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var line = await RefusedAsync("--environment", "Development", "--urls", $"http://127.0.0.1:{port}");

        StringAssert.Contains(line, $"Port {port}");
        StringAssert.Contains(line, "already in use");
        StringAssert.Contains(line, "-- --urls http://localhost:");
    }

    [TestMethod]
    public async Task SecondHostOnTheSameSqliteFile_IsRefused_SayingWhatToDoInstead()
    {
        var database = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"), "erp.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        using var firstHost = ErpAmazonModule.Host.Data.HostSqliteLock.Acquire($"Data Source={database}", "/");

        var line = await RefusedAsync("--environment", "Development", "--urls", "http://127.0.0.1:0", $"--ConnectionStrings:Erp=Data Source={database}");

        StringAssert.Contains(line, $"The SQLite database {database} is already used by another ERP host");
        StringAssert.Contains(line, "run several hosts on PostgreSQL or SQL Server");
    }

    [TestMethod]
    public async Task UnknownDatabaseProvider_IsOneLineNamingTheChoices()
    {
        var line = await RefusedAsync("--environment", "Development", "--Database:Provider=Oracle");

        StringAssert.Contains(line, "Database:Provider is 'Oracle'; set it to one of Sqlite, SqlServer, PostgreSql.");
    }

    [TestMethod]
    public async Task WrongInvisibilityTimeout_IsOneLineNamingTheRange()
    {
        var line = await RefusedAsync("--environment", "Development", "--urls", "http://127.0.0.1:0", "--Hangfire:InvisibilityTimeout=-00:01:00");

        StringAssert.Contains(line, "Hangfire:InvisibilityTimeout is '-00:01:00'; set it to a time from 00:00:05 to 1.00:00:00");
    }

    [TestMethod]
    public async Task WrongSellingPartnerOption_StopsTheHostNamingTheKeyAndTheRange()
    {
        var line = await RefusedAsync("--environment", "Development", "--urls", "http://127.0.0.1:0", "--AmazonConnector:SellingPartner:RetryCount=11");

        StringAssert.Contains(line, "AmazonConnector:SellingPartner:RetryCount must be from 0 to 10.");
    }

    [TestMethod]
    public async Task WrongTransportOption_StopsTheHostNamingTheKeyAndTheRange()
    {
        var line = await RefusedAsync("--environment", "Development", "--urls", "http://127.0.0.1:0", "--AmazonConnector:Mws:RetryCount=-1");

        StringAssert.Contains(line, "AmazonConnector:Mws:RetryCount is '-1'; set 0 to 10.");
    }
}
