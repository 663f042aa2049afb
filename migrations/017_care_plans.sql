-- 017 (issue 11 §1): care plans in the client's own words. One plan per client per episode
-- (episode_id UNIQUE), versioned: every change is a new row of care_plan_versions, with who, when,
-- why and where it came from (source: "review 3", "conference 12", NULL for a worker's edit), and the
-- whole plan as it then stood (body: JSON, {"goals": [...]}, core/careplan.c). care_plans.version is
-- the current version's number (If-Match). The client's agreement is recorded per version.
-- care_plan_goals and care_plan_steps hold the CURRENT version's goals and steps, one row each,
-- rewritten with every version: what linkages, conferences, peers, caseloads and the evaluation
-- read without parsing versions. Goal and step keys ("g1", "g1s2") stay the same across versions.
CREATE TABLE care_plans (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  episode_id INTEGER NOT NULL UNIQUE REFERENCES episodes(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  review_due TEXT NOT NULL,        -- the next review (default six months on; sooner after a crisis or a stay)
  review_task INTEGER REFERENCES tasks(id), -- the task the review rule made for this review_due (once)
  next_key INTEGER NOT NULL DEFAULT 1,      -- the number of the next goal or step key
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX care_plans_client ON care_plans(client_id);
CREATE INDEX care_plans_review ON care_plans(org_id, review_due);
CREATE TABLE care_plan_versions (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES care_plans(id),
  number INTEGER NOT NULL,
  body TEXT NOT NULL,
  why TEXT NOT NULL,
  source TEXT,
  made_by INTEGER NOT NULL REFERENCES staff(id),
  made_at TEXT NOT NULL,
  agreement TEXT,                  -- signed, verbal_witnessed, declined; NULL: not yet asked
  agreement_witness TEXT,
  agreement_words TEXT,            -- what the client said
  agreement_by INTEGER REFERENCES staff(id),
  agreement_at TEXT,
  UNIQUE (plan_id, number)
);
CREATE TABLE care_plan_goals (
  plan_id INTEGER NOT NULL REFERENCES care_plans(id),
  goal_key TEXT NOT NULL,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  domain TEXT NOT NULL,
  status TEXT NOT NULL,            -- active, reached, stopped
  share_with_peer INTEGER NOT NULL DEFAULT 0,
  client_words TEXT NOT NULL,
  PRIMARY KEY (plan_id, goal_key)
);
CREATE INDEX care_plan_goals_client ON care_plan_goals(client_id, domain);
CREATE TABLE care_plan_steps (
  plan_id INTEGER NOT NULL REFERENCES care_plans(id),
  step_key TEXT NOT NULL,
  goal_key TEXT NOT NULL,
  who TEXT NOT NULL,               -- client, team_member, other_org, family
  what TEXT NOT NULL,
  by_when TEXT,
  PRIMARY KEY (plan_id, step_key)
);
-- A review: held on a day, what changed (words), each goal's progress on a scale (0..10) and in words
-- (progress: JSON [{"goal": key, "scale": n, "words": "..."}]), the version it made and the next date.
CREATE TABLE care_plan_reviews (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES care_plans(id),
  held_on TEXT NOT NULL,
  what_changed TEXT NOT NULL,
  progress TEXT NOT NULL,
  number INTEGER,                  -- the version the review made (NULL: the plan stood as it was)
  next_review TEXT NOT NULL,
  made_by INTEGER NOT NULL REFERENCES staff(id),
  made_at TEXT NOT NULL
);
CREATE INDEX care_plan_reviews_plan ON care_plan_reviews(plan_id, held_on);
