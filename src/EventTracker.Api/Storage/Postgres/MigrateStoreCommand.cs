using System.Data.Common;
using Dapper;
using EventTracker.Api.Storage.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace EventTracker.Api.Storage.Postgres;

/// <summary>
/// <c>dotnet run --project src/EventTracker.Api -- migrate-store --to "NPGSQL CONNECTION STRING"</c>: copies the
/// configured SQLite database — every record, part and revision, deleted ones included, ids and versions
/// kept — into an empty PostgreSQL database (migrated first), with binary COPY, then checks that every
/// table holds as many rows on both sides. Exit 0 when done, 1 when refused or unequal, 2 on a usage error.
/// </summary>
public static class MigrateStoreCommand
{
    private enum Kind
    {
        Integer,
        Real,
        Text,
    }

    private sealed record Table(string Name, (string Column, Kind Kind)[] Columns, bool HasIdentity = true);

    private static readonly (string, Kind) Id = ("id", Kind.Integer);

    // In the order their references need; organizations' parents are set once all organizations are in.
    private static readonly Table[] Tables =
    [
        new("organizations", [Id, ("name", Kind.Text), ("kind", Kind.Text), ("country_code", Kind.Text), ("aliases", Kind.Text),
            ("wikidata_id", Kind.Text), ("cameo_code", Kind.Text), ("external_id", Kind.Text), ("version", Kind.Integer),
            ("created_at", Kind.Text), ("updated_at", Kind.Text), ("deleted_at", Kind.Text)]),
        new("actors", [Id, ("name", Kind.Text), ("aliases", Kind.Text), ("wikidata_id", Kind.Text), ("external_id", Kind.Text),
            ("version", Kind.Integer), ("created_at", Kind.Text), ("updated_at", Kind.Text), ("deleted_at", Kind.Text)]),
        new("affiliations", [Id, ("actor_id", Kind.Integer), ("position", Kind.Integer), ("organization_id", Kind.Integer),
            ("title", Kind.Text), ("from_date", Kind.Text), ("to_date", Kind.Text)]),
        new("sources", [Id, ("url", Kind.Text), ("normalized_url", Kind.Text), ("title", Kind.Text), ("publisher", Kind.Text),
            ("published_at", Kind.Text), ("language", Kind.Text), ("excerpt", Kind.Text), ("external_id", Kind.Text),
            ("version", Kind.Integer), ("created_at", Kind.Text), ("updated_at", Kind.Text), ("deleted_at", Kind.Text)]),
        new("events", [Id, ("type", Kind.Text), ("title", Kind.Text), ("summary", Kind.Text), ("date", Kind.Text),
            ("date_precision", Kind.Text), ("span_start", Kind.Text), ("span_end", Kind.Text), ("end_date", Kind.Text),
            ("end_date_precision", Kind.Text), ("status", Kind.Text), ("location_name", Kind.Text), ("location_country_code", Kind.Text),
            ("location_latitude", Kind.Real), ("location_longitude", Kind.Real), ("external_id", Kind.Text), ("version", Kind.Integer),
            ("created_at", Kind.Text), ("updated_at", Kind.Text), ("deleted_at", Kind.Text)]),
        new("event_participants", [Id, ("event_id", Kind.Integer), ("position", Kind.Integer), ("organization_id", Kind.Integer),
            ("actor_id", Kind.Integer), ("role", Kind.Text), ("event_span_start", Kind.Text), ("event_type", Kind.Text),
            ("event_deleted", Kind.Integer), ("event_span_end", Kind.Text)]),
        new("event_quantities", [Id, ("event_id", Kind.Integer), ("position", Kind.Integer), ("kind", Kind.Text),
            ("value", Kind.Integer), ("unit", Kind.Text), ("note", Kind.Text)]),
        new("event_citations", [Id, ("event_id", Kind.Integer), ("position", Kind.Integer), ("source_id", Kind.Integer),
            ("quote", Kind.Text), ("speaker_actor_id", Kind.Integer), ("claim", Kind.Text)]),
        new("event_relations", [Id, ("event_id", Kind.Integer), ("position", Kind.Integer), ("type", Kind.Text),
            ("target_event_id", Kind.Integer)]),
        new("event_tags", [("event_id", Kind.Integer), ("tag", Kind.Text)], HasIdentity: false),
        new("event_external_ids", [("event_id", Kind.Integer), ("system", Kind.Text), ("value", Kind.Text)], HasIdentity: false),
        new("revisions", [Id, ("entity_type", Kind.Text), ("entity_id", Kind.Integer), ("version", Kind.Integer),
            ("action", Kind.Text), ("snapshot", Kind.Text), ("changed_by", Kind.Text), ("changed_at", Kind.Text)]),
        new("changes", [("position", Kind.Integer), ("kind", Kind.Text), ("record_id", Kind.Integer), ("action", Kind.Text),
            ("version", Kind.Integer), ("at", Kind.Text)], HasIdentity: false),
    ];

    // The events' search vectors, from the same texts the store writes them from (the other tables' are generated).
    private const string SearchSql = """
        UPDATE events e SET search = to_tsvector('simple', e.title || ' ' || coalesce(e.summary, '') || ' ' ||
            coalesce((SELECT string_agg(c.quote, ' ' ORDER BY c.position) FROM event_citations c WHERE c.event_id = e.id), ''))
        """;

    public static async Task<int> RunAsync(WebApplication app)
    {
        if (app.Configuration["to"] is not { Length: > 0 } target)
        {
            await Console.Error.WriteLineAsync("usage: EventTracker.Api migrate-store --to \"Host=...;Database=...;Username=...\" [--ConnectionStrings:EventTracker=<SQLite>]");
            return 2;
        }

        if (app.Services.GetService<SqliteConnectionFactory>() is not { } sqlite)
        {
            await Console.Error.WriteLineAsync("migrate-store copies from SQLite: run it with Storage:Provider=sqlite (the default).");
            return 2;
        }

        app.Services.GetRequiredService<IStoreSchema>().Migrate();
        MigrateTarget(target);
        await using var source = await sqlite.OpenAsync();
        await using var destination = new NpgsqlConnection(target);
        await destination.OpenAsync();
        if (await destination.ExecuteScalarAsync<long>("SELECT (SELECT count(*) FROM organizations) + (SELECT count(*) FROM actors) + " +
                                                      "(SELECT count(*) FROM sources) + (SELECT count(*) FROM events) + (SELECT count(*) FROM revisions)") > 0)
        {
            await Console.Error.WriteLineAsync("The PostgreSQL database already holds data; migrate-store copies only into an empty one.");
            return 1;
        }

        await using (var transaction = await destination.BeginTransactionAsync())
        {
            foreach (var table in Tables)
            {
                await CopyAsync(source, destination, table);
            }

            await destination.ExecuteAsync("UPDATE organizations o SET parent_id = p.parent_id FROM _parents p WHERE o.id = p.id", transaction: transaction);
            await destination.ExecuteAsync(SearchSql, transaction: transaction);
            foreach (var table in Tables.Where(table => table.HasIdentity))
            {
                await destination.ExecuteAsync(
                    $"SELECT setval(pg_get_serial_sequence('{table.Name}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM {table.Name}), false)",
                    transaction: transaction);
            }

            // Cursors issued by the SQLite service (change-feed positions kept by followers) stay valid: same secret.
            var cursorKey = await source.ExecuteScalarAsync<byte[]>("SELECT key FROM cursor_key WHERE id = 1");
            await destination.ExecuteAsync("UPDATE cursor_key SET key = @Key WHERE id = 1", new { Key = cursorKey }, transaction);

            // The change feed carries on after the copied positions, so followers' cursors stay valid.
            await destination.ExecuteAsync(
                "SELECT setval(pg_get_serial_sequence('changes', 'position'), (SELECT coalesce(max(position), 0) + 1 FROM changes), false)",
                transaction: transaction);
            await transaction.CommitAsync();
        }

        var unequal = 0;
        foreach (var table in Tables)
        {
            var (from, to) = (await source.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table.Name}"),
                await destination.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table.Name}"));
            Console.WriteLine($"{table.Name}: {from} -> {to}{(from == to ? "" : "  DIFFERENT")}");
            unequal += from == to ? 0 : 1;
        }

        return unequal == 0 ? 0 : 1;
    }

    private static void MigrateTarget(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(StorageOptions.Section + ":Provider", StorageOptions.Postgres), new("ConnectionStrings:" + StorageOptions.ConnectionStringName, connectionString)])
            .Build();
        using var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddPostgresStorage(configuration).BuildServiceProvider();
        services.GetRequiredService<IStoreSchema>().Migrate();
    }

    private static async Task CopyAsync(DbConnection source, NpgsqlConnection destination, Table table)
    {
        var columns = table.Columns.Select(column => column.Column).ToList();
        if (table.Name == "organizations")
        {
            // Parents may have higher ids than their children: they are set once every organization is in.
            await destination.ExecuteAsync("CREATE TEMP TABLE _parents (id bigint, parent_id bigint) ON COMMIT DROP");
            await using var parents = await destination.BeginBinaryImportAsync("COPY _parents (id, parent_id) FROM STDIN (FORMAT BINARY)");
            await using var parentRows = await source.ExecuteReaderAsync("SELECT id, parent_id FROM organizations");
            while (await parentRows.ReadAsync())
            {
                await parents.StartRowAsync();
                await WriteAsync(parents, parentRows, 0, Kind.Integer);
                await WriteAsync(parents, parentRows, 1, Kind.Integer);
            }

            await parents.CompleteAsync();
        }

        await using var importer = await destination.BeginBinaryImportAsync($"COPY {table.Name} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
        await using var rows = await source.ExecuteReaderAsync($"SELECT {string.Join(", ", columns)} FROM {table.Name} ORDER BY 1");
        while (await rows.ReadAsync())
        {
            await importer.StartRowAsync();
            for (var i = 0; i < table.Columns.Length; i++)
            {
                await WriteAsync(importer, rows, i, table.Columns[i].Kind);
            }
        }

        await importer.CompleteAsync();
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, DbDataReader rows, int ordinal, Kind kind)
    {
        if (rows.IsDBNull(ordinal))
        {
            return importer.WriteNullAsync();
        }

        return kind switch
        {
            Kind.Integer => importer.WriteAsync(rows.GetInt64(ordinal), NpgsqlDbType.Bigint),
            Kind.Real => importer.WriteAsync(rows.GetDouble(ordinal), NpgsqlDbType.Double),
            _ => importer.WriteAsync(rows.GetString(ordinal), NpgsqlDbType.Text),
        };
    }
}
