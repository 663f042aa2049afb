-- pgbench script for bench/run --db postgresql: the SELECTs Hearth runs on its read connection
-- for one audited GET /api/v1/clients/{id} by a case manager with full access, in the same
-- order and with the same text as PostgreSQL receives it (taken from the server's log with
-- log_statement=all, $1 written :id). Check them again when these functions change:
--   access_epoch  (src/core/access.c)  the access epoch, asked once per request: the bearer
--                                      token's staff member and the access decision's facts are
--                                      kept by the thread while it is unchanged (a revoked token,
--                                      an ended team membership move it), so in a steady read
--                                      load neither is read again
--   client_get    (src/core/client.c)  the record with identifiers, links, programmes and whether
--                                      an active flag exists (SQL_FULL with db_pg's
--                                      json_agg/json_build_object); the flags' own query runs only
--                                      for a client that has one (74 of 100,000 demo clients)
-- Not here: the audit record (an INSERT through Hearth's writer thread), which is the write
-- half of the request; this script measures what PostgreSQL needs for the read half alone.
-- bench/run sets :clients with pgbench -D; :id is a random client, so the reads are spread over
-- the table.
\set id random(1, :clients)
SELECT n FROM access_epoch WHERE id=1;
SELECT c.id, c.given_name, c.family_name, c.preferred_name, c.birth_date, c.sex, c.gender_identity, c.language, c.phone, c.email, c.address, c.emergency_contacts, c.org_id, c.created_by, c.created_at, c.updated_by, c.updated_at, c.version, coalesce(c.name_order, 'auto') AS name_order, c.address_detail, c.postal_code, c.address_country, o.name AS organisation, (SELECT coalesce(json_agg(json_build_object('kind', x.kind, 'value', x.value)), '[]') FROM (SELECT kind, value FROM client_identifiers WHERE client_id=:id ORDER BY id) x) AS identifiers_json, (SELECT coalesce(json_agg(json_build_object('link_id', x.link_id, 'id', x.id, 'reason', x.reason, 'given_name', x.given_name, 'family_name', x.family_name, 'name_order', x.name_order, 'organisation', x.organisation, 'state', x.state, 'decided_by_name', x.decided_by_name, 'decided_at', x.decided_at)), '[]') FROM (SELECT l.id AS link_id, l.other_id AS id, l.reason, y.given_name, y.family_name, y.name_order, yo.name AS organisation, l.state, d.display_name AS decided_by_name, l.decided_at FROM client_links l JOIN clients y ON y.id=l.other_id JOIN orgs yo ON yo.id=y.org_id LEFT JOIN staff d ON d.id=l.decided_by WHERE l.client_id=:id AND l.state<>'different' UNION SELECT l.id AS link_id, l.client_id AS id, l.reason, y.given_name, y.family_name, y.name_order, yo.name AS organisation, l.state, d.display_name AS decided_by_name, l.decided_at FROM client_links l JOIN clients y ON y.id=l.client_id JOIN orgs yo ON yo.id=y.org_id LEFT JOIN staff d ON d.id=l.decided_by WHERE l.other_id=:id AND l.state<>'different' ORDER BY link_id) x) AS links_json, (SELECT coalesce(json_agg(json_build_object('programme', x.programme, 'status', x.status, 'organisation', x.organisation)), '[]') FROM (SELECT e.programme, e.status, o.name AS organisation FROM episodes e JOIN orgs o ON o.id=e.org_id WHERE e.client_id=:id AND e.status<>'discharged' ORDER BY e.id) x) AS programmes_json, EXISTS (SELECT 1 FROM flags f WHERE f.client_id=:id AND f.status='active') AS has_flags FROM clients c JOIN orgs o ON o.id=c.org_id WHERE c.id=:id;
