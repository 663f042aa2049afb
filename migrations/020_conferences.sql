-- 020 (issue 11 §3): case conferences. A conference (its general part: when, the organising
-- organisation, who organised it, the staff and the guests without accounts who took part and whether
-- they came) and, per client discussed, the question brought, the discussion and the decisions, each
-- of which may become a task or a care-plan change that points back to the conference (the task's
-- source, the plan version's source: "conference N").
CREATE TABLE conferences (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  organiser INTEGER NOT NULL REFERENCES staff(id),
  held_at TEXT NOT NULL,
  held_epoch INTEGER NOT NULL,
  title TEXT NOT NULL,
  purpose TEXT,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX conferences_org ON conferences(org_id, held_epoch);
CREATE TABLE conference_staff (
  id INTEGER PRIMARY KEY,
  conference_id INTEGER NOT NULL REFERENCES conferences(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  attended INTEGER,
  added_by INTEGER NOT NULL REFERENCES staff(id),
  added_at TEXT NOT NULL,
  UNIQUE (conference_id, staff_id)
);
CREATE INDEX conference_staff_staff ON conference_staff(staff_id, conference_id);
CREATE TABLE conference_guests (
  id INTEGER PRIMARY KEY,
  conference_id INTEGER NOT NULL REFERENCES conferences(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  organisation TEXT,
  attended INTEGER,
  added_by INTEGER NOT NULL REFERENCES staff(id),
  added_at TEXT NOT NULL
);
CREATE INDEX conference_guests_conf ON conference_guests(conference_id);
CREATE TABLE conference_clients (
  id INTEGER PRIMARY KEY,
  conference_id INTEGER NOT NULL REFERENCES conferences(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  question TEXT NOT NULL,
  summary TEXT,
  added_by INTEGER NOT NULL REFERENCES staff(id),
  added_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES staff(id),
  updated_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (conference_id, client_id)
);
CREATE INDEX conference_clients_client ON conference_clients(client_id, conference_id);
CREATE TABLE conference_decisions (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES conference_clients(id),
  text TEXT NOT NULL,
  made_by INTEGER NOT NULL REFERENCES staff(id),
  made_at TEXT NOT NULL,
  task_id INTEGER REFERENCES tasks(id),
  plan_id INTEGER REFERENCES care_plans(id),
  plan_version INTEGER,
  acted_by INTEGER REFERENCES staff(id),
  acted_at TEXT
);
CREATE INDEX conference_decisions_item ON conference_decisions(item_id);
