# Clients: search, create with duplicate detection and links, read by access level, versioned
# update, history and the access log.

### who is who: cm1
as cm1
GET /api/v1/me
expect 200
save cm1_id .id

### create: the required fields are field errors
as cm1
POST /api/v1/clients
{}
expect 400
json .errors.given_name == "is required"
json .errors.family_name == "is required"
json .errors.birth_date == "is required"
audit none

### create: bad values are field errors, each next to its field
as cm1
POST /api/v1/clients
{"given_name":7,"family_name":"Quorridge","birth_date":"2199-01-01","sex":"robot","email":"no-at-sign","identifiers":[{"kind":"x"}]}
expect 400
json .errors.given_name == "must be text"
json .errors.birth_date == "cannot be in the future"
json .errors.sex == "is not one of the allowed values"
json .errors.email == "must be an e-mail address"
json .errors.identifiers exists

### create: an impossible date is a field error
as cm1
POST /api/v1/clients
{"given_name":"Apitestina","family_name":"Quorridge","birth_date":"1990-02-30"}
expect 400
json .errors.birth_date == "must be a date YYYY-MM-DD"

### create: a name longer than its bound (100) is a field error
as cm1
POST /api/v1/clients
{"given_name":"$repeat(101,a)","family_name":"Quorridge","birth_date":"1960-02-29"}
expect 400
json .errors.given_name == "must be at most 100 characters"

### create: a new person is registered (201)
as cm1
POST /api/v1/clients
{"given_name":"Apitestina","family_name":"Quorridge","birth_date":"1960-02-29","sex":"female","language":"en","phone":"010-1234-5678","identifiers":[{"kind":"apitest","value":"AT-0001"}]}
expect 201
json .given_name == "Apitestina"
json .version == 1
save new1 .id
audit action=client.create outcome=ok client_id=$new1 staff=cm1

### create: an episode of care puts the registering case manager on the team
as cm1
POST /api/v1/clients/$new1/episodes
{"programme":"integrated_care","target_group":"severe"}
expect 201
json .primary_cm == $cm1_id
json .status == "intake"

### create: the same identifier is a likely duplicate: 409 with the candidate
as cm1
POST /api/v1/clients
{"given_name":"Somebody","family_name":"Else","birth_date":"1971-05-05","identifiers":[{"kind":"apitest","value":"AT-0001"}]}
expect 409
header Content-Type == application/problem+json
json .candidates length 1
json .candidates[0].id == $new1
json .candidates[0].why == "same identifier"

### create: a similar name with the same date of birth is a likely duplicate
as cm1
POST /api/v1/clients
{"given_name":"Apitestine","family_name":"Quorridge","birth_date":"1960-02-29"}
expect 409
json .candidates[*].id contains $new1
json .candidates[0].why == "similar name, same date of birth"

### create: the refused duplicate was not saved
as cm1
GET /api/v1/clients?q=Apitestine
expect 200
json .items length 0

### create: confirm_new registers the look-alike and links it, never merges
as cm1
POST /api/v1/clients
{"given_name":"Apitestine","family_name":"Quorridge","birth_date":"1960-02-29","confirm_new":true}
expect 201
save new2 .id

### create: the link is visible on the record (a link, not a merge)
as cm1
GET /api/v1/clients/$new1
expect 200
json .links[*].id contains $new2
json .links[0].reason == "similar name, same date of birth"
json .given_name == "Apitestina"

### create: a peer supporter may not register clients
as peer1
POST /api/v1/clients
{"given_name":"Peer","family_name":"Made","birth_date":"1980-01-01"}
expect 403

### create: an analyst may not register clients
as analyst1
POST /api/v1/clients
{"given_name":"Analyst","family_name":"Made","birth_date":"1980-01-01"}
expect 403

### search: by a fragment of the name
as cm1
GET /api/v1/clients?q=orrid
expect 200
json .items[*].id contains $new1
json .items[*].id contains $new2
json .items[0].birth_year == "1960"
json .items[0].birth_date missing
json .next == null
audit action=client.search outcome=ok staff=cm1

### search: by date of birth
as cm1
GET /api/v1/clients?birth_date=1960-02-29
expect 200
json .items[*].id contains $new1

### search: by identifier
as cm1
GET /api/v1/clients?identifier=D0000001
expect 200
json .items length 1
json .items[0].id == 1

### search: name and date of birth together narrow the result
as cm1
GET /api/v1/clients?q=Quorridge&birth_date=1999-01-01
expect 200
json .items length 0

### search: pagination: a page of 5 with a cursor
as cm1
GET /api/v1/clients?q=Kim&limit=5
expect 200
json .items length 5
json .items[*].id sorted
save page1_last .items[4].id
json .next != null
save page1_next .next

### search: pagination: the next page starts after the cursor
as cm1
GET /api/v1/clients?q=Kim&limit=5&after=$page1_next
expect 200
json .items length 5
json .items[0].id > $page1_last
json .items[*].id excludes $page1_last

### search: nothing to search for is a field error
as cm1
GET /api/v1/clients
expect 400
json .errors.q exists

### search: two letters are enough (the start of a word; tests/api/cases/24-search-korean.t has the rest)
as cm1
GET /api/v1/clients?q=ab
expect 200

### search: more than six words is a field error
as cm1
GET /api/v1/clients?q=a%20b%20c%20d%20e%20f%20g
expect 400
json .errors.q contains "six words"

### search: a bad date of birth is a field error
as cm1
GET /api/v1/clients?birth_date=1999-02-30
expect 400
json .errors.birth_date exists

### search: a peer supporter finds only the clients assigned to them
as peer1
GET /api/v1/clients?identifier=D0000002
expect 200
json .items length 0

### search: a peer supporter finds their own client
as peer1
GET /api/v1/clients?identifier=D0000001
expect 200
json .items length 1

### search: a care-desk officer of another organisation does not find Riverside clients
as desk1
GET /api/v1/clients?identifier=D0000001
expect 200
json .items length 0

### search: a case manager of another organisation does not find Riverside clients
as cm4
GET /api/v1/clients?q=orrid
expect 200
json .items[*].id excludes $new1

### search: an analyst has no access to client records
as analyst1
GET /api/v1/clients?q=Kim
expect 403

### search: an administrator has no access to client records
as admin
GET /api/v1/clients?q=Kim
expect 403

### get: the full record for the care team
as cm1
GET /api/v1/clients/1
expect 200
header Cache-Control == no-store
json .access.level == "full"
json .access.break_glass == false
json .birth_date exists
json .address exists
json .identifiers[*].value contains "D0000001"
json .life_stage exists
json .programmes[0].programme exists
audit action=client.read outcome=ok client_id=1 staff=cm1

### get: only what is needed to find the client for the same organisation without a relationship
as cm1
GET /api/v1/clients/2
expect 200
json .access.level == "find"
json .birth_year exists
json .birth_date missing
json .address missing
json .phone missing
json .identifiers missing
json .programmes length 1
audit action=client.read_limited outcome=ok client_id=2 staff=cm1

### get: an unknown client is 404
as cm1
GET /api/v1/clients/999999
expect 404
json .detail == "No such client."

### get: an id that is not a positive integer is not a route
as cm1
GET /api/v1/clients/0
expect 404

### update: without If-Match is 428 and changes nothing
as cm1
PUT /api/v1/clients/$new1
{"phone":"010-0000-0000"}
expect 428
json .status == 428

### update: with the current version
as cm1
PUT /api/v1/clients/$new1
If-Match: 1
{"phone":"010-2222-3333","preferred_name":"Tina"}
expect 200
json .version == 2
json .phone == "010-2222-3333"
json .preferred_name == "Tina"
audit action=client.update outcome=ok client_id=$new1

### update: a stale version is 409 with the current version
as cm1
PUT /api/v1/clients/$new1
If-Match: 1
{"phone":"010-9999-9999"}
expect 409
json .current_version == 2
json .detail contains version 2 is current

### update: the refused change left the record as it was
as cm1
GET /api/v1/clients/$new1
expect 200
json .phone == "010-2222-3333"
json .version == 2

### update: a quoted entity tag is accepted as the version
as cm1
PUT /api/v1/clients/$new1
If-Match: "2"
{"language":"ko"}
expect 200
json .version == 3

### update: bad fields are 400 and nothing changes
as cm1
PUT /api/v1/clients/$new1
If-Match: 3
{"given_name":"","email":"nope","family_name":"$repeat(101,z)"}
expect 400
json .errors.given_name == "is required"
json .errors.email == "must be an e-mail address"
json .errors.family_name == "must be at most 100 characters"

### update: ... the version did not move
as cm1
GET /api/v1/clients/$new1
expect 200
json .version == 3
json .given_name == "Apitestina"

### update: an unknown client is 404
as cm1
PUT /api/v1/clients/999999
If-Match: 1
{"phone":"010-0000-0000"}
expect 404

### history: every earlier version, newest first, with who changed it
as cm1
GET /api/v1/clients/$new1/history
expect 200
json .items length 2
json .items[0].version == 2
json .items[1].version == 1
json .items[0].changed_by == "Minji Kim"
json .items[1].data contains 010-1234-5678
audit action=client.history outcome=ok client_id=$new1

### history: an unknown client is 404
as cm1
GET /api/v1/clients/999999/history
expect 404

### access log: who saw and changed the record
as cm1
GET /api/v1/clients/$new1/access-log
expect 200
json .items[*].action contains "client.create"
json .items[*].action contains "client.update"
json .items[*].action contains "client.read"
json .items[0].staff exists
audit action=client.access_log outcome=ok client_id=$new1

### access log: an unknown client is 404
as cm1
GET /api/v1/clients/999999/access-log
expect 404

### routes: DELETE on a client is not allowed
as cm1
DELETE /api/v1/clients/1
expect 405
header Allow == GET, PUT

### search: a two-syllable word is a search like any other (no client of this file has it)
as cm1
GET /api/v1/clients?q=%EB%AF%BC%EC%A7%80
expect 200

### search: family and given name written together find the client (Korean order)
as cm1
POST /api/v1/clients
{"given_name":"Minji","family_name":"Seoyoon","birth_date":"1991-03-04","confirm_new":true}
expect 201
save together_id .id

### search: the joined name finds them
as cm1
GET /api/v1/clients?q=SeoyoonMinji
expect 200
json .items[*].id contains $together_id

### search: looking up duplicates of another organisation's client shows no name, and is audited
as cm4
POST /api/v1/clients
{"given_name":"Minji","family_name":"Seoyoon","birth_date":"1991-03-04"}
expect 409
json .candidates[0].other_organisation == true
json .candidates[0].given_name missing
audit action=client.duplicate_check client_id=$together_id
