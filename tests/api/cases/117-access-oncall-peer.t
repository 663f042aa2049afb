# The access table at work (issue 8 §1): the worker on call reads their organisation's client and
# records a crisis event without breaking the glass, audited with the purpose "on call"; the shift
# over, the record closes again. A peer supporter on the care team is shown no button whose action
# the table refuses, and a refusal by role does not tell them to ask to be added.

### who is who: cm1
as cm1
GET /api/v1/me
expect 200
save riverside .org_id

### who is who: peer1
as peer1
GET /api/v1/me
expect 200
save peer1_id .id

### who is who: cm4 (Eastgate)
as cm4
GET /api/v1/me
expect 200

### setup: a Riverside case manager with no client of their own
as admin
POST /api/v1/staff
{"username":"oc-cm","display_name":"Oncall Worker","role":"case_manager","discipline":"nurse","org_id":$riverside,"password":"hearth-demo-2026"}
expect 201
save oc_id .id

### setup: a Riverside client with an open episode, cm1's
as cm1
POST /api/v1/clients
{"given_name":"Nightcall","family_name":"Riverford","birth_date":"1979-09-19"}
expect 201
save oc_client .id

### setup: ... its episode
as cm1
POST /api/v1/clients/$oc_client/episodes
{"programme":"crisis","target_group":"crisis","status":"active"}
expect 201
save oc_episode .id

### setup: ... a restricted note
as cm1
POST /api/v1/clients/$oc_client/contacts
{"kind":"office","at":"2025-04-01T10:00","domains":["mental_health_treatment"],"body":"Oncall restricted note.","restricted":true}
expect 201

### setup: an Eastgate client (another organisation)
as cm4
POST /api/v1/clients
{"given_name":"Nightcall","family_name":"Eastford","birth_date":"1978-08-18"}
expect 201
save oc_east .id

### setup: ... with an open episode at Eastgate
as cm4
POST /api/v1/clients/$oc_east/episodes
{"programme":"crisis","target_group":"crisis","status":"active"}
expect 201

### before the shift: oc-cm finds the client only
as oc-cm
GET /api/v1/clients/$oc_client
expect 200
json .access.level == "find"
json .access.on_call == false

### before the shift: the crisis view is refused (403, audited)
as oc-cm
GET /api/v1/clients/$oc_client/crisis-view
expect 403
json .detail == "You are not on this client's care team."
audit action=client.crisis_view outcome=denied client_id=$oc_client staff=oc-cm

### the supervisor puts oc-cm on call now
as sup
POST /api/v1/oncall
{"staff_id":$oc_id,"starts_at":"$time(-3600)","ends_at":"$time(3600)"}
expect 201
save oc_shift .id

### on call: the crisis view without break-glass, audited with the purpose "on call"
as oc-cm
GET /api/v1/clients/$oc_client/crisis-view
expect 200
json .client.id == $oc_client
json .access.on_call == true
json .access.break_glass == false
audit action=client.crisis_view outcome=ok client_id=$oc_client staff=oc-cm purpose="on call"

### on call: the record in full, audited "on call"
as oc-cm
GET /api/v1/clients/$oc_client
expect 200
json .access.level == "full"
json .access.on_call == true
json .access.break_glass == false
json .access.write == false
audit action=client.read outcome=ok client_id=$oc_client staff=oc-cm purpose="on call"

### on call: the notes, the restricted one without its text
as oc-cm
GET /api/v1/clients/$oc_client/contacts
expect 200
json .items[*].hidden contains true
json .items[*].body contains null
audit action=contact.list outcome=ok client_id=$oc_client staff=oc-cm purpose="on call"

### on call: a crisis event recorded, audited "on call"
as oc-cm
POST /api/v1/clients/$oc_client/crisis-events
{"occurred_at":"$time(-600)","kind":"suicidal_ideation","severity":"high","response_mode":"phone","actions":"Night call, went through the safety plan.","outcome":"stabilised_at_home"}
expect 201
json .recorded_by == $oc_id
json .follow_up length 3
audit action=crisis.record outcome=ok client_id=$oc_client staff=oc-cm purpose="on call"

### on call: no other writes (a contact is refused, audited)
as oc-cm
POST /api/v1/clients/$oc_client/contacts
{"kind":"phone","at":"2025-04-02T03:00","domains":["crisis_response"],"body":"Night call."}
expect 403
audit action=contact.create outcome=denied client_id=$oc_client staff=oc-cm

### on call: break-glass stays possible for what being on call does not give (a reason is asked)
as oc-cm
POST /api/v1/clients/$oc_client/break-glass
{"reason":"short"}
expect 400
json .errors.reason == "give the reason in 10 to 1000 characters"

### on call: only the organisation's own clients (Eastgate's is refused)
as oc-cm
GET /api/v1/clients/$oc_east/crisis-view
expect 403
audit action=client.crisis_view outcome=denied client_id=$oc_east staff=oc-cm

### the access log shows the on-call reads with their purpose
as cm1
GET /api/v1/clients/$oc_client/access-log
expect 200
json .items[*].purpose contains "on call"

### the shift ends now
as sup
DELETE /api/v1/oncall/$oc_shift
expect 200
json .ended == true

### after the shift: the crisis view is refused again (403, audited)
as oc-cm
GET /api/v1/clients/$oc_client/crisis-view
expect 403
audit action=client.crisis_view outcome=denied client_id=$oc_client staff=oc-cm

### after the shift: "recently viewed" still lists the client (same organisation), without a date of birth
as oc-cm
GET /
expect 200
text contains Nightcall
text excludes 1979-09-19

# ---------------------------------------------------------------- a peer supporter on the team

### setup: peer1 joins the team as peer supporter
as cm1
POST /api/v1/episodes/$oc_episode/team
{"staff_id":$peer1_id,"team_role":"peer_supporter"}
expect 201
save peer_member .id

### the case manager's page has the care-team buttons
as cm1
GET /clients/$oc_client
expect 200
text contains action="/team-members/$peer_member/end"
text contains id="status-form-$oc_episode"
text contains id="team-form-$oc_episode"

### the peer supporter's page has none of them, but may record a contact
as peer1
GET /clients/$oc_client
expect 200
text excludes action="/team-members/
text excludes id="status-form-
text excludes id="team-form-
text excludes id="episode-form"
text contains id="record-contact"

### the peer supporter is refused ending a membership by role (403, audited), not told to join
as peer1
DELETE /api/v1/team-members/$peer_member
expect 403
json .detail == "Your role may not change care teams."
audit action=team.end outcome=denied client_id=$oc_client staff=peer1

### the page says why, without "ask to be added"
as peer1
POST /team-members/$peer_member/end
Content-Type: application/x-www-form-urlencoded
client_id=$oc_client
expect 403
text contains Your role may not change care teams.
text excludes to add you
audit action=team.end outcome=denied client_id=$oc_client staff=peer1
