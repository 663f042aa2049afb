# Organisations and staff (administrators), the staff directory every role uses, disabling an
# account ends its sessions, changing one's own password ends one's other sessions.

### who is who: admin
as admin
GET /api/v1/me
expect 200
json .role == "admin"
save admin_id .id

### who is who: psy1
as psy1
GET /api/v1/me
expect 200
save psy1_id .id

### orgs: the administrator lists organisations
as admin
GET /api/v1/orgs
expect 200
json .items[*].name contains "Riverside Mental Health Welfare Centre"
json .items[*].name contains "Eastgate Public Health Centre"
json .items[0].staff_count exists

### orgs: a case manager may not list them
as cm1
GET /api/v1/orgs
expect 403

### orgs: create (201)
as admin
POST /api/v1/orgs
{"name":"Apitest Rehabilitation Centre","kind":"rehabilitation_facility"}
expect 201
json .name == "Apitest Rehabilitation Centre"
json .kind == "rehabilitation_facility"
json .version == 1
save org .id

### orgs: the same name (in any case) is 409
as admin
POST /api/v1/orgs
{"name":"apitest rehabilitation centre","kind":"other"}
expect 409
json .errors.name == "an organisation with this name already exists"

### orgs: bad values are field errors
as admin
POST /api/v1/orgs
{"name":"","kind":"castle"}
expect 400
json .errors.name == "is required"
json .errors.kind == "is not one of the allowed values"

### orgs: a name longer than its bound (120) is a field error
as admin
POST /api/v1/orgs
{"name":"$repeat(121,o)","kind":"other"}
expect 400
json .errors.name == "must be at most 120 characters"

### orgs: a supervisor may not create organisations
as sup
POST /api/v1/orgs
{"name":"Sup's own centre","kind":"other"}
expect 403

### orgs: PUT is not a method of the organisation list
as admin
PUT /api/v1/orgs
{}
expect 405
header Allow == GET, POST

### staff: the administrator sees every account in full
as admin
GET /api/v1/staff
expect 200
json .items[*].username contains "cm1"
json .items[*].username contains "cm4"
json .items[0].pw_hash missing

### staff: a case manager sees a directory of their own organisation, without usernames
as cm1
GET /api/v1/staff
expect 200
json .items[*].display_name contains "Minji Kim"
json .items[*].display_name excludes "Mira Kwon"
json .items[0].username missing

### staff: a supervisor sees their own organisation's accounts in full
as sup
GET /api/v1/staff
expect 200
json .items[*].username contains "cm1"
json .items[*].username excludes "cm4"

### staff: bad values are field errors
as admin
POST /api/v1/staff
{"username":"Bad Name!","display_name":"","role":"wizard","org_id":999999,"password":"short"}
expect 400
json .errors.username exists
json .errors.display_name == "is required"
json .errors.role == "is not one of the allowed values"
json .errors.org_id == "is not a known organisation"
json .errors.password == "must be at least 10 characters"

### staff: a clinician needs a discipline
as admin
POST /api/v1/staff
{"username":"apitest-clin","display_name":"No Discipline","role":"clinician","org_id":1,"password":"long-enough-password"}
expect 400
json .errors.discipline == "is required"

### staff: create an account (201)
as admin
POST /api/v1/staff
{"username":"apitest1","display_name":"Api Test One","role":"case_manager","discipline":"social_worker","org_id":$org,"password":"hearth-demo-2026"}
expect 201
json .username == "apitest1"
json .organisation == "Apitest Rehabilitation Centre"
json .disabled == false
json .version == 1
json .pw_hash missing
save u1 .id
audit action=staff.create outcome=ok entity_id=$u1 staff=admin

### staff: the same username is 409
as admin
POST /api/v1/staff
{"username":"apitest1","display_name":"Someone Else","role":"peer_supporter","org_id":1,"password":"hearth-demo-2026"}
expect 409
json .errors.username == "is already taken"

### staff: a case manager may not create accounts
as cm1
POST /api/v1/staff
{"username":"apitest-x","display_name":"X","role":"case_manager","org_id":1,"password":"hearth-demo-2026"}
expect 403

### staff: the administrator reads one account
as admin
GET /api/v1/staff/$u1
expect 200
json .username == "apitest1"

### staff: everyone reads their own account in full
as cm1
GET /api/v1/me
expect 200
save cm1_id .id

### staff: ... cm1 reads cm1
as cm1
GET /api/v1/staff/$cm1_id
expect 200
json .username == "cm1"

### staff: a colleague's entry is brief
as cm1
GET /api/v1/staff/$psy1_id
expect 200
json .display_name == "Hyunwoo Jang"
json .username missing
json .phone missing

### staff: an account of another organisation is not found for a case manager
as cm1
GET /api/v1/staff/$u1
expect 404

### staff: an unknown account is 404
as admin
GET /api/v1/staff/999999
expect 404

### staff: the new account logs in
as apitest1
GET /api/v1/me
expect 200
json .username == "apitest1"
json .org_id == $org

### staff: an update without If-Match is 428
as admin
PATCH /api/v1/staff/$u1
{"display_name":"Api Test Uno"}
expect 428

### staff: a stale version is 409 and changes nothing
as admin
PATCH /api/v1/staff/$u1
If-Match: 0
{"display_name":"Api Test Uno"}
expect 409
json .current_version == 1

### staff: ... read back
as admin
GET /api/v1/staff/$u1
expect 200
json .display_name == "Api Test One"
json .version == 1

### staff: bad values are field errors
as admin
PATCH /api/v1/staff/$u1
If-Match: 1
{"role":"wizard","discipline":"astrologer"}
expect 400
json .errors.role == "is not one of the allowed values"
json .errors.discipline == "is not one of the allowed values"

### staff: a case manager may not change accounts
as cm1
PATCH /api/v1/staff/$u1
If-Match: 1
{"disabled":true}
expect 403

### staff: an unknown account is 404
as admin
PATCH /api/v1/staff/999999
If-Match: 1
{"display_name":"Nobody"}
expect 404

### staff: disable the account
as admin
PATCH /api/v1/staff/$u1
If-Match: 1
{"disabled":true}
expect 200
json .disabled == true
json .version == 2
audit action=staff.update outcome=ok entity_id=$u1

### staff: disabling ended the account's session
as apitest1
GET /api/v1/me
expect 401

### staff: a disabled account cannot log in
POST /api/v1/login
{"username":"apitest1","password":"hearth-demo-2026"}
expect 401
json .detail == "Wrong username or password."

### staff: the administrator cannot disable their own account
as admin
GET /api/v1/staff/$admin_id
expect 200
save admin_version .version

### staff: ... refused as a field error
as admin
PATCH /api/v1/staff/$admin_id
If-Match: $admin_version
{"disabled":true}
expect 400
json .errors.disabled exists

### password: an account for the password tests
as admin
POST /api/v1/staff
{"username":"apitest2","display_name":"Api Test Two","role":"peer_supporter","org_id":1,"password":"hearth-demo-2026"}
expect 201

### password: first session
as apitest2
GET /api/v1/me
expect 200

### password: second session
as apitest2/second
GET /api/v1/me
expect 200

### password: the current password must be right, the new one long enough
as apitest2
POST /api/v1/me/password
{"current_password":"not-my-password","new_password":"short"}
expect 400
json .errors.current_password == "is not your current password"
json .errors.new_password == "must be at least 10 characters"

### password: without credentials 401
POST /api/v1/me/password
{"current_password":"hearth-demo-2026","new_password":"a-new-long-password"}
expect 401

### password: changed
as apitest2
POST /api/v1/me/password
{"current_password":"hearth-demo-2026","new_password":"a-new-long-password"}
expect 200
json .changed == true

### password: the other session ended
as apitest2/second
GET /api/v1/me
expect 401

### password: this session goes on
as apitest2
GET /api/v1/me
expect 200

### password: the new password logs in
POST /api/v1/login
{"username":"apitest2","password":"a-new-long-password"}
expect 200
