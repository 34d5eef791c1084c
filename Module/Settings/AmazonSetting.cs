using System.Globalization;

namespace ErpAmazonModule.Settings;

/// <summary>
/// One of the module's settings, defined once: key, type, default, accepted range, description and the permission
/// that may change it. The manifest is generated from these definitions, the host validates with them and the code
/// reads them typed.
/// </summary>
public abstract class AmazonSetting
{
    private protected AmazonSetting(string key, string description, string? changePermission)
    {
        Key = key;
        Description = description;
        ChangePermission = changePermission;
    }

    /// <summary>The key, <c>erp.amazon.*</c>.</summary>
    public string Key { get; }

    /// <summary>What the setting does, as users read it.</summary>
    public string Description { get; }

    /// <summary>The permission a user needs to change it; null: the host's own settings permission.</summary>
    public string? ChangePermission { get; }

    /// <summary>The manifest's type name: bool, int, decimal or string.</summary>
    public abstract string Type { get; }

    /// <summary>The default, as stored text.</summary>
    public abstract string DefaultText { get; }

    /// <summary>Smallest accepted value (numbers), as text.</summary>
    public virtual string? Minimum => null;

    /// <summary>Largest accepted value (numbers), as text.</summary>
    public virtual string? Maximum => null;

    /// <summary>Longest accepted text (strings).</summary>
    public virtual int? MaxLength => null;

    /// <summary>Why <paramref name="value"/> is not acceptable, or null.</summary>
    public abstract string? Check(string value);
}

/// <summary>A true/false setting.</summary>
public sealed class AmazonBoolSetting(string key, bool defaultValue, string description, string? changePermission = null)
    : AmazonSetting(key, description, changePermission)
{
    public bool Default { get; } = defaultValue;

    public override string Type => "bool";

    public override string DefaultText => Default ? "true" : "false";

    public override string? Check(string value) => bool.TryParse(value, out _) ? null : "must be true or false.";

    /// <summary>The stored text as a value (validated when it was stored).</summary>
    public bool Parse(string value) => bool.Parse(value);
}

/// <summary>A whole-number setting with a range.</summary>
public sealed class AmazonIntSetting(string key, int defaultValue, int minimum, int maximum, string description, string? changePermission = null)
    : AmazonSetting(key, description, changePermission)
{
    public int Default { get; } = defaultValue;

    public int Min { get; } = minimum;

    public int Max { get; } = maximum;

    public override string Type => "int";

    public override string DefaultText => Default.ToString(CultureInfo.InvariantCulture);

    public override string? Minimum => Min.ToString(CultureInfo.InvariantCulture);

    public override string? Maximum => Max.ToString(CultureInfo.InvariantCulture);

    public override string? Check(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= Min && n <= Max
            ? null
            : $"must be a whole number from {Min} to {Max}.";

    public int Parse(string value) => int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
}

/// <summary>A decimal setting with a range (amounts: invariant culture, e.g. <c>0.05</c>).</summary>
public sealed class AmazonDecimalSetting(string key, decimal defaultValue, decimal minimum, decimal maximum, string description, string? changePermission = null)
    : AmazonSetting(key, description, changePermission)
{
    public decimal Default { get; } = defaultValue;

    public decimal Min { get; } = minimum;

    public decimal Max { get; } = maximum;

    public override string Type => "decimal";

    public override string DefaultText => Default.ToString(CultureInfo.InvariantCulture);

    public override string? Minimum => Min.ToString(CultureInfo.InvariantCulture);

    public override string? Maximum => Max.ToString(CultureInfo.InvariantCulture);

    public override string? Check(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n >= Min && n <= Max
            ? null
            : $"must be a number from {Minimum} to {Maximum} (invariant culture, e.g. 0.05).";

    public decimal Parse(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);
}

/// <summary>A text setting of bounded length.</summary>
public sealed class AmazonTextSetting(string key, string defaultValue, int maxLength, string description, string? changePermission = null, bool optional = false)
    : AmazonSetting(key, description, changePermission)
{
    public string Default { get; } = defaultValue;

    public override string Type => "string";

    public override string DefaultText => Default;

    public override int? MaxLength => maxLength;

    /// <summary>Whether it may be empty (nothing set).</summary>
    public bool Optional { get; } = optional;

    public override string? Check(string value) =>
        Optional && value.Length == 0 ? null
        : string.IsNullOrWhiteSpace(value) || value.Length > maxLength ? $"must be text of {(Optional ? 0 : 1)} to {maxLength} characters." : null;

    public string Parse(string value) => value;
}
