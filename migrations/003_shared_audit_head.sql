-- 003: on PostgreSQL, where several servers share one chain, the newest (seq, hash) is kept in the
-- database itself, updated in the transaction that appends (SQLite keeps it in DB.audit-head).
-- @postgresql
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash BLOB NOT NULL
);
INSERT INTO audit_head(id, seq, hash) SELECT 1, coalesce(max(seq), 0),
  coalesce((SELECT hash FROM audit ORDER BY seq DESC LIMIT 1), '\x'::bytea) FROM audit;
-- @end
