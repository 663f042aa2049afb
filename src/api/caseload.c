/* caseload: the API of weighted caseloads, the team page's figures, FTEs and the workers' private
 * check-ins (core/caseload.c decides access and audits). Every handler is parse -> core -> reply. */
#include "api/api_int.h"
#include "core/caseload.h"

API_READ(caseload_team_h, caseload_team(&h->ctx, &h->result))
API_READ(caseload_worker_h, caseload_worker(&h->ctx, h->id[0], &h->result))
API_WRITE_V(caseload_fte_h, caseload_set_fte(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE(checkin_save_h, checkin_save(&h->ctx, h->body, &h->result), api_done_200)
API_LIST(checkin_mine_h, checkin_mine(&h->ctx, &pg, &h->result))
API_LIST(checkin_summary_h, checkin_summary(&h->ctx, &pg, &h->result))

static const struct res_field fte_body[] = {
    {"fte", FT_NUMBER, 0, "The worker's full-time equivalent: 0.1 to 1.0 in steps of 0.1"}, {NULL, 0, 0, NULL}};
static const struct res_field checkin_body[] = {
    {"manageable", FT_INT, 0, "My workload feels manageable: 1 (not at all) to 5 (entirely)"},
    {"supported", FT_INT, 0, "I feel supported: 1 (not at all) to 5 (entirely)"},
    {"would_help", FT_STRING, 1, "What would help, in one's own words (at most 500 characters)"},
    {NULL, 0, 0, NULL}};

#define S ROLES_STAFF
#define J RF_API
const struct route api_caseload_routes[] = {
    {"GET", "/api/v1/caseload/team", caseload_team_h, S, J, DOC0(RR_ONE, "The supervisor's team page: each worker of the organisation with weighted load, capacity and over, overdue tasks, open referrals, crises of the last 14 days and care-plan reviews due; the ACT figures (null without an open ACT episode)"), GATE(RES_CASELOAD, ACT_LIST)},
    {"GET", "/api/v1/staff/{id}/caseload", caseload_worker_h, S, J, DOC(RR_ONE, RES_CASELOAD, ACT_READ, "A worker's weighted caseload with each open episode, its weight and why (the worker, or a supervisor of their organisation)")},
    {"POST", "/api/v1/staff/{id}/fte", caseload_fte_h, ROLES_ANY, J, DOC0(RR_ONE, "Set a worker's FTE (If-Match: the staff record's version): a supervisor of their organisation or an administrator"), GATE(RES_CASELOAD, ACT_UPDATE), .body = fte_body},
    {"POST", "/api/v1/me/checkins", checkin_save_h, S, J, DOC(RR_ONE, RES_CHECKIN, ACT_CREATE, "This month's private check-in: made, or replaced when answered already"), .body = checkin_body},
    {"GET", "/api/v1/me/checkins", checkin_mine_h, S, J, DOC(RR_LIST, RES_CHECKIN, ACT_READ, "One's own check-ins, newest first (nobody else reads them)")},
    {"GET", "/api/v1/checkins/summary", checkin_summary_h, S, J, DOC0(RR_LIST, "The organisation's check-ins per month, newest first: answers, and with 5 or more the means and the words of what would help (sorted, unattributed); fewer than 5: shown false, nothing else"), GATE(RES_CHECKIN, ACT_LIST)},
    {0},
};
HTTP_ROUTES(api_caseload_routes, "api-13-caseload");
