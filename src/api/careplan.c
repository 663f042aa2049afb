/* careplan: the API of care plans (core/careplan.c decides access and audits).
 * Every handler is parse -> core -> reply. */
#include "api/api_int.h"

API_READ(careplans_of_client, careplan_for_client(&h->ctx, h->id[0], &h->result))
API_READ(careplans_get, careplan_get(&h->ctx, h->id[0], &h->result))
API_LIST(careplans_versions, careplan_versions(&h->ctx, h->id[0], &pg, &h->result))
API_READ(careplans_version, careplan_version(&h->ctx, h->id[0], h->id[1], &h->result))
API_WRITE(careplans_create, careplan_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE_V(careplans_revise, careplan_revise(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_201)

static const struct res_field careplan_body[] = {
    {"episode_id", FT_INT, 0, "The open episode of the client at your organisation the plan belongs to (creating only)"},
    {"goals", FT_ARRAY, 0, "1 to 30 goals: {key (to keep a goal of the plan), domain, client_words, worker_words, strengths, barriers, status, share_with_peer, steps: [{key, who, who_name, what, how_often, by_when}]}"},
    {"why", FT_STRING, 1, "Why the plan changes (required for a new version)"},
    {"review_due", FT_DATE, 1, "The next review (default six months on)"},
    {NULL, 0, 0, NULL}};

#define S ROLES_STAFF
#define J RF_API
const struct route api_careplan_routes[] = {
    {"GET", "/api/v1/clients/{id}/care-plans", careplans_of_client, S, J, DOC(RR_LIST, RES_CARE_PLAN, ACT_LIST, "A client's care plans (one per episode), those of open episodes first, each at its current version")},
    {"POST", "/api/v1/clients/{id}/care-plans", careplans_create, S, J, DOC(RR_ONE, RES_CARE_PLAN, ACT_CREATE, "Start the care plan of an episode with the client: goals in the client's own words"), .status = 201, .body = careplan_body},
    {"GET", "/api/v1/care-plans/{id}", careplans_get, S, J, DOC(RR_ONE, RES_CARE_PLAN, ACT_READ, "A care plan at its current version (a peer supporter: the goals shared with them)")},
    {"POST", "/api/v1/care-plans/{id}/versions", careplans_revise, S, J, DOC(RR_ONE, RES_CARE_PLAN, ACT_UPDATE, "Change a care plan (If-Match: its version): the whole plan as it now stands becomes a new version"), .status = 201, .body = careplan_body},
    {"GET", "/api/v1/care-plans/{id}/versions", careplans_versions, S, J, DOC(RR_LIST, RES_CARE_PLAN, ACT_READ, "A care plan's versions, newest first: who changed it, when, why, and the client's agreement"), .brief = 1},
    {"GET", "/api/v1/care-plans/{id}/versions/{id}", careplans_version, S, J, DOC(RR_ONE, RES_CARE_PLAN, ACT_READ, "A care plan as it stood at one version")},
    {0},
};
HTTP_ROUTES(api_careplan_routes, "api-9-careplan");
