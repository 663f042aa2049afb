# The staff list has search (name, username) and filters (organisation for administrators, who see
# every organisation; role; active or disabled), paged like every list (issue 9 §5).

### an account to find
as admin
POST /api/v1/staff
{"username":"apitest-findme","display_name":"Findable Person","role":"housing_coordinator","org_id":2,"password":"hearth-demo-2026"}
expect 201
save fm .id

### search by a part of the username
as admin
GET /api/v1/staff?q=test-findm
expect 200
json .items length 1
json .items[0].id == $fm

### search by a part of the name, in any case
as admin
GET /api/v1/staff?q=ABLE%20PERS
expect 200
json .items length 1
json .items[0].username == "apitest-findme"

### LIKE's wildcards are only characters
as admin
GET /api/v1/staff?q=%25
expect 200
json .items length 0

### filter by role
as admin
GET /api/v1/staff?role=supervisor
expect 200
json .items[*].role contains "supervisor"
json .items[*].role excludes "case_manager"
json .items[*].role excludes "admin"

### filter by organisation (administrators)
as admin
GET /api/v1/staff?org_id=2
expect 200
json .items[*].id contains $fm
json .items[*].org_id excludes 1

### filter by status: disabled
as admin
GET /api/v1/staff?status=disabled
expect 200
json .items[*].disabled excludes false

### filter by status: active
as admin
GET /api/v1/staff?status=active
expect 200
json .items[*].disabled excludes true
json .items[*].id contains $fm

### filters combine
as admin
GET /api/v1/staff?org_id=2&role=housing_coordinator&q=findable
expect 200
json .items length 1

### an unknown role or status is a field error
as admin
GET /api/v1/staff?role=wizard&status=sleeping
expect 400
json .errors.role exists
json .errors.status exists

### paged: the first page of two
as admin
GET /api/v1/staff?limit=2
expect 200
json .items length 2
json .next != null
save staff_next .next
save staff_first .items[1].id

### paged: the next page goes on after it
as admin
GET /api/v1/staff?limit=2&after=$staff_next
expect 200
json .items length 2
json .items[*].id excludes $staff_first

### a supervisor's list stays their organisation's, whatever organisation is asked for
as sup
GET /api/v1/staff?org_id=2
expect 200
json .items[*].id excludes $fm
json .items[*].org_id excludes 2

### a case manager's directory searches too, active colleagues only
as cm1
GET /api/v1/staff?q=a&status=disabled
expect 200
json .items[*].id excludes $fm
