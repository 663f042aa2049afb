# The control tower (issue 14 §2): the evaluation's figures from the run `hearth evaluate` made before
# the server started (apitest does), for analysts and the city's task force (the city) and an
# organisation's lead (their own organisation only); case managers, peer supporters, care desks and
# housing coordinators are refused. Every figure is a cell with its state; a hidden one has no value.
# The exact figures and their protection are tests/unit/test_dashboard.c's and test_suppress.c's.

include who.t

### who is who: taskforce1
as taskforce1
GET /api/v1/me
expect 200
save taskforce1_id .id

### the overview as the task force: every group of the dictionary, the run's time and threshold
as taskforce1
GET /api/v1/evaluation
expect 200
json .as_of exists
json .threshold == 11
json .kind == "quarter"
json .groups[*].group contains "reach"
json .groups[*].group contains "referrals"
json .groups[*].group contains "continuity"
json .groups[0].indicators[0].indicator.name exists
json .groups[0].indicators[0].headline.state exists
json .selection.org == 0
audit action=evaluation.view outcome=ok staff=taskforce1

### the overview by month, as an analyst
as analyst1
GET /api/v1/evaluation?kind=month
expect 200
json .kind == "month"
json .period exists

### one indicator by year: its figure, the previous year, the trend and the organisations
as taskforce1
GET /api/v1/evaluation/view?indicator=reach.clients_served&kind=year
expect 200
json .indicator.id == "reach.clients_served"
json .recorded == true
json .headline.state exists
json .trend length 2
json .breakdown.by == "organisation"
json .breakdown.rows[0].key exists
json .choices.orgs exists

### one indicator within an organisation, by district
as analyst1
GET /api/v1/evaluation/view?indicator=reach.clients_served&kind=year&org=$riverside&by=district
expect 200
json .selection.org == $riverside
json .breakdown.by == "district"

### a hidden figure has no value (every figure of the breakdown: shown with n, or not shown without)
as taskforce1
GET /api/v1/evaluation/view?indicator=reach.clients_new&kind=month&by=district
expect 200
json .breakdown.rows[*].state excludes "hidden"

### two dimensions at once are refused, naming the second
as taskforce1
GET /api/v1/evaluation/view?indicator=reach.clients_served&programme=act&district=Riverside-gu
expect 400
json .errors.district exists

### a breakdown across another dimension than the one chosen is refused
as taskforce1
GET /api/v1/evaluation/view?indicator=reach.clients_served&district=Riverside-gu&by=programme
expect 400
json .errors.by exists

### a period that is not one of the list
as taskforce1
GET /api/v1/evaluation/view?indicator=reach.clients_served&kind=year&period=Y1999
expect 400
json .errors.period exists

### a period of the wrong kind
as taskforce1
GET /api/v1/evaluation/view?indicator=reach.clients_served&kind=year&period=Q2025-1
expect 400
json .errors.period exists

### no such indicator
as taskforce1
GET /api/v1/evaluation/view?indicator=reach.nothing
expect 404

### no indicator named
as taskforce1
GET /api/v1/evaluation/view
expect 400
json .errors.indicator exists

### the trend as CSV: a header line, one line per period
as taskforce1
GET /api/v1/evaluation/view.csv?indicator=reach.clients_served&kind=year&table=trend
expect 200
header content-type contains text/csv
text contains period,
audit action=evaluation.view outcome=ok staff=taskforce1

### the overview as CSV: a line per indicator
as taskforce1
GET /api/v1/evaluation.csv?kind=year
expect 200
header content-type contains text/csv
text contains group,indicator,name,kind,period,figure,previous_period,previous_figure
text contains reach.clients_served
audit action=evaluation.view outcome=ok staff=taskforce1

### the breakdown as CSV, with the total
as analyst1
GET /api/v1/evaluation/view.csv?indicator=reach.clients_served&kind=year&table=breakdown
expect 200
text contains total,

### an organisation's lead: their own organisation, whatever they ask
as sup
GET /api/v1/evaluation/view?indicator=reach.clients_served&kind=year
expect 200
json .selection.org == $riverside

### an organisation's lead may not read another organisation's figures (403, audited)
as sup
GET /api/v1/evaluation/view?indicator=reach.clients_served&kind=year&org=$eastgate
expect 403
audit action=evaluation.view outcome=denied staff=sup

### access: the control tower (RES_EVALUATION read)
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4 taskforce1
tag groups json .groups exists
-     GET /api/v1/evaluation | 200+/groups 200+/groups 403* 403* 403* 403* 403* 403* 200+/groups 403* 200+/groups
-     GET /api/v1/evaluation/view?indicator=reach.clients_served | 200+ 200+ 403* 403* 403* 403* 403* 403* 200+ 403* 200+
