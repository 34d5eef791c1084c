using ErpAmazonModule.Host.Plugins;
using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>What became of a setting change.</summary>
public enum SettingChangeOutcome
{
    /// <summary>Stored (and the module told, for its enabled switch).</summary>
    Changed,
    /// <summary>No running module declares the key.</summary>
    UnknownKey,
    /// <summary>The caller lacks the permission the setting names.</summary>
    Forbidden,
    /// <summary>The value is of the wrong type, out of range or refused by the module.</summary>
    Invalid,
}

/// <summary>The outcome of a setting change and, when refused, why.</summary>
public sealed record SettingChangeResult(SettingChangeOutcome Outcome, string? Reason = null);

/// <summary>Settings declared by module manifests, stored in the host's Settings table, defaults from the manifests.</summary>
public sealed class HostSettings(HostDbContext db, ModuleCatalog catalog, HostPermissions permissions, IServiceProvider services) : IAmazonHostSettings
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
    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        var result = await ChangeAsync(key, value, user: null, remoteAddress: null, cancellationToken);
        if (result.Outcome != SettingChangeOutcome.Changed)
        {
            throw new ArgumentException(result.Reason, nameof(value));
        }
    }

    /// <summary>The permission needed to change <paramref name="setting"/>: the one it names, else the host's own.</summary>
    public static string ChangePermissionOf(ModuleSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.ChangePermission ?? HostPermissions.ManageSettings;
    }

    /// <summary>Every declared setting with its current value.</summary>
    public async Task<IReadOnlyList<SettingView>> ListAsync(CancellationToken cancellationToken)
    {
        var stored = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        return catalog.Settings.Values
            .Select(d => new SettingView(d.Setting.Key, d.Module.Manifest.Id, d.Setting.Type, stored.GetValueOrDefault(d.Setting.Key) ?? d.Setting.Default, d.Setting.Default,
                d.Setting.Minimum, d.Setting.Maximum, d.Setting.MaxLength, ChangePermissionOf(d.Setting), d.Setting.Description))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Checks the caller's permission (when <paramref name="user"/> is given) and the value (declared, typed, in range,
    /// accepted by its module), stores it, and tells the module when its enabled setting changed. Nothing is stored
    /// unless the outcome is <see cref="SettingChangeOutcome.Changed"/>.
    /// </summary>
    /// <summary>Why <paramref name="user"/> may not change <paramref name="key"/> whatever the value (unknown, or not permitted), or null.</summary>
    public SettingChangeResult? Refusal(string key, System.Security.Claims.ClaimsPrincipal? user)
    {
        if (!catalog.Settings.TryGetValue(key, out var declared))
        {
            return new(SettingChangeOutcome.UnknownKey, $"'{key}' is not a setting of any running module.");
        }

        var permission = ChangePermissionOf(declared.Setting);
        return user is not null && !permissions.HasPermission(user, permission)
            ? new(SettingChangeOutcome.Forbidden, $"Changing '{key}' needs the permission '{permission}'.")
            : null;
    }

    public async Task<SettingChangeResult> ChangeAsync(string key, string value, System.Security.Claims.ClaimsPrincipal? user, string? remoteAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Refusal(key, user) is { } refusal)
        {
            return refusal;
        }

        var declared = catalog.Settings[key];
        if ((declared.Setting.Check(value) ?? declared.Module.Entry!.ValidateSetting(key, value)) is { } error)
        {
            return new(SettingChangeOutcome.Invalid, $"{key} {error}");
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

        if (!string.Equals(before, value, StringComparison.Ordinal))
        {
            await declared.Module.Entry!.OnSettingChangedAsync(services, new(key, before, value, user?.Identity?.Name, remoteAddress), cancellationToken);
        }

        return new(SettingChangeOutcome.Changed);
    }
}

/// <summary>A setting as the host's settings API shows it.</summary>
public sealed record SettingView(
    string Key, string Module, string Type, string Value, string Default, string? Minimum, string? Maximum, int? MaxLength, string ChangePermission, string Description);
