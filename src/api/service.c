/* service: the API of the service directory (core/service.c decides access and audits).
 * Every handler is parse -> core -> reply. */
#include "api/api_int.h"

static void services_list(struct hreq *h)
{
    struct page pg;
    if (!api_page(h, &pg))
        return;
    const char *o = qstr(h, "org_id");
    int64_t org_id = 0;
    if (o && *o && (parse_int64(o, &org_id) != 0 || org_id < 1))
        org_id = -1; /* core names the field */
    struct service_filter f = {qstr(h, "kind"), qstr(h, "status"), qstr(h, "district"), qstr(h, "q"), org_id};
    int rc = service_list(&h->ctx, &pg, &f, &h->result);
    reply_result(h, rc, 200);
}
API_READ(services_get, service_get(&h->ctx, h->id[0], &h->result))
API_READ(services_places, service_places(&h->ctx, &h->result))
API_WRITE(services_create, service_create(&h->ctx, h->body, &h->result), api_done_201)
API_WRITE_V(services_update, service_update(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE_V(services_capacity, service_set_capacity(&h->ctx, h->id[0], h->if_match, h->body, &h->result),
            api_done_200)

static const struct res_field service_query[] = {
    {"kind", FT_STRING, 1, "Only this kind: a service domain or intake_assessment"},
    {"status", FT_STRING, 1, "Only this capacity: open, waiting_list or closed"},
    {"district", FT_STRING, 1, "Only services of organisations in this district"},
    {"org_id", FT_INT, 1, "Only this organisation's services"},
    {"q", FT_STRING, 1, "A part of the service's name"},
    {NULL}};
static const struct res_field service_body[] = {
    {"name", FT_STRING, 0, "Name (unique within the organisation)"},
    {"kind", FT_STRING, 0, "A service domain or intake_assessment"},
    {"eligibility", FT_STRING, 1, "Who it is for"},
    {"programme", FT_STRING, 1, "The eligibility rule set's programme key"},
    {"how_to_refer", FT_STRING, 1, "How to refer"},
    {"contact", FT_STRING, 1, "Contact"},
    {"capacity", FT_STRING, 1, "open (default), waiting_list or closed"},
    {"waiting_count", FT_INT, 1, "People waiting (a waiting list)"},
    {"typical_wait_days", FT_INT, 1, "Typical wait in days (a waiting list)"},
    {NULL, 0, 0, NULL}};
static const struct res_field service_change[] = {
    {"name", FT_STRING, 1, "Name"},
    {"kind", FT_STRING, 1, "A service domain or intake_assessment"},
    {"eligibility", FT_STRING, 1, "Who it is for (empty clears it)"},
    {"programme", FT_STRING, 1, "The eligibility rule set's programme key (empty clears it)"},
    {"how_to_refer", FT_STRING, 1, "How to refer"},
    {"contact", FT_STRING, 1, "Contact"},
    {"capacity", FT_STRING, 1, "open, waiting_list or closed"},
    {"waiting_count", FT_INT, 1, "People waiting (a waiting list)"},
    {"typical_wait_days", FT_INT, 1, "Typical wait in days (a waiting list)"},
    {NULL, 0, 0, NULL}};
static const struct res_field capacity_body[] = {
    {"capacity", FT_STRING, 0, "open, waiting_list or closed"},
    {"waiting_count", FT_INT, 1, "People waiting (required for a waiting list)"},
    {"typical_wait_days", FT_INT, 1, "Typical wait in days (required for a waiting list)"},
    {NULL, 0, 0, NULL}};

#define A ROLES_ANY
#define J RF_API
const struct route api_service_routes[] = {
    {"GET", "/api/v1/services", services_list, A, J, DOC(RR_LIST, RES_SERVICE, ACT_LIST, "The service directory: open first, then waiting lists, then closed; by name"), .query = service_query},
    {"POST", "/api/v1/services", services_create, A, J, DOC(RR_ONE, RES_SERVICE, ACT_CREATE, "Publish a service of my organisation"), .status = 201, .body = service_body},
    {"GET", "/api/v1/services/places", services_places, A, J, DOC0(RR_ONE, "What the directory is searched by: the organisations and their districts"), GATE(RES_SERVICE, ACT_LIST)},
    {"GET", "/api/v1/services/{id}", services_get, A, J, DOC(RR_ONE, RES_SERVICE, ACT_READ, "A service of the directory")},
    {"PATCH", "/api/v1/services/{id}", services_update, A, J, DOC(RR_ONE, RES_SERVICE, ACT_UPDATE, "Change a service of my organisation (If-Match: its version)"), .body = service_change},
    {"POST", "/api/v1/services/{id}/capacity", services_capacity, A, J, .summary = "Set a service's capacity: open, a waiting list (its length and typical wait) or closed (If-Match: its version)", .reply = RR_ONE, .res = ROUTE_RES(RES_SERVICE), GATE(RES_SERVICE_CAPACITY, ACT_UPDATE), .body = capacity_body},
    {0},
};
HTTP_ROUTES(api_service_routes, "api-6-service");
