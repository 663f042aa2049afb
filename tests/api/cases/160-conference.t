# Case conferences (issue 11 §3): a conference's general part (when, the organiser, the staff of any
# organisation and the guests without accounts who take part, the clients discussed) is its
# participants' and its organisation's supervisors'; the part about a client (the question, the
# discussion, the decisions) is read by those the access table lets read that client's conference
# parts (like notes), participant or not, so a participant who may not see a client never gets
# that client's part. A guest's presence is audited on every client discussed. A decision becomes
# a task or a care-plan change whose source is "conference N".
#
# The access matrix at the end uses the relationships of matrix.t, made by tests/api/world.t.

### the world of the matrix (tests/api/world.t): staff cf-*, clients named Confera, born in the 2000s
set world cf
set world_name Confera
set world_decade 200
include who.t
include world.t

### who is who: Eastgate's second case manager
as cf-cm4b
GET /api/v1/me
expect 200
save cm4b_id .id

### sup organises a conference with staff of three organisations and a lawyer as a guest
as sup
POST /api/v1/conferences
{"held_at":"$time(86400)","title":"Monthly case conference","purpose":"Housing and safety of two clients","staff":[$cm1_id,$psy1_id,$nurse1_id,$peer1_id,$desk1_id,$housing1_id,$cm4_id,$admin_id],"guests":[{"name":"Park Lawyer","role":"lawyer","organisation":"Legal Aid"}]}
expect 201
json .organiser == $sup_id
json .org_id == $riverside
json .upcoming == true
json .staff length 9
json .staff[0].staff_id == $sup_id
json .staff[*].staff_id contains $cm4_id
json .guests[0].name == "Park Lawyer"
json .guests[0].attended == null
json .clients length 0
json .clients_hidden == 0
save conf .id
save conf_v .version
audit action=conference.create outcome=ok staff=sup entity=conference entity_id=$conf

### sup brings the team client: the lawyer's presence is audited on the client
as sup
POST /api/v1/conferences/$conf/clients
{"client_id":$team_client,"question":"Can the client keep their flat after the eviction notice?"}
expect 201
json .client_id == $team_client
json .conference_id == $conf
json .source == "conference $conf"
json .conference.guests[0].role == "lawyer"
json .decisions length 0
save team_item .id
save team_item_v .version
audit action=conference_client.create outcome=ok client_id=$team_client staff=sup
audit action=conference.guest outcome=ok client_id=$team_client staff=sup entity=conference entity_id=$conf reason="guest Park Lawyer, lawyer (Legal Aid) at conference $conf"

### sup brings the organisation's client too (a supervisor of the organisation)
as sup
POST /api/v1/conferences/$conf/clients
{"client_id":$org_client,"question":"Is the medication review overdue?"}
expect 201
save org_item .id
audit action=conference.guest outcome=ok client_id=$org_client

### a guest added later is audited on every client discussed
as cm1
POST /api/v1/conferences/$conf/guests
{"name":"Lee Sunhee","role":"family member"}
expect 200
json .guests length 2
json .guests[1].organisation == null
save guest2 .guests[1].id
audit action=conference.guest outcome=ok client_id=$team_client staff=cm1 reason="guest Lee Sunhee, family member at conference $conf"
audit action=conference.guest outcome=ok client_id=$org_client staff=cm1 reason="guest Lee Sunhee, family member at conference $conf"
audit action=conference.update outcome=ok staff=cm1

### the client's access report shows that a lawyer was present when they were discussed
as cm1
GET /api/v1/clients/$team_client/access-log
expect 200
json .items[*].action contains "conference.guest"
json .items[*].reason contains "guest Park Lawyer, lawyer (Legal Aid) at conference $conf"

### another organisation's participant reads the general part: no client they may not see
as cm4
GET /api/v1/conferences/$conf
expect 200
json .title == "Monthly case conference"
json .clients length 0
json .clients_hidden == 2
audit action=conference.read outcome=ok staff=cm4 entity_id=$conf detail=null

### cm1 sees their own client and not the organisation's other one
as cm1
GET /api/v1/conferences/$conf
expect 200
json .clients length 1
json .clients[0].client_id == $team_client
json .clients[0].item_id == $team_item
json .clients_hidden == 1
json .may_change == true
audit action=conference.read outcome=ok staff=cm1 detail={"clients":[$team_client]}

### the supervisor sees both
as sup
GET /api/v1/conferences/$conf
expect 200
json .clients length 2
json .clients_hidden == 0

### a participant who may not see the client does not get that client's part
as cm4
GET /api/v1/conference-clients/$team_item
expect 403
audit action=conference_client.read outcome=denied client_id=$team_client staff=cm4

### nor does the peer supporter on the client's team (what a conference says is read like notes)
as peer1
GET /api/v1/conference-clients/$team_item
expect 403
audit action=conference_client.read outcome=denied client_id=$team_client staff=peer1

### cm1 may not read the part about a client who is not theirs
as cm1
GET /api/v1/conference-clients/$org_item
expect 403
audit action=conference_client.read outcome=denied client_id=$org_client staff=cm1

### the psychiatrist on the team reads the client's part with the general part beside it
as psy1
GET /api/v1/conference-clients/$team_item
expect 200
json .question == "Can the client keep their flat after the eviction notice?"
json .conference.id == $conf
json .conference.guests length 2
json .conference.clients missing
audit action=conference_client.read outcome=ok client_id=$team_client staff=psy1

### another organisation's non-participant may not read the conference
as cf-ncm
GET /api/v1/conferences/$conf
expect 403
audit action=conference.read outcome=denied staff=cf-ncm entity=conference entity_id=$conf

### nor a case manager of the organisation who does not take part
as cm2
GET /api/v1/conferences/$conf
expect 403
audit action=conference.read outcome=denied staff=cm2

### an analyst reads no conference
as analyst1
GET /api/v1/conferences/$conf
expect 403

### ... and lists none
as analyst1
GET /api/v1/conferences
expect 403

### a conference that does not exist
as sup
GET /api/v1/conferences/999999
expect 404

### bad input is named field by field
as sup
POST /api/v1/conferences
{"held_at":"tomorrow","title":"  ","staff":[999999],"guests":[{"role":"lawyer"}]}
expect 400
json .errors.held_at exists
json .errors.title exists
text contains "staff[0]"
text contains "guests[0].name"

### a body that is not an object
as sup
POST /api/v1/conferences
[1,2]
expect 400

### a client without a question
as sup
POST /api/v1/conferences/$conf/clients
{"client_id":$team_client}
expect 400
json .errors.question exists

### a client already on the agenda
as sup
POST /api/v1/conferences/$conf/clients
{"client_id":$team_client,"question":"Again"}
expect 409

### a participant twice
as sup
POST /api/v1/conferences/$conf/participants
{"staff_id":$cm1_id}
expect 409

### Eastgate's second case manager joins
as sup
POST /api/v1/conferences/$conf/participants
{"staff_id":$cm4b_id}
expect 200
json .staff[*].staff_id contains $cm4b_id
save conf_v .version

### the discussion is recorded with the part's version
as cm1
PATCH /api/v1/conference-clients/$team_item
If-Match: $team_item_v
{"summary":"The landlord agreed to wait for the benefits decision; the lawyer will write to the court."}
expect 200
json .summary == "The landlord agreed to wait for the benefits decision; the lawyer will write to the court."
json .updated_by == $cm1_id
json .version > $team_item_v
audit action=conference_client.update outcome=ok client_id=$team_client staff=cm1

### a stale version is refused and changes nothing
as nurse1
PATCH /api/v1/conference-clients/$team_item
If-Match: $team_item_v
{"summary":"Overwritten"}
expect 409
json .current_version > $team_item_v

### ... the summary is as it was
as cm1
GET /api/v1/conference-clients/$team_item
expect 200
json .summary excludes "Overwritten"

### without If-Match
as cm1
PATCH /api/v1/conference-clients/$team_item
{"summary":"x"}
expect 428

### attendance with a stale version is refused
as sup
POST /api/v1/conferences/$conf/attendance
If-Match: 0
{"present_staff":[$sup_id],"present_guests":[$guest2]}
expect 409

### someone who does not take part cannot be marked present
as sup
POST /api/v1/conferences/$conf/attendance
If-Match: $conf_v
{"present_staff":[$cm2_id]}
expect 400
text contains "present_staff[0]"

### attendance: who came
as sup
POST /api/v1/conferences/$conf/attendance
If-Match: $conf_v
{"present_staff":[$sup_id,$cm1_id,$psy1_id],"present_guests":[$guest2]}
expect 200
json .staff[0].attended == true
json .staff[*].attended contains false
json .guests[0].attended == false
json .guests[1].attended == true

### a decision about the team client
as cm1
POST /api/v1/conference-clients/$team_item/decisions
{"text":"Book an appointment at the benefits office with the client"}
expect 201
json .decisions[0].became == null
save d1 .decisions[0].id

### a second decision
as psy1
POST /api/v1/conference-clients/$team_item/decisions
{"text":"Review the medication at the next clinic visit"}
expect 201
save d2 .decisions[1].id

### a decision without words
as cm1
POST /api/v1/conference-clients/$team_item/decisions
{"text":""}
expect 400
json .errors.text exists

### a participant who may not see the client records no decision about them
as cm4
POST /api/v1/conference-clients/$team_item/decisions
{"text":"Should not be saved"}
expect 403
audit action=conference_client.update outcome=denied client_id=$team_client staff=cm4

### a decision becomes a task needs who and when
as cm1
POST /api/v1/conference-decisions/$d1/task
{}
expect 400
json .errors.assignee exists
json .errors.due exists

### the first decision becomes cm1's task, its source the conference
as cm1
POST /api/v1/conference-decisions/$d1/task
{"assignee":$cm1_id,"due":"2026-12-20"}
expect 200
json .decisions[0].became == "task"
json .decisions[0].task_assignee == $cm1_id
json .decisions[0].task_title == "Book an appointment at the benefits office with the client"
json .decisions[0].task_due == "2026-12-20"
save d1_task .decisions[0].task_id
audit action=conference_client.act outcome=ok client_id=$team_client staff=cm1
audit action=task.create outcome=ok client_id=$team_client staff=cm1

### the task says where it came from
as cm1
GET /api/v1/clients/$team_client/tasks
expect 200
json .items[*].id contains $d1_task
json .items[*].source contains "conference $conf"

### a decision becomes something once
as cm1
POST /api/v1/conference-decisions/$d1/task
{"assignee":$cm1_id,"due":"2026-12-21"}
expect 409

### a participant who may not see the client turns no decision into a task
as cm4
POST /api/v1/conference-decisions/$d2/task
{"assignee":$cm4_id,"due":"2026-12-21"}
expect 403
audit action=conference_client.act outcome=denied client_id=$team_client staff=cm4

### the second decision becomes a task for psy1, titled by the worker
as psy1
POST /api/v1/conference-decisions/$d2/task
{"assignee":$psy1_id,"due":"2026-12-22","title":"Medication review","priority":"high"}
expect 200
json .decisions[1].task_title == "Medication review"
json .decisions[1].task_status == "open"

### the client's care plan, for a decision that changes it
as cm1
POST /api/v1/clients/$team_client/care-plans
{"episode_id":$team_episode,"why":"first plan","goals":[{"domain":"housing","client_words":"Keep my flat.","steps":[{"who":"client","what":"Open the letters with my case manager"}]}]}
expect 201
save plan .id
save plan_v .version
save goal .goals[0].key

### a third decision: the lawyer's letter goes into the plan
as cm1
POST /api/v1/conference-clients/$team_item/decisions
{"text":"Legal Aid writes to the court about the eviction"}
expect 201
save d3 .decisions[2].id

### a plan change needs the goals or one step
as cm1
POST /api/v1/conference-decisions/$d3/plan-change
If-Match: $plan_v
{"plan_id":$plan}
expect 400
json .errors.goals exists

### ... of the client's own plan
as cm1
POST /api/v1/conference-decisions/$d3/plan-change
If-Match: $plan_v
{"plan_id":999999,"step":{"goal_key":"$goal","who":"other_org","what":"x"}}
expect 400
json .errors.plan_id exists

### ... to a goal of the plan
as cm1
POST /api/v1/conference-decisions/$d3/plan-change
If-Match: $plan_v
{"plan_id":$plan,"step":{"goal_key":"g99","who":"other_org","what":"x"}}
expect 400
json .errors["step.goal_key"] exists

### a stale plan version is refused and changes nothing
as cm1
POST /api/v1/conference-decisions/$d3/plan-change
If-Match: 0
{"plan_id":$plan,"step":{"goal_key":"$goal","who":"other_org","who_name":"Legal Aid","what":"Write to the court"}}
expect 409
json .current_version == $plan_v

### the decision becomes a new version of the plan, its source the conference
as cm1
POST /api/v1/conference-decisions/$d3/plan-change
If-Match: $plan_v
{"plan_id":$plan,"step":{"goal_key":"$goal","who":"other_org","who_name":"Legal Aid","what":"Write to the court about the eviction","by_when":"2027-01-15"}}
expect 200
json .decisions[2].became == "plan_change"
json .decisions[2].plan_id == $plan
json .decisions[2].plan_version > $plan_v
audit action=care_plan.revise outcome=ok client_id=$team_client staff=cm1 reason="conference $conf"
audit action=conference_client.act outcome=ok client_id=$team_client staff=cm1

### the plan's version is bumped and says where it came from
as cm1
GET /api/v1/care-plans/$plan
expect 200
json .version > $plan_v
json .source == "conference $conf"
json .why == "Legal Aid writes to the court about the eviction"
json .goals[0].steps[*].what contains "Write to the court about the eviction"
json .goals[0].steps[*].what contains "Open the letters with my case manager"

### ... in its versions too
as cm1
GET /api/v1/care-plans/$plan/versions
expect 200
json .items[0].source == "conference $conf"

### a decision changes the plan once
as cm1
POST /api/v1/conference-decisions/$d3/plan-change
If-Match: $plan_v
{"plan_id":$plan,"step":{"goal_key":"$goal","who":"client","what":"Again"}}
expect 409

### the client's conferences, for the client page
as cm1
GET /api/v1/clients/$team_client/conferences
expect 200
json .items[0].id == $team_item
json .items[0].conference_id == $conf
json .items[0].decisions == 3
audit action=conference_client.list outcome=ok client_id=$team_client staff=cm1

### a past conference of Riverside's
as sup
POST /api/v1/conferences
{"held_at":"$time(-864000)","title":"Last month's conference","staff":[$cm1_id]}
expect 201
json .upcoming == false
save past_conf .id

### the list: upcoming first, then the past
as cm1
GET /api/v1/conferences
expect 200
json .items[*].id contains $conf
json .items[*].id contains $past_conf
json .items[0].upcoming == true
json .items[-1].upcoming == false
audit action=conference.list outcome=ok staff=cm1

### only the past
as cm1
GET /api/v1/conferences?when=past
expect 200
json .items[*].id contains $past_conf
json .items[*].upcoming excludes true

### a staff member who takes part in none lists none of them
as cf-ncm
GET /api/v1/conferences
expect 200
json .items[*].id excludes $conf

### a bad filter is named
as cm1
GET /api/v1/conferences?scope=everyone&when=soon
expect 400
json .errors.scope exists
json .errors.when exists

### setup matrix: Eastgate's conference, cm4 bringing their client
as cm4
POST /api/v1/conferences
{"held_at":"$time(172800)","title":"Eastgate review","staff":[$cm4b_id]}
expect 201
save conf_east .id

### setup matrix: cm4's client on Eastgate's agenda
as cm4
POST /api/v1/conferences/$conf_east/clients
{"client_id":$other_client,"question":"Is a housing referral needed?"}
expect 201
save other_item .id

### setup matrix: the second Eastgate case manager's client on it
as cf-cm4b
POST /api/v1/conferences/$conf_east/clients
{"client_id":${org_client@cm4},"question":"Transport to the clinic?"}
expect 201
save org_item@cm4 .id

### setup matrix: Northside's conference
as cf-ncm
POST /api/v1/conferences
{"held_at":"$time(172800)","title":"Northside review"}
expect 201
save conf_north .id

### setup matrix: Northside's client on it
as cf-ncm
POST /api/v1/conferences/$conf_north/clients
{"client_id":${org_client@desk1},"question":"Benefits?"}
expect 201
save org_item@desk1 .id

### setup matrix: Harbour's conference
as cf-hcm
POST /api/v1/conferences
{"held_at":"$time(172800)","title":"Harbour review"}
expect 201
save conf_harbour .id

### setup matrix: Harbour's client on it
as cf-hcm
POST /api/v1/conferences/$conf_harbour/clients
{"client_id":${org_client@housing1},"question":"Tenancy?"}
expect 201
save org_item@housing1 .id

### setup matrix: a decision on each part
as sup
POST /api/v1/conference-clients/$org_item/decisions
{"text":"Ask the psychiatrist"}
expect 201
save org_decision .decisions[0].id

### setup matrix: a decision on Eastgate's client
as cm4
POST /api/v1/conference-clients/$other_item/decisions
{"text":"Refer for housing"}
expect 201
save other_decision .decisions[0].id

### setup matrix: a decision on the second Eastgate client
as cf-cm4b
POST /api/v1/conference-clients/${org_item@cm4}/decisions
{"text":"Arrange transport"}
expect 201
save org_decision@cm4 .decisions[0].id

### setup matrix: a decision on Northside's client
as cf-ncm
POST /api/v1/conference-clients/${org_item@desk1}/decisions
{"text":"Check benefits"}
expect 201
save org_decision@desk1 .decisions[0].id

### setup matrix: a decision on Harbour's client
as cf-hcm
POST /api/v1/conference-clients/${org_item@housing1}/decisions
{"text":"Visit the flat"}
expect 201
save org_decision@housing1 .decisions[0].id

### setup matrix: the names the rows read
set team_item@cm4 $other_item
set other_item@cm4 $org_item
set team_decision $d2
set team_decision@cm4 $other_decision
set other_decision@cm4 $org_decision
set team_conference $conf
set team_conference@cm4 $conf_east
set org_conference $conf
set org_conference@cm4 $conf_east
set org_conference@desk1 $conf_north
set org_conference@housing1 $conf_harbour
set other_conference $conf
set other_conference@cm4 $conf_east
set conference $conf

### the access matrix of conferences
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag list json .items exists
tag part json .question exists
tag conf json .title exists
# (an analyst is refused by the routes' roles, before core/: no audit row)
# the general part (no client): clinical staff organise; those who work with clients read the
# conferences they take part in (all these users take part in $conf but the analyst), clinical
# participants change them. Writes are sent so that they change nothing once let through.
-     GET  /api/v1/conferences | 403* 200+/list 200+/list 200+/list 200+/list 200+/list 200+/list 200+/list 403 200+/list
-     POST /api/v1/conferences {} | 403* 400 400 400 400 403* 403* 403* 403 400
-     GET  /api/v1/conferences/{conference} | 403* 200+/conf 200+/conf 200+/conf 200+/conf 200+/conf 200+/conf 200+/conf 403 200+/conf
-     POST /api/v1/conferences/{conference}/participants {} | 403* 400 400 400 400 403* 403* 403* 403 400
-     POST /api/v1/conferences/{conference}/guests {} | 403* 400 400 400 400 403* 403* 403* 403 400
-     POST /api/v1/conferences/{conference}/attendance If-Match:0 {} | 403* 409 409 409 409 403* 403* 403* 403 409
# the part about a client: read like notes (the care team, housing on it; never a peer supporter,
# the care desk or an administrator); clinical staff on the care team who take part write it
team  GET  /api/v1/conference-clients/{item} | 403* 200+/part 200+/part 200+/part 200+/part 403* 403* 200+/part 403 200+/part
org   GET  /api/v1/conference-clients/{item} | 403* 200+/part 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/conference-clients/{item} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  GET  /api/v1/clients/{client}/conferences | 403* 200+/list 200+/list 200+/list 200+/list 403* 403* 200+/list 403 200+/list
org   GET  /api/v1/clients/{client}/conferences | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/clients/{client}/conferences | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/conferences/{conference}/clients {"client_id":{client},"question":"again"} | 403* 409 409 409 409 403* 403* 403* 403 409
org   POST /api/v1/conferences/{conference}/clients {"client_id":{client},"question":"again"} | 403* 409 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/conferences/{conference}/clients {"client_id":{client},"question":"again"} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  PATCH /api/v1/conference-clients/{item} If-Match:0 {} | 403* 409 409 409 409 403* 403* 403* 403 409
org   PATCH /api/v1/conference-clients/{item} If-Match:0 {} | 403* 409 403* 403* 403* 403* 403* 403* 403 403*
other PATCH /api/v1/conference-clients/{item} If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/conference-clients/{item}/decisions {} | 403* 400 400 400 400 403* 403* 403* 403 400
org   POST /api/v1/conference-clients/{item}/decisions {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/conference-clients/{item}/decisions {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/conference-decisions/{decision}/task {} | 403* 400 400 400 400 403* 403* 403* 403 400
org   POST /api/v1/conference-decisions/{decision}/task {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/conference-decisions/{decision}/task {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/conference-decisions/{decision}/plan-change If-Match:0 {} | 403* 400 400 400 400 403* 403* 403* 403 400
org   POST /api/v1/conference-decisions/{decision}/plan-change If-Match:0 {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/conference-decisions/{decision}/plan-change If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
