-- 019 (issue 11 §2): resource linkage and monitoring. A linkage connects a step of a care plan
-- (plan_id + step_key, a step of the plan's current version when linked) to a service: one of the
-- directory (service_id) or a named local resource (resource_name, resource_contact). It belongs to
-- the plan's organisation (org_id), has a domain (the service's kind when it is a domain, else the
-- step's goal's), a start, an end with a reason, how often it is checked (every_n every_unit: day,
-- week, month) and the next check due. step_what keeps the step's words as they were when linked,
-- shown when a later version of the plan no longer has the step (core/linkage.c).
-- check_task is the task the overdue rule made for next_check (once per due date; a check done or
-- the end completes it).
CREATE TABLE linkages (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  plan_id INTEGER NOT NULL REFERENCES care_plans(id),
  step_key TEXT NOT NULL,
  goal_key TEXT NOT NULL,
  step_what TEXT NOT NULL,
  service_id INTEGER REFERENCES services(id),
  resource_name TEXT,
  resource_contact TEXT,
  domain TEXT NOT NULL,
  note TEXT,
  start_date TEXT NOT NULL,
  end_date TEXT,
  end_reason TEXT,
  ended_by INTEGER REFERENCES staff(id),
  every_n INTEGER NOT NULL DEFAULT 1,
  every_unit TEXT NOT NULL DEFAULT 'month',
  next_check TEXT NOT NULL,
  check_task INTEGER REFERENCES tasks(id),
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX linkages_client ON linkages(client_id, end_date);
CREATE INDEX linkages_plan ON linkages(plan_id, step_key);
CREATE INDEX linkages_due ON linkages(end_date, next_check);
-- A check: whether the client is using it (yes, partly, no), satisfied (yes, partly, no), what
-- changed (words), by whom and when; the next check date it set.
CREATE TABLE linkage_checks (
  id INTEGER PRIMARY KEY,
  linkage_id INTEGER NOT NULL REFERENCES linkages(id),
  checked_on TEXT NOT NULL,
  using_it TEXT NOT NULL,
  satisfied TEXT NOT NULL,
  what_changed TEXT NOT NULL,
  next_check TEXT NOT NULL,
  made_by INTEGER NOT NULL REFERENCES staff(id),
  made_at TEXT NOT NULL
);
CREATE INDEX linkage_checks_linkage ON linkage_checks(linkage_id, checked_on);
