using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ErpAmazonModule.Persistence;

/// <summary>
/// Stores money on SQLite as a whole number of ten-thousandths: exact for every currency (none has more than three
/// decimals) and comparable and sortable in SQL, which SQLite cannot do with decimals stored as text.
/// </summary>
public sealed class AmazonFixedDecimalConverter() : ValueConverter<decimal, long>(
    value => (long)(value * Scale),
    stored => stored / Scale)
{
    private const decimal Scale = 10_000m;
}
