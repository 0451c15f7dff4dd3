-- The reciprocity ledger counts a pair's measures in SQL (LedgerSql): each side's initiators and targets come
-- from one covering range per organization and role of this index (only live measures are in it, so it stays
-- a fraction of the participants), and the two sides meet by event id. The statement names the same types in
-- the same order, so the planner can prove the partial index applies.
CREATE INDEX ix_participants_measures
    ON event_participants (organization_id, role, event_id, event_type, event_span_start, event_span_end)
    WHERE event_deleted = 0
      AND event_type IN ('expulsion', 'accreditation_withdrawal', 'staff_cap', 'ambassador_recall', 'mission_closure', 'relations_downgrade', 'sanction');

-- A measure's quantities by kind, read from the index alone (the ledger sums them per direction).
CREATE INDEX ix_quantities_event_kind ON event_quantities (event_id, kind, position, value);

-- Relations by type: second reports (duplicates) to leave out, waves (part_of) a measure is in.
CREATE INDEX ix_relations_type_event ON event_relations (type, event_id, target_event_id);
