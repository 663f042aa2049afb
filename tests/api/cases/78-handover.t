# Handover when people move on (issue 10 §5): an administrator, or a supervisor of the leaving
# worker's organisation, hands over everything the worker holds (primary case manager of open
# episodes, care-team places, a peer supporter's place, open tasks, on-call shifts not yet over) to
# active workers of the same organisation, all to one or per client, after a preview, in one audited
# step; each receiver gets a task listing what they received; the client's access report shows it.
# A disabled account holds nothing: disabling one that still does is 409 (pointing to the handover),
# and GET /api/v1/assignments/disabled lists anything that does.
#
# The people (made here, so this file runs alone and leaves the demo's workers as they were):
#   ho-leaver  Riverside case manager who leaves: primary case manager of HX and HY, on HZ's team
#              (cm1's client), two open tasks, a future on-call shift
#   ho-peer    Riverside peer supporter on HX's team (leaves later, to peer1)
#   ho-cm, ho-cm2  Riverside case managers who receive; ho-off a disabled Riverside account
#   ho-esup    Eastgate supervisor (another organisation)

### who is who: admin
as admin
GET /api/v1/me
expect 200
save admin_id .id

### who is who: sup
as sup
GET /api/v1/me
expect 200
save sup_id .id
save riverside .org_id

### who is who: cm1
as cm1
GET /api/v1/me
expect 200
save cm1_id .id

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
save eastgate .org_id

### setup: ho-leaver
as admin
POST /api/v1/staff
{"username":"ho-leaver","display_name":"Hana Leaver","role":"case_manager","discipline":"social_worker","org_id":$riverside,"password":"hearth-demo-2026"}
expect 201
save leaver .id

### setup: ho-peer
as admin
POST /api/v1/staff
{"username":"ho-peer","display_name":"Hugo Peer","role":"peer_supporter","org_id":$riverside,"password":"hearth-demo-2026"}
expect 201
save hopeer .id

### setup: ho-cm
as admin
POST /api/v1/staff
{"username":"ho-cm","display_name":"Ha Receiver","role":"case_manager","discipline":"nurse","org_id":$riverside,"password":"hearth-demo-2026"}
expect 201
save hocm .id

### setup: ho-cm2
as admin
POST /api/v1/staff
{"username":"ho-cm2","display_name":"Ho Second","role":"case_manager","discipline":"nurse","org_id":$riverside,"password":"hearth-demo-2026"}
expect 201
save hocm2 .id

### setup: ho-off
as admin
POST /api/v1/staff
{"username":"ho-off","display_name":"Ho Gone","role":"case_manager","discipline":"nurse","org_id":$riverside,"password":"hearth-demo-2026"}
expect 201
save hooff .id
save hooff_version .version

### setup: ho-off holds nothing, so it may be disabled at once
as admin
PATCH /api/v1/staff/$hooff
If-Match: $hooff_version
{"disabled":true}
expect 200
json .disabled == true

### setup: ho-esup, a supervisor of Eastgate
as admin
POST /api/v1/staff
{"username":"ho-esup","display_name":"Eun Supervisor","role":"supervisor","org_id":$eastgate,"password":"hearth-demo-2026"}
expect 201

### setup HX: the client
as ho-leaver
POST /api/v1/clients
{"given_name":"Handa","family_name":"Overton","birth_date":"1970-03-03"}
expect 201
save hx .id

### setup HX: an open episode, ho-leaver its primary case manager
as ho-leaver
POST /api/v1/clients/$hx/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save hx_episode .id
json .primary_cm == $leaver

### setup HX: ho-peer joins the team as peer supporter
as ho-leaver
POST /api/v1/episodes/$hx_episode/team
{"staff_id":$hopeer,"team_role":"peer_supporter"}
expect 201

### setup HX: a task about the client
as ho-leaver
POST /api/v1/clients/$hx/tasks
{"title":"Visit Handa at home","due":"2199-01-01"}
expect 201
save hx_task .id

### setup: a task without a client
as ho-leaver
POST /api/v1/tasks
{"title":"Hand in the travel claims"}
expect 201
save free_task .id

### setup HY: the client
as ho-leaver
POST /api/v1/clients
{"given_name":"Handa","family_name":"Secondo","birth_date":"1981-04-04"}
expect 201
save hy .id

### setup HY: an open episode, ho-leaver its primary case manager
as ho-leaver
POST /api/v1/clients/$hy/episodes
{"programme":"act","target_group":"crisis","status":"active"}
expect 201
save hy_episode .id

### setup HZ: cm1's client
as cm1
POST /api/v1/clients
{"given_name":"Handa","family_name":"Zedson","birth_date":"1962-05-05"}
expect 201
save hz .id

### setup HZ: an open episode, cm1 its primary case manager
as cm1
POST /api/v1/clients/$hz/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save hz_episode .id

### setup HZ: ho-leaver joins the team as case manager
as cm1
POST /api/v1/episodes/$hz_episode/team
{"staff_id":$leaver,"team_role":"case_manager"}
expect 201
save hz_member .id

### setup: a future on-call shift of ho-leaver
as sup
POST /api/v1/oncall
{"staff_id":$leaver,"starts_at":"$time(864000)","ends_at":"$time(900000)"}
expect 201
save shift .id

### disabling an account that still holds work is refused: read its version
as admin
GET /api/v1/staff/$leaver
expect 200
save leaver_version .version

### disabling an account that still holds work is 409, listing what it holds and pointing to the handover
as admin
PATCH /api/v1/staff/$leaver
If-Match: $leaver_version
{"disabled":true}
expect 409
json .assignments.episode == 2
json .assignments.team_member == 1
json .assignments.task == 2
json .assignments.oncall == 1
json .assignments.total == 6
json .handover == "/api/v1/staff/$leaver/handover"
audit none

### the account is still active after the refusal
as admin
GET /api/v1/staff/$leaver
expect 200
json .disabled == false
json .version == $leaver_version

### refusal: a case manager may not hand over a colleague's work (audited)
as cm1
POST /api/v1/staff/$leaver/handover/preview
{"to":$hocm}
expect 403
audit action=handover.preview outcome=denied staff=cm1

### refusal: a case manager may not perform one either
as cm1
POST /api/v1/staff/$leaver/handover
{"to":$hocm}
expect 403
audit action=handover.perform outcome=denied staff=cm1

### refusal: an analyst may not
as analyst1
POST /api/v1/staff/$leaver/handover/preview
{}
expect 403

### refusal: a peer supporter may not
as peer1
POST /api/v1/staff/$leaver/handover
{"to":$hocm}
expect 403

### refusal: a supervisor of another organisation may not (audited on the leaving worker)
as ho-esup
POST /api/v1/staff/$leaver/handover
{"to":$hocm}
expect 403
audit action=handover.perform outcome=denied entity=staff entity_id=$leaver staff=ho-esup

### refusal: no such staff member is 404
as sup
POST /api/v1/staff/999999/handover/preview
{}
expect 404

### the preview without a receiver shows what the worker holds, each to nobody yet
as sup
POST /api/v1/staff/$leaver/handover/preview
{}
expect 200
json .done == false
json .items length 6
json .items[*].kind contains "episode"
json .items[*].kind contains "team_member"
json .items[*].kind contains "task"
json .items[*].kind contains "oncall"
json .items[*].to excludes $hocm
json .items[*].family_name contains "Overton"
json .receivers length 0
audit action=handover.preview outcome=ok entity_id=$leaver staff=sup

### the preview shows the clients to their organisation's supervisor: the client's access report lists it
as sup
GET /api/v1/clients/$hx/access-log
expect 200
json .items[*].action contains "handover.preview"

### refusal: a receiver who is disabled is 400 naming the field
as sup
POST /api/v1/staff/$leaver/handover
{"to":$hooff}
expect 400
json .errors.to == "is a disabled account"

### refusal: a receiver of another organisation is 400 naming the field
as sup
POST /api/v1/staff/$leaver/handover
{"to":$cm4_id}
expect 400
json .errors.to == "must be of the leaving worker's organisation"

### refusal: a receiver whose role may not be a primary case manager is 400 naming the field
as sup
POST /api/v1/staff/$leaver/handover
{"to":$peer1_id}
expect 400
json .errors.to exists

### refusal: the leaving worker cannot receive their own work
as sup
POST /api/v1/staff/$leaver/handover
{"to":$leaver}
expect 400
json .errors.to == "is the worker who is leaving"

### refusal: without a receiver for everything, nothing is handed over
as sup
POST /api/v1/staff/$leaver/handover
{"overrides":[{"client_id":$hy,"to":$hocm2}]}
expect 400
json .errors.to exists
audit none

### refusal: an override for a client the worker holds nothing for is 400 naming it
as sup
POST /api/v1/staff/$leaver/handover
{"to":$hocm,"overrides":[{"client_id":1,"to":$hocm2}]}
expect 400
text contains "overrides[0].client_id"

### refusal: an override to a disabled receiver is 400 naming it
as sup
POST /api/v1/staff/$leaver/handover
{"to":$hocm,"overrides":[{"client_id":$hy,"to":$hooff}]}
expect 400
text contains "overrides[0].to"

### refusal: overrides must be a list
as sup
POST /api/v1/staff/$leaver/handover
{"to":$hocm,"overrides":"all"}
expect 400
json .errors.overrides exists

### refusal: a supervisor may hand over but not disable the account (audited)
as sup
POST /api/v1/staff/$leaver/handover
{"to":$hocm,"disable":true}
expect 403
audit action=handover.perform outcome=denied staff=sup

### refusal: a worker who holds nothing has nothing to hand over (409)
as sup
POST /api/v1/staff/$hocm2/handover
{"to":$hocm}
expect 409

### the preview: all to ho-cm but HY to ho-cm2
as sup
POST /api/v1/staff/$leaver/handover/preview
{"to":$hocm,"overrides":[{"client_id":$hy,"to":$hocm2}]}
expect 200
json .items length 6
json .items[*].to excludes null
json .receivers length 2
json .receivers[*].staff_id contains $hocm
json .receivers[*].staff_id contains $hocm2
json .done == false

### the preview changed nothing: ho-leaver is still HX's primary case manager
as sup
GET /api/v1/clients/$hx/episodes
expect 200
json .items[0].primary_cm == $leaver

### an administrator sees the plan without the clients' names
as admin
POST /api/v1/staff/$leaver/handover/preview
{"to":$hocm}
expect 200
json .items[0].kind == "episode"
json .items[0].client_hidden == true
json .items[0].family_name == null

### hand over and disable, in one step (administrator)
as admin
POST /api/v1/staff/$leaver/handover
{"to":$hocm,"overrides":[{"client_id":$hy,"to":$hocm2}],"disable":true}
expect 200
json .done == true
json .disable == true
json .items length 6
json .receivers length 2
json .receivers[0].task_id > 0
audit action=handover.perform outcome=ok entity=staff entity_id=$leaver staff=admin
audit action=handover.move client_id=$hx entity=episode entity_id=$hx_episode
audit action=handover.move client_id=$hy entity=episode entity_id=$hy_episode
audit action=handover.move client_id=$hz entity=team_member entity_id=$hz_member
audit action=handover.move client_id=$hx entity=task entity_id=$hx_task
audit action=handover.move entity=task entity_id=$free_task
audit action=handover.move entity=oncall entity_id=$shift
audit action=staff.update entity_id=$leaver reason="disabled after handover"
audit action=task.create reason=handover

### after: ho-cm is HX's primary case manager, on its team
as ho-cm
GET /api/v1/clients/$hx/episodes
expect 200
json .items[0].primary_cm == $hocm
json .items[0].team[*].staff_id contains $hocm

### after: ho-cm2 is HY's primary case manager
as ho-cm2
GET /api/v1/clients/$hy/episodes
expect 200
json .items[0].primary_cm == $hocm2

### after: ho-cm took ho-leaver's place on HZ's team, and ho-leaver's place ended
as cm1
GET /api/v1/clients/$hz/episodes
expect 200
json .items[0].team[*].staff_id contains $hocm

### after: ho-cm has the tasks and a task listing what was received
as ho-cm
GET /api/v1/tasks
expect 200
json .items[*].id contains $hx_task
json .items[*].id contains $free_task
json .items[*].title_key contains "handover.received"

### after: ho-cm holds the on-call shift
as sup
GET /api/v1/oncall?from=$time(777600)&to=$time(950400)
expect 200
json .items[*].id contains $shift
json .items[*].staff_id contains $hocm
json .items[*].staff_id excludes $leaver

### after: the client's access report shows the handover
as ho-cm
GET /api/v1/clients/$hx/access-log
expect 200
json .items[*].action contains "handover.move"

### after: the account is disabled and cannot log in
as none
POST /api/v1/login
{"username":"ho-leaver","password":"hearth-demo-2026"}
expect 401

### after: nothing is assigned to the disabled account
as admin
GET /api/v1/assignments/disabled
expect 200
json .items[*].staff_id excludes $leaver
audit action=handover.check outcome=ok staff=admin

### after: a second handover of the same worker has nothing left (409)
as admin
POST /api/v1/staff/$leaver/handover
{"to":$hocm}
expect 409

### the peer supporter leaves: a case manager may not take a peer supporter's place
as sup
POST /api/v1/staff/$hopeer/handover/preview
{"to":$cm1_id}
expect 400
json .errors.to == "must be a peer supporter to take a peer supporter's place"

### the peer supporter leaves: peer1 takes the place (a supervisor, without disabling)
as sup
POST /api/v1/staff/$hopeer/handover
{"to":$peer1_id}
expect 200
json .items length 1
json .items[0].kind == "team_member"
json .disable == false
audit action=handover.move client_id=$hx entity=team_member

### after: peer1 is on HX's team as peer supporter
as peer1
GET /api/v1/clients/$hx/episodes
expect 200
json .items[0].team[*].staff_id contains $peer1_id

### the check: a supervisor sees their organisation's
as sup
GET /api/v1/assignments/disabled
expect 200
json .items exists

### the check: a case manager may not (audited)
as cm1
GET /api/v1/assignments/disabled
expect 403
audit action=handover.check outcome=denied staff=cm1

### the access matrix of handover (routes without a client: by role; a supervisor's own organisation)
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag rows json .items exists
-     POST   /api/v1/staff/{hocm2}/handover/preview {"to":"x"} | 400 400 403* 403* 403* 403* 403* 403* 403* 403*
-     POST   /api/v1/staff/{hocm2}/handover {"to":"x"} | 400 400 403* 403* 403* 403* 403* 403* 403* 403*
-     GET    /api/v1/assignments/disabled | 200/rows 200/rows 403* 403* 403* 403* 403* 403* 403* 403*
