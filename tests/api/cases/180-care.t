# Care services (household support, issue 13 §4): a case manager sets up a care-service plan for a
# client (tasks in scope from care/services.rules, hours per week, the care worker: a staff member
# with an account or an external worker by name, start, review date, the termination criteria
# agreed); the care worker logs visits (date, hours, tasks done from the plan's scope, anything
# noticed); a week's hours beyond the plan are flagged and listed for the supervisor; a concern makes
# a task for the case manager; the month becomes a statement per care worker (hours x the configured
# rate); ending a service records the criterion that applied. The care worker with an account sees
# the services they work on and their own visits, nothing else.
#
# The access matrix at the end uses the relationships of matrix.t, made by tests/api/world.t.

### the world of the matrix (tests/api/world.t): staff cs-*, clients named Carea, born in the 1880s
set world cs
set world_name Carea
set world_decade 188
include who.t
include world.t

### setup: a care worker with an account at Riverside (the narrowest role: peer supporter)
as admin
POST /api/v1/staff
{"username":"cs-worker","display_name":"Carea Worker","role":"peer_supporter","org_id":$riverside,"password":"hearth-demo-2026"}
expect 201
save worker_staff .id

### the configuration: tasks, criteria, kinds of worker, rates in KRW
as cm1
GET /api/v1/care-config
expect 200
json .currency == "KRW"
json .tasks[*].key contains "medication_prompting"
json .end_criteria[*].key contains "goal_reached"
json .worker_kinds[*].key contains "care_worker"
json .over_plan_percent == 10

### cm1 sets up a care service: three tasks, 3 hours a week, the care worker with an account
as cm1
POST /api/v1/clients/$team_client/care-services
{"tasks":["cleaning","cooking_together","medication_prompting"],"hours_per_week":3,"worker_staff_id":$worker_staff,"worker_kind":"care_worker","start_date":"2026-10-01","review_date":"2027-01-05","end_criteria":["goal_reached","client_declines"],"note":"Mornings suit her best."}
expect 201
json .client_id == $team_client
json .tasks length 3
json .tasks[0].key == "cleaning"
json .tasks[0].label == "Cleaning together"
json .hours_per_week == 3
json .worker_staff_id == $worker_staff
json .worker_name == "Carea Worker"
json .worker_external == false
json .worker_kind == "care_worker"
json .end_criteria[*].key contains "client_declines"
json .status == "active"
json .version == 1
json .is_worker == false
json .visits == 0
audit action=care_service.create outcome=ok client_id=$team_client staff=cm1
save svc .id
save worker .worker_id

### a second service with an external worker recorded by name, without an account
as cm1
POST /api/v1/clients/$team_client/care-services
{"tasks":["laundry","shopping_accompaniment"],"hours_per_week":2,"worker_name":"Oh Sunja","worker_kind":"agency_worker","start_date":"2026-10-01","review_date":"2027-01-05","end_criteria":["moved_to_other_service"]}
expect 201
json .worker_external == true
json .worker_staff_id == null
json .worker_name == "Oh Sunja"
save svc_ext .id
save worker_ext .worker_id

### a task that is not configured is refused, naming the field
as cm1
POST /api/v1/clients/$team_client/care-services
{"tasks":["gardening"],"hours_per_week":3,"worker_name":"X","worker_kind":"care_worker","review_date":"2027-01-05","end_criteria":["goal_reached"]}
expect 400
json .errors.tasks exists

### hours not in quarter hours are refused
as cm1
POST /api/v1/clients/$team_client/care-services
{"tasks":["cleaning"],"hours_per_week":2.3,"worker_name":"X","worker_kind":"care_worker","review_date":"2027-01-05","end_criteria":["goal_reached"]}
expect 400
json .errors.hours_per_week exists

### a worker with an account and a name at once are refused
as cm1
POST /api/v1/clients/$team_client/care-services
{"tasks":["cleaning"],"hours_per_week":3,"worker_staff_id":$worker_staff,"worker_name":"X","worker_kind":"care_worker","review_date":"2027-01-05","end_criteria":["goal_reached"]}
expect 400
json .errors.worker_staff_id exists

### a care worker is needed
as cm1
POST /api/v1/clients/$team_client/care-services
{"tasks":["cleaning"],"hours_per_week":3,"worker_kind":"care_worker","review_date":"2027-01-05","end_criteria":["goal_reached"]}
expect 400
json .errors.worker_staff_id exists

### a staff member of another organisation cannot be the care worker
as cm1
POST /api/v1/clients/$team_client/care-services
{"tasks":["cleaning"],"hours_per_week":3,"worker_staff_id":$cm4_id,"worker_kind":"care_worker","review_date":"2027-01-05","end_criteria":["goal_reached"]}
expect 400
json .errors.worker_staff_id exists

### a kind of worker, a termination criterion and a review date that do not fit are refused
as cm1
POST /api/v1/clients/$team_client/care-services
{"tasks":["cleaning"],"hours_per_week":3,"worker_name":"X","worker_kind":"volunteer","start_date":"2026-10-01","review_date":"2026-09-01","end_criteria":["never"]}
expect 400
json .errors.worker_kind exists
json .errors.review_date exists
json .errors.end_criteria exists

### bad JSON is refused
as cm1
POST /api/v1/clients/$team_client/care-services
{"tasks":
expect 400

### the care worker reads the service they work on
as cs-worker
GET /api/v1/care-services/$svc
expect 200
json .is_worker == true
json .tasks length 3
audit action=care_service.read outcome=ok client_id=$team_client staff=cs-worker

### ... and finds it in their own care work
as cs-worker
GET /api/v1/care-work
expect 200
json .items[*].id contains $svc
json .items[*].id excludes $svc_ext
audit action=care_visit.mine outcome=ok

### ... but not the client's other records
as cs-worker
GET /api/v1/clients/$team_client/care-services
expect 403

### nor the external worker's service
as cs-worker
GET /api/v1/care-services/$svc_ext
expect 403
audit action=care_service.read outcome=denied client_id=$team_client staff=cs-worker

### the care worker logs a visit on their phone: Monday, 2 hours
as cs-worker
POST /api/v1/care-services/$svc/visits
{"visit_date":"2026-11-02","hours":2,"tasks_done":["cleaning","cooking_together"],"noticed":"We cooked rice and soup; the kitchen is tidy."}
expect 201
json .hours == 2
json .tasks_done[*].key contains "cooking_together"
json .concern == false
json .week_start == "2026-11-02"
json .week_hours == 2
json .week_over_plan == false
json .worker_name == "Carea Worker"
audit action=care_visit.create outcome=ok client_id=$team_client staff=cs-worker

### a second visit that week takes it beyond the plan (3.5 hours of 3, more than 10 % over)
as cs-worker
POST /api/v1/care-services/$svc/visits
{"visit_date":"2026-11-04","hours":1.5,"tasks_done":["medication_prompting"]}
expect 201
json .week_hours == 3.5
json .week_over_plan == true

### a task outside the plan's scope is refused
as cs-worker
POST /api/v1/care-services/$svc/visits
{"visit_date":"2026-11-05","hours":1,"tasks_done":["laundry"]}
expect 400
json .errors.tasks_done exists

### a concern needs words
as cs-worker
POST /api/v1/care-services/$svc/visits
{"visit_date":"2026-11-09","hours":1,"tasks_done":["cleaning"],"concern":true}
expect 400
json .errors.noticed exists

### a visit in the future, before the start, or too long is refused
as cs-worker
POST /api/v1/care-services/$svc/visits
{"visit_date":"2099-01-01","hours":13,"tasks_done":["cleaning"]}
expect 400
json .errors.visit_date exists
json .errors.hours exists

### before the start
as cs-worker
POST /api/v1/care-services/$svc/visits
{"visit_date":"2026-09-30","hours":1,"tasks_done":["cleaning"]}
expect 400
json .errors.visit_date exists

### a concern makes a task for the case manager
as cs-worker
POST /api/v1/care-services/$svc/visits
{"visit_date":"2026-11-10","hours":2,"tasks_done":["cleaning","medication_prompting"],"noticed":"Unopened letters from the landlord about the rent; she says she is worried.","concern":true}
expect 201
json .concern == true
json .concern_task exists
json .week_over_plan == false
save concern_task .concern_task
audit action=task.create outcome=ok client_id=$team_client

### cm1 has the task, high priority, in the rule's words
as cm1
GET /api/v1/tasks
expect 200
json .items[*].id contains $concern_task

### a clinical member of the team logs a visit for the external worker
as cm1
POST /api/v1/care-services/$svc_ext/visits
{"visit_date":"2026-11-05","hours":2,"tasks_done":["laundry"]}
expect 201
json .worker_name == "Oh Sunja"

### the care worker sees their own visits, newest first
as cs-worker
GET /api/v1/care-services/$svc/visits
expect 200
json .items length 3
json .items[0].visit_date == "2026-11-10"
json .items[*].week_over_plan contains true
audit action=care_visit.list outcome=ok client_id=$team_client staff=cs-worker

### the case manager sees the service with its weeks, one beyond the plan
as cm1
GET /api/v1/care-services/$svc
expect 200
json .visits == 3
json .over_plan_weeks == 1
json .last_visit == "2026-11-10"
json .weeks exists
save svc_version .version

### the supervisor lists the weeks beyond the plan (those begun in November)
as sup
GET /api/v1/care-over-plan?month=2026-11
expect 200
json .items[*].service_id contains $svc
json .items[*].week_start contains "2026-11-02"
json .items[*].hours contains 3.5
json .items[*].plan_hours contains 3
audit action=care_service.over_plan outcome=ok

### a case manager has no such list
as cm1
GET /api/v1/care-over-plan
expect 403

### the month's statements of the organisation (supervisor): hours and pay per worker
as sup
GET /api/v1/care-statements?month=2026-11
expect 200
json .items[*].worker_id contains $worker
json .items[*].worker_id contains $worker_ext
audit action=care_statement.list outcome=ok

### one worker's statement: each visit's hours x rate, the totals (5.5 hours x 13,500 won)
as sup
GET /api/v1/care-workers/$worker/statement?month=2026-11
expect 200
json .currency == "KRW"
json .month == "2026-11"
json .lines length 3
json .lines[0].visit_date == "2026-11-02"
json .lines[0].client_id == $team_client
json .lines[0].rate == 13500
json .lines[0].amount == 27000
json .total_hours == 5.5
json .total_amount == 74250
audit action=care_statement.read outcome=ok

### the external worker's: the partner agency's rate (2 hours x 17,000 won)
as admin
GET /api/v1/care-workers/$worker_ext/statement?month=2026-11
expect 200
json .external == true
json .total_amount == 34000

### the same statement as a CSV file for payroll: a line per visit, then the total line
as sup
GET /api/v1/care-workers/$worker/statement.csv?month=2026-11
expect 200
header content-type contains text/csv
header content-disposition == attachment; filename="care-statement-$worker-2026-11.csv"
text contains worker_id,worker_name,month,visit_date,client_id,family_name,given_name,worker_kind,hours,rate,amount,currency
text contains $worker,Carea Worker,2026-11,2026-11-02,$team_client,
text contains ,care_worker,2,13500,27000,KRW
text contains $worker,Carea Worker,2026-11,total,,,,,5.5,,74250,KRW
audit action=care_statement.read outcome=ok

### ... the external worker's, and a care worker's own at its address
as admin
GET /api/v1/care-workers/$worker_ext/statement.csv?month=2026-11
expect 200
text contains ,Oh Sunja,2026-11,total,,,,,2,,34000,KRW

### ... not for a case manager, nor for another worker
as cm1
GET /api/v1/care-workers/$worker/statement.csv?month=2026-11
expect 403

### ... and a month that is not one is refused, naming it
as sup
GET /api/v1/care-workers/$worker/statement.csv?month=2026-13
expect 400
json .errors.month exists

### a month that is not one is refused
as sup
GET /api/v1/care-workers/$worker/statement?month=2026-13
expect 400
json .errors.month exists

### the care worker reads their own statement
as cs-worker
GET /api/v1/care-statements/mine?month=2026-11
expect 200
json .worker_id == $worker
json .total_amount == 74250

### ... also at its address
as cs-worker
GET /api/v1/care-workers/$worker/statement?month=2026-11
expect 200
json .total_hours == 5.5

### ... but not another worker's
as cs-worker
GET /api/v1/care-workers/$worker_ext/statement?month=2026-11
expect 403

### a case manager who is nobody's care worker has no statement of their own
as cm1
GET /api/v1/care-statements/mine
expect 404

### a case manager does not read a worker's statement
as cm1
GET /api/v1/care-workers/$worker/statement?month=2026-11
expect 403

### the care worker does not change the plan
as cs-worker
PATCH /api/v1/care-services/$svc
If-Match: $svc_version
{"hours_per_week":5}
expect 403
audit action=care_service.update outcome=denied client_id=$team_client staff=cs-worker

### a change needs If-Match
as cm1
PATCH /api/v1/care-services/$svc
{"hours_per_week":4}
expect 428

### cm1 changes the hours and the review date
as cm1
PATCH /api/v1/care-services/$svc
If-Match: $svc_version
{"hours_per_week":4,"review_date":"2027-02-01"}
expect 200
json .hours_per_week == 4
json .review_date == "2027-02-01"
json .tasks length 3
json .note == "Mornings suit her best."
json .version == 2
audit action=care_service.update outcome=ok client_id=$team_client staff=cm1

### a stale version is refused and nothing changes
as cm1
PATCH /api/v1/care-services/$svc
If-Match: $svc_version
{"hours_per_week":6}
expect 409
json .current_version == 2

### another organisation without consent does not see it
as cm4
GET /api/v1/care-services/$svc
expect 403

### a colleague of the organisation who is not on the team and not its worker does not see it
as cm2
GET /api/v1/care-services/$svc
expect 403
audit action=care_service.read outcome=denied client_id=$team_client staff=cm2

### ending needs a configured criterion
as cm1
POST /api/v1/care-services/$svc/end
If-Match: 2
{"criterion":"bored"}
expect 400
json .errors.criterion exists

### an end before a visit already logged is refused
as cm1
POST /api/v1/care-services/$svc/end
If-Match: 2
{"criterion":"goal_reached","end_date":"2026-11-05"}
expect 400
json .errors.end_date exists

### the care worker does not end it
as cs-worker
POST /api/v1/care-services/$svc/end
If-Match: 2
{"criterion":"goal_reached"}
expect 403

### cm1 ends it: the goal was reached, one of the criteria agreed
as cm1
POST /api/v1/care-services/$svc/end
If-Match: 2
{"criterion":"goal_reached","end_date":"2026-11-30","note":"She shops and cooks on her own now."}
expect 200
json .status == "ended"
json .end_date == "2026-11-30"
json .end_criterion == "goal_reached"
json .end_criterion_label == "Goal reached: the client manages on their own"
json .criterion_agreed == true
json .ended_by == $cm1_id
json .end_note == "She shops and cooks on her own now."
json .version == 3
audit action=care_service.end outcome=ok client_id=$team_client staff=cm1 reason=goal_reached

### ended: not ended again
as cm1
POST /api/v1/care-services/$svc/end
If-Match: 3
{"criterion":"client_declines"}
expect 409

### ended: no visit after the end
as cs-worker
POST /api/v1/care-services/$svc/visits
{"hours":1,"tasks_done":["cleaning"]}
expect 400
json .errors.visit_date exists

### ended: not changed
as cm1
PATCH /api/v1/care-services/$svc
If-Match: 3
{"hours_per_week":2}
expect 409

### the client's care services: active first
as cm1
GET /api/v1/clients/$team_client/care-services
expect 200
json .items[0].id == $svc_ext
json .items[1].status == "ended"
audit action=care_service.list outcome=ok client_id=$team_client staff=cm1

# ---- the matrix ----

### setup: the team client's service of the matrix
as cm1
POST /api/v1/clients/$team_client/care-services
{"tasks":["cleaning"],"hours_per_week":2,"worker_name":"Matrix Worker","worker_kind":"care_worker","review_date":"2099-01-01","end_criteria":["goal_reached"]}
expect 201
save team_service .id

### setup: cm2's client's service
as cm2
POST /api/v1/clients/$org_client/care-services
{"tasks":["laundry"],"hours_per_week":2,"worker_name":"Matrix Worker","worker_kind":"care_worker","review_date":"2099-01-01","end_criteria":["goal_reached"]}
expect 201
save org_service .id

### setup: cm4's client's service
as cm4
POST /api/v1/clients/$other_client/care-services
{"tasks":["laundry"],"hours_per_week":2,"worker_name":"East Worker","worker_kind":"care_worker","review_date":"2099-01-01","end_criteria":["goal_reached"]}
expect 201
save other_service .id

### setup: the second Eastgate case manager's client's service
as cs-cm4b
POST /api/v1/clients/${org_client@cm4}/care-services
{"tasks":["laundry"],"hours_per_week":2,"worker_name":"East Worker","worker_kind":"care_worker","review_date":"2099-01-01","end_criteria":["goal_reached"]}
expect 201
save org_service@cm4 .id

### setup: Northside's client's service
as cs-ncm
POST /api/v1/clients/${org_client@desk1}/care-services
{"tasks":["laundry"],"hours_per_week":2,"worker_name":"North Worker","worker_kind":"care_worker","review_date":"2099-01-01","end_criteria":["goal_reached"]}
expect 201
save org_service@desk1 .id

### setup: Harbour's client's service
as cs-hcm
POST /api/v1/clients/${org_client@housing1}/care-services
{"tasks":["laundry"],"hours_per_week":2,"worker_name":"Harbour Worker","worker_kind":"care_worker","review_date":"2099-01-01","end_criteria":["goal_reached"]}
expect 201
save org_service@housing1 .id

### setup: the services of the matrix
set team_service@cm4 $other_service
set other_service@cm4 $org_service

### the access matrix of care services
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag list json .items exists
tag one json .tasks exists
# (an analyst is refused by the routes' roles, before core/: no audit row)
# read: the care team (housing coordinators and care-desk officers on it too), the supervisor of an
# open episode; another organisation's service only through consent (desk1 and housing1 are on the
# team of a Riverside client: the rule on the record refuses); staff of the organisation ask by the
# table and only the service's own care worker is let through (the rule on the record). Written by
# the clinical members of the team; writes are sent so that they change nothing once let through.
team  GET  /api/v1/clients/{client}/care-services | 403* 200+/list 200+/list 200+/list 200+/list 403* 200+/list 200+/list 403 200+/list
org   GET  /api/v1/clients/{client}/care-services | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/clients/{client}/care-services | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/clients/{client}/care-services {} | 403* 400 400 400 400 403* 403* 403* 403 400
org   POST /api/v1/clients/{client}/care-services {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/clients/{client}/care-services {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  GET  /api/v1/care-services/{service} | 403* 200+/one 200+/one 200+/one 200+/one 403* 403* 403* 403 200+/one
org   GET  /api/v1/care-services/{service} | 403* 200+/one 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/care-services/{service} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  PATCH /api/v1/care-services/{service} If-Match:0 {} | 403* 409 409 409 409 403* 403* 403* 403 409
org   PATCH /api/v1/care-services/{service} If-Match:0 {} | 403* 409 403* 403* 403* 403* 403* 403* 403 403*
other PATCH /api/v1/care-services/{service} If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/care-services/{service}/end If-Match:0 {} | 403* 400 400 400 400 403* 403* 403* 403 400
org   POST /api/v1/care-services/{service}/end If-Match:0 {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/care-services/{service}/end If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  GET  /api/v1/care-services/{service}/visits | 403* 200+/list 200+/list 200+/list 200+/list 403* 403* 403* 403 200+/list
org   GET  /api/v1/care-services/{service}/visits | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/care-services/{service}/visits | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/care-services/{service}/visits {} | 403* 400 400 400 400 403* 403* 403* 403 400
org   POST /api/v1/care-services/{service}/visits {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/care-services/{service}/visits {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
# without a client: one's own care work and statement (a statement of one's own: 404 for those who
# are nobody's care worker), the supervisor's list of weeks beyond the plan, the organisation's
# statements for payroll (supervisors and administrators)
-     GET  /api/v1/care-work | 403 200/list 200/list 200/list 200/list 200/list 200/list 200/list 403 200/list
-     GET  /api/v1/care-over-plan | 403 200/list 403 403 403 403 403 403 403 403
-     GET  /api/v1/care-statements | 200/list 200/list 403 403 403 403 403 403 403 403
-     GET  /api/v1/care-statements/mine | 403 404 404 404 404 404 404 404 403 404
-     GET  /api/v1/care-workers/{worker}/statement | 200 200 403 403 403 403 403 403 403 403
-     GET  /api/v1/care-workers/{worker}/statement.csv | 200 200 403 403 403 403 403 403 403 403
