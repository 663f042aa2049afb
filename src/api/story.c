/* story: the API of success stories (issue 14 §3): a client's stories and their writing, submission,
 * review and withdrawal; the supervisor's review queue; the published list the task force, analysts
 * and staff read (no client named or linked). core/story.c decides and audits. */
#include "api/api_int.h"
#include "core/story.h"

API_LIST(stories_of_client, story_list(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(stories_create, story_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_READ(stories_get, story_get(&h->ctx, h->id[0], &h->result))
API_WRITE_V(stories_update, story_update(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE_V(stories_submit, story_submit(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE_V(stories_review, story_review(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE_V(stories_withdraw, story_withdraw(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_LIST(stories_published, story_published(&h->ctx, qstr(h, "domain"), qstr(h, "programme"), &pg, &h->result))
API_LIST(stories_queue, story_review_queue(&h->ctx, &pg, &h->result))

static const struct res_field story_body[] = {
    {"title", FT_STRING, 0, "A title (at most 200 characters)"},
    {"body", FT_STRING, 0, "The story, in the client's own words where they wish (at most 20,000 characters)"},
    {"words", FT_STRING, 0, "Whose words: client, with_worker (written with the worker) or worker"},
    {"domains", FT_ARRAY, 0, "The service domains it touches: 1 to 10 keys of the service domains"},
    {"programme", FT_STRING, 0, "The programme (integrated_care, intensive_case_management, act, housing_support, crisis)"},
    {NULL, 0, 0, NULL}};
static const struct res_field update_body[] = {
    {"title", FT_STRING, 1, "A title"},
    {"body", FT_STRING, 1, "The story"},
    {"words", FT_STRING, 1, "Whose words: client, with_worker or worker"},
    {"domains", FT_ARRAY, 1, "The service domains it touches"},
    {"programme", FT_STRING, 1, "The programme"},
    {NULL, 0, 0, NULL}};
static const struct res_field review_body[] = {
    {"decision", FT_STRING, 0, "publish or return"},
    {"no_names", FT_BOOL, 1, "No name identifies the client (every box is required to publish)"},
    {"no_places", FT_BOOL, 1, "No place identifies the client"},
    {"no_dates", FT_BOOL, 1, "No date identifies the client"},
    {"no_rare_details", FT_BOOL, 1, "No rare detail identifies the client"},
    {"note", FT_STRING, 1, "The reviewer's note: required to return the story (what to change)"},
    {NULL, 0, 0, NULL}};
static const struct res_field withdraw_body[] = {
    {"reason", FT_STRING, 0, "Why (the client asked to take the story back): kept; the text is erased"},
    {NULL, 0, 0, NULL}};
static const struct res_field published_query[] = {
    {"domain", FT_STRING, 1, "Only stories tagged with this service domain"},
    {"programme", FT_STRING, 1, "Only stories of this programme"},
    {NULL, 0, 0, NULL}};

#define S ROLES_STAFF
#define J RF_API
const struct route api_story_routes[] = {
    {"GET", "/api/v1/stories", stories_published, ROLES_ANY, J, DOC(RR_LIST, RES_STORY, ACT_LIST, "Published success stories, newest first: title, text, whose words, service domains, programme, the kind of organisation and the month published; no client, name, author or link (the task force, analysts and staff)"), .brief = 1, .query = published_query},
    {"GET", "/api/v1/stories/review", stories_queue, S, J, DOC(RR_LIST, RES_STORY, ACT_REVIEW, "A supervisor's queue: the stories of their organisation submitted for review, oldest first")},
    {"GET", "/api/v1/clients/{id}/stories", stories_of_client, S, J, DOC(RR_LIST, RES_STORY, ACT_LIST, "A client's success stories in every state, newest first (the clinical members of the care team; the organisation's supervisors)")},
    {"POST", "/api/v1/clients/{id}/stories", stories_create, S, J, DOC(RR_ONE, RES_STORY, ACT_CREATE, "Write a story with the client: a draft"), .status = 201, .body = story_body},
    {"GET", "/api/v1/stories/{id}", stories_get, S, J, DOC(RR_ONE, RES_STORY, ACT_READ, "One story with its reviews and whether the client's consent for evaluation is active")},
    {"PATCH", "/api/v1/stories/{id}", stories_update, S, J, DOC(RR_ONE, RES_STORY, ACT_UPDATE, "Change a draft or a returned story (If-Match: its version)"), .body = update_body},
    {"POST", "/api/v1/stories/{id}/submit", stories_submit, S, J, DOC(RR_ONE, RES_STORY, ACT_UPDATE, "Submit a story for review (If-Match): only while the client holds an active consent for evaluation (409 with consent_required otherwise)")},
    {"POST", "/api/v1/stories/{id}/review", stories_review, S, J, DOC(RR_ONE, RES_STORY, ACT_REVIEW, "A supervisor's review (If-Match): publish (every check ticked) or return with the reasons; never a story one wrote"), .body = review_body},
    {"POST", "/api/v1/stories/{id}/withdraw", stories_withdraw, S, J, DOC(RR_ONE, RES_STORY, ACT_UPDATE, "Withdraw a story at any state (If-Match): the client asked to take it back; its text is erased"), .body = withdraw_body},
    {0},
};
HTTP_ROUTES(api_story_routes, "api-17-stories");
