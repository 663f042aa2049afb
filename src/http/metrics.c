/* metrics: Prometheus text for /metrics: requests by route and status, a latency histogram,
 * commit batch sizes and the writer's queue depth. Counters are atomic; no locks on the hot path. */
#include "http/http.h"
#include <string.h>

static const double bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
#define NB (sizeof bounds / sizeof bounds[0])
#define NCLASS 5 /* 1xx..5xx */

static int n_routes;
static uint64_t *by_route; /* (n_routes + 1) * NCLASS; last row: unmatched */
static uint64_t hist[NB + 1];
static uint64_t hist_sum_us, hist_count;

void metrics_init(int nroutes)
{
    n_routes = nroutes;
    free(by_route);
    by_route = xcalloc((size_t)(nroutes + 1) * NCLASS, sizeof *by_route);
}

void metrics_observe(int route_index, int status, double seconds)
{
    if (!by_route)
        return;
    int row = route_index >= 0 && route_index < n_routes ? route_index : n_routes;
    int cls = status / 100 - 1;
    if (cls < 0 || cls >= NCLASS)
        cls = NCLASS - 1;
    __atomic_fetch_add(&by_route[row * NCLASS + cls], 1, __ATOMIC_RELAXED);
    size_t b = 0;
    while (b < NB && seconds > bounds[b])
        b++;
    __atomic_fetch_add(&hist[b], 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&hist_sum_us, (uint64_t)(seconds * 1e6), __ATOMIC_RELAXED);
    __atomic_fetch_add(&hist_count, 1, __ATOMIC_RELAXED);
}

void metrics_render(struct buf *b, const struct route *const *routes, int nroutes)
{
    buf_adds(b, "# HELP hearth_requests_total Requests answered, by route and status class.\n"
                "# TYPE hearth_requests_total counter\n");
    for (int r = 0; r <= nroutes && r <= n_routes; r++)
        for (int c = 0; c < NCLASS; c++) {
            uint64_t v = __atomic_load_n(&by_route[r * NCLASS + c], __ATOMIC_RELAXED);
            if (!v)
                continue;
            buf_printf(b, "hearth_requests_total{method=\"%s\",route=\"%s\",status=\"%dxx\"} %llu\n",
                       r < nroutes ? routes[r]->method : "", r < nroutes ? routes[r]->pattern : "unmatched", c + 1,
                       (unsigned long long)v);
        }
    buf_adds(b, "# HELP hearth_request_duration_seconds Time from request to response.\n"
                "# TYPE hearth_request_duration_seconds histogram\n");
    uint64_t cum = 0;
    for (size_t i = 0; i <= NB; i++) {
        cum += __atomic_load_n(&hist[i], __ATOMIC_RELAXED);
        if (i < NB)
            buf_printf(b, "hearth_request_duration_seconds_bucket{le=\"%g\"} %llu\n", bounds[i],
                       (unsigned long long)cum);
        else
            buf_printf(b, "hearth_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", (unsigned long long)cum);
    }
    buf_printf(b, "hearth_request_duration_seconds_sum %.6f\nhearth_request_duration_seconds_count %llu\n",
               hist_sum_us / 1e6, (unsigned long long)hist_count);
    struct writer_stats ws;
    writer_get_stats(&ws);
    static const char *const sizes[] = {"1", "3", "7", "15", "31", "63", "127", "+Inf"};
    buf_adds(b, "# HELP hearth_commit_batch_size Write jobs per committed transaction (group commit).\n"
                "# TYPE hearth_commit_batch_size histogram\n");
    cum = 0;
    for (int i = 0; i < 8; i++) {
        cum += ws.batch_hist[i];
        buf_printf(b, "hearth_commit_batch_size_bucket{le=\"%s\"} %llu\n", sizes[i], (unsigned long long)cum);
    }
    buf_printf(b, "hearth_commit_batch_size_sum %llu\nhearth_commit_batch_size_count %llu\n",
               (unsigned long long)ws.jobs, (unsigned long long)ws.batches);
    buf_printf(b, "# HELP hearth_writer_seconds_total Writer time by phase.\n# TYPE hearth_writer_seconds_total counter\n"
                  "hearth_writer_seconds_total{phase=\"run\"} %.6f\nhearth_writer_seconds_total{phase=\"commit\"} %.6f\n"
                  "hearth_writer_seconds_total{phase=\"after_commit\"} %.6f\n",
               ws.run_us / 1e6, ws.commit_us / 1e6, ws.after_us / 1e6);
    struct auth_check_stats cs;
    auth_check_stats(&cs);
    buf_printf(b, "# HELP hearth_login_checks_total Login passwords checked (Argon2id on the worker pool).\n"
                  "# TYPE hearth_login_checks_total counter\nhearth_login_checks_total %llu\n"
                  "# HELP hearth_login_queue_refused_total Logins refused a place in the password-check queue (full: 503; "
                  "the address's share taken: 429).\n"
                  "# TYPE hearth_login_queue_refused_total counter\nhearth_login_queue_refused_total %llu\n"
                  "# HELP hearth_login_queue Login password checks waiting or running, and the most allowed.\n"
                  "# TYPE hearth_login_queue gauge\nhearth_login_queue %d\nhearth_login_queue_max %d\n",
               (unsigned long long)cs.total, (unsigned long long)cs.refused, cs.queued, cs.max);
    buf_printf(b, "# HELP hearth_write_queue_depth Jobs waiting for the writer.\n# TYPE hearth_write_queue_depth gauge\n"
                  "hearth_write_queue_depth %llu\n",
               (unsigned long long)ws.queue_depth);
}
