# Success stories (issue 14 §3): a case manager writes a story with the client (a title, the story in
# the client's words where they wish, whose words, the service domains it touches, the programme); it
# is submitted only while the client holds an active consent for "evaluation"; a supervisor of the
# client's organisation reviews it for anything that identifies the client (names, places, dates, rare
# details: every box ticked to publish; returned with the reasons otherwise), never a story they wrote;
# published, it is read by the task force, analysts and staff without a client id, a name, an author
# or a link, tagged and filtered by domain and programme, with the month (not the day). Withdrawn at
# any state (the client asked; or the evaluation consent withdrawn: every story of the client at once),
# its text is erased and it disappears from the published list.
#
# The access matrix at the end uses the relationships of matrix.t, made by tests/api/world.t.

### the world of the matrix (tests/api/world.t): staff st-*, clients named Storya, born in the 1870s
set world st
set world_name Storya
set world_decade 187
include who.t
include world.t

### who is who: taskforce1, at the city's task force
as taskforce1
GET /api/v1/me
expect 200
save taskforce1_id .id
save taskforce_org .org_id

### cm1 writes a story with the client: a draft
as cm1
POST /api/v1/clients/$team_client/stories
{"title":"Back at the allotment","body":"I did not leave my room for a year. Now I grow beans with the others on Thursdays.","words":"client","domains":["family_community","rehabilitation_employment"],"programme":"integrated_care"}
expect 201
json .client_id == $team_client
json .status == "draft"
json .words == "client"
json .domains length 2
json .domains contains "family_community"
json .programme == "integrated_care"
json .mine == true
json .consent_id == null
json .published_month == null
json .version == 1
audit action=story.create outcome=ok client_id=$team_client staff=cm1
save story .id

### a body that is not an object is refused
as cm1
POST /api/v1/clients/$team_client/stories
["a story"]
expect 400

### a title that is not text is refused, naming the field
as cm1
POST /api/v1/clients/$team_client/stories
{"title":5,"body":"x","words":"client","domains":["housing"],"programme":"act"}
expect 400
json .errors.title exists

### no service domain: refused naming domains; an unknown one too; whose words must be one of three
as cm1
POST /api/v1/clients/$team_client/stories
{"title":"A","body":"x","words":"mine","domains":["gardening"],"programme":"act"}
expect 400
json .errors.domains exists
json .errors.words exists

### an empty story is refused
as cm1
POST /api/v1/clients/$team_client/stories
{"title":"A","body":"   ","words":"client","domains":["housing"],"programme":"nowhere"}
expect 400
json .errors.body exists
json .errors.programme exists

### a peer supporter on the team does not write stories
as peer1
POST /api/v1/clients/$team_client/stories
{"title":"A","body":"x","words":"client","domains":["housing"],"programme":"act"}
expect 403
audit action=story.create outcome=denied client_id=$team_client staff=peer1

### another organisation's case manager neither writes nor reads them
as cm4
POST /api/v1/clients/$team_client/stories
{"title":"A","body":"x","words":"client","domains":["housing"],"programme":"act"}
expect 403
audit action=story.create outcome=denied client_id=$team_client staff=cm4

### another organisation's case manager cannot read the draft
as cm4
GET /api/v1/stories/$story
expect 403
audit action=story.read outcome=denied client_id=$team_client staff=cm4

### an analyst cannot read a client's stories, nor a draft
as analyst1
GET /api/v1/clients/$team_client/stories
expect 403

### an analyst cannot read the draft by its number
as analyst1
GET /api/v1/stories/$story
expect 403

### the task force cannot read a client's stories
as taskforce1
GET /api/v1/clients/$team_client/stories
expect 403

### the task force cannot read the draft by its number
as taskforce1
GET /api/v1/stories/$story
expect 403

### the client has no consent for evaluation: submitting is refused, and says so
as cm1
POST /api/v1/stories/$story/submit
If-Match: 1
{}
expect 409
json .consent_required == true
json .detail contains "consent"

### nothing changed: still a draft, and the story says the consent is missing
as cm1
GET /api/v1/stories/$story
expect 200
json .status == "draft"
json .version == 1
json .consent_ok == false
json .reviews length 0
audit action=story.read outcome=ok client_id=$team_client staff=cm1

### a stale version is refused
as cm1
PATCH /api/v1/stories/$story
If-Match: 7
{"title":"Beans with the others"}
expect 409
json .current_version == 1

### cm1 changes the title with the client
as cm1
PATCH /api/v1/stories/$story
If-Match: 1
{"title":"Beans with the others"}
expect 200
json .title == "Beans with the others"
json .body contains "grow beans"
json .version == 2
audit action=story.update outcome=ok client_id=$team_client staff=cm1

### the client consents to share it for evaluation (with the city's task force)
as cm1
POST /api/v1/clients/$team_client/consents
{"purpose":"evaluation","orgs":[$taskforce_org],"classes":["identity"],"given_how":"written"}
expect 201
save consent .id
save consent_version .version

### now it is submitted for review
as cm1
POST /api/v1/stories/$story/submit
If-Match: 2
{}
expect 200
json .status == "submitted"
json .consent_id == $consent
json .submitted_at exists
audit action=story.submit outcome=ok client_id=$team_client staff=cm1

### a submitted story does not change while it waits for review
as cm1
PATCH /api/v1/stories/$story
If-Match: 3
{"title":"Other"}
expect 409

### a case manager has no review queue
as cm1
GET /api/v1/stories/review
expect 403

### the supervisor's queue holds it
as sup
GET /api/v1/stories/review
expect 200
json .items[*].id contains $story
json .items[0].status == "submitted"

### a case manager does not review
as cm1
POST /api/v1/stories/$story/review
If-Match: 3
{"decision":"publish","no_names":true,"no_places":true,"no_dates":true,"no_rare_details":true}
expect 403
audit action=story.review outcome=denied client_id=$team_client staff=cm1

### publishing needs every box ticked
as sup
POST /api/v1/stories/$story/review
If-Match: 3
{"decision":"publish","no_names":true,"no_places":true,"no_dates":false,"no_rare_details":true}
expect 400
json .errors.no_dates exists

### a box that is not true or false is refused, naming it
as sup
POST /api/v1/stories/$story/review
If-Match: 3
{"decision":"publish","no_names":"yes","no_places":true,"no_dates":true,"no_rare_details":true}
expect 400
json .errors.no_names exists

### returning needs the reasons
as sup
POST /api/v1/stories/$story/review
If-Match: 3
{"decision":"return","no_names":true,"no_places":true,"no_dates":true,"no_rare_details":false}
expect 400
json .errors.note exists

### a stale review is refused
as sup
POST /api/v1/stories/$story/review
If-Match: 2
{"decision":"return","no_rare_details":false,"note":"The allotment on Thursdays is a rare detail."}
expect 409
json .current_version == 3

### the supervisor returns it with the reasons
as sup
POST /api/v1/stories/$story/review
If-Match: 3
{"decision":"return","no_names":true,"no_places":true,"no_dates":true,"no_rare_details":false,"note":"The allotment on Thursdays is a rare detail."}
expect 200
json .status == "returned"
json .version == 4
audit action=story.return outcome=ok client_id=$team_client staff=sup

### the worker sees the reasons
as cm1
GET /api/v1/stories/$story
expect 200
json .reviews length 1
json .reviews[0].decision == "return"
json .reviews[0].no_rare_details == false
json .reviews[0].note contains "rare detail"
json .consent_ok == true

### a returned story is not on the published list
as taskforce1
GET /api/v1/stories
expect 200
json .items[*].id excludes $story

### the worker edits it with the client and submits it again
as cm1
PATCH /api/v1/stories/$story
If-Match: 4
{"body":"I did not leave my room for a year. Now I grow beans with others every week.","words":"with_worker"}
expect 200
json .status == "returned"
json .words == "with_worker"

### submitted again
as cm1
POST /api/v1/stories/$story/submit
If-Match: 5
{}
expect 200
json .status == "submitted"

### the supervisor publishes it: every box ticked
as sup
POST /api/v1/stories/$story/review
If-Match: 6
{"decision":"publish","no_names":true,"no_places":true,"no_dates":true,"no_rare_details":true,"note":"Fine now."}
expect 200
json .status == "published"
json .published_month length 7
json .published_month >= "2026-01"
audit action=story.publish outcome=ok client_id=$team_client staff=sup

### a published story is not edited
as cm1
PATCH /api/v1/stories/$story
If-Match: 7
{"title":"x"}
expect 409

### the task force reads it: no client, no name, no author, no record link; the month, not the day
as taskforce1
GET /api/v1/stories
expect 200
json .items[*].id contains $story
json .items[0].id == $story
json .items[0].title == "Beans with the others"
json .items[0].words == "with_worker"
json .items[0].domains contains "rehabilitation_employment"
json .items[0].programme == "integrated_care"
json .items[0].org_kind == "mental_health_welfare_centre"
json .items[0].client_id missing
json .items[0].given_name missing
json .items[0].family_name missing
json .items[0].created_by missing
json .items[0].created_by_name missing
json .items[0].org_name missing
json .items[0].published_at missing
json .items[0].status missing
text excludes Storya
text excludes Teamford
audit action=story.published outcome=ok staff=taskforce1

### the task force filters by domain and programme
as taskforce1
GET /api/v1/stories?domain=family_community&programme=integrated_care
expect 200
json .items[*].id contains $story

### another domain leaves it out
as taskforce1
GET /api/v1/stories?domain=crisis_response
expect 200
json .items[*].id excludes $story

### another programme leaves it out
as taskforce1
GET /api/v1/stories?programme=act
expect 200
json .items[*].id excludes $story

### an unknown domain is refused, naming the field
as taskforce1
GET /api/v1/stories?domain=gardening
expect 400
json .errors.domain exists

### an analyst reads it the same way
as analyst1
GET /api/v1/stories?domain=rehabilitation_employment
expect 200
json .items[*].id contains $story
json .items[0].client_id missing

### a case manager of another organisation reads the published list too (no client in it)
as cm4
GET /api/v1/stories
expect 200
json .items[*].id contains $story

### the supervisor writes a second story with the client
as sup
POST /api/v1/clients/$team_client/stories
{"title":"Cooking for two","body":"We cook together now.","words":"worker","domains":["daily_living_care"],"programme":"integrated_care"}
expect 201
save story2 .id

### and submits it
as sup
POST /api/v1/stories/$story2/submit
If-Match: 1
{}
expect 200
json .status == "submitted"

### a reviewer cannot publish a story they wrote
as sup
POST /api/v1/stories/$story2/review
If-Match: 2
{"decision":"publish","no_names":true,"no_places":true,"no_dates":true,"no_rare_details":true}
expect 403
json .detail contains "wrote"
audit action=story.review outcome=denied client_id=$team_client staff=sup

### the client asks to take the second story back: withdrawn, needs a reason
as cm1
POST /api/v1/stories/$story2/withdraw
If-Match: 2
{}
expect 400
json .errors.reason exists

### withdrawn with the reason; the text is erased, when and why kept
as cm1
POST /api/v1/stories/$story2/withdraw
If-Match: 2
{"reason":"The client would rather keep this one private."}
expect 200
json .status == "withdrawn"
json .title == null
json .body == null
json .withdraw_cause == "asked"
json .withdraw_reason contains "private"
json .withdrawn_at exists
json .created_at exists
audit action=story.withdraw outcome=ok client_id=$team_client staff=cm1

### a withdrawn story cannot come back
as cm1
POST /api/v1/stories/$story2/submit
If-Match: 3
{}
expect 409

### a third story, still a draft, before the consent is withdrawn
as cm1
POST /api/v1/clients/$team_client/stories
{"title":"First steps","body":"A draft.","words":"client","domains":["peer_support"],"programme":"integrated_care"}
expect 201
save story3 .id

### the client withdraws the consent for evaluation
as cm1
POST /api/v1/consents/$consent/withdraw
If-Match: $consent_version
{"reason":"Changed their mind about sharing."}
expect 200
json .status == "withdrawn"
audit action=story.withdraw outcome=ok client_id=$team_client entity_id=$story reason=consent
audit action=story.withdraw outcome=ok client_id=$team_client entity_id=$story3 reason=consent

### at once the published story is gone from the task force's list
as taskforce1
GET /api/v1/stories
expect 200
json .items[*].id excludes $story
text excludes grow beans with others

### and from the analyst's
as analyst1
GET /api/v1/stories?domain=family_community
expect 200
json .items[*].id excludes $story

### the record keeps that it existed, when, and withdrawn when and why; not a word of it
as cm1
GET /api/v1/stories/$story
expect 200
json .status == "withdrawn"
json .title == null
json .body == null
json .withdraw_cause == "consent"
json .withdraw_reason == "consent $consent"
json .published_month exists
json .reviews length 2
json .reviews[0].note == null
json .reviews[1].note == null
json .consent_ok == false

### the draft was withdrawn with it
as cm1
GET /api/v1/clients/$team_client/stories
expect 200
json .items length 3
json .items[*].status excludes "draft"
json .items[*].status excludes "published"
text excludes grow beans with others
text excludes First steps
audit action=story.list outcome=ok client_id=$team_client staff=cm1

### setup matrix: a story of the org client (cm2's)
as cm2
POST /api/v1/clients/$org_client/stories
{"title":"M","body":"m","words":"client","domains":["housing"],"programme":"integrated_care"}
expect 201
save org_story .id

### setup matrix: a story of the other client (cm4's, at Eastgate)
as cm4
POST /api/v1/clients/$other_client/stories
{"title":"M","body":"m","words":"client","domains":["housing"],"programme":"integrated_care"}
expect 201
save other_story .id

### setup matrix: a story of cm4's org client (the second Eastgate case manager's)
as st-cm4b
POST /api/v1/clients/${org_client@cm4}/stories
{"title":"M","body":"m","words":"client","domains":["housing"],"programme":"integrated_care"}
expect 201
save org_story@cm4 .id

### setup matrix: a story of desk1's org client (Northside's case manager's)
as st-ncm
POST /api/v1/clients/${org_client@desk1}/stories
{"title":"M","body":"m","words":"client","domains":["housing"],"programme":"integrated_care"}
expect 201
save org_story@desk1 .id

### setup matrix: a story of housing1's org client (Harbour's case manager's)
as st-hcm
POST /api/v1/clients/${org_client@housing1}/stories
{"title":"M","body":"m","words":"client","domains":["housing"],"programme":"integrated_care"}
expect 201
save org_story@housing1 .id

### setup matrix: a draft of the team client
as cm1
POST /api/v1/clients/$team_client/stories
{"title":"M","body":"m","words":"client","domains":["housing"],"programme":"integrated_care"}
expect 201
save team_story .id

### setup matrix: cm4's team story is the other one, its other-organisation story the org one
set team_story@cm4 $other_story
set other_story@cm4 $org_story

matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4 taskforce1
tag list json .items exists
tag one json .status exists
tag noclient text excludes client_id
# A client's stories and a story (drafts, reviews): the clinical members of the care team and the
# organisation's supervisors (who, supervising the organisation's open episodes, also write and
# change them); never peer supporters, care-desk officers, housing coordinators,
# administrators, another organisation, analysts or the task force (the last two are refused by the
# routes' roles before core/: no audit row). Writes are sent so that they change nothing once let
# through (an empty body 400, a stale If-Match 409).
team  GET  /api/v1/clients/{client}/stories | 403* 200+/list 200+/list 200+/list 200+/list 403* 403* 403* 403 200+/list 403
org   GET  /api/v1/clients/{client}/stories | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403* 403
other GET  /api/v1/clients/{client}/stories | 403* 403* 403* 403* 403* 403* 403* 403* 403 403* 403
team  POST /api/v1/clients/{client}/stories {} | 403* 400 400 400 400 403* 403* 403* 403 400 403
org   POST /api/v1/clients/{client}/stories {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403* 403
other POST /api/v1/clients/{client}/stories {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403* 403
team  GET  /api/v1/stories/{story} | 403* 200+/one 200+/one 200+/one 200+/one 403* 403* 403* 403 200+/one 403
org   GET  /api/v1/stories/{story} | 403* 200+/one 403* 403* 403* 403* 403* 403* 403 403* 403
other GET  /api/v1/stories/{story} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403* 403
team  PATCH /api/v1/stories/{story} If-Match:0 {} | 403* 409 409 409 409 403* 403* 403* 403 409 403
org   PATCH /api/v1/stories/{story} If-Match:0 {} | 403* 409 403* 403* 403* 403* 403* 403* 403 403* 403
other PATCH /api/v1/stories/{story} If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403* 403
team  POST /api/v1/stories/{story}/submit If-Match:0 {} | 403* 409 409 409 409 403* 403* 403* 403 409 403
org   POST /api/v1/stories/{story}/submit If-Match:0 {} | 403* 409 403* 403* 403* 403* 403* 403* 403 403* 403
other POST /api/v1/stories/{story}/submit If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403* 403
team  POST /api/v1/stories/{story}/withdraw If-Match:0 {} | 403* 400 400 400 400 403* 403* 403* 403 400 403
org   POST /api/v1/stories/{story}/withdraw If-Match:0 {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403* 403
other POST /api/v1/stories/{story}/withdraw If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403* 403
team  POST /api/v1/stories/{story}/review If-Match:0 {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403* 403
org   POST /api/v1/stories/{story}/review If-Match:0 {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403* 403
other POST /api/v1/stories/{story}/review If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403* 403
# Without a client: the published list is everyone's, the task force and analysts included, and
# carries no client id; the review queue is a supervisor's.
-     GET  /api/v1/stories | 200/list/noclient 200/list/noclient 200/list/noclient 200/list/noclient 200/list/noclient 200/list/noclient 200/list/noclient 200/list/noclient 200/list/noclient 200/list/noclient 200/list/noclient
-     GET  /api/v1/stories/review | 403 200/list 403 403 403 403 403 403 403 403 403

### unset the matrix's own per-role stories
unset team_story@cm4
unset other_story@cm4
unset org_story@cm4
unset org_story@desk1
unset org_story@housing1

### teardown: cm4 discharges the world's Eastgate client, so that the next files' worlds keep cm4 within capacity
as cm4
GET /api/v1/clients/$other_client/episodes
expect 200
save st_other_episode_version .items[0].version

### teardown: the discharge
as cm4
PATCH /api/v1/episodes/$other_episode
If-Match: $st_other_episode_version
{"status":"discharged","discharge_reason":"The stories' matrix is done."}
expect 200
json .status == "discharged"
