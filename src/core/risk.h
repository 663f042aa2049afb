/* risk: risk flags (raised by people or by assessments, reviewed, never deleted), the
 * on-call rota, crisis events with their follow-up, safety plans and hospitalisations.
 * Same conventions as core.h: actor context first, access and audit decided here. */
#ifndef HEARTH_RISK_H
#define HEARTH_RISK_H
#include "core/core.h"

/* Raise a flag on a client. source "assessment" (assessment_id set) or "person". A high
 * suicide-risk flag also creates two tasks for the client's primary case manager (or the
 * actor): contact within 24 h, and a safety-plan review. Called inside a write job. */
int flag_raise(struct ctx *c, int64_t client_id, const char *kind, const char *level, const char *source,
               int64_t assessment_id, const char *reason, const char *review_date, json_t **out);
/* Active flags of a client, for the banner (no audit of its own: part of the page's read). */
json_t *flag_active(struct db *db, int64_t client_id);
#endif
