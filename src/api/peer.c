/* peer: the API of what peer supporters do (core/peer.c decides access and audits): peer activities
 * (per client, the peer's own, one) and supervision sessions. Every handler is parse -> core -> reply. */
#include "api/api_int.h"

API_LIST(activities_of_client, peer_activity_list(&h->ctx, h->id[0], &pg, &h->result))
API_LIST(activities_mine, peer_activity_mine(&h->ctx, &pg, &h->result))
API_READ(activities_get, peer_activity_get(&h->ctx, h->id[0], &h->result))
API_WRITE(activities_create, peer_activity_create(&h->ctx, h->body, &h->result), api_done_201)
API_LIST(supervisions_list, peer_supervision_list(&h->ctx, api_qint(h, "peer_id", 0), &pg, &h->result))
API_READ(supervisions_get, peer_supervision_get(&h->ctx, h->id[0], &h->result))
API_WRITE(supervisions_create, peer_supervision_create(&h->ctx, h->body, &h->result), api_done_201)

static const struct res_field activity_body[] = {
    {"kind", FT_STRING, 0, "accompaniment, group or recovery_conversation"},
    {"accompany_to", FT_STRING, 1, "An accompaniment: clinic, benefits_office, landlord or other"},
    {"client_ids", FT_ARRAY, 0, "The clients (1 to 30; a group at least 2), each assigned to the peer supporter"},
    {"at", FT_DATETIME, 0, "When"},
    {"duration_min", FT_INT, 0, "Minutes (1 to 1440)"},
    {"place", FT_STRING, 0, "Where"},
    {"summary", FT_STRING, 0, "What happened (up to 2000 characters)"},
    {NULL, 0, 0, NULL}};
static const struct res_field supervision_body[] = {
    {"peer_id", FT_INT, 1, "A supervisor: the peer supporter of their organisation"},
    {"supervisor_id", FT_INT, 1, "A peer supporter: the supervisor of their organisation"},
    {"held_on", FT_DATE, 0, "The session's date (not in the future)"},
    {"topics", FT_STRING, 0, "Topics"},
    {"went_well", FT_STRING, 1, "What went well"},
    {"to_develop", FT_STRING, 1, "What to develop"},
    {"next_on", FT_DATE, 1, "The next session (after this one)"},
    {NULL, 0, 0, NULL}};

#define S ROLES_STAFF
#define J RF_API
const struct route api_peer_routes[] = {
    {"GET", "/api/v1/clients/{id}/peer-activities", activities_of_client, S, J, DOC(RR_LIST, RES_PEER_ACTIVITY, ACT_LIST, "A client's peer activities, newest first (each with only the clients the reader may see)")},
    {"GET", "/api/v1/peer-activities", activities_mine, S, J, DOC(RR_LIST, RES_PEER_ACTIVITY, ACT_LIST, "The peer supporter's own activities, newest first")},
    {"POST", "/api/v1/peer-activities", activities_create, S, J, DOC(RR_ONE, RES_PEER_ACTIVITY, ACT_CREATE, "Record a peer activity with one or several clients (an accompaniment, a group activity, a recovery conversation)"), .status = 201, .body = activity_body},
    {"GET", "/api/v1/peer-activities/{id}", activities_get, S, J, DOC(RR_ONE, RES_PEER_ACTIVITY, ACT_READ, "One peer activity, with the clients the reader may see")},
    {"GET", "/api/v1/peer-supervisions", supervisions_list, S, J, DOC(RR_LIST, RES_PEER_SUPERVISION, ACT_LIST, "Supervision sessions: a peer supporter's own; a supervisor's organisation's"),
     .query = (const struct res_field[]){{"peer_id", FT_INT, 1, "A supervisor: one peer supporter's sessions"}, {NULL}}},
    {"POST", "/api/v1/peer-supervisions", supervisions_create, S, J, DOC(RR_ONE, RES_PEER_SUPERVISION, ACT_CREATE, "Record a supervision session between a peer supporter and a supervisor of their organisation"), .status = 201, .body = supervision_body},
    {"GET", "/api/v1/peer-supervisions/{id}", supervisions_get, S, J, DOC(RR_ONE, RES_PEER_SUPERVISION, ACT_READ, "One supervision session (the peer supporter and the supervisors of their organisation)")},
    {0},
};
HTTP_ROUTES(api_peer_routes, "api-12-peer");
