-- wrk script for (c): client-name search, GET /api/v1/clients?q=FRAGMENT, rotating through name
-- fragments (env BENCH_QUERIES, comma-separated; the same list bench/run gives the sqlite3 CLI).
-- Each wrk thread starts at a different place in the list.
local token = os.getenv("HEARTH_TOKEN") or ""
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"

local function urlencode(s)
   return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local queries = {}
for q in string.gmatch(os.getenv("BENCH_QUERIES") or "kim,park,minji", "[^,]+") do
   queries[#queries + 1] = "/api/v1/clients?q=" .. urlencode(q)
end

local threads = 0
function setup(thread)
   thread:set("offset", threads)
   threads = threads + 1
end

local i = nil
function request()
   if i == nil then i = (offset or 0) * 7 end
   i = i + 1
   return wrk.format("GET", queries[(i % #queries) + 1])
end

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
