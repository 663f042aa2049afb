# The evaluation (issue 14 §1): the indicator dictionary (indicators/indicators.rules, loaded by the
# server at start) as the API answers it, in the request's language, and the refresh of the
# precomputed aggregates: the analyst, the city task force and an administrator start one (202 with the
# run; one under way answers itself, so the three cases below never race), everybody else is refused;
# the latest run's progress. These routes answer counts and texts only: no client-level data.

### the analyst starts a refresh: 202 with its run
as analyst1
POST /api/v1/evaluation/refresh
expect 202
json .id > 0
json .state exists
json .progress >= 0
json .started exists
audit action=evaluation.refresh outcome=ok staff=analyst1
text excludes client_id
save run .id

### the task force starts one too (or is given the one under way)
as taskforce1
POST /api/v1/evaluation/refresh
expect 202
json .id >= $run
audit action=evaluation.refresh outcome=ok staff=taskforce1

### an administrator too
as admin
POST /api/v1/evaluation/refresh
expect 202
json .id >= $run

### a case manager may not refresh the evaluation: refused and audited
as cm1
POST /api/v1/evaluation/refresh
expect 403
audit action=evaluation.refresh outcome=denied staff=cm1

### nor may a peer supporter
as peer1
POST /api/v1/evaluation/refresh
expect 403
audit action=evaluation.refresh outcome=denied staff=peer1

### nor a care-desk officer
as desk1
POST /api/v1/evaluation/refresh
expect 403

### nobody logged in
POST /api/v1/evaluation/refresh
expect 401

### the latest run, as the task force reads it: its state, progress and cells; no client
as taskforce1
GET /api/v1/evaluation/runs/latest
expect 200
json .run.id >= $run
json .run.state exists
json .run.progress >= 0
json .run.threshold == 11
json .run.dictionary == "2026-12-07"
text excludes client_id
text excludes given_name

### a case manager does not read the runs
as cm1
GET /api/v1/evaluation/runs/latest
expect 403

### the dictionary, in English: every indicator with its texts; work and study not yet recorded
as analyst1
GET /api/v1/indicators
expect 200
json .version == "2026-12-07"
json .threshold == 11
json .items[*].id contains "continuity.discharges"
json .items[*].group contains "workforce"
json .items[0].name == "Clients served"
json .items[0].recorded == true
json .items[0].dims contains "life_stage"
json .items[*].recorded contains false
text excludes client_id
text excludes given_name

### the dictionary in Korean for a Korean-speaking reader
as taskforce1
GET /api/v1/indicators
Accept-Language: ko
expect 200
json .items[0].name == "서비스 이용자 수"

### a supervisor reads the dictionary (an organisation lead sees the dashboard)
as sup
GET /api/v1/indicators
expect 200
json .items length 21

### a case manager does not (the dictionary belongs to the dashboard)
as cm1
GET /api/v1/indicators
expect 403

### the matrix of the evaluation (routes without a client)
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 taskforce1 cm4
tag run json .id exists
tag runs json .run exists
tag dict json .items exists
-     GET  /api/v1/indicators | 200/dict 200/dict 403* 403* 403* 403* 403* 403* 200/dict 200/dict 403*
-     POST /api/v1/evaluation/refresh | 202+/run 403* 403* 403* 403* 403* 403* 403* 202+/run 202+/run 403*
-     GET  /api/v1/evaluation/runs/latest | 200/runs 200/runs 403* 403* 403* 403* 403* 403* 200/runs 200/runs 403*
