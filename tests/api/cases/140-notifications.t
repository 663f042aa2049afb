# In-app notifications (issue 10 §2): a staff member's own list of what happened to their work
# (referral events, tasks given to them, risk flags on their clients, work handed over to them),
# newest first, marked read by them. Nobody sees another's: another's notification is answered as
# one that does not exist. A notification's text never names a client (the record's page does).
#
# Who is told (each block starts from "everything read", so earlier files' notifications do not count):
#   a task  given by someone else (created for them, or reassigned to them): the assignee; not
#           oneself; the client is named (its link) only when the assignee may see the client's tasks
#   a flag  raised on a client: its primary case managers and the clinical members (supervisors, case
#           managers, clinicians) of its care teams, who may see its flags; never the one who raised
#           it, a peer supporter, a care-desk officer, or another organisation's worker off the team
#   a handover: each receiver, pointing to the task that lists what they received
#
# The people and the client (made here, so the file runs alone):
#   NT   "Nora Tidings", cm1's client (primary case manager); psy1 (psychiatrist), nurse1 (nurse),
#        peer1 (peer supporter) and desk1 (care desk, Northside) on its team; cm2 and cm4 are not
#   nt-leaver  a Riverside case manager who leaves; cm2 receives their work

include who.t

### setup NT: the client
as cm1
POST /api/v1/clients
{"given_name":"Nora","family_name":"Tidings","birth_date":"1968-06-16"}
expect 201
save nt .id

### setup NT: an open episode, cm1 its primary case manager
as cm1
POST /api/v1/clients/$nt/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save nt_episode .id

### setup NT: psy1 joins the team as psychiatrist
as cm1
POST /api/v1/episodes/$nt_episode/team
{"staff_id":$psy1_id,"team_role":"psychiatrist"}
expect 201

### setup NT: nurse1 joins the team as nurse
as cm1
POST /api/v1/episodes/$nt_episode/team
{"staff_id":$nurse1_id,"team_role":"nurse"}
expect 201

### setup NT: peer1 joins the team as peer supporter
as cm1
POST /api/v1/episodes/$nt_episode/team
{"staff_id":$peer1_id,"team_role":"peer_supporter"}
expect 201

### setup NT: desk1 (another organisation's care desk) joins the team
as cm1
POST /api/v1/episodes/$nt_episode/team
{"staff_id":$desk1_id,"team_role":"other"}
expect 201

# ---------------------------------------------------------------- the basics

### a bad filter is a field error
as cm1
GET /api/v1/notifications?unread=yes
expect 400
json .errors.unread == "must be 0 or 1"

### a notification that is not one's own does not exist
as cm1
POST /api/v1/notifications/999999/read
expect 404

### without a session
GET /api/v1/notifications
expect 401

### without a session there is no count either
GET /api/v1/notifications/unread-count
expect 401

### start: everything read (cm1)
as cm1
POST /api/v1/notifications/read-all
expect 200
json .unread == 0
audit none

### start: everything read (cm2)
as cm2
POST /api/v1/notifications/read-all
expect 200

### start: everything read (psy1)
as psy1
POST /api/v1/notifications/read-all
expect 200

### start: everything read (nurse1)
as nurse1
POST /api/v1/notifications/read-all
expect 200

### start: everything read (peer1)
as peer1
POST /api/v1/notifications/read-all
expect 200

### start: everything read (desk1)
as desk1
POST /api/v1/notifications/read-all
expect 200

### start: everything read (cm4)
as cm4
POST /api/v1/notifications/read-all
expect 200

### start: everything read (sup)
as sup
POST /api/v1/notifications/read-all
expect 200

### read-all again marks nothing
as cm1
POST /api/v1/notifications/read-all
expect 200
json .marked == 0
json .unread == 0

### the count: nothing unread
as cm1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 0
audit none

### only the unread: none
as cm1
GET /api/v1/notifications?unread=1
expect 200
json .items length 0

# ---------------------------------------------------------------- tasks

### a task one gives oneself tells nobody
as cm1
POST /api/v1/clients/$nt/tasks
{"title":"Phone Nora about the appointment"}
expect 201
save own_task .id
save own_task_v .version

### cm1: still nothing unread
as cm1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 0

### a supervisor gives cm1 a task about NT
as sup
POST /api/v1/clients/$nt/tasks
{"title":"Visit Nora Tidings at home this week","assignee":$cm1_id,"priority":"high"}
expect 201
save sup_task .id
save sup_task_v .version

### cm1 is told: one unread
as cm1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 1

### cm1's notification: who gave it, the task and the client, never the client's name or the title
as cm1
GET /api/v1/notifications?unread=1
expect 200
json .items length 1
json .items[0].kind == "task"
json .items[0].text_key == "notify.task_assigned"
json .items[0].text == "Sunhee Cho gave you a task"
json .items[0].text excludes "Tidings"
json .items[0].text excludes "Visit"
json .items[0].entity == "task"
json .items[0].entity_id == $sup_task
json .items[0].client_id == $nt
json .items[0].read_at == null
save note_task .items[0].id

### the supervisor, who gave it, is not told
as sup
GET /api/v1/notifications/unread-count
expect 200
json .unread == 0

### another's notification is 404, and stays unread
as cm2
POST /api/v1/notifications/$note_task/read
expect 404

### cm1 still has it unread
as cm1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 1

### cm1 marks it read
as cm1
POST /api/v1/notifications/$note_task/read
expect 200
json .id == $note_task
json .read_at != null
save read_at .read_at

### marking it read again changes nothing
as cm1
POST /api/v1/notifications/$note_task/read
expect 200
json .read_at == "$read_at"

### the count drops to zero
as cm1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 0

### the whole list still has it, read
as cm1
GET /api/v1/notifications
expect 200
json .items[0].id == $note_task
json .items[0].read_at == "$read_at"

### a task for a worker of the organisation who is not on the client's team: told, without the client
as sup
POST /api/v1/clients/$nt/tasks
{"title":"Cover Nora's appointment","assignee":$cm2_id}
expect 201
save cm2_task .id

### cm2's notification points to the task, not to a client they may not see
as cm2
GET /api/v1/notifications?unread=1
expect 200
json .items length 1
json .items[0].text_key == "notify.task_assigned"
json .items[0].entity_id == $cm2_task
json .items[0].client_id == null

### another organisation's worker cannot be given a task, and is not told
as sup
POST /api/v1/clients/$nt/tasks
{"title":"Cross-organisation task","assignee":$cm4_id}
expect 400
json .errors.assignee exists

### cm4: nothing
as cm4
GET /api/v1/notifications/unread-count
expect 200
json .unread == 0

### reassigning one's own task to cm2 tells cm2
as cm1
PATCH /api/v1/tasks/$own_task
If-Match: $own_task_v
{"assignee":$cm2_id}
expect 200
save own_task_v .version

### cm2 is told it was passed on
as cm2
GET /api/v1/notifications?unread=1
expect 200
json .items length 2
json .items[0].text_key == "notify.task_reassigned"
json .items[0].entity_id == $own_task
json .items[0].text excludes "Nora"

### cm1 completes the supervisor's task: nobody is told of that
as cm1
PATCH /api/v1/tasks/$sup_task
If-Match: $sup_task_v
{"status":"done"}
expect 200

### the supervisor: nothing new
as sup
GET /api/v1/notifications/unread-count
expect 200
json .unread == 0

### cm2 marks all read
as cm2
POST /api/v1/notifications/read-all
expect 200
json .marked == 2
json .unread == 0

### cm2: none unread
as cm2
GET /api/v1/notifications?unread=1
expect 200
json .items length 0

# ---------------------------------------------------------------- risk flags

### cm1 raises a flag on NT
as cm1
POST /api/v1/clients/$nt/flags
{"kind":"relapse_signs","level":"moderate","reason":"Nora missed two depot injections."}
expect 201
save nt_flag .id

### psy1 (psychiatrist on the team) is told: who raised it and the kind, not the client's name
as psy1
GET /api/v1/notifications?unread=1
expect 200
json .items length 1
json .items[0].kind == "flag"
json .items[0].text_key == "notify.flag_raised"
json .items[0].text == "Minji Kim raised a risk flag on a client of yours: Relapse signs"
json .items[0].text excludes "Nora"
json .items[0].entity == "flag"
json .items[0].entity_id == $nt_flag
json .items[0].client_id == $nt

### nurse1 (nurse on the team) is told
as nurse1
GET /api/v1/notifications?unread=1
expect 200
json .items length 1
json .items[0].entity_id == $nt_flag

### cm1, who raised it, is not told
as cm1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 0

### peer1 (a peer supporter on the team) is not told
as peer1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 0

### desk1 (another organisation's care desk, on the team) is not told
as desk1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 0

### cm2 (same organisation, not on the team) is not told
as cm2
GET /api/v1/notifications/unread-count
expect 200
json .unread == 0

### cm4 (another organisation) is not told
as cm4
GET /api/v1/notifications/unread-count
expect 200
json .unread == 0

### psy1 raises a flag: cm1 (the primary case manager) and nurse1 are told, psy1 not
as psy1
POST /api/v1/clients/$nt/flags
{"kind":"treatment_disengagement","level":"low","reason":"Not at the last two appointments."}
expect 201
save nt_flag2 .id

### cm1 is told of psy1's flag
as cm1
GET /api/v1/notifications?unread=1
expect 200
json .items length 1
json .items[0].text_key == "notify.flag_raised"
json .items[0].entity_id == $nt_flag2

### nurse1 now has two unread
as nurse1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 2

### psy1 still has only the first
as psy1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 1

### a flag raised by an assessment (PHQ-9 item 9) says so
as nurse1
POST /api/v1/clients/$nt/assessments
{"instrument":"phq9","administered_at":"2026-01-12T10:00","answers":{"q1":1,"q2":1,"q3":1,"q4":1,"q5":0,"q6":0,"q7":0,"q8":0,"q9":1,"q10":1}}
expect 201

### cm1 is told an assessment raised it
as cm1
GET /api/v1/notifications?unread=1
expect 200
json .items length 2
json .items[0].text_key == "notify.flag_by_assessment"
json .items[0].text == "An assessment raised a risk flag on a client of yours: Suicide risk: assessment needed"
json .items[0].client_id == $nt

### nurse1, who recorded the assessment, is not told of its flag
as nurse1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 2

# ---------------------------------------------------------------- a handover

### setup: nt-leaver, a Riverside case manager
as admin
POST /api/v1/staff
{"username":"nt-leaver","display_name":"Nils Leaver","role":"case_manager","discipline":"nurse","org_id":$riverside,"password":"hearth-demo-2026"}
expect 201
save leaver .id

### setup: a task for nt-leaver, given by the supervisor (nt-leaver is told)
as sup
POST /api/v1/tasks
{"title":"Hand in the travel claims","assignee":$leaver}
expect 201

### the handover to cm2
as admin
POST /api/v1/staff/$leaver/handover
{"to":$cm2_id,"disable":true}
expect 200

### cm2 is told: from whom and how much, pointing to the task that lists it
as cm2
GET /api/v1/notifications?unread=1
expect 200
json .items length 1
json .items[0].kind == "task"
json .items[0].text_key == "notify.handover"
json .items[0].text == "Work handed over to you from Nils Leaver: clients 0, tasks 1, on-call shifts 0"
json .items[0].entity == "task"
json .items[0].client_id == null
save ho_task .items[0].entity_id

### that task is cm2's, and lists what they received
as cm2
GET /api/v1/tasks
expect 200
json .items[*].id contains $ho_task

### the administrator, who handed over, is not told
as admin
GET /api/v1/notifications/unread-count
expect 200
json .unread == 0

# ---------------------------------------------------------------- read-all

### cm1 has unread notifications
as cm1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 2

### read-all marks them all
as cm1
POST /api/v1/notifications/read-all
expect 200
json .marked == 2
json .unread == 0

### none left unread
as cm1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 0

### read-all touched only cm1's: nurse1 still has theirs
as nurse1
GET /api/v1/notifications/unread-count
expect 200
json .unread == 2

### the list pages newest first
as nurse1
GET /api/v1/notifications?limit=1
expect 200
json .items length 1
json .next != null
json .items[0].entity_id == $nt_flag2
save nurse_next .next

### the next page
as nurse1
GET /api/v1/notifications?limit=1&after=$nurse_next
expect 200
json .items[0].entity_id == $nt_flag

### a list for a new user is empty
as analyst1
GET /api/v1/notifications?unread=1
expect 200
json .next == null
audit none

### the access matrix of notifications: everyone has their own
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag list json .items exists
-     GET  /api/v1/notifications | 200/list 200/list 200/list 200/list 200/list 200/list 200/list 200/list 200/list 200/list
-     POST /api/v1/notifications/999999/read {} | 404 404 404 404 404 404 404 404 404 404
-     GET  /api/v1/notifications/unread-count | 200 200 200 200 200 200 200 200 200 200
-     POST /api/v1/notifications/read-all {} | 200 200 200 200 200 200 200 200 200 200
