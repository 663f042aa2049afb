-- wrk script for (b): durable contact creation, POST /api/v1/clients/ID/contacts with a bearer token
-- (env HEARTH_TOKEN; API tokens need no CSRF header). Every request is one durable write plus its
-- audit record; the response is sent only after the transaction holding both is committed.
local token = os.getenv("HEARTH_TOKEN") or ""
local client = os.getenv("BENCH_CLIENT") or "1"

wrk.method = "POST"
wrk.path = "/api/v1/clients/" .. client .. "/contacts"
wrk.body = '{"kind":"phone","at":"2026-11-01T10:00","duration_min":5,"domains":["housing"],"body":"bench"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d duration_us=%d rps=%.1f p50_ms=%.3f p90_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f" ..
      " err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
      summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000,
      e.connect, e.read, e.write, e.status, e.timeout))
end
