# An administrator resets a password (issue 9 §5): a temporary password (given, or made and shown
# once); the user must choose a new one at the next login, and until then every route but changing
# the password and logging out answers 403 naming the need; the user's sessions and tokens end;
# audited; the access table decides (staff administration: administrators only).

### who is who: admin
as admin
GET /api/v1/me
expect 200
save admin_id .id

### an account to reset
as admin
POST /api/v1/staff
{"username":"apitest-reset","display_name":"Reset Tester","role":"case_manager","discipline":"social_worker","org_id":1,"password":"hearth-demo-2026"}
expect 201
save rs .id

### its session before the reset
as apitest-reset
GET /api/v1/me
expect 200
json .must_change == false

### its token before the reset
as apitest-reset
POST /api/v1/tokens
{"name":"before the reset"}
expect 201
save rs_tok .token
save rs_tok_id .id

### a case manager may not reset a password (403, audited)
as cm1
POST /api/v1/staff/$rs/password
{"password":"cm1-chose-this-one"}
expect 403
audit action=staff.reset outcome=denied staff=cm1

### a supervisor may not either
as sup
POST /api/v1/staff/$rs/password
{}
expect 403

### a temporary password that is too short is a field error
as admin
POST /api/v1/staff/$rs/password
{"password":"short"}
expect 400
json .errors.password == "must be at least 10 characters"

### an unknown account is 404
as admin
POST /api/v1/staff/999999/password
{"password":"temporary-pass-1"}
expect 404

### the administrator cannot reset their own password this way
as admin
POST /api/v1/staff/$admin_id/password
{"password":"temporary-pass-1"}
expect 400
json .errors.password exists

### the administrator sets a temporary password (audited; sessions and tokens end)
as admin
POST /api/v1/staff/$rs/password
{"password":"temporary-pass-1"}
expect 200
json .must_change == true
json .temporary_password missing
audit action=staff.reset outcome=ok entity_id=$rs staff=admin
audit action=token.revoke outcome=ok entity_id=$rs_tok_id reason=reset

### the user's session ended
as apitest-reset
GET /api/v1/me
expect 401

### the user's token ended
GET /api/v1/me
Authorization: Bearer $rs_tok
expect 401

### the old password no longer logs in
from 127.0.0.6
POST /api/v1/login
{"username":"apitest-reset","password":"hearth-demo-2026"}
expect 401

### the temporary password logs in, and says a change is due
from 127.0.0.6
POST /api/v1/login
{"username":"apitest-reset","password":"temporary-pass-1"}
expect 200
json .user.must_change == true

### until the change, reading is refused with the reason
set password_apitest-reset temporary-pass-1
as apitest-reset/after
GET /api/v1/clients?q=kim
expect 403
header Content-Type == application/problem+json
json .title == "Password change required"
json .password_change_required == true

### until the change, no token can be made
as apitest-reset/after
POST /api/v1/tokens
{"name":"sneaky"}
expect 403
json .password_change_required == true

### the new password must be long enough
as apitest-reset/after
POST /api/v1/me/password
{"current_password":"temporary-pass-1","new_password":"short"}
expect 400

### the user chooses a new password
as apitest-reset/after
POST /api/v1/me/password
{"current_password":"temporary-pass-1","new_password":"my-own-password-2026"}
expect 200

### after the change everything is open again
as apitest-reset/after
GET /api/v1/me
expect 200
json .must_change == false

### a reset without a password makes one, shown once
as admin
POST /api/v1/staff/$rs/password
{}
expect 200
json .temporary_password length 19
json .must_change == true
save rs_temp .temporary_password

### the made password logs in, with a change due
from 127.0.0.6
POST /api/v1/login
{"username":"apitest-reset","password":"$rs_temp"}
expect 200
json .user.must_change == true

### logging out is allowed while a change is due
set password_apitest-reset $rs_temp
as apitest-reset/made
POST /api/v1/logout
expect 200
