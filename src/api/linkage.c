/* linkage: the API of resource linkage and monitoring (core/linkage.c decides access and audits).
 * Every handler is parse -> core -> reply. */
#include "api/api_int.h"

API_LIST(linkages_of_client, linkage_list(&h->ctx, h->id[0], &pg, &h->result))
API_READ(linkages_get, linkage_get(&h->ctx, h->id[0], &h->result))
API_READ(linkages_duplicates, linkage_duplicates(&h->ctx, h->id[0], &h->result))
API_LIST(linkages_duplicates_review, linkage_duplicates_review(&h->ctx, &pg, &h->result))
API_WRITE(linkages_create, linkage_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE(linkages_check, linkage_check(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE_V(linkages_end, linkage_end(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)

static const struct res_field create_body[] = {
    {"plan_id", FT_INT, 0, "The client's care plan (of your organisation)"},
    {"step_key", FT_STRING, 0, "A step of the plan's current version (\"g1s2\")"},
    {"service_id", FT_INT, 1, "A service of the directory; or resource_name"},
    {"resource_name", FT_STRING, 1, "A named local resource (not in the directory)"},
    {"resource_contact", FT_STRING, 1, "The local resource's organisation or contact, in words"},
    {"domain", FT_STRING, 1, "A service domain (default: the service's kind when it is one, else the step's goal's)"},
    {"start_date", FT_DATE, 1, "The start (default today)"},
    {"every_n", FT_INT, 1, "Checked every N units (default 1; at most 366 days, 52 weeks, 12 months)"},
    {"every_unit", FT_STRING, 1, "day, week or month (default month)"},
    {"next_check", FT_DATE, 1, "The first check (default: one interval after the start)"},
    {"note", FT_STRING, 1, "Note"},
    {NULL, 0, 0, NULL}};
static const struct res_field check_body[] = {
    {"using_it", FT_STRING, 0, "Whether the client is using it: yes, partly or no"},
    {"satisfied", FT_STRING, 0, "Whether the client is satisfied: yes, partly or no"},
    {"what_changed", FT_STRING, 0, "What changed, in words"},
    {"checked_on", FT_DATE, 1, "The day of the check (default today; not in the future)"},
    {"next_check", FT_DATE, 1, "The next check (default: one interval after this one)"},
    {NULL, 0, 0, NULL}};
static const struct res_field end_body[] = {
    {"reason", FT_STRING, 0, "Why it ends"},
    {"end_date", FT_DATE, 1, "The end (default today)"},
    {NULL, 0, 0, NULL}};

#define S ROLES_STAFF
#define J RF_API
const struct route api_linkage_routes[] = {
    {"GET", "/api/v1/clients/{id}/linkages", linkages_of_client, S, J, DOC(RR_LIST, RES_LINKAGE, ACT_LIST, "A client's linkages of plan steps to services: active first, the next check soonest (another organisation's only as its domain and start, unless consent shares the care plan)")},
    {"POST", "/api/v1/clients/{id}/linkages", linkages_create, S, J, DOC(RR_ONE, RES_LINKAGE, ACT_CREATE, "Link a step of the client's care plan to a service of the directory or a named local resource"), .status = 201, .body = create_body},
    {"GET", "/api/v1/clients/{id}/linkage-duplicates", linkages_duplicates, S, J, DOC(RR_LIST, RES_LINKAGE, ACT_LIST, "The client's duplicate services: domains where active linkages or open episodes of two organisations meet"), .brief = 1},
    {"GET", "/api/v1/linkage-duplicates", linkages_duplicates_review, S, J, DOC(RR_LIST, RES_LINKAGE, ACT_REVIEW, "A supervisor's list: the organisation's clients with duplicate services, by client and domain"), .brief = 1},
    {"GET", "/api/v1/linkages/{id}", linkages_get, S, J, DOC(RR_ONE, RES_LINKAGE, ACT_READ, "One linkage with its checks, newest first")},
    {"POST", "/api/v1/linkages/{id}/checks", linkages_check, S, J, DOC(RR_ONE, RES_LINKAGE, ACT_UPDATE, "Record a check: using it, satisfied, what changed; the next check moves on and the overdue task is done"), .status = 201, .body = check_body},
    {"POST", "/api/v1/linkages/{id}/end", linkages_end, S, J, DOC(RR_ONE, RES_LINKAGE, ACT_UPDATE, "End a linkage with a reason (If-Match: its version)"), .body = end_body},
    {0},
};
HTTP_ROUTES(api_linkage_routes, "api-10-linkage");
