-- 011 (issue 10 §4, eligibility): a person's decision on a client's eligibility for a programme,
-- stored with the rule file's version it was evaluated under and each criterion's result then
-- (criteria: JSON [{kind, required, points, result}]); never changed: a new decision is a new row.
CREATE TABLE eligibility_decisions (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  programme TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  decision TEXT NOT NULL,          -- eligible, not_eligible, exception (reason required)
  reason TEXT,
  result TEXT NOT NULL,            -- the required criteria then: met, not_met, unknown
  priority_points INTEGER NOT NULL,
  criteria TEXT NOT NULL,
  decided_by INTEGER NOT NULL REFERENCES staff(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  decided_at TEXT NOT NULL
);
CREATE INDEX eligibility_decisions_client ON eligibility_decisions(client_id, decided_at);
