/* dashboard: the control tower's view of the evaluation (issue 14 §2): the latest protected run's
 * cells (eval_cells, made by core/indicator.c and protected by core/eval_protect.c), read for one
 * indicator, one period and one selection, never a client. A suppressed cell is given by its state
 * ("small": fewer than the threshold; "suppressed": hidden so that a small one cannot be worked out),
 * never by its value. */
#ifndef HEARTH_DASHBOARD_H
#define HEARTH_DASHBOARD_H
#include "base/base.h"
#include "core/core.h"

/* The dimensions one may filter or break down by, besides the organisation. */
extern const char *const dash_dims[]; /* programme, district, target_group, life_stage; NULL-terminated */

struct dash_query {
    const char *indicator; /* an id of the dictionary; NULL or "" for the overview */
    char kind;             /* 'M' month, 'Q' quarter, 'Y' year; 0: 'Q' */
    const char *period;    /* "Q2026-4"; NULL or "": the latest ended period of that kind */
    int64_t org;           /* 0: every organisation */
    const char *dim, *value; /* one dimension's value ("district", "Riverside-gu"), or NULL */
    const char *by;        /* the breakdown: "organisation", one of dash_dims, or "partner"; NULL: the default */
};

/* Fill q from a request's parameters (get(name) returns the parameter or NULL): indicator, period
 * kind ("month", "quarter", "year"), period, org, programme, district, target_group, life_stage (at
 * most one of these four), and with detail (one indicator's view) indicator and by. ERR_INVALID with a field error naming what is wrong. */
int dash_parse(struct ctx *c, const char *(*get)(void *arg, const char *name), void *arg, int detail,
               struct dash_query *q);

/* One indicator's view: {indicator, as_of, threshold, kind, period, periods[], partial, selection,
 * headline, previous, trend[], breakdown{by, rows[], total}}. Every figure is a cell {state, n,
 * k[], rate[], median, per_year} whose numbers are null unless state is "shown". */
int dash_view(struct ctx *c, const struct dash_query *q, json_t **out);
/* Every indicator's headline and trend for the selection (the overview and the printable page):
 * {as_of, threshold, kind, period, periods[], selection, groups[{group, indicators[]}]}. */
int dash_overview(struct ctx *c, const struct dash_query *q, json_t **out);
/* One of a view's tables as CSV (UTF-8 with BOM): table "trend" or "breakdown"; a suppressed cell is
 * written as "<11" or "suppressed", as on the page. */
int dash_csv(struct ctx *c, const struct dash_query *q, const char *table, struct buf *b);
/* The overview as CSV: a line per indicator (group, indicator, name, kind, period, figure, previous
 * period, previous figure), figures as on the page. */
int dash_overview_csv(struct ctx *c, const struct dash_query *q, struct buf *b);
#endif
