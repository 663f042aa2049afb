-- 014 (issue 10 §4, intake): a person discovered by a care desk, an outreach worker or a neighbour's
-- report, followed step by step: discovered -> screened -> decided (an eligibility decision linked:
-- the outcome step) -> enrolled (the intake episode made active, with a primary case manager) |
-- referred (a referral elsewhere: referral_id, the referral slice's record) | closed (a reason).
-- The person is a client registered at discovery (client_create, with its duplicate check); the
-- intake episode (status 'intake', the discovering worker its primary case manager) is what lets that
-- worker run the flow without reading notes. Every step is dated with who.
CREATE TABLE intakes (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  source TEXT NOT NULL,            -- care_desk, outreach, neighbour_report, self, family, other
  reporter TEXT,                   -- who told us, as they gave it (a neighbour, a relative)
  concern TEXT NOT NULL,           -- the concern in the reporter's words
  birth_year_only INTEGER NOT NULL DEFAULT 0, -- only the year of birth is known (the date is 1 January)
  district TEXT,
  state TEXT NOT NULL,             -- discovered, screened, decided, enrolled, referred, closed
  needs TEXT,                      -- screening: JSON array of service domains
  urgency TEXT,                    -- routine, soon, urgent
  risk_now INTEGER,                -- a risk to life now (1): call the crisis line
  life_stage TEXT,
  target_group TEXT,
  hospital_days INTEGER,           -- days in hospital as reported at screening
  recent_crisis INTEGER,
  decision_id INTEGER REFERENCES eligibility_decisions(id),
  primary_cm INTEGER REFERENCES staff(id),
  referral_id INTEGER,             -- the referral's id (the referrals slice's table)
  close_reason TEXT,
  close_note TEXT,
  discovered_by INTEGER NOT NULL REFERENCES staff(id),
  discovered_at TEXT NOT NULL,
  screened_by INTEGER REFERENCES staff(id),
  screened_at TEXT,
  decided_by INTEGER REFERENCES staff(id),
  decided_at TEXT,
  outcome_by INTEGER REFERENCES staff(id),
  outcome_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX intakes_org ON intakes(org_id, discovered_at);
CREATE INDEX intakes_client ON intakes(client_id);
CREATE INDEX intakes_by ON intakes(discovered_by, discovered_at);
