using ErpAmazonModule.Hosting;
using ErpAmazonModule.Host.Plugins;

namespace ErpAmazonModule.Host.Ports;

/// <summary>Why a setting could not be changed.</summary>
public sealed class SettingRejectedException(string message) : Exception(message);

/// <summary>Settings declared by module manifests, stored in the host's Settings table, defaults from the manifests.</summary>
public sealed class HostSettings(HostDbContext db, ModuleCatalog catalog, IServiceProvider services) : IAmazonHostSettings
{
    /// <inheritdoc />
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!catalog.Settings.TryGetValue(key, out var declared))
        {
            return null;
        }

        var stored = await db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
        return stored ?? declared.Setting.Default;
    }

    /// <summary>Whether <paramref name="module"/>'s enabled setting is on.</summary>
    public async Task<bool> IsEnabledAsync(LoadedModule module, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(module);
        return bool.TryParse(await GetAsync(module.Manifest.EnabledSettingKey, cancellationToken), out var enabled) && enabled;
    }

    /// <inheritdoc />
    public Task SetAsync(string key, string value, CancellationToken cancellationToken) => ChangeAsync(key, value, cancellationToken);

    /// <summary>Every declared setting with its current value.</summary>
    public async Task<IReadOnlyList<SettingView>> ListAsync(CancellationToken cancellationToken)
    {
        var stored = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        return catalog.Settings.Values
            .Select(d => new SettingView(d.Setting.Key, d.Module.Manifest.Id, d.Setting.Type, stored.GetValueOrDefault(d.Setting.Key) ?? d.Setting.Default, d.Setting.Default, d.Setting.Description))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Validates (declared, typed, accepted by its module), stores, and tells the module when its enabled
    /// setting changed. Throws <see cref="SettingRejectedException"/> and stores nothing when invalid.
    /// </summary>
    public async Task ChangeAsync(string key, string value, CancellationToken cancellationToken)
    {
        if (!catalog.Settings.TryGetValue(key, out var declared))
        {
            throw new SettingRejectedException($"'{key}' is not a setting of any installed module.");
        }

        var error = declared.Setting.CheckType(value) ?? declared.Module.Entry!.ValidateSetting(key, value);
        if (error is not null)
        {
            throw new SettingRejectedException($"{key}: {error}");
        }

        var before = await GetAsync(key, cancellationToken);
        var row = await db.Settings.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (row is null)
        {
            db.Settings.Add(new Setting { Key = key, Value = value });
        }
        else
        {
            row.Value = value;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (key == declared.Module.Manifest.EnabledSettingKey && !string.Equals(before, value, StringComparison.OrdinalIgnoreCase))
        {
            await declared.Module.Entry!.OnEnabledChangedAsync(services, bool.Parse(value), cancellationToken);
        }
    }
}

/// <summary>A setting as the host's settings API shows it.</summary>
public sealed record SettingView(string Key, string Module, string Type, string Value, string Default, string Description);
