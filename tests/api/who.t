# Who is who, for a case file to `include who.t`: the demo's staff the access matrices ask as, each
# with their id (admin_id, sup_id, cm1_id, cm2_id, psy1_id, nurse1_id, peer1_id, analyst1_id,
# desk1_id, housing1_id, cm4_id) and the organisations (riverside, northside, harbour, eastgate).
# Not a case file of its own: it lives beside cases/.

### who is who: admin
as admin
GET /api/v1/me
expect 200
save admin_id .id

### who is who: sup
as sup
GET /api/v1/me
expect 200
save sup_id .id

### who is who: cm1
as cm1
GET /api/v1/me
expect 200
save cm1_id .id

### who is who: cm2
as cm2
GET /api/v1/me
expect 200
save cm2_id .id
save riverside .org_id

### who is who: psy1
as psy1
GET /api/v1/me
expect 200
save psy1_id .id

### who is who: nurse1
as nurse1
GET /api/v1/me
expect 200
save nurse1_id .id

### who is who: peer1
as peer1
GET /api/v1/me
expect 200
save peer1_id .id

### who is who: analyst1
as analyst1
GET /api/v1/me
expect 200
save analyst1_id .id

### who is who: desk1
as desk1
GET /api/v1/me
expect 200
save desk1_id .id
save northside .org_id

### who is who: housing1
as housing1
GET /api/v1/me
expect 200
save housing1_id .id
save harbour .org_id

### who is who: cm4
as cm4
GET /api/v1/me
expect 200
save cm4_id .id
save eastgate .org_id
