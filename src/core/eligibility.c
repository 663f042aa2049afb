/* eligibility: a client evaluated against a programme's rule file (elig_rules.c), each criterion met,
 * not met or unknown with the facts used; a person's decision, stored with the rule file's version. */
#include "core/eligibility.h"
#include "base/base.h"
#include "db/db.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

const char *const elig_decisions[] = {"eligible", "not_eligible", "exception", NULL};

static int64_t iget(const json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}
static const char *sget(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The day number (days since 1970-01-01) of a date or time's date; -1 when invalid. */
static int64_t day_of(const char *s)
{
    char d[11];
    if (!s)
        return -1;
    snprintf(d, sizeof d, "%.10s", s);
    int64_t t = iso_parse(d);
    return t < 0 ? -1 : t / 86400;
}

/* 1 when any of the names occurs in text (case-insensitive for ASCII letters). */
static const char *names_in(const char *text, const json_t *names)
{
    size_t i;
    json_t *e;
    json_array_foreach(names, i, e)
    {
        const char *n = json_string_value(e);
        size_t ln = strlen(n);
        for (const char *t = text; *t; t++)
            if (strncasecmp(t, n, ln) == 0)
                return n;
    }
    return NULL;
}

static int listed(const json_t *names, const char *v)
{
    size_t i;
    json_t *e;
    json_array_foreach(names, i, e) if (str_eq(json_string_value(e), v)) return 1;
    return 0;
}

/* What the evaluation reads of the client, once. */
struct facts {
    json_t *client;   /* birth_date, address */
    json_t *stays;    /* admitted_at, discharged_at */
    json_t *crises;   /* occurred_at, newest first */
    json_t *episodes; /* open episodes: programme, target_group */
    json_t *needs;    /* stated needs (array) or NULL */
    int64_t today;
};

static const char *met_word(int m)
{
    return m > 0 ? "met" : m == 0 ? "not_met" : "unknown";
}

/* One criterion: 1 met, 0 not met, -1 unknown; facts into f. */
static int judge(const json_t *crit, struct facts *x, json_t *f)
{
    const char *kind = sget(crit, "kind");
    const json_t *any = json_object_get(crit, "any_of");
    if (str_eq(kind, "life_stage")) {
        char today[16];
        iso_today(today);
        int age = age_on(sget(x->client, "birth_date"), today);
        if (age < 0)
            return -1;
        json_object_set_new(f, "age", json_integer(age));
        json_t *mx = json_object_get(crit, "max_age");
        return age >= iget(crit, "min_age") && (json_is_null(mx) || age <= json_integer_value(mx));
    }
    if (str_eq(kind, "hospital_days")) {
        int64_t from = x->today - iget(crit, "within_days"), days = 0;
        size_t i;
        json_t *s;
        json_array_foreach(x->stays, i, s)
        {
            int64_t a = day_of(sget(s, "admitted_at")), d = day_of(sget(s, "discharged_at"));
            if (a < 0)
                continue;
            if (d < 0 || d > x->today)
                d = x->today;
            if (a < from)
                a = from;
            if (d > a)
                days += d - a;
        }
        json_object_set_new(f, "hospital_days", json_integer(days));
        json_object_set_new(f, "stays", json_integer((json_int_t)json_array_size(x->stays)));
        json_object_set_new(f, "within_days", json_integer(iget(crit, "within_days")));
        return days >= iget(crit, "days");
    }
    if (str_eq(kind, "crisis_within")) {
        json_t *last = json_array_get(x->crises, 0);
        json_object_set_new(f, "last_crisis", last ? json_string(sget(last, "occurred_at")) : json_null());
        if (!last)
            return 0;
        int64_t ago = x->today - day_of(sget(last, "occurred_at"));
        json_object_set_new(f, "days_ago", json_integer(ago));
        return ago <= iget(crit, "within_days");
    }
    if (str_eq(kind, "target_group")) {
        json_t *groups = json_array();
        size_t i;
        json_t *e;
        int met = 0;
        json_array_foreach(x->episodes, i, e)
        {
            json_array_append_new(groups, json_string(sget(e, "target_group")));
            met |= listed(any, sget(e, "target_group"));
        }
        int n = (int)json_array_size(groups);
        json_object_set_new(f, "target_groups", groups);
        return n ? met : -1; /* no open episode: no target group recorded */
    }
    if (str_eq(kind, "need")) {
        if (!x->needs)
            return -1;
        json_t *hit = json_array();
        size_t i;
        json_t *e;
        json_array_foreach(x->needs, i, e) if (listed(any, json_string_value(e))) json_array_append(hit, e);
        json_object_set_new(f, "stated_needs", json_deep_copy(x->needs));
        int met = json_array_size(hit) > 0;
        json_decref(hit);
        return met;
    }
    /* district: named in the client's address */
    const char *addr = sget(x->client, "address");
    if (!addr || !*addr)
        return -1;
    const char *d = names_in(addr, any);
    json_object_set_new(f, "district", d ? json_string(d) : json_null());
    return d != NULL;
}

/* The evaluation of the client against prog (no access check, no audit). detail 0: the facts of
 * hospital stays, crises and episodes are left out. */
static json_t *evaluate(struct db *db, int64_t client_id, const json_t *prog, json_t *needs, int detail)
{
    struct facts x = {
        .client = db_row(db, "SELECT birth_date, address FROM clients WHERE id=?", "i", client_id),
        .stays = db_rows(db, "SELECT admitted_at, discharged_at FROM hospitalisations WHERE client_id=?", "i",
                         client_id),
        .crises = db_rows(db,
                          "SELECT occurred_at FROM crisis_events WHERE client_id=? ORDER BY occurred_at DESC"
                          " LIMIT 1",
                          "i", client_id),
        .episodes =
            db_rows(db,
                    "SELECT DISTINCT target_group FROM episodes WHERE client_id=? AND status<>'discharged'"
                    " ORDER BY target_group",
                    "i", client_id),
        .needs = needs,
    };
    char today[16];
    iso_today(today);
    x.today = day_of(today);
    json_t *crits = json_array();
    int overall = 1, points = 0;
    size_t i;
    json_t *cr;
    json_array_foreach(json_object_get(prog, "criteria"), i, cr)
    {
        json_t *f = json_object();
        int m = judge(cr, &x, f);
        const char *kind = sget(cr, "kind");
        int clinical =
            str_eq(kind, "hospital_days") || str_eq(kind, "crisis_within") || str_eq(kind, "target_group");
        json_t *row = json_deep_copy(cr);
        json_object_del(row, "line");
        json_object_set_new(row, "result", json_string(met_word(m)));
        if (clinical && !detail) {
            json_decref(f);
            json_object_set_new(row, "facts", json_null());
        } else
            json_object_set_new(row, "facts", f);
        json_array_append_new(crits, row);
        if (json_is_true(json_object_get(cr, "required"))) {
            if (m == 0)
                overall = 0;
            else if (m < 0 && overall > 0)
                overall = -1;
        } else if (m > 0)
            points += (int)iget(cr, "points");
    }
    json_decref(x.client);
    json_decref(x.stays);
    json_decref(x.crises);
    json_decref(x.episodes);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:i, s:b, s:O}", "client_id", (json_int_t)client_id,
                     "programme", sget(prog, "programme"), "name", sget(prog, "name"), "version",
                     sget(prog, "version"), "based_on", sget(prog, "based_on"), "criteria", crits, "result",
                     met_word(overall), "priority_points", points, "facts_hidden", !detail, "stated_needs",
                     needs ? needs : json_null());
}

/* "a,b" -> ["a","b"], each a service domain; NULL: none stated. A field error on a bad one. */
static json_t *needs_of(struct ctx *c, const char *s)
{
    if (!s)
        return NULL;
    json_t *a = json_array();
    char buf[400];
    if (strlen(s) >= sizeof buf) {
        ctx_field(c, "needs", _("is too long"));
        return a;
    }
    snprintf(buf, sizeof buf, "%s", s);
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
        if (!in_list(service_domains, t))
            ctx_field(c, "needs", _("names a service domain Hearth does not know"));
        else if (!listed(a, t))
            json_array_append_new(a, json_string(t));
    return a;
}

static const json_t *programme_of(struct ctx *c, const char *key)
{
    const json_t *p = elig_programme(key);
    if (!p)
        ctx_field(c, "programme", key ? _("no rule file has this programme") : _("is required"));
    return p;
}

int elig_evaluate(struct ctx *c, int64_t client_id, const char *programme, const char *needs, json_t **out)
{
    int rc = access_check(c, RES_ELIGIBILITY, ACT_READ, client_id, "eligibility.evaluate");
    if (rc != OK)
        return rc;
    const json_t *prog = programme_of(c, programme);
    json_t *nd = needs_of(c, needs);
    if (c->errors) {
        json_decref(nd);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    *out = evaluate(c->db, client_id, prog, nd, access_may(c, RES_CONTACT, ACT_READ, client_id));
    json_decref(nd);
    audit_log(c, "eligibility.evaluate", "ok", client_id, "eligibility", 0, sget(prog, "programme"));
    return OK;
}

#define DEC_COLS                                                                                             \
    "SELECT d.id, d.client_id, d.programme, d.rules_version, d.decision, d.reason, d.result,"                \
    " d.priority_points, d.criteria, d.decided_by, s.display_name AS decided_by_name, d.org_id, "            \
    "d.decided_at"                                                                                           \
    " FROM eligibility_decisions d JOIN staff s ON s.id=d.decided_by"

/* The stored criteria (JSON text) back as an array; the reason of an exception only for one who may
 * read notes. */
static void shape(json_t *r, int detail)
{
    json_error_t je;
    const char *s = sget(r, "criteria");
    json_t *a = s ? json_loads(s, 0, &je) : NULL;
    json_object_set_new(r, "criteria", a ? a : json_array());
    json_object_set_new(r, "reason_hidden",
                        json_boolean(!detail && !json_is_null(json_object_get(r, "reason"))));
    if (!detail)
        json_object_set_new(r, "reason", json_null());
}

/* Keep a decision on the evaluation ev: each criterion's kind, whether required, points and result,
 * with the rule file's version. The new id, or 0. */
static int64_t store(struct db *db, int64_t client_id, const json_t *prog, json_t *ev, const char *dec,
                     const char *reason, int64_t staff_id, int64_t org_id)
{
    json_t *kept = json_array();
    size_t i;
    json_t *cr;
    json_array_foreach(json_object_get(ev, "criteria"), i, cr) json_array_append_new(
        kept, json_pack("{s:s, s:O, s:O, s:O}", "kind", sget(cr, "kind"), "required",
                        json_object_get(cr, "required"), "points", json_object_get(cr, "points"), "result",
                        json_object_get(cr, "result")));
    char *ctext = json_dumps(kept, JSON_COMPACT);
    json_decref(kept);
    char now[32];
    iso_now(now);
    int64_t id =
        db_insert_id(db,
                     "INSERT INTO eligibility_decisions(client_id, programme, rules_version, decision,"
                     " reason, result, priority_points, criteria, decided_by, org_id, decided_at)"
                     " VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                     "itttttitiit", client_id, sget(prog, "programme"), sget(prog, "version"), dec,
                     reason && *reason ? reason : NULL, sget(ev, "result"), iget(ev, "priority_points"),
                     ctext, staff_id, org_id, now);
    free(ctext);
    return id;
}

int elig_demo_decide(struct db *db, int64_t client_id, const char *programme, json_t *needs, int64_t staff_id,
                     int64_t org_id)
{
    const json_t *prog = elig_programme(programme);
    if (!prog)
        return 0;
    json_t *ev = evaluate(db, client_id, prog, needs, 1);
    const char *r = sget(ev, "result");
    const char *dec = str_eq(r, "met") ? "eligible" : str_eq(r, "not_met") ? "not_eligible" : "exception";
    int64_t id =
        store(db, client_id, prog, ev, dec,
              str_eq(dec, "exception") ? "Needs confirmed with the client at the case conference." : NULL,
              staff_id, org_id);
    json_decref(ev);
    return id ? 0 : -1;
}

int elig_decide(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_ELIGIBILITY, ACT_CREATE, client_id, "eligibility.decide");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    const char *key = v_str(c, in, "programme", 1, 32, NULL);
    const json_t *prog = key ? programme_of(c, key) : NULL;
    const char *dec = v_str(c, in, "decision", 1, 16, elig_decisions);
    const char *reason = v_str(c, in, "reason", 0, 2000, NULL);
    if (str_eq(dec, "exception") && v_text_chars(reason) == 0 && !json_object_get(c->errors, "reason"))
        ctx_field(c, "reason", _("is required for an exception"));
    json_t *nv = json_object_get(in, "needs");
    json_t *nd = NULL;
    if (nv && !json_is_null(nv)) {
        size_t i;
        json_t *e;
        nd = json_array();
        if (!json_is_array(nv))
            ctx_field(c, "needs", _("must be a list of service domains"));
        json_array_foreach(nv, i, e) if (!in_list(service_domains, json_string_value(e)))
            ctx_field(c, "needs", _("names a service domain Hearth does not know"));
        else if (!listed(nd, json_string_value(e))) json_array_append(nd, e);
    }
    if (c->errors) {
        json_decref(nd);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    json_t *ev = evaluate(c->db, client_id, prog, nd, 1);
    json_decref(nd);
    /* A required criterion not met is decided "eligible" only by exception, with its reason. */
    if (str_eq(dec, "eligible") && str_eq(sget(ev, "result"), "not_met")) {
        json_decref(ev);
        return ctx_fail(
            c, ERR_CONFLICT,
            _("A required criterion is not met: the decision can only be eligible by exception, with "
              "a reason."));
    }
    int64_t id = store(c->db, client_id, prog, ev, dec, reason, c->a->staff_id, c->a->org_id);
    json_decref(ev);
    if (!id)
        return ctx_fail(c, ERR_DB, _("The decision could not be saved."));
    audit_log(c, "eligibility.decide", "ok", client_id, "eligibility", id, dec);
    *out = db_row(c->db, DEC_COLS " WHERE d.id=?", "i", id);
    if (*out)
        shape(*out, 1);
    return OK;
}

int elig_decision_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_ELIGIBILITY, ACT_LIST, client_id, "eligibility.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.decided_at", 1}, {"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out, DEC_COLS " WHERE d.client_id=?", "i", client_id);
    if (rc != OK)
        return rc;
    int detail = access_may(c, RES_CONTACT, ACT_READ, client_id);
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) shape(r, detail);
    audit_log(c, "eligibility.list", "ok", client_id, "eligibility", 0, NULL);
    return OK;
}

/* ---- the descriptors ---- */

static const struct res_field eligibility_fields[] = {
    {"id", FT_INT, 0, N_("Decision")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"programme", FT_STRING, 0, N_("Programme")},
    {"rules_version", FT_STRING, 0, N_("Rule version")},
    {"decision", FT_STRING, 0, N_("Decision")},
    {"reason", FT_STRING, 1, N_("Reason")},
    {"reason_hidden", FT_BOOL, 0, N_("Reason not shown")},
    {"result", FT_STRING, 0, N_("Criteria")},
    {"priority_points", FT_INT, 0, N_("Priority points")},
    {"criteria", FT_ARRAY, 0, N_("Criteria")},
    {"decided_by", FT_INT, 0, N_("Decided by")},
    {"decided_by_name", FT_STRING, 0, N_("Decided by")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"decided_at", FT_DATETIME, 0, N_("Decided")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit eligibility_actions[] = {
    {"eligibility.evaluate", ACT_READ},
    {"eligibility.list", ACT_LIST},
    {"eligibility.decide", ACT_CREATE},
    {NULL, 0},
};
static const char *const eligibility_tables[] = {"eligibility_decisions", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
/* Who evaluates and decides (DESIGN §1, §5): the client's care team and, at intake, the client's
 * organisation's supervisors, case managers, clinicians and care-desk officers. A care-desk officer
 * (or a housing coordinator on the team) evaluates and reads decisions; the facts of hospital stays,
 * crises and episodes and an exception's reason only to those who read notes (RES_CONTACT). A person
 * of the care team's clinical roles, or a supervisor or case manager of the organisation, decides; so
 * does the care-desk officer who holds a client's intake (the intake episode's primary case manager,
 * core/intake.c) for that client. */
static const struct access_rule eligibility_access[] = {{RES_ELIGIBILITY, ACT_READ, TEAM, CARE, A},
                                                        {RES_ELIGIBILITY, ACT_READ, ORG, OPENERS, A},
                                                        {RES_ELIGIBILITY, ACT_READ, GLASS, CARE, P},
                                                        {RES_ELIGIBILITY, ACT_LIST, TEAM, CARE, A},
                                                        {RES_ELIGIBILITY, ACT_LIST, ORG, OPENERS, A},
                                                        {RES_ELIGIBILITY, ACT_LIST, GLASS, CARE, P},
                                                        {RES_ELIGIBILITY, ACT_CREATE, TEAM, CLINICAL, A},
                                                        {RES_ELIGIBILITY, ACT_CREATE, ORG, SUP | CM, A},
                                                        {RES_ELIGIBILITY, ACT_CREATE, R(REL_PRIMARY_CM), DESK, A},
                                                        {0}};
const struct resource res_eligibility = {.access = eligibility_access,
                                         .id = RES_ELIGIBILITY,
                                         .name = "eligibility",
                                         .label = N_("Eligibility decision"),
                                         .plural = N_("Eligibility decisions"),
                                         RESOURCE_OF(eligibility)};
RESOURCE_REGISTER(res_eligibility);
