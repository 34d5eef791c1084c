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

    // Amounts are strings in Amazon's models ("12.34"); anything else is unreadable, never guessed.
    /// <summary>An Orders v0 amount (<c>CurrencyCode</c>, <c>Amount</c>), or null when absent.</summary>
    public static AmazonMoney? Money(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var money) && money.ValueKind == JsonValueKind.Object
            ? MoneyOf(money, name, "CurrencyCode", "Amount")
            : null;

    /// <summary>An amount as the newer models write it (<c>currencyCode</c>, <c>amount</c>), or null when absent; <paramref name="label"/> names it in errors.</summary>
    public static AmazonMoney? CamelMoney(JsonElement element, string name, string? label = null) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var money) && money.ValueKind == JsonValueKind.Object
            ? MoneyOf(money, label ?? name, "currencyCode", "amount")
            : null;

    private static AmazonMoney MoneyOf(JsonElement money, string name, string currencyName, string amountName)
    {
        var currency = Text(money, currencyName) ?? throw new AmazonFormatException($"{name} has no {currencyName}.");
        var amount = Text(money, amountName);
        return decimal.TryParse(amount, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? new AmazonMoney(value, currency)
            : throw new AmazonFormatException($"{name}/{amountName} '{amount}' is not an amount.");
    }

    /// <summary>The elements of an array property; none when it is absent.</summary>
    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    /// <summary>An object property, or an undefined element when it is absent (every reader then answers null).</summary>
    public static JsonElement Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;
}
