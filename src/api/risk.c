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

static const struct res_field flag_body[] = {
    {"kind", FT_STRING, 0, "Kind of flag"},
    {"level", FT_STRING, 0, "low, moderate or high"},
    {"reason", FT_STRING, 0, "Why"},
    {"review_date", FT_DATE, 1, "Review by"},
    {NULL, 0, 0, NULL}};
static const struct res_field flag_review_body[] = {
    {"outcome", FT_STRING, 0, "continued, level_changed or resolved"},
    {"note", FT_STRING, 0, "The review"},
    {"level", FT_STRING, 1, "The new level (level_changed)"},
    {"next_review", FT_DATE, 1, "Next review (unless resolved)"},
    {NULL, 0, 0, NULL}};
static const struct res_field kind_body[] = {
    {"name", FT_STRING, 0, "Name"},
    {"label", FT_STRING, 0, "Label"},
    {NULL, 0, 0, NULL}};
static const struct res_field shift_body[] = {
    {"staff_id", FT_INT, 0, "Who"},
    {"starts_at", FT_STRING, 0, "From (ISO-8601)"},
    {"ends_at", FT_STRING, 0, "Until (ISO-8601)"},
    {"phone", FT_STRING, 1, "Phone on duty"},
    {NULL, 0, 0, NULL}};
static const struct res_field crisis_body[] = {
    {"occurred_at", FT_STRING, 0, "When (ISO-8601)"},
    {"kind", FT_STRING, 0, "Kind of crisis"},
    {"severity", FT_STRING, 0, "Severity"},
    {"response_mode", FT_STRING, 0, "How the team responded"},
    {"responders", FT_ARRAY, 1, "Staff ids"},
    {"actions", FT_STRING, 0, "What was done"},
    {"outcome", FT_STRING, 0, "Outcome"},
    {"notes", FT_STRING, 1, "Notes"},
    {NULL, 0, 0, NULL}};
static const struct res_field admit_body[] = {
    {"hospital", FT_STRING, 0, "Hospital"},
    {"admission_type", FT_STRING, 0, "voluntary or involuntary"},
    {"reason", FT_STRING, 1, "Reason"},
    {"admitted_at", FT_STRING, 0, "Admitted (ISO-8601)"},
    {NULL, 0, 0, NULL}};
static const struct res_field discharge_body[] = {
    {"discharged_at", FT_STRING, 0, "Discharged (ISO-8601)"},
    {NULL, 0, 0, NULL}};

#define A ROLES_ANY
#define J RF_API
const struct route api_risk_routes[] = {
    {"GET", "/api/v1/clients/{id}/flags", flags_list, A, J, DOC(RR_LIST, RES_FLAG, ACT_LIST, "A client's risk flags with their reviews, active first")},
    {"POST", "/api/v1/clients/{id}/flags", flags_create, A, J, DOC(RR_ONE, RES_FLAG, ACT_CREATE, "Raise a risk flag"), .status = 201, .body = flag_body},
    {"POST", "/api/v1/flags/{id}/review", flags_review, A, J, DOC(RR_ONE, RES_FLAG, ACT_REVIEW, "Review a flag (If-Match: its version)"), .body = flag_review_body},
    {"GET", "/api/v1/flag-kinds", kinds_list, A, J, DOC(RR_LIST, RES_FLAG_KIND, ACT_LIST, "The kinds of flag: built in, then my organisation's")},
    {"POST", "/api/v1/flag-kinds", kinds_add, A, J, DOC(RR_ONE, RES_FLAG_KIND, ACT_CREATE, "Add a kind of flag for my organisation"), .status = 201, .body = kind_body},
    {"GET", "/api/v1/oncall", oncall_rota, A, J, DOC(RR_LIST, RES_ONCALL, ACT_LIST, "The on-call rota of my organisation between from and to"),
     .query = (const struct res_field[]){{"from", FT_DATE, 1, "From this day"}, {"to", FT_DATE, 1, "To this day"}, {NULL}}},
    {"POST", "/api/v1/oncall", oncall_create, A, J, DOC(RR_ONE, RES_ONCALL, ACT_CREATE, "Add an on-call shift"), .status = 201, .body = shift_body},
    {"GET", "/api/v1/oncall/now", oncall_current, A, J, DOC0(RR_ONE, "Who is on call now in my organisation, and next"), GATE(RES_ONCALL, ACT_READ)},
    {"DELETE", "/api/v1/oncall/{id}", oncall_delete, A, J, DOC(RR_ONE, RES_ONCALL, ACT_UPDATE, "Remove a shift (a running one ends now)")},
    {"GET", "/api/v1/clients/{id}/crisis-events", crisis_events, A, J, DOC(RR_LIST, RES_CRISIS, ACT_LIST, "A client's crisis events, newest first")},
    {"POST", "/api/v1/clients/{id}/crisis-events", crisis_create, A, J, DOC(RR_ONE, RES_CRISIS, ACT_CREATE, "Record a crisis event: follow-up tasks are made"), .status = 201, .body = crisis_body},
    {"GET", "/api/v1/clients/{id}/crisis-view", crisis_page, A, J, DOC0(RR_ONE, "Everything the on-call worker needs at once"), GATE(RES_CRISIS, ACT_READ)},
    {"GET", "/api/v1/clients/{id}/safety-plan", plan_get, A, J, DOC(RR_ONE, RES_SAFETY_PLAN, ACT_READ, "The safety plan (?version=N: an earlier one)"),
     .query = (const struct res_field[]){{"version", FT_INT, 1, "An earlier version"}, {NULL}}},
    {"POST", "/api/v1/clients/{id}/safety-plan", plan_save, A, J, DOC(RR_ONE, RES_SAFETY_PLAN, ACT_UPDATE, "Save a new version of the safety plan (If-Match: the version it is based on)"), .status = 201},
    {"GET", "/api/v1/clients/{id}/safety-plan/history", plan_history, A, J, DOC(RR_LIST, RES_SAFETY_PLAN, ACT_LIST, "Every version of the safety plan, newest first")},
    {"GET", "/api/v1/clients/{id}/hospitalisations", hosp_get, A, J, DOC(RR_LIST, RES_HOSPITAL, ACT_LIST, "A client's hospital stays, newest first")},
    {"POST", "/api/v1/clients/{id}/hospitalisations", hosp_create, A, J, DOC(RR_ONE, RES_HOSPITAL, ACT_CREATE, "Record an admission"), .status = 201, .body = admit_body},
    {"POST", "/api/v1/hospitalisations/{id}/discharge", hosp_out, A, J, DOC(RR_ONE, RES_HOSPITAL, ACT_UPDATE, "Record the discharge (If-Match: its version)"), .body = discharge_body},
    {0},
};
HTTP_ROUTES(api_risk_routes, "api-4-risk");
