# The intake flow meets referrals (issue 10 §4 and §2): a referral sent from an intake's outcome step
# is that intake's outcome, in the same transaction; from any other step, or naming another client's
# intake, nothing is sent.

### who is who: desk1 (Northside's care desk)
as desk1
GET /api/v1/me
expect 200
save desk1_id .id

### who is who: Riverside
as cm1
GET /api/v1/me
expect 200
save riverside .org_id

### desk1 records a discovery
as desk1
POST /api/v1/intakes
{"given_name":"Referra","family_name":"Loopson","birth_date":"1949-03-03","district":"Northside-gu","source":"care_desk","concern":"Came to the desk twice this week, frightened to go home."}
expect 201
json .state == "discovered"
save loop .id
save loop_client .client_id
save loop_v .version

### and another, whose intake the first client's referral may not name
as desk1
POST /api/v1/intakes
{"given_name":"Otherra","family_name":"Loopberg","birth_date":"1948-04-04","source":"neighbour_report","concern":"Not seen for a week."}
expect 201
save other_loop .id
save other_loop_client .client_id

### a referral from an intake that is not at its outcome step: 409 naming the step, nothing sent
as desk1
POST /api/v1/clients/$loop_client/referrals
{"to_org_id":$riverside,"reason":"Frightened to go home.","asked":"Assessment","urgency":"soon","agreement":"agreed","intake_id":$loop}
expect 409
json .state == "discovered"

### nothing was sent
as desk1
GET /api/v1/clients/$loop_client/referrals
expect 200
json .items length 0

### desk1 screens
as desk1
POST /api/v1/intakes/$loop/screening
If-Match: $loop_v
{"needs":["mental_health_treatment","housing"],"urgency":"soon","risk_now":false,"target_group":"severe"}
expect 200
json .state == "screened"

### desk1 decides: not eligible for Northside's integrated care (the person lives elsewhere)
as desk1
POST /api/v1/clients/$loop_client/eligibility-decisions
{"programme":"integrated_care","decision":"not_eligible","needs":["mental_health_treatment","housing"]}
expect 201
save loop_decision .id

### the decision linked: the outcome step
as desk1
POST /api/v1/intakes/$loop/eligibility
{"decision_id":$loop_decision}
expect 200
json .state == "decided"

### another client's referral may not name this intake: 400, nothing sent
as desk1
POST /api/v1/clients/$other_loop_client/referrals
{"to_org_id":$riverside,"reason":"Not seen for a week.","asked":"Assessment","urgency":"soon","agreement":"agreed","intake_id":$loop}
expect 400
json .errors.intake_id == "is an intake of another client"

### nothing was sent for that client either
as desk1
GET /api/v1/clients/$other_loop_client/referrals
expect 200
json .items length 0

### desk1 refers the person to Riverside from the outcome step
as desk1
POST /api/v1/clients/$loop_client/referrals
{"to_org_id":$riverside,"reason":"Frightened to go home; lives in Riverside-gu.","asked":"Assessment and case management","urgency":"soon","agreement":"agreed","intake_id":$loop}
expect 201
json .intake_id == $loop
json .state == "sent"
save loop_ref .id
audit action=referral.create outcome=ok client_id=$loop_client staff=desk1
audit action=intake.refer outcome=ok client_id=$loop_client staff=desk1 reason="referral $loop_ref"

### the intake's outcome is that referral
as desk1
GET /api/v1/intakes/$loop
expect 200
json .state == "referred"
json .outcome == "referred"
json .referral_id == $loop_ref
json .outcome_by == $desk1_id
