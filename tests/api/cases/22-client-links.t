# Look-alike links (issue 9 §1 and §5): a new record is linked only to look-alikes its registering
# user may find; a linked record the reader may not find is shown without its name (which
# organisation holds it, and why it was linked); the duplicate box says the same of another
# organisation's candidate instead of blank rows; a link is confirmed as the same person or
# dismissed as different people by someone allowed (the table's client_link review: supervisors,
# case managers and clinicians on the care team), with who and when, audited; a dismissed link is no
# longer shown as a possible duplicate.

### who is who: cm1
as cm1
GET /api/v1/me
expect 200
save cm1_id .id
save riverside .org_id

### who is who: desk1
as desk1
GET /api/v1/me
expect 200
save desk1_id .id

### setup: a Riverside client of cm1's
as cm1
POST /api/v1/clients
{"given_name":"Linka","family_name":"Riverbank","birth_date":"1975-05-05","identifiers":[{"kind":"apitest","value":"LK-0001"}]}
expect 201
save riv1 .id

### setup: ... in care at Riverside
as cm1
POST /api/v1/clients/$riv1/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### duplicate box: another organisation's candidate shows where it is held and why, without a name
as cm4
POST /api/v1/clients
{"given_name":"Lindqvist","family_name":"Other","birth_date":"1980-01-01","identifiers":[{"kind":"apitest","value":"LK-0001"}]}
expect 409
json .candidates length 1
json .candidates[0].other_organisation == true
json .candidates[0].organisation == "Riverside Mental Health Welfare Centre"
json .candidates[0].why == "same identifier"
json .candidates[0].same_birth_date == false
json .candidates[0].given_name missing
json .candidates[0].family_name missing
json .candidates[0].id missing
json .candidates[0].birth_date missing
text excludes Riverbank
audit action=client.duplicate_check client_id=$riv1 staff=cm4

### duplicate box on the page: a meaningful row, never blank fields
as cm4
POST /clients
Content-Type: application/x-www-form-urlencoded

given_name=Lindqvist&family_name=Other&birth_date=1980-01-01&id_kind=apitest&id_value=LK-0001
expect 409
text contains A record at Riverside Mental Health Welfare Centre
text contains same identifier
text excludes · born ·
text excludes href="/clients/0"
text excludes Riverbank

### a linked look-alike: registering with another organisation's identifier links nothing the user may not find
as cm4
POST /api/v1/clients
{"given_name":"Lindqvist","family_name":"Other","birth_date":"1980-01-01","identifiers":[{"kind":"apitest","value":"LK-0001"}],"confirm_new":true}
expect 201
save east1 .id

### setup: the new Eastgate record in care
as cm4
POST /api/v1/clients/$east1/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### ... so the new record shows no link to the other organisation's client
as cm4
GET /api/v1/clients/$east1
expect 200
json .links length 0
text excludes Riverbank
text excludes Linka

### a guessed birth date and a common family name link nothing either
as cm4
POST /api/v1/clients
{"given_name":"Xavier","family_name":"Riverbank","birth_date":"1975-05-05","confirm_new":true}
expect 201
save east2 .id

### setup: the second Eastgate record in care
as cm4
POST /api/v1/clients/$east2/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### ... the record shows no link
as cm4
GET /api/v1/clients/$east2
expect 200
json .links length 0
text excludes Linka

### links: a look-alike the user may find is linked, as a suggestion
as cm1
POST /api/v1/clients
{"given_name":"Linka","family_name":"Riverbank","birth_date":"1975-05-05","confirm_new":true}
expect 201
save riv2 .id

### setup: riv2 in care at Riverside
as cm1
POST /api/v1/clients/$riv2/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save riv2_episode .id

### links: shown on the new record with its name, suggested
as cm1
GET /api/v1/clients/$riv2
expect 200
json .links length 1
json .links[0].id == $riv1
json .links[0].given_name == "Linka"
json .links[0].state == "suggested"
json .links[0].hidden == false
json .links[0].organisation == "Riverside Mental Health Welfare Centre"
save link12 .links[0].link_id

### links: and on the other record
as cm1
GET /api/v1/clients/$riv1
expect 200
json .links[*].id contains $riv2
json .links[*].link_id contains $link12

### setup: the care-desk officer of Northside joins riv2's team
as cm1
POST /api/v1/episodes/$riv2_episode/team
{"staff_id":$desk1_id,"team_role":"other"}
expect 201

### links: a linked record the reader may not find is shown without its name
as desk1
GET /api/v1/clients/$riv2
expect 200
json .access.level == "full"
json .links length 1
json .links[0].hidden == true
json .links[0].given_name missing
json .links[0].family_name missing
json .links[0].id == null
json .links[0].organisation == "Riverside Mental Health Welfare Centre"
json .links[0].reason == "similar name, same date of birth"
json .links[0].state == "suggested"

### links: ... and so on the client page
as desk1
GET /clients/$riv2
expect 200
text contains A record at Riverside Mental Health Welfare Centre
text excludes href="/clients/$riv1"
text excludes action="/client-links/$link12/decision"

### decide: the care-desk officer on the team may not decide (role), and the refusal is audited
as desk1
POST /api/v1/client-links/$link12/decision
{"state":"same_person"}
expect 403
audit action=client_link.decide outcome=denied client_id=$riv2 staff=desk1

### decide: a case manager of the organisation not on either team may not decide
as cm2
POST /api/v1/client-links/$link12/decision
{"state":"same_person"}
expect 403
audit action=client_link.decide outcome=denied staff=cm2

### decide: a case manager of another organisation may not decide
as cm4
POST /api/v1/client-links/$link12/decision
{"state":"different"}
expect 403

### decide: a peer supporter may not decide
as peer1
POST /api/v1/client-links/$link12/decision
{"state":"different"}
expect 403

### decide: an unknown state is a field error
as cm1
POST /api/v1/client-links/$link12/decision
{"state":"maybe"}
expect 400
json .errors.state exists

### decide: an unknown link is 404
as cm1
POST /api/v1/client-links/999999/decision
{"state":"different"}
expect 404

### decide: the primary case manager confirms the same person, with who and when
as cm1
POST /api/v1/client-links/$link12/decision
{"state":"same_person","note":"Same health insurance card seen at intake."}
expect 200
json .id == $link12
json .state == "same_person"
json .decided_by == $cm1_id
json .decided_by_name exists
json .decided_at != null
json .decision_note == "Same health insurance card seen at intake."
audit action=client_link.decide outcome=ok client_id=$riv2 entity=client_link entity_id=$link12 staff=cm1

### decide: a decided link is not decided again
as cm1
POST /api/v1/client-links/$link12/decision
{"state":"different"}
expect 409

### decide: the record shows the confirmed link
as cm1
GET /api/v1/clients/$riv1
expect 200
json .links[0].link_id == $link12
json .links[0].state == "same_person"
json .links[0].decided_by_name exists

### dismiss: a third look-alike is linked to both
as cm1
POST /api/v1/clients
{"given_name":"Linka","family_name":"Riverbanks","birth_date":"1975-05-05","confirm_new":true}
expect 201
save riv3 .id

### setup: the third look-alike in care
as cm1
POST /api/v1/clients/$riv3/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### dismiss: both links, suggested
as cm1
GET /api/v1/clients/$riv3
expect 200
json .links length 2
json .links[*].state == ["suggested","suggested"]
save link31 .links[0].link_id
save link32 .links[1].link_id

### dismiss: the client page offers the decision to the case manager
as cm1
GET /clients/$riv3
expect 200
text contains action="/client-links/$link31/decision"
text contains action="/client-links/$link32/decision"

### dismiss: dismissed as different people on the page
as cm1
POST /client-links/$link31/decision
Content-Type: application/x-www-form-urlencoded

state=different&next=%2Fclients%2F$riv3%23links
expect 303
header Location == /clients/$riv3?msg=link#links
audit action=client_link.decide outcome=ok entity_id=$link31 staff=cm1

### dismiss: no longer shown as a possible duplicate
as cm1
GET /api/v1/clients/$riv3
expect 200
json .links length 1
json .links[0].link_id == $link32

### dismiss: nor on the page
as cm1
GET /clients/$riv3
expect 200
text excludes action="/client-links/$link31/decision"
text contains action="/client-links/$link32/decision"
