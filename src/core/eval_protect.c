/* eval_protect: a run's cells protected before anyone reads them (issue 14 §2). For each indicator
 * and period, the cells of every dimension (organisations x values, with their margins) form one set
 * of linked tables (core/suppress.h): a cell is primary when any of its counts - the population n, a
 * numerator k, or what a numerator leaves of n - is from 1 to threshold-1; suppress.c then adds the
 * complements. An additive indicator is computed by month only: its quarters and years are derived
 * here from the protected months, shown only where every month is shown (supp_coarse's rule, in SQL).
 * The states are written into eval_cells.state; the values stay true in the table, and every reader
 * (core/dashboard.c) shows a suppressed cell's state, never its value. */
#include "base/base.h"
#include "core/indicator.h"
#include "core/suppress.h"
#include "db/db.h"

#include <stdlib.h>
#include <string.h>

#define LAYERS 4 /* n, k1, k2, k3 */
#define MAX_DIMS 8

struct cell {
    char dim[24], value[128];
    int64_t org;
    long v[LAYERS];
    int has[LAYERS];
};

struct set {
    struct cell *cells;
    size_t n, cap;
    int64_t *orgs; /* without 0 */
    size_t norgs;
    int ndims;
    char dims[MAX_DIMS][24];
    char **values[MAX_DIMS]; /* without '*' */
    size_t nvalues[MAX_DIMS];
    long *layer[MAX_DIMS][LAYERS]; /* (norgs+1) x (nvalues+1) each */
    long *cost[MAX_DIMS];
    unsigned char *state[MAX_DIMS];
    int has[LAYERS];
};

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void set_free(struct set *s)
{
    for (int d = 0; d < s->ndims; d++) {
        for (size_t i = 0; i < s->nvalues[d]; i++)
            free(s->values[d][i]);
        free(s->values[d]);
        for (int l = 0; l < LAYERS; l++)
            free(s->layer[d][l]);
        free(s->cost[d]);
        free(s->state[d]);
    }
    free(s->cells);
    free(s->orgs);
    memset(s, 0, sizeof *s);
}

static int dim_index(struct set *s, const char *dim)
{
    for (int d = 0; d < s->ndims; d++)
        if (!strcmp(s->dims[d], dim))
            return d;
    if (s->ndims == MAX_DIMS)
        return -1;
    snprintf(s->dims[s->ndims], sizeof s->dims[0], "%s", dim);
    return s->ndims++;
}

static long find_org(const struct set *s, int64_t org)
{
    if (!org)
        return (long)s->norgs; /* the column totals' row */
    const int64_t *p = bsearch(&org, s->orgs, s->norgs, sizeof *s->orgs, cmp_i64);
    return p ? p - s->orgs : -1;
}
static long find_value(const struct set *s, int d, const char *v)
{
    if (!strcmp(v, "*"))
        return (long)s->nvalues[d]; /* the row totals' column (and its twin's, see set_load) */
    const char *key = v;
    char *const *p = bsearch(&key, s->values[d], s->nvalues[d], sizeof(char *), cmp_str);
    return p ? p - s->values[d] : -1;
}

/* Read one indicator's cells of one period and lay them out as tables. 0, or -1 on a database error. */
static int set_load(struct db *db, int64_t run, const char *indicator, const char *period, struct set *s)
{
    struct db_stmt *st = db_query(db,
                                  "SELECT dim, org_id, value, n, k1, k2, k3 FROM eval_cells WHERE run_id=? AND "
                                  "indicator=? AND period=?",
                                  "itt", run, indicator, period);
    if (!st)
        return -1;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (s->n == s->cap) {
            s->cap = s->cap ? 2 * s->cap : 64;
            s->cells = xrealloc(s->cells, s->cap * sizeof *s->cells);
        }
        struct cell *c = &s->cells[s->n++];
        memset(c, 0, sizeof *c);
        snprintf(c->dim, sizeof c->dim, "%s", db_text(st, 0));
        c->org = db_int(st, 1);
        snprintf(c->value, sizeof c->value, "%s", db_text(st, 2));
        for (int l = 0; l < LAYERS; l++)
            if (!db_isnull(st, 3 + l)) {
                c->v[l] = (long)db_int(st, 3 + l);
                c->has[l] = 1;
                s->has[l] = 1;
            }
    }
    db_done(st);
    if (rc != DB_DONE)
        return -1;
    /* The organisations and each dimension's values. */
    s->orgs = xcalloc(s->n + 1, sizeof *s->orgs);
    for (size_t i = 0; i < s->n; i++) {
        struct cell *c = &s->cells[i];
        int d = dim_index(s, c->dim);
        if (d < 0)
            return -1;
        if (c->org && !(s->norgs && bsearch(&c->org, s->orgs, s->norgs, sizeof *s->orgs, cmp_i64))) {
            s->orgs[s->norgs++] = c->org;
            qsort(s->orgs, s->norgs, sizeof *s->orgs, cmp_i64);
        }
        if (strcmp(c->value, "*")) {
            const char *key = c->value;
            if (!(s->nvalues[d] && bsearch(&key, s->values[d], s->nvalues[d], sizeof(char *), cmp_str))) {
                s->values[d] = xrealloc(s->values[d], (s->nvalues[d] + 1) * sizeof(char *));
                s->values[d][s->nvalues[d]++] = xstrdup(c->value);
                qsort(s->values[d], s->nvalues[d], sizeof(char *), cmp_str);
            }
        }
    }
    /* A dimension with no values but '*' (an indicator published by organisation only): one column
     * whose cell is its row's total, the same number (suppress.h's twins), under the name '*'. */
    for (int d = 0; d < s->ndims; d++)
        if (!s->nvalues[d]) {
            s->values[d] = xmalloc(sizeof(char *));
            s->values[d][0] = xstrdup("*");
            s->nvalues[d] = 1;
        }
    for (int d = 0; d < s->ndims; d++) {
        size_t cells = (s->norgs + 1) * (s->nvalues[d] + 1);
        for (int l = 0; l < LAYERS; l++)
            s->layer[d][l] = xcalloc(cells, sizeof(long));
        s->cost[d] = xcalloc(cells, sizeof(long));
        s->state[d] = xcalloc(cells, 1);
    }
    for (size_t i = 0; i < s->n; i++) {
        struct cell *c = &s->cells[i];
        int d = dim_index(s, c->dim);
        long r = find_org(s, c->org), v = find_value(s, d, c->value);
        if (r < 0 || v < 0)
            return -1;
        size_t at = (size_t)r * (s->nvalues[d] + 1) + (size_t)v;
        for (int l = 0; l < LAYERS; l++)
            s->layer[d][l][at] = c->v[l];
        if (!strcmp(c->value, "*") && !strcmp(s->values[d][0], "*")) /* the twin of an organisation-only table */
            for (int l = 0; l < LAYERS; l++)
                s->layer[d][l][(size_t)r * 2] = c->v[l];
    }
    return 0;
}

static int small(long v, long t)
{
    return v >= 1 && v < t;
}

/* Primary: any count small, or what a numerator leaves of the population small. */
static void set_primary(struct set *s, long t)
{
    for (int d = 0; d < s->ndims; d++) {
        size_t cells = (s->norgs + 1) * (s->nvalues[d] + 1);
        for (size_t i = 0; i < cells; i++) {
            long n = s->layer[d][0][i];
            int p = small(n, t);
            for (int l = 1; l < LAYERS; l++)
                if (s->has[l])
                    p |= small(s->layer[d][l][i], t) || small(n - s->layer[d][l][i], t);
            s->state[d][i] = p ? SUPP_PRIMARY : SUPP_SHOWN;
            s->cost[d][i] = n;
        }
    }
}

/* Write the states back; a zero cell chosen as a complement is inserted (zero cells are not stored). */
static int set_store(struct db *db, int64_t run, const char *indicator, const char *period, struct set *s)
{
    for (int d = 0; d < s->ndims; d++)
        for (size_t r = 0; r <= s->norgs; r++)
            for (size_t v = 0; v <= s->nvalues[d]; v++) {
                size_t at = r * (s->nvalues[d] + 1) + v;
                if (s->state[d][at] == SUPP_SHOWN)
                    continue;
                int64_t org = r < s->norgs ? s->orgs[r] : 0;
                const char *value = v < s->nvalues[d] ? s->values[d][v] : "*";
                if (db_run(db,
                           "UPDATE eval_cells SET state=? WHERE run_id=? AND indicator=? AND period=? AND dim=? "
                           "AND org_id=? AND value=?",
                           "iitttit", (int64_t)s->state[d][at], run, indicator, period, s->dims[d], org,
                           value) != DB_OK)
                    return -1;
                if (db_changes(db) == 0 &&
                    db_run(db,
                           "INSERT INTO eval_cells(run_id, indicator, period, org_id, dim, value, n, state) "
                           "VALUES (?,?,?,?,?,?,0,?)",
                           "ittitti", run, indicator, period, org, s->dims[d], value,
                           (int64_t)s->state[d][at]) != DB_OK)
                    return -1;
            }
    return 0;
}

/* Protect one indicator's tables of one period. 0, or -1. */
static int protect_one(struct db *db, int64_t run, const char *indicator, const char *period, long threshold)
{
    struct set s;
    memset(&s, 0, sizeof s);
    int rc = set_load(db, run, indicator, period, &s);
    if (!rc && s.ndims && !s.norgs) { /* the city's figure alone: primary or shown, nothing to protect it from */
        set_primary(&s, threshold);
        rc = set_store(db, run, indicator, period, &s);
    } else if (!rc && s.ndims) {
        set_primary(&s, threshold);
        struct supp_table t[MAX_DIMS];
        for (int d = 0; d < s.ndims; d++)
            t[d] = (struct supp_table){.rows = (int)s.norgs, .cols = (int)s.nvalues[d], .cost = s.cost[d],
                                       .state = s.state[d]};
        if (supp_protect(t, s.ndims) < 0)
            rc = -1;
        else
            rc = set_store(db, run, indicator, period, &s);
    }
    set_free(&s);
    return rc;
}

/* The coarse periods of an additive indicator from its protected months: the sums, shown only where
 * every month's cell is shown (a month without the cell holds zero, which is shown); otherwise primary
 * when a sum is small and complementary else. kind 'Q' or 'Y'. */
static int derive_coarse(struct db *db, int64_t run, const char *indicator, char kind, long t)
{
    char sql[2400], smallx[600];
    snprintf(smallx, sizeof smallx,
             "SUM(n) BETWEEN 1 AND %ld OR SUM(k1) BETWEEN 1 AND %ld OR SUM(k2) BETWEEN 1 AND %ld OR SUM(k3) "
             "BETWEEN 1 AND %ld OR SUM(n)-SUM(k1) BETWEEN 1 AND %ld OR SUM(n)-SUM(k2) BETWEEN 1 AND %ld OR "
             "SUM(n)-SUM(k3) BETWEEN 1 AND %ld",
             t - 1, t - 1, t - 1, t - 1, t - 1, t - 1, t - 1);
    const char *key = kind == 'Q' ? "'Q' || substr(period, 2, 4) || '-' || CAST((CAST(substr(period, 7, 2) AS "
                                    "INTEGER) + 2) / 3 AS TEXT)"
                                  : "'Y' || substr(period, 2, 4)";
    snprintf(sql, sizeof sql,
             "INSERT INTO eval_cells(run_id, indicator, period, org_id, dim, value, n, k1, k2, k3, s1, s2, state) "
             "SELECT run_id, indicator, %s, org_id, dim, value, SUM(n), SUM(k1), SUM(k2), SUM(k3), SUM(s1), "
             "SUM(s2), CASE WHEN MAX(state) = 0 THEN 0 WHEN %s THEN 1 ELSE 2 END FROM eval_cells WHERE run_id=? "
             "AND indicator=? AND period LIKE 'M%%' GROUP BY run_id, indicator, %s, org_id, dim, value",
             key, smallx, key);
    return db_run(db, sql, "it", run, indicator) == DB_OK ? 0 : -1;
}

/* Median indicators: a coarse cell's durations are its months' together ("DAYS:COUNT ..."). */
static void hist_add(long *counts, size_t cap, const char *h)
{
    while (h && *h) {
        char *end;
        long d = strtol(h, &end, 10);
        if (*end != ':')
            return;
        long k = strtol(end + 1, &end, 10);
        if (d >= 0 && (size_t)d < cap)
            counts[d] += k;
        else if (d >= 0)
            counts[cap - 1] += k;
        h = end;
        while (*h == ' ')
            h++;
    }
}

#define HIST_DAYS 3660
static int derive_hist(struct db *db, int64_t run, const char *indicator, char kind)
{
    json_t *rows = db_rows(db,
                           "SELECT period, org_id, dim, value FROM eval_cells WHERE run_id=? AND indicator=? AND "
                           "substr(period, 1, 1)=?",
                           "itt", run, indicator, kind == 'Q' ? "Q" : "Y");
    long *counts = xcalloc(HIST_DAYS, sizeof *counts);
    size_t i;
    json_t *r;
    int rc = 0;
    json_array_foreach(rows, i, r)
    {
        const char *p = json_string_value(json_object_get(r, "period"));
        int year = atoi(p + 1), q = kind == 'Q' ? atoi(p + 6) : 0;
        char lo[32], hi[32];
        snprintf(lo, sizeof lo, "M%04d-%02d", year, kind == 'Q' ? 3 * q - 2 : 1);
        snprintf(hi, sizeof hi, "M%04d-%02d", year, kind == 'Q' ? 3 * q : 12);
        memset(counts, 0, HIST_DAYS * sizeof *counts);
        int64_t org = json_integer_value(json_object_get(r, "org_id"));
        const char *dim = json_string_value(json_object_get(r, "dim")),
                   *value = json_string_value(json_object_get(r, "value"));
        struct db_stmt *st = db_query(db,
                                      "SELECT hist FROM eval_cells WHERE run_id=? AND indicator=? AND period "
                                      "BETWEEN ? AND ? AND org_id=? AND dim=? AND value=? AND hist IS NOT NULL",
                                      "itttitt", run, indicator, lo, hi, org, dim, value);
        int any = 0;
        while (st && db_step(st) == DB_ROW) {
            hist_add(counts, HIST_DAYS, db_text(st, 0));
            any = 1;
        }
        db_done(st);
        if (!any)
            continue;
        struct buf b;
        buf_init(&b);
        for (long d = 0; d < HIST_DAYS; d++)
            if (counts[d])
                buf_printf(&b, "%s%ld:%ld", b.len ? " " : "", d, counts[d]);
        if (db_run(db,
                   "UPDATE eval_cells SET hist=? WHERE run_id=? AND indicator=? AND period=? AND org_id=? AND "
                   "dim=? AND value=?",
                   "tittitt", b.data ? b.data : "", run, indicator, p, org, dim, value) != DB_OK)
            rc = -1;
        buf_free(&b);
        if (rc)
            break;
    }
    free(counts);
    json_decref(rows);
    return rc;
}

int eval_protect_run(struct db *db, int64_t run, int threshold)
{
    json_t *pairs = db_rows(db, "SELECT DISTINCT indicator, period FROM eval_cells WHERE run_id=? ORDER BY 1, 2",
                            "i", run);
    json_t *kinds = db_rows(db,
                            "SELECT indicator, MAX(CASE WHEN period LIKE 'M%' THEN 1 ELSE 0 END) AS months, "
                            "MAX(CASE WHEN period LIKE 'Q%' OR period LIKE 'Y%' THEN 1 ELSE 0 END) AS coarse, "
                            "MAX(CASE WHEN hist IS NOT NULL THEN 1 ELSE 0 END) AS hist FROM eval_cells WHERE "
                            "run_id=? GROUP BY indicator",
                            "i", run);
    int rc = 0;
    size_t i;
    json_t *p;
    json_array_foreach(pairs, i, p)
    {
        if (protect_one(db, run, json_string_value(json_object_get(p, "indicator")),
                        json_string_value(json_object_get(p, "period")), threshold) < 0) {
            rc = -1;
            break;
        }
    }
    /* Additive indicators are computed by month only (indicator.h): those with months and nothing
     * coarser get their quarters and years here. */
    json_array_foreach(kinds, i, p)
    {
        const char *ind = json_string_value(json_object_get(p, "indicator"));
        if (rc || !json_integer_value(json_object_get(p, "months")) || json_integer_value(json_object_get(p, "coarse")))
            continue;
        if (derive_coarse(db, run, ind, 'Q', threshold) < 0 || derive_coarse(db, run, ind, 'Y', threshold) < 0)
            rc = -1;
        else if (json_integer_value(json_object_get(p, "hist")) &&
                 (derive_hist(db, run, ind, 'Q') < 0 || derive_hist(db, run, ind, 'Y') < 0))
            rc = -1;
    }
    json_decref(pairs);
    json_decref(kinds);
    return rc ? ERR_DB : OK;
}
