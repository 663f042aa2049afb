/* evaluation: the API of the indicator dictionary and of the evaluation's refresh (core/evaluation.c
 * decides access and audits; the aggregates never hold a client). Every handler is parse -> core ->
 * reply; a refresh answers 202 with its run and runs on a thread of its own after the commit. */
#include "api/api_int.h"
#include "core/indicator.h"

API_READ(indicator_list_h, indicator_list(&h->ctx, &h->result))
API_READ(evaluation_latest_h, evaluation_latest(&h->ctx, &h->result))

static int refresh_w(struct hreq *h)
{
    return evaluation_refresh(&h->ctx, &h->result);
}
static void refresh_done(struct hreq *h)
{
    evaluation_refreshed(h->rc, h->result);
    reply_result(h, h->rc, 202);
}
static void refresh_h(struct hreq *h)
{
    http_write(h, refresh_w, refresh_done);
}

#define J RF_API
const struct route api_evaluation_routes[] = {
    {"GET", "/api/v1/indicators", indicator_list_h, ROLES_ANY, J, DOC0(RR_ONE, "The indicator dictionary in the request's language: each indicator's name, definition, denominator, numerators, period rule, attribution, source tables, kind, dimensions, parameters, whether it is recorded (not recorded: shown as such, never as zero) and additive; the small-cell threshold"), GATE(RES_INDICATOR, ACT_LIST)},
    {"POST", "/api/v1/evaluation/refresh", refresh_h, ROLES_ANY, J, DOC0(RR_ONE, "Refresh the evaluation's precomputed aggregates: 202 with the run {id, state, progress, started}; it goes on in the background (its progress at runs/latest); while one is under way, 202 with that run (started false); 409 on a server without a dictionary"), GATE(RES_EVALUATION, ACT_CREATE), .status = 202},
    {"GET", "/api/v1/evaluation/runs/latest", evaluation_latest_h, ROLES_ANY, J, DOC0(RR_ONE, "The latest evaluation run (state running, done or failed, progress in percent, cells, error) and the latest done one, which the dashboard reads"), GATE(RES_EVALUATION, ACT_READ)},
    {0},
};
HTTP_ROUTES(api_evaluation_routes, "api-16-indicators");
