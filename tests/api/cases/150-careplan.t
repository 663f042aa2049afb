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

### the client's agreement asks the plan's version
as cm1
POST /api/v1/care-plans/$plan/agreement
{"agreement":"signed"}
expect 428

### agreeing aloud names the witness; declining says what the client said
as cm1
POST /api/v1/care-plans/$plan/agreement
If-Match: 2
{"agreement":"verbal_witnessed"}
expect 400
json .errors.witness exists

### the agreement is one of three kinds
as cm1
POST /api/v1/care-plans/$plan/agreement
If-Match: 2
{"agreement":"nodded"}
expect 400
json .errors.agreement exists

### a stale version is refused: the agreement is to the version the client saw
as cm1
POST /api/v1/care-plans/$plan/agreement
If-Match: 1
{"agreement":"signed"}
expect 409
json .current_version == 2

### the client declines first, in their words
as cm1
POST /api/v1/care-plans/$plan/agreement
If-Match: 2
{"agreement":"declined"}
expect 400
json .errors.words exists

### the client declines, saying why
as cm1
POST /api/v1/care-plans/$plan/agreement
If-Match: 2
{"agreement":"declined","words":"Not the bakery yet, I am not ready."}
expect 201
json .agreement == "declined"
json .agreement_words == "Not the bakery yet, I am not ready."
audit action=care_plan.agree outcome=ok client_id=$team_client staff=cm1 reason="version 2: declined"

### then agrees aloud the next day, with a witness (a decline may become an agreement)
as cm1
POST /api/v1/care-plans/$plan/agreement
If-Match: 2
{"agreement":"verbal_witnessed","witness":"Mina Park, peer supporter"}
expect 201
json .agreement == "verbal_witnessed"
json .agreement_witness == "Mina Park, peer supporter"
json .agreement_by == $cm1_id
json .agreement_at exists
json .version == 2

### an agreement once given stands for its version: a change needs a new version
as cm1
POST /api/v1/care-plans/$plan/agreement
If-Match: 2
{"agreement":"signed"}
expect 409

### the peer supporter does not record it
as peer1
POST /api/v1/care-plans/$plan/agreement
If-Match: 2
{"agreement":"signed"}
expect 403
audit action=care_plan.agree outcome=denied client_id=$team_client staff=peer1

### the list of versions says which the client agreed to
as cm1
GET /api/v1/care-plans/$plan/versions
expect 200
json .items[0].agreement == "verbal_witnessed"
json .items[1].agreement == null

### a review asks the plan's version
as cm1
POST /api/v1/care-plans/$plan/reviews
{"what_changed":"x"}
expect 428

### a review says what changed, and each goal's progress on 0..10
as cm1
POST /api/v1/care-plans/$plan/reviews
If-Match: 2
{"progress":[{"goal":"g1","scale":11},{"goal":"g4","scale":3},{"goal":"g1","scale":2},{"scale":"five"}],"next_review":"2001-01-01","held_on":"2199-01-01"}
expect 400
json .errors.what_changed exists
json .errors["progress[0].scale"] exists
json .errors["progress[1].goal"] exists
json .errors["progress[2].goal"] exists
json .errors["progress[3].goal"] exists
json .errors["progress[3].scale"] exists
json .errors.next_review exists
json .errors.held_on exists

### a stale review is refused
as cm1
POST /api/v1/care-plans/$plan/reviews
If-Match: 1
{"what_changed":"late"}
expect 409
json .current_version == 2

### the review without a change: progress, and the next date
as cm1
POST /api/v1/care-plans/$plan/reviews
If-Match: 2
{"what_changed":"Viewed one flat; the debt plan is agreed.","progress":[{"goal":"g1","scale":4,"words":"One flat seen, one to go."},{"goal":"g5","scale":1}],"next_review":"2199-03-01"}
expect 201
json .held_on exists
json .number == null
json .next_review == "2199-03-01"
json .progress[0].goal == "g1"
json .progress[0].scale == 4
json .progress[1].words == null
json .made_by == $cm1_id
save review1 .id
audit action=care_plan.review outcome=ok client_id=$team_client staff=cm1

### the plan's next review is the review's
as cm1
GET /api/v1/care-plans/$plan
expect 200
json .review_due == "2199-03-01"
json .version == 2

### a review that changes the plan makes a new version from it, which needs a new agreement
as cm1
POST /api/v1/care-plans/$plan/reviews
If-Match: 2
{"what_changed":"The flat is found; work waits.","progress":[{"goal":"g1","scale":9,"words":"Moving on the 1st."}],"goals":[{"key":"g1","domain":"housing","client_words":"I want my own room with a door that locks.","status":"reached","share_with_peer":true},{"key":"g5","domain":"rehabilitation_employment","client_words":"Work two mornings a week at the bakery.","status":"stopped"}]}
expect 201
json .number == 3
json .next_review > "$time(0)"
save review2 .id

### the new version says it came from the review, and carries no agreement yet
as cm1
GET /api/v1/care-plans/$plan
expect 200
json .version == 3
json .source == "review $review2"
json .why == "The flat is found; work waits."
json .agreement == null
json .goals[0].status == "reached"

### the reviews, newest first
as cm1
GET /api/v1/care-plans/$plan/reviews
expect 200
json .items[0].id == $review2
json .items[1].id == $review1
json .items[1].progress[1].goal == "g5"
json .items[2] missing
audit action=care_plan.reviews outcome=ok client_id=$team_client staff=cm1

### the peer supporter sees the progress of the shared goal only, not what changed
as peer1
GET /api/v1/care-plans/$plan/reviews
expect 200
json .items[1].progress length 1
json .items[1].progress[0].goal == "g1"
json .items[1].what_changed == null

### the peer supporter does not record a review
as peer1
POST /api/v1/care-plans/$plan/reviews
If-Match: 3
{"what_changed":"mine"}
expect 403
audit action=care_plan.review outcome=denied client_id=$team_client staff=peer1

### a crisis brings the review forward: within 14 days
as cm1
POST /api/v1/clients/$team_client/crisis-events
{"occurred_at":"$time(-3600)","kind":"self_harm","severity":"high","response_mode":"home_visit","responders":[$cm1_id],"actions":"Visited; safety plan gone through.","outcome":"stabilised_at_home"}
expect 201
audit action=care_plan.review_forward outcome=ok client_id=$team_client staff=cm1 reason=crisis

### the plan's review is due within 14 days now
as cm1
GET /api/v1/care-plans/$plan
expect 200
json .review_due <= "$time(1209600)"
json .review_due >= "$time(0)"

### page: the plan by domain, the client's words first, progress from the reviews
as cm1
GET /care-plans/$plan
expect 200
text contains I want my own room with a door that locks.
text contains id="goal-g1"
text contains Progress at the reviews
text contains 9/10
text contains not asked yet
text contains id="cp-agree"
audit action=client.view outcome=ok client_id=$team_client staff=cm1

### page: an earlier version, with the way back to the current one
as cm1
GET /care-plans/$plan?version=1
expect 200
text contains id="old-version"
text contains Fewer bad nights.

### page: the client page's section
as cm1
GET /clients/$team_client
expect 200
text contains id="care-plan"
text contains href="/care-plans/$plan"

### page: the plan printed for the client, in their words, without the worker's wording
as cm1
GET /care-plans/$plan/print
expect 200
text contains My care plan
text contains I want my own room with a door that locks.
text excludes Review night-time medication

### page: versions 1 and 3 side by side, matched by key
as cm1
GET /care-plans/$plan/compare?from=1&to=3
expect 200
text contains data-goal="g1" data-state="changed"
text contains data-goal="g4" data-state="removed"
text contains data-goal="g5" data-state="added"

### page: the versions list
as cm1
GET /care-plans/$plan/versions
expect 200
text contains data-version="3"
text contains From a review

### page: "Add a goal" brings the form back with one more block and nothing saved
as cm1
POST /care-plans/$plan/edit
Content-Type: application/x-www-form-urlencoded

version=3&_goals=1&g0.key=g1&g0.domain=housing&g0.client_words=My+own+flat&g0._steps=0&_add=1
expect 200
text contains id="cp-goal-1"
text contains My own flat
audit rows 1
audit action=client.view outcome=ok client_id=$team_client staff=cm1

### page: a blank goal's words are required, named on its block
as cm1
POST /care-plans/$plan/edit
Content-Type: application/x-www-form-urlencoded

version=3&_goals=1&g0.domain=housing&g0.worker_words=x&g0._steps=0&why=w
expect 400
text contains href="#cp-goal-0"

### page: a stale version: "someone else changed this", and what was typed comes back
as cm1
POST /care-plans/$plan/edit
Content-Type: application/x-www-form-urlencoded

version=2&_goals=1&g0.key=g1&g0.domain=housing&g0.client_words=Typed+on+the+bus&g0._steps=0&why=mine
expect 409
text contains Someone else changed this
text contains Typed on the bus

### page: the change saved from the form
as cm1
POST /care-plans/$plan/edit
Content-Type: application/x-www-form-urlencoded

version=3&_goals=2&g0.key=g1&g0.domain=housing&g0.client_words=My+own+room.&g0.status=reached&g0.share=1&g0._steps=1&g0.s0.who=client&g0.s0.what=Pay+the+rent&g0.s0.how_often=monthly&g1.domain=&g1._steps=1&g1.s0.who=client&why=the+client+said+it+shorter
expect 303
header Location contains /care-plans/$plan?msg=care-plan
audit action=care_plan.revise outcome=ok client_id=$team_client staff=cm1

### the form's change is version 4, the blank block left out
as cm1
GET /api/v1/care-plans/$plan
expect 200
json .version == 4
json .goals length 1
json .goals[0].client_words == "My own room."
json .goals[0].share_with_peer == true
json .goals[0].steps[0].what == "Pay the rent"

### page: the review form, each goal's progress on 0..10
as cm1
GET /care-plans/$plan/review
expect 200
text contains name="p.g1.scale"

### page: a review recorded from the form sets the next date
as cm1
POST /care-plans/$plan/reviews
Content-Type: application/x-www-form-urlencoded

version=4&what_changed=Settled+in+the+room.&p.g1.scale=10&p.g1.words=Done.&next_review=2199-06-01
expect 303
header Location contains /care-plans/$plan?msg=care-plan-reviewed
audit action=care_plan.review outcome=ok client_id=$team_client staff=cm1

### the review from the form, with its progress
as cm1
GET /api/v1/care-plans/$plan/reviews
expect 200
json .items[0].what_changed == "Settled in the room."
json .items[0].progress[0].goal == "g1"
json .items[0].progress[0].scale == 10
json .items[0].progress[0].words == "Done."
json .items[0].next_review == "2199-06-01"

### page: the care desk does not open the plan
as desk1
GET /care-plans/$plan
expect 403

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
team  GET  /api/v1/care-plans/{plan}/reviews | 403* 200+/list 200+/list 200+/list 200+/list 200+/list 403* 200+/list 403 200+/list
org   GET  /api/v1/care-plans/{plan}/reviews | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/care-plans/{plan}/reviews | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/care-plans/{plan}/reviews If-Match:0 {} | 403* 400 400 400 400 403* 403* 403* 403 400
org   POST /api/v1/care-plans/{plan}/reviews If-Match:0 {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/care-plans/{plan}/reviews If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/care-plans/{plan}/agreement If-Match:0 {} | 403* 400 400 400 400 403* 403* 403* 403 400
org   POST /api/v1/care-plans/{plan}/agreement If-Match:0 {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/care-plans/{plan}/agreement If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
