# Eligibility (issue 10 §4): the programmes' rule files, a client's evaluation against one, decisions.
# The rule files are eligibility/*.rules (format: eligibility/README.md); the server of the run loads
# them from the repository's folder.
#
# Who may (core/eligibility.c): the client's care team (supervisor, case managers, clinicians, the
# care-desk officer and the housing coordinator) evaluates and reads the decisions, and so do the
# client's organisation's intake roles (supervisor, case manager, clinician, care-desk officer) for a
# client not on their team; the care team's supervisor, case managers and clinicians, and the
# organisation's supervisors and case managers, decide. A care-desk officer sees each criterion's
# result without the facts of hospital stays, crises and episodes, and a decision without an
# exception's reason.
#
# The access matrix at the end uses the relationships of matrix.t and 115-risk-matrix.t, set up
# here again under other names so that this file runs alone:
#   team   EM: Riverside, cm1's; sup, psy1, nurse1, peer1, desk1, housing1, admin, analyst1 on its team
#   org    ER: Riverside, cm2's (cm4: EE2 Eastgate; desk1: EN Northside; housing1: EH Harbour)
#   other  EE: Eastgate, cm4's (cm4's team client; cm4's other client is ER)

### who is who: admin
as admin
GET /api/v1/me
expect 200
save admin_id .id

### who is who: sup
as sup
GET /api/v1/me
expect 200
save sup_id .id

### who is who: cm1
as cm1
GET /api/v1/me
expect 200
save cm1_id .id

### who is who: cm2
as cm2
GET /api/v1/me
expect 200
save cm2_id .id

### who is who: psy1
as psy1
GET /api/v1/me
expect 200
save psy1_id .id

### who is who: nurse1
as nurse1
GET /api/v1/me
expect 200
save nurse1_id .id

### who is who: peer1
as peer1
GET /api/v1/me
expect 200
save peer1_id .id

### who is who: analyst1
as analyst1
GET /api/v1/me
expect 200
save analyst1_id .id

### who is who: desk1
as desk1
GET /api/v1/me
expect 200
save desk1_id .id
save northside .org_id

### who is who: housing1
as housing1
GET /api/v1/me
expect 200
save housing1_id .id
save harbour .org_id

### who is who: cm4
as cm4
GET /api/v1/me
expect 200
save cm4_id .id
save eastgate .org_id

### setup: case manager el-cm4b
as admin
POST /api/v1/staff
{"username":"el-cm4b","display_name":"Elig el-cm4b","role":"case_manager","discipline":"nurse","org_id":$eastgate,"password":"hearth-demo-2026"}
expect 201

### setup: case manager el-ncm
as admin
POST /api/v1/staff
{"username":"el-ncm","display_name":"Elig el-ncm","role":"case_manager","discipline":"social_worker","org_id":$northside,"password":"hearth-demo-2026"}
expect 201

### setup: case manager el-hcm
as admin
POST /api/v1/staff
{"username":"el-hcm","display_name":"Elig el-hcm","role":"case_manager","discipline":"social_worker","org_id":$harbour,"password":"hearth-demo-2026"}
expect 201

### setup EM: the client
as cm1
POST /api/v1/clients
{"given_name":"Eligmat","family_name":"Teamford","birth_date":"1971-07-11","address":"5 Willow-ro 2-gil, Riverside-gu"}
expect 201
save team_client .id

### setup EM: an open episode, cm1 its primary case manager
as cm1
POST /api/v1/clients/${team_client}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save team_episode .id

### setup EM: sup joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$sup_id,"team_role":"other"}
expect 201

### setup EM: psy1 joins the team as psychiatrist
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$psy1_id,"team_role":"psychiatrist"}
expect 201

### setup EM: nurse1 joins the team as nurse
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$nurse1_id,"team_role":"nurse"}
expect 201

### setup EM: peer1 joins the team as peer_supporter
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$peer1_id,"team_role":"peer_supporter"}
expect 201

### setup EM: desk1 joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$desk1_id,"team_role":"other"}
expect 201

### setup EM: housing1 joins the team as housing_coordinator
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$housing1_id,"team_role":"housing_coordinator"}
expect 201

### setup EM: admin joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$admin_id,"team_role":"other"}
expect 201

### setup EM: analyst1 joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$analyst1_id,"team_role":"other"}
expect 201

### setup EM: a hospital stay of 80 days, discharged a month ago
as cm1
POST /api/v1/clients/$team_client/hospitalisations
{"hospital":"Eligibility Hospital","admission_type":"voluntary","admitted_at":"$time(-9504000)"}
expect 201
save team_hosp .id
save team_hosp_v .version

### setup EM: the discharge
as cm1
POST /api/v1/hospitalisations/$team_hosp/discharge
If-Match: $team_hosp_v
{"discharged_at":"$time(-2592000)"}
expect 200

### setup EM: a crisis five days ago
as cm1
POST /api/v1/clients/$team_client/crisis-events
{"occurred_at":"$time(-432000)","kind":"other","severity":"low","response_mode":"phone","actions":"Eligibility crisis actions.","outcome":"stabilised_at_home","notes":"Eligibility crisis note."}
expect 201

### setup ER: the client
as cm2
POST /api/v1/clients
{"given_name":"Eligmat","family_name":"Orgford","birth_date":"1972-08-12"}
expect 201
save org_client .id

### setup ER: an open episode, cm2 its primary case manager
as cm2
POST /api/v1/clients/${org_client}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode .id

### setup EE: the client
as cm4
POST /api/v1/clients
{"given_name":"Eligmat","family_name":"Eastford","birth_date":"1973-09-13"}
expect 201
save other_client .id

### setup EE: an open episode, cm4 its primary case manager
as cm4
POST /api/v1/clients/${other_client}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save other_episode .id

### setup EE2: the client
as el-cm4b
POST /api/v1/clients
{"given_name":"Eligmat","family_name":"Eastother","birth_date":"1974-10-14"}
expect 201
save org_client@cm4 .id

### setup EE2: an open episode, el-cm4b its primary case manager
as el-cm4b
POST /api/v1/clients/${org_client@cm4}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode@cm4 .id

### setup EN: the client
as el-ncm
POST /api/v1/clients
{"given_name":"Eligmat","family_name":"Northford","birth_date":"1975-11-15"}
expect 201
save org_client@desk1 .id

### setup EN: an open episode, el-ncm its primary case manager
as el-ncm
POST /api/v1/clients/${org_client@desk1}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode@desk1 .id

### setup EH: the client
as el-hcm
POST /api/v1/clients
{"given_name":"Eligmat","family_name":"Harbourford","birth_date":"1976-12-16"}
expect 201
save org_client@housing1 .id

### setup EH: an open episode, el-hcm its primary case manager
as el-hcm
POST /api/v1/clients/${org_client@housing1}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode@housing1 .id

### setup: cm4's team client is EE, its other-organisation client is ER
set team_client@cm4 $other_client
set other_client@cm4 $org_client
### the programmes: one page of the shipped rule files, each with what it is based on
as desk1
GET /api/v1/eligibility/programmes
expect 200
json .items length 5
json .items[*].programme contains "act"
json .items[*].programme contains "integrated_care"
json .items[*].programme contains "intensive_case_management"
json .items[*].programme contains "housing_support"
json .items[*].programme contains "crisis"
json .items[0].based_on exists
json .items[0].version exists
json .next == null
audit none

### cm1 evaluates the team client for ACT: each criterion with its facts
as cm1
GET /api/v1/clients/$team_client/eligibility?programme=act
expect 200
json .programme == "act"
json .version == "2026.1"
json .result == "met"
json .facts_hidden == false
json .criteria[0].kind == "life_stage"
json .criteria[0].result == "met"
json .criteria[0].facts.age >= 55
json .criteria[1].kind == "target_group"
json .criteria[1].facts.target_groups == ["severe"]
json .criteria[2].kind == "hospital_days"
json .criteria[2].result == "met"
json .criteria[2].facts.hospital_days == 80
json .criteria[3].kind == "crisis_within"
json .criteria[3].result == "met"
json .criteria[3].facts.days_ago == 5
json .criteria[6].kind == "need"
json .criteria[6].result == "unknown"
json .priority_points == 30
audit action=eligibility.evaluate outcome=ok client_id=$team_client staff=cm1 reason=act

### the needs the worker states decide the needs criteria
as cm1
GET /api/v1/clients/$team_client/eligibility?programme=act&needs=housing,income_entitlements
expect 200
json .criteria[6].result == "met"
json .stated_needs == ["housing","income_entitlements"]
json .priority_points == 40

### the district comes from the client's address; without an address it is unknown
as cm2
GET /api/v1/clients/$org_client/eligibility?programme=integrated_care&needs=housing
expect 200
json .criteria[2].kind == "district"
json .criteria[2].result == "unknown"
json .criteria[3].result == "not_met"
json .result == "not_met"

### the team client lives in Riverside-gu
as cm1
GET /api/v1/clients/$team_client/eligibility?programme=integrated_care
expect 200
json .criteria[2].result == "met"
json .criteria[2].facts.district == "Riverside-gu"

### the care-desk officer on the team sees the results without the clinical facts
as desk1
GET /api/v1/clients/$team_client/eligibility?programme=act
expect 200
json .facts_hidden == true
json .criteria[0].facts.age >= 55
json .criteria[2].result == "met"
json .criteria[2].facts == null
json .criteria[3].result == "met"
json .criteria[3].facts == null
json .criteria[1].facts == null

### an unknown programme and an unknown need: 400 naming both fields
as cm1
GET /api/v1/clients/$team_client/eligibility?programme=nope&needs=housing,flying
expect 400
json .errors.programme exists
json .errors.needs exists

### no programme: 400 naming it
as cm1
GET /api/v1/clients/$team_client/eligibility
expect 400
json .errors.programme exists

### an exception without a reason: 400 naming the reason
as cm1
POST /api/v1/clients/$org_client/eligibility-decisions
{"programme":"act","decision":"exception","reason":"  "}
expect 400
json .errors.reason exists
audit none

### a body that is not JSON: 400
as cm1
POST /api/v1/clients/$team_client/eligibility-decisions
{"programme":
expect 400

### an unknown decision, programme and need: 400 naming each field
as cm1
POST /api/v1/clients/$team_client/eligibility-decisions
{"programme":"nope","decision":"maybe","needs":["flying"]}
expect 400
json .errors.programme exists
json .errors.decision exists
json .errors.needs exists

### "eligible" against a required criterion not met: 409, nothing stored
as cm2
POST /api/v1/clients/$org_client/eligibility-decisions
{"programme":"act","decision":"eligible"}
expect 409
audit none

### nothing was stored
as cm2
GET /api/v1/clients/$org_client/eligibility-decisions
expect 200
json .items length 0

### cm1 decides: eligible for ACT, stored with the rule version and each criterion's result
as cm1
POST /api/v1/clients/$team_client/eligibility-decisions
{"programme":"act","decision":"eligible","needs":["housing"]}
expect 201
json .programme == "act"
json .rules_version == "2026.1"
json .decision == "eligible"
json .result == "met"
json .priority_points == 40
json .criteria length 7
json .criteria[2].result == "met"
json .decided_by == $cm1_id
save team_decision .id
audit action=eligibility.decide outcome=ok client_id=$team_client staff=cm1 entity=eligibility entity_id=$team_decision reason=eligible

### cm2 decides by exception, with the reason
as cm2
POST /api/v1/clients/$org_client/eligibility-decisions
{"programme":"housing_support","decision":"exception","reason":"Leaving a shelter next week; the team judges housing support is needed."}
expect 201
json .decision == "exception"
json .result == "unknown"
json .reason == "Leaving a shelter next week; the team judges housing support is needed."

### the care-desk officer may not decide (403, audited)
as desk1
POST /api/v1/clients/$team_client/eligibility-decisions
{"programme":"act","decision":"not_eligible"}
expect 403
audit action=eligibility.decide outcome=denied client_id=$team_client staff=desk1

### the decisions of a client, newest first
as cm1
POST /api/v1/clients/$team_client/eligibility-decisions
{"programme":"crisis","decision":"exception","reason":"Crisis team follow-up agreed at the case conference."}
expect 201
save team_decision2 .id

### cm1 reads the decisions, the newest first
as cm1
GET /api/v1/clients/$team_client/eligibility-decisions
expect 200
json .items length 2
json .items[0].id == $team_decision2
json .items[0].reason == "Crisis team follow-up agreed at the case conference."
json .items[1].id == $team_decision
audit action=eligibility.list outcome=ok client_id=$team_client staff=cm1

### the care-desk officer reads the decisions without an exception's reason
as desk1
GET /api/v1/clients/$team_client/eligibility-decisions
expect 200
json .items[0].decision == "exception"
json .items[0].reason == null
json .items[0].reason_hidden == true
json .items[1].reason_hidden == false

### a page at a time
as cm1
GET /api/v1/clients/$team_client/eligibility-decisions?limit=1
expect 200
json .items length 1
save next .next

### the second page
as cm1
GET /api/v1/clients/$team_client/eligibility-decisions?limit=1&after=$next
expect 200
json .items[0].id == $team_decision

### a peer supporter on the team may not evaluate (403, audited)
as peer1
GET /api/v1/clients/$team_client/eligibility?programme=act
expect 403
audit action=eligibility.evaluate outcome=denied client_id=$team_client staff=peer1

### another organisation's case manager may not evaluate (403, audited)
as cm4
GET /api/v1/clients/$team_client/eligibility?programme=act
expect 403
audit action=eligibility.evaluate outcome=denied client_id=$team_client staff=cm4

### an analyst may not read decisions (403, audited)
as analyst1
GET /api/v1/clients/$team_client/eligibility-decisions
expect 403
audit action=eligibility.list outcome=denied client_id=$team_client staff=analyst1

### the access matrix of eligibility
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag full json .facts_hidden == false
tag hidden json .facts_hidden == true
tag list json .items exists
# evaluate: the care team and the organisation's intake roles; the clinical facts only to those who read
# the client's notes (not a care-desk officer; off the team, only the supervisor)
team  GET  /api/v1/clients/{client}/eligibility?programme=act | 403* 200+/full 200+/full 200+/full 200+/full 403* 200+/hidden 200+/full 403* 200+/full
org   GET  /api/v1/clients/{client}/eligibility?programme=act | 403* 200+/full 200+/hidden 200+/hidden 200+/hidden 403* 200+/hidden 403* 403* 200+/hidden
other GET  /api/v1/clients/{client}/eligibility?programme=act | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
# the decisions of a client
team  GET  /api/v1/clients/{client}/eligibility-decisions | 403* 200+/list 200+/list 200+/list 200+/list 403* 200+/list 200+/list 403* 200+/list
org   GET  /api/v1/clients/{client}/eligibility-decisions | 403* 200+/list 200+/list 200+/list 200+/list 403* 200+/list 403* 403* 200+/list
other GET  /api/v1/clients/{client}/eligibility-decisions | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
# decide (an empty body: 400 once let through): the care team's clinical roles, the organisation's supervisors and case managers
team  POST /api/v1/clients/{client}/eligibility-decisions {} | 403* 400 400 400 400 403* 403* 403* 403* 400
org   POST /api/v1/clients/{client}/eligibility-decisions {} | 403* 400 400 403* 403* 403* 403* 403* 403* 400
other POST /api/v1/clients/{client}/eligibility-decisions {} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
