# Who looked at my record (issue 9 §1, §3): a page view is one audit record naming the sections it
# read (about ten before); an API read stays one record per read; a search is one record naming the
# clients it showed, and each of them finds it in their access report. Client 1 is cm1's.

### page view: the client page is one audit record
as cm1
GET /clients/1
expect 200
text contains id="client-name"
audit rows 1
audit action=client.view outcome=ok client_id=1 staff=cm1 entity=client entity_id=1 purpose=care

### page view: ... naming the sections read, in the client's access report (who, where, what, why)
as cm1
GET /api/v1/clients/1/access-log?limit=1
expect 200
json .items[0].action == "client.view"
json .items[0].sections[0] == "client.read"
json .items[0].sections contains "episode.list"
json .items[0].sections contains "contact.list"
json .items[0].sections contains "task.list"
json .items[0].staff == "Minji Kim"
json .items[0].role == "case_manager"
json .items[0].organisation == "Riverside Mental Health Welfare Centre"
json .items[0].purpose == "care"

### page view: a page of the record (its access log) is one record too
as cm1
GET /clients/1/access-log
expect 200
text contains Opened the record
text contains <span class="muted small sections">Read tasks · 
audit rows 1
audit action=client.view outcome=ok client_id=1 staff=cm1

### page view: the recently viewed list still knows the client
as cm1
GET /
expect 200
text contains id="recent"><li><a href="/clients/1">

### API: one record per read
as cm1
GET /api/v1/clients/1
expect 200
audit rows 1
audit action=client.read outcome=ok client_id=1 staff=cm1

### API: ... the list its own
as cm1
GET /api/v1/clients/1/contacts
expect 200
audit rows 1
audit action=contact.list outcome=ok client_id=1 staff=cm1

### API: ... and the access report gives no sections for it
as cm1
GET /api/v1/clients/1/access-log?limit=1
expect 200
json .items[0].action == "contact.list"
json .items[0].sections == null

### search: the API search is one record, its purpose "search"
as cm1
GET /api/v1/clients?identifier=D0000001
expect 200
json .items[*].id contains 1
audit rows 1
audit action=client.search outcome=ok client_id=null staff=cm1 purpose=search detail={"clients":[1]}

### search: ... found in the access report of the client it showed
as cm1
GET /api/v1/clients/1/access-log?limit=1
expect 200
json .items[0].action == "client.search"
json .items[0].purpose == "search"
json .items[0].staff == "Minji Kim"
json .items[0].sections == null

### search: ... not in the report of a client it did not show
as cm2
GET /api/v1/clients/2/access-log?limit=1
expect 200
json .items[*].action excludes "client.search"

### search: a search by name lists each client shown
as cm1
GET /api/v1/clients?q=Xiaoling
expect 200
json .items[*].id contains 1
save shown_count .items
audit rows 1
audit action=client.search outcome=ok staff=cm1

### search: the search page writes the same record
as cm1
GET /clients?q=Xiaoling
expect 200
text contains /clients/1"
audit rows 1
audit action=client.search outcome=ok staff=cm1 purpose=search

### search: ... which client 1's access log page shows
as cm1
GET /clients/1/access-log
expect 200
text contains Saw the client in search results
