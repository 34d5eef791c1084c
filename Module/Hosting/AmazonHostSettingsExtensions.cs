using System.Globalization;

namespace ErpAmazonModule.Hosting;

/// <summary>Typed reads of module settings.</summary>
public static class AmazonHostSettingsExtensions
{
    /// <summary>Whether the module is enabled (the manifest's default applies when nothing is stored).</summary>
    public static async Task<bool> IsModuleEnabledAsync(this IAmazonHostSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var value = await settings.GetAsync(AmazonConnectorDefaults.Settings.Enabled, cancellationToken).ConfigureAwait(false);
        return bool.TryParse(value, out var enabled) && enabled;
    }

    /// <summary>A required string setting.</summary>
    public static async Task<string> GetRequiredAsync(this IAmazonHostSettings settings, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var value = await settings.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"The module setting '{key}' has no value and no default.")
            : value;
    }

    /// <summary>An integer setting.</summary>
    public static async Task<int> GetInt32Async(this IAmazonHostSettings settings, string key, CancellationToken cancellationToken)
    {
        var value = await settings.GetRequiredAsync(key, cancellationToken).ConfigureAwait(false);
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new InvalidOperationException($"The module setting '{key}' is not an integer.");
    }
}
