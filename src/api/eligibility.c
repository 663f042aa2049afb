/* eligibility: the API of the programmes' eligibility rules, a client's evaluation against one, and
 * the decisions a person makes on it. Parse -> core -> reply; core (core/eligibility.h) decides access
 * and audits. */
#include "api/api_int.h"
#include "core/eligibility.h"

/* The rule files are not client data: any signed-in user may read them; no audit. */
static void programmes_get(struct hreq *h)
{
    h->result = page_all(elig_programmes()); /* a few files, loaded at start: one page */
    reply_result(h, OK, 200);
}

API_READ(evaluation_get, elig_evaluate(&h->ctx, h->id[0], qstr(h, "programme"), qstr(h, "needs"), &h->result))
API_LIST(decisions_get, elig_decision_list(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(decisions_create, elig_decide(&h->ctx, h->id[0], h->body, &h->result), api_done_201)

static const struct res_field decision_body[] = {
    {"programme", FT_STRING, 0, "The programme's key (its rule file)"},
    {"decision", FT_STRING, 0, "eligible, not_eligible or exception"},
    {"reason", FT_STRING, 1, "Why (required for an exception)"},
    {"needs", FT_ARRAY, 1, "The service domains the client needs, as stated by the worker"},
    {NULL, 0, 0, NULL}};

#define A ROLES_ANY
#define J RF_API
const struct route api_eligibility_routes[] = {
    {"GET", "/api/v1/eligibility/programmes", programmes_get, A, J, DOC0(RR_LIST, "The programmes' eligibility rules (one page)")},
    {"GET", "/api/v1/clients/{id}/eligibility", evaluation_get, A, J, DOC0(RR_ONE, "Evaluate a client against a programme: each criterion met, not met or unknown, with the facts used"), GATE(RES_ELIGIBILITY, ACT_READ),
     .query = (const struct res_field[]){{"programme", FT_STRING, 0, "The programme's key"}, {"needs", FT_STRING, 1, "The service domains the client needs, comma-separated"}, {NULL}}},
    {"GET", "/api/v1/clients/{id}/eligibility-decisions", decisions_get, A, J, DOC(RR_LIST, RES_ELIGIBILITY, ACT_LIST, "A client's eligibility decisions, newest first")},
    {"POST", "/api/v1/clients/{id}/eligibility-decisions", decisions_create, A, J, DOC(RR_ONE, RES_ELIGIBILITY, ACT_CREATE, "Decide a client's eligibility for a programme (stored with the rule file's version)"), .status = 201, .body = decision_body},
    {0},
};
HTTP_ROUTES(api_eligibility_routes, "api-7-eligibility");
