# Caseloads (issue 11 §5): weighted loads (caseload/weights.rules, loaded by the server at start),
# FTE and capacity, the reason asked when an assignment takes a worker over capacity, the team page
# and a worker's drill-down (the worker, a supervisor of their organisation: nobody else), and the
# private check-ins whose aggregates a supervisor sees only with 5 or more answers a month.
#
# A centre of its own (Loada Centre) keeps this file's figures apart from the demo's: its supervisor
# cl-sup, case managers cl-cm1 .. cl-cm5. The weights: integrated care 1, intensive case management 2,
# ACT 4, a care-team place a quarter, 60 units per FTE for a case manager.

### the world of the matrix (tests/api/world.t): staff cl-*, clients named Loada, born in the 1900s
set world cl
set world_name Loada
set world_decade 190
include who.t
include world.t

### setup: the centre
as admin
POST /api/v1/orgs
{"name":"Loada Community Centre","kind":"mental_health_welfare_centre","district":"Loadside-gu"}
expect 201
save loada .id

### setup: its supervisor
as admin
POST /api/v1/staff
{"username":"cl-sup","display_name":"Loada Supervisor","role":"supervisor","discipline":"social_worker","org_id":$loada,"password":"hearth-demo-2026"}
expect 201
save clsup_id .id

### setup: case manager 1 (who will be over capacity)
as admin
POST /api/v1/staff
{"username":"cl-cm1","display_name":"Loada Worker One","role":"case_manager","discipline":"nurse","org_id":$loada,"password":"hearth-demo-2026"}
expect 201
save clcm1_id .id
save clcm1_v .version

### setup: case manager 2
as admin
POST /api/v1/staff
{"username":"cl-cm2","display_name":"Loada Worker Two","role":"case_manager","discipline":"social_worker","org_id":$loada,"password":"hearth-demo-2026"}
expect 201
save clcm2_id .id

### setup: case manager 3
as admin
POST /api/v1/staff
{"username":"cl-cm3","display_name":"Loada Worker Three","role":"case_manager","discipline":"social_worker","org_id":$loada,"password":"hearth-demo-2026"}
expect 201
save clcm3_id .id

### setup: case manager 4
as admin
POST /api/v1/staff
{"username":"cl-cm4","display_name":"Loada Worker Four","role":"case_manager","discipline":"social_worker","org_id":$loada,"password":"hearth-demo-2026"}
expect 201
save clcm4_id .id

### setup: case manager 5
as admin
POST /api/v1/staff
{"username":"cl-cm5","display_name":"Loada Worker Five","role":"case_manager","discipline":"social_worker","org_id":$loada,"password":"hearth-demo-2026"}
expect 201
save clcm5_id .id

# ---------------------------------------------------------------- FTE and capacity

### a new worker works full time: 60 units
as cl-sup
GET /api/v1/staff/$clcm1_id/caseload
expect 200
json .fte == 1
json .capacity == 60
json .load == 0
json .over == false
json .items length 0
audit action=caseload.read outcome=ok staff=cl-sup

### the FTE needs the record's version
as cl-sup
POST /api/v1/staff/$clcm1_id/fte
{"fte":0.1}
expect 428

### an FTE that is not 0.1 .. 1.0 in tenths is a 400 naming fte
as cl-sup
POST /api/v1/staff/$clcm1_id/fte
If-Match: $clcm1_v
{"fte":0.05}
expect 400
json .errors.fte exists

### a text is not an FTE either
as cl-sup
POST /api/v1/staff/$clcm1_id/fte
If-Match: $clcm1_v
{"fte":"half"}
expect 400
json .errors.fte exists

### another organisation's supervisor may not set it (refused and audited)
as sup
POST /api/v1/staff/$clcm1_id/fte
If-Match: $clcm1_v
{"fte":0.5}
expect 403
audit action=caseload.fte outcome=denied staff=sup

### a case manager may not set anyone's
as cl-cm2
POST /api/v1/staff/$clcm1_id/fte
If-Match: $clcm1_v
{"fte":0.5}
expect 403
audit action=caseload.fte outcome=denied staff=cl-cm2

### the centre's supervisor sets worker one to a tenth: 6 units
as cl-sup
POST /api/v1/staff/$clcm1_id/fte
If-Match: $clcm1_v
{"fte":0.1}
expect 200
json .fte == 0.1
json .capacity == 6
save clcm1_v2 .version
audit action=caseload.fte outcome=ok entity=staff entity_id=$clcm1_id staff=cl-sup

### a stale version is a 409 and changes nothing
as cl-sup
POST /api/v1/staff/$clcm1_id/fte
If-Match: $clcm1_v
{"fte":1.0}
expect 409
json .current_version == $clcm1_v2

### an administrator sets an FTE too (worker five: half time)
as admin
GET /api/v1/staff/$clcm5_id
expect 200
save clcm5_v .version

### the administrator's change
as admin
POST /api/v1/staff/$clcm5_id/fte
If-Match: $clcm5_v
{"fte":0.5}
expect 200
json .capacity == 30

# ---------------------------------------------------------------- over capacity asks for a reason

### setup: a client of the centre
as cl-cm2
POST /api/v1/clients
{"given_name":"Ottoline","family_name":"Actwell","birth_date":"1901-03-04","address":"1 Loadside-ro"}
expect 201
save cl_c1 .id

### an ACT episode for worker one: 4 units
as cl-cm2
POST /api/v1/clients/$cl_c1/episodes
{"programme":"act","target_group":"severe","status":"active","primary_cm":$clcm1_id}
expect 201
save cl_ep1 .id

### setup: another client
as cl-cm2
POST /api/v1/clients
{"given_name":"Philippa","family_name":"Intensely","birth_date":"1905-11-12","address":"5 Loadside-ro"}
expect 201
save cl_c5 .id

### an intensive case management episode: 6 units, exactly the capacity, no reason needed
as cl-cm2
POST /api/v1/clients/$cl_c5/episodes
{"programme":"intensive_case_management","target_group":"severe","status":"active","primary_cm":$clcm1_id}
expect 201

### setup: a second client
as cl-cm2
POST /api/v1/clients
{"given_name":"Peregrin","family_name":"Secondly","birth_date":"1902-05-06","address":"2 Loadside-ro"}
expect 201
save cl_c2 .id

### a second episode would take worker one over: 409 with the load and capacity, nothing saved
as cl-cm2
POST /api/v1/clients/$cl_c2/episodes
{"programme":"integrated_care","target_group":"severe","status":"active","primary_cm":$clcm1_id}
expect 409
json .capacity_required == true
json .staff_id == $clcm1_id
json .field == "primary_cm"
json .load == 7
json .capacity == 6
json .errors.capacity_reason exists

### nothing was saved: worker one still carries 6 units
as cl-sup
GET /api/v1/staff/$clcm1_id/caseload
expect 200
json .load == 6
json .clients == 2

### a reason too short is refused the same way
as cl-cm2
POST /api/v1/clients/$cl_c2/episodes
{"programme":"integrated_care","target_group":"severe","status":"active","primary_cm":$clcm1_id,"capacity_reason":"busy"}
expect 409
json .errors.capacity_reason exists

### with the reason it proceeds, and the reason is audited on the client
as cl-cm2
POST /api/v1/clients/$cl_c2/episodes
{"programme":"integrated_care","target_group":"severe","status":"active","primary_cm":$clcm1_id,"capacity_reason":"Only worker who speaks the client's language"}
expect 201
save cl_ep2 .id
save cl_ep2_v .version
audit action=caseload.over_capacity outcome=ok client_id=$cl_c2 entity=staff entity_id=$clcm1_id reason="Only worker who speaks the client's language"

### setup: a third client, worker two's
as cl-cm2
POST /api/v1/clients
{"given_name":"Wilhelmina","family_name":"Thirdson","birth_date":"1903-07-08","address":"3 Loadside-ro"}
expect 201
save cl_c3 .id

### setup: worker two opens the episode for themself
as cl-cm2
POST /api/v1/clients/$cl_c3/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save cl_ep3 .id
save cl_ep3_v .version

### adding worker one to that care team asks for the reason too (409 naming the staff member)
as cl-cm2
POST /api/v1/episodes/$cl_ep3/team
{"staff_id":$clcm1_id,"team_role":"case_manager"}
expect 409
json .field == "staff_id"
json .load == 7.25
json .errors.capacity_reason exists

### making worker one its primary case manager asks for it as well
as cl-cm2
PATCH /api/v1/episodes/$cl_ep3
If-Match: $cl_ep3_v
{"primary_cm":$clcm1_id}
expect 409
json .field == "primary_cm"
json .load == 8

### with a reason the care team grows, audited
as cl-cm2
POST /api/v1/episodes/$cl_ep3/team
{"staff_id":$clcm1_id,"team_role":"case_manager","capacity_reason":"Covers the Tuesday home visits with worker two"}
expect 201
audit action=caseload.over_capacity outcome=ok client_id=$cl_c3 entity_id=$clcm1_id

# ---------------------------------------------------------------- the drill-down and the team page

### worker one reads their own load: each episode with its weight and why
as cl-cm1
GET /api/v1/staff/$clcm1_id/caseload
expect 200
json .load == 7.25
json .capacity == 6
json .over == true
json .clients == 4
json .items[*].client_id contains $cl_c1
json .items[*].weight contains 4
json .items[*].weight contains 2
json .items[*].weight contains 0.25
json .items[*].is_primary contains false
audit action=caseload.read outcome=ok staff=cl-cm1

### another case manager may not read it (refused, audited)
as cl-cm2
GET /api/v1/staff/$clcm1_id/caseload
expect 403
audit action=caseload.read outcome=denied staff=cl-cm2

### another organisation's supervisor may not
as sup
GET /api/v1/staff/$clcm1_id/caseload
expect 403
audit action=caseload.read outcome=denied staff=sup

### an analyst may not
as analyst1
GET /api/v1/staff/$clcm1_id/caseload
expect 403

### an unknown worker is 404
as cl-sup
GET /api/v1/staff/999999/caseload
expect 404

### the team page: worker one over capacity, with the centre's other workers
as cl-sup
GET /api/v1/caseload/team
expect 200
json .org_id == $loada
json .over_capacity == 1
json .workers[*].staff_id contains $clcm1_id
json .workers[*].staff_id contains $clcm2_id
json .workers[*].staff_id excludes $cm1_id
json .act.clients == 1
json .weights_version exists
audit action=caseload.team outcome=ok staff=cl-sup

### another organisation's team page shows its own workers only
as sup
GET /api/v1/caseload/team
expect 200
json .workers[*].staff_id excludes $clcm1_id
json .workers[*].staff_id contains $cm1_id

### a case manager has no team page (refused, audited)
as cl-cm2
GET /api/v1/caseload/team
expect 403
audit action=caseload.team outcome=denied staff=cl-cm2

### neither has an analyst
as analyst1
GET /api/v1/caseload/team
expect 403

### nor a peer supporter
as peer1
GET /api/v1/caseload/team
expect 403
audit action=caseload.team outcome=denied staff=peer1

### the supervisor reassigns worker one's second client to worker four (who has room): no reason
as cl-sup
PATCH /api/v1/episodes/$cl_ep2
If-Match: $cl_ep2_v
{"primary_cm":$clcm4_id}
expect 200
json .primary_cm == $clcm4_id

### worker one is not back within capacity: 6.25 units, still over (the team place)
as cl-sup
GET /api/v1/staff/$clcm1_id/caseload
expect 200
json .load == 6.25
json .over == true

# ---------------------------------------------------------------- handover to an overloaded worker

### setup: a fourth client, worker three's
as cl-cm3
POST /api/v1/clients
{"given_name":"Bartholomew","family_name":"Handsover","birth_date":"1904-09-10","address":"4 Loadside-ro"}
expect 201
save cl_c4 .id

### setup: worker three's episode
as cl-cm3
POST /api/v1/clients/$cl_c4/episodes
{"programme":"integrated_care","target_group":"other","status":"active"}
expect 201

### handing worker three's client over to worker one asks for the reason (409, nothing moved)
as cl-sup
POST /api/v1/staff/$clcm3_id/handover
{"to":$clcm1_id}
expect 409
json .capacity_required == true
json .field == "to"
json .errors.capacity_reason exists

### with the reason it is handed over
as cl-sup
POST /api/v1/staff/$clcm3_id/handover
{"to":$clcm1_id,"capacity_reason":"Worker three leaves on Friday; one is covering until a new post is filled"}
expect 200
audit action=caseload.over_capacity outcome=ok entity_id=$clcm1_id staff=cl-sup

# ---------------------------------------------------------------- enrolling an intake with an overloaded worker

### setup: worker two records a discovery
as cl-cm2
POST /api/v1/intakes
{"given_name":"Ignatius","family_name":"Intakewell","birth_year":1906,"source":"self","concern":"Asked for help with the rent and with sleeping."}
expect 201
save cl_in .id
save cl_in_v .version
save cl_in_client .client_id

### setup: the screening
as cl-cm2
POST /api/v1/intakes/$cl_in/screening
If-Match: $cl_in_v
{"needs":["housing"],"urgency":"soon","risk_now":false,"target_group":"severe"}
expect 200

### setup: eligible by exception
as cl-cm2
POST /api/v1/clients/$cl_in_client/eligibility-decisions
{"programme":"integrated_care","decision":"exception","reason":"Known to the centre from before; needs confirmed on the phone.","needs":["housing"]}
expect 201
save cl_in_decision .id

### setup: the decision linked
as cl-cm2
POST /api/v1/intakes/$cl_in/eligibility
{"decision_id":$cl_in_decision}
expect 200

### enrolling with worker one as primary case manager asks for the reason (409, still at the outcome step)
as cl-cm2
POST /api/v1/intakes/$cl_in/enrol
{"primary_cm":$clcm1_id}
expect 409
json .capacity_required == true
json .field == "primary_cm"
json .errors.capacity_reason exists

### the intake was not enrolled
as cl-cm2
GET /api/v1/intakes/$cl_in
expect 200
json .state == "decided"

### with the reason it is enrolled, audited
as cl-cm2
POST /api/v1/intakes/$cl_in/enrol
{"primary_cm":$clcm1_id,"capacity_reason":"Worker one already knows the landlord and the family"}
expect 200
json .state == "enrolled"
audit action=caseload.over_capacity outcome=ok client_id=$cl_in_client entity_id=$clcm1_id

# ---------------------------------------------------------------- check-ins: private, k >= 5

### a check-in needs both answers on the scale (400 naming each)
as cl-cm1
POST /api/v1/me/checkins
{"manageable":7}
expect 400
json .errors.manageable exists
json .errors.supported exists

### bad JSON is a 400
as cl-cm1
POST /api/v1/me/checkins
{"manageable":
expect 400

### an analyst has no check-in
as analyst1
POST /api/v1/me/checkins
{"manageable":3,"supported":3}
expect 403

### worker one checks in; the answer is not in the audit record
as cl-cm1
POST /api/v1/me/checkins
{"manageable":1,"supported":2,"would_help":"Zero new intakes for a month"}
expect 200
json .manageable == 1
json .would_help == "Zero new intakes for a month"
audit action=checkin.save outcome=ok reason=null staff=cl-cm1

### answering again this month replaces the answer
as cl-cm1
POST /api/v1/me/checkins
{"manageable":2,"supported":2,"would_help":"Zero new intakes for a month"}
expect 200
json .manageable == 2
json .version == 2

### worker one reads their own back
as cl-cm1
GET /api/v1/me/checkins
expect 200
json .items length 1
json .items[0].manageable == 2

### worker two checks in
as cl-cm2
POST /api/v1/me/checkins
{"manageable":4,"supported":4}
expect 200

### worker four checks in
as cl-cm4
POST /api/v1/me/checkins
{"manageable":3,"supported":5,"would_help":"A car for the home visits"}
expect 200

### worker five checks in
as cl-cm5
POST /api/v1/me/checkins
{"manageable":5,"supported":3}
expect 200

### the supervisor reads only their own (none), never a worker's
as cl-sup
GET /api/v1/me/checkins
expect 200
json .items length 0

### four answers: the month shows its count and nothing else
as cl-sup
GET /api/v1/checkins/summary
expect 200
json .items length 1
json .items[0].answers == 4
json .items[0].shown == false
json .items[0].manageable_mean == null
json .items[0].supported_mean == null
json .items[0].would_help == null
audit action=checkin.summary outcome=ok staff=cl-sup

### a case manager may not read the aggregates (refused, audited)
as cl-cm2
GET /api/v1/checkins/summary
expect 403
audit action=checkin.summary outcome=denied staff=cl-cm2

### an analyst may not
as analyst1
GET /api/v1/checkins/summary
expect 403

### the supervisor checks in too: the fifth answer
as cl-sup
POST /api/v1/me/checkins
{"manageable":4,"supported":4,"would_help":"Another case manager"}
expect 200

### five answers: the means and the words, sorted, unattributed
as cl-sup
GET /api/v1/checkins/summary
expect 200
json .items[0].answers == 5
json .items[0].shown == true
json .items[0].manageable_mean == 3.6
json .items[0].supported_mean == 3.6
json .items[0].would_help == ["A car for the home visits","Another case manager","Zero new intakes for a month"]

### another organisation's supervisor sees their own centre's months, never this one's
as sup
GET /api/v1/checkins/summary
expect 200
json .items[*].answers excludes 5

# ---------------------------------------------------------------- the pages

### the team page shows worker one over capacity
as cl-sup
GET /team
expect 200
text contains Loada Worker One
text contains Over capacity

### a case manager's work page prompts for this month's check-in when it is not done
as cl-cm3
GET /
expect 200
text contains id="checkin-due"

### and not once it is done
as cl-cm1
GET /
expect 200
text excludes id="checkin-due"

### the check-in page shows the worker their own answers
as cl-cm1
GET /checkin
expect 200
text contains Zero new intakes for a month

### the matrix of caseloads and check-ins (routes without a client)
set staff@admin $cm1_id
set staff@sup $cm1_id
set staff@cm1 $cm1_id
set staff@psy1 $psy1_id
set staff@nurse1 $nurse1_id
set staff@peer1 $peer1_id
set staff@desk1 $desk1_id
set staff@housing1 $housing1_id
set staff@analyst1 $cm1_id
set staff@cm4 $cm4_id

### the matrix
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag team json .workers exists
tag load json .load exists
tag list json .items exists
# the team page: supervisors; an analyst and an administrator are refused by the route's roles or the table
-     GET  /api/v1/caseload/team | 403* 200+/team 403* 403* 403* 403* 403* 403* 403 403*
# one's own load (cells: staff@ROLE is the asker, or for admin, sup, analyst1 cm1)
-     GET  /api/v1/staff/{staff}/caseload | 403* 200+/load 200+/load 200+/load 200+/load 200+/load 200+/load 200+/load 403 200+/load
# an FTE: supervisors and administrators (a stale version: nothing changes)
-     POST /api/v1/staff/{staff}/fte If-Match:0 {"fte":1.0} | 409 409 403* 403* 403* 403* 403* 403* 403* 403*
# check-ins: one's own (an invalid body changes nothing); the aggregates: supervisors
-     POST /api/v1/me/checkins {} | 403* 400 400 400 400 400 400 400 403 400
-     GET  /api/v1/me/checkins | 403* 200/list 200/list 200/list 200/list 200/list 200/list 200/list 403 200/list
-     GET  /api/v1/checkins/summary | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403*
