using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpAmazonModule.Host.Plugins;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Lifecycle;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Security;
using ErpAmazonModule.Settings;
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
    [TestCategory("Contract")]
    public void Settings_InTheManifest_AreGeneratedFromTheModulesDefinitions()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Repository.PathOf("module.manifest.json")))!.AsObject();
        manifest["settings"] = new JsonArray(AmazonSettings.All.Select(s =>
        {
            var json = new JsonObject { ["key"] = s.Key, ["type"] = s.Type, ["default"] = s.DefaultText };
            if (s.Minimum is not null)
            {
                json["minimum"] = s.Minimum;
                json["maximum"] = s.Maximum;
            }

            if (s.MaxLength is { } length)
            {
                json["maxLength"] = length;
            }

            if (s.ChangePermission is not null)
            {
                json["changePermission"] = s.ChangePermission;
            }

            json["description"] = s.Description;
            return (JsonNode)json;
        }).ToArray());

        ContractFile.AssertJsonAsWritten("module.manifest.json",
            manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [TestMethod]
    public void Settings_EachDefinedSettingIsReadByTheCode_AndItsDefaultIsAccepted()
    {
        // A setting counts as used when code outside its definitions loads it (ldsfld): a key merely appearing does not.
        var definitions = typeof(AmazonSettings).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType.IsSubclassOf(typeof(AmazonSetting))).ToList();
        var loaded = StaticFieldsLoadedIn(ModuleAssembly, except: typeof(AmazonSettings));

        var unused = definitions.Where(f => !loaded.Contains(f)).Select(f => f.Name).ToList();
        Assert.IsEmpty(unused, $"defined but never read: {string.Join(", ", unused)}");
        CollectionAssert.AreEquivalent(definitions.Select(f => ((AmazonSetting)f.GetValue(null)!).Key).ToList(), AmazonSettings.All.Select(s => s.Key).ToList());
        foreach (var setting in AmazonSettings.All)
        {
            Assert.IsNull(setting.Check(setting.DefaultText), setting.Key);
            Assert.IsNull(Manifest.Settings.Single(m => m.Key == setting.Key).Check(setting.DefaultText), setting.Key);
        }
    }

    [TestMethod]
    [DataRow("erp.amazon.sync_interval_minutes", "4", "must be from 5 to 1440")]
    [DataRow("erp.amazon.sync_interval_minutes", "15.5", "must be a whole number")]
    [DataRow("erp.amazon.enabled", "yes", "must be true or false")]
    [DataRow("erp.amazon.default_products.sale_reference", "", "must be text of 1 to 64 characters")]
    public void Settings_TheHostsCheckFromTheManifest_AndTheModulesAgree(string key, string value, string reason)
    {
        var declared = Manifest.Settings.Single(s => s.Key == key);

        var hostSays = declared.Check(value) ?? AmazonSettings.Validate(key, value);
        StringAssert.Contains(hostSays, reason);
        Assert.IsNotNull(AmazonSettings.Validate(key, value));
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
        var manifest = JsonNode.Parse(File.ReadAllText(Repository.PathOf("module.manifest.json")))!;
        manifest["settings"]!.AsArray().Single(x => (string?)x!["key"] == "erp.amazon.sync_interval_minutes")!["default"] = "thirty";
        File.WriteAllText(path, manifest.ToJsonString());

        var error = Assert.ThrowsExactly<InvalidDataException>(() => ModuleManifest.Load(path));
        StringAssert.Contains(error.Message, "erp.amazon.sync_interval_minutes");
    }

    [TestMethod]
    public void Discover_ModuleForAnotherContractMajor_IsRefused()
    {
        var folder = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"), "erp.amazon");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "module.manifest.json"), File.ReadAllText(Repository.PathOf("module.manifest.json"))
            .Replace($"\"hostContractVersion\": \"{AmazonHostContract.Version}\"", "\"hostContractVersion\": \"2.0\"", StringComparison.Ordinal));

        var module = ModuleCatalog.Discover(Path.GetDirectoryName(folder)!).Modules.Single();

        Assert.IsFalse(module.IsRunning);
        Assert.IsNull(module.Entry, "its code is not even loaded");
        StringAssert.Contains(module.Failure, $"needs host contract 2.0; this host implements {AmazonHostContract.Version}");
    }

    [TestMethod]
    public void Discover_ModuleNeedingALaterMinorOfTheContract_IsRefused()
    {
        var folder = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"), "erp.amazon");
        Directory.CreateDirectory(folder);
        var later = $"{AmazonHostContract.Version.Split('.')[0]}.{int.Parse(AmazonHostContract.Version.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture) + 1}";
        File.WriteAllText(Path.Combine(folder, "module.manifest.json"), File.ReadAllText(Repository.PathOf("module.manifest.json"))
            .Replace($"\"hostContractVersion\": \"{AmazonHostContract.Version}\"", $"\"hostContractVersion\": \"{later}\"", StringComparison.Ordinal));

        var module = ModuleCatalog.Discover(Path.GetDirectoryName(folder)!).Modules.Single();

        Assert.IsFalse(module.IsRunning, "it would call what this host's contract does not have");
        StringAssert.Contains(module.Failure, $"needs host contract {later}");
    }

    [TestMethod]
    public void Discover_TheShippedManifest_LoadsTheModule()
    {
        var catalog = ModuleCatalog.Discover(Path.Combine(AppContext.BaseDirectory, "modules"));

        Assert.AreEqual(AmazonConnectorDefaults.ModuleId, catalog.Modules.Single().Manifest.Id);
        Assert.IsInstanceOfType<AmazonConnectorModule>(catalog.Modules.Single().Entry);
    }

    [GeneratedRegex(@"^amazon\.[a-z_]+(\.[a-z_]+)?$")]
    private static partial Regex PermissionName();

    /// <summary>Static fields the assembly's code loads (ldsfld, 0x7E), outside <paramref name="except"/>.</summary>
    private static HashSet<FieldInfo> StaticFieldsLoadedIn(Assembly assembly, Type except)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var fields = new HashSet<FieldInfo>();
        foreach (var type in assembly.GetTypes().Where(t => t != except && t.DeclaringType != except))
        {
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
                for (var i = 0; i + 4 < il.Length; i++)
                {
                    // A field token's table is 0x04; other bytes that look alike fail to resolve or resolve to other fields.
                    if (il[i] == 0x7E && il[i + 4] == 0x04)
                    {
                        try
                        {
                            fields.Add(assembly.ManifestModule.ResolveField(BitConverter.ToInt32(il, i + 1), type.IsGenericType ? type.GetGenericArguments() : null, null)!);
                        }
                        catch (ArgumentException)
                        {
                        }
                    }
                }
            }
        }

        return fields;
    }

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
