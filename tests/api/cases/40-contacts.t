# Contacts and notes: record, read, restricted notes, corrections as new versions with history.
# Client 1 is on cm1's team with psy1, nurse1 and peer1, and has a restricted note by psy1.

### who is who: cm1
as cm1
GET /api/v1/me
expect 200
save cm1_id .id

### list: the care team's case manager reads restricted notes
as cm1
GET /api/v1/clients/1/contacts
expect 200
json .items[*].restricted contains 1
json .items[*].hidden excludes true
json .items[*].body excludes null
json .items[0].domains[0] exists
audit action=contact.list outcome=ok client_id=1 staff=cm1

### list: a peer supporter on the same team lists only the notes they wrote (issue 11 §4): not psy1's restricted one
as peer1
GET /api/v1/clients/1/contacts
expect 200
json .items[*].restricted excludes 1
json .items[*].staff_name excludes "Psy One"
audit action=contact.list outcome=ok client_id=1 staff=peer1

### list: a nurse on the team reads restricted notes
as nurse1
GET /api/v1/clients/1/contacts
expect 200
json .items[*].hidden excludes true

### list: an unknown client is 404
as cm1
GET /api/v1/clients/999999/contacts
expect 404

### create: missing fields are field errors
as cm1
POST /api/v1/clients/1/contacts
{}
expect 400
json .errors.kind == "is required"
json .errors.at == "is required"
json .errors.domains exists
json .errors.body == "is required"
audit none

### create: bad values are field errors
as cm1
POST /api/v1/clients/1/contacts
{"kind":"seance","at":"yesterday","domains":["astrology"],"duration_min":5000,"body":"x","episode_id":999999}
expect 400
json .errors.kind == "is not one of the allowed values"
json .errors.at exists
json .errors.domains == "contains a value that is not a service domain"
json .errors.duration_min == "must be between 0 and 1440"
json .errors.episode_id == "is not an episode of this client"

### create: a contact more than a day in the future is refused
as cm1
POST /api/v1/clients/1/contacts
{"kind":"phone","at":"2199-01-01T10:00","domains":["housing"],"body":"Not yet."}
expect 400
json .errors.at == "cannot be more than a day in the future"

### create: a note longer than its bound (20000) is refused
as cm1
POST /api/v1/clients/1/contacts
{"kind":"phone","at":"2025-01-15T10:30","domains":["housing"],"body":"$repeat(20001,n)"}
expect 400
json .errors.body == "must be at most 20000 characters"

### create: a home visit (201)
as cm1
POST /api/v1/clients/1/contacts
{"kind":"home_visit","at":"2025-01-15T10:30","duration_min":45,"domains":["housing","mental_health_treatment"],"body":"Visited at home; talked about the lease."}
expect 201
json .kind == "home_visit"
json .at == "2025-01-15T10:30:00Z"
json .duration_min == 45
json .domains == ["housing","mental_health_treatment"]
json .staff_id == $cm1_id
json .hidden == false
json .supersedes == null
save note1 .id
audit action=contact.create outcome=ok client_id=1 entity=contact entity_id=$note1

### create: domains as a comma-separated list, repeats dropped
as cm1
POST /api/v1/clients/1/contacts
{"kind":"phone","at":"2025-01-15T11:00","domains":"housing, housing ,peer_support","body":"Short call."}
expect 201
json .domains == ["housing","peer_support"]

### create: a restricted note
as cm1
POST /api/v1/clients/1/contacts
{"kind":"office","at":"2025-01-16T09:00","domains":["mental_health_treatment"],"body":"Discussed substance use: confidential.","restricted":true}
expect 201
json .restricted == 1
json .hidden == false
save rnote .id

### create: an unknown client is 404
as cm1
POST /api/v1/clients/999999/contacts
{"kind":"phone","at":"2025-01-15T11:00","domains":["housing"],"body":"x"}
expect 404

### read: a psychiatrist on the team reads the restricted note
as psy1
GET /api/v1/contacts/$rnote
expect 200
json .body contains confidential
json .hidden == false

### read: a peer supporter on the same team may not read another worker's note (403, audited)
as peer1
GET /api/v1/contacts/$rnote
expect 403
json .detail == "You may read only the notes you wrote about this client."
text excludes confidential
audit action=contact.read outcome=denied client_id=1 staff=peer1

### read: one contact with its history
as cm1
GET /api/v1/contacts/$note1
expect 200
json .id == $note1
json .history length 1
audit action=contact.read outcome=ok client_id=1 entity_id=$note1

### read: an unknown contact is 404
as cm1
GET /api/v1/contacts/999999
expect 404

### read: a case manager of another organisation is refused, and the denial is audited
as cm4
GET /api/v1/contacts/$note1
expect 403
audit action=contact.read outcome=denied client_id=1 staff=cm4

### correct: the reason is required
as cm1
POST /api/v1/contacts/$note1/corrections
{"duration_min":30}
expect 400
json .errors.correction_reason == "is required"

### correct: a correction is a new version; fields not sent are carried over
as cm1
POST /api/v1/contacts/$note1/corrections
{"correction_reason":"Wrong duration","duration_min":30}
expect 201
json .id != $note1
json .supersedes == $note1
json .duration_min == 30
json .body == "Visited at home; talked about the lease."
json .domains == ["housing","mental_health_treatment"]
json .correction_reason == "Wrong duration"
save note2 .id
audit action=contact.correct outcome=ok client_id=1 entity_id=$note2

### correct: the old version stays readable, with the whole history
as cm1
GET /api/v1/contacts/$note1
expect 200
json .superseded_by == $note2
json .duration_min == 45
json .history length 2
json .history[0].id == $note1
json .history[1].id == $note2

### correct: the list shows only the newest version
as cm1
GET /api/v1/clients/1/contacts
expect 200
json .items[*].id contains $note2
json .items[*].id excludes $note1

### correct: correcting an old version again is 409
as cm1
POST /api/v1/contacts/$note1/corrections
{"correction_reason":"Again","duration_min":20}
expect 409
json .superseded_by == $note2

### correct: another member of the team may not correct cm1's note (audited)
as psy1
POST /api/v1/contacts/$note2/corrections
{"correction_reason":"I think it was shorter","duration_min":10}
expect 403
audit action=contact.correct outcome=denied client_id=1 staff=psy1

### correct: a peer supporter may not correct a restricted note they cannot read
as peer1
POST /api/v1/contacts/$rnote/corrections
{"correction_reason":"Typo","body":"changed"}
expect 403

### correct: a supervisor may correct anyone's note
as sup
POST /api/v1/contacts/$note2/corrections
{"correction_reason":"Supervisor review: wrong kind","kind":"office"}
expect 201
json .supersedes == $note2
json .kind == "office"
save note3 .id

### correct: the history now has three versions, oldest first
as cm1
GET /api/v1/contacts/$note3
expect 200
json .history length 3
json .history[*].id == [$note1,$note2,$note3]

### correct: an unknown contact is 404
as cm1
POST /api/v1/contacts/999999/corrections
{"correction_reason":"x"}
expect 404

### routes: PUT is not a method of a contact (notes are corrected, never edited)
as cm1
PUT /api/v1/contacts/$note1
If-Match: 1
{"body":"edited"}
expect 405
header Allow == GET

# Issue 9 §1: everything of a restricted note that its reader may not see is hidden: the text, the
# reason it was corrected (which often says what the text said), and the earlier versions of a note
# that was corrected into a restricted one.

### restricted: cm1 corrects the restricted note with a reason that tells what it says
as cm1
POST /api/v1/contacts/$rnote/corrections
{"correction_reason":"Named the substance: LEAKWORD, not alcohol"}
expect 201
json .restricted == 1
json .correction_reason contains LEAKWORD
save rnote2 .id

### restricted: the peer supporter's list does not show the correction (another worker's note)
as peer1
GET /api/v1/clients/1/contacts?limit=200
expect 200
json .items[*].id excludes $rnote2
text excludes LEAKWORD

### restricted: the peer supporter may not read the correction
as peer1
GET /api/v1/contacts/$rnote2
expect 403
text excludes LEAKWORD

### restricted: the case manager still reads the reason
as cm1
GET /api/v1/contacts/$rnote2
expect 200
json .correction_reason contains LEAKWORD

### restricted: the peer supporter's notes page does not show the reason
as peer1
GET /clients/1/contacts
expect 200
text excludes LEAKWORD

### restricted: nor does the contact's page (forbidden)
as peer1
GET /contacts/$rnote2
expect 403
text excludes LEAKWORD

### restricted: a note written openly, to be corrected into a restricted one
as cm1
POST /api/v1/clients/1/contacts
{"kind":"phone","at":"2025-01-17T09:00","domains":["mental_health_treatment"],"body":"EARLYTEXT: said more than was meant."}
expect 201
save pnote .id

### restricted: corrected into a restricted note
as cm1
POST /api/v1/contacts/$pnote/corrections
{"correction_reason":"Should have been restricted","restricted":true}
expect 201
json .restricted == 1
save pnote2 .id

### restricted: the peer supporter does not read the earlier, open version through the history
as peer1
GET /api/v1/contacts/$pnote2
expect 403
text excludes EARLYTEXT

### restricted: nor by asking for the earlier version itself
as peer1
GET /api/v1/contacts/$pnote
expect 403
text excludes EARLYTEXT

### restricted: nor on its page
as peer1
GET /contacts/$pnote
expect 403
text excludes EARLYTEXT
