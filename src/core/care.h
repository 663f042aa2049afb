/* care: care services (household support, issue 13 §4). The configuration (care/services.rules,
 * format in care/README.md, validated at start): the tasks a plan may cover, the termination
 * criteria, the kinds of care worker and their hourly rates, the over-plan threshold. A care-service
 * plan per client (tasks in scope, hours per week, the care worker: a staff member with an account or
 * an external worker recorded by name, start, review date, the termination criteria agreed; If-Match
 * updates; ended with the criterion that applied), its visit logs (hours beyond the plan in a week
 * flagged; a concern makes a task for the case manager) and the monthly statement per care worker
 * (hours x rate) for the organisation's payroll. */
#ifndef HEARTH_CARE_H
#define HEARTH_CARE_H
#include "base/base.h"
#include "core/core.h"
#include <stddef.h>

/* ---- care_rules.c: the configuration file ---- */
#define CARE_MAX_TASKS 40
#define CARE_MAX_ENDS 20
#define CARE_MAX_KINDS 10
#define CARE_MAX_RATES 100
#define CARE_KEY_MAX 40
#define CARE_LABEL_MAX 200
struct care_item {
    char key[CARE_KEY_MAX + 1];
    char label[CARE_LABEL_MAX + 1]; /* English; translated with _() when shown */
};
struct care_rate {
    char kind[CARE_KEY_MAX + 1];
    char org[CARE_LABEL_MAX + 1]; /* "": the kind's default rate; else the organisation's own */
    int64_t amount;               /* per hour, whole units of the currency */
};
struct care_rules {
    char version[64];
    char based_on[400];
    char file[256];
    char currency[4]; /* ISO 4217: "KRW" */
    struct care_item tasks[CARE_MAX_TASKS];
    int ntasks;
    struct care_item ends[CARE_MAX_ENDS];
    int nends;
    struct care_item kinds[CARE_MAX_KINDS];
    int nkinds;
    struct care_rate rates[CARE_MAX_RATES];
    int nrates;
    int over_plan_percent; /* 0..100 */
};
/* Parse one file's text (len bytes): 0 and *out filled; -1 with "FILE:LINE: REASON" (or "FILE:
 * REASON" for what is missing) in err. No global state. */
int care_rules_parse(const char *file, const char *text, size_t len, struct care_rules *out, char *err,
                     size_t errlen);
/* Read and check path; on success the server's configuration (before threads start). -1 and err. */
int care_rules_load(const char *path, char *err, size_t errlen);
void care_rules_unload(void);
const struct care_rules *care_rules(void); /* NULL when none loaded: care services are off */
/* The English label of a key of one list (NULL: not configured). */
const struct care_item *care_task(const struct care_rules *r, const char *key);
const struct care_item *care_end(const struct care_rules *r, const char *key);
const struct care_item *care_kind(const struct care_rules *r, const char *key);
/* The labels of the shipped file, marked for translation (NULL-terminated). */
extern const char *const care_shipped_labels[];
/* The hourly rate of a kind of worker at an organisation (its own rate, else the kind's); 0: none.
 * *own: 1 when the organisation's own rate applied. */
int64_t care_rate(const struct care_rules *r, const char *kind, const char *org_name, int *own);
/* 1 when a week's minutes are beyond the plan's minutes per week by more than the threshold. */
int care_over_plan(const struct care_rules *r, int64_t plan_minutes, int64_t week_minutes);
/* The Monday of the ISO week of a date (YYYY-MM-DD) in out; -1 for a bad date. */
int care_week_start(const char *date, char out[16]);
/* The pay of minutes at an hourly rate, rounded to the nearest unit (half up). */
int64_t care_amount(int64_t minutes, int64_t rate);

/* ---- care.c: plans, visits, statements ---- */
/* The configuration as the API answers it (labels in the reader's language). No client data. */
int care_config(struct ctx *c, json_t **out);
/* A client's care services: active first, newest start first. */
int care_service_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);
/* in: {tasks: [keys], hours_per_week, worker_staff_id | worker_name, worker_kind, start_date?,
 * review_date, end_criteria: [keys], note?}. The clinical members of the care team. */
int care_service_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
/* One service with its recent weeks (hours against the plan); its care worker may read it too. */
int care_service_get(struct ctx *c, int64_t id, json_t **out);
/* The same members as create (all optional); If-Match: version. */
int care_service_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* End it {criterion, end_date?, note?}: the criterion that applied, when and by whom. If-Match. */
int care_service_end(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* A service's visits, newest first (its care worker: their own). */
int care_visit_list(struct ctx *c, int64_t service_id, const struct page *pg, json_t **out);
/* in: {visit_date?, hours, tasks_done: [keys of the plan's scope], noticed?, concern?}: the care
 * worker, or a clinical member of the care team for them. A concern makes a task for the case
 * manager; the week's hours are answered with the flag. */
int care_visit_create(struct ctx *c, int64_t service_id, json_t *in, json_t **out);
/* The actor's own care work: the services they are the care worker of, active first. */
int care_work_mine(struct ctx *c, const struct page *pg, json_t **out);
/* A supervisor's list: weeks beyond the plan among the organisation's services, newest first: the
 * weeks that began in month (YYYY-MM), or the last 12 (month NULL or ""). */
int care_over_plan_list(struct ctx *c, const char *month, json_t **out);
/* The organisation's care workers with their month's visits, hours and pay (month YYYY-MM). */
int care_statement_list(struct ctx *c, const char *month, json_t **out);
/* One worker's statement for a month: per visit lines (date, client, hours, rate, amount), totals. */
int care_statement_get(struct ctx *c, int64_t worker_id, const char *month, json_t **out);
/* The actor's own statement (ERR_NOTFOUND: they are nobody's care worker). */
int care_statement_mine(struct ctx *c, const char *month, json_t **out);
/* A statement (care_statement_get's answer) as CSV into b: UTF-8 with a byte-order mark, the header
 * line worker_id,worker_name,month,visit_date,client_id,family_name,given_name,worker_kind,hours,rate,
 * amount,currency, one line per visit, and a last line whose visit_date is "total" (total hours and
 * amount). A text that a spreadsheet would run as a formula (= + - @) is prefixed with '. */
void care_statement_csv(json_t *st, struct buf *b);
/* The organisation's staff who may be named care worker: [{id, display_name, role}]. */
json_t *care_staff_choices(struct ctx *c);
#endif
