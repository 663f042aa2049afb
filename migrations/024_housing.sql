-- 024 (issue 13 §1-§3): housing stock, applications and the waiting list, offers, tenancies.
-- A unit is one home a housing provider (an organisation) can place someone in: its property (the
-- building or house, by name and address), its type, bedrooms, whether it is accessible, its
-- district, the rent (won a month), who may be placed there (words) and its state: occupied, vacant
-- (since state_since), preparing (being prepared), offline (with offline_reason).
CREATE TABLE housing_units (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  property TEXT NOT NULL,
  address TEXT,
  label TEXT NOT NULL,
  type TEXT NOT NULL,
  bedrooms INTEGER NOT NULL,
  accessible INTEGER NOT NULL DEFAULT 0,
  district TEXT NOT NULL,
  rent INTEGER NOT NULL,
  eligible TEXT,
  state TEXT NOT NULL,
  state_since TEXT NOT NULL,
  offline_reason TEXT,
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX housing_units_org ON housing_units(org_id, state);
-- An application of a client to a housing provider (org_id), made by a case manager's organisation
-- (from_org_id) or from a referral accepted by the provider (referral_id): what is needed (type,
-- district or any, accessible, household: how many people including the client, and who), the
-- situation now (hospital: in hospital ready for discharge since ready_since; homeless; unstable;
-- at_risk: at risk of losing a tenancy; housed) and the documents asked for (a JSON array of
-- {name, received}). applied_day and ready_day are the dates as days since 1970-01-01, so that the
-- priority is plain integer arithmetic on both engines. override_points (with a reason, who and
-- when) move an application up or down the list, audited. declines counts the offers declined.
-- status: waiting, offered, housed, withdrawn, removed (by a rule: too many offers declined).
CREATE TABLE housing_applications (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  from_org_id INTEGER NOT NULL REFERENCES orgs(id),
  referral_id INTEGER REFERENCES referrals(id),
  type TEXT NOT NULL,
  district TEXT,
  accessible INTEGER NOT NULL DEFAULT 0,
  household INTEGER NOT NULL DEFAULT 1,
  household_note TEXT,
  situation TEXT NOT NULL,
  ready_since TEXT,
  ready_day INTEGER,
  documents TEXT NOT NULL DEFAULT '[]',
  note TEXT,
  applied_on TEXT NOT NULL,
  applied_day INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'waiting',
  declines INTEGER NOT NULL DEFAULT 0,
  override_points INTEGER NOT NULL DEFAULT 0,
  override_reason TEXT,
  override_by INTEGER REFERENCES staff(id),
  override_at TEXT,
  end_reason TEXT,
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX housing_applications_org ON housing_applications(org_id, status);
CREATE INDEX housing_applications_client ON housing_applications(client_id, status);
-- An organisation's own weights (issue 13 §2: "an organisation can adjust weights"): a key of
-- housing/priority.rules and its points in hundredths; a key not here takes the file's.
CREATE TABLE housing_weights (
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  key TEXT NOT NULL,
  points INTEGER NOT NULL,
  set_by INTEGER NOT NULL REFERENCES staff(id),
  set_at TEXT NOT NULL,
  PRIMARY KEY (org_id, key)
);
-- An offer of a vacant unit to an application, with a deadline; accepted or declined (with a
-- reason), withdrawn, or moved in (the tenancy it made). status: open, accepted, declined,
-- withdrawn, moved_in.
CREATE TABLE housing_offers (
  id INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES housing_applications(id),
  unit_id INTEGER NOT NULL REFERENCES housing_units(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  deadline TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  answer_reason TEXT,
  answered_by INTEGER REFERENCES staff(id),
  answered_at TEXT,
  score INTEGER NOT NULL,
  made_by INTEGER NOT NULL REFERENCES staff(id),
  made_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX housing_offers_unit ON housing_offers(unit_id, status);
CREATE INDEX housing_offers_application ON housing_offers(application_id);
CREATE INDEX housing_offers_client ON housing_offers(client_id);
-- A tenancy: the client in a unit, the landlord, start, rent and who pays it, the support level,
-- and its end with a reason. arrears_task and complaint_task are the tasks the risk rules made.
CREATE TABLE tenancies (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  unit_id INTEGER NOT NULL REFERENCES housing_units(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  offer_id INTEGER REFERENCES housing_offers(id),
  landlord TEXT NOT NULL,
  start_date TEXT NOT NULL,
  start_day INTEGER NOT NULL,
  rent INTEGER NOT NULL,
  rent_payer TEXT NOT NULL,
  support_level TEXT NOT NULL,
  end_date TEXT,
  end_day INTEGER,
  end_reason TEXT,
  end_note TEXT,
  arrears INTEGER NOT NULL DEFAULT 0,
  arrears_task INTEGER REFERENCES tasks(id),
  complaint_task INTEGER REFERENCES tasks(id),
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tenancies_client ON tenancies(client_id, end_date);
CREATE INDEX tenancies_unit ON tenancies(unit_id, end_date);
CREATE INDEX tenancies_org ON tenancies(org_id, end_date);
-- What happened in a tenancy: rent arrears (amount: what is owed now, won), a neighbour complaint,
-- a repair, a stay in hospital, a crisis at home, a visit by the case manager.
CREATE TABLE tenancy_events (
  id INTEGER PRIMARY KEY,
  tenancy_id INTEGER NOT NULL REFERENCES tenancies(id),
  kind TEXT NOT NULL,
  happened_on TEXT NOT NULL,
  happened_day INTEGER NOT NULL,
  amount INTEGER,
  note TEXT,
  made_by INTEGER NOT NULL REFERENCES staff(id),
  made_at TEXT NOT NULL
);
CREATE INDEX tenancy_events_tenancy ON tenancy_events(tenancy_id, happened_day);
