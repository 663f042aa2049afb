/* care: the API of care services (household support, issue 13 §4): plans, visit logs, a care
 * worker's own work, weeks beyond the plan, monthly statements. core/care.c decides and audits.
 * Every handler is parse -> core -> reply. */
#include "api/api_int.h"
#include "core/care.h"

API_READ(care_config_h, care_config(&h->ctx, &h->result))
API_LIST(care_services_of_client, care_service_list(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(care_services_create, care_service_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_READ(care_services_get, care_service_get(&h->ctx, h->id[0], &h->result))
API_WRITE_V(care_services_update, care_service_update(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE_V(care_services_end, care_service_end(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_LIST(care_visits_of_service, care_visit_list(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(care_visits_create, care_visit_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_LIST(care_work, care_work_mine(&h->ctx, &pg, &h->result))
API_READ(care_over_plan_h, care_over_plan_list(&h->ctx, qstr(h, "month"), &h->result))
API_READ(care_statements, care_statement_list(&h->ctx, qstr(h, "month"), &h->result))
API_READ(care_statement_one, care_statement_get(&h->ctx, h->id[0], qstr(h, "month"), &h->result))
API_READ(care_statement_own, care_statement_mine(&h->ctx, qstr(h, "month"), &h->result))

/* A worker's statement as a CSV file for payroll: the same access and audit as its JSON. */
static void care_statement_csv_h(struct hreq *h)
{
    json_t *st = NULL;
    int rc = care_statement_get(&h->ctx, h->id[0], qstr(h, "month"), &st);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    care_statement_csv(st, &b);
    char name[80];
    snprintf(name, sizeof name, "care-statement-%lld-%s.csv", (long long)json_integer_value(json_object_get(st, "worker_id")),
             json_string_value(json_object_get(st, "month")));
    json_decref(st);
    reply_download(h, "text/csv; charset=utf-8", name, &b);
}

static const struct res_field plan_body[] = {
    {"tasks", FT_ARRAY, 0, "The tasks in scope: keys of the configured list (GET /api/v1/care-config)"},
    {"hours_per_week", FT_NUMBER, 0, "Hours per week, in quarter hours (0.25 to 60)"},
    {"worker_staff_id", FT_INT, 1, "The care worker: a staff member of your organisation with an account; or worker_name"},
    {"worker_name", FT_STRING, 1, "The care worker: an external worker recorded by name, without an account"},
    {"worker_kind", FT_STRING, 0, "The kind of care worker they are paid as (a configured key)"},
    {"start_date", FT_DATE, 1, "The start (default today)"},
    {"review_date", FT_DATE, 0, "When the plan is reviewed with the client (after the start)"},
    {"end_criteria", FT_ARRAY, 0, "The termination criteria agreed: keys of the configured list"},
    {"note", FT_STRING, 1, "Note"},
    {NULL, 0, 0, NULL}};
static const struct res_field update_body[] = {
    {"tasks", FT_ARRAY, 1, "The tasks in scope (configured keys)"},
    {"hours_per_week", FT_NUMBER, 1, "Hours per week, in quarter hours"},
    {"worker_staff_id", FT_INT, 1, "Another care worker: a staff member of your organisation"},
    {"worker_name", FT_STRING, 1, "Another care worker: an external worker by name"},
    {"worker_kind", FT_STRING, 1, "The kind of care worker (a configured key)"},
    {"start_date", FT_DATE, 1, "The start"},
    {"review_date", FT_DATE, 1, "The review date"},
    {"end_criteria", FT_ARRAY, 1, "The termination criteria agreed (configured keys)"},
    {"note", FT_STRING, 1, "Note (empty: none)"},
    {NULL, 0, 0, NULL}};
static const struct res_field end_body[] = {
    {"criterion", FT_STRING, 0, "The termination criterion that applied (a configured key)"},
    {"end_date", FT_DATE, 1, "The end (default today; not before a visit logged)"},
    {"note", FT_STRING, 1, "Note on the end"},
    {NULL, 0, 0, NULL}};
static const struct res_field visit_body[] = {
    {"visit_date", FT_DATE, 1, "The day of the visit (default today; not in the future)"},
    {"hours", FT_NUMBER, 0, "Hours, in quarter hours (0.25 to 12)"},
    {"tasks_done", FT_ARRAY, 0, "The tasks done: keys of the plan's scope"},
    {"noticed", FT_STRING, 1, "Anything noticed, in words"},
    {"concern", FT_BOOL, 1, "A concern: the case manager gets a task (noticed is then required)"},
    {NULL, 0, 0, NULL}};
static const struct res_field month_query[] = {
    {"month", FT_STRING, 1, "The month, YYYY-MM (default this month)"}, {NULL, 0, 0, NULL}};

#define S ROLES_STAFF
#define J RF_API
const struct route api_care_routes[] = {
    {"GET", "/api/v1/care-config", care_config_h, S, J, DOC0(RR_ONE, "The care services' configuration: tasks, termination criteria, kinds of worker, hourly rates, currency and the over-plan threshold (labels in your language)")},
    {"GET", "/api/v1/clients/{id}/care-services", care_services_of_client, S, J, DOC(RR_LIST, RES_CARE_SERVICE, ACT_LIST, "A client's care services (household support): active first, newest first (another organisation's only through consent to the care plan)")},
    {"POST", "/api/v1/clients/{id}/care-services", care_services_create, S, J, DOC(RR_ONE, RES_CARE_SERVICE, ACT_CREATE, "Set up a care service: tasks in scope, hours per week, the care worker, start, review date, termination criteria agreed"), .status = 201, .body = plan_body},
    {"GET", "/api/v1/care-services/{id}", care_services_get, S, J, DOC(RR_ONE, RES_CARE_SERVICE, ACT_READ, "One care service with its recent weeks against the plan (the care team; its care worker)")},
    {"PATCH", "/api/v1/care-services/{id}", care_services_update, S, J, DOC(RR_ONE, RES_CARE_SERVICE, ACT_UPDATE, "Change a care service (If-Match: its version)"), .body = update_body},
    {"POST", "/api/v1/care-services/{id}/end", care_services_end, S, J, DOC(RR_ONE, RES_CARE_SERVICE, ACT_UPDATE, "End a care service with the termination criterion that applied (If-Match: its version)"), .body = end_body},
    {"GET", "/api/v1/care-services/{id}/visits", care_visits_of_service, S, J, DOC(RR_LIST, RES_CARE_VISIT, ACT_LIST, "A care service's visits, newest first, each with its week's hours and whether they are beyond the plan (its care worker: their own)")},
    {"POST", "/api/v1/care-services/{id}/visits", care_visits_create, S, J, DOC(RR_ONE, RES_CARE_VISIT, ACT_CREATE, "Log a visit: date, hours, tasks done from the plan's scope, anything noticed; a concern makes a task for the case manager"), .status = 201, .body = visit_body},
    {"GET", "/api/v1/care-work", care_work, S, J, DOC0(RR_LIST, "Your own care work: the care services you are the care worker of, active first"), .res = ROUTE_RES(RES_CARE_SERVICE), GATE(RES_CARE_VISIT, ACT_LIST)},
    {"GET", "/api/v1/care-over-plan", care_over_plan_h, S, J, DOC(RR_LIST, RES_CARE_SERVICE, ACT_REVIEW, "A supervisor's list: weeks whose visits went beyond the plan's hours, newest first (the weeks begun in ?month=YYYY-MM, else the last twelve)"), .brief = 1, .query = month_query},
    {"GET", "/api/v1/care-statements", care_statements, S, J, DOC(RR_LIST, RES_CARE_STATEMENT, ACT_REVIEW, "The organisation's care workers with the month's visits, hours and pay (supervisors and administrators)"), .brief = 1, .query = month_query},
    {"GET", "/api/v1/care-statements/mine", care_statement_own, S, J, DOC(RR_ONE, RES_CARE_STATEMENT, ACT_READ, "Your own monthly statement as a care worker: each visit's hours x rate, and the totals"), .query = month_query},
    {"GET", "/api/v1/care-workers/{id}/statement", care_statement_one, S, J, DOC(RR_ONE, RES_CARE_STATEMENT, ACT_REVIEW, "A care worker's monthly statement for payroll: each visit's date, client, hours, rate and amount, and the totals"), .query = month_query},
    {"GET", "/api/v1/care-workers/{id}/statement.csv", care_statement_csv_h, S, J, DOC(RR_CSV, RES_CARE_STATEMENT, ACT_REVIEW, "A care worker's monthly statement as a CSV file for payroll (text/csv, UTF-8): one line per visit (date, client, kind of worker, hours, rate, amount, currency), then a line whose visit_date is total"), .query = month_query},
    {0},
};
HTTP_ROUTES(api_care_routes, "api-15-care");
