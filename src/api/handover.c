/* handover: the API of a leaving worker's handover (preview, then one audited step) and of the check
 * that nothing stays assigned to a disabled account. Parse -> core (core/handover.c) -> reply. */
#include "api/api_int.h"

API_READ(handover_preview_h, handover_preview(&h->ctx, h->id[0], h->body, &h->result))
API_WRITE(handover_perform_h, handover_perform(&h->ctx, h->id[0], h->body, &h->result), api_done_200)
API_LIST(handover_disabled_h, handover_disabled(&h->ctx, &pg, &h->result))

static const struct res_field override_body[] = {
    {"client_id", FT_INT, 0, "A client the leaving worker holds something for"},
    {"to", FT_INT, 0, "Who receives everything of this client"},
    {NULL, 0, 0, NULL}};
static const struct res_field handover_body[] = {
    {"to", FT_INT, 1, "Who receives everything no override names (an active worker of the same organisation)"},
    {"overrides", FT_ARRAY, 1, "Per client, another receiver", override_body},
    {"disable", FT_BOOL, 1, "Disable the account in the same step (administrators)"},
    BODY_CAPACITY_REASON,
    {NULL, 0, 0, NULL}};

#define A ROLES_ANY
#define J RF_API
const struct route api_handover_routes[] = {
    {"POST", "/api/v1/staff/{id}/handover/preview", handover_preview_h, A, J, DOC0(RR_ONE, "What a handover would move, and to whom (nothing is changed)"), GATE(RES_HANDOVER, ACT_READ), .body = handover_body},
    {"POST", "/api/v1/staff/{id}/handover", handover_perform_h, A, J, DOC0(RR_ONE, "Hand over everything a leaving worker holds (clients, tasks, on-call shifts) in one audited step; each receiver gets a task listing it"), GATE(RES_HANDOVER, ACT_CREATE), .body = handover_body},
    {"GET", "/api/v1/assignments/disabled", handover_disabled_h, A, J, DOC(RR_LIST, RES_HANDOVER, ACT_LIST, "Everything still assigned to disabled accounts (administrators: every organisation; supervisors: their own)")},
    {0},
};
HTTP_ROUTES(api_handover_routes, "api-6-handover");
