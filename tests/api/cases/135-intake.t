# Intake (issue 10 §4): a discovered person -> screening -> eligibility -> enrolment or referral.
# core/intake.c: the person is registered at discovery (client_create's duplicate check) and held by
# the discovering worker as primary case manager of an intake episode; that worker screens, links an
# eligibility decision and refers (intake_referred, called by the referral slice; unit-tested in
# tests/unit/test_intake.c), and never reads notes; a supervisor or case manager of the organisation
# enrols (the intake episode becomes active with a primary case manager); illegal steps are 409 naming
# the state.
#
# The access matrix at the end sets up its own relationships (this file runs alone):
#   team   IM: Riverside, discovered by cm1; sup, psy1, nurse1, peer1, desk1, housing1, admin, analyst1 on its team
#   org    IR: Riverside, discovered by cm2 (cm4: IE2 Eastgate; desk1: IN Northside; housing1: IH Harbour)
#   other  IE: Eastgate, discovered by cm4 (cm4's team intake; cm4's other-organisation intake is IR)

# world.t's own clients (named Intake, born in the 1940s) are not used: the matrix reads intakes.
### the world of the matrix (tests/api/world.t): who is who, staff in-*
set world in
set world_name Intake
set world_decade 194
include who.t
include world.t

### who is who: in-ncm, Northside's case manager
as in-ncm
GET /api/v1/me
expect 200
save in_ncm_id .id

### a discovery without its fields: 400 naming each
as desk1
POST /api/v1/intakes
{}
expect 400
json .errors.given_name exists
json .errors.family_name exists
json .errors.source exists
json .errors.concern exists
json .errors.birth_date exists

### a discovery from an unknown source: 400 naming source
as desk1
POST /api/v1/intakes
{"given_name":"Soonja","family_name":"Intakeham","birth_year":1961,"source":"rumour","concern":"Not seen for weeks."}
expect 400
json .errors.source exists

### a year of birth in the future: 400 naming birth_year
as desk1
POST /api/v1/intakes
{"given_name":"Soonja","family_name":"Intakeham","birth_year":2999,"source":"care_desk","concern":"Not seen for weeks."}
expect 400
json .errors.birth_year exists

### the body must be an object
as desk1
POST /api/v1/intakes
[1]
expect 400

### a peer supporter does not discover (refused, audited)
as peer1
POST /api/v1/intakes
{"given_name":"Peer","family_name":"Intakeham","birth_year":1961,"source":"outreach","concern":"Seen at the day centre."}
expect 403
audit action=intake.create outcome=denied staff=peer1

### an analyst does not discover
as analyst1
POST /api/v1/intakes
{"given_name":"Ana","family_name":"Intakeham","birth_year":1961,"source":"outreach","concern":"Seen at the day centre."}
expect 403
audit action=intake.create outcome=denied staff=analyst1

### a housing coordinator does not discover
as housing1
POST /api/v1/intakes
{"given_name":"Hous","family_name":"Intakeham","birth_year":1961,"source":"outreach","concern":"Seen at the day centre."}
expect 403

### desk1 records a neighbour's report: the person registered, the intake discovered
as desk1
POST /api/v1/intakes
{"given_name":"Soonja","family_name":"Intakeham","birth_year":1961,"phone":"010-5555-0101","address":"12 Market-ro","district":"Northside-gu","source":"neighbour_report","reporter":"A neighbour on the same floor","concern":"Has not left the flat for weeks; shouting at night; no food in the house."}
expect 201
json .state == "discovered"
json .outcome == null
json .birth_year_only == true
json .birth_date == "1961-01-01"
json .address == "12 Market-ro, Northside-gu"
json .discovered_by == $desk1_id
json .source == "neighbour_report"
save in_a .id
save in_a_client .client_id
save in_a_v .version
audit action=intake.create outcome=ok staff=desk1
audit action=client.create outcome=ok staff=desk1
audit action=episode.create outcome=ok staff=desk1

### the intake episode: desk1 its primary case manager, status intake
as desk1
GET /api/v1/clients/$in_a_client/episodes
expect 200
json .items[0].status == "intake"
json .items[0].primary_cm == $desk1_id

### the same person again: the look-alike must be confirmed (409 with the candidates)
as desk1
POST /api/v1/intakes
{"given_name":"Soonja","family_name":"Intakeham","birth_date":"1961-01-01","source":"family","concern":"Her sister called: she has stopped eating."}
expect 409
json .candidates[0].id == $in_a_client

### confirmed as another person: a second intake
as desk1
POST /api/v1/intakes
{"given_name":"Soonja","family_name":"Intakeham","birth_date":"1961-01-01","source":"family","reporter":"Her sister","concern":"Her sister called: she has stopped eating.","confirm_new":true}
expect 201
json .birth_year_only == false
save in_b .id
save in_b_client .client_id

### desk1 reads the intake
as desk1
GET /api/v1/intakes/$in_a
expect 200
json .concern contains "shouting at night"
json .reporter == "A neighbour on the same floor"
audit action=intake.read outcome=ok client_id=$in_a_client staff=desk1

### another organisation's case manager may not read it
as cm4
GET /api/v1/intakes/$in_a
expect 403
audit action=intake.read outcome=denied client_id=$in_a_client staff=cm4

### nor another organisation's supervisor
as sup
GET /api/v1/intakes/$in_a
expect 403

### a peer supporter may not
as peer1
GET /api/v1/intakes/$in_a
expect 403

### an analyst may not
as analyst1
GET /api/v1/intakes/$in_a
expect 403

### no such intake
as desk1
GET /api/v1/intakes/999999
expect 404

### eligibility before screening: 409 naming the state
as desk1
POST /api/v1/intakes/$in_a/eligibility
{"decision_id":1}
expect 409
json .state == "discovered"
json .detail contains "discovered"

### a care-desk officer does not enrol
as desk1
POST /api/v1/intakes/$in_a/enrol
{"primary_cm":$in_ncm_id}
expect 403
audit action=intake.enrol outcome=denied staff=desk1

### screening needs the version
as desk1
POST /api/v1/intakes/$in_a/screening
{"needs":["housing"],"urgency":"soon","risk_now":false,"target_group":"severe"}
expect 428

### screening without its fields: 400 naming each
as desk1
POST /api/v1/intakes/$in_a/screening
If-Match: $in_a_v
{"needs":"housing","urgency":"tomorrow","risk_now":"no"}
expect 400
json .errors.needs exists
json .errors.urgency exists
json .errors.risk_now exists
json .errors.target_group exists

### a need that is no service domain: 400
as desk1
POST /api/v1/intakes/$in_a/screening
If-Match: $in_a_v
{"needs":["housing","astrology"],"urgency":"soon","risk_now":false,"target_group":"severe"}
expect 400
json .errors.needs exists

### a stale version: 409 with the current one
as desk1
POST /api/v1/intakes/$in_a/screening
If-Match: 99
{"needs":["housing"],"urgency":"soon","risk_now":false,"target_group":"severe"}
expect 409
json .current_version == $in_a_v

### another organisation may not screen
as cm4
POST /api/v1/intakes/$in_a/screening
If-Match: $in_a_v
{"needs":["housing"],"urgency":"soon","risk_now":false,"target_group":"severe"}
expect 403
audit action=intake.screen outcome=denied staff=cm4

### desk1 screens: needs, urgency, no risk to life now, the target group; life stage from the birth year
as desk1
POST /api/v1/intakes/$in_a/screening
If-Match: $in_a_v
{"needs":["mental_health_treatment","housing","housing"],"urgency":"soon","risk_now":false,"target_group":"severe","hospital_days":200,"recent_crisis":true}
expect 200
json .state == "screened"
json .needs == ["mental_health_treatment","housing"]
json .life_stage == "older_adult"
json .risk_now == false
json .recent_crisis == true
json .hospital_days == 200
json .screened_by_name exists
save in_a_v .version
audit action=intake.screen outcome=ok staff=desk1

### the intake episode carries the target group
as desk1
GET /api/v1/clients/$in_a_client/episodes
expect 200
json .items[0].target_group == "severe"

### desk1 evaluates the person's eligibility (the facts of clinical records hidden)
as desk1
GET /api/v1/clients/$in_a_client/eligibility?programme=integrated_care&needs=mental_health_treatment,housing
expect 200
json .result == "met"
json .facts_hidden == true

### desk1, holding the intake, decides
as desk1
POST /api/v1/clients/$in_a_client/eligibility-decisions
{"programme":"integrated_care","decision":"eligible","needs":["mental_health_treatment","housing"]}
expect 201
save in_a_decision .id

### desk1 holds the second intake too: it decides there as well
as desk1
POST /api/v1/clients/$in_b_client/eligibility-decisions
{"programme":"integrated_care","decision":"exception","reason":"Known to the centre from before; needs confirmed on the phone.","needs":["mental_health_treatment"]}
expect 201

### a Northside case manager discovers a person on outreach
as in-ncm
POST /api/v1/intakes
{"given_name":"Heesun","family_name":"Intakeberg","birth_date":"1980-04-04","address":"3 Bridge-ro, Northside-gu","source":"outreach","concern":"Found sleeping in the station; confused."}
expect 201
save in_c .id
save in_c_client .client_id
save in_c_v .version

### a care-desk officer not holding the intake does not decide
as desk1
POST /api/v1/clients/$in_c_client/eligibility-decisions
{"programme":"integrated_care","decision":"eligible","needs":["mental_health_treatment"]}
expect 403
audit action=eligibility.decide outcome=denied staff=desk1

### the case manager screens: urgent, a risk to life now
as in-ncm
POST /api/v1/intakes/$in_c/screening
If-Match: $in_c_v
{"needs":["mental_health_treatment"],"urgency":"urgent","risk_now":true,"target_group":"crisis"}
expect 200
json .risk_now == true
json .urgency == "urgent"

### a decision that is not this person's: 400 naming decision_id
as desk1
POST /api/v1/intakes/$in_a/eligibility
{"decision_id":999999}
expect 400
json .errors.decision_id exists

### without a decision: 400 naming decision_id
as desk1
POST /api/v1/intakes/$in_a/eligibility
{}
expect 400
json .errors.decision_id exists

### desk1 links the decision: the outcome step
as desk1
POST /api/v1/intakes/$in_a/eligibility
{"decision_id":$in_a_decision}
expect 200
json .state == "decided"
json .decision == "eligible"
json .decision_programme == "integrated_care"
json .decided_by == $desk1_id
audit action=intake.decide outcome=ok staff=desk1

### screening again after the decision: 409 naming the state
as desk1
POST /api/v1/intakes/$in_a/screening
If-Match: $in_a_v
{"needs":["housing"],"urgency":"soon","risk_now":false,"target_group":"severe"}
expect 409
json .state == "decided"

### the organisation's list, mine only: each with its step
as desk1
GET /api/v1/intakes?mine=1
expect 200
json .items[*].id contains $in_a
json .items[*].id contains $in_b
json .items[*].id excludes $in_c
json .items[*].discovered_by_name excludes "Intake in-ncm"
audit action=intake.list outcome=ok staff=desk1

### the organisation's list: every discovering worker's
as desk1
GET /api/v1/intakes?limit=200
expect 200
json .items[*].id contains $in_c

### by step
as desk1
GET /api/v1/intakes?state=decided
expect 200
json .items[*].state excludes "discovered"
json .items[*].id contains $in_a

### an unknown step: 400 naming state
as desk1
GET /api/v1/intakes?state=lost
expect 400
json .errors.state exists

### a peer supporter has no intake list
as peer1
GET /api/v1/intakes
expect 403

### an analyst has none either
as analyst1
GET /api/v1/intakes
expect 403

### another organisation's list does not show Northside's
as cm4
GET /api/v1/intakes?limit=200
expect 200
json .items[*].id excludes $in_a

### enrolment needs a primary case manager who may hold an episode (not a care-desk officer)
as in-ncm
POST /api/v1/intakes/$in_a/enrol
{"primary_cm":$desk1_id}
expect 400
json .errors.primary_cm exists

### nor another organisation's worker
as in-ncm
POST /api/v1/intakes/$in_a/enrol
{"primary_cm":$cm1_id}
expect 400
json .errors.primary_cm exists

### nor without one
as in-ncm
POST /api/v1/intakes/$in_a/enrol
{}
expect 400
json .errors.primary_cm exists

### another organisation may not enrol
as cm4
POST /api/v1/intakes/$in_a/enrol
{"primary_cm":$cm4_id}
expect 403
audit action=intake.enrol outcome=denied staff=cm4

### a case manager of the organisation enrols, choosing the primary case manager
as in-ncm
POST /api/v1/intakes/$in_a/enrol
{"primary_cm":$in_ncm_id}
expect 200
json .state == "enrolled"
json .outcome == "enrolled"
json .primary_cm == $in_ncm_id
json .primary_cm_name == "Intake in-ncm"
json .outcome_by == $in_ncm_id
audit action=intake.enrol outcome=ok staff=in-ncm
audit action=episode.update outcome=ok staff=in-ncm
audit action=task.create outcome=ok staff=in-ncm

### the episode is active, in the decision's programme, with the new primary case manager
as in-ncm
GET /api/v1/clients/$in_a_client/episodes
expect 200
json .items[0].status == "active"
json .items[0].programme == "integrated_care"
json .items[0].primary_cm == $in_ncm_id

### the new primary case manager has the first-contact task
as in-ncm
GET /api/v1/tasks?limit=200
expect 200
json .items[*].title contains "New from intake: make the first contact"

### the care desk follows the outcome: enrolled, with whom
as desk1
GET /api/v1/intakes/$in_a
expect 200
json .outcome == "enrolled"
json .primary_cm_name == "Intake in-ncm"

### and never reads a note
as desk1
GET /api/v1/clients/$in_a_client/contacts
expect 403

### enrolled twice: 409 naming the state
as in-ncm
POST /api/v1/intakes/$in_a/enrol
{"primary_cm":$in_ncm_id}
expect 409
json .state == "enrolled"

### closing an enrolled intake: 409 naming the state
as in-ncm
POST /api/v1/intakes/$in_a/close
{"reason":"declined"}
expect 409
json .state == "enrolled"

### closing needs a reason: 400 naming reason
as desk1
POST /api/v1/intakes/$in_b/close
{}
expect 400
json .errors.reason exists

### the reason "other" needs a note
as desk1
POST /api/v1/intakes/$in_b/close
{"reason":"other"}
expect 400
json .errors.note exists

### another organisation may not close it
as cm4
POST /api/v1/intakes/$in_b/close
{"reason":"declined"}
expect 403
audit action=intake.close outcome=denied staff=cm4

### desk1 closes the second intake: the person declined
as desk1
POST /api/v1/intakes/$in_b/close
{"reason":"declined","note":"She said her sister worries too much; gave her the centre's number."}
expect 200
json .state == "closed"
json .outcome == "closed"
json .close_reason == "declined"
audit action=intake.close outcome=ok staff=desk1
audit action=episode.discharge outcome=ok staff=desk1

# (the state machine's 409 on a closed intake: tests/unit/test_intake.c)
### closed: the intake episode has ended, so desk1 no longer takes steps on it
as desk1
POST /api/v1/intakes/$in_b/close
{"reason":"declined"}
expect 403

### the care desk still reads the closed intake (its organisation's)
as desk1
GET /api/v1/intakes/$in_b
expect 200
json .outcome == "closed"

### in_c: the case manager decides "not eligible" and links it
as in-ncm
POST /api/v1/clients/$in_c_client/eligibility-decisions
{"programme":"act","decision":"not_eligible","needs":["mental_health_treatment"]}
expect 201
save in_c_decision .id

### linked
as in-ncm
POST /api/v1/intakes/$in_c/eligibility
{"decision_id":$in_c_decision}
expect 200
json .state == "decided"
json .decision == "not_eligible"

### not eligible: no enrolment (409 naming the decision)
as in-ncm
POST /api/v1/intakes/$in_c/enrol
{"primary_cm":$in_ncm_id}
expect 409
json .decision == "not_eligible"

### closed as not eligible
as in-ncm
POST /api/v1/intakes/$in_c/close
{"reason":"not_eligible"}
expect 200
json .outcome == "closed"
json .close_reason == "not_eligible"
### setup IM: cm1 discovers Intakemat Inteamford
as cm1
POST /api/v1/intakes
{"given_name":"Intakemat","family_name":"Inteamford","birth_date":"1951-02-21","source":"outreach","concern":"Matrix concern."}
expect 201
save team_intake .id
save team_client .client_id
save team_intake_episode .episode_id

### setup IM: sup joins the team as other
as cm1
POST /api/v1/episodes/$team_intake_episode/team
{"staff_id":$sup_id,"team_role":"other"}
expect 201

### setup IM: psy1 joins the team as psychiatrist
as cm1
POST /api/v1/episodes/$team_intake_episode/team
{"staff_id":$psy1_id,"team_role":"psychiatrist"}
expect 201

### setup IM: nurse1 joins the team as nurse
as cm1
POST /api/v1/episodes/$team_intake_episode/team
{"staff_id":$nurse1_id,"team_role":"nurse"}
expect 201

### setup IM: peer1 joins the team as peer_supporter
as cm1
POST /api/v1/episodes/$team_intake_episode/team
{"staff_id":$peer1_id,"team_role":"peer_supporter"}
expect 201

### setup IM: desk1 joins the team as other
as cm1
POST /api/v1/episodes/$team_intake_episode/team
{"staff_id":$desk1_id,"team_role":"other"}
expect 201

### setup IM: housing1 joins the team as housing_coordinator
as cm1
POST /api/v1/episodes/$team_intake_episode/team
{"staff_id":$housing1_id,"team_role":"housing_coordinator"}
expect 201

### setup IM: admin joins the team as other
as cm1
POST /api/v1/episodes/$team_intake_episode/team
{"staff_id":$admin_id,"team_role":"other"}
expect 201

### setup IM: analyst1 joins the team as other
as cm1
POST /api/v1/episodes/$team_intake_episode/team
{"staff_id":$analyst1_id,"team_role":"other"}
expect 201

### setup IR: cm2 discovers Intakemat Orgford
as cm2
POST /api/v1/intakes
{"given_name":"Intakemat","family_name":"Inorgford","birth_date":"1952-03-22","source":"care_desk","concern":"Matrix concern."}
expect 201
save org_intake .id
save org_client .client_id
save org_intake_episode .episode_id

### setup IE: cm4 discovers Intakemat Eastford
as cm4
POST /api/v1/intakes
{"given_name":"Intakemat","family_name":"Ineastford","birth_date":"1953-04-23","source":"outreach","concern":"Matrix concern."}
expect 201
save other_intake .id
save other_client .client_id
save other_intake_episode .episode_id

### setup IE2: in-cm4b discovers Intakemat Eastother
as in-cm4b
POST /api/v1/intakes
{"given_name":"Intakemat","family_name":"Ineastother","birth_date":"1954-05-24","source":"outreach","concern":"Matrix concern."}
expect 201
save org_intake@cm4 .id
save org_client@cm4 .client_id
save org_intake_episode@cm4 .episode_id

### setup IN: in-ncm discovers Intakemat Northford
as in-ncm
POST /api/v1/intakes
{"given_name":"Intakemat","family_name":"Innorthford","birth_date":"1955-06-25","source":"care_desk","concern":"Matrix concern."}
expect 201
save org_intake@desk1 .id
save org_client@desk1 .client_id
save org_intake_episode@desk1 .episode_id

### setup IH: in-hcm discovers Intakemat Harbourford
as in-hcm
POST /api/v1/intakes
{"given_name":"Intakemat","family_name":"Inharbourford","birth_date":"1956-07-26","source":"outreach","concern":"Matrix concern."}
expect 201
save org_intake@housing1 .id
save org_client@housing1 .client_id
save org_intake_episode@housing1 .episode_id

### setup: cm4's team intake is IE, its other-organisation intake is IR
set team_intake@cm4 $other_intake
set other_intake@cm4 $org_intake
set team_client@cm4 $other_client
set other_client@cm4 $org_client

### the access matrix of intake
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
# read one: its care team, and the organisation's discovering roles
team  GET  /api/v1/intakes/{intake} | 403* 200+ 200+ 200+ 200+ 403* 200+ 200+ 403* 200+
org   GET  /api/v1/intakes/{intake} | 403* 200+ 200+ 200+ 200+ 403* 200+ 403* 403* 200+
other GET  /api/v1/intakes/{intake} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
# the steps (an empty body: 400, or 409 for a step its state does not allow, once let through): its care team's discovering roles
team  POST /api/v1/intakes/{intake}/screening If-Match:0 {} | 403* 400 400 400 400 403* 400 403* 403* 400
org   POST /api/v1/intakes/{intake}/screening If-Match:0 {} | 403* 400 403* 403* 403* 403* 403* 403* 403* 403*
other POST /api/v1/intakes/{intake}/screening If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
team  POST /api/v1/intakes/{intake}/eligibility {} | 403* 409 409 409 409 403* 409 403* 403* 409
org   POST /api/v1/intakes/{intake}/eligibility {} | 403* 409 403* 403* 403* 403* 403* 403* 403* 403*
other POST /api/v1/intakes/{intake}/eligibility {} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
team  POST /api/v1/intakes/{intake}/close {} | 403* 400 400 400 400 403* 400 403* 403* 400
org   POST /api/v1/intakes/{intake}/close {} | 403* 400 403* 403* 403* 403* 403* 403* 403* 403*
other POST /api/v1/intakes/{intake}/close {} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
# enrol: a supervisor or case manager of the organisation
team  POST /api/v1/intakes/{intake}/enrol {} | 403* 409 409 403* 403* 403* 403* 403* 403* 409
org   POST /api/v1/intakes/{intake}/enrol {} | 403* 409 409 403* 403* 403* 403* 403* 403* 409
other POST /api/v1/intakes/{intake}/enrol {} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
# the organisation's list and a discovery (an empty body: 400): the discovering roles
-     GET  /api/v1/intakes | 403 200 200 200 200 403 200 403 403 200
-     POST /api/v1/intakes {} | 403 400 400 400 400 403 400 403 403 400
