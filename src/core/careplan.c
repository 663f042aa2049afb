/* careplan: care plans in the client's own words (issue 11 §1). One plan per client per episode,
 * versioned: every change writes the whole plan as a new version with who, when, why and where it
 * came from; the current version's goals and steps are also kept one row each (care_plan_goals,
 * care_plan_steps) for what reads them without parsing versions (linkages, conferences, caseloads,
 * evaluation). A goal or step keeps its key ("g3", "g3s1") from version to version. */
#include "base/base.h"
#include "core/core.h"
#include "core/risk.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const careplan_step_who[] = {"client", "team_member", "other_org", "family", NULL};
const char *const careplan_goal_statuses[] = {"active", "reached", "stopped", NULL};
const char *const careplan_agreements[] = {"signed", "verbal_witnessed", "declined", NULL};

#define CP_GOALS_MAX 30
#define CP_STEPS_MAX 20
#define CP_TEXT_MAX 2000

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static const char *sget(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* A date n months after date (YYYY-MM-DD), the day clamped to the month's last: 2026-08-31 + 6 ->
 * 2027-02-28. */
void careplan_add_months(const char *date, int n, char out[16])
{
    int y = 0, m = 0, d = 0;
    if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3) {
        snprintf(out, 16, "%.10s", date);
        return;
    }
    m += n;
    y += (m - 1) / 12;
    m = (m - 1) % 12 + 1;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int last = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (d > last)
        d = last;
    snprintf(out, 16, "%04d-%02d-%02d", y % 10000, m, d);
}

#define PLAN_COLS                                                                                          \
    "SELECT p.id, p.client_id, p.episode_id, p.org_id, o.name AS org_name, e.programme, e.status AS"     \
    " episode_status, p.review_due, p.created_by, p.created_at, p.updated_at, p.version, v.number, v.why," \
    " v.source, v.made_by, s.display_name AS made_by_name, v.made_at, v.agreement, v.agreement_witness,"  \
    " v.agreement_words, v.agreement_by, v.agreement_at, v.body FROM care_plans p JOIN episodes e ON"     \
    " e.id=p.episode_id JOIN orgs o ON o.id=p.org_id JOIN care_plan_versions v ON v.plan_id=p.id JOIN"   \
    " staff s ON s.id=v.made_by"

/* The API's shape of a plan as it stood at one version: body -> goals; a peer supporter sees only
 * the goals the client agreed to share with them. */
static void shape(struct ctx *c, json_t *r)
{
    json_t *body = json_loads(sget(r, "body") ? sget(r, "body") : "{}", 0, NULL);
    json_t *goals = json_object_get(body, "goals");
    json_t *shown = json_array();
    size_t i;
    json_t *g;
    int peer = c->a && c->a->role == ROLE_PEER;
    json_array_foreach(goals, i, g) if (!peer || json_is_true(json_object_get(g, "share_with_peer")))
        json_array_append(shown, g);
    json_decref(body);
    json_object_del(r, "body");
    json_object_set_new(r, "goals", shown);
    json_object_set_new(r, "current", json_boolean(iget(r, "number") == iget(r, "version")));
}

static json_t *plan_load(struct ctx *c, int64_t id, int64_t number)
{
    json_t *r = number ? db_row(c->db, PLAN_COLS " WHERE p.id=? AND v.number=?", "ii", id, number)
                       : db_row(c->db, PLAN_COLS " WHERE p.id=? AND v.number=p.version", "i", id);
    if (r)
        shape(c, r);
    return r;
}

/* The client of a plan (0: no such plan). */
static int64_t plan_client(struct ctx *c, int64_t id)
{
    return db_int1(c->db, 0, "SELECT client_id FROM care_plans WHERE id=?", "i", id);
}

int careplan_for_client(struct ctx *c, int64_t client_id, json_t **out)
{
    int rc = access_check(c, RES_CARE_PLAN, ACT_LIST, client_id, "care_plan.list");
    if (rc != OK)
        return rc;
    /* Current plans (open episodes) first, then the newest. A client has a plan per episode: a few. */
    json_t *rows = db_rows(c->db,
                           PLAN_COLS " WHERE p.client_id=? AND v.number=p.version ORDER BY e.status='discharged',"
                                     " p.updated_at DESC, p.id DESC",
                           "i", client_id);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) shape(c, r);
    *out = page_all(rows);
    audit_log(c, "care_plan.list", "ok", client_id, "care_plan", 0, NULL);
    return OK;
}

int careplan_get(struct ctx *c, int64_t id, json_t **out)
{
    return careplan_version(c, id, 0, out);
}

int careplan_version(struct ctx *c, int64_t id, int64_t number, json_t **out)
{
    int64_t client_id = plan_client(c, id);
    if (!client_id)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such care plan."));
    const char *action = number ? "care_plan.version" : "care_plan.read";
    int rc = access_check(c, RES_CARE_PLAN, ACT_READ, client_id, action);
    if (rc != OK)
        return rc;
    *out = plan_load(c, id, number);
    if (!*out)
        return ctx_fail(c, number ? ERR_NOTFOUND : ERR_DB, "%s",
                        number ? _("This care plan has no such version.") : _("The care plan could not be read."));
    char why[32];
    snprintf(why, sizeof why, "version %lld", (long long)iget(*out, "number"));
    audit_log(c, action, "ok", client_id, "care_plan", id, number ? why : NULL);
    return OK;
}

int careplan_versions(struct ctx *c, int64_t id, const struct page *pg, json_t **out)
{
    int64_t client_id = plan_client(c, id);
    if (!client_id)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such care plan."));
    int rc = access_check(c, RES_CARE_PLAN, ACT_READ, client_id, "care_plan.versions");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.number", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out,
                    "SELECT v.plan_id, v.number, v.why, v.source, v.made_by, s.display_name AS made_by_name,"
                    " v.made_at, v.agreement FROM care_plan_versions v JOIN staff s ON s.id=v.made_by"
                    " WHERE v.plan_id=?",
                    "i", id);
    if (rc != OK)
        return rc;
    audit_log(c, "care_plan.versions", "ok", client_id, "care_plan", id, NULL);
    return OK;
}

/* ---- writing a version ---- */

/* The keys the plan already has (goals and steps of its current version), to check that a key sent
 * is one of them. */
static int key_known(json_t *known, const char *key)
{
    return key && json_object_get(known, key) != NULL;
}

static void known_keys(json_t *body, json_t *known)
{
    size_t i, j;
    json_t *g, *s;
    json_array_foreach(json_object_get(body, "goals"), i, g)
    {
        json_object_set_new(known, sget(g, "key") ? sget(g, "key") : "", json_string("goal"));
        json_array_foreach(json_object_get(g, "steps"), j, s)
            json_object_set_new(known, sget(s, "key") ? sget(s, "key") : "", json_string("step"));
    }
}

/* A text field of an element (field name "goals[2].client_words"): NULL when absent or empty. */
static const char *el_text(struct ctx *c, json_t *o, const char *field, const char *path, int required,
                           size_t max)
{
    json_t *v = json_object_get(o, field);
    char f[96];
    snprintf(f, sizeof f, "%s.%s", path, field);
    if (!v || json_is_null(v) || (json_is_string(v) && v_text_chars(json_string_value(v)) == 0)) {
        if (required)
            ctx_field(c, f, _("is required"));
        return NULL;
    }
    if (!json_is_string(v)) {
        ctx_field(c, f, _("must be text"));
        return NULL;
    }
    if (v_text_chars(json_string_value(v)) > max) {
        ctx_field(c, f, _("is too long"));
        return NULL;
    }
    return json_string_value(v);
}

static const char *el_choice(struct ctx *c, json_t *o, const char *field, const char *path,
                             const char *const *choices, const char *def)
{
    const char *v = el_text(c, o, field, path, def == NULL, 64);
    if (!v)
        return def;
    if (!in_list(choices, v)) {
        char f[96];
        snprintf(f, sizeof f, "%s.%s", path, field);
        ctx_field(c, f, _("is not one of the choices"));
        return def;
    }
    return v;
}

/* The goals of in, checked and normalised into a new body, keys kept or given (next_key counts on).
 * NULL after field errors. */
static json_t *goals_parse(struct ctx *c, json_t *in, json_t *known, int64_t *next_key)
{
    json_t *goals = json_object_get(in, "goals");
    if (!json_is_array(goals) || json_array_size(goals) < 1 || json_array_size(goals) > CP_GOALS_MAX) {
        ctx_field(c, "goals", _("must hold 1 to 30 goals"));
        return NULL;
    }
    json_t *seen = json_object(), *out = json_array();
    size_t i, j;
    json_t *g, *s;
    json_array_foreach(goals, i, g)
    {
        char path[32];
        snprintf(path, sizeof path, "goals[%zu]", i);
        if (!json_is_object(g)) {
            ctx_field(c, path, _("must be an object"));
            continue;
        }
        const char *key = el_text(c, g, "key", path, 0, 16);
        char fresh[24];
        if (key && (!key_known(known, key) || !str_eq(sget(known, key), "goal") || json_object_get(seen, key))) {
            char f[48];
            snprintf(f, sizeof f, "%s.key", path);
            ctx_field(c, f, _("is not a goal of this plan"));
        } else if (!key) {
            snprintf(fresh, sizeof fresh, "g%lld", (long long)(*next_key)++);
            key = fresh;
        }
        json_t *goal = json_object();
        json_object_set_new(goal, "key", json_string(key));
        json_object_set_new(seen, key, json_true());
        const char *domain = el_choice(c, g, "domain", path, service_domains, NULL);
        json_object_set_new(goal, "domain", domain ? json_string(domain) : json_null());
        static const char *const texts[] = {"client_words", "worker_words", "strengths", "barriers"};
        for (size_t k = 0; k < 4; k++) {
            const char *t = el_text(c, g, texts[k], path, k == 0, CP_TEXT_MAX);
            json_object_set_new(goal, texts[k], t ? json_string(t) : json_null());
        }
        json_object_set_new(goal, "status",
                            json_string(el_choice(c, g, "status", path, careplan_goal_statuses, "active")));
        json_t *share = json_object_get(g, "share_with_peer");
        if (share && !json_is_boolean(share) && !json_is_null(share)) {
            char f[48];
            snprintf(f, sizeof f, "%s.share_with_peer", path);
            ctx_field(c, f, _("must be true or false"));
        }
        json_object_set_new(goal, "share_with_peer", json_boolean(json_is_true(share)));
        json_t *steps = json_object_get(g, "steps"), *steps_out = json_array();
        if (steps && !json_is_null(steps) && (!json_is_array(steps) || json_array_size(steps) > CP_STEPS_MAX)) {
            char f[48];
            snprintf(f, sizeof f, "%s.steps", path);
            ctx_field(c, f, _("must hold at most 20 steps"));
            steps = NULL;
        }
        json_array_foreach(steps, j, s)
        {
            char sp[64];
            snprintf(sp, sizeof sp, "%s.steps[%zu]", path, j);
            if (!json_is_object(s)) {
                ctx_field(c, sp, _("must be an object"));
                continue;
            }
            const char *skey = el_text(c, s, "key", sp, 0, 16);
            char sfresh[48];
            if (skey &&
                (!key_known(known, skey) || !str_eq(sget(known, skey), "step") || json_object_get(seen, skey))) {
                char f[96];
                snprintf(f, sizeof f, "%s.key", sp);
                ctx_field(c, f, _("is not a step of this plan"));
            } else if (!skey) {
                snprintf(sfresh, sizeof sfresh, "%ss%lld", key, (long long)(*next_key)++);
                skey = sfresh;
            }
            json_t *step = json_object();
            json_object_set_new(step, "key", json_string(skey));
            json_object_set_new(seen, skey, json_true());
            const char *who = el_choice(c, s, "who", sp, careplan_step_who, NULL);
            json_object_set_new(step, "who", who ? json_string(who) : json_null());
            static const char *const stexts[] = {"who_name", "what", "how_often"};
            static const size_t smax[] = {200, 1000, 200};
            for (size_t k = 0; k < 3; k++) {
                const char *t = el_text(c, s, stexts[k], sp, k == 1, smax[k]);
                json_object_set_new(step, stexts[k], t ? json_string(t) : json_null());
            }
            const char *by = el_text(c, s, "by_when", sp, 0, 10);
            if (by && !iso_date_valid(by)) {
                char f[96];
                snprintf(f, sizeof f, "%s.by_when", sp);
                ctx_field(c, f, _("must be a date (YYYY-MM-DD)"));
                by = NULL;
            }
            json_object_set_new(step, "by_when", by ? json_string(by) : json_null());
            json_array_append_new(steps_out, step);
        }
        json_object_set_new(goal, "steps", steps_out);
        json_array_append_new(out, goal);
    }
    json_decref(seen);
    if (c->errors) {
        json_decref(out);
        return NULL;
    }
    json_t *body = json_object();
    json_object_set_new(body, "goals", out);
    return body;
}

/* The current version's goals and steps, one row each (replacing the previous version's). */
static int rows_write(struct ctx *c, int64_t plan_id, int64_t client_id, json_t *body)
{
    if (db_run(c->db, "DELETE FROM care_plan_steps WHERE plan_id=?", "i", plan_id) != DB_OK ||
        db_run(c->db, "DELETE FROM care_plan_goals WHERE plan_id=?", "i", plan_id) != DB_OK)
        return ERR_DB;
    size_t i, j;
    json_t *g, *s;
    json_array_foreach(json_object_get(body, "goals"), i, g)
    {
        if (db_run(c->db,
                   "INSERT INTO care_plan_goals(plan_id, goal_key, client_id, domain, status, share_with_peer,"
                   " client_words) VALUES (?,?,?,?,?,?,?)",
                   "itittit", plan_id, sget(g, "key"), client_id, sget(g, "domain"), sget(g, "status"),
                   (int64_t)json_is_true(json_object_get(g, "share_with_peer")), sget(g, "client_words")) != DB_OK)
            return ERR_DB;
        json_array_foreach(json_object_get(g, "steps"), j, s)
        {
            if (db_run(c->db,
                       "INSERT INTO care_plan_steps(plan_id, step_key, goal_key, who, what, by_when)"
                       " VALUES (?,?,?,?,?,?)",
                       "ittttt", plan_id, sget(s, "key"), sget(g, "key"), sget(s, "who"), sget(s, "what"),
                       sget(s, "by_when")) != DB_OK)
                return ERR_DB;
        }
    }
    return OK;
}

/* Write version number of plan_id from body (the caller's transaction). */
static int version_write(struct ctx *c, int64_t plan_id, int64_t client_id, int64_t number, json_t *body,
                         const char *why, const char *source, const char *now)
{
    char *text = json_dumps(body, JSON_COMPACT);
    int64_t id = text ? db_insert_id(c->db,
                                     "INSERT INTO care_plan_versions(plan_id, number, body, why, source, made_by,"
                                     " made_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                                     "iitttit", plan_id, number, text, why, source, c->a->staff_id, now)
                      : 0;
    free(text);
    if (!id)
        return ERR_DB;
    return rows_write(c, plan_id, client_id, body);
}

/* The review date asked for (a date from today on), or NULL; a field error when bad. */
static const char *review_due_of(struct ctx *c, json_t *in, const char *today)
{
    const char *due = v_date(c, in, "review_due", 0);
    if (due && *due && strcmp(due, today) < 0) {
        ctx_field(c, "review_due", _("must not be in the past"));
        return NULL;
    }
    return due && *due ? due : NULL;
}

int careplan_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_CARE_PLAN, ACT_CREATE, client_id, "care_plan.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    int64_t episode_id = v_int(c, in, "episode_id", 1, 1, INT64_MAX, 0);
    const char *why = v_str(c, in, "why", 0, 1000, NULL);
    const char *due = review_due_of(c, in, today);
    json_t *ep = episode_id ? db_row(c->db, "SELECT client_id, org_id, status FROM episodes WHERE id=?", "i",
                                     episode_id)
                            : NULL;
    if (episode_id && (!ep || iget(ep, "client_id") != client_id))
        ctx_field(c, "episode_id", _("is not an episode of this client"));
    else if (ep && str_eq(sget(ep, "status"), "discharged"))
        ctx_field(c, "episode_id", _("is discharged: a plan belongs to an open episode"));
    else if (ep && iget(ep, "org_id") != c->a->org_id)
        ctx_field(c, "episode_id", _("is another organisation's episode"));
    json_decref(ep);
    int64_t next_key = 1;
    json_t *known = json_object();
    json_t *body = goals_parse(c, in, known, &next_key);
    json_decref(known);
    if (c->errors) {
        json_decref(body);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    int64_t existing = db_int1(c->db, 0, "SELECT id FROM care_plans WHERE episode_id=?", "i", episode_id);
    if (existing) {
        json_decref(body);
        c->extra = json_pack("{sI}", "plan_id", (json_int_t)existing);
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This episode has a care plan already: change that one."));
    }
    char due6[16];
    careplan_add_months(today, 6, due6);
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO care_plans(client_id, episode_id, org_id, review_due, next_key,"
                              " created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                              "iiitiitt", client_id, episode_id, c->a->org_id, due ? due : due6, next_key,
                              c->a->staff_id, now, now);
    if (!id || version_write(c, id, client_id, 1, body, why ? why : "", NULL, now) != OK) {
        json_decref(body);
        return ctx_fail(c, ERR_DB, "%s", _("The care plan could not be saved."));
    }
    json_decref(body);
    audit_log(c, "care_plan.create", "ok", client_id, "care_plan", id, NULL);
    *out = plan_load(c, id, 0);
    return OK;
}

int careplan_revise_from(struct ctx *c, int64_t id, int64_t version, json_t *in, const char *source, json_t **out)
{
    json_t *p = db_row(c->db,
                       "SELECT p.client_id, p.version, p.next_key, e.status, v.body FROM care_plans p JOIN episodes"
                       " e ON e.id=p.episode_id JOIN care_plan_versions v ON v.plan_id=p.id AND v.number=p.version"
                       " WHERE p.id=?",
                       "i", id);
    if (!p)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such care plan."));
    int64_t client_id = iget(p, "client_id"), current = iget(p, "version"), next_key = iget(p, "next_key");
    int closed = str_eq(sget(p, "status"), "discharged");
    json_t *old = json_loads(sget(p, "body") ? sget(p, "body") : "{}", 0, NULL);
    json_decref(p);
    int rc = access_check(c, RES_CARE_PLAN, ACT_UPDATE, client_id, "care_plan.revise");
    if (rc != OK || !json_is_object(in)) {
        json_decref(old);
        return rc != OK ? rc : ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    }
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    const char *why = v_str(c, in, "why", 1, 1000, NULL);
    const char *due = review_due_of(c, in, today);
    json_t *known = json_object();
    known_keys(old, known);
    json_decref(old);
    json_t *body = goals_parse(c, in, known, &next_key);
    json_decref(known);
    if (c->errors) {
        json_decref(body);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    if (closed) {
        json_decref(body);
        return ctx_fail(c, ERR_CONFLICT, "%s", _("The episode of this plan is discharged: the plan is closed."));
    }
    if (version != current) {
        json_decref(body);
        return ctx_stale(c, current);
    }
    if (db_run(c->db,
               "UPDATE care_plans SET version=version+1, next_key=?, review_due=COALESCE(?, review_due),"
               " updated_at=? WHERE id=? AND version=?",
               "ittii", next_key, due, now, id, version) != DB_OK ||
        version_write(c, id, client_id, version + 1, body, why, source, now) != OK) {
        json_decref(body);
        return ctx_fail(c, ERR_DB, "%s", _("The care plan could not be saved."));
    }
    json_decref(body);
    audit_log(c, "care_plan.revise", "ok", client_id, "care_plan", id, source);
    *out = plan_load(c, id, 0);
    return OK;
}

int careplan_revise(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    return careplan_revise_from(c, id, version, in, NULL, out);
}

/* The open episodes of a client at the actor's organisation that have no plan yet ({id, programme}),
 * for a page that offers to start one (the caller asked access_may for ACT_CREATE). */
json_t *careplan_unplanned(struct ctx *c, int64_t client_id)
{
    if (!c->a)
        return json_array();
    json_t *rows = db_rows(c->db,
                           "SELECT e.id, e.programme FROM episodes e WHERE e.client_id=? AND e.org_id=? AND"
                           " e.status<>'discharged' AND NOT EXISTS (SELECT 1 FROM care_plans p WHERE"
                           " p.episode_id=e.id) ORDER BY e.start_date DESC, e.id DESC",
                           "ii", client_id, c->a->org_id);
    return rows ? rows : json_array();
}

/* ---- comparing two versions ---- */

static const char *const goal_diff_fields[] = {"domain", "client_words", "worker_words", "strengths", "barriers",
                                               "status", "share_with_peer", NULL};
static const char *const step_diff_fields[] = {"who", "who_name", "what", "how_often", "by_when", NULL};

static json_t *by_key(json_t *list, const char *key)
{
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) if (str_eq(sget(x, "key"), key)) return x;
    return NULL;
}

/* The fields of fields[] that differ between a and b (absent and null are the same as ""). */
static json_t *fields_changed(json_t *a, json_t *b, const char *const *fields)
{
    json_t *out = json_array();
    for (const char *const *f = fields; *f; f++) {
        json_t *x = json_object_get(a, *f), *y = json_object_get(b, *f);
        int xe = !x || json_is_null(x) || (json_is_string(x) && !*json_string_value(x)) || json_is_false(x);
        int ye = !y || json_is_null(y) || (json_is_string(y) && !*json_string_value(y)) || json_is_false(y);
        if (xe && ye)
            continue;
        if (xe != ye || !json_equal(x, y))
            json_array_append_new(out, json_string(*f));
    }
    return out;
}

/* One list matched by key: what is in from only ("removed"), in to only ("added"), in both (changed or
 * same, with the changed fields); in to's order, the removed after. */
static json_t *diff_list(json_t *from, json_t *to, const char *const *fields, int goals)
{
    json_t *out = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(to, i, x)
    {
        json_t *old = by_key(from, sget(x, "key"));
        json_t *d = json_pack("{s:s,s:s}", "key", sget(x, "key") ? sget(x, "key") : "", "state", old ? "same" : "added");
        if (old) {
            json_t *ch = fields_changed(old, x, fields);
            json_t *steps = goals ? diff_list(json_object_get(old, "steps"), json_object_get(x, "steps"),
                                              step_diff_fields, 0)
                                  : NULL;
            int steps_changed = 0;
            size_t j;
            json_t *s;
            json_array_foreach(steps, j, s) if (!str_eq(sget(s, "state"), "same")) steps_changed = 1;
            if (json_array_size(ch) || steps_changed)
                json_object_set_new(d, "state", json_string("changed"));
            json_object_set_new(d, "fields", ch);
            if (steps)
                json_object_set_new(d, "steps", steps);
        } else if (goals) {
            json_object_set_new(d, "steps", diff_list(NULL, json_object_get(x, "steps"), step_diff_fields, 0));
        }
        json_array_append_new(out, d);
    }
    json_array_foreach(from, i, x) if (!by_key(to, sget(x, "key")))
    {
        json_t *d = json_pack("{s:s,s:s}", "key", sget(x, "key") ? sget(x, "key") : "", "state", "removed");
        if (goals)
            json_object_set_new(d, "steps", diff_list(json_object_get(x, "steps"), NULL, step_diff_fields, 0));
        json_array_append_new(out, d);
    }
    return out;
}

json_t *careplan_diff(json_t *from_goals, json_t *to_goals)
{
    return diff_list(from_goals, to_goals, goal_diff_fields, 1);
}

/* ---- the client's agreement ---- */

int careplan_agree(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *p = db_row(c->db,
                       "SELECT p.client_id, p.version, e.status, v.agreement FROM care_plans p JOIN episodes e ON"
                       " e.id=p.episode_id JOIN care_plan_versions v ON v.plan_id=p.id AND v.number=p.version"
                       " WHERE p.id=?",
                       "i", id);
    if (!p)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such care plan."));
    int64_t client_id = iget(p, "client_id"), current = iget(p, "version");
    int closed = str_eq(sget(p, "status"), "discharged");
    char before[24];
    snprintf(before, sizeof before, "%s", sget(p, "agreement") ? sget(p, "agreement") : "");
    json_decref(p);
    int rc = access_check(c, RES_CARE_PLAN, ACT_UPDATE, client_id, "care_plan.agree");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    const char *how = v_str(c, in, "agreement", 1, 32, careplan_agreements);
    const char *witness = v_str(c, in, "witness", 0, 200, NULL);
    const char *words = v_str(c, in, "words", 0, CP_TEXT_MAX, NULL);
    if (str_eq(how, "verbal_witnessed") && !(witness && *witness))
        ctx_field(c, "witness", _("is required when the client agrees aloud: the witness's name"));
    if (str_eq(how, "declined") && !(words && *words))
        ctx_field(c, "words", _("is required when the client declines: what they said"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (closed)
        return ctx_fail(c, ERR_CONFLICT, "%s", _("The episode of this plan is discharged: the plan is closed."));
    if (version != current)
        return ctx_stale(c, current);
    /* Once per version; a client who declined may agree later (the same version). */
    if (*before && !str_eq(before, "declined"))
        return ctx_fail(c, ERR_CONFLICT, "%s",
                        _("The client's agreement to this version is recorded already: a change needs a new version."));
    char now[32];
    iso_now(now);
    if (db_run(c->db,
               "UPDATE care_plan_versions SET agreement=?, agreement_witness=?, agreement_words=?, agreement_by=?,"
               " agreement_at=? WHERE plan_id=? AND number=?",
               "tttitii", how, witness && *witness ? witness : NULL, words && *words ? words : NULL,
               c->a->staff_id, now, id, current) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The agreement could not be saved."));
    char why[48];
    snprintf(why, sizeof why, "version %lld: %s", (long long)current, how);
    audit_log(c, "care_plan.agree", "ok", client_id, "care_plan", id, why);
    *out = plan_load(c, id, 0);
    return OK;
}

/* ---- reviews ---- */

/* When the next review falls (documented in README.md, "Care plans"): every CAREPLAN_REVIEW_MONTHS
 * months; within the days below after a crisis event or the end of a hospital stay; the review task is
 * made CAREPLAN_REVIEW_LEAD days before the date. */
const struct careplan_review_rule careplan_review_rules[] = {
    {"crisis", 14},
    {"hospital_discharge", 14},
    {NULL, 0},
};

int careplan_review_days(const char *event)
{
    for (const struct careplan_review_rule *r = careplan_review_rules; r->event; r++)
        if (str_eq(r->event, event))
            return r->days;
    return 0;
}

/* The plans of a client's open episodes review within days of today at the latest: review_due comes
 * forward (never back), and an open review task follows it. */
int careplan_bring_forward(struct ctx *c, int64_t client_id, const char *event)
{
    int days = careplan_review_days(event);
    if (days <= 0)
        return OK;
    char by[32];
    iso_time(now_epoch() + (int64_t)days * 86400, by);
    by[10] = 0;
    json_t *rows = db_rows(c->db,
                           "SELECT p.id, p.review_task FROM care_plans p JOIN episodes e ON e.id=p.episode_id WHERE"
                           " p.client_id=? AND e.status<>'discharged' AND p.review_due>?",
                           "it", client_id, by);
    if (!rows)
        return ctx_fail(c, ERR_DB, "%s", _("The care plan's review date could not be changed."));
    size_t i;
    json_t *r;
    int rc = OK;
    json_array_foreach(rows, i, r)
    {
        if (db_run(c->db, "UPDATE care_plans SET review_due=? WHERE id=?", "ti", by, iget(r, "id")) != DB_OK ||
            (iget(r, "review_task") &&
             db_run(c->db, "UPDATE tasks SET due=?, version=version+1 WHERE id=? AND status='open'", "ti", by,
                    iget(r, "review_task")) != DB_OK)) {
            rc = ctx_fail(c, ERR_DB, "%s", _("The care plan's review date could not be changed."));
            break;
        }
        audit_log(c, "care_plan.review_forward", "ok", client_id, "care_plan", iget(r, "id"), event);
    }
    json_decref(rows);
    return rc;
}

#define REVIEW_COLS                                                                                          \
    "SELECT r.id, r.plan_id, r.held_on, r.what_changed, r.progress, r.number, r.next_review, r.made_by,"    \
    " s.display_name AS made_by_name, r.made_at FROM care_plan_reviews r JOIN staff s ON s.id=r.made_by"

/* progress from its JSON text; a peer supporter: only the shared goals' progress, and not what changed
 * (it may speak of the others). */
static void review_shape(json_t *r, json_t *shared)
{
    json_t *pr = json_loads(sget(r, "progress") ? sget(r, "progress") : "[]", 0, NULL);
    if (!json_is_array(pr)) {
        json_decref(pr);
        pr = json_array();
    }
    if (shared) {
        json_t *kept = json_array();
        size_t i;
        json_t *x;
        json_array_foreach(pr, i, x) if (json_object_get(shared, sget(x, "goal") ? sget(x, "goal") : ""))
            json_array_append(kept, x);
        json_decref(pr);
        pr = kept;
        json_object_set_new(r, "what_changed", json_null());
    }
    json_object_set_new(r, "progress", pr);
}

/* The keys of the goals a peer supporter sees (shared in the current version), or NULL for others. */
static json_t *peer_goals(struct ctx *c, int64_t id)
{
    if (!c->a || c->a->role != ROLE_PEER)
        return NULL;
    json_t *rows = db_rows(c->db, "SELECT goal_key FROM care_plan_goals WHERE plan_id=? AND share_with_peer=1", "i",
                           id);
    json_t *out = json_object();
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) json_object_set_new(out, sget(r, "goal_key"), json_true());
    json_decref(rows);
    return out;
}

int careplan_reviews(struct ctx *c, int64_t id, const struct page *pg, json_t **out)
{
    int64_t client_id = plan_client(c, id);
    if (!client_id)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such care plan."));
    int rc = access_check(c, RES_CARE_PLAN_REVIEW, ACT_LIST, client_id, "care_plan.reviews");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.held_on", 1}, {"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out, REVIEW_COLS " WHERE r.plan_id=?", "i", id);
    if (rc != OK)
        return rc;
    json_t *shared = peer_goals(c, id);
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) review_shape(r, shared);
    json_decref(shared);
    audit_log(c, "care_plan.reviews", "ok", client_id, "care_plan", id, NULL);
    return OK;
}

/* The progress of a review: [{goal: a key of the current version, scale 0..10, words}], at most one per
 * goal; NULL after field errors. */
static json_t *progress_parse(struct ctx *c, json_t *in, json_t *goals)
{
    json_t *pr = json_object_get(in, "progress"), *out = json_array(), *seen = json_object();
    if (pr && !json_is_null(pr) && !json_is_array(pr))
        ctx_field(c, "progress", _("must be a list"));
    size_t i;
    json_t *x;
    json_array_foreach(json_is_array(pr) ? pr : NULL, i, x)
    {
        char path[32], f[64];
        snprintf(path, sizeof path, "progress[%zu]", i);
        if (!json_is_object(x)) {
            ctx_field(c, path, _("must be an object"));
            continue;
        }
        const char *goal = el_text(c, x, "goal", path, 1, 16);
        if (goal && (!json_object_get(goals, goal) || json_object_get(seen, goal))) {
            snprintf(f, sizeof f, "%s.goal", path);
            ctx_field(c, f, _("is not a goal of the plan (or is given twice)"));
        }
        json_t *sc = json_object_get(x, "scale");
        if (!json_is_integer(sc) || json_integer_value(sc) < 0 || json_integer_value(sc) > 10) {
            snprintf(f, sizeof f, "%s.scale", path);
            ctx_field(c, f, _("must be a whole number from 0 to 10"));
        }
        const char *words = el_text(c, x, "words", path, 0, CP_TEXT_MAX);
        if (goal)
            json_object_set_new(seen, goal, json_true());
        json_array_append_new(out, json_pack("{s:s,s:O,s:s?}", "goal", goal ? goal : "", "scale",
                                             sc ? sc : json_null(), "words", words));
    }
    json_decref(seen);
    return out;
}

int careplan_review(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *p = db_row(c->db,
                       "SELECT p.client_id, p.version, p.review_task, e.status FROM care_plans p JOIN episodes e ON"
                       " e.id=p.episode_id WHERE p.id=?",
                       "i", id);
    if (!p)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such care plan."));
    int64_t client_id = iget(p, "client_id"), current = iget(p, "version"), task = iget(p, "review_task");
    int closed = str_eq(sget(p, "status"), "discharged");
    json_decref(p);
    int rc = access_check(c, RES_CARE_PLAN_REVIEW, ACT_CREATE, client_id, "care_plan.review");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    char today[16], now[32], next6[16];
    iso_today(today);
    iso_now(now);
    const char *held = v_date(c, in, "held_on", 0);
    if (held && *held && strcmp(held, today) > 0)
        ctx_field(c, "held_on", _("must not be in the future"));
    if (!held || !*held)
        held = today;
    const char *what = v_str(c, in, "what_changed", 1, CP_TEXT_MAX, NULL);
    const char *next = v_date(c, in, "next_review", 0);
    careplan_add_months(held, CAREPLAN_REVIEW_MONTHS, next6);
    if (next && *next && strcmp(next, today) <= 0)
        ctx_field(c, "next_review", _("must be after today"));
    if (!next || !*next)
        next = next6;
    json_t *goals = json_object();
    json_t *rows = db_rows(c->db, "SELECT goal_key FROM care_plan_goals WHERE plan_id=?", "i", id);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) json_object_set_new(goals, sget(r, "goal_key"), json_true());
    json_decref(rows);
    json_t *progress = progress_parse(c, in, goals);
    json_decref(goals);
    json_t *change = json_object_get(in, "goals");
    if (change && !json_is_null(change) && !json_is_array(change))
        ctx_field(c, "goals", _("must hold 1 to 30 goals"));
    if (c->errors) {
        json_decref(progress);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    if (closed) {
        json_decref(progress);
        return ctx_fail(c, ERR_CONFLICT, "%s", _("The episode of this plan is discharged: the plan is closed."));
    }
    if (version != current) {
        json_decref(progress);
        return ctx_stale(c, current);
    }
    char *ptext = json_dumps(progress, JSON_COMPACT);
    json_decref(progress);
    int64_t rid = ptext ? db_insert_id(c->db,
                                       "INSERT INTO care_plan_reviews(plan_id, held_on, what_changed, progress,"
                                       " next_review, made_by, made_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                                       "ittttit", id, held, what, ptext, next, c->a->staff_id, now)
                        : 0;
    free(ptext);
    if (!rid)
        return ctx_fail(c, ERR_DB, "%s", _("The review could not be saved."));
    /* A review may change the plan: a new version, from "review N". */
    if (json_is_array(change)) {
        char source[32];
        snprintf(source, sizeof source, "review %lld", (long long)rid);
        /* why: the review's own, else what changed (when that fits a version's why), else its name */
        const char *why = json_is_string(json_object_get(in, "why")) && *sget(in, "why") ? sget(in, "why")
                          : v_text_chars(what) <= 1000                                 ? what
                                                                                       : source;
        json_t *rev = json_pack("{s:O,s:s}", "goals", change, "why", why);
        json_t *plan = NULL;
        rc = careplan_revise_from(c, id, version, rev, source, &plan);
        json_decref(rev);
        json_decref(plan);
        if (rc != OK)
            return rc;
        if (db_run(c->db, "UPDATE care_plan_reviews SET number=? WHERE id=?", "ii", version + 1, rid) != DB_OK)
            return ctx_fail(c, ERR_DB, "%s", _("The review could not be saved."));
    }
    if (db_run(c->db, "UPDATE care_plans SET review_due=?, review_task=NULL, updated_at=? WHERE id=?", "tti", next, now,
               id) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The review could not be saved."));
    /* The review the rule asked for is done. */
    if (task && db_int1(c->db, 0, "SELECT 1 FROM tasks WHERE id=? AND status='open'", "i", task) == 1) {
        if (db_run(c->db, "UPDATE tasks SET status='done', done_by=?, done_at=?, version=version+1 WHERE id=?",
                   "iti", c->a->staff_id, now, task) != DB_OK)
            return ctx_fail(c, ERR_DB, "%s", _("The review could not be saved."));
        audit_log(c, "task.update", "ok", client_id, "task", task, "care plan reviewed");
    }
    char why[32];
    snprintf(why, sizeof why, "review %lld", (long long)rid);
    audit_log(c, "care_plan.review", "ok", client_id, "care_plan", id, why);
    json_t *row = db_row(c->db, REVIEW_COLS " WHERE r.id=?", "i", rid);
    if (!row)
        return ctx_fail(c, ERR_DB, "%s", _("The review could not be read."));
    review_shape(row, NULL);
    *out = row;
    return OK;
}

/* ---- the review rule ---- */

/* A plan of an open episode whose review falls within CAREPLAN_REVIEW_LEAD days makes, once for that
 * date (care_plans.review_task), a task for the episode's primary case manager (else the worker who
 * started the plan), due on the review date. A review clears review_task for the next date. */
int careplan_review_run(struct ctx *c, int *made)
{
    char horizon[32];
    iso_time(now_epoch() + (int64_t)CAREPLAN_REVIEW_LEAD * 86400, horizon);
    horizon[10] = 0;
    json_t *rows = db_rows(c->db,
                           "SELECT p.id, p.client_id, p.review_due, COALESCE((SELECT s.id FROM staff s WHERE"
                           " s.id=e.primary_cm AND s.disabled=0), (SELECT s.id FROM staff s WHERE s.id=p.created_by"
                           " AND s.disabled=0), 0) AS owner FROM care_plans p JOIN episodes e ON e.id=p.episode_id"
                           " WHERE p.review_task IS NULL AND e.status<>'discharged' AND p.review_due<=? ORDER BY p.id",
                           "t", horizon);
    if (!rows)
        return ctx_fail(c, ERR_DB, "%s", "care_plan.review: the plans could not be read");
    int rc = OK;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        int64_t id = iget(r, "id"), owner = iget(r, "owner");
        if (!owner)
            continue;
        json_t *args = json_pack("{s:I,s:s}", "id", (json_int_t)id, "date", sget(r, "review_due"));
        rc = risk_rule_task_once(c, iget(r, "client_id"), owner, "care_plan.review", args, sget(r, "review_due"),
                                 "care plan", id, "UPDATE care_plans SET review_task=? WHERE id=?");
        json_decref(args);
        if (rc != OK)
            break;
        (*made)++;
    }
    json_decref(rows);
    return rc;
}
static const struct sweep_rule careplan_review_rule = {"care_plan.review", careplan_review_run};
SWEEP_REGISTER(careplan_review_rule);

/* ---- the descriptor ---- */

static const struct res_field careplan_step_fields[] = {
    {"key", FT_STRING, 0, NC_("care plan", "Step")},
    {"who", FT_STRING, 0, N_("Who")}, /* client, team_member, other_org, family */
    {"who_name", FT_STRING, 1, N_("Name")},
    {"what", FT_STRING, 0, N_("What")},
    {"how_often", FT_STRING, 1, N_("How often")},
    {"by_when", FT_DATE, 1, N_("By when")},
    {NULL, 0, 0, NULL}};
static const struct res_field careplan_goal_fields[] = {
    {"key", FT_STRING, 0, N_("Goal")},
    {"domain", FT_STRING, 0, N_("Domain")},
    {"client_words", FT_STRING, 0, N_("In the client's words")},
    {"worker_words", FT_STRING, 1, N_("In the worker's words")},
    {"strengths", FT_STRING, 1, N_("Strengths")},
    {"barriers", FT_STRING, 1, N_("What stands in the way")},
    {"status", FT_STRING, 0, N_("Status")}, /* active, reached, stopped */
    {"share_with_peer", FT_BOOL, 0, N_("Shared with the peer supporter")},
    {"steps", FT_ARRAY, 0, NC_("care plan", "Steps"), careplan_step_fields},
    {NULL, 0, 0, NULL}};
static const struct res_field care_plan_fields[] = {
    {"id", FT_INT, 0, N_("Care plan")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"episode_id", FT_INT, 0, N_("Episode")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"org_name", FT_STRING, 0, N_("Organisation")},
    {"programme", FT_STRING, 0, N_("Programme")},
    {"episode_status", FT_STRING, 0, N_("Episode status")},
    {"review_due", FT_DATE, 0, NC_("care plan", "Review due")},
    {"created_by", FT_INT, 0, N_("Started by")},
    {"created_at", FT_DATETIME, 0, N_("Started")},
    {"updated_at", FT_DATETIME, 0, N_("Changed")},
    {"version", FT_INT, 0, N_("Version")}, /* the current version's number (If-Match) */
    {"number", FT_INT, 0, N_("Version shown")},
    {"current", FT_BOOL, 0, N_("Current version")},
    {"why", FT_STRING, 0, N_("Why changed")},
    {"source", FT_STRING, 1, N_("Where the change came from")}, /* "review 3", "conference 12" */
    {"made_by", FT_INT, 0, N_("Changed by")},
    {"made_by_name", FT_STRING, 0, N_("Changed by")},
    {"made_at", FT_DATETIME, 0, N_("Changed")},
    {"agreement", FT_STRING, 1, N_("The client's agreement")}, /* signed, verbal_witnessed, declined; null: not asked */
    {"agreement_witness", FT_STRING, 1, N_("Witness")},
    {"agreement_words", FT_STRING, 1, N_("What the client said")},
    {"agreement_by", FT_INT, 1, N_("Agreement recorded by")},
    {"agreement_at", FT_DATETIME, 1, N_("Agreement recorded")},
    {"goals", FT_ARRAY, 0, N_("Goals"), careplan_goal_fields},
    {NULL, 0, 0, NULL},
};
/* A version in the list of versions. */
static const struct res_field care_plan_summary[] = {
    {"plan_id", FT_INT, 0, N_("Care plan")},
    {"number", FT_INT, 0, N_("Version")},
    {"why", FT_STRING, 0, N_("Why changed")},
    {"source", FT_STRING, 1, N_("Where the change came from")},
    {"made_by", FT_INT, 0, N_("Changed by")},
    {"made_by_name", FT_STRING, 0, N_("Changed by")},
    {"made_at", FT_DATETIME, 0, N_("Changed")},
    {"agreement", FT_STRING, 1, N_("The client's agreement")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit care_plan_actions[] = {
    {"care_plan.list", ACT_LIST},
    {"care_plan.read", ACT_READ},
    {"care_plan.versions", ACT_READ},
    {"care_plan.version", ACT_READ},
    {"care_plan.create", ACT_CREATE},
    {"care_plan.revise", ACT_UPDATE},
    {"care_plan.agree", ACT_UPDATE},
    {"care_plan.review_forward", ACT_UPDATE},
    {NULL, 0},
};
static const char *const care_plan_tables[] = {"care_plans", "care_plan_versions", "care_plan_goals",
                                               "care_plan_steps", "care_plan_reviews", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule care_plan_access[] = {
    /* read by the care team (housing coordinators on it too: housing is a domain of the plan), a
     * peer supporter assigned (only the goals shared with them: shape()), in an emergency with its
     * purpose, and by another organisation through consent to the care plan */
    {RES_CARE_PLAN, ACT_LIST, TEAM, NOTES, A},
    {RES_CARE_PLAN, ACT_LIST, PEER, PS, A},
    {RES_CARE_PLAN, ACT_LIST, GLASS | ONCALL, NOTES, P},
    {RES_CARE_PLAN, ACT_LIST, SHARED, NOTES | PS, P},
    {RES_CARE_PLAN, ACT_READ, TEAM, NOTES, A},
    {RES_CARE_PLAN, ACT_READ, PEER, PS, A},
    {RES_CARE_PLAN, ACT_READ, GLASS | ONCALL, NOTES, P},
    {RES_CARE_PLAN, ACT_READ, SHARED, NOTES | PS, P},
    /* written with the client by the clinical members of the care team */
    {RES_CARE_PLAN, ACT_CREATE, TEAM, CLINICAL, A},
    {RES_CARE_PLAN, ACT_UPDATE, TEAM, CLINICAL, A},
    {0}};
const struct resource res_care_plan = {
    .access = care_plan_access,
    .id = RES_CARE_PLAN, .name = "care_plan", .label = N_("Care plan"), .plural = N_("Care plans"),
    .summary = care_plan_summary, .data_class = DC_BIT(DC_CARE_PLAN),
    RESOURCE_OF(care_plan)};
RESOURCE_REGISTER(res_care_plan);

/* A review of a care plan (care_plan_reviews): its own shape and rows, the plan's words. */
static const struct res_field care_plan_progress_fields[] = {
    {"goal", FT_STRING, 0, N_("Goal")},
    {"scale", FT_INT, 0, N_("Progress (0 to 10)")},
    {"words", FT_STRING, 1, N_("Progress in words")},
    {NULL, 0, 0, NULL}};
static const struct res_field care_plan_review_fields[] = {
    {"id", FT_INT, 0, N_("Review")},
    {"plan_id", FT_INT, 0, N_("Care plan")},
    {"held_on", FT_DATE, 0, N_("Held on")},
    {"what_changed", FT_STRING, 1, N_("What changed")}, /* null for a peer supporter */
    {"progress", FT_ARRAY, 0, N_("Progress"), care_plan_progress_fields},
    {"number", FT_INT, 1, N_("Version made")},
    {"next_review", FT_DATE, 0, NC_("care plan", "Next review")},
    {"made_by", FT_INT, 0, N_("Reviewed by")},
    {"made_by_name", FT_STRING, 0, N_("Reviewed by")},
    {"made_at", FT_DATETIME, 0, N_("Recorded")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit care_plan_review_actions[] = {
    {"care_plan.reviews", ACT_LIST},
    {"care_plan.review", ACT_CREATE},
    {NULL, 0},
};
static const char *const care_plan_review_tables[] = {NULL}; /* care_plan_reviews: the plan's (above) */
static const struct access_rule care_plan_review_access[] = {
    /* read as the plan is read (a peer: the shared goals' progress only); recorded with the client by
     * the clinical members of the care team */
    {RES_CARE_PLAN_REVIEW, ACT_LIST, TEAM, NOTES, A},
    {RES_CARE_PLAN_REVIEW, ACT_LIST, PEER, PS, A},
    {RES_CARE_PLAN_REVIEW, ACT_LIST, GLASS | ONCALL, NOTES, P},
    {RES_CARE_PLAN_REVIEW, ACT_LIST, SHARED, NOTES | PS, P},
    {RES_CARE_PLAN_REVIEW, ACT_CREATE, TEAM, CLINICAL, A},
    {0}};
const struct resource res_care_plan_review = {
    .access = care_plan_review_access,
    .id = RES_CARE_PLAN_REVIEW, .name = "care_plan_review", .label = N_("Care plan review"),
    .plural = N_("Care plan reviews"), .data_class = DC_BIT(DC_CARE_PLAN),
    RESOURCE_OF(care_plan_review)};
RESOURCE_REGISTER(res_care_plan_review);
