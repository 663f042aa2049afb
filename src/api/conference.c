/* conference: the API of case conferences (core/conference.c decides access and audits): the
 * general part under /api/v1/conferences, the part about one client under
 * /api/v1/conference-clients, a decision's outcome under /api/v1/conference-decisions.
 * Every handler is parse -> core -> reply. */
#include "api/api_int.h"

static void conferences_list(struct hreq *h)
{
    struct page pg;
    if (!api_page(h, &pg))
        return;
    int rc = conference_list(&h->ctx, qstr(h, "scope"), qstr(h, "when"), &pg, &h->result);
    reply_result(h, rc, 200);
}
API_READ(conferences_get, conference_get(&h->ctx, h->id[0], &h->result))
API_WRITE(conferences_create, conference_create(&h->ctx, h->body, &h->result), api_done_201)
API_WRITE(conferences_staff, conference_add_staff(&h->ctx, h->id[0], h->body, &h->result), api_done_200)
API_WRITE(conferences_guest, conference_add_guest(&h->ctx, h->id[0], h->body, &h->result), api_done_200)
API_WRITE_V(conferences_attendance, conference_attendance(&h->ctx, h->id[0], h->if_match, h->body, &h->result),
            api_done_200)
API_WRITE(conferences_client, conference_add_client(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_READ(items_get, conference_item_get(&h->ctx, h->id[0], &h->result))
API_WRITE_V(items_update, conference_item_update(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE(items_decide, conference_decide(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE(decisions_task, conference_decision_task(&h->ctx, h->id[0], h->body, &h->result), api_done_200)
API_WRITE_V(decisions_plan, conference_decision_plan(&h->ctx, h->id[0], h->if_match, h->body, &h->result),
            api_done_200)
API_LIST(client_conferences, conference_of_client(&h->ctx, h->id[0], &pg, &h->result))

static const struct res_field list_query[] = {
    {"scope", FT_STRING, 1, "mine: those I take part in; org (default): a supervisor also sees the organisation's"},
    {"when", FT_STRING, 1, "upcoming or past; absent: both, upcoming first"},
    {NULL}};
static const struct res_field create_body[] = {
    {"held_at", FT_DATETIME, 0, "When (UTC, YYYY-MM-DDTHH:MM[:SS]Z)"},
    {"title", FT_STRING, 0, "Title"},
    {"purpose", FT_STRING, 1, "Purpose"},
    {"staff", FT_ARRAY, 1, "Staff taking part (ids; any organisation); the organiser takes part"},
    {"guests", FT_ARRAY, 1, "Guests without accounts: [{name, role, organisation}]"},
    {NULL, 0, 0, NULL}};
static const struct res_field staff_body[] = {
    {"staff_id", FT_INT, 1, "An active staff member of any organisation; or username"},
    {"username", FT_STRING, 1, "The staff member's username (a worker of another organisation tells theirs)"},
    {NULL, 0, 0, NULL}};
static const struct res_field guest_body[] = {
    {"name", FT_STRING, 0, "The guest's name"},
    {"role", FT_STRING, 0, "Their role (lawyer, child-protection specialist, family member...)"},
    {"organisation", FT_STRING, 1, "Their organisation, if any"},
    {NULL, 0, 0, NULL}};
static const struct res_field attendance_body[] = {
    {"present_staff", FT_ARRAY, 1, "The staff participants who came (ids); the others are recorded absent"},
    {"present_guests", FT_ARRAY, 1, "The guests who came (guest ids); the others are recorded absent"},
    {NULL, 0, 0, NULL}};
static const struct res_field client_body[] = {{"client_id", FT_INT, 0, "The client discussed"},
                                               {"question", FT_STRING, 0, "The question brought"},
                                               {NULL, 0, 0, NULL}};
static const struct res_field item_body[] = {{"question", FT_STRING, 1, "The question brought"},
                                             {"summary", FT_STRING, 1, "The discussion"},
                                             {NULL, 0, 0, NULL}};
static const struct res_field decide_body[] = {{"text", FT_STRING, 0, "The decision"}, {NULL, 0, 0, NULL}};
static const struct res_field task_body[] = {
    {"assignee", FT_INT, 0, "Who does it (a worker of my organisation)"},
    {"due", FT_DATE, 0, "By when"},
    {"title", FT_STRING, 1, "The task (default: the decision's words)"},
    {"priority", FT_STRING, 1, "low, normal or high"},
    {NULL, 0, 0, NULL}};
static const struct res_field plan_body[] = {
    {"plan_id", FT_INT, 0, "The client's care plan (If-Match: its version)"},
    {"why", FT_STRING, 1, "Why (default: the decision's words)"},
    {"goals", FT_ARRAY, 1, "The plan's goals as they are to be (as a care plan's revision takes them); or step"},
    {"step", FT_OBJECT, 1, "One step to add to a goal of the current version: {goal_key, who, who_name, what, how_often, by_when}"},
    {NULL, 0, 0, NULL}};

#define S ROLES_STAFF
#define J RF_API
#define CONF(act, what) DOC(RR_ONE, RES_CONFERENCE, act, what)
#define PART(act, what) DOC(RR_ONE, RES_CONFERENCE_CLIENT, act, what)
const struct route api_conference_routes[] = {
    {"GET", "/api/v1/conferences", conferences_list, S, J, DOC(RR_LIST, RES_CONFERENCE, ACT_LIST, "The conferences I take part in (a supervisor: also my organisation's), upcoming first, then the past, newest first"), .brief = 1, .query = list_query},
    {"POST", "/api/v1/conferences", conferences_create, S, J, CONF(ACT_CREATE, "Organise a case conference at my organisation, with staff and guests"), .status = 201, .body = create_body},
    {"GET", "/api/v1/conferences/{id}", conferences_get, S, J, CONF(ACT_READ, "A conference's general part: its participants and the clients discussed whom I may see (clients_hidden counts the others)")},
    {"POST", "/api/v1/conferences/{id}/participants", conferences_staff, S, J, CONF(ACT_UPDATE, "Add a staff member (of any organisation) to a conference"), .body = staff_body},
    {"POST", "/api/v1/conferences/{id}/guests", conferences_guest, S, J, CONF(ACT_UPDATE, "Add a guest without an account; audited on every client discussed"), .body = guest_body},
    {"POST", "/api/v1/conferences/{id}/attendance", conferences_attendance, S, J, CONF(ACT_UPDATE, "Record who came (If-Match: the conference's version)"), .body = attendance_body},
    {"POST", "/api/v1/conferences/{id}/clients", conferences_client, S, J, PART(ACT_CREATE, "Bring a client to a conference with a question"), .status = 201, .body = client_body},
    {"GET", "/api/v1/conference-clients/{id}", items_get, S, J, PART(ACT_READ, "The part of a conference about one client, with the general part: the minutes for that client")},
    {"PATCH", "/api/v1/conference-clients/{id}", items_update, S, J, PART(ACT_UPDATE, "Record the question and the discussion (If-Match: the part's version)"), .body = item_body},
    {"POST", "/api/v1/conference-clients/{id}/decisions", items_decide, S, J, PART(ACT_UPDATE, "Record a decision about the client"), .status = 201, .body = decide_body},
    {"POST", "/api/v1/conference-decisions/{id}/task", decisions_task, S, J, PART(ACT_REVIEW, "A decision becomes a task (its source: conference N); answers the client's part"), .body = task_body},
    {"POST", "/api/v1/conference-decisions/{id}/plan-change", decisions_plan, S, J, PART(ACT_REVIEW, "A decision becomes a new version of the client's care plan (If-Match: the plan's version; its source: conference N); answers the client's part"), .body = plan_body},
    {"GET", "/api/v1/clients/{id}/conferences", client_conferences, S, J, DOC(RR_LIST, RES_CONFERENCE_CLIENT, ACT_LIST, "The conferences where a client was discussed, newest first"), .brief = 1},
    {0},
};
HTTP_ROUTES(api_conference_routes, "api-11-conference");
