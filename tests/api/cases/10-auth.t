# Identity: log in and out, sessions, CSRF, API tokens, failed-login throttling.
# Failed logins also count against 127.0.0.1 (20 per 15 minutes for an address), so the whole run
# keeps its failures few: this file makes 7 of them, 70-admin.t one, no other file any.

### log in with JSON: a session cookie and a CSRF token
POST /api/v1/login
{"username":"nurse1","password":"hearth-demo-2026"}
expect 200
json .user.username == "nurse1"
json .user.role == "clinician"
json .csrf_token length 64
header Set-Cookie contains hearth_session=
header Set-Cookie contains HttpOnly
header Set-Cookie contains SameSite=Strict
header Cache-Control == no-store

### log in: a missing username and password are field errors
POST /api/v1/login
{}
expect 400
header Content-Type == application/problem+json
json .errors.username == "is required"
json .errors.password == "is required"

### log in: a wrong password is 401
POST /api/v1/login
{"username":"cm0003","password":"not-the-password"}
expect 401
header Content-Type == application/problem+json
json .detail == "Wrong username or password."
save wrong_password_detail .detail

### log in: an unknown user gets the very same answer as a wrong password
POST /api/v1/login
{"username":"no-such-user","password":"not-the-password"}
expect 401
json .detail == $wrong_password_detail
json .errors missing

### log in: GET is not allowed
GET /api/v1/login
expect 405
header Allow == POST

### log in: a body that is neither JSON nor a form is 415
POST /api/v1/login
Content-Type: text/plain

username=cm1
expect 415
json .status == 415

### throttling: 1st failed login for cm0002
POST /api/v1/login
{"username":"cm0002","password":"wrong-password-1"}
expect 401

### throttling: 2nd failed login for cm0002
POST /api/v1/login
{"username":"cm0002","password":"wrong-password-2"}
expect 401

### throttling: 3rd failed login for cm0002
POST /api/v1/login
{"username":"cm0002","password":"wrong-password-3"}
expect 401

### throttling: 4th failed login for cm0002
POST /api/v1/login
{"username":"cm0002","password":"wrong-password-4"}
expect 401

### throttling: 5th failed login for cm0002
POST /api/v1/login
{"username":"cm0002","password":"wrong-password-5"}
expect 401

### throttling: after 5 failures even the right password is refused with 429
POST /api/v1/login
{"username":"cm0002","password":"hearth-demo-2026"}
expect 429
header Set-Cookie missing
json .detail contains Too many failed attempts

### throttling is per account: another account still logs in
POST /api/v1/login
{"username":"cm0004","password":"hearth-demo-2026"}
expect 200

### /me with a session
as cm1
GET /api/v1/me
expect 200
json .username == "cm1"
json .role == "case_manager"
json .discipline == "social_worker"
json .org_id == 1
json .csrf_token length 64
save cm1_id .id

### /me without credentials is 401
GET /api/v1/me
expect 401
header Content-Type == application/problem+json
json .title == "Not logged in"

### /me with a session cookie that was never issued is 401
GET /api/v1/me
Cookie: hearth_session=0000000000000000000000000000000000000000000000000000000000000000
expect 401

### an unsafe request with the session cookie but no CSRF token is 403
as cm1 nocsrf
POST /api/v1/tokens
{"name":"no csrf"}
expect 403
json .detail contains CSRF

### an unsafe request with a wrong CSRF token is 403
as cm1
POST /api/v1/tokens
X-CSRF-Token: 0000000000000000000000000000000000000000000000000000000000000000
{"name":"wrong csrf"}
expect 403

### API token: created with a session and CSRF
as cm1
POST /api/v1/tokens
{"name":"reporting script"}
expect 201
json .name == "reporting script"
json .token contains hth_
json .token length 68
save script_token .token

### API token: a name is required
as cm1
POST /api/v1/tokens
{"name":""}
expect 400
json .errors.name == "is required"

### API token: without credentials 401
POST /api/v1/tokens
{"name":"x"}
expect 401

### API token: the bearer token authenticates without a cookie
GET /api/v1/me
Authorization: Bearer $script_token
expect 200
json .username == "cm1"
json .csrf_token == null

### API token: unsafe requests with a bearer token need no CSRF token
PATCH /api/v1/me
Authorization: Bearer $script_token
{"language":null}
expect 200

### API token: a token the server never issued is 401
GET /api/v1/me
Authorization: Bearer hth_0000000000000000000000000000000000000000000000000000000000000000
expect 401

### API token: the runner's own token for psy1 works for reads
as token:psy1
GET /api/v1/clients/1
expect 200
json .access.level == "full"

### log out: a second session of cm1 ends
as cm1/logout
POST /api/v1/logout
expect 200
json .logged_out == true
header Set-Cookie contains Max-Age=0

### log out: the ended session no longer works
as cm1/logout
GET /api/v1/me
expect 401

### log out: cm1's other session is untouched
as cm1
GET /api/v1/me
expect 200

### log out: without a session 401
POST /api/v1/logout
expect 401
