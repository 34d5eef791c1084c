using System.Globalization;
using System.Xml.Linq;

namespace ErpAmazonModule.Amazon.Mws;

/// <summary>
/// Reads MWS XML by local names, so it works whatever namespace a section or version uses; strict on
/// required elements (the error names the path), tolerant of missing optional ones.
/// </summary>
public static class AmazonMwsXml
{
    /// <summary>The first child with this local name, or null.</summary>
    public static XElement? Child(this XElement element, string name)
    {
        ArgumentNullException.ThrowIfNull(element);
        return element.Elements().FirstOrDefault(e => e.Name.LocalName == name);
    }

    /// <summary>Every child with this local name.</summary>
    public static IEnumerable<XElement> Children(this XElement element, string name)
    {
        ArgumentNullException.ThrowIfNull(element);
        return element.Elements().Where(e => e.Name.LocalName == name);
    }

    /// <summary>The child, or an error naming <c>Parent/Child</c>.</summary>
    public static XElement Required(this XElement element, string name) =>
        element.Child(name) ?? throw new AmazonFormatException($"Amazon's answer has no {element.Name.LocalName}/{name} element.");

    /// <summary>Text of an optional child (null when absent or empty).</summary>
    public static string? Text(this XElement element, string name) => element.Child(name)?.Value is { Length: > 0 } value ? value : null;

    /// <summary>Text of a required child.</summary>
    public static string RequiredText(this XElement element, string name) =>
        element.Text(name) ?? throw new AmazonFormatException($"Amazon's answer has no value for {element.Name.LocalName}/{name}.");

    /// <summary>An ISO 8601 date as UTC; an unreadable one is an error naming it.</summary>
    public static DateTimeOffset? Date(this XElement element, string name)
    {
        var text = element.Text(name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw new AmazonFormatException($"{element.Name.LocalName}/{name} '{text}' is not a date.");
    }

    /// <summary>A whole number; an unreadable one is an error naming it.</summary>
    public static int? Int(this XElement element, string name)
    {
        var text = element.Text(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new AmazonFormatException($"{element.Name.LocalName}/{name} '{text}' is not a whole number.");
    }

    /// <summary><c>true</c>/<c>false</c> (Amazon also writes <c>Yes</c>/<c>No</c> in places).</summary>
    public static bool? Bool(this XElement element, string name) => element.Text(name)?.ToUpperInvariant() switch
    {
        null => null,
        "TRUE" or "YES" => true,
        "FALSE" or "NO" => false,
        var other => throw new AmazonFormatException($"{element.Name.LocalName}/{name} '{other}' is not a boolean."),
    };

    /// <summary>Money: <c>CurrencyCode</c> with <c>Amount</c> (Orders) or <c>CurrencyAmount</c> (Finances), as a decimal.</summary>
    public static AmazonMoney? Money(this XElement element, string name)
    {
        var money = element.Child(name);
        if (money is null)
        {
            return null;
        }

        var currency = money.RequiredText("CurrencyCode");
        var text = money.Text("Amount") ?? money.Text("CurrencyAmount")
            ?? throw new AmazonFormatException($"{element.Name.LocalName}/{name} has no Amount.");
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? new AmazonMoney(amount, currency)
            : throw new AmazonFormatException($"{element.Name.LocalName}/{name}/Amount '{text}' is not an amount.");
    }
}
