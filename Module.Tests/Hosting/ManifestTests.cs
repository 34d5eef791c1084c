using System.Reflection;
using System.Text.RegularExpressions;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Host.Plugins;
using ErpAmazonModule.Lifecycle;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Security;
using ErpAmazonModule.Tests.TestSupport;
using Hangfire;

namespace ErpAmazonModule.Tests.Hosting;

/// <summary>The manifest, held against the code: what one declares, the other uses, and the other way round.</summary>
[TestClass]
public sealed partial class ManifestTests
{
    private static readonly ModuleManifest Manifest = ModuleManifest.Load(Repository.PathOf("module.manifest.json"));
    private static readonly Assembly ModuleAssembly = typeof(AmazonDbContext).Assembly;
    private static readonly IReadOnlySet<string> Literals = StringLiteralsIn(ModuleAssembly);

    [TestMethod]
    public void Identity_MatchesTheCode()
    {
        Assert.AreEqual(AmazonConnectorDefaults.ModuleId, Manifest.Id);
        Assert.AreEqual(AmazonHostContract.Version, Manifest.HostContractVersion);
        Assert.AreEqual(ModuleAssembly.GetName().Version!.ToString(3), Manifest.Version);
    }

    [TestMethod]
    public void EntryType_LoadsAndImplementsTheHostContract()
    {
        var type = Type.GetType(Manifest.EntryType, throwOnError: true)!;

        Assert.IsTrue(typeof(IErpModule).IsAssignableFrom(type));
        Assert.IsInstanceOfType<IErpModule>(Activator.CreateInstance(type));
    }

    [TestMethod]
    public void Permissions_DeclaredExactlyThoseTheCodeChecks()
    {
        var declared = Manifest.Permissions.Select(p => p.Name).ToHashSet();
        var used = Literals.Where(l => PermissionName().IsMatch(l)).ToHashSet();

        Assert.IsTrue(declared.SetEquals(used), $"declared: {string.Join(", ", declared.Order())}; used: {string.Join(", ", used.Order())}");
        Assert.IsTrue(declared.SetEquals(AmazonPermissions.All));
        Assert.IsTrue(Manifest.Permissions.All(p => p.DefaultRoles.Count > 0 && !string.IsNullOrWhiteSpace(p.Description)));
    }

    [TestMethod]
    public void Permissions_SalespersonGetsNoAmazonPermissionByDefault()
    {
        Assert.IsFalse(Manifest.Permissions.Any(p => p.DefaultRoles.Contains("salesperson")));
        CollectionAssert.AreEquivalent(new[] { "admin" }, Manifest.Permissions.Single(p => p.Name == AmazonConnectorDefaults.Permissions.ManageAccounts).DefaultRoles.ToList());
    }

    [TestMethod]
    public void Settings_DeclaredExactlyThoseTheCodeUses_AndEachDefaultIsAccepted()
    {
        var declared = Manifest.Settings.Select(s => s.Key).ToHashSet();
        var used = Literals.Where(l => l.StartsWith(AmazonConnectorDefaults.ModuleId + ".", StringComparison.Ordinal)).ToHashSet();

        Assert.IsTrue(declared.SetEquals(used), $"declared: {string.Join(", ", declared.Order())}; used: {string.Join(", ", used.Order())}");
        Assert.IsTrue(declared.SetEquals(AmazonSettingRules.Keys));
        foreach (var setting in Manifest.Settings)
        {
            Assert.IsNull(AmazonSettingRules.Validate(setting.Key, setting.Default), setting.Key);
            Assert.IsFalse(string.IsNullOrWhiteSpace(setting.Description), setting.Key);
        }
    }

    [TestMethod]
    public void RecurringJobs_DeclaredExactlyThoseRegistered()
    {
        CollectionAssert.AreEquivalent(AmazonRecurringJobs.Ids.ToList(), Manifest.RecurringJobs.Select(j => j.Id).ToList());
        Assert.AreEqual(Cron.Hourly(), Manifest.RecurringJobs.Single(j => j.Id == AmazonConnectorDefaults.Jobs.EnsureDefaultProducts).Cron);
        Assert.AreEqual(Cron.Minutely(), Manifest.RecurringJobs.Single(j => j.Id == AmazonConnectorDefaults.Jobs.QueueDueSyncs).Cron);
    }

    [TestMethod]
    public void Migrations_NameTheAssembliesTheCodeUses_AndTheyLoad()
    {
        Assert.AreEqual(AmazonDatabase.SqliteMigrationsAssembly, Manifest.Migrations[nameof(AmazonDatabaseProvider.Sqlite)]);
        Assert.AreEqual(AmazonDatabase.SqlServerMigrationsAssembly, Manifest.Migrations[nameof(AmazonDatabaseProvider.SqlServer)]);
        foreach (var name in Manifest.Migrations.Values)
        {
            Assert.AreEqual(name, Assembly.Load(name).GetName().Name);
        }
    }

    [TestMethod]
    public void Load_MalformedManifest_FailsNamingTheProblem()
    {
        var path = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N") + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, File.ReadAllText(Repository.PathOf("module.manifest.json")).Replace("\"type\": \"int\", \"default\": \"30\"", "\"type\": \"int\", \"default\": \"thirty\"", StringComparison.Ordinal));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => ModuleManifest.Load(path));
        StringAssert.Contains(error.Message, "erp.amazon.sync_interval_minutes");
    }

    [TestMethod]
    public void Discover_ModuleForAnotherContractMajor_IsRefused()
    {
        var folder = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"), "erp.amazon");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "module.manifest.json"), File.ReadAllText(Repository.PathOf("module.manifest.json"))
            .Replace("\"hostContractVersion\": \"1.0\"", "\"hostContractVersion\": \"2.0\"", StringComparison.Ordinal));

        var module = ModuleCatalog.Discover(Path.GetDirectoryName(folder)!).Modules.Single();

        Assert.IsFalse(module.IsRunning);
        Assert.IsNull(module.Entry, "its code is not even loaded");
        StringAssert.Contains(module.Failure, "needs host contract 2.0; this host implements 1.0");
    }

    [TestMethod]
    public void Discover_TheShippedManifest_LoadsTheModule()
    {
        var catalog = ModuleCatalog.Discover(Path.Combine(AppContext.BaseDirectory, "modules"));

        Assert.AreEqual(AmazonConnectorDefaults.ModuleId, catalog.Modules.Single().Manifest.Id);
        Assert.IsInstanceOfType<AmazonConnectorModule>(catalog.Modules.Single().Entry);
    }

    [GeneratedRegex(@"^amazon\.[a-z_]+\.[a-z_]+$")]
    private static partial Regex PermissionName();

    /// <summary>Every string the assembly's code loads (ldstr) or passes to an attribute: constants end up there.</summary>
    private static HashSet<string> StringLiteralsIn(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var literals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            var members = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)).ToList();
            foreach (var attribute in members.Cast<MemberInfo>().Append(type).SelectMany(m => m.GetCustomAttributesData()))
            {
                literals.UnionWith(attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(a => a.TypedValue)).Select(a => a.Value).OfType<string>());
            }

            foreach (var il in members.Select(m => m.GetMethodBody()?.GetILAsByteArray()).OfType<byte[]>())
            {
                for (var i = 0; i + 4 < il.Length; i++)
                {
                    // ldstr (0x72) takes a string token (table 0x70); other bytes that look alike fail to resolve.
                    if (il[i] == 0x72 && il[i + 4] == 0x70)
                    {
                        try
                        {
                            literals.Add(assembly.ManifestModule.ResolveString(BitConverter.ToInt32(il, i + 1)));
                        }
                        catch (ArgumentException)
                        {
                        }
                    }
                }
            }
        }

        return literals;
    }
}
