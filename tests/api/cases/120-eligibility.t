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
# The access matrix at the end uses the relationships of matrix.t, made by tests/api/world.t.

### the world of the matrix (tests/api/world.t): staff el-*, clients named Eligmat, born in the 1970s
set world el
set world_name Eligmat
set world_decade 197
include who.t
include world.t

### setup team: a hospital stay of 80 days, discharged a month ago
as cm1
POST /api/v1/clients/$team_client/hospitalisations
{"hospital":"Eligibility Hospital","admission_type":"voluntary","admitted_at":"$time(-9504000)"}
expect 201
save team_hosp .id
save team_hosp_v .version

### setup team: the discharge
as cm1
POST /api/v1/hospitalisations/$team_hosp/discharge
If-Match: $team_hosp_v
{"discharged_at":"$time(-2592000)"}
expect 200

### setup team: a crisis five days ago
as cm1
POST /api/v1/clients/$team_client/crisis-events
{"occurred_at":"$time(-432000)","kind":"other","severity":"low","response_mode":"phone","actions":"Eligibility crisis actions.","outcome":"stabilised_at_home","notes":"Eligibility crisis note."}
expect 201

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
