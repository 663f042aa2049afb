-- 010 (issue 10 §1): the service directory. Each organisation publishes its services, with a
-- capacity status it keeps itself; organisations get a district (searched by, shown, set by an
-- administrator).
ALTER TABLE orgs ADD COLUMN district TEXT;
-- A service of an organisation: kind is one of the ten service domains of DESIGN §6 or
-- intake_assessment; programme names an eligibility rule set (eligibility/PROGRAMME), optional.
-- capacity is open, waiting_list (with waiting_count people and typical_wait_days) or closed, with
-- when and by whom it was last set.
CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  eligibility TEXT,
  programme TEXT,
  how_to_refer TEXT,
  contact TEXT,
  capacity TEXT NOT NULL DEFAULT 'open',
  waiting_count INTEGER,
  typical_wait_days INTEGER,
  capacity_updated_at TEXT NOT NULL,
  capacity_updated_by INTEGER NOT NULL REFERENCES staff(id),
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (org_id, name)
);
CREATE INDEX services_kind ON services(kind, name);
CREATE INDEX services_capacity ON services(capacity, name);
