using System.Globalization;
using Settings = ErpAmazonModule.AmazonConnectorDefaults.Settings;

namespace ErpAmazonModule.Lifecycle;

/// <summary>What values each of the module's settings accepts; the host asks before storing one.</summary>
public static class AmazonSettingRules
{
    private static readonly Dictionary<string, Func<string, string?>> Rules = new(StringComparer.Ordinal)
    {
        [Settings.Enabled] = v => bool.TryParse(v, out _) ? null : "must be true or false.",
        [Settings.SyncIntervalMinutes] = v => IntBetween(v, 5, 1440),
        [Settings.SaleProductReference] = Reference,
        [Settings.ShippingProductReference] = Reference,
        // Amazon's data protection policy: buyer data no longer than 30 days after shipment.
        [Settings.PiiRetentionDays] = v => IntBetween(v, 1, 30),
        [Settings.WriteOffTolerance] = v => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 100
            ? null
            : "must be an amount between 0 and 100 (invariant culture, e.g. 0.05).",
        [Settings.WriteOffAccount] = v => string.IsNullOrWhiteSpace(v) || v.Length > 32 ? "must be a ledger account code of at most 32 characters." : null,
        [Settings.AuthorizationWarningDays] = v => IntBetween(v, 1, 90),
        // MWS keeps order history; a first sync further back than a year-and-a-bit is not useful.
        [Settings.FirstSyncLookbackDays] = v => IntBetween(v, 1, 400),
        [Settings.SyncWindowHours] = v => IntBetween(v, 1, 24 * 31),
        [Settings.MaxOrderAttempts] = v => IntBetween(v, 1, 100),
    };

    /// <summary>Keys the rules know.</summary>
    public static IEnumerable<string> Keys => Rules.Keys;

    /// <summary>Why <paramref name="value"/> is not valid for <paramref name="key"/>, or null when it is.</summary>
    public static string? Validate(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return Rules.TryGetValue(key, out var rule) ? rule(value) : $"'{key}' is not a setting of {AmazonConnectorDefaults.ModuleId}.";
    }

    private static string? IntBetween(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? null
            : $"must be a whole number from {min} to {max}.";

    private static string? Reference(string value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > 64 ? "must be a product internal reference of at most 64 characters." : null;
}
