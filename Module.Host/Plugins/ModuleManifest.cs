using System.Text.Json;
using System.Text.Json.Serialization;

namespace ErpAmazonModule.Host.Plugins;

/// <summary>A module's <c>module.manifest.json</c>, as any plug-in host reads it.</summary>
public sealed record ModuleManifest(
    string Id,
    string Name,
    string Description,
    string Version,
    string HostContractVersion,
    string EntryType,
    IReadOnlyList<ModuleSetting> Settings,
    IReadOnlyList<ModulePermission> Permissions,
    IReadOnlyList<ModuleRecurringJob> RecurringJobs,
    IReadOnlyDictionary<string, string> Migrations,
    IReadOnlyList<string> Endpoints)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The setting that switches the module on and off, by convention <c>{id}.enabled</c>.</summary>
    public string EnabledSettingKey => Id + ".enabled";

    /// <summary>Stands for a manifest that could not be read (named after its folder), so the failure can be shown.</summary>
    public static ModuleManifest Unreadable(string path) =>
        new(Path.GetFileName(Path.GetDirectoryName(path)) ?? path, path, "", "0.0.0", "0.0", "", [], [], [], new Dictionary<string, string>(), []);

    /// <summary>Reads and checks a manifest file; a missing or malformed field is an error naming it.</summary>
    public static ModuleManifest Load(string path)
    {
        using var stream = File.OpenRead(path);
        var manifest = JsonSerializer.Deserialize<ModuleManifest>(stream, Options)
            ?? throw new InvalidDataException($"{path} is empty.");
        manifest.Validate(path);
        return manifest;
    }

    private void Validate(string path)
    {
        void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw new InvalidDataException($"{path}: {what}.");
            }
        }

        Require(!string.IsNullOrWhiteSpace(Id), "'id' is required");
        Require(!string.IsNullOrWhiteSpace(EntryType), "'entryType' is required");
        Require(System.Version.TryParse(HostContractVersion, out _), "'hostContractVersion' must be a version like 1.0");
        Require(Settings is not null && Permissions is not null && RecurringJobs is not null && Migrations is not null && Endpoints is not null,
            "'settings', 'permissions', 'recurringJobs', 'migrations' and 'endpoints' are required (may be empty)");
        Require(Endpoints!.All(e => e.StartsWith('/') && e.Length > 1), "every endpoint is a path prefix starting with '/'");
        Require(Settings!.Any(s => s.Key == EnabledSettingKey), $"the setting '{EnabledSettingKey}' is required");
        foreach (var setting in Settings!)
        {
            Require(setting.Key.StartsWith(Id + ".", StringComparison.Ordinal), $"setting '{setting.Key}' must start with '{Id}.'");
            Require(ModuleSetting.Types.Contains(setting.Type), $"setting '{setting.Key}' has type '{setting.Type}'; expected one of {string.Join(", ", ModuleSetting.Types)}");
            Require(setting.Minimum is null || decimal.TryParse(setting.Minimum, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _), $"setting '{setting.Key}' minimum '{setting.Minimum}' is not a number");
            Require(setting.Maximum is null || decimal.TryParse(setting.Maximum, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _), $"setting '{setting.Key}' maximum '{setting.Maximum}' is not a number");
            Require(setting.Check(setting.Default) is null, $"setting '{setting.Key}' default '{setting.Default}' {setting.Check(setting.Default)?.TrimEnd('.')}");
        }
    }
}

/// <summary>
/// A setting a module declares: its type, default (used until a value is stored), accepted range and the permission
/// that may change it (none: the host's settings permission).
/// </summary>
public sealed record ModuleSetting(
    string Key, string Type, string Default, string Description,
    string? Minimum = null, string? Maximum = null, int? MaxLength = null, string? ChangePermission = null)
{
    /// <summary>Setting types a host understands.</summary>
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal) { "bool", "int", "decimal", "string" };

    /// <summary>Why <paramref name="value"/> is not of this setting's type or outside its range, or null.</summary>
    public string? Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Any(char.IsControl))
        {
            return "must not contain control characters (such as NUL or a line break).";
        }

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        switch (Type)
        {
            case "bool":
                return bool.TryParse(value, out _) ? null : "must be true or false.";
            case "int" or "decimal":
                var style = Type == "int" ? System.Globalization.NumberStyles.Integer : System.Globalization.NumberStyles.Number;
                if (!decimal.TryParse(value, style, invariant, out var number) || (Type == "int" && decimal.Truncate(number) != number))
                {
                    return Type == "int" ? "must be a whole number." : "must be a number (invariant culture, e.g. 0.05).";
                }

                var min = Minimum is null ? (decimal?)null : decimal.Parse(Minimum, invariant);
                var max = Maximum is null ? (decimal?)null : decimal.Parse(Maximum, invariant);
                return number < min || number > max ? $"must be from {Minimum ?? "any"} to {Maximum ?? "any"}." : null;
            default:
                return MaxLength is { } length && value.Length > length ? $"must be at most {length} characters." : null;
        }
    }
}

/// <summary>A permission a module declares, with the roles that get it by default.</summary>
public sealed record ModulePermission(string Name, string Description, IReadOnlyList<string> DefaultRoles);

/// <summary>A recurring job a module registers.</summary>
public sealed record ModuleRecurringJob(string Id, string Cron, string Description);
