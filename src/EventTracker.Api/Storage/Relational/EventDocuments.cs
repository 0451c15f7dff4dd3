using System.Data;
using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using EventTracker.Api.Common;
using EventTracker.Api.History;
using EventTracker.Api.Observability;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Every live event's answer to GET, kept as the JSON the API sends (table <c>event_documents</c>), so that a page
/// of events costs its ids and one indexed read, not seven reads, their records and a serialisation. A unit of work
/// stores, with its commit, the document of each event it wrote (its revision's snapshot, the same bytes) and renders
/// again every event that shows a name it changed (an organization's, an actor's, a source's or a related event's
/// title), inside the same transaction: a committed document is never older than the data it shows. An event
/// without a document (written before the table existed) is rendered from its tables when read, and filled in by
/// <see cref="EventDocumentFiller"/>.
/// </summary>
/// <param name="dialect">How the provider passes id lists and rows.</param>
/// <param name="reader">Renders events from their tables.</param>
/// <param name="json">The API's JSON options: a document is byte for byte what the API would write.</param>
/// <param name="metrics">Counts the documents rendered from tables (<c>eventtracker.documents.rendered</c>).</param>
public sealed class EventDocuments(IRelationalDialect dialect, EventReader reader, JsonSerializerOptions json, EventTrackerMetrics metrics)
{
    private static readonly IReadOnlyList<RowColumn> DocumentColumns = [RowColumn.Whole("event_id"), RowColumn.Text("document")];


    private const int RowsPerStatement = 500;

    private readonly string _readSql = $"""
        SELECT e.id, {dialect.Utf8Bytes("d.document")}
        FROM events e
        LEFT JOIN event_documents d ON d.event_id = e.id
        WHERE e.id {dialect.IdsIn} AND e.deleted_at IS NULL
        """;

    // Rows in id order, here and in the filler, so that two statements writing the same documents lock them in
    // one order and never wait on each other in a circle (PostgreSQL).
    private readonly string _storeSql = Store(dialect, "DO UPDATE SET document = excluded.document");

    // Only where none is stored yet: a document a write stored meanwhile is newer than the one rendered here.
    private readonly string _fillSql = Store(dialect, "DO NOTHING");

    private readonly string _showingSql = $"""
        SELECT e.id FROM events e
        WHERE e.deleted_at IS NULL AND e.id IN ({WhatAnEventShows.ShowingUpdated(dialect)})
        ORDER BY e.id
        """;

    private readonly string _readOneSql = $"""
        SELECT e.version, {dialect.Utf8Bytes("d.document")}
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
    private static string Store(IRelationalDialect dialect, string onConflict) => $"""
        INSERT INTO event_documents (event_id, document)
        SELECT r.event_id, r.document FROM {dialect.JsonRows("@Rows", "r", DocumentColumns)}
        WHERE true
        ORDER BY 1
        ON CONFLICT (event_id) {onConflict}
        """;

    internal static string In(IRelationalDialect dialect, string parameter) => dialect.IdsIn.Replace("@Ids", "@" + parameter, StringComparison.Ordinal);

    /// <summary>The parameters of <see cref="WhatAnEventShows.ShowingUpdated"/> for what <paramref name="log"/> updated, or null when it updated none.</summary>
    private static DynamicParameters? ChangedRecords(IRelationalDialect dialect, ChangeLog log)
    {
        const RevisionAction updated = RevisionAction.Updated;
        var lists = WhatAnEventShows.Records.Select(shown => (Name: WhatAnEventShows.UpdatedParameter(shown.Kind), Ids: log.IdsOf(shown.Kind, updated))).ToList();
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

    /// <summary>
    /// Stores the documents a unit of work wrote (<paramref name="written"/>) and renders again those of the events that
    /// show a record it updated (<paramref name="log"/>).
    /// </summary>
    public async Task WriteAsync(IDbConnection connection, IDbTransaction transaction, EventDocumentWrites written, ChangeLog log)
    {
        var documents = new SortedDictionary<long, string>(written.ToStore.ToDictionary());
        if (ChangedRecords(dialect, log) is { } changed)
        {
            var showing = (await connection.QueryAsync<long>(new CommandDefinition(_showingSql, changed, transaction))).ToList();
            foreach (var ids in showing.Chunk(RowsPerStatement))
            {
                foreach (var item in await reader.LoadAsync(connection, ids, transaction))
                {
                    documents[item.Id] = JsonSerializer.Serialize(item, json);
                }
            }

            metrics.DocumentsRenderedForChangedNames(showing.Count);
        }

        await StoreAsync(connection, transaction, _storeSql, documents.ToList());
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
            var array = JsonSerializer.Serialize(rows.Select(row => new DocumentRow(row.Key, row.Value)));
            await connection.ExecuteAsync(new CommandDefinition(sql, new { Rows = array }, transaction));
        }
    }

    private sealed record DocumentRow(
        [property: JsonPropertyName("event_id")] long EventId, [property: JsonPropertyName("document")] string Document);
}
