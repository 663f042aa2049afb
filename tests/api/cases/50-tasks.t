# Tasks and "my work": create, my tasks overdue first, complete and reassign with a version,
# stale versions; "my clients".

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

### mine: open tasks, overdue first
as cm1
GET /api/v1/tasks
expect 200
json .items[0].overdue == true
json .items[*].overdue sorted desc
json .items[*].overdue contains false
json .items[*].status excludes "done"
json .items[0].assignee == $cm1_id
audit action=task.mine outcome=ok staff=cm1

### create: a title is required
as cm1
POST /api/v1/clients/1/tasks
{}
expect 400
json .errors.title == "is required"

### create: bad values are field errors
as cm1
POST /api/v1/clients/1/tasks
{"title":"$repeat(201,t)","due":"tomorrow","priority":"asap","assignee":$cm4_id}
expect 400
json .errors.title == "must be at most 200 characters"
json .errors.due exists
json .errors.priority == "is not one of the allowed values"
json .errors.assignee == "must be an active staff member of your organisation"

### create: a task about client 1 (201), overdue from the start
as cm1
POST /api/v1/clients/1/tasks
{"title":"Call the GP about the blood tests","due":"2025-01-01","priority":"high"}
expect 201
json .client_id == 1
json .assignee == $cm1_id
json .created_by == $cm1_id
json .status == "open"
json .source == "person"
json .overdue == true
json .version == 1
save t1 .id
audit action=task.create outcome=ok client_id=1 entity_id=$t1

### create: a task about no client (201)
as cm1
POST /api/v1/tasks
{"title":"Prepare the team meeting","due":"2199-12-31"}
expect 201
json .client_id == null
json .overdue == false
save t2 .id

### create: a task about no client needs a title too, and an assignee of one's organisation
as cm1
POST /api/v1/tasks
{"title":"   ","assignee":$cm4_id}
expect 400
json .errors.assignee == "must be an active staff member of your organisation"

### create: a task for an unknown client is 404
as cm1
POST /api/v1/clients/999999/tasks
{"title":"x"}
expect 404

### mine: the new tasks are listed, the overdue one before the later one
as cm1
GET /api/v1/tasks
expect 200
json .items[*].id contains $t1
json .items[*].id contains $t2
json .items[*].overdue sorted desc
json .items[0].overdue == true

### client: the client's tasks
as cm1
GET /api/v1/clients/1/tasks
expect 200
json .items[*].id contains $t1
json .items[*].id excludes $t2
audit action=task.list outcome=ok client_id=1

### client: an unknown client is 404
as cm1
GET /api/v1/clients/999999/tasks
expect 404

### complete: without If-Match is 428
as cm1
PATCH /api/v1/tasks/$t1
{"status":"done"}
expect 428

### complete: with the current version
as cm1
PATCH /api/v1/tasks/$t1
If-Match: 1
{"status":"done"}
expect 200
json .status == "done"
json .done_by == $cm1_id
json .done_at != null
json .overdue == false
json .version == 2
audit action=task.update outcome=ok client_id=1 entity_id=$t1

### complete: the same version again is stale: 409
as cm1
PATCH /api/v1/tasks/$t1
If-Match: 1
{"status":"open"}
expect 409
json .current_version == 2

### complete: ... nothing changed: the task is still done, so not in my open tasks
as cm1
GET /api/v1/tasks
expect 200
json .items[*].id excludes $t1

### update: bad values are field errors
as cm1
PATCH /api/v1/tasks/$t2
If-Match: 1
{"status":"maybe","priority":"asap","due":"soon"}
expect 400
json .errors.status == "is not one of the allowed values"
json .errors.priority == "is not one of the allowed values"
json .errors.due exists

### reassign: to someone in another organisation is a field error
as cm1
PATCH /api/v1/tasks/$t2
If-Match: 1
{"assignee":$cm4_id}
expect 400
json .errors.assignee exists

### reassign: to psy1
as cm1
PATCH /api/v1/tasks/$t2
If-Match: 1
{"assignee":$psy1_id}
expect 200
json .assignee == $psy1_id
json .version == 2

### reassign: the task is now on psy1's list
as psy1
GET /api/v1/tasks
expect 200
json .items[*].id contains $t2

### reassign: ... and no longer on cm1's
as cm1
GET /api/v1/tasks
expect 200
json .items[*].id excludes $t2

### update: another member of the team may not change cm1's task (audited)
as nurse1
PATCH /api/v1/tasks/$t1
If-Match: 2
{"status":"open"}
expect 403
audit action=task.update outcome=denied client_id=1 staff=nurse1

### update: someone of another organisation is refused (audited)
as cm4
PATCH /api/v1/tasks/$t1
If-Match: 2
{"status":"open"}
expect 403
audit action=task.update outcome=denied client_id=1 staff=cm4

### update: an unknown task is 404
as cm1
PATCH /api/v1/tasks/999999
If-Match: 1
{"status":"done"}
expect 404

### update: DELETE is not a method of a task
as cm1
DELETE /api/v1/tasks/$t2
expect 405
header Allow == PATCH

### my clients: the caseload with open tasks and the last contact
as cm1
GET /api/v1/my-clients
expect 200
json .items[*].id contains 1
json .items[*].id excludes 2
json .items[0].open_tasks exists
json .items[0].is_primary exists
audit action=client.caseload outcome=ok staff=cm1

### my clients: a peer supporter's assigned clients
as peer1
GET /api/v1/my-clients
expect 200
json .items[*].id contains 1
json .items[*].id excludes 2
