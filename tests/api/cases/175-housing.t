# Housing (issue 13 §1-§3): a housing provider's units and their state (a vacancy tells its housing
# coordinators), applications and the waiting list ordered by a score that is the sum of parts
# (housing/priority.rules: homeless 40, hospital 30 + 0.5 a day ready for discharge up to 30,
# at_risk 25, unstable 20, 2 a month waiting up to 40, high risk 10), an override of the order with a
# reason (audited), offers of a vacant unit to the applications that fit it (a declined offer keeps
# the place), the move-in that makes the tenancy, tenancy events (arrears at 300,000 won or three
# complaints within 90 days make a task for the case manager) and the end with its reason; days
# housed and moves a year. Housing coordinators of the provider see the housing part of the clients
# who applied to it or live in its units (REL_HOUSED), not their notes.
#
# The access matrix at the end uses the relationships of matrix.t, made by tests/api/world.t, and
# "housed": a Northside client who applied to Harbour (housing1's organisation).

### the world of the matrix (tests/api/world.t): staff hs-*, clients named Housa, born in the 1890s
set world hs
set world_name Housa
set world_decade 189
include who.t
include world.t

### setup: a second housing coordinator at Harbour, who learns of vacancies
as admin
POST /api/v1/staff
{"username":"hs-hc2","display_name":"Housa hs-hc2","role":"housing_coordinator","org_id":$harbour,"password":"hearth-demo-2026"}
expect 201
save hc2_id .id

### setup: a second housing provider, for the matrix's applications
as admin
POST /api/v1/orgs
{"name":"Hs Second Homes","kind":"housing_provider"}
expect 201
save second_homes .id

# ---- stock ----

### housing1 records a vacant supportive-housing unit of Harbour
as housing1
POST /api/v1/housing/units
{"property":"Willow House","address":"12 Willow-ro, Harbour-gu","label":"Flat 2","type":"supportive","bedrooms":1,"accessible":true,"district":"Harbour-gu","rent":250000,"eligible":"Adults in the housing support programme"}
expect 201
json .state == "vacant"
json .org_id == $harbour
json .accessible == true
json .vacant_days == 0
json .tenancy_id == null
save unit .id
save unit_version .version
audit action=housing_unit.create outcome=ok entity=housing_unit entity_id=$unit staff=housing1

### the other housing coordinator of Harbour is told of the vacancy at once
as hs-hc2
GET /api/v1/notifications
expect 200
json .items[0].kind == "housing"
json .items[0].entity == "housing_unit"
json .items[0].entity_id == $unit
json .items[0].text contains "Willow House"

### a unit with a bad body names each field
as housing1
POST /api/v1/housing/units
{"property":"","label":"A","type":"castle","bedrooms":99,"district":"Harbour-gu","rent":-1,"state":"offline"}
expect 400
json .errors.type exists
json .errors.bedrooms exists
json .errors.rent exists
json .errors.property exists
json .errors.offline_reason exists

### bad JSON is refused
as housing1
POST /api/v1/housing/units
{"property":
expect 400

### a case manager does not keep housing stock
as cm1
POST /api/v1/housing/units
{"property":"X","label":"1","type":"supportive","bedrooms":1,"district":"Harbour-gu","rent":1}
expect 403
audit action=housing_unit.create outcome=denied staff=cm1

### the care desk of Northside is no housing provider: refused by the rule on its organisation
as admin
POST /api/v1/staff
{"username":"hs-nhc","display_name":"Housa hs-nhc","role":"housing_coordinator","org_id":$northside,"password":"hearth-demo-2026"}
expect 201

### a housing coordinator of an organisation that is not a housing provider keeps no units
as hs-nhc
POST /api/v1/housing/units
{"property":"X","label":"1","type":"supportive","bedrooms":1,"district":"Harbour-gu","rent":1}
expect 403
audit action=housing_unit.create outcome=denied staff=hs-nhc

### a case manager sees the stock: vacant first
as cm1
GET /api/v1/housing/units?state=vacant&org_id=$harbour
expect 200
json .items[*].id contains $unit
json .items[*].state excludes "occupied"

### a state that is not one is refused
as cm1
GET /api/v1/housing/units?state=haunted
expect 400
json .errors.state exists

### a peer supporter does not see the stock
as peer1
GET /api/v1/housing/units
expect 403

# ---- applications ----

### cm1 applies to Harbour for the team client: homeless, supportive housing in Harbour-gu
as cm1
POST /api/v1/clients/$team_client/housing-applications
{"org_id":$harbour,"type":"supportive","district":"Harbour-gu","household":1,"situation":"homeless","documents":["ID card","Income statement"],"note":"Sleeping at a friend's."}
expect 201
json .status == "waiting"
json .score == 40
json .parts[0].key == "situation"
json .parts[0].detail == "homeless"
json .parts[0].points == 40
json .parts[1].key == "waiting"
json .parts[1].days == 0
json .documents[0].name == "ID card"
json .documents[0].received == false
json .from_org_id == $riverside
save app .id
save app_version .version
audit action=housing_application.create outcome=ok client_id=$team_client staff=cm1

### a second open application to the same provider is refused
as cm1
POST /api/v1/clients/$team_client/housing-applications
{"org_id":$harbour,"type":"supportive","situation":"homeless"}
expect 409

### an application to an organisation that is no housing provider names the field
as cm1
POST /api/v1/clients/$team_client/housing-applications
{"org_id":$riverside,"type":"supportive","situation":"hospital"}
expect 400
json .errors.org_id exists
json .errors.ready_since exists

### cm2 applies for their client to Harbour: in hospital, ready for discharge 20 days ago
as cm2
POST /api/v1/clients/$org_client/housing-applications
{"org_id":$harbour,"type":"supportive","situation":"hospital","ready_since":"$date(-20)","accessible":true}
expect 201
json .parts[1].key == "hospital_days"
json .parts[1].days == 20
json .parts[1].points == 10
json .score == 40
save app2 .id

### a peer supporter of the team does not see the client's housing
as peer1
GET /api/v1/clients/$team_client/housing-applications
expect 403
audit action=housing_application.list outcome=denied staff=peer1

### the care desk on the team does not see it either
as desk1
GET /api/v1/housing-applications/$app
expect 403

### housing1 reads Harbour's waiting list: each score with its parts
as housing1
GET /api/v1/housing/waiting-list
expect 200
json .items[*].id contains $app
json .items[*].id contains $app2
json .items[*].score sorted desc
json .items[0].parts[0].key == "situation"
audit action=housing_application.waiting_list outcome=ok staff=housing1

### a case manager has no provider's waiting list
as cm1
GET /api/v1/housing/waiting-list
expect 403

### housing1 reads cm2's client's application: Harbour houses them (not on their team)
as housing1
GET /api/v1/housing-applications/$app2
expect 200
json .client_id == $org_client
audit action=housing_application.read outcome=ok client_id=$org_client staff=housing1

### ... and the client's identity record
as housing1
GET /api/v1/clients/$org_client
expect 200

### ... but not the client's notes
as housing1
GET /api/v1/clients/$org_client/contacts
expect 403

### the case manager marks a document received (a stale version is refused)
as cm1
PATCH /api/v1/housing-applications/$app
If-Match: 0
{"documents":[{"name":"ID card","received":true}]}
expect 409
json .current_version == $app_version

### the case manager marks a document received
as cm1
PATCH /api/v1/housing-applications/$app
If-Match: $app_version
{"documents":[{"name":"ID card","received":true},{"name":"Income statement","received":false}]}
expect 200
json .documents[0].received == true
json .documents[1].received == false
save app_version .version

### overriding the order needs a reason of 10 characters
as housing1
POST /api/v1/housing-applications/$app2/override
If-Match: 1
{"points":15,"reason":"urgent"}
expect 400
json .errors.reason exists

### a case manager does not change the provider's order
as cm2
POST /api/v1/housing-applications/$app2/override
If-Match: 1
{"points":15,"reason":"The ward needs the bed this week."}
expect 403
audit action=housing_application.override outcome=denied staff=cm2

### housing1 moves cm2's client up: a part of the score with its reason, audited
as housing1
POST /api/v1/housing-applications/$app2/override
If-Match: 1
{"points":15,"reason":"The ward needs the bed this week."}
expect 200
json .score == 55
json .parts[*].key contains "override"
json .parts[-1].detail == "The ward needs the bed this week."
json .override_points == 15
audit action=housing_application.override outcome=ok client_id=$org_client reason="+15: The ward needs the bed this week."

### the waiting list now has cm2's client first
as housing1
GET /api/v1/housing/waiting-list
expect 200
json .items[*].score sorted desc
json .items[*].id contains $app2

# ---- an organisation's weights ----

### housing1 reads the weights Harbour uses
as housing1
GET /api/v1/housing/weights
expect 200
json .items[0].key == "situation.homeless"
json .items[0].points == 40
json .items[0].own == false

### an unknown weight or a bad number is refused, naming it
as housing1
PUT /api/v1/housing/weights
{"weights":{"situation.rich":5,"high_risk":-3}}
expect 400
json .errors["weights.situation.rich"] exists
json .errors["weights.high_risk"] exists

### a case manager does not set a provider's weights
as cm1
PUT /api/v1/housing/weights
{"weights":{"high_risk":20}}
expect 403

### Harbour weighs homelessness at 50: the score follows
as housing1
PUT /api/v1/housing/weights
{"weights":{"situation.homeless":50}}
expect 200
json .items[0].points == 50
json .items[0].own == true
audit action=housing_weights.set outcome=ok staff=housing1

### the team client's application shows the organisation's weight
as cm1
GET /api/v1/housing-applications/$app
expect 200
json .score == 50

### back to the file's weight
as housing1
PUT /api/v1/housing/weights
{"weights":{"situation.homeless":null}}
expect 200
json .items[0].points == 40

# ---- offers ----

### the applications that fit the unit (supportive, Harbour-gu, accessible, one bedroom)
as housing1
GET /api/v1/housing/units/$unit/matches
expect 200
json .items[*].id contains $app
json .items[*].id contains $app2
json .items[*].score sorted desc

### another organisation's coordinator does not match Harbour's unit
as hs-nhc
GET /api/v1/housing/units/$unit/matches
expect 403

### an application that does not fit is refused, naming it
as housing1
POST /api/v1/housing/units
{"property":"Oak Court","label":"Room 1","type":"group_home","bedrooms":1,"district":"Millbrook-gu","rent":150000}
expect 201
save unit2 .id

### ... offering the group home to the supportive-housing application
as housing1
POST /api/v1/housing/units/$unit2/offers
{"application_id":$app}
expect 400
json .errors.application_id exists

### housing1 offers the flat to the team client, answer within a week
as housing1
POST /api/v1/housing/units/$unit/offers
{"application_id":$app,"deadline":"$date(7)"}
expect 201
json .status == "open"
json .score == 40
json .unit_id == $unit
save offer .id
save offer_version .version
audit action=housing_offer.create outcome=ok client_id=$team_client staff=housing1

### the case manager is told
as cm1
GET /api/v1/notifications
expect 200
json .items[0].kind == "housing"
json .items[0].entity == "housing_offer"
json .items[0].entity_id == $offer

### the application is offered; a second offer of the same unit is refused
as housing1
POST /api/v1/housing/units/$unit/offers
{"application_id":$app2}
expect 409

### a decline needs the client's reason
as cm1
POST /api/v1/housing-offers/$offer/answer
If-Match: $offer_version
{"answer":"declined"}
expect 400
json .errors.reason exists

### the client declines: too far from their sister; the application keeps its place
as cm1
POST /api/v1/housing-offers/$offer/answer
If-Match: $offer_version
{"answer":"declined","reason":"Too far from her sister, who helps every day."}
expect 200
json .status == "declined"
audit action=housing_offer.answer outcome=ok client_id=$team_client reason=declined

### the application is waiting again, its score as before
as cm1
GET /api/v1/housing-applications/$app
expect 200
json .status == "waiting"
json .declines == 1
json .score == 40
json .offers[0].status == "declined"

### an offer answered is not answered again
as cm1
POST /api/v1/housing-offers/$offer/answer
If-Match: 2
{"answer":"accepted"}
expect 409

### a second offer, accepted by the client
as housing1
POST /api/v1/housing/units/$unit/offers
{"application_id":$app}
expect 201
save offer2 .id

### the case manager records the acceptance
as cm1
POST /api/v1/housing-offers/$offer2/answer
If-Match: 1
{"answer":"accepted"}
expect 200
json .status == "accepted"

### a case manager does not record the move-in
as cm1
POST /api/v1/housing-offers/$offer2/move-in
If-Match: 2
{"rent_payer":"benefit","support_level":"medium"}
expect 403
audit action=tenancy.create outcome=denied staff=cm1

### a move-in needs who pays and the support level
as housing1
POST /api/v1/housing-offers/$offer2/move-in
If-Match: 2
{"rent_payer":"aunt"}
expect 400
json .errors.rent_payer exists
json .errors.support_level exists

### a stale version of the offer is refused
as housing1
POST /api/v1/housing-offers/$offer2/move-in
If-Match: 1
{"rent_payer":"benefit","support_level":"medium"}
expect 409

### the client moves in: the tenancy, the unit occupied, the application housed
as housing1
POST /api/v1/housing-offers/$offer2/move-in
If-Match: 2
{"rent_payer":"benefit","support_level":"medium"}
expect 201
json .status == "current"
json .unit_id == $unit
json .rent == 250000
json .landlord == "Harbour Housing Association"
json .events length 0
save tenancy .id
save tenancy_version .version
audit action=tenancy.create outcome=ok client_id=$team_client staff=housing1

### the unit is occupied
as housing1
GET /api/v1/housing/units/$unit
expect 200
json .state == "occupied"
json .tenancy_id == $tenancy
json .vacant_days == null

### an occupied unit's state is changed by ending the tenancy only
as housing1
POST /api/v1/housing/units/$unit/state
If-Match: 0
{"state":"vacant"}
expect 409

### the application is housed
as cm1
GET /api/v1/housing-applications/$app
expect 200
json .status == "housed"

### the case manager is told of the move-in
as cm1
GET /api/v1/notifications
expect 200
json .items[0].entity == "tenancy"
json .items[0].entity_id == $tenancy

# ---- tenancy events and risk ----

### rent arrears below the threshold make no task
as cm1
POST /api/v1/tenancies/$tenancy/events
{"kind":"rent_arrears","amount":100000,"note":"One month behind."}
expect 201
json .arrears == 100000
json .arrears_task == null
json .events[0].kind == "rent_arrears"
json .events[0].amount == 100000

### arrears need an amount; a complaint has none
as cm1
POST /api/v1/tenancies/$tenancy/events
{"kind":"rent_arrears"}
expect 400
json .errors.amount exists

### a complaint with an amount is refused
as cm1
POST /api/v1/tenancies/$tenancy/events
{"kind":"complaint","amount":5}
expect 400
json .errors.amount exists

### arrears at the threshold make a task for the case manager
as housing1
POST /api/v1/tenancies/$tenancy/events
{"kind":"rent_arrears","amount":350000}
expect 201
json .arrears == 350000
json .arrears_task > 0
save arrears_task .arrears_task

### the task is cm1's, made by the rule, its text by key
as cm1
GET /api/v1/clients/$team_client/tasks
expect 200
json .items[*].id contains $arrears_task
json .items[*].title_key contains "tenancy.arrears"

### more arrears do not make a second task
as cm1
POST /api/v1/tenancies/$tenancy/events
{"kind":"rent_arrears","amount":400000}
expect 201
json .arrears_task == $arrears_task

### complaint one
as housing1
POST /api/v1/tenancies/$tenancy/events
{"kind":"complaint","note":"Music late at night."}
expect 201
json .complaint_task == null

### complaint two
as housing1
POST /api/v1/tenancies/$tenancy/events
{"kind":"complaint","note":"Shouting on the stairs."}
expect 201
json .complaint_task == null

### the third complaint within 90 days makes a task
as housing1
POST /api/v1/tenancies/$tenancy/events
{"kind":"complaint","note":"Door slammed."}
expect 201
json .complaint_task > 0

### the case manager's visit
as cm1
POST /api/v1/tenancies/$tenancy/events
{"kind":"visit","note":"Talked about the rent and the neighbours; agreed a payment plan."}
expect 201
json .events[0].kind == "visit"

### a peer supporter records no tenancy event
as peer1
POST /api/v1/tenancies/$tenancy/events
{"kind":"visit"}
expect 403

### the client's stability figures: housed since today, one tenancy
as cm1
GET /api/v1/clients/$team_client/housing-stability
expect 200
json .tenancies == 1
json .days_housed == 0
json .moves_last_year == 1
json .current_tenancy == $tenancy

### an end needs its reason
as cm1
POST /api/v1/tenancies/$tenancy/end
If-Match: $tenancy_version
{"reason":"bored"}
expect 400
json .errors.reason exists

### the tenancy ends: moved on to more support
as cm1
POST /api/v1/tenancies/$tenancy/end
If-Match: $tenancy_version
{"reason":"more_support","note":"Moved to the group home nearer her sister."}
expect 200
json .status == "ended"
json .end_reason == "more_support"

### the unit is being prepared
as housing1
GET /api/v1/housing/units/$unit
expect 200
json .state == "preparing"
json .tenancy_id == null
save unit_version .version

### it goes offline with a reason
as housing1
POST /api/v1/housing/units/$unit/state
If-Match: $unit_version
{"state":"offline","offline_reason":"Damp in the bathroom: repairs."}
expect 200
json .state == "offline"
json .offline_reason == "Damp in the bathroom: repairs."
save unit_version .version

### another organisation's coordinator does not change Harbour's unit
as hs-nhc
POST /api/v1/housing/units/$unit/state
If-Match: $unit_version
{"state":"vacant"}
expect 403

### the rules: a declined offer keeps the place (declines_remove 0), so the application counts
as cm1
GET /api/v1/clients/$team_client/housing-applications
expect 200
json .items[0].id == $app
json .items[0].declines == 1

### withdrawing needs a reason
as cm2
POST /api/v1/housing-applications/$app2/withdraw
If-Match: 2
{}
expect 400
json .errors.reason exists

# ---- the matrix ----

### setup housed: a Northside client applies to Harbour (housing1 is on no team of theirs)
as hs-ncm
POST /api/v1/clients/${org_client@desk1}/housing-applications
{"org_id":$harbour,"type":"supportive","situation":"unstable"}
expect 201
save housed_application .id
set housed_client ${org_client@desk1}

### setup: team client's application to the second provider
as cm1
POST /api/v1/clients/$team_client/housing-applications
{"org_id":$second_homes,"type":"group_home","situation":"unstable"}
expect 201
save team_application .id

### setup: the other client's application (cm4's, Eastgate) to the second provider
as cm4
POST /api/v1/clients/$other_client/housing-applications
{"org_id":$second_homes,"type":"group_home","situation":"unstable"}
expect 201
save other_application .id

### setup: Harbour's own client's application to the second provider
as hs-hcm
POST /api/v1/clients/${org_client@housing1}/housing-applications
{"org_id":$second_homes,"type":"group_home","situation":"unstable"}
expect 201
save org_application@housing1 .id

### setup: Eastgate's other client's application to the second provider
as hs-cm4b
POST /api/v1/clients/${org_client@cm4}/housing-applications
{"org_id":$second_homes,"type":"group_home","situation":"unstable"}
expect 201
save org_application@cm4 .id

### setup: the Northside client of the care desk: the housed one
set org_application@desk1 $housed_application

### setup: the matrix's variables
set org_application $app2
set team_offer $offer
set team_tenancy $tenancy
set team_application@cm4 $other_application
set other_application@cm4 $app2
set team_unit $unit

### setup: an offer and a tenancy of the housed client (Harbour's unit, housed by housing1)
as housing1
POST /api/v1/housing/units
{"property":"Birch Flats","label":"B1","type":"supportive","bedrooms":1,"district":"Harbour-gu","rent":200000}
expect 201
save unit3 .id

### setup: the offer
as housing1
POST /api/v1/housing/units/$unit3/offers
{"application_id":$housed_application}
expect 201
save housed_offer .id

### setup: accepted
as hs-ncm
POST /api/v1/housing-offers/$housed_offer/answer
If-Match: 1
{"answer":"accepted"}
expect 200

### setup: moved in
as housing1
POST /api/v1/housing-offers/$housed_offer/move-in
If-Match: 2
{"rent_payer":"client","support_level":"low"}
expect 201
save housed_tenancy .id
set housed_unit $unit3

### setup: cm4's team client applies to Harbour too, and moves in (the team cells of cm4)
as cm4
POST /api/v1/clients/$other_client/housing-applications
{"org_id":$harbour,"type":"supportive","situation":"homeless"}
expect 201
save cm4_app .id

### setup: a unit for cm4's client
as housing1
POST /api/v1/housing/units
{"property":"Birch Flats","label":"B2","type":"supportive","bedrooms":1,"district":"Harbour-gu","rent":200000}
expect 201
save unit4 .id

### setup: offered
as housing1
POST /api/v1/housing/units/$unit4/offers
{"application_id":$cm4_app}
expect 201
save cm4_offer .id

### setup: accepted
as cm4
POST /api/v1/housing-offers/$cm4_offer/answer
If-Match: 1
{"answer":"accepted"}
expect 200

### setup: moved in
as housing1
POST /api/v1/housing-offers/$cm4_offer/move-in
If-Match: 2
{"rent_payer":"client","support_level":"low"}
expect 201
save cm4_tenancy .id
set team_offer@cm4 $cm4_offer
set team_tenancy@cm4 $cm4_tenancy
# housing1 houses cm4's client now: its "other" client is Eastgate's other one
set other_client@housing1 ${org_client@cm4}
set other_application@housing1 ${org_application@cm4}

### the access matrix of housing
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag list json .items exists
tag parts json .parts exists
tag ten json .events exists
tag full json .access.level == "full"
tag find json .access.level == "find"
# (an analyst is refused by the routes' roles, before core/: no audit row)
# A client's housing: the care team's clinical members and housing coordinators, and the housing
# provider's coordinators who house the client (housed: housing1 only); not the peer supporter, not
# the care desk. Writes are sent so that they change nothing once let through.
team   GET  /api/v1/clients/{client}/housing-applications | 403* 200+/list 200+/list 200+/list 200+/list 403* 403* 200+/list 403 200+/list
org    GET  /api/v1/clients/{client}/housing-applications | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403*
other  GET  /api/v1/clients/{client}/housing-applications | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
housed GET  /api/v1/clients/{client}/housing-applications | 403* 403* 403* 403* 403* 403* 403* 200+/list 403 403*
team   GET  /api/v1/housing-applications/{application} | 403* 200+/parts 200+/parts 200+/parts 200+/parts 403* 403* 200+/parts 403 200+/parts
org    GET  /api/v1/housing-applications/{application} | 403* 200+/parts 403* 403* 403* 403* 403* 403* 403 403*
other  GET  /api/v1/housing-applications/{application} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
housed GET  /api/v1/housing-applications/{application} | 403* 403* 403* 403* 403* 403* 403* 200+/parts 403 403*
team   POST /api/v1/clients/{client}/housing-applications {} | 403* 400 400 400 400 403* 403* 400 403 400
org    POST /api/v1/clients/{client}/housing-applications {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other  POST /api/v1/clients/{client}/housing-applications {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
housed POST /api/v1/clients/{client}/housing-applications {} | 403* 403* 403* 403* 403* 403* 403* 400 403 403*
team   PATCH /api/v1/housing-applications/{application} If-Match:0 {} | 403* 409 409 409 409 403* 403* 409 403 409
org    PATCH /api/v1/housing-applications/{application} If-Match:0 {} | 403* 409 403* 403* 403* 403* 403* 403* 403 403*
other  PATCH /api/v1/housing-applications/{application} If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
housed PATCH /api/v1/housing-applications/{application} If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 409 403 403*
team   POST /api/v1/housing-applications/{application}/withdraw If-Match:0 {} | 403* 400 400 400 400 403* 403* 400 403 400
org    POST /api/v1/housing-applications/{application}/withdraw If-Match:0 {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other  POST /api/v1/housing-applications/{application}/withdraw If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
housed POST /api/v1/housing-applications/{application}/withdraw If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 400 403 403*
team   POST /api/v1/housing-applications/{application}/override If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
org    POST /api/v1/housing-applications/{application}/override If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
other  POST /api/v1/housing-applications/{application}/override If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
housed POST /api/v1/housing-applications/{application}/override If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 400 403 403*
team   GET  /api/v1/clients/{client}/housing-offers | 403* 200+/list 200+/list 200+/list 200+/list 403* 403* 200+/list 403 200+/list
org    GET  /api/v1/clients/{client}/housing-offers | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403*
other  GET  /api/v1/clients/{client}/housing-offers | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
housed GET  /api/v1/clients/{client}/housing-offers | 403* 403* 403* 403* 403* 403* 403* 200+/list 403 403*
team   GET  /api/v1/housing-offers/{offer} | 403* 200+ 200+ 200+ 200+ 403* 403* 200+ 403 200+
housed GET  /api/v1/housing-offers/{offer} | 403* 403* 403* 403* 403* 403* 403* 200+ 403 403*
team   POST /api/v1/housing-offers/{offer}/answer If-Match:0 {} | 403* 400 400 400 400 403* 403* 400 403 400
housed POST /api/v1/housing-offers/{offer}/answer If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 400 403 403*
team   POST /api/v1/housing/units/{unit}/offers {"application_id":{application}} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
housed POST /api/v1/housing/units/{unit}/offers {"application_id":{application}} | 403* 403* 403* 403* 403* 403* 403* 409 403 403*
team   POST /api/v1/housing-offers/{offer}/move-in If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 409 403 403*
housed POST /api/v1/housing-offers/{offer}/move-in If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 409 403 403*
team   GET  /api/v1/clients/{client}/tenancies | 403* 200+/list 200+/list 200+/list 200+/list 403* 403* 200+/list 403 200+/list
org    GET  /api/v1/clients/{client}/tenancies | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403*
other  GET  /api/v1/clients/{client}/tenancies | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
housed GET  /api/v1/clients/{client}/tenancies | 403* 403* 403* 403* 403* 403* 403* 200+/list 403 403*
team   GET  /api/v1/clients/{client}/housing-stability | 403* 200+ 200+ 200+ 200+ 403* 403* 200+ 403 200+
housed GET  /api/v1/clients/{client}/housing-stability | 403* 403* 403* 403* 403* 403* 403* 200+ 403 403*
team   GET  /api/v1/tenancies/{tenancy} | 403* 200+/ten 200+/ten 200+/ten 200+/ten 403* 403* 200+/ten 403 200+/ten
housed GET  /api/v1/tenancies/{tenancy} | 403* 403* 403* 403* 403* 403* 403* 200+/ten 403 403*
team   POST /api/v1/tenancies/{tenancy}/events {} | 403* 400 400 400 400 403* 403* 400 403 400
housed POST /api/v1/tenancies/{tenancy}/events {} | 403* 403* 403* 403* 403* 403* 403* 400 403 403*
team   POST /api/v1/tenancies/{tenancy}/end If-Match:0 {} | 403* 400 400 400 400 403* 403* 400 403 400
housed POST /api/v1/tenancies/{tenancy}/end If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 400 403 403*
housed GET  /api/v1/clients/{client} | 403* 403* 403* 403* 403* 403* 200+/find 200+/full 403 403*
-      GET  /api/v1/housing/units | 403 200 200 200 200 403 403 200 403 200
-      POST /api/v1/housing/units {} | 403 403 403 403 403 403 403 400 403 403
-      GET  /api/v1/housing/units/{unit} | 403 200 200 200 200 403 403 200 403 200
-      POST /api/v1/housing/units/{unit}/state If-Match:0 {} | 403 403 403 403 403 403 403 400 403 403
-      GET  /api/v1/housing/units/{unit}/matches | 403 403 403 403 403 403 403 200 403 403
-      GET  /api/v1/housing/waiting-list | 403 200/list 403 403 403 403 403 200/list 403 403
-      GET  /api/v1/housing/weights | 403 200 403 403 403 403 403 200 403 403
-      PUT  /api/v1/housing/weights {} | 403 400 403 403 403 403 403 400 403 403

### afterwards: housing1 has no "other" client of its own in the files that follow
unset other_client@housing1
unset other_application@housing1
