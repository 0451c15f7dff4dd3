using System.Data;
using Dapper;
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Forgetting stored documents in O(1) (migration 0017): a change the service makes to an organization, actor or
/// source writes one row in <c>document_forgets</c> — a stamp, the record's kind and id — instead of deleting the
/// document of every event that shows it. A document is stored with the highest stamp committed when it was
/// rendered (<see cref="CurrentStamp"/>); one older than a pending forget of a record it shows is stale
/// (<see cref="Stale"/>): reads treat it as missing and render the event from its tables, and
/// <see cref="ForgottenDocumentRefiller"/> renders it again and then removes the forget rows it has served.
/// Events are not on the list: a changed title forgets the few documents of the events that relate to it at once.
/// </summary>
public static class DocumentForgets
{
    private const string Marker = "forget_documents_later";

    /// <summary>The kinds a forget row may name: those whose changes can reach a great many documents.</summary>
    public static readonly IReadOnlyList<ShownRecord> Kinds =
        [.. WhatAnEventShows.Records.Where(record => record.Kind != RecordKind.Event)];

    /// <summary>The highest stamp committed, the one a document rendered now is stored with.</summary>
    public const string CurrentStamp = "(SELECT coalesce(max(f.stamp), 0) FROM document_forgets f)";

    public const string PendingSql = "SELECT stamp AS Stamp, kind AS Kind, record_id AS RecordId FROM document_forgets ORDER BY stamp";

    public const string RetireSql = "DELETE FROM document_forgets WHERE stamp <= @Through";

    /// <summary>
    /// Runs <paramref name="sql"/> (an update of organizations, actors or sources) so that the store's triggers write a
    /// forget row for each record it changes instead of deleting the documents that show it: a row of the marker
    /// table, visible to this transaction only, is held around it (one round trip).
    /// </summary>
    public static Task<int> UpdateShownRecordAsync(IDbConnection connection, IDbTransaction transaction, string sql, object parameters) =>
        connection.ExecuteAsync($"INSERT INTO {Marker} (marker) VALUES (1);\n{sql.TrimEnd().TrimEnd(';')};\nDELETE FROM {Marker}", parameters, transaction);

    /// <summary>
    /// The condition that the document of event <paramref name="eventId"/>, stored with stamp <paramref name="stamp"/>,
    /// is older than a pending forget of a record the event shows. With no forget pending it is one probe of an
    /// empty index. The unary plus keeps SQLite on the parts' event index: on the record's own index (organization,
    /// date, event) it would walk every row of a busy state for each document checked.
    /// </summary>
    public static string Stale(string eventId, string stamp) =>
        $"EXISTS (SELECT 1 FROM document_forgets f WHERE f.stamp > {stamp} AND (" +
        string.Join(" OR ", Kinds.SelectMany(record => record.ReferredBy.Select(refer =>
            $"(f.kind = '{EnumText.ToText(record.Kind)}' AND EXISTS (SELECT 1 FROM {refer.Table} x WHERE x.event_id = {eventId} AND +x.{refer.Column} = f.record_id))"))) +
        "))";

    /// <summary>A pending forget: the documents of the events showing this record that are older than the stamp are stale.</summary>
    public sealed record Pending(long Stamp, string Kind, long RecordId)
    {
        public RecordKind RecordKind => EnumText.Parse<RecordKind>(Kind);
    }
}
