/* referral: the API of referrals between organisations (core/referral.c decides access and audits).
 * Every handler is parse -> core -> reply. Each change of state has a route of its own
 * (POST /api/v1/referrals/{id}/ACTION, If-Match: the referral's version). */
#include "api/api_int.h"

static void queue(struct hreq *h, int received)
{
    struct page pg;
    if (!api_page(h, &pg))
        return;
    const char *o = qstr(h, "overdue");
    int overdue = !o || !*o || str_eq(o, "0") || str_eq(o, "false") ? 0 : str_eq(o, "1") || str_eq(o, "true") ? 1 : -1;
    struct referral_filter f = {qstr(h, "state"), qstr(h, "urgency"), overdue};
    int rc = referral_queue(&h->ctx, received, &f, &pg, &h->result);
    reply_result(h, rc, 200);
}
static void referrals_received(struct hreq *h)
{
    queue(h, 1);
}
static void referrals_sent(struct hreq *h)
{
    queue(h, 0);
}
API_LIST(referrals_of_client, referral_for_client(&h->ctx, h->id[0], &pg, &h->result))
API_READ(referrals_get, referral_get(&h->ctx, h->id[0], &h->result))
API_WRITE(referrals_send, referral_send(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE_V(referrals_assign, referral_assign(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE_V(referrals_accept_episode, referral_accept_episode(&h->ctx, h->id[0], h->if_match, h->body, &h->result),
            api_done_200)
API_WRITE(referrals_review, referral_review_agreement(&h->ctx, h->id[0], h->body, &h->result), api_done_200)

/* One handler per change of state: the action's name in core's state machine. */
#define CHANGE(name, action)                                                                                  \
    API_WRITE_V(referrals_##name, referral_act(&h->ctx, h->id[0], h->if_match, action, h->body, &h->result),  \
                api_done_200)
CHANGE(receive, "receive")
CHANGE(accept, "accept")
CHANGE(decline, "decline")
CHANGE(request_info, "request_info")
CHANGE(answer, "answer")
CHANGE(start, "start")
CHANGE(complete, "complete")
CHANGE(cancel, "cancel")
CHANGE(fail, "fail")

static const struct res_field queue_query[] = {
    {"state", FT_STRING, 1, "Only this state (sent, received, accepted, declined, info_requested, in_progress, completed, cancelled, failed), or open or closed"},
    {"urgency", FT_STRING, 1, "Only this urgency: routine, soon or urgent"},
    {"overdue", FT_STRING, 1, "1: only those not acknowledged in time"},
    {NULL}};
static const struct res_field send_body[] = {
    {"to_org_id", FT_INT, 1, "The receiving organisation (its intake queue); or service_id"},
    {"service_id", FT_INT, 1, "A service of the directory (names the organisation)"},
    {"reason", FT_STRING, 0, "Why the client is referred"},
    {"asked", FT_STRING, 0, "What is asked for"},
    {"urgency", FT_STRING, 0, "routine (acknowledged within 5 days), soon (2 days) or urgent (4 hours)"},
    {"sections", FT_ARRAY, 1, "The data classes shared: only those an active consent for a referral or care coordination gives the receiving organisation"},
    {"agreement", FT_STRING, 0, "agreed, or not_asked (with agreement_reason; reviewed by a supervisor)"},
    {"agreement_reason", FT_STRING, 1, "Why the client could not be asked (required when not_asked)"},
    {"intake_id", FT_INT, 1, "The intake the referral comes from"},
    {NULL, 0, 0, NULL}};
static const struct res_field text_body[] = {{"text", FT_STRING, 1, "A note for the sender"}, {NULL, 0, 0, NULL}};
static const struct res_field said_body[] = {{"text", FT_STRING, 0, "The words (required)"}, {NULL, 0, 0, NULL}};
static const struct res_field decline_body[] = {
    {"reason_code", FT_STRING, 0, "no_capacity, not_eligible, service_not_offered, client_declined, duplicate or other"},
    {"text", FT_STRING, 0, "Why, in words"},
    {NULL, 0, 0, NULL}};
static const struct res_field fail_body[] = {
    {"reason_code", FT_STRING, 0, "client_unreachable, client_withdrew, client_moved, service_ended or other"},
    {"text", FT_STRING, 0, "What happened"},
    {NULL, 0, 0, NULL}};
static const struct res_field complete_body[] = {{"outcome", FT_STRING, 0, "The outcome, for the sender"}, {NULL, 0, 0, NULL}};
static const struct res_field assign_body[] = {{"staff_id", FT_INT, 0, "A worker of the receiving organisation"}, {NULL, 0, 0, NULL}};
static const struct res_field episode_body[] = {
    {"primary_cm", FT_INT, 0, "The primary case manager, of the receiving organisation"},
    {"programme", FT_STRING, 0, "The episode's programme"},
    {"target_group", FT_STRING, 0, "The episode's target group"},
    {"status", FT_STRING, 1, "The episode's status (intake by default)"},
    {"start_date", FT_DATE, 1, "The episode's start (today by default)"},
    {"text", FT_STRING, 1, "A note for the sender"},
    BODY_CAPACITY_REASON,
    {NULL, 0, 0, NULL}};
static const struct res_field review_body[] = {{"note", FT_STRING, 0, "The supervisor's review"}, {NULL, 0, 0, NULL}};

#define S ROLES_STAFF
#define J RF_API
#define ONE(act, what) DOC(RR_ONE, RES_REFERRAL, act, what)
const struct route api_referral_routes[] = {
    {"GET", "/api/v1/clients/{id}/referrals", referrals_of_client, S, J, DOC(RR_LIST, RES_REFERRAL, ACT_LIST, "A client's referrals that my organisation sent or received, newest first")},
    {"POST", "/api/v1/clients/{id}/referrals", referrals_send, S, J, ONE(ACT_CREATE, "Refer a client to an organisation's intake queue or to a service"), .status = 201, .body = send_body},
    {"GET", "/api/v1/referrals/received", referrals_received, S, J, DOC(RR_LIST, RES_REFERRAL, ACT_LIST, "My organisation's received referrals: overdue first, then the longest pending"), .query = queue_query},
    {"GET", "/api/v1/referrals/sent", referrals_sent, S, J, DOC(RR_LIST, RES_REFERRAL, ACT_LIST, "My organisation's sent referrals: overdue first, then the longest pending"), .query = queue_query},
    {"GET", "/api/v1/referrals/{id}", referrals_get, S, J, ONE(ACT_READ, "A referral with its timeline (the sender's and the receiving organisation)")},
    {"POST", "/api/v1/referrals/{id}/receive", referrals_receive, S, J, ONE(ACT_REVIEW, "Acknowledge a referral (sent -> received; If-Match)"), .body = text_body},
    {"POST", "/api/v1/referrals/{id}/accept", referrals_accept, S, J, ONE(ACT_REVIEW, "Accept a referral (received -> accepted; If-Match)"), .body = text_body},
    {"POST", "/api/v1/referrals/{id}/accept-with-episode", referrals_accept_episode, S, J, ONE(ACT_REVIEW, "Accept a referral and open an episode with a primary case manager, in one step (If-Match)"), .body = episode_body},
    {"POST", "/api/v1/referrals/{id}/decline", referrals_decline, S, J, ONE(ACT_REVIEW, "Decline a referral with a reason (received -> declined; If-Match)"), .body = decline_body},
    {"POST", "/api/v1/referrals/{id}/request-info", referrals_request_info, S, J, ONE(ACT_REVIEW, "Ask the sender for more information (received -> info_requested; If-Match)"), .body = said_body},
    {"POST", "/api/v1/referrals/{id}/answer", referrals_answer, S, J, ONE(ACT_UPDATE, "The sender answers (info_requested -> received; If-Match)"), .body = said_body},
    {"POST", "/api/v1/referrals/{id}/start", referrals_start, S, J, ONE(ACT_REVIEW, "Start the work (accepted -> in_progress; If-Match)"), .body = text_body},
    {"POST", "/api/v1/referrals/{id}/complete", referrals_complete, S, J, ONE(ACT_REVIEW, "Complete with an outcome the sender reads (in_progress -> completed; If-Match)"), .body = complete_body},
    {"POST", "/api/v1/referrals/{id}/cancel", referrals_cancel, S, J, ONE(ACT_UPDATE, "The sender cancels an open referral, with a reason (If-Match)"), .body = said_body},
    {"POST", "/api/v1/referrals/{id}/fail", referrals_fail, S, J, ONE(ACT_REVIEW, "The referral failed, with a reason (accepted or in_progress -> failed; If-Match)"), .body = fail_body},
    {"POST", "/api/v1/referrals/{id}/assign", referrals_assign, S, J, ONE(ACT_REVIEW, "Assign a received referral to a worker of the receiving organisation (If-Match)"), .body = assign_body},
    {"POST", "/api/v1/referrals/{id}/agreement-review", referrals_review, S, J, ONE(ACT_ADMINISTER, "A supervisor of the sender's organisation reviews a referral sent without the client's agreement"), .body = review_body},
    {0},
};
HTTP_ROUTES(api_referral_routes, "api-7-referral");
