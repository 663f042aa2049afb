/* dashboard: the control tower's view (dashboard.h). Reads only eval_runs and eval_cells: no client
 * table is ever touched here, so no route built on it can give a client away. */
#include "core/dashboard.h"
#include "core/indicator.h"
#include "db/db.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *jstr(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}
#define sget jstr
static int64_t iget(const json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

const char *const dash_dims[] = {"programme", "district", "target_group", "life_stage", NULL};

#define TREND 12 /* periods on a trend line */

/* ---- the dictionary, as the dashboard needs it ---- */

static const char *group_label(int g)
{
    static const char *const labels[IG__COUNT] = {
        [IG_REACH] = N_("Reach"),           [IG_REFERRALS] = N_("Referrals"),
        [IG_CONTINUITY] = N_("Continuity"), [IG_HOUSING] = N_("Housing"),
        [IG_REHABILITATION] = N_("Rehabilitation and employment"),
        [IG_OUTCOMES] = N_("Outcomes"),     [IG_WORKFORCE] = N_("Workforce")};
    return g >= 0 && g < IG__COUNT ? _(labels[g]) : "";
}

/* {id, group, group_label, name, definition, denominator, numerators[], kind, dims[], recorded,
 * additive, snapshot} in the language lang. */
static json_t *describe(const struct indicator *x, const char *lang)
{
    int l = lang && str_eq(lang, "ko") ? IND_KO : IND_EN;
#define T(f) json_string(x->f[l][0] ? x->f[l] : x->f[IND_EN])
    json_t *ks = json_array(), *dims = json_array();
    for (int k = 0; k < x->nk && k < IND_MAX_K; k++)
        json_array_append_new(ks, json_string(x->numerator[k][l][0] ? x->numerator[k][l] : x->numerator[k][IND_EN]));
    for (int d = 0; d < ID__COUNT; d++)
        if (x->dims & IND_DIM(d))
            json_array_append_new(dims, json_string(ind_dims[d]));
    json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:o, s:b, s:b, s:b}", "id", x->id, "group",
                          ind_groups[x->group], "group_label", group_label(x->group), "name", T(name), "definition",
                          T(definition), "denominator", T(denominator), "numerators", ks, "kind", ind_kinds[x->kind],
                          "dims", dims, "recorded", x->recorded && x->measure, "additive", x->additive, "snapshot",
                          x->measure && x->measure->snapshot);
    json_object_set_new(o, "unit", json_string(ind_units[x->unit]));
    /* Its population is another indicator's count (the measure's n_of), published there under that
     * indicator's protection: here it is never given, so that no count is published twice. */
    json_object_set_new(o, "n_published", json_boolean(!(x->measure && x->measure->n_of && *x->measure->n_of)));
#undef T
    return o;
}

static json_t *dash_indicator(const char *id, const char *lang)
{
    const struct ind_dict *d = ind_loaded();
    const struct indicator *x = d ? ind_find(d, id) : NULL;
    return x ? describe(x, lang) : NULL;
}

/* Every indicator, grouped in the groups' order, in the file's order within a group. */
static json_t *dash_indicators(const char *lang)
{
    json_t *all = json_array();
    const struct ind_dict *d = ind_loaded();
    for (int g = 0; d && g < IG__COUNT; g++)
        for (int i = 0; i < d->n; i++)
            if (d->v[i].group == g)
                json_array_append_new(all, describe(&d->v[i], lang));
    return all;
}

static const char *kind_word(char k)
{
    return k == 'M' ? "month" : k == 'Y' ? "year" : k == 'D' ? "day" : "quarter";
}

int dash_parse(struct ctx *c, const char *(*get)(void *arg, const char *name), void *arg, int detail,
               struct dash_query *q)
{
    memset(q, 0, sizeof *q);
    q->indicator = detail ? get(arg, "indicator") : NULL;
    const char *k = get(arg, "kind");
    q->kind = !k || !*k || str_eq(k, "quarter") ? 'Q' : str_eq(k, "month") ? 'M' : str_eq(k, "year") ? 'Y' : 0;
    if (!q->kind)
        return ctx_field(c, "kind", _("Choose month, quarter or year."));
    q->period = get(arg, "period");
    if (q->period && *q->period) {
        size_t n = strlen(q->period);
        int ok = q->period[0] == q->kind && (q->kind == 'M' ? n == 8 : q->kind == 'Q' ? n == 7 : n == 5);
        if (!ok)
            return ctx_field(c, "period", _("That period is not one of the list."));
    }
    const char *org = get(arg, "org");
    if (org && *org) {
        char *end;
        long long v = strtoll(org, &end, 10);
        if (*end || v < 0)
            return ctx_field(c, "org", _("Choose an organisation from the list."));
        q->org = v;
    }
    for (int i = 0; dash_dims[i]; i++) {
        const char *v = get(arg, dash_dims[i]);
        if (!v || !*v)
            continue;
        if (q->dim)
            return ctx_field(c, dash_dims[i],
                             _("Choose one of programme, district, target group and life stage, not two: the "
                               "figures are published by organisation and one of them, so that no small group "
                               "can be worked out."));
        q->dim = dash_dims[i];
        q->value = v;
    }
    q->by = detail ? get(arg, "by") : NULL;
    if (q->by && *q->by) {
        int ok = str_eq(q->by, "organisation") || str_eq(q->by, "partner");
        for (int i = 0; dash_dims[i]; i++)
            ok |= str_eq(q->by, dash_dims[i]);
        if (!ok)
            return ctx_field(c, "by", _("Choose what to break the figures down by from the list."));
        if (q->dim && !str_eq(q->by, "organisation") && !str_eq(q->by, q->dim))
            return ctx_field(c, "by",
                             _("A breakdown by another dimension than the one chosen would cross two of them; "
                               "choose the same one, or the organisations."));
    } else
        q->by = NULL;
    if (q->indicator && !*q->indicator)
        q->indicator = NULL;
    return OK;
}

/* ---- reading the latest run ---- */

struct run {
    int64_t id;
    long threshold;
    char as_of[32];
};

static int find_run(struct db *db, struct run *r)
{
    json_t *row = db_row(db,
                         "SELECT id, threshold, finished_at FROM eval_runs WHERE state='done' ORDER BY id DESC "
                         "LIMIT 1",
                         "");
    if (!row)
        return 0;
    r->id = iget(row, "id");
    r->threshold = (long)iget(row, "threshold");
    snprintf(r->as_of, sizeof r->as_of, "%s", sget(row, "finished_at"));
    json_decref(row);
    return 1;
}

static int latest_run(struct ctx *c, struct run *r)
{
    if (!find_run(c->db, r))
        return ctx_fail(c, ERR_NOTFOUND, "%s",
                        _("The figures have not been computed yet. An analyst or the task force can compute "
                          "them now; they are also computed every night."));
    return OK;
}

/* A cell as the page and the API give it: numbers only when shown. */
static json_t *cell_json(json_t *row, const json_t *ind, long threshold)
{
    int state = row ? (int)iget(row, "state") : 0;
    json_t *o = json_pack("{s:s}", "state", state == 0 ? "shown" : state == 1 ? "small" : "suppressed");
    if (state) {
        json_object_set_new(o, "n", json_null());
        return o;
    }
    long n = row ? (long)iget(row, "n") : 0;
    /* A median's count, or a population that is another indicator's (n_published false), is
     * published there under its own protection: here only the median or the rate. */
    int own = !str_eq(jstr(ind, "kind"), "median") && !json_is_false(json_object_get(ind, "n_published"));
    json_object_set_new(o, "n", own ? json_integer(n) : json_null());
    json_t *ks = json_array(), *rates = json_array();
    size_t nk = json_array_size(json_object_get(ind, "numerators"));
    for (size_t i = 0; i < nk && i < 3; i++) {
        char col[4] = {'k', (char)('1' + i), 0};
        long k = row ? (long)iget(row, col) : 0;
        json_array_append_new(ks, json_integer(k));
        json_array_append_new(rates, n > 0 ? json_real(round(1000.0 * (double)k / (double)n) / 10.0) : json_null());
    }
    json_object_set_new(o, "k", ks);
    json_object_set_new(o, "rate", rates);
    /* A rate per client-year: s1 days of what is counted over s2 days observed. */
    if (str_eq(jstr(ind, "kind"), "rate")) {
        double s1 = row ? json_number_value(json_object_get(row, "s1")) : 0,
               s2 = row ? json_number_value(json_object_get(row, "s2")) : 0;
        json_object_set_new(o, "per_year", s2 > 0 ? json_real(round(10.0 * s1 / s2 * 365.0) / 10.0) : json_null());
    }
    /* A median of durations, from 'DAYS:COUNT ...'; only over at least threshold of them. */
    if (str_eq(jstr(ind, "kind"), "median")) {
        const char *h = row ? sget(row, "hist") : NULL;
        long total = 0;
        for (const char *p = h; p && *p;) {
            char *end;
            strtol(p, &end, 10);
            if (*end != ':')
                break;
            total += strtol(end + 1, &end, 10);
            p = end + strspn(end, " ");
        }
        json_t *median = json_null();
        if (total >= threshold) {
            long seen = 0;
            for (const char *p = h; p && *p;) {
                char *end;
                long d = strtol(p, &end, 10);
                seen += strtol(end + 1, &end, 10);
                if (2 * seen >= total) {
                    median = json_integer(d);
                    break;
                }
                p = end + strspn(end, " ");
            }
        }
        json_object_set_new(o, "median", median);
    }
    return o;
}

#define CELL_COLS "n, k1, k2, k3, s1, s2, hist, state"

static json_t *cell_at(struct ctx *c, const struct run *r, const char *ind, const char *period, const char *dim,
                       int64_t org, const char *value)
{
    return db_row(c->db,
                  "SELECT " CELL_COLS " FROM eval_cells WHERE run_id=? AND indicator=? AND period=? AND dim=? AND "
                  "org_id=? AND value=?",
                  "itttit", r->id, ind, period, dim, org, value);
}

/* The dimension a selection's cell is read in: the one filtered by, else the indicator's first. */
static const char *cell_dim(const json_t *ind, const struct dash_query *q)
{
    if (q->dim)
        return q->dim;
    json_t *dims = json_object_get(ind, "dims");
    return json_array_size(dims) ? json_string_value(json_array_get(dims, 0)) : "-";
}

static int has_dim(const json_t *ind, const char *dim)
{
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(ind, "dims"), i, d) if (str_eq(json_string_value(d), dim)) return 1;
    return 0;
}

/* The periods of a kind the run holds for an indicator, newest first. */
static json_t *periods_of(struct ctx *c, const struct run *r, const char *ind, char kind)
{
    char like[3] = {kind, '%', 0};
    json_t *rows = db_rows(c->db,
                           "SELECT DISTINCT period FROM eval_cells WHERE run_id=? AND indicator=? AND period LIKE ? "
                           "ORDER BY period DESC",
                           "itt", r->id, ind, like);
    json_t *out = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(rows, i, p) json_array_append(out, json_object_get(p, "period"));
    json_decref(rows);
    return out;
}

/* Whether a period is still running today ("Q2026-4" on 7 December 2026). */
static int period_partial(const char *p)
{
    char today[16];
    iso_today(today);
    int y = atoi(today), m = atoi(today + 5);
    int py = atoi(p + 1);
    if (p[0] == 'D')
        return 0; /* a snapshot: as of its day */
    if (p[0] == 'Y')
        return py == y;
    if (p[0] == 'Q')
        return py == y && atoi(p + 6) == (m + 2) / 3;
    return py == y && atoi(p + 6) == m;
}

/* The selection: the organisation and the one dimension's value, as given back. */
static json_t *selection_json(const struct dash_query *q)
{
    return json_pack("{s:I, s:o, s:o, s:o}", "org", (json_int_t)q->org, "dim", q->dim ? json_string(q->dim) : json_null(),
                     "value", q->value ? json_string(q->value) : json_null(), "by", q->by ? json_string(q->by) : json_null());
}

/* What one may filter by: the organisations and values in one indicator's period (the PRIMARY KEY's
 * prefix: no scan of the run), with the organisations' names. */
static json_t *choices_json(struct ctx *c, const struct run *r, const char *ind, const char *period)
{
    json_t *o = json_object(), *orgs = json_array();
    json_t *rows = db_rows(c->db,
                           "SELECT DISTINCT e.org_id, o.name FROM eval_cells e JOIN orgs o ON o.id=e.org_id WHERE "
                           "e.run_id=? AND e.indicator=? AND e.period=? ORDER BY o.name",
                           "itt", r->id, ind, period);
    size_t i;
    json_t *x;
    json_array_foreach(rows, i, x)
    {
        if (!(ROLE_BIT(c->a->role) & ROLES_AGGREGATE) && iget(x, "org_id") != c->a->org_id)
            continue;
        json_array_append_new(orgs, json_pack("[I,s]", (json_int_t)iget(x, "org_id"), sget(x, "name")));
    }
    json_decref(rows);
    json_object_set_new(o, "orgs", orgs);
    for (int d = 0; dash_dims[d]; d++)
        json_object_set_new(o, dash_dims[d], json_array());
    rows = db_rows(c->db,
                   "SELECT DISTINCT dim, value FROM eval_cells WHERE run_id=? AND indicator=? AND period=? AND "
                   "org_id=0 AND value<>'*' ORDER BY dim, value",
                   "itt", r->id, ind, period);
    json_array_foreach(rows, i, x)
    {
        json_t *list = json_object_get(o, sget(x, "dim"));
        if (list)
            json_array_append(list, json_object_get(x, "value"));
    }
    json_decref(rows);
    return o;
}

/* Supervisors see their own organisation only; analysts and the task force, the city. */
static int gate(struct ctx *c, struct dash_query *q)
{
    int rc = access_check(c, RES_EVALUATION, ACT_READ, 0, "evaluation.view");
    if (rc != OK)
        return rc;
    if (!(ROLE_BIT(c->a->role) & ROLES_AGGREGATE)) {
        if (q->org && q->org != c->a->org_id)
            return access_deny(c, RES_EVALUATION, ACT_READ, 0, "evaluation.view", "org", q->org,
                               _("An organisation's lead sees the figures of their own organisation."));
        q->org = c->a->org_id;
        if (q->by && str_eq(q->by, "organisation"))
            q->by = NULL;
    }
    return OK;
}

static int pick_period(struct ctx *c, json_t *periods, const struct dash_query *q, const char **period)
{
    if (q->period && *q->period) {
        size_t i;
        json_t *p;
        *period = NULL;
        json_array_foreach(periods, i, p) if (str_eq(json_string_value(p), q->period))
        {
            *period = json_string_value(p);
            return OK;
        }
        return c ? ctx_field(c, "period", _("That period is not one of the list.")) : ERR_INVALID;
    }
    /* The latest ended period; the running one only when there is no other. */
    size_t n = json_array_size(periods);
    *period = NULL;
    for (size_t i = 0; i < n && !*period; i++)
        if (!period_partial(json_string_value(json_array_get(periods, i))))
            *period = json_string_value(json_array_get(periods, i));
    if (!*period && n)
        *period = json_string_value(json_array_get(periods, 0));
    return OK;
}

/* One indicator's figures for the selection: headline, previous, trend and (detail) the breakdown. */
static int indicator_figures(struct ctx *c, const struct run *r, const json_t *ind, const struct dash_query *q,
                             const char *period, json_t *periods, int detail, json_t *out)
{
    const char *id = jstr(ind, "id");
    if (q->dim && !has_dim(ind, q->dim)) {
        json_object_set_new(out, "not_by", json_string(q->dim));
        return OK;
    }
    const char *dim = cell_dim(ind, q);
    const char *value = q->dim ? q->value : "*";
    size_t n = json_array_size(periods), at = 0;
    for (size_t i = 0; i < n; i++)
        if (str_eq(json_string_value(json_array_get(periods, i)), period))
            at = i;
    json_t *row = cell_at(c, r, id, period, dim, q->org, value);
    json_object_set_new(out, "headline", cell_json(row, ind, r->threshold));
    json_decref(row);
    if (at + 1 < n) {
        const char *prev = json_string_value(json_array_get(periods, at + 1));
        row = cell_at(c, r, id, prev, dim, q->org, value);
        json_t *p = cell_json(row, ind, r->threshold);
        json_object_set_new(p, "period", json_string(prev));
        json_object_set_new(out, "previous", p);
        json_decref(row);
    } else
        json_object_set_new(out, "previous", json_null());
    json_t *trend = json_array();
    for (size_t i = at + TREND < n ? at + TREND : n; i-- > at;) {
        const char *p = json_string_value(json_array_get(periods, i));
        row = cell_at(c, r, id, p, dim, q->org, value);
        json_t *x = cell_json(row, ind, r->threshold);
        json_object_set_new(x, "period", json_string(p));
        json_object_set_new(x, "partial", json_boolean(period_partial(p)));
        json_array_append_new(trend, x);
        json_decref(row);
    }
    json_object_set_new(out, "trend", trend);
    if (!detail)
        return OK;
    /* The breakdown: by organisation (the selection's value in each), or by the values of a dimension
     * (within the selection's organisation). */
    const char *by = q->by ? q->by : q->org ? (q->dim ? q->dim : dim) : "organisation";
    if (!str_eq(by, "organisation") && !has_dim(ind, by))
        by = "organisation";
    json_t *rows, *brows = json_array(), *total = NULL;
    if (str_eq(by, "organisation")) {
        rows = db_rows(c->db,
                       "SELECT e.org_id AS key, o.name AS label, " CELL_COLS " FROM eval_cells e LEFT JOIN orgs o ON "
                       "o.id=e.org_id WHERE e.run_id=? AND e.indicator=? AND e.period=? AND e.dim=? AND e.value=? "
                       "ORDER BY o.name",
                       "itttt", r->id, id, period, dim, value);
    } else {
        rows = db_rows(c->db,
                       "SELECT e.value AS key, CASE WHEN e.dim='partner' THEN (SELECT name FROM orgs WHERE "
                       "CAST(id AS TEXT)=e.value) ELSE NULL END AS label, " CELL_COLS " FROM eval_cells e WHERE "
                       "e.run_id=? AND e.indicator=? AND e.period=? AND e.dim=? AND e.org_id=? ORDER BY e.value",
                       "ittti", r->id, id, period, by, q->org);
    }
    size_t i;
    json_t *x;
    json_array_foreach(rows, i, x)
    {
        json_t *key = json_object_get(x, "key");
        int is_total = str_eq(by, "organisation") ? json_integer_value(key) == 0 : str_eq(json_string_value(key), "*");
        json_t *cj = cell_json(x, ind, r->threshold);
        if (is_total) {
            total = cj;
            continue;
        }
        if (q->org && str_eq(by, "organisation") && json_integer_value(key) != q->org) {
            json_decref(cj); /* an organisation's lead: their own row only */
            continue;
        }
        json_object_set(cj, "key", key);
        json_object_set(cj, "label", json_object_get(x, "label"));
        json_array_append_new(brows, cj);
    }
    json_decref(rows);
    json_object_set_new(out, "breakdown",
                        json_pack("{s:s, s:o, s:o}", "by", by, "rows", brows, "total", total ? total : json_null()));
    return OK;
}

int dash_view(struct ctx *c, const struct dash_query *q0, json_t **out)
{
    struct dash_query q = *q0;
    *out = NULL;
    int rc = gate(c, &q);
    if (rc != OK)
        return rc;
    json_t *ind = q.indicator ? dash_indicator(q.indicator, i18n_current()) : NULL;
    if (!ind)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such indicator."));
    struct run r;
    if (!json_is_true(json_object_get(ind, "recorded"))) {
        *out = json_pack("{s:o, s:b}", "indicator", ind, "recorded", 0);
        return OK;
    }
    if ((rc = latest_run(c, &r)) != OK) {
        json_decref(ind);
        return rc;
    }
    if (json_is_true(json_object_get(ind, "snapshot")))
        q.kind = 'D', q.period = NULL; /* as of the run's day */
    json_t *periods = periods_of(c, &r, q.indicator, q.kind);
    const char *period = NULL;
    if ((rc = pick_period(c, periods, &q, &period)) != OK) {
        json_decref(periods);
        json_decref(ind);
        return rc;
    }
    json_t *o = json_pack("{s:O, s:b, s:s, s:I, s:s, s:o, s:O, s:o}", "indicator", ind, "recorded", 1, "as_of",
                          r.as_of, "threshold", (json_int_t)r.threshold, "kind", kind_word(q.kind), "period",
                          period ? json_string(period) : json_null(), "periods", periods, "selection",
                          selection_json(&q));
    if (period) {
        json_object_set_new(o, "partial", json_boolean(period_partial(period)));
        json_object_set_new(o, "choices", choices_json(c, &r, q.indicator, period));
        rc = indicator_figures(c, &r, ind, &q, period, periods, 1, o);
    }
    json_decref(periods);
    json_decref(ind);
    if (rc != OK) {
        json_decref(o);
        return rc;
    }
    audit_log(c, "evaluation.view", "ok", 0, "indicator", 0, NULL);
    *out = o;
    return OK;
}

int dash_overview(struct ctx *c, const struct dash_query *q0, json_t **out)
{
    struct dash_query q = *q0;
    *out = NULL;
    int rc = gate(c, &q);
    if (rc != OK)
        return rc;
    struct run r;
    int have_run = find_run(c->db, &r);
    json_t *groups = json_array(), *all = dash_indicators(i18n_current());
    json_t *o = json_pack("{s:o, s:I, s:s, s:o, s:o}", "as_of", have_run ? json_string(r.as_of) : json_null(),
                          "threshold", (json_int_t)(have_run ? r.threshold : 0), "kind", kind_word(q.kind), "selection",
                          selection_json(&q), "groups", groups);
    json_t *periods_shown = NULL;
    const char *period = NULL;
    size_t i;
    json_t *ind;
    json_array_foreach(all, i, ind)
    {
        json_t *g = json_array_size(groups) ? json_array_get(groups, json_array_size(groups) - 1) : NULL;
        if (!g || !str_eq(jstr(g, "group"), jstr(ind, "group"))) {
            g = json_pack("{s:s, s:O, s:[]}", "group", jstr(ind, "group"), "label", json_object_get(ind, "group_label"),
                          "indicators");
            json_array_append_new(groups, g);
        }
        json_t *x = json_pack("{s:O}", "indicator", ind);
        json_array_append_new(json_object_get(g, "indicators"), x);
        if (!have_run || !json_is_true(json_object_get(ind, "recorded")))
            continue;
        int snap = json_is_true(json_object_get(ind, "snapshot"));
        struct dash_query qs = q;
        if (snap)
            qs.kind = 'D', qs.period = NULL;
        json_t *periods = periods_of(c, &r, jstr(ind, "id"), qs.kind);
        const char *p = NULL;
        if (pick_period(NULL, periods, &qs, &p) != OK || !p) { /* not for this indicator: left blank */
            json_decref(periods);
            continue;
        }
        json_object_set_new(x, "period", json_string(p));
        indicator_figures(c, &r, ind, &qs, p, periods, 0, x);
        if (!json_object_get(o, "choices") && !snap)
            json_object_set_new(o, "choices", choices_json(c, &r, jstr(ind, "id"), p));
        if (!snap && (!periods_shown || json_array_size(periods) > json_array_size(periods_shown))) {
            json_decref(periods_shown);
            periods_shown = json_incref(periods);
            period = json_string_value(json_object_get(x, "period"));
        }
        json_decref(periods);
    }
    json_decref(all);
    json_object_set_new(o, "periods", periods_shown ? periods_shown : json_array());
    json_object_set_new(o, "period", period ? json_string(period) : json_null());
    if (period)
        json_object_set_new(o, "partial", json_boolean(period_partial(period)));
    audit_log(c, "evaluation.view", "ok", 0, "indicator", 0, NULL);
    *out = o;
    return OK;
}

/* ---- CSV ---- */

/* A figure's columns: n, then each numerator and its rate, then the median or the rate per year. */
static void csv_figure(struct buf *b, const json_t *ind, json_t *cell, long threshold)
{
    const char *state = jstr(cell, "state");
    char hidden[24];
    snprintf(hidden, sizeof hidden, str_eq(state, "small") ? "<%ld" : "suppressed", threshold);
    int shown = str_eq(state, "shown");
    char t[40];
    snprintf(t, sizeof t, "%lld", (long long)json_integer_value(json_object_get(cell, "n")));
    size_t nk = json_array_size(json_object_get(ind, "numerators"));
    int tail = str_eq(jstr(ind, "kind"), "median") || str_eq(jstr(ind, "kind"), "rate");
    /* the population: empty where it is another indicator's (not published here) */
    csv_field(b, !shown ? hidden : json_is_integer(json_object_get(cell, "n")) ? t : "", !nk && !tail);
    for (size_t i = 0; i < nk; i++) {
        snprintf(t, sizeof t, "%lld", (long long)json_integer_value(json_array_get(json_object_get(cell, "k"), i)));
        csv_field(b, shown ? t : hidden, 0);
        json_t *rate = json_array_get(json_object_get(cell, "rate"), i);
        if (json_is_number(rate))
            snprintf(t, sizeof t, "%.1f", json_number_value(rate));
        else
            t[0] = 0;
        csv_field(b, shown ? t : hidden, i + 1 == nk && !tail);
    }
    if (tail) {
        json_t *v = json_object_get(cell, str_eq(jstr(ind, "kind"), "median") ? "median" : "per_year");
        if (json_is_number(v))
            snprintf(t, sizeof t, "%g", json_number_value(v));
        else
            t[0] = 0;
        csv_field(b, shown ? t : hidden, 1);
    }
}

static void csv_head(struct buf *b, const json_t *ind, const char *first)
{
    csv_field(b, first, 0);
    size_t nk = json_array_size(json_object_get(ind, "numerators"));
    int tail = str_eq(jstr(ind, "kind"), "median") || str_eq(jstr(ind, "kind"), "rate");
    csv_field(b, jstr(ind, "denominator"), !nk && !tail);
    size_t i;
    json_t *k;
    json_array_foreach(json_object_get(ind, "numerators"), i, k)
    {
        csv_field(b, json_string_value(k), 0);
        char pct[300];
        snprintf(pct, sizeof pct, "%s (%%)", json_string_value(k));
        csv_field(b, pct, i + 1 == nk && !tail);
    }
    if (tail)
        csv_field(b, !str_eq(jstr(ind, "kind"), "median")         ? _("per client-year")
                    : str_eq(jstr(ind, "unit"), "percent") ? _("median (%)")
                                                           : _("median days"),
                 1);
}

int dash_csv(struct ctx *c, const struct dash_query *q, const char *table, struct buf *b)
{
    if (!str_eq(table, "trend") && !str_eq(table, "breakdown"))
        return ctx_field(c, "table", _("Choose the trend or the breakdown."));
    json_t *v;
    int rc = dash_view(c, q, &v);
    if (rc != OK)
        return rc;
    json_t *ind = json_object_get(v, "indicator");
    long threshold = (long)json_integer_value(json_object_get(v, "threshold"));
    buf_adds(b, "\xEF\xBB\xBF");
    if (!json_is_true(json_object_get(v, "recorded"))) {
        csv_field(b, _("not yet recorded"), 1);
    } else if (str_eq(table, "trend")) {
        csv_head(b, ind, _("period"));
        size_t i;
        json_t *x;
        json_array_foreach(json_object_get(v, "trend"), i, x)
        {
            csv_field(b, jstr(x, "period"), 0);
            csv_figure(b, ind, x, threshold);
        }
    } else {
        json_t *bd = json_object_get(v, "breakdown");
        csv_head(b, ind, jstr(bd, "by"));
        size_t i;
        json_t *x;
        json_array_foreach(json_object_get(bd, "rows"), i, x)
        {
            json_t *key = json_object_get(x, "key");
            char k[64];
            if (json_is_integer(key))
                snprintf(k, sizeof k, "%lld", (long long)json_integer_value(key));
            csv_field(b, json_is_string(json_object_get(x, "label")) ? jstr(x, "label")
                        : json_is_integer(key)                      ? k
                                                                    : json_string_value(key),
                     0);
            csv_figure(b, ind, x, threshold);
        }
        if (json_is_object(json_object_get(bd, "total"))) {
            csv_field(b, _("total"), 0);
            csv_figure(b, ind, json_object_get(bd, "total"), threshold);
        }
    }
    json_decref(v);
    return OK;
}

/* A figure as the CSV writes it: its headline number, or "<11" / "suppressed", or "" when there is none. */
static const char *csv_headline(const json_t *ind, json_t *cell, long threshold, char *out, size_t len)
{
    if (!json_is_object(cell))
        return "";
    const char *state = jstr(cell, "state");
    if (str_eq(state, "small"))
        return snprintf(out, len, "<%ld", threshold), out;
    if (!str_eq(state, "shown"))
        return "suppressed";
    const char *kind = jstr(ind, "kind");
    json_t *v = str_eq(kind, "proportion") ? json_array_get(json_object_get(cell, "rate"), 0)
                : str_eq(kind, "median")   ? json_object_get(cell, "median")
                : str_eq(kind, "rate")     ? json_object_get(cell, "per_year")
                                           : json_object_get(cell, "n");
    if (!json_is_number(v))
        return "";
    snprintf(out, len, "%g", json_number_value(v));
    return out;
}

int dash_overview_csv(struct ctx *c, const struct dash_query *q, struct buf *b)
{
    json_t *v;
    int rc = dash_overview(c, q, &v);
    if (rc != OK)
        return rc;
    long threshold = (long)json_integer_value(json_object_get(v, "threshold"));
    static const char *const head[] = {"group", "indicator", "name", "kind", "period", "figure", "previous_period",
                                       "previous_figure", NULL};
    buf_adds(b, "\xEF\xBB\xBF");
    for (int i = 0; head[i]; i++)
        csv_field(b, head[i], !head[i + 1]);
    size_t gi, i;
    json_t *g, *x;
    json_array_foreach(json_object_get(v, "groups"), gi, g) json_array_foreach(json_object_get(g, "indicators"), i, x)
    {
        json_t *ind = json_object_get(x, "indicator");
        json_t *prev = json_object_get(x, "previous");
        char now[48], before[48];
        csv_field(b, jstr(ind, "group"), 0);
        csv_field(b, jstr(ind, "id"), 0);
        csv_field(b, jstr(ind, "name"), 0);
        csv_field(b, jstr(ind, "kind"), 0);
        csv_field(b, jstr(x, "period"), 0);
        csv_field(b, !json_is_true(json_object_get(ind, "recorded")) ? _("not yet recorded")
                     : json_is_string(json_object_get(x, "not_by"))   ? ""
                                                                       : csv_headline(ind, json_object_get(x, "headline"), threshold, now, sizeof now),
                  0);
        csv_field(b, json_is_object(prev) ? jstr(prev, "period") : "", 0);
        csv_field(b, csv_headline(ind, prev, threshold, before, sizeof before), 1);
    }
    json_decref(v);
    return OK;
}
