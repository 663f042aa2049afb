-- 002: assessments with standard instruments, risk flags and their reviews, the on-call rota,
-- crisis events, safety plans and hospitalisations.
CREATE TABLE assessments (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  instrument TEXT NOT NULL,            -- definition id, e.g. "phq9"
  instrument_version TEXT NOT NULL,    -- the definition's version when scored (never rescored)
  coding TEXT,                         -- coding convention of the total, e.g. "1-5" for K10
  answers TEXT NOT NULL,               -- JSON object: item id -> value as given
  total REAL,                          -- null when the instrument has no total or too much is missing
  band TEXT,                           -- severity band or triage level
  result TEXT NOT NULL DEFAULT '{}',   -- JSON: derived scores, prorated, missing items, flags raised
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  administered_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX assessments_client ON assessments(client_id, instrument, administered_at);

CREATE TABLE flag_kinds (
  id INTEGER PRIMARY KEY,
  org_id INTEGER REFERENCES orgs(id),  -- null: built in for everyone
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  UNIQUE(org_id, name)
);
INSERT INTO flag_kinds(org_id, name, label) VALUES
  (NULL, 'suicide_risk', 'Suicide risk'),
  (NULL, 'risk_to_others', 'Risk to others'),
  (NULL, 'self_neglect', 'Self-neglect'),
  (NULL, 'relapse_signs', 'Relapse signs'),
  (NULL, 'treatment_disengagement', 'Treatment disengagement'),
  (NULL, 'eviction_risk', 'Eviction risk'),
  (NULL, 'substance_use', 'Substance use');

CREATE TABLE flags (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  kind TEXT NOT NULL,
  level TEXT NOT NULL,                 -- low, moderate, high
  source TEXT NOT NULL,                -- assessment, person
  assessment_id INTEGER REFERENCES assessments(id),
  reason TEXT NOT NULL,
  review_date TEXT,
  status TEXT NOT NULL DEFAULT 'active', -- active, resolved (flags are reviewed, never deleted)
  raised_by INTEGER REFERENCES staff(id),
  raised_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX flags_client ON flags(client_id, status);
CREATE TABLE flag_reviews (
  id INTEGER PRIMARY KEY,
  flag_id INTEGER NOT NULL REFERENCES flags(id),
  reviewed_by INTEGER NOT NULL REFERENCES staff(id),
  reviewed_at TEXT NOT NULL,
  outcome TEXT NOT NULL,               -- continued, level_changed, resolved
  level TEXT,
  note TEXT NOT NULL,
  next_review TEXT
);
CREATE INDEX flag_reviews_flag ON flag_reviews(flag_id);

CREATE TABLE oncall (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  phone TEXT,
  created_by INTEGER REFERENCES staff(id),
  created_at TEXT NOT NULL
);
CREATE INDEX oncall_org ON oncall(org_id, ends_at, starts_at);

CREATE TABLE crisis_events (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  occurred_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL,
  response_mode TEXT NOT NULL,
  responders TEXT NOT NULL DEFAULT '', -- comma-separated staff ids
  actions TEXT NOT NULL,
  outcome TEXT NOT NULL,
  notes TEXT,
  recorded_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL
);
CREATE INDEX crisis_events_client ON crisis_events(client_id, occurred_at);

CREATE TABLE safety_plans (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  version INTEGER NOT NULL,
  warning_signs TEXT,
  coping TEXT,
  distractions TEXT,
  help_people TEXT,
  professionals TEXT,
  environment TEXT,
  reasons_for_living TEXT,
  client_agreed INTEGER NOT NULL DEFAULT 0,
  agreed_at TEXT,
  written_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  UNIQUE(client_id, version)
);

CREATE TABLE hospitalisations (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  hospital TEXT NOT NULL,
  admission_type TEXT NOT NULL,        -- voluntary, involuntary
  reason TEXT,
  admitted_at TEXT NOT NULL,
  discharged_at TEXT,
  readmission_30 INTEGER NOT NULL DEFAULT 0,
  readmission_90 INTEGER NOT NULL DEFAULT 0,
  recorded_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX hospitalisations_client ON hospitalisations(client_id, admitted_at);
