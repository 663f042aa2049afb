# Consent by purpose (issue 10 §3): a client lets other organisations see classes of their data for
# a purpose, from a day until a day or until withdrawn. core/access.c reads it: another
# organisation's staff see the client only through an active consent whose purpose fits their role
# (clinical roles: care coordination; housing coordinators: housing; peer supporters: peer
# support), only the classes granted, only to read, and each read is audited with purpose "shared"
# and the consent that allowed it. Withdrawal and expiry end access at once.
#
# Who records (core/consent.c): those who work with the client (the care team, the care desk on it).
#
# The access matrix at the end uses the relationships of matrix.t, made by tests/api/world.t.

### the world of the matrix (tests/api/world.t): staff co-*, clients named Sharewell, born in the 1960s
set world co
set world_name Sharewell
set world_decade 196
include who.t
include world.t

### without consent, Eastgate's case manager may not read the Riverside client
as cm4
GET /api/v1/clients/$team_client
expect 403
audit action=client.read outcome=denied client_id=$team_client staff=cm4

### cm1 records the client's written consent: Eastgate coordinates care, seeing identity and notes
as cm1
POST /api/v1/clients/$team_client/consents
{"purpose":"care_coordination","orgs":[$eastgate],"classes":["identity","notes"],"given_how":"written","note":"Signed on paper at the centre."}
expect 201
json .status == "active"
json .classes == ["identity","notes"]
json .orgs[0].id == $eastgate
json .ends_on == null
json .recorded_by == $cm1_id
save care_consent .id
save care_consent_v .version
audit action=consent.create outcome=ok client_id=$team_client staff=cm1

### now Eastgate's case manager reads the client, audited as shared through that consent
as cm4
GET /api/v1/clients/$team_client
expect 200
json .given_name == "Sharewell"
audit action=client.read outcome=ok client_id=$team_client staff=cm4 purpose=shared reason="consent $care_consent"

### and the notes
as cm4
GET /api/v1/clients/$team_client/contacts
expect 200
audit action=contact.list outcome=ok client_id=$team_client staff=cm4 purpose=shared

### but not the assessments: that class was not granted
as cm4
GET /api/v1/clients/$team_client/assessments
expect 403
audit action=assessment.list outcome=denied client_id=$team_client staff=cm4

### nor the risk flags
as cm4
GET /api/v1/clients/$team_client/flags
expect 403

### consent shares reading, never writing
as cm4
POST /api/v1/clients/$team_client/contacts
{"kind":"phone","occurred_at":"$time(-60)","note":"Should not be written."}
expect 403
audit action=contact.create outcome=denied client_id=$team_client staff=cm4

### the consent's purpose is care coordination: a housing coordinator of Eastgate's sort sees nothing
as co-hcm
GET /api/v1/clients/$team_client
expect 403

### a consent for housing lets Harbour's housing coordinators see identity
as cm1
POST /api/v1/clients/$team_client/consents
{"purpose":"housing","orgs":[$harbour],"classes":["identity"],"given_how":"verbal_witnessed","witness":"Nurse Kim, at the home visit"}
expect 201
json .witness == "Nurse Kim, at the home visit"
save housing_consent .id

### Harbour's case manager is not a housing coordinator: the housing purpose is not theirs
as co-hcm
GET /api/v1/clients/$team_client
expect 403

### the client's consents, newest first, each with its status
as cm1
GET /api/v1/clients/$team_client/consents
expect 200
json .items[0].id == $housing_consent
json .items[1].id == $care_consent
json .items[*].status contains "active"
audit action=consent.list outcome=ok client_id=$team_client staff=cm1

### one consent
as psy1
GET /api/v1/consents/$care_consent
expect 200
json .purpose == "care_coordination"
json .recorded_by_name exists

### an unknown consent
as cm1
GET /api/v1/consents/999999
expect 404

### bad input is named field by field
as cm1
POST /api/v1/clients/$team_client/consents
{"purpose":"marketing","orgs":[],"classes":["everything"],"given_how":"nodded"}
expect 400
json .errors.purpose exists
json .errors.orgs exists
text contains "classes[0]"
json .errors.given_how exists

### the client's own organisation needs no consent
as cm1
POST /api/v1/clients/$team_client/consents
{"purpose":"care_coordination","orgs":[$riverside],"classes":["identity"],"given_how":"written"}
expect 400
text contains "orgs[0]":"is the client's own organisation, which needs no consent"

### an organisation named twice, and one that does not exist
as cm1
POST /api/v1/clients/$team_client/consents
{"purpose":"care_coordination","orgs":[$eastgate,$eastgate,999999],"classes":["identity"],"given_how":"written"}
expect 400
text contains "orgs[1]":"is named twice"
text contains "orgs[2]":"is not an organisation"

### a verbal consent names its witness; a representative is named
as cm1
POST /api/v1/clients/$team_client/consents
{"purpose":"care_coordination","orgs":[$eastgate],"classes":["identity"],"given_how":"verbal_witnessed"}
expect 400
json .errors.witness == "name the witness of a verbal consent"

### an end before the start
as cm1
POST /api/v1/clients/$team_client/consents
{"purpose":"care_coordination","orgs":[$eastgate],"classes":["identity"],"given_how":"written","starts_on":"2026-05-01","ends_on":"2026-04-30"}
expect 400
json .errors.ends_on == "must not be before the start"

### a body that is not an object
as cm1
POST /api/v1/clients/$team_client/consents
[1,2]
expect 400

### withdrawing needs the version
as cm1
POST /api/v1/consents/$care_consent/withdraw
{"reason":"The client changed their mind."}
expect 428

### a stale version
as cm1
POST /api/v1/consents/$care_consent/withdraw
If-Match: 0
{"reason":"The client changed their mind."}
expect 409

### withdrawn at the client's word
as cm1
POST /api/v1/consents/$care_consent/withdraw
If-Match: $care_consent_v
{"reason":"The client changed their mind."}
expect 200
json .status == "withdrawn"
json .withdraw_reason == "The client changed their mind."
json .withdrawn_by == $cm1_id
save care_consent_v .version
audit action=consent.withdraw outcome=ok client_id=$team_client staff=cm1

### once only
as cm1
POST /api/v1/consents/$care_consent/withdraw
If-Match: $care_consent_v
{}
expect 409

### access through it ended at once, and the refusal is audited
as cm4
GET /api/v1/clients/$team_client
expect 403
audit action=client.read outcome=denied client_id=$team_client staff=cm4

### a consent that ended gives nothing: recorded late, it shows as expired
as cm1
POST /api/v1/clients/$team_client/consents
{"purpose":"care_coordination","orgs":[$eastgate],"classes":["identity","notes"],"given_how":"written","starts_on":"2025-01-01","ends_on":"2025-12-31"}
expect 201
json .status == "expired"

### and Eastgate still may not read
as cm4
GET /api/v1/clients/$team_client/contacts
expect 403

### one that starts next year gives nothing yet
as cm1
POST /api/v1/clients/$team_client/consents
{"purpose":"care_coordination","orgs":[$eastgate],"classes":["identity"],"given_how":"legal_representative","witness":"Park Jiho, guardian","starts_on":"2099-01-01"}
expect 201
json .status == "future"

### still nothing for Eastgate
as cm4
GET /api/v1/clients/$team_client
expect 403

### an analyst never reads a client's consents
as analyst1
GET /api/v1/clients/$team_client/consents
expect 403

### setup: a consent on each client of the matrix
as cm2
POST /api/v1/clients/$org_client/consents
{"purpose":"referral","orgs":[$eastgate],"classes":["identity"],"given_how":"written"}
expect 201
save org_consent .id

### setup: the consent on cm4's own client
as cm4
POST /api/v1/clients/$other_client/consents
{"purpose":"referral","orgs":[$riverside],"classes":["identity"],"given_how":"written"}
expect 201
save other_consent .id

### setup: the consent on the org client of cm4
as co-cm4b
POST /api/v1/clients/${org_client@cm4}/consents
{"purpose":"referral","orgs":[$riverside],"classes":["identity"],"given_how":"written"}
expect 201
save org_consent@cm4 .id

### setup: the consent on the org client of desk1
as co-ncm
POST /api/v1/clients/${org_client@desk1}/consents
{"purpose":"referral","orgs":[$riverside],"classes":["identity"],"given_how":"written"}
expect 201
save org_consent@desk1 .id

### setup: the consent on the org client of housing1
as co-hcm
POST /api/v1/clients/${org_client@housing1}/consents
{"purpose":"referral","orgs":[$riverside],"classes":["identity"],"given_how":"written"}
expect 201
save org_consent@housing1 .id

### setup: the team client's consent for the matrix
set team_consent $housing_consent
set team_consent@cm4 $other_consent
set other_consent@cm4 $org_consent

### the access matrix of consent
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag list json .items exists
tag one json .purpose exists
# (an analyst is refused by the routes' roles, before core/: no audit row)
# read and record: the care team (the care desk and housing on it too; the supervisor of an open
# episode) and the assigned peer supporter reads; never the organisation alone, another organisation, an administrator or an analyst.
# Writes are sent so that they change nothing once let through (an invalid body, a stale version).
team  GET  /api/v1/clients/{client}/consents | 403* 200+/list 200+/list 200+/list 200+/list 200+/list 200+/list 200+/list 403 200+/list
org   GET  /api/v1/clients/{client}/consents | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/clients/{client}/consents | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  GET  /api/v1/consents/{consent} | 403* 200+/one 200+/one 200+/one 200+/one 200+/one 200+/one 200+/one 403 200+/one
org   GET  /api/v1/consents/{consent} | 403* 200+/one 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/consents/{consent} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/clients/{client}/consents {} | 403* 400 400 400 400 403* 400 400 403 400
org   POST /api/v1/clients/{client}/consents {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/clients/{client}/consents {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/consents/{consent}/withdraw If-Match:0 {} | 403* 409 409 409 409 403* 409 409 403 409
org   POST /api/v1/consents/{consent}/withdraw If-Match:0 {} | 403* 409 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/consents/{consent}/withdraw If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
