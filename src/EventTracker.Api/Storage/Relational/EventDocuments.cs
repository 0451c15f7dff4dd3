using System.Data;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using EventTracker.Api.Common;
using EventTracker.Api.History;
using EventTracker.Api.Observability;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Every live event's answer to GET, kept as the JSON the API sends (table <c>event_documents</c>), so that a page
/// of events costs its ids and one indexed read, not seven reads, their records and a serialisation. A unit of work
/// stores, with its commit, the document of each event it wrote (its revision's snapshot, the same bytes). A name it
/// changed (an organization's, an actor's, a source's or a related event's title) made triggers forget the documents
/// of every event that shows it, in the same transaction, so a committed document is never older than the data it
/// shows; rendering those again (100 000 events for a busy state) is left to <see cref="EventDocumentFiller"/> after
/// the commit (<see cref="Refills"/>). An event without a document is rendered from its tables when read.
/// </summary>
/// <param name="dialect">How the provider passes id lists.</param>
/// <param name="reader">Renders events from their tables.</param>
/// <param name="jsonRows">The row source of a JSON array parameter <c>@Rows</c>, as a table <c>r</c> with a column <c>value</c>.</param>
/// <param name="json">The API's JSON options: a document is byte for byte what the API would write.</param>
/// <param name="documentBytes">The stored document <c>d.document</c> as its UTF-8 bytes (the page writes bytes, not text).</param>
/// <param name="metrics">Counts the documents rendered from tables (<c>eventtracker.documents.rendered</c>).</param>
public sealed class EventDocuments(
    IRelationalDialect dialect, EventReader reader, string jsonRows, JsonSerializerOptions json, string documentBytes, EventTrackerMetrics metrics)
{
    private const int RowsPerStatement = 500;

    private readonly string _readSql = $"""
        SELECT e.id, {documentBytes}
        FROM events e
        LEFT JOIN event_documents d ON d.event_id = e.id
        WHERE e.id {dialect.IdsIn} AND e.deleted_at IS NULL
        """;

    // Rows in id order, here and in the filler, so that two statements writing the same documents lock them in
    // one order and never wait on each other in a circle (PostgreSQL).
    private readonly string _storeSql = Store(jsonRows, "DO UPDATE SET document = excluded.document");

    // Only where none is stored yet: a document a write stored meanwhile is newer than the one rendered here.
    private readonly string _fillSql = Store(jsonRows, "DO NOTHING");

    private readonly string _forgottenSql = $"""
        SELECT e.id FROM events e
        WHERE e.deleted_at IS NULL AND e.id IN ({ShowingChangedRecords(dialect)})
          AND NOT EXISTS (SELECT 1 FROM event_documents d WHERE d.event_id = e.id)
        ORDER BY e.id
        """;

    // Tested per written event, not by listing every event that shows a changed name.
    private readonly string _writtenShowingSql = $"""
        SELECT e.id FROM events e
        WHERE e.id {In(dialect, "Written")} AND e.deleted_at IS NULL
          AND (EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id
                       AND (p.organization_id {In(dialect, "UpdatedOrganizations")} OR p.actor_id {In(dialect, "UpdatedActors")}))
               OR EXISTS (SELECT 1 FROM event_citations c WHERE c.event_id = e.id
                          AND (c.source_id {In(dialect, "UpdatedSources")} OR c.speaker_actor_id {In(dialect, "UpdatedActors")}))
               OR EXISTS (SELECT 1 FROM event_relations t WHERE t.event_id = e.id AND t.target_event_id {In(dialect, "UpdatedEvents")}))
        ORDER BY e.id
        """;

    private readonly string _stillMissingSql = $"""
        SELECT e.id FROM events e
        WHERE e.id {dialect.IdsIn} AND e.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM event_documents d WHERE d.event_id = e.id)
        ORDER BY e.id
        """;

    private readonly string _holdDataVersionSql = $"SELECT 1 FROM data_version v {dialect.LockForShare("v")}";

    private readonly string _readOneSql = $"""
        SELECT e.version, {documentBytes}
        FROM events e
        LEFT JOIN event_documents d ON d.event_id = e.id
        WHERE e.id = @Id AND e.deleted_at IS NULL
        """;

    private const string MissingSql = """
        SELECT e.id FROM events e
        WHERE e.deleted_at IS NULL AND e.id > @After
          AND NOT EXISTS (SELECT 1 FROM event_documents d WHERE d.event_id = e.id)
        ORDER BY e.id
        LIMIT @Limit
        """;

    // SQLite wants a WHERE in an INSERT ... SELECT that has an ON CONFLICT clause (its parser could take the clause for a join's).
    private static string Store(string jsonRows, string onConflict) => $"""
        INSERT INTO event_documents (event_id, document)
        SELECT CAST(r.value ->> 0 AS bigint), r.value ->> 1 FROM {jsonRows}
        WHERE true
        ORDER BY 1
        ON CONFLICT (event_id) {onConflict}
        """;

    /// <summary>
    /// The events (as <c>p.event_id</c>, <c>c.event_id</c>, <c>t.event_id</c>) whose answer to GET shows a record an update
    /// changed: <c>@UpdatedOrganizations</c>, <c>@UpdatedActors</c>, <c>@UpdatedSources</c>, <c>@UpdatedEvents</c>.
    /// </summary>
    public static string ShowingChangedRecords(IRelationalDialect dialect) => $"""
        SELECT p.event_id FROM event_participants p
        WHERE p.organization_id {In(dialect, "UpdatedOrganizations")} OR p.actor_id {In(dialect, "UpdatedActors")}
        UNION
        SELECT c.event_id FROM event_citations c
        WHERE c.source_id {In(dialect, "UpdatedSources")} OR c.speaker_actor_id {In(dialect, "UpdatedActors")}
        UNION
        SELECT t.event_id FROM event_relations t WHERE t.target_event_id {In(dialect, "UpdatedEvents")}
        """;

    internal static string In(IRelationalDialect dialect, string parameter) => dialect.IdsIn.Replace("@Ids", "@" + parameter, StringComparison.Ordinal);

    /// <summary>The parameters of <see cref="ShowingChangedRecords"/> for what <paramref name="log"/> updated, or null when it updated none.</summary>
    private static DynamicParameters? ChangedRecords(IRelationalDialect dialect, ChangeLog log)
    {
        const RevisionAction updated = RevisionAction.Updated;
        var lists = new (string Name, IReadOnlyList<long> Ids)[]
        {
            ("UpdatedOrganizations", log.IdsOf(RecordKind.Organization, updated)),
            ("UpdatedActors", log.IdsOf(RecordKind.Actor, updated)),
            ("UpdatedSources", log.IdsOf(RecordKind.Source, updated)),
            ("UpdatedEvents", log.IdsOf(RecordKind.Event, updated)),
        };
        if (lists.All(list => list.Ids.Count == 0))
        {
            return null;
        }

        var parameters = new DynamicParameters();
        foreach (var (name, ids) in lists)
        {
            parameters.Add(name, dialect.IdsParameter(ids));
        }

        return parameters;
    }

    /// <summary>The events whose documents a write with these changed names forgot, to render again after it.</summary>
    public DocumentRefills Refills { get; } = new();

    /// <summary>
    /// Stores the documents of the events <paramref name="log"/> wrote; those among them that show a name it changed are
    /// rendered again first (their snapshot may predate the change). The other events that show a changed name lost their
    /// documents to the triggers; they are asked of <see cref="Refills"/>.
    /// </summary>
    public async Task WriteAsync(IDbConnection connection, IDbTransaction transaction, ChangeLog log)
    {
        var documents = new SortedDictionary<long, string>(log.EventDocuments);
        if (ChangedRecords(dialect, log) is { } changed)
        {
            if (documents.Count > 0)
            {
                changed.Add("Written", dialect.IdsParameter(documents.Keys.ToList()));
                var showing = (await connection.QueryAsync<long>(new CommandDefinition(_writtenShowingSql, changed, transaction))).ToList();
                foreach (var ids in showing.Chunk(RowsPerStatement))
                {
                    foreach (var item in await reader.LoadAsync(connection, ids, transaction))
                    {
                        documents[item.Id] = JsonSerializer.Serialize(item, json);
                    }
                }

                metrics.DocumentsRenderedForChangedNames(showing.Count);
            }

            Refills.Request(ChangedNamesOf(log));
        }

        await StoreAsync(connection, transaction, _storeSql, documents.ToList());
    }

    /// <summary>The live events that show one of <paramref name="names"/> and have no document, in id order (read outside any write).</summary>
    public async Task<IReadOnlyList<long>> ForgottenAsync(DbConnection connection, DocumentRefills.ChangedNames names, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        parameters.Add("UpdatedOrganizations", dialect.IdsParameter(names.Organizations));
        parameters.Add("UpdatedActors", dialect.IdsParameter(names.Actors));
        parameters.Add("UpdatedSources", dialect.IdsParameter(names.Sources));
        parameters.Add("UpdatedEvents", dialect.IdsParameter(names.Events));
        return (await connection.QueryAsync<long>(new CommandDefinition(_forgottenSql, parameters, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>
    /// Renders and stores the documents of those of <paramref name="ids"/> that are live and still have none. On a store whose
    /// writers run side by side, the data version's rows are held first: a write that changed a name and has not committed
    /// holds its row, so this waits for it and renders its names; one that starts later waits for this and forgets anew.
    /// </summary>
    public async Task<int> RefillAsync(IDbConnection connection, IDbTransaction transaction, IReadOnlyList<long> ids)
    {
        await WaitForWritersAsync(connection, transaction);
        var missing = (await connection.QueryAsync<long>(new CommandDefinition(_stillMissingSql, new { Ids = dialect.IdsParameter(ids) }, transaction))).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        var rendered = await reader.LoadAsync(connection, missing, transaction);
        await StoreAsync(connection, transaction, _fillSql, rendered.Select(item => KeyValuePair.Create(item.Id, JsonSerializer.Serialize(item, json))).ToList());
        metrics.DocumentsFilled(rendered.Count);
        return rendered.Count;
    }

    /// <summary>Where writers run side by side, holds the data version's rows: waits for every write that changed a record and has not committed.</summary>
    public Task WaitForWritersAsync(IDbConnection connection, IDbTransaction transaction) =>
        connection.QueryAsync<int>(new CommandDefinition(_holdDataVersionSql, transaction: transaction));

    private static DocumentRefills.ChangedNames ChangedNamesOf(ChangeLog log)
    {
        const RevisionAction updated = RevisionAction.Updated;
        return new DocumentRefills.ChangedNames(
            log.IdsOf(RecordKind.Organization, updated), log.IdsOf(RecordKind.Actor, updated),
            log.IdsOf(RecordKind.Source, updated), log.IdsOf(RecordKind.Event, updated));
    }

    /// <summary>
    /// The documents of the live events among <paramref name="ids"/>, in the order of <paramref name="ids"/>; an event
    /// without one is rendered from its tables.
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> ReadAsync(
        DbConnection connection, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var stored = new Dictionary<long, byte[]?>(ids.Count);
        await using (var rows = await connection.ExecuteReaderAsync(
                         new CommandDefinition(_readSql, new { Ids = dialect.IdsParameter([.. ids]) }, cancellationToken: cancellationToken)))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                stored[rows.GetInt64(0)] = rows.IsDBNull(1) ? null : rows.GetFieldValue<byte[]>(1);
            }
        }

        var missing = stored.Where(row => row.Value is null).Select(row => row.Key).ToList();
        if (missing.Count > 0)
        {
            foreach (var item in await reader.LoadAsync(connection, missing, cancellationToken: cancellationToken))
            {
                stored[item.Id] = JsonSerializer.SerializeToUtf8Bytes(item, json);
            }

            metrics.DocumentsRenderedOnRead(missing.Count);
        }

        return ids.Select(id => stored.GetValueOrDefault(id)).OfType<byte[]>().ToList();
    }

    /// <summary>The version and document of live event <paramref name="id"/>, or null; without a stored document it is rendered from its tables.</summary>
    public async Task<(long Version, byte[] Json)?> ReadOneAsync(DbConnection connection, long id, CancellationToken cancellationToken)
    {
        await using (var rows = await connection.ExecuteReaderAsync(new CommandDefinition(_readOneSql, new { Id = id }, cancellationToken: cancellationToken)))
        {
            if (!await rows.ReadAsync(cancellationToken))
            {
                return null;
            }

            if (!rows.IsDBNull(1))
            {
                return (rows.GetInt64(0), rows.GetFieldValue<byte[]>(1));
            }
        }

        metrics.DocumentsRenderedOnRead(1);
        return await reader.GetAsync(connection, id) is { } item ? (item.Version, JsonSerializer.SerializeToUtf8Bytes(item, json)) : null;
    }

    /// <summary>Renders and stores the documents of up to <paramref name="limit"/> live events after <paramref name="after"/> that have none; returns their ids.</summary>
    public async Task<IReadOnlyList<long>> FillMissingAsync(IDbConnection connection, IDbTransaction transaction, long after, int limit)
    {
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(MissingSql, new { After = after, Limit = limit }, transaction))).ToList();
        if (ids.Count > 0)
        {
            var rendered = await reader.LoadAsync(connection, ids, transaction);
            await StoreAsync(connection, transaction, _fillSql, rendered.Select(item => KeyValuePair.Create(item.Id, JsonSerializer.Serialize(item, json))).ToList());
            metrics.DocumentsFilled(rendered.Count);
        }

        return ids;
    }

    private static async Task StoreAsync(IDbConnection connection, IDbTransaction transaction, string sql, IReadOnlyList<KeyValuePair<long, string>> documents)
    {
        foreach (var rows in documents.Chunk(RowsPerStatement))
        {
            var array = JsonSerializer.Serialize(rows.Select(row => new object[] { row.Key, row.Value }));
            await connection.ExecuteAsync(new CommandDefinition(sql, new { Rows = array }, transaction));
        }
    }
}
