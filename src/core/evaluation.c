/* evaluation: the refresh of the precomputed aggregates as the server runs it (POST
 * /api/v1/evaluation/refresh, and once a day by the sweep): the run row is made on the writer, then a
 * thread of its own reads on its own connection and sends each batch of cells to the writer as one
 * short job, so no other user waits on it for long. Also the dictionary as the API answers it, in the
 * request's language. Aggregates only: nothing here reads or answers a client. */
#include "base/base.h"
#include "core/indicator.h"
#include "db/db.h"
#include "db/writer.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVAL_STALE_HOURS 6 /* a run still 'running' after this long died with its server */

static char serve_url[1024];
static int serve_threshold = EVAL_SMALL_CELL;
static int busy; /* a refresh of this process is under way (guarded by mu) */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t idle = PTHREAD_COND_INITIALIZER; /* busy went back to 0 */
static volatile int stopping;                          /* the server is shutting down */

void eval_serve_init(const char *db_url, int threshold)
{
    snprintf(serve_url, sizeof serve_url, "%s", db_url ? db_url : "");
    serve_threshold = threshold >= EVAL_SMALL_CELL_MIN ? threshold : EVAL_SMALL_CELL;
}

int eval_threshold(void)
{
    return serve_threshold;
}

/* ---- writes through the writer, waited for */
struct ejob {
    struct wjob w;
    int (*fn)(void *arg, struct db *w);
    void *arg;
    pthread_mutex_t m;
    pthread_cond_t cv;
    int done;
};
static int ejob_run(struct wjob *j, struct db *db)
{
    struct ejob *e = (struct ejob *)j;
    return e->fn(e->arg, db);
}
static void ejob_notify(struct wjob *j)
{
    struct ejob *e = (struct ejob *)j;
    pthread_mutex_lock(&e->m);
    e->done = 1;
    pthread_cond_signal(&e->cv);
    pthread_mutex_unlock(&e->m);
}
static int via_writer(struct eval_io *io, int (*fn)(void *arg, struct db *w), void *arg)
{
    (void)io;
    struct ejob e;
    memset(&e, 0, sizeof e);
    e.w.run = ejob_run;
    e.w.notify = ejob_notify;
    e.fn = fn;
    e.arg = arg;
    pthread_mutex_init(&e.m, NULL);
    pthread_cond_init(&e.cv, NULL);
    writer_submit(&e.w);
    pthread_mutex_lock(&e.m);
    while (!e.done)
        pthread_cond_wait(&e.cv, &e.m);
    pthread_mutex_unlock(&e.m);
    pthread_mutex_destroy(&e.m);
    pthread_cond_destroy(&e.cv);
    return e.w.committed && e.w.rc == OK ? OK : ERR_DB;
}

struct bg {
    int64_t run_id;
    int threshold;
};
static void *background(void *arg)
{
    struct bg *b = arg;
    thread_set_hot(NULL);
    struct db *db = NULL;
    char err[300];
    struct db_options o = {.readonly = 0};
    if (db_open(serve_url, &o, &db, err, sizeof err) != DB_OK) {
        log_error("evaluation run %lld: cannot open the database: %s", (long long)b->run_id, err);
    } else {
        struct eval_io io = {.db = db, .write = via_writer, .cancel = &stopping};
        double t0 = now_mono();
        int rc = eval_run_compute(&io, ind_loaded(), b->run_id, b->threshold, NULL);
        log_info("evaluation run %lld %s in %.1f s", (long long)b->run_id, rc == OK ? "done" : "failed",
                 now_mono() - t0);
        db_close(db);
    }
    pthread_mutex_lock(&mu);
    busy = 0;
    pthread_cond_broadcast(&idle);
    pthread_mutex_unlock(&mu);
    free(b);
    return NULL;
}

void evaluation_stop(void)
{
    pthread_mutex_lock(&mu);
    stopping = 1;
    while (busy)
        pthread_cond_wait(&idle, &mu);
    pthread_mutex_unlock(&mu);
}

/* Start the computation of run_id (made by evaluation_refresh) on a thread of its own. */
void evaluation_start(int64_t run_id)
{
    if (run_id <= 0)
        return;
    struct bg *b = xmalloc(sizeof *b);
    b->run_id = run_id;
    b->threshold = serve_threshold;
    pthread_t t;
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &at, background, b) != 0) {
        log_error("evaluation run %lld: cannot start its thread", (long long)run_id);
        evaluation_abandon();
        free(b);
    }
    pthread_attr_destroy(&at);
}

/* On the writer: a run row, unless one is under way (this process's, or a fresh one of another
 * server): then *run_id is that run and *made 0. A new one is to be started with evaluation_start
 * after the commit. */
static int make_run(struct ctx *c, int64_t *run_id, int *made)
{
    *run_id = 0;
    *made = 0;
    if (!ind_loaded() || !*serve_url)
        return ctx_fail(c, ERR_CONFLICT, _("The evaluation is off on this server: it has no indicator dictionary."));
    char stale[32];
    iso_time(now_epoch() - EVAL_STALE_HOURS * 3600, stale);
    if (db_run(c->db,
               "UPDATE eval_runs SET state='failed', error='the server stopped during the run' WHERE state='running'"
               " AND started_at < ?",
               "t", stale) != DB_OK)
        return ctx_fail(c, ERR_DB, _("The evaluation runs could not be read."));
    *run_id = db_int1(c->db, 0, "SELECT max(id) FROM eval_runs WHERE state='running'", "");
    pthread_mutex_lock(&mu);
    int was = busy;
    pthread_mutex_unlock(&mu);
    if (*run_id > 0 || was)
        return OK; /* under way (a run of this process is made and running, or about to be) */
    char now[32];
    iso_now(now);
    *run_id = db_insert_id(c->db,
                           "INSERT INTO eval_runs(started_at, state, dictionary, threshold) VALUES (?, 'running', ?, ?)"
                           " RETURNING id",
                           "ttd", now, ind_loaded()->version, serve_threshold);
    if (*run_id <= 0)
        return ctx_fail(c, ERR_DB, _("The evaluation run could not be made."));
    pthread_mutex_lock(&mu);
    busy = 1;
    pthread_mutex_unlock(&mu);
    *made = 1;
    return OK;
}

/* The writer's transaction may still roll back: the caller starts the thread only after the commit. */
int evaluation_refresh(struct ctx *c, json_t **out)
{
    int rc = access_check(c, RES_EVALUATION, ACT_CREATE, 0, "evaluation.refresh");
    if (rc != OK)
        return rc;
    int64_t id;
    int made;
    rc = make_run(c, &id, &made);
    if (rc != OK)
        return rc;
    audit_log(c, "evaluation.refresh", "ok", 0, "evaluation", id, made ? NULL : "already under way");
    json_t *run = id > 0 ? db_row(c->db, "SELECT id, state, progress FROM eval_runs WHERE id=?", "i", id) : NULL;
    *out = run ? run : json_pack("{s:I,s:s,s:i}", "id", (json_int_t)id, "state", "running", "progress", 0);
    json_object_set_new(*out, "started", json_boolean(made));
    return OK;
}

/* A refresh made but whose commit failed: nothing runs. */
void evaluation_abandon(void)
{
    pthread_mutex_lock(&mu);
    busy = 0;
    pthread_cond_broadcast(&idle);
    pthread_mutex_unlock(&mu);
}

int evaluation_latest(struct ctx *c, json_t **out)
{
    int rc = access_check(c, RES_EVALUATION, ACT_READ, 0, "evaluation.latest");
    if (rc != OK)
        return rc;
    json_t *run = eval_latest_run(c->db);
    json_t *done = db_row(c->db,
                          "SELECT id, finished_at, cells, threshold, dictionary FROM eval_runs WHERE state='done'"
                          " ORDER BY id DESC LIMIT 1",
                          "");
    *out = json_pack("{s:o,s:o}", "run", run ? run : json_null(), "done", done ? done : json_null());
    return OK;
}

/* The daily refresh: when the latest done run is older than a day (or there is none) and no run is
 * under way, a run is made here and started after the sweep's commit. Only in a server. */
static int64_t sweep_pending;
static int evaluation_daily_run(struct ctx *c, int *made)
{
    *made = 0;
    if (!ind_loaded() || !*serve_url)
        return OK;
    char day_ago[32];
    iso_time(now_epoch() - 86400, day_ago);
    if (db_int1(c->db, 0, "SELECT count(*) FROM eval_runs WHERE (state='done' AND finished_at > ?) OR state='running'",
                "t", day_ago) > 0)
        return OK;
    int64_t id = 0;
    int fresh = 0;
    int rc = make_run(c, &id, &fresh);
    if (rc != OK)
        return rc;
    if (fresh)
        sweep_pending = id;
    *made = fresh;
    return OK;
}
static const struct sweep_rule evaluation_daily = {"evaluation.daily", evaluation_daily_run};
SWEEP_REGISTER(evaluation_daily);

void evaluation_refreshed(int rc, json_t *out)
{
    if (!json_is_true(json_object_get(out, "started")))
        return;
    if (rc == OK)
        evaluation_start(json_integer_value(json_object_get(out, "id")));
    else
        evaluation_abandon(); /* made, but its transaction did not commit */
}

void evaluation_after_sweep(int committed)
{
    int64_t id = sweep_pending;
    sweep_pending = 0;
    if (!id)
        return;
    if (committed)
        evaluation_start(id);
    else
        evaluation_abandon();
}

/* ---- the dictionary, as the API and the page answer it ---- */

static json_t *texts(const struct indicator *x, int lang)
{
    json_t *nums = json_array();
    static const char *const kn[] = {"k1", "k2", "k3"};
    for (int k = 0; k < x->nk; k++)
        json_array_append_new(nums, json_pack("{s:s,s:s}", "key", kn[k], "text", x->numerator[k][lang]));
    json_t *dims = json_array();
    for (int d = 0; d < ID__COUNT; d++)
        if (x->dims & IND_DIM(d))
            json_array_append_new(dims, json_string(ind_dims[d]));
    json_t *params = json_object();
    for (int i = 0; x->measure && i < IND_MAX_PARAMS && x->measure->params[i].name; i++) {
        json_t *v = json_array();
        for (int j = 0; j < x->measure->params[i].count; j++)
            json_array_append_new(v, json_integer(x->params[i][j]));
        json_object_set_new(params, x->measure->params[i].name, v);
    }
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:s?,s:b,s:b,s:o,s:o}", "id", x->id, "group",
                     ind_groups[x->group], "kind", ind_kinds[x->kind], "name", x->name[lang], "definition",
                     x->definition[lang], "denominator", x->denominator[lang], "period", x->period[lang],
                     "attribution", x->attribution[lang], "numerators", nums, "source", x->source, "measure",
                     x->measure ? x->measure->name : NULL, "recorded", x->recorded, "additive", x->additive,
                     "dims", dims, "params", params);
}

int indicator_list(struct ctx *c, json_t **out)
{
    int rc = access_check(c, RES_INDICATOR, ACT_LIST, 0, "indicator.list");
    if (rc != OK)
        return rc;
    const struct ind_dict *d = ind_loaded();
    int lang = str_eq(i18n_current(), "ko") ? IND_KO : IND_EN;
    json_t *items = json_array();
    for (int i = 0; d && i < d->n; i++)
        json_array_append_new(items, texts(&d->v[i], lang));
    *out = json_pack("{s:s?,s:o,s:i}", "version", d ? d->version : NULL, "items", items, "threshold", serve_threshold);
    return OK;
}

/* ---- the descriptors ---- */
static const struct res_field indicator_fields[] = {
    {"id", FT_STRING, 0, N_("Indicator")},
    {"group", FT_STRING, 0, N_("Group")},
    {"kind", FT_STRING, 0, N_("Kind")},
    {"name", FT_STRING, 0, N_("Name")},
    {"definition", FT_STRING, 0, N_("Definition")},
    {"denominator", FT_STRING, 0, N_("Denominator")},
    {"period", FT_STRING, 0, N_("Period")},
    {"attribution", FT_STRING, 0, N_("Attribution")},
    {"source", FT_STRING, 0, N_("Source tables")},
    {"measure", FT_STRING, 1, N_("Measure")},
    {"recorded", FT_BOOL, 0, N_("Recorded")},
    {"additive", FT_BOOL, 0, N_("Additive")},
    {NULL, 0, 0, NULL}};
static const struct res_audit indicator_actions[] = {{"indicator.list", ACT_LIST}, {NULL, 0}};
static const char *const indicator_tables[] = {NULL};
static const struct res_field evaluation_fields[] = {
    {"id", FT_INT, 0, N_("Run")},
    {"started_at", FT_DATETIME, 0, N_("Started")},
    {"finished_at", FT_DATETIME, 1, N_("Finished")},
    {"state", FT_STRING, 0, N_("State")},
    {"error", FT_STRING, 1, N_("Error")},
    {"dictionary", FT_STRING, 0, N_("Dictionary version")},
    {"threshold", FT_INT, 0, N_("Small-cell threshold")},
    {"cells", FT_INT, 0, N_("Cells")},
    {"progress", FT_INT, 0, N_("Progress")},
    {NULL, 0, 0, NULL}};
static const struct res_audit evaluation_actions[] = {
    {"evaluation.refresh", ACT_CREATE}, {"evaluation.latest", ACT_READ},
    {"evaluation.view", ACT_READ}, /* the control tower (core/dashboard.c) */
    {NULL, 0}};
static const char *const evaluation_tables[] = {"eval_runs", "eval_cells", NULL};

#include "core/access_rows.h"
#define AGG ROLES_AGGREGATE /* the analyst and the city task force: aggregates only */
static const struct access_rule indicator_access[] = {
    /* the dictionary holds no client data: whoever may see the dashboard, and supervisors */
    {RES_INDICATOR, ACT_LIST, NONE, ADM | SUP | AGG, A},
    {0}};
static const struct access_rule evaluation_access[] = {
    /* the aggregates' runs: read by the dashboard's roles, refreshed by the analyst, the task force and
     * an administrator */
    {RES_EVALUATION, ACT_READ, NONE, ADM | SUP | AGG, A},
    {RES_EVALUATION, ACT_CREATE, NONE, ADM | AGG, A},
    {0}};
const struct resource res_indicator = {
    .access = indicator_access,
    .id = RES_INDICATOR, .name = "indicator", .label = N_("Indicator"), .plural = N_("Indicators"),
    RESOURCE_OF(indicator)};
RESOURCE_REGISTER(res_indicator);
const struct resource res_evaluation = {
    .access = evaluation_access,
    .id = RES_EVALUATION, .name = "evaluation", .label = N_("Evaluation run"), .plural = N_("Evaluation runs"),
    RESOURCE_OF(evaluation)};
RESOURCE_REGISTER(res_evaluation);
