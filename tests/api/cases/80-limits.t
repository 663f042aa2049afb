# Explicit bounds (DESIGN §5): body size, JSON depth, field lengths, header size; unknown paths and
# methods; media types; the security headers every response carries.

### body: exactly 1 MiB is read (and then refused for its fields)
as cm1
POST /api/v1/clients
{"given_name":"$repeat(1048559,a)"}
expect 400
json .errors.given_name == "must be at most 100 characters"

### body: 1 MiB and one byte is 413
as cm1
POST /api/v1/clients
{"given_name":"$repeat(1048560,a)"}
expect 413

### body: far over the limit is 413 without reading it all
POST /api/v1/login
{"username":"$repeat(3000000,u)"}
expect 413

### json: nested 8 deep is accepted
POST /api/v1/login
{"a":[[[[[[[1]]]]]]]}
expect 400
json .errors.username == "is required"

### json: nested 9 deep is refused before parsing
POST /api/v1/login
{"a":[[[[[[[[1]]]]]]]]}
expect 400
json .detail == "The JSON body is nested too deeply."
json .errors missing

### json: brackets inside strings do not count as nesting
as cm1
POST /api/v1/tokens
{"name":"[[[[[[[[[[[[{{{{{{{{{{{{\"[[["}
expect 201
json .name == "[[[[[[[[[[[[{{{{{{{{{{{{\"[[["


### json: a body that is not JSON is 400
as cm1
POST /api/v1/tokens
{"name":
expect 400
json .detail contains not a JSON object

### json: an array is not an object
as cm1
POST /api/v1/tokens
["name"]
expect 400
json .detail contains not an object

### json: a repeated member is refused
as cm1
POST /api/v1/tokens
{"name":"a","name":"b"}
expect 400

### field: longer than its bound (80) is a field error
as cm1
POST /api/v1/tokens
{"name":"$repeat(81,k)"}
expect 400
json .errors.name == "must be at most 80 characters"

### field: length is counted in characters, not bytes (80 Hangul syllables)
as cm1
POST /api/v1/tokens
{"name":"$repeat(80,한)"}
expect 201

### form: a form-encoded body is accepted too
as cm1
POST /api/v1/tokens
Content-Type: application/x-www-form-urlencoded

name=form+token
expect 201
json .name == "form token"

### media type: anything but JSON or a form is 415
as cm1
POST /api/v1/clients
Content-Type: text/csv

given_name,family_name
expect 415
header Content-Type == application/problem+json

### headers: 15 KiB of headers are fine
GET /healthz
X-Padding: $repeat(15000,p)
expect 200

### headers: more than 16 KiB is 431
GET /healthz
X-Padding: $repeat(17000,p)
expect 431

### path: an unknown API path is 404 as problem+json
as cm1
GET /api/v1/nope
expect 404
header Content-Type == application/problem+json
json .status == 404

### path: an unknown API version is 404
GET /api/v2/clients
expect 404

### path: a trailing segment is not a route
as cm1
GET /api/v1/clients/1/nothing
expect 404

### method: a known path with another method is 405 with Allow
as cm1
DELETE /api/v1/tasks
expect 405
header Allow == GET, POST
header Content-Type == application/problem+json

### version: a non-numeric If-Match counts as none: 428
as cm1
PUT /api/v1/clients/1
If-Match: abc
{"phone":"010-0000-0000"}
expect 428

### headers: security headers on an API response
as cm1
GET /api/v1/clients/1
expect 200
header Content-Security-Policy contains default-src 'self'
header Content-Security-Policy contains frame-ancestors 'none'
header X-Content-Type-Options == nosniff
header Cache-Control == no-store
header X-Request-Id exists
header Content-Type == application/json

### headers: security headers on an error
GET /api/v1/me
expect 401
header X-Content-Type-Options == nosniff
header X-Request-Id exists
json .request_id exists
