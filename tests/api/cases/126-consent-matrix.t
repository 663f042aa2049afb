# Consent across organisations (issue 10 §3): what another organisation's staff may read of a client
# through consent, and what they may not: with an active consent (every class granted), without one,
# after withdrawal and after expiry; finding the client by name through consent; the client page
# showing only the sections of the classes granted; the client's access report naming the consent
# that let each access in. Every refusal is audited.
#
# The matrix's relationships (set up below, so that this file runs alone):
#   shared     Riverside's staff: SE, an Eastgate client whose consents let Riverside see every class
#              for care coordination and peer support, Northside for care coordination and Harbour
#              for housing; cm4 (Eastgate): SR, a Riverside client consenting to Eastgate for care
#              coordination. Whether a role reads through it is its purpose's (test_access_matrix:
#              consent_purposes_of_role): the care desk, administrators and analysts have none.
#   noconsent  NE / NR: the same, with no consent at all
#   withdrawn  WE / WR: the same consents, withdrawn
#   expired    XE / XR: the same consents, ended last year

include who.t

### setup cmx_SE: the client
as cm4
POST /api/v1/clients
{"given_name":"Cmx","family_name":"Sharedeast","birth_date":"1970-01-01"}
expect 201
save cmx_SE .id

### setup cmx_SE: an open episode, cm4 its primary case manager
as cm4
POST /api/v1/clients/${cmx_SE}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### setup cmx_SR: the client
as cm2
POST /api/v1/clients
{"given_name":"Cmx","family_name":"Sharedriver","birth_date":"1970-02-01"}
expect 201
save cmx_SR .id

### setup cmx_SR: an open episode, cm2 its primary case manager
as cm2
POST /api/v1/clients/${cmx_SR}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### setup cmx_SE_k0: consent for care_coordination
as cm4
POST /api/v1/clients/${cmx_SE}/consents
{"purpose":"care_coordination","orgs":[$riverside,$northside],"classes":["identity","notes","assessments","risk","hospital","care_plan","housing"],"given_how":"written"}
expect 201
save cmx_SE_k0 .id
save cmx_SE_k0_v .version

### setup cmx_SE_k1: consent for peer_support
as cm4
POST /api/v1/clients/${cmx_SE}/consents
{"purpose":"peer_support","orgs":[$riverside],"classes":["identity","notes","assessments","risk","hospital","care_plan","housing"],"given_how":"written"}
expect 201
save cmx_SE_k1 .id
save cmx_SE_k1_v .version

### setup cmx_SE_k2: consent for housing
as cm4
POST /api/v1/clients/${cmx_SE}/consents
{"purpose":"housing","orgs":[$harbour],"classes":["identity","notes","assessments","risk","hospital","care_plan","housing"],"given_how":"written"}
expect 201
save cmx_SE_k2 .id
save cmx_SE_k2_v .version

### setup cmx_SR_k0: consent for care_coordination
as cm2
POST /api/v1/clients/${cmx_SR}/consents
{"purpose":"care_coordination","orgs":[$eastgate],"classes":["identity","notes","assessments","risk","hospital","care_plan","housing"],"given_how":"written"}
expect 201
save cmx_SR_k0 .id
save cmx_SR_k0_v .version

### setup cmx_NE: the client
as cm4
POST /api/v1/clients
{"given_name":"Cmx","family_name":"Noconsenteast","birth_date":"1970-01-02"}
expect 201
save cmx_NE .id

### setup cmx_NE: an open episode, cm4 its primary case manager
as cm4
POST /api/v1/clients/${cmx_NE}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### setup cmx_NR: the client
as cm2
POST /api/v1/clients
{"given_name":"Cmx","family_name":"Noconsentriver","birth_date":"1970-02-02"}
expect 201
save cmx_NR .id

### setup cmx_NR: an open episode, cm2 its primary case manager
as cm2
POST /api/v1/clients/${cmx_NR}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### setup cmx_WE: the client
as cm4
POST /api/v1/clients
{"given_name":"Cmx","family_name":"Withdrawneast","birth_date":"1970-01-03"}
expect 201
save cmx_WE .id

### setup cmx_WE: an open episode, cm4 its primary case manager
as cm4
POST /api/v1/clients/${cmx_WE}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### setup cmx_WR: the client
as cm2
POST /api/v1/clients
{"given_name":"Cmx","family_name":"Withdrawnriver","birth_date":"1970-02-03"}
expect 201
save cmx_WR .id

### setup cmx_WR: an open episode, cm2 its primary case manager
as cm2
POST /api/v1/clients/${cmx_WR}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### setup cmx_WE_k0: consent for care_coordination
as cm4
POST /api/v1/clients/${cmx_WE}/consents
{"purpose":"care_coordination","orgs":[$riverside,$northside],"classes":["identity","notes","assessments","risk","hospital","care_plan","housing"],"given_how":"written"}
expect 201
save cmx_WE_k0 .id
save cmx_WE_k0_v .version

### setup cmx_WE_k1: consent for peer_support
as cm4
POST /api/v1/clients/${cmx_WE}/consents
{"purpose":"peer_support","orgs":[$riverside],"classes":["identity","notes","assessments","risk","hospital","care_plan","housing"],"given_how":"written"}
expect 201
save cmx_WE_k1 .id
save cmx_WE_k1_v .version

### setup cmx_WE_k2: consent for housing
as cm4
POST /api/v1/clients/${cmx_WE}/consents
{"purpose":"housing","orgs":[$harbour],"classes":["identity","notes","assessments","risk","hospital","care_plan","housing"],"given_how":"written"}
expect 201
save cmx_WE_k2 .id
save cmx_WE_k2_v .version

### setup cmx_WR_k0: consent for care_coordination
as cm2
POST /api/v1/clients/${cmx_WR}/consents
{"purpose":"care_coordination","orgs":[$eastgate],"classes":["identity","notes","assessments","risk","hospital","care_plan","housing"],"given_how":"written"}
expect 201
save cmx_WR_k0 .id
save cmx_WR_k0_v .version

### setup: withdraw cmx_WE_k0
as cm4
POST /api/v1/consents/$cmx_WE_k0/withdraw
If-Match: $cmx_WE_k0_v
{"reason":"The client withdrew it."}
expect 200
json .status == "withdrawn"

### setup: withdraw cmx_WE_k1
as cm4
POST /api/v1/consents/$cmx_WE_k1/withdraw
If-Match: $cmx_WE_k1_v
{"reason":"The client withdrew it."}
expect 200
json .status == "withdrawn"

### setup: withdraw cmx_WE_k2
as cm4
POST /api/v1/consents/$cmx_WE_k2/withdraw
If-Match: $cmx_WE_k2_v
{"reason":"The client withdrew it."}
expect 200
json .status == "withdrawn"

### setup: withdraw cmx_WR_k0
as cm2
POST /api/v1/consents/$cmx_WR_k0/withdraw
If-Match: $cmx_WR_k0_v
{"reason":"The client withdrew it."}
expect 200
json .status == "withdrawn"

### setup cmx_XE: the client
as cm4
POST /api/v1/clients
{"given_name":"Cmx","family_name":"Expiredeast","birth_date":"1970-01-04"}
expect 201
save cmx_XE .id

### setup cmx_XE: an open episode, cm4 its primary case manager
as cm4
POST /api/v1/clients/${cmx_XE}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### setup cmx_XR: the client
as cm2
POST /api/v1/clients
{"given_name":"Cmx","family_name":"Expiredriver","birth_date":"1970-02-04"}
expect 201
save cmx_XR .id

### setup cmx_XR: an open episode, cm2 its primary case manager
as cm2
POST /api/v1/clients/${cmx_XR}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### setup cmx_XE_k0: consent for care_coordination
as cm4
POST /api/v1/clients/${cmx_XE}/consents
{"purpose":"care_coordination","orgs":[$riverside,$northside],"classes":["identity","notes","assessments","risk","hospital","care_plan","housing"],"given_how":"written","starts_on":"2025-01-01","ends_on":"2025-12-31"}
expect 201
save cmx_XE_k0 .id
save cmx_XE_k0_v .version

### setup cmx_XE_k1: consent for peer_support
as cm4
POST /api/v1/clients/${cmx_XE}/consents
{"purpose":"peer_support","orgs":[$riverside],"classes":["identity","notes","assessments","risk","hospital","care_plan","housing"],"given_how":"written","starts_on":"2025-01-01","ends_on":"2025-12-31"}
expect 201
save cmx_XE_k1 .id
save cmx_XE_k1_v .version

### setup cmx_XE_k2: consent for housing
as cm4
POST /api/v1/clients/${cmx_XE}/consents
{"purpose":"housing","orgs":[$harbour],"classes":["identity","notes","assessments","risk","hospital","care_plan","housing"],"given_how":"written","starts_on":"2025-01-01","ends_on":"2025-12-31"}
expect 201
save cmx_XE_k2 .id
save cmx_XE_k2_v .version

### setup cmx_XR_k0: consent for care_coordination
as cm2
POST /api/v1/clients/${cmx_XR}/consents
{"purpose":"care_coordination","orgs":[$eastgate],"classes":["identity","notes","assessments","risk","hospital","care_plan","housing"],"given_how":"written","starts_on":"2025-01-01","ends_on":"2025-12-31"}
expect 201
save cmx_XR_k0 .id
save cmx_XR_k0_v .version

### setup: the ended consents show as expired
as cm2
GET /api/v1/consents/$cmx_XR_k0
expect 200
json .status == "expired"
json .days_left == null

### setup: the matrix's clients
set shared_client $cmx_SE
set shared_client@cm4 $cmx_SR
set noconsent_client $cmx_NE
set noconsent_client@cm4 $cmx_NR
set withdrawn_client $cmx_WE
set withdrawn_client@cm4 $cmx_WR
set expired_client $cmx_XE
set expired_client@cm4 $cmx_XR
### the cross-organisation matrix
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag full json .access.level == "full"
tag list json .items exists
# With an active consent that grants every class: each role reads what it would read on a care team
# (a peer supporter, whose own scope is narrower: what the shared rows name for peers, reads only),
# for the purpose of its role (the care desk, administrators and analysts have none), audited as
# shared; never tasks, consents, the access log or eligibility (no class of data), never a write.
shared GET  /api/v1/clients/{client} | 403* 200+/full 200+/full 200+/full 200+/full 200+/full 403* 200+/full 403* 200+/full
shared GET  /api/v1/clients/{client}/contacts | 403* 200+/list 200+/list 200+/list 200+/list 200+/list 403* 200+/list 403* 200+/list
shared GET  /api/v1/clients/{client}/episodes | 403* 200+/list 200+/list 200+/list 200+/list 200+/list 403* 200+/list 403* 200+/list
shared GET  /api/v1/clients/{client}/assessments | 403* 200+/list 200+/list 200+/list 200+/list 200+/list 403* 200+/list 403* 200+/list
shared GET  /api/v1/clients/{client}/flags | 403* 200+/list 200+/list 200+/list 200+/list 200+/list 403* 200+/list 403* 200+/list
shared GET  /api/v1/clients/{client}/crisis-events | 403* 200+/list 200+/list 200+/list 200+/list 200+/list 403* 200+/list 403* 200+/list
shared GET  /api/v1/clients/{client}/crisis-view | 403* 200+ 200+ 200+ 200+ 200+ 403* 200+ 403* 200+
shared GET  /api/v1/clients/{client}/safety-plan | 403* 200+ 200+ 200+ 200+ 200+ 403* 200+ 403* 200+
shared GET  /api/v1/clients/{client}/safety-plan/history | 403* 200+ 200+ 200+ 200+ 200+ 403* 200+ 403* 200+
shared GET  /api/v1/clients/{client}/hospitalisations | 403* 200+ 200+ 200+ 200+ 200+ 403* 200+ 403* 200+
shared GET  /api/v1/clients/{client}/tasks | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
shared GET  /api/v1/clients/{client}/consents | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
shared GET  /api/v1/clients/{client}/access-log | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
shared GET  /api/v1/clients/{client}/history | 403* 200+ 200+ 200+ 200+ 200+ 403* 200+ 403* 200+
shared POST /api/v1/clients/{client}/contacts {} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
shared PUT  /api/v1/clients/{client} If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
# Without consent, after withdrawal, after expiry: nothing, and every refusal is audited.
noconsent GET  /api/v1/clients/{client} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
noconsent GET  /api/v1/clients/{client}/contacts | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
noconsent GET  /api/v1/clients/{client}/assessments | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
noconsent GET  /api/v1/clients/{client}/flags | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
noconsent GET  /api/v1/clients/{client}/hospitalisations | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
withdrawn GET  /api/v1/clients/{client} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
withdrawn GET  /api/v1/clients/{client}/contacts | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
withdrawn GET  /api/v1/clients/{client}/episodes | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
withdrawn GET  /api/v1/clients/{client}/assessments | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
withdrawn GET  /api/v1/clients/{client}/flags | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
withdrawn GET  /api/v1/clients/{client}/crisis-events | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
withdrawn GET  /api/v1/clients/{client}/safety-plan | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
withdrawn GET  /api/v1/clients/{client}/hospitalisations | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
expired GET  /api/v1/clients/{client} | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
expired GET  /api/v1/clients/{client}/contacts | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
expired GET  /api/v1/clients/{client}/episodes | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
expired GET  /api/v1/clients/{client}/assessments | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
expired GET  /api/v1/clients/{client}/flags | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
expired GET  /api/v1/clients/{client}/crisis-events | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
expired GET  /api/v1/clients/{client}/safety-plan | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*
expired GET  /api/v1/clients/{client}/hospitalisations | 403* 403* 403* 403* 403* 403* 403* 403* 403* 403*

### search: without consent, Eastgate's case manager does not find the Riverside client
as cm2
POST /api/v1/clients
{"given_name":"Cmxfind","family_name":"Riverfound","birth_date":"1968-05-05","phone":"010-5555-0101"}
expect 201
save find_client .id

### search: ... the client has an episode with cm2
as cm2
POST /api/v1/clients/$find_client/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### search: ... and, with a note and a risk flag
as cm2
POST /api/v1/clients/$find_client/contacts
{"kind":"home_visit","at":"$time(-3600)","domains":["housing"],"body":"Cmxfind talked about moving closer to Eastgate."}
expect 201

### search: ... a flag
as cm2
POST /api/v1/clients/$find_client/flags
{"kind":"self_neglect","level":"moderate","reason":"Not eating well since the move."}
expect 201

### search: ... not found before consent
as cm4
GET /api/v1/clients?q=Riverfound
expect 200
json .items length 0

### search: the client consents to Eastgate coordinating care, seeing identity and notes
as cm2
POST /api/v1/clients/$find_client/consents
{"purpose":"care_coordination","orgs":[$eastgate],"classes":["identity","notes"],"given_how":"verbal_witnessed","witness":"Nurse Lee, at the centre","ends_on":"2099-12-31"}
expect 201
json .status == "active"
json .days_left > 1000
save find_consent .id
save find_consent_v .version

### search: now cm4 finds the client by name, and the find names the consent in the client's record
as cm4
GET /api/v1/clients?q=Riverfound
expect 200
json .items length 1
json .items[0].id == $find_client
audit action=client.search outcome=ok client_id=$find_client staff=cm4 purpose=shared reason="consent $find_consent"

### search: a peer supporter of another organisation does not find them through a care consent
as peer1
GET /api/v1/clients?q=Riverfound
expect 200
json .items length 0

### page: cm4 opens the record: identity and notes, not assessments, risk or the others
as cm4
GET /clients/$find_client
expect 200
text contains id="identity"
text contains through the client's consent no. $find_consent
text contains id="contacts"
text contains Cmxfind talked about moving closer to Eastgate.
text excludes id="assessments"
text excludes id="flags"
text excludes risk-banner
text excludes Not eating well
text excludes id="episodes"
text excludes id="tasks"
text excludes id="safety-plan"
text excludes id="crisis"
text excludes id="hospital"
text excludes id="consents"
text excludes id="record-contact"
text excludes id="crisis-link"
audit rows 1
audit action=client.view outcome=ok client_id=$find_client staff=cm4 purpose=shared reason="consent $find_consent"

### page: the client's own case manager sees the risk banner and the consent section with the consent
as cm2
GET /clients/$find_client
expect 200
text contains risk-banner
text excludes id="shared-banner"
text contains id="consents"
text contains data-consent-id="$find_consent"
text contains Nurse Lee, at the centre
text contains href="/consents/$find_consent#withdraw"

### access report: the shared read names the consent that allowed it
as cm2
GET /api/v1/clients/$find_client/access-log
expect 200
json .items[*].basis.id contains $find_consent
json .items[*].basis.purpose contains "care_coordination"
json .items[*].basis.kind contains "consent"

### access report page: readable, linked to the consent
as cm2
GET /clients/$find_client/access-log
expect 200
text contains through consent no. $find_consent</a>: Care coordination
text contains href="/consents/$find_consent"

### consent page: the consent with its withdraw form (version as a hidden field)
as cm2
GET /consents/$find_consent
expect 200
text contains id="consent-withdraw"
text contains name="version" value="$find_consent_v"
text contains Spoken, with a witness

### printable form, filled: the purpose, organisations and classes in plain words
as cm2
GET /consents/$find_consent/print
expect 200
text contains id="consent-paper"
text contains data-purpose="care_coordination"
text excludes data-purpose="housing"
text contains data-class="notes"
text excludes data-class="risk"
text contains 2099-12-31
text contains How to withdraw

### printable form, blank: every purpose and class to tick
as cm2
GET /clients/$find_client/consents/print
expect 200
text contains data-purpose="housing"
text contains data-class="risk"
text contains From ____________ until

### printable form: another organisation may not print the client's consents
as cm4
GET /consents/$find_consent/print
expect 403
audit action=consent.read outcome=denied staff=cm4

### page: the record form lists the organisations, the client's own only for peer support (issue 11 §4), the classes with their labels
as cm2
GET /clients/$find_client/consents/new
expect 200
text contains name="orgs" value="$eastgate"
text contains name="orgs" value="$riverside"
text contains own: for peer support only)
text contains Contacts and notes
text contains name="given_how"

### page: a form without organisations or classes shows each error next to its field
as cm2
POST /clients/$find_client/consents
Content-Type: application/x-www-form-urlencoded
purpose=housing&given_how=verbal_witnessed&orgs=999999
expect 400
text contains id="f-e-orgs"
text contains is not an organisation
text contains id="f-e-classes"
text contains id="f-e-witness"
text contains name the witness of a verbal consent
audit rows 1
audit action=client.read outcome=ok client_id=$find_client staff=cm2

### page: recorded from the form
as cm2
POST /clients/$find_client/consents
Content-Type: application/x-www-form-urlencoded
purpose=housing&orgs=$harbour&classes=identity&classes=housing&given_how=written&ends_on=2099-06-30
expect 303
header Location contains /clients/$find_client
audit action=consent.create outcome=ok client_id=$find_client staff=cm2

### page: a stale withdrawal is refused with the form again
as cm2
POST /consents/$find_consent/withdraw
Content-Type: application/x-www-form-urlencoded
version=0&reason=Changed+their+mind
expect 409
text contains Reload the current version

### page: withdrawn from the consent's page
as cm2
POST /consents/$find_consent/withdraw
Content-Type: application/x-www-form-urlencoded
version=$find_consent_v&reason=The+client+changed+their+mind.
expect 303
header Location contains /clients/$find_client
audit action=consent.withdraw outcome=ok client_id=$find_client staff=cm2 reason="The client changed their mind."

### search: after withdrawal cm4 finds nothing
as cm4
GET /api/v1/clients?q=Riverfound
expect 200
json .items length 0

### page: and the record is refused, audited
as cm4
GET /clients/$find_client
expect 403
audit action=client.read outcome=denied client_id=$find_client staff=cm4

### consent page: a withdrawn consent shows why, and no withdraw form
as cm2
GET /consents/$find_consent
expect 200
text contains The client changed their mind.
text excludes id="consent-withdraw"
