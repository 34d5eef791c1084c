using System.Reflection;
using System.Runtime.Loader;
using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Plugins;

/// <summary>A module found on disk: its manifest, its entry type once loaded, or why it is not running.</summary>
public sealed class LoadedModule(ModuleManifest manifest, IErpModule? entry, string? failure)
{
    public ModuleManifest Manifest { get; } = manifest;

    /// <summary>The module's entry type; null when it could not be loaded.</summary>
    public IErpModule? Entry { get; } = entry;

    /// <summary>Why the module is not running (refused, failed to load, to register or to install); null while it runs.</summary>
    public string? Failure { get; private set; } = failure;

    /// <summary>True while the module loaded and nothing it did failed.</summary>
    public bool IsRunning => Entry is not null && Failure is null;

    /// <summary>Takes the module out of service: its endpoints answer 404 and the host goes on without it.</summary>
    public void Fail(string reason) => Failure ??= reason;
}

/// <summary>
/// Discovers modules from <c>modules/*/module.manifest.json</c> under the host's base directory. A module's assemblies
/// sit in its folder (they are resolved from there when the host does not have them itself, ADR 0008); a module built
/// for another major version of the host contract, or one that fails to load, is refused with the reason and the host
/// runs without it.
/// </summary>
public sealed class ModuleCatalog
{
    /// <summary>The host contract this host was compiled against (the contracts assembly's constant, inlined here at compile time).</summary>
    public static readonly Version ImplementedContract = new(AmazonHostContract.Version);

    private ModuleCatalog(IReadOnlyList<LoadedModule> modules) => Modules = modules;

    /// <summary>Every module found, running or not.</summary>
    public IReadOnlyList<LoadedModule> Modules { get; }

    /// <summary>The modules that run.</summary>
    public IEnumerable<LoadedModule> Running => Modules.Where(m => m.IsRunning);

    /// <summary>The running modules' settings, by key.</summary>
    public IReadOnlyDictionary<string, (LoadedModule Module, ModuleSetting Setting)> Settings =>
        Running.SelectMany(m => m.Manifest.Settings.Select(s => (m, s))).ToDictionary(x => x.s.Key, x => (x.m, x.s), StringComparer.Ordinal);

    /// <summary>Reads every manifest under <paramref name="directory"/> and loads the modules the host can run.</summary>
    public static ModuleCatalog Discover(string directory)
    {
        var modules = new List<LoadedModule>();
        var manifests = Directory.Exists(directory) ? Directory.GetFiles(directory, "module.manifest.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [];
        ResolveFrom(manifests.Select(Path.GetDirectoryName).OfType<string>());
        foreach (var path in manifests)
        {
            ModuleManifest manifest;
            try
            {
                manifest = ModuleManifest.Load(path);
            }
            catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or IOException)
            {
                modules.Add(new LoadedModule(ModuleManifest.Unreadable(path), null, $"Its manifest cannot be read: {e.Message}"));
                continue;
            }

            modules.Add(Load(manifest));
        }

        return new ModuleCatalog(modules);
    }

    private static LoadedModule Load(ModuleManifest manifest)
    {
        var declared = new Version(manifest.HostContractVersion);
        // A module of the same major version loads when it needs no member this host's contract lacks (a later minor does).
        if (declared.Major != ImplementedContract.Major || declared.Minor > ImplementedContract.Minor)
        {
            return new LoadedModule(manifest, null,
                $"Module {manifest.Id} {manifest.Version} needs host contract {manifest.HostContractVersion}; this host implements {AmazonHostContract.Version}. Install a version of the module built for contract {ImplementedContract.Major}.x.");
        }

        try
        {
            var type = Type.GetType(manifest.EntryType, throwOnError: true)!;
            return Activator.CreateInstance(type) is IErpModule entry
                ? new LoadedModule(manifest, entry, null)
                : new LoadedModule(manifest, null, $"Module {manifest.Id}: '{manifest.EntryType}' does not implement {nameof(IErpModule)}.");
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException or TargetInvocationException or MissingMethodException)
        {
            return new LoadedModule(manifest, null, $"Module {manifest.Id}: its entry type '{manifest.EntryType}' cannot be loaded ({e.Message}).");
        }
    }

    // An assembly the host has (its own, the framework, EF Core, OData, the contracts) is the host's; one it lacks is
    // looked for in the module folders, and loaded beside the host's so that their types are the same types.
    private static void ResolveFrom(IEnumerable<string> folders)
    {
        var files = folders.SelectMany(f => Directory.GetFiles(f, "*.dll"))
            .GroupBy(Path.GetFileNameWithoutExtension, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key!, g => g.First(), StringComparer.OrdinalIgnoreCase);
        if (files.Count == 0)
        {
            return;
        }

        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name is { } simple && files.TryGetValue(simple, out var file) ? context.LoadFromAssemblyPath(file) : null;
    }
}
