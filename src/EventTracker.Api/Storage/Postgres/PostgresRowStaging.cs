using System.Data;
using EventTracker.Api.Storage.Relational;
using Npgsql;
using NpgsqlTypes;

namespace EventTracker.Api.Storage.Postgres;

/// <summary>
/// Staging by binary COPY: a large batch's rows go into temporary tables (one per target table, made once per
/// connection, emptied at each commit and before each load) without JSON text to write or parse, and the shared
/// INSERT … SELECT statements move them on, one per table.
/// </summary>
public sealed partial class PostgresDialect : IRowStaging
{
    public string Staged(RowTable table, string rowsAlias) => $"pg_temp.{StagingName(table)} AS {rowsAlias}";

    public async Task StageAsync(IDbConnection connection, IDbTransaction transaction, RowTable table, IReadOnlyList<object?[]> rows)
    {
        var postgres = (Connection: (NpgsqlConnection)connection, Transaction: (NpgsqlTransaction)transaction);
        // IF NOT EXISTS each time: a rollback takes back a staging table made in the transaction it undoes.
        await using (var prepare = new NpgsqlCommand(
            $"""
            CREATE TEMPORARY TABLE IF NOT EXISTS {StagingName(table)} ({string.Join(", ", table.Columns.Select(c => c.Name + " " + SqlType(c.Type)))})
                ON COMMIT DELETE ROWS;
            TRUNCATE pg_temp.{StagingName(table)}
            """, postgres.Connection, postgres.Transaction))
        {
            await prepare.ExecuteNonQueryAsync();
        }

        await using var importer = await postgres.Connection.BeginBinaryImportAsync(
            $"COPY pg_temp.{StagingName(table)} ({table.ColumnList()}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            foreach (var value in row)
            {
                switch (value)
                {
                    case null:
                        await importer.WriteNullAsync();
                        break;
                    case long whole:
                        await importer.WriteAsync(whole, NpgsqlDbType.Bigint);
                        break;
                    case double real:
                        await importer.WriteAsync(real, NpgsqlDbType.Double);
                        break;
                    case string text:
                        await importer.WriteAsync(text, NpgsqlDbType.Text);
                        break;
                    default:
                        throw new ArgumentException($"A staged column cannot hold a {value.GetType().Name}.", nameof(rows));
                }
            }
        }

        await importer.CompleteAsync();
    }

    // Table names come from the shared RowTables, never from input.
    private static string StagingName(RowTable table) => "staged_" + table.Name;
}
