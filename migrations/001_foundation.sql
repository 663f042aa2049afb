-- 001: organisations, staff, identity, clients, episodes, care teams, contacts, tasks,
-- break-glass and the audit chain. Timestamps are UTC ISO-8601 text; dates YYYY-MM-DD.
-- Written in SQLite's words; db/ gives PostgreSQL its own (db_ddl), and a block between
-- "-- @sqlite" or "-- @postgresql" and "-- @end" is for that engine only.
CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  discipline TEXT,
  phone TEXT,
  pw_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX staff_org ON staff(org_id);
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
);
CREATE INDEX sessions_staff ON sessions(staff_id);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  name TEXT NOT NULL,
  token_hash BLOB NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE login_failures (
  key TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  preferred_name TEXT,
  birth_date TEXT NOT NULL,
  sex TEXT,
  gender_identity TEXT,
  language TEXT,
  phone TEXT,
  email TEXT,
  address TEXT,
  emergency_contacts TEXT,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES staff(id),
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX clients_birth ON clients(birth_date);
CREATE INDEX clients_org ON clients(org_id);
CREATE TABLE client_versions (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  version INTEGER NOT NULL,
  data TEXT NOT NULL,
  changed_by INTEGER NOT NULL REFERENCES staff(id),
  changed_at TEXT NOT NULL,
  UNIQUE(client_id, version)
);
CREATE TABLE client_identifiers (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  kind TEXT NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX client_identifiers_value ON client_identifiers(value, kind);
CREATE INDEX client_identifiers_client ON client_identifiers(client_id);
CREATE TABLE client_links (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  other_id INTEGER NOT NULL REFERENCES clients(id),
  reason TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL
);
CREATE INDEX client_links_client ON client_links(client_id);
CREATE INDEX client_links_other ON client_links(other_id);
-- The name index: every client's search text (client_search_text), searched by trigrams.
-- @sqlite
CREATE VIRTUAL TABLE clients_fts USING fts5(name, tokenize='trigram');
-- @postgresql
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE clients_fts (rowid BIGINT PRIMARY KEY, name TEXT NOT NULL);
CREATE INDEX clients_fts_name ON clients_fts USING gin (name gin_trgm_ops);
-- @end

CREATE TABLE episodes (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  programme TEXT NOT NULL,
  status TEXT NOT NULL,
  target_group TEXT NOT NULL,
  primary_cm INTEGER REFERENCES staff(id),
  start_date TEXT NOT NULL,
  end_date TEXT,
  discharge_reason TEXT,
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX episodes_client ON episodes(client_id, org_id, status);
CREATE INDEX episodes_org ON episodes(org_id, status);
CREATE TABLE team_members (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  team_role TEXT NOT NULL,
  from_date TEXT NOT NULL,
  to_date TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX team_members_staff ON team_members(staff_id, episode_id);
CREATE INDEX team_members_episode ON team_members(episode_id);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  episode_id INTEGER REFERENCES episodes(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  duration_min INTEGER NOT NULL DEFAULT 0,
  domains TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  restricted INTEGER NOT NULL DEFAULT 0,
  supersedes INTEGER REFERENCES contacts(id),
  superseded_by INTEGER REFERENCES contacts(id),
  correction_reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX contacts_client ON contacts(client_id, at);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  client_id INTEGER REFERENCES clients(id),
  assignee INTEGER NOT NULL REFERENCES staff(id),
  title TEXT NOT NULL,
  due TEXT,
  priority TEXT NOT NULL DEFAULT 'normal',
  status TEXT NOT NULL DEFAULT 'open',
  source TEXT NOT NULL DEFAULT 'person',
  created_by INTEGER REFERENCES staff(id),
  created_at TEXT NOT NULL,
  done_by INTEGER REFERENCES staff(id),
  done_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tasks_assignee ON tasks(assignee, status, due);
CREATE INDEX tasks_client ON tasks(client_id, status);

CREATE TABLE break_glass (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  reason TEXT NOT NULL,
  started_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  reviewed_by INTEGER REFERENCES staff(id),
  reviewed_at TEXT,
  review_note TEXT
);
CREATE INDEX break_glass_staff ON break_glass(staff_id, client_id, expires_at);
CREATE INDEX break_glass_review ON break_glass(org_id, reviewed_at);

CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  staff_id INTEGER,
  org_id INTEGER,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  client_id INTEGER,
  entity TEXT,
  entity_id INTEGER,
  purpose TEXT,
  reason TEXT,
  request_id TEXT,
  addr TEXT,
  prev BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE INDEX audit_client ON audit(client_id, seq);
CREATE INDEX audit_staff ON audit(staff_id, seq);
