/* housing: housing stock (units of housing providers and their state), applications and the waiting
 * list ordered by a priority everyone allowed can read (rules in housing/priority.rules, format in
 * housing/README.md, validated at start; an organisation may set its own weights), offers of a
 * vacant unit, move-in, tenancies with their events and the risk rules that make a task for the
 * case manager, and the stability figures per client (issue 13 §1-§3). */
#ifndef HEARTH_HOUSING_H
#define HEARTH_HOUSING_H
#include "core/core.h"
#include <stddef.h>

/* ---- housing_rules.c: the priority rules file ---- */
extern const char *const housing_types[];      /* supportive, group_home, training_home, public_rental, private_supported, own_home */
extern const char *const housing_situations[]; /* homeless, hospital, at_risk, unstable, housed (HW_SIT_* order) */
enum hw_key {
    HW_SIT_HOMELESS, HW_SIT_HOSPITAL, HW_SIT_AT_RISK, HW_SIT_UNSTABLE, HW_SIT_HOUSED,
    HW_HOSPITAL_DAY, HW_HOSPITAL_MAX, HW_WAITING_MONTH, HW_WAITING_MAX, HW_HIGH_RISK, HW__COUNT
};
/* The weights' names as an organisation sets them and the API shows them ("situation.homeless",
 * "hospital_day", ...), in enum hw_key order, NULL-terminated. */
extern const char *const housing_weight_keys[];
struct housing_rules {
    char version[64];
    char based_on[400];
    char file[256];
    int w[HW__COUNT];         /* hundredths of a point */
    int offer_days;           /* the default deadline of an offer */
    int declines_remove;      /* the declined offer (1st, 2nd, ...) that takes an application off; 0: never */
    int64_t arrears_task;     /* won */
    int complaints_n, complaints_days;
};
/* Parse one rules file's text (len bytes). 0 and *out filled; a bad file -1 with "FILE:LINE: REASON"
 * (or "FILE: REASON" for what is missing) in err. No global state. */
int housing_rules_parse(const char *file, const char *text, size_t len, struct housing_rules *out, char *err,
                        size_t errlen);
/* Read and check path; on success the server uses it (before threads start). -1 and err on failure. */
int housing_rules_load(const char *path, char *err, size_t errlen);
void housing_rules_unload(void);
/* The rules in use: the file's, or (none loaded) every weight 0, offers 7 days, no removal, no task. */
const struct housing_rules *housing_rules(void);
/* A weight in hundredths written as the file writes it ("0.5", "40"): 0 and *v, or -1. */
int housing_points_parse(const char *s, int lo, int hi, int *v);

/* ---- housing.c: stock, applications, the waiting list, offers ---- */
extern const char *const housing_unit_states[];   /* vacant, preparing, offline, occupied */
extern const char *const housing_app_statuses[];  /* waiting, offered, housed, withdrawn, removed */
extern const char *const housing_offer_statuses[]; /* open, accepted, declined, withdrawn, moved_in */
/* The housing providers (organisations of that kind) one may apply to: {items: [{id, name, district}]}. */
int housing_providers(struct ctx *c, json_t **out);
/* Units of the housing providers: filters org_id (0: any), state (NULL: any); vacant first. */
int housing_unit_list(struct ctx *c, int64_t org_id, const char *state, const struct page *pg, json_t **out);
int housing_unit_get(struct ctx *c, int64_t id, json_t **out); /* with its offers and current tenancy */
/* in: {property, address, label, type, bedrooms, accessible, district, rent, eligible, state
 * (vacant, preparing, offline), since, offline_reason}; of the actor's organisation (a housing provider). */
int housing_unit_create(struct ctx *c, json_t *in, json_t **out);
/* Change the state (If-Match): {state: vacant|preparing|offline, since, offline_reason}; a unit
 * made vacant tells the organisation's housing coordinators. Occupied comes from a move-in only. */
int housing_unit_state(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* The applications that fit a vacant unit (type, district, accessibility, bedrooms for the
 * household), waiting at the unit's organisation, in priority order with their parts. */
int housing_unit_matches(struct ctx *c, int64_t id, const struct page *pg, json_t **out);

/* A client's applications (each with its score and parts). */
int housing_app_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);
int housing_app_get(struct ctx *c, int64_t id, json_t **out);
/* in: {org_id (a housing provider), type, district, accessible, household, household_note,
 * situation, ready_since (hospital), documents: [names], note, referral_id (the provider's
 * accepted referral: the provider's coordinator applies from it)}. */
int housing_app_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
/* Update needs, situation and documents received (If-Match): any of the create fields but org_id,
 * documents as [{name, received}]. */
int housing_app_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* Withdraw (If-Match): {reason}. */
int housing_app_withdraw(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* Override the order (If-Match): {points: -1000..1000, reason: 10..1000 characters}; audited with
 * the reason. The provider's housing coordinators. */
int housing_app_override(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* The waiting list of the actor's organisation: waiting applications, highest score first (then
 * the earliest applied), each with its parts. */
int housing_waiting_list(struct ctx *c, const struct page *pg, json_t **out);
/* The weights the actor's organisation uses ({key, points, file_points, own}) and setting them:
 * in {weights: {key: points}}; null restores the file's. */
int housing_weights_get(struct ctx *c, json_t **out);
int housing_weights_set(struct ctx *c, json_t *in, json_t **out);

/* Offers: in {application_id, deadline (default: offer_days on)}; the unit vacant and the
 * application fitting it and waiting. */
int housing_offer_create(struct ctx *c, int64_t unit_id, json_t *in, json_t **out);
int housing_offer_get(struct ctx *c, int64_t id, json_t **out);
int housing_offer_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);
/* Answer (If-Match): {answer: accepted|declined|withdrawn, reason (declined, withdrawn: required)}. */
int housing_offer_answer(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* Move in (If-Match, an accepted offer): {start_date, landlord, rent, rent_payer, support_level}:
 * the tenancy is made, the unit occupied, the application housed. *out: the tenancy. */
int housing_offer_move_in(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);

/* ---- tenancy.c: tenancies, their events, risk and stability ---- */
extern const char *const tenancy_payers[];       /* client, benefit, family, provider, other */
extern const char *const tenancy_support_levels[]; /* none, low, medium, high, 24h */
extern const char *const tenancy_event_kinds[];  /* rent_arrears, complaint, repair, hospital_stay, crisis, visit */
extern const char *const tenancy_end_reasons[];  /* independent, more_support, hospital, eviction, death, own_choice */
int tenancy_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);
int tenancy_get(struct ctx *c, int64_t id, json_t **out); /* with its events, newest first */
/* The tenancy made by a move-in (housing.c), in the caller's transaction; its id or 0. */
int64_t tenancy_make(struct ctx *c, json_t *offer, json_t *in);
/* in: {kind, happened_on (default today), amount (rent_arrears: what is owed now, won), note}.
 * Arrears at or above the rules' threshold, or complaints_task complaints within its days, make a
 * task for the case manager once (risk_rule_task_once). */
int tenancy_event(struct ctx *c, int64_t id, json_t *in, json_t **out);
/* End (If-Match): {end_date, reason (tenancy_end_reasons), note}; the unit goes to "preparing". */
int tenancy_end(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* The stability figures of one client (for the client page and the evaluation view): days housed
 * (over all tenancies, to today for an open one), moves in the last 365 days (tenancies started),
 * moves per year since the first tenancy, the current tenancy's id (0: none). No access check: the
 * caller has asked (tenancy list) already. */
struct housing_stability {
    int64_t days_housed, moves_last_year, tenancies, current;
    double moves_per_year;
};
int housing_stability_of(struct db *db, int64_t client_id, const char *today, struct housing_stability *out);
int tenancy_stability(struct ctx *c, int64_t client_id, json_t **out);

/* days since 1970-01-01 of a date YYYY-MM-DD; -1 when not a date */
int64_t housing_day(const char *date);
#endif
