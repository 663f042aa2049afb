-- pgbench script for bench/run --db postgresql: the SELECTs Hearth runs on its read connection
-- for one audited GET /api/v1/clients/{id} by a case manager with full access, in the same
-- order and with the same text as PostgreSQL receives it. Copied by hand; check them again when
-- these functions change:
--   auth_token_lookup (src/auth/auth.c)      the bearer token -> the acting staff member
--   access_client     (src/core/access.c)    every fact of the access decision (SQL_FACTS)
--   client_get        (src/core/client.c)    the record with identifiers, links and programmes
--                                            (SQL_FULL with db_pg's json_agg/json_build_object)
-- Not here: the audit record (an INSERT through Hearth's writer thread), which is the write
-- half of the request; this script measures what PostgreSQL needs for the read half alone.
-- bench/run sets :tok (the API token's hash, '\x...'), :staff (cm1's staff id), :org (cm1's
-- organisation) and :today with pgbench -D; :id is a random client, so the reads are spread
-- over the table.
\set id random(1, :clients)
SELECT s.id, s.org_id, s.role, s.username, s.display_name, coalesce(s.discipline,'') FROM api_tokens t JOIN staff s ON s.id=t.staff_id WHERE t.token_hash=:tok::bytea AND t.revoked_at IS NULL AND s.disabled=0;
SELECT c.org_id, EXISTS (SELECT 1 FROM episodes e WHERE e.client_id=c.id AND e.status<>'discharged' AND (e.primary_cm=:staff OR EXISTS (SELECT 1 FROM team_members t WHERE t.episode_id=e.id AND t.staff_id=:staff AND t.from_date<=:today AND (t.to_date IS NULL OR t.to_date>:today)))) AS team, EXISTS (SELECT 1 FROM episodes e WHERE e.client_id=c.id AND e.org_id=:org AND e.status<>'discharged') AS org_open, (SELECT max(b.expires_at) FROM break_glass b WHERE b.staff_id=:staff AND b.client_id=c.id AND b.expires_at>:today) AS glass, EXISTS (SELECT 1 FROM episodes e WHERE e.client_id=c.id AND e.org_id=:org) AS org_any FROM clients c WHERE c.id=:id;
SELECT c.*, o.name AS organisation, (SELECT coalesce(json_agg(json_build_object('kind', x.kind, 'value', x.value)), '[]') FROM (SELECT kind, value FROM client_identifiers WHERE client_id=:id ORDER BY id) x) AS identifiers_json, (SELECT coalesce(json_agg(json_build_object('id', x.id, 'reason', x.reason, 'given_name', x.given_name, 'family_name', x.family_name)), '[]') FROM (SELECT l.other_id AS id, l.reason, y.given_name, y.family_name FROM client_links l JOIN clients y ON y.id=l.other_id WHERE l.client_id=:id UNION SELECT l.client_id, l.reason, y.given_name, y.family_name FROM client_links l JOIN clients y ON y.id=l.client_id WHERE l.other_id=:id) x) AS links_json, (SELECT coalesce(json_agg(json_build_object('programme', x.programme, 'status', x.status, 'organisation', x.organisation)), '[]') FROM (SELECT e.programme, e.status, o.name AS organisation FROM episodes e JOIN orgs o ON o.id=e.org_id WHERE e.client_id=:id AND e.status<>'discharged' ORDER BY e.id) x) AS programmes_json FROM clients c JOIN orgs o ON o.id=c.org_id WHERE c.id=:id;
