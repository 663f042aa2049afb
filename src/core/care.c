/* care: care services (household support, issue 13 §4). A care-service plan per client at an
 * organisation (tasks in scope from the configuration, hours per week, the care worker, start, review
 * date, the termination criteria agreed; If-Match updates; ended with the criterion that applied),
 * its visit logs (a week's hours beyond the plan flagged; a concern makes a task for the case
 * manager) and the monthly statement per care worker (hours x the configured rate). The care worker
 * with an account reads the services they work on and their own visits, nothing else of the client:
 * the table lets staff of the client's organisation ask, the rule on the record (care_gate) lets only
 * the service's worker through. Another organisation reads a service only through consent to the
 * care plan (DC_CARE_PLAN). */
#include "base/base.h"
#include "core/care.h"
#include "core/risk.h"
#include "db/db.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CARE_WEEKS_SHOWN 8
#define CARE_OVER_PLAN_WEEKS 12

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static const char *sget(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static void add_days(const char *date, int n, char out[16])
{
    char t[32];
    snprintf(t, sizeof t, "%.10sT12:00:00Z", date);
    int64_t e = iso_parse(t);
    iso_time(e + (int64_t)n * 86400, t);
    snprintf(out, 16, "%.10s", t);
}

static const struct care_rules *rules_or_fail(struct ctx *c)
{
    const struct care_rules *r = care_rules();
    if (!r)
        ctx_fail(c, ERR_CONFLICT, "%s",
                 _("Care services are not configured on this server (care/services.rules)."));
    return r;
}

/* ---- the configuration, as the API answers it ---- */

static json_t *items_json(const struct care_item *list, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s,s:s}", "key", list[i].key, "label", _(list[i].label)));
    return a;
}

int care_config(struct ctx *c, json_t **out)
{
    const struct care_rules *r = rules_or_fail(c);
    if (!r)
        return ERR_CONFLICT;
    json_t *rates = json_array();
    for (int i = 0; i < r->nrates; i++) {
        json_t *x = json_pack("{s:s,s:I}", "worker_kind", r->rates[i].kind, "hourly", (json_int_t)r->rates[i].amount);
        json_object_set_new(x, "org_name", r->rates[i].org[0] ? json_string(r->rates[i].org) : json_null());
        json_array_append_new(rates, x);
    }
    *out = json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:i}", "version", r->version, "currency", r->currency, "tasks",
                     items_json(r->tasks, r->ntasks), "end_criteria", items_json(r->ends, r->nends), "worker_kinds",
                     items_json(r->kinds, r->nkinds), "rates", rates, "over_plan_percent", r->over_plan_percent);
    return OK;
}

/* ---- shapes ---- */

/* A stored JSON array of keys as [{key, label}] with the labels of one list. */
static json_t *labelled(const char *stored, const struct care_item *(*find)(const struct care_rules *, const char *))
{
    const struct care_rules *r = care_rules();
    json_t *keys = json_loads(stored ? stored : "[]", 0, NULL), *out = json_array();
    size_t i;
    json_t *k;
    json_array_foreach(keys, i, k)
    {
        const char *key = json_string_value(k);
        const struct care_item *it = find(r, key);
        json_array_append_new(out, json_pack("{s:s,s:s}", "key", key ? key : "", "label", it ? _(it->label) : key ? key : ""));
    }
    json_decref(keys);
    return out;
}

static json_t *hours(int64_t minutes)
{
    return json_real(minutes / 60.0);
}

/* The minutes logged in each week (Monday's date -> minutes) of a service. */
static json_t *week_minutes(struct db *db, int64_t service_id)
{
    json_t *rows = db_rows(db, "SELECT visit_date, minutes FROM care_visits WHERE service_id=?", "i", service_id);
    json_t *m = json_object();
    size_t i;
    json_t *v;
    json_array_foreach(rows, i, v)
    {
        char wk[16];
        if (care_week_start(sget(v, "visit_date"), wk) != 0)
            continue;
        json_object_set_new(m, wk, json_integer(iget(m, wk) + iget(v, "minutes")));
    }
    json_decref(rows);
    return m;
}

#define CS_COLS                                                                                              \
    "SELECT s.id, s.client_id, c.given_name, c.family_name, s.org_id, o.name AS org_name, s.worker_id,"        \
    " w.staff_id AS worker_staff_id, COALESCE(ws.display_name, w.name) AS worker_name, s.worker_kind, s.tasks," \
    " s.minutes_per_week, s.start_date, s.review_date, s.end_criteria, s.note, s.end_date, s.end_criterion,"    \
    " s.end_note, s.ended_by, eb.display_name AS ended_by_name, s.ended_at, s.created_by, cb.display_name AS"   \
    " created_by_name, s.created_at, s.updated_at, s.version, CASE WHEN s.end_date IS NULL THEN 0 ELSE 1 END"   \
    " AS ended, (SELECT count(*) FROM care_visits v WHERE v.service_id=s.id) AS visits, (SELECT"                 \
    " max(v.visit_date) FROM care_visits v WHERE v.service_id=s.id) AS last_visit FROM care_services s JOIN"    \
    " clients c ON c.id=s.client_id JOIN orgs o ON o.id=s.org_id JOIN care_workers w ON w.id=s.worker_id LEFT" \
    " JOIN staff ws ON ws.id=w.staff_id LEFT JOIN staff eb ON eb.id=s.ended_by JOIN staff cb ON"                \
    " cb.id=s.created_by"

static void shape_service(struct ctx *c, json_t *r, const char *today)
{
    const struct care_rules *rules = care_rules();
    int64_t plan = iget(r, "minutes_per_week");
    int ended = iget(r, "ended") != 0;
    json_object_set_new(r, "tasks", labelled(sget(r, "tasks"), care_task));
    json_object_set_new(r, "end_criteria", labelled(sget(r, "end_criteria"), care_end));
    json_object_set_new(r, "hours_per_week", hours(plan));
    json_object_set_new(r, "worker_external", json_boolean(json_is_null(json_object_get(r, "worker_staff_id"))));
    const struct care_item *k = care_kind(rules, sget(r, "worker_kind"));
    json_object_set_new(r, "worker_kind_label", json_string(k ? _(k->label) : sget(r, "worker_kind")));
    json_object_set_new(r, "status", json_string(ended ? "ended" : "active"));
    json_object_set_new(r, "review_due", json_boolean(!ended && strcmp(sget(r, "review_date"), today) <= 0));
    const char *crit = sget(r, "end_criterion");
    const struct care_item *e = care_end(rules, crit);
    json_object_set_new(r, "end_criterion_label", crit ? json_string(e ? _(e->label) : crit) : json_null());
    if (crit) {
        int agreed = 0;
        json_t *a = json_object_get(r, "end_criteria");
        size_t i;
        json_t *x;
        json_array_foreach(a, i, x) agreed |= str_eq(sget(x, "key"), crit);
        json_object_set_new(r, "criterion_agreed", json_boolean(agreed));
    } else
        json_object_set_new(r, "criterion_agreed", json_null());
    json_object_set_new(r, "is_worker",
                        json_boolean(c->a && iget(r, "worker_staff_id") == c->a->staff_id && iget(r, "org_id") == c->a->org_id));
    /* the weeks: the last CARE_WEEKS_SHOWN up to today (or the end), hours against the plan */
    json_t *m = week_minutes(c->db, iget(r, "id"));
    int over = 0;
    const char *wk_key;
    json_t *wv;
    json_object_foreach(m, wk_key, wv) over += care_over_plan(rules, plan, json_integer_value(wv));
    json_object_set_new(r, "over_plan_weeks", json_integer(over));
    char first[16], last[16], w[16];
    care_week_start(ended ? sget(r, "end_date") : today, last);
    care_week_start(sget(r, "start_date"), first);
    add_days(last, -7 * (CARE_WEEKS_SHOWN - 1), w);
    if (strcmp(w, first) > 0)
        snprintf(first, sizeof first, "%s", w);
    json_t *weeks = json_array();
    for (snprintf(w, sizeof w, "%s", last); strcmp(w, first) >= 0; add_days(w, -7, w)) {
        int64_t mins = iget(m, w);
        json_array_append_new(weeks, json_pack("{s:s,s:o,s:o,s:b}", "week_start", w, "hours", hours(mins), "plan_hours",
                                               hours(plan), "over_plan", care_over_plan(rules, plan, mins)));
    }
    json_decref(m);
    json_object_set_new(r, "weeks", weeks);
    json_object_del(r, "minutes_per_week");
    json_object_del(r, "ended");
}

static json_t *service_load(struct ctx *c, int64_t id)
{
    json_t *r = db_row(c->db, CS_COLS " WHERE s.id=?", "i", id);
    if (!r)
        return NULL;
    char today[16];
    iso_today(today);
    shape_service(c, r, today);
    return r;
}

/* ---- the gate of one service ---- */

struct svc {
    int64_t client_id, org_id, worker_id, worker_staff, minutes;
    char start[16], end[16];
    json_t *tasks; /* the keys in scope */
};

static void svc_free(struct svc *s)
{
    json_decref(s->tasks);
    s->tasks = NULL;
}

/* 1 when the client's active consent shares the care plan with the actor's organisation. */
static int sees_other(struct ctx *c, int64_t client_id)
{
    if (!c->a || access_table(RES_CARE_SERVICE, ACT_READ, REL_SHARED, c->a->role) == V_DENY)
        return 0;
    char today[16];
    iso_today(today);
    int64_t kid = 0;
    int64_t classes = consent_classes(c->db, client_id, c->a->org_id, consent_purposes_of_role(c->a->role), today, &kid);
    return classes > 0 && (classes & DC_BIT(DC_CARE_PLAN));
}

/* The access check of one service: the table for the client, then the rule on the record: whom
 * the organisation alone lets ask must be the service's care worker; another organisation's service
 * is read only through consent to the care plan and changed only by its own organisation.
 * *as_worker: let through only as its care worker (their own visits). */
static int care_gate(struct ctx *c, enum res res, enum act act, int64_t id, const char *action, struct svc *s,
                     int *as_worker)
{
    memset(s, 0, sizeof *s);
    json_t *row = db_row(c->db,
                         "SELECT s.client_id, s.org_id, s.worker_id, w.staff_id, s.minutes_per_week, s.start_date,"
                         " s.end_date, s.tasks FROM care_services s JOIN care_workers w ON w.id=s.worker_id WHERE s.id=?",
                         "i", id);
    if (!row)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such care service."));
    s->client_id = iget(row, "client_id");
    s->org_id = iget(row, "org_id");
    s->worker_id = iget(row, "worker_id");
    s->worker_staff = iget(row, "staff_id");
    s->minutes = iget(row, "minutes_per_week");
    snprintf(s->start, sizeof s->start, "%s", sget(row, "start_date"));
    snprintf(s->end, sizeof s->end, "%s", sget(row, "end_date") ? sget(row, "end_date") : "");
    s->tasks = json_loads(sget(row, "tasks") ? sget(row, "tasks") : "[]", 0, NULL);
    json_decref(row);
    int rc = access_check(c, res, act, s->client_id, action);
    if (rc != OK)
        return rc;
    int worker = s->worker_staff && s->worker_staff == c->a->staff_id && s->org_id == c->a->org_id;
    int beyond = access_may_beyond_org(c, res, act, s->client_id);
    *as_worker = worker && !beyond;
    if (!beyond && !worker)
        return access_deny(c, res, act, s->client_id, action, "care_service", id,
                           _("Only the client's care team and the service's care worker see a care service."));
    if (!worker && s->org_id != c->a->org_id) {
        if (act != ACT_READ && act != ACT_LIST)
            return access_deny(c, res, act, s->client_id, action, "care_service", id,
                               _("Only the organisation that provides a care service changes it or logs its visits."));
        if (!sees_other(c, s->client_id))
            return access_deny(c, res, act, s->client_id, action, "care_service", id,
                               _("This care service is another organisation's; the client's consent does not share "
                                 "their care plan with yours."));
    }
    return OK;
}

/* ---- reading input ---- */

/* A number of hours lo..hi in quarter hours, as minutes; 0 after a field error (or absent when not
 * required: -1). */
static int64_t minutes_of(struct ctx *c, json_t *in, const char *field, int required, double lo, double hi)
{
    json_t *v = json_object_get(in, field);
    if (!v || json_is_null(v)) {
        if (required)
            ctx_field(c, field, _("is required"));
        return required ? 0 : -1;
    }
    double h = json_is_number(v) ? json_number_value(v) : -1;
    char m[120];
    if (!json_is_number(v) || h < lo || h > hi) {
        snprintf(m, sizeof m, _("must be a number of hours from %g to %g"), lo, hi);
        ctx_field(c, field, m);
        return 0;
    }
    double q = h * 4;
    if (fabs(q - floor(q + 0.5)) > 1e-6) {
        ctx_field(c, field, _("must be in quarter hours (0.25, 0.5, 0.75)"));
        return 0;
    }
    return (int64_t)floor(q + 0.5) * 15;
}

/* An array of distinct keys that find knows (or, with scope, that scope holds); required: at least
 * one. A new array, or NULL after a field error (or when absent and not required). */
static json_t *keys_of(struct ctx *c, json_t *in, const char *field, int required,
                       const struct care_item *(*find)(const struct care_rules *, const char *), json_t *scope,
                       const char *not_known)
{
    json_t *v = json_object_get(in, field);
    if (!v || json_is_null(v)) {
        if (required)
            ctx_field(c, field, _("choose at least one"));
        return NULL;
    }
    if (!json_is_array(v) || !json_array_size(v) || json_array_size(v) > CARE_MAX_TASKS) {
        ctx_field(c, field, json_is_array(v) && !json_array_size(v) ? _("choose at least one") : _("must be a list of keys"));
        return NULL;
    }
    json_t *out = json_array();
    size_t i, j;
    json_t *k, *x;
    json_array_foreach(v, i, k)
    {
        const char *key = json_string_value(k);
        int known = key && find(care_rules(), key);
        if (known && scope) {
            known = 0;
            json_array_foreach(scope, j, x) known |= str_eq(json_string_value(x), key);
        }
        if (!known) {
            char m[200];
            snprintf(m, sizeof m, not_known, key ? key : "?");
            ctx_field(c, field, m);
            json_decref(out);
            return NULL;
        }
        int dup = 0;
        json_array_foreach(out, j, x) dup |= str_eq(json_string_value(x), key);
        if (!dup)
            json_array_append(out, k);
    }
    return out;
}

static char *dump(json_t *a)
{
    return json_dumps(a, JSON_COMPACT);
}

/* The care worker named by in (worker_staff_id: a staff member of the actor's organisation with an
 * account; worker_name: an external worker): found or recorded. 0 after a field error (or absent
 * when not required: -1). */
static int64_t worker_of(struct ctx *c, json_t *in, int required, const char *now)
{
    int64_t staff = v_int(c, in, "worker_staff_id", 0, 1, INT64_MAX, 0);
    const char *name = v_str(c, in, "worker_name", 0, 200, NULL);
    if (name && !v_text_chars(name))
        name = NULL;
    if (staff && name) {
        ctx_field(c, "worker_staff_id", _("choose a staff member or name an external worker, not both"));
        return 0;
    }
    if (!staff && !name) {
        if (required)
            ctx_field(c, "worker_staff_id", _("choose a staff member, or name an external care worker"));
        return required ? 0 : -1;
    }
    if (staff) {
        json_t *s = db_row(c->db, "SELECT display_name, role, disabled FROM staff WHERE id=? AND org_id=?", "ii", staff,
                           c->a->org_id);
        int ok = s && !iget(s, "disabled") && !str_eq(sget(s, "role"), "analyst") &&
                 !str_eq(sget(s, "role"), "task_force") && !str_eq(sget(s, "role"), "admin");
        char dn[200];
        snprintf(dn, sizeof dn, "%s", s ? sget(s, "display_name") : "");
        json_decref(s);
        if (!ok) {
            ctx_field(c, "worker_staff_id", _("is not an active staff member of your organisation who works with clients"));
            return 0;
        }
        int64_t id = db_int1(c->db, 0, "SELECT id FROM care_workers WHERE org_id=? AND staff_id=?", "ii", c->a->org_id,
                             staff);
        if (!id)
            id = db_insert_id(c->db,
                              "INSERT INTO care_workers(org_id, staff_id, name, created_by, created_at) VALUES"
                              " (?,?,?,?,?) RETURNING id",
                              "iitit", c->a->org_id, staff, dn, c->a->staff_id, now);
        return id;
    }
    int64_t id = db_int1(c->db, 0, "SELECT id FROM care_workers WHERE org_id=? AND staff_id IS NULL AND name=?", "it",
                         c->a->org_id, name);
    if (!id)
        id = db_insert_id(c->db,
                          "INSERT INTO care_workers(org_id, staff_id, name, created_by, created_at) VALUES"
                          " (?,NULL,?,?,?) RETURNING id",
                          "itit", c->a->org_id, name, c->a->staff_id, now);
    return id;
}

/* ---- plans ---- */

int care_service_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_CARE_SERVICE, ACT_LIST, client_id, "care_service.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.ended", 0}, {"p.start_date", 1}, {"p.id", 1}, {NULL, 0}};
    /* another organisation's services only through consent to the care plan */
    int other = sees_other(c, client_id);
    rc = page_query(c, pg, order, out, CS_COLS " WHERE s.client_id=? AND (s.org_id=? OR ?=1)", "iii", client_id,
                    c->a->org_id, (int64_t)other);
    if (rc != OK)
        return rc;
    char today[16];
    iso_today(today);
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) shape_service(c, r, today);
    audit_log(c, "care_service.list", "ok", client_id, "care_service", 0, NULL);
    return OK;
}

int care_service_get(struct ctx *c, int64_t id, json_t **out)
{
    struct svc s;
    int w;
    int rc = care_gate(c, RES_CARE_SERVICE, ACT_READ, id, "care_service.read", &s, &w);
    svc_free(&s);
    if (rc != OK)
        return rc;
    *out = service_load(c, id);
    if (!*out)
        return ctx_fail(c, ERR_DB, "%s", _("The care service could not be read."));
    audit_log(c, "care_service.read", "ok", s.client_id, "care_service", id, w ? "care worker" : NULL);
    return OK;
}

/* What create and update share: every member read and checked (update: absent ones keep cur's). */
struct plan_in {
    json_t *tasks, *ends;
    int64_t minutes, worker;
    const char *kind, *start, *review, *note;
};

static void plan_read(struct ctx *c, json_t *in, int create, const char *now, struct plan_in *p)
{
    memset(p, 0, sizeof *p);
    p->tasks = keys_of(c, in, "tasks", create, care_task, NULL, _("\"%s\" is not a task of the configured list"));
    p->ends = keys_of(c, in, "end_criteria", create, care_end, NULL,
                      _("\"%s\" is not a termination criterion of the configured list"));
    p->minutes = minutes_of(c, in, "hours_per_week", create, 0.25, 60);
    p->kind = v_str(c, in, "worker_kind", create, CARE_KEY_MAX, NULL);
    if (p->kind && !care_kind(care_rules(), p->kind))
        ctx_field(c, "worker_kind", _("is not a kind of care worker of the configuration"));
    p->start = v_date(c, in, "start_date", 0);
    p->review = v_date(c, in, "review_date", create);
    p->note = v_str(c, in, "note", 0, 2000, NULL);
    if (!c->errors)
        p->worker = worker_of(c, in, create, now);
}

static void plan_free(struct plan_in *p)
{
    json_decref(p->tasks);
    json_decref(p->ends);
}

int care_service_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_CARE_SERVICE, ACT_CREATE, client_id, "care_service.create");
    if (rc != OK)
        return rc;
    if (!rules_or_fail(c))
        return ERR_CONFLICT;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    struct plan_in p;
    plan_read(c, in, 1, now, &p);
    const char *start = p.start && *p.start ? p.start : today;
    if (p.review && *p.review && strcmp(p.review, start) <= 0)
        ctx_field(c, "review_date", _("must be after the start"));
    if (c->errors) {
        plan_free(&p);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    if (!p.worker) {
        plan_free(&p);
        return ctx_fail(c, ERR_DB, "%s", _("The care service could not be saved."));
    }
    char *tasks = dump(p.tasks), *ends = dump(p.ends);
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO care_services(client_id, org_id, worker_id, worker_kind, tasks,"
                              " minutes_per_week, start_date, review_date, end_criteria, note, created_by, created_at,"
                              " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                              "iiittittttitt", client_id, c->a->org_id, p.worker, p.kind, tasks, p.minutes, start,
                              p.review, ends, p.note && *p.note ? p.note : NULL, c->a->staff_id, now, now);
    free(tasks);
    free(ends);
    plan_free(&p);
    if (!id)
        return ctx_fail(c, ERR_DB, "%s", _("The care service could not be saved."));
    audit_log(c, "care_service.create", "ok", client_id, "care_service", id, NULL);
    *out = service_load(c, id);
    return OK;
}

int care_service_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    struct svc s;
    int w;
    int rc = care_gate(c, RES_CARE_SERVICE, ACT_UPDATE, id, "care_service.update", &s, &w);
    if (rc == OK && w)
        rc = access_deny(c, RES_CARE_SERVICE, ACT_UPDATE, s.client_id, "care_service.update", "care_service", id,
                         _("The care team changes a care service; its care worker logs visits."));
    if (rc == OK && !rules_or_fail(c))
        rc = ERR_CONFLICT;
    if (rc == OK && !json_is_object(in))
        rc = ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    if (rc != OK) {
        svc_free(&s);
        return rc;
    }
    char now[32];
    iso_now(now);
    json_t *cur = db_row(c->db, "SELECT review_date, version FROM care_services WHERE id=?", "i", id);
    struct plan_in p;
    plan_read(c, in, 0, now, &p);
    const char *start = p.start && *p.start ? p.start : s.start;
    const char *review = p.review && *p.review ? p.review : sget(cur, "review_date");
    if (review && strcmp(review, start) <= 0)
        ctx_field(c, p.review && *p.review ? "review_date" : "start_date", _("must be after the start"));
    int64_t current = iget(cur, "version");
    int ended = s.end[0] != 0;
    svc_free(&s);
    if (c->errors) {
        json_decref(cur);
        plan_free(&p);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    if (ended) {
        json_decref(cur);
        plan_free(&p);
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This care service has ended: it is no longer changed."));
    }
    if (version != current) {
        json_decref(cur);
        plan_free(&p);
        return ctx_stale(c, current);
    }
    char *tasks = p.tasks ? dump(p.tasks) : NULL, *ends = p.ends ? dump(p.ends) : NULL;
    const char *note = json_object_get(in, "note") ? (p.note && *p.note ? p.note : NULL) : NULL;
    int keep_note = !json_object_get(in, "note");
    rc = db_run(c->db,
                "UPDATE care_services SET tasks=COALESCE(?, tasks), end_criteria=COALESCE(?, end_criteria),"
                " minutes_per_week=CASE WHEN ?>0 THEN ? ELSE minutes_per_week END, worker_id=CASE WHEN ?>0 THEN ? ELSE"
                " worker_id END, worker_kind=COALESCE(?, worker_kind), start_date=?, review_date=?, note=CASE WHEN ?=1"
                " THEN note ELSE ? END, updated_at=?, version=version+1 WHERE id=? AND version=?",
                "ttiiiitttittii", tasks, ends, p.minutes, p.minutes, p.worker, p.worker, p.kind, start, review,
                (int64_t)keep_note, note, now, id, version);
    free(tasks);
    free(ends);
    plan_free(&p);
    json_decref(cur);
    if (rc != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The care service could not be saved."));
    audit_log(c, "care_service.update", "ok", s.client_id, "care_service", id, NULL);
    *out = service_load(c, id);
    return OK;
}

int care_service_end(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    struct svc s;
    int w;
    int rc = care_gate(c, RES_CARE_SERVICE, ACT_UPDATE, id, "care_service.end", &s, &w);
    if (rc == OK && w)
        rc = access_deny(c, RES_CARE_SERVICE, ACT_UPDATE, s.client_id, "care_service.end", "care_service", id,
                         _("The care team ends a care service; its care worker logs visits."));
    if (rc == OK && !rules_or_fail(c))
        rc = ERR_CONFLICT;
    if (rc == OK && !json_is_object(in))
        rc = ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    svc_free(&s);
    if (rc != OK)
        return rc;
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    const char *crit = v_str(c, in, "criterion", 1, CARE_KEY_MAX, NULL);
    if (crit && !care_end(care_rules(), crit))
        ctx_field(c, "criterion", _("is not a termination criterion of the configuration"));
    const char *end = v_date(c, in, "end_date", 0);
    const char *note = v_str(c, in, "note", 0, 1000, NULL);
    if (!end || !*end)
        end = today;
    if (strcmp(end, s.start) < 0)
        ctx_field(c, "end_date", _("must not be before the service started"));
    else if (strcmp(end, today) > 0)
        ctx_field(c, "end_date", _("must not be in the future"));
    else if (db_int1(c->db, 0, "SELECT count(*) FROM care_visits WHERE service_id=? AND visit_date>?", "it", id, end))
        ctx_field(c, "end_date", _("must not be before a visit already logged"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (s.end[0])
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This care service has ended already."));
    int64_t current = db_int1(c->db, 0, "SELECT version FROM care_services WHERE id=?", "i", id);
    if (version != current)
        return ctx_stale(c, current);
    if (db_run(c->db,
               "UPDATE care_services SET end_date=?, end_criterion=?, end_note=?, ended_by=?, ended_at=?, updated_at=?,"
               " version=version+1 WHERE id=? AND version=?",
               "tttittii", end, crit, note && *note ? note : NULL, c->a->staff_id, now, now, id, version) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The care service could not be saved."));
    audit_log(c, "care_service.end", "ok", s.client_id, "care_service", id, crit);
    *out = service_load(c, id);
    return OK;
}

/* ---- visits ---- */

#define CV_COLS                                                                                              \
    "SELECT v.id, v.service_id, v.client_id, v.worker_id, COALESCE(ws.display_name, w.name) AS worker_name,"   \
    " v.visit_date, v.minutes, v.tasks_done, v.noticed, v.concern, v.concern_task, v.made_by, m.display_name"  \
    " AS made_by_name, v.made_at FROM care_visits v JOIN care_workers w ON w.id=v.worker_id LEFT JOIN staff ws" \
    " ON ws.id=w.staff_id JOIN staff m ON m.id=v.made_by"

static void shape_visit(json_t *r, json_t *weeks, int64_t plan)
{
    char wk[16] = "";
    care_week_start(sget(r, "visit_date"), wk);
    int64_t mins = iget(weeks, wk);
    json_object_set_new(r, "hours", hours(iget(r, "minutes")));
    json_object_set_new(r, "tasks_done", labelled(sget(r, "tasks_done"), care_task));
    json_object_set_new(r, "concern", json_boolean(iget(r, "concern") != 0));
    json_object_set_new(r, "week_start", json_string(wk));
    json_object_set_new(r, "week_hours", hours(mins));
    json_object_set_new(r, "week_over_plan", json_boolean(care_over_plan(care_rules(), plan, mins)));
    json_object_del(r, "minutes");
}

int care_visit_list(struct ctx *c, int64_t service_id, const struct page *pg, json_t **out)
{
    struct svc s;
    int w;
    int rc = care_gate(c, RES_CARE_VISIT, ACT_LIST, service_id, "care_visit.list", &s, &w);
    svc_free(&s);
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.visit_date", 1}, {"p.id", 1}, {NULL, 0}};
    /* its care worker: their own visits */
    rc = page_query(c, pg, order, out, CV_COLS " WHERE v.service_id=? AND (?=0 OR v.worker_id=?)", "iii", service_id,
                    (int64_t)w, s.worker_id);
    if (rc != OK)
        return rc;
    json_t *weeks = week_minutes(c->db, service_id);
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) shape_visit(r, weeks, s.minutes);
    json_decref(weeks);
    audit_log(c, "care_visit.list", "ok", s.client_id, "care_service", service_id, w ? "care worker" : NULL);
    return OK;
}

/* Who hears of a concern: the primary case manager of the client's open episode at the service's
 * organisation, else whoever set the service up (active accounts), else the one logging it. */
static int64_t concern_owner(struct db *db, int64_t client_id, int64_t org_id, int64_t service_id, int64_t actor)
{
    int64_t cm = db_int1(db, 0,
                         "SELECT e.primary_cm FROM episodes e JOIN staff s ON s.id=e.primary_cm WHERE e.client_id=?"
                         " AND e.org_id=? AND e.status<>'discharged' AND s.disabled=0 ORDER BY e.start_date DESC,"
                         " e.id DESC LIMIT 1",
                         "ii", client_id, org_id);
    if (!cm)
        cm = db_int1(db, 0,
                     "SELECT s.id FROM care_services c JOIN staff s ON s.id=c.created_by WHERE c.id=? AND s.disabled=0",
                     "i", service_id);
    return cm ? cm : actor;
}

int care_visit_create(struct ctx *c, int64_t service_id, json_t *in, json_t **out)
{
    struct svc s;
    int w;
    int rc = care_gate(c, RES_CARE_VISIT, ACT_CREATE, service_id, "care_visit.create", &s, &w);
    if (rc == OK && !rules_or_fail(c))
        rc = ERR_CONFLICT;
    if (rc == OK && !json_is_object(in))
        rc = ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    if (rc != OK) {
        svc_free(&s);
        return rc;
    }
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    const char *on = v_date(c, in, "visit_date", 0);
    if (!on || !*on)
        on = today;
    if (strcmp(on, today) > 0)
        ctx_field(c, "visit_date", _("must not be in the future"));
    else if (strcmp(on, s.start) < 0)
        ctx_field(c, "visit_date", _("must not be before the service started"));
    else if (s.end[0] && strcmp(on, s.end) > 0)
        ctx_field(c, "visit_date", _("must not be after the service ended"));
    int64_t minutes = minutes_of(c, in, "hours", 1, 0.25, 12);
    json_t *done = keys_of(c, in, "tasks_done", 1, care_task, s.tasks, _("\"%s\" is not in the plan's scope"));
    const char *noticed = v_str(c, in, "noticed", 0, 2000, NULL);
    int concern = v_bool(in, "concern");
    if (noticed && !v_text_chars(noticed))
        noticed = NULL;
    if (concern && !noticed)
        ctx_field(c, "noticed", _("say what you noticed: the case manager gets it as a task"));
    if (c->errors) {
        json_decref(done);
        svc_free(&s);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    char *d = dump(done);
    json_decref(done);
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO care_visits(service_id, client_id, worker_id, visit_date, minutes, tasks_done,"
                              " noticed, concern, made_by, made_at) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                              "iiitittiit", service_id, s.client_id, s.worker_id, on, minutes, d, noticed,
                              (int64_t)concern, c->a->staff_id, now);
    free(d);
    if (!id) {
        svc_free(&s);
        return ctx_fail(c, ERR_DB, "%s", _("The visit could not be saved."));
    }
    char why[40];
    snprintf(why, sizeof why, "visit %lld", (long long)id);
    audit_log(c, "care_visit.create", "ok", s.client_id, "care_service", service_id, why);
    if (concern) {
        char text[240];
        snprintf(text, sizeof text, "%.200s%s", noticed, strlen(noticed) > 200 ? "…" : "");
        int64_t owner = concern_owner(c->db, s.client_id, s.org_id, service_id, c->a->staff_id);
        json_t *args = json_pack("{s:s,s:s,s:s,s:I}", "by", c->a->name, "date", on, "text", text, "id",
                                 (json_int_t)service_id);
        json_t *t = risk_rule_task(c, s.client_id, owner, "care_visit.concern", args, today, "high", why);
        json_decref(args);
        int64_t tid = iget(t, "id");
        json_decref(t);
        if (!tid || db_run(c->db, "UPDATE care_visits SET concern_task=? WHERE id=?", "ii", tid, id) != DB_OK) {
            svc_free(&s);
            return ctx_fail(c, ERR_DB, "%s", _("The visit could not be saved."));
        }
    }
    json_t *r = db_row(c->db, CV_COLS " WHERE v.id=?", "i", id);
    json_t *weeks = week_minutes(c->db, service_id);
    if (r)
        shape_visit(r, weeks, s.minutes);
    json_decref(weeks);
    svc_free(&s);
    *out = r;
    return r ? OK : ctx_fail(c, ERR_DB, "%s", _("The visit could not be read."));
}

/* ---- the care worker's own work, the supervisor's over-plan list ---- */

int care_work_mine(struct ctx *c, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_CARE_VISIT, ACT_LIST, 0, "care_visit.mine");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.ended", 0}, {"p.start_date", 1}, {"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out, CS_COLS " WHERE w.staff_id=? AND s.org_id=?", "ii", c->a->staff_id,
                    c->a->org_id);
    if (rc != OK)
        return rc;
    char today[16];
    iso_today(today);
    size_t i;
    json_t *r, *shown = json_array();
    json_array_foreach(json_object_get(*out, "items"), i, r)
    {
        json_array_append_new(shown, json_pack("{s:I}", "id", (json_int_t)iget(r, "client_id")));
        shape_service(c, r, today);
    }
    audit_log_shown(c, "care_visit.mine", "care_service", shown);
    c->pend[c->npend - 1].purpose = "care"; /* the worker's own work, not a search */
    json_decref(shown);
    return OK;
}

static int month_of(struct ctx *c, const char *month, char m[8], char from[16], char to[16]);

int care_over_plan_list(struct ctx *c, const char *month, json_t **out)
{
    int rc = access_check(c, RES_CARE_SERVICE, ACT_REVIEW, 0, "care_service.over_plan");
    if (rc != OK)
        return rc;
    /* the weeks that began in the month asked, else the last CARE_OVER_PLAN_WEEKS */
    char today[16], since[16], until[16] = "9999-12-31", visits_until[16] = "9999-12-31", wk[16];
    iso_today(today);
    if (month && *month) {
        char m[8], from[16];
        if (month_of(c, month, m, from, until) != OK)
            return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
        care_week_start(from, since);
        add_days(until, 7, visits_until);
    } else {
        care_week_start(today, wk);
        add_days(wk, -7 * (CARE_OVER_PLAN_WEEKS - 1), since);
    }
    json_t *rows = db_rows(c->db,
                           "SELECT s.id, s.client_id, c.given_name, c.family_name, COALESCE(ws.display_name, w.name) AS"
                           " worker_name, s.minutes_per_week, v.visit_date, v.minutes FROM care_visits v JOIN"
                           " care_services s ON s.id=v.service_id JOIN clients c ON c.id=s.client_id JOIN care_workers w"
                           " ON w.id=s.worker_id LEFT JOIN staff ws ON ws.id=w.staff_id WHERE s.org_id=? AND"
                           " v.visit_date>=? AND v.visit_date<? ORDER BY s.id",
                           "itt", c->a->org_id, since, visits_until);
    /* per service and week: the minutes */
    json_t *per = json_object(), *info = json_object();
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        char key[64], sid[24];
        care_week_start(sget(r, "visit_date"), wk);
        snprintf(sid, sizeof sid, "%lld", (long long)iget(r, "id"));
        snprintf(key, sizeof key, "%s|%s", wk, sid);
        json_object_set_new(per, key, json_integer(iget(per, key) + iget(r, "minutes")));
        if (!json_object_get(info, sid))
            json_object_set(info, sid, r);
    }
    json_t *items = json_array(), *shown = json_array();
    const char *key;
    json_t *v;
    json_object_foreach(per, key, v)
    {
        const char *bar = strchr(key, '|');
        json_t *s = json_object_get(info, bar + 1);
        int64_t plan = iget(s, "minutes_per_week"), mins = json_integer_value(v);
        char week[16];
        snprintf(week, sizeof week, "%.*s", (int)(bar - key), key);
        if (!care_over_plan(care_rules(), plan, mins) || strcmp(week, until) >= 0)
            continue;
        json_array_append_new(items, json_pack("{s:I,s:I,s:O,s:O,s:O,s:s,s:o,s:o}", "service_id",
                                               (json_int_t)iget(s, "id"), "client_id", (json_int_t)iget(s, "client_id"),
                                               "given_name", json_object_get(s, "given_name"), "family_name",
                                               json_object_get(s, "family_name"), "worker_name",
                                               json_object_get(s, "worker_name"), "week_start", week, "hours",
                                               hours(mins), "plan_hours", hours(plan)));
        json_array_append_new(shown, json_pack("{s:I}", "id", (json_int_t)iget(s, "client_id")));
    }
    json_decref(per);
    json_decref(info);
    json_decref(rows);
    /* newest week first, then by service */
    size_t n = json_array_size(items);
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0; b--) {
            json_t *x = json_array_get(items, b - 1), *y = json_array_get(items, b);
            int cmp = strcmp(sget(x, "week_start"), sget(y, "week_start"));
            if (cmp > 0 || (cmp == 0 && iget(x, "service_id") <= iget(y, "service_id")))
                break;
            json_incref(x);
            json_array_set(items, b - 1, y);
            json_array_set_new(items, b, x);
        }
    audit_log_shown(c, "care_service.over_plan", "care_service", shown);
    json_decref(shown);
    *out = page_all(items);
    return OK;
}

/* ---- statements ---- */

/* month "YYYY-MM" (NULL or "": this month) into m, and its first day and the next month's. */
static int month_of(struct ctx *c, const char *month, char m[8], char from[16], char to[16])
{
    char today[16];
    iso_today(today);
    if (!month || !*month)
        snprintf(m, 8, "%.7s", today);
    else {
        char d[16];
        snprintf(d, sizeof d, "%.7s-01", month);
        if (strlen(month) != 7 || !iso_date_valid(d))
            return ctx_field(c, "month", _("must be a month YYYY-MM"));
        snprintf(m, 8, "%s", month);
    }
    snprintf(from, 16, "%s-01", m);
    careplan_add_months(from, 1, to);
    return OK;
}

/* The statement of one worker (row {id, org_id, staff_id, name, org_name}) for [from, to). */
static json_t *statement_of(struct ctx *c, json_t *wk, const char *m, const char *from, const char *to)
{
    const struct care_rules *rules = care_rules();
    json_t *rows = db_rows(c->db,
                           "SELECT v.id AS visit_id, v.visit_date, v.service_id, v.client_id, c.given_name,"
                           " c.family_name, s.worker_kind, v.minutes FROM care_visits v JOIN care_services s ON"
                           " s.id=v.service_id JOIN clients c ON c.id=v.client_id WHERE v.worker_id=? AND"
                           " v.visit_date>=? AND v.visit_date<? ORDER BY v.visit_date, v.id",
                           "itt", iget(wk, "id"), from, to);
    int64_t total_min = 0, total = 0;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        int own = 0;
        int64_t rate = care_rate(rules, sget(r, "worker_kind"), sget(wk, "org_name"), &own);
        int64_t mins = iget(r, "minutes"), amount = care_amount(mins, rate);
        const struct care_item *k = care_kind(rules, sget(r, "worker_kind"));
        json_object_set_new(r, "worker_kind_label", json_string(k ? _(k->label) : sget(r, "worker_kind")));
        json_object_set_new(r, "hours", hours(mins));
        json_object_set_new(r, "rate", json_integer(rate));
        json_object_set_new(r, "own_rate", json_boolean(own));
        json_object_set_new(r, "amount", json_integer(amount));
        json_object_del(r, "minutes");
        total_min += mins;
        total += amount;
    }
    json_t *out = json_pack("{s:I,s:O,s:O,s:b,s:I,s:O,s:s,s:s,s:s,s:o,s:I,s:o,s:I}", "worker_id",
                            (json_int_t)iget(wk, "id"), "worker_name", json_object_get(wk, "name"), "worker_staff_id",
                            json_object_get(wk, "staff_id"), "external", json_is_null(json_object_get(wk, "staff_id")),
                            "org_id", (json_int_t)iget(wk, "org_id"), "org_name", json_object_get(wk, "org_name"),
                            "month", m, "currency", rules ? rules->currency : "", "rates_version",
                            rules ? rules->version : "", "lines", rows, "visits", (json_int_t)json_array_size(rows),
                            "total_hours", hours(total_min), "total_amount", (json_int_t)total);
    return out;
}

#define CW_COLS                                                                                              \
    "SELECT w.id, w.org_id, w.staff_id, COALESCE(s.display_name, w.name) AS name, o.name AS org_name FROM"     \
    " care_workers w JOIN orgs o ON o.id=w.org_id LEFT JOIN staff s ON s.id=w.staff_id"

int care_statement_list(struct ctx *c, const char *month, json_t **out)
{
    int rc = access_check(c, RES_CARE_STATEMENT, ACT_REVIEW, 0, "care_statement.list");
    if (rc != OK)
        return rc;
    char m[8], from[16], to[16];
    if (month_of(c, month, m, from, to) != OK)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    json_t *workers = db_rows(c->db,
                              CW_COLS " WHERE w.org_id=? AND EXISTS (SELECT 1 FROM care_visits v WHERE v.worker_id=w.id"
                                      " AND v.visit_date>=? AND v.visit_date<?) ORDER BY name, w.id",
                              "itt", c->a->org_id, from, to);
    json_t *items = json_array();
    size_t i;
    json_t *wk;
    json_array_foreach(workers, i, wk)
    {
        json_t *st = statement_of(c, wk, m, from, to);
        json_object_del(st, "lines"); /* the list: totals only, no client */
        json_array_append_new(items, st);
    }
    json_decref(workers);
    audit_log(c, "care_statement.list", "ok", 0, "care_statement", 0, m);
    *out = page_all(items);
    return OK;
}

static int statement_answer(struct ctx *c, json_t *wk, const char *month, json_t **out)
{
    char m[8], from[16], to[16];
    if (month_of(c, month, m, from, to) != OK) {
        json_decref(wk);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    *out = statement_of(c, wk, m, from, to);
    json_decref(wk);
    /* the clients its lines name, in each one's access report */
    json_t *shown = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "lines"), i, r)
        json_array_append_new(shown, json_pack("{s:I}", "id", (json_int_t)iget(r, "client_id")));
    audit_log_shown(c, "care_statement.read", "care_statement", shown);
    c->pend[c->npend - 1].entity_id = iget(*out, "worker_id");
    json_decref(shown);
    return OK;
}

int care_statement_get(struct ctx *c, int64_t worker_id, const char *month, json_t **out)
{
    json_t *wk = db_row(c->db, CW_COLS " WHERE w.id=?", "i", worker_id);
    int own = wk && c->a && iget(wk, "staff_id") == c->a->staff_id && iget(wk, "org_id") == c->a->org_id;
    /* the worker's own (READ), else a supervisor's or administrator's of the organisation (REVIEW) */
    int rc = access_check(c, RES_CARE_STATEMENT, own ? ACT_READ : ACT_REVIEW, 0, "care_statement.read");
    if (rc == OK && (!wk || iget(wk, "org_id") != c->a->org_id))
        rc = ctx_fail(c, ERR_NOTFOUND, "%s", _("No such care worker in your organisation."));
    if (rc != OK) {
        json_decref(wk);
        return rc;
    }
    return statement_answer(c, wk, month, out);
}

int care_statement_mine(struct ctx *c, const char *month, json_t **out)
{
    int rc = access_check(c, RES_CARE_STATEMENT, ACT_READ, 0, "care_statement.read");
    if (rc != OK)
        return rc;
    json_t *wk = db_row(c->db, CW_COLS " WHERE w.staff_id=? AND w.org_id=?", "ii", c->a->staff_id, c->a->org_id);
    if (!wk)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("You are not the care worker of any care service."));
    return statement_answer(c, wk, month, out);
}

static void csv_num(struct buf *b, json_t *v, int last)
{
    char t[40] = "";
    if (json_is_integer(v))
        snprintf(t, sizeof t, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(t, sizeof t, "%g", json_real_value(v));
    csv_field(b, t, last);
}

void care_statement_csv(json_t *st, struct buf *b)
{
    static const char *const head[] = {"worker_id", "worker_name", "month", "visit_date", "client_id", "family_name",
                                       "given_name", "worker_kind", "hours", "rate", "amount", "currency", NULL};
    buf_adds(b, "\xEF\xBB\xBF");
    for (int i = 0; head[i]; i++)
        csv_field(b, head[i], !head[i + 1]);
    json_t *wid = json_object_get(st, "worker_id");
    const char *wname = sget(st, "worker_name"), *month = sget(st, "month"), *cur = sget(st, "currency");
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(st, "lines"), i, r)
    {
        csv_num(b, wid, 0);
        csv_field(b, wname, 0);
        csv_field(b, month, 0);
        csv_field(b, sget(r, "visit_date"), 0);
        csv_num(b, json_object_get(r, "client_id"), 0);
        csv_field(b, sget(r, "family_name"), 0);
        csv_field(b, sget(r, "given_name"), 0);
        csv_field(b, sget(r, "worker_kind"), 0);
        csv_num(b, json_object_get(r, "hours"), 0);
        csv_num(b, json_object_get(r, "rate"), 0);
        csv_num(b, json_object_get(r, "amount"), 0);
        csv_field(b, cur, 1);
    }
    csv_num(b, wid, 0);
    csv_field(b, wname, 0);
    csv_field(b, month, 0);
    buf_adds(b, "total,,,,,");
    csv_num(b, json_object_get(st, "total_hours"), 0);
    buf_adds(b, ",");
    csv_num(b, json_object_get(st, "total_amount"), 0);
    csv_field(b, cur, 1);
}

json_t *care_staff_choices(struct ctx *c)
{
    return db_rows(c->db,
                   "SELECT id, display_name, role FROM staff WHERE org_id=? AND disabled=0 AND role NOT IN"
                   " ('admin','analyst') ORDER BY display_name, id",
                   "i", c->a ? c->a->org_id : 0);
}

/* ---- the descriptors ---- */

static const struct res_field care_item_fields[] = {
    {"key", FT_STRING, 0, N_("Key")}, {"label", FT_STRING, 0, N_("Label")}, {NULL, 0, 0, NULL}};
static const struct res_field care_week_fields[] = {
    {"week_start", FT_DATE, 0, N_("Week of")},
    {"hours", FT_NUMBER, 0, N_("Hours")},
    {"plan_hours", FT_NUMBER, 0, N_("Hours in the plan")},
    {"over_plan", FT_BOOL, 0, N_("Beyond the plan")},
    {NULL, 0, 0, NULL}};
static const struct res_field care_service_fields[] = {
    {"id", FT_INT, 0, N_("Care service")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"org_name", FT_STRING, 0, N_("Organisation")},
    {"worker_id", FT_INT, 0, N_("Care worker")},
    {"worker_staff_id", FT_INT, 1, N_("Staff account")},
    {"worker_name", FT_STRING, 0, N_("Care worker")},
    {"worker_external", FT_BOOL, 0, N_("External worker, without an account")},
    {"worker_kind", FT_STRING, 0, N_("Kind of worker")},
    {"worker_kind_label", FT_STRING, 0, N_("Kind of worker")},
    {"tasks", FT_ARRAY, 0, N_("Tasks in scope"), care_item_fields},
    {"hours_per_week", FT_NUMBER, 0, N_("Hours per week")},
    {"start_date", FT_DATE, 0, N_("Start")},
    {"review_date", FT_DATE, 0, N_("Review date")},
    {"review_due", FT_BOOL, 0, N_("Review due")},
    {"end_criteria", FT_ARRAY, 0, N_("Termination criteria agreed"), care_item_fields},
    {"note", FT_STRING, 1, N_("Note")},
    {"status", FT_STRING, 0, N_("Status")}, /* active, ended */
    {"end_date", FT_DATE, 1, N_("Ended")},
    {"end_criterion", FT_STRING, 1, N_("Criterion that applied")},
    {"end_criterion_label", FT_STRING, 1, N_("Criterion that applied")},
    {"criterion_agreed", FT_BOOL, 1, N_("One of the criteria agreed")},
    {"end_note", FT_STRING, 1, N_("Note on the end")},
    {"ended_by", FT_INT, 1, N_("Ended by")},
    {"ended_by_name", FT_STRING, 1, N_("Ended by")},
    {"ended_at", FT_DATETIME, 1, N_("Ended at")},
    {"visits", FT_INT, 0, N_("Visits")},
    {"last_visit", FT_DATE, 1, N_("Last visit")},
    {"over_plan_weeks", FT_INT, 0, N_("Weeks beyond the plan")},
    {"weeks", FT_ARRAY, 0, N_("Recent weeks"), care_week_fields},
    {"is_worker", FT_BOOL, 0, N_("You are its care worker")},
    {"created_by", FT_INT, 0, N_("Set up by")},
    {"created_by_name", FT_STRING, 0, N_("Set up by")},
    {"created_at", FT_DATETIME, 0, N_("Set up")},
    {"updated_at", FT_DATETIME, 0, N_("Changed")},
    {"version", FT_INT, 0, N_("Version")},
    {NULL, 0, 0, NULL}};
/* A week beyond the plan (the supervisor's list). */
static const struct res_field care_service_summary[] = {
    {"service_id", FT_INT, 0, N_("Care service")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {"worker_name", FT_STRING, 0, N_("Care worker")},
    {"week_start", FT_DATE, 0, N_("Week of")},
    {"hours", FT_NUMBER, 0, N_("Hours")},
    {"plan_hours", FT_NUMBER, 0, N_("Hours in the plan")},
    {NULL, 0, 0, NULL}};
static const struct res_audit care_service_actions[] = {
    {"care_service.list", ACT_LIST},     {"care_service.read", ACT_READ},  {"care_service.create", ACT_CREATE},
    {"care_service.update", ACT_UPDATE}, {"care_service.end", ACT_UPDATE}, {"care_service.over_plan", ACT_REVIEW},
    {NULL, 0}};
static const char *const care_service_tables[] = {"care_services", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
/* Staff of the client's organisation who may be named a care worker: the row at ORG lets them ask,
 * the rule on the record (care_gate) lets only the service's own care worker through. */
#define WORKERS (CARE | PS)
static const struct access_rule care_service_access[] = {
    /* read by the care team (housing coordinators and care-desk officers on it too), in an emergency
     * with its purpose, by another organisation through consent to the care plan; by its care worker */
    {RES_CARE_SERVICE, ACT_LIST, TEAM, CARE, A},
    {RES_CARE_SERVICE, ACT_LIST, GLASS | ONCALL, NOTES, P},
    {RES_CARE_SERVICE, ACT_LIST, SHARED, NOTES, P},
    {RES_CARE_SERVICE, ACT_READ, TEAM, CARE, A},
    {RES_CARE_SERVICE, ACT_READ, GLASS | ONCALL, NOTES, P},
    {RES_CARE_SERVICE, ACT_READ, SHARED, NOTES, P},
    {RES_CARE_SERVICE, ACT_READ, ORG, WORKERS, A},
    /* set up, changed and ended by the clinical members of the care team (their organisation's) */
    {RES_CARE_SERVICE, ACT_CREATE, TEAM, CLINICAL, A},
    {RES_CARE_SERVICE, ACT_UPDATE, TEAM, CLINICAL, A},
    /* the supervisor's list of weeks beyond the plan */
    {RES_CARE_SERVICE, ACT_REVIEW, NONE, SUP, A},
    {0}};
const struct resource res_care_service = {
    .access = care_service_access,
    .id = RES_CARE_SERVICE, .name = "care_service", .label = N_("Care service"), .plural = N_("Care services"),
    .summary = care_service_summary, .data_class = DC_BIT(DC_CARE_PLAN),
    RESOURCE_OF(care_service)};
RESOURCE_REGISTER(res_care_service);

static const struct res_field care_visit_fields[] = {
    {"id", FT_INT, 0, N_("Visit")},
    {"service_id", FT_INT, 0, N_("Care service")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"worker_id", FT_INT, 0, N_("Care worker")},
    {"worker_name", FT_STRING, 0, N_("Care worker")},
    {"visit_date", FT_DATE, 0, N_("Date")},
    {"hours", FT_NUMBER, 0, N_("Hours")},
    {"tasks_done", FT_ARRAY, 0, N_("Tasks done"), care_item_fields},
    {"noticed", FT_STRING, 1, N_("Anything noticed")},
    {"concern", FT_BOOL, 0, N_("A concern for the case manager")},
    {"concern_task", FT_INT, 1, N_("The case manager's task")},
    {"week_start", FT_DATE, 0, N_("Week of")},
    {"week_hours", FT_NUMBER, 0, N_("Hours that week")},
    {"week_over_plan", FT_BOOL, 0, N_("That week is beyond the plan")},
    {"made_by", FT_INT, 0, N_("Logged by")},
    {"made_by_name", FT_STRING, 0, N_("Logged by")},
    {"made_at", FT_DATETIME, 0, N_("Logged")},
    {NULL, 0, 0, NULL}};
static const struct res_audit care_visit_actions[] = {
    {"care_visit.list", ACT_LIST}, {"care_visit.create", ACT_CREATE}, {"care_visit.mine", ACT_LIST}, {NULL, 0}};
static const char *const care_visit_tables[] = {"care_visits", NULL};
static const struct access_rule care_visit_access[] = {
    {RES_CARE_VISIT, ACT_LIST, TEAM, CARE, A},
    {RES_CARE_VISIT, ACT_LIST, GLASS | ONCALL, NOTES, P},
    {RES_CARE_VISIT, ACT_LIST, SHARED, NOTES, P},
    /* the care worker: their own visits (the rule on the record) */
    {RES_CARE_VISIT, ACT_LIST, ORG, WORKERS, A},
    /* logged by the care worker, or for them by a clinical member of the care team */
    {RES_CARE_VISIT, ACT_CREATE, TEAM, CLINICAL, A},
    {RES_CARE_VISIT, ACT_CREATE, ORG, WORKERS, A},
    /* one's own care work: the services one is the care worker of (no client asked) */
    {RES_CARE_VISIT, ACT_LIST, NONE, WORKERS, A},
    {0}};
const struct resource res_care_visit = {
    .access = care_visit_access,
    .id = RES_CARE_VISIT, .name = "care_visit", .label = N_("Care visit"), .plural = N_("Care visits"),
    .data_class = DC_BIT(DC_CARE_PLAN),
    RESOURCE_OF(care_visit)};
RESOURCE_REGISTER(res_care_visit);

static const struct res_field care_line_fields[] = {
    {"visit_id", FT_INT, 0, N_("Visit")},
    {"visit_date", FT_DATE, 0, N_("Date")},
    {"service_id", FT_INT, 0, N_("Care service")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {"worker_kind", FT_STRING, 0, N_("Kind of worker")},
    {"worker_kind_label", FT_STRING, 0, N_("Kind of worker")},
    {"hours", FT_NUMBER, 0, N_("Hours")},
    {"rate", FT_INT, 0, N_("Hourly rate")},
    {"own_rate", FT_BOOL, 0, N_("The organisation's own rate")},
    {"amount", FT_INT, 0, N_("Amount")},
    {NULL, 0, 0, NULL}};
static const struct res_field care_statement_fields[] = {
    {"worker_id", FT_INT, 0, N_("Care worker")},
    {"worker_name", FT_STRING, 0, N_("Care worker")},
    {"worker_staff_id", FT_INT, 1, N_("Staff account")},
    {"external", FT_BOOL, 0, N_("External worker, without an account")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"org_name", FT_STRING, 0, N_("Organisation")},
    {"month", FT_STRING, 0, N_("Month")},
    {"currency", FT_STRING, 0, N_("Currency")},
    {"rates_version", FT_STRING, 0, N_("Rates version")},
    {"lines", FT_ARRAY, 0, N_("Visits"), care_line_fields},
    {"visits", FT_INT, 0, N_("Visits")},
    {"total_hours", FT_NUMBER, 0, N_("Total hours")},
    {"total_amount", FT_INT, 0, N_("Total")},
    {NULL, 0, 0, NULL}};
/* The organisation's list: a statement's totals, without its lines. */
static const struct res_field care_statement_summary[] = {
    {"worker_id", FT_INT, 0, N_("Care worker")},
    {"worker_name", FT_STRING, 0, N_("Care worker")},
    {"worker_staff_id", FT_INT, 1, N_("Staff account")},
    {"external", FT_BOOL, 0, N_("External worker, without an account")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"org_name", FT_STRING, 0, N_("Organisation")},
    {"month", FT_STRING, 0, N_("Month")},
    {"currency", FT_STRING, 0, N_("Currency")},
    {"rates_version", FT_STRING, 0, N_("Rates version")},
    {"visits", FT_INT, 0, N_("Visits")},
    {"total_hours", FT_NUMBER, 0, N_("Total hours")},
    {"total_amount", FT_INT, 0, N_("Total")},
    {NULL, 0, 0, NULL}};
static const struct res_audit care_statement_actions[] = {
    {"care_statement.list", ACT_REVIEW}, {"care_statement.read", ACT_READ}, {NULL, 0}};
static const char *const care_statement_tables[] = {"care_workers", NULL};
static const struct access_rule care_statement_access[] = {
    /* the organisation's statements: its supervisors and administrators (payroll) */
    {RES_CARE_STATEMENT, ACT_REVIEW, NONE, SUP | ADM, A},
    /* a care worker's own */
    {RES_CARE_STATEMENT, ACT_READ, NONE, WORKERS, A},
    {0}};
const struct resource res_care_statement = {
    .access = care_statement_access,
    .id = RES_CARE_STATEMENT, .name = "care_statement", .label = N_("Care worker's statement"),
    .plural = N_("Care workers' statements"), .summary = care_statement_summary,
    RESOURCE_OF(care_statement)};
RESOURCE_REGISTER(res_care_statement);
