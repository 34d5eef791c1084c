using System.Globalization;

namespace ErpAmazonModule.Host.Ports;

/// <summary>
/// The reference host's keys are integers; the contract's ids are opaque strings. An id the host never issued (not a
/// number) is simply unknown.
/// </summary>
public static class HostIds
{
    public static string Of(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static string? Of(int? id) => id is { } value ? Of(value) : null;

    /// <summary>The integer key of <paramref name="id"/>, or null when it is not one of the host's.</summary>
    public static int? Parse(string? id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    /// <summary>The integer key of an id the module must have received from this host.</summary>
    public static int Require(string id) =>
        Parse(id) ?? throw new ArgumentException($"'{id}' is not an id of this ERP.", nameof(id));
}
