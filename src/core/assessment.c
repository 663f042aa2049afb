/* assessment: administers an instrument to a client: scores the answers (score.c), stores them with the
 * definition's id and version (history is never rescored), raises the flags its triggers name, and
 * reads the history and the trajectory with the change markers the definition gives. */
#include "base/base.h"
#include "core/core.h"
#include "core/instrument.h"
#include "core/risk.h"
#include "db/db.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define A_COLS                                                                                               \
    "SELECT a.id, a.client_id, a.instrument, a.instrument_version, a.coding, a.answers, a.total, a.band,"    \
    " a.result, a.staff_id, s.display_name AS staff_name, a.administered_at, a.created_at FROM assessments " \
    "a"                                                                                                      \
    " JOIN staff s ON s.id=a.staff_id"

/* The table's answer for assessments (answers are clinical, like contact notes: a care-desk officer on
 * the team may read neither). A refusal is audited. */
static int require(struct ctx *c, int64_t client_id, const char *action, enum act act)
{
    return access_check(c, RES_ASSESSMENT, act, client_id, action);
}

static json_t *parse(json_t *row, const char *key)
{
    const char *s = json_string_value(json_object_get(row, key));
    json_t *v = s ? json_loads(s, 0, NULL) : NULL;
    return v ? v : json_object();
}

/* A member of o, or a new `def` when absent (a new reference either way). */
static json_t *member(json_t *o, const char *key, json_t *def)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        return def;
    json_decref(def);
    return json_incref(v);
}

/* A stored row as the API shows it: answers and result as objects, a whole total as an integer, the
 * result's texts (band, remarks, reasons: stored in English, by id) in the reader's language. */
static void shape(json_t *r)
{
    const struct instrument *ins = instrument_find(json_string_value(json_object_get(r, "instrument")));
    json_t *stored = parse(r, "result"), *res = instrument_result_in(ins, stored, i18n_current());
    json_decref(stored);
    json_object_set_new(r, "answers", parse(r, "answers"));
    json_t *t = json_object_get(r, "total");
    double x = json_number_value(t);
    if (json_is_real(t) && x == floor(x) &&
        !str_eq(json_string_value(json_object_get(res, "method")), "table"))
        json_object_set_new(r, "total", json_integer((json_int_t)x));
    json_object_set_new(r, "band_label", member(res, "band_label", json_null()));
    json_object_set_new(r, "wording", member(res, "wording", json_null()));
    json_object_set_new(r, "flags", member(res, "flags", json_array()));
    json_object_set(r, "instrument_name", ins ? json_object_get(instrument_def_in(ins, i18n_current()), "name")
                                              : json_object_get(r, "instrument"));
    json_object_set_new(r, "result", res);
}

static json_t *load(struct db *db, int64_t id)
{
    json_t *r = db_row(db, A_COLS " WHERE a.id=?", "i", id);
    if (r)
        shape(r);
    return r;
}

/* The time it was administered: given (not more than a day ahead) or now, as UTC ISO-8601. */
static int read_when(struct ctx *c, json_t *in, char when[32])
{
    const char *s = v_time(c, in, "administered_at", 0);
    if (!s) {
        iso_now(when);
        return json_object_get(in, "administered_at") && c->errors ? -1 : 0;
    }
    int64_t t = iso_parse(s);
    if (t > now_epoch() + 24 * 3600) {
        ctx_field(c, "administered_at", _("cannot be more than a day in the future"));
        return -1;
    }
    iso_time(t, when);
    return 0;
}

/* Raise a flag for every trigger that fired; *flags lists them. Any failure fails the assessment. The
 * flag's reason is written in the language the assessment was done in (`local`: the result in it). */
static int raise_flags(struct ctx *c, int64_t client_id, int64_t id, json_t *triggers, json_t *local,
                       json_t **flags)
{
    json_t *t;
    size_t i;
    *flags = json_array();
    json_array_foreach(triggers, i, t)
    {
        json_t *f = NULL;
        const char *kind = json_string_value(json_object_get(t, "flag"));
        const char *level = json_string_value(json_object_get(t, "level"));
        const char *why = json_string_value(json_object_get(json_array_get(json_object_get(local, "triggers"), i), "reason"));
        int rc = flag_raise(c, client_id, kind, level, "assessment", id,
                            why ? why : json_string_value(json_object_get(t, "reason")), NULL, &f);
        if (rc != OK) {
            json_decref(f);
            return rc;
        }
        json_t *fid = json_object_get(f, "id");
        json_array_append_new(*flags,
                              json_pack("{s:O,s:s,s:s,s:O}", "id", fid ? fid : json_null(), "kind", kind,
                                        "level", level, "reason", json_object_get(t, "reason")));
        json_decref(f);
    }
    return OK;
}

int assessment_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = require(c, client_id, "assessment.create", ACT_CREATE);
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    const char *iid = v_str(c, in, "instrument", 1, 32, NULL);
    const struct instrument *ins = iid ? instrument_find(iid) : NULL;
    if (iid && !ins)
        ctx_field(c, "instrument", _("is not a known instrument"));
    /* A rule on the record: the instrument says who may administer it (peer supporters only the
     * recovery-oriented ones, such as SWEMWBS). */
    if (ins && !instrument_may_administer(ins, c->a->role)) {
        char m[300];
        snprintf(m, sizeof m, _("Peer supporters may not administer %s: ask a clinical member of the care team."),
                 iid);
        if (c->a->role != ROLE_PEER)
            snprintf(m, sizeof m, _("Your role may not administer %s."), iid);
        return access_deny(c, RES_ASSESSMENT, ACT_CREATE, client_id, "assessment.create", NULL, 0, m);
    }
    /* the wording the questions were asked in: given (one of the instrument's), else the one this
     * request's language shows (the form sends the one it showed) */
    const char *wording = v_str(c, in, "wording", 0, 64, NULL);
    if (ins && wording && !instrument_wording_language(ins, wording))
        ctx_field(c, "wording", _("is not a wording of this instrument"));
    if (ins && !wording)
        wording = instrument_wording(ins, i18n_current());
    json_t *answers = json_object_get(in, "answers");
    if (!json_is_object(answers))
        ctx_field(c, "answers", _("is required: an object of question -> answer"));
    char when[32], now[32], msg[600], total[40] = "";
    if (read_when(c, in, when) != 0 || c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    json_t *cl = db_row(c->db, "SELECT sex FROM clients WHERE id=?", "i", client_id);
    json_t *res = NULL, *errs = NULL, *settings = org_settings(c->db, c->a->org_id);
    json_t *inc = json_object_get(in, "incomplete");
    if (inc && !json_is_boolean(inc)) /* true or false, nothing that looks like one */
        ctx_field(c, "incomplete", _("must be true or false"));
    if (c->errors) {
        json_decref(cl);
        json_decref(settings);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    rc = instrument_score_with(ins, answers, json_string_value(json_object_get(cl, "sex")), settings,
                               json_is_true(inc) ? SCORE_INCOMPLETE : 0, &res, &errs, msg, sizeof msg);
    json_decref(cl);
    json_decref(settings);
    if (rc != OK) {
        c->errors = errs;
        if (res)
            c->extra = json_pack("{s:O,s:O}", "missing", json_object_get(res, "missing"), "risk",
                                 json_object_get(res, "triggers"));
        json_decref(res);
        return ctx_fail(c, ERR_INVALID, "%s", msg);
    }
    json_object_set_new(res, "wording", json_string(wording));
    json_t *t = json_object_get(res, "total");
    if (json_is_number(t))
        snprintf(total, sizeof total, "%.10g", json_number_value(t));
    double tv = *total ? strtod(total, NULL) : 0; /* stored to ten significant digits */
    char *ans = json_dumps(answers, JSON_COMPACT | JSON_SORT_KEYS), *rtxt = json_dumps(res, JSON_COMPACT);
    iso_now(now);
    int64_t id = db_insert_id(
        c->db,
        "INSERT INTO assessments(client_id, instrument, instrument_version, coding, answers, total, "
        "band, result,"
        " staff_id, administered_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        "ittttfttitt", client_id, iid, instrument_version(ins),
        json_string_value(json_object_get(res, "coding")), ans, *total ? &tv : NULL,
        json_string_value(json_object_get(res, "band")), rtxt, c->a->staff_id, when, now);
    free(ans);
    free(rtxt);
    json_t *flags = NULL, *local = instrument_result_in(ins, res, instrument_wording_language(ins, wording));
    rc = id ? raise_flags(c, client_id, id, json_object_get(res, "triggers"), local, &flags)
            : ctx_fail(c, ERR_DB, _("The assessment could not be saved."));
    json_decref(local);
    if (rc != OK) { /* the write job rolls back: no assessment without its flags */
        json_decref(flags);
        json_decref(res);
        return rc;
    }
    json_object_set_new(res, "flags", flags);
    /* A complete administration resolves what it answers (a C-SSRS screen, "assessment needed"). */
    json_t *resolved = json_array(), *k;
    size_t i;
    json_array_foreach(json_is_true(json_object_get(res, "incomplete")) ? NULL : instrument_resolves(ins), i, k)
    {
        if ((rc = flag_resolve_by_assessment(c, client_id, json_string_value(k), id, resolved)) != OK) {
            json_decref(resolved);
            json_decref(res);
            return rc;
        }
    }
    json_object_set_new(res, "resolved", resolved);
    rtxt = json_dumps(res, JSON_COMPACT);
    rc = db_run(c->db, "UPDATE assessments SET result=? WHERE id=?", "ti", rtxt, id);
    free(rtxt);
    json_decref(res);
    if (rc != DB_OK)
        return ctx_fail(c, ERR_DB, _("The assessment could not be saved."));
    audit_log(c, "assessment.create", "ok", client_id, "assessment", id, NULL);
    *out = load(c->db, id);
    return OK;
}

int assessment_get(struct ctx *c, int64_t id, json_t **out)
{
    int64_t client_id = db_int1(c->db, 0, "SELECT client_id FROM assessments WHERE id=?", "i", id);
    if (!client_id)
        return ctx_fail(c, ERR_NOTFOUND, _("No such assessment."));
    int rc = require(c, client_id, "assessment.read", ACT_READ);
    if (rc != OK)
        return rc;
    *out = load(c->db, id);
    audit_log(c, "assessment.read", "ok", client_id, "assessment", id, NULL);
    return OK;
}

int assessment_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = require(c, client_id, "assessment.list", ACT_LIST);
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.administered_at", 1}, {"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out, A_COLS " WHERE a.client_id=?", "i", client_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) shape(r);
    audit_log(c, "assessment.list", "ok", client_id, "assessment", 0, NULL);
    return OK;
}

/* Does a score x, against the first score base, meet a change rule of the definition? */
static int change_met(json_t *rule, double base, double x)
{
    const char *kind = json_string_value(json_object_get(rule, "kind"));
    double v = json_number_value(json_object_get(rule, "value"));
    if (str_eq(kind, "drop"))
        return base - x >= v;
    if (str_eq(kind, "drop_pct"))
        return base > 0 && (base - x) * 100.0 >= v * base;
    if (str_eq(kind, "below"))
        return x < v;
    return base >= v && x < v; /* recovery: from caseness (>= v) to below it */
}

int assessment_trajectory(struct ctx *c, int64_t client_id, const char *instrument, json_t **out)
{
    if (!instrument || !*instrument)
        return ctx_fail(c, ctx_field(c, "instrument", _("is required")), _("Name the instrument."));
    int rc = require(c, client_id, "assessment.trajectory", ACT_READ);
    if (rc != OK)
        return rc;
    const struct instrument *ins = instrument_find(instrument);
    json_t *rows = db_rows(
        c->db,
        "SELECT id, administered_at, total, band, instrument_version AS version, result, instrument"
        " FROM assessments WHERE client_id=? AND instrument=? ORDER BY administered_at, id LIMIT 1000",
        "it", client_id, instrument);
    if (!ins && !json_array_size(rows)) {
        json_decref(rows);
        return ctx_fail(c, ERR_NOTFOUND, _("No such instrument."));
    }
    const json_t *def = ins ? instrument_def_in(ins, i18n_current()) : NULL;
    json_t *rules = json_object_get(def, "change"), *markers = json_array(), *base = NULL, *p, *rule;
    size_t i, j;
    json_array_foreach(rows, i, p)
    {
        shape(p);
        json_t *mine = json_array();
        json_object_del(p, "result");
        json_object_del(p, "answers");
        json_object_del(p, "flags");
        json_object_del(p, "instrument_name");
        json_object_del(p, "instrument");
        json_t *t = json_object_get(p, "total");
        if (base && json_is_number(t))
            json_array_foreach(rules, j, rule)
            {
                if (!change_met(rule, json_number_value(json_object_get(base, "total")),
                                json_number_value(t)))
                    continue;
                json_array_append(mine, json_object_get(rule, "id"));
                size_t k;
                json_t *m;
                int seen = 0;
                json_array_foreach(markers, k, m) seen |=
                    json_equal(json_object_get(m, "id"), json_object_get(rule, "id"));
                if (!seen)
                    json_array_append_new(markers,
                                          json_pack("{s:O,s:O,s:O,s:O}", "id", json_object_get(rule, "id"),
                                                    "label", json_object_get(rule, "label"), "first_at",
                                                    json_object_get(p, "administered_at"), "assessment_id",
                                                    json_object_get(p, "id")));
            }
        if (!base && json_is_number(t))
            base = p;
        json_object_set_new(p, "markers", mine);
    }
    json_t *o = json_pack("{s:s,s:O,s:o,s:o,s:o}", "instrument", instrument, "name",
                          def ? json_object_get(def, "name") : json_null(), "points", rows, "markers",
                          markers, "change", rules ? json_deep_copy(rules) : json_array());
    json_object_set(o, "baseline", base ? base : json_null());
    static const char *const keys[] = {"range", "bands", "bands_by_sex", "levels", "higher_is_better", NULL};
    for (const char *const *k = keys; def && *k; k++)
        if (json_object_get(def, *k))
            json_object_set_new(o, *k, json_deep_copy(json_object_get(def, *k)));
    audit_log(c, "assessment.trajectory", "ok", client_id, "assessment", 0, NULL);
    *out = o;
    return OK;
}

/* ---- the descriptor ---- */

static const struct res_field assessment_fields[] = {
    {"id", FT_INT, 0, N_("Assessment")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"instrument", FT_STRING, 0, N_("Instrument")},
    {"instrument_version", FT_STRING, 0, N_("Instrument version")},
    {"coding", FT_STRING, 1, N_("Coding")},
    {"answers", FT_OBJECT, 0, N_("Answers")}, /* item id -> value as given */
    {"total", FT_NUMBER, 1, N_("Total")},     /* an integer when whole */
    {"band", FT_STRING, 1, N_("Band")},
    {"result", FT_OBJECT, 0, N_("Result")},   /* derived scores, prorating, missing items, flags */
    {"staff_id", FT_INT, 0, N_("Scored by")},
    {"staff_name", FT_STRING, 0, N_("Scored by")},
    {"administered_at", FT_DATETIME, 0, N_("Administered")},
    {"created_at", FT_DATETIME, 0, N_("Recorded")},
    {"band_label", FT_STRING, 1, N_("Band")},
    {"flags", FT_ARRAY, 0, N_("Flags raised")},
    {"instrument_name", FT_STRING, 0, N_("Instrument")},
    {"wording", FT_STRING, 1, N_("Wording")}, /* the questions' wording: "hearth-ko", or a wording file's id */
    {NULL, 0, 0, NULL},
};
static const struct res_audit assessment_actions[] = {
    {"assessment.create", ACT_CREATE},
    {"assessment.read", ACT_READ},
    {"assessment.list", ACT_LIST},
    {"assessment.trajectory", ACT_READ},
    {NULL, 0},
};
static const char *const assessment_tables[] = {"assessments", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule assessment_access[] = {
    /* assessments: clinical answers, like notes. A peer supporter reads none by default (issue 11
     * §4: no LIST or READ row at PEER; a client's consent for peer support may share them, SHARED),
     * and records only what the instrument lets peers administer (administered_by, a rule on the
     * record in assessment_create) */
    {RES_ASSESSMENT, ACT_LIST, TEAM, NOTES, A},
    {RES_ASSESSMENT, ACT_LIST, GLASS | ONCALL, NOTES, P},
    {RES_ASSESSMENT, ACT_LIST, SHARED, NOTES | PS, P},
    {RES_ASSESSMENT, ACT_READ, TEAM, NOTES, A},
    {RES_ASSESSMENT, ACT_READ, GLASS | ONCALL, NOTES, P},
    {RES_ASSESSMENT, ACT_READ, SHARED, NOTES | PS, P},
    {RES_ASSESSMENT, ACT_CREATE, TEAM, NOTES, A},
    {RES_ASSESSMENT, ACT_CREATE, PEER, PS, A},
    {RES_ASSESSMENT, ACT_CREATE, GLASS, NOTES, P},
    {0}};
const struct resource res_assessment = {
    .access = assessment_access,
    .id = RES_ASSESSMENT, .name = "assessment", .label = N_("Assessment"), .plural = N_("Assessments"),
    .data_class = DC_BIT(DC_ASSESSMENTS), RESOURCE_OF(assessment)};
RESOURCE_REGISTER(res_assessment);
