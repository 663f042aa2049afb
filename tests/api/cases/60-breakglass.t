# Break-glass: emergency access to a client outside one's relationship, with a typed reason, a time
# limit, an audit record and the supervisor's review list. Client 8 is cm2's (demo: clients 1..36
# go to cm1, cm2, cm3 in turn), a Riverside client not on cm1's team.

### assumption: client 8 is on cm2's team
as cm2
GET /api/v1/clients/8
expect 200
json .access.level == "full"

### assumption: cm2 records a restricted note on client 8
as cm2
POST /api/v1/clients/8/contacts
{"kind":"office","at":"2025-02-02T09:00","domains":["mental_health_treatment"],"body":"Trauma history discussed; kept restricted.","restricted":true}
expect 201
save rnote8 .id

### before: cm1 sees only what is needed to find client 8
as cm1
GET /api/v1/clients/8
expect 200
json .access.level == "find"
json .address missing

### before: cm1 is refused client 8's notes, and the denial is audited
as cm1
GET /api/v1/clients/8/contacts
expect 403
json .detail == "You are not on this client's care team."
audit action=contact.list outcome=denied client_id=8 staff=cm1

### before: cm1 is refused client 8's episodes, and the denial is audited
as cm1
GET /api/v1/clients/8/episodes
expect 403
audit action=episode.list outcome=denied client_id=8 staff=cm1

### open: a reason shorter than 10 characters is refused
as cm1
POST /api/v1/clients/8/break-glass
{"reason":"urgent"}
expect 400
json .errors.reason == "give the reason in 10 to 1000 characters"
audit none

### open: a blank reason does not count
as cm1
POST /api/v1/clients/8/break-glass
{"reason":"              "}
expect 400
json .errors.reason exists

### open: more than 12 hours is refused
as cm1
POST /api/v1/clients/8/break-glass
{"reason":"Client called in crisis at night.","hours":13}
expect 400
json .errors.hours == "must be a whole number from 1 to 12"

### open: hours beyond a 32-bit integer are refused, not wrapped around to 1 (issue 9 §1)
as cm1
POST /api/v1/clients/8/break-glass
{"reason":"Client called in crisis at night.","hours":4294967297}
expect 400
json .errors.hours == "must be a whole number from 1 to 12"
audit none

### open: hours as a string are refused, not read as a number
as cm1
POST /api/v1/clients/8/break-glass
{"reason":"Client called in crisis at night.","hours":"12"}
expect 400
json .errors.hours == "must be a whole number from 1 to 12"

### open: hours with a fraction are refused, not rounded
as cm1
POST /api/v1/clients/8/break-glass
{"reason":"Client called in crisis at night.","hours":1.5}
expect 400
json .errors.hours == "must be a whole number from 1 to 12"

### open: hours of 0 are refused (leave the field out for the default)
as cm1
POST /api/v1/clients/8/break-glass
{"reason":"Client called in crisis at night.","hours":0}
expect 400
json .errors.hours == "must be a whole number from 1 to 12"

### open: negative hours are refused
as cm1
POST /api/v1/clients/8/break-glass
{"reason":"Client called in crisis at night.","hours":-3}
expect 400
json .errors.hours == "must be a whole number from 1 to 12"

### open: hours true are refused
as cm1
POST /api/v1/clients/8/break-glass
{"reason":"Client called in crisis at night.","hours":true}
expect 400
json .errors.hours == "must be a whole number from 1 to 12"

### open: the web form refuses hours with a fraction, next to the field
as cm1
POST /clients/8/break-glass
Content-Type: application/x-www-form-urlencoded

reason=Client+called+in+crisis+at+night.&hours=1.5
expect 400
text contains must be a whole number from 1 to 12

### open: the web form refuses hours beyond a 32-bit integer
as cm1
POST /clients/8/break-glass
Content-Type: application/x-www-form-urlencoded

reason=Client+called+in+crisis+at+night.&hours=4294967297
expect 400
text contains must be a whole number from 1 to 12

### open: the web form refuses hours with trailing text
as cm1
POST /clients/8/break-glass
Content-Type: application/x-www-form-urlencoded

reason=Client+called+in+crisis+at+night.&hours=12abc
expect 400
text contains must be a whole number from 1 to 12

### open: the web form refuses 0 hours (not read as "the default")
as cm1
POST /clients/8/break-glass
Content-Type: application/x-www-form-urlencoded

reason=Client+called+in+crisis+at+night.&hours=0
expect 400
text contains must be a whole number from 1 to 12

### open: not needed for a client on one's own team
as cm1
POST /api/v1/clients/1/break-glass
{"reason":"Client called in crisis at night."}
expect 400
json .errors.reason contains not needed

### open: an unknown client is 404
as cm1
POST /api/v1/clients/999999/break-glass
{"reason":"Client called in crisis at night."}
expect 404

### open: a peer supporter may not break the glass
as peer1
POST /api/v1/clients/8/break-glass
{"reason":"Client called in crisis at night."}
expect 403

### open: an analyst may not break the glass
as analyst1
POST /api/v1/clients/8/break-glass
{"reason":"Client called in crisis at night."}
expect 403

### open: with a reason (201), four hours by default
as cm1
POST /api/v1/clients/8/break-glass
{"reason":"Client called in crisis at night; need the safety contacts."}
expect 201
json .client_id == 8
json .hours == 4
json .expires_at > "2000"
save bg .id
audit action=breakglass.open outcome=ok client_id=8 staff=cm1 reason="Client called in crisis at night; need the safety contacts."

### open: GET is not a method of break-glass on a client
as cm1
GET /api/v1/clients/8/break-glass
expect 405
header Allow == POST

### after: cm1 reads client 8 in full, marked as break-glass with its expiry
as cm1
GET /api/v1/clients/8
expect 200
json .access.level == "full"
json .access.break_glass == true
json .access.break_glass_expires != null
json .address exists
audit action=client.read outcome=ok client_id=8 staff=cm1

### after: cm1 reads client 8's notes, restricted ones stay closed
as cm1
GET /api/v1/clients/8/contacts
expect 200
json .items[*].id contains $rnote8
json .items[*].hidden contains true
json .items[*].body excludes "Trauma history discussed; kept restricted."
audit action=contact.list outcome=ok client_id=8 staff=cm1

### after: the restricted note itself stays closed under break-glass
as cm1
GET /api/v1/contacts/$rnote8
expect 200
json .hidden == true
json .body == null

### review list: the supervisor sees it
as sup
GET /api/v1/break-glass
expect 200
json .items[*].id contains $bg
json .items[0].id == $bg
json .items[0].staff_name == "Minji Kim"
json .items[0].reason == "Client called in crisis at night; need the safety contacts."
json .items[0].reviewed_at == null
audit action=breakglass.review_list outcome=ok staff=sup

### review list: pending only
as sup
GET /api/v1/break-glass?pending=1
expect 200
json .items[*].id contains $bg

### review list: a case manager may not see it
as cm1
GET /api/v1/break-glass
expect 403

### review: a case manager may not review
as cm1
POST /api/v1/break-glass/$bg/review
{"note":"Fine by me."}
expect 403

### review: a note is required
as sup
POST /api/v1/break-glass/$bg/review
{"note":"  "}
expect 400
json .errors.note == "is required"

### review: an unknown break-glass is 404
as sup
POST /api/v1/break-glass/999999/review
{"note":"Checked."}
expect 404

### review: the supervisor reviews it
as sup
POST /api/v1/break-glass/$bg/review
{"note":"Checked with cm1: crisis call, appropriate."}
expect 200
json .id == $bg
json .reviewed_by_name == "Sunhee Cho"
json .review_note == "Checked with cm1: crisis call, appropriate."
json .reviewed_at != null
audit action=breakglass.review outcome=ok client_id=8 staff=sup

### review: reviewing twice is 409
as sup
POST /api/v1/break-glass/$bg/review
{"note":"Again."}
expect 409

### review list: no longer pending
as sup
GET /api/v1/break-glass?pending=1
expect 200
json .items[*].id excludes $bg

### review list: still in the full list, reviewed
as sup
GET /api/v1/break-glass
expect 200
json .items[*].id contains $bg

### review: a supervisor's own break-glass needs another supervisor (a client of Eastgate)
as cm4
POST /api/v1/clients
{"given_name":"Eastina","family_name":"Glasscase","birth_date":"1966-06-06"}
expect 201
save eastc .id

### review: the supervisor breaks the glass on the Eastgate client
as sup
POST /api/v1/clients/$eastc/break-glass
{"reason":"Out-of-hours call from the police about this person.","hours":1}
expect 201
json .hours == 1
save bg_sup .id

### review: ... and may not review it themself
as sup
POST /api/v1/break-glass/$bg_sup/review
{"note":"Reviewing my own."}
expect 403

# Review across organisations (issue 9 §1): the client's organisation's supervisors review every
# break-glass on its clients, whoever opened it; the opener's organisation's supervisors see it too.
# Another organisation's opener is shown by organisation and role; the name only to whom the staff
# directory shows it (an administrator); a client of another organisation without its name.

### who is who: Eastgate
as cm4
GET /api/v1/me
expect 200
save bg_eastgate .org_id

### across: an Eastgate supervisor for this file
as admin
POST /api/v1/staff
{"username":"bg-esup","display_name":"Review Eastsup","role":"supervisor","discipline":"nurse","org_id":$bg_eastgate,"password":"hearth-demo-2026"}
expect 201

### across: a care-desk officer of Northside breaks the glass on Riverside's client 8
as desk1
POST /api/v1/clients/8/break-glass
{"reason":"Walk-in at the care desk, needs the case manager's number."}
expect 201
save bg_desk .id

### across: the Eastgate case manager breaks the glass on Riverside's client 9
as cm4
POST /api/v1/clients/9/break-glass
{"reason":"Found at the Eastgate clinic, confused; need the safety contacts."}
expect 201
save bg_east .id

### across: Riverside's supervisor reviews both (the client's organisation)
as sup
GET /api/v1/break-glass?pending=1
expect 200
json .items[*].id contains $bg_desk
json .items[*].id contains $bg_east

### across: the opener's organisation and role are shown, not another organisation's name
as sup
GET /api/v1/break-glass?pending=1&limit=1
expect 200
json .items[0].id == $bg_east
json .items[0].staff_role == "case_manager"
json .items[0].staff_organisation == "Eastgate Public Health Centre"
json .items[0].staff_name == null
json .items[0].given_name != null

### across: Riverside's supervisor reviews the care desk's break-glass
as sup
POST /api/v1/break-glass/$bg_desk/review
{"note":"Called the care desk: they only needed cm2's number. Fine."}
expect 200
json .reviewed_by_name == "Sunhee Cho"
json .staff_organisation == "Northside Administrative Welfare Centre"
audit action=breakglass.review outcome=ok client_id=8 staff=sup

### across: the Eastgate supervisor sees their case manager's break-glass (the opener's organisation)
as bg-esup
GET /api/v1/break-glass?pending=1
expect 200
json .items[*].id contains $bg_east
json .items[*].id excludes $bg_desk

### across: ... without the name of Riverside's client, which they may not find
as bg-esup
GET /api/v1/break-glass?pending=1&limit=1
expect 200
json .items[0].id == $bg_east
json .items[0].client_id == 9
json .items[0].given_name == null
json .items[0].family_name == null
json .items[0].staff_name == "Mira Kwon"

### across: the Eastgate supervisor reviews the sup's break-glass on an Eastgate client
as bg-esup
POST /api/v1/break-glass/$bg_sup/review
{"note":"Police call about our client; checked with sup."}
expect 200
json .staff_organisation == "Riverside Mental Health Welfare Centre"

### across: a supervisor of neither organisation sees nothing of it (a Northside break-glass on Eastgate)
as desk1
POST /api/v1/clients/$eastc/break-glass
{"reason":"Came to the Northside desk asking for Eastgate's help."}
expect 201
save bg_ne .id

### across: ... Riverside's supervisor does not see it
as sup
GET /api/v1/break-glass
expect 200
json .items[*].id excludes $bg_ne

### across: ... nor may review it
as sup
POST /api/v1/break-glass/$bg_ne/review
{"note":"Not ours."}
expect 404

### across: ... Eastgate's supervisor does
as bg-esup
GET /api/v1/break-glass?pending=1
expect 200
json .items[*].id contains $bg_ne

### page: the review page shows another organisation's break-glass by organisation and role
as sup
GET /break-glass?all=1
expect 200
text contains Northside Administrative Welfare Centre
text contains Walk-in at the care desk
text excludes Soyeon Han

### page: ... and the Eastgate supervisor sees a Riverside client by number, not by name
as bg-esup
GET /break-glass?all=1
expect 200
text contains Found at the Eastgate clinic
text contains Client no. 9
