# The world of an access matrix, for a case file to `include world.t` after setting three variables:
#   world         a prefix for the staff this makes ("co": co-cm4b, co-ncm, co-hcm)
#   world_name    the clients' given name ("Sharewell")
#   world_decade  the first three digits of the clients' birth years ("196": born 1961..1966), so
#                 that no two files' clients look alike to the duplicate check
# It needs who is who first (`include who.t`: admin_id, sup_id, cm1_id ... and the organisations
# riverside, eastgate, northside, harbour) and makes the
# relationships of matrix.t under the variable names the matrix rows read:
#   team   team_client: Riverside, cm1's; sup, psy1, nurse1, peer1, desk1, housing1, admin, analyst1 on
#          its team (team_episode)
#   org    org_client: Riverside, cm2's (cm4: org_client@cm4 at Eastgate; desk1: org_client@desk1 at
#          Northside; housing1: org_client@housing1 at Harbour)
#   other  other_client: Eastgate, cm4's (cm4's team client; cm4's other client is org_client)
# Each client has an open episode (NAME_episode). Not a case file of its own: it lives beside cases/.

### setup: a second case manager at Eastgate
as admin
POST /api/v1/staff
{"username":"$world-cm4b","display_name":"$world_name $world-cm4b","role":"case_manager","discipline":"nurse","org_id":$eastgate,"password":"hearth-demo-2026"}
expect 201

### setup: a case manager at Northside
as admin
POST /api/v1/staff
{"username":"$world-ncm","display_name":"$world_name $world-ncm","role":"case_manager","discipline":"social_worker","org_id":$northside,"password":"hearth-demo-2026"}
expect 201

### setup: a case manager at Harbour
as admin
POST /api/v1/staff
{"username":"$world-hcm","display_name":"$world_name $world-hcm","role":"case_manager","discipline":"social_worker","org_id":$harbour,"password":"hearth-demo-2026"}
expect 201

### setup team: the client
as cm1
POST /api/v1/clients
{"given_name":"$world_name","family_name":"Teamford","birth_date":"${world_decade}1-07-11","address":"5 Willow-ro 2-gil, Riverside-gu"}
expect 201
save team_client .id

### setup team: an open episode, cm1 its primary case manager
as cm1
POST /api/v1/clients/${team_client}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save team_episode .id

### setup team: sup joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$sup_id,"team_role":"other"}
expect 201

### setup team: psy1 joins the team as psychiatrist
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$psy1_id,"team_role":"psychiatrist"}
expect 201

### setup team: nurse1 joins the team as nurse
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$nurse1_id,"team_role":"nurse"}
expect 201

### setup team: peer1 joins the team as peer_supporter
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$peer1_id,"team_role":"peer_supporter"}
expect 201

### setup team: desk1 joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$desk1_id,"team_role":"other"}
expect 201

### setup team: housing1 joins the team as housing_coordinator
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$housing1_id,"team_role":"housing_coordinator"}
expect 201

### setup team: admin joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$admin_id,"team_role":"other"}
expect 201

### setup team: analyst1 joins the team as other
as cm1
POST /api/v1/episodes/$team_episode/team
{"staff_id":$analyst1_id,"team_role":"other"}
expect 201

### setup org: the client
as cm2
POST /api/v1/clients
{"given_name":"$world_name","family_name":"Orgford","birth_date":"${world_decade}2-08-12"}
expect 201
save org_client .id

### setup org: an open episode, cm2 its primary case manager
as cm2
POST /api/v1/clients/${org_client}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode .id

### setup other: the client
as cm4
POST /api/v1/clients
{"given_name":"$world_name","family_name":"Eastford","birth_date":"${world_decade}3-09-13"}
expect 201
save other_client .id

### setup other: an open episode, cm4 its primary case manager
as cm4
POST /api/v1/clients/${other_client}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save other_episode .id

### setup org@cm4: the client
as $world-cm4b
POST /api/v1/clients
{"given_name":"$world_name","family_name":"Eastother","birth_date":"${world_decade}4-10-14"}
expect 201
save org_client@cm4 .id

### setup org@cm4: an open episode, the second Eastgate case manager its primary case manager
as $world-cm4b
POST /api/v1/clients/${org_client@cm4}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode@cm4 .id

### setup org@desk1: the client
as $world-ncm
POST /api/v1/clients
{"given_name":"$world_name","family_name":"Northford","birth_date":"${world_decade}5-11-15"}
expect 201
save org_client@desk1 .id

### setup org@desk1: an open episode, Northside's case manager its primary case manager
as $world-ncm
POST /api/v1/clients/${org_client@desk1}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode@desk1 .id

### setup org@housing1: the client
as $world-hcm
POST /api/v1/clients
{"given_name":"$world_name","family_name":"Harbourford","birth_date":"${world_decade}6-12-16"}
expect 201
save org_client@housing1 .id

### setup org@housing1: an open episode, Harbour's case manager its primary case manager
as $world-hcm
POST /api/v1/clients/${org_client@housing1}/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201
save org_episode@housing1 .id

### setup: cm4's team client is the other client, its other-organisation client the org client
set team_client@cm4 $other_client
set other_client@cm4 $org_client
