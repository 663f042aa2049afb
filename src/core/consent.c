/* consent: consent by purpose. A client lets organisations see classes of their data for a
 * purpose, from a day until a day or until withdrawn. access.c reads the model below
 * (consent_classes) to decide REL_SHARED; what a worker records, lists and withdraws is built on it. */
#include "base/base.h"
#include "core/core.h"
#include "core/risk.h"
#include "core/story.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

const char *const data_classes[] = {"identity", "notes",     "assessments", "risk",
                                    "hospital", "care_plan", "housing",     NULL};
const char *const data_class_labels[] = {N_("Identity and contact"), N_("Contacts and notes"),
                                         N_("Assessments"),          N_("Risk and crisis"),
                                         N_("Hospital stays"),       N_("Care plan"),
                                         NC_("data class", "Housing"), NULL};
const char *const consent_purposes[] = {"care_coordination", "referral", "housing", "peer_support", "evaluation",
                                        NULL};
enum { CP_CARE = 1u << 0, CP_REFERRAL = 1u << 1, CP_HOUSING = 1u << 2, CP_PEER = 1u << 3 };

/* Who reads for which purpose: clinical roles coordinate care, housing coordinators house, peer
 * supporters support. A referral's purpose is used only through the referral itself; evaluation
 * only ever sees aggregates. */
unsigned consent_purposes_of_role(int role)
{
    switch (role) {
    case ROLE_SUPERVISOR:
    case ROLE_CASE_MANAGER:
    case ROLE_CLINICIAN: return CP_CARE;
    case ROLE_HOUSING: return CP_HOUSING;
    case ROLE_PEER: return CP_PEER;
    default: return 0;
    }
}


int64_t consent_classes(struct db *db, int64_t client_id, int64_t org_id, unsigned purposes, const char *today,
                        int64_t *consent_id)
{
    *consent_id = 0;
    if (!purposes)
        return 0;
    struct db_stmt *st = db_query(db,
                                  "SELECT k.id, k.purpose, k.classes FROM consents k JOIN consent_orgs g ON"
                                  " g.consent_id=k.id AND g.org_id=?2 WHERE k.client_id=?1 AND " CONSENT_ACTIVE_SQL
                                  " ORDER BY k.id DESC",
                                  "iit", client_id, org_id, today);
    int64_t classes = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *purpose = db_text(st, 1);
        int p = 0;
        while (consent_purposes[p] && !str_eq(consent_purposes[p], purpose))
            p++;
        if (!consent_purposes[p] || !(purposes & (1u << p)))
            continue;
        classes |= db_int(st, 2) & DC_ALL;
        if (!*consent_id)
            *consent_id = db_int(st, 0);
    }
    db_done(st);
    return rc == DB_DONE ? classes : -1;
}

const char *const consent_given_how[] = {"written", "verbal_witnessed", "legal_representative", NULL};

#define CONSENT_COLS                                                                                         \
    "SELECT k.id, k.client_id, k.org_id, k.purpose, k.classes, k.starts_on, k.ends_on, k.given_how,"        \
    " k.witness, k.note, k.recorded_by, s.display_name AS recorded_by_name, k.recorded_at, k.withdrawn_at,"  \
    " k.withdrawn_by, k.withdraw_reason, k.renewal_task, k.version FROM consents k JOIN staff s ON s.id=k.recorded_by"

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* The API's shape: classes as names, the organisations, the status on today. */
static void shape(struct db *db, json_t *r, const char *today)
{
    unsigned bits = (unsigned)iget(r, "classes");
    json_t *names = json_array();
    for (int i = 0; i < DC__COUNT; i++)
        if (bits & DC_BIT(i))
            json_array_append_new(names, json_string(data_classes[i]));
    json_object_set_new(r, "classes", names);
    json_object_set_new(r, "orgs", db_rows(db,
                                           "SELECT o.id, o.name FROM consent_orgs g JOIN orgs o ON o.id=g.org_id"
                                           " WHERE g.consent_id=? ORDER BY o.name, o.id",
                                           "i", iget(r, "id")));
    const char *from = json_string_value(json_object_get(r, "starts_on"));
    const char *until = json_string_value(json_object_get(r, "ends_on"));
    const char *status = !json_is_null(json_object_get(r, "withdrawn_at")) ? "withdrawn"
                         : from && strcmp(from, today) > 0               ? "future"
                         : until && strcmp(until, today) < 0             ? "expired"
                                                                         : "active";
    json_object_set_new(r, "status", json_string(status));
    json_t *left = json_null();
    if (until && (str_eq(status, "active") || str_eq(status, "future"))) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%.10sT00:00:00Z", today);
        snprintf(b, sizeof b, "%.10sT00:00:00Z", until);
        int64_t x = iso_parse(a), y = iso_parse(b);
        if (x >= 0 && y >= 0)
            left = json_integer((y - x) / 86400);
    }
    json_object_set_new(r, "days_left", left);
}

static json_t *consent_load(struct db *db, int64_t id)
{
    json_t *r = db_row(db, CONSENT_COLS " WHERE k.id=?", "i", id);
    if (r) {
        char today[16];
        iso_today(today);
        shape(db, r, today);
    }
    return r;
}

int consent_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_CONSENT, ACT_LIST, client_id, "consent.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.recorded_at", 1}, {"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out, CONSENT_COLS " WHERE k.client_id=?", "i", client_id);
    if (rc != OK)
        return rc;
    char today[16];
    iso_today(today);
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) shape(c->db, r, today);
    audit_log(c, "consent.list", "ok", client_id, "consent", 0, NULL);
    return OK;
}

int consent_get(struct ctx *c, int64_t id, json_t **out)
{
    int64_t client_id = db_int1(c->db, 0, "SELECT client_id FROM consents WHERE id=?", "i", id);
    if (!client_id)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such consent."));
    int rc = access_check(c, RES_CONSENT, ACT_READ, client_id, "consent.read");
    if (rc != OK)
        return rc;
    *out = consent_load(c->db, id);
    if (!*out)
        return ctx_fail(c, ERR_DB, "%s", _("The consent could not be read."));
    audit_log(c, "consent.read", "ok", client_id, "consent", id, NULL);
    return OK;
}

/* The organisations of a new consent: 1..20 distinct existing ones, not the client's own (which
 * needs no consent). NULL after a field error. */
/* The organisations a consent names. The client's own organisation needs none, except for peer
 * support: its peer supporters see by default only their scope (issue 11 §4), and a consent for peer
 * support naming their own organisation lets its assigned peer supporter read the classes it grants. */
static json_t *consent_orgs_of(struct ctx *c, json_t *in, int64_t client_org, const char *purpose)
{
    json_t *orgs = json_object_get(in, "orgs");
    if (!json_is_array(orgs) || json_array_size(orgs) < 1 || json_array_size(orgs) > 20) {
        ctx_field(c, "orgs", _("must list 1 to 20 organisations"));
        return NULL;
    }
    json_t *ids = json_array();
    size_t i;
    json_t *o;
    json_array_foreach(orgs, i, o)
    {
        char f[32];
        snprintf(f, sizeof f, "orgs[%zu]", i);
        int64_t id = json_is_integer(o) ? json_integer_value(o) : 0;
        if (id < 1 || !db_int1(c->db, 0, "SELECT 1 FROM orgs WHERE id=?", "i", id))
            ctx_field(c, f, _("is not an organisation"));
        else if (id == client_org && !str_eq(purpose, "peer_support"))
            ctx_field(c, f, _("is the client's own organisation, which needs no consent"));
        else {
            int dup = 0;
            size_t j;
            json_t *x;
            json_array_foreach(ids, j, x) dup |= json_integer_value(x) == id;
            if (dup)
                ctx_field(c, f, _("is named twice"));
            else
                json_array_append_new(ids, json_integer(id));
        }
    }
    return ids;
}

/* The data classes named: 1..DC__COUNT known names; 0 after a field error. */
static unsigned consent_classes_of(struct ctx *c, json_t *in)
{
    json_t *names = json_object_get(in, "classes");
    if (!json_is_array(names) || json_array_size(names) < 1 || json_array_size(names) > DC__COUNT) {
        ctx_field(c, "classes", _("must name at least one class of data"));
        return 0;
    }
    unsigned bits = 0;
    size_t i;
    json_t *v;
    json_array_foreach(names, i, v)
    {
        const char *name = json_string_value(v);
        int k = 0;
        while (data_classes[k] && !str_eq(data_classes[k], name))
            k++;
        if (!data_classes[k]) {
            char f[32];
            snprintf(f, sizeof f, "classes[%zu]", i);
            ctx_field(c, f, _("is not a class of data"));
            return 0;
        }
        bits |= DC_BIT(k);
    }
    return bits;
}

int consent_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_CONSENT, ACT_CREATE, client_id, "consent.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    const char *purpose = v_str(c, in, "purpose", 1, 32, consent_purposes);
    unsigned classes = consent_classes_of(c, in);
    const char *from = v_date(c, in, "starts_on", 0);
    const char *until = v_date(c, in, "ends_on", 0);
    const char *how = v_str(c, in, "given_how", 1, 32, consent_given_how);
    const char *witness = v_str(c, in, "witness", 0, 200, NULL);
    const char *note = v_str(c, in, "note", 0, 2000, NULL);
    if (!from || !*from)
        from = today;
    if (until && *until && strcmp(until, from) < 0)
        ctx_field(c, "ends_on", _("must not be before the start"));
    if (how && !str_eq(how, "written") && v_text_chars(witness) == 0)
        ctx_field(c, "witness", str_eq(how, "verbal_witnessed") ? _("name the witness of a verbal consent")
                                                                  : _("name the legal representative"));
    int64_t client_org = db_int1(c->db, 0, "SELECT org_id FROM clients WHERE id=?", "i", client_id);
    json_t *orgs = consent_orgs_of(c, in, client_org, purpose);
    if (c->errors) {
        json_decref(orgs);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO consents(client_id, org_id, purpose, classes, starts_on, ends_on,"
                              " given_how, witness, note, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                              " RETURNING id",
                              "iititttttit", client_id, c->a->org_id, purpose, (int64_t)classes, from,
                              until && *until ? until : NULL, how, witness, note, c->a->staff_id, now);
    size_t i;
    json_t *o;
    json_array_foreach(orgs, i, o)
    {
        if (id && db_run(c->db, "INSERT INTO consent_orgs(consent_id, org_id) VALUES (?,?)", "ii", id,
                         json_integer_value(o)) != DB_OK)
            id = 0;
    }
    json_decref(orgs);
    if (!id)
        return ctx_fail(c, ERR_DB, "%s", _("The consent could not be saved."));
    access_forget(c);
    audit_log(c, "consent.create", "ok", client_id, "consent", id, NULL);
    *out = consent_load(c->db, id);
    return OK;
}

int consent_withdraw(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *k = db_row(c->db, "SELECT client_id, purpose, version, withdrawn_at FROM consents WHERE id=?", "i", id);
    if (!k)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such consent."));
    int64_t client_id = iget(k, "client_id"), current = iget(k, "version");
    int withdrawn = !json_is_null(json_object_get(k, "withdrawn_at"));
    int evaluation = str_eq(json_string_value(json_object_get(k, "purpose")), "evaluation");
    json_decref(k);
    int rc = access_check(c, RES_CONSENT, ACT_UPDATE, client_id, "consent.withdraw");
    if (rc != OK)
        return rc;
    if (in && !json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    const char *reason = in ? v_str(c, in, "reason", 0, 1000, NULL) : NULL;
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (withdrawn)
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This consent is already withdrawn."));
    if (version != current)
        return ctx_stale(c, current);
    char now[32];
    iso_now(now);
    if (db_run(c->db,
               "UPDATE consents SET withdrawn_at=?, withdrawn_by=?, withdraw_reason=?, version=version+1"
               " WHERE id=? AND version=?",
               "titii", now, c->a->staff_id, reason, id, version) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The withdrawal could not be saved."));
    /* A withdrawn consent is not renewed: the renewal rule's task, if still open, is done. */
    int64_t task = db_int1(c->db, 0,
                           "SELECT t.id FROM consents k JOIN tasks t ON t.id=k.renewal_task WHERE k.id=? AND"
                           " t.status='open'",
                           "i", id);
    if (task) {
        if (db_run(c->db,
                   "UPDATE tasks SET status='done', done_by=?, done_at=?, version=version+1 WHERE id=?", "iti",
                   c->a->staff_id, now, task) != DB_OK)
            return ctx_fail(c, ERR_DB, "%s", _("The withdrawal could not be saved."));
        audit_log(c, "task.update", "ok", client_id, "task", task, "consent withdrawn");
    }
    /* Consent for evaluation withdrawn: every story of the client is withdrawn and erased with it, in
     * this transaction, so no view or export shows one a moment longer (core/story.c). */
    int stories = 0;
    if (evaluation && story_withdraw_consent(c, client_id, id, &stories) != OK)
        return ERR_DB;
    access_forget(c);
    audit_log(c, "consent.withdraw", "ok", client_id, "consent", id, reason);
    *out = consent_load(c->db, id);
    return OK;
}

/* ---- the renewal rule ---- */

/* How long before its end a consent asks to be renewed. */
#define RENEW_DAYS 30

/* The words of a purpose, as the renewal task and the pages say them (N_() texts). */
const char *const consent_purpose_labels[] = {N_("care coordination"), N_("a referral"), N_("housing"),
                                              N_("peer support"), N_("evaluation"), NULL};

/* Who renews: the primary case manager of the client's open episode (the consent's organisation's
 * first), else the worker who recorded the consent; active accounts only. 0: nobody. */
static int64_t renewal_owner(struct db *db, int64_t client_id, int64_t org_id, int64_t recorded_by)
{
    int64_t cm = db_int1(db, 0,
                         "SELECT e.primary_cm FROM episodes e JOIN staff s ON s.id=e.primary_cm WHERE e.client_id=?"
                         " AND e.status<>'discharged' AND s.disabled=0"
                         " ORDER BY e.org_id=? DESC, e.start_date DESC, e.id DESC LIMIT 1",
                         "ii", client_id, org_id);
    if (!cm)
        cm = db_int1(db, 0, "SELECT id FROM staff WHERE id=? AND disabled=0", "i", recorded_by);
    return cm;
}

/* An active consent that ends within RENEW_DAYS makes, once, a task for whoever renews it (due on its
 * last day) and a notice to them, unless a later consent for the same purpose already carries on
 * after it (renewed). Withdrawn, open-ended and future consents ask nothing. */
int consent_renew_run(struct ctx *c, int *made)
{
    char today[16], horizon[32];
    iso_today(today);
    iso_time(now_epoch() + (int64_t)RENEW_DAYS * 86400, horizon);
    horizon[10] = 0;
    json_t *rows = db_rows(c->db,
                           "SELECT k.id, k.client_id, k.org_id, k.purpose, k.ends_on, k.recorded_by FROM consents k"
                           " WHERE k.withdrawn_at IS NULL AND k.renewal_task IS NULL AND k.ends_on IS NOT NULL"
                           " AND k.ends_on>=?1 AND k.ends_on<=?2 AND k.starts_on<=?1 AND NOT EXISTS (SELECT 1 FROM"
                           " consents n WHERE n.client_id=k.client_id AND n.purpose=k.purpose AND n.id<>k.id AND"
                           " n.withdrawn_at IS NULL AND n.starts_on<=k.ends_on AND (n.ends_on IS NULL OR"
                           " n.ends_on>k.ends_on)) ORDER BY k.id",
                           "tt", today, horizon);
    if (!rows)
        return ctx_fail(c, ERR_DB, "%s", "consent.renew: the consents could not be read");
    int rc = OK;
    size_t i;
    json_t *k;
    json_array_foreach(rows, i, k)
    {
        int64_t id = iget(k, "id"), client_id = iget(k, "client_id");
        int64_t owner = renewal_owner(c->db, client_id, iget(k, "org_id"), iget(k, "recorded_by"));
        if (!owner)
            continue; /* nobody to ask: the rule asks again on its next run */
        const char *purpose = json_string_value(json_object_get(k, "purpose"));
        int p = 0;
        while (consent_purposes[p] && !str_eq(consent_purposes[p], purpose))
            p++;
        /* {text} is translated when shown (rule_text_in): the purpose's words */
        json_t *args = json_pack("{s:s,s:I,s:s}", "date", json_string_value(json_object_get(k, "ends_on")), "id",
                                 (json_int_t)id, "text", consent_purposes[p] ? consent_purpose_labels[p] : purpose);
        rc = risk_rule_task_once(c, client_id, owner, "consent.renew", args,
                                 json_string_value(json_object_get(k, "ends_on")), "consent", id,
                                 "UPDATE consents SET renewal_task=? WHERE id=?");
        if (rc == OK)
            rc = notify_add(c, owner, "consent", "consent.renew", args, "consent", id, client_id);
        json_decref(args);
        if (rc != OK)
            break;
        (*made)++;
    }
    json_decref(rows);
    return rc;
}
static const struct sweep_rule consent_renew = {"consent.renew", consent_renew_run};
SWEEP_REGISTER(consent_renew);

static const struct res_field consent_org_fields[] = {
    {"id", FT_INT, 0, N_("Organisation")}, {"name", FT_STRING, 0, N_("Name")}, {NULL, 0, 0, NULL}};
static const struct res_field consent_fields[] = {
    {"id", FT_INT, 0, N_("Consent")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"org_id", FT_INT, 0, N_("Recorded at")},
    {"purpose", FT_STRING, 0, N_("Purpose")},
    {"orgs", FT_ARRAY, 0, N_("Organisations that may see"), consent_org_fields},
    {"classes", FT_ARRAY, 0, N_("Data classes"), NULL},
    {"starts_on", FT_DATE, 0, N_("From")},
    {"ends_on", FT_DATE, 1, N_("Until")},
    {"given_how", FT_STRING, 0, N_("Given")},
    {"witness", FT_STRING, 1, N_("Witness or representative")},
    {"note", FT_STRING, 1, N_("Note")},
    {"recorded_by", FT_INT, 0, N_("Recorded by")},
    {"recorded_by_name", FT_STRING, 0, N_("Recorded by")},
    {"recorded_at", FT_DATETIME, 0, N_("Recorded")},
    {"withdrawn_at", FT_DATETIME, 1, N_("Withdrawn")},
    {"withdrawn_by", FT_INT, 1, N_("Withdrawn by")},
    {"withdraw_reason", FT_STRING, 1, N_("Why withdrawn")},
    {"status", FT_STRING, 0, N_("Status")}, /* active, future, expired, withdrawn */
    {"days_left", FT_INT, 1, N_("Days until it ends")}, /* an active or future consent with an end: to its last day */
    {"renewal_task", FT_INT, 1, N_("Renewal task")},    /* the task the renewal rule made, once */
    {"version", FT_INT, 0, N_("Version")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit consent_actions[] = {
    {"consent.list", ACT_LIST},
    {"consent.read", ACT_READ},
    {"consent.create", ACT_CREATE},
    {"consent.withdraw", ACT_UPDATE},
    {NULL, 0},
};
static const char *const consent_tables[] = {"consents", "consent_orgs", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule consent_access[] = {
    /* a client's consents: read and recorded by those who work with the client (the care desk too:
     * it asks for consent before a referral), withdrawn by them when the client says so */
    {RES_CONSENT, ACT_LIST, TEAM, CARE, A},
    {RES_CONSENT, ACT_LIST, PEER, PS, A},
    {RES_CONSENT, ACT_LIST, GLASS | ONCALL, CARE, P},
    {RES_CONSENT, ACT_READ, TEAM, CARE, A},
    {RES_CONSENT, ACT_READ, PEER, PS, A},
    {RES_CONSENT, ACT_READ, GLASS | ONCALL, CARE, P},
    {RES_CONSENT, ACT_CREATE, TEAM, CARE, A},
    {RES_CONSENT, ACT_UPDATE, TEAM, CARE, A},
    {0}};
const struct resource res_consent = {
    .access = consent_access,
    .id = RES_CONSENT, .name = "consent", .label = N_("Consent"), .plural = N_("Consents"),
    RESOURCE_OF(consent)};
RESOURCE_REGISTER(res_consent);
