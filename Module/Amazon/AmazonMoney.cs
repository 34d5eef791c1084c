namespace ErpAmazonModule.Amazon;

/// <summary>An amount of money in a currency, as Amazon states it (never a floating-point number).</summary>
public readonly record struct AmazonMoney(decimal Amount, string CurrencyCode);
