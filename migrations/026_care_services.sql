-- 026 (issue 13 §4): care services (household support). The kinds of task, termination criteria,
-- kinds of worker and hourly rates are configuration (care/services.rules); the rows keep their keys.
-- A care worker of an organisation: a staff member with an account (staff_id), or an external worker
-- recorded by name without one (staff_id NULL). Their monthly statement is computed from their visits.
CREATE TABLE care_workers (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  staff_id INTEGER REFERENCES staff(id),
  name TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX care_workers_staff ON care_workers(org_id, staff_id);
CREATE INDEX care_workers_name ON care_workers(org_id, name);
-- A care-service plan of a client at an organisation: tasks in scope (a JSON array of task keys),
-- minutes per week, the worker and the kind of worker they are paid as here, start, review date, the
-- termination criteria agreed (a JSON array of keys); ended with the criterion that applied, when
-- and by whom. Updated with If-Match (version).
CREATE TABLE care_services (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  worker_id INTEGER NOT NULL REFERENCES care_workers(id),
  worker_kind TEXT NOT NULL,
  tasks TEXT NOT NULL,
  minutes_per_week INTEGER NOT NULL,
  start_date TEXT NOT NULL,
  review_date TEXT NOT NULL,
  end_criteria TEXT NOT NULL,
  note TEXT,
  end_date TEXT,
  end_criterion TEXT,
  end_note TEXT,
  ended_by INTEGER REFERENCES staff(id),
  ended_at TEXT,
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX care_services_client ON care_services(client_id, end_date);
CREATE INDEX care_services_worker ON care_services(worker_id, end_date);
CREATE INDEX care_services_org ON care_services(org_id, end_date);
-- A visit: the day, minutes, the tasks done (a JSON array of keys from the plan's scope), what the
-- worker noticed, and whether it is a concern (then concern_task: the task made for the case manager).
-- worker_id is the service's worker at the time: the statement pays them.
CREATE TABLE care_visits (
  id INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL REFERENCES care_services(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  worker_id INTEGER NOT NULL REFERENCES care_workers(id),
  visit_date TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  tasks_done TEXT NOT NULL,
  noticed TEXT,
  concern INTEGER NOT NULL DEFAULT 0,
  concern_task INTEGER REFERENCES tasks(id),
  made_by INTEGER NOT NULL REFERENCES staff(id),
  made_at TEXT NOT NULL
);
CREATE INDEX care_visits_service ON care_visits(service_id, visit_date);
CREATE INDEX care_visits_worker ON care_visits(worker_id, visit_date);
