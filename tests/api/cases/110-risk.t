# Risk and crisis (issue 4 §2-3): flag kinds, flags raised and reviewed (never deleted), the task rule
# of a high suicide-risk flag, the on-call rota and "who is on call now", crisis events with their
# three follow-up tasks (also under break-glass), the crisis view, versioned safety plans, hospital
# stays with the 7-day discharge follow-up and readmission marks. Each route: success, 400 with
# field errors, 401, 403, 404, 405, 409 where versioned; audit rows, denials included.
# Clients made here: RC (cm1's, peer1 on the team) and RC2 (cm2's, cm1 on the team).

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

### who is who: cm4
as cm4
GET /api/v1/me
expect 200
save cm4_id .id

### setup RC: the client
as cm1
POST /api/v1/clients
{"given_name":"Riskina","family_name":"Wellbeck","birth_date":"1979-09-19","identifiers":[{"kind":"apitest","value":"RISK-RC"}]}
expect 201
save rc .id

### setup RC: an open episode, cm1 its primary case manager
as cm1
POST /api/v1/clients/$rc/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save rc_ep .id

### setup RC: peer1 joins the team
as cm1
POST /api/v1/episodes/$rc_ep/team
{"staff_id":$peer1_id,"team_role":"peer_supporter"}
expect 201

### setup RC2: the client
as cm2
POST /api/v1/clients
{"given_name":"Riskard","family_name":"Ottermere","birth_date":"1984-04-24","identifiers":[{"kind":"apitest","value":"RISK-RC2"}]}
expect 201
save rc2 .id

### setup RC2: an open episode, cm2 its primary case manager
as cm2
POST /api/v1/clients/$rc2/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save rc2_ep .id

### setup RC2: cm1 joins the team
as cm2
POST /api/v1/episodes/$rc2_ep/team
{"staff_id":$cm1_id,"team_role":"case_manager"}
expect 201

# ---------------------------------------------------------------- flag kinds

### kinds: the built-in kinds for everyone
as cm1
GET /api/v1/flag-kinds
expect 200
json .items[*].name contains "suicide_risk"
json .items[*].name contains "risk_to_others"
json .items[*].name contains "self_neglect"
json .items[*].name contains "relapse_signs"
json .items[*].name contains "treatment_disengagement"
json .items[*].name contains "eviction_risk"
json .items[0].built_in == true

### kinds: an administrator adds the organisation's own
as admin
POST /api/v1/flag-kinds
{"name":"gambling_harm","label":"Gambling harm"}
expect 201
json .name == "gambling_harm"
json .label == "Gambling harm"
json .built_in == false
audit action=flag_kind.add outcome=ok staff=admin reason=gambling_harm

### kinds: the same name again is 409
as admin
POST /api/v1/flag-kinds
{"name":"gambling_harm","label":"Gambling"}
expect 409
json .errors.name == "already exists"

### kinds: a built-in name is taken too
as admin
POST /api/v1/flag-kinds
{"name":"suicide_risk","label":"Ours"}
expect 409

### kinds: name and label are checked
as admin
POST /api/v1/flag-kinds
{"name":"Bad Name","label":""}
expect 400
json .errors.name == "use lower-case letters, digits and _, starting with a letter"
json .errors.label == "is required"

### kinds: a case manager may not add one, and the denial is audited
as cm1
POST /api/v1/flag-kinds
{"name":"other_thing","label":"Other thing"}
expect 403
audit action=flag_kind.add outcome=denied staff=cm1

### kinds: Riverside's own kind is listed for Riverside
as cm1
GET /api/v1/flag-kinds
expect 200
json .items[*].name contains "gambling_harm"

### kinds: ... and not for Eastgate
as cm4
GET /api/v1/flag-kinds
expect 200
json .items[*].name excludes "gambling_harm"
json .items[*].name contains "suicide_risk"

### kinds: without credentials 401
GET /api/v1/flag-kinds
expect 401

### kinds: DELETE is not a method (405)
as admin
DELETE /api/v1/flag-kinds
expect 405
header Allow contains GET
header Allow contains POST

# ---------------------------------------------------------------- flags

### flags: none yet
as cm1
GET /api/v1/clients/$rc/flags
expect 200
json .items length 0
audit action=flag.list outcome=ok client_id=$rc staff=cm1

### flags: none on the record's banner either
as cm1
GET /api/v1/clients/$rc
expect 200
json .flags length 0

### flags: kind, level and reason are required
as cm1
POST /api/v1/clients/$rc/flags
{}
expect 400
json .errors.kind == "is required"
json .errors.level == "is required"
json .errors.reason == "is required"

### flags: bad values are field errors
as cm1
POST /api/v1/clients/$rc/flags
{"kind":"nope","level":"severe","reason":"$repeat(1001,x)","review_date":"2000-01-01"}
expect 400
json .errors.kind == "is not a kind of flag of your organisation"
json .errors.level == "is not one of the allowed values"
json .errors.reason == "must be at most 1000 characters"
json .errors.review_date == "cannot be in the past"

### flags: fields must be text
as cm1
POST /api/v1/clients/$rc/flags
{"kind":5,"level":"low","reason":"x"}
expect 400
json .errors.kind == "must be text"

### flags: the organisation's own kind (201), no tasks
as cm1
POST /api/v1/clients/$rc/flags
{"kind":"gambling_harm","level":"moderate","reason":"Debts from online betting; rent at risk.","review_date":"2199-01-01"}
expect 201
json .kind == "gambling_harm"
json .label == "Gambling harm"
json .source == "person"
json .status == "active"
json .review_date == "2199-01-01"
json .tasks_created length 0
audit action=flag.raise outcome=ok client_id=$rc staff=cm1

### flags: a high suicide-risk flag creates two tasks for the primary case manager
as cm1
POST /api/v1/clients/$rc/flags
{"kind":"suicide_risk","level":"high","reason":"Said on the phone that they had made a plan."}
expect 201
json .kind == "suicide_risk"
json .level == "high"
json .raised_by == $cm1_id
json .review_date != null
json .version == 1
json .reviews length 0
json .tasks_created length 2
json .tasks_created[0].title == "Contact within 24 hours"
json .tasks_created[0].title_key == "suicide.contact"
json .tasks_created[0].title_args.hours == 24
json .tasks_created[0].priority == "urgent"
json .tasks_created[0].source == "rule"
json .tasks_created[0].assignee == $cm1_id
json .tasks_created[0].due != null
json .tasks_created[1].title == "Review the safety plan"
json .tasks_created[1].title_key == "suicide.safety_plan_review"
json .tasks_created[1].title_args length 0
json .tasks_created[1].priority == "high"
json .tasks_created[1].source == "rule"
json .tasks_created[1].assignee == $cm1_id
save sflag .id
audit action=flag.raise outcome=ok client_id=$rc entity=flag entity_id=$sflag
audit action=task.create outcome=ok client_id=$rc reason="rule: high suicide risk flag"

### flags: the two tasks are on the client's task list
as cm1
GET /api/v1/clients/$rc/tasks
expect 200
json .items[*].title contains "Contact within 24 hours"
json .items[*].title contains "Review the safety plan"
json .items[*].source contains "rule"

### flags: ... and in cm1's work list
as cm1
GET /api/v1/tasks
expect 200
json .items[*].title contains "Contact within 24 hours"

### flags: another high suicide-risk flag while the tasks are open makes no duplicates
as cm1
POST /api/v1/clients/$rc/flags
{"kind":"suicide_risk","level":"high","reason":"Second report the same evening, from the sister."}
expect 201
json .tasks_created length 0

### flags: a high flag of another kind makes no tasks
as cm1
POST /api/v1/clients/$rc/flags
{"kind":"risk_to_others","level":"high","reason":"Threatened a neighbour."}
expect 201
json .tasks_created length 0

### flags: a moderate suicide-risk flag makes no tasks (on RC2)
as cm1
POST /api/v1/clients/$rc2/flags
{"kind":"suicide_risk","level":"moderate","reason":"Passive thoughts of death, no plan."}
expect 201
json .tasks_created length 0

### flags: on RC2 the tasks go to its primary case manager (cm2), not to cm1 who raised it
as cm1
POST /api/v1/clients/$rc2/flags
{"kind":"suicide_risk","level":"high","reason":"Plan and means at home."}
expect 201
json .tasks_created length 2
json .tasks_created[0].assignee == $cm2_id
json .tasks_created[1].assignee == $cm2_id

### flags: the banner list, highest level first
as cm1
GET /api/v1/clients/$rc/flags
expect 200
json .items length 4
json .items[0].level == "high"
json .items[-1].level == "moderate"
json .items[*].status excludes "resolved"

### flags: the record's banner has the same four, highest first
as cm1
GET /api/v1/clients/$rc
expect 200
json .flags length 4
json .flags[0].level == "high"
json .flags[-1].level == "moderate"
json .flags[*].id contains $sflag
json .has_flags missing

### flags: a peer supporter not on the team may not raise one (403, audited)
as peer1
POST /api/v1/clients/$rc2/flags
{"kind":"relapse_signs","level":"low","reason":"Seen at the group, unsettled."}
expect 403
audit action=flag.raise outcome=denied client_id=$rc2 staff=peer1

### flags: an analyst may not list them (403, audited)
as analyst1
GET /api/v1/clients/$rc/flags
expect 403
audit action=flag.list outcome=denied client_id=$rc staff=analyst1

### flags: a care-desk officer of another organisation may not (403, audited)
as desk1
GET /api/v1/clients/$rc/flags
expect 403
audit action=flag.list outcome=denied client_id=$rc staff=desk1

### flags: a worker outside the team may not (403, audited)
as cm4
POST /api/v1/clients/$rc/flags
{"kind":"relapse_signs","level":"low","reason":"x"}
expect 403
audit action=flag.raise outcome=denied client_id=$rc staff=cm4

### flags: an unknown client is 404
as cm1
POST /api/v1/clients/999999/flags
{"kind":"relapse_signs","level":"low","reason":"x"}
expect 404

### flags: without credentials 401
GET /api/v1/clients/$rc/flags
expect 401

### flags: PUT is not a method (405)
as cm1
PUT /api/v1/clients/$rc/flags
{}
expect 405
header Allow contains GET

# ---------------------------------------------------------------- flag reviews

### review: without If-Match is 428
as cm1
POST /api/v1/flags/$sflag/review
{"outcome":"continued","note":"Seen today.","next_review":"2199-01-01"}
expect 428

### review: outcome and note are required
as cm1
POST /api/v1/flags/$sflag/review
If-Match: 1
{}
expect 400
json .errors.outcome == "is required"
json .errors.note == "is required"

### review: a level change needs a new level; a next review date is required unless resolved
as cm1
POST /api/v1/flags/$sflag/review
If-Match: 1
{"outcome":"level_changed","note":"Better."}
expect 400
json .errors.level == "is required"
json .errors.next_review == "is required"

### review: the same level is not a change; the next review cannot be in the past
as cm1
POST /api/v1/flags/$sflag/review
If-Match: 1
{"outcome":"level_changed","level":"high","note":"Same.","next_review":"2001-01-01"}
expect 400
json .errors.level == "is the level the flag already has"
json .errors.next_review == "cannot be in the past"

### review: continued (200), a new version with its review
as cm1
POST /api/v1/flags/$sflag/review
If-Match: 1
{"outcome":"continued","note":"Seen at home; plan still in mind.","next_review":"2199-01-01"}
expect 200
json .version == 2
json .status == "active"
json .review_date == "2199-01-01"
json .reviews length 1
json .reviews[0].outcome == "continued"
json .reviews[0].reviewed_by == $cm1_id
audit action=flag.review outcome=ok client_id=$rc entity_id=$sflag reason=continued

### review: the same version again is stale (409), nothing changes
as cm1
POST /api/v1/flags/$sflag/review
If-Match: 1
{"outcome":"resolved","note":"Stale."}
expect 409
json .current_version == 2

### review: a peer supporter on the team may not review a flag they did not raise (403, audited)
as peer1
POST /api/v1/flags/$sflag/review
If-Match: 2
{"outcome":"resolved","note":"Looks fine to me."}
expect 403
audit action=flag.review outcome=denied client_id=$rc staff=peer1

### review: a worker outside the team may not (403, audited)
as cm4
POST /api/v1/flags/$sflag/review
If-Match: 2
{"outcome":"resolved","note":"x"}
expect 403
audit action=flag.review outcome=denied client_id=$rc staff=cm4

### review: level changed to moderate
as cm1
POST /api/v1/flags/$sflag/review
If-Match: 2
{"outcome":"level_changed","level":"moderate","note":"Plan given up; safety plan reviewed together.","next_review":"2199-02-01"}
expect 200
json .level == "moderate"
json .version == 3
json .reviews length 2
json .reviews[1].level == "moderate"

### review: resolved
as cm1
POST /api/v1/flags/$sflag/review
If-Match: 3
{"outcome":"resolved","note":"No suicidal thoughts for a month.","next_review":"2199-03-01"}
expect 200
json .status == "resolved"
json .review_date == null
json .version == 4
json .reviews length 3

### review: a resolved flag is not reviewed again (409)
as cm1
POST /api/v1/flags/$sflag/review
If-Match: 4
{"outcome":"continued","note":"Again.","next_review":"2199-01-01"}
expect 409

### review: the flag stays, with its history, after the active ones
as cm1
GET /api/v1/clients/$rc/flags
expect 200
json .items length 4
json .items[-1].id == $sflag
json .items[-1].status == "resolved"
json .items[-1].reviews length 3
json .items[-1].reviews[*].outcome contains "level_changed"

### review: the resolved flag has left the record's banner
as cm1
GET /api/v1/clients/$rc
expect 200
json .flags length 3
json .flags[*].id excludes $sflag

### review: a peer supporter may raise a flag on a team client ...
as peer1
POST /api/v1/clients/$rc/flags
{"kind":"treatment_disengagement","level":"low","reason":"Missed the group twice."}
expect 201
save pflag .id

### review: ... and review their own flag
as peer1
POST /api/v1/flags/$pflag/review
If-Match: 1
{"outcome":"continued","note":"Came back this week.","next_review":"2199-01-01"}
expect 200
json .version == 2

### review: an unknown flag is 404
as cm1
POST /api/v1/flags/999999/review
If-Match: 1
{"outcome":"continued","note":"x","next_review":"2199-01-01"}
expect 404

### review: GET is not a method (405)
as cm1
GET /api/v1/flags/$sflag/review
expect 405
header Allow == POST

### review: without credentials 401
POST /api/v1/flags/$sflag/review
If-Match: 1
{}
expect 401

# ---------------------------------------------------------------- on-call

### on call now: the demo rota covers now at Riverside, with a name and a phone
as cm1
GET /api/v1/oncall/now
expect 200
json .organisation == "Riverside Mental Health Welfare Centre"
json .at exists
json .on_call length 1
json .on_call[0].name exists
json .on_call[0].phone exists
json .next.starts_at exists

### on call now: Eastgate has no rota
as cm4
GET /api/v1/oncall/now
expect 200
json .organisation == "Eastgate Public Health Centre"
json .on_call length 0
json .next == null

### on call now: without credentials 401
GET /api/v1/oncall/now
expect 401

### on call now: POST is not a method (405)
as cm1
POST /api/v1/oncall/now
{}
expect 405
header Allow == GET

### rota: the coming days, the current shift marked
as cm1
GET /api/v1/oncall
expect 200
json .items[*].now contains true
json .items[*].phone exists
json .items[*].starts_at sorted

### rota: bad dates are 400
as cm1
GET /api/v1/oncall?from=yesterday&to=2026-13-01
expect 400
json .errors.from exists
json .errors.to exists

### rota: to must come after from
as cm1
GET /api/v1/oncall?from=2026-02-01&to=2026-01-01
expect 400
json .errors.to == "must be after from"

### rota: a case manager may not add shifts (403, audited)
as cm1
POST /api/v1/oncall
{"staff_id":$cm1_id,"starts_at":"2199-01-01T09:00","ends_at":"2199-01-02T09:00"}
expect 403
audit action=oncall.add outcome=denied staff=cm1

### rota: staff, start and end are required
as sup
POST /api/v1/oncall
{}
expect 400
json .errors.staff_id == "is required"
json .errors.starts_at == "is required"
json .errors.ends_at == "is required"

### rota: staff of another organisation; an end before the start
as sup
POST /api/v1/oncall
{"staff_id":$cm4_id,"starts_at":"2199-01-02T09:00","ends_at":"2199-01-01T09:00"}
expect 400
json .errors.staff_id == "must be an active staff member of your organisation"
json .errors.ends_at == "must be after the start"

### rota: a shift lasts at most 7 days
as sup
POST /api/v1/oncall
{"staff_id":$nurse1_id,"starts_at":"2199-01-01T09:00","ends_at":"2199-01-09T09:00"}
expect 400
json .errors.ends_at == "a shift lasts at most 7 days"

### rota: the supervisor adds a shift (201)
as sup
POST /api/v1/oncall
{"staff_id":$nurse1_id,"starts_at":"2199-01-01T09:00","ends_at":"2199-01-02T09:00","phone":"010-2400-0199"}
expect 201
json .staff_id == $nurse1_id
json .name == "Eunkyung Seo"
json .phone == "010-2400-0199"
json .starts_at == "2199-01-01T09:00:00Z"
save shift .id
audit action=oncall.add outcome=ok staff=sup entity_id=$shift

### rota: an overlapping shift for the same person is 409
as sup
POST /api/v1/oncall
{"staff_id":$nurse1_id,"starts_at":"2199-01-01T20:00","ends_at":"2199-01-02T20:00"}
expect 409

### rota: the shift in the rota of those days
as cm1
GET /api/v1/oncall?from=2199-01-01&to=2199-01-03
expect 200
json .items[*].id contains $shift
json .items[0].now == false

### rota: a case manager may not remove it (403, audited)
as cm1
DELETE /api/v1/oncall/$shift
expect 403
audit action=oncall.remove outcome=denied staff=cm1 entity_id=$shift

### rota: nor may another organisation's case manager
as cm4
DELETE /api/v1/oncall/$shift
expect 403

### rota: the supervisor removes the future shift
as sup
DELETE /api/v1/oncall/$shift
expect 200
json .removed == true
audit action=oncall.remove outcome=ok staff=sup entity_id=$shift reason=deleted

### rota: it is gone (404)
as sup
DELETE /api/v1/oncall/$shift
expect 404

### rota: an administrator records a past shift
as admin
POST /api/v1/oncall
{"staff_id":$cm1_id,"starts_at":"2025-01-01T09:00","ends_at":"2025-01-02T09:00"}
expect 201
save oldshift .id

### rota: a past shift stays (409)
as sup
DELETE /api/v1/oncall/$oldshift
expect 409

### rota: GET of one shift is not a method (405)
as sup
GET /api/v1/oncall/$oldshift
expect 405
header Allow == DELETE

### rota: without credentials 401
DELETE /api/v1/oncall/$oldshift
expect 401

# ---------------------------------------------------------------- crisis events

### crisis: none yet
as cm1
GET /api/v1/clients/$rc/crisis-events
expect 200
json .items length 0
audit action=crisis.list outcome=ok client_id=$rc staff=cm1

### crisis: the required fields
as cm1
POST /api/v1/clients/$rc/crisis-events
{}
expect 400
json .errors.occurred_at == "is required"
json .errors.kind == "is required"
json .errors.severity == "is required"
json .errors.response_mode == "is required"
json .errors.actions == "is required"
json .errors.outcome == "is required"

### crisis: bad values
as cm1
POST /api/v1/clients/$rc/crisis-events
{"occurred_at":"2199-01-01T03:00","kind":"panic","severity":"extreme","response_mode":"email","actions":"x","outcome":"fine","responders":[999999]}
expect 400
json .errors.occurred_at == "cannot be in the future"
json .errors.kind == "is not one of the allowed values"
json .errors.severity == "is not one of the allowed values"
json .errors.response_mode == "is not one of the allowed values"
json .errors.outcome == "is not one of the allowed values"
json .errors.responders == "each responder must be an active staff member"

### crisis: recorded (201), with three follow-up tasks for the primary case manager (here the recorder: no notice)
as cm1
POST /api/v1/clients/$rc/crisis-events
{"occurred_at":"2025-06-01T03:10","kind":"self_harm","severity":"high","response_mode":"home_visit","responders":[$cm1_id,$nurse1_id],"actions":"Visited with the nurse; wound dressed; safety plan gone through.","outcome":"stabilised_at_home","notes":"Sister stays tonight."}
expect 201
json .kind == "self_harm"
json .occurred_at == "2025-06-01T03:10:00Z"
json .recorded_by == $cm1_id
json .responders length 2
json .responders[*].id contains $nurse1_id
json .follow_up length 3
json .follow_up[0].title == "Crisis follow-up: 24 hours"
json .follow_up[0].title_key == "crisis.follow_up_24h"
json .follow_up[2].title_key == "crisis.follow_up_7d"
json .follow_up[0].priority == "urgent"
json .follow_up[1].title == "Crisis follow-up: 72 hours"
json .follow_up[2].title == "Crisis follow-up: 7 days"
json .follow_up[*].source excludes "person"
json .follow_up[*].assignee excludes $cm2_id
json .follow_up[0].assignee == $cm1_id
json .follow_up[2].assignee == $cm1_id
json .follow_up[*].due sorted
json .notice == null
save crisis1 .id
audit action=crisis.record outcome=ok client_id=$rc entity_id=$crisis1 staff=cm1
audit action=task.create outcome=ok client_id=$rc reason="rule: crisis event follow-up"

### crisis: without responders, the recording worker responded; the follow-up is the primary case manager's (issue 9)
as peer1
POST /api/v1/clients/$rc/crisis-events
{"occurred_at":"2025-06-03T18:00","kind":"other","severity":"low","response_mode":"phone","actions":"Talked it through on the phone.","outcome":"stabilised_at_home"}
expect 201
json .responders length 1
json .responders[0].id == $peer1_id
json .follow_up[0].assignee == $cm1_id
json .follow_up[*].assignee excludes $peer1_id
json .notice.assignee == $cm1_id
json .notice.title_key == "crisis.notice"
json .notice.title_args.at == "2025-06-03T18:00:00Z"
json .notice.priority == "urgent"
audit action=task.create outcome=ok client_id=$rc reason="rule: crisis event notice to the primary case manager"

### crisis: listed, newest first
as cm1
GET /api/v1/clients/$rc/crisis-events
expect 200
json .items length 2
json .items[1].id == $crisis1
json .items[*].occurred_at sorted desc

### crisis: a worker of the same organisation outside the team is refused (403, audited) ...
as cm2
POST /api/v1/clients/$rc/crisis-events
{"occurred_at":"2025-06-05T03:00","kind":"aggression","severity":"moderate","response_mode":"phone","actions":"x","outcome":"other"}
expect 403
audit action=crisis.record outcome=denied client_id=$rc staff=cm2

### crisis: ... breaks the glass at night ...
as cm2
POST /api/v1/clients/$rc/break-glass
{"reason":"On call: the client's sister phoned at 3 a.m., client agitated.","hours":1}
expect 201

### crisis: ... and records the event; the follow-up goes to the primary case manager, whose access outlasts the glass (issue 9)
as cm2
POST /api/v1/clients/$rc/crisis-events
{"occurred_at":"2025-06-05T03:00","kind":"aggression","severity":"moderate","response_mode":"with_emergency_services","actions":"Police and ambulance attended with me; de-escalated.","outcome":"stabilised_at_home"}
expect 201
json .recorded_by == $cm2_id
json .follow_up length 3
json .follow_up[0].assignee == $cm1_id
json .follow_up[2].assignee == $cm1_id
json .notice.assignee == $cm1_id
json .notice.title_args.at == "2025-06-05T03:00:00Z"
audit action=crisis.record outcome=ok client_id=$rc staff=cm2 reason=break-glass

### crisis: the primary case manager sees on "my work" that a crisis happened
as cm1
GET /api/v1/tasks
expect 200
json .items[*].title_key contains "crisis.notice"
json .items[*].title_key contains "crisis.follow_up_24h"

### crisis: nothing of it lands on the break-glass worker's list
as cm2
GET /api/v1/tasks
expect 200
json .items[*].title_key excludes "crisis.notice"
json .items[*].title_key excludes "crisis.follow_up_24h"

### crisis: the on-call worker's crisis view under break-glass
as cm2
GET /api/v1/clients/$rc/crisis-view
expect 200
json .access.break_glass == true
json .client.id == $rc
audit action=client.crisis_view outcome=ok client_id=$rc staff=cm2

### crisis: an analyst may not list events (403, audited)
as analyst1
GET /api/v1/clients/$rc/crisis-events
expect 403
audit action=crisis.list outcome=denied client_id=$rc staff=analyst1

### crisis: a care-desk officer of another organisation may not (403, audited)
as desk1
POST /api/v1/clients/$rc/crisis-events
{}
expect 403
audit action=crisis.record outcome=denied client_id=$rc staff=desk1

### crisis: a peer supporter not on the team may not (403, audited)
as peer1
GET /api/v1/clients/$rc2/crisis-events
expect 403
audit action=crisis.list outcome=denied client_id=$rc2 staff=peer1

### crisis: an unknown client is 404
as cm1
GET /api/v1/clients/999999/crisis-events
expect 404

### crisis: DELETE is not a method (405)
as cm1
DELETE /api/v1/clients/$rc/crisis-events
expect 405

### crisis: without credentials 401
POST /api/v1/clients/$rc/crisis-events
{}
expect 401

# ---------------------------------------------------------------- crisis view

### view: client 1 (demo): identity, plan, past crisis and stay, team with phones, who is on call
as cm1
GET /api/v1/clients/1/crisis-view
expect 200
json .client.given_name exists
json .client.birth_date exists
json .client.phone exists
json .client.address exists
json .client.emergency_contacts exists
json .safety_plan.version == 2
json .safety_plan.client_agreed == true
json .safety_plan.warning_signs length 3
json .crisis_events[*].kind contains "suicidal_ideation"
json .hospitalisations[0].hospital == "St Luke's Hospital"
json .hospitalisations[0].discharged_at != null
json .care_team[0].is_primary == true
json .care_team[0].staff_id == $cm1_id
json .care_team[*].phone exists
json .care_team[*].staff_id contains $peer1_id
json .on_call[0].organisation == "Riverside Mental Health Welfare Centre"
json .on_call[0].on_call[0].phone exists
json .access.break_glass == false
audit action=client.crisis_view outcome=ok client_id=1 staff=cm1

### view: RC shows its active flags (the banner), not the resolved one
as cm1
GET /api/v1/clients/$rc/crisis-view
expect 200
json .flags[*].id excludes $sflag
json .flags[*].kind contains "suicide_risk"
json .flags[0].level == "high"
json .crisis_events length 3
json .safety_plan == null

### view: a peer supporter on the team does not open the crisis view (crisis details; issue 11 §4)
as peer1
GET /api/v1/clients/1/crisis-view
expect 403
audit action=client.crisis_view outcome=denied client_id=1 staff=peer1

### view: ... and reads the safety plan itself
as peer1
GET /api/v1/clients/1/safety-plan
expect 200
json .version == 2

### view: client 2 (demo) has an active moderate relapse-signs flag
as cm2
GET /api/v1/clients/2/crisis-view
expect 200
json .flags[0].kind == "relapse_signs"
json .flags[0].level == "moderate"
json .flags[0].label == "Relapse signs"

### view: an analyst may not (403, audited)
as analyst1
GET /api/v1/clients/1/crisis-view
expect 403
audit action=client.crisis_view outcome=denied client_id=1 staff=analyst1

### view: a care-desk officer of another organisation may not (403, audited)
as desk1
GET /api/v1/clients/1/crisis-view
expect 403
audit action=client.crisis_view outcome=denied client_id=1 staff=desk1

### view: a worker outside the team may not (403, audited)
as cm4
GET /api/v1/clients/1/crisis-view
expect 403
audit action=client.crisis_view outcome=denied client_id=1 staff=cm4

### view: a peer supporter not on the team may not (403, audited)
as peer1
GET /api/v1/clients/$rc2/crisis-view
expect 403
audit action=client.crisis_view outcome=denied client_id=$rc2 staff=peer1

### view: an unknown client is 404
as cm1
GET /api/v1/clients/999999/crisis-view
expect 404

### view: POST is not a method (405)
as cm1
POST /api/v1/clients/1/crisis-view
{}
expect 405
header Allow == GET

### view: without credentials 401
GET /api/v1/clients/1/crisis-view
expect 401

# ---------------------------------------------------------------- safety plans

### plan: none yet: an empty plan at version 0
as cm1
GET /api/v1/clients/$rc/safety-plan
expect 200
json .version == 0
json .warning_signs length 0
json .reasons_for_living length 0
json .client_agreed == false
audit action=safety_plan.read outcome=ok client_id=$rc staff=cm1

### plan: without If-Match is 428
as cm1
POST /api/v1/clients/$rc/safety-plan
{"warning_signs":["x"]}
expect 428

### plan: an empty plan is refused
as cm1
POST /api/v1/clients/$rc/safety-plan
If-Match: 0
{}
expect 400
json .errors.warning_signs == "write at least one entry in the plan"

### plan: bad sections are field errors
as cm1
POST /api/v1/clients/$rc/safety-plan
If-Match: 0
{"coping":5,"help_people":[{"name":"Sister"}],"professionals":[$repeat(20,"a",)"a"],"agreed_at":"soon"}
expect 400
json .errors.coping == "must be a list of entries"
json .errors.help_people exists
json .errors.professionals == "at most 20 entries"
json .errors.agreed_at exists

### plan: the first version (201): lists of entries, or a text with one entry per line
as cm1
POST /api/v1/clients/$rc/safety-plan
If-Match: 0
{"warning_signs":[{"text":"Not sleeping"},"Giving things away"],"coping":"Walk by the river\n\n  Music  \n","distractions":[{"text":"Cafe at the centre","place":"Riverside Community Centre"}],"help_people":[{"text":"Sister","name":"Mina","phone":"010-5555-0000"}],"professionals":[{"text":"Crisis line (24 hours)","phone":"1577-0199"}],"environment":[{"text":"Pills kept by my sister","means":"medication","responsible":"Mina","done_on":"2025-06-02"}],"reasons_for_living":"My cat"}
expect 201
json .version == 1
json .warning_signs length 2
json .warning_signs[1].text == "Giving things away"
json .coping length 2
json .coping[1].text == "Music"
json .help_people[0].phone == "010-5555-0000"
json .environment[0].means == "medication"
json .reasons_for_living[0].text == "My cat"
json .client_agreed == false
json .agreed_at == null
json .written_by == $cm1_id
json .current == true
audit action=safety_plan.save outcome=ok client_id=$rc staff=cm1

### plan: saving on version 0 again is stale (409)
as cm1
POST /api/v1/clients/$rc/safety-plan
If-Match: 0
{"warning_signs":["Not sleeping"]}
expect 409
json .current_version == 1

### plan: the second version, agreed with the client
as cm1
POST /api/v1/clients/$rc/safety-plan
If-Match: 1
{"warning_signs":["Not sleeping","Giving things away","Drinking alone"],"coping":["Walk by the river"],"reasons_for_living":["My cat","My sister"],"client_agreed":true}
expect 201
json .version == 2
json .client_agreed == true
json .agreed_at != null
json .distractions length 0

### plan: the current version
as cm1
GET /api/v1/clients/$rc/safety-plan
expect 200
json .version == 2
json .current == true
json .warning_signs length 3

### plan: the previous version stays readable
as cm1
GET /api/v1/clients/$rc/safety-plan?version=1
expect 200
json .version == 1
json .current == false
json .client_agreed == false
json .coping length 2

### plan: an unknown version is 404
as cm1
GET /api/v1/clients/$rc/safety-plan?version=9
expect 404

### plan: history, newest first
as cm1
GET /api/v1/clients/$rc/safety-plan/history
expect 200
json .items length 2
json .items[0].version == 2
json .items[1].version == 1
json .items[1].environment[0].responsible == "Mina"
audit action=safety_plan.history outcome=ok client_id=$rc staff=cm1

### plan: a peer supporter on the team may read it
as peer1
GET /api/v1/clients/$rc/safety-plan
expect 200
json .version == 2

### plan: ... but not change it (403, audited)
as peer1
POST /api/v1/clients/$rc/safety-plan
If-Match: 2
{"warning_signs":["x"]}
expect 403
audit action=safety_plan.save outcome=denied client_id=$rc staff=peer1

### plan: an analyst may not read it (403, audited)
as analyst1
GET /api/v1/clients/$rc/safety-plan
expect 403
audit action=safety_plan.read outcome=denied client_id=$rc staff=analyst1

### plan: a care-desk officer of another organisation may not (403, audited)
as desk1
GET /api/v1/clients/$rc/safety-plan/history
expect 403
audit action=safety_plan.history outcome=denied client_id=$rc staff=desk1

### plan: a worker outside the team may not (403, audited)
as cm4
POST /api/v1/clients/$rc/safety-plan
If-Match: 2
{"warning_signs":["x"]}
expect 403
audit action=safety_plan.save outcome=denied client_id=$rc staff=cm4

### plan: an unknown client is 404
as cm1
GET /api/v1/clients/999999/safety-plan
expect 404

### plan: PUT is not a method (405)
as cm1
PUT /api/v1/clients/$rc/safety-plan
{}
expect 405

### plan: POST to the history is not a method (405)
as cm1
POST /api/v1/clients/$rc/safety-plan/history
{}
expect 405
header Allow == GET

### plan: without credentials 401
GET /api/v1/clients/$rc/safety-plan/history
expect 401

### plan: version 3 with a contact's name and phone
as cm1
POST /api/v1/clients/$rc/safety-plan
If-Match: 2
{"warning_signs":["Not sleeping"],"help_people":[{"text":"Sister","name":"Mina","phone":"010-5555-0000"},{"text":"Neighbour","phone":"010-1111-2222"}]}
expect 201
json .version == 3

### plan: saved as text (the page's form), an unchanged line keeps its entry's name and phone; a changed one is new
as cm1
POST /api/v1/clients/$rc/safety-plan
If-Match: 3
{"warning_signs":"Not sleeping","help_people":"Sister (Mina, 010-5555-0000)\nNeighbour downstairs"}
expect 201
json .version == 4
json .help_people length 2
json .help_people[0].text == "Sister"
json .help_people[0].name == "Mina"
json .help_people[0].phone == "010-5555-0000"
json .help_people[1].text == "Neighbour downstairs"
json .help_people[1].phone missing

# ---------------------------------------------------------------- hospitalisations

### hospital: none yet
as cm1
GET /api/v1/clients/$rc/hospitalisations
expect 200
json .items length 0
audit action=hospitalisation.list outcome=ok client_id=$rc staff=cm1

### hospital: the required fields
as cm1
POST /api/v1/clients/$rc/hospitalisations
{}
expect 400
json .errors.hospital == "is required"
json .errors.admission_type == "is required"
json .errors.admitted_at == "is required"

### hospital: bad values
as cm1
POST /api/v1/clients/$rc/hospitalisations
{"hospital":"St Luke's","admission_type":"forced","admitted_at":"2199-01-01T10:00"}
expect 400
json .errors.admission_type == "is not one of the allowed values"
json .errors.admitted_at == "cannot be in the future"

### hospital: an admission (201)
as cm1
POST /api/v1/clients/$rc/hospitalisations
{"hospital":"St Luke's Hospital","admission_type":"involuntary","reason":"Acute psychosis, refused food.","admitted_at":"2025-01-05T10:00"}
expect 201
json .admitted_at == "2025-01-05T10:00:00Z"
json .in_hospital == true
json .readmission_30 == false
json .readmission_90 == false
json .version == 1
save h1 .id
audit action=hospitalisation.admit outcome=ok client_id=$rc entity_id=$h1 staff=cm1

### hospital: no second admission while in hospital (409)
as cm1
POST /api/v1/clients/$rc/hospitalisations
{"hospital":"Other Hospital","admission_type":"voluntary","admitted_at":"2025-01-07T10:00"}
expect 409

### discharge: without If-Match is 428
as cm1
POST /api/v1/hospitalisations/$h1/discharge
{"discharged_at":"2025-01-20T11:00"}
expect 428

### discharge: the time is required
as cm1
POST /api/v1/hospitalisations/$h1/discharge
If-Match: 1
{}
expect 400
json .errors.discharged_at == "is required"

### discharge: not before the admission
as cm1
POST /api/v1/hospitalisations/$h1/discharge
If-Match: 1
{"discharged_at":"2025-01-01T11:00"}
expect 400
json .errors.discharged_at == "cannot be before the admission"

### discharge: a stale version (409)
as cm1
POST /api/v1/hospitalisations/$h1/discharge
If-Match: 5
{"discharged_at":"2025-01-20T11:00"}
expect 409
json .current_version == 1

### discharge: a peer supporter on the team does not record stays (issue 11 §4: 403, audited)
as peer1
POST /api/v1/hospitalisations/$h1/discharge
If-Match: 1
{"discharged_at":"2025-01-20T11:00"}
expect 403
audit action=hospitalisation.discharge outcome=denied client_id=$rc staff=peer1

### discharge: the primary case manager records it (200); the follow-up goes to them
as cm1
POST /api/v1/hospitalisations/$h1/discharge
If-Match: 1
{"discharged_at":"2025-01-20T11:00"}
expect 200
json .version == 2
json .follow_up[0].assignee == $cm1_id
json .follow_up[0].title == "Follow up within 7 days of hospital discharge"
audit action=hospitalisation.discharge outcome=ok client_id=$rc entity_id=$h1 staff=cm1

### discharge: a second discharge of the same stay is 409
as cm1
POST /api/v1/hospitalisations/$h1/discharge
If-Match: 2
{"discharged_at":"2025-01-21T11:00"}
expect 409

### discharge: the 7-day follow-up is on the client's task list
as cm1
GET /api/v1/clients/$rc/tasks
expect 200
json .items[*].title contains "Follow up within 7 days of hospital discharge"

### hospital: readmission 21 days after the discharge: within 30 (and 90) days
as cm1
POST /api/v1/clients/$rc/hospitalisations
{"hospital":"St Luke's Hospital","admission_type":"voluntary","reason":"Relapse.","admitted_at":"2025-02-10T08:00"}
expect 201
json .readmission_30 == true
json .readmission_90 == true
save h2 .id

### discharge: of the readmission (200), with the follow-up in the reply
as cm1
POST /api/v1/hospitalisations/$h2/discharge
If-Match: 1
{"discharged_at":"2025-02-20T12:00"}
expect 200
json .version == 2
json .discharged_at == "2025-02-20T12:00:00Z"
json .in_hospital == false
json .follow_up length 1
json .follow_up[0].title == "Follow up within 7 days of hospital discharge"
json .follow_up[0].title_key == "hospital.discharge_follow_up"
json .follow_up[0].title_args.days == 7
json .follow_up[0].source == "rule"
json .follow_up[0].priority == "high"
json .follow_up[0].assignee == $cm1_id
json .follow_up[0].due > "2025-02-27"
audit action=hospitalisation.discharge outcome=ok client_id=$rc entity_id=$h2 staff=cm1
audit action=task.create outcome=ok client_id=$rc reason="rule: hospital discharge follow-up"

### hospital: an admission inside an earlier stay is refused
as cm1
POST /api/v1/clients/$rc/hospitalisations
{"hospital":"St Luke's Hospital","admission_type":"voluntary","admitted_at":"2025-02-15T08:00"}
expect 400
json .errors.admitted_at == "falls inside an earlier hospital stay"

### hospital: 54 days after the last discharge: within 90 days only
as cm1
POST /api/v1/clients/$rc/hospitalisations
{"hospital":"St Luke's Hospital","admission_type":"voluntary","admitted_at":"2025-04-15T08:00"}
expect 201
json .readmission_30 == false
json .readmission_90 == true
save h3 .id

### hospital: the list, newest first, with the marks
as cm1
GET /api/v1/clients/$rc/hospitalisations
expect 200
json .items length 3
json .items[0].id == $h3
json .items[1].readmission_30 == true
json .items[2].readmission_90 == false
json .items[*].admitted_at sorted desc
json .items[0].details_hidden == false

### hospital: a peer supporter on the team sees that and when, not why (issue 11 §4)
as peer1
GET /api/v1/clients/$rc/hospitalisations
expect 200
json .items length 3
json .items[*].details_hidden == [true,true,true]
json .items[*].reason == [null,null,null]
json .items[*].hospital == [null,null,null]
json .items[*].admission_type == [null,null,null]
json .items[0].admitted_at exists
audit action=hospitalisation.list outcome=ok client_id=$rc staff=peer1

### hospital: a care-desk officer of another organisation may not list (403, audited)
as desk1
GET /api/v1/clients/$rc/hospitalisations
expect 403
audit action=hospitalisation.list outcome=denied client_id=$rc staff=desk1

### hospital: an analyst may not admit (403, audited)
as analyst1
POST /api/v1/clients/$rc/hospitalisations
{}
expect 403
audit action=hospitalisation.admit outcome=denied client_id=$rc staff=analyst1

### hospital: a worker outside the team may not discharge (403, audited)
as cm4
POST /api/v1/hospitalisations/$h3/discharge
If-Match: 1
{"discharged_at":"2025-04-20T08:00"}
expect 403
audit action=hospitalisation.discharge outcome=denied client_id=$rc staff=cm4

### hospital: a peer supporter not on the team may not (403, audited)
as peer1
GET /api/v1/clients/$rc2/hospitalisations
expect 403
audit action=hospitalisation.list outcome=denied client_id=$rc2 staff=peer1

### hospital: unknown client and stay are 404
as cm1
GET /api/v1/clients/999999/hospitalisations
expect 404

### discharge: an unknown stay is 404
as cm1
POST /api/v1/hospitalisations/999999/discharge
If-Match: 1
{"discharged_at":"2025-04-20T08:00"}
expect 404

### hospital: DELETE is not a method (405)
as cm1
DELETE /api/v1/clients/$rc/hospitalisations
expect 405

### discharge: GET is not a method (405)
as cm1
GET /api/v1/hospitalisations/$h3/discharge
expect 405
header Allow == POST

### hospital: without credentials 401
GET /api/v1/clients/$rc/hospitalisations
expect 401

### discharge: without credentials 401
POST /api/v1/hospitalisations/$h3/discharge
If-Match: 1
{}
expect 401

# ---------------------------------------------------------------- the remaining 401s and 405s

### 401 without credentials: POST /api/v1/clients/{id}/flags
POST /api/v1/clients/$rc/flags
{}
expect 401
audit none

### 401 without credentials: POST /api/v1/flag-kinds
POST /api/v1/flag-kinds
{}
expect 401
audit none

### 401 without credentials: GET /api/v1/oncall
GET /api/v1/oncall
expect 401
audit none

### 401 without credentials: POST /api/v1/oncall
POST /api/v1/oncall
{}
expect 401
audit none

### 401 without credentials: GET /api/v1/clients/{id}/crisis-events
GET /api/v1/clients/$rc/crisis-events
expect 401
audit none

### 401 without credentials: GET /api/v1/clients/{id}/safety-plan
GET /api/v1/clients/$rc/safety-plan
expect 401
audit none

### 401 without credentials: POST /api/v1/clients/{id}/safety-plan
POST /api/v1/clients/$rc/safety-plan
If-Match: 0
{}
expect 401
audit none

### 401 without credentials: POST /api/v1/clients/{id}/hospitalisations
POST /api/v1/clients/$rc/hospitalisations
{}
expect 401
audit none

### 405 with Allow: PUT /api/v1/oncall
as sup
PUT /api/v1/oncall
{}
expect 405
header Allow contains GET
header Allow contains POST
