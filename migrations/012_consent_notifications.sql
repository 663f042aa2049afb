-- 012 (issue 10 §3 and §2, the shared model): consent by purpose, and in-app notifications.
-- A consent: the client lets the organisations in consent_orgs see the data classes in classes
-- (a bit per class, in the order of core's data_classes[]: identity 1, notes 2, assessments 4,
-- risk 8, hospital 16, care_plan 32, housing 64; append-only) for one purpose (care_coordination,
-- referral, housing, peer_support, evaluation), from starts_on to ends_on (NULL: until withdrawn),
-- given as given_how (written, verbal_witnessed, legal_representative, with witness or
-- representative named). Withdrawn: withdrawn_at is set, and access ends at once. Recorded by the
-- client's organisation (org_id); never deleted.
CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  purpose TEXT NOT NULL,
  classes INTEGER NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  given_how TEXT NOT NULL,
  witness TEXT,
  note TEXT,
  recorded_by INTEGER NOT NULL REFERENCES staff(id),
  recorded_at TEXT NOT NULL,
  withdrawn_at TEXT,
  withdrawn_by INTEGER REFERENCES staff(id),
  withdraw_reason TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX consents_client ON consents(client_id, purpose);
CREATE TABLE consent_orgs (
  consent_id INTEGER NOT NULL REFERENCES consents(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  PRIMARY KEY (consent_id, org_id)
);
CREATE INDEX consent_orgs_org ON consent_orgs(org_id, consent_id);
-- A notification for one staff member: what happened (key and args, translated when shown, like
-- rule-made task titles), about which record (entity, entity_id; client_id when a client's),
-- read when read_at is set.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  kind TEXT NOT NULL,
  text_key TEXT NOT NULL,
  text_args TEXT,
  entity TEXT,
  entity_id INTEGER,
  client_id INTEGER REFERENCES clients(id),
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX notifications_staff ON notifications(staff_id, read_at, id);
