# Break-glass grants what the role would have on the care team, no more (issue 9 §1): a care-desk
# officer, whose role never reads notes, reads no notes after breaking the glass either: not the
# crisis events' notes and actions, not the safety plan. What a care-desk officer needs in a crisis
# stays: that a crisis happened (when, what kind, how severe, the outcome) and who to call (the care
# team and who is on call now, the client's own emergency contacts).

### setup: a Riverside client of cm2's
as cm2
POST /api/v1/clients
{"given_name":"Glassina","family_name":"Deskworth","birth_date":"1979-09-19","emergency_contacts":"Sister: Mira Deskworth, 010-5555-0101"}
expect 201
save gclient .id

### setup: an open episode, cm2 its primary case manager
as cm2
POST /api/v1/clients/$gclient/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### setup: a crisis event with notes
as cm2
POST /api/v1/clients/$gclient/crisis-events
{"occurred_at":"2026-11-30T03:00:00Z","kind":"self_harm","severity":"high","response_mode":"home_visit","actions":"GLASSACTION: removed the blades, stayed until calm.","outcome":"stabilised_at_home","notes":"GLASSNOTE: spoke of the anniversary of a loss."}
expect 201
save gevent .id

### setup: a safety plan
as cm2
POST /api/v1/clients/$gclient/safety-plan
If-Match: 0
{"warning_signs":["GLASSPLAN: stops answering the phone."]}
expect 201

### the care-desk officer breaks the glass
as desk1
POST /api/v1/clients/$gclient/break-glass
{"reason":"Caller at the desk says this person is in danger now."}
expect 201

### the crisis view shows that a crisis happened and who to call, without notes or the plan
as desk1
GET /api/v1/clients/$gclient/crisis-view
expect 200
json .access.break_glass == true
json .crisis_events[0].id == $gevent
json .crisis_events[0].kind == "self_harm"
json .crisis_events[0].severity == "high"
json .crisis_events[0].hidden == true
json .crisis_events[0].notes == null
json .crisis_events[0].actions == null
json .safety_plan == null
json .safety_plan_hidden == true
json .care_team[0].name exists
json .client.emergency_contacts contains Sister
text excludes GLASSNOTE
text excludes GLASSACTION
text excludes GLASSPLAN
audit action=client.crisis_view outcome=ok client_id=$gclient staff=desk1 purpose=break-glass

### the list of crisis events hides their notes from the care-desk officer
as desk1
GET /api/v1/clients/$gclient/crisis-events
expect 200
json .items[0].id == $gevent
json .items[0].hidden == true
text excludes GLASSNOTE
text excludes GLASSACTION

### the safety plan is refused, and the denial is audited
as desk1
GET /api/v1/clients/$gclient/safety-plan
expect 403
audit action=safety_plan.read outcome=denied client_id=$gclient staff=desk1

### the safety plan's versions are refused too
as desk1
GET /api/v1/clients/$gclient/safety-plan/history
expect 403

### the notes stay closed
as desk1
GET /api/v1/clients/$gclient/contacts
expect 403

### the client page shows none of it
as desk1
GET /clients/$gclient
expect 200
text excludes GLASSNOTE
text excludes GLASSACTION
text excludes GLASSPLAN

### the crisis page shows none of it, but who to call
as desk1
GET /clients/$gclient/crisis
expect 200
text contains Mira Deskworth
text excludes GLASSNOTE
text excludes GLASSACTION
text excludes GLASSPLAN

### the safety plan's page is refused
as desk1
GET /clients/$gclient/safety-plan
expect 403

### a case manager who breaks the glass reads them, as on the care team
as cm1
POST /api/v1/clients/$gclient/break-glass
{"reason":"Night call from the client's sister, client at risk."}
expect 201

### ... the crisis view in full
as cm1
GET /api/v1/clients/$gclient/crisis-view
expect 200
json .crisis_events[0].hidden == false
json .crisis_events[0].notes contains GLASSNOTE
json .safety_plan.warning_signs[0].text contains GLASSPLAN
json .safety_plan_hidden == false
