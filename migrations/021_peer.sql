-- 021 (issue 11 §4): what peer supporters do. A peer activity (an accompaniment to a clinic, a
-- benefits office, a landlord or elsewhere; a group activity; a recovery conversation) is recorded by
-- the peer supporter (staff_id) of an organisation, with one or several clients
-- (peer_activity_clients: a group activity has several, each client's record shows it). A
-- supervision session is between a peer supporter and a supervisor of their organisation, for the
-- peer's own development: never attached to a client.
CREATE TABLE peer_activities (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  kind TEXT NOT NULL,
  accompany_to TEXT,
  at TEXT NOT NULL,
  duration_min INTEGER NOT NULL,
  place TEXT NOT NULL,
  summary TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX peer_activities_staff ON peer_activities(staff_id, at);
CREATE TABLE peer_activity_clients (
  activity_id INTEGER NOT NULL REFERENCES peer_activities(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  PRIMARY KEY (activity_id, client_id)
);
CREATE INDEX peer_activity_clients_client ON peer_activity_clients(client_id, activity_id);
CREATE TABLE peer_supervisions (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  peer_id INTEGER NOT NULL REFERENCES staff(id),
  supervisor_id INTEGER NOT NULL REFERENCES staff(id),
  held_on TEXT NOT NULL,
  topics TEXT NOT NULL,
  went_well TEXT,
  to_develop TEXT,
  next_on TEXT,
  recorded_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL
);
CREATE INDEX peer_supervisions_peer ON peer_supervisions(peer_id, held_on);
