/* flag: risk flags raised by people or by assessments, reviewed (continued, level changed, resolved)
 * and never deleted; the kinds of flag; and the rule helpers that turn risk into tasks. */
#include "base/base.h"
#include "core/risk_data.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const flag_levels[] = {"low", "moderate", "high", NULL};
const char *const flag_sources[] = {"assessment", "person", NULL};
const char *const flag_review_outcomes[] = {"continued", "level_changed", "resolved", NULL};

#define REASON_MAX 1000
#define NOTE_MAX 2000
#define MAX_FLAGS 200

/* The first parameter is today (for review_due). */
#define FLAG_COLS                                                                                            \
    "SELECT f.id, f.client_id, f.kind, (SELECT k.label FROM flag_kinds k WHERE k.name=f.kind"                \
    " ORDER BY k.org_id IS NOT NULL, k.id LIMIT 1) AS label, f.level, f.source, f.assessment_id, f.reason,"  \
    " f.reason_key, f.reason_args, f.review_date, f.status, f.raised_by, s.display_name AS raised_by_name, f.raised_at, f.version,"       \
    " CASE WHEN f.status='active' AND f.review_date IS NOT NULL AND f.review_date<=? THEN 1 ELSE 0 END"      \
    " AS review_due FROM flags f LEFT JOIN staff s ON s.id=f.raised_by"
#define LEVEL_RANK "CASE f.level WHEN 'high' THEN 0 WHEN 'moderate' THEN 1 ELSE 2 END"

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static void shape(json_t *r)
{
    json_object_set_new(r, "review_due", json_boolean(iget(r, "review_due")));
    rule_text_shape(r, "reason");
}

static json_t *reviews_of(struct db *db, int64_t flag_id)
{
    json_t *rows = db_rows(db,
                           "SELECT r.id, r.outcome, r.level, r.note, r.note_key, r.note_args, r.next_review,"
                           " r.reviewed_by, s.display_name AS reviewed_by_name, r.reviewed_at FROM flag_reviews r"
                           " JOIN staff s ON s.id=r.reviewed_by WHERE r.flag_id=? ORDER BY r.reviewed_at, r.id",
                           "i", flag_id);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) rule_text_shape(r, "note"); /* a rule's note, in the reader's language */
    return rows;
}

static json_t *flag_load(struct db *db, int64_t id)
{
    char today[16];
    iso_today(today);
    json_t *r = db_row(db, FLAG_COLS " WHERE f.id=?", "ti", today, id);
    if (r) {
        shape(r);
        json_object_set_new(r, "reviews", reviews_of(db, id));
    }
    return r;
}

json_t *flag_active(struct db *db, int64_t client_id)
{
    char today[16];
    iso_today(today);
    json_t *rows = db_rows(db,
                           FLAG_COLS " WHERE f.client_id=? AND f.status='active' ORDER BY " LEVEL_RANK
                                     ", f.raised_at DESC, f.id DESC LIMIT ?",
                           "tii", today, client_id, (int64_t)MAX_FLAGS);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) shape(r);
    return rows;
}

/* ---- the rules' helpers ---- */

int64_t risk_owner(struct ctx *c, int64_t client_id)
{
    int64_t cm =
        db_int1(c->db, 0,
                "SELECT e.primary_cm FROM episodes e JOIN staff s ON s.id=e.primary_cm WHERE e.client_id=?"
                " AND e.status<>'discharged' AND s.disabled=0"
                " ORDER BY e.org_id=? DESC, e.start_date DESC, e.id DESC LIMIT 1",
                "ii", client_id, c->a->org_id);
    return cm ? cm : c->a->staff_id;
}

void risk_due(int64_t base, int days, char out[16])
{
    char t[32], today[16];
    iso_time(base + (int64_t)days * 86400, t);
    iso_today(today);
    snprintf(out, 16, "%.10s", strncmp(t, today, 10) < 0 ? today : t);
}

json_t *risk_rule_task(struct ctx *c, int64_t client_id, int64_t assignee, const char *key, json_t *args,
                       const char *due, const char *priority, const char *why)
{
    char now[32], title[512];
    if (!rule_text_known(key)) { /* every rule's text is in rule_texts (task.c), so it can be shown */
        log_error("risk_rule_task: no rule text for the key '%s'", key ? key : "");
        return NULL;
    }
    iso_now(now);
    rule_text_in("en", key, args, title, sizeof title); /* the source text, for what reads titles raw */
    char *a = json_object_size(args) ? json_dumps(args, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO tasks(client_id, assignee, title, title_key, title_args, due, priority,"
                              " status, source, created_at) VALUES (?,?,?,?,?,?,?,'open','rule',?) RETURNING id",
                              "iitttttt", client_id, assignee, title, key, a, due, priority, now);
    free(a);
    if (!id)
        return NULL;
    audit_log(c, "task.create", "ok", client_id, "task", id, why);
    json_t *r = db_row(c->db,
                       "SELECT t.id, t.client_id, t.assignee, s.display_name AS assignee_name, t.title,"
                       " t.title_key, t.title_args, t.due, t.priority, t.status, t.source, t.version"
                       " FROM tasks t JOIN staff s ON s.id=t.assignee WHERE t.id=?",
                       "i", id);
    if (r)
        rule_text_shape(r, "title");
    return r;
}

int risk_rule_task_once(struct ctx *c, int64_t client_id, int64_t assignee, const char *key, json_t *args,
                        const char *due, const char *entity, int64_t entity_id, const char *update)
{
    char why[64];
    snprintf(why, sizeof why, "%s %lld", entity, (long long)entity_id);
    json_t *t = risk_rule_task(c, client_id, assignee, key, args, due, "normal", why);
    int64_t id = json_integer_value(json_object_get(t, "id"));
    json_decref(t);
    if (!id || db_run(c->db, update, "ii", id, entity_id) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s: the task could not be saved", key);
    return OK;
}

const char *risk_time(struct ctx *c, json_t *in, const char *field, int required, int past_only, char out[32])
{
    const char *s = v_time(c, in, field, required);
    if (!s)
        return NULL;
    int64_t t = iso_parse(s);
    if (past_only && t > now_epoch() + 300) {
        ctx_field(c, field, _("cannot be in the future"));
        return NULL;
    }
    iso_time(t, out);
    return out;
}

/* A high suicide-risk flag: contact within 24 hours and a safety-plan review, for the client's
 * primary case manager; not while such a task is still open for the client. */
static int suicide_rule(struct ctx *c, int64_t client_id, json_t *made)
{
    static const struct {
        const char *key, *priority;
        int days;
    } rules[] = {{"suicide.contact", "urgent", 1}, {"suicide.safety_plan_review", "high", 3}};
    int64_t who = risk_owner(c, client_id);
    for (size_t i = 0; i < ARRAY_LEN(rules); i++) {
        /* The rule's own earlier task, found by its key (never by a title in someone's language). */
        if (db_int1(c->db, 0,
                    "SELECT 1 FROM tasks WHERE client_id=? AND status='open' AND source='rule' AND title_key=? "
                    "LIMIT 1",
                    "it", client_id, rules[i].key) == 1)
            continue;
        char due[16];
        risk_due(now_epoch(), rules[i].days, due);
        json_t *args = i == 0 ? json_pack("{s:i}", "hours", 24) : NULL;
        json_t *t = risk_rule_task(c, client_id, who, rules[i].key, args, due, rules[i].priority,
                                   "rule: high suicide risk flag");
        json_decref(args);
        if (!t)
            return ctx_fail(c, ERR_DB, _("The follow-up task could not be saved."));
        json_array_append_new(made, t);
    }
    return OK;
}

/* "Suicide risk: assessment needed" (PHQ-9 item 9): a task to complete a C-SSRS screen within 24 hours,
 * for the client's primary case manager; not while such a task is still open. */
static int screen_rule(struct ctx *c, int64_t client_id, json_t *made)
{
    if (db_int1(c->db, 0,
                "SELECT 1 FROM tasks WHERE client_id=? AND status='open' AND source='rule' AND title_key=? LIMIT 1",
                "it", client_id, "suicide.screen") == 1)
        return OK;
    char due[16];
    risk_due(now_epoch(), 1, due);
    json_t *args = json_pack("{s:i}", "hours", 24);
    json_t *t = risk_rule_task(c, client_id, risk_owner(c, client_id), "suicide.screen", args, due, "urgent",
                               "rule: suicide risk assessment needed");
    json_decref(args);
    if (!t)
        return ctx_fail(c, ERR_DB, _("The follow-up task could not be saved."));
    json_array_append_new(made, t);
    return OK;
}

int flag_resolve_by_assessment(struct ctx *c, int64_t client_id, const char *kind, int64_t assessment_id,
                               json_t *resolved)
{
    char now[32];
    iso_now(now);
    json_t *ids = db_rows(c->db, "SELECT id, level FROM flags WHERE client_id=? AND kind=? AND status='active' ORDER BY id",
                          "it", client_id, kind);
    json_t *args = json_pack("{s:I}", "id", (json_int_t)assessment_id);
    char *a = json_dumps(args, JSON_COMPACT | JSON_SORT_KEYS), note[512];
    rule_text_in("en", "flag.resolved_by_assessment", args, note, sizeof note);
    json_decref(args);
    size_t i;
    json_t *r;
    int rc = OK;
    json_array_foreach(ids, i, r)
    {
        int64_t id = iget(r, "id");
        if (db_run(c->db, "UPDATE flags SET status='resolved', review_date=NULL, version=version+1 WHERE id=?", "i",
                   id) != DB_OK ||
            db_run(c->db,
                   "INSERT INTO flag_reviews(flag_id, reviewed_by, reviewed_at, outcome, level, note, note_key,"
                   " note_args) VALUES (?,?,?,'resolved',?,?,?,?)",
                   "iittttt", id, c->a->staff_id, now, json_string_value(json_object_get(r, "level")), note,
                   "flag.resolved_by_assessment", a) != DB_OK) {
            rc = ctx_fail(c, ERR_DB, _("The flag could not be saved."));
            break;
        }
        audit_log(c, "flag.review", "ok", client_id, "flag", id, "resolved: rule: complete assessment");
        json_array_append_new(resolved, json_pack("{s:I,s:s}", "id", (json_int_t)id, "kind", kind));
    }
    free(a);
    json_decref(ids);
    if (rc != OK || !str_eq(kind, "suicide_screen_needed"))
        return rc;
    /* The screen was done: its task is too. */
    json_t *tasks = db_rows(c->db,
                            "SELECT id FROM tasks WHERE client_id=? AND status='open' AND source='rule' AND title_key=?",
                            "it", client_id, "suicide.screen");
    json_array_foreach(tasks, i, r)
    {
        int64_t id = iget(r, "id");
        if (db_run(c->db, "UPDATE tasks SET status='done', done_by=?, done_at=?, version=version+1 WHERE id=?",
                   "iti", c->a->staff_id, now, id) != DB_OK) {
            rc = ctx_fail(c, ERR_DB, _("The task could not be saved."));
            break;
        }
        audit_log(c, "task.update", "ok", client_id, "task", id, "rule: suicide risk screen completed");
    }
    json_decref(tasks);
    return rc;
}

/* A flag raised on a client tells the client's primary case managers (of every open episode) and
 * the clinical members (supervisors, case managers, clinicians) of its current care teams, each only
 * when they may see the client's flags, never the one who raised it. The text names who raised it
 * (or the assessment) and the kind of flag, never the client: the link is to the client's page. */
static int flag_notify(struct ctx *c, int64_t client_id, int64_t flag_id, const char *kind, int by_person)
{
    char today[16];
    iso_today(today);
    json_t *who = db_rows(c->db,
                          "SELECT DISTINCT s.id FROM staff s WHERE s.disabled=0 AND (s.id IN (SELECT e.primary_cm"
                          " FROM episodes e WHERE e.client_id=? AND e.status<>'discharged') OR (s.role IN"
                          " ('supervisor','case_manager','clinician') AND s.id IN (SELECT t.staff_id FROM"
                          " team_members t JOIN episodes e ON e.id=t.episode_id WHERE e.client_id=? AND"
                          " e.status<>'discharged' AND t.from_date<=? AND (t.to_date IS NULL OR t.to_date>?))))"
                          " ORDER BY s.id",
                          "iitt", client_id, client_id, today, today);
    if (!who)
        return ctx_fail(c, ERR_DB, _("The flag could not be saved."));
    json_t *k = db_row(c->db, "SELECT label FROM flag_kinds WHERE name=? AND (org_id IS NULL OR org_id=?)"
                              " ORDER BY org_id IS NULL LIMIT 1", "ti", kind, c->a->org_id);
    const char *label = json_string_value(json_object_get(k, "label"));
    json_t *args = by_person ? json_pack("{s:s,s:s}", "by", c->a->name, "text", label ? label : kind)
                             : json_pack("{s:s}", "text", label ? label : kind);
    json_decref(k);
    int rc = OK;
    size_t i;
    json_t *r;
    json_array_foreach(who, i, r)
    {
        rc = notify_if_may(c, iget(r, "id"), RES_FLAG, ACT_LIST, "flag",
                           by_person ? "notify.flag_raised" : "notify.flag_by_assessment", args, "flag", flag_id,
                           client_id);
        if (rc != OK)
            break;
    }
    json_decref(args);
    json_decref(who);
    return rc;
}

static int kind_known(struct ctx *c, const char *kind)
{
    return db_int1(c->db, 0, "SELECT 1 FROM flag_kinds WHERE name=? AND (org_id IS NULL OR org_id=?) LIMIT 1",
                   "ti", kind, c->a->org_id) == 1;
}

static int default_review_days(const char *level)
{
    return str_eq(level, "high") ? 7 : str_eq(level, "moderate") ? 14 : 30;
}

int flag_raise(struct ctx *c, int64_t client_id, const char *kind, const char *level, const char *source,
               int64_t assessment_id, const char *reason, const char *review_date, json_t **out)
{
    int rc = access_check(c, RES_FLAG, ACT_CREATE, client_id, "flag.raise");
    if (rc != OK)
        return rc;
    /* An assessment's reason is a text made by a rule: stored as a key (and the English text). */
    const char *reason_key = NULL;
    char *reason_args = NULL;
    if (str_eq(source, "assessment")) {
        if (reason && *reason) {
            json_t *a = json_pack("{s:s}", "text", reason);
            reason_args = json_dumps(a, JSON_COMPACT);
            json_decref(a);
            reason_key = "flag.instrument";
        } else {
            reason = "Raised by an assessment."; /* rule_text "flag.by_assessment" in English */
            reason_key = "flag.by_assessment";
        }
    }
    json_t *in = json_pack("{s:s?,s:s?,s:s?,s:s?,s:s?}", "kind", kind, "level", level, "source", source,
                           "reason", reason, "review_date", review_date);
    kind = v_str(c, in, "kind", 1, 40, NULL);
    if (kind && !kind_known(c, kind))
        ctx_field(c, "kind", _("is not a kind of flag of your organisation"));
    level = v_str(c, in, "level", 1, 16, flag_levels);
    source = v_str(c, in, "source", 1, 16, flag_sources);
    reason = v_str(c, in, "reason", 1, REASON_MAX, NULL);
    review_date = v_date(c, in, "review_date", 0);
    char today[16], now[32], due[16];
    iso_today(today);
    iso_now(now);
    if (review_date && strcmp(review_date, today) < 0)
        ctx_field(c, "review_date", _("cannot be in the past"));
    if (str_eq(source, "assessment") &&
        db_int1(c->db, 0, "SELECT 1 FROM assessments WHERE id=? AND client_id=?", "ii", assessment_id,
                client_id) != 1)
        ctx_field(c, "assessment_id", _("must be an assessment of this client"));
    if (str_eq(source, "person") && assessment_id)
        ctx_field(c, "assessment_id", _("only a flag raised by an assessment names one"));
    if (c->errors) {
        json_decref(in);
        free(reason_args);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    if (!review_date) {
        risk_due(now_epoch(), default_review_days(level), due);
        review_date = due;
    }
    int64_t id = db_insert_id(
        c->db,
        "INSERT INTO flags(client_id, kind, level, source, assessment_id, reason, reason_key, reason_args,"
        " review_date, status, raised_by, raised_at) VALUES (?,?,?,?,?,?,?,?,?,'active',?,?) RETURNING id",
        "itttIttttit", client_id, kind, level, source, assessment_id, reason, reason_key, reason_args, review_date,
        c->a->staff_id, now);
    free(reason_args);
    int high_suicide = str_eq(kind, "suicide_risk") && str_eq(level, "high");
    int by_person = !str_eq(source, "assessment");
    char kind_buf[48];
    snprintf(kind_buf, sizeof kind_buf, "%s", kind ? kind : "");
    json_decref(in);
    if (!id)
        return ctx_fail(c, ERR_DB, _("The flag could not be saved."));
    audit_log(c, "flag.raise", "ok", client_id, "flag", id, NULL);
    if ((rc = flag_notify(c, client_id, id, kind_buf, by_person)) != OK)
        return rc;
    json_t *made = json_array();
    if (str_eq(kind_buf, "suicide_screen_needed") && (rc = screen_rule(c, client_id, made)) != OK) {
        json_decref(made);
        return rc;
    }
    if (high_suicide && (rc = suicide_rule(c, client_id, made)) != OK) {
        json_decref(made);
        return rc;
    }
    json_t *f = flag_load(c->db, id);
    json_object_set_new(f, "tasks_created", made);
    *out = f;
    return OK;
}

int flag_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_FLAG, ACT_CREATE, client_id, "flag.raise"); /* before looking at the body */
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    static const char *const text[] = {"kind", "level", "reason", "review_date"};
    const char *v[ARRAY_LEN(text)];
    for (size_t i = 0; i < ARRAY_LEN(text); i++) {
        json_t *x = json_object_get(in, text[i]);
        v[i] = json_string_value(x);
        if (x && !json_is_null(x) && !json_is_string(x))
            ctx_field(c, text[i], _("must be text"));
    }
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    return flag_raise(c, client_id, v[0], v[1], "person", 0, v[2], v[3], out);
}

int flag_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_FLAG, ACT_LIST, client_id, "flag.list");
    if (rc != OK)
        return rc;
    char today[16];
    iso_today(today);
    static const struct page_key order[] = {{"CASE WHEN p.status<>'active' THEN 1 ELSE 0 END", 0},
                                            {"CASE p.level WHEN 'high' THEN 0 WHEN 'moderate' THEN 1 ELSE 2 END", 0},
                                            {"p.raised_at", 1},
                                            {"p.id", 1},
                                            {NULL, 0}};
    rc = page_query(c, pg, order, out, FLAG_COLS " WHERE f.client_id=?", "ti", today, client_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r)
    {
        shape(r);
        json_object_set_new(r, "reviews", reviews_of(c->db, iget(r, "id")));
    }
    audit_log(c, "flag.list", "ok", client_id, "flag", 0, NULL);
    return OK;
}

int flag_review(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *f = db_row(c->db, "SELECT id, client_id, kind, level, status, raised_by, version FROM flags WHERE id=?", "i", id);
    if (!f)
        return ctx_fail(c, ERR_NOTFOUND, _("No such flag."));
    int64_t client_id = iget(f, "client_id"), cur = iget(f, "version");
    char kind[48], level[16];
    snprintf(kind, sizeof kind, "%s", json_string_value(json_object_get(f, "kind")));
    snprintf(level, sizeof level, "%s", json_string_value(json_object_get(f, "level")));
    int resolved = str_eq(json_string_value(json_object_get(f, "status")), "resolved");
    int raiser = iget(f, "raised_by") == c->a->staff_id;
    json_decref(f);
    /* The table's reviewers, or whoever raised it while they may still raise flags for the client. */
    int as_raiser = raiser && !access_may(c, RES_FLAG, ACT_REVIEW, client_id) &&
                    access_may(c, RES_FLAG, ACT_CREATE, client_id);
    int rc = access_check(c, RES_FLAG, as_raiser ? ACT_CREATE : ACT_REVIEW, client_id, "flag.review");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    const char *outcome = v_str(c, in, "outcome", 1, 16, flag_review_outcomes);
    const char *note = v_str(c, in, "note", 1, NOTE_MAX, NULL);
    const char *next = v_date(c, in, "next_review", outcome && !str_eq(outcome, "resolved"));
    const char *new_level = level;
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    if (next && strcmp(next, today) < 0)
        ctx_field(c, "next_review", _("cannot be in the past"));
    if (str_eq(outcome, "level_changed")) {
        new_level = v_str(c, in, "level", 1, 16, flag_levels);
        if (str_eq(new_level, level))
            ctx_field(c, "level", _("is the level the flag already has"));
    }
    if (str_eq(outcome, "resolved"))
        next = NULL;
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    if (version != cur)
        return ctx_stale(c, cur);
    if (resolved)
        return ctx_fail(c, ERR_CONFLICT, _("This flag is resolved; raise a new flag if the risk returns."));
    rc = db_run(
        c->db,
        "UPDATE flags SET level=?, status=?, review_date=?, version=version+1 WHERE id=? AND version=?",
        "tttii", new_level, str_eq(outcome, "resolved") ? "resolved" : "active", next, id, cur);
    if (rc != DB_OK || db_changes(c->db) != 1)
        return ctx_fail(c, rc != DB_OK ? ERR_DB : ERR_CONFLICT, _("The review could not be saved."));
    if (db_run(
            c->db,
            "INSERT INTO flag_reviews(flag_id, reviewed_by, reviewed_at, outcome, level, note, next_review)"
            " VALUES (?,?,?,?,?,?,?)",
            "iittttt", id, c->a->staff_id, now, outcome, new_level, note, next) != DB_OK)
        return ctx_fail(c, ERR_DB, _("The review could not be saved."));
    audit_log(c, "flag.review", "ok", client_id, "flag", id, outcome);
    json_t *made = json_array();
    if (str_eq(kind, "suicide_risk") && str_eq(new_level, "high") && !str_eq(level, "high") &&
        (rc = suicide_rule(c, client_id, made)) != OK) {
        json_decref(made);
        return rc;
    }
    json_t *r = flag_load(c->db, id);
    json_object_set_new(r, "tasks_created", made);
    *out = r;
    return OK;
}

/* ---- kinds ---- */

int flag_kind_list(struct ctx *c, const struct page *pg, json_t **out)
{
    static const struct page_key order[] = {{"p.built_in", 1}, {"p.id", 0}, {NULL, 0}};
    int rc = page_query(c, pg, order, out,
                        "SELECT id, name, label, org_id, CASE WHEN org_id IS NULL THEN 1 ELSE 0 END AS built_in"
                        " FROM flag_kinds WHERE org_id IS NULL OR org_id=?",
                        "i", c->a->org_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r)
        json_object_set_new(r, "built_in", json_boolean(iget(r, "built_in")));
    return OK;
}

static int name_ok(const char *s)
{
    if (!s || !(*s >= 'a' && *s <= 'z'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

int flag_kind_add(struct ctx *c, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_FLAG_KIND, ACT_CREATE, 0, "flag_kind.add");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    const char *name = v_str(c, in, "name", 1, 40, NULL);
    if (name && !name_ok(name))
        ctx_field(c, "name", _("use lower-case letters, digits and _, starting with a letter"));
    const char *label = v_str(c, in, "label", 1, 80, NULL);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    if (kind_known(c, name)) {
        ctx_field(c, "name", _("already exists"));
        return ctx_fail(c, ERR_CONFLICT, _("This kind of flag already exists."));
    }
    int64_t id =
        db_insert_id(c->db, "INSERT INTO flag_kinds(org_id, name, label) VALUES (?,?,?) RETURNING id", "itt",
                     c->a->org_id, name, label);
    if (!id)
        return ctx_fail(c, ERR_DB, _("The kind of flag could not be saved."));
    audit_log(c, "flag_kind.add", "ok", 0, "flag_kind", id, name);
    *out = json_pack("{s:I,s:s,s:s,s:I,s:b}", "id", (json_int_t)id, "name", name, "label", label, "org_id",
                     (json_int_t)c->a->org_id, "built_in", 0);
    return OK;
}

/* ---- the descriptors ---- */

static const struct res_field flag_review_fields[] = {
    {"id", FT_INT, 0, N_("Review")},
    {"outcome", FT_STRING, 0, N_("Outcome")},
    {"level", FT_STRING, 1, N_("Level")},
    {"note", FT_STRING, 0, N_("Note")},
    {"next_review", FT_DATE, 1, N_("Next review")},
    {"reviewed_by", FT_INT, 0, N_("Reviewed by")},
    {"reviewed_by_name", FT_STRING, 0, N_("Reviewed by")},
    {"reviewed_at", FT_DATETIME, 0, N_("Reviewed")},
    {NULL, 0, 0, NULL},
};
static const struct res_field flag_fields[] = {
    {"id", FT_INT, 0, N_("Flag")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"kind", FT_STRING, 0, N_("Kind of flag")},
    {"label", FT_STRING, 1, N_("Kind of flag")},
    {"level", FT_STRING, 0, N_("Level")},
    {"source", FT_STRING, 0, N_("Source")},
    {"assessment_id", FT_INT, 1, N_("Assessment")},
    {"reason", FT_STRING, 0, N_("Reason")},
    {"reason_key", FT_STRING, 1, N_("Rule")},          /* when an assessment raised it: the text's key */
    {"reason_args", FT_OBJECT, 1, N_("Rule details")},
    {"review_date", FT_DATE, 1, N_("Review by")},
    {"status", FT_STRING, 0, N_("Status")},
    {"raised_by", FT_INT, 1, N_("Raised by")},
    {"raised_by_name", FT_STRING, 1, N_("Raised by")},
    {"raised_at", FT_DATETIME, 0, N_("Raised")},
    {"version", FT_INT, 0, N_("Version")},
    {"review_due", FT_BOOL, 0, N_("Review due")},
    {"reviews", FT_ARRAY, 0, N_("Reviews"), flag_review_fields},
    {"tasks_created", FT_ARRAY, 0, N_("Tasks made by rules")}, /* tasks; after raising or reviewing */
    {NULL, 0, 0, NULL},
};
static const struct res_audit flag_actions[] = {
    {"flag.raise", ACT_CREATE},
    {"flag.list", ACT_LIST},
    {"flag.review", ACT_REVIEW},
    {NULL, 0},
};
static const char *const flag_tables[] = {"flags", "flag_reviews", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule flag_access[] = {
    /* risk flags: raised by everyone who works with the client, reviewed by clinical roles (and by
     * whoever raised the flag: core/flag.c) */
    {RES_FLAG, ACT_LIST, TEAM, CARE, A},
    {RES_FLAG, ACT_LIST, PEER, PS, A},
    {RES_FLAG, ACT_LIST, GLASS | ONCALL, CARE, P},
    {RES_FLAG, ACT_LIST, SHARED, CARE | PS, P},
    {RES_FLAG, ACT_CREATE, TEAM, CARE, A},
    {RES_FLAG, ACT_CREATE, PEER, PS, A},
    {RES_FLAG, ACT_CREATE, GLASS, CARE, P},
    {RES_FLAG, ACT_REVIEW, TEAM, CLINICAL, A},
    {RES_FLAG, ACT_REVIEW, GLASS, CLINICAL, P},
    {0}};
const struct resource res_flag = {
    .access = flag_access,
    .id = RES_FLAG, .name = "flag", .label = N_("Risk flag"), .plural = N_("Risk flags"), RESOURCE_OF(flag),
    .data_class = DC_BIT(DC_RISK)};
RESOURCE_REGISTER(res_flag);

static const struct res_field flag_kind_fields[] = {
    {"id", FT_INT, 0, N_("Kind of flag")},
    {"name", FT_STRING, 0, N_("Name")},
    {"label", FT_STRING, 0, N_("Label")},
    {"org_id", FT_INT, 1, N_("Organisation")}, /* null: built in */
    {"built_in", FT_BOOL, 0, N_("Built in")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit flag_kind_actions[] = {
    {"flag_kind.add", ACT_CREATE},
    {NULL, 0},
};
static const char *const flag_kind_tables[] = {"flag_kinds", NULL};
static const struct access_rule flag_kind_access[] = {
    {RES_FLAG_KIND, ACT_LIST, NONE, ANY, A},
    {RES_FLAG_KIND, ACT_CREATE, NONE, ADM, A},
    {0}};
const struct resource res_flag_kind = {
    .access = flag_kind_access,
    .id = RES_FLAG_KIND, .name = "flag_kind", .label = N_("Kind of flag"), .plural = N_("Kinds of flag"),
    RESOURCE_OF(flag_kind)};
RESOURCE_REGISTER(res_flag_kind);
