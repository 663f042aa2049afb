# Referrals between organisations (issue 10 §2): a worker who cares for a client refers them to
# another organisation's intake queue (or a service of it); the receiving side acknowledges,
# accepts (and opens an episode), declines, asks for more information, works and completes it, or
# it fails; the sender may cancel. Every change is a dated event the sender reads and is told of.
# An illegal change is a 409 naming the current state; a missing reason a 400 naming the field; a
# stale version a 409. The sections shared are limited by the client's consent to the receiving
# organisation; while a referral is open there, its queue staff read those sections (audited as
# shared, "referral N").
#
# The access matrix at the end uses the relationships of matrix.t, made by tests/api/world.t.

### the world of the matrix (tests/api/world.t): staff rf-*, clients named Referwell, born in the 1950s
set world rf
set world_name Referwell
set world_decade 195
include who.t
include world.t

### who is who: cm3
as cm3
GET /api/v1/me
expect 200
save cm3_id .id

### setup: a supervisor at Eastgate (its intake queue's lead)
as admin
POST /api/v1/staff
{"username":"rf-esup","display_name":"Ref Eastgate Lead","role":"supervisor","discipline":"social_worker","org_id":$eastgate,"password":"hearth-demo-2026"}
expect 201
save esup_id .id

### setup: a supervisor at Northside
as admin
POST /api/v1/staff
{"username":"rf-nsup","display_name":"Ref Northside Lead","role":"supervisor","discipline":"social_worker","org_id":$northside,"password":"hearth-demo-2026"}
expect 201

### setup: the Eastgate client the referrals are about, cm4's
as cm4
POST /api/v1/clients
{"given_name":"Refmat","family_name":"Eastmain","birth_date":"1969-03-03"}
expect 201
save ref_client .id

### setup: an open episode, cm4 its primary case manager
as cm4
POST /api/v1/clients/$ref_client/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### setup: the Eastgate client's written consent: Riverside may see identity and risk for a referral
as cm4
POST /api/v1/clients/$ref_client/consents
{"purpose":"referral","orgs":[$riverside],"classes":["identity","risk"],"given_how":"written"}
expect 201

### sections beyond the consent are refused, naming the sections not granted
as cm4
POST /api/v1/clients/$ref_client/referrals
{"to_org_id":$riverside,"reason":"Needs intensive follow-up after discharge.","asked":"Intensive case management","urgency":"soon","sections":["identity","notes","risk"],"agreement":"agreed"}
expect 400
json .errors.sections contains "notes"
json .errors.sections excludes "risk"

### a section that is not a data class
as cm4
POST /api/v1/clients/$ref_client/referrals
{"to_org_id":$riverside,"reason":"x","asked":"y","urgency":"soon","sections":["diary"],"agreement":"agreed"}
expect 400
json .errors.sections exists

### every missing or bad field is named
as cm4
POST /api/v1/clients/$ref_client/referrals
{"urgency":"whenever","agreement":"not_asked"}
expect 400
json .errors.to_org_id exists
json .errors.reason == "is required"
json .errors.asked == "is required"
json .errors.urgency == "must be routine, soon or urgent"
json .errors.agreement_reason exists

### a body that is not JSON
as cm4
POST /api/v1/clients/$ref_client/referrals
{"to_org_id":
expect 400

### a body that is not an object
as cm4
POST /api/v1/clients/$ref_client/referrals
[1,2]
expect 400

### an organisation that does not exist
as cm4
POST /api/v1/clients/$ref_client/referrals
{"to_org_id":999999,"reason":"x","asked":"y","urgency":"soon","agreement":"agreed"}
expect 400
json .errors.to_org_id == "is not an organisation"

### the Riverside supervisor may not read the Eastgate client before a referral arrives
as sup
GET /api/v1/clients/$ref_client
expect 403
audit action=client.read outcome=denied client_id=$ref_client staff=sup

### cm4 refers the client to Riverside, sharing identity and risk
as cm4
POST /api/v1/clients/$ref_client/referrals
{"to_org_id":$riverside,"reason":"Needs intensive follow-up after discharge.","asked":"Intensive case management","urgency":"soon","sections":["identity","risk"],"agreement":"agreed"}
expect 201
json .state == "sent"
json .to_org_id == $riverside
json .from_organisation == "Eastgate Public Health Centre"
json .sections == ["identity","risk"]
json .days_pending == 0
json .overdue == false
json .events length 1
json .events[0].to_state == "sent"
json .agreement_review_pending == false
save ref .id
save ref_v .version
audit action=referral.create outcome=ok client_id=$ref_client staff=cm4

### the receiving queue's lead is told
as sup
GET /api/v1/notifications
expect 200
json .items[*].entity_id contains $ref

### Riverside's received queue lists it, with its days pending
as sup
GET /api/v1/referrals/received?state=open
expect 200
json .items[*].id contains $ref
json .items[0].days_pending exists

### Eastgate's sent queue lists it
as cm4
GET /api/v1/referrals/sent
expect 200
json .items[*].id contains $ref

### the queues' filters: a state, an urgency and overdue, each checked
as sup
GET /api/v1/referrals/received?state=lost&urgency=whenever&overdue=maybe
expect 400
json .errors.state exists
json .errors.urgency exists
json .errors.overdue exists

### only the urgent ones
as sup
GET /api/v1/referrals/received?urgency=urgent
expect 200
json .items[*].id excludes $ref

### a referral still to be acknowledged cannot be accepted: 409 naming its state
as sup
POST /api/v1/referrals/$ref/accept
If-Match: $ref_v
{}
expect 409
json .state == "sent"

### the sender acts only as the sender: acknowledging is the receiving organisation's
as cm4
POST /api/v1/referrals/$ref/receive
If-Match: $ref_v
{}
expect 403
audit action=referral.receive outcome=denied client_id=$ref_client staff=cm4

### another organisation neither reads nor acts on it
as housing1
GET /api/v1/referrals/$ref
expect 403
audit action=referral.read outcome=denied client_id=$ref_client staff=housing1

### another organisation's intake staff may not acknowledge it
as housing1
POST /api/v1/referrals/$ref/receive
If-Match: $ref_v
{}
expect 403
audit action=referral.receive outcome=denied staff=housing1

### a peer supporter does not work the intake queue
as peer1
GET /api/v1/referrals/received
expect 403
audit action=referral.list outcome=denied staff=peer1

### an analyst never sees referrals
as analyst1
GET /api/v1/referrals/$ref
expect 403

### a change needs the version
as sup
POST /api/v1/referrals/$ref/receive
{}
expect 428

### a stale version is refused and changes nothing
as sup
POST /api/v1/referrals/$ref/receive
If-Match: 0
{}
expect 409
json .current_version == $ref_v

### Riverside's supervisor acknowledges it
as sup
POST /api/v1/referrals/$ref/receive
If-Match: $ref_v
{}
expect 200
json .state == "received"
json .received_at != null
json .events[-1].action == "receive"
json .events[-1].from_state == "sent"
json .events[-1].to_state == "received"
save ref_v .version
audit action=referral.receive outcome=ok client_id=$ref_client staff=sup

### while it is open, Riverside's supervisor reads the shared identity, audited as shared by the referral
as sup
GET /api/v1/clients/$ref_client
expect 200
json .family_name == "Eastmain"
audit action=client.read outcome=ok client_id=$ref_client staff=sup purpose=shared reason="referral $ref"

### and the risk flags (shared)
as sup
GET /api/v1/clients/$ref_client/flags
expect 200

### but not the notes: not a section of the referral
as sup
GET /api/v1/clients/$ref_client/contacts
expect 403
audit action=contact.list outcome=denied client_id=$ref_client staff=sup

### the sender is told it was acknowledged
as cm4
GET /api/v1/notifications
expect 200
json .items[0].entity == "referral"
json .items[0].entity_id == $ref
json .items[0].text contains "acknowledged"

### asking for more information needs the question
as sup
POST /api/v1/referrals/$ref/request-info
If-Match: $ref_v
{}
expect 400
json .errors.text == "is required"

### asking for more information
as sup
POST /api/v1/referrals/$ref/request-info
If-Match: $ref_v
{"text":"Which medication does the client take now?"}
expect 200
json .state == "info_requested"
save ref_v .version

### while information is asked for, it cannot be accepted
as sup
POST /api/v1/referrals/$ref/accept
If-Match: $ref_v
{}
expect 409
json .state == "info_requested"

### only the sender answers
as sup
POST /api/v1/referrals/$ref/answer
If-Match: $ref_v
{"text":"Clozapine."}
expect 403

### the sender answers: back to received
as cm4
POST /api/v1/referrals/$ref/answer
If-Match: $ref_v
{"text":"Clozapine 200 mg at night."}
expect 200
json .state == "received"
json .events[-1].text == "Clozapine 200 mg at night."
save ref_v .version

### accepting with an episode needs its primary case manager
as sup
POST /api/v1/referrals/$ref/accept-with-episode
If-Match: $ref_v
{"programme":"intensive_case_management","target_group":"severe"}
expect 400
json .errors.primary_cm == "is required"

### a peer supporter is no primary case manager
as sup
POST /api/v1/referrals/$ref/accept-with-episode
If-Match: $ref_v
{"primary_cm":$peer1_id,"programme":"intensive_case_management","target_group":"severe"}
expect 400
json .errors.primary_cm exists

### nor is another organisation's worker
as sup
POST /api/v1/referrals/$ref/accept-with-episode
If-Match: $ref_v
{"primary_cm":$cm4_id,"programme":"intensive_case_management","target_group":"severe"}
expect 400
json .errors.primary_cm == "must be of the receiving organisation"

### the episode's own fields are checked too
as sup
POST /api/v1/referrals/$ref/accept-with-episode
If-Match: $ref_v
{"primary_cm":$cm2_id,"programme":"gardening","target_group":"severe"}
expect 400
json .errors.programme exists

### accept and open an episode in one step, cm2 its primary case manager
as sup
POST /api/v1/referrals/$ref/accept-with-episode
If-Match: $ref_v
{"primary_cm":$cm2_id,"programme":"intensive_case_management","target_group":"severe","text":"Welcome."}
expect 200
json .state == "accepted"
json .episode_id != null
json .assigned_to == $cm2_id
json .assigned_name exists
save ref_v .version
save ref_episode .episode_id
audit action=referral.accept outcome=ok client_id=$ref_client staff=sup

### the episode is Riverside's, cm2 its primary case manager
as cm2
GET /api/v1/clients/$ref_client/episodes
expect 200
json .items[*].primary_cm contains $cm2_id
json .items[*].organisation contains "Riverside Mental Health Welfare Centre"

### cm2 now reads the client's notes through the episode
as cm2
GET /api/v1/clients/$ref_client/contacts
expect 200

### the sender sees "accepted, assigned"
as cm4
GET /api/v1/referrals/$ref
expect 200
json .state == "accepted"
json .assigned_name != null
json .events[*].action contains "accept_with_episode"
audit action=referral.read outcome=ok client_id=$ref_client staff=cm4

### and was told
as cm4
GET /api/v1/notifications
expect 200
json .items[0].text contains "accepted"

### assigning needs a worker of the receiving organisation who works referrals
as sup
POST /api/v1/referrals/$ref/assign
If-Match: $ref_v
{"staff_id":$peer1_id}
expect 400
json .errors.staff_id == "has a role that does not work on referrals"

### assign to cm3
as sup
POST /api/v1/referrals/$ref/assign
If-Match: $ref_v
{"staff_id":$cm3_id}
expect 200
json .assigned_to == $cm3_id
json .events[-1].action == "assign"
save ref_v .version

### completing needs work started first
as cm3
POST /api/v1/referrals/$ref/complete
If-Match: $ref_v
{"outcome":"Done."}
expect 409
json .state == "accepted"

### start the work
as cm3
POST /api/v1/referrals/$ref/start
If-Match: $ref_v
{}
expect 200
json .state == "in_progress"
save ref_v .version

### completing needs the outcome
as cm3
POST /api/v1/referrals/$ref/complete
If-Match: $ref_v
{}
expect 400
json .errors.outcome == "is required"

### complete, with an outcome the sender reads
as cm3
POST /api/v1/referrals/$ref/complete
If-Match: $ref_v
{"outcome":"Enrolled in intensive case management; seen weekly."}
expect 200
json .state == "completed"
json .closed_at != null
json .outcome == "Enrolled in intensive case management; seen weekly."
save ref_v .version

### a completed referral cannot be cancelled
as cm4
POST /api/v1/referrals/$ref/cancel
If-Match: $ref_v
{"text":"Too late."}
expect 409
json .state == "completed"

### the sender reads the outcome and the whole timeline
as cm4
GET /api/v1/referrals/$ref
expect 200
json .outcome == "Enrolled in intensive case management; seen weekly."
json .events[*].action == ["send","receive","request_info","answer","accept_with_episode","assign","start","complete"]

### the sender has a task to confirm the outcome
as cm4
GET /api/v1/tasks
expect 200
json .items[*].title_key contains "referral.confirm"

### the client's referrals, as the sender and as the receiver see them
as cm4
GET /api/v1/clients/$ref_client/referrals
expect 200
json .items[*].id contains $ref
json .items[0].days_pending exists

### a second referral: routine, to be cancelled
as cm4
POST /api/v1/clients/$ref_client/referrals
{"to_org_id":$riverside,"reason":"Housing support.","asked":"A place in supported housing","urgency":"routine","agreement":"agreed"}
expect 201
save ref2 .id
save ref2_v .version

### cancelling needs a reason
as cm4
POST /api/v1/referrals/$ref2/cancel
If-Match: $ref2_v
{}
expect 400
json .errors.text == "is required"

### the receiving side may not cancel
as sup
POST /api/v1/referrals/$ref2/cancel
If-Match: $ref2_v
{"text":"No."}
expect 403

### the sender cancels
as cm4
POST /api/v1/referrals/$ref2/cancel
If-Match: $ref2_v
{"text":"The client moved away."}
expect 200
json .state == "cancelled"
json .closed_at != null

### a cancelled referral is not acknowledged
as sup
POST /api/v1/referrals/$ref2/receive
If-Match: $ref2_v
{}
expect 409

### a third referral, declined
as cm4
POST /api/v1/clients/$ref_client/referrals
{"to_org_id":$riverside,"reason":"Peer support.","asked":"A peer support group","urgency":"urgent","agreement":"agreed"}
expect 201
save ref3 .id
save ref3_v .version

### acknowledged
as sup
POST /api/v1/referrals/$ref3/receive
If-Match: $ref3_v
{}
expect 200
save ref3_v .version

### declining needs a reason from the list and words
as sup
POST /api/v1/referrals/$ref3/decline
If-Match: $ref3_v
{"reason_code":"busy"}
expect 400
json .errors.reason_code == "is not one of the allowed values"
json .errors.text == "is required"

### declined
as sup
POST /api/v1/referrals/$ref3/decline
If-Match: $ref3_v
{"reason_code":"no_capacity","text":"The groups are full until spring."}
expect 200
json .state == "declined"
json .events[-1].reason_code == "no_capacity"
save ref3_v .version

### the sender has a task to refer elsewhere
as cm4
GET /api/v1/tasks
expect 200
json .items[*].title_key contains "referral.rerefer"

### a declined referral stays declined
as sup
POST /api/v1/referrals/$ref3/accept
If-Match: $ref3_v
{}
expect 409
json .state == "declined"

### a fourth referral, to a service, accepted and then failed
as cm4
GET /api/v1/services?q=peer%20support%20groups
expect 200
save svc_peer .items[0].id

### a service of another organisation than the one named
as cm4
POST /api/v1/clients/$ref_client/referrals
{"to_org_id":$eastgate,"service_id":$svc_peer,"reason":"Peer support.","asked":"A peer support group","urgency":"routine","agreement":"agreed"}
expect 400
json .errors.service_id == "is not a service of that organisation"

### a referral from an intake that does not exist is refused, and nothing is sent
as cm4
POST /api/v1/clients/$ref_client/referrals
{"service_id":$svc_peer,"reason":"Peer support.","asked":"A peer support group","urgency":"routine","agreement":"agreed","intake_id":999999}
expect 404

### to a service: the service names the organisation (an intake's referral: 135-intake.t)
as cm4
POST /api/v1/clients/$ref_client/referrals
{"service_id":$svc_peer,"reason":"Peer support.","asked":"A peer support group","urgency":"routine","agreement":"agreed"}
expect 201
json .to_org_id == $riverside
json .service_name == "Peer support groups"
json .intake_id == null
save ref4 .id
save ref4_v .version

### acknowledged
as sup
POST /api/v1/referrals/$ref4/receive
If-Match: $ref4_v
{}
expect 200
save ref4_v .version

### accepted without an episode
as sup
POST /api/v1/referrals/$ref4/accept
If-Match: $ref4_v
{}
expect 200
json .state == "accepted"
json .episode_id == null
save ref4_v .version

### failing needs a reason from the list
as sup
POST /api/v1/referrals/$ref4/fail
If-Match: $ref4_v
{"text":"No answer."}
expect 400
json .errors.reason_code == "is required"

### failed
as sup
POST /api/v1/referrals/$ref4/fail
If-Match: $ref4_v
{"reason_code":"client_unreachable","text":"Three calls, no answer."}
expect 200
json .state == "failed"
save ref4_v .version

### the care desk discovers a person and refers them without asking (an emergency)
as desk1
POST /api/v1/clients
{"given_name":"Refmat","family_name":"Deskfound","birth_date":"1980-02-02"}
expect 201
save desk_client .id

### the client's agreement not asked needs why
as desk1
POST /api/v1/clients/$desk_client/referrals
{"to_org_id":$riverside,"reason":"Found in crisis at the office.","asked":"Crisis assessment","urgency":"urgent","agreement":"not_asked","agreement_reason":"no"}
expect 400
json .errors.agreement_reason exists

### referred without asking: flagged for a supervisor's review
as desk1
POST /api/v1/clients/$desk_client/referrals
{"to_org_id":$riverside,"reason":"Found in crisis at the office.","asked":"Crisis assessment","urgency":"urgent","agreement":"not_asked","agreement_reason":"Acutely unwell; could not take part in a conversation."}
expect 201
json .agreement == "not_asked"
json .agreement_review_pending == true
save dref .id
save dref_v .version

### Northside's supervisor has the review as a task
as rf-nsup
GET /api/v1/tasks
expect 200
json .items[*].title_key contains "referral.agreement_review"

### only a supervisor reviews it
as desk1
POST /api/v1/referrals/$dref/agreement-review
{"note":"Fine."}
expect 403

### the review needs a note
as rf-nsup
POST /api/v1/referrals/$dref/agreement-review
{}
expect 400
json .errors.note == "is required"

### reviewed
as rf-nsup
POST /api/v1/referrals/$dref/agreement-review
{"note":"Right call: the client could not be asked."}
expect 200
json .agreement_review_pending == false
json .agreement_reviewed_by_name == "Ref Northside Lead"

### once only
as rf-nsup
POST /api/v1/referrals/$dref/agreement-review
{"note":"Again."}
expect 409

### Riverside acknowledges and accepts it with an episode, cm2 its case manager
as sup
POST /api/v1/referrals/$dref/receive
If-Match: $dref_v
{}
expect 200
save dref_v .version

### accepted with an episode
as sup
POST /api/v1/referrals/$dref/accept-with-episode
If-Match: $dref_v
{"primary_cm":$cm2_id,"programme":"crisis","target_group":"crisis","status":"active"}
expect 200
save dref_v .version

### cm2 writes a note
as cm2
POST /api/v1/clients/$desk_client/contacts
{"kind":"phone","at":"2026-12-01T10:00","domains":["housing"],"body":"Seen at home; calmer; agreed a plan."}
expect 201

### the care desk sees state and who was assigned
as desk1
GET /api/v1/referrals/$dref
expect 200
json .state == "accepted"
json .assigned_name != null
json .from_organisation == "Northside Administrative Welfare Centre"

### but never a note
as desk1
GET /api/v1/clients/$desk_client/contacts
expect 403
audit action=contact.list outcome=denied client_id=$desk_client staff=desk1

### handover: a Riverside case manager who will leave
as admin
POST /api/v1/staff
{"username":"rf-leaver","display_name":"Ref Leaver","role":"case_manager","discipline":"social_worker","org_id":$riverside,"password":"hearth-demo-2026"}
expect 201
save leaver_id .id

### handover: a fifth referral, acknowledged and assigned to the leaver
as cm4
POST /api/v1/clients/$ref_client/referrals
{"to_org_id":$riverside,"reason":"Follow-up.","asked":"Case management","urgency":"routine","agreement":"agreed"}
expect 201
save ref5 .id
save ref5_v .version

### acknowledged
as sup
POST /api/v1/referrals/$ref5/receive
If-Match: $ref5_v
{}
expect 200
save ref5_v .version

### assigned to the leaver
as sup
POST /api/v1/referrals/$ref5/assign
If-Match: $ref5_v
{"staff_id":$leaver_id}
expect 200
save ref5_v .version

### the leaver may not be disabled while holding the open referral
as admin
PATCH /api/v1/staff/$leaver_id
If-Match: 1
{"disabled":true}
expect 409
json .assignments.referral == 1

### the preview lists the open referral
as sup
POST /api/v1/staff/$leaver_id/handover/preview
{"to":$cm2_id}
expect 200
json .items[*].kind contains "referral"
json .items[0].id == $ref5
json .items[0].to == $cm2_id

### a peer supporter does not take a referral
as sup
POST /api/v1/staff/$leaver_id/handover/preview
{"to":$peer1_id}
expect 400
json .errors.to == "has a role that does not work on referrals"

### handed over with the account disabled
as admin
POST /api/v1/staff/$leaver_id/handover
{"to":$cm2_id,"disable":true}
expect 200
json .done == true
audit action=handover.move outcome=ok entity=referral entity_id=$ref5

### the referral is cm2's now, the handover on its timeline
as sup
GET /api/v1/referrals/$ref5
expect 200
json .assigned_to == $cm2_id
json .events[-1].reason_code == "handover"

### setup: a referral for the matrix, from cm1's team client to Eastgate
as cm1
POST /api/v1/clients/$team_client/referrals
{"to_org_id":$eastgate,"reason":"Matrix.","asked":"Matrix.","urgency":"routine","agreement":"agreed"}
expect 201
save mref .id

### the access matrix of referrals
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag list json .items exists
tag one json .state exists
# (an analyst is refused by the routes' roles, before core/: no audit row)
# a client's referrals and sending: the care team (the care desk and housing on it too); the
# client's organisation's supervisors and care desk; never a peer supporter, an administrator or another organisation
team  GET  /api/v1/clients/{client}/referrals | 403* 200+/list 200+/list 200+/list 200+/list 403* 200+/list 200+/list 403 200+/list
org   GET  /api/v1/clients/{client}/referrals | 403* 200+/list 403* 403* 403* 403* 200+/list 403* 403 403*
other GET  /api/v1/clients/{client}/referrals | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/clients/{client}/referrals {} | 403* 400 400 400 400 403* 400 400 403 400
org   POST /api/v1/clients/{client}/referrals {} | 403* 400 403* 403* 403* 403* 400 403* 403 403*
other POST /api/v1/clients/{client}/referrals {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
# the queues: everyone who works with clients sees their own organisation's
-     GET  /api/v1/referrals/received | 403* 200/list 200/list 200/list 200/list 403* 200/list 200/list 403 200/list
# one referral (Riverside -> Eastgate): the sender's and the receiving organisation only
-     GET  /api/v1/referrals/{mref} | 403* 200/one 200/one 200/one 200/one 403* 403* 403* 403 200/one
# the sender's changes (stale version: nothing changes)
-     POST /api/v1/referrals/{mref}/cancel If-Match:0 {"text":"x"} | 403* 409 409 409 409 403* 403* 403* 403 403*
# the receiving queue's work: its supervisors, case managers, clinicians, housing coordinators
-     POST /api/v1/referrals/{mref}/receive If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 409
# the review of a referral sent without the client's agreement: a supervisor of the sender's
-     POST /api/v1/referrals/{mref}/agreement-review {} | 403* 409 403* 403* 403* 403* 403* 403* 403 403*
