/* intake: a person discovered by a care desk, an outreach worker or a neighbour's report, taken step
 * by step to an outcome: discovered -> screened -> decided (an eligibility decision linked: the
 * outcome step) -> enrolled, referred elsewhere or closed. The person is registered as a client at
 * discovery (client_create and its duplicate check) with an intake episode whose primary case manager
 * is the discovering worker: that relationship (the access table's rows, nothing new in access.c) lets
 * a care-desk officer read the identity, evaluate eligibility and refer, and never read notes.
 * Enrolment makes that episode active with a chosen primary case manager. */
#include "base/base.h"
#include "core/caseload.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const intake_sources[] = {"care_desk", "outreach", "neighbour_report", "self", "family", "other", NULL};
const char *const intake_states[] = {"discovered", "screened", "decided", "enrolled", "referred", "closed", NULL};
const char *const intake_urgencies[] = {"routine", "soon", "urgent", NULL};
const char *const intake_close_reasons[] = {"not_eligible", "declined", "unreachable", "no_need", "moved_away",
                                            "other", NULL};
const char *const intake_life_stages[] = {"youth", "young_adult", "adult", "older_adult", NULL};

#define CONCERN_MAX 4000
#define NOTE_MAX 2000

/* The step machine: {state, step, next}. */
static const struct {
    const char *state, *step, *next;
} steps[] = {
    {"discovered", "screen", "screened"}, {"screened", "screen", "screened"}, /* screened again */
    {"screened", "decide", "decided"},    {"decided", "decide", "decided"},   /* a newer decision */
    {"decided", "enrol", "enrolled"},     {"decided", "refer", "referred"},
    {"referred", "refer", "referred"}, /* a re-referral after a decline */
    {"discovered", "close", "closed"},    {"screened", "close", "closed"},
    {"decided", "close", "closed"},       {"referred", "close", "closed"},
};

const char *intake_next_state(const char *state, const char *step)
{
    for (size_t i = 0; i < ARRAY_LEN(steps); i++)
        if (str_eq(steps[i].state, state) && str_eq(steps[i].step, step))
            return steps[i].next;
    return NULL;
}

static const char *sget(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : NULL;
}
static int64_t iget(const json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

#define INTAKE_COLS                                                                                          \
    "SELECT i.id, i.client_id, c.given_name, c.family_name, c.name_order, c.birth_date, i.birth_year_only, c.phone,"       \
    " c.address, i.district, i.org_id, o.name AS organisation, i.episode_id, i.source, i.reporter,"          \
    " i.concern, i.state, i.needs, i.urgency, i.risk_now, i.life_stage, i.target_group, i.hospital_days,"    \
    " i.recent_crisis, i.decision_id, d.programme AS decision_programme, d.decision AS decision,"             \
    " d.result AS decision_result, i.primary_cm, pc.display_name AS primary_cm_name, i.referral_id,"         \
    " i.close_reason, i.close_note, i.discovered_by, s1.display_name AS discovered_by_name, i.discovered_at," \
    " i.screened_by, s2.display_name AS screened_by_name, i.screened_at, i.decided_by,"                      \
    " s3.display_name AS decided_by_name, i.decided_at, i.outcome_by, s4.display_name AS outcome_by_name,"   \
    " i.outcome_at, i.version FROM intakes i JOIN clients c ON c.id=i.client_id JOIN orgs o ON o.id=i.org_id" \
    " LEFT JOIN eligibility_decisions d ON d.id=i.decision_id LEFT JOIN staff pc ON pc.id=i.primary_cm"       \
    " JOIN staff s1 ON s1.id=i.discovered_by LEFT JOIN staff s2 ON s2.id=i.screened_by"                     \
    " LEFT JOIN staff s3 ON s3.id=i.decided_by LEFT JOIN staff s4 ON s4.id=i.outcome_by"

/* A row as the API answers it: the needs as an array, the flags as booleans, the outcome. */
static void shape(json_t *r)
{
    json_error_t je;
    const char *n = sget(r, "needs");
    json_t *a = n ? json_loads(n, 0, &je) : NULL;
    json_object_set_new(r, "needs", json_is_array(a) ? a : json_null());
    if (!json_is_array(a))
        json_decref(a);
    static const char *const flags[] = {"birth_year_only", "risk_now", "recent_crisis"};
    for (size_t i = 0; i < ARRAY_LEN(flags); i++) {
        json_t *v = json_object_get(r, flags[i]);
        if (json_is_integer(v))
            json_object_set_new(r, flags[i], json_boolean(json_integer_value(v) != 0));
    }
    const char *st = sget(r, "state");
    int done = str_eq(st, "enrolled") || str_eq(st, "referred") || str_eq(st, "closed");
    json_object_set_new(r, "outcome", done ? json_string(st) : json_null());
}

static json_t *load(struct db *db, int64_t id)
{
    json_t *r = db_row(db, INTAKE_COLS " WHERE i.id=?", "i", id);
    if (r)
        shape(r);
    return r;
}

/* The intake and the access check for action; NULL with the failure in *rc. */
static json_t *gate(struct ctx *c, int64_t id, enum act act, const char *action, int *rc)
{
    json_t *r = load(c->db, id);
    if (!r) {
        *rc = ctx_fail(c, ERR_NOTFOUND, _("No such intake."));
        return NULL;
    }
    *rc = access_check(c, RES_INTAKE, act, iget(r, "client_id"), action);
    if (*rc != OK) {
        json_decref(r);
        return NULL;
    }
    return r;
}

/* The state step leads to from the intake's state, or ERR_CONFLICT naming the state. */
static int next_of(struct ctx *c, json_t *r, const char *step, const char **next)
{
    const char *st = sget(r, "state");
    *next = intake_next_state(st, step);
    if (*next)
        return OK;
    json_decref(c->extra);
    c->extra = json_pack("{s:s}", "state", st ? st : "");
    char l[64];
    snprintf(l, sizeof l, "%s", st ? st : "");
    return ctx_fail(c, ERR_CONFLICT, _("This intake is %s: it cannot take the step \"%s\" now."), l, step);
}

/* ---- discovery ---- */

int intake_create(struct ctx *c, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_INTAKE, ACT_CREATE, 0, "intake.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    /* The name's own checks are client_create's; asked here too, so that one answer names every field. */
    v_str(c, in, "given_name", 1, 100, NULL);
    v_str(c, in, "family_name", 1, 100, NULL);
    const char *source = v_str(c, in, "source", 1, 32, intake_sources);
    const char *reporter = v_str(c, in, "reporter", 0, 200, NULL);
    const char *concern = v_str(c, in, "concern", 1, CONCERN_MAX, NULL);
    const char *district = v_str(c, in, "district", 0, 100, NULL);
    const char *address = v_str(c, in, "address", 0, 500, NULL);
    const char *birth = json_object_get(in, "birth_date") ? v_date(c, in, "birth_date", 0) : NULL;
    char today[16], born[16] = "";
    iso_today(today);
    int64_t year = 0;
    if (!json_object_get(in, "birth_date")) {
        year = v_int(c, in, "birth_year", 0, 1900, atoi(today), 0);
        if (!year && !json_object_get(c->errors, "birth_year"))
            ctx_field(c, "birth_date", _("is required (or the year of birth, birth_year)"));
    }
    if (year)
        snprintf(born, sizeof born, "%04lld-01-01", (long long)year);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    /* The person, registered with the minimal identity; the district is part of the address (what
     * eligibility reads a district from). */
    char addr[700] = "";
    if (address && district && !strstr(address, district))
        snprintf(addr, sizeof addr, "%s, %s", address, district);
    else
        snprintf(addr, sizeof addr, "%s", address ? address : district ? district : "");
    json_t *cin = json_pack("{s:O?, s:O?, s:s, s:O?, s:b}", "given_name", json_object_get(in, "given_name"),
                            "family_name", json_object_get(in, "family_name"), "birth_date", birth ? birth : born,
                            "phone", json_object_get(in, "phone"), "confirm_new", v_bool(in, "confirm_new"));
    if (*addr)
        json_object_set_new(cin, "address", json_string(addr));
    json_t *client = NULL;
    rc = client_create(c, cin, &client);
    json_decref(cin);
    if (rc != OK)
        return rc;
    int64_t client_id = iget(client, "id");
    json_decref(client);
    /* The intake episode: held by the discovering worker until the outcome. */
    json_t *ein = json_pack("{s:s, s:s, s:s, s:I}", "programme", "integrated_care", "target_group", "other",
                            "status", "intake", "primary_cm", (json_int_t)c->a->staff_id);
    json_t *ep = NULL;
    rc = episode_create(c, client_id, ein, &ep);
    json_decref(ein);
    if (rc != OK)
        return rc;
    int64_t episode_id = iget(ep, "id");
    json_decref(ep);
    char now[32];
    iso_now(now);
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO intakes(client_id, org_id, episode_id, source, reporter, concern,"
                              " birth_year_only, district, state, discovered_by, discovered_at)"
                              " VALUES (?,?,?,?,?,?,?,?,'discovered',?,?) RETURNING id",
                              "iiitttititt", client_id, c->a->org_id, episode_id, source, reporter, concern,
                              (int64_t)(year != 0), district, c->a->staff_id, now);
    if (!id)
        return ctx_fail(c, ERR_DB, _("The intake could not be saved."));
    audit_log(c, "intake.create", "ok", client_id, "intake", id, source);
    *out = load(c->db, id);
    return OK;
}

int intake_get(struct ctx *c, int64_t id, json_t **out)
{
    int rc;
    json_t *r = gate(c, id, ACT_READ, "intake.read", &rc);
    if (!r)
        return rc;
    audit_log(c, "intake.read", "ok", iget(r, "client_id"), "intake", id, NULL);
    *out = r;
    return OK;
}

#define LIST_COLS                                                                                            \
    "SELECT i.id, i.client_id, c.given_name, c.family_name, c.name_order, i.source, i.state, i.urgency, i.risk_now,"      \
    " i.discovered_by, s1.display_name AS discovered_by_name, i.discovered_at, i.decision_id,"              \
    " d.decision AS decision, i.primary_cm, pc.display_name AS primary_cm_name, i.referral_id,"             \
    " i.close_reason, i.outcome_at FROM intakes i JOIN clients c ON c.id=i.client_id"                        \
    " JOIN staff s1 ON s1.id=i.discovered_by LEFT JOIN staff pc ON pc.id=i.primary_cm"                      \
    " LEFT JOIN eligibility_decisions d ON d.id=i.decision_id"

/* The list rows: booleans and the outcome, and the clients shown for the audit record. */
static void shape_list(struct ctx *c, json_t *items)
{
    json_t *shown = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(items, i, r)
    {
        json_t *v = json_object_get(r, "risk_now");
        if (json_is_integer(v))
            json_object_set_new(r, "risk_now", json_boolean(json_integer_value(v) != 0));
        const char *st = sget(r, "state");
        int done = str_eq(st, "enrolled") || str_eq(st, "referred") || str_eq(st, "closed");
        json_object_set_new(r, "outcome", done ? json_string(st) : json_null());
        json_array_append_new(shown, json_pack("{s:I}", "id", (json_int_t)iget(r, "client_id")));
    }
    audit_log_shown(c, "intake.list", "intake", shown);
    json_decref(shown);
}

int intake_list(struct ctx *c, const char *state, int mine, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_INTAKE, ACT_LIST, 0, "intake.list");
    if (rc != OK)
        return rc;
    if (state && *state && !in_list(intake_states, state)) {
        ctx_field(c, "state", _("is not a state of an intake"));
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    static const struct page_key order[] = {{"p.discovered_at", 1}, {"p.id", 1}, {NULL, 0}};
    const char *st = state && *state ? state : "";
    rc = page_query(c, pg, order, out,
                    LIST_COLS " WHERE i.org_id=? AND (?='' OR i.state=?) AND (?=0 OR i.discovered_by=?)", "ittii",
                    c->a->org_id, st, st, (int64_t)(mine != 0), c->a->staff_id);
    if (rc != OK)
        return rc;
    shape_list(c, json_object_get(*out, "items"));
    return OK;
}

int intake_of_client(struct ctx *c, int64_t client_id, json_t **out)
{
    int rc = access_check(c, RES_INTAKE, ACT_READ, client_id, "intake.read");
    if (rc != OK)
        return rc;
    json_t *rows = db_rows(c->db, INTAKE_COLS " WHERE i.client_id=? ORDER BY i.discovered_at DESC, i.id DESC LIMIT 5",
                           "i", client_id);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) shape(r);
    audit_log(c, "intake.read", "ok", client_id, "intake", 0, NULL);
    *out = rows;
    return OK;
}

/* The start of a step: the intake gated for act (a refusal audited as action), the body a JSON
 * object (when the step takes one), and the state the step leads to (409 naming the state when it
 * may not be taken now). The intake's row, or NULL with *rc. */
static json_t *step_begin(struct ctx *c, int64_t id, enum act act, const char *action, const char *step, json_t *in,
                          int takes_body, const char **next, int *rc)
{
    json_t *r = gate(c, id, act, action, rc);
    if (!r)
        return NULL;
    if (takes_body && !json_is_object(in))
        *rc = ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    else
        *rc = next_of(c, r, step, next);
    if (*rc != OK) {
        json_decref(r);
        return NULL;
    }
    return r;
}

/* ---- the steps ---- */

int intake_screen(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    int rc;
    const char *next;
    json_t *r = step_begin(c, id, ACT_UPDATE, "intake.screen", "screen", in, 1, &next, &rc);
    if (!r)
        return rc;
    int64_t client_id = iget(r, "client_id"), episode_id = iget(r, "episode_id");
    json_t *nv = json_object_get(in, "needs"), *needs = json_array();
    size_t i;
    json_t *e;
    if (!json_is_array(nv))
        ctx_field(c, "needs", _("must be a list of service domains"));
    json_array_foreach(nv, i, e)
    {
        const char *s = json_string_value(e);
        if (!in_list(service_domains, s))
            ctx_field(c, "needs", _("names a service domain Hearth does not know"));
        else {
            int dup = 0;
            size_t k;
            json_t *x;
            json_array_foreach(needs, k, x) dup |= str_eq(json_string_value(x), s);
            if (!dup)
                json_array_append(needs, e);
        }
    }
    const char *urgency = v_str(c, in, "urgency", 1, 16, intake_urgencies);
    json_t *risk = json_object_get(in, "risk_now");
    if (!json_is_boolean(risk))
        ctx_field(c, "risk_now", _("must be true or false: is there a risk to life now?"));
    const char *stage = v_str(c, in, "life_stage", 0, 16, intake_life_stages);
    const char *target = v_str(c, in, "target_group", 1, 40, target_groups);
    int64_t days = v_int(c, in, "hospital_days", 0, 0, 36500, -1);
    json_t *rc_v = json_object_get(in, "recent_crisis");
    if (rc_v && !json_is_null(rc_v) && !json_is_boolean(rc_v))
        ctx_field(c, "recent_crisis", _("must be true or false"));
    if (c->errors) {
        json_decref(needs);
        json_decref(r);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    int64_t cur = iget(r, "version");
    if (version != cur) {
        json_decref(needs);
        json_decref(r);
        return ctx_stale(c, cur);
    }
    if (!stage)
        client_life_stage(sget(r, "birth_date"), &stage);
    if (!in_list(intake_life_stages, stage))
        stage = NULL; /* unknown */
    char now[32], *ntext = json_dumps(needs, JSON_COMPACT);
    json_decref(needs);
    iso_now(now);
    rc = db_run(c->db,
                "UPDATE intakes SET state=?, needs=?, urgency=?, risk_now=?, life_stage=?, target_group=?,"
                " hospital_days=?, recent_crisis=?, screened_by=?, screened_at=?, version=version+1"
                " WHERE id=? AND version=?",
                "tttittiiitii", next, ntext, urgency, (int64_t)json_is_true(risk), stage, target,
                days >= 0 ? days : 0, (int64_t)json_is_true(rc_v), c->a->staff_id, now, id, cur);
    free(ntext);
    if (rc == DB_OK && days < 0)
        rc = db_run(c->db, "UPDATE intakes SET hospital_days=NULL WHERE id=?", "i", id);
    json_decref(r);
    if (rc != DB_OK || db_changes(c->db) != 1)
        return ctx_fail(c, rc != DB_OK ? ERR_DB : ERR_CONFLICT, _("The screening could not be saved."));
    /* The intake episode carries the target group (what eligibility's target-group criterion reads). */
    if (db_run(c->db,
               "UPDATE episodes SET target_group=?, updated_at=?, version=version+1 WHERE id=? AND status='intake'",
               "tti", target, now, episode_id) != DB_OK)
        return ctx_fail(c, ERR_DB, _("The screening could not be saved."));
    audit_log(c, "episode.update", "ok", client_id, "episode", episode_id, "intake screening");
    audit_log(c, "intake.screen", "ok", client_id, "intake", id, urgency);
    *out = load(c->db, id);
    return OK;
}

int intake_decide(struct ctx *c, int64_t id, json_t *in, json_t **out)
{
    int rc;
    const char *next;
    json_t *r = step_begin(c, id, ACT_UPDATE, "intake.decide", "decide", in, 1, &next, &rc);
    if (!r)
        return rc;
    int64_t client_id = iget(r, "client_id");
    json_decref(r);
    int64_t did = v_int(c, in, "decision_id", 1, 1, INT64_MAX, 0);
    if (did && db_int1(c->db, 0, "SELECT client_id FROM eligibility_decisions WHERE id=?", "i", did) != client_id)
        ctx_field(c, "decision_id", _("is not an eligibility decision on this person"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    char now[32];
    iso_now(now);
    rc = db_run(c->db,
                "UPDATE intakes SET state=?, decision_id=?, decided_by=?, decided_at=?, version=version+1"
                " WHERE id=?",
                "tiiti", next, did, c->a->staff_id, now, id);
    if (rc != DB_OK || db_changes(c->db) != 1)
        return ctx_fail(c, ERR_DB, _("The intake could not be saved."));
    audit_log(c, "intake.decide", "ok", client_id, "intake", id, NULL);
    *out = load(c->db, id);
    return OK;
}

/* A task for the new primary case manager: first contact, due by the screening's urgency. */
static int tell_primary(struct ctx *c, int64_t client_id, int64_t cm, const char *urgency, const char *now)
{
    char title[256], due[32];
    iso_time(now_epoch() + (str_eq(urgency, "urgent") ? 0 : str_eq(urgency, "soon") ? 3 : 7) * 86400, due);
    due[10] = 0;
    rule_text_in("en", "intake.enrolled", NULL, title, sizeof title);
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO tasks(client_id, assignee, title, title_key, title_args, due, priority,"
                              " status, source, created_by, created_at) VALUES (?,?,?,?,NULL,?,?,'open','rule',?,?)"
                              " RETURNING id",
                              "iittttit", client_id, cm, title, "intake.enrolled", due,
                              str_eq(urgency, "urgent") ? "urgent" : str_eq(urgency, "soon") ? "high" : "normal",
                              c->a->staff_id, now);
    if (!id)
        return ERR_DB;
    audit_log(c, "task.create", "ok", client_id, "task", id, "enrolled from intake");
    return OK;
}

int intake_enrol(struct ctx *c, int64_t id, json_t *in, json_t **out)
{
    int rc;
    const char *next;
    json_t *r = step_begin(c, id, ACT_REVIEW, "intake.enrol", "enrol", in, 1, &next, &rc);
    if (!r)
        return rc;
    int64_t client_id = iget(r, "client_id"), episode_id = iget(r, "episode_id"), org_id = iget(r, "org_id");
    if (!str_eq(sget(r, "decision"), "eligible") && !str_eq(sget(r, "decision"), "exception")) {
        c->extra = json_pack("{s:s}", "decision", sget(r, "decision") ? sget(r, "decision") : "");
        rc = ctx_fail(c, ERR_CONFLICT,
                      _("The eligibility decision is not eligible: refer the person elsewhere or close the intake."));
    }
    if (rc != OK) {
        json_decref(r);
        return rc;
    }
    int64_t cm = v_int(c, in, "primary_cm", 1, 1, INT64_MAX, 0);
    if (cm) {
        json_t *s = db_row(c->db, "SELECT role FROM staff WHERE id=? AND org_id=? AND disabled=0", "ii", cm, org_id);
        int role = s ? role_parse(sget(s, "role")) : -1;
        json_decref(s);
        if (role < 0 || access_table(RES_EPISODE, ACT_UPDATE, REL_PRIMARY_CM, role) == V_DENY)
            ctx_field(c, "primary_cm", _("must be an active case manager, clinician or supervisor of the organisation"));
    }
    const char *programme = v_str(c, in, "programme", 0, 40, programmes);
    const char *target = v_str(c, in, "target_group", 0, 40, target_groups);
    if (c->errors) {
        json_decref(r);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    if (!programme)
        programme = in_list(programmes, sget(r, "decision_programme")) ? sget(r, "decision_programme") : "integrated_care";
    if (!target)
        target = sget(r, "target_group") ? sget(r, "target_group") : "other";
    char now[32], today[16];
    iso_now(now);
    iso_today(today);
    int64_t old = db_int1(c->db, 0, "SELECT primary_cm FROM episodes WHERE id=?", "i", episode_id);
    rc = db_run(c->db,
                "UPDATE episodes SET status='active', programme=?, target_group=?, primary_cm=?, updated_at=?,"
                " version=version+1 WHERE id=? AND status='intake'",
                "ttiti", programme, target, cm, now, episode_id);
    if (rc == DB_OK && db_changes(c->db) != 1)
        rc = DB_ERR;
    if (rc == DB_OK && old != cm)
        rc = db_run(c->db,
                    "UPDATE team_members SET to_date=?, version=version+1 WHERE episode_id=? AND staff_id=?"
                    " AND team_role='primary_case_manager' AND (to_date IS NULL OR to_date>?)",
                    "tiit", today, episode_id, old, today);
    if (rc == DB_OK && old != cm)
        rc = db_run(c->db,
                    "INSERT INTO team_members(episode_id, staff_id, team_role, from_date) VALUES (?,?,?,?)", "iitt",
                    episode_id, cm, "primary_case_manager", today);
    if (rc == DB_OK)
        rc = db_run(c->db,
                    "UPDATE intakes SET state=?, primary_cm=?, outcome_by=?, outcome_at=?, version=version+1"
                    " WHERE id=?",
                    "tiiti", next, cm, c->a->staff_id, now, id);
    if (rc == DB_OK)
        rc = tell_primary(c, client_id, cm, sget(r, "urgency"), now) == OK ? DB_OK : DB_ERR;
    if (rc != DB_OK) {
        json_decref(r);
        return ctx_fail(c, ERR_DB, _("The enrolment could not be saved."));
    }
    if ((rc = caseload_guard(c, cm, client_id, in, "primary_cm")) != OK) { /* over capacity: a reason */
        json_decref(r);
        return rc;
    }
    access_forget(c); /* a new primary case manager */
    audit_log(c, "episode.update", "ok", client_id, "episode", episode_id, "enrolled from intake");
    audit_log(c, "intake.enrol", "ok", client_id, "intake", id, programme);
    json_decref(r); /* programme and target may be its strings */
    *out = load(c->db, id);
    return OK;
}

int intake_close(struct ctx *c, int64_t id, json_t *in, json_t **out)
{
    int rc;
    const char *next;
    json_t *r = step_begin(c, id, ACT_UPDATE, "intake.close", "close", in, 1, &next, &rc);
    if (!r)
        return rc;
    int64_t client_id = iget(r, "client_id"), episode_id = iget(r, "episode_id");
    json_decref(r);
    const char *reason = v_str(c, in, "reason", 1, 32, intake_close_reasons);
    const char *note = v_str(c, in, "note", 0, NOTE_MAX, NULL);
    if (str_eq(reason, "other") && v_text_chars(note) == 0 && !json_object_get(c->errors, "note"))
        ctx_field(c, "note", _("is required when the reason is other"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    char now[32], today[16];
    iso_now(now);
    iso_today(today);
    rc = db_run(c->db,
                "UPDATE intakes SET state=?, close_reason=?, close_note=?, outcome_by=?, outcome_at=?,"
                " version=version+1 WHERE id=?",
                "tttiti", next, reason, note, c->a->staff_id, now, id);
    /* The intake episode ends (an enrolment is never closed here: its episode is active). */
    if (rc == DB_OK)
        rc = db_run(c->db,
                    "UPDATE episodes SET status='discharged', end_date=?, discharge_reason=?, updated_at=?,"
                    " version=version+1 WHERE id=? AND status='intake'",
                    "tttI", today, note && *note ? note : reason, now, episode_id);
    if (rc != DB_OK)
        return ctx_fail(c, ERR_DB, _("The intake could not be saved."));
    int ended = db_changes(c->db) == 1;
    access_forget(c);
    if (ended)
        audit_log(c, "episode.discharge", "ok", client_id, "episode", episode_id, "intake closed");
    audit_log(c, "intake.close", "ok", client_id, "intake", id, reason);
    *out = load(c->db, id);
    return OK;
}

int intake_referred(struct ctx *c, int64_t intake_id, int64_t referral_id)
{
    int rc;
    const char *next;
    json_t *r = step_begin(c, intake_id, ACT_UPDATE, "intake.refer", "refer", NULL, 0, &next, &rc);
    if (!r)
        return rc;
    int64_t client_id = iget(r, "client_id");
    json_decref(r);
    if (referral_id < 1 ||
        db_int1(c->db, 0, "SELECT client_id FROM referrals WHERE id=?", "i", referral_id) != client_id) {
        ctx_field(c, "intake_id", _("is an intake of another client"));
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    char now[32];
    iso_now(now);
    rc = db_run(c->db,
                "UPDATE intakes SET state=?, referral_id=?, outcome_by=?, outcome_at=?, version=version+1"
                " WHERE id=?",
                "tiiti", next, referral_id, c->a->staff_id, now, intake_id);
    if (rc != DB_OK || db_changes(c->db) != 1)
        return ctx_fail(c, ERR_DB, _("The intake could not be saved."));
    char why[32];
    snprintf(why, sizeof why, "referral %lld", (long long)referral_id);
    audit_log(c, "intake.refer", "ok", client_id, "intake", intake_id, why);
    return OK;
}

/* ---- the descriptor ---- */

static const struct res_field intake_fields[] = {
    {"id", FT_INT, 0, N_("Intake")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {"birth_date", FT_DATE, 0, N_("Date of birth")},
    {"birth_year_only", FT_BOOL, 0, N_("Only the year of birth is known")},
    {"phone", FT_STRING, 1, N_("Phone")},
    {"address", FT_STRING, 1, N_("Address")},
    {"district", FT_STRING, 1, N_("District")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"organisation", FT_STRING, 0, N_("Organisation")},
    {"episode_id", FT_INT, 0, N_("Episode")},
    {"source", FT_STRING, 0, N_("How the person was discovered")},
    {"reporter", FT_STRING, 1, N_("Reported by")},
    {"concern", FT_STRING, 0, N_("The concern, in the reporter's words")},
    {"state", FT_STRING, 0, N_("Step")},
    {"outcome", FT_STRING, 1, N_("Outcome")},
    {"needs", FT_ARRAY, 1, N_("Needs")},
    {"urgency", FT_STRING, 1, N_("Urgency")},
    {"risk_now", FT_BOOL, 1, N_("A risk to life now")},
    {"life_stage", FT_STRING, 1, N_("Life stage")},
    {"target_group", FT_STRING, 1, N_("Target group")},
    {"hospital_days", FT_INT, 1, N_("Days in hospital (reported)")},
    {"recent_crisis", FT_BOOL, 1, N_("A recent crisis (reported)")},
    {"decision_id", FT_INT, 1, N_("Eligibility decision")},
    {"decision_programme", FT_STRING, 1, N_("Programme")},
    {"decision", FT_STRING, 1, N_("Decision")},
    {"decision_result", FT_STRING, 1, N_("Criteria")},
    {"primary_cm", FT_INT, 1, N_("Primary case manager")},
    {"primary_cm_name", FT_STRING, 1, N_("Primary case manager")},
    {"referral_id", FT_INT, 1, N_("Referral")},
    {"close_reason", FT_STRING, 1, N_("Why it was closed")},
    {"close_note", FT_STRING, 1, N_("Note")},
    {"discovered_by", FT_INT, 0, N_("Discovered by")},
    {"discovered_by_name", FT_STRING, 0, N_("Discovered by")},
    {"discovered_at", FT_DATETIME, 0, N_("Discovered")},
    {"screened_by", FT_INT, 1, N_("Screened by")},
    {"screened_by_name", FT_STRING, 1, N_("Screened by")},
    {"screened_at", FT_DATETIME, 1, N_("Screened")},
    {"decided_by", FT_INT, 1, N_("Eligibility linked by")},
    {"decided_by_name", FT_STRING, 1, N_("Eligibility linked by")},
    {"decided_at", FT_DATETIME, 1, N_("Eligibility linked")},
    {"outcome_by", FT_INT, 1, N_("Outcome recorded by")},
    {"outcome_by_name", FT_STRING, 1, N_("Outcome recorded by")},
    {"outcome_at", FT_DATETIME, 1, N_("Outcome recorded")},
    {"version", FT_INT, 0, N_("Version")},
    {NULL, 0, 0, NULL},
};
/* One line of the organisation's intakes (the care desk's "my discoveries"). */
static const struct res_field intake_summary[] = {
    {"id", FT_INT, 0, N_("Intake")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {"source", FT_STRING, 0, N_("How the person was discovered")},
    {"state", FT_STRING, 0, N_("Step")},
    {"outcome", FT_STRING, 1, N_("Outcome")},
    {"urgency", FT_STRING, 1, N_("Urgency")},
    {"risk_now", FT_BOOL, 1, N_("A risk to life now")},
    {"discovered_by", FT_INT, 0, N_("Discovered by")},
    {"discovered_by_name", FT_STRING, 0, N_("Discovered by")},
    {"discovered_at", FT_DATETIME, 0, N_("Discovered")},
    {"decision_id", FT_INT, 1, N_("Eligibility decision")},
    {"decision", FT_STRING, 1, N_("Decision")},
    {"primary_cm", FT_INT, 1, N_("Primary case manager")},
    {"primary_cm_name", FT_STRING, 1, N_("Primary case manager")},
    {"referral_id", FT_INT, 1, N_("Referral")},
    {"close_reason", FT_STRING, 1, N_("Why it was closed")},
    {"outcome_at", FT_DATETIME, 1, N_("Outcome recorded")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit intake_actions[] = {
    {"intake.create", ACT_CREATE}, {"intake.read", ACT_READ},    {"intake.list", ACT_LIST},
    {"intake.screen", ACT_UPDATE}, {"intake.decide", ACT_UPDATE}, {"intake.close", ACT_UPDATE},
    {"intake.refer", ACT_UPDATE},  {"intake.enrol", ACT_REVIEW}, {NULL, 0},
};
static const char *const intake_tables[] = {"intakes", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
/* Discovering roles (supervisors, case managers, clinicians, care-desk officers) discover and list
 * their organisation's intakes; the intake's care team (the discovering worker is the intake
 * episode's primary case manager) and the organisation's discovering roles read one; its care team's
 * discovering roles take the steps; a supervisor or case manager of the organisation enrols. */
static const struct access_rule intake_access[] = {
    {RES_INTAKE, ACT_LIST, NONE, OPENERS, A},      {RES_INTAKE, ACT_CREATE, NONE, OPENERS, A},
    {RES_INTAKE, ACT_READ, TEAM, CARE, A},         {RES_INTAKE, ACT_READ, ORG, OPENERS, A},
    {RES_INTAKE, ACT_UPDATE, TEAM, OPENERS, A},    {RES_INTAKE, ACT_REVIEW, TEAM | ORG, SUP | CM, A},
    {0}};
const struct resource res_intake = {.access = intake_access,
                                    .id = RES_INTAKE,
                                    .name = "intake",
                                    .label = N_("Intake"),
                                    .plural = N_("Intakes"),
                                    .summary = intake_summary,
                                    RESOURCE_OF(intake)};
RESOURCE_REGISTER(res_intake);
