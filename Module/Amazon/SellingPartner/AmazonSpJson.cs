using System.Globalization;
using System.Text.Json;

namespace ErpAmazonModule.Amazon.SellingPartner;

/// <summary>Reading the Selling Partner API's JSON: a missing or mistyped field is null or an <see cref="AmazonFormatException"/>, never a guess.</summary>
internal static class AmazonSpJson
{
    public static JsonElement Required(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new AmazonFormatException($"Amazon's answer has no {name}.");

    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    public static DateTimeOffset? Date(JsonElement element, string name) =>
        Text(element, name) is { } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
                ? date
                : throw new AmazonFormatException($"{name} '{text}' is not an ISO 8601 date.")
            : null;

    // Amounts are strings in Amazon's model ("12.34"); anything else is unreadable, never guessed.
    public static AmazonMoney? Money(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var money) || money.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var currency = Text(money, "CurrencyCode") ?? throw new AmazonFormatException($"{name} has no CurrencyCode.");
        var amount = Text(money, "Amount");
        return decimal.TryParse(amount, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? new AmazonMoney(value, currency)
            : throw new AmazonFormatException($"{name}/Amount '{amount}' is not an amount.");
    }
}
