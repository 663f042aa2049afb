# The service directory (issue 10 §1): every worker of every organisation finds services by
# domain, organisation, district and capacity; an organisation's supervisors and administrators
# describe its own services, and they and its housing coordinators keep their capacity; nobody
# changes another organisation's. Reads hold no client data and are not audited; writes and
# denials are.

### who is who: sup
as sup
GET /api/v1/me
expect 200
save sup_id .id

### who is who: housing1
as housing1
GET /api/v1/me
expect 200
save housing1_id .id

### the places the directory is searched by: organisations and districts
as desk1
GET /api/v1/services/places
expect 200
json .orgs[*].name contains "Riverside Mental Health Welfare Centre"
json .districts contains "Harbour-gu"
json .districts contains "Riverside-gu"

### who is who: the services the cases use (Riverside's peer groups)
as desk1
GET /api/v1/services?q=peer%20support%20groups
expect 200
json .items length 1
json .items[0].organisation == "Riverside Mental Health Welfare Centre"
save svc_r .items[0].id
save svc_r_version .items[0].version
save riverside .items[0].org_id

### who is who: Eastgate's screening clinic
as desk1
GET /api/v1/services?q=screening%20clinic
expect 200
json .items length 1
save svc_e .items[0].id
save eastgate .items[0].org_id

### who is who: Harbour's supported housing
as desk1
GET /api/v1/services?q=supported%20housing
expect 200
json .items length 1
save svc_h .items[0].id
save svc_h_version .items[0].version

### a care-desk officer lists the directory: open first, each with its capacity and when it was set
as desk1
GET /api/v1/services
expect 200
json .items[0].capacity == "open"
json .items[-1].capacity == "closed"
json .items[*].capacity contains "waiting_list"
json .items[0].capacity_updated_at exists
json .items[0].capacity_updated_by_name exists
json .items[0].district exists
audit none

### filter by domain
as desk1
GET /api/v1/services?kind=housing
expect 200
json .items length 2
json .items[*].kind excludes "mental_health_treatment"
json .items[*].organisation contains "Harbour Housing Association"

### filter by capacity: a waiting list shows its length and typical wait
as desk1
GET /api/v1/services?status=waiting_list
expect 200
json .items[*].capacity excludes "open"
json .items[*].capacity excludes "closed"
json .items[0].waiting_count > 0
json .items[0].typical_wait_days > 0

### filter by district
as desk1
GET /api/v1/services?district=Harbour-gu
expect 200
json .items length 3
json .items[*].organisation excludes "Riverside Mental Health Welfare Centre"

### filter by organisation, combined with the domain
as cm4
GET /api/v1/services?org_id=$riverside&kind=crisis_response
expect 200
json .items length 1
json .items[0].name == "24-hour crisis response"

### intake and assessment is a kind of its own
as desk1
GET /api/v1/services?kind=intake_assessment
expect 200
json .items[*].name contains "Intake and assessment"
json .items[*].name contains "Care desk: welfare intake"

### bad filters are field errors
as desk1
GET /api/v1/services?kind=castle&status=full
expect 400
json .errors.kind == "is not one of the allowed values"
json .errors.status == "must be open, waiting_list or closed"

### an organisation that is not a number is a field error
as desk1
GET /api/v1/services?org_id=abc
expect 400
json .errors.org_id == "must be a positive number"

### a district filter beyond its bound is a field error
as desk1
GET /api/v1/services?district=$repeat(61,d)
expect 400
json .errors.district == "must be at most 60 characters"

### the directory pages like every list
as desk1
GET /api/v1/services?limit=2
expect 200
json .items length 2
json .next != null
save svc_next .next

### the next page neither repeats nor skips
as desk1
GET /api/v1/services?limit=2&after=$svc_next
expect 200
json .items length 2

### an analyst reads a service (no client data in it)
as analyst1
GET /api/v1/services/$svc_r
expect 200
json .name == "Peer support groups"
json .kind == "peer_support"
json .how_to_refer exists
json .contact exists
audit none

### no such service
as desk1
GET /api/v1/services/999999
expect 404

### a supervisor publishes a service of their organisation (open unless said)
as sup
POST /api/v1/services
{"name":"Directory test: recovery college","kind":"rehabilitation_employment","eligibility":"Adults in recovery.","programme":"integrated_care","how_to_refer":"Ask the case manager.","contact":"02-310-4090"}
expect 201
json .org_id == $riverside
json .capacity == "open"
json .waiting_count == null
json .capacity_updated_by == $sup_id
json .programme == "integrated_care"
json .version == 1
save svc_new .id
audit action=service.create outcome=ok staff=sup entity=service entity_id=$svc_new

### the same name again in the same organisation is 409
as sup
POST /api/v1/services
{"name":"Directory test: recovery college","kind":"peer_support"}
expect 409
json .errors.name == "this organisation already has a service with this name"

### bad fields are named
as sup
POST /api/v1/services
{"name":"","kind":"castle","programme":"Bad Key!","contact":"$repeat(201,c)"}
expect 400
json .errors.name == "is required"
json .errors.kind == "is not one of the allowed values"
json .errors.programme exists
json .errors.contact == "must be at most 200 characters"

### a programme must be one whose eligibility rules are loaded (the server loads eligibility/)
as sup
POST /api/v1/services
{"name":"Directory test: a programme without rules","kind":"housing","programme":"no_such_programme"}
expect 400
json .errors.programme == "must be a programme with eligibility rules here (see the programmes' list), or empty"
audit none

### a loaded programme is changed to one that is not: 400 naming programme, nothing changed
as sup
PATCH /api/v1/services/$svc_new
If-Match: 1
{"programme":"nearly_integrated_care"}
expect 400
json .errors.programme exists

### a waiting list needs its length and typical wait
as sup
POST /api/v1/services
{"name":"Directory test: waiting","kind":"housing","capacity":"waiting_list"}
expect 400
json .errors.waiting_count == "is required"
json .errors.typical_wait_days == "is required"

### the body must be an object
as sup
POST /api/v1/services
[]
expect 400

### a case manager may not publish services
as cm1
POST /api/v1/services
{"name":"Directory test: mine","kind":"peer_support"}
expect 403
audit action=service.create outcome=denied staff=cm1

### a supervisor changes their service (versioned)
as sup
PATCH /api/v1/services/$svc_new
If-Match: 1
{"eligibility":"Adults in recovery, any district.","programme":""}
expect 200
json .eligibility == "Adults in recovery, any district."
json .programme == null
json .version == 2
audit action=service.update outcome=ok staff=sup entity_id=$svc_new

### a stale version is 409 and changes nothing
as sup
PATCH /api/v1/services/$svc_new
If-Match: 1
{"name":"Directory test: renamed"}
expect 409
json .current_version == 2

### nothing changed
as desk1
GET /api/v1/services/$svc_new
expect 200
json .name == "Directory test: recovery college"

### without If-Match: 428
as sup
PATCH /api/v1/services/$svc_new
{"name":"Directory test: renamed"}
expect 428

### a supervisor sets a waiting list: when and by whom are kept
as sup
POST /api/v1/services/$svc_new/capacity
If-Match: 2
{"capacity":"waiting_list","waiting_count":4,"typical_wait_days":14}
expect 200
json .capacity == "waiting_list"
json .waiting_count == 4
json .typical_wait_days == 14
json .capacity_updated_by == $sup_id
json .version == 3
audit action=service.capacity outcome=ok staff=sup entity_id=$svc_new

### closing it clears the numbers
as sup
POST /api/v1/services/$svc_new/capacity
If-Match: 3
{"capacity":"closed"}
expect 200
json .capacity == "closed"
json .waiting_count == null
json .typical_wait_days == null

### an unknown capacity and bad numbers are field errors
as sup
POST /api/v1/services/$svc_new/capacity
If-Match: 4
{"capacity":"full","waiting_count":-1}
expect 400
json .errors.capacity == "is not one of the allowed values"

### a waiting list with a negative length is a field error
as sup
POST /api/v1/services/$svc_new/capacity
If-Match: 4
{"capacity":"waiting_list","waiting_count":-1,"typical_wait_days":"soon"}
expect 400
json .errors.waiting_count == "must be between 0 and 100000"
json .errors.typical_wait_days == "must be a whole number"

### a stale capacity update is 409
as sup
POST /api/v1/services/$svc_new/capacity
If-Match: 1
{"capacity":"open"}
expect 409
json .current_version == 4

### a housing coordinator keeps their own organisation's capacity
as housing1
POST /api/v1/services/$svc_h/capacity
If-Match: $svc_h_version
{"capacity":"waiting_list","waiting_count":8,"typical_wait_days":55}
expect 200
json .waiting_count == 8
json .capacity_updated_by == $housing1_id
audit action=service.capacity outcome=ok staff=housing1 entity_id=$svc_h

### but not another organisation's
as housing1
POST /api/v1/services/$svc_r/capacity
If-Match: $svc_r_version
{"capacity":"closed"}
expect 403
audit action=service.capacity outcome=denied staff=housing1 entity_id=$svc_r

### and a housing coordinator does not describe services
as housing1
PATCH /api/v1/services/$svc_h
If-Match: 1
{"name":"Renamed"}
expect 403
audit action=service.update outcome=denied staff=housing1

### a peer supporter does not set capacity
as peer1
POST /api/v1/services/$svc_r/capacity
If-Match: $svc_r_version
{"capacity":"closed"}
expect 403
audit action=service.capacity outcome=denied staff=peer1

### an administrator does not change another organisation's service
as admin
PATCH /api/v1/services/$svc_e
If-Match: 1
{"name":"Renamed by Riverside"}
expect 403
audit action=service.update outcome=denied staff=admin entity_id=$svc_e

### another organisation's supervisor (made here at Eastgate)
as admin
POST /api/v1/staff
{"username":"dir-esup","display_name":"Directory Eastgate Supervisor","role":"supervisor","discipline":"nurse","org_id":$eastgate,"password":"hearth-demo-2026"}
expect 201

### may not change Riverside's service
as dir-esup
PATCH /api/v1/services/$svc_r
If-Match: $svc_r_version
{"name":"Renamed by Eastgate"}
expect 403
audit action=service.update outcome=denied staff=dir-esup entity_id=$svc_r

### nor its capacity
as dir-esup
POST /api/v1/services/$svc_r/capacity
If-Match: $svc_r_version
{"capacity":"closed"}
expect 403

### Riverside's service is as it was
as desk1
GET /api/v1/services/$svc_r
expect 200
json .name == "Peer support groups"
json .capacity == "open"
json .version == $svc_r_version

### and publishes for Eastgate
as dir-esup
POST /api/v1/services
{"name":"Directory test: Eastgate walk-in","kind":"intake_assessment","capacity":"waiting_list","waiting_count":0,"typical_wait_days":0}
expect 201
json .org_id == $eastgate
json .waiting_count == 0
json .typical_wait_days == 0

### an organisation's district: given when it is added
as admin
POST /api/v1/orgs
{"name":"Directory Test Centre","kind":"other","district":"Testside-gu"}
expect 201
json .district == "Testside-gu"
save dir_org .id

### changed by an administrator (versioned)
as admin
PATCH /api/v1/orgs/$dir_org
If-Match: 1
{"district":"Testside-dong"}
expect 200
json .district == "Testside-dong"
json .version == 2

### a district beyond its bound is a field error
as admin
PATCH /api/v1/orgs/$dir_org
If-Match: 2
{"district":"$repeat(61,d)"}
expect 400
json .errors.district == "must be at most 60 characters"

### the directory's places list it
as cm1
GET /api/v1/services/places
expect 200
json .districts contains "Testside-dong"

### the access matrix of the directory
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag dir json .items[0].capacity exists
tag one json .name == "Peer support groups"
tag places json .orgs exists
# reads: everyone (no client data); publish: supervisors and administrators; describe: theirs only
# (svc_e is Eastgate's: a rule on the record refuses Riverside's admin and sup); capacity: also the
# organisation's housing coordinators (svc_h is Harbour's). Writes change nothing once let through.
-     GET    /api/v1/services | 200/dir 200/dir 200/dir 200/dir 200/dir 200/dir 200/dir 200/dir 200/dir 200/dir
-     GET    /api/v1/services/places | 200/places 200/places 200/places 200/places 200/places 200/places 200/places 200/places 200/places 200/places
-     GET    /api/v1/services/{svc_r} | 200/one 200/one 200/one 200/one 200/one 200/one 200/one 200/one 200/one 200/one
-     POST   /api/v1/services {} | 400 400 403* 403* 403* 403* 403* 403* 403* 403*
-     PATCH  /api/v1/services/{svc_r} If-Match:0 {} | 409 409 403* 403* 403* 403* 403* 403* 403* 403*
-     PATCH  /api/v1/services/{svc_e} If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
-     POST   /api/v1/services/{svc_r}/capacity If-Match:0 {} | 400 400 403* 403* 403* 403* 403* 403* 403* 403*
-     POST   /api/v1/services/{svc_h}/capacity If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 400 403* 403*
