/* dashboard: the API of the control tower (issue 14 §2): every indicator's headline and trend, one
 * indicator's view with its breakdown, and its tables as CSV. core/dashboard.c reads the protected
 * aggregates only; a suppressed figure comes as its state, never its value. */
#include "api/api_int.h"
#include "core/dashboard.h"

static const char *query_get(void *arg, const char *name)
{
    return qstr((struct hreq *)arg, name);
}

static void overview_h(struct hreq *h)
{
    struct dash_query q;
    int rc = dash_parse(&h->ctx, query_get, h, 0, &q);
    if (rc == OK)
        rc = dash_overview(&h->ctx, &q, &h->result);
    reply_result(h, rc, 200);
}

static void view_h(struct hreq *h)
{
    struct dash_query q;
    int rc = dash_parse(&h->ctx, query_get, h, 1, &q);
    if (rc == OK && !q.indicator)
        rc = ctx_field(&h->ctx, "indicator", _("Choose an indicator."));
    if (rc == OK)
        rc = dash_view(&h->ctx, &q, &h->result);
    reply_result(h, rc, 200);
}

static void overview_csv_h(struct hreq *h)
{
    struct dash_query q;
    struct buf b;
    buf_init(&b);
    int rc = dash_parse(&h->ctx, query_get, h, 0, &q);
    if (rc == OK)
        rc = dash_overview_csv(&h->ctx, &q, &b);
    if (rc != OK) {
        buf_free(&b);
        reply_core_error(h, rc);
        return;
    }
    reply_download(h, "text/csv; charset=utf-8", "control-tower.csv", &b);
}

static void csv_h(struct hreq *h)
{
    struct dash_query q;
    int rc = dash_parse(&h->ctx, query_get, h, 1, &q);
    if (rc == OK && !q.indicator)
        rc = ctx_field(&h->ctx, "indicator", _("Choose an indicator."));
    struct buf b;
    buf_init(&b);
    const char *table = qstr(h, "table");
    if (rc == OK)
        rc = dash_csv(&h->ctx, &q, table ? table : "breakdown", &b);
    if (rc != OK) {
        buf_free(&b);
        reply_core_error(h, rc);
        return;
    }
    char name[160];
    snprintf(name, sizeof name, "%s-%s%s%s.csv", q.indicator, table ? table : "breakdown", q.period ? "-" : "",
             q.period ? q.period : "");
    for (char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
              *p == '-'))
            *p = '-';
    reply_download(h, "text/csv; charset=utf-8", name, &b);
}

#define Q_SELECTION                                                                                                 \
    {"kind", FT_STRING, 1, "month, quarter (default) or year"},                                                    \
        {"period", FT_STRING, 1, "The period: M2026-11, Q2026-4 or Y2026 (default the latest ended one)"},         \
        {"org", FT_INT, 1, "An organisation (default every one; an organisation's lead: their own)"},              \
        {"programme", FT_STRING, 1, "A programme (at most one of programme, district, target_group, life_stage)"}, \
        {"district", FT_STRING, 1, "A district"}, {"target_group", FT_STRING, 1, "A target group"},                 \
        {"life_stage", FT_STRING, 1, "A life stage"}
static const struct res_field overview_query[] = {Q_SELECTION, {NULL, 0, 0, NULL}};
static const struct res_field view_query[] = {
    {"indicator", FT_STRING, 0, "The indicator's id (GET /api/v1/indicators)"},
    Q_SELECTION,
    {"by", FT_STRING, 1, "The breakdown: organisation, partner or the chosen dimension (default: organisations, or the organisation's values)"},
    {NULL, 0, 0, NULL}};
static const struct res_field csv_query[] = {
    {"indicator", FT_STRING, 0, "The indicator's id"},
    {"table", FT_STRING, 1, "trend or breakdown (default)"},
    Q_SELECTION,
    {"by", FT_STRING, 1, "The breakdown (as the view)"},
    {NULL, 0, 0, NULL}};

#define A ROLES_ANY
#define J RF_API
const struct route api_dashboard_routes[] = {
    {"GET", "/api/v1/evaluation", overview_h, A, J, DOC0(RR_ONE, "The control tower: every indicator's figure for the period and selection, the previous period and a trend of twelve, from the latest computed run (aggregates only; a figure under the threshold, or hidden so that none can be worked out, comes as its state without a value)"), GATE(RES_EVALUATION, ACT_READ), .query = overview_query},
    {"GET", "/api/v1/evaluation.csv", overview_csv_h, A, J, DOC(RR_CSV, RES_EVALUATION, ACT_READ, "The control tower's overview as a CSV file: a line per indicator with its figure for the period and the previous period's, suppressed as on the page"), .query = overview_query},
    {"GET", "/api/v1/evaluation/view", view_h, A, J, DOC0(RR_ONE, "One indicator for the period and selection: its figure, the previous period, a trend of twelve and the breakdown by organisation or by one dimension's values, each cell with its state"), GATE(RES_EVALUATION, ACT_READ), .query = view_query},
    {"GET", "/api/v1/evaluation/view.csv", csv_h, A, J, DOC(RR_CSV, RES_EVALUATION, ACT_READ, "One of a view's tables (trend or breakdown) as a CSV file, with the same suppression as the page"), .query = csv_query},
    {0},
};
HTTP_ROUTES(api_dashboard_routes, "api-16b-dashboard");
