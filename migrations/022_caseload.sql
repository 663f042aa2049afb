-- 022 (issue 11 §5): caseloads and the worker's own voice. A worker's FTE (0.1 .. 1.0, kept in
-- tenths so that no float is compared), which with the weights file (caseload/weights.rules) makes
-- their capacity; and the private periodic check-ins (one per worker per month), which only the
-- worker reads back: supervisors read aggregates of five or more (core/caseload.c).
ALTER TABLE staff ADD COLUMN fte_tenths INTEGER NOT NULL DEFAULT 10;
CREATE TABLE checkins (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),  -- the worker's organisation when answered: the team
  period TEXT NOT NULL,                         -- the month, YYYY-MM
  manageable INTEGER NOT NULL,                  -- 1 (not at all) .. 5 (entirely)
  supported INTEGER NOT NULL,                   -- 1 .. 5
  would_help TEXT,                              -- what would help, in the worker's words (optional)
  answered_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE(staff_id, period)
);
CREATE INDEX checkins_org ON checkins(org_id, period);
