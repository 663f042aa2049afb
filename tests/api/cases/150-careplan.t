# Care plans in the client's own words (issue 11 §1): one plan per client per episode, versioned
# (every change a new version with who and why, If-Match on the plan's version), goals across the
# ten service domains with steps; a goal or step keeps its key from version to version. A peer
# supporter reads only the goals the client agreed to share with them (core/careplan.c).
#
# The access matrix at the end uses the relationships of matrix.t, made by tests/api/world.t.

### the world of the matrix (tests/api/world.t): staff cp-*, clients named Planna, born in the 1980s
set world cp
set world_name Planna
set world_decade 198
include who.t
include world.t

### cm1 starts the plan with the client: two goals, one shared with the peer supporter
as cm1
POST /api/v1/clients/$team_client/care-plans
{"episode_id":$team_episode,"why":"first plan, written at the centre","goals":[{"domain":"housing","client_words":"I want my own room with a door that locks.","strengths":"I kept my last tenancy two years.","barriers":"Debts from the last flat.","share_with_peer":true,"steps":[{"who":"client","what":"Visit two flats with my peer supporter","how_often":"once","by_when":"2027-02-01"},{"who":"team_member","who_name":"Daniel","what":"Ask the housing office about the debt"}]},{"domain":"mental_health_treatment","client_words":"Fewer bad nights.","worker_words":"Review night-time medication with the psychiatrist."}]}
expect 201
json .version == 1
json .number == 1
json .current == true
json .why == "first plan, written at the centre"
json .made_by == $cm1_id
json .goals[0].key == "g1"
json .goals[0].steps[0].key == "g1s2"
json .goals[0].steps[1].key == "g1s3"
json .goals[1].key == "g4"
json .goals[1].status == "active"
json .goals[1].share_with_peer == false
json .agreement == null
json .review_due exists
save plan .id
audit action=care_plan.create outcome=ok client_id=$team_client staff=cm1

### a second plan for the same episode is refused, naming the one there is
as cm1
POST /api/v1/clients/$team_client/care-plans
{"episode_id":$team_episode,"goals":[{"domain":"housing","client_words":"A room."}]}
expect 409
json .plan_id == $plan

### the client's words are required, and the domain must be one of the ten
as cm2
POST /api/v1/clients/$org_client/care-plans
{"episode_id":$org_episode,"goals":[{"domain":"luck","steps":[{"who":"neighbour"}]}]}
expect 400
json .errors["goals[0].domain"] exists
json .errors["goals[0].client_words"] exists
json .errors["goals[0].steps[0].who"] exists
json .errors["goals[0].steps[0].what"] exists

### an episode of another client is refused
as cm1
POST /api/v1/clients/$team_client/care-plans
{"episode_id":$org_episode,"goals":[{"domain":"housing","client_words":"A room."}]}
expect 400
json .errors.episode_id exists

### the peer supporter reads the plan: only the goal shared with them
as peer1
GET /api/v1/care-plans/$plan
expect 200
json .goals[0].key == "g1"
json .goals[1] missing

### the psychiatrist on the team reads both goals
as psy1
GET /api/v1/care-plans/$plan
expect 200
json .goals[1].worker_words == "Review night-time medication with the psychiatrist."
audit action=care_plan.read outcome=ok client_id=$team_client staff=psy1

### a change keeps the keys it names and gives new ones to what is new
as cm1
POST /api/v1/care-plans/$plan/versions
If-Match: 1
{"why":"the client reached the first step; a work goal added","goals":[{"key":"g1","domain":"housing","client_words":"I want my own room with a door that locks.","share_with_peer":true,"steps":[{"key":"g1s3","who":"team_member","what":"Ask the housing office about the debt"}]},{"domain":"rehabilitation_employment","client_words":"Work two mornings a week at the bakery."}]}
expect 201
json .version == 2
json .number == 2
json .goals[0].key == "g1"
json .goals[0].steps[0].key == "g1s3"
json .goals[1].key == "g5"
json .why == "the client reached the first step; a work goal added"
audit action=care_plan.revise outcome=ok client_id=$team_client staff=cm1

### a stale version is refused with the current one
as cm1
POST /api/v1/care-plans/$plan/versions
If-Match: 1
{"why":"late","goals":[{"domain":"housing","client_words":"A room."}]}
expect 409
json .current_version == 2

### a key the plan does not have is refused (a removed goal's key is gone too)
as cm1
POST /api/v1/care-plans/$plan/versions
If-Match: 2
{"why":"bring back the old goal","goals":[{"key":"g4","domain":"mental_health_treatment","client_words":"Fewer bad nights."}]}
expect 400
json .errors["goals[0].key"] exists

### a change says why
as cm1
POST /api/v1/care-plans/$plan/versions
If-Match: 2
{"goals":[{"key":"g1","domain":"housing","client_words":"A room."}]}
expect 400
json .errors.why exists

### the versions, newest first
as cm1
GET /api/v1/care-plans/$plan/versions
expect 200
json .items[0].number == 2
json .items[1].number == 1
json .items[1].why == "first plan, written at the centre"
json .items[2] missing

### the plan as it stood at version 1, side by side with now
as cm1
GET /api/v1/care-plans/$plan/versions/1
expect 200
json .number == 1
json .version == 2
json .current == false
json .goals[1].key == "g4"
audit action=care_plan.version outcome=ok client_id=$team_client staff=cm1 reason="version 1"

### a version the plan never had
as cm1
GET /api/v1/care-plans/$plan/versions/9
expect 404

### the client's plans
as cm1
GET /api/v1/clients/$team_client/care-plans
expect 200
json .items[0].id == $plan
json .items[0].goals[1].domain == "rehabilitation_employment"

### the care desk on the team does not read the plan
as desk1
GET /api/v1/care-plans/$plan
expect 403
audit action=care_plan.read outcome=denied client_id=$team_client staff=desk1

### the peer supporter does not write it
as peer1
POST /api/v1/care-plans/$plan/versions
If-Match: 2
{"why":"mine","goals":[{"domain":"peer_support","client_words":"Coffee on Fridays."}]}
expect 403

### another organisation's case manager does not read it
as cm4
GET /api/v1/care-plans/$plan
expect 403

### an analyst never reads a plan
as analyst1
GET /api/v1/care-plans/$plan
expect 403

### setup: a plan on each client of the matrix
as cm2
POST /api/v1/clients/$org_client/care-plans
{"episode_id":$org_episode,"goals":[{"domain":"income_entitlements","client_words":"Sort out my pension."}]}
expect 201
save org_plan .id

### setup: the plan of cm4's client
as cm4
POST /api/v1/clients/$other_client/care-plans
{"episode_id":$other_episode,"goals":[{"domain":"family_community","client_words":"See my sister."}]}
expect 201
save other_plan .id

### setup: the plan of cm4's organisation's other client
as cp-cm4b
POST /api/v1/clients/${org_client@cm4}/care-plans
{"episode_id":${org_episode@cm4},"goals":[{"domain":"health_dental","client_words":"A dentist who is kind."}]}
expect 201
save org_plan@cm4 .id

### setup: the plan of the care desk's organisation's client
as cp-ncm
POST /api/v1/clients/${org_client@desk1}/care-plans
{"episode_id":${org_episode@desk1},"goals":[{"domain":"daily_living_care","client_words":"Cook twice a week."}]}
expect 201
save org_plan@desk1 .id

### setup: the plan of the housing coordinator's organisation's client
as cp-hcm
POST /api/v1/clients/${org_client@housing1}/care-plans
{"episode_id":${org_episode@housing1},"goals":[{"domain":"housing","client_words":"Stay in my flat."}]}
expect 201
save org_plan@housing1 .id

### setup: the plans of the matrix
set team_plan $plan
set team_plan@cm4 $other_plan
set other_plan@cm4 $org_plan

### the access matrix of care plans
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag list json .items exists
tag one json .goals exists
# (an analyst is refused by the routes' roles, before core/: no audit row)
# read: the care team (housing on it too, not the care desk), the supervisor of an open episode, the
# assigned peer supporter (shared goals only); written by the clinical members of the team. Writes
# are sent so that they change nothing once let through (an invalid body).
team  GET  /api/v1/clients/{client}/care-plans | 403* 200+/list 200+/list 200+/list 200+/list 200+/list 403* 200+/list 403 200+/list
org   GET  /api/v1/clients/{client}/care-plans | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/clients/{client}/care-plans | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  GET  /api/v1/care-plans/{plan} | 403* 200+/one 200+/one 200+/one 200+/one 200+/one 403* 200+/one 403 200+/one
org   GET  /api/v1/care-plans/{plan} | 403* 200+/one 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/care-plans/{plan} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  GET  /api/v1/care-plans/{plan}/versions | 403* 200+/list 200+/list 200+/list 200+/list 200+/list 403* 200+/list 403 200+/list
org   GET  /api/v1/care-plans/{plan}/versions | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/care-plans/{plan}/versions | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  GET  /api/v1/care-plans/{plan}/versions/1 | 403* 200+/one 200+/one 200+/one 200+/one 200+/one 403* 200+/one 403 200+/one
org   GET  /api/v1/care-plans/{plan}/versions/1 | 403* 200+/one 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/care-plans/{plan}/versions/1 | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/clients/{client}/care-plans {} | 403* 400 400 400 400 403* 403* 403* 403 400
org   POST /api/v1/clients/{client}/care-plans {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/clients/{client}/care-plans {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/care-plans/{plan}/versions If-Match:0 {} | 403* 400 400 400 400 403* 403* 403* 403 400
org   POST /api/v1/care-plans/{plan}/versions If-Match:0 {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/care-plans/{plan}/versions If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
