/* story: success stories (issue 14 §3). A story of recovery or community life, written by a worker on
 * the client's care team with the client (the client's own words where they wish), tagged with the
 * service domains it touches and the programme; submitted only while the client holds an active
 * consent for the purpose "evaluation"; reviewed by a supervisor of the client's organisation for
 * anything that identifies the client (names, places, dates, rare details); published without a name,
 * a client id, a link to the record or an author, for the task force, analysts and staff to read beside
 * the numbers. Withdrawn at any state (the client asked, or withdrew the evaluation consent: every
 * story of the client at once, in the consent's transaction): the text is erased, what is kept is that
 * a story existed, when, and withdrawn when and why. */
#ifndef HEARTH_STORY_H
#define HEARTH_STORY_H
#include "core/core.h"

extern const char *const story_states[];   /* draft, submitted, published, returned, withdrawn */
extern const char *const story_words[];    /* client, with_worker, worker: whose words the story is in */
extern const char *const story_checks[];   /* no_names, no_places, no_dates, no_rare_details */
extern const char *const story_decisions[]; /* publish, return */

/* The next state of a story after action (edit, submit, publish, return, withdraw) from state; NULL
 * when the action is not allowed in that state. */
const char *story_next_state(const char *state, const char *action);

/* A client's stories, newest first: {id, client_id, given_name, family_name, org_id, org_name, title,
 * body, words, domains: [keys], programme, status, consent_id, created_by(_name), created_at,
 * updated_at, submitted_at, published_month, withdrawn_at, withdraw_cause, withdraw_reason, mine,
 * version} (a withdrawn one: title and body null). */
int story_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);
/* One story with its reviews (newest first) and consent_ok (the client holds an active evaluation
 * consent today). */
int story_get(struct ctx *c, int64_t id, json_t **out);
/* {title, body, words, domains: [1..10 service domains], programme}: a draft, at the actor's
 * organisation. */
int story_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
/* The same members, each optional (If-Match version): a draft or a returned story only. */
int story_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* For review (If-Match version): a draft or a returned story, while the client holds an active
 * consent for evaluation (else ERR_CONFLICT naming the consent, extra {consent_required: true}). */
int story_submit(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* A supervisor's review (If-Match version) of a submitted story of their organisation that they did not
 * write or submit: {decision: publish | return, no_names, no_places, no_dates, no_rare_details
 * (booleans: nothing of that kind identifies the client), note}. Publish needs every box ticked (and the
 * consent still active); return needs a note (the reasons). */
int story_review(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* Withdraw (If-Match version) at any state: {reason (required)}: the client asked to take it back.
 * The text and the review notes are erased. */
int story_withdraw(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* Every story of the client not withdrawn yet, withdrawn now because the client withdrew their consent
 * for evaluation (consent_id): called by consent_withdraw in its transaction, after its own access
 * check; each withdrawal audited. *n: how many. */
int story_withdraw_consent(struct ctx *c, int64_t client_id, int64_t consent_id, int *n);
/* Published stories, newest first, of clients whose evaluation consent is active today: {id, title,
 * body, words, domains, programme, org_kind, published_month}; domain and programme narrow (NULL or
 * "": any; an unknown one: ERR_INVALID naming it). No client is named or linked. */
int story_published(struct ctx *c, const char *domain, const char *programme, const struct page *pg, json_t **out);
/* The supervisor's queue: submitted stories of the actor's organisation, oldest first (the full shape). */
int story_review_queue(struct ctx *c, const struct page *pg, json_t **out);
/* 1 when the client holds an active consent for evaluation today (its id in *consent_id). */
int story_consent_active(struct db *db, int64_t client_id, int64_t *consent_id);
#endif
