# Operations: health and Prometheus metrics, both public.

### healthz
GET /healthz
expect 200
json .status == "ok"

### healthz: HEAD
HEAD /healthz
expect 200

### healthz: POST is not allowed
POST /healthz
{}
expect 405
header Allow == GET

### metrics: some traffic to count: a client read
as cm1
GET /api/v1/clients/1
expect 200

### metrics: some traffic to count: a refused login
POST /api/v1/login
{}
expect 400

### metrics: Prometheus text with requests, latency, commit batches and the write queue
GET /metrics
expect 200
header Content-Type contains text/plain
text contains # TYPE hearth_requests_total counter
text contains hearth_requests_total{method="GET",route="/api/v1/clients/{id}",status="2xx"}
text contains hearth_requests_total{method="POST",route="/api/v1/login",status="4xx"}
text contains hearth_request_duration_seconds_bucket{le="+Inf"}
text contains # TYPE hearth_commit_batch_size histogram
text contains hearth_commit_batch_size_bucket{le="1"}
text contains hearth_write_queue_depth
text excludes Minji

### metrics: POST is not allowed
POST /metrics
{}
expect 405
header Allow == GET
