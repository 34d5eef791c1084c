using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ErpAmazonModule.Tests.TestSupport;

namespace ErpAmazonModule.Tests.Hosting;

/// <summary>
/// The module as an ERP gets it: <c>dotnet pack</c> makes the module's and the contract's packages; a scratch host
/// project (the reference host's sources, no project reference to the module) installs both from a local folder,
/// builds, starts, loads the module from its package and syncs the demo's orders.
/// </summary>
[TestClass]
public sealed partial class PackageTests
{
    private static readonly string Configuration = HostProcess.Assembly.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task ScratchHost_InstallsBothPackagesFromAFolder_LoadsTheModuleFromItsPackage_AndSyncs()
    {
        var work = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"));
        var feed = Path.Combine(work, "feed");
        var scratch = Path.Combine(work, "host");
        Directory.CreateDirectory(scratch);

        // The solution is built: pack what it built.
        await DotnetAsync(Repository.Root, "pack", "Module.Contracts/ErpAmazonModule.Contracts.csproj", "-c", Configuration, "--no-build", "-o", feed);
        await DotnetAsync(Repository.Root, "pack", "Module/ErpAmazonModule.csproj", "-c", Configuration, "--no-build", "-o", feed);
        var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(new[] { "ErpAmazonModule.0.1.0.nupkg", "ErpAmazonModule.Contracts.1.0.0.nupkg" }, packages);

        WriteScratchHost(scratch, feed, Path.Combine(work, "packages"));
        await DotnetAsync(scratch, "build", "-c", Configuration);
        var output = Path.Combine(scratch, "bin", Configuration, "net10.0");
        Assert.IsTrue(File.Exists(Path.Combine(output, "modules", "erp.amazon", "module.manifest.json")), "the package puts the manifest where the host looks");
        Assert.IsFalse(Directory.GetFiles(scratch, "*.csproj").Any(p => File.ReadAllText(p).Contains("ErpAmazonModule.csproj", StringComparison.Ordinal)));

        var port = FreePort();
        using var host = Start(output, port, Path.Combine(work, "erp.db"));
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Add("X-Api-Key", "scratch-admin-key");
            await UntilAsync(async () => (await http.GetAsync("/health")).IsSuccessStatusCode);
            var marketplaces = JsonNode.Parse(await http.GetStringAsync("/odata/amazon/Marketplaces?$count=true&$top=1"))!;
            Assert.AreEqual(23, (int)marketplaces["@odata.count"]!, "the module runs: its install seeded the catalog");

            // The demo registers the sandbox's seller and syncs it through the module's API.
            await UntilAsync(async () => JsonNode.Parse(await http.GetStringAsync("/odata/amazon/SyncRuns?$filter=State eq 'Succeeded'"))!["value"]!.AsArray().Count > 0);
            var orders = JsonNode.Parse(await http.GetStringAsync("/odata/host/SalesOrders?$count=true&$top=1"))!;
            Assert.IsGreaterThan(0, (int)orders["@odata.count"]!);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    // The reference host's sources and its own packages; the module and the contract come from the local folder.
    private static void WriteScratchHost(string folder, string feed, string packagesFolder)
    {
        var versions = XDocument.Load(Repository.PathOf("Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => ((string)p.Attribute("Version")!).Replace("$(EfCoreVersion)", "10.0.14", StringComparison.Ordinal));
        var hostPackages = XDocument.Load(Repository.PathOf("Module.Host", "ErpAmazonModule.Host.csproj")).Descendants("PackageReference")
            .Select(p => (string)p.Attribute("Include")!).Where(p => p != "Microsoft.EntityFrameworkCore.Design");
        var host = Repository.PathOf("Module.Host");
        var project = new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk.Web"),
            new XElement("PropertyGroup",
                new XElement("TargetFramework", "net10.0"), new XElement("Nullable", "enable"), new XElement("ImplicitUsings", "enable"),
                new XElement("AssemblyName", "ErpAmazonModule.Host"), new XElement("RootNamespace", "ErpAmazonModule.Host"),
                new XElement("NoWarn", "$(NoWarn);NU1603;CS1591"), new XElement("RestorePackagesPath", packagesFolder)),
            new XElement("ItemGroup",
                new XElement("Compile", new XAttribute("Include", $"{host}/**/*.cs"), new XAttribute("Exclude", $"{host}/bin/**;{host}/obj/**")),
                new XElement("ProjectReference", new XAttribute("Include", Repository.PathOf("Module.Sandbox", "ErpAmazonModule.Sandbox.csproj"))),
                new XElement("PackageReference", new XAttribute("Include", "ErpAmazonModule.Contracts"), new XAttribute("Version", "1.0.0")),
                new XElement("PackageReference", new XAttribute("Include", "ErpAmazonModule"), new XAttribute("Version", "0.1.0")),
                hostPackages.Select(p => new XElement("PackageReference", new XAttribute("Include", p), new XAttribute("Version", versions[p])))));
        project.Save(Path.Combine(folder, "ScratchHost.csproj"));
        // Packages already on this machine are used from its cache; the two of this test are extracted afresh.
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{globalPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    private static Process Start(string output, int port, string database)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = output, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "exec", Path.Combine(output, "ErpAmazonModule.Host.dll"), "--environment", "Development", "--urls", $"http://127.0.0.1:{port}",
            "--ConnectionStrings:Erp=Data Source=" + database, "--Sandbox:Enabled=true", "--Sandbox:TimeScale=60", "--Sandbox:OrdersPerSeller=20", "--Demo:SyncOnStart=true",
            "--Auth:ApiKeys:0:Key=scratch-admin-key", "--Auth:ApiKeys:0:UserName=admin", "--Auth:ApiKeys:0:Roles:0=admin",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task DotnetAsync(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args.Append("--nologo"))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.AreEqual(0, process.ExitCode, $"dotnet {string.Join(' ', args)}:\n{string.Join('\n', ErrorLines().Matches(await output).Select(m => m.Value).Take(20))}\n{await errors}");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail("The scratch host did not get there within a minute.");
    }

    [GeneratedRegex(".*(error|warn).*")]
    private static partial Regex ErrorLines();
}
