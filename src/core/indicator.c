/* indicator: computes the dictionary's indicators into the precomputed aggregates (eval_runs,
 * eval_cells; migration 028). A refresh builds the attribution once (every client's episodes, district
 * and birth date, in memory), then runs one measure at a time (the C table eval_measures: a few SQL
 * statements valid on SQLite and PostgreSQL, read row by row), adds each unit to its finest cells
 * (organisation x one value of each dimension), adds the margins in C and writes the cells in short
 * batches. Counts only: no cell names a client. */
#include "core/indicator.h"
#include "core/caseload.h"
#include "base/base.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVAL_BATCH 500 /* cells per write transaction */
#define HIST_MAX_DAYS 3650

/* ---------------------------------------------------------------- dates */

static int ymd(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return -1;
    *y = atoi(s);
    *m = atoi(s + 5);
    *d = atoi(s + 8);
    return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31 ? 0 : -1;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
static int civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int day_of(const char *s)
{
    int y, m, d;
    return ymd(s, &y, &m, &d) ? -1 : civil(y, m, d);
}

int eval_days(const char *a, const char *b)
{
    return day_of(b) - day_of(a);
}

static int month_days(int y, int m)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : md[m - 1];
}

int eval_period_bounds(const char *p, char from[11], char to[11])
{
    int y, a = 1, b = 12, d0 = 1, d1;
    if (!p || !*p)
        return -1;
    if (p[0] == 'D') {
        int m, d;
        if (ymd(p + 1, &y, &m, &d))
            return -1;
        snprintf(from, 11, "%.10s", p + 1);
        snprintf(to, 11, "%.10s", p + 1);
        return 0;
    }
    if (strlen(p) < 5)
        return -1;
    y = atoi(p + 1);
    if (p[0] == 'M') {
        a = b = atoi(p + 6);
    } else if (p[0] == 'Q') {
        int q = atoi(p + 6);
        if (q < 1 || q > 4)
            return -1;
        a = 3 * q - 2;
        b = 3 * q;
    } else if (p[0] != 'Y') {
        return -1;
    }
    if (y < 1900 || y > 9999 || a < 1 || b > 12)
        return -1;
    d1 = month_days(y, b);
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, a, d0);
    memcpy(from, tmp, 11);
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, b, d1);
    memcpy(to, tmp, 11);
    return 0;
}

int eval_periods(const char *today, int months_only, char (*out)[12], int max)
{
    int y, m, d, n = 0;
    if (ymd(today, &y, &m, &d) || y < 1902 || y > 9999)
        return 0;
    for (int yy = y - 2; yy <= y; yy++) {
        for (int mm = 1; mm <= 12 && (yy < y || mm <= m); mm++)
            if (n < max)
                snprintf(out[n++], 12, "M%04u-%02u", (unsigned)yy % 10000u, (unsigned)mm % 100u);
        if (months_only)
            continue;
        for (int q = 1; q <= 4 && (yy < y || 3 * q - 2 <= m); q++)
            if (n < max)
                snprintf(out[n++], 12, "Q%04u-%u", (unsigned)yy % 10000u, (unsigned)q % 10u);
        if (n < max)
            snprintf(out[n++], 12, "Y%04u", (unsigned)yy % 10000u);
    }
    return n;
}

/* ---------------------------------------------------------------- interned values */

struct strtab {
    char **s;
    int n, cap;
};
static int intern(struct strtab *t, const char *s)
{
    if (!s)
        s = "";
    for (int i = 0; i < t->n; i++)
        if (str_eq(t->s[i], s))
            return i;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->s = xrealloc(t->s, sizeof *t->s * (size_t)t->cap);
    }
    t->s[t->n] = xstrdup(s);
    return t->n++;
}
static void strtab_free(struct strtab *t)
{
    for (int i = 0; i < t->n; i++)
        free(t->s[i]);
    free(t->s);
    memset(t, 0, sizeof *t);
}
#define V_ALL 0   /* '*' every value */
#define V_NONE 1  /* '' not recorded */

/* ---------------------------------------------------------------- the attribution */

struct a_ep {
    int64_t org;
    int start, end; /* day numbers; end INT32_MAX while open */
    short prog, tg; /* interned values */
    char served;    /* counts as care given (not a bare intake or referral, not a closed intake) */
};
struct a_client {
    int64_t id, org;
    int birth;     /* yyyymmdd, 0 unknown */
    int district;  /* interned; -1: the attributed organisation's */
    int first_ep, n_ep;
};
struct a_org {
    int64_t id;
    int district; /* interned */
};

/* One cell key and its figures. */
struct cell {
    int period;   /* index into run's periods */
    short dim;    /* enum ind_dim, or -1 for '-' */
    int64_t org;  /* 0 every organisation */
    int value;    /* interned; V_ALL every value */
    int64_t n, k[IND_MAX_K];
    double s1, s2;
    int *hist; /* pairs days,count */
    int nhist, caphist;
    int used;
};

struct eval_run {
    struct eval_io *io;
    int64_t run_id;
    char today[11];
    int today_day;
    char now[32];
    struct strtab values;
    char (*periods)[12];
    int nperiods;
    int period_from[64], period_to[64]; /* day numbers, to capped at today */
    struct a_client *clients;
    int nclients;
    struct a_ep *eps;
    int neps;
    struct a_org *orgs;
    int norgs;
    /* the cells of the indicator being computed: open addressing */
    struct cell *cells;
    size_t ncells, capcells;
    int64_t written;
    const struct indicator *ind;
};

static struct a_client *client_of(struct eval_run *r, int64_t id)
{
    int lo = 0, hi = r->nclients - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (r->clients[mid].id == id)
            return &r->clients[mid];
        if (r->clients[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

static int org_district(struct eval_run *r, int64_t org)
{
    for (int i = 0; i < r->norgs; i++)
        if (r->orgs[i].id == org)
            return r->orgs[i].district;
    return V_NONE;
}

static int attribution_build(struct eval_run *r)
{
    struct db *db = r->io->db;
    intern(&r->values, "*");
    intern(&r->values, "");
    json_t *orgs = db_rows(db, "SELECT id, district FROM orgs ORDER BY id", "");
    r->norgs = (int)json_array_size(orgs);
    r->orgs = xcalloc((size_t)r->norgs + 1, sizeof *r->orgs);
    for (int i = 0; i < r->norgs; i++) {
        json_t *o = json_array_get(orgs, (size_t)i);
        r->orgs[i].id = json_integer_value(json_object_get(o, "id"));
        const char *d = json_string_value(json_object_get(o, "district"));
        r->orgs[i].district = d && *d ? intern(&r->values, d) : V_NONE;
    }
    json_decref(orgs);
    int cap = 1024;
    r->clients = xmalloc(sizeof *r->clients * (size_t)cap);
    struct db_stmt *st = db_query(db, "SELECT id, org_id, birth_date FROM clients ORDER BY id", "");
    if (!st)
        return ERR_DB;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (r->nclients == cap) {
            cap *= 2;
            r->clients = xrealloc(r->clients, sizeof *r->clients * (size_t)cap);
        }
        struct a_client *c = &r->clients[r->nclients++];
        memset(c, 0, sizeof *c);
        c->id = db_int(st, 0);
        c->org = db_int(st, 1);
        int y, m, d;
        c->birth = ymd(db_text(st, 2), &y, &m, &d) ? 0 : y * 10000 + m * 100 + d;
        c->district = -1;
    }
    db_done(st);
    if (rc != DB_DONE)
        return ERR_DB;
    /* the district of the latest intake (the last row of each client wins) */
    st = db_query(db,
                  "SELECT client_id, district FROM intakes WHERE district IS NOT NULL AND district<>''"
                  " ORDER BY client_id, discovered_at, id",
                  "");
    if (!st)
        return ERR_DB;
    while ((rc = db_step(st)) == DB_ROW) {
        struct a_client *c = client_of(r, db_int(st, 0));
        if (c)
            c->district = intern(&r->values, db_text(st, 1));
    }
    db_done(st);
    if (rc != DB_DONE)
        return ERR_DB;
    /* every episode, by client and start; served: not a bare referral or intake, not an intake that
     * ended without enrolment */
    cap = 1024;
    r->eps = xmalloc(sizeof *r->eps * (size_t)cap);
    st = db_query(db,
                  "SELECT e.client_id, e.org_id, e.programme, e.target_group, e.start_date, e.end_date,"
                  " CASE WHEN e.status IN ('referred','intake') THEN 0"
                  " WHEN EXISTS (SELECT 1 FROM intakes i WHERE i.episode_id=e.id AND i.state<>'enrolled') THEN 0"
                  " ELSE 1 END"
                  " FROM episodes e ORDER BY e.client_id, e.start_date, e.id",
                  "");
    if (!st)
        return ERR_DB;
    struct a_client *cur = NULL;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t cid = db_int(st, 0);
        if (!cur || cur->id != cid)
            cur = client_of(r, cid);
        if (!cur)
            continue;
        if (r->neps == cap) {
            cap *= 2;
            r->eps = xrealloc(r->eps, sizeof *r->eps * (size_t)cap);
        }
        if (!cur->n_ep)
            cur->first_ep = r->neps;
        cur->n_ep++;
        struct a_ep *e = &r->eps[r->neps++];
        e->org = db_int(st, 1);
        e->prog = (short)intern(&r->values, db_text(st, 2));
        e->tg = (short)intern(&r->values, db_text(st, 3));
        e->start = day_of(db_text(st, 4));
        const char *end = db_text(st, 5);
        e->end = end && *end ? day_of(end) : 0x7fffffff;
        e->served = (char)db_int(st, 6);
    }
    db_done(st);
    return rc == DB_DONE ? OK : ERR_DB;
}

/* The episode a unit of c belongs to over days [from, to]: the latest started that is open on one of
 * them (served ones only when served); else (not served) the latest started before to, else the first. */
static const struct a_ep *episode_for(struct eval_run *r, const struct a_client *c, int from, int to, int served)
{
    const struct a_ep *best = NULL;
    for (int i = 0; i < c->n_ep; i++) {
        const struct a_ep *e = &r->eps[c->first_ep + i];
        if (served && !e->served)
            continue;
        if (e->start <= to && e->end >= from)
            best = e; /* ordered by start: the last one wins */
    }
    if (best || served)
        return best;
    for (int i = 0; i < c->n_ep; i++)
        if (r->eps[c->first_ep + i].start <= to)
            best = &r->eps[c->first_ep + i];
    return best ? best : c->n_ep ? &r->eps[c->first_ep] : NULL;
}

static int life_stage(struct eval_run *r, const struct a_client *c, int day)
{
    if (!c || !c->birth)
        return V_NONE;
    /* day -> yyyymmdd */
    int z = day + 719468, era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    int age = (y * 10000 + m * 100 + d - c->birth) / 10000;
    if (age < 0)
        return V_NONE;
    return intern(&r->values, age < 19 ? "youth" : age < 35 ? "young_adult" : age < 65 ? "adult" : "older_adult");
}

/* One unit's attribution: its organisation and one value of each dimension. */
struct unit {
    int64_t org;
    int value[ID__COUNT];
};

/* A client's unit at a day (events) or over a period (from..to): episode, district, life stage at
 * the period's end (age_day). */
static void unit_of_client(struct eval_run *r, const struct a_client *c, const struct a_ep *e, int age_day,
                           struct unit *u)
{
    for (int d = 0; d < ID__COUNT; d++)
        u->value[d] = V_NONE;
    u->org = e ? e->org : c ? c->org : 0;
    if (e) {
        u->value[ID_PROGRAMME] = e->prog;
        u->value[ID_TARGET_GROUP] = e->tg;
    }
    u->value[ID_DISTRICT] = c && c->district >= 0 ? c->district : org_district(r, u->org);
    u->value[ID_LIFE_STAGE] = life_stage(r, c, age_day);
}

/* ---------------------------------------------------------------- cells */

static uint64_t cell_hash(int period, int dim, int64_t org, int value)
{
    uint64_t h = (uint64_t)period * 0x9E3779B97F4A7C15ull;
    h ^= (uint64_t)(dim + 2) * 0xC2B2AE3D27D4EB4Full + (h << 6) + (h >> 2);
    h ^= (uint64_t)org * 0x165667B19E3779F9ull + (h << 6) + (h >> 2);
    h ^= (uint64_t)value * 0xD6E8FEB86659FD93ull + (h << 6) + (h >> 2);
    return h ^ (h >> 29);
}

static struct cell *cell_get(struct eval_run *r, int period, int dim, int64_t org, int value)
{
    if ((r->ncells + 1) * 2 > r->capcells) {
        size_t cap = r->capcells ? r->capcells * 2 : 1024;
        struct cell *old = r->cells;
        size_t oldcap = r->capcells;
        r->cells = xcalloc(cap, sizeof *r->cells);
        r->capcells = cap;
        r->ncells = 0;
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].used) {
                struct cell *c = cell_get(r, old[i].period, old[i].dim, old[i].org, old[i].value);
                *c = old[i];
            }
        free(old);
    }
    size_t i = cell_hash(period, dim, org, value) & (r->capcells - 1);
    while (r->cells[i].used) {
        struct cell *c = &r->cells[i];
        if (c->period == period && c->dim == dim && c->org == org && c->value == value)
            return c;
        i = (i + 1) & (r->capcells - 1);
    }
    struct cell *c = &r->cells[i];
    memset(c, 0, sizeof *c);
    c->used = 1;
    c->period = period;
    c->dim = (short)dim;
    c->org = org;
    c->value = value;
    r->ncells++;
    return c;
}

static void hist_add(struct cell *c, int days, int count)
{
    for (int i = 0; i < c->nhist; i++)
        if (c->hist[2 * i] == days) {
            c->hist[2 * i + 1] += count;
            return;
        }
    if (c->nhist == c->caphist) {
        c->caphist = c->caphist ? c->caphist * 2 : 8;
        c->hist = xrealloc(c->hist, sizeof *c->hist * 2 * (size_t)c->caphist);
    }
    c->hist[2 * c->nhist] = days;
    c->hist[2 * c->nhist + 1] = count;
    c->nhist++;
}

/* The figures of one unit. */
struct fig {
    int k[IND_MAX_K];
    double s1, s2;
    int days; /* median measures: the duration; -1 none */
};

static void cell_add(struct cell *c, const struct fig *f, int64_t n)
{
    c->n += n;
    for (int k = 0; k < IND_MAX_K; k++)
        c->k[k] += f->k[k];
    c->s1 += f->s1;
    c->s2 += f->s2;
    if (f->days >= 0)
        hist_add(c, f->days > HIST_MAX_DAYS ? HIST_MAX_DAYS : f->days, 1);
}

/* Add one unit to its finest cells: per dimension of the indicator (or '-'), its organisation and value. */
static void unit_add(struct eval_run *r, int period, const struct unit *u, const struct fig *f)
{
    unsigned dims = r->ind->dims;
    if (!dims) {
        cell_add(cell_get(r, period, -1, u->org, V_ALL), f, 1);
        return;
    }
    for (int d = 0; d < ID__COUNT; d++)
        if (dims & IND_DIM(d))
            cell_add(cell_get(r, period, d, u->org, u->value[d]), f, 1);
}

/* The month index of a day (the period list starts with the months of each year). */
static int month_of(struct eval_run *r, int day)
{
    for (int i = 0; i < r->nperiods; i++)
        if (r->periods[i][0] == 'M' && day >= r->period_from[i] && day <= r->period_to[i])
            return i;
    return -1;
}

static void cells_free(struct eval_run *r)
{
    for (size_t i = 0; i < r->capcells; i++)
        free(r->cells[i].hist);
    free(r->cells);
    r->cells = NULL;
    r->ncells = r->capcells = 0;
}

/* ---------------------------------------------------------------- writing */

struct batch {
    struct eval_run *r;
    struct cell **v;
    int n;
};

static int batch_write(void *arg, struct db *w)
{
    struct batch *b = arg;
    struct eval_run *r = b->r;
    const struct indicator *ind = r->ind;
    struct buf h;
    buf_init(&h);
    int rc = OK;
    for (int i = 0; i < b->n && rc == OK; i++) {
        struct cell *c = b->v[i];
        struct db_stmt *st = db_query(w,
                                      "INSERT INTO eval_cells(run_id, indicator, period, org_id, dim, value, n, k1,"
                                      " k2, k3, s1, s2, hist) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                      "");
        if (!st) {
            rc = ERR_DB;
            break;
        }
        const char *dim = c->dim < 0 ? "-" : ind_dims[c->dim];
        db_bind(st, 1, 'i', NULL, r->run_id);
        db_bind(st, 2, 't', ind->id, -1);
        db_bind(st, 3, 't', r->periods[c->period], -1);
        db_bind(st, 4, 'i', NULL, c->org);
        db_bind(st, 5, 't', dim, -1);
        db_bind(st, 6, 't', r->values.s[c->value], -1);
        db_bind(st, 7, 'i', NULL, c->n);
        for (int k = 0; k < IND_MAX_K; k++)
            if (k < ind->nk)
                db_bind(st, 8 + k, 'i', NULL, c->k[k]);
            else
                db_bind(st, 8 + k, 'n', NULL, 'i');
        if (ind->kind == IK_RATE) {
            db_bind(st, 11, 'f', &c->s1, 0);
            db_bind(st, 12, 'f', &c->s2, 0);
        } else {
            db_bind(st, 11, 'n', NULL, 'f');
            db_bind(st, 12, 'n', NULL, 'f');
        }
        if (ind->kind == IK_MEDIAN) {
            buf_reset(&h);
            /* ascending days */
            for (int a = 1; a < c->nhist; a++)
                for (int z = a; z > 0 && c->hist[2 * z] < c->hist[2 * (z - 1)]; z--) {
                    int t0 = c->hist[2 * z], t1 = c->hist[2 * z + 1];
                    c->hist[2 * z] = c->hist[2 * (z - 1)];
                    c->hist[2 * z + 1] = c->hist[2 * (z - 1) + 1];
                    c->hist[2 * (z - 1)] = t0;
                    c->hist[2 * (z - 1) + 1] = t1;
                }
            for (int a = 0; a < c->nhist; a++)
                buf_printf(&h, "%s%d:%d", a ? " " : "", c->hist[2 * a], c->hist[2 * a + 1]);
            buf_addc(&h, 0);
            db_bind(st, 13, 't', h.data, -1);
        } else {
            db_bind(st, 13, 'n', NULL, 't');
        }
        if (db_step(st) != DB_DONE)
            rc = ERR_DB;
        db_done(st);
    }
    buf_free(&h);
    return rc;
}

static int io_write(struct eval_io *io, int (*fn)(void *arg, struct db *w), void *arg)
{
    if (io->write)
        return io->write(io, fn, arg);
    if (db_begin(io->db) != DB_OK)
        return ERR_DB;
    int rc = fn(arg, io->db);
    if (rc == OK && db_commit(io->db) != DB_OK)
        rc = ERR_DB;
    if (rc != OK)
        db_rollback(io->db);
    return rc;
}

/* Add the margins (every organisation, every value) to the finest cells, then write them all. */
static int cells_flush(struct eval_run *r)
{
    /* room for every margin first, so that no cell moves while they are added */
    size_t finest = r->ncells;
    while ((finest * 4 + 2) * 2 > r->capcells) {
        size_t keep = r->ncells;
        struct cell *old = r->cells;
        size_t oldcap = r->capcells;
        r->capcells = oldcap ? oldcap * 2 : 1024;
        r->cells = xcalloc(r->capcells, sizeof *r->cells);
        r->ncells = 0;
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].used)
                *cell_get(r, old[i].period, old[i].dim, old[i].org, old[i].value) = old[i];
        free(old);
        r->ncells = keep;
    }
    size_t *idx = xmalloc(sizeof *idx * (finest + 1));
    size_t m = 0;
    for (size_t i = 0; i < r->capcells; i++)
        if (r->cells[i].used)
            idx[m++] = i;
    for (size_t j = 0; j < m; j++) {
        struct cell *c = &r->cells[idx[j]];
        struct cell *mg[3];
        int nm = 0;
        mg[nm++] = cell_get(r, c->period, c->dim, 0, V_ALL);
        if (c->dim >= 0) {
            mg[nm++] = cell_get(r, c->period, c->dim, 0, c->value);
            mg[nm++] = cell_get(r, c->period, c->dim, c->org, V_ALL);
        }
        c = &r->cells[idx[j]];
        for (int a = 0; a < nm; a++) {
            mg[a]->n += c->n;
            for (int k = 0; k < IND_MAX_K; k++)
                mg[a]->k[k] += c->k[k];
            mg[a]->s1 += c->s1;
            mg[a]->s2 += c->s2;
            for (int h = 0; h < c->nhist; h++)
                hist_add(mg[a], c->hist[2 * h], c->hist[2 * h + 1]);
        }
    }
    free(idx);
    struct cell **all = xmalloc(sizeof *all * (r->ncells + 1));
    size_t n = 0;
    for (size_t i = 0; i < r->capcells; i++)
        if (r->cells[i].used && r->cells[i].n > 0)
            all[n++] = &r->cells[i];
    int rc = OK;
    for (size_t i = 0; i < n && rc == OK; i += EVAL_BATCH) {
        if (r->io->cancel && *r->io->cancel) {
            rc = ERR_CONFLICT;
            break;
        }
        struct batch b = {r, all + i, (int)(n - i < EVAL_BATCH ? n - i : EVAL_BATCH)};
        rc = io_write(r->io, batch_write, &b);
    }
    r->written += (int64_t)n;
    free(all);
    cells_free(r);
    return rc;
}

/* ---------------------------------------------------------------- the measures */

static const struct fig NOFIG = {.days = -1};

/* reach: distinct clients with care (a served episode) open on a day of the period, each attributed to
 * the latest such episode. */
static int m_clients_served(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    for (int p = 0; p < r->nperiods; p++) {
        if (r->periods[p][0] == 'D')
            continue;
        for (int i = 0; i < r->nclients; i++) {
            const struct a_ep *e = episode_for(r, &r->clients[i], r->period_from[p], r->period_to[p], 1);
            if (!e)
                continue;
            struct unit u;
            unit_of_client(r, &r->clients[i], e, r->period_to[p], &u);
            unit_add(r, p, &u, &NOFIG);
        }
    }
    return OK;
}

/* reach: clients whose first served episode started in the month. */
static int m_clients_new(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    for (int i = 0; i < r->nclients; i++) {
        const struct a_client *c = &r->clients[i];
        const struct a_ep *first = NULL;
        for (int j = 0; j < c->n_ep && !first; j++)
            if (r->eps[c->first_ep + j].served)
                first = &r->eps[c->first_ep + j];
        if (!first)
            continue;
        int p = month_of(r, first->start);
        if (p < 0)
            continue;
        struct unit u;
        unit_of_client(r, c, first, r->period_to[p], &u);
        unit_add(r, p, &u, &NOFIG);
    }
    return OK;
}

static char range_start[11];

/* reach: people discovered (intakes) in the month and what became of them. */
static int m_intake_outcomes(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    struct db_stmt *st = db_query(r->io->db,
                                  "SELECT client_id, org_id, discovered_at, state, district, target_group FROM intakes"
                                  " WHERE discovered_at >= ?",
                                  "t", range_start);
    if (!st)
        return ERR_DB;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int p = month_of(r, day_of(db_text(st, 2)));
        if (p < 0)
            continue;
        const struct a_client *c = client_of(r, db_int(st, 0));
        struct unit u;
        unit_of_client(r, c, NULL, r->period_to[p], &u);
        u.org = db_int(st, 1);
        const char *d = db_text(st, 4), *tg = db_text(st, 5), *state = db_text(st, 3);
        u.value[ID_DISTRICT] = d && *d ? intern(&r->values, d) : org_district(r, u.org);
        u.value[ID_TARGET_GROUP] = tg && *tg ? intern(&r->values, tg) : V_NONE;
        struct fig f = NOFIG;
        f.k[0] = str_eq(state, "enrolled");
        f.k[1] = str_eq(state, "referred");
        f.k[2] = str_eq(state, "closed");
        unit_add(r, p, &u, &f);
    }
    db_done(st);
    return rc == DB_DONE ? OK : ERR_DB;
}

#define REF_SQL                                                                                                \
    "SELECT r.from_org_id, r.to_org_id, r.sent_at, r.due_at, r.received_at,"                                   \
    " (SELECT min(e.at) FROM referral_events e WHERE e.referral_id=r.id AND e.to_state='accepted'), r.state"    \
    " FROM referrals r WHERE r.sent_at >= ?"

static void referral_unit(struct eval_run *r, struct db_stmt *st, struct unit *u)
{
    for (int d = 0; d < ID__COUNT; d++)
        u->value[d] = V_NONE;
    u->org = db_int(st, 0);
    char partner[24];
    snprintf(partner, sizeof partner, "%lld", (long long)db_int(st, 1));
    u->value[ID_PARTNER] = intern(&r->values, partner);
}

/* referrals: sent in the month by the sending organisation x the receiving one (partner): acknowledged
 * by the deadline (exactly at it counts), accepted, completed. */
static int m_referral_flow(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    struct db_stmt *st = db_query(r->io->db, REF_SQL, "t", range_start);
    if (!st)
        return ERR_DB;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int p = month_of(r, day_of(db_text(st, 2)));
        if (p < 0)
            continue;
        struct unit u;
        referral_unit(r, st, &u);
        struct fig f = NOFIG;
        const char *recv = db_text(st, 4);
        f.k[0] = recv && iso_parse(recv) <= iso_parse(db_text(st, 3));
        f.k[1] = !db_isnull(st, 5);
        f.k[2] = str_eq(db_text(st, 6), "completed");
        unit_add(r, p, &u, &f);
    }
    db_done(st);
    return rc == DB_DONE ? OK : ERR_DB;
}

/* referrals: the whole days from sending to acknowledgement (col 4) or acceptance (col 5), for the
 * referrals sent in each month, quarter and year. */
static int referral_days(struct eval_run *r, int col)
{
    struct db_stmt *st = db_query(r->io->db, REF_SQL, "t", range_start);
    if (!st)
        return ERR_DB;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *at = db_text(st, col);
        if (!at)
            continue;
        int64_t t0 = iso_parse(db_text(st, 2)), t1 = iso_parse(at);
        if (t0 < 0 || t1 < t0)
            continue;
        int day = day_of(db_text(st, 2));
        struct unit u;
        referral_unit(r, st, &u);
        struct fig f = NOFIG;
        f.days = (int)((t1 - t0) / 86400);
        for (int p = 0; p < r->nperiods; p++)
            if (r->periods[p][0] != 'D' && day >= r->period_from[p] && day <= r->period_to[p])
                unit_add(r, p, &u, &f);
    }
    db_done(st);
    return rc == DB_DONE ? OK : ERR_DB;
}
static int m_referral_ack_days(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    return referral_days(r, 4);
}
static int m_referral_accept_days(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    return referral_days(r, 5);
}

/* referrals: not acknowledged and past their deadline now (a snapshot, period 'DYYYY-MM-DD'). */
static int m_referrals_overdue(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    int p = r->nperiods - 1; /* the snapshot is the last period */
    struct db_stmt *st = db_query(r->io->db,
                                  "SELECT from_org_id, to_org_id FROM referrals WHERE state='sent' AND due_at < ?", "t",
                                  r->now);
    if (!st)
        return ERR_DB;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct unit u;
        referral_unit(r, st, &u);
        unit_add(r, p, &u, &NOFIG);
    }
    db_done(st);
    return rc == DB_DONE ? OK : ERR_DB;
}

/* continuity: hospital discharges in the month; followed up (a contact with the client, not a case
 * conference) within D days (day D counts), readmitted within R1 and R2 days (day R counts). */
static int m_discharge_outcomes(struct eval_run *r, const struct indicator *ind)
{
    struct db_stmt *st = db_query(
        r->io->db,
        "SELECT h.client_id, h.discharged_at,"
        " (SELECT min(h2.admitted_at) FROM hospitalisations h2 WHERE h2.client_id=h.client_id AND h2.id<>h.id"
        " AND h2.admitted_at >= h.discharged_at),"
        " (SELECT min(c.at) FROM contacts c WHERE c.client_id=h.client_id AND c.at >= h.discharged_at"
        " AND c.superseded_by IS NULL AND c.kind<>'case_conference')"
        " FROM hospitalisations h WHERE h.discharged_at IS NOT NULL AND h.discharged_at >= ?",
        "t", range_start);
    if (!st)
        return ERR_DB;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int day = day_of(db_text(st, 1));
        int p = month_of(r, day);
        if (p < 0)
            continue;
        const struct a_client *c = client_of(r, db_int(st, 0));
        if (!c)
            continue;
        struct unit u;
        unit_of_client(r, c, episode_for(r, c, day, day, 0), r->period_to[p], &u);
        struct fig f = NOFIG;
        const char *re = db_text(st, 2), *fu = db_text(st, 3);
        f.k[0] = fu && day_of(fu) - day <= ind->params[0][0];
        f.k[1] = re && day_of(re) - day <= ind->params[1][0];
        f.k[2] = re && day_of(re) - day <= ind->params[1][1];
        unit_add(r, p, &u, &f);
    }
    db_done(st);
    return rc == DB_DONE ? OK : ERR_DB;
}

/* continuity: crisis events in the month, followed up by a contact after the event within H1, H2, H3
 * hours (exactly H counts). */
static int m_crisis_followup(struct eval_run *r, const struct indicator *ind)
{
    struct db_stmt *st = db_query(r->io->db,
                                  "SELECT ce.client_id, ce.occurred_at,"
                                  " (SELECT min(c.at) FROM contacts c WHERE c.client_id=ce.client_id"
                                  " AND c.at > ce.occurred_at AND c.superseded_by IS NULL)"
                                  " FROM crisis_events ce WHERE ce.occurred_at >= ?",
                                  "t", range_start);
    if (!st)
        return ERR_DB;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int day = day_of(db_text(st, 1));
        int p = month_of(r, day);
        if (p < 0)
            continue;
        const struct a_client *c = client_of(r, db_int(st, 0));
        if (!c)
            continue;
        struct unit u;
        unit_of_client(r, c, episode_for(r, c, day, day, 0), r->period_to[p], &u);
        struct fig f = NOFIG;
        const char *fu = db_text(st, 2);
        int64_t secs = fu ? iso_parse(fu) - iso_parse(db_text(st, 1)) : -1;
        for (int k = 0; k < 3; k++)
            f.k[k] = fu && secs >= 0 && secs <= (int64_t)ind->params[0][k] * 3600;
        unit_add(r, p, &u, &f);
    }
    db_done(st);
    return rc == DB_DONE ? OK : ERR_DB;
}


/* continuity: days in the community. For each client served in the period: the days of the period
 * (up to today) within their served episodes (s2, observed) and of those the days not in hospital (s1;
 * a stay's nights: from admission up to the day before discharge, or up to today while in). */
struct span {
    int a, b; /* inclusive days */
};
static int m_community_days(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    /* every stay, by client */
    int cap = 256, n = 0;
    struct hs {
        int64_t client;
        int a, b;
    } *h = xmalloc(sizeof *h * (size_t)cap);
    struct db_stmt *st = db_query(r->io->db,
                                  "SELECT client_id, admitted_at, discharged_at FROM hospitalisations"
                                  " ORDER BY client_id, admitted_at",
                                  "");
    if (!st) {
        free(h);
        return ERR_DB;
    }
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n == cap) {
            cap *= 2;
            h = xrealloc(h, sizeof *h * (size_t)cap);
        }
        h[n].client = db_int(st, 0);
        h[n].a = day_of(db_text(st, 1));
        h[n].b = db_isnull(st, 2) ? r->today_day : day_of(db_text(st, 2)) - 1;
        n++;
    }
    db_done(st);
    if (rc != DB_DONE) {
        free(h);
        return ERR_DB;
    }
    int hi = 0;
    for (int i = 0; i < r->nclients; i++) {
        const struct a_client *c = &r->clients[i];
        while (hi < n && h[hi].client < c->id)
            hi++;
        int h0 = hi, h1 = hi;
        while (h1 < n && h[h1].client == c->id)
            h1++;
        for (int p = 0; p < r->nperiods; p++) {
            if (r->periods[p][0] == 'D')
                continue;
            const struct a_ep *e = episode_for(r, c, r->period_from[p], r->period_to[p], 1);
            if (!e)
                continue;
            /* the union of the served episodes within the period (episodes ordered by start) */
            struct span u[16];
            int nu = 0;
            for (int j = 0; j < c->n_ep; j++) {
                const struct a_ep *x = &r->eps[c->first_ep + j];
                if (!x->served)
                    continue;
                int a = x->start > r->period_from[p] ? x->start : r->period_from[p];
                int b = x->end < r->period_to[p] ? x->end : r->period_to[p];
                if (a > b)
                    continue;
                if (nu && a <= u[nu - 1].b + 1) {
                    if (b > u[nu - 1].b)
                        u[nu - 1].b = b;
                } else if (nu < 16) {
                    u[nu].a = a;
                    u[nu++].b = b;
                }
            }
            struct fig f = NOFIG;
            for (int k = 0; k < nu; k++) {
                f.s2 += u[k].b - u[k].a + 1;
                for (int q = h0; q < h1; q++) {
                    int a = h[q].a > u[k].a ? h[q].a : u[k].a, b = h[q].b < u[k].b ? h[q].b : u[k].b;
                    if (a <= b)
                        f.s1 -= b - a + 1;
                }
            }
            f.s1 += f.s2;
            if (f.s1 < 0)
                f.s1 = 0;
            struct unit un;
            unit_of_client(r, c, e, r->period_to[p], &un);
            unit_add(r, p, &un, &f);
        }
    }
    free(h);
    return OK;
}

/* housing: tenancies that began in the month (placements); of them moves (the client had an earlier
 * tenancy), and those sustained 6 and 12 months (not ended before then, and that long ago). */
static int m_housing_tenancies(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    struct db_stmt *st = db_query(r->io->db,
                                  "SELECT t.client_id, t.org_id, t.start_date, t.end_date,"
                                  " (SELECT count(*) FROM tenancies t2 WHERE t2.client_id=t.client_id AND"
                                  " (t2.start_date < t.start_date OR (t2.start_date = t.start_date AND t2.id < t.id)))"
                                  " FROM tenancies t WHERE t.start_date >= ?",
                                  "t", range_start);
    if (!st)
        return ERR_DB;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int day = day_of(db_text(st, 2));
        int p = month_of(r, day);
        if (p < 0)
            continue;
        const struct a_client *c = client_of(r, db_int(st, 0));
        if (!c)
            continue;
        struct unit u;
        unit_of_client(r, c, episode_for(r, c, day, day, 0), r->period_to[p], &u);
        int end = db_isnull(st, 3) ? 0x7fffffff : day_of(db_text(st, 3));
        int y, m, d;
        ymd(db_text(st, 2), &y, &m, &d);
        /* the same day 6 and 12 months on (the month's last day when shorter) */
        int m6 = m + 6, y6 = y + (m6 > 12), d6;
        m6 = m6 > 12 ? m6 - 12 : m6;
        d6 = d > month_days(y6, m6) ? month_days(y6, m6) : d;
        int six = civil(y6, m6, d6);
        int twelve = civil(y + 1, m, d > month_days(y + 1, m) ? month_days(y + 1, m) : d);
        struct fig f = NOFIG;
        f.k[0] = db_int(st, 4) > 0;
        f.k[1] = six <= r->today_day && end >= six;
        f.k[2] = twelve <= r->today_day && end >= twelve;
        unit_add(r, p, &u, &f);
    }
    db_done(st);
    return rc == DB_DONE ? OK : ERR_DB;
}

/* housing: whole days on the waiting list (applied to moved in) of the placements made from it, by the
 * period of the move-in; attributed to the provider's waiting list's applicant (the client). */
static int m_housing_wait_days(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    struct db_stmt *st = db_query(r->io->db,
                                  "SELECT t.client_id, t.start_date, a.applied_on FROM tenancies t"
                                  " JOIN housing_offers o ON o.id=t.offer_id JOIN housing_applications a ON"
                                  " a.id=o.application_id WHERE t.start_date >= ?",
                                  "t", range_start);
    if (!st)
        return ERR_DB;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int day = day_of(db_text(st, 1));
        const struct a_client *c = client_of(r, db_int(st, 0));
        if (!c)
            continue;
        struct fig f = NOFIG;
        f.days = day - day_of(db_text(st, 2));
        if (f.days < 0)
            f.days = 0;
        for (int p = 0; p < r->nperiods; p++)
            if (r->periods[p][0] != 'D' && day >= r->period_from[p] && day <= r->period_to[p]) {
                struct unit u;
                unit_of_client(r, c, episode_for(r, c, day, day, 0), r->period_to[p], &u);
                unit_add(r, p, &u, &f);
            }
    }
    db_done(st);
    return rc == DB_DONE ? OK : ERR_DB;
}

/* rehabilitation: distinct clients with a linkage in rehabilitation and employment open on a day of the
 * period; k1: of them, those whose care plan has a goal in that domain. */
static int m_rehab_participation(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    struct db_stmt *st = db_query(r->io->db,
                                  "SELECT l.client_id, l.start_date, l.end_date, EXISTS (SELECT 1 FROM care_plan_goals g"
                                  " WHERE g.client_id=l.client_id AND g.domain='rehabilitation_employment')"
                                  " FROM linkages l WHERE l.domain='rehabilitation_employment'"
                                  " AND (l.end_date IS NULL OR l.end_date >= ?) ORDER BY l.client_id",
                                  "t", range_start);
    if (!st)
        return ERR_DB;
    int rc;
    int64_t cur = 0;
    char *seen = xcalloc((size_t)r->nperiods, 1);
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t cid = db_int(st, 0);
        if (cid != cur) {
            memset(seen, 0, (size_t)r->nperiods);
            cur = cid;
        }
        const struct a_client *c = client_of(r, cid);
        if (!c)
            continue;
        int a = day_of(db_text(st, 1)), b = db_isnull(st, 2) ? 0x7fffffff : day_of(db_text(st, 2));
        for (int p = 0; p < r->nperiods; p++) {
            if (r->periods[p][0] == 'D' || seen[p] || a > r->period_to[p] || b < r->period_from[p])
                continue;
            seen[p] = 1;
            struct unit u;
            unit_of_client(r, c, episode_for(r, c, r->period_from[p], r->period_to[p], 0), r->period_to[p], &u);
            struct fig f = NOFIG;
            f.k[0] = (int)db_int(st, 3);
            unit_add(r, p, &u, &f);
        }
    }
    db_done(st);
    free(seen);
    return rc == DB_DONE ? OK : ERR_DB;
}

/* outcomes: for each period, the clients with a score of the instrument in it after their first
 * (baseline) score; the latest in the period against the baseline. PHQ-9 and GAD-7 (clinical: lower is
 * better): n those whose baseline was at caseness (>= caseness); k1 reliable improvement (a drop of
 * >= drop), k2 recovery (latest below caseness), k3 reliable recovery (both). SWEMWBS (higher is
 * better): n every such client; k1 improved by >= change, k2 worsened by >= change. */
static int outcomes(struct eval_run *r, const char *instrument, int clinical, int caseness, int drop)
{
    struct db_stmt *st = db_query(r->io->db,
                                  "SELECT client_id, administered_at, total FROM assessments WHERE instrument=?"
                                  " AND total IS NOT NULL ORDER BY client_id, administered_at, id",
                                  "t", instrument);
    if (!st)
        return ERR_DB;
    int rc, nv = 0, cap = 16;
    struct sc {
        int day;
        double total;
    } *v = xmalloc(sizeof *v * (size_t)cap);
    int64_t cur = 0;
    for (;;) {
        rc = db_step(st);
        int64_t cid = rc == DB_ROW ? db_int(st, 0) : -1;
        if (cid != cur && nv > 1) {
            /* the client's scores are in v: baseline v[0] */
            const struct a_client *c = client_of(r, cur);
            double base = v[0].total;
            for (int p = 0; c && p < r->nperiods; p++) {
                if (r->periods[p][0] == 'D')
                    continue;
                int last = -1;
                for (int j = 1; j < nv; j++)
                    if (v[j].day >= r->period_from[p] && v[j].day <= r->period_to[p])
                        last = j;
                if (last < 0 || (clinical && base < caseness))
                    continue;
                double now = v[last].total;
                struct fig f = NOFIG;
                if (clinical) {
                    f.k[0] = base - now >= drop;
                    f.k[1] = now < caseness;
                    f.k[2] = f.k[0] && f.k[1];
                } else {
                    f.k[0] = now - base >= drop;
                    f.k[1] = base - now >= drop;
                }
                struct unit u;
                unit_of_client(r, c, episode_for(r, c, r->period_from[p], r->period_to[p], 0), r->period_to[p], &u);
                unit_add(r, p, &u, &f);
            }
        }
        if (rc != DB_ROW)
            break;
        if (cid != cur) {
            cur = cid;
            nv = 0;
        }
        if (nv == cap) {
            cap *= 2;
            v = xrealloc(v, sizeof *v * (size_t)cap);
        }
        v[nv].day = day_of(db_text(st, 1));
        v[nv].total = db_real(st, 2);
        nv++;
    }
    db_done(st);
    free(v);
    return rc == DB_DONE ? OK : ERR_DB;
}
static int m_outcome_phq9(struct eval_run *r, const struct indicator *ind)
{
    return outcomes(r, "phq9", 1, ind->params[0][0], ind->params[1][0]);
}
static int m_outcome_gad7(struct eval_run *r, const struct indicator *ind)
{
    return outcomes(r, "gad7", 1, ind->params[0][0], ind->params[1][0]);
}
static int m_outcome_swemwbs(struct eval_run *r, const struct indicator *ind)
{
    return outcomes(r, "swemwbs", 0, 0, ind->params[0][0]);
}

/* outcomes: the goals of the clients' current care plans today (a snapshot), k1 reached. */
static int m_goals_reached(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    int p = r->nperiods - 1;
    struct db_stmt *st = db_query(r->io->db,
                                  "SELECT g.client_id, g.status FROM care_plan_goals g JOIN care_plans cp ON"
                                  " cp.id=g.plan_id WHERE g.status<>'stopped'",
                                  "");
    if (!st)
        return ERR_DB;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const struct a_client *c = client_of(r, db_int(st, 0));
        if (!c)
            continue;
        struct unit u;
        unit_of_client(r, c, episode_for(r, c, r->today_day, r->today_day, 0), r->today_day, &u);
        struct fig f = NOFIG;
        f.k[0] = str_eq(db_text(st, 1), "reached");
        unit_add(r, p, &u, &f);
    }
    db_done(st);
    return rc == DB_DONE ? OK : ERR_DB;
}

/* workforce: the workers who have a capacity (the caseload weights give their role units and they have
 * an FTE) today, by organisation only; k1 those over it. Nothing without weights loaded. */
static int workers(struct eval_run *r, int median)
{
    struct cl_load *v;
    size_t n;
    if (caseload_loads(r->io->db, &v, &n) != OK)
        return ERR_DB;
    int p = r->nperiods - 1;
    for (size_t i = 0; i < n; i++) {
        double cap = v[i].capacity, load = v[i].load;
        if (cap <= 0)
            continue;
        struct unit u;
        for (int d = 0; d < ID__COUNT; d++)
            u.value[d] = V_NONE;
        u.org = v[i].org_id;
        struct fig f = NOFIG;
        if (median)
            f.days = (int)(load / cap * 10 + 0.5) * 10; /* percent of capacity, to the nearest 10 */
        else
            f.k[0] = load > cap + 1e-9;
        unit_add(r, p, &u, &f);
    }
    free(v);
    return OK;
}
static int m_workforce_capacity(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    return workers(r, 0);
}
static int m_workforce_load(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    return workers(r, 1);
}

/* workforce: the month's private check-ins by organisation (never a worker's own): answers, those who
 * find the workload manageable (4 or 5 of 5) and those who feel supported (4 or 5). */
static int m_checkins(struct eval_run *r, const struct indicator *ind)
{
    (void)ind;
    char from[8];
    snprintf(from, sizeof from, "%.7s", range_start);
    struct db_stmt *st = db_query(r->io->db, "SELECT org_id, period, manageable, supported FROM checkins WHERE period >= ?",
                                  "t", from);
    if (!st)
        return ERR_DB;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        char day[16];
        snprintf(day, sizeof day, "%.7s-01", db_text(st, 1));
        int p = month_of(r, day_of(day));
        if (p < 0)
            continue;
        struct unit u;
        for (int d = 0; d < ID__COUNT; d++)
            u.value[d] = V_NONE;
        u.org = db_int(st, 0);
        struct fig f = NOFIG;
        f.k[0] = db_int(st, 2) >= 4;
        f.k[1] = db_int(st, 3) >= 4;
        unit_add(r, p, &u, &f);
    }
    db_done(st);
    return rc == DB_DONE ? OK : ERR_DB;
}

const struct eval_measure eval_measures[] = {
    {"clients_served", 0, IK_COUNT, 0, 0, IND_CLIENT_DIMS, {"clients_served"}, "", {{0}}, m_clients_served},
    {"clients_new", 0, IK_COUNT, 1, 0, IND_CLIENT_DIMS, {"clients_new"}, "", {{0}}, m_clients_new},
    {"intake_outcomes", 3, IK_PROPORTION, 1, 0,
     IND_DIM(ID_DISTRICT) | IND_DIM(ID_TARGET_GROUP) | IND_DIM(ID_LIFE_STAGE),
     {"intakes", "intakes_enrolled", "intakes_referred", "intakes_closed"}, "", {{0}}, m_intake_outcomes},
    {"referral_flow", 3, IK_PROPORTION, 1, 0, IND_DIM(ID_PARTNER),
     {"referrals_sent", "referrals_ack_in_time", "referrals_accepted", "referrals_completed"}, "", {{0}},
     m_referral_flow},
    {"referral_ack_days", 0, IK_MEDIAN, 0, 0, IND_DIM(ID_PARTNER), {"referrals_acknowledged"}, "", {{0}},
     m_referral_ack_days},
    {"referral_accept_days", 0, IK_MEDIAN, 0, 0, IND_DIM(ID_PARTNER), {"referrals_accepted_days"},
     "referrals_accepted", {{0}}, m_referral_accept_days},
    {"referrals_overdue", 0, IK_COUNT, 0, 1, IND_DIM(ID_PARTNER), {"referrals_overdue"}, "", {{0}},
     m_referrals_overdue},
    {"discharge_outcomes", 3, IK_PROPORTION, 1, 0, IND_CLIENT_DIMS,
     {"discharges", "discharges_followed_up", "readmissions_short", "readmissions_long"}, "",
     {{"followup_days", 1, 1, 90}, {"readmit_days", 2, 1, 365}}, m_discharge_outcomes},
    {"crisis_followup", 3, IK_PROPORTION, 1, 0, IND_CLIENT_DIMS,
     {"crisis_events", "crises_followed_1", "crises_followed_2", "crises_followed_3"}, "",
     {{"hours", 3, 1, 24 * 90}}, m_crisis_followup},
    {"community_days", 0, IK_RATE, 0, 0, IND_CLIENT_DIMS, {"clients_observed"}, "clients_served", {{0}},
     m_community_days},
    {"housing_tenancies", 3, IK_PROPORTION, 1, 0, IND_CLIENT_DIMS,
     {"tenancies_started", "tenancy_moves", "tenancies_6_months", "tenancies_12_months"}, "", {{0}},
     m_housing_tenancies},
    {"housing_wait_days", 0, IK_MEDIAN, 0, 0, IND_CLIENT_DIMS, {"placements_from_list"}, "", {{0}},
     m_housing_wait_days},
    {"rehab_participation", 1, IK_PROPORTION, 0, 0, IND_CLIENT_DIMS, {"rehab_participants", "rehab_with_goal"}, "",
     {{0}}, m_rehab_participation},
    {"outcome_phq9", 3, IK_PROPORTION, 0, 0, IND_CLIENT_DIMS,
     {"phq9_cases", "phq9_reliable_improvement", "phq9_recovery", "phq9_reliable_recovery"}, "",
     {{"caseness", 1, 1, 27}, {"drop", 1, 1, 27}}, m_outcome_phq9},
    {"outcome_gad7", 3, IK_PROPORTION, 0, 0, IND_CLIENT_DIMS,
     {"gad7_cases", "gad7_reliable_improvement", "gad7_recovery", "gad7_reliable_recovery"}, "",
     {{"caseness", 1, 1, 21}, {"drop", 1, 1, 21}}, m_outcome_gad7},
    {"outcome_swemwbs", 2, IK_PROPORTION, 0, 0, IND_CLIENT_DIMS,
     {"swemwbs_followed", "swemwbs_improved", "swemwbs_worsened"}, "", {{"change", 1, 1, 28}}, m_outcome_swemwbs},
    {"goals_reached", 1, IK_PROPORTION, 0, 1, IND_CLIENT_DIMS, {"plan_goals", "plan_goals_reached"}, "", {{0}},
     m_goals_reached},
    {"workforce_capacity", 1, IK_PROPORTION, 0, 1, 0, {"workers_with_capacity", "workers_over_capacity"}, "", {{0}},
     m_workforce_capacity},
    {"workforce_load", 0, IK_MEDIAN, 0, 1, 0, {"workers_load"}, "workers_with_capacity", {{0}}, m_workforce_load},
    {"checkins", 2, IK_PROPORTION, 1, 0, 0, {"checkins", "checkins_manageable", "checkins_supported"}, "", {{0}},
     m_checkins},
    {NULL, 0, 0, 0, 0, 0, {NULL}, NULL, {{0}}, NULL},
};

const struct eval_measure *eval_measure_find(const char *name)
{
    for (const struct eval_measure *m = eval_measures; m->name; m++)
        if (str_eq(m->name, name))
            return m;
    return NULL;
}

/* ---------------------------------------------------------------- runs */

struct upd {
    int64_t id;
    const char *t;
    int64_t a, b;
    int kind; /* 0 progress(a); 1 done(t now, a cells); 2 failed(t error, now) */
};
static int upd_write(void *arg, struct db *w)
{
    struct upd *u = arg;
    char now[32];
    iso_now(now);
    int rc;
    if (u->kind == 0)
        rc = db_run(w, "UPDATE eval_runs SET progress=? WHERE id=?", "ii", u->a, u->id);
    else if (u->kind == 1)
        /* cells: what the run holds, with the quarters and years the protection derived */
        rc = db_run(w,
                    "UPDATE eval_runs SET state='done', progress=100, finished_at=?, cells=(SELECT COUNT(*) FROM "
                    "eval_cells WHERE run_id=?) WHERE id=?",
                    "tii", now, u->id, u->id);
    else
        rc = db_run(w, "UPDATE eval_runs SET state='failed', finished_at=?, error=? WHERE id=?", "tti", now, u->t,
                    u->id);
    return rc == DB_OK ? OK : ERR_DB;
}

struct mk_run {
    const char *version;
    int threshold;
    int64_t id;
};
static int mk_run_write(void *arg, struct db *w)
{
    struct mk_run *m = arg;
    char now[32];
    iso_now(now);
    m->id = db_insert_id(w,
                         "INSERT INTO eval_runs(started_at, state, dictionary, threshold) VALUES (?, 'running', ?, ?)"
                         " RETURNING id",
                         "ttd", now, m->version, m->threshold);
    return m->id > 0 ? OK : ERR_DB;
}

int64_t eval_run_start(struct eval_io *io, const struct ind_dict *d, int threshold)
{
    struct mk_run m = {d ? d->version : "", threshold, 0};
    return io_write(io, mk_run_write, &m) == OK ? m.id : 0;
}

static void progress(struct eval_run *r, int pct)
{
    struct upd u = {.id = r->run_id, .a = pct, .kind = 0};
    io_write(r->io, upd_write, &u);
    if (r->io->progress)
        r->io->progress(r->io->progress_arg, pct);
}

struct protect {
    int64_t id;
    int threshold;
};
static int protect_write(void *arg, struct db *w)
{
    struct protect *p = arg;
    return eval_protect_run(w, p->id, p->threshold);
}
struct prune {
    int64_t id;
};
static int prune_write(void *arg, struct db *w)
{
    struct prune *p = arg;
    if (db_run(w, "DELETE FROM eval_cells WHERE run_id < ?", "i", p->id) != DB_OK ||
        db_run(w, "DELETE FROM eval_runs WHERE id < ? AND state<>'running'", "i", p->id) != DB_OK)
        return ERR_DB;
    return OK;
}

int eval_run_compute(struct eval_io *io, const struct ind_dict *d, int64_t run_id, int threshold, const char *today)
{
    struct eval_run r;
    memset(&r, 0, sizeof r);
    r.io = io;
    r.run_id = run_id;
    /* now: the clock, or the end of the day given */
    if (today) {
        snprintf(r.today, sizeof r.today, "%.10s", today);
        snprintf(r.now, sizeof r.now, "%sT23:59:59Z", r.today);
    } else {
        iso_now(r.now);
        snprintf(r.today, sizeof r.today, "%.10s", r.now);
    }
    r.today_day = day_of(r.today);
    r.periods = xcalloc(64, sizeof *r.periods);
    r.nperiods = eval_periods(r.today, 0, r.periods, 63);
    snprintf(r.periods[r.nperiods++], 12, "D%s", r.today);
    for (int i = 0; i < r.nperiods; i++) {
        char f[11], to[11];
        eval_period_bounds(r.periods[i], f, to);
        r.period_from[i] = day_of(f);
        r.period_to[i] = day_of(to) < r.today_day ? day_of(to) : r.today_day;
    }
    char rs[32];
    snprintf(rs, sizeof rs, "%04d-01-01", atoi(r.today) - 2);
    memcpy(range_start, rs, 11);
    int rc = attribution_build(&r);
    const char *failed = rc == OK ? NULL : "reading the clients and episodes failed";
    int n = 0;
    for (int i = 0; d && i < d->n; i++)
        n += d->v[i].recorded;
    int done = 0;
    for (int i = 0; rc == OK && d && i < d->n; i++) {
        const struct indicator *ind = &d->v[i];
        if (!ind->recorded)
            continue;
        if (io->cancel && *io->cancel) {
            rc = ERR_CONFLICT;
            failed = "the server stopped";
            break;
        }
        r.ind = ind;
        double t0 = now_mono();
        int64_t before = r.written;
        rc = ind->measure->run(&r, ind);
        if (rc == OK)
            rc = cells_flush(&r);
        else
            cells_free(&r);
        if (rc != OK) {
            failed = io->cancel && *io->cancel ? "the server stopped" : ind->id;
            break;
        }
        if (io->indicator_done)
            io->indicator_done(io->progress_arg, ind->id, now_mono() - t0, r.written - before);
        progress(&r, 5 + 85 * ++done / (n ? n : 1));
    }
    if (rc == OK) {
        struct protect p = {run_id, threshold};
        rc = io_write(io, protect_write, &p);
        if (rc != OK)
            failed = "the small-cell protection failed";
    }
    if (rc == OK) {
        struct upd u = {.id = run_id, .a = r.written, .kind = 1};
        rc = io_write(io, upd_write, &u);
    }
    if (rc == OK) {
        struct prune p = {run_id};
        rc = io_write(io, prune_write, &p);
    }
    if (rc != OK) {
        char msg[300];
        snprintf(msg, sizeof msg, "%s: %s", failed ? failed : "finishing the run failed", db_errmsg(io->db));
        log_error("evaluation run %lld failed: %s", (long long)run_id, msg);
        struct upd u = {.id = run_id, .t = msg, .kind = 2};
        io_write(io, upd_write, &u);
    }
    cells_free(&r);
    strtab_free(&r.values);
    free(r.clients);
    free(r.eps);
    free(r.orgs);
    free(r.periods);
    return rc;
}

int eval_refresh(struct eval_io *io, const struct ind_dict *d, int threshold, const char *today, int64_t *run_id)
{
    if (run_id)
        *run_id = 0;
    if (threshold < EVAL_SMALL_CELL_MIN)
        return ERR_INVALID;
    int64_t id = eval_run_start(io, d, threshold);
    if (!id)
        return ERR_DB;
    if (run_id)
        *run_id = id;
    return eval_run_compute(io, d, id, threshold, today);
}

json_t *eval_latest_run(struct db *db)
{
    return db_row(db,
                  "SELECT id, started_at, finished_at, state, error, dictionary, threshold, cells, progress"
                  " FROM eval_runs ORDER BY id DESC LIMIT 1",
                  "");
}
