using System.Globalization;
using System.Xml.Linq;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>The sandbox's own XML writing, in Amazon's element names and order.</summary>
public static class SandboxXml
{
    public static string Date(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An element, or nothing when the value is null.</summary>
    public static XElement? Opt(XNamespace ns, string name, object? value) => value switch
    {
        null => null,
        bool b => new XElement(ns + name, b ? "true" : "false"),
        DateTimeOffset d => new XElement(ns + name, Date(d)),
        _ => new XElement(ns + name, Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>Money as the Orders API writes it: <c>CurrencyCode</c> and <c>Amount</c>.</summary>
    public static XElement? Money(XNamespace ns, string name, SandboxMoney? money, string? rawAmount = null) => money is not { } m
        ? null
        : new XElement(ns + name, new XElement(ns + "CurrencyCode", m.CurrencyCode), new XElement(ns + "Amount", rawAmount ?? OrderGenerator.Format(m.Amount, m.CurrencyCode)));

    /// <summary>Money as the Finances API writes it: <c>CurrencyCode</c> and <c>CurrencyAmount</c>.</summary>
    public static XElement FinanceMoney(XNamespace ns, string name, string currency, decimal amount) =>
        new(ns + name, new XElement(ns + "CurrencyCode", currency), new XElement(ns + "CurrencyAmount", OrderGenerator.Format(amount, currency)));

    public static XDocument Response(XNamespace ns, string action, XElement result, string requestId) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(ns + (action + "Response"), result, new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", requestId))));

    public static XDocument Error(XNamespace ns, SandboxMwsError error, string requestId) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(ns + "ErrorResponse",
                new XElement(ns + "Error", new XElement(ns + "Type", error.Type), new XElement(ns + "Code", error.Code), new XElement(ns + "Message", error.Message)),
                new XElement(ns + "RequestID", requestId)));
}
