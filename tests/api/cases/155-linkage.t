# Resource linkage and monitoring (issue 11 §2): a step of a care plan linked to a service of the
# directory or a named local resource, checked on a schedule (using it, satisfied, what changed); the
# next check moves on with each check; ended with a reason (If-Match). A step a later version of the
# plan removes keeps its linkage, flagged, with its last words. Duplicate services (active linkages or
# open episodes of two organisations in one domain) are shown to those who may see the client's plan:
# another organisation's only as "another organisation: DOMAIN since DATE", unless the client's
# consent shares the care plan; supervisors list their organisation's clients with duplicates.
# The overdue-check rule is a time rule (tests/unit/test_linkage.c runs it with the sweep).
#
# The access matrix at the end uses the relationships of matrix.t, made by tests/api/world.t.

### the world of the matrix (tests/api/world.t): staff lk-*, clients named Linka, born in the 1990s
set world lk
set world_name Linka
set world_decade 199
include who.t
include world.t

### setup: cm1's plan with the client: a housing goal with two steps, a treatment goal with one
as cm1
POST /api/v1/clients/$team_client/care-plans
{"episode_id":$team_episode,"why":"first plan","goals":[{"domain":"housing","client_words":"A room of my own.","steps":[{"who":"client","what":"Visit the supported housing office with my case manager"},{"who":"team_member","what":"Ask about the deposit loan"}]},{"domain":"peer_support","client_words":"Someone who has been there.","steps":[{"who":"client","what":"Go to the Tuesday peer group"}]}]}
expect 201
json .goals[0].steps[0].key == "g1s2"
json .goals[1].steps[0].key == "g4s5"
save plan .id

### setup: a housing service of the directory
as cm1
GET /api/v1/services?kind=housing
expect 200
json .items[0].id exists
save housing_service .items[0].id
save housing_service_name .items[0].name
save housing_service_org .items[0].organisation

### cm1 links the housing step to the directory's service: monthly by default, domain from the service
as cm1
POST /api/v1/clients/$team_client/linkages
{"plan_id":$plan,"step_key":"g1s2","service_id":$housing_service,"note":"Asked for a viewing next week."}
expect 201
json .plan_id == $plan
json .step_key == "g1s2"
json .goal_key == "g1"
json .step_what == "Visit the supported housing office with my case manager"
json .step_in_plan == true
json .service_id == $housing_service
json .name == "$housing_service_name"
json .domain == "housing"
json .every_n == 1
json .every_unit == "month"
json .status == "active"
json .overdue == false
json .own == true
json .version == 1
json .checks length 0
save link .id
save link_start .start_date
save link_next .next_check
audit action=linkage.create outcome=ok client_id=$team_client staff=cm1

### the first check is due a month after the start
as cm1
GET /api/v1/linkages/$link
expect 200
json .next_check > "$link_start"
json .last_check == null
audit action=linkage.read outcome=ok client_id=$team_client staff=cm1

### a step that is not in the plan is refused, naming the field
as cm1
POST /api/v1/clients/$team_client/linkages
{"plan_id":$plan,"step_key":"g9s9","service_id":$housing_service}
expect 400
json .errors.step_key exists

### a plan of another client is refused, naming the field
as cm2
POST /api/v1/clients/$org_client/linkages
{"plan_id":$plan,"step_key":"g1s2","service_id":$housing_service}
expect 400
json .errors.plan_id exists

### a service or a local resource is needed, not both
as cm1
POST /api/v1/clients/$team_client/linkages
{"plan_id":$plan,"step_key":"g1s3"}
expect 400
json .errors.service_id exists

### both at once are refused
as cm1
POST /api/v1/clients/$team_client/linkages
{"plan_id":$plan,"step_key":"g1s3","service_id":$housing_service,"resource_name":"The church hall"}
expect 400
json .errors.service_id exists

### a service the directory does not have
as cm1
POST /api/v1/clients/$team_client/linkages
{"plan_id":$plan,"step_key":"g1s3","service_id":999999}
expect 400
json .errors.service_id exists

### an interval beyond its unit's bound, and a unit there is not
as cm1
POST /api/v1/clients/$team_client/linkages
{"plan_id":$plan,"step_key":"g1s3","resource_name":"Deposit loan desk","every_n":13,"every_unit":"month"}
expect 400
json .errors.every_n exists

### a unit there is not
as cm1
POST /api/v1/clients/$team_client/linkages
{"plan_id":$plan,"step_key":"g1s3","resource_name":"Deposit loan desk","every_unit":"year"}
expect 400
json .errors.every_unit exists

### bad JSON is refused
as cm1
POST /api/v1/clients/$team_client/linkages
{"plan_id":
expect 400

### a named local resource for the peer-support step, every two weeks, started in January
as psy1
POST /api/v1/clients/$team_client/linkages
{"plan_id":$plan,"step_key":"g4s5","resource_name":"Tuesday peer group at the library","resource_contact":"Mrs Han, 010-2222-3333","every_n":2,"every_unit":"week","start_date":"2026-01-05"}
expect 201
json .service_id == null
json .resource_name == "Tuesday peer group at the library"
json .resource_contact == "Mrs Han, 010-2222-3333"
json .name == "Tuesday peer group at the library"
json .domain == "peer_support"
json .next_check == "2026-01-19"
json .overdue == true
save link2 .id

### a check: using it partly, satisfied, what changed; the next check two weeks on
as psy1
POST /api/v1/linkages/$link2/checks
{"checked_on":"2026-02-02","using_it":"partly","satisfied":"yes","what_changed":"Went twice; found it hard to speak in the group."}
expect 201
json .checks[0].checked_on == "2026-02-02"
json .checks[0].using_it == "partly"
json .checks[0].satisfied == "yes"
json .checks[0].made_by == $psy1_id
json .next_check == "2026-02-16"
json .last_check == "2026-02-02"
json .version == 2
audit action=linkage.check outcome=ok client_id=$team_client staff=psy1

### a second check with the next one set by hand; the checks over time, newest first
as psy1
POST /api/v1/linkages/$link2/checks
{"checked_on":"2026-03-02","using_it":"yes","satisfied":"partly","what_changed":"Goes every week now.","next_check":"2026-03-09"}
expect 201
json .checks length 2
json .checks[0].checked_on == "2026-03-02"
json .checks[1].checked_on == "2026-02-02"
json .next_check == "2026-03-09"

### a check before the last one is refused
as psy1
POST /api/v1/linkages/$link2/checks
{"checked_on":"2026-02-20","using_it":"yes","satisfied":"yes","what_changed":"Late entry."}
expect 400
json .errors.checked_on exists

### a check says whether the client uses it and what changed
as cm1
POST /api/v1/linkages/$link/checks
{"using_it":"maybe","satisfied":"yes"}
expect 400
json .errors.using_it exists
json .errors.what_changed exists

### a check is not in the future, nor before the start
as cm1
POST /api/v1/linkages/$link/checks
{"checked_on":"2099-01-01","using_it":"yes","satisfied":"yes","what_changed":"Later."}
expect 400
json .errors.checked_on exists

### a check today moves the next check a month on
as cm1
POST /api/v1/linkages/$link/checks
{"using_it":"yes","satisfied":"yes","what_changed":"Viewed a room; applying."}
expect 201
json .checks[0].checked_on == "$link_start"
json .next_check == "$link_next"

### the client's linkages: active first, the next check soonest
as cm1
GET /api/v1/clients/$team_client/linkages
expect 200
json .items[0].id == $link2
json .items[1].id == $link
json .items[0].overdue == true
audit action=linkage.list outcome=ok client_id=$team_client staff=cm1

### a later version of the plan drops the housing office step
as cm1
POST /api/v1/care-plans/$plan/versions
If-Match: 1
{"why":"the office visit is done","goals":[{"key":"g1","domain":"housing","client_words":"A room of my own.","steps":[{"key":"g1s3","who":"team_member","what":"Ask about the deposit loan"}]},{"key":"g4","domain":"peer_support","client_words":"Someone who has been there.","steps":[{"key":"g4s5","who":"client","what":"Go to the Tuesday peer group"}]}]}
expect 201

### the linkage stays, flagged, with the step's last words
as cm1
GET /api/v1/linkages/$link
expect 200
json .step_in_plan == false
json .step_what == "Visit the supported housing office with my case manager"
json .status == "active"

### the removed step can no longer be linked
as cm1
POST /api/v1/clients/$team_client/linkages
{"plan_id":$plan,"step_key":"g1s2","resource_name":"Another office"}
expect 400
json .errors.step_key exists

### ending needs a reason
as cm1
POST /api/v1/linkages/$link/end
If-Match: 2
{}
expect 400
json .errors.reason exists

### ending with a stale version is refused with the current one
as cm1
POST /api/v1/linkages/$link/end
If-Match: 1
{"reason":"Moved into the flat."}
expect 409
json .current_version == 2

### ending without If-Match is refused
as cm1
POST /api/v1/linkages/$link/end
{"reason":"Moved into the flat."}
expect 428

### cm1 ends the linkage: the client moved into the flat
as cm1
POST /api/v1/linkages/$link/end
If-Match: 2
{"reason":"Moved into the flat."}
expect 200
json .status == "ended"
json .end_reason == "Moved into the flat."
json .end_date == "$link_start"
json .overdue == false
audit action=linkage.end outcome=ok client_id=$team_client staff=cm1

### an ended linkage is not ended again
as cm1
POST /api/v1/linkages/$link/end
If-Match: 3
{"reason":"Again."}
expect 409

### an ended linkage is not checked
as cm1
POST /api/v1/linkages/$link/checks
{"using_it":"no","satisfied":"no","what_changed":"Ended."}
expect 409

### the ended one comes after the active one
as cm1
GET /api/v1/clients/$team_client/linkages
expect 200
json .items[0].id == $link2
json .items[1].status == "ended"

# ---- refusals ----

### the care desk on the team does not see linkages
as desk1
GET /api/v1/clients/$team_client/linkages
expect 403
audit action=linkage.list outcome=denied client_id=$team_client staff=desk1

### the peer supporter does not see them
as peer1
GET /api/v1/linkages/$link2
expect 403
audit action=linkage.read outcome=denied client_id=$team_client staff=peer1

### the peer supporter does not link
as peer1
POST /api/v1/clients/$team_client/linkages
{"plan_id":$plan,"step_key":"g1s3","resource_name":"Deposit loan desk"}
expect 403

### an analyst never does
as analyst1
GET /api/v1/clients/$team_client/linkages
expect 403

### another organisation's case manager does not read one
as cm4
GET /api/v1/linkages/$link2
expect 403
audit action=linkage.read outcome=denied client_id=$team_client staff=cm4

### nor records a check
as cm4
POST /api/v1/linkages/$link2/checks
{"using_it":"yes","satisfied":"yes","what_changed":"Nothing."}
expect 403

### the housing coordinator of another organisation on the team sees Riverside's linkages only as their domain and start
as housing1
GET /api/v1/clients/$team_client/linkages
expect 200
json .items[0].limited == true
json .items[0].domain == "peer_support"
json .items[0].start_date == "2026-01-05"
json .items[0].id missing
json .items[0].name missing

### and does not read one
as housing1
GET /api/v1/linkages/$link2
expect 403
audit action=linkage.read outcome=denied client_id=$team_client staff=housing1

### setup: the client's consent shares the care plan with Harbour for housing
as cm1
POST /api/v1/clients/$team_client/consents
{"purpose":"housing","orgs":[$harbour],"classes":["care_plan"],"given_how":"written"}
expect 201

### through the consent the housing coordinator reads the linkage
as housing1
GET /api/v1/linkages/$link2
expect 200
json .name == "Tuesday peer group at the library"
json .own == false
json .checks length 2

### and sees them in the list in full
as housing1
GET /api/v1/clients/$team_client/linkages
expect 200
json .items[0].id == $link2
json .items[0].limited == false

### but records no check: that is the linking organisation's
as housing1
POST /api/v1/linkages/$link2/checks
{"using_it":"yes","satisfied":"yes","what_changed":"Nothing."}
expect 403

# (The overdue rule's task, if the server's sweep made one meanwhile, is done with this check.)
### psy1 checks today: the next check two weeks on, nothing overdue any more
as psy1
POST /api/v1/linkages/$link2/checks
{"using_it":"yes","satisfied":"yes","what_changed":"Leads the tea round now."}
expect 201
json .overdue == false
json .check_task == null
json .checks length 3

# ---- duplicate services across two organisations ----

### setup: a client of cm1's with an integrated-care episode at Riverside
as cm1
POST /api/v1/clients
{"given_name":"Linka","family_name":"Dupton","birth_date":"1995-05-05"}
expect 201
save dup_client .id

### setup: the Riverside episode
as cm1
POST /api/v1/clients/$dup_client/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save dup_episode .id

### setup: the Riverside plan, a housing step
as cm1
POST /api/v1/clients/$dup_client/care-plans
{"episode_id":$dup_episode,"goals":[{"domain":"housing","client_words":"Somewhere quiet.","steps":[{"who":"client","what":"Apply for supported housing"}]}]}
expect 201
save dup_plan .id

### setup: linked to the housing service
as cm1
POST /api/v1/clients/$dup_client/linkages
{"plan_id":$dup_plan,"step_key":"g1s2","service_id":$housing_service}
expect 201
save dup_link .id

### no duplicates yet
as cm1
GET /api/v1/clients/$dup_client/linkage-duplicates
expect 200
json .items length 0
audit action=linkage.duplicates outcome=ok client_id=$dup_client staff=cm1

### setup: referred to Eastgate
as cm1
POST /api/v1/clients/$dup_client/referrals
{"to_org_id":$eastgate,"reason":"Moving to Eastgate soon.","asked":"Assertive community treatment","urgency":"routine","agreement":"agreed"}
expect 201
save dup_ref .id
save dup_ref_v .version

### setup: Eastgate acknowledges
as cm4
POST /api/v1/referrals/$dup_ref/receive
If-Match: $dup_ref_v
{}
expect 200
save dup_ref_v .version

### setup: Eastgate accepts and opens an ACT episode, cm4 its primary case manager
as cm4
POST /api/v1/referrals/$dup_ref/accept-with-episode
If-Match: $dup_ref_v
{"primary_cm":$cm4_id,"programme":"act","target_group":"severe","status":"active"}
expect 200
save dup_east_episode .episode_id

### two organisations treat the client's mental health: Eastgate's shown to Riverside only as another organisation's
as cm1
GET /api/v1/clients/$dup_client/linkage-duplicates
expect 200
json .items length 1
json .items[0].domain == "mental_health_treatment"
json .items[0].entries length 2
json .items[0].entries[0].own == true
json .items[0].entries[0].org_name exists
json .items[0].entries[0].what == "integrated_care"
json .items[0].entries[1].own == false
json .items[0].entries[1].hidden == true
json .items[0].entries[1].org_name == null
json .items[0].entries[1].what == null
json .items[0].entries[1].episode_id == null
json .items[0].entries[1].since exists

### setup: the Eastgate plan with a housing step
as cm4
POST /api/v1/clients/$dup_client/care-plans
{"episode_id":$dup_east_episode,"goals":[{"domain":"housing","client_words":"A flat near my sister.","steps":[{"who":"team_member","what":"Find a flat in Eastgate"}]}]}
expect 201
save dup_east_plan .id

### setup: Eastgate links it to a local resource of its own
as cm4
POST /api/v1/clients/$dup_client/linkages
{"plan_id":$dup_east_plan,"step_key":"g1s2","resource_name":"Eastgate housing association","resource_contact":"02-555-0101"}
expect 201
save dup_east_link .id

### a Riverside plan is not Eastgate's to link
as cm4
POST /api/v1/clients/$dup_client/linkages
{"plan_id":$dup_plan,"step_key":"g1s2","resource_name":"Eastgate housing association"}
expect 400
json .errors.plan_id exists

### now two linkages in housing too: Riverside sees Eastgate's only as "another organisation" and a date
as cm1
GET /api/v1/clients/$dup_client/linkage-duplicates
expect 200
json .items length 2
json .items[0].domain == "housing"
json .items[1].domain == "mental_health_treatment"
json .items[0].entries[*].linkage_id contains $dup_link
json .items[0].entries[*].linkage_id excludes $dup_east_link
json .items[0].entries[*].what excludes "Eastgate housing association"
json .items[0].entries[*].org_name contains "$housing_service_org"

### Eastgate sees the same from its side
as cm4
GET /api/v1/clients/$dup_client/linkage-duplicates
expect 200
json .items length 2
json .items[0].entries[*].linkage_id contains $dup_east_link
json .items[0].entries[*].linkage_id excludes $dup_link

### Eastgate lists Riverside's linkage only as its domain and start
as cm4
GET /api/v1/clients/$dup_client/linkages
expect 200
json .items[*].limited contains true
json .items[*].id contains $dup_east_link
json .items[*].id excludes $dup_link

### the supervisor's list names the client, by domain
as sup
GET /api/v1/linkage-duplicates
expect 200
json .items[*].client_id contains $dup_client
audit action=linkage.duplicates_review outcome=ok staff=sup

### a case manager has no such list
as cm1
GET /api/v1/linkage-duplicates
expect 403

### nor does a peer supporter
as peer1
GET /api/v1/linkage-duplicates
expect 403

### a bad cursor is refused, naming it
as sup
GET /api/v1/linkage-duplicates?after=nonsense
expect 400
json .errors.after exists

### when Eastgate ends its linkage, housing is no longer a duplicate
as cm4
POST /api/v1/linkages/$dup_east_link/end
If-Match: 1
{"reason":"Riverside's application goes ahead."}
expect 200

### one domain left
as cm1
GET /api/v1/clients/$dup_client/linkage-duplicates
expect 200
json .items length 1
json .items[0].domain == "mental_health_treatment"

### Eastgate links its step to the very service Riverside linked instead
as cm4
POST /api/v1/clients/$dup_client/linkages
{"plan_id":$dup_east_plan,"step_key":"g1s2","service_id":$housing_service}
expect 201

### one provider in housing, two linkages: no duplicate service
as cm1
GET /api/v1/clients/$dup_client/linkage-duplicates
expect 200
json .items length 1
json .items[0].domain == "mental_health_treatment"

# ---- the matrix ----

### setup: the plan of cm2's client
as cm2
POST /api/v1/clients/$org_client/care-plans
{"episode_id":$org_episode,"goals":[{"domain":"income_entitlements","client_words":"My pension.","steps":[{"who":"client","what":"Bring the letters"}]}]}
expect 201
save org_plan .id

### setup: its linkage
as cm2
POST /api/v1/clients/$org_client/linkages
{"plan_id":$org_plan,"step_key":"g1s2","resource_name":"Pension office"}
expect 201
save org_linkage .id

### setup: the plan of cm4's client
as cm4
POST /api/v1/clients/$other_client/care-plans
{"episode_id":$other_episode,"goals":[{"domain":"family_community","client_words":"See my sister.","steps":[{"who":"client","what":"Call her on Sundays"}]}]}
expect 201
save other_plan .id

### setup: its linkage
as cm4
POST /api/v1/clients/$other_client/linkages
{"plan_id":$other_plan,"step_key":"g1s2","resource_name":"Family centre"}
expect 201
save other_linkage .id

### setup: the plan of cm4's organisation's other client
as lk-cm4b
POST /api/v1/clients/${org_client@cm4}/care-plans
{"episode_id":${org_episode@cm4},"goals":[{"domain":"health_dental","client_words":"A kind dentist.","steps":[{"who":"client","what":"Book a check-up"}]}]}
expect 201
save org_plan@cm4 .id

### setup: its linkage
as lk-cm4b
POST /api/v1/clients/${org_client@cm4}/linkages
{"plan_id":${org_plan@cm4},"step_key":"g1s2","resource_name":"Eastgate dental clinic"}
expect 201
save org_linkage@cm4 .id

### setup: the plan of the care desk's organisation's client
as lk-ncm
POST /api/v1/clients/${org_client@desk1}/care-plans
{"episode_id":${org_episode@desk1},"goals":[{"domain":"daily_living_care","client_words":"Cook twice a week.","steps":[{"who":"client","what":"Join the cooking class"}]}]}
expect 201
save org_plan@desk1 .id

### setup: its linkage
as lk-ncm
POST /api/v1/clients/${org_client@desk1}/linkages
{"plan_id":${org_plan@desk1},"step_key":"g1s2","resource_name":"Northside cooking class"}
expect 201
save org_linkage@desk1 .id

### setup: the plan of the housing coordinator's organisation's client
as lk-hcm
POST /api/v1/clients/${org_client@housing1}/care-plans
{"episode_id":${org_episode@housing1},"goals":[{"domain":"housing","client_words":"Stay in my flat.","steps":[{"who":"client","what":"Pay the rent on time"}]}]}
expect 201
save org_plan@housing1 .id

### setup: its linkage
as lk-hcm
POST /api/v1/clients/${org_client@housing1}/linkages
{"plan_id":${org_plan@housing1},"step_key":"g1s2","resource_name":"Harbour tenancy support"}
expect 201
save org_linkage@housing1 .id

### setup: the linkages of the matrix
set team_linkage $link2
set team_linkage@cm4 $other_linkage
set other_linkage@cm4 $org_linkage

### the access matrix of linkages
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag list json .items exists
tag one json .checks exists
# (an analyst is refused by the routes' roles, before core/: no audit row)
# read: the care team (housing on it too, not the care desk, not the peer supporter), the supervisor
# of an open episode; another organisation's linkage only through consent (housing1 reads the team
# client's through the consent above). Written by the clinical members of the team; writes are
# sent so that they change nothing once let through (an invalid body).
team  GET  /api/v1/clients/{client}/linkages | 403* 200+/list 200+/list 200+/list 200+/list 403* 403* 200+/list 403 200+/list
org   GET  /api/v1/clients/{client}/linkages | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/clients/{client}/linkages | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  GET  /api/v1/clients/{client}/linkage-duplicates | 403* 200+/list 200+/list 200+/list 200+/list 403* 403* 200+/list 403 200+/list
org   GET  /api/v1/clients/{client}/linkage-duplicates | 403* 200+/list 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/clients/{client}/linkage-duplicates | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  GET  /api/v1/linkages/{linkage} | 403* 200+/one 200+/one 200+/one 200+/one 403* 403* 200+/one 403 200+/one
org   GET  /api/v1/linkages/{linkage} | 403* 200+/one 403* 403* 403* 403* 403* 403* 403 403*
other GET  /api/v1/linkages/{linkage} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/clients/{client}/linkages {} | 403* 400 400 400 400 403* 403* 403* 403 400
org   POST /api/v1/clients/{client}/linkages {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/clients/{client}/linkages {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/linkages/{linkage}/checks {} | 403* 400 400 400 400 403* 403* 403* 403 400
org   POST /api/v1/linkages/{linkage}/checks {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/linkages/{linkage}/checks {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
team  POST /api/v1/linkages/{linkage}/end If-Match:0 {} | 403* 400 400 400 400 403* 403* 403* 403 400
org   POST /api/v1/linkages/{linkage}/end If-Match:0 {} | 403* 400 403* 403* 403* 403* 403* 403* 403 403*
other POST /api/v1/linkages/{linkage}/end If-Match:0 {} | 403* 403* 403* 403* 403* 403* 403* 403* 403 403*
-     GET  /api/v1/linkage-duplicates | 403 200/list 403 403 403 403 403 403 403 403
