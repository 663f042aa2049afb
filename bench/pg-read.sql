-- pgbench script for bench/run --db postgresql: the SELECTs Hearth runs on its read connection
-- for one audited GET /api/v1/clients/{id} by a case manager with full access, in the same
-- order and with the same text. Copied by hand; check them again when these functions change:
--   auth_token_lookup (src/auth/auth.c)      the bearer token -> the acting staff member
--   access_client     (src/core/access.c)    the client's organisation, then the care-team check
--   client_get        (src/core/client.c)    the record, its identifiers, its links
--   programmes_of     (src/core/client.c)    the open episodes
-- Not here: the audit record (an INSERT through Hearth's writer thread), which is the write
-- half of the request; this script measures what PostgreSQL needs for the read half alone.
-- bench/run sets :tok (the API token's hash, '\x...'), :staff (cm1's staff id) and :today with
-- pgbench -D; :id is a random client, so the reads are spread over the table.
\set id random(1, :clients)
SELECT s.id, s.org_id, s.role, s.username, s.display_name, coalesce(s.discipline,'') FROM api_tokens t JOIN staff s ON s.id=t.staff_id WHERE t.token_hash=:tok::bytea AND t.revoked_at IS NULL AND s.disabled=0;
SELECT org_id FROM clients WHERE id=:id;
SELECT 1 FROM episodes e WHERE e.client_id=:id AND e.status<>'discharged' AND (e.primary_cm=:staff OR EXISTS (SELECT 1 FROM team_members t WHERE t.episode_id=e.id AND t.staff_id=:staff AND t.from_date<=:today AND (t.to_date IS NULL OR t.to_date>:today))) LIMIT 1;
SELECT c.*, o.name AS organisation FROM clients c JOIN orgs o ON o.id=c.org_id WHERE c.id=:id;
SELECT kind, value FROM client_identifiers WHERE client_id=:id ORDER BY id;
SELECT l.other_id AS id, l.reason, x.given_name, x.family_name FROM client_links l JOIN clients x ON x.id=l.other_id WHERE l.client_id=:id UNION SELECT l.client_id, l.reason, x.given_name, x.family_name FROM client_links l JOIN clients x ON x.id=l.client_id WHERE l.other_id=:id;
SELECT e.programme, e.status, o.name AS organisation FROM episodes e JOIN orgs o ON o.id=e.org_id WHERE e.client_id=:id AND e.status<>'discharged' ORDER BY e.id;
