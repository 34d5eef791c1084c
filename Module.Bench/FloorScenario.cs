using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ErpAmazonModule.Bench;

/// <summary>
/// The floor: the rows the import wrote (partners, sales orders and lines, deliveries and moves, order and item links,
/// offers), written again straight into the same tables of the database as it was before the sync, with prepared
/// batched INSERTs and one transaction per page of 100 orders. Only the writing is timed.
/// </summary>
public static class FloorScenario
{
    private const int PageSize = 100;

    public static async Task<FloorResult> RunAsync(ImportScenario import)
    {
        ArgumentNullException.ThrowIfNull(import);
        var source = $"Data Source={import.Host.DatabasePath};Mode=ReadOnly";
        var partners = await ReadAsync(source, "Partners", $"\"Id\" > {import.PartnersBefore}");
        var orders = await ReadAsync(source, "SalesOrders");
        var lines = await ReadAsync(source, "SalesOrderLines");
        var deliveries = await ReadAsync(source, "Deliveries");
        var moves = await ReadAsync(source, "StockMoves");
        var links = await ReadAsync(source, "AmazonOrderLinks");
        var items = await ReadAsync(source, "AmazonOrderItemLinks");
        var offers = await ReadAsync(source, "AmazonOffers");

        // Every row goes with the first page of orders that needs it.
        var pages = links.Rows.Chunk(PageSize).Select(page => new List<(Table Table, List<object?[]> Rows)>()).ToList();
        if (pages.Count == 0)
        {
            pages.Add([]);
        }

        var orderPage = new Dictionary<long, int>();
        var partnerPage = new Dictionary<long, int>();
        for (var p = 0; p < pages.Count; p++)
        {
            foreach (var link in links.Rows.Skip(p * PageSize).Take(PageSize))
            {
                if (link[links.Column("SalesOrderId")] is long orderId)
                {
                    orderPage.TryAdd(orderId, p);
                }
            }
        }

        foreach (var order in orders.Rows)
        {
            var page = orderPage.GetValueOrDefault((long)order[orders.Column("Id")]!, pages.Count - 1);
            partnerPage.TryAdd((long)order[orders.Column("CustomerId")]!, page);
            partnerPage.TryAdd((long)order[orders.Column("DeliveryAddressId")]!, page);
        }

        var deliveryPage = deliveries.Rows.ToDictionary(d => (long)d[deliveries.Column("Id")]!, d => orderPage.GetValueOrDefault((long)d[deliveries.Column("SalesOrderId")]!, pages.Count - 1));
        var linkPage = links.Rows.Select((l, i) => (Id: (long)l[links.Column("Id")]!, Page: i / PageSize)).ToDictionary(x => x.Id, x => x.Page);
        void Assign(Table table, Func<object?[], int> page)
        {
            foreach (var group in table.Rows.GroupBy(page))
            {
                pages[group.Key].Add((table, group.ToList()));
            }
        }

        // Parents before children, within a page as in the schema.
        Assign(partners, r => Math.Min(partnerPage.GetValueOrDefault((long)r[partners.Column("Id")]!, pages.Count - 1),
            r[partners.Column("ParentId")] is long parent ? partnerPage.GetValueOrDefault(parent, pages.Count - 1) : int.MaxValue));
        Assign(orders, r => orderPage.GetValueOrDefault((long)r[orders.Column("Id")]!, pages.Count - 1));
        Assign(lines, r => orderPage.GetValueOrDefault((long)r[lines.Column("SalesOrderId")]!, pages.Count - 1));
        Assign(deliveries, r => deliveryPage[(long)r[deliveries.Column("Id")]!]);
        Assign(moves, r => deliveryPage.GetValueOrDefault((long)r[moves.Column("DeliveryId")]!, pages.Count - 1));
        Assign(offers, _ => 0);
        Assign(links, r => linkPage[(long)r[links.Column("Id")]!]);
        Assign(items, r => linkPage.GetValueOrDefault((long)r[items.Column("OrderLinkId")]!, pages.Count - 1));

        await using var target = new SqliteConnection($"Data Source={import.EmptyCopy}");
        await target.OpenAsync();
        var clock = Stopwatch.StartNew();
        foreach (var page in pages)
        {
            await using var transaction = (SqliteTransaction)await target.BeginTransactionAsync();
            foreach (var (table, rows) in page)
            {
                await using var insert = target.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
                var parameters = table.Columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
                insert.Prepare();
                foreach (var row in rows)
                {
                    for (var i = 0; i < row.Length; i++)
                    {
                        parameters[i].Value = row[i] ?? DBNull.Value;
                    }

                    await insert.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
        }

        clock.Stop();
        var rowCount = partners.Rows.Count + orders.Rows.Count + lines.Rows.Count + deliveries.Rows.Count + moves.Rows.Count + links.Rows.Count + items.Rows.Count + offers.Rows.Count;
        var seconds = clock.Elapsed.TotalSeconds;
        return new FloorResult(rowCount, seconds, links.Rows.Count / seconds, import.Result is { } result ? result.Seconds / seconds : 0);
    }

    private static async Task<Table> ReadAsync(string connectionString, string table, string where = "1 = 1")
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE {where} ORDER BY \"Id\"";
        await using var reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row.Select(v => v is DBNull ? null : v).ToArray());
        }

        return new Table(table, columns, rows);
    }

    private sealed record Table(string Name, IReadOnlyList<string> Columns, List<object?[]> Rows)
    {
        public int Column(string name) => Columns.ToList().IndexOf(name) is var i and >= 0 ? i : throw new InvalidOperationException($"{Name} has no column {name}.");
    }
}
