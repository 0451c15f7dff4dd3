using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using EventTracker.Api.History;
using EventTracker.Api.Observability;
using EventTracker.Api.Paging;
using EventTracker.Api.Records;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Every live event's answer to GET, kept as the JSON the API sends (table <c>stored_documents</c>; the view <c>event_documents</c>
/// shows those that are current), so that a page
/// of events costs its ids and one indexed read, not seven reads, their records and a serialisation. A unit of work
/// stores, with its commit, the document of each event it wrote (its revision's snapshot, the same bytes). A name it
/// changed (an organization's, an actor's, a source's) wrote one forget row (<see cref="DocumentForgets"/>) that makes
/// the documents of every event showing it stale, and a related event's title made triggers delete the few documents
/// that show it, in the same transaction, so a committed document is never read older than the data it shows;
/// rendering those again (100 000 events for a busy state) is left to <see cref="ForgottenDocumentRefiller"/> after
/// the commit (<see cref="Refills"/>). An event without a document, or with a stale one, is rendered from its tables when read.
/// </summary>
/// <param name="dialect">How the provider passes id lists and rows.</param>
/// <param name="reader">Renders events from their tables.</param>
/// <param name="json">The API's JSON options: a document is byte for byte what the API would write.</param>
/// <param name="metrics">Counts the documents rendered from tables (<c>eventtracker.documents.rendered</c>).</param>
public sealed class EventDocuments(IRelationalDialect dialect, EventReader reader, JsonSerializerOptions json, EventTrackerMetrics metrics)
{
    private static readonly IReadOnlyList<RowColumn> DocumentColumns = [RowColumn.Whole("event_id"), RowColumn.Text("document")];

    private static readonly RowTable Documents = new("stored_documents", DocumentColumns);

    private const int RowsPerStatement = 500;

    // A document older than a pending forget of a record it shows reads as missing (DocumentForgets).
    private readonly string _readSql = $"""
        SELECT e.id, CASE WHEN {DocumentForgets.Stale("e.id", "d.stamp")} THEN NULL ELSE {dialect.Utf8Bytes("d.document")} END
        FROM events e
        LEFT JOIN stored_documents d ON d.id = e.id
        WHERE e.id {dialect.IdsIn} AND e.deleted_at IS NULL
        """;

    // Rows in id order, here and in the filler, so that two statements writing the same documents lock them in
    // one order and never wait on each other in a circle (PostgreSQL).
    private readonly string _storeSql = Store(dialect.JsonRows("@Rows", "r", DocumentColumns), "DO UPDATE SET document = excluded.document, stamp = excluded.stamp");

    private readonly string? _storeStagedSql = dialect is IRowStaging staging
        ? Store(staging.Staged(Documents, "r"), "DO UPDATE SET document = excluded.document, stamp = excluded.stamp")
        : null;

    // Only where none is stored yet: a document a write stored meanwhile is newer than the one rendered here.
    private readonly string _fillSql = Store(dialect.JsonRows("@Rows", "r", DocumentColumns), "DO NOTHING");

    // Every document older than the forgets being served: more than the stale ones when several are pending, never fewer.
    private readonly string _forgottenSql = $"""
        SELECT e.id FROM events e
        LEFT JOIN stored_documents d ON d.id = e.id
        WHERE e.deleted_at IS NULL AND e.id IN ({WhatAnEventShows.ShowingUpdated(dialect)})
          AND (d.id IS NULL OR d.stamp < @Through)
        ORDER BY e.id
        """;

    // Tested per written event, not by listing every event that shows a changed name.
    private readonly string _writtenShowingSql = $"""
        SELECT e.id FROM events e
        WHERE e.id {In(dialect, "Written")} AND e.deleted_at IS NULL AND ({WrittenShowingUpdated(dialect)})
        ORDER BY e.id
        """;

    private readonly string _stillMissingSql = $"""
        SELECT e.id FROM events e
        LEFT JOIN stored_documents d ON d.id = e.id
        WHERE e.id {dialect.IdsIn} AND e.deleted_at IS NULL
          AND (d.id IS NULL OR {DocumentForgets.Stale("e.id", "d.stamp")})
        ORDER BY e.id
        """;

    private readonly string _holdDataVersionSql = $"SELECT 1 FROM data_version v {dialect.LockForShare("v")}";

    /// <summary>The condition that event <c>e</c> shows a record an update changed (<see cref="WhatAnEventShows.ShowingUpdated"/>, per event).</summary>
    private static string WrittenShowingUpdated(IRelationalDialect dialect) =>
        string.Join("\n OR ", WhatAnEventShows.Records.SelectMany(record => record.ReferredBy.Select(refer => (record.Kind, refer.Table, refer.Column)))
            .GroupBy(refer => refer.Table)
            .Select(table => $"EXISTS (SELECT 1 FROM {table.Key} x WHERE x.event_id = e.id AND (" + string.Join(" OR ", table.Select(refer =>
                $"x.{refer.Column} {In(dialect, WhatAnEventShows.UpdatedParameter(refer.Kind))}")) + "))"));


    // One row for a page: how many of the ids have a current document, those documents joined by commas, and the
    // positions they were joined in (to check the order). A row per document cost five calls into the driver each.
    private readonly string _readJoinedSql = $"""
        SELECT count(x.document), {dialect.JoinedInOrder("CAST(x.position AS TEXT)", "x.position")},
               {dialect.Utf8Bytes(dialect.JoinedInOrder("x.document", "x.position"))}
        FROM (
            SELECT i.position, CASE WHEN {DocumentForgets.Stale("e.id", "d.stamp")} THEN NULL ELSE d.document END AS document
            FROM {dialect.IdsWithPosition("i")}
            JOIN events e ON e.id = i.value AND e.deleted_at IS NULL
            LEFT JOIN stored_documents d ON d.id = e.id
        ) x
        """;

    private readonly string _readOneSql = $"""
        SELECT e.version, CASE WHEN {DocumentForgets.Stale("e.id", "d.stamp")} THEN NULL ELSE {dialect.Utf8Bytes("d.document")} END
        FROM events e
        LEFT JOIN stored_documents d ON d.id = e.id
        WHERE e.id = @Id AND e.deleted_at IS NULL
        """;

    private const string MissingSql = """
        SELECT e.id FROM events e
        WHERE e.deleted_at IS NULL AND e.id > @After
          AND NOT EXISTS (SELECT 1 FROM stored_documents d WHERE d.id = e.id)
        ORDER BY e.id
        LIMIT @Limit
        """;

    // SQLite wants a WHERE in an INSERT ... SELECT that has an ON CONFLICT clause (its parser could take the clause for a join's).
    private static string Store(string rows, string onConflict) => $"""
        INSERT INTO stored_documents (id, document, stamp)
        SELECT r.event_id, r.document, {DocumentForgets.CurrentStamp} FROM {rows}
        WHERE true
        ORDER BY 1
        ON CONFLICT (id) {onConflict}
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

    /// <summary>The events whose documents a write with these changed names forgot, to render again after it.</summary>
    public DocumentRefills Refills { get; } = new();

    /// <summary>
    /// Stores the documents a unit of work wrote (<paramref name="written"/>); those among them that show a record it
    /// updated (<paramref name="log"/>) are rendered again first (their snapshot may predate the change). The other events
    /// that show an updated record lost their documents to the triggers; they are asked of <see cref="Refills"/>.
    /// </summary>
    public async Task WriteAsync(IDbConnection connection, IDbTransaction transaction, EventDocumentWrites written, ChangeLog log)
    {
        var documents = new SortedDictionary<long, string>(written.ToStore.ToDictionary());
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

        if (_storeStagedSql is not null && documents.Count >= IRowStaging.StagedFrom)
        {
            await ((IRowStaging)dialect).StageAsync(connection, transaction, Documents, documents.Select(d => new object?[] { d.Key, d.Value }).ToList());
            await connection.ExecuteAsync(new CommandDefinition(_storeStagedSql, transaction: transaction));
            return;
        }

        await StoreAsync(connection, transaction, _storeSql, documents.ToList());
    }

    /// <summary>
    /// The live events that show one of <paramref name="names"/> and have no document, or one stored before stamp
    /// <paramref name="through"/>, in id order (read outside any write).
    /// </summary>
    public async Task<IReadOnlyList<long>> ForgottenAsync(DbConnection connection, DocumentRefills.ChangedNames names, long through, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { Through = through });
        parameters.Add(WhatAnEventShows.UpdatedParameter(RecordKind.Organization), dialect.IdsParameter(names.Organizations));
        parameters.Add(WhatAnEventShows.UpdatedParameter(RecordKind.Actor), dialect.IdsParameter(names.Actors));
        parameters.Add(WhatAnEventShows.UpdatedParameter(RecordKind.Source), dialect.IdsParameter(names.Sources));
        parameters.Add(WhatAnEventShows.UpdatedParameter(RecordKind.Event), dialect.IdsParameter(names.Events));
        return (await connection.QueryAsync<long>(new CommandDefinition(_forgottenSql, parameters, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The forgets not yet served, oldest first (read in a write, after <see cref="WaitForWritersAsync"/>).</summary>
    public async Task<IReadOnlyList<DocumentForgets.Pending>> PendingForgetsAsync(IDbConnection connection, IDbTransaction transaction) =>
        (await connection.QueryAsync<DocumentForgets.Pending>(new CommandDefinition(DocumentForgets.PendingSql, transaction: transaction))).ToList();

    /// <summary>Removes the forgets up to stamp <paramref name="through"/>, once every document they made stale was rendered again.</summary>
    public Task RetireForgetsAsync(IDbConnection connection, IDbTransaction transaction, long through) =>
        connection.ExecuteAsync(new CommandDefinition(DocumentForgets.RetireSql, new { Through = through }, transaction));

    /// <summary>
    /// Renders and stores the documents of those of <paramref name="ids"/> that are live and still have none or a
    /// stale one, after <see cref="WaitForWritersAsync"/>: a write that changed a name and has not committed is waited
    /// for, so its names are the ones rendered; one that starts later waits for this one and forgets anew.
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
        await StoreAsync(connection, transaction, _storeSql, rendered.Select(item => KeyValuePair.Create(item.Id, JsonSerializer.Serialize(item, json))).ToList());
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

    /// <summary>
    /// What <see cref="ReadAsync"/> answers, as one run of UTF-8 JSON values separated by commas (what a page's items
    /// array holds between its brackets): read in one row when every event has a current document, else from
    /// <see cref="ReadAsync"/>.
    /// </summary>
    public async Task<byte[]> ReadJoinedAsync(DbConnection connection, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using (var row = await connection.ExecuteReaderAsync(
                         new CommandDefinition(_readJoinedSql, new { Ids = dialect.IdsParameter([.. ids]) }, cancellationToken: cancellationToken)))
        {
            if (await row.ReadAsync(cancellationToken) && row.GetInt64(0) == ids.Count && row.GetString(1) == Positions(ids.Count))
            {
                return row.GetFieldValue<byte[]>(2);
            }
        }

        return Joined(await ReadAsync(connection, ids, cancellationToken));
    }

    // Made the first time a page of that size is read, not all at start-up.
    private static readonly string?[] PositionLists = new string?[ListQuery.MaxLimit + 1];

    private static string PositionList(int count) => string.Join(',', Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>"0,1,…,count-1": the positions of a list joined in its own order.</summary>
    private static string Positions(int count) => count < PositionLists.Length ? PositionLists[count] ??= PositionList(count) : PositionList(count);

    private static byte[] Joined(IReadOnlyList<byte[]> documents)
    {
        var joined = new byte[documents.Sum(document => document.Length) + Math.Max(0, documents.Count - 1)];
        var at = 0;
        foreach (var document in documents)
        {
            if (at > 0)
            {
                joined[at++] = (byte)',';
            }

            document.CopyTo(joined, at);
            at += document.Length;
        }

        return joined;
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
