/* housing: the API of housing stock, applications and the waiting list, offers and tenancies (issue 13
 * §1-§3; core/housing.c and core/tenancy.c decide access and audit). Every handler is parse -> core ->
 * reply. */
#include "api/api_int.h"
#include "core/housing.h"

static void units_list(struct hreq *h)
{
    struct page pg;
    if (!api_page(h, &pg))
        return;
    int rc = housing_unit_list(&h->ctx, api_qint(h, "org_id", 0), qstr(h, "state"), &pg, &h->result);
    reply_result(h, rc, 200);
}
API_READ(units_get, housing_unit_get(&h->ctx, h->id[0], &h->result))
API_LIST(units_matches, housing_unit_matches(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(units_create, housing_unit_create(&h->ctx, h->body, &h->result), api_done_201)
API_WRITE_V(units_state, housing_unit_state(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_LIST(waiting_list, housing_waiting_list(&h->ctx, &pg, &h->result))
API_READ(weights_get, housing_weights_get(&h->ctx, &h->result))
API_WRITE(weights_set, housing_weights_set(&h->ctx, h->body, &h->result), api_done_200)
API_LIST(apps_of_client, housing_app_list(&h->ctx, h->id[0], &pg, &h->result))
API_READ(apps_get, housing_app_get(&h->ctx, h->id[0], &h->result))
API_WRITE(apps_create, housing_app_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE_V(apps_update, housing_app_update(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE_V(apps_withdraw, housing_app_withdraw(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE_V(apps_override, housing_app_override(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE(offers_create, housing_offer_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_READ(offers_get, housing_offer_get(&h->ctx, h->id[0], &h->result))
API_LIST(offers_of_client, housing_offer_list(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE_V(offers_answer, housing_offer_answer(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE_V(offers_move_in, housing_offer_move_in(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_201)

static const struct res_field units_query[] = {
    {"org_id", FT_INT, 1, "Only this housing provider's units"},
    {"state", FT_STRING, 1, "Only units in this state: vacant, preparing, offline or occupied"},
    {NULL, 0, 0, NULL}};
static const struct res_field unit_body[] = {
    {"property", FT_STRING, 0, "The property: the building or house, by name"},
    {"address", FT_STRING, 1, "Its address"},
    {"label", FT_STRING, 0, "The unit within it (\"Flat 2\", \"Room 3\")"},
    {"type", FT_STRING, 0, "supportive, group_home, training_home, public_rental, private_supported or own_home"},
    {"bedrooms", FT_INT, 0, "Bedrooms (0: a studio)"},
    {"accessible", FT_BOOL, 1, "Accessible (step-free)"},
    {"district", FT_STRING, 0, "The district"},
    {"rent", FT_INT, 0, "Rent, won a month"},
    {"eligible", FT_STRING, 1, "Who may be placed there, in words"},
    {"state", FT_STRING, 1, "vacant (default), preparing or offline"},
    {"since", FT_DATE, 1, "Since when (default today)"},
    {"offline_reason", FT_STRING, 1, "Why it is offline (required when offline)"},
    {NULL, 0, 0, NULL}};
static const struct res_field state_body[] = {
    {"state", FT_STRING, 0, "vacant, preparing or offline (occupied comes from a move-in)"},
    {"since", FT_DATE, 1, "Since when (default today)"},
    {"offline_reason", FT_STRING, 1, "Why it is offline (required when offline)"},
    {NULL, 0, 0, NULL}};
static const struct res_field weights_body[] = {
    {"weights", FT_OBJECT, 0, "Points by weight name (situation.homeless, hospital_day, hospital_max, waiting_month, waiting_max, high_risk); null restores the rules file's"},
    {NULL, 0, 0, NULL}};
static const struct res_field app_body[] = {
    {"org_id", FT_INT, 0, "The housing provider applied to"},
    {"referral_id", FT_INT, 1, "The referral of the client the provider accepted (its coordinators apply from it)"},
    {"type", FT_STRING, 0, "The type of housing needed"},
    {"district", FT_STRING, 1, "The district wanted (null: any)"},
    {"accessible", FT_BOOL, 1, "Needs an accessible home"},
    {"household", FT_INT, 1, "People in the household, the client included (default 1)"},
    {"household_note", FT_STRING, 1, "Who else lives with them"},
    {"situation", FT_STRING, 0, "homeless, hospital (ready for discharge), at_risk (of losing a tenancy), unstable or housed"},
    {"ready_since", FT_DATE, 1, "In hospital: ready for discharge since (required then)"},
    {"documents", FT_ARRAY, 1, "Documents asked for: names, or {name, received}"},
    {"note", FT_STRING, 1, "Note"},
    {NULL, 0, 0, NULL}};
static const struct res_field app_update_body[] = {
    {"type", FT_STRING, 1, "The type of housing needed"},
    {"district", FT_STRING, 1, "The district wanted (null: any)"},
    {"accessible", FT_BOOL, 1, "Needs an accessible home"},
    {"household", FT_INT, 1, "People in the household"},
    {"household_note", FT_STRING, 1, "Who else lives with them"},
    {"situation", FT_STRING, 1, "The situation now"},
    {"ready_since", FT_DATE, 1, "In hospital: ready for discharge since"},
    {"documents", FT_ARRAY, 1, "The documents as [{name, received}]"},
    {"note", FT_STRING, 1, "Note"},
    {NULL, 0, 0, NULL}};
static const struct res_field reason_body[] = {{"reason", FT_STRING, 0, "Why"}, {NULL, 0, 0, NULL}};
static const struct res_field override_body[] = {
    {"points", FT_INT, 0, "Points added by hand (-1000..1000; 0 takes an override back)"},
    {"reason", FT_STRING, 0, "Why, 10 to 1000 characters: shown with the score, audited"},
    {NULL, 0, 0, NULL}};
static const struct res_field offer_body[] = {
    {"application_id", FT_INT, 0, "A waiting application that fits the unit"},
    {"deadline", FT_DATE, 1, "Answer by (default: the rules' offer_days from today)"},
    {NULL, 0, 0, NULL}};
static const struct res_field answer_body[] = {
    {"answer", FT_STRING, 0, "accepted, declined or withdrawn (the provider)"},
    {"reason", FT_STRING, 1, "Why (declined, withdrawn: required)"},
    {NULL, 0, 0, NULL}};
static const struct res_field move_in_body[] = {
    {"start_date", FT_DATE, 1, "Moved in on (default today)"},
    {"landlord", FT_STRING, 1, "The landlord (default: the housing provider)"},
    {"rent", FT_INT, 1, "Rent, won a month (default: the unit's)"},
    {"rent_payer", FT_STRING, 0, "Who pays it: client, benefit, family, provider or other"},
    {"support_level", FT_STRING, 0, "none, low, medium, high or 24h"},
    {NULL, 0, 0, NULL}};

#define S ROLES_STAFF
#define J RF_API
const struct route api_housing_routes[] = {
    {"GET", "/api/v1/housing/units", units_list, S, J, DOC(RR_LIST, RES_HOUSING_UNIT, ACT_LIST, "Housing units of the housing providers: vacant first, the longest vacant first"), .query = units_query},
    {"POST", "/api/v1/housing/units", units_create, S, J, DOC(RR_ONE, RES_HOUSING_UNIT, ACT_CREATE, "Record a unit of my organisation (a housing provider); a vacant one tells its housing coordinators"), .status = 201, .body = unit_body},
    {"GET", "/api/v1/housing/units/{id}", units_get, S, J, DOC(RR_ONE, RES_HOUSING_UNIT, ACT_READ, "One unit with its offers and current tenancy")},
    {"POST", "/api/v1/housing/units/{id}/state", units_state, S, J, DOC(RR_ONE, RES_HOUSING_UNIT, ACT_UPDATE, "Change a unit's state (If-Match): vacant, preparing or offline with a reason"), .body = state_body},
    {"GET", "/api/v1/housing/units/{id}/matches", units_matches, S, J, .summary = "The waiting applications that fit a unit (type, district, accessibility, household), highest priority first, each with its parts", .reply = RR_LIST, .res = ROUTE_RES(RES_HOUSING_APPLICATION), GATE(RES_HOUSING_UNIT, ACT_REVIEW)},
    {"POST", "/api/v1/housing/units/{id}/offers", offers_create, S, J, DOC(RR_ONE, RES_HOUSING_OFFER, ACT_CREATE, "Offer a vacant unit to a waiting application that fits it, with a deadline"), .status = 201, .body = offer_body},
    {"GET", "/api/v1/housing/waiting-list", waiting_list, S, J, DOC(RR_LIST, RES_HOUSING_APPLICATION, ACT_REVIEW, "My organisation's waiting list: highest priority first (then the earliest applied), each score with its parts")},
    {"GET", "/api/v1/housing/weights", weights_get, S, J, DOC0(RR_ONE, "The priority weights my organisation uses: each with the rules file's and whether it is our own"), GATE(RES_HOUSING_UNIT, ACT_ADMINISTER)},
    {"PUT", "/api/v1/housing/weights", weights_set, S, J, DOC0(RR_ONE, "Set my organisation's own priority weights (null: the rules file's again); audited"), GATE(RES_HOUSING_UNIT, ACT_ADMINISTER), .body = weights_body},
    {"GET", "/api/v1/clients/{id}/housing-applications", apps_of_client, S, J, DOC(RR_LIST, RES_HOUSING_APPLICATION, ACT_LIST, "A client's housing applications, open first, each with its score and parts")},
    {"POST", "/api/v1/clients/{id}/housing-applications", apps_create, S, J, DOC(RR_ONE, RES_HOUSING_APPLICATION, ACT_CREATE, "Apply to a housing provider for the client"), .status = 201, .body = app_body},
    {"GET", "/api/v1/housing-applications/{id}", apps_get, S, J, DOC(RR_ONE, RES_HOUSING_APPLICATION, ACT_READ, "One application with its score, parts and offers")},
    {"PATCH", "/api/v1/housing-applications/{id}", apps_update, S, J, DOC(RR_ONE, RES_HOUSING_APPLICATION, ACT_UPDATE, "Update needs, situation and documents received (If-Match)"), .body = app_update_body},
    {"POST", "/api/v1/housing-applications/{id}/withdraw", apps_withdraw, S, J, DOC(RR_ONE, RES_HOUSING_APPLICATION, ACT_UPDATE, "Withdraw an application with a reason (If-Match)"), .body = reason_body},
    {"POST", "/api/v1/housing-applications/{id}/override", apps_override, S, J, DOC(RR_ONE, RES_HOUSING_APPLICATION, ACT_ADMINISTER, "Change the order by hand: points with a reason, shown as a part of the score and audited (If-Match); the provider's coordinators"), .body = override_body},
    {"GET", "/api/v1/clients/{id}/housing-offers", offers_of_client, S, J, DOC(RR_LIST, RES_HOUSING_OFFER, ACT_LIST, "A client's housing offers, newest first")},
    {"GET", "/api/v1/housing-offers/{id}", offers_get, S, J, DOC(RR_ONE, RES_HOUSING_OFFER, ACT_READ, "One offer")},
    {"POST", "/api/v1/housing-offers/{id}/answer", offers_answer, S, J, DOC(RR_ONE, RES_HOUSING_OFFER, ACT_UPDATE, "Answer an offer (If-Match): accepted, declined with the client's reason (the application keeps its place unless the rules say otherwise), or withdrawn by the provider"), .body = answer_body},
    {"POST", "/api/v1/housing-offers/{id}/move-in", offers_move_in, S, J, DOC(RR_ONE, RES_TENANCY, ACT_CREATE, "The client moves in (an accepted offer, If-Match): the tenancy is made, the unit occupied, the application housed"), .status = 201, .body = move_in_body},
    {0},
};
HTTP_ROUTES(api_housing_routes, "api-14-housing");

API_LIST(tenancies_of_client, tenancy_list(&h->ctx, h->id[0], &pg, &h->result))
API_READ(tenancies_get, tenancy_get(&h->ctx, h->id[0], &h->result))
API_READ(tenancies_stability, tenancy_stability(&h->ctx, h->id[0], &h->result))
API_WRITE(tenancies_event, tenancy_event(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE_V(tenancies_end, tenancy_end(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)

static const struct res_field event_body[] = {
    {"kind", FT_STRING, 0, "rent_arrears, complaint, repair, hospital_stay, crisis or visit"},
    {"happened_on", FT_DATE, 1, "When (default today)"},
    {"amount", FT_INT, 1, "Rent arrears: what is owed now, won (required there; 0: paid off)"},
    {"note", FT_STRING, 1, "Note"},
    {NULL, 0, 0, NULL}};
static const struct res_field end_body[] = {
    {"reason", FT_STRING, 0, "independent, more_support, hospital, eviction, death or own_choice"},
    {"end_date", FT_DATE, 1, "Ended on (default today)"},
    {"note", FT_STRING, 1, "Note"},
    {NULL, 0, 0, NULL}};

const struct route api_tenancy_routes[] = {
    {"GET", "/api/v1/clients/{id}/tenancies", tenancies_of_client, S, J, DOC(RR_LIST, RES_TENANCY, ACT_LIST, "A client's tenancies, the current one first")},
    {"GET", "/api/v1/clients/{id}/housing-stability", tenancies_stability, S, J, DOC(RR_ONE, RES_TENANCY, ACT_LIST, "A client's days housed and moves a year (over their tenancies)"), .brief = 1},
    {"GET", "/api/v1/tenancies/{id}", tenancies_get, S, J, DOC(RR_ONE, RES_TENANCY, ACT_READ, "One tenancy with its events, newest first")},
    {"POST", "/api/v1/tenancies/{id}/events", tenancies_event, S, J, DOC(RR_ONE, RES_TENANCY, ACT_UPDATE, "Record an event: rent arrears (making a task for the case manager at the rules' threshold), a complaint (repeated ones make a task), a repair, a hospital stay, a crisis at home, a visit"), .status = 201, .body = event_body},
    {"POST", "/api/v1/tenancies/{id}/end", tenancies_end, S, J, DOC(RR_ONE, RES_TENANCY, ACT_UPDATE, "End a tenancy with its reason (If-Match); the unit goes to being prepared"), .body = end_body},
    {0},
};
HTTP_ROUTES(api_tenancy_routes, "api-14b-tenancy");
