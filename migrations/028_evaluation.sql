-- 028 (issue 14 §1, §4): the evaluation's precomputed aggregates. A run (hearth evaluate, the daily
-- sweep or POST /api/v1/evaluation/refresh) computes every recorded indicator of the dictionary
-- (indicators/indicators.rules) into cells: one row per indicator, period, organisation (0: every
-- organisation) and value of one dimension ('*': every value), with the population n, up to three
-- numerators that are subsets of it, sums for rates and, for medians, the durations' histogram. Cells
-- hold counts only, never a client. state is the small-cell protection's mark (0 shown, 1 primary,
-- 2 complementary). Only the latest done run is read; a run deletes older ones when it is done.
CREATE TABLE eval_runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  state TEXT NOT NULL,
  error TEXT,
  dictionary TEXT NOT NULL,
  threshold INTEGER NOT NULL,
  cells INTEGER NOT NULL DEFAULT 0,
  progress INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX eval_runs_state ON eval_runs(state, id);
CREATE TABLE eval_cells (
  run_id INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  period TEXT NOT NULL,
  org_id INTEGER NOT NULL,
  dim TEXT NOT NULL,
  value TEXT NOT NULL,
  n INTEGER NOT NULL,
  k1 INTEGER,
  k2 INTEGER,
  k3 INTEGER,
  s1 REAL,
  s2 REAL,
  hist TEXT,
  state INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, indicator, period, dim, org_id, value)
);
