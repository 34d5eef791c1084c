using System.Globalization;

namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>A signed MWS request as the sandbox received it.</summary>
public sealed class SandboxRequest(IReadOnlyDictionary<string, string> parameters, string sellerId, string action, DateTimeOffset now, string? body)
{
    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;
    public string SellerId { get; } = sellerId;
    public string Action { get; } = action;
    public DateTimeOffset Now { get; } = now;
    public string? Body { get; } = body;

    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    public string Required(string name) => Get(name) is { Length: > 0 } value ? value : throw SandboxMwsError.InvalidParameter($"{name} is required.");

    /// <summary>Values of a list parameter such as <c>MarketplaceId.Id.1</c>, <c>MarketplaceId.Id.2</c>.</summary>
    public List<string> List(string prefix) => Parameters
        .Where(p => p.Key.StartsWith(prefix + ".", StringComparison.Ordinal) && int.TryParse(p.Key[(prefix.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        .OrderBy(p => int.Parse(p.Key[(prefix.Length + 1)..], CultureInfo.InvariantCulture))
        .Select(p => p.Value).ToList();

    public DateTimeOffset? Date(string name)
    {
        var value = Get(name);
        if (value is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw SandboxMwsError.InvalidParameter($"{name} '{value}' is not an ISO 8601 date.");
    }

    public int Int(string name, int min, int max, int fallback)
    {
        var value = Get(name);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw SandboxMwsError.InvalidParameter($"{name} must be a whole number from {min} to {max}.");
    }
}
