# Every route of the API route tables (src/api/account.c, src/api/records.c): without credentials each
# one is 401 (except login, healthz and metrics), and each path answers another method with 405 and Allow.
# Unsafe requests carry If-Match so that 401 is the first answer, not 428.

### 401 without credentials: POST /api/v1/logout
POST /api/v1/logout
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/me
GET /api/v1/me
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: POST /api/v1/me/password
POST /api/v1/me/password
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: POST /api/v1/tokens
POST /api/v1/tokens
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/orgs
GET /api/v1/orgs
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: POST /api/v1/orgs
POST /api/v1/orgs
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/staff
GET /api/v1/staff
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: POST /api/v1/staff
POST /api/v1/staff
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/staff/1
GET /api/v1/staff/1
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: PATCH /api/v1/staff/1
PATCH /api/v1/staff/1
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/clients
GET /api/v1/clients?q=Kim
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: POST /api/v1/clients
POST /api/v1/clients
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/clients/1
GET /api/v1/clients/1
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: PUT /api/v1/clients/1
PUT /api/v1/clients/1
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/clients/1/history
GET /api/v1/clients/1/history
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/clients/1/access-log
GET /api/v1/clients/1/access-log
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/clients/1/episodes
GET /api/v1/clients/1/episodes
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: POST /api/v1/clients/1/episodes
POST /api/v1/clients/1/episodes
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: PATCH /api/v1/episodes/1
PATCH /api/v1/episodes/1
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: POST /api/v1/episodes/1/team
POST /api/v1/episodes/1/team
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: DELETE /api/v1/team-members/1
DELETE /api/v1/team-members/1
If-Match: 1
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/clients/1/contacts
GET /api/v1/clients/1/contacts
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: POST /api/v1/clients/1/contacts
POST /api/v1/clients/1/contacts
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/contacts/1
GET /api/v1/contacts/1
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: POST /api/v1/contacts/1/corrections
POST /api/v1/contacts/1/corrections
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/tasks
GET /api/v1/tasks
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: POST /api/v1/tasks
POST /api/v1/tasks
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/clients/1/tasks
GET /api/v1/clients/1/tasks
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: POST /api/v1/clients/1/tasks
POST /api/v1/clients/1/tasks
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: PATCH /api/v1/tasks/1
PATCH /api/v1/tasks/1
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/my-clients
GET /api/v1/my-clients
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: POST /api/v1/clients/1/break-glass
POST /api/v1/clients/1/break-glass
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: GET /api/v1/break-glass
GET /api/v1/break-glass
expect 401
header Content-Type == application/problem+json
audit none

### 401 without credentials: POST /api/v1/break-glass/1/review
POST /api/v1/break-glass/1/review
If-Match: 1
{}
expect 401
header Content-Type == application/problem+json
audit none

### 405 with Allow: GET /api/v1/logout
GET /api/v1/logout
expect 405
header Allow == POST

### 405 with Allow: POST /api/v1/me
POST /api/v1/me
expect 405
header Allow == GET, PATCH

### 405 with Allow: GET /api/v1/me/password
GET /api/v1/me/password
expect 405
header Allow == POST

### 405 with Allow: PUT /api/v1/tokens (GET lists one's tokens since issue 9)
PUT /api/v1/tokens
expect 405
header Allow == POST, GET

### 405 with Allow: GET /api/v1/tokens/1
GET /api/v1/tokens/1
expect 405
header Allow == DELETE

### 405 with Allow: DELETE /api/v1/staff
DELETE /api/v1/staff
expect 405
header Allow == GET, POST

### 405 with Allow: PUT /api/v1/staff/1
PUT /api/v1/staff/1
expect 405
header Allow == GET, PATCH

### 405 with Allow: PATCH /api/v1/clients
PATCH /api/v1/clients
expect 405
header Allow == GET, POST

### 405 with Allow: POST /api/v1/clients/1/history
POST /api/v1/clients/1/history
expect 405
header Allow == GET

### 405 with Allow: POST /api/v1/clients/1/access-log
POST /api/v1/clients/1/access-log
expect 405
header Allow == GET

### 405 with Allow: PUT /api/v1/clients/1/episodes
PUT /api/v1/clients/1/episodes
expect 405
header Allow == GET, POST

### 405 with Allow: GET /api/v1/episodes/1/team
GET /api/v1/episodes/1/team
expect 405
header Allow == POST

### 405 with Allow: GET /api/v1/team-members/1
GET /api/v1/team-members/1
expect 405
header Allow == DELETE

### 405 with Allow: PUT /api/v1/clients/1/contacts
PUT /api/v1/clients/1/contacts
expect 405
header Allow == GET, POST

### 405 with Allow: GET /api/v1/contacts/1/corrections
GET /api/v1/contacts/1/corrections
expect 405
header Allow == POST

### 405 with Allow: PUT /api/v1/clients/1/tasks
PUT /api/v1/clients/1/tasks
expect 405
header Allow == GET, POST

### 405 with Allow: POST /api/v1/my-clients
POST /api/v1/my-clients
expect 405
header Allow == GET

### 405 with Allow: POST /api/v1/break-glass
POST /api/v1/break-glass
expect 405
header Allow == GET

### 405 with Allow: GET /api/v1/break-glass/1/review
GET /api/v1/break-glass/1/review
expect 405
header Allow == POST
