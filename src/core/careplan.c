/* careplan: care plans in the client's own words (issue 11 §1). One plan per client per episode,
 * versioned: every change writes the whole plan as a new version with who, when, why and where it
 * came from; the current version's goals and steps are also kept one row each (care_plan_goals,
 * care_plan_steps) for what reads them without parsing versions (linkages, conferences, caseloads,
 * evaluation). A goal or step keeps its key ("g3", "g3s1") from version to version. */
#include "base/base.h"
#include "core/core.h"
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
    if (!id || version_write(c, id, client_id, 1, body, why && *why ? why : "first plan", NULL, now) != OK) {
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

/* ---- the descriptor ---- */

static const struct res_field careplan_step_fields[] = {
    {"key", FT_STRING, 0, N_("Step")},
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
    {"steps", FT_ARRAY, 0, N_("Steps"), careplan_step_fields},
    {NULL, 0, 0, NULL}};
static const struct res_field care_plan_fields[] = {
    {"id", FT_INT, 0, N_("Care plan")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"episode_id", FT_INT, 0, N_("Episode")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"org_name", FT_STRING, 0, N_("Organisation")},
    {"programme", FT_STRING, 0, N_("Programme")},
    {"episode_status", FT_STRING, 0, N_("Episode status")},
    {"review_due", FT_DATE, 0, N_("Review due")},
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
