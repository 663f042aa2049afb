/* consent: the API of consent by purpose (core/consent.c decides access and audits).
 * Every handler is parse -> core -> reply. */
#include "api/api_int.h"

API_LIST(consents_list, consent_list(&h->ctx, h->id[0], &pg, &h->result))
API_READ(consents_get, consent_get(&h->ctx, h->id[0], &h->result))
API_WRITE(consents_create, consent_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE_V(consents_withdraw, consent_withdraw(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)

static const struct res_field consent_body[] = {
    {"purpose", FT_STRING, 0, "care_coordination, referral, housing, peer_support or evaluation"},
    {"orgs", FT_ARRAY, 0, "The organisations that may see (ids; not the client's own)"},
    {"classes", FT_ARRAY, 0, "The data classes: identity, notes, assessments, risk, hospital, care_plan, housing"},
    {"starts_on", FT_DATE, 1, "From (default today)"},
    {"ends_on", FT_DATE, 1, "Until (none: until withdrawn)"},
    {"given_how", FT_STRING, 0, "written, verbal_witnessed or legal_representative"},
    {"witness", FT_STRING, 1, "The witness or the legal representative (required unless written)"},
    {"note", FT_STRING, 1, "Note"},
    {NULL, 0, 0, NULL}};
static const struct res_field withdraw_body[] = {{"reason", FT_STRING, 1, "What the client said"}, {NULL, 0, 0, NULL}};

#define S ROLES_STAFF
#define J RF_API
const struct route api_consent_routes[] = {
    {"GET", "/api/v1/clients/{id}/consents", consents_list, S, J, DOC(RR_LIST, RES_CONSENT, ACT_LIST, "A client's consents, newest first, each with its status today")},
    {"POST", "/api/v1/clients/{id}/consents", consents_create, S, J, DOC(RR_ONE, RES_CONSENT, ACT_CREATE, "Record a client's consent: which organisations may see which classes of data, for which purpose, until when"), .status = 201, .body = consent_body},
    {"GET", "/api/v1/consents/{id}", consents_get, S, J, DOC(RR_ONE, RES_CONSENT, ACT_READ, "One consent")},
    {"POST", "/api/v1/consents/{id}/withdraw", consents_withdraw, S, J, DOC(RR_ONE, RES_CONSENT, ACT_UPDATE, "Withdraw a consent (If-Match: its version): access through it ends at once"), .body = withdraw_body},
    {0},
};
HTTP_ROUTES(api_consent_routes, "api-6-consent");
