# Episodes of care and care teams: open, versioned update, discharge, team members added and ended;
# membership of an open episode's team is what gives full access.

### who is who: cm1
as cm1
GET /api/v1/me
expect 200
save cm1_id .id

### who is who: psy1
as psy1
GET /api/v1/me
expect 200
save psy1_id .id

### who is who: cm4 (another organisation)
as cm4
GET /api/v1/me
expect 200
save cm4_id .id

### list: client 1's episode and its care team
as cm1
GET /api/v1/clients/1/episodes
expect 200
json .items[0].client_id == 1
json .items[0].organisation == "Riverside Mental Health Welfare Centre"
json .items[0].team[*].staff_id contains $cm1_id
json .items[0].team[*].staff_id contains $psy1_id
json .items[0].team[*].team_role contains "peer_supporter"
audit action=episode.list outcome=ok client_id=1 staff=cm1

### list: an unknown client is 404
as cm1
GET /api/v1/clients/999999/episodes
expect 404

### a client for this file
as cm1
POST /api/v1/clients
{"given_name":"Episodia","family_name":"Testcase","birth_date":"1970-07-07","identifiers":[{"kind":"apitest","value":"AT-EPI"}]}
expect 201
save epc .id

### create: bad values are field errors
as cm1
POST /api/v1/clients/$epc/episodes
{"programme":"space","target_group":"nope","status":"discharged","start_date":"2020-13-01"}
expect 400
json .errors.programme == "is not one of the allowed values"
json .errors.target_group == "is not one of the allowed values"
json .errors.status exists
json .errors.start_date exists

### create: the primary case manager must work for the organisation
as cm1
POST /api/v1/clients/$epc/episodes
{"programme":"act","target_group":"crisis","primary_cm":$cm4_id}
expect 400
json .errors.primary_cm exists

### create: an episode (201); the case manager who opens it is its primary case manager
as cm1
POST /api/v1/clients/$epc/episodes
{"programme":"act","target_group":"crisis","status":"active"}
expect 201
json .programme == "act"
json .status == "active"
json .version == 1
json .primary_cm == $cm1_id
json .team length 1
json .team[0].staff_id == $cm1_id
json .team[0].team_role == "primary_case_manager"
save ep .id
audit action=episode.create outcome=ok client_id=$epc staff=cm1

### create: an unknown client is 404
as cm1
POST /api/v1/clients/999999/episodes
{"programme":"act","target_group":"crisis"}
expect 404

### create: a housing coordinator may not open episodes
as housing1
POST /api/v1/clients/$epc/episodes
{"programme":"housing_support","target_group":"other"}
expect 403

### list: the new episode
as cm1
GET /api/v1/clients/$epc/episodes
expect 200
json .items length 1
json .items[0].id == $ep

### update: without If-Match is 428
as cm1
PATCH /api/v1/episodes/$ep
{"target_group":"severe"}
expect 428

### update: a stale version is 409 and changes nothing
as cm1
PATCH /api/v1/episodes/$ep
If-Match: 0
{"target_group":"severe"}
expect 409
json .current_version == 1

### update: ... read back: unchanged
as cm1
GET /api/v1/clients/$epc/episodes
expect 200
json .items[0].target_group == "crisis"
json .items[0].version == 1

### update: with the current version
as cm1
PATCH /api/v1/episodes/$ep
If-Match: 1
{"target_group":"severe"}
expect 200
json .target_group == "severe"
json .version == 2
audit action=episode.update outcome=ok client_id=$epc

### update: a bad status is a field error
as cm1
PATCH /api/v1/episodes/$ep
If-Match: 2
{"status":"sleeping"}
expect 400
json .errors.status == "is not one of the allowed values"

### update: an unknown episode is 404
as cm1
PATCH /api/v1/episodes/999999
If-Match: 1
{"target_group":"severe"}
expect 404

### update: DELETE is not a method of an episode
as cm1
DELETE /api/v1/episodes/$ep
expect 405
header Allow == PATCH

### team: add a psychiatrist (201)
as cm1
POST /api/v1/episodes/$ep/team
{"staff_id":$psy1_id,"team_role":"psychiatrist"}
expect 201
json .staff_id == $psy1_id
json .team_role == "psychiatrist"
json .to_date == null
save member .id
audit action=team.add outcome=ok client_id=$epc

### team: adding the same person again is 409
as cm1
POST /api/v1/episodes/$ep/team
{"staff_id":$psy1_id,"team_role":"psychiatrist"}
expect 409
json .errors.staff_id == "is already on this care team"

### team: bad values are field errors
as cm1
POST /api/v1/episodes/$ep/team
{"staff_id":999999,"team_role":"wizard","from_date":"yesterday"}
expect 400
json .errors.staff_id == "must be an active staff member"
json .errors.team_role == "is not one of the allowed values"
json .errors.from_date exists

### team: an unknown episode is 404
as cm1
POST /api/v1/episodes/999999/team
{"staff_id":$psy1_id,"team_role":"psychiatrist"}
expect 404

### team: the new member has full access
as psy1
GET /api/v1/clients/$epc
expect 200
json .access.level == "full"

### team: end the membership
as cm1
DELETE /api/v1/team-members/$member
expect 200
json .to_date exists
json .to_date != null
audit action=team.end outcome=ok client_id=$epc

### team: ending it again is 409
as cm1
DELETE /api/v1/team-members/$member
expect 409

### team: an unknown membership is 404
as cm1
DELETE /api/v1/team-members/999999
expect 404

### team: the former member is back to what the organisation may see
as psy1
GET /api/v1/clients/$epc
expect 200
json .access.level == "find"

### discharge: a reason is required
as cm1
PATCH /api/v1/episodes/$ep
If-Match: 2
{"status":"discharged"}
expect 400
json .errors.discharge_reason == "is required to discharge"

### discharge: with a reason; the end date defaults to today
as cm1
PATCH /api/v1/episodes/$ep
If-Match: 2
{"status":"discharged","discharge_reason":"Goals achieved"}
expect 200
json .status == "discharged"
json .discharge_reason == "Goals achieved"
json .end_date != null
json .version == 3
audit action=episode.discharge outcome=ok client_id=$epc

### discharge: the team of a discharged episode no longer gives full access
as cm1
GET /api/v1/clients/$epc
expect 200
json .access.level == "find"
json .programmes length 0

# Opening an episode on another worker's client (issue 9 §1, "break-glass can be skipped"): a
# worker with no care relationship who opens an episode on a client with an open episode held by
# someone else gives a reason, the current primary case manager is told (a task), and a supervisor
# reviews it. Client 11 is cm2's (an open Riverside episode); cm1 is not on its team.

### open on another's client: cm3 sees client 8 only to find them
as cm1
GET /api/v1/clients/11
expect 200
json .access.level == "find"

### open on another's client: without a reason, 400 naming the field, nothing written
as cm1
POST /api/v1/clients/11/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 400
json .errors.reason exists
audit none

### open on another's client: a reason of a few characters is not enough
as cm1
POST /api/v1/clients/11/episodes
{"programme":"integrated_care","target_group":"severe","status":"active","reason":"   moved "}
expect 400
json .errors.reason exists

### open on another's client: still only to find
as cm1
GET /api/v1/clients/11
expect 200
json .access.level == "find"

### open on another's client: with a reason (201), audited with it
as cm1
POST /api/v1/clients/11/episodes
{"programme":"housing_support","target_group":"severe","status":"active","reason":"Client asked at the front desk to join the housing programme."}
expect 201
json .primary_cm == $cm1_id
save ep8 .id
audit action=episode.create outcome=ok client_id=11 staff=cm1 reason="Client asked at the front desk to join the housing programme."
audit action=task.create outcome=ok client_id=11 staff=cm1 entity=task

### open on another's client: the current primary case manager has a task about it
as cm2
GET /api/v1/clients/11/tasks
expect 200
json .items[*].title contains "Minji Kim opened another episode of care for this client: Client asked at the front desk to join the housing programme."

### open on another's client: queued for a supervisor's review
as sup
GET /api/v1/episode-opens?pending=1
expect 200
json .items[0].episode_id == $ep8
json .items[0].client_id == 11
json .items[0].staff_name == "Minji Kim"
json .items[0].staff_organisation == "Riverside Mental Health Welfare Centre"
json .items[0].reason == "Client asked at the front desk to join the housing programme."
json .items[0].programme == "housing_support"
json .items[0].reviewed_at == null
save eo8 .items[0].id
audit action=episode_open.list outcome=ok staff=sup

### open on another's client: a case manager may not see the queue
as cm3
GET /api/v1/episode-opens
expect 403
audit action=episode_open.list outcome=denied staff=cm3

### open on another's client: nor review it
as cm2
POST /api/v1/episode-opens/$eo8/review
{"note":"Fine."}
expect 403

### open on another's client: the review needs a note
as sup
POST /api/v1/episode-opens/$eo8/review
{"note":" "}
expect 400
json .errors.note exists

### open on another's client: an unknown one is 404
as sup
POST /api/v1/episode-opens/999999/review
{"note":"Checked."}
expect 404

### open on another's client: the supervisor reviews it, with who and when
as sup
POST /api/v1/episode-opens/$eo8/review
{"note":"Agreed with cm2: housing support joins integrated care."}
expect 200
json .reviewed_by_name == "Sunhee Cho"
json .reviewed_at != null
json .review_note == "Agreed with cm2: housing support joins integrated care."
audit action=episode_open.review outcome=ok client_id=11 staff=sup entity=episode_open entity_id=$eo8

### open on another's client: reviewing twice is 409
as sup
POST /api/v1/episode-opens/$eo8/review
{"note":"Again."}
expect 409

### open on another's client: no longer pending
as sup
GET /api/v1/episode-opens?pending=1
expect 200
json .items[*].id excludes $eo8

### open on another's client: a worker on the team opens another episode without a reason, no review
as cm2
POST /api/v1/clients/11/episodes
{"programme":"act","target_group":"crisis","status":"intake"}
expect 201
save ep8b .id

### open on another's client: ... which is not queued
as sup
GET /api/v1/episode-opens
expect 200
json .items[*].episode_id excludes $ep8b
json .items[*].episode_id contains $ep8

### page: the review page lists the episode opened, reviewed, with its reason
as sup
GET /break-glass?all=1
expect 200
text contains id="eo-review"
text contains Client asked at the front desk to join the housing programme.
text contains Agreed with cm2: housing support joins integrated care.

### page: the episode form without a reason says what is missing (client 14 is cm2's)
as cm1
POST /clients/14/episodes
Content-Type: application/x-www-form-urlencoded
programme=integrated_care&target_group=severe&status=active
expect 400
text contains this client has an open episode with another case manager
audit rows 1
audit action=client.read_limited outcome=ok client_id=14 staff=cm1

### page: with a reason it opens the episode
as cm1
POST /clients/14/episodes
Content-Type: application/x-www-form-urlencoded
programme=integrated_care&target_group=severe&status=active&reason=Covering+for+cm2+during+a+long+absence.
expect 303
audit action=episode.create outcome=ok client_id=14 staff=cm1 reason="Covering for cm2 during a long absence."

### page: ... waiting for review on the review page, with a form
as sup
GET /break-glass
expect 200
text contains Covering for cm2 during a long absence.
text contains eo-review-form

### page: ... which the supervisor finds in the list
as sup
GET /api/v1/episode-opens?pending=1&limit=1
expect 200
json .items[0].client_id == 14
save eo14 .items[0].id

### page: the supervisor reviews it from the page
as sup
POST /episode-opens/$eo14/review
Content-Type: application/x-www-form-urlencoded
note=Agreed+with+cm2+before+the+absence.
expect 303
header Location contains /break-glass
audit action=episode_open.review outcome=ok client_id=14 staff=sup

### page: ... reviewed
as sup
GET /api/v1/episode-opens
expect 200
json .items[*].review_note contains "Agreed with cm2 before the absence."
