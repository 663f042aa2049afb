-- 008: (issue 9 §1, §3) an episode opened on a client who already has an open episode with another
-- worker: the reason, and its review by a supervisor of the client's or the opener's organisation
-- (episode_opens). An audit record's detail (a JSON object: the sections a page view read, the
-- clients a search showed), hashed into the chain with the rest of the record; and the clients a
-- record concerns beyond its own client_id (audit_clients: the clients a search showed), so that
-- each client's access report finds the search. Its rows are the detail's list, checked by
-- `hearth audit verify` (not a foreign key: nothing constrains the audit table beyond the chain).
CREATE TABLE episode_opens (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  reason TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  reviewed_by INTEGER REFERENCES staff(id),
  reviewed_at TEXT,
  review_note TEXT
);
CREATE INDEX episode_opens_review ON episode_opens(org_id, reviewed_at);
CREATE INDEX episode_opens_client ON episode_opens(client_id);

ALTER TABLE audit ADD COLUMN detail TEXT;
CREATE TABLE audit_clients (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,
  client_id INTEGER NOT NULL
);
CREATE INDEX audit_clients_client ON audit_clients(client_id, seq);
CREATE INDEX audit_clients_seq ON audit_clients(seq);
