/* records: the client record API: clients, episodes and teams, contacts, tasks, access log,
 * break-glass. Every handler is parse -> core -> reply; core decides access and audits. */
#include "api/api_int.h"
#include <limits.h>

API_LIST(clients_search,
         client_search(&h->ctx, qstr(h, "q"), qstr(h, "birth_date"), qstr(h, "identifier"), &pg, &h->result))
API_WRITE(clients_create, client_create(&h->ctx, h->body, &h->result), api_done_201)
API_READ(clients_get, client_get(&h->ctx, h->id[0], &h->result))
API_WRITE(client_link_decision, client_link_decide(&h->ctx, h->id[0], h->body, &h->result), api_done_200)
API_WRITE_V(clients_update, client_update(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_LIST(clients_history, client_history(&h->ctx, h->id[0], &pg, &h->result))
API_LIST(clients_access_log, audit_client_report(&h->ctx, h->id[0], &pg, &h->result))

API_LIST(episodes_list, episode_list(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(episodes_create, episode_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE_V(episodes_update, episode_update(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE(team_create, team_add(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE(team_delete, team_end(&h->ctx, h->id[0], &h->result), api_done_200)

API_LIST(contacts_list, contact_list(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(contacts_create, contact_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_READ(contacts_get, contact_get(&h->ctx, h->id[0], &h->result))
API_WRITE(contacts_correct, contact_correct(&h->ctx, h->id[0], h->body, &h->result), api_done_201)

API_LIST(tasks_mine, task_mine(&h->ctx, &pg, &h->result))
API_LIST(tasks_client, task_for_client(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(tasks_create, task_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE(tasks_create_free, task_create(&h->ctx, 0, h->body, &h->result), api_done_201)
API_WRITE_V(tasks_update, task_update(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_LIST(my_clients_list, my_clients(&h->ctx, &pg, &h->result))

static int bg_open_w(struct hreq *h)
{
    /* hours: a JSON integer or nothing (the default); "12", 1.5, true or a number beyond an int are
     * refused (-1: core names the field), never read as some other number. */
    json_t *hours = json_object_get(h->body, "hours");
    json_int_t v = json_integer_value(hours);
    int n = !hours || json_is_null(hours) ? 0 : json_is_integer(hours) && v >= 1 && v <= INT_MAX ? (int)v : -1;
    return breakglass_open(&h->ctx, h->id[0], json_string_value(json_object_get(h->body, "reason")), n, &h->result);
}
static void bg_open(struct hreq *h)
{
    http_write(h, bg_open_w, api_done_201);
}
API_LIST(bg_list, breakglass_review_list(&h->ctx, str_eq(qstr(h, "pending"), "1"), &pg, &h->result))
API_WRITE(bg_review, breakglass_review(&h->ctx, h->id[0], json_string_value(json_object_get(h->body, "note")),
                                        &h->result),
          api_done_200)
API_LIST(eo_list, episode_open_list(&h->ctx, str_eq(qstr(h, "pending"), "1"), &pg, &h->result))
API_WRITE(eo_review,
          episode_open_review(&h->ctx, h->id[0], json_string_value(json_object_get(h->body, "note")), &h->result),
          api_done_200)

/* Request bodies, for the API document. */
static const struct res_field contact_body[] = {
    {"kind", FT_STRING, 0, "Kind of contact"},
    {"at", FT_STRING, 0, "When (ISO-8601)"},
    {"duration_min", FT_INT, 1, "Minutes"},
    {"domains", FT_ARRAY, 0, "Service domains"},
    {"body", FT_STRING, 0, "The note"},
    {"restricted", FT_BOOL, 1, "Restricted note (psychotherapy, substance use)"},
    {"episode_id", FT_INT, 1, "The episode it belongs to"},
    {NULL, 0, 0, NULL}};

static const struct res_field client_body[] = {
    {"given_name", FT_STRING, 0, "Given name"},
    {"family_name", FT_STRING, 0, "Family name"},
    {"preferred_name", FT_STRING, 1, "Preferred name"},
    {"birth_date", FT_DATE, 0, "Date of birth"},
    {"sex", FT_STRING, 1, "Sex"},
    {"gender_identity", FT_STRING, 1, "Gender identity"},
    {"language", FT_STRING, 1, "Language"},
    {"phone", FT_STRING, 1, "Phone: Korean (010-1234-5678, 02-123-4567, +82 ...), answered with its hyphens, or another country's starting with +"},
    {"email", FT_STRING, 1, "Email"},
    {"address", FT_STRING, 1, "Address"},
    {"emergency_contacts", FT_STRING, 1, "Emergency contacts"},
    {"name_order", FT_STRING, 1, "How the name is shown: auto (by its script: 김민지, Xiaoling Wu), family_first or given_first"},
    {"address_detail", FT_STRING, 1, "The rest of the address (상세주소: building, floor, flat)"},
    {"postal_code", FT_STRING, 1, "Postal code (in Korea five digits, 우편번호)"},
    {"address_country", FT_STRING, 1, "Country of the address, two capital letters (none: KR)"},
    {"identifiers", FT_ARRAY, 1, "Identifiers [{kind, value}]"},
    {"confirm_new", FT_BOOL, 1, "Register although it looks like someone already registered"},
    {NULL, 0, 0, NULL}};
static const struct res_field link_body[] = {
    {"state", FT_STRING, 0, "same_person (the same person) or different (different people: no longer shown)"},
    {"note", FT_STRING, 1, "Why (up to 1000 characters)"},
    {NULL, 0, 0, NULL}};
static const struct res_field client_change[] = {
    {"given_name", FT_STRING, 1, "Given name"},
    {"family_name", FT_STRING, 1, "Family name"},
    {"preferred_name", FT_STRING, 1, "Preferred name"},
    {"birth_date", FT_DATE, 1, "Date of birth"},
    {"sex", FT_STRING, 1, "Sex"},
    {"gender_identity", FT_STRING, 1, "Gender identity"},
    {"language", FT_STRING, 1, "Language"},
    {"phone", FT_STRING, 1, "Phone: Korean (010-1234-5678, 02-123-4567, +82 ...), answered with its hyphens, or another country's starting with +"},
    {"email", FT_STRING, 1, "Email"},
    {"address", FT_STRING, 1, "Address"},
    {"emergency_contacts", FT_STRING, 1, "Emergency contacts"},
    {"name_order", FT_STRING, 1, "How the name is shown: auto (by its script: 김민지, Xiaoling Wu), family_first or given_first"},
    {"address_detail", FT_STRING, 1, "The rest of the address (상세주소: building, floor, flat)"},
    {"postal_code", FT_STRING, 1, "Postal code (in Korea five digits, 우편번호)"},
    {"address_country", FT_STRING, 1, "Country of the address, two capital letters (none: KR)"},
    {NULL, 0, 0, NULL}};
static const struct res_field episode_body[] = {
    {"programme", FT_STRING, 0, "Programme"},
    {"target_group", FT_STRING, 0, "Target group"},
    {"status", FT_STRING, 1, "Status"},
    {"start_date", FT_DATE, 1, "Start date (default today)"},
    {"primary_cm", FT_INT, 1, "Primary case manager (staff id)"},
    {"reason", FT_STRING, 1, "Why, when the client has an open episode with another worker and one is not on its care team (10 to 1000 characters; the primary case manager is told, a supervisor reviews it)"},
    BODY_CAPACITY_REASON,
    {NULL, 0, 0, NULL}};
static const struct res_field episode_change[] = {
    {"status", FT_STRING, 1, "Status"},
    {"target_group", FT_STRING, 1, "Target group"},
    {"discharge_reason", FT_STRING, 1, "Discharge reason"},
    {"end_date", FT_DATE, 1, "End date"},
    {"primary_cm", FT_INT, 1, "Primary case manager (staff id)"},
    BODY_CAPACITY_REASON,
    {NULL, 0, 0, NULL}};
static const struct res_field team_body[] = {
    {"staff_id", FT_INT, 0, "Staff member"},
    {"team_role", FT_STRING, 0, "Role on the team"},
    {"from_date", FT_DATE, 1, "From (default today)"},
    BODY_CAPACITY_REASON,
    {NULL, 0, 0, NULL}};
static const struct res_field task_body[] = {
    {"title", FT_STRING, 0, "Title"},
    {"due", FT_DATE, 1, "Due date"},
    {"priority", FT_STRING, 1, "Priority"},
    {"assignee", FT_INT, 1, "Assigned to (staff id; default oneself)"},
    {NULL, 0, 0, NULL}};
static const struct res_field task_change[] = {
    {"title", FT_STRING, 1, "Title"},
    {"due", FT_DATE, 1, "Due date"},
    {"priority", FT_STRING, 1, "Priority"},
    {"assignee", FT_INT, 1, "Assigned to"},
    {"status", FT_STRING, 1, "open or done"},
    {NULL, 0, 0, NULL}};
static const struct res_field bg_body[] = {
    {"reason", FT_STRING, 0, "Why emergency access is needed (10 to 1000 characters)"},
    {"hours", FT_INT, 1, "For how long"},
    {NULL, 0, 0, NULL}};
static const struct res_field review_body[] = {
    {"note", FT_STRING, 1, "The review"},
    {NULL, 0, 0, NULL}};

#define A ROLES_ANY
#define J RF_API
static const struct res_field pending_query[] = {{"pending", FT_STRING, 1, "1: only those waiting for review"}, {NULL}};

const struct route api_record_routes[] = {
    {"GET", "/api/v1/clients", clients_search, A, J, DOC(RR_LIST, RES_CLIENT, ACT_LIST, "Find clients by name (q), date of birth or identifier"), .brief = 1,
     .query = (const struct res_field[]){{"q", FT_STRING, 1, "A fragment of a name"},
                                         {"birth_date", FT_DATE, 1, "The date of birth"},
                                         {"identifier", FT_STRING, 1, "An identifier, whole"},
                                         {NULL}}},
    {"POST", "/api/v1/clients", clients_create, A, J, DOC(RR_ONE, RES_CLIENT, ACT_CREATE, "Register a client (409 with the likely duplicates unless confirmed)"), .status = 201, .body = client_body},
    {"GET", "/api/v1/clients/{id}", clients_get, A, J, DOC(RR_ONE, RES_CLIENT, ACT_LIST, "A client (in full, or limited without a relationship)")},
    {"PUT", "/api/v1/clients/{id}", clients_update, A, J, DOC(RR_ONE, RES_CLIENT, ACT_UPDATE, "Change a client's identity record (If-Match: its version)"), .body = client_change},
    {"POST", "/api/v1/client-links/{id}/decision", client_link_decision, A, J, DOC(RR_ONE, RES_CLIENT_LINK, ACT_REVIEW, "Confirm a possible duplicate as the same person, or dismiss it as different people (once)"), .body = link_body},
    {"GET", "/api/v1/clients/{id}/history", clients_history, A, J, DOC0(RR_LIST, "Earlier versions of a client's identity record, newest first"), GATE(RES_CLIENT, ACT_READ)},
    {"GET", "/api/v1/clients/{id}/access-log", clients_access_log, A, J, DOC(RR_LIST, RES_ACCESS_LOG, ACT_READ, "Who looked at or changed the record, newest first")},
    {"GET", "/api/v1/clients/{id}/episodes", episodes_list, A, J, DOC(RR_LIST, RES_EPISODE, ACT_LIST, "A client's episodes of care with their teams, newest first")},
    {"POST", "/api/v1/clients/{id}/episodes", episodes_create, A, J, DOC(RR_ONE, RES_EPISODE, ACT_CREATE, "Open an episode of care"), .status = 201, .body = episode_body},
    {"PATCH", "/api/v1/episodes/{id}", episodes_update, A, J, DOC(RR_ONE, RES_EPISODE, ACT_UPDATE, "Change an episode: status, discharge (If-Match: its version)"), .body = episode_change},
    {"POST", "/api/v1/episodes/{id}/team", team_create, A, J, DOC(RR_ONE, RES_TEAM, ACT_CREATE, "Add a member to the care team"), .status = 201, .body = team_body},
    {"DELETE", "/api/v1/team-members/{id}", team_delete, A, J, DOC(RR_ONE, RES_TEAM, ACT_UPDATE, "End a care-team membership")},
    {"GET", "/api/v1/clients/{id}/contacts", contacts_list, A, J, DOC(RR_LIST, RES_CONTACT, ACT_LIST, "A client's contacts, newest first")},
    {"POST", "/api/v1/clients/{id}/contacts", contacts_create, A, J, DOC(RR_ONE, RES_CONTACT, ACT_CREATE, "Record a contact"), .status = 201, .body = contact_body},
    {"GET", "/api/v1/contacts/{id}", contacts_get, A, J, DOC(RR_ONE, RES_CONTACT, ACT_READ, "A contact with its earlier versions")},
    {"POST", "/api/v1/contacts/{id}/corrections", contacts_correct, A, J, DOC(RR_ONE, RES_CONTACT, ACT_UPDATE, "Correct a contact: a new version, with the reason"), .status = 201},
    {"GET", "/api/v1/tasks", tasks_mine, A, J, DOC(RR_LIST, RES_TASK, ACT_LIST, "My open tasks, overdue first")},
    {"POST", "/api/v1/tasks", tasks_create_free, A, J, DOC(RR_ONE, RES_TASK, ACT_CREATE, "Add a task about no client"), .status = 201, .body = task_body},
    {"GET", "/api/v1/clients/{id}/tasks", tasks_client, A, J, DOC(RR_LIST, RES_TASK, ACT_LIST, "A client's tasks, open and overdue first")},
    {"POST", "/api/v1/clients/{id}/tasks", tasks_create, A, J, DOC(RR_ONE, RES_TASK, ACT_CREATE, "Add a task about a client"), .status = 201, .body = task_body},
    {"PATCH", "/api/v1/tasks/{id}", tasks_update, A, J, DOC(RR_ONE, RES_TASK, ACT_UPDATE, "Complete or reassign a task (If-Match: its version)"), .body = task_change},
    {"GET", "/api/v1/my-clients", my_clients_list, A, J, DOC(RR_LIST, RES_CLIENT, ACT_LIST, "My caseload: the clients of open episodes I am on, by name")},
    {"POST", "/api/v1/clients/{id}/break-glass", bg_open, A, J, DOC(RR_ONE, RES_BREAKGLASS, ACT_CREATE, "Open emergency access, with a reason"), .status = 201, .brief = 1, .body = bg_body},
    {"GET", "/api/v1/break-glass", bg_list, A, J, DOC(RR_LIST, RES_BREAKGLASS, ACT_LIST, "Emergency access on my organisation's clients or by its staff, newest first (pending=1: waiting for review)"), .query = pending_query},
    {"POST", "/api/v1/break-glass/{id}/review", bg_review, A, J, DOC(RR_ONE, RES_BREAKGLASS, ACT_REVIEW, "Review an emergency access"), .body = review_body},
    {"GET", "/api/v1/episode-opens", eo_list, A, J, DOC(RR_LIST, RES_EPISODE_OPEN, ACT_LIST, "Episodes opened on another worker's client, of my organisation's clients or by its staff, newest first (pending=1: waiting for review)"), .query = pending_query},
    {"POST", "/api/v1/episode-opens/{id}/review", eo_review, A, J, DOC(RR_ONE, RES_EPISODE_OPEN, ACT_REVIEW, "Review an episode opened on another worker's client"), .body = review_body},
    {0},
};
HTTP_ROUTES(api_record_routes, "api-2-records");
