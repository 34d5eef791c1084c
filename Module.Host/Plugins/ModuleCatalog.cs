using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Plugins;

/// <summary>A module found on disk: its manifest and its instantiated entry type.</summary>
public sealed record LoadedModule(ModuleManifest Manifest, IErpModule Entry);

/// <summary>Discovers modules from <c>modules/*/module.manifest.json</c> under the host's base directory.</summary>
public sealed class ModuleCatalog(IReadOnlyList<LoadedModule> modules)
{
    /// <summary>The host contract major version this host implements.</summary>
    public static readonly Version ImplementedContract = new(AmazonHostContract.Version);

    /// <summary>Every loaded module.</summary>
    public IReadOnlyList<LoadedModule> Modules { get; } = modules;

    /// <summary>The manifests' settings, by key.</summary>
    public IReadOnlyDictionary<string, (LoadedModule Module, ModuleSetting Setting)> Settings { get; } =
        modules.SelectMany(m => m.Manifest.Settings.Select(s => (m, s))).ToDictionary(x => x.s.Key, x => (x.m, x.s), StringComparer.Ordinal);

    /// <summary>Reads every manifest under <paramref name="directory"/> and loads its entry type.</summary>
    public static ModuleCatalog Discover(string directory)
    {
        var modules = new List<LoadedModule>();
        foreach (var path in Directory.Exists(directory) ? Directory.GetFiles(directory, "module.manifest.json", SearchOption.AllDirectories).Order() : Enumerable.Empty<string>())
        {
            var manifest = ModuleManifest.Load(path);
            if (new Version(manifest.HostContractVersion).Major != ImplementedContract.Major)
            {
                throw new InvalidOperationException($"Module {manifest.Id} needs host contract {manifest.HostContractVersion}; this host implements {AmazonHostContract.Version}.");
            }

            var type = Type.GetType(manifest.EntryType, throwOnError: false)
                ?? throw new InvalidOperationException($"Module {manifest.Id}: entry type '{manifest.EntryType}' cannot be loaded.");
            if (Activator.CreateInstance(type) is not IErpModule entry)
            {
                throw new InvalidOperationException($"Module {manifest.Id}: '{manifest.EntryType}' does not implement {nameof(IErpModule)}.");
            }

            modules.Add(new LoadedModule(manifest, entry));
        }

        return new ModuleCatalog(modules);
    }
}
