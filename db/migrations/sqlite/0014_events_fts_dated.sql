-- The event texts once more, keyed in date order: rowid = first day (days since 0001-01-01) × 2^32 + event id, the
-- timeline's (span_start, id) order. FTS5 hands out matches in rowid order and stops at the LIMIT, so the first page of
-- a common word reads a page of matches, not all of them (events_fts, keyed by id, must collect and sort every match).
-- Contentless: only the index is kept (the texts are in events_fts); contentless_delete lets the writer forget a row by
-- its rowid. Deleted events are not in it. The writer keeps it in step (DatedSearch).
CREATE VIRTUAL TABLE events_fts_dated USING fts5 (
    title, summary, quotes, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO events_fts_dated (rowid, title, summary, quotes)
SELECT (unixepoch(e.span_start) / 86400 + 719162) * 4294967296 + e.id, f.title, f.summary, f.quotes
FROM events_fts f JOIN events e ON e.id = f.rowid
WHERE e.deleted_at IS NULL;

-- The index's terms, to turn a prefix ("espion*") into the terms it stands for: a query of whole terms is read
-- lazily in rowid order, a prefix query merges every matching entry first.
CREATE VIRTUAL TABLE events_fts_dated_terms USING fts5vocab (events_fts_dated, 'row');
