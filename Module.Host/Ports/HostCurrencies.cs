namespace ErpAmazonModule.Host.Ports;

/// <summary>Rounding per currency (ISO 4217 minor units).</summary>
public static class HostCurrencies
{
    private static readonly HashSet<string> NoDecimals = new(StringComparer.Ordinal) { "JPY", "KRW", "CLP", "VND", "ISK", "UGX", "XAF", "XOF" };
    private static readonly HashSet<string> ThreeDecimals = new(StringComparer.Ordinal) { "BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD" };

    /// <summary>Minor units of the currency.</summary>
    public static int Decimals(string currencyCode) =>
        NoDecimals.Contains(currencyCode) ? 0 : ThreeDecimals.Contains(currencyCode) ? 3 : 2;

    /// <summary>Rounds half away from zero to the currency's minor unit.</summary>
    public static decimal Round(decimal amount, string currencyCode) =>
        Math.Round(amount, Decimals(currencyCode), MidpointRounding.AwayFromZero);
}
