/* risk: the API of flags, on-call, crisis events, safety plans and hospitalisations.
 * Every handler is parse -> core -> reply; core (core/risk.h) decides access and audits. */
#include "core/risk.h"
#include "api/api_int.h"

API_LIST(flags_list, flag_list(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(flags_create, flag_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE_V(flags_review, flag_review(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_LIST(kinds_list, flag_kind_list(&h->ctx, &pg, &h->result))
API_WRITE(kinds_add, flag_kind_add(&h->ctx, h->body, &h->result), api_done_201)

API_LIST(oncall_rota, oncall_list(&h->ctx, qstr(h, "from"), qstr(h, "to"), &pg, &h->result))
API_READ(oncall_current, oncall_now(&h->ctx, &h->result))
API_WRITE(oncall_create, oncall_add(&h->ctx, h->body, &h->result), api_done_201)
API_WRITE(oncall_delete, oncall_remove(&h->ctx, h->id[0], &h->result), api_done_200)

API_LIST(crisis_events, crisis_list(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(crisis_create, crisis_record(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_READ(crisis_page, crisis_view(&h->ctx, h->id[0], &h->result))

static void plan_get(struct hreq *h)
{
    int rc = safety_get(&h->ctx, h->id[0], api_qint(h, "version", 0), &h->result);
    reply_result(h, rc, 200);
}
API_LIST(plan_history, safety_history(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE_V(plan_save, safety_save(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_201)

API_LIST(hosp_get, hosp_list(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(hosp_create, hosp_admit(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE_V(hosp_out, hosp_discharge(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)

#define A ROLES_ANY
#define J RF_API
const struct route api_risk_routes[] = {
    {"GET", "/api/v1/clients/{id}/flags", flags_list, A, J, DOC(RR_LIST, RES_FLAG, "A client's risk flags with their reviews, active first")},
    {"POST", "/api/v1/clients/{id}/flags", flags_create, A, J, DOC(RR_ONE, RES_FLAG, "Raise a risk flag"), .status = 201},
    {"POST", "/api/v1/flags/{id}/review", flags_review, A, J, DOC(RR_ONE, RES_FLAG, "Review a flag (If-Match: its version)")},
    {"GET", "/api/v1/flag-kinds", kinds_list, A, J, DOC(RR_LIST, RES_FLAG_KIND, "The kinds of flag: built in, then my organisation's")},
    {"POST", "/api/v1/flag-kinds", kinds_add, A, J, DOC(RR_ONE, RES_FLAG_KIND, "Add a kind of flag for my organisation"), .status = 201},
    {"GET", "/api/v1/oncall", oncall_rota, A, J, DOC(RR_LIST, RES_ONCALL, "The on-call rota of my organisation between from and to")},
    {"POST", "/api/v1/oncall", oncall_create, A, J, DOC(RR_ONE, RES_ONCALL, "Add an on-call shift"), .status = 201},
    {"GET", "/api/v1/oncall/now", oncall_current, A, J, DOC0(RR_ONE, "Who is on call now in my organisation, and next")},
    {"DELETE", "/api/v1/oncall/{id}", oncall_delete, A, J, DOC(RR_ONE, RES_ONCALL, "Remove a shift (a running one ends now)")},
    {"GET", "/api/v1/clients/{id}/crisis-events", crisis_events, A, J, DOC(RR_LIST, RES_CRISIS, "A client's crisis events, newest first")},
    {"POST", "/api/v1/clients/{id}/crisis-events", crisis_create, A, J, DOC(RR_ONE, RES_CRISIS, "Record a crisis event: follow-up tasks are made"), .status = 201},
    {"GET", "/api/v1/clients/{id}/crisis-view", crisis_page, A, J, DOC0(RR_ONE, "Everything the on-call worker needs at once")},
    {"GET", "/api/v1/clients/{id}/safety-plan", plan_get, A, J, DOC(RR_ONE, RES_SAFETY_PLAN, "The safety plan (?version=N: an earlier one)")},
    {"POST", "/api/v1/clients/{id}/safety-plan", plan_save, A, J, DOC(RR_ONE, RES_SAFETY_PLAN, "Save a new version of the safety plan (If-Match: the version it is based on)"), .status = 201},
    {"GET", "/api/v1/clients/{id}/safety-plan/history", plan_history, A, J, DOC(RR_LIST, RES_SAFETY_PLAN, "Every version of the safety plan, newest first")},
    {"GET", "/api/v1/clients/{id}/hospitalisations", hosp_get, A, J, DOC(RR_LIST, RES_HOSPITAL, "A client's hospital stays, newest first")},
    {"POST", "/api/v1/clients/{id}/hospitalisations", hosp_create, A, J, DOC(RR_ONE, RES_HOSPITAL, "Record an admission"), .status = 201},
    {"POST", "/api/v1/hospitalisations/{id}/discharge", hosp_out, A, J, DOC(RR_ONE, RES_HOSPITAL, "Record the discharge (If-Match: its version)")},
    {0},
};
