# Assessments (issue 4 §1): the instrument definitions, administering one to a client (scored by the
# server, stored with the definition's version), refusals naming the missing or invalid answers, the
# PHQ-9 item-9 flag and the C-SSRS fail-safe, access (team, peer, care desk, other organisation,
# analyst), one assessment, the list, and the trajectory with its change markers.
# Clients made here: AC (cm1's, female; peer1 and desk1 on the team). Client 2 is cm2's.

### who is who: cm1
as cm1
GET /api/v1/me
expect 200
save cm1_id .id

### who is who: peer1
as peer1
GET /api/v1/me
expect 200
save peer1_id .id

### who is who: desk1
as desk1
GET /api/v1/me
expect 200
save desk1_id .id

### setup AC: the client
as cm1
POST /api/v1/clients
{"given_name":"Assessa","family_name":"Moorcroft","birth_date":"1982-03-14","sex":"female","identifiers":[{"kind":"apitest","value":"ASSESS-AC"}]}
expect 201
save ac .id

### setup AC: an open episode, cm1 its primary case manager
as cm1
POST /api/v1/clients/$ac/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save ac_ep .id

### setup AC: peer1 joins the team
as cm1
POST /api/v1/episodes/$ac_ep/team
{"staff_id":$peer1_id,"team_role":"peer_supporter"}
expect 201

### setup AC: desk1 joins the team
as cm1
POST /api/v1/episodes/$ac_ep/team
{"staff_id":$desk1_id,"team_role":"other"}
expect 201

# ---------------------------------------------------------------- definitions

### instruments: every definition, with items and answer options to draw a form
as cm1
GET /api/v1/instruments
expect 200
json .items length 9
json .items[*].id contains "phq9"
json .items[*].id contains "cssrs_screener"
json .items[*].id contains "swemwbs"
audit none

### instruments: the PHQ-9 as a form sees it
as cm1
GET /api/v1/instruments
expect 200
json .items[7].id == "phq9"
json .items[7].version == "2"
json .items[7].items length 10
json .items[7].items[8].options[3].value == 3
json .items[7].items[8].options[3].label == "Nearly every day"
json .items[7].items[9].ask_when exists
json .items[7].range == [0,27]
json .items[7].licence.copyright contains Pfizer
json .items[7].codes.total == "44261-6"

### instruments: any signed-in role may read them (an analyst)
as analyst1
GET /api/v1/instruments
expect 200
json .items length 9

### instruments: not without signing in
GET /api/v1/instruments
expect 401

# ---------------------------------------------------------------- administering

### create: PHQ-9 with item 9 = 1 raises "suicide risk: assessment needed" whatever the total (issue 9: not a high level)
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"phq9","administered_at":"2026-01-10T10:00","answers":{"q1":2,"q2":2,"q3":1,"q4":1,"q5":1,"q6":0,"q7":0,"q8":0,"q9":1,"q10":1}}
expect 201
save phq_a .id
json .instrument == "phq9"
json .instrument_version == "2"
json .total == 8
json .band == "mild"
json .band_label == "Mild"
json .administered_at == "2026-01-10T10:00:00Z"
json .staff_id == $cm1_id
json .answers.q9 == 1
json .flags length 1
json .flags[0].kind == "suicide_screen_needed"
json .flags[0].level == "moderate"
json .result.triggers[0].flag == "suicide_screen_needed"
json .result.missing length 0
save phq_flag .flags[0].id
audit action=assessment.create outcome=ok client_id=$ac entity=assessment entity_id=$phq_a staff=cm1
audit action=flag.raise outcome=ok client_id=$ac entity=flag entity_id=$phq_flag

### the flag is on the client, raised by the assessment
as cm1
GET /api/v1/clients/$ac/flags
expect 200
json .items[*].kind contains "suicide_screen_needed"
json .items[*].kind excludes "suicide_risk"
json .items[*].assessment_id contains $phq_a

### the flag made a task for the primary case manager: a C-SSRS screen within 24 hours
as cm1
GET /api/v1/clients/$ac/tasks
expect 200
json .items[*].source contains "rule"
json .items[*].assignee contains $cm1_id
json .items[*].title_key contains "suicide.screen"
json .items[*].title contains "Complete a suicide risk screen (C-SSRS) within 24 hours"
json .items[*].title_key excludes "suicide.contact"

### create: later PHQ-9s, lower (for the trajectory)
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"phq9","administered_at":"2026-03-10T10:00","answers":{"q1":1,"q2":1,"q3":1,"q4":0,"q5":0,"q6":0,"q7":0,"q8":0,"q9":0,"q10":0}}
expect 201
json .total == 3
json .band == "minimal"
json .flags length 0
json .result.remarks[*].id contains "item9_negative"

### create: missing answers are refused, each named, and nothing is stored
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"phq9","answers":{"q1":2,"q2":2,"q4":1,"q5":1,"q6":0,"q8":0,"q9":2,"q10":1}}
expect 400
json .errors.q3 == "is required"
json .errors.q7 == "is required"
json .errors length 2
json .missing == ["q3","q7"]
json .risk[0].flag == "suicide_screen_needed"
json .detail contains q3, q7
audit none

### create: the same, saved as incomplete: no total, the item-9 flag still raised
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"phq9","incomplete":true,"administered_at":"2026-02-10T10:00","answers":{"q1":2,"q2":2,"q4":1,"q5":1,"q6":0,"q8":0,"q9":2,"q10":1}}
expect 201
json .total == null
json .band == null
json .result.incomplete == true
json .result.missing == ["q3","q7"]
json .flags[0].kind == "suicide_screen_needed"
audit action=assessment.create outcome=ok client_id=$ac staff=cm1

### create: an answer outside the instrument's values
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"audit","answers":{"q1":0,"q9":3,"q10":0}}
expect 400
json .errors.q9 == "must be one of 0, 2, 4"

### create: an unknown question, an unknown instrument, no answers
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"gad7","answers":{"q1":0,"q2":0,"q3":0,"q4":0,"q5":0,"q6":0,"q7":0,"q8":0}}
expect 400
json .errors.q8 == "is not a question of this instrument"

### create: an unknown instrument
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"hamd","answers":{}}
expect 400
json .errors.instrument == "is not a known instrument"

### create: answers are required
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"gad7"}
expect 400
json .errors.answers exists

### create: not in the future
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"phq2","administered_at":"2199-01-01T10:00","answers":{"q1":0,"q2":0}}
expect 400
json .errors.administered_at == "cannot be more than a day in the future"

### create: C-SSRS, an answer to a question the flow skipped is refused
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"cssrs_screener","answers":{"q1":1,"q2":0,"q3":1,"q6":0}}
expect 400
json .errors.q3 contains not asked

### create: C-SSRS, behaviour (6) with 6b unanswered is high risk (fail-safe)
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"cssrs_screener","answers":{"q1":1,"q2":0,"q6":1}}
expect 201
json .total == null
json .band == "high"
json .result.remarks[*].id contains "q6b_unanswered"
json .flags[0].kind == "suicide_risk"
json .flags[0].level == "high"

### create: C-SSRS, behaviour more than 3 months ago is moderate
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"cssrs_screener","answers":{"q1":0,"q2":0,"q6":1,"q6b":0}}
expect 201
json .band == "moderate"
json .flags[0].level == "moderate"

### create: AUDIT-C uses the client's recorded sex (female: 3 is positive)
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"auditc","answers":{"q1":1,"q2":1,"q3":1}}
expect 201
json .total == 3
json .band == "positive"
json .result.banding_sex == "female"

### create: AUDIT zone IV raises a substance-use flag
as cm1
POST /api/v1/clients/$ac/assessments
{"instrument":"audit","answers":{"q1":4,"q2":3,"q3":4,"q4":1,"q5":1,"q6":1,"q7":2,"q8":2,"q9":2,"q10":0}}
expect 201
json .total == 20
json .band == "zone_iv"
json .flags[0].kind == "substance_use"
json .flags[0].level == "moderate"

### create: SWEMWBS stores the metric score (raw 21 -> 19.25)
as peer1
POST /api/v1/clients/$ac/assessments
{"instrument":"swemwbs","answers":{"q1":3,"q2":3,"q3":3,"q4":3,"q5":3,"q6":3,"q7":3}}
expect 201
json .total == 19.25
json .result.raw == 21
json .staff_id == $peer1_id
audit action=assessment.create outcome=ok client_id=$ac staff=peer1

# ---------------------------------------------------------------- access

### create: a case manager not on the client's team (same organisation) is refused and audited
as cm1
POST /api/v1/clients/2/assessments
{"instrument":"phq2","answers":{"q1":0,"q2":0}}
expect 403
audit action=assessment.create outcome=denied client_id=2 staff=cm1

### create: a peer supporter on the team may not administer a clinical screener (PHQ-2 says "clinical")
as peer1
POST /api/v1/clients/$ac/assessments
{"instrument":"phq2","answers":{"q1":0,"q2":0}}
expect 403
json .detail contains "may not administer phq2"
audit action=assessment.create outcome=denied client_id=$ac staff=peer1

### create: a peer supporter not on the client's team
as peer1
POST /api/v1/clients/2/assessments
{"instrument":"phq2","answers":{"q1":0,"q2":0}}
expect 403
audit action=assessment.create outcome=denied client_id=2 staff=peer1

### create: a care-desk officer on the team (no access to clinical notes)
as desk1
POST /api/v1/clients/$ac/assessments
{"instrument":"phq2","answers":{"q1":0,"q2":0}}
expect 403
audit action=assessment.create outcome=denied client_id=$ac staff=desk1

### create: a worker of another organisation
as cm4
POST /api/v1/clients/$ac/assessments
{"instrument":"phq2","answers":{"q1":0,"q2":0}}
expect 403
audit action=assessment.create outcome=denied client_id=$ac staff=cm4

### create: an analyst (no client-level data)
as analyst1
POST /api/v1/clients/$ac/assessments
{"instrument":"phq2","answers":{"q1":0,"q2":0}}
expect 403

### create: an unknown client
as cm1
POST /api/v1/clients/999999/assessments
{"instrument":"phq2","answers":{"q1":0,"q2":0}}
expect 404

### create: not without signing in
POST /api/v1/clients/$ac/assessments
{"instrument":"phq2","answers":{"q1":0,"q2":0}}
expect 401

# ---------------------------------------------------------------- reading

### one assessment: as stored, audited
as cm1
GET /api/v1/assessments/$phq_a
expect 200
json .id == $phq_a
json .client_id == $ac
json .total == 8
json .instrument_name contains PHQ-9
json .result.version == "2"
audit action=assessment.read outcome=ok client_id=$ac entity=assessment entity_id=$phq_a staff=cm1

### one assessment: a peer supporter on the team reads no instrument answers (issue 11 §4: 403, audited)
as peer1
GET /api/v1/assessments/$phq_a
expect 403
audit action=assessment.read outcome=denied client_id=$ac staff=peer1

### one assessment: outside the team
as cm2
GET /api/v1/assessments/$phq_a
expect 403
audit action=assessment.read outcome=denied client_id=$ac staff=cm2

### one assessment: unknown
as cm1
GET /api/v1/assessments/999999
expect 404

### list: newest first, audited
as cm1
GET /api/v1/clients/$ac/assessments
expect 200
json .items length 8
json .items[*].administered_at sorted desc
json .items[*].instrument contains "cssrs_screener"
audit action=assessment.list outcome=ok client_id=$ac staff=cm1

### list: a care-desk officer on the team is refused
as desk1
GET /api/v1/clients/$ac/assessments
expect 403
audit action=assessment.list outcome=denied client_id=$ac staff=desk1

### list: an unknown client
as cm1
GET /api/v1/clients/999999/assessments
expect 404

# ---------------------------------------------------------------- trajectory

### trajectory: PHQ-9 points oldest first, with change markers against the first score
as cm1
GET /api/v1/clients/$ac/assessments/trajectory?instrument=phq9
expect 200
json .instrument == "phq9"
json .points length 3
json .points[0].total == 8
json .points[1].total == null
json .points[2].total == 3
json .points[2].markers == ["response","remission"]
json .markers[*].id contains "remission"
json .baseline.id == $phq_a
json .range == [0,27]
json .bands length 5
audit action=assessment.trajectory outcome=ok client_id=$ac staff=cm1

### trajectory: the instrument is required
as cm1
GET /api/v1/clients/$ac/assessments/trajectory
expect 400
json .errors.instrument == "is required"

### trajectory: an unknown instrument
as cm1
GET /api/v1/clients/$ac/assessments/trajectory?instrument=hamd
expect 404

### trajectory: outside the team
as cm4
GET /api/v1/clients/$ac/assessments/trajectory?instrument=phq9
expect 403
audit action=assessment.trajectory outcome=denied client_id=$ac staff=cm4

# ---------------------------------------------------------------- clinical safety (issue 9 §2)
# Client AS (cm1's) for the screen that follows PHQ-9 item 9, AUDIT's intervention and the PHQ-2 cut-off.

### who is who: admin
as admin
GET /api/v1/me
expect 200
save admin_org .org_id

### who is who: cm1's organisation
as cm1
GET /api/v1/me
expect 200
save cm1_org .org_id

### setup AS: the client
as cm1
POST /api/v1/clients
{"given_name":"Safia","family_name":"Holloway","birth_date":"1990-07-02","sex":"male","identifiers":[{"kind":"apitest","value":"ASSESS-AS"}]}
expect 201
save as .id

### setup AS: an open episode, cm1 its primary case manager
as cm1
POST /api/v1/clients/$as/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### answers: true is not 1
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"phq2","answers":{"q1":true,"q2":0}}
expect 400
json .errors.q1 == "must be one of 0, 1, 2, 3"
audit none

### answers: "2", " 2" and 2.0 are not 2
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"phq9","answers":{"q1":"2","q2":" 2","q3":2.0,"q4":0,"q5":0,"q6":0,"q7":0,"q8":0,"q9":0,"q10":0}}
expect 400
json .errors.q1 == "must be one of 0, 1, 2, 3"
json .errors.q2 == "must be one of 0, 1, 2, 3"
json .errors.q3 == "must be one of 0, 1, 2, 3"
json .errors length 3

### answers: C-SSRS yes is 1, not true
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"cssrs_screener","answers":{"q1":true,"q2":false,"q6":false}}
expect 400
json .errors.q1 == "must be one of 1, 0"
json .errors.q2 == "must be one of 1, 0"

### incomplete: at least one answer
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"phq9","incomplete":true,"answers":{}}
expect 400
json .errors.answers == "an incomplete form needs at least one answer"
audit none

### incomplete: true or false, not a word
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"phq9","incomplete":"yes","answers":{"q1":1}}
expect 400
json .errors.incomplete == "must be true or false"

### PHQ-9 item 9 = 2: "assessment needed" and the screening task
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"phq9","answers":{"q1":0,"q2":0,"q3":0,"q4":0,"q5":0,"q6":0,"q7":0,"q8":0,"q9":2,"q10":0}}
expect 201
json .flags[0].kind == "suicide_screen_needed"
save as_need .flags[0].id

### the screening task is cm1's, due within a day, urgent
as cm1
GET /api/v1/tasks
expect 200
json .items[*].title_key contains "suicide.screen"
json .items[*].priority contains "urgent"

### C-SSRS with Q2 and Q4 yes and Q3, Q5 empty: refused, and the refusal names the high risk
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"cssrs_screener","answers":{"q1":1,"q2":1,"q4":1}}
expect 400
json .errors.q3 == "is required"
json .errors.q5 == "is required"
json .errors.q6 == "is required"
json .missing == ["q3","q5","q6"]
json .risk[0].flag == "suicide_risk"
json .risk[0].level == "high"
json .detail contains suicide_risk
json .detail contains save it as incomplete
audit none

### ... saved as incomplete: the high flag and its tasks at once; the screen is still to be completed
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"cssrs_screener","incomplete":true,"answers":{"q1":1,"q2":1,"q4":1}}
expect 201
json .instrument_version == "2"
json .band == "high"
json .result.incomplete == true
json .result.missing == ["q3","q5","q6"]
json .flags[0].kind == "suicide_risk"
json .flags[0].level == "high"
json .result.resolved length 0
audit action=flag.raise outcome=ok client_id=$as

### ... the high flag made the contact task, and "assessment needed" stays
as cm1
GET /api/v1/clients/$as/flags
expect 200
json .items[0].kind == "suicide_risk"
json .items[0].level == "high"
json .items[*].kind contains "suicide_screen_needed"

### a partial screen without a risky answer reaches no level (never "negative")
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"cssrs_screener","incomplete":true,"answers":{"q1":0,"q2":0}}
expect 201
json .band == null
json .flags length 0

### the complete screen sets the level and resolves "assessment needed"
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"cssrs_screener","answers":{"q1":1,"q2":1,"q3":1,"q4":0,"q5":0,"q6":0}}
expect 201
json .band == "moderate"
json .flags[0].kind == "suicide_risk"
json .flags[0].level == "moderate"
json .result.resolved[*].id contains $as_need
audit action=flag.review outcome=ok client_id=$as entity_id=$as_need

### ... the flag is resolved by the screen, with a review saying so
as cm1
GET /api/v1/clients/$as/flags
expect 200
json .items[-1].id == $as_need
json .items[-1].status == "resolved"
json .items[-1].reviews[0].outcome == "resolved"
json .items[-1].reviews[0].note_key == "flag.resolved_by_assessment"
json .items[-1].reviews[0].note contains Resolved by a complete assessment

### ... and the screening task is done
as cm1
GET /api/v1/tasks
expect 200
json .items[*].title_key excludes "suicide.screen"

### AUDIT: the WHO rule raises the intervention, the zone stays the total's
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"audit","answers":{"q1":2,"q2":1,"q3":1,"q4":2,"q5":0,"q6":0,"q7":0,"q8":0,"q9":0,"q10":0}}
expect 201
json .total == 6
json .band == "zone_i"
json .band_label == "Zone I: low risk"
json .result.intervention.raised == true
json .result.intervention.level == "zone_ii"
json .result.intervention.from == "zone_i"
json .result.intervention.advice == "Simple advice."
json .result.intervention.reason contains WHO rule
json .flags length 0

### AUDIT: zone IV by the total raises its flag; nothing higher to raise
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"audit","answers":{"q1":4,"q2":4,"q3":4,"q4":4,"q5":4,"q6":4,"q7":4,"q8":4,"q9":4,"q10":4}}
expect 201
json .band == "zone_iv"
json .result.intervention.raised == false
json .flags[0].kind == "substance_use"

### PHQ-2: 2 is negative at the default cut-off (3)
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"phq2","answers":{"q1":1,"q2":1}}
expect 201
json .band == "negative"
json .result.settings.phq2_threshold == 3

### PHQ-2 cut-off: the organisations list shows it
as admin
GET /api/v1/orgs
expect 200
json .items[*].phq2_threshold contains 3

### PHQ-2 cut-off: a case manager may not set it
as cm1
PATCH /api/v1/orgs/$cm1_org
If-Match: 1
{"phq2_threshold":2}
expect 403

### PHQ-2 cut-off: If-Match is required
as admin
PATCH /api/v1/orgs/$cm1_org
{"phq2_threshold":2}
expect 428

### PHQ-2 cut-off: only a value the definition allows, as a number
as admin
PATCH /api/v1/orgs/$cm1_org
If-Match: 1
{"phq2_threshold":"2"}
expect 400
json .errors.phq2_threshold exists

### PHQ-2 cut-off: 4 is not one
as admin
PATCH /api/v1/orgs/$cm1_org
If-Match: 1
{"phq2_threshold":4}
expect 400
json .errors.phq2_threshold exists
audit none

### PHQ-2 cut-off: a stale version
as admin
PATCH /api/v1/orgs/$cm1_org
If-Match: 0
{"phq2_threshold":2}
expect 409

### PHQ-2 cut-off: an unknown organisation
as admin
PATCH /api/v1/orgs/999999
If-Match: 1
{"phq2_threshold":2}
expect 404

### PHQ-2 cut-off: the administrator sets 2 (higher sensitivity)
as admin
PATCH /api/v1/orgs/$cm1_org
If-Match: 1
{"phq2_threshold":2}
expect 200
json .phq2_threshold == 2
json .version == 2
audit action=org.update outcome=ok entity=org entity_id=$cm1_org staff=admin

### PHQ-2: the same answers are now a positive screen, and the result says which cut-off
as cm1
POST /api/v1/clients/$as/assessments
{"instrument":"phq2","answers":{"q1":1,"q2":1}}
expect 201
json .band == "positive"
json .result.settings.phq2_threshold == 2

### PHQ-2 cut-off: back to the default
as admin
PATCH /api/v1/orgs/$cm1_org
If-Match: 2
{"phq2_threshold":3}
expect 200
json .phq2_threshold == 3
