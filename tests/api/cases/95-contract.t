# The API's contract: the OpenAPI document, and the list envelope's paging.
# tests/api/contract.mjs (make check) validates the document served here with swagger-parser and
# every response of these cases against it.

### who is who
as cm1
GET /api/v1/me
expect 200
save cm1_id .id

### openapi: the document is served without logging in
GET /api/v1/openapi.json
expect 200
header content-type contains application/json
json .openapi == "3.1.0"
json .info.title == "Hearth API"
text contains "/api/v1/clients/{id}/contacts":{"get":
audit none

### openapi: a list is described as the envelope, paged with after and limit
GET /api/v1/openapi.json
expect 200
json .components.parameters.after.in == "query"
json .components.parameters.limit.schema.maximum == 200
json .components.responses.Problem.description exists
text contains "application/problem+json"

### openapi: a route's own query parameters are described with it (a route reads no other)
GET /api/v1/openapi.json
expect 200
text contains {"description":"Only this organisation (administrators)","in":"query","name":"org_id","required":false,"schema":{"type":"integer"}}
text contains {"description":"The date of birth","in":"query","name":"birth_date","required":false,"schema":{"format":"date","type":"string"}}
text contains "in":"query","name":"pending","required":false

### paging: a client with 7 contacts (5 more)
as cm1
POST /api/v1/clients
{"given_name":"Pagina","family_name":"Contactus","birth_date":"1977-07-07","confirm_new":true}
expect 201
save pc .id

### paging: an episode makes cm1 the primary case manager
as cm1
POST /api/v1/clients/$pc/episodes
{"programme":"integrated_care","target_group":"severe","primary_cm":$cm1_id,"start_date":"2026-01-01"}
expect 201

### paging: contact 1 of 7
as cm1
POST /api/v1/clients/$pc/contacts
{"kind":"phone","at":"2025-03-01T09:00","duration_min":5,"domains":["housing"],"body":"Paging note 1."}
expect 201
save c1 .id

### paging: contact 2 of 7
as cm1
POST /api/v1/clients/$pc/contacts
{"kind":"phone","at":"2025-03-01T10:00","duration_min":5,"domains":["housing"],"body":"Paging note 2."}
expect 201
save c2 .id

### paging: contact 3 of 7
as cm1
POST /api/v1/clients/$pc/contacts
{"kind":"phone","at":"2025-03-01T11:00","duration_min":5,"domains":["housing"],"body":"Paging note 3."}
expect 201
save c3 .id

### paging: contact 4 of 7
as cm1
POST /api/v1/clients/$pc/contacts
{"kind":"phone","at":"2025-03-01T12:00","duration_min":5,"domains":["housing"],"body":"Paging note 4."}
expect 201
save c4 .id

### paging: contact 5 of 7
as cm1
POST /api/v1/clients/$pc/contacts
{"kind":"phone","at":"2025-03-01T12:00","duration_min":5,"domains":["housing"],"body":"Paging note 5."}
expect 201
save c5 .id

### paging: contact 6 of 7
as cm1
POST /api/v1/clients/$pc/contacts
{"kind":"phone","at":"2025-03-01T13:00","duration_min":5,"domains":["housing"],"body":"Paging note 6."}
expect 201
save c6 .id

### paging: contact 7 of 7
as cm1
POST /api/v1/clients/$pc/contacts
{"kind":"phone","at":"2025-03-01T13:00","duration_min":5,"domains":["housing"],"body":"Paging note 7."}
expect 201
save c7 .id

### paging: without a limit, one page holds all seven, newest first
as cm1
GET /api/v1/clients/$pc/contacts
expect 200
json .items length 7
json .next == null
json .items[0].id == $c7
json .items[6].id == $c1
audit action=contact.list outcome=ok client_id=$pc staff=cm1

### paging: page 1 of 3 (limit=3): the three newest
as cm1
GET /api/v1/clients/$pc/contacts?limit=3
expect 200
json .items length 3
json .items[0].id == $c7
json .items[1].id == $c6
json .items[2].id == $c5
json .next != null
save page2 .next

### paging: page 2 starts right after page 1, also inside two contacts of the same time (4 and 5)
as cm1
GET /api/v1/clients/$pc/contacts?limit=3&after=$page2
expect 200
json .items length 3
json .items[0].id == $c4
json .items[1].id == $c3
json .items[2].id == $c2
json .next != null
save page3 .next

### paging: page 3 is the last: the oldest contact, and no next
as cm1
GET /api/v1/clients/$pc/contacts?limit=3&after=$page3
expect 200
json .items length 1
json .items[0].id == $c1
json .next == null

### paging: a cursor does not let through what access refuses (cm4, another organisation)
as cm4
GET /api/v1/clients/$pc/contacts?limit=3&after=$page2
expect 403

### paging: the client page's older contacts, a page of them (HTML)
as cm1
GET /clients/$pc/contacts?after=$page2
expect 200
text contains data-contact-id="$c4"
text contains data-contact-id="$c1"
text excludes data-contact-id="$c7"

### paging: a cursor that no list gave is a 400 problem naming the field
as cm1
GET /api/v1/clients/$pc/contacts?after=not-a-cursor!
expect 400
header content-type contains application/problem+json
json .errors.after exists
json .status == 400

### paging: a well-formed cursor of the wrong shape (an empty list) is refused the same way
as cm1
GET /api/v1/clients/$pc/contacts?after=W10
expect 400
json .errors.after exists

### paging: a search cursor of the wrong shape is refused too
as cm1
GET /api/v1/clients?q=Pagina&after=WyJ4Il0
expect 400
json .errors.after exists

### paging: limit 0 is refused
as cm1
GET /api/v1/clients/$pc/contacts?limit=0
expect 400
json .errors.limit exists

### paging: limit above the maximum (200) is refused
as cm1
GET /api/v1/tasks?limit=201
expect 400
json .errors.limit exists

### paging: limit must be a number
as cm1
GET /api/v1/my-clients?limit=ten
expect 400

### access log: page 1 of "who looked at my record", two entries
as cm1
GET /api/v1/clients/$pc/access-log?limit=2
expect 200
json .items length 2
json .items[*].seq sorted desc
json .next != null
save log_last .items[1].seq
save log_next .next

### access log: page 2 continues with older entries
as cm1
GET /api/v1/clients/$pc/access-log?limit=2&after=$log_next
expect 200
json .items length 2
json .items[0].seq < $log_last
json .items[*].seq sorted desc

### access log: the whole log is reachable: the registration is the oldest entry of the last page
as cm1
GET /api/v1/clients/$pc/access-log?limit=200
expect 200
json .next == null
json .items[-1].action == "client.create"

### every list answers the envelope: organisations (administrator)
as admin
GET /api/v1/orgs?limit=1
expect 200
json .items length 1
json .next != null
save org_next .next

### every list answers the envelope: the next organisation
as admin
GET /api/v1/orgs?limit=1&after=$org_next
expect 200
json .items length 1
json .items[0].id exists
