# API tokens (issue 9 §1): an expiry (90 days unless chosen, 1 to 365), listed with created, expires
# and last use (never the token or its hash), revoked by the owner or an administrator, ended by a
# password change or a disabled account; a token cannot make tokens.

### who is who: cm1
as cm1
GET /api/v1/me
expect 200
save cm1_id .id

### who is who: an account of its own for the password and disabling cases
as admin
POST /api/v1/staff
{"username":"apitest-tok","display_name":"Token Tester","role":"case_manager","discipline":"social_worker","org_id":1,"password":"hearth-demo-2026"}
expect 201
save tok_user .id

### a token lives 7 days when asked
as cm1
POST /api/v1/tokens
{"name":"weekly script","expires_in_days":7}
expect 201
json .name == "weekly script"
json .status == "active"
json .expires_at > "$time(604700)"
json .expires_at < "$time(604900)"
json .last_used_at == null
json .token length 68
save t7 .token
save t7_id .id
audit action=token.create outcome=ok entity_id=$t7_id staff=cm1

### a token lives 90 days by default, shown when it is made
as cm1
POST /api/v1/tokens
{"name":"nightly export"}
expect 201
json .created_at exists
json .expires_at > "$time(7775900)"
json .expires_at < "$time(7776100)"
save t90 .token
save t90_id .id

### the expiry is bounded: 0 days is refused
as cm1
POST /api/v1/tokens
{"name":"forever","expires_in_days":0}
expect 400
json .errors.expires_in_days exists

### the expiry is bounded: more than 365 days is refused
as cm1
POST /api/v1/tokens
{"name":"forever","expires_in_days":366}
expect 400
json .errors.expires_in_days exists

### the expiry is a whole number, not text
as cm1
POST /api/v1/tokens
{"name":"forever","expires_in_days":"30"}
expect 400
json .errors.expires_in_days exists

### a token cannot make more tokens (403)
POST /api/v1/tokens
Authorization: Bearer $t90
{"name":"made by a token"}
expect 403
header Content-Type == application/problem+json
json .detail contains cannot make API tokens

### a token is used: its last use is written (a write follows the read, so it is committed)
PATCH /api/v1/me
Authorization: Bearer $t90
{"language":null}
expect 200

### the owner lists their tokens: created, expires, last use, never the token or its hash
as cm1
GET /api/v1/tokens
expect 200
json .items[0].id == $t90_id
json .items[0].last_used_at != null
json .items[0].created_at exists
json .items[0].expires_at exists
json .items[0].status == "active"
json .items[0].token missing
json .items[0].token_hash missing
json .items[1].id == $t7_id
json .items[1].last_used_at == null

### a token in use: each loop thread keeps what it found (core/access.c's epoch), asked once ...
GET /api/v1/me
Authorization: Bearer $t7
expect 200
json .username == "cm1"

### ... and again: the revocation below must still be seen by the next request
GET /api/v1/clients/1
Authorization: Bearer $t7
expect 200

### the owner revokes a token
as cm1
DELETE /api/v1/tokens/$t7_id
expect 200
json .status == "revoked"
json .revoked_at != null
json .revoke_reason == "owner"
audit action=token.revoke outcome=ok entity_id=$t7_id staff=cm1

### a revoked token is refused
GET /api/v1/me
Authorization: Bearer $t7
expect 401

### revoking it again is 409
as cm1
DELETE /api/v1/tokens/$t7_id
expect 409

### another worker may not revoke it (403, audited)
as psy1
DELETE /api/v1/tokens/$t90_id
expect 403
audit action=token.revoke outcome=denied entity_id=$t90_id staff=psy1

### another worker may not list it
as psy1
GET /api/v1/staff/$cm1_id/tokens
expect 403

### an unknown token is 404
as cm1
DELETE /api/v1/tokens/999999
expect 404

### the administrator lists a staff member's tokens
as admin
GET /api/v1/staff/$cm1_id/tokens
expect 200
json .items[*].id contains $t90_id
json .items[*].id contains $t7_id
json .items[0].token_hash missing

### the administrator revokes a staff member's token
as admin
DELETE /api/v1/tokens/$t90_id
expect 200
json .status == "revoked"
json .revoke_reason == "administrator"
audit action=token.revoke outcome=ok entity_id=$t90_id staff=admin reason=administrator

### ... and it is refused
GET /api/v1/me
Authorization: Bearer $t90
expect 401

### a password change: a token to end
as apitest-tok
POST /api/v1/tokens
{"name":"before the change"}
expect 201
save tp .token
save tp_id .id

### a password change: the token works before
GET /api/v1/me
Authorization: Bearer $tp
expect 200

### a password change ends every token of the account (audited)
as apitest-tok
POST /api/v1/me/password
{"current_password":"hearth-demo-2026","new_password":"token-test-password-2"}
expect 200
audit action=token.revoke outcome=ok entity_id=$tp_id reason=password

### a password change: the token is refused after
GET /api/v1/me
Authorization: Bearer $tp
expect 401

### a password change: the list says why it ended
as apitest-tok
GET /api/v1/tokens
expect 200
json .items[0].id == $tp_id
json .items[0].status == "revoked"
json .items[0].revoke_reason == "password"

### a disabled account: a token to end
as apitest-tok
POST /api/v1/tokens
{"name":"before disabling"}
expect 201
save td .token
save td_id .id

### a disabled account: read its version
as admin
GET /api/v1/staff/$tok_user
expect 200
save tok_ver .version

### a disabled account: disabling ends its tokens (audited)
as admin
PATCH /api/v1/staff/$tok_user
If-Match: $tok_ver
{"disabled":true}
expect 200
audit action=token.revoke outcome=ok entity_id=$td_id reason=disabled

### a disabled account: read the version again
as admin
GET /api/v1/staff/$tok_user
expect 200
save tok_ver .version

### a disabled account: enable it again
as admin
PATCH /api/v1/staff/$tok_user
If-Match: $tok_ver
{"disabled":false}
expect 200
json .disabled == false

### a disabled account: the token stays ended when the account is enabled again
GET /api/v1/me
Authorization: Bearer $td
expect 401
