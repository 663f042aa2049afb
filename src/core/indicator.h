/* indicator: the evaluation's indicator dictionary (indicators/indicators.rules, format in
 * indicators/README.md, checked at start: indicator_rules.c) and the precomputed aggregates it defines
 * (eval_runs / eval_cells, migration 028: indicator.c), protected by eval_protect.c. Aggregates
 * only: nothing here returns a row about one client. */
#ifndef HEARTH_INDICATOR_H
#define HEARTH_INDICATOR_H
#include "core/core.h"
#include <stddef.h>
#include <stdint.h>

/* ---- the dictionary (indicator_rules.c) ---- */
enum ind_group { IG_REACH, IG_REFERRALS, IG_CONTINUITY, IG_HOUSING, IG_REHABILITATION, IG_OUTCOMES,
                 IG_WORKFORCE, IG__COUNT };
extern const char *const ind_groups[]; /* NULL-terminated, in enum order */
enum ind_kind { IK_COUNT, IK_PROPORTION, IK_MEDIAN, IK_RATE, IK__COUNT };
extern const char *const ind_kinds[];
/* What a median counts ("unit" in the dictionary): days (the default), or a percentage. */
enum ind_unit { IU_DAYS, IU_PERCENT };
extern const char *const ind_units[];
/* The dimensions a cell is published by; '-' (none) is the dim of an indicator without any. */
enum ind_dim { ID_PROGRAMME, ID_DISTRICT, ID_TARGET_GROUP, ID_LIFE_STAGE, ID_PARTNER, ID__COUNT };
extern const char *const ind_dims[];
#define IND_DIM(d) (1u << (d))
#define IND_CLIENT_DIMS (IND_DIM(ID_PROGRAMME) | IND_DIM(ID_DISTRICT) | IND_DIM(ID_TARGET_GROUP) | IND_DIM(ID_LIFE_STAGE))
#define IND_MAX_K 3      /* numerators k1..k3 */
#define IND_MAX_PARAMS 2 /* a measure's named parameters */
#define IND_MAX_VALUES 3 /* values of one parameter */
#define IND_TEXT 700     /* bytes of one text */

struct indicator;
struct eval_run;
/* A measure: the computation an indicator names (`measure NAME`), in the C table eval_measures[]. It
 * says what it yields, so the dictionary is checked against it at load. */
struct eval_param {
    const char *name;
    int count;  /* how many values the line takes */
    int lo, hi; /* each value's range */
};
struct eval_measure {
    const char *name;
    int nk;             /* numerators it yields (k1..k3), subsets of n */
    int kind;           /* the kind of figure it yields (enum ind_kind) */
    int additive;       /* 1: each unit counts in one month, a coarse period is the sum of its months */
    int snapshot;       /* 1: a count as of today (period 'DYYYY-MM-DD') */
    unsigned dims;      /* the dimensions it can attribute each unit to (IND_DIM bits) */
    const char *counts[1 + IND_MAX_K]; /* the names of the counts n, k1.. (one indicator publishes each) */
    const char *n_of;   /* median: its n is this count, published by another indicator ("" none) */
    struct eval_param params[IND_MAX_PARAMS];
    int (*run)(struct eval_run *r, const struct indicator *ind);
};
extern const struct eval_measure eval_measures[]; /* ends with a NULL name */
const struct eval_measure *eval_measure_find(const char *name);

enum { IND_EN = 0, IND_KO = 1 };
struct indicator {
    char id[64];
    int line; /* where it starts in the file */
    int group, kind, additive, recorded, unit;
    const struct eval_measure *measure; /* NULL when not recorded */
    unsigned dims;                      /* IND_DIM bits, in ind_dims order */
    int params[IND_MAX_PARAMS][IND_MAX_VALUES];
    int nk; /* numerator lines (k1..) */
    char source[300]; /* the tables it reads, as written (not translated) */
    /* the texts, English and Korean */
    char name[2][IND_TEXT], definition[2][IND_TEXT], denominator[2][IND_TEXT], period[2][IND_TEXT],
        attribution[2][IND_TEXT], numerator[IND_MAX_K][2][IND_TEXT];
};
struct ind_dict {
    char version[64];
    char file[256];
    int n;
    struct indicator *v; /* n of them, in the file's order */
};
/* Parse a dictionary's text (len bytes) into *out (free with ind_dict_free). 0, or -1 with
 * "FILE:LINE: REASON" ("FILE: REASON" for what is missing) in err. No global state. */
int ind_parse(const char *file, const char *text, size_t len, struct ind_dict *out, char *err, size_t errlen);
void ind_dict_free(struct ind_dict *d);
/* Read and check path; on success it becomes the dictionary the server uses (before threads start;
 * read-only afterwards). -1 and err on failure (what was loaded before stays). */
int ind_load(const char *path, char *err, size_t errlen);
void ind_unload(void);
const struct ind_dict *ind_loaded(void); /* NULL when none */
const struct indicator *ind_find(const struct ind_dict *d, const char *id);

/* ---- the aggregates (indicator.c) ---- */
#define EVAL_SMALL_CELL 11    /* the default small-cell threshold */
#define EVAL_SMALL_CELL_MIN 5 /* never below */
/* The reads and short write transactions of a refresh, so that a server can send its writes to the
 * writer in batches while the CLI and the tests write directly. */
struct eval_io {
    struct db *db; /* reads (and writes when write is NULL) */
    /* Run fn(arg, wdb) as one short write transaction; OK or an error. NULL: db_begin .. db_commit on db. */
    int (*write)(struct eval_io *io, int (*fn)(void *arg, struct db *w), void *arg);
    void *write_arg;
    void (*progress)(void *arg, int percent); /* optional */
    void *progress_arg;
    /* optional: set (by another thread) to stop the run between indicators and batches: it fails as
     * stopped (a server shutting down) */
    volatile int *cancel;
    /* optional: after each indicator, its computation's and writing's seconds and the cells written */
    void (*indicator_done)(void *arg, const char *id, double seconds, int64_t cells);
};
/* One refresh: a run row (state running), the attribution built once, every recorded indicator of d
 * computed into eval_cells, eval_protect_run, state done (older runs deleted), or failed with the
 * error. today: "YYYY-MM-DD" (NULL: today). *run_id the run's id (also on failure, when made).
 * OK, or ERR_DB / ERR_INVALID (threshold below EVAL_SMALL_CELL_MIN). */
int eval_refresh(struct eval_io *io, const struct ind_dict *d, int threshold, const char *today, int64_t *run_id);
/* Make the run row only (state running): the API answers 202 with it before the work starts. */
int64_t eval_run_start(struct eval_io *io, const struct ind_dict *d, int threshold);
/* Compute into an existing run (made by eval_run_start). */
int eval_run_compute(struct eval_io *io, const struct ind_dict *d, int64_t run_id, int threshold, const char *today);
/* eval_protect.c: mark the run's cells for the small-cell threshold (state 1 primary, 2
 * complementary). In a write transaction on w. OK or ERR_DB. */
int eval_protect_run(struct db *w, int64_t run_id, int threshold);
/* The latest run {id, started_at, finished_at, state, error, dictionary, threshold, cells, progress},
 * or NULL when there is none. */
json_t *eval_latest_run(struct db *db);
/* The periods of a refresh on today: every month ('M2024-01'), quarter ('Q2024-1') and year ('Y2024')
 * from the 1st of January two years before today's year up to today. Fills out (each 12 bytes) up to
 * max; returns how many. months only: just the months. */
int eval_periods(const char *today, int months_only, char (*out)[12], int max);
/* The first and last day of a period ('M2026-11' -> 2026-11-01 .. 2026-11-30). -1 when bad. */
int eval_period_bounds(const char *period, char from[11], char to[11]);
/* Whole days from date a to date b (YYYY-MM-DD or an ISO time; the date part), b - a. */
int eval_days(const char *a, const char *b);

/* ---- evaluation.c: the refresh as the server runs it, and the dictionary for the API ---- */
/* At the server's start, after the writer: refreshes open db_url for their reads and protect with threshold. */
void eval_serve_init(const char *db_url, int threshold);
int eval_threshold(void);
/* POST /api/v1/evaluation/refresh, on the writer: a new run row {id, state, progress, started: true},
 * or the run under way (started false); 409 on a server without a dictionary. After the commit, the
 * caller starts a new one with evaluation_start (or, when the commit failed, calls evaluation_abandon). */
int evaluation_refresh(struct ctx *c, json_t **out);
void evaluation_start(int64_t run_id);
void evaluation_abandon(void);
/* After evaluation_refresh's transaction (rc: OK when it committed; out: what it answered): starts the
 * run it made, or forgets it when the commit failed; nothing for a run already under way. */
void evaluation_refreshed(int rc, json_t *out);
/* At the server's shutdown, before the writer stops: a refresh under way stops at its next batch (the
 * run is marked failed) and this returns once its thread is done. */
void evaluation_stop(void);
/* The server's sweep thread after each round: starts the daily run the sweep made, once committed. */
void evaluation_after_sweep(int committed);
/* GET /api/v1/evaluation/runs/latest: {run: the latest run or null, done: the latest done run or null}. */
int evaluation_latest(struct ctx *c, json_t **out);
/* GET /api/v1/indicators: {version, threshold, items: [each indicator's texts in the request's language,
 * kind, group, dims, params, recorded, additive]}. */
int indicator_list(struct ctx *c, json_t **out);
#endif
