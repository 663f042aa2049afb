/* linkage: resource linkage and monitoring (issue 11 §2). A step of a care plan is linked to a
 * service (of the directory, or a named local resource) and checked on a schedule: at each check,
 * whether the client uses it, is satisfied, and what changed. An overdue check makes a task (the time
 * rule below). Duplicate services (active linkages or open episodes of two organisations in one
 * domain) are shown to those who may see the client's plan, another organisation's only as "another
 * organisation: DOMAIN since DATE" unless the client's consent shares the care plan. */
#include "base/base.h"
#include "core/core.h"
#include "core/risk.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const linkage_units[] = {"day", "week", "month", NULL};
const char *const linkage_answers[] = {"yes", "partly", "no", NULL};

/* The programmes and the domain their episodes provide: one list, read by C and by SQL. */
#define LK_PROGRAMMES(X)                                                                                      \
    X("integrated_care", "mental_health_treatment")                                                          \
    X("intensive_case_management", "mental_health_treatment")                                                \
    X("act", "mental_health_treatment")                                                                      \
    X("housing_support", "housing")                                                                          \
    X("crisis", "crisis_response")
#define LK_ROW(p, d) {p, d},
#define LK_WHEN(p, d) " WHEN '" p "' THEN '" d "'"
#define LK_EPISODE_DOMAIN "CASE e.programme" LK_PROGRAMMES(LK_WHEN) " END"
static const struct {
    const char *programme, *domain;
} programme_domains[] = {LK_PROGRAMMES(LK_ROW)};

const char *linkage_programme_domain(const char *programme)
{
    for (size_t i = 0; programme && i < ARRAY_LEN(programme_domains); i++)
        if (str_eq(programme_domains[i].programme, programme))
            return programme_domains[i].domain;
    return NULL;
}

int linkage_interval_max(const char *unit)
{
    return str_eq(unit, "day") ? 366 : str_eq(unit, "week") ? 52 : str_eq(unit, "month") ? 12 : 0;
}

int linkage_next_due(const char *date, int64_t every_n, const char *unit, char out[16])
{
    int max = linkage_interval_max(unit);
    if (!date || !iso_date_valid(date) || !max || every_n < 1 || every_n > max)
        return -1;
    if (str_eq(unit, "month")) {
        careplan_add_months(date, (int)every_n, out);
        return 0;
    }
    char t[32];
    snprintf(t, sizeof t, "%.10sT12:00:00Z", date);
    int64_t e = iso_parse(t);
    if (e < 0)
        return -1;
    iso_time(e + every_n * (str_eq(unit, "week") ? 7 : 1) * 86400, t);
    snprintf(out, 16, "%.10s", t);
    return 0;
}

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static const char *sget(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* ---- what the actor may see of another organisation's ---- */

/* 1 when the client's active consent shares the care plan with the actor's organisation for a purpose
 * of the actor's role and the table lets that role read linkages so (REL_SHARED). */
static int sees_other(struct ctx *c, int64_t client_id)
{
    if (!c->a || access_table(RES_LINKAGE, ACT_READ, REL_SHARED, c->a->role) == V_DENY)
        return 0;
    char today[16];
    iso_today(today);
    int64_t kid = 0;
    int64_t classes = consent_classes(c->db, client_id, c->a->org_id, consent_purposes_of_role(c->a->role), today, &kid);
    return classes > 0 && (classes & DC_BIT(DC_CARE_PLAN));
}

#define LK_COLS                                                                                              \
    "SELECT l.id, l.client_id, l.org_id, o.name AS org_name, l.plan_id, l.step_key, l.goal_key, l.step_what,"  \
    " st.what AS step_now, l.service_id, s.name AS service_name, so.name AS service_org_name, s.contact AS"    \
    " service_contact, l.resource_name, l.resource_contact, l.domain, l.note, l.start_date, l.end_date,"       \
    " l.end_reason, l.ended_by, l.every_n, l.every_unit, l.next_check, l.check_task, l.created_by,"            \
    " cs.display_name AS created_by_name, l.created_at, l.updated_at, l.version, (SELECT max(k.checked_on)"   \
    " FROM linkage_checks k WHERE k.linkage_id=l.id) AS last_check, CASE WHEN l.end_date IS NULL THEN 0 ELSE" \
    " 1 END AS ended FROM linkages l JOIN orgs o ON o.id=l.org_id JOIN staff cs ON cs.id=l.created_by LEFT"   \
    " JOIN care_plan_steps st ON st.plan_id=l.plan_id AND st.step_key=l.step_key LEFT JOIN services s ON"    \
    " s.id=l.service_id LEFT JOIN orgs so ON so.id=s.org_id"

/* The words a step had in the newest version of its plan that still had it (a step removed since). */
static char *last_words(struct db *db, int64_t plan_id, const char *step_key)
{
    json_t *bodies = db_rows(db, "SELECT body FROM care_plan_versions WHERE plan_id=? ORDER BY number DESC", "i", plan_id);
    char *found = NULL;
    size_t i, j, k;
    json_t *v, *g, *s;
    json_array_foreach(bodies, i, v)
    {
        json_t *body = json_loads(sget(v, "body") ? sget(v, "body") : "{}", 0, NULL);
        json_array_foreach(json_object_get(body, "goals"), j, g) json_array_foreach(json_object_get(g, "steps"), k, s)
        {
            if (!found && str_eq(sget(s, "key"), step_key) && sget(s, "what"))
                found = xstrdup(sget(s, "what"));
        }
        json_decref(body);
        if (found)
            break;
    }
    json_decref(bodies);
    return found;
}

/* The API's shape: the name, the step's words now (or its last words), status and overdue. */
static void shape(struct ctx *c, json_t *r, const char *today)
{
    int in_plan = !json_is_null(json_object_get(r, "step_now")) && json_object_get(r, "step_now");
    if (in_plan)
        json_object_set(r, "step_what", json_object_get(r, "step_now"));
    else {
        char *w = last_words(c->db, iget(r, "plan_id"), sget(r, "step_key"));
        if (w)
            json_object_set_new(r, "step_what", json_string(w));
        free(w);
    }
    json_object_del(r, "step_now");
    json_object_set_new(r, "step_in_plan", json_boolean(in_plan));
    const char *name = sget(r, "service_name") ? sget(r, "service_name") : sget(r, "resource_name");
    json_object_set_new(r, "name", json_string(name ? name : ""));
    int ended = iget(r, "ended") != 0;
    json_object_del(r, "ended");
    json_object_set_new(r, "status", json_string(ended ? "ended" : "active"));
    const char *next = sget(r, "next_check");
    json_object_set_new(r, "overdue", json_boolean(!ended && next && strcmp(next, today) < 0));
    json_object_set_new(r, "own", json_boolean(c->a && iget(r, "org_id") == c->a->org_id));
    json_object_set_new(r, "limited", json_false());
}

/* What another organisation's linkage shows to one who may not see it in detail. */
static json_t *limited(json_t *r)
{
    return json_pack("{s:O,s:O,s:O,s:b,s:b}", "domain", json_object_get(r, "domain"), "start_date",
                     json_object_get(r, "start_date"), "status", json_object_get(r, "status"), "own", 0, "limited", 1);
}

static json_t *linkage_load(struct ctx *c, int64_t id)
{
    json_t *r = db_row(c->db, LK_COLS " WHERE l.id=?", "i", id);
    if (!r)
        return NULL;
    char today[16];
    iso_today(today);
    shape(c, r, today);
    json_object_set_new(r, "checks",
                        db_rows(c->db,
                                "SELECT k.id, k.checked_on, k.using_it, k.satisfied, k.what_changed, k.next_check,"
                                " k.made_by, s.display_name AS made_by_name, k.made_at FROM linkage_checks k JOIN"
                                " staff s ON s.id=k.made_by WHERE k.linkage_id=? ORDER BY k.checked_on DESC, k.id DESC",
                                "i", id));
    return r;
}

int linkage_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_LINKAGE, ACT_LIST, client_id, "linkage.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.ended", 0}, {"p.next_check", 0}, {"p.id", 0}, {NULL, 0}};
    rc = page_query(c, pg, order, out, LK_COLS " WHERE l.client_id=?", "i", client_id);
    if (rc != OK)
        return rc;
    char today[16];
    iso_today(today);
    int other = -1;
    json_t *items = json_object_get(*out, "items");
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *r = json_array_get(items, i);
        shape(c, r, today);
        if (json_is_true(json_object_get(r, "own")))
            continue;
        if (other < 0)
            other = sees_other(c, client_id);
        if (!other)
            json_array_set_new(items, i, limited(r));
    }
    audit_log(c, "linkage.list", "ok", client_id, "linkage", 0, NULL);
    return OK;
}

/* The client of a linkage and its organisation (0: none). */
static int64_t linkage_client(struct ctx *c, int64_t id, int64_t *org)
{
    json_t *r = db_row(c->db, "SELECT client_id, org_id FROM linkages WHERE id=?", "i", id);
    int64_t client = r ? iget(r, "client_id") : 0;
    *org = r ? iget(r, "org_id") : 0;
    json_decref(r);
    return client;
}

/* The access check of one linkage: the table for the client, then the rule on the record (another
 * organisation's only through consent that shares the care plan). */
static int linkage_gate(struct ctx *c, int64_t id, enum act act, const char *action, int64_t *client_id)
{
    int64_t org = 0;
    *client_id = linkage_client(c, id, &org);
    if (!*client_id)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such linkage."));
    int rc = access_check(c, RES_LINKAGE, act, *client_id, action);
    if (rc != OK)
        return rc;
    if (org != c->a->org_id && (act != ACT_READ || !sees_other(c, *client_id)))
        return access_deny(c, RES_LINKAGE, act, *client_id, action, "linkage", id,
                           act == ACT_READ ? _("This linkage is another organisation's; the client's consent does not "
                                               "share their care plan with yours.")
                                           : _("Only the organisation that made a linkage records its checks and ends it."));
    return OK;
}

int linkage_get(struct ctx *c, int64_t id, json_t **out)
{
    int64_t client_id;
    int rc = linkage_gate(c, id, ACT_READ, "linkage.read", &client_id);
    if (rc != OK)
        return rc;
    *out = linkage_load(c, id);
    if (!*out)
        return ctx_fail(c, ERR_DB, "%s", _("The linkage could not be read."));
    audit_log(c, "linkage.read", "ok", client_id, "linkage", id, NULL);
    return OK;
}

/* every_n and every_unit of in (defaults: 1 month), checked; 0 after a field error. */
static int64_t interval_of(struct ctx *c, json_t *in, const char **unit)
{
    *unit = v_str(c, in, "every_unit", 0, 8, linkage_units);
    if (!*unit)
        *unit = "month";
    int64_t n = v_int(c, in, "every_n", 0, 1, 366, 1);
    if (n > linkage_interval_max(*unit)) {
        char m[96];
        snprintf(m, sizeof m, _("must be at most %d for this unit"), linkage_interval_max(*unit));
        ctx_field(c, "every_n", m);
        return 0;
    }
    return n;
}

int linkage_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_LINKAGE, ACT_CREATE, client_id, "linkage.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    int64_t plan_id = v_int(c, in, "plan_id", 1, 1, INT64_MAX, 0);
    const char *step_key = v_str(c, in, "step_key", 1, 16, NULL);
    int64_t service_id = v_int(c, in, "service_id", 0, 1, INT64_MAX, 0);
    const char *rname = v_str(c, in, "resource_name", 0, 200, NULL);
    const char *rcontact = v_str(c, in, "resource_contact", 0, 500, NULL);
    const char *domain = v_str(c, in, "domain", 0, 40, service_domains);
    const char *start = v_date(c, in, "start_date", 0);
    const char *next = v_date(c, in, "next_check", 0);
    const char *note = v_str(c, in, "note", 0, 2000, NULL);
    const char *unit;
    int64_t every = interval_of(c, in, &unit);
    if (!start || !*start)
        start = today;
    json_t *plan = plan_id ? db_row(c->db,
                                    "SELECT p.client_id, p.org_id, e.status FROM care_plans p JOIN episodes e ON"
                                    " e.id=p.episode_id WHERE p.id=?",
                                    "i", plan_id)
                           : NULL;
    json_t *step = NULL;
    if (plan_id && (!plan || iget(plan, "client_id") != client_id))
        ctx_field(c, "plan_id", _("is not a care plan of this client"));
    else if (plan && iget(plan, "org_id") != c->a->org_id)
        ctx_field(c, "plan_id", _("is another organisation's plan: its own staff link its steps"));
    else if (plan && str_eq(sget(plan, "status"), "discharged"))
        ctx_field(c, "plan_id", _("belongs to a discharged episode: the plan is closed"));
    else if (plan && step_key) {
        step = db_row(c->db,
                      "SELECT st.goal_key, st.what, g.domain FROM care_plan_steps st JOIN care_plan_goals g ON"
                      " g.plan_id=st.plan_id AND g.goal_key=st.goal_key WHERE st.plan_id=? AND st.step_key=?",
                      "it", plan_id, step_key);
        if (!step)
            ctx_field(c, "step_key", _("is not a step of the plan's current version"));
    }
    json_decref(plan);
    json_t *svc = NULL;
    if (service_id && rname)
        ctx_field(c, "service_id", _("give a service of the directory or name a local resource, not both"));
    else if (!service_id && !rname)
        ctx_field(c, "service_id", _("choose a service of the directory, or name a local resource"));
    else if (service_id && !(svc = db_row(c->db, "SELECT kind FROM services WHERE id=?", "i", service_id)))
        ctx_field(c, "service_id", _("is not a service of the directory"));
    if (rcontact && !rname)
        ctx_field(c, "resource_name", _("name the local resource the contact belongs to"));
    char due[16] = "";
    if (next && *next) {
        if (strcmp(next, start) <= 0)
            ctx_field(c, "next_check", _("must be after the start"));
        snprintf(due, sizeof due, "%s", next);
    } else if (every && linkage_next_due(start, every, unit, due) != 0)
        ctx_field(c, "start_date", _("must be a date YYYY-MM-DD"));
    if (c->errors) {
        json_decref(step);
        json_decref(svc);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    /* The domain: as asked, else the service's kind when it is a domain, else the step's goal's. */
    const char *kind = svc ? sget(svc, "kind") : NULL;
    if (!domain || !*domain)
        domain = kind && in_list(service_domains, kind) ? kind : sget(step, "domain");
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO linkages(client_id, org_id, plan_id, step_key, goal_key, step_what,"
                              " service_id, resource_name, resource_contact, domain, note, start_date, every_n,"
                              " every_unit, next_check, created_by, created_at, updated_at) VALUES"
                              " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                              "iiitttItttttittitt", client_id, c->a->org_id, plan_id, step_key,
                              sget(step, "goal_key"), sget(step, "what"), service_id, service_id ? NULL : rname,
                              service_id ? NULL : rcontact, domain, note, start, every, unit, due, c->a->staff_id,
                              now, now);
    json_decref(step);
    json_decref(svc);
    if (!id)
        return ctx_fail(c, ERR_DB, "%s", _("The linkage could not be saved."));
    audit_log(c, "linkage.create", "ok", client_id, "linkage", id, NULL);
    *out = linkage_load(c, id);
    return OK;
}

/* The overdue rule's task of a linkage, done (a check recorded, the linkage ended), in the caller's
 * transaction. */
static int task_done(struct ctx *c, int64_t id, int64_t client_id, const char *now, const char *why)
{
    int64_t task = db_int1(c->db, 0,
                           "SELECT t.id FROM linkages l JOIN tasks t ON t.id=l.check_task WHERE l.id=? AND"
                           " t.status='open'",
                           "i", id);
    if (!task)
        return OK;
    if (db_run(c->db, "UPDATE tasks SET status='done', done_by=?, done_at=?, version=version+1 WHERE id=?", "iti",
               c->a->staff_id, now, task) != DB_OK)
        return ERR_DB;
    audit_log(c, "task.update", "ok", client_id, "task", task, why);
    return OK;
}

int linkage_check(struct ctx *c, int64_t id, json_t *in, json_t **out)
{
    int64_t client_id;
    int rc = linkage_gate(c, id, ACT_UPDATE, "linkage.check", &client_id);
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    json_t *l = db_row(c->db,
                       "SELECT start_date, end_date, every_n, every_unit, (SELECT max(k.checked_on) FROM"
                       " linkage_checks k WHERE k.linkage_id=l.id) AS last_check FROM linkages l WHERE id=?",
                       "i", id);
    if (!l)
        return ctx_fail(c, ERR_DB, "%s", _("The linkage could not be read."));
    char today[16], now[32], due[16] = "";
    iso_today(today);
    iso_now(now);
    const char *on = v_date(c, in, "checked_on", 0);
    const char *using_it = v_str(c, in, "using_it", 1, 8, linkage_answers);
    const char *satisfied = v_str(c, in, "satisfied", 1, 8, linkage_answers);
    const char *changed = v_str(c, in, "what_changed", 1, 2000, NULL);
    const char *next = v_date(c, in, "next_check", 0);
    if (!on || !*on)
        on = today;
    if (strcmp(on, today) > 0)
        ctx_field(c, "checked_on", _("must not be in the future"));
    else if (strcmp(on, sget(l, "start_date")) < 0)
        ctx_field(c, "checked_on", _("must not be before the linkage started"));
    else if (sget(l, "last_check") && strcmp(on, sget(l, "last_check")) < 0)
        ctx_field(c, "checked_on", _("must not be before the last check"));
    if (next && *next) {
        if (strcmp(next, on) <= 0)
            ctx_field(c, "next_check", _("must be after the check"));
        snprintf(due, sizeof due, "%s", next);
    } else
        linkage_next_due(on, iget(l, "every_n"), sget(l, "every_unit"), due);
    int ended = !json_is_null(json_object_get(l, "end_date"));
    json_decref(l);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (ended)
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This linkage has ended: it is no longer checked."));
    int64_t kid = db_insert_id(c->db,
                               "INSERT INTO linkage_checks(linkage_id, checked_on, using_it, satisfied, what_changed,"
                               " next_check, made_by, made_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                               "itttttit", id, on, using_it, satisfied, changed, due, c->a->staff_id, now);
    if (!kid || task_done(c, id, client_id, now, "linkage check") != OK ||
        db_run(c->db,
               "UPDATE linkages SET next_check=?, check_task=NULL, updated_at=?, version=version+1 WHERE id=?", "tti",
               due, now, id) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The check could not be saved."));
    char why[32];
    snprintf(why, sizeof why, "check %lld", (long long)kid);
    audit_log(c, "linkage.check", "ok", client_id, "linkage", id, why);
    *out = linkage_load(c, id);
    return OK;
}

int linkage_end(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    int64_t client_id;
    int rc = linkage_gate(c, id, ACT_UPDATE, "linkage.end", &client_id);
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    json_t *l = db_row(c->db, "SELECT start_date, end_date, version FROM linkages WHERE id=?", "i", id);
    if (!l)
        return ctx_fail(c, ERR_DB, "%s", _("The linkage could not be read."));
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    const char *reason = v_str(c, in, "reason", 1, 1000, NULL);
    const char *end = v_date(c, in, "end_date", 0);
    if (!end || !*end)
        end = today;
    if (strcmp(end, sget(l, "start_date")) < 0)
        ctx_field(c, "end_date", _("must not be before the linkage started"));
    else if (strcmp(end, today) > 0)
        ctx_field(c, "end_date", _("must not be in the future"));
    int ended = !json_is_null(json_object_get(l, "end_date"));
    int64_t current = iget(l, "version");
    json_decref(l);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (ended)
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This linkage has ended already."));
    if (version != current)
        return ctx_stale(c, current);
    if (db_run(c->db,
               "UPDATE linkages SET end_date=?, end_reason=?, ended_by=?, updated_at=?, version=version+1 WHERE id=?"
               " AND version=?",
               "ttitii", end, reason, c->a->staff_id, now, id, version) != DB_OK ||
        task_done(c, id, client_id, now, "linkage ended") != OK)
        return ctx_fail(c, ERR_DB, "%s", _("The linkage could not be saved."));
    audit_log(c, "linkage.end", "ok", client_id, "linkage", id, reason);
    *out = linkage_load(c, id);
    return OK;
}

/* ---- duplicate services ---- */

/* What serves a client now, per domain and organisation: active linkages and open episodes (by their
 * programme's domain). org_id is the organisation that provides it (a directory service's; a local
 * resource's: the linking organisation's), owner_id the one whose record it is (the linkage's, the
 * episode's): a linkage of Riverside's to Harbour's service and Harbour's own episode are one
 * provider, no duplicate. The %s are each half's condition. */
#define LK_SERVING                                                                                            \
    "SELECT l.client_id, l.domain, COALESCE(s.org_id, l.org_id) AS org_id, l.org_id AS owner_id, 'linkage'"  \
    " AS kind, l.id AS ref_id, l.start_date AS since, COALESCE(s.name, l.resource_name) AS what FROM"        \
    " linkages l LEFT JOIN services s ON s.id=l.service_id WHERE l.end_date IS NULL AND %s UNION ALL SELECT" \
    " e.client_id, " LK_EPISODE_DOMAIN " AS domain, e.org_id AS org_id, e.org_id AS owner_id, 'episode' AS" \
    " kind, e.id AS ref_id, e.start_date AS since, e.programme AS what FROM episodes e WHERE"               \
    " e.status<>'discharged' AND %s"

/* The warnings of one client (an array of {client_id, domain, entries}), shaped for the actor. */
static json_t *warnings_of(struct ctx *c, int64_t client_id, const char *only_domain)
{
    char sql[2048];
    snprintf(sql, sizeof sql,
             "SELECT x.domain, x.org_id, x.owner_id, o.name AS org_name, x.kind, x.ref_id, x.since, x.what FROM ("
             LK_SERVING
             ") x JOIN orgs o ON o.id=x.org_id WHERE x.domain IS NOT NULL ORDER BY x.domain, x.since, x.kind, x.ref_id",
             "l.client_id=?1", "e.client_id=?1");
    json_t *rows = db_rows(c->db, sql, "i", client_id);
    json_t *out = json_array();
    int other = -1;
    size_t i = 0, n = json_array_size(rows);
    while (i < n) {
        const char *domain = sget(json_array_get(rows, i), "domain");
        size_t j = i;
        int64_t first_org = iget(json_array_get(rows, i), "org_id");
        int orgs = 1;
        while (j < n && str_eq(sget(json_array_get(rows, j), "domain"), domain)) {
            if (iget(json_array_get(rows, j), "org_id") != first_org)
                orgs = 2;
            j++;
        }
        if (orgs > 1 && (!only_domain || str_eq(only_domain, domain))) {
            json_t *entries = json_array();
            for (size_t k = i; k < j; k++) {
                json_t *r = json_array_get(rows, k);
                int own = c->a && iget(r, "owner_id") == c->a->org_id;
                if (!own && other < 0)
                    other = sees_other(c, client_id);
                int hidden = !own && !other;
                int is_link = str_eq(sget(r, "kind"), "linkage");
                json_t *e = json_pack("{s:s,s:O,s:b,s:b}", "kind", sget(r, "kind"), "since",
                                      json_object_get(r, "since"), "own", own, "hidden", hidden);
                json_object_set_new(e, "org_id", hidden ? json_null() : json_integer(iget(r, "org_id")));
                json_object_set_new(e, "org_name", hidden ? json_null() : json_string(sget(r, "org_name")));
                json_object_set_new(e, "what", hidden || !sget(r, "what") ? json_null() : json_string(sget(r, "what")));
                json_object_set_new(e, "linkage_id",
                                    hidden || !is_link ? json_null() : json_integer(iget(r, "ref_id")));
                json_object_set_new(e, "episode_id",
                                    hidden || is_link ? json_null() : json_integer(iget(r, "ref_id")));
                json_array_append_new(entries, e);
            }
            json_array_append_new(out, json_pack("{s:I,s:s,s:o}", "client_id", (json_int_t)client_id, "domain", domain,
                                                 "entries", entries));
        }
        i = j;
    }
    json_decref(rows);
    return out;
}

int linkage_duplicates(struct ctx *c, int64_t client_id, json_t **out)
{
    int rc = access_check(c, RES_LINKAGE, ACT_LIST, client_id, "linkage.duplicates");
    if (rc != OK)
        return rc;
    *out = page_all(warnings_of(c, client_id, NULL));
    audit_log(c, "linkage.duplicates", "ok", client_id, "linkage", 0, NULL);
    return OK;
}

int linkage_duplicates_review(struct ctx *c, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_LINKAGE, ACT_REVIEW, 0, "linkage.duplicates_review");
    if (rc != OK)
        return rc;
    /* Every (client, domain) where two organisations meet, among the clients with an open episode at
     * the actor's organisation (those its supervisors oversee). */
    char sql[3072];
    snprintf(sql, sizeof sql,
             "SELECT x.client_id, x.domain, c.given_name, c.family_name, c.name_order FROM (" LK_SERVING
             ") x JOIN clients c ON c.id=x.client_id WHERE x.domain IS NOT NULL GROUP BY x.client_id, x.domain,"
             " c.given_name, c.family_name, c.name_order HAVING count(DISTINCT x.org_id) > 1",
             "EXISTS (SELECT 1 FROM episodes m WHERE m.client_id=l.client_id AND m.org_id=?1 AND"
             " m.status<>'discharged')",
             "EXISTS (SELECT 1 FROM episodes m WHERE m.client_id=e.client_id AND m.org_id=?1 AND"
             " m.status<>'discharged')");
    static const struct page_key order[] = {{"p.client_id", 0}, {"p.domain", 0}, {NULL, 0}};
    rc = page_query(c, pg, order, out, sql, "i", c->a->org_id);
    if (rc != OK)
        return rc;
    json_t *items = json_object_get(*out, "items"), *shown = json_array();
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *r = json_array_get(items, i);
        int64_t client_id = iget(r, "client_id");
        json_t *w = warnings_of(c, client_id, sget(r, "domain"));
        json_t *one = json_array_size(w) ? json_incref(json_array_get(w, 0))
                                         : json_pack("{s:I,s:O,s:[]}", "client_id", (json_int_t)client_id, "domain",
                                                     json_object_get(r, "domain"), "entries");
        char name[300];
        person_name(name, sizeof name, sget(r, "given_name"), sget(r, "family_name"), NULL, sget(r, "name_order"));
        json_object_set_new(one, "client_name", json_string(name));
        json_array_append_new(shown, json_pack("{s:I}", "id", (json_int_t)client_id));
        json_decref(w);
        json_array_set_new(items, i, one);
    }
    audit_log_shown(c, "linkage.duplicates_review", "linkage", shown);
    json_decref(shown);
    return OK;
}

/* ---- the overdue rule ---- */

/* Who checks: the primary case manager of the client's open episode at the linkage's organisation,
 * else the linkage's creator; active accounts only. 0: nobody. */
static int64_t check_owner(struct db *db, int64_t client_id, int64_t org_id, int64_t created_by)
{
    int64_t cm = db_int1(db, 0,
                         "SELECT e.primary_cm FROM episodes e JOIN staff s ON s.id=e.primary_cm WHERE e.client_id=?"
                         " AND e.org_id=? AND e.status<>'discharged' AND s.disabled=0 ORDER BY e.start_date DESC,"
                         " e.id DESC LIMIT 1",
                         "ii", client_id, org_id);
    if (!cm)
        cm = db_int1(db, 0, "SELECT id FROM staff WHERE id=? AND disabled=0", "i", created_by);
    return cm;
}

int linkage_overdue_run(struct ctx *c, int *made)
{
    char today[16];
    iso_today(today);
    json_t *rows = db_rows(c->db,
                           "SELECT l.id, l.client_id, l.org_id, l.created_by, l.next_check, COALESCE(s.name,"
                           " l.resource_name) AS name FROM linkages l LEFT JOIN services s ON s.id=l.service_id"
                           " WHERE l.end_date IS NULL AND l.check_task IS NULL AND l.next_check<? ORDER BY l.id",
                           "t", today);
    if (!rows)
        return ctx_fail(c, ERR_DB, "%s", "linkage.check_overdue: the linkages could not be read");
    int rc = OK;
    size_t i;
    json_t *l;
    json_array_foreach(rows, i, l)
    {
        int64_t id = iget(l, "id"), client_id = iget(l, "client_id");
        int64_t owner = check_owner(c->db, client_id, iget(l, "org_id"), iget(l, "created_by"));
        if (!owner)
            continue; /* nobody to ask: asked again on the next run */
        json_t *args = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "name", sget(l, "name") ? sget(l, "name") : "",
                                 "date", sget(l, "next_check"));
        /* due the day the rule finds it (the title says when the check was due): it goes among the
         * day's work, not behind older overdue tasks */
        rc = risk_rule_task_once(c, client_id, owner, "linkage.check_overdue", args, today, "linkage", id,
                                 "UPDATE linkages SET check_task=? WHERE id=?");
        json_decref(args);
        if (rc != OK)
            break;
        (*made)++;
    }
    json_decref(rows);
    return rc;
}
static const struct sweep_rule linkage_overdue = {"linkage.check_overdue", linkage_overdue_run};
SWEEP_REGISTER(linkage_overdue);

/* ---- the descriptor ---- */

static const struct res_field linkage_check_fields[] = {
    {"id", FT_INT, 0, N_("Check")},
    {"checked_on", FT_DATE, 0, N_("Checked on")},
    {"using_it", FT_STRING, 0, N_("Using it")}, /* yes, partly, no */
    {"satisfied", FT_STRING, 0, N_("Satisfied")}, /* yes, partly, no */
    {"what_changed", FT_STRING, 0, N_("What changed")},
    {"next_check", FT_DATE, 0, N_("Next check")},
    {"made_by", FT_INT, 0, N_("Checked by")},
    {"made_by_name", FT_STRING, 0, N_("Checked by")},
    {"made_at", FT_DATETIME, 0, N_("Recorded")},
    {NULL, 0, 0, NULL}};
static const struct res_field linkage_fields[] = {
    {"id", FT_INT, 0, N_("Linkage")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"org_name", FT_STRING, 0, N_("Organisation")},
    {"own", FT_BOOL, 0, N_("Of my organisation")},
    {"limited", FT_BOOL, 0, N_("Another organisation's, shown only as its domain and start")},
    {"plan_id", FT_INT, 0, N_("Care plan")},
    {"step_key", FT_STRING, 0, N_("Step")},
    {"goal_key", FT_STRING, 0, N_("Goal")},
    {"step_what", FT_STRING, 0, N_("The step")}, /* its words now, or its last words when removed */
    {"step_in_plan", FT_BOOL, 0, N_("The step is in the current plan")},
    {"service_id", FT_INT, 1, N_("Service")},
    {"service_name", FT_STRING, 1, N_("Service")},
    {"service_org_name", FT_STRING, 1, N_("Provided by")},
    {"service_contact", FT_STRING, 1, N_("How to reach them")},
    {"resource_name", FT_STRING, 1, N_("Local resource")},
    {"resource_contact", FT_STRING, 1, N_("Organisation or contact")},
    {"name", FT_STRING, 0, N_("Linked to")},
    {"domain", FT_STRING, 0, N_("Domain")},
    {"note", FT_STRING, 1, N_("Note")},
    {"start_date", FT_DATE, 0, N_("Started")},
    {"end_date", FT_DATE, 1, N_("Ended")},
    {"end_reason", FT_STRING, 1, N_("Why it ended")},
    {"ended_by", FT_INT, 1, N_("Ended by")},
    {"every_n", FT_INT, 0, N_("Checked every")},
    {"every_unit", FT_STRING, 0, N_("Unit")}, /* day, week, month */
    {"next_check", FT_DATE, 0, N_("Next check")},
    {"overdue", FT_BOOL, 0, N_("Check overdue")},
    {"last_check", FT_DATE, 1, N_("Last checked")},
    {"check_task", FT_INT, 1, N_("Overdue check task")},
    {"status", FT_STRING, 0, N_("Status")}, /* active, ended */
    {"created_by", FT_INT, 0, N_("Linked by")},
    {"created_by_name", FT_STRING, 0, N_("Linked by")},
    {"created_at", FT_DATETIME, 0, N_("Linked")},
    {"updated_at", FT_DATETIME, 0, N_("Changed")},
    {"version", FT_INT, 0, N_("Version")},
    {"checks", FT_ARRAY, 0, N_("Checks"), linkage_check_fields},
    {NULL, 0, 0, NULL},
};
static const struct res_field linkage_entry_fields[] = {
    {"kind", FT_STRING, 0, N_("What")}, /* linkage, episode */
    {"org_id", FT_INT, 1, N_("Provided by")},
    {"org_name", FT_STRING, 1, N_("Provided by")}, /* null: another organisation's, not shared */
    {"what", FT_STRING, 1, N_("Service or programme")},
    {"since", FT_DATE, 0, N_("Since")},
    {"linkage_id", FT_INT, 1, N_("Linkage")},
    {"episode_id", FT_INT, 1, N_("Episode")},
    {"own", FT_BOOL, 0, N_("Of my organisation")}, /* the linkage or episode is my organisation's record */
    {"hidden", FT_BOOL, 0, N_("Another organisation's: only its domain and since")},
    {NULL, 0, 0, NULL}};
/* A duplicate-service warning (the client's, and the supervisor's list). */
static const struct res_field linkage_summary[] = {
    {"client_id", FT_INT, 0, N_("Client")},
    {"client_name", FT_STRING, 0, N_("Client")}, /* the supervisor's list */
    {"domain", FT_STRING, 0, N_("Domain")},
    {"entries", FT_ARRAY, 0, N_("Services in this domain"), linkage_entry_fields},
    {NULL, 0, 0, NULL}};
static const struct res_audit linkage_actions[] = {
    {"linkage.list", ACT_LIST},
    {"linkage.read", ACT_READ},
    {"linkage.create", ACT_CREATE},
    {"linkage.check", ACT_UPDATE},
    {"linkage.end", ACT_UPDATE},
    {"linkage.duplicates", ACT_LIST},
    {"linkage.duplicates_review", ACT_REVIEW},
    {NULL, 0},
};
static const char *const linkage_tables[] = {"linkages", "linkage_checks", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule linkage_access[] = {
    /* read by the care team (housing coordinators too), in an emergency with its purpose, and by
     * another organisation through consent to the care plan (a linkage of another organisation than
     * the actor's: only through that consent, the rule in linkage_gate) */
    {RES_LINKAGE, ACT_LIST, TEAM, NOTES, A},
    {RES_LINKAGE, ACT_LIST, GLASS | ONCALL, NOTES, P},
    {RES_LINKAGE, ACT_LIST, SHARED, NOTES, P},
    {RES_LINKAGE, ACT_READ, TEAM, NOTES, A},
    {RES_LINKAGE, ACT_READ, GLASS | ONCALL, NOTES, P},
    {RES_LINKAGE, ACT_READ, SHARED, NOTES, P},
    /* linked, checked and ended by the clinical members of the care team (their organisation's) */
    {RES_LINKAGE, ACT_CREATE, TEAM, CLINICAL, A},
    {RES_LINKAGE, ACT_UPDATE, TEAM, CLINICAL, A},
    /* the supervisor's list of duplicate services among the organisation's clients */
    {RES_LINKAGE, ACT_REVIEW, NONE, SUP, A},
    {0}};
const struct resource res_linkage = {
    .access = linkage_access,
    .id = RES_LINKAGE, .name = "linkage", .label = N_("Linkage"), .plural = N_("Linkages"),
    .summary = linkage_summary, .data_class = DC_BIT(DC_CARE_PLAN),
    RESOURCE_OF(linkage)};
RESOURCE_REGISTER(res_linkage);
