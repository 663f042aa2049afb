/* caseload: weighted caseloads (weights in one data file, caseload/weights.rules, format in
 * caseload/README.md, validated at start), capacity per worker (FTE), the reason asked when a worker
 * would be over capacity, the supervisor's team figures and the workers' private check-ins. */
#ifndef HEARTH_CASELOAD_H
#define HEARTH_CASELOAD_H
#include "core/core.h"
#include <stddef.h>

/* ---- caseload_rules.c: the weights file ---- */
#define CL_PROGRAMMES 8
#define CL_STATUSES 3 /* intake, active, on_hold: the open statuses, in cl_open_statuses[] order */
extern const char *const cl_open_statuses[]; /* NULL-terminated */
struct caseload_weights {
    char version[64];
    char based_on[400];
    char file[256];
    double units_per_fte[ROLE__COUNT]; /* 0: the role has no capacity */
    double team_share;                 /* 0..1 */
    double programme[CL_PROGRAMMES];   /* in programmes[] order */
    double status[CL_STATUSES];
    double high_risk, crisis, discharge;
    int crisis_days, discharge_days;
};
/* Parse one weights file's text (len bytes). OK: 0 and *out filled. A bad file: -1 with
 * "FILE:LINE: REASON" (or "FILE: REASON" for what is missing) in err. No global state. */
int caseload_parse(const char *file, const char *text, size_t len, struct caseload_weights *out, char *err,
                   size_t errlen);
/* Read and check path; on success it becomes the weights the server uses (before threads start;
 * read-only afterwards). -1 and err on failure (the weights loaded before stay). */
int caseload_load(const char *path, char *err, size_t errlen);
void caseload_unload(void); /* none loaded: no capacity, no reason asked (tests, hearth demo) */
const struct caseload_weights *caseload_weights(void); /* NULL when none loaded */

/* One open episode's weight for a worker and why: the pieces ({key, weight}) appended to why when
 * given (programme, high_risk, crisis, discharge, status, team_share). Pure: no database. */
struct cl_facts {
    const char *programme, *status;
    int primary;        /* 1: the worker is its primary case manager; 0: a care-team place */
    int high_risk;      /* an active high-risk flag on the client */
    int recent_crisis;  /* a crisis event within crisis_days */
    int recent_discharge; /* a hospital discharge within discharge_days */
};
double caseload_weight(const struct caseload_weights *w, const struct cl_facts *f, json_t *why);
/* A worker's capacity in units: units_per_fte of their role times fte (tenths / 10); 0 when none. */
double caseload_capacity(const struct caseload_weights *w, int role, int fte_tenths);

/* ---- caseload.c ---- */
#define CL_REASON_MIN 10
#define CL_REASON_MAX 1000
/* The load of staff_id now (no access check): the sum of their open episodes' weights; *capacity
 * (0: none); *role. -1 on a database error. */
double caseload_load_of(struct db *db, int64_t staff_id, double *capacity);
/* Every enabled worker's load and capacity now, in two queries whatever their number (the
 * evaluation's workforce indicators): *out (free it) holds *n entries in staff id order, the same
 * figures caseload_load_of() gives one by one. No weights loaded: none. OK or ERR_DB. */
struct cl_load {
    int64_t staff_id, org_id;
    double load, capacity;
};
int caseload_loads(struct db *db, struct cl_load **out, size_t *n);
/* Call after writing an assignment of staff_id (primary case manager or care-team place) to
 * client_id, in the same transaction: when the worker's load (with it) is over their capacity, the
 * input's "capacity_reason" (CL_REASON_MIN..MAX characters) is required: without it ERR_CONFLICT
 * (the caller's transaction rolls back) with {capacity_required: true, staff_id, load, capacity}
 * and a field error on "capacity_reason"; with it OK, and the reason audited
 * ("caseload.over_capacity" on the client). field: the input's name for the worker (for the error).
 * No weights loaded: OK. */
int caseload_guard(struct ctx *c, int64_t staff_id, int64_t client_id, json_t *in, const char *field);
/* The team page: the actor's organisation's workers, each {staff_id, display_name, role, fte,
 * capacity, load, over, clients, overdue_tasks, open_referrals, crises_14d, reviews_due}, and the
 * ACT figures {clients, fte, ratio, contacts_per_client_week, community_share} (null without an
 * open ACT episode). Supervisors of the organisation. */
int caseload_team(struct ctx *c, json_t **out);
/* One worker's load with each episode, its weight and why (themself, or a supervisor of their
 * organisation): {staff_id, display_name, role, fte, capacity, load, over, items: [...]}. */
int caseload_worker(struct ctx *c, int64_t staff_id, json_t **out);
/* An episode to reassign from the drill-down: {episode_id, client_id, given_name, family_name,
 * programme, status, primary_cm, primary_cm_name, version}; who may change the episode. */
int caseload_episode(struct ctx *c, int64_t episode_id, json_t **out);
/* The workers of the actor's organisation who may be a primary case manager, each with their brief
 * figures: [{id, display_name, role, load, capacity, over}] (no client data). */
json_t *caseload_receivers(struct ctx *c);
/* Set a worker's FTE {fte: 0.1 .. 1.0} (If-Match: the staff record's version): a supervisor of the
 * worker's organisation or an administrator. */
int caseload_set_fte(struct ctx *c, int64_t staff_id, int64_t version, json_t *in, json_t **out);
/* The brief figures of staff_id for the pages (no access check, no client data): {load, capacity,
 * over}; NULL without weights. */
json_t *caseload_brief(struct db *db, int64_t staff_id);

/* Check-ins: one per worker per month, private. */
void caseload_period(char out[8]); /* this month, YYYY-MM */
/* This month's check-in of the actor {manageable 1..5, supported 1..5, would_help}: made or replaced. */
int checkin_save(struct ctx *c, json_t *in, json_t **out);
/* The actor's own check-ins, newest first. */
int checkin_mine(struct ctx *c, const struct page *pg, json_t **out);
/* The actor's check-in of this month, or NULL (no audit: their own). */
json_t *checkin_current(struct ctx *c);
/* The aggregates of the actor's organisation per month, newest first: {period, answers, shown,
 * manageable_mean, supported_mean, would_help}; fewer than CHECKIN_K answers: shown false, the means
 * and the texts null. Supervisors. */
#define CHECKIN_K 5
int checkin_summary(struct ctx *c, const struct page *pg, json_t **out);
#endif
