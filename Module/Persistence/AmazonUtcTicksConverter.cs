using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ErpAmazonModule.Persistence;

/// <summary>
/// Stores a UTC <see cref="DateTimeOffset"/> as its UTC ticks: exact to the tick, and comparable and sortable
/// in SQL on SQLite, which cannot compare the text form. Every time the module stores is UTC.
/// </summary>
public sealed class AmazonUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
