/* risk: risk flags (raised by people or by assessments, reviewed, never deleted), the
 * on-call rota, crisis events with their follow-up, safety plans and hospitalisations.
 * Same conventions as core.h: actor context first, access and audit decided here. */
#ifndef HEARTH_RISK_H
#define HEARTH_RISK_H
#include "core/core.h"

/* Vocabularies (NULL-terminated), as stored and sent. */
extern const char *const flag_levels[];          /* low, moderate, high */
extern const char *const flag_sources[];         /* assessment, person */
extern const char *const flag_review_outcomes[]; /* continued, level_changed, resolved */
extern const char *const crisis_kinds[];         /* suicidal_ideation, self_harm, ... other */
extern const char *const crisis_severities[];    /* low, moderate, high, critical */
extern const char *const crisis_modes[];         /* phone, home_visit, with_emergency_services, at_hospital */
extern const char *const crisis_outcomes[];      /* stabilised_at_home, respite, ... other */
extern const char *const admission_types[];      /* voluntary, involuntary */
extern const char *const safety_sections[];      /* the seven sections of a safety plan, in order */

/* ---- flag.c: risk flags and their kinds ---- */
/* Raise a flag on a client. source "assessment" (assessment_id set) or "person". A high
 * suicide-risk flag also creates two tasks for the client's primary case manager (or the
 * actor): contact within 24 h, and a safety-plan review; a suicide_screen_needed flag ("suicide
 * risk: assessment needed") a task to complete a C-SSRS screen within 24 h. Inside a write job. */
int flag_raise(struct ctx *c, int64_t client_id, const char *kind, const char *level, const char *source,
               int64_t assessment_id, const char *reason, const char *review_date, json_t **out);
/* A complete assessment resolves the client's active flags of `kind` (its definition's "resolves"):
 * each gets a review "resolved" whose note is a rule text; resolving suicide_screen_needed also
 * closes the open C-SSRS screening task. Appends {id, kind} to resolved. Inside a write job. */
int flag_resolve_by_assessment(struct ctx *c, int64_t client_id, const char *kind, int64_t assessment_id,
                               json_t *resolved);
/* A flag raised by a person from a body {kind, level, reason, review_date}. */
int flag_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
/* Every flag of a client (active first), each with its reviews (the history). */
int flag_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);
/* Review a flag {outcome, note, level (for level_changed), next_review (unless resolved)}:
 * versioned; by a supervisor, case manager or clinician, or whoever raised it. */
int flag_review(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* Kinds: the built-in ones and the actor's organisation's own; an administrator adds {name, label}. */
int flag_kind_list(struct ctx *c, const struct page *pg, json_t **out);
int flag_kind_add(struct ctx *c, json_t *in, json_t **out);

/* ---- oncall.c: the on-call rota of an organisation ---- */
/* Shifts of the actor's organisation that overlap [from, to) (dates or times; default today
 * and the next 14 days): a page {items: [{id, org_id, staff_id, name, role, phone, starts_at, ends_at,
 * now}], next} and the range answered for (org_id, from, to). */
int oncall_list(struct ctx *c, const char *from, const char *to, const struct page *pg, json_t **out);
/* Who is on call now in the actor's organisation: {org_id, organisation, at, on_call: [shift...],
 * next: shift or null}. Answered from the oncall_org index. */
int oncall_now(struct ctx *c, json_t **out);
/* Add a shift {staff_id, starts_at, ends_at, phone}: supervisors and administrators. */
int oncall_add(struct ctx *c, json_t *in, json_t **out);
/* Remove a shift: a future one is deleted, a running one ends now, a past one stays (409). */
int oncall_remove(struct ctx *c, int64_t id, json_t **out);
/* The shifts of an organisation covering a time (no access check: for the crisis view). */
json_t *oncall_covering(struct db *db, int64_t org_id, const char *at);
json_t *oncall_next(struct db *db, int64_t org_id,
                    const char *at); /* the next shift to start, or JSON null */

/* ---- crisis.c: crisis events and the crisis view ---- */
int crisis_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);
/* Record an event {occurred_at, kind, severity, response_mode, responders: [staff ids], actions,
 * outcome, notes}: anyone with full access (break-glass included). Creates follow-up tasks at 24 h,
 * 72 h and 7 days for the client's primary case manager (risk_owner; the recorder when there is
 * none), in follow_up; when that is someone else, an urgent task telling them that a crisis was
 * recorded, and by whom (notice; null otherwise). */
int crisis_record(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
/* One read for the on-call worker: {client, flags, safety_plan, crisis_events, hospitalisations,
 * care_team, on_call: [{org_id, organisation, on_call, next}], access}. Audited client.crisis_view. */
int crisis_view(struct ctx *c, int64_t client_id, json_t **out);

/* ---- safety.c: safety plans, one row per version ---- */
/* A version (0: the current one; with no plan yet, an empty plan at version 0). Sections are
 * arrays of entries {text, name, phone, place} (environment also {means, responsible, done_on}). */
int safety_get(struct ctx *c, int64_t client_id, int64_t version, json_t **out);
int safety_history(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out); /* every version, newest first */
/* Save a new version from the whole plan {sections..., client_agreed, agreed_at}; version is the
 * one it was based on (0 for the first). Supervisors, case managers and clinicians. */
int safety_save(struct ctx *c, int64_t client_id, int64_t version, json_t *in, json_t **out);
/* An entry as one line of text: "text (name, phone, place)". A plan saved with a section as text
 * keeps the entry of the current version whose line is unchanged. */
struct buf;
void safety_entry_text(struct buf *b, json_t *e);

/* ---- hospital.c: hospital stays ---- */
int hosp_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);
/* Admission {hospital, admission_type, reason, admitted_at}; marks readmission_30/_90 from the
 * client's previous discharge. */
int hosp_admit(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
/* Discharge {discharged_at} (versioned): a follow-up task due within 7 days (in follow_up). */
int hosp_discharge(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);

/* ---- shared by the rules (flag.c) ---- */
/* The primary case manager of the client's open episode (the actor's organisation first), or the actor. */
int64_t risk_owner(struct ctx *c, int64_t client_id);
/* The date `days` after an epoch, never before today. */
void risk_due(int64_t base, int days, char out[16]);
/* A task made by a rule (source "rule"), audited task.create with the reason `why`; the task, or NULL.
 * Its title is stored as a key of rule_text_in with parameters args (may be NULL; not stolen) and
 * shown in the reader's language; rules find their earlier tasks by key. */
json_t *risk_rule_task(struct ctx *c, int64_t client_id, int64_t assignee, const char *key, json_t *args,
                       const char *due, const char *priority, const char *why);
/* A time rule's task about one record, made once: risk_rule_task (priority normal, the reason "ENTITY
 * ID"), then its id kept on the record by update, which binds the task's id and entity_id ("UPDATE
 * consents SET renewal_task=? WHERE id=?"), so the rule finds it made. OK, or ERR_DB naming the rule. */
int risk_rule_task_once(struct ctx *c, int64_t client_id, int64_t assignee, const char *key, json_t *args,
                        const char *due, const char *entity, int64_t entity_id, const char *update);
/* A time field, normalised to YYYY-MM-DDTHH:MM:SSZ in out; not later than now (+5 min) when past_only.
 * Returns out, or NULL with a field error (or when absent and not required). */
const char *risk_time(struct ctx *c, json_t *in, const char *field, int required, int past_only,
                      char out[32]);
#endif
