/* caseload: a worker's weighted caseload (each open episode weighed by the weights file:
 * caseload_rules.c), their capacity (FTE x units per FTE of their role), the reason asked when an
 * assignment takes a worker over capacity, the supervisor's team figures with ACT fidelity, and the
 * workers' private monthly check-ins, which supervisors see only as aggregates of CHECKIN_K or more.
 *
 * Check-ins: a worker reads and changes only their own; supervisors read per month the count, and
 * with CHECKIN_K or more answers the means and the words of what would help, sorted by the words
 * themselves (no order of who or when). A month's figures move as later answers arrive, so one who
 * watches them could infer a late answer: aggregates describe a team, never a person.
 *
 * How a care-team place counts: the primary case manager of an open episode (intake, active,
 * on hold) carries its whole weight; any other current place on its care team carries team_share of
 * it; one who is both carries it once, as primary. */
#include "base/base.h"
#include "core/caseload.h"
#include "db/db.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *sget(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : NULL;
}

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static double round1(double x)
{
    return floor(x * 10 + 0.5) / 10;
}

/* The day `days` ago (YYYY-MM-DD). */
static void days_ago(int days, char out[16])
{
    char t[32];
    iso_time(now_epoch() - (int64_t)days * 86400, t);
    memcpy(out, t, 10);
    out[10] = 0;
}

/* The open episodes staff_id carries (as primary or on the care team now), with the facts that
 * weigh: rows {episode_id, client_id, given_name, family_name, programme, status, is_primary,
 * high_risk, crises, discharges}. */
#define OPEN_SQL "e.status IN ('intake','active','on_hold')"
/* The facts of the open episode e that weigh beside its programme and status (cl_facts): counts of
 * the client's active high-risk flags, crises since CRISIS_FROM and discharges since DISCHARGE_FROM
 * (parameters), as high_risk, crises, discharges. */
#define WEIGHT_FACTS_SQL(CRISIS_FROM, DISCHARGE_FROM)                                                        \
    " (SELECT count(*) FROM flags f WHERE f.client_id=e.client_id AND f.status='active' AND f.level='high')" \
    " AS high_risk, (SELECT count(*) FROM crisis_events x WHERE x.client_id=e.client_id AND x.occurred_at>="  \
    CRISIS_FROM ") AS crises, (SELECT count(*) FROM hospitalisations hs WHERE hs.client_id=e.client_id"       \
    " AND hs.discharged_at>=" DISCHARGE_FROM ") AS discharges"
/* (driven by the worker's own episodes through episodes_primary and team_members_staff, never a
 * scan of every episode: a worker's page and the check of every assignment read it) */
#define CARRIES_SQL                                                                                          \
    "e.id IN (SELECT x.id FROM episodes x WHERE x.primary_cm=?1 UNION SELECT t.episode_id FROM team_members t" \
    " WHERE t.staff_id=?1 AND (t.to_date IS NULL OR t.to_date>?2))"
static json_t *carried(struct db *db, int64_t staff_id, const struct caseload_weights *w)
{
    char today[16], crisis_from[16], discharge_from[16];
    iso_today(today);
    days_ago(w ? w->crisis_days : 0, crisis_from);
    days_ago(w ? w->discharge_days : 0, discharge_from);
    return db_rows(db,
                   "SELECT e.id AS episode_id, e.client_id, c.given_name, c.family_name, c.name_order, e.programme, e.status,"
                   " CASE WHEN e.primary_cm=?1 THEN 1 ELSE 0 END AS is_primary,"
                   WEIGHT_FACTS_SQL("?3", "?4")
                   " FROM episodes e JOIN clients c ON c.id=e.client_id WHERE " OPEN_SQL " AND " CARRIES_SQL
                   " ORDER BY c.family_name, c.given_name, e.id",
                   "ittt", staff_id, today, crisis_from, discharge_from);
}

/* Weigh the rows of carried(): each gets weight and why; the total. */
static double weigh(const struct caseload_weights *w, json_t *rows)
{
    double total = 0;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        struct cl_facts f = {.programme = sget(r, "programme"),
                             .status = sget(r, "status"),
                             .primary = iget(r, "is_primary") != 0,
                             .high_risk = iget(r, "high_risk") > 0,
                             .recent_crisis = iget(r, "crises") > 0,
                             .recent_discharge = iget(r, "discharges") > 0};
        json_t *why = json_array();
        double x = caseload_weight(w, &f, why);
        total += x;
        json_object_set_new(r, "weight", json_real(floor(x * 100 + 0.5) / 100));
        json_object_set_new(r, "why", why);
        json_object_set_new(r, "is_primary", json_boolean(f.primary));
        json_object_del(r, "high_risk");
        json_object_del(r, "crises");
        json_object_del(r, "discharges");
    }
    return total;
}

/* The staff record's figures: {staff_id, display_name, role, org_id, fte, version} or NULL. */
static json_t *staff_row(struct db *db, int64_t staff_id)
{
    return db_row(db,
                  "SELECT id AS staff_id, display_name, role, org_id, fte_tenths, disabled, version FROM staff"
                  " WHERE id=?",
                  "i", staff_id);
}

/* load, capacity and over on r (a staff_row), from the weighed rows' total. */
static void figures(const struct caseload_weights *w, json_t *r, double load)
{
    int tenths = (int)iget(r, "fte_tenths");
    double cap = caseload_capacity(w, role_parse(sget(r, "role")), tenths);
    json_object_set_new(r, "fte", json_real(tenths / 10.0));
    json_object_set_new(r, "load", json_real(floor(load * 100 + 0.5) / 100));
    json_object_set_new(r, "capacity", cap > 0 ? json_real(cap) : json_null());
    json_object_set_new(r, "over", json_boolean(cap > 0 && load > cap + 1e-9));
    json_object_del(r, "fte_tenths");
    json_object_del(r, "disabled");
}

double caseload_load_of(struct db *db, int64_t staff_id, double *capacity)
{
    const struct caseload_weights *w = caseload_weights();
    *capacity = 0;
    if (!w)
        return 0;
    json_t *s = staff_row(db, staff_id);
    if (!s)
        return -1;
    *capacity = caseload_capacity(w, role_parse(sget(s, "role")), (int)iget(s, "fte_tenths"));
    json_decref(s);
    json_t *rows = carried(db, staff_id, w);
    double load = weigh(w, rows);
    json_decref(rows);
    return load;
}

/* Every open episode each worker carries, in one pass (the grouped form of carried()): rows
 * {staff_id, is_primary, programme, status, high_risk, crises, discharges}, a worker once per episode
 * (as primary when both). */
#define CARRY_ALL_SQL                                                                                        \
    "WITH carry(staff_id, episode_id, is_primary) AS ("                                                      \
    " SELECT e.primary_cm, e.id, 1 FROM episodes e WHERE e.primary_cm IS NOT NULL AND " OPEN_SQL            \
    " UNION SELECT t.staff_id, e.id, 0 FROM team_members t JOIN episodes e ON e.id=t.episode_id"           \
    " WHERE " OPEN_SQL " AND (t.to_date IS NULL OR t.to_date>?1)"                                            \
    " AND (e.primary_cm IS NULL OR e.primary_cm<>t.staff_id))"                                               \
    " SELECT k.staff_id, k.is_primary, e.programme, e.status," WEIGHT_FACTS_SQL("?2", "?3")                 \
    " FROM carry k JOIN episodes e ON e.id=k.episode_id"

static int by_staff(const void *a, const void *b)
{
    int64_t x = ((const struct cl_load *)a)->staff_id, y = ((const struct cl_load *)b)->staff_id;
    return x < y ? -1 : x > y;
}

int caseload_loads(struct db *db, struct cl_load **out, size_t *n)
{
    const struct caseload_weights *w = caseload_weights();
    *out = NULL;
    *n = 0;
    if (!w)
        return OK;
    struct db_stmt *st = db_query(db, "SELECT id, org_id, role, fte_tenths FROM staff WHERE disabled=0 ORDER BY id", "");
    if (!st)
        return ERR_DB;
    size_t cap = 64, k = 0;
    struct cl_load *v = xmalloc(cap * sizeof *v);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (k == cap)
            v = xrealloc(v, (cap *= 2) * sizeof *v);
        v[k] = (struct cl_load){.staff_id = db_int(st, 0), .org_id = db_int(st, 1)};
        v[k].capacity = caseload_capacity(w, role_parse(db_text(st, 2)), (int)db_int(st, 3));
        k++;
    }
    db_done(st);
    if (rc != DB_DONE) {
        free(v);
        return ERR_DB;
    }
    char today[16], crisis_from[16], discharge_from[16];
    iso_today(today);
    days_ago(w->crisis_days, crisis_from);
    days_ago(w->discharge_days, discharge_from);
    st = db_query(db, CARRY_ALL_SQL, "ttt", today, crisis_from, discharge_from);
    if (!st) {
        free(v);
        return ERR_DB;
    }
    while ((rc = db_step(st)) == DB_ROW) {
        struct cl_load key = {.staff_id = db_int(st, 0)};
        struct cl_load *s = bsearch(&key, v, k, sizeof *v, by_staff);
        if (!s)
            continue; /* a disabled worker */
        struct cl_facts f = {.programme = db_text(st, 2),
                             .status = db_text(st, 3),
                             .primary = db_int(st, 1) != 0,
                             .high_risk = db_int(st, 4) > 0,
                             .recent_crisis = db_int(st, 5) > 0,
                             .recent_discharge = db_int(st, 6) > 0};
        s->load += caseload_weight(w, &f, NULL);
    }
    db_done(st);
    if (rc != DB_DONE) {
        free(v);
        return ERR_DB;
    }
    *out = v;
    *n = k;
    return OK;
}

json_t *caseload_brief(struct db *db, int64_t staff_id)
{
    const struct caseload_weights *w = caseload_weights();
    if (!w)
        return NULL;
    json_t *s = staff_row(db, staff_id);
    if (!s)
        return NULL;
    json_t *rows = carried(db, staff_id, w);
    figures(w, s, weigh(w, rows));
    json_object_set_new(s, "clients", json_integer((json_int_t)json_array_size(rows)));
    json_decref(rows);
    return s;
}

int caseload_guard(struct ctx *c, int64_t staff_id, int64_t client_id, json_t *in, const char *field)
{
    const struct caseload_weights *w = caseload_weights();
    if (!w || !staff_id)
        return OK;
    double cap = 0, load = caseload_load_of(c->db, staff_id, &cap);
    if (load < 0)
        return ctx_fail(c, ERR_DB, _("The caseload could not be read."));
    if (cap <= 0 || load <= cap + 1e-9)
        return OK;
    const char *reason = json_string_value(json_object_get(in, "capacity_reason"));
    size_t n = v_text_chars(reason);
    if (n >= CL_REASON_MIN && n <= CL_REASON_MAX) {
        audit_log(c, "caseload.over_capacity", "ok", client_id, "staff", staff_id, reason);
        return OK;
    }
    json_t *s = staff_row(c->db, staff_id);
    char m[400];
    snprintf(m, sizeof m,
             _("%s's caseload would be %.1f units, over their capacity of %.1f: give the reason for this "
               "assignment (%d to %d characters)"),
             s ? sget(s, "display_name") : "?", load, cap, CL_REASON_MIN, CL_REASON_MAX);
    json_decref(s);
    ctx_field(c, "capacity_reason", m);
    json_decref(c->extra);
    c->extra = json_pack("{s:b,s:I,s:s,s:f,s:f}", "capacity_required", 1, "staff_id", (json_int_t)staff_id, "field",
                         field, "load", floor(load * 100 + 0.5) / 100, "capacity", cap);
    return ctx_fail(c, ERR_CONFLICT, "%s",
                    _("This worker would be over capacity with this assignment: say why it is made all the same."));
}

/* ---- the team page ---- */

static int64_t count1(struct db *db, const char *sql, const char *fmt, int64_t staff_id, const char *a,
                      const char *b)
{
    return db_int1(db, 0, sql, fmt, staff_id, a, b);
}

/* The ACT figures of org_id, or null without an open ACT episode. act_tenths: the FTE (in tenths)
 * given to ACT, each worker's FTE apportioned by the share of their load that is ACT. */
static json_t *act_figures(struct db *db, int64_t org_id, double act_tenths)
{
    char today[16], from[32];
    iso_today(today);
    iso_time(now_epoch() - 28 * 86400, from);
    int64_t clients = db_int1(db, 0,
                              "SELECT count(DISTINCT e.client_id) FROM episodes e WHERE e.org_id=? AND e.programme='act'"
                              " AND " OPEN_SQL,
                              "i", org_id);
    if (clients <= 0)
        return json_null();
    json_t *k = db_row(db,
                       "SELECT count(*) AS total, coalesce(sum(CASE WHEN x.kind IN ('home_visit','outreach') THEN 1"
                       " ELSE 0 END),0) AS community, coalesce(sum(CASE WHEN x.kind IN"
                       " ('home_visit','outreach','office','phone') THEN 1 ELSE 0 END),0) AS placed"
                       " FROM contacts x WHERE x.superseded_by IS NULL AND x.at>=?2 AND x.client_id IN (SELECT"
                       " e.client_id FROM episodes e WHERE e.org_id=?1 AND e.programme='act' AND " OPEN_SQL ")",
                       "it", org_id, from);
    int64_t total = iget(k, "total"), community = iget(k, "community"), placed = iget(k, "placed");
    json_decref(k);
    double fte = round1(act_tenths / 10.0);
    return json_pack("{s:I,s:f,s:o,s:f,s:I,s:o}", "clients", (json_int_t)clients, "fte", fte, "ratio",
                     fte > 0 ? json_real(round1(clients / fte)) : json_null(), "contacts_per_client_week",
                     round1((double)total / (double)clients / 4.0), "contacts_4_weeks", (json_int_t)total,
                     "community_share", placed ? json_real(round1(100.0 * community / placed) / 100) : json_null());
}

int caseload_team(struct ctx *c, json_t **out)
{
    int rc = access_check(c, RES_CASELOAD, ACT_LIST, 0, "caseload.team");
    if (rc != OK)
        return rc;
    const struct caseload_weights *w = caseload_weights();
    char today[16], from14[32];
    iso_today(today);
    iso_time(now_epoch() - 14 * 86400, from14);
    json_t *staff = db_rows(c->db,
                            "SELECT id AS staff_id, display_name, role, org_id, fte_tenths, disabled, version FROM staff"
                            " WHERE org_id=? AND disabled=0 AND role NOT IN ('admin','analyst') ORDER BY display_name, id",
                            "i", c->a->org_id);
    size_t i;
    json_t *s;
    int over = 0;
    double act_tenths = 0;
    json_array_foreach(staff, i, s)
    {
        int64_t id = iget(s, "staff_id");
        json_t *rows = carried(c->db, id, w);
        double load = w ? weigh(w, rows) : 0, act = 0;
        size_t j;
        json_t *r;
        json_array_foreach(rows, j, r) if (str_eq(sget(r, "programme"), "act")) act += json_number_value(json_object_get(r, "weight"));
        if (load > 0)
            act_tenths += (double)iget(s, "fte_tenths") * act / load;
        figures(w, s, load);
        over += json_is_true(json_object_get(s, "over"));
        json_object_set_new(s, "clients", json_integer((json_int_t)json_array_size(rows)));
        json_decref(rows);
        json_object_set_new(
            s, "overdue_tasks",
            json_integer(count1(c->db,
                                "SELECT count(*) FROM tasks WHERE assignee=?1 AND status='open' AND due IS NOT NULL"
                                " AND due<?2",
                                "it", id, today, NULL)));
        json_object_set_new(
            s, "open_referrals",
            json_integer(count1(c->db,
                                "SELECT count(*) FROM referrals WHERE assigned_to=?1 AND state IN"
                                " ('sent','received','info_requested','accepted','in_progress')",
                                "i", id, NULL, NULL)));
        json_object_set_new(
            s, "crises_14d",
            json_integer(count1(c->db,
                                "SELECT count(*) FROM crisis_events x WHERE x.occurred_at>=?3 AND x.client_id IN"
                                " (SELECT e.client_id FROM episodes e WHERE " OPEN_SQL " AND " CARRIES_SQL ")",
                                "itt", id, today, from14)));
        json_object_set_new(
            s, "reviews_due",
            json_integer(count1(c->db,
                                "SELECT count(*) FROM care_plans p JOIN episodes e ON e.id=p.episode_id WHERE"
                                " e.primary_cm=?1 AND " OPEN_SQL " AND p.review_due IS NOT NULL AND p.review_due<=?2",
                                "it", id, today, NULL)));
    }
    json_t *checkin = checkin_current(c);
    *out = json_pack("{s:I,s:o,s:o,s:i,s:o,s:o}", "org_id", (json_int_t)c->a->org_id, "weights_version",
                     w ? json_string(w->version) : json_null(), "workers", staff, "over_capacity", over, "act",
                     act_figures(c->db, c->a->org_id, act_tenths), "my_checkin_done", json_boolean(checkin != NULL));
    json_decref(checkin);
    audit_log(c, "caseload.team", "ok", 0, "org", c->a->org_id, NULL);
    return OK;
}

/* A worker's own load, or a supervisor of their organisation's: else refused on the record. */
static int worker_access(struct ctx *c, enum act act, const char *action, int64_t staff_id, json_t **s)
{
    *s = staff_row(c->db, staff_id);
    if (!*s)
        return ctx_fail(c, ERR_NOTFOUND, _("No such staff member."));
    int rc = access_check(c, RES_CASELOAD, act, 0, action);
    if (rc == OK && staff_id != c->a->staff_id && !(c->a->role == ROLE_SUPERVISOR && iget(*s, "org_id") == c->a->org_id) &&
        !(act == ACT_UPDATE && c->a->role == ROLE_ADMIN))
        rc = access_deny(c, RES_CASELOAD, act, 0, action, "staff", staff_id,
                         act == ACT_UPDATE ? _("Only a supervisor of the worker's organisation or an administrator sets an FTE.")
                                           : _("A worker's caseload is theirs and their supervisors' to see."));
    if (rc == OK && act == ACT_UPDATE && c->a->role == ROLE_SUPERVISOR && iget(*s, "org_id") != c->a->org_id)
        rc = access_deny(c, RES_CASELOAD, act, 0, action, "staff", staff_id,
                         _("Only a supervisor of the worker's organisation or an administrator sets an FTE."));
    if (rc != OK) {
        json_decref(*s);
        *s = NULL;
    }
    return rc;
}

int caseload_worker(struct ctx *c, int64_t staff_id, json_t **out)
{
    json_t *s;
    int rc = worker_access(c, ACT_READ, "caseload.read", staff_id, &s);
    if (rc != OK)
        return rc;
    const struct caseload_weights *w = caseload_weights();
    json_t *rows = carried(c->db, staff_id, w);
    double load = w ? weigh(w, rows) : 0;
    if (!w) {
        size_t i;
        json_t *r;
        json_array_foreach(rows, i, r)
        {
            json_object_set_new(r, "weight", json_real(0));
            json_object_set_new(r, "why", json_array());
            json_object_set_new(r, "is_primary", json_boolean(iget(r, "is_primary")));
            json_object_del(r, "high_risk");
            json_object_del(r, "crises");
            json_object_del(r, "discharges");
        }
    }
    figures(w, s, load);
    json_object_set_new(s, "clients", json_integer((json_int_t)json_array_size(rows)));
    /* the clients shown: one audit record listing them (each client's access report finds it) */
    json_t *shown = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) json_array_append_new(shown, json_pack("{s:I}", "id", (json_int_t)iget(r, "client_id")));
    if (json_array_size(shown))
        audit_log_shown(c, "caseload.read", "staff", shown);
    else
        audit_log(c, "caseload.read", "ok", 0, "staff", staff_id, NULL);
    json_decref(shown);
    json_object_set_new(s, "items", rows);
    *out = s;
    return OK;
}

int caseload_episode(struct ctx *c, int64_t episode_id, json_t **out)
{
    json_t *e = db_row(c->db,
                       "SELECT e.id AS episode_id, e.client_id, c.given_name, c.family_name, c.name_order, e.programme, e.status,"
                       " e.primary_cm, s.display_name AS primary_cm_name, e.version FROM episodes e JOIN clients c"
                       " ON c.id=e.client_id LEFT JOIN staff s ON s.id=e.primary_cm WHERE e.id=?",
                       "i", episode_id);
    if (!e)
        return ctx_fail(c, ERR_NOTFOUND, _("No such episode."));
    int rc = access_check(c, RES_EPISODE, ACT_UPDATE, iget(e, "client_id"), "episode.update");
    if (rc != OK) {
        json_decref(e);
        return rc;
    }
    audit_log(c, "caseload.read", "ok", iget(e, "client_id"), "episode", episode_id, NULL);
    *out = e;
    return OK;
}

json_t *caseload_receivers(struct ctx *c)
{
    json_t *staff = db_rows(c->db,
                            "SELECT id, display_name, role FROM staff WHERE org_id=? AND disabled=0 ORDER BY display_name, id",
                            "i", c->a->org_id);
    json_t *out = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(staff, i, s)
    {
        int role = role_parse(sget(s, "role"));
        if (role < 0 || access_table(RES_EPISODE, ACT_UPDATE, REL_PRIMARY_CM, role) != V_ALLOW)
            continue;
        json_t *b = caseload_brief(c->db, iget(s, "id"));
        if (b) {
            json_object_set(s, "load", json_object_get(b, "load"));
            json_object_set(s, "capacity", json_object_get(b, "capacity"));
            json_object_set(s, "over", json_object_get(b, "over"));
            json_decref(b);
        }
        json_array_append(out, s);
    }
    json_decref(staff);
    return out;
}

int caseload_set_fte(struct ctx *c, int64_t staff_id, int64_t version, json_t *in, json_t **out)
{
    json_t *s;
    int rc = worker_access(c, ACT_UPDATE, "caseload.fte", staff_id, &s);
    if (rc != OK)
        return rc;
    if (!json_is_object(in)) {
        json_decref(s);
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    }
    json_t *f = json_object_get(in, "fte");
    double fte = json_is_number(f) ? json_number_value(f) : -1;
    int tenths = (int)floor(fte * 10 + 0.5);
    if (!json_is_number(f) || tenths < 1 || tenths > 10 || fabs(fte * 10 - tenths) > 1e-6)
        ctx_field(c, "fte", _("must be a number from 0.1 to 1.0 in steps of 0.1"));
    if (c->errors) {
        json_decref(s);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    int64_t cur = iget(s, "version");
    json_decref(s);
    if (version != cur)
        return ctx_stale(c, cur);
    if (db_run(c->db, "UPDATE staff SET fte_tenths=?, version=version+1 WHERE id=? AND version=?", "dii", tenths,
               staff_id, cur) != DB_OK ||
        db_changes(c->db) != 1)
        return ctx_fail(c, ERR_DB, _("The FTE could not be saved."));
    char why[32];
    snprintf(why, sizeof why, "fte %d.%d", tenths / 10, tenths % 10);
    audit_log(c, "caseload.fte", "ok", 0, "staff", staff_id, why);
    json_t *b = caseload_brief(c->db, staff_id);
    if (!b) {
        b = staff_row(c->db, staff_id);
        figures(NULL, b, 0);
        json_object_set_new(b, "clients", json_integer(0));
    }
    *out = b;
    return OK;
}

/* ---- check-ins ---- */

void caseload_period(char out[8])
{
    char today[16];
    iso_today(today);
    memcpy(out, today, 7);
    out[7] = 0;
}

#define CHECKIN_COLS "SELECT id, period, manageable, supported, would_help, answered_at, version FROM checkins"

json_t *checkin_current(struct ctx *c)
{
    char period[8];
    caseload_period(period);
    return db_row(c->db, CHECKIN_COLS " WHERE staff_id=? AND period=?", "it", c->a->staff_id, period);
}

int checkin_save(struct ctx *c, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_CHECKIN, ACT_CREATE, 0, "checkin.save");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    int64_t m = v_int(c, in, "manageable", 1, 1, 5, 0);
    int64_t s = v_int(c, in, "supported", 1, 1, 5, 0);
    const char *help = v_str(c, in, "would_help", 0, 4 * 500, NULL);
    if (help && v_text_chars(help) > 500)
        ctx_field(c, "would_help", _("must be at most 500 characters"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    char period[8], now[32];
    caseload_period(period);
    iso_now(now);
    if (db_run(c->db,
               "INSERT INTO checkins(staff_id, org_id, period, manageable, supported, would_help, answered_at)"
               " VALUES (?1,?2,?3,?4,?5,?6,?7) ON CONFLICT(staff_id, period) DO UPDATE SET manageable=excluded.manageable,"
               " supported=excluded.supported, would_help=excluded.would_help, answered_at=excluded.answered_at,"
               " org_id=excluded.org_id, version=checkins.version+1",
               "iitiitt", c->a->staff_id, c->a->org_id, period, m, s, help && *help ? help : NULL, now) != DB_OK)
        return ctx_fail(c, ERR_DB, _("The check-in could not be saved."));
    audit_log(c, "checkin.save", "ok", 0, "checkin", 0, NULL); /* what was answered is never in the audit */
    *out = checkin_current(c);
    return *out ? OK : ctx_fail(c, ERR_DB, _("The check-in could not be saved."));
}

int checkin_mine(struct ctx *c, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_CHECKIN, ACT_READ, 0, "checkin.mine");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.period", 1}, {"p.id", 1}, {NULL, 0}};
    return page_query(c, pg, order, out, CHECKIN_COLS " WHERE staff_id=?", "i", c->a->staff_id);
}

int checkin_summary(struct ctx *c, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_CHECKIN, ACT_LIST, 0, "checkin.summary");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.period", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out,
                    "SELECT period, count(*) AS answers, avg(manageable) AS m, avg(supported) AS s FROM checkins"
                    " WHERE org_id=? GROUP BY period",
                    "i", c->a->org_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r)
    {
        int shown = iget(r, "answers") >= CHECKIN_K;
        double m = json_number_value(json_object_get(r, "m")), s = json_number_value(json_object_get(r, "s"));
        json_object_del(r, "m");
        json_object_del(r, "s");
        json_object_set_new(r, "shown", json_boolean(shown));
        json_object_set_new(r, "manageable_mean", shown ? json_real(round1(m)) : json_null());
        json_object_set_new(r, "supported_mean", shown ? json_real(round1(s)) : json_null());
        json_t *texts = json_null();
        if (shown) {
            /* the words, unattributed, in the order of the words themselves (never of who or when) */
            texts = json_array();
            json_t *rows = db_rows(c->db,
                                   "SELECT would_help FROM checkins WHERE org_id=? AND period=? AND would_help IS NOT"
                                   " NULL ORDER BY would_help",
                                   "it", c->a->org_id, sget(r, "period"));
            size_t j;
            json_t *x;
            json_array_foreach(rows, j, x) json_array_append(texts, json_object_get(x, "would_help"));
            json_decref(rows);
        }
        json_object_set_new(r, "would_help", texts);
    }
    audit_log(c, "checkin.summary", "ok", 0, "org", c->a->org_id, NULL);
    return OK;
}

/* ---- the descriptors ---- */

static const struct res_field why_fields[] = {
    {"key", FT_STRING, 0, N_("What")}, {"weight", FT_NUMBER, 0, N_("Weight")}, {NULL, 0, 0, NULL}};
static const struct res_field item_fields[] = {
    {"episode_id", FT_INT, 0, N_("Episode")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {"programme", FT_STRING, 0, N_("Programme")},
    {"status", FT_STRING, 0, N_("Status")},
    {"is_primary", FT_BOOL, 0, N_("Primary case manager")},
    {"weight", FT_NUMBER, 0, N_("Weight")},
    {"why", FT_ARRAY, 0, N_("Why"), why_fields},
    {NULL, 0, 0, NULL}};
static const struct res_field caseload_fields[] = {
    {"staff_id", FT_INT, 0, N_("Staff member")},
    {"display_name", FT_STRING, 0, N_("Name")},
    {"role", FT_STRING, 0, N_("Role")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"version", FT_INT, 0, N_("Version")},
    {"fte", FT_NUMBER, 0, N_("FTE")},
    {"load", FT_NUMBER, 0, N_("Weighted load")},
    {"capacity", FT_NUMBER, 1, N_("Capacity")},
    {"over", FT_BOOL, 0, N_("Over capacity")},
    {"clients", FT_INT, 0, N_("Open episodes")},
    {"items", FT_ARRAY, 0, N_("Episodes"), item_fields},
    {NULL, 0, 0, NULL}};
static const struct res_audit caseload_actions[] = {
    {"caseload.team", ACT_LIST},
    {"caseload.read", ACT_READ},
    {"caseload.fte", ACT_UPDATE},
    {"caseload.over_capacity", ACT_CREATE}, /* an assignment over capacity, with its reason */
    {NULL, 0},
};
static const char *const caseload_tables[] = {NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
#define HOLDERS (SUP | CM | CLIN | PS | DESK | HOUS) /* roles that may carry clients */
static const struct access_rule caseload_access[] = {
    /* the team page: the organisation's supervisors */
    {RES_CASELOAD, ACT_LIST, NONE, SUP, A},
    /* one worker's load with its clients: their own (a rule on the record), or their supervisors' */
    {RES_CASELOAD, ACT_READ, NONE, HOLDERS, A},
    /* a worker's FTE: a supervisor of their organisation (a rule on the record), an administrator */
    {RES_CASELOAD, ACT_UPDATE, NONE, SUP | ADM, A},
    {0}};
const struct resource res_caseload = {
    .access = caseload_access,
    .id = RES_CASELOAD, .name = "caseload", .label = N_("Caseload"), .plural = N_("Caseloads"),
    RESOURCE_OF(caseload)};
RESOURCE_REGISTER(res_caseload);

static const struct res_field checkin_fields[] = {
    {"id", FT_INT, 0, N_("Check-in")},
    {"period", FT_STRING, 0, N_("Month")},
    {"manageable", FT_INT, 0, N_("My workload feels manageable")},
    {"supported", FT_INT, 0, N_("I feel supported")},
    {"would_help", FT_STRING, 1, N_("What would help")},
    {"answered_at", FT_DATETIME, 0, N_("Answered")},
    {"version", FT_INT, 0, N_("Version")},
    {NULL, 0, 0, NULL}};
static const struct res_audit checkin_actions[] = {
    {"checkin.save", ACT_CREATE},
    {"checkin.mine", ACT_READ},
    {"checkin.summary", ACT_LIST},
    {NULL, 0},
};
static const char *const checkin_tables[] = {"checkins", NULL};
static const struct access_rule checkin_access[] = {
    /* one's own check-ins: answered and read back by the worker alone */
    {RES_CHECKIN, ACT_CREATE, NONE, HOLDERS, A},
    {RES_CHECKIN, ACT_READ, NONE, HOLDERS, A},
    /* the team's aggregates (CHECKIN_K or more answers a month): the organisation's supervisors */
    {RES_CHECKIN, ACT_LIST, NONE, SUP, A},
    {0}};
const struct resource res_checkin = {
    .access = checkin_access,
    .id = RES_CHECKIN, .name = "checkin", .label = N_("Check-in"), .plural = N_("Check-ins"),
    RESOURCE_OF(checkin)};
RESOURCE_REGISTER(res_checkin);
