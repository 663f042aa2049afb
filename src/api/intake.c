/* intake: the API of the intake flow (core/intake.c decides access and audits): a discovery, its
 * screening, the eligibility decision linked, then enrolment or closing (a referral records itself
 * through intake_referred). Every handler is parse -> core -> reply. */
#include "api/api_int.h"

static void intakes_list(struct hreq *h)
{
    struct page pg;
    if (!api_page(h, &pg))
        return;
    const char *mine = qstr(h, "mine");
    int rc = intake_list(&h->ctx, qstr(h, "state"), mine && (str_eq(mine, "1") || str_eq(mine, "true")), &pg,
                         &h->result);
    reply_result(h, rc, 200);
}
API_READ(intakes_get, intake_get(&h->ctx, h->id[0], &h->result))
API_WRITE(intakes_create, intake_create(&h->ctx, h->body, &h->result), api_done_201)
API_WRITE_V(intakes_screen, intake_screen(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE(intakes_decide, intake_decide(&h->ctx, h->id[0], h->body, &h->result), api_done_200)
API_WRITE(intakes_enrol, intake_enrol(&h->ctx, h->id[0], h->body, &h->result), api_done_200)
API_WRITE(intakes_close, intake_close(&h->ctx, h->id[0], h->body, &h->result), api_done_200)

static const struct res_field list_query[] = {
    {"state", FT_STRING, 1, "Only intakes at this step: discovered, screened, decided, enrolled, referred or closed"},
    {"mine", FT_BOOL, 1, "1: only the intakes I discovered"},
    {NULL}};
static const struct res_field create_body[] = {
    {"given_name", FT_STRING, 0, "Given name"},
    {"family_name", FT_STRING, 0, "Family name"},
    {"birth_date", FT_DATE, 1, "Date of birth (or birth_year when only the year is known)"},
    {"birth_year", FT_INT, 1, "Year of birth, when the date is not known"},
    {"phone", FT_STRING, 1, "Phone"},
    {"address", FT_STRING, 1, "Address"},
    {"district", FT_STRING, 1, "District"},
    {"source", FT_STRING, 0, "care_desk, outreach, neighbour_report, self, family or other"},
    {"reporter", FT_STRING, 1, "Who told us (a neighbour, a relative), as they gave it"},
    {"concern", FT_STRING, 0, "The concern, in the reporter's words"},
    {"confirm_new", FT_BOOL, 1, "true: the look-alikes answered before are not this person"},
    {NULL, 0, 0, NULL}};
static const struct res_field screen_body[] = {
    {"needs", FT_ARRAY, 0, "The needs, as service domains"},
    {"urgency", FT_STRING, 0, "routine, soon or urgent"},
    {"risk_now", FT_BOOL, 0, "A risk to life now (then call the crisis line)"},
    {"life_stage", FT_STRING, 1, "youth, young_adult, adult or older_adult (default: from the date of birth)"},
    {"target_group", FT_STRING, 0, "long_term_hospitalised, crisis, severe or other"},
    {"hospital_days", FT_INT, 1, "Days in hospital, as reported"},
    {"recent_crisis", FT_BOOL, 1, "A recent crisis, as reported"},
    {NULL, 0, 0, NULL}};
static const struct res_field decide_body[] = {
    {"decision_id", FT_INT, 0, "An eligibility decision on this person (POST /api/v1/clients/{id}/eligibility-decisions)"},
    {NULL, 0, 0, NULL}};
static const struct res_field enrol_body[] = {
    {"primary_cm", FT_INT, 0, "The primary case manager (a case manager, clinician or supervisor of the organisation)"},
    {"programme", FT_STRING, 1, "The programme (default: the eligibility decision's)"},
    {"target_group", FT_STRING, 1, "The target group (default: the screening's)"},
    BODY_CAPACITY_REASON,
    {NULL, 0, 0, NULL}};
static const struct res_field close_body[] = {
    {"reason", FT_STRING, 0, "not_eligible, declined, unreachable, no_need, moved_away or other"},
    {"note", FT_STRING, 1, "A note (required for other)"},
    {NULL, 0, 0, NULL}};

#define A ROLES_ANY
#define J RF_API
const struct route api_intake_routes[] = {
    {"GET", "/api/v1/intakes", intakes_list, A, J, DOC(RR_LIST, RES_INTAKE, ACT_LIST, "My organisation's intakes, newest first, each with its step and outcome"), .brief = 1, .query = list_query},
    {"POST", "/api/v1/intakes", intakes_create, A, J, DOC(RR_ONE, RES_INTAKE, ACT_CREATE, "Record a discovered person: registered as a client (duplicate check), held by me in an intake episode"), .status = 201, .body = create_body},
    {"GET", "/api/v1/intakes/{id}", intakes_get, A, J, DOC(RR_ONE, RES_INTAKE, ACT_READ, "An intake: the person, each step with when and who, the outcome")},
    {"POST", "/api/v1/intakes/{id}/screening", intakes_screen, A, J, DOC(RR_ONE, RES_INTAKE, ACT_UPDATE, "Screen a discovered person: needs, urgency, risk to life now, life stage, target group (If-Match: its version)"), .body = screen_body},
    {"POST", "/api/v1/intakes/{id}/eligibility", intakes_decide, A, J, DOC(RR_ONE, RES_INTAKE, ACT_UPDATE, "Link the person's eligibility decision: the intake reaches its outcome step"), .body = decide_body},
    {"POST", "/api/v1/intakes/{id}/enrol", intakes_enrol, A, J, DOC(RR_ONE, RES_INTAKE, ACT_REVIEW, "Enrol: the intake episode becomes active with a primary case manager"), .body = enrol_body},
    {"POST", "/api/v1/intakes/{id}/close", intakes_close, A, J, DOC(RR_ONE, RES_INTAKE, ACT_UPDATE, "Close the intake with a reason (not eligible, declined, ...)"), .body = close_body},
    {0},
};
HTTP_ROUTES(api_intake_routes, "api-8-intake");
