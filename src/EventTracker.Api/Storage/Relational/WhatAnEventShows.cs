using EventTracker.Api.History;
using EventTracker.Api.Records;

namespace EventTracker.Api.Storage.Relational;

/// <summary>A kind of record an event's answer to GET shows fields of, and the part columns that refer to one.</summary>
/// <param name="Kind">The kind of record.</param>
/// <param name="Table">Its table.</param>
/// <param name="Columns">The columns of its row that an event's answer shows.</param>
/// <param name="ReferredBy">The part tables' columns (table, column) that hold its id; their rows' <c>event_id</c> shows it.</param>
public sealed record ShownRecord(RecordKind Kind, string Table, IReadOnlyList<string> Columns, IReadOnlyList<(string Table, string Column)> ReferredBy);

/// <summary>
/// What an event's answer to GET shows besides its own row — defined once. An event's stored document must be
/// forgotten or written again whenever one of these changes: the service does it in its writes
/// (<see cref="EventDocuments"/>, from the statement made here), the stores' triggers for every other writer (migrations
/// 0008 on SQLite, 0007 and 0009 on PostgreSQL), and a test holds both stores' triggers to this list.
/// </summary>
public static class WhatAnEventShows
{
    /// <summary>The tables of an event's parts: any row written, moved or removed changes what its event shows.</summary>
    public static readonly IReadOnlyList<string> Parts =
        ["event_participants", "event_quantities", "event_citations", "event_relations", "event_tags", "event_external_ids"];

    /// <summary>The other records an event shows, with the fields it shows of each (see EventReader's joins).</summary>
    public static readonly IReadOnlyList<ShownRecord> Records =
    [
        new(RecordKind.Organization, "organizations", ["name", "kind", "country_code"], [("event_participants", "organization_id")]),
        new(RecordKind.Actor, "actors", ["name"], [("event_participants", "actor_id"), ("event_citations", "speaker_actor_id")]),
        new(RecordKind.Source, "sources", ["title", "url", "publisher", "published_at"], [("event_citations", "source_id")]),
        new(RecordKind.Event, "events", ["title", "date"], [("event_relations", "target_event_id")]),
    ];

    /// <summary>The name of the id-list parameter of <see cref="ShowingUpdated"/> for updated records of <paramref name="kind"/>.</summary>
    public static string UpdatedParameter(RecordKind kind) => "Updated" + kind + "s";

    /// <summary>
    /// The ids (one column) of the events that show a record an update changed, given the updated ids of each kind in
    /// the parameters named by <see cref="UpdatedParameter"/>.
    /// </summary>
    public static string ShowingUpdated(IRelationalDialect dialect) =>
        string.Join("\nUNION\n", Records.SelectMany(record => record.ReferredBy.Select(refer => (record.Kind, refer.Table, refer.Column)))
            .GroupBy(refer => refer.Table)
            .Select(table => $"SELECT event_id FROM {table.Key} WHERE " + string.Join(" OR ", table.Select(refer =>
                $"{refer.Column} {dialect.IdsIn.Replace("@Ids", "@" + UpdatedParameter(refer.Kind), StringComparison.Ordinal)}"))));
}
