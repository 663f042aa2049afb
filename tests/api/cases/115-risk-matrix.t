# The access matrix of the risk and crisis routes (issue 4 §4): every role x relationship x route,
# each cell asserted, denials audited ('*'), reads and writes audited ('+').
#
# Relationships, as in matrix.t (set up here again under other names, so this file runs alone):
#   team   a client on the care team of an open episode the role's user belongs to
#   org    a client of the user's own organisation (an open episode there), not on their team
#   other  a client of another organisation, no relationship
# Clients (each with an open episode, a low relapse-signs flag, a hospital stay and a safety plan,
# made by its own case manager):
#   RM  Riverside, cm1's; sup, psy1, nurse1, peer1, desk1, housing1, admin and analyst1 join its team
#   RR  Riverside, cm2's        RE  Eastgate, cm4's
#   RE2 Eastgate, rk-cm4b's     RN  Northside, rk-ncm's    RH  Harbour, rk-hcm's
# team = RM (cm4: RE); org = RR (cm4: RE2, desk1: RN, housing1: RH); other = RE (cm4: RR).
#
# Writes change nothing once let through: an invalid body (400) or a stale If-Match (409).
# Who may do what beyond access (core/risk.h): anyone with full access raises flags, records crisis
# events and hospital stays; a flag is reviewed by a supervisor, case manager or clinician, or by
# whoever raised it; a safety plan is written by a supervisor, case manager or clinician and read by
# those who read notes (peer supporters on the team included, not a care-desk officer); the notes and
# actions of a crisis event likewise (a care-desk officer sees that a crisis happened and, in the
# crisis view, who to call); the rota is kept by a supervisor or an administrator; kinds of flag are
# added by an administrator.

include who.t

### setup: case manager rk-cm4b
as admin
POST /api/v1/staff
{"username":"rk-cm4b","display_name":"Risk rk-cm4b","role":"case_manager","discipline":"nurse","org_id":$eastgate,"password":"hearth-demo-2026"}
expect 201
save rk_cm4b_id .id

### setup: case manager rk-ncm
as admin
POST /api/v1/staff
{"username":"rk-ncm","display_name":"Risk rk-ncm","role":"case_manager","discipline":"social_worker","org_id":$northside,"password":"hearth-demo-2026"}
expect 201
save rk_ncm_id .id

### setup: case manager rk-hcm
as admin
POST /api/v1/staff
{"username":"rk-hcm","display_name":"Risk rk-hcm","role":"case_manager","discipline":"social_worker","org_id":$harbour,"password":"hearth-demo-2026"}
expect 201
save rk_hcm_id .id

### setup RM: the client
as cm1
POST /api/v1/clients
{"given_name":"Riskmat","family_name":"Teamford","birth_date":"1971-01-21"}
expect 201
save team_client .id

### setup RM: an open episode, cm1 its primary case manager
as cm1
POST /api/v1/clients/$team_client/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save team_episode .id

### setup RM: sup joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$sup_id,"team_role":"other"}
expect 201

### setup RM: psy1 joins the team as psychiatrist
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$psy1_id,"team_role":"psychiatrist"}
expect 201

### setup RM: nurse1 joins the team as nurse
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$nurse1_id,"team_role":"nurse"}
expect 201

### setup RM: peer1 joins the team as peer_supporter
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$peer1_id,"team_role":"peer_supporter"}
expect 201

### setup RM: desk1 joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$desk1_id,"team_role":"other"}
expect 201

### setup RM: housing1 joins the team as housing_coordinator
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$housing1_id,"team_role":"housing_coordinator"}
expect 201

### setup RM: admin joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$admin_id,"team_role":"other"}
expect 201

### setup RM: analyst1 joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$analyst1_id,"team_role":"other"}
expect 201

### setup RM: a flag
as cm1
POST /api/v1/clients/$team_client/flags
{"kind":"relapse_signs","level":"low","reason":"Matrix setup flag."}
expect 201
save team_flag .id

### setup RM: a hospital stay
as cm1
POST /api/v1/clients/$team_client/hospitalisations
{"hospital":"Matrix Hospital","admission_type":"voluntary","admitted_at":"2025-03-01T10:00"}
expect 201
save team_hosp .id

### setup RM: a safety plan
as cm1
POST /api/v1/clients/$team_client/safety-plan
If-Match: 0
{"warning_signs":["Matrix setup sign."]}
expect 201

### setup RM: a crisis event with notes
as cm1
POST /api/v1/clients/$team_client/crisis-events
{"occurred_at":"2025-03-02T03:00","kind":"other","severity":"low","response_mode":"phone","actions":"Matrix crisis actions.","outcome":"stabilised_at_home","notes":"Matrix crisis note."}
expect 201

### setup RR: the client
as cm2
POST /api/v1/clients
{"given_name":"Riskmat","family_name":"Orgford","birth_date":"1972-02-22"}
expect 201
save org_client .id

### setup RR: an open episode, cm2 its primary case manager
as cm2
POST /api/v1/clients/$org_client/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode .id

### setup RR: a flag
as cm2
POST /api/v1/clients/$org_client/flags
{"kind":"relapse_signs","level":"low","reason":"Matrix setup flag."}
expect 201
save org_flag .id

### setup RR: a hospital stay
as cm2
POST /api/v1/clients/$org_client/hospitalisations
{"hospital":"Matrix Hospital","admission_type":"voluntary","admitted_at":"2025-03-01T10:00"}
expect 201
save org_hosp .id

### setup RR: a safety plan
as cm2
POST /api/v1/clients/$org_client/safety-plan
If-Match: 0
{"warning_signs":["Matrix setup sign."]}
expect 201

### setup RE: the client
as cm4
POST /api/v1/clients
{"given_name":"Riskmat","family_name":"Eastford","birth_date":"1973-03-23"}
expect 201
save other_client .id

### setup RE: an open episode, cm4 its primary case manager
as cm4
POST /api/v1/clients/$other_client/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save other_episode .id

### setup RE: a flag
as cm4
POST /api/v1/clients/$other_client/flags
{"kind":"relapse_signs","level":"low","reason":"Matrix setup flag."}
expect 201
save other_flag .id

### setup RE: a hospital stay
as cm4
POST /api/v1/clients/$other_client/hospitalisations
{"hospital":"Matrix Hospital","admission_type":"voluntary","admitted_at":"2025-03-01T10:00"}
expect 201
save other_hosp .id

### setup RE: a safety plan
as cm4
POST /api/v1/clients/$other_client/safety-plan
If-Match: 0
{"warning_signs":["Matrix setup sign."]}
expect 201

### setup RE: a crisis event with notes
as cm4
POST /api/v1/clients/$other_client/crisis-events
{"occurred_at":"2025-03-02T03:00","kind":"other","severity":"low","response_mode":"phone","actions":"Matrix crisis actions.","outcome":"stabilised_at_home","notes":"Matrix crisis note."}
expect 201

### setup RE2: the client
as rk-cm4b
POST /api/v1/clients
{"given_name":"Riskmat","family_name":"Eastother","birth_date":"1974-04-24"}
expect 201
save org_client@cm4 .id

### setup RE2: an open episode, rk-cm4b its primary case manager
as rk-cm4b
POST /api/v1/clients/${org_client@cm4}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode@cm4 .id

### setup RE2: a flag
as rk-cm4b
POST /api/v1/clients/${org_client@cm4}/flags
{"kind":"relapse_signs","level":"low","reason":"Matrix setup flag."}
expect 201
save org_flag@cm4 .id

### setup RE2: a hospital stay
as rk-cm4b
POST /api/v1/clients/${org_client@cm4}/hospitalisations
{"hospital":"Matrix Hospital","admission_type":"voluntary","admitted_at":"2025-03-01T10:00"}
expect 201
save org_hosp@cm4 .id

### setup RE2: a safety plan
as rk-cm4b
POST /api/v1/clients/${org_client@cm4}/safety-plan
If-Match: 0
{"warning_signs":["Matrix setup sign."]}
expect 201

### setup RN: the client
as rk-ncm
POST /api/v1/clients
{"given_name":"Riskmat","family_name":"Northford","birth_date":"1975-05-25"}
expect 201
save org_client@desk1 .id

### setup RN: an open episode, rk-ncm its primary case manager
as rk-ncm
POST /api/v1/clients/${org_client@desk1}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode@desk1 .id

### setup RN: a flag
as rk-ncm
POST /api/v1/clients/${org_client@desk1}/flags
{"kind":"relapse_signs","level":"low","reason":"Matrix setup flag."}
expect 201
save org_flag@desk1 .id

### setup RN: a hospital stay
as rk-ncm
POST /api/v1/clients/${org_client@desk1}/hospitalisations
{"hospital":"Matrix Hospital","admission_type":"voluntary","admitted_at":"2025-03-01T10:00"}
expect 201
save org_hosp@desk1 .id

### setup RN: a safety plan
as rk-ncm
POST /api/v1/clients/${org_client@desk1}/safety-plan
If-Match: 0
{"warning_signs":["Matrix setup sign."]}
expect 201

### setup RH: the client
as rk-hcm
POST /api/v1/clients
{"given_name":"Riskmat","family_name":"Harbourford","birth_date":"1976-06-26"}
expect 201
save org_client@housing1 .id

### setup RH: an open episode, rk-hcm its primary case manager
as rk-hcm
POST /api/v1/clients/${org_client@housing1}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode@housing1 .id

### setup RH: a flag
as rk-hcm
POST /api/v1/clients/${org_client@housing1}/flags
{"kind":"relapse_signs","level":"low","reason":"Matrix setup flag."}
expect 201
save org_flag@housing1 .id

### setup RH: a hospital stay
as rk-hcm
POST /api/v1/clients/${org_client@housing1}/hospitalisations
{"hospital":"Matrix Hospital","admission_type":"voluntary","admitted_at":"2025-03-01T10:00"}
expect 201
save org_hosp@housing1 .id

### setup RH: a safety plan
as rk-hcm
POST /api/v1/clients/${org_client@housing1}/safety-plan
If-Match: 0
{"warning_signs":["Matrix setup sign."]}
expect 201

### setup: cm4's team client is RE, its other-organisation client is RR
set team_client@cm4 $other_client
set other_client@cm4 $org_client
set team_flag@cm4 $other_flag
set other_flag@cm4 $org_flag
set team_hosp@cm4 $other_hosp
set other_hosp@cm4 $org_hosp

### setup: a past shift in Riverside's rota
as sup
POST /api/v1/oncall
{"staff_id":$cm1_id,"starts_at":"2025-02-01T09:00","ends_at":"2025-02-02T09:00"}
expect 201
save past_shift .id

### the access matrix of risk and crisis
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
# tags
tag plan     json .warning_signs[0].text == "Matrix setup sign."
tag flags    json .items[*].id contains {flag}
tag view     json .client.id == {client}
tag view     json .safety_plan.version == 1
tag vnotes   json .crisis_events[0].notes == "Matrix crisis note."
tag deskview json .client.id == {client}
tag deskview json .safety_plan == null
tag deskview json .safety_plan_hidden == true
tag deskview json .crisis_events[0].hidden == true
tag deskview json .crisis_events[0].notes == null
tag deskview json .crisis_events[0].actions == null
tag deskview json .care_team exists
tag cnotes   json .items[0].notes == "Matrix crisis note."
tag cnotes   json .items[0].actions == "Matrix crisis actions."
tag nocnotes json .items[0].hidden == true
tag nocnotes json .items[0].notes == null
tag nocnotes json .items[0].actions == null
tag checkin  json .items[0].summary == true
tag checkin  json .items[0].kind == null
tag checkin  json .items[0].check_in exists
tag why      json .items[0].details_hidden == false
tag why      json .items[0].hospital exists
tag nowhy    json .items[0].details_hidden == true
tag nowhy    json .items[0].reason == null
tag nowhy    json .items[0].admitted_at exists
tag kinds    json .items[*].name contains "suicide_risk"
tag now      json .on_call exists
tag rota     json .items exists
# flags: list (every read audited), raise (an invalid kind: 400), review (stale: 409)
team  GET    /api/v1/clients/{client}/flags | 403* 200+/flags 200+/flags 200+/flags 200+/flags 200+/flags 200+/flags 200+/flags 403* 200+/flags
org   GET    /api/v1/clients/{client}/flags | 403* 200+/flags 403* 403* 403* 403* 403* 403* 403* 403*
other GET    /api/v1/clients/{client}/flags | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
team  POST   /api/v1/clients/{client}/flags {"kind":"nope","level":"low","reason":"x"} | 403* 400 400 400 400 400 400 400 403* 400
org   POST   /api/v1/clients/{client}/flags {"kind":"nope","level":"low","reason":"x"} | 403* 400 403* 403* 403* 403* 403* 403* 403* 403*
other POST   /api/v1/clients/{client}/flags {"kind":"nope","level":"low","reason":"x"} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
team  POST   /api/v1/flags/{flag}/review If-Match:0 {"outcome":"continued","note":"Matrix review.","next_review":"2199-01-01"} | 403* 409 409 409 409 403* 403* 403* 403* 409
org   POST   /api/v1/flags/{flag}/review If-Match:0 {"outcome":"continued","note":"Matrix review.","next_review":"2199-01-01"} | 403* 409 403* 403* 403* 403* 403* 403* 403* 403*
other POST   /api/v1/flags/{flag}/review If-Match:0 {"outcome":"continued","note":"Matrix review.","next_review":"2199-01-01"} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
# crisis events: list, record (an empty body: 400); the crisis view
team  GET    /api/v1/clients/{client}/crisis-events | 403* 200+/cnotes 200+/cnotes 200+/cnotes 200+/cnotes 200+/nocnotes/checkin 200+/nocnotes 200+/cnotes 403* 200+/cnotes
org   GET    /api/v1/clients/{client}/crisis-events | 403* 200+ 403* 403* 403* 403* 403* 403* 403* 403*
other GET    /api/v1/clients/{client}/crisis-events | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
team  POST   /api/v1/clients/{client}/crisis-events {} | 403* 400 400 400 400 400 400 400 403* 400
org   POST   /api/v1/clients/{client}/crisis-events {} | 403* 400 403* 403* 403* 403* 403* 403* 403* 403*
other POST   /api/v1/clients/{client}/crisis-events {} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
team  GET    /api/v1/clients/{client}/crisis-view | 403* 200+/view/vnotes 200+/view/vnotes 200+/view/vnotes 200+/view/vnotes 403* 200+/deskview 200+/view/vnotes 403* 200+/view/vnotes
org   GET    /api/v1/clients/{client}/crisis-view | 403* 200+/view 403* 403* 403* 403* 403* 403* 403* 403*
other GET    /api/v1/clients/{client}/crisis-view | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
# safety plans: read and history for all with full access; a new version (stale: 409) by clinical roles
team  GET    /api/v1/clients/{client}/safety-plan | 403* 200+/plan 200+/plan 200+/plan 200+/plan 200+/plan 403* 200+/plan 403* 200+/plan
org   GET    /api/v1/clients/{client}/safety-plan | 403* 200+/plan 403* 403* 403* 403* 403* 403* 403* 403*
other GET    /api/v1/clients/{client}/safety-plan | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
team  POST   /api/v1/clients/{client}/safety-plan If-Match:0 {"warning_signs":["Matrix sign."]} | 403* 409 409 409 409 403* 403* 403* 403* 409
org   POST   /api/v1/clients/{client}/safety-plan If-Match:0 {"warning_signs":["Matrix sign."]} | 403* 409 403* 403* 403* 403* 403* 403* 403* 403*
other POST   /api/v1/clients/{client}/safety-plan If-Match:0 {"warning_signs":["Matrix sign."]} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
team  GET    /api/v1/clients/{client}/safety-plan/history | 403* 200+ 200+ 200+ 200+ 200+ 403* 200+ 403* 200+
org   GET    /api/v1/clients/{client}/safety-plan/history | 403* 200+ 403* 403* 403* 403* 403* 403* 403* 403*
other GET    /api/v1/clients/{client}/safety-plan/history | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
# hospital stays: list, admit (an empty body: 400), discharge (stale: 409)
team  GET    /api/v1/clients/{client}/hospitalisations | 403* 200+/why 200+/why 200+/why 200+/why 200+/nowhy 200+/why 200+/why 403* 200+/why
org   GET    /api/v1/clients/{client}/hospitalisations | 403* 200+ 403* 403* 403* 403* 403* 403* 403* 403*
other GET    /api/v1/clients/{client}/hospitalisations | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
team  POST   /api/v1/clients/{client}/hospitalisations {} | 403* 400 400 400 400 403* 400 400 403* 400
org   POST   /api/v1/clients/{client}/hospitalisations {} | 403* 400 403* 403* 403* 403* 403* 403* 403* 403*
other POST   /api/v1/clients/{client}/hospitalisations {} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
team  POST   /api/v1/hospitalisations/{hosp}/discharge If-Match:0 {"discharged_at":"2025-03-10T10:00"} | 403* 409 409 409 409 403* 409 409 403* 409
org   POST   /api/v1/hospitalisations/{hosp}/discharge If-Match:0 {"discharged_at":"2025-03-10T10:00"} | 403* 409 403* 403* 403* 403* 403* 403* 403* 403*
other POST   /api/v1/hospitalisations/{hosp}/discharge If-Match:0 {"discharged_at":"2025-03-10T10:00"} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
# assessments: read and recorded by those who may read notes (not the care desk); a trajectory
team  GET    /api/v1/clients/{client}/assessments | 403* 200+ 200+ 200+ 200+ 403* 403* 200+ 403* 200+
org   GET    /api/v1/clients/{client}/assessments | 403* 200+ 403* 403* 403* 403* 403* 403* 403* 403*
other GET    /api/v1/clients/{client}/assessments | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
team  POST   /api/v1/clients/{client}/assessments {} | 403* 400 400 400 400 400 403* 400 403* 400
org   POST   /api/v1/clients/{client}/assessments {} | 403* 400 403* 403* 403* 403* 403* 403* 403* 403*
other POST   /api/v1/clients/{client}/assessments {} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
team  GET    /api/v1/clients/{client}/assessments/trajectory?instrument=phq9 | 403* 200+ 200+ 200+ 200+ 403* 403* 200+ 403* 200+
org   GET    /api/v1/clients/{client}/assessments/trajectory?instrument=phq9 | 403* 200+ 403* 403* 403* 403* 403* 403* 403* 403*
other GET    /api/v1/clients/{client}/assessments/trajectory?instrument=phq9 | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
# routes without a client: by role only (role refusals of writes are audited)
-     GET    /api/v1/flag-kinds | 200/kinds 200/kinds 200/kinds 200/kinds 200/kinds 200/kinds 200/kinds 200/kinds 200/kinds 200/kinds
-     POST   /api/v1/flag-kinds {} | 400 403* 403* 403* 403* 403* 403* 403* 403* 403*
-     GET    /api/v1/oncall | 200/rota 200/rota 200/rota 200/rota 200/rota 200/rota 200/rota 200/rota 200/rota 200/rota
-     GET    /api/v1/oncall/now | 200/now 200/now 200/now 200/now 200/now 200/now 200/now 200/now 200/now 200/now
-     POST   /api/v1/oncall {} | 400 400 403* 403* 403* 403* 403* 403* 403* 403*
-     DELETE /api/v1/oncall/{past_shift} | 409 409 403* 403* 403* 403* 403* 403* 403* 403*
