/* assess: the assessment API: the instrument definitions (for forms), administering one to a client,
 * a client's assessments and their trajectory per instrument. Parse -> core -> reply. */
#include "api/api_int.h"
#include "core/instrument.h"

/* The definitions are not client data: any signed-in user may read them; no audit. */
static void instruments_get(struct hreq *h)
{
    h->result = page_all(instruments_list()); /* a few definitions, loaded at start: one page */
    reply_result(h, OK, 200);
}

static void trajectory(struct hreq *h)
{
    int rc = assessment_trajectory(&h->ctx, h->id[0], qstr(h, "instrument"), &h->result);
    reply_result(h, rc, 200);
}

API_WRITE(assessments_create, assessment_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_LIST(assessments_list, assessment_list(&h->ctx, h->id[0], &pg, &h->result))
API_READ(assessments_get, assessment_get(&h->ctx, h->id[0], &h->result))

#define A ROLES_ANY
#define J RF_API
const struct route api_assess_routes[] = {
    {"GET", "/api/v1/instruments", instruments_get, A, J, DOC0(RR_LIST, "The instruments' definitions (one page)")},
    {"POST", "/api/v1/clients/{id}/assessments", assessments_create, A, J, DOC(RR_ONE, RES_ASSESSMENT, ACT_CREATE, "Administer an instrument: scored, may raise a flag"), .status = 201},
    {"GET", "/api/v1/clients/{id}/assessments", assessments_list, A, J, DOC(RR_LIST, RES_ASSESSMENT, ACT_LIST, "A client's assessments, newest first")},
    {"GET", "/api/v1/clients/{id}/assessments/trajectory", trajectory, A, J, DOC0(RR_ONE, "The scores of one instrument over time, with change markers"), GATE(RES_ASSESSMENT, ACT_READ),
     .query = (const struct res_field[]){{"instrument", FT_STRING, 0, "The instrument's key (phq9, gad7...)"}, {NULL}}},
    {"GET", "/api/v1/assessments/{id}", assessments_get, A, J, DOC(RR_ONE, RES_ASSESSMENT, ACT_READ, "An assessment")},
    {0},
};
HTTP_ROUTES(api_assess_routes, "api-3-assess");
