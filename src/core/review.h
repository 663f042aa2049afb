/* review: a supervisor's review of an access out of the ordinary (a break-glass; an episode opened
 * on another worker's client), for core/ only. Whose review a request is, how it shows to its
 * reviewer, the list and the review itself are the same for every kind; a kind names its table,
 * its columns and its words. */
#ifndef HEARTH_REVIEW_H
#define HEARTH_REVIEW_H
#include "core/core.h"

#define REVIEW_NOTE_MAX 1000

/* Whose review a request (alias a, its client joined as c) is: the opener's organisation (?) and the
 * client's, which registered the client or holds an open episode of theirs (?, ?). */
#define REVIEW_ORG(a)                                                                                       \
    " (" a ".org_id=? OR c.org_id=? OR EXISTS (SELECT 1 FROM episodes ro_e WHERE ro_e.client_id=" a         \
    ".client_id AND ro_e.org_id=? AND ro_e.status<>'discharged'))"

struct review_kind {
    enum res res;          /* its access cells: ACT_LIST, ACT_REVIEW */
    const char *table;     /* rows with staff_id, org_id, client_id, reviewed_by, reviewed_at, review_note */
    const char *entity;    /* its audit entity */
    const char *list_action, *review_action;
    /* "SELECT ... FROM table x JOIN clients c ON c.id=x.client_id ...": a request as listed, with
     * s.org_id AS _staff_org and r.org_id AS _reviewer_org for review_shape */
    const char *cols;
    const struct page_key *order; /* newest first */
    const char *not_found, *own, *done; /* N_() texts */
};

/* The reviewer's view of a request: another organisation's staff by organisation and role (names
 * only to whom the staff directory shows them), a client the reviewer may not find without a name. */
void review_shape(struct ctx *c, json_t *r);
int review_list(struct ctx *c, const struct review_kind *k, int pending_only, const struct page *pg, json_t **out);
/* Reviewed once, by a supervisor of either organisation other than the opener, with a note. */
int review_record(struct ctx *c, const struct review_kind *k, int64_t id, const char *note, json_t **out);
#endif
