# The access matrix: every role x relationship x client-data route, each cell asserted.
#
# Relationships, per role (DESIGN §5, issue 2 §5):
#   team   a client on the care team of an open episode the role's user belongs to
#   org    a client of the user's own organisation (an open episode there), not on their team
#   other  a client of another organisation, no relationship
# The clients are made below, each with an open episode, an ended team membership, a contact and
# a task, by their own case manager:
#   M   Riverside, cm1's; sup, psy1, nurse1, peer1, desk1, housing1, admin and analyst1 join its team
#   R2  Riverside, cm2's                     E   Eastgate, cm4's
#   E2  Eastgate, mx-cm4b's                  N   Northside, mx-ncm's    H   Harbour, mx-hcm's
# team = M (cm4: E); org = R2 (cm4: E2, desk1: N, housing1: H); other = E (cm4: R2).
#
# Writes are made harmless where a success would change the relationships under test: a stale
# If-Match (409), an invalid body (400), a member already on the team (409), an ended membership
# (409): those answers come only after the access check has let the request through. Contacts and
# tasks are really created (201).
#
# Cells deliberately differ from the current server where its behaviour is wrong for real users
# (see README.md, 'Known discrepancies'): an administrator has no client-level data (like an
# analyst), and peer supporters, care-desk officers and housing coordinators may not change an
# episode or its care team.

include who.t

### setup: case manager mx-cm4b
as admin
POST /api/v1/staff
{"username":"mx-cm4b","display_name":"Matrix cm4b","role":"case_manager","discipline":"nurse","org_id":$eastgate,"password":"hearth-demo-2026"}
expect 201
save cm4b_id .id

### setup: case manager mx-ncm
as admin
POST /api/v1/staff
{"username":"mx-ncm","display_name":"Matrix ncm","role":"case_manager","discipline":"social_worker","org_id":$northside,"password":"hearth-demo-2026"}
expect 201
save ncm_id .id

### setup: case manager mx-hcm
as admin
POST /api/v1/staff
{"username":"mx-hcm","display_name":"Matrix hcm","role":"case_manager","discipline":"social_worker","org_id":$harbour,"password":"hearth-demo-2026"}
expect 201
save hcm_id .id

### setup M: the client
as cm1
POST /api/v1/clients
{"given_name":"Matrixa","family_name":"Teamwell","birth_date":"1981-01-11","identifiers":[{"kind":"apitest","value":"MX-TEAM"}]}
expect 201
save team_client .id

### setup M: an open episode, cm1 its primary case manager
as cm1
POST /api/v1/clients/$team_client/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save team_episode .id
json .primary_cm == $cm1_id

### setup M: sup joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$sup_id,"team_role":"other"}
expect 201

### setup M: psy1 joins the team as psychiatrist
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$psy1_id,"team_role":"psychiatrist"}
expect 201

### setup M: nurse1 joins the team as nurse
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$nurse1_id,"team_role":"nurse"}
expect 201

### setup M: peer1 joins the team as peer_supporter
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$peer1_id,"team_role":"peer_supporter"}
expect 201

### setup M: desk1 joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$desk1_id,"team_role":"other"}
expect 201

### setup M: housing1 joins the team as housing_coordinator
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$housing1_id,"team_role":"housing_coordinator"}
expect 201

### setup M: admin joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$admin_id,"team_role":"other"}
expect 201

### setup M: analyst1 joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$analyst1_id,"team_role":"other"}
expect 201

### setup M: a membership that has ended
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$ncm_id,"team_role":"other"}
expect 201
save team_member .id

### setup M: ... ended
as cm1
DELETE /api/v1/team-members/$team_member
expect 200

### setup M: a contact by cm1
as cm1
POST /api/v1/clients/$team_client/contacts
{"kind":"home_visit","at":"2025-03-01T10:00","domains":["housing"],"body":"Matrix setup visit."}
expect 201
save team_contact .id

### setup M: a restricted note by cm1
as cm1
POST /api/v1/clients/$team_client/contacts
{"kind":"office","at":"2025-03-02T10:00","domains":["mental_health_treatment"],"body":"Matrix restricted note.","restricted":true}
expect 201

### setup M: a task by cm1
as cm1
POST /api/v1/clients/$team_client/tasks
{"title":"Matrix setup task","due":"2199-01-01"}
expect 201
save team_task .id

### setup M: its owner and identifier
set team_owner $cm1_id
set team_ident MX-TEAM

### setup R2: the client
as cm2
POST /api/v1/clients
{"given_name":"Matrixo","family_name":"Orgwell","birth_date":"1982-02-12","identifiers":[{"kind":"apitest","value":"MX-ORG"}]}
expect 201
save org_client .id

### setup R2: an open episode, cm2 its primary case manager
as cm2
POST /api/v1/clients/$org_client/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode .id
json .primary_cm == $cm2_id

### setup R2: a membership that has ended
as cm2
POST /api/v1/episodes/$org_episode/team
{"staff_id":$ncm_id,"team_role":"other"}
expect 201
save org_member .id

### setup R2: ... ended
as cm2
DELETE /api/v1/team-members/$org_member
expect 200

### setup R2: a contact by cm2
as cm2
POST /api/v1/clients/$org_client/contacts
{"kind":"home_visit","at":"2025-03-01T10:00","domains":["housing"],"body":"Matrix setup visit."}
expect 201
save org_contact .id

### setup R2: a task by cm2
as cm2
POST /api/v1/clients/$org_client/tasks
{"title":"Matrix setup task","due":"2199-01-01"}
expect 201
save org_task .id

### setup R2: its owner and identifier
set org_owner $cm2_id
set org_ident MX-ORG

### setup E: the client
as cm4
POST /api/v1/clients
{"given_name":"Matrixe","family_name":"Eastwell","birth_date":"1983-03-13","identifiers":[{"kind":"apitest","value":"MX-EAST"}]}
expect 201
save other_client .id

### setup E: an open episode, cm4 its primary case manager
as cm4
POST /api/v1/clients/$other_client/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save other_episode .id
json .primary_cm == $cm4_id

### setup E: a membership that has ended
as cm4
POST /api/v1/episodes/$other_episode/team
{"staff_id":$hcm_id,"team_role":"other"}
expect 201
save other_member .id

### setup E: ... ended
as cm4
DELETE /api/v1/team-members/$other_member
expect 200

### setup E: a contact by cm4
as cm4
POST /api/v1/clients/$other_client/contacts
{"kind":"home_visit","at":"2025-03-01T10:00","domains":["housing"],"body":"Matrix setup visit."}
expect 201
save other_contact .id

### setup E: a task by cm4
as cm4
POST /api/v1/clients/$other_client/tasks
{"title":"Matrix setup task","due":"2199-01-01"}
expect 201
save other_task .id

### setup E: its owner and identifier
set other_owner $cm4_id
set other_ident MX-EAST

### setup E2: the client
as mx-cm4b
POST /api/v1/clients
{"given_name":"Matrixf","family_name":"Eastother","birth_date":"1984-04-14","identifiers":[{"kind":"apitest","value":"MX-EAST2"}]}
expect 201
save org_client@cm4 .id

### setup E2: an open episode, mx-cm4b its primary case manager
as mx-cm4b
POST /api/v1/clients/${org_client@cm4}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode@cm4 .id
json .primary_cm == $cm4b_id

### setup E2: a membership that has ended
as mx-cm4b
POST /api/v1/episodes/${org_episode@cm4}/team
{"staff_id":$ncm_id,"team_role":"other"}
expect 201
save org_member@cm4 .id

### setup E2: ... ended
as mx-cm4b
DELETE /api/v1/team-members/${org_member@cm4}
expect 200

### setup E2: a contact by mx-cm4b
as mx-cm4b
POST /api/v1/clients/${org_client@cm4}/contacts
{"kind":"home_visit","at":"2025-03-01T10:00","domains":["housing"],"body":"Matrix setup visit."}
expect 201
save org_contact@cm4 .id

### setup E2: a task by mx-cm4b
as mx-cm4b
POST /api/v1/clients/${org_client@cm4}/tasks
{"title":"Matrix setup task","due":"2199-01-01"}
expect 201
save org_task@cm4 .id

### setup E2: its owner and identifier
set org_owner@cm4 $cm4b_id
set org_ident@cm4 MX-EAST2

### setup N: the client
as mx-ncm
POST /api/v1/clients
{"given_name":"Matrixn","family_name":"Northwell","birth_date":"1985-05-15","identifiers":[{"kind":"apitest","value":"MX-NORTH"}]}
expect 201
save org_client@desk1 .id

### setup N: an open episode, mx-ncm its primary case manager
as mx-ncm
POST /api/v1/clients/${org_client@desk1}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode@desk1 .id
json .primary_cm == $ncm_id

### setup N: a membership that has ended
as mx-ncm
POST /api/v1/episodes/${org_episode@desk1}/team
{"staff_id":$hcm_id,"team_role":"other"}
expect 201
save org_member@desk1 .id

### setup N: ... ended
as mx-ncm
DELETE /api/v1/team-members/${org_member@desk1}
expect 200

### setup N: a contact by mx-ncm
as mx-ncm
POST /api/v1/clients/${org_client@desk1}/contacts
{"kind":"home_visit","at":"2025-03-01T10:00","domains":["housing"],"body":"Matrix setup visit."}
expect 201
save org_contact@desk1 .id

### setup N: a task by mx-ncm
as mx-ncm
POST /api/v1/clients/${org_client@desk1}/tasks
{"title":"Matrix setup task","due":"2199-01-01"}
expect 201
save org_task@desk1 .id

### setup N: its owner and identifier
set org_owner@desk1 $ncm_id
set org_ident@desk1 MX-NORTH

### setup H: the client
as mx-hcm
POST /api/v1/clients
{"given_name":"Matrixh","family_name":"Harbourwell","birth_date":"1986-06-16","identifiers":[{"kind":"apitest","value":"MX-HARB"}]}
expect 201
save org_client@housing1 .id

### setup H: an open episode, mx-hcm its primary case manager
as mx-hcm
POST /api/v1/clients/${org_client@housing1}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode@housing1 .id
json .primary_cm == $hcm_id

### setup H: a membership that has ended
as mx-hcm
POST /api/v1/episodes/${org_episode@housing1}/team
{"staff_id":$ncm_id,"team_role":"other"}
expect 201
save org_member@housing1 .id

### setup H: ... ended
as mx-hcm
DELETE /api/v1/team-members/${org_member@housing1}
expect 200

### setup H: a contact by mx-hcm
as mx-hcm
POST /api/v1/clients/${org_client@housing1}/contacts
{"kind":"home_visit","at":"2025-03-01T10:00","domains":["housing"],"body":"Matrix setup visit."}
expect 201
save org_contact@housing1 .id

### setup H: a task by mx-hcm
as mx-hcm
POST /api/v1/clients/${org_client@housing1}/tasks
{"title":"Matrix setup task","due":"2199-01-01"}
expect 201
save org_task@housing1 .id

### setup H: its owner and identifier
set org_owner@housing1 $hcm_id
set org_ident@housing1 MX-HARB

### setup: cm4's team client is E, its other-organisation client is R2
set team_client@cm4 $other_client
set other_client@cm4 $org_client
set team_episode@cm4 $other_episode
set other_episode@cm4 $org_episode
set team_member@cm4 $other_member
set other_member@cm4 $org_member
set team_contact@cm4 $other_contact
set other_contact@cm4 $org_contact
set team_task@cm4 $other_task
set other_task@cm4 $org_task
set team_owner@cm4 $other_owner
set other_owner@cm4 $org_owner
set team_ident@cm4 $other_ident
set other_ident@cm4 $org_ident

### setup: an emergency access for the supervisor's review list (cm1 on an Eastgate client)
as cm4
POST /api/v1/clients
{"given_name":"Matrixg","family_name":"Glasswell","birth_date":"1987-07-17"}
expect 201
save glass_client .id

### setup: ... cm1 breaks the glass
as cm1
POST /api/v1/clients/$glass_client/break-glass
{"reason":"Matrix setup: crisis call at night."}
expect 201
save review_bg .id

### setup M: a look-alike registered by its owner, linked to it
as cm1
POST /api/v1/clients
{"given_name":"Matrixa","family_name":"Teamwell","birth_date":"1981-01-11","confirm_new":true}
expect 201

### setup M: ... the link, suggested
as cm1
GET /api/v1/clients/$team_client
expect 200
json .links length 1
json .links[0].state == "suggested"
save team_link .links[0].link_id

### setup R2: a look-alike registered by its owner, linked to it
as cm2
POST /api/v1/clients
{"given_name":"Matrixo","family_name":"Orgwell","birth_date":"1982-02-12","confirm_new":true}
expect 201

### setup R2: ... the link, suggested
as cm2
GET /api/v1/clients/$org_client
expect 200
json .links length 1
json .links[0].state == "suggested"
save org_link .links[0].link_id

### setup E: a look-alike registered by its owner, linked to it
as cm4
POST /api/v1/clients
{"given_name":"Matrixe","family_name":"Eastwell","birth_date":"1983-03-13","confirm_new":true}
expect 201

### setup E: ... the link, suggested
as cm4
GET /api/v1/clients/$other_client
expect 200
json .links length 1
json .links[0].state == "suggested"
save other_link .links[0].link_id

### setup E2: a look-alike registered by its owner, linked to it
as mx-cm4b
POST /api/v1/clients
{"given_name":"Matrixf","family_name":"Eastother","birth_date":"1984-04-14","confirm_new":true}
expect 201

### setup E2: ... the link, suggested
as mx-cm4b
GET /api/v1/clients/${org_client@cm4}
expect 200
json .links length 1
json .links[0].state == "suggested"
save org_link@cm4 .links[0].link_id

### setup N: a look-alike registered by its owner, linked to it
as mx-ncm
POST /api/v1/clients
{"given_name":"Matrixn","family_name":"Northwell","birth_date":"1985-05-15","confirm_new":true}
expect 201

### setup N: ... the link, suggested
as mx-ncm
GET /api/v1/clients/${org_client@desk1}
expect 200
json .links length 1
json .links[0].state == "suggested"
save org_link@desk1 .links[0].link_id

### setup H: a look-alike registered by its owner, linked to it
as mx-hcm
POST /api/v1/clients
{"given_name":"Matrixh","family_name":"Harbourwell","birth_date":"1986-06-16","confirm_new":true}
expect 201

### setup H: ... the link, suggested
as mx-hcm
GET /api/v1/clients/${org_client@housing1}
expect 200
json .links length 1
json .links[0].state == "suggested"
save org_link@housing1 .links[0].link_id

### setup: cm4's team link is E's, its other-organisation link R2's
set team_link@cm4 $other_link
set other_link@cm4 $org_link

### setup: an episode opened on another worker's client, for the supervisor's review list (cm3 on R2)
as cm3
POST /api/v1/clients/$org_client/episodes
{"programme":"housing_support","target_group":"severe","status":"intake","reason":"Matrix setup: housing programme asked for."}
expect 201
save review_ep .id

### setup: ... its entry in the review list
as sup
GET /api/v1/episode-opens?pending=1
expect 200
json .items[0].episode_id == $review_ep
save review_eo .items[0].id

### the access matrix
matrix
roles                                                                  admin  sup       cm1       psy1      nurse1    peer1       desk1         housing1    analyst1 cm4
# tags: assertions a cell adds with /NAME ({x} is the cell's variable, as in the paths)
tag seen      json .items[*].id contains {client}
tag unseen    json .items length 0
tag full      json .access.level == "full"
tag full      json .access.break_glass == false
tag full      json .address exists
tag find      json .access.level == "find"
tag find      json .address missing
tag find      json .birth_date missing
tag nonotes   json .access.notes == false
tag shown     json .items[*].restricted contains 1
tag shown     json .items[*].hidden excludes true
tag hidden    json .items[*].restricted contains 1
tag hidden    json .items[*].hidden contains true
tag hidden    json .items[*].body contains null
tag own       json .items[*].staff_id excludes {owner}
tag mine      json .items[*].id contains {client}
tag notmine   json .items[*].id excludes {client}
tag short     json .errors.reason == "give the reason in 10 to 1000 characters"
tag needless  json .errors.reason contains not needed
tag everyone  json .items[*].username contains "cm4"
tag ownorg    json .items[*].username contains "cm1"
tag ownorg    json .items[*].username excludes "cm4"
tag brief     json .items[0].username missing
tag noreason  json .errors.reason missing
tag reason    json .errors.reason exists
#
# search: restricted to what the role may see (admin and analyst: no client records at all)
team  GET    /api/v1/clients?identifier={ident}                              | 403    200/seen  200/seen  200/seen  200/seen  200/seen    200/seen      200/seen    403      200/seen
org   GET    /api/v1/clients?identifier={ident}                              | 403    200/seen  200/seen  200/seen  200/seen  200/unseen  200/seen      200/seen    403      200/seen
other GET    /api/v1/clients?identifier={ident}                              | 403    200/unseen 200/unseen 200/unseen 200/unseen 200/unseen 200/unseen  200/unseen  403      200/unseen
# read the record: full on the team, only what is needed to find the client in the same organisation
team  GET    /api/v1/clients/{client}                                        | 403*   200+/full 200+/full 200+/full 200+/full 200+/full   200+/nonotes  200+/full   403*     200+/full
org   GET    /api/v1/clients/{client}                                        | 403*   200+/full 200+/find 200+/find 200+/find 403*        200+/find     200+/find   403*     200+/find
other GET    /api/v1/clients/{client}                                        | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
# change the record (a stale version: 409 once past the access check)
team  PUT    /api/v1/clients/{client} If-Match:0 {}                          | 403* 409 409 409 409 403* 409 409 403* 409
org   PUT    /api/v1/clients/{client} If-Match:0 {}                          | 403*   409       403*      403*      403*      403*        403*          403*        403*     403*
other PUT    /api/v1/clients/{client} If-Match:0 {}                          | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
# possible duplicates: confirmed or dismissed by the clinical roles caring for the client (an unknown state: 400 once allowed)
team  POST   /api/v1/client-links/{link}/decision {"state":"nope"}           | 403*   400       400       400       400       403*        403*          403*        403*     400
org   POST   /api/v1/client-links/{link}/decision {"state":"nope"}           | 403*   400       403*      403*      403*      403*        403*          403*        403*     403*
other POST   /api/v1/client-links/{link}/decision {"state":"nope"}           | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
# history and the access log
team  GET    /api/v1/clients/{client}/history                                | 403*   200+      200+      200+      200+      200+        200+          200+        403*     200+
org   GET    /api/v1/clients/{client}/history                                | 403*   200+      403*      403*      403*      403*        403*          403*        403*     403*
other GET    /api/v1/clients/{client}/history                                | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
team  GET    /api/v1/clients/{client}/access-log                             | 403*   200+      200+      200+      200+      200+        200+          200+        403*     200+
org   GET    /api/v1/clients/{client}/access-log                             | 403*   200+      403*      403*      403*      403*        403*          403*        403*     403*
other GET    /api/v1/clients/{client}/access-log                             | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
# episodes: list; open (an invalid programme: 400 once allowed); change (stale: 409)
team  GET    /api/v1/clients/{client}/episodes                               | 403*   200+      200+      200+      200+      200+        200+          200+        403*     200+
org   GET    /api/v1/clients/{client}/episodes                               | 403*   200+      403*      403*      403*      403*        403*          403*        403*     403*
other GET    /api/v1/clients/{client}/episodes                               | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
team  POST   /api/v1/clients/{client}/episodes {"programme":"nope"}          | 403    400/noreason 400/noreason 400/noreason 400/noreason 403 400/noreason 403   403      400/noreason
org   POST   /api/v1/clients/{client}/episodes {"programme":"nope"}          | 403    400/noreason 400/reason 400/reason 400/reason 403   400/reason    403         403      400/reason
other POST   /api/v1/clients/{client}/episodes {"programme":"nope"}          | 403    403*      403*      403*      403*      403         403*          403         403      403*
team  PATCH  /api/v1/episodes/{episode} If-Match:0 {}                        | 403*   409       409       409       409       403*        403*          403*        403*     409
org   PATCH  /api/v1/episodes/{episode} If-Match:0 {}                        | 403*   409       403*      403*      403*      403*        403*          403*        403*     403*
other PATCH  /api/v1/episodes/{episode} If-Match:0 {}                        | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
# care team: add someone already on it (409 once allowed); end a membership that has ended (409)
team  POST   /api/v1/episodes/{episode}/team {"staff_id":{owner},"team_role":"other"} | 403* 409  409       409       409       403*        403*          403*        403*     409
org   POST   /api/v1/episodes/{episode}/team {"staff_id":{owner},"team_role":"other"} | 403* 409  403*      403*      403*      403*        403*          403*        403*     403*
other POST   /api/v1/episodes/{episode}/team {"staff_id":{owner},"team_role":"other"} | 403* 403* 403*      403*      403*      403*        403*          403*        403*     403*
team  DELETE /api/v1/team-members/{member}                                   | 403*   409       409       409       409       403*        403*          403*        403*     409
org   DELETE /api/v1/team-members/{member}                                   | 403*   409       403*      403*      403*      403*        403*          403*        403*     403*
other DELETE /api/v1/team-members/{member}                                   | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
# contacts: list (restricted text only for supervisors, case managers, clinicians; none for the care desk)
team  GET    /api/v1/clients/{client}/contacts                               | 403* 200+/shown 200+/shown 200+/shown 200+/shown 200+/own 403* 200+/hidden 403* 200+
org   GET    /api/v1/clients/{client}/contacts                               | 403*   200+      403*      403*      403*      403*        403*          403*        403*     403*
other GET    /api/v1/clients/{client}/contacts                               | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
team  POST   /api/v1/clients/{client}/contacts {"kind":"phone","at":"2025-03-03T10:00","domains":["peer_support"],"body":"Matrix call."} | 403* 201+ 201+ 201+ 201+ 201+ 201+ 201+ 403* 201+
org   POST   /api/v1/clients/{client}/contacts {"kind":"phone","at":"2025-03-03T10:00","domains":["peer_support"],"body":"Matrix call."} | 403* 201+ 403* 403* 403* 403* 403* 403* 403* 403*
other POST   /api/v1/clients/{client}/contacts {"kind":"phone","at":"2025-03-03T10:00","domains":["peer_support"],"body":"Matrix call."} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
team  GET    /api/v1/contacts/{contact}                                      | 403* 200+ 200+ 200+ 200+ 403* 403* 200+ 403* 200+
org   GET    /api/v1/contacts/{contact}                                      | 403*   200+      403*      403*      403*      403*        403*          403*        403*     403*
other GET    /api/v1/contacts/{contact}                                      | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
# corrections: only the author or a supervisor (no reason: 400 once allowed)
team  POST   /api/v1/contacts/{contact}/corrections {}                       | 403*   400       400       403*      403*      403*        403*          403*        403*     400
org   POST   /api/v1/contacts/{contact}/corrections {}                       | 403*   400       403*      403*      403*      403*        403*          403*        403*     403*
other POST   /api/v1/contacts/{contact}/corrections {}                       | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
# tasks: list, create, change (only the assignee, the creator or a supervisor; stale: 409)
team  GET    /api/v1/clients/{client}/tasks                                  | 403*   200+      200+      200+      200+      200+        200+          200+        403*     200+
org   GET    /api/v1/clients/{client}/tasks                                  | 403*   200+      403*      403*      403*      403*        403*          403*        403*     403*
other GET    /api/v1/clients/{client}/tasks                                  | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
team  POST   /api/v1/clients/{client}/tasks {"title":"Matrix task"}          | 403*   201+      201+      201+      201+      201+        201+          201+        403*     201+
org   POST   /api/v1/clients/{client}/tasks {"title":"Matrix task"}          | 403*   201+      403*      403*      403*      403*        403*          403*        403*     403*
other POST   /api/v1/clients/{client}/tasks {"title":"Matrix task"}          | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
team  PATCH  /api/v1/tasks/{task} If-Match:0 {}                              | 403*   409       409       403*      403*      403*        403*          403*        403*     409
org   PATCH  /api/v1/tasks/{task} If-Match:0 {}                              | 403*   409       403*      403*      403*      403*        403*          403*        403*     403*
other PATCH  /api/v1/tasks/{task} If-Match:0 {}                              | 403*   403*      403*      403*      403*      403*        403*          403*        403*     403*
# my clients: the caseload lists team clients only (and none for admin and analyst)
team  GET    /api/v1/my-clients                                              | 200/notmine 200/mine 200/mine 200/mine 200/mine 200/mine  200/mine      200/mine    200/notmine 200/mine
org   GET    /api/v1/my-clients                                              | 200/notmine 200/notmine 200/notmine 200/notmine 200/notmine 200/notmine 200/notmine 200/notmine 200/notmine 200/notmine
other GET    /api/v1/my-clients                                              | 200/notmine 200/notmine 200/notmine 200/notmine 200/notmine 200/notmine 200/notmine 200/notmine 200/notmine 200/notmine
# break-glass: a reason too short (400 once allowed; 'not needed' with full access already)
team  POST   /api/v1/clients/{client}/break-glass {"reason":"short"}         | 403    400/needless 400/needless 400/needless 400/needless 403 400/needless 400/needless 403 400/needless
org   POST   /api/v1/clients/{client}/break-glass {"reason":"short"}         | 403    400/needless 400/short 400/short 400/short 403      400/short     400/short   403      400/short
other POST   /api/v1/clients/{client}/break-glass {"reason":"short"}         | 403    400/short 400/short 400/short 400/short 403         400/short     400/short   403      400/short
# routes without a relationship: by role only
-     POST   /api/v1/clients {}                                              | 403    400       400       400       400       403         400           400         403      400
-     GET    /api/v1/tasks                                                   | 200    200       200       200       200       200         200           200         200      200
-     POST   /api/v1/tasks {"title":"Matrix task without a client"}          | 201    201       201       201       201       201         201           201         201      201
-     GET    /api/v1/break-glass                                             | 200    200       403       403       403       403         403           403         403      403
-     POST   /api/v1/break-glass/{review_bg}/review {}                              | 403    400       403       403       403       403         403           403         403      403
-     GET    /api/v1/episode-opens                                           | 200    200       403       403       403       403         403           403         403      403
-     POST   /api/v1/episode-opens/{review_eo}/review {}                     | 403    400       403       403       403       403         403           403         403      403
-     GET    /api/v1/orgs                                                    | 200    403       403       403       403       403         403           403         403      403
-     POST   /api/v1/orgs {}                                                 | 400    403       403       403       403       403         403           403         403      403
-     PATCH  /api/v1/orgs/1 If-Match:0 {}                                    | 409    403       403       403       403       403         403           403         403      403
-     GET    /api/v1/staff                                                   | 200/everyone 200/ownorg 200/brief 200/brief 200/brief 200/brief 200/brief 200/brief 200/brief 200/brief
-     PATCH  /api/v1/staff/{cm2_id} If-Match:0 {}                            | 409    403       403       403       403       403         403           403         403      403
-     POST   /api/v1/staff {}                                                | 400    403       403       403       403       403         403           403         403      403
