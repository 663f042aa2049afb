/* housing: the housing stock of housing providers (units and their state: a vacancy tells the
 * provider's housing coordinators at once), applications and the waiting list, ordered by a score
 * that is the sum of parts everyone allowed can read (housing_rules.c; an organisation's own
 * weights), an override of the order with a reason (audited), offers of a vacant unit to the
 * applications that fit it, and the move-in that makes the tenancy (tenancy.c). Issue 13 §1-§2. */
#include "base/base.h"
#include "core/core.h"
#include "core/housing.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const housing_unit_states[] = {"vacant", "preparing", "offline", "occupied", NULL};
const char *const housing_app_statuses[] = {"waiting", "offered", "housed", "withdrawn", "removed", NULL};
const char *const housing_offer_statuses[] = {"open", "accepted", "declined", "withdrawn", "moved_in", NULL};
static const char *const manual_states[] = {"vacant", "preparing", "offline", NULL};
static const char *const answers[] = {"accepted", "declined", "withdrawn", NULL};

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static const char *sget(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int64_t today_day(void)
{
    char today[16];
    iso_today(today);
    return housing_day(today);
}

/* ---- the weights an organisation uses ---- */

/* The file's weights with the organisation's own over them. */
static void weights_of(struct db *db, int64_t org_id, int w[HW__COUNT])
{
    memcpy(w, housing_rules()->w, sizeof(int) * HW__COUNT);
    json_t *rows = db_rows(db, "SELECT key, points FROM housing_weights WHERE org_id=?", "i", org_id);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        for (int k = 0; k < HW__COUNT; k++)
            if (str_eq(housing_weight_keys[k], sget(r, "key")))
                w[k] = (int)iget(r, "points");
    }
    json_decref(rows);
}

/* ---- the score, in SQL: one definition for every list ---- */

#define APP_COLS                                                                                             \
    "a.id, a.client_id, cl.given_name, cl.family_name, a.org_id, o.name AS org_name, a.from_org_id, fo.name" \
    " AS from_org_name, a.referral_id, a.type, a.district, a.accessible, a.household, a.household_note,"   \
    " a.situation, a.ready_since, a.documents, a.note, a.applied_on, a.applied_day, a.ready_day, a.status,"  \
    " a.declines, a.override_points, a.override_reason, a.override_by, a.override_at, a.end_reason,"        \
    " a.created_by, a.created_at, a.updated_at, a.version"

/* SELECT of applications with their parts (hundredths of a point) and score, the weights w and the
 * day today written in (integers only); where: the condition on a (and u, when join_unit). Freed by
 * the caller. */
static char *score_sql(const int w[HW__COUNT], int64_t t, const char *where)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b,
               "SELECT q.*, q.p_situation+q.p_hospital+q.p_waiting+q.p_risk+q.p_override AS score FROM (SELECT " APP_COLS
               ", (CASE a.situation WHEN 'homeless' THEN %d WHEN 'hospital' THEN %d WHEN 'at_risk' THEN %d WHEN"
               " 'unstable' THEN %d WHEN 'housed' THEN %d ELSE 0 END) AS p_situation,",
               w[HW_SIT_HOMELESS], w[HW_SIT_HOSPITAL], w[HW_SIT_AT_RISK], w[HW_SIT_UNSTABLE], w[HW_SIT_HOUSED]);
    buf_printf(&b,
               " (CASE WHEN a.situation<>'hospital' OR a.ready_day IS NULL THEN 0 WHEN (%lld-a.ready_day)*%d>%d THEN"
               " %d ELSE (%lld-a.ready_day)*%d END) AS p_hospital,",
               (long long)t, w[HW_HOSPITAL_DAY], w[HW_HOSPITAL_MAX], w[HW_HOSPITAL_MAX], (long long)t,
               w[HW_HOSPITAL_DAY]);
    buf_printf(&b,
               " (CASE WHEN ((%lld-a.applied_day)/30)*%d>%d THEN %d ELSE ((%lld-a.applied_day)/30)*%d END) AS"
               " p_waiting,",
               (long long)t, w[HW_WAITING_MONTH], w[HW_WAITING_MAX], w[HW_WAITING_MAX], (long long)t,
               w[HW_WAITING_MONTH]);
    buf_printf(&b,
               " (CASE WHEN hr.client_id IS NULL THEN 0 ELSE %d END) AS p_risk, a.override_points*100 AS p_override,"
               " %lld-a.applied_day AS days_waiting, CASE WHEN a.ready_day IS NULL THEN NULL ELSE %lld-a.ready_day"
               " END AS days_ready",
               w[HW_HIGH_RISK], (long long)t, (long long)t);
    buf_printf(&b,
               " FROM housing_applications a JOIN clients cl ON cl.id=a.client_id JOIN orgs o ON o.id=a.org_id JOIN"
               " orgs fo ON fo.id=a.from_org_id"
               /* the clients at high risk found once (a few), not probed once per application */
               " LEFT JOIN (SELECT DISTINCT f.client_id FROM flags f WHERE f.status='active' AND f.level='high') hr"
               " ON hr.client_id=a.client_id WHERE %s) q",
               where);
    return b.data;
}

static json_t *part(const char *key, int64_t hundredths, const char *detail, json_t *days)
{
    json_t *p = json_pack("{s:s,s:f}", "key", key, "points", (double)hundredths / 100.0);
    json_object_set_new(p, "detail", detail ? json_string(detail) : json_null());
    json_object_set_new(p, "days", days ? days : json_null());
    return p;
}

/* The API's shape of an application row of score_sql: the score and its parts, documents as an
 * array, accessible as a boolean; the inner columns go. */
static void app_shape(json_t *r)
{
    json_t *parts = json_array();
    json_array_append_new(parts, part("situation", iget(r, "p_situation"), sget(r, "situation"), NULL));
    if (str_eq(sget(r, "situation"), "hospital") && !json_is_null(json_object_get(r, "days_ready")))
        json_array_append_new(parts, part("hospital_days", iget(r, "p_hospital"), NULL,
                                          json_integer(iget(r, "days_ready"))));
    json_array_append_new(parts, part("waiting", iget(r, "p_waiting"), NULL, json_integer(iget(r, "days_waiting"))));
    if (iget(r, "p_risk"))
        json_array_append_new(parts, part("high_risk", iget(r, "p_risk"), NULL, NULL));
    if (iget(r, "p_override"))
        json_array_append_new(parts, part("override", iget(r, "p_override"), sget(r, "override_reason"), NULL));
    json_object_set_new(r, "parts", parts);
    json_object_set_new(r, "score", json_real((double)iget(r, "score") / 100.0));
    json_t *docs = json_loads(sget(r, "documents") ? sget(r, "documents") : "[]", 0, NULL);
    json_object_set_new(r, "documents", json_is_array(docs) ? docs : json_array());
    if (!json_is_array(docs))
        json_decref(docs);
    json_object_set_new(r, "accessible", json_boolean(iget(r, "accessible")));
    static const char *const gone[] = {"p_situation", "p_hospital", "p_waiting", "p_risk", "p_override",
                                       "applied_day", "ready_day",   "_k0",       "_k1",    "_k2"};
    for (size_t i = 0; i < ARRAY_LEN(gone); i++)
        json_object_del(r, gone[i]);
}

/* One application with its score, by its organisation's weights. */
static json_t *app_load(struct ctx *c, int64_t id)
{
    int64_t org = db_int1(c->db, 0, "SELECT org_id FROM housing_applications WHERE id=?", "i", id);
    if (!org)
        return NULL;
    int w[HW__COUNT];
    weights_of(c->db, org, w);
    char *sql = score_sql(w, today_day(), "a.id=?");
    json_t *r = db_row(c->db, sql, "i", id);
    free(sql);
    if (r) {
        app_shape(r);
        json_object_set_new(r, "offers",
                            db_rows(c->db,
                                    "SELECT f.id, f.unit_id, u.property, u.label, f.deadline, f.status, f.answer_reason,"
                                    " f.made_at FROM housing_offers f JOIN housing_units u ON u.id=f.unit_id WHERE"
                                    " f.application_id=? ORDER BY f.id DESC",
                                    "i", id));
    }
    return r;
}

/* ---- units ---- */

#define UNIT_COLS                                                                                            \
    "SELECT u.id, u.org_id, o.name AS org_name, u.property, u.address, u.label, u.type, u.bedrooms,"        \
    " u.accessible, u.district, u.rent, u.eligible, u.state, u.state_since, u.offline_reason, u.created_at," \
    " u.updated_at, u.version, CASE u.state WHEN 'vacant' THEN 0 WHEN 'preparing' THEN 1 WHEN 'offline' THEN" \
    " 2 ELSE 3 END AS state_order FROM housing_units u JOIN orgs o ON o.id=u.org_id"

static void unit_shape(json_t *r)
{
    json_object_set_new(r, "accessible", json_boolean(iget(r, "accessible")));
    json_object_del(r, "state_order");
    json_object_del(r, "_k0");
    json_object_del(r, "_k1");
    json_object_del(r, "_k2");
    json_object_del(r, "_k3");
    int64_t since = housing_day(sget(r, "state_since"));
    json_object_set_new(r, "vacant_days", str_eq(sget(r, "state"), "vacant") && since >= 0
                                              ? json_integer(today_day() - since)
                                              : json_null());
}

int housing_unit_list(struct ctx *c, int64_t org_id, const char *state, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_HOUSING_UNIT, ACT_LIST, 0, "housing_unit.list");
    if (rc != OK)
        return rc;
    if (state && *state && !in_list(housing_unit_states, state))
        return ctx_field(c, "state", _("must be vacant, preparing, offline or occupied")),
               ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    static const struct page_key order[] = {{"p.state_order", 0}, {"p.state_since", 0}, {"p.id", 0}, {NULL, 0}};
    rc = page_query(c, pg, order, out, UNIT_COLS " WHERE (?=0 OR u.org_id=?) AND (? IS NULL OR u.state=?)", "iitt",
                    org_id, org_id, state && *state ? state : NULL, state && *state ? state : NULL);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) unit_shape(r);
    audit_log(c, "housing_unit.list", "ok", 0, "housing_unit", 0, NULL);
    return OK;
}

int housing_providers(struct ctx *c, json_t **out)
{
    int rc = access_check(c, RES_HOUSING_UNIT, ACT_LIST, 0, "housing_unit.list");
    if (rc != OK)
        return rc;
    *out = json_pack("{s:o}", "items",
                     db_rows(c->db, "SELECT id, name, district FROM orgs WHERE kind='housing_provider' ORDER BY name, id",
                             ""));
    return OK;
}

static json_t *unit_load(struct ctx *c, int64_t id)
{
    json_t *u = db_row(c->db, UNIT_COLS " WHERE u.id=?", "i", id);
    if (!u)
        return NULL;
    unit_shape(u);
    /* the offers of this unit (no names: the application's page has them for those who may) */
    json_object_set_new(u, "offers",
                        db_rows(c->db,
                                "SELECT f.id, f.application_id, f.client_id, f.deadline, f.status, f.made_at FROM"
                                " housing_offers f WHERE f.unit_id=? ORDER BY f.id DESC LIMIT 20",
                                "i", id));
    int64_t t = db_int1(c->db, 0, "SELECT id FROM tenancies WHERE unit_id=? AND end_date IS NULL", "i", id);
    json_object_set_new(u, "tenancy_id", t ? json_integer(t) : json_null());
    return u;
}

int housing_unit_get(struct ctx *c, int64_t id, json_t **out)
{
    int rc = access_check(c, RES_HOUSING_UNIT, ACT_READ, 0, "housing_unit.read");
    if (rc != OK)
        return rc;
    *out = unit_load(c, id);
    if (!*out)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such housing unit."));
    audit_log(c, "housing_unit.read", "ok", 0, "housing_unit", id, NULL);
    return OK;
}

/* The housing coordinators of an organisation learn of a vacancy at once. */
static int tell_vacancy(struct ctx *c, int64_t org_id, int64_t unit_id, const char *property, const char *label)
{
    json_t *staff = db_rows(c->db,
                            "SELECT id FROM staff WHERE org_id=? AND role='housing_coordinator' AND disabled=0 ORDER BY id",
                            "i", org_id);
    json_t *args = json_pack("{s:s,s:s}", "property", property ? property : "", "label", label ? label : "");
    int rc = OK;
    size_t i;
    json_t *s;
    json_array_foreach(staff, i, s)
    {
        if ((rc = notify_add(c, iget(s, "id"), "housing", "housing.vacancy", args, "housing_unit", unit_id, 0)) != OK)
            break;
    }
    json_decref(args);
    json_decref(staff);
    return rc;
}

/* A unit's state fields: state (manual ones), since (default today, not in the future), the reason
 * when offline. */
static const char *state_fields(struct ctx *c, json_t *in, int required, const char **since, const char **reason)
{
    const char *state = v_str(c, in, "state", required, 16, manual_states);
    *since = v_date(c, in, "since", 0);
    *reason = v_str(c, in, "offline_reason", 0, 500, NULL);
    char today[16];
    iso_today(today);
    if (*since && **since && strcmp(*since, today) > 0)
        ctx_field(c, "since", _("must not be in the future"));
    if (state && str_eq(state, "offline") && (!*reason || !**reason))
        ctx_field(c, "offline_reason", _("say why the unit is offline"));
    if (state && !str_eq(state, "offline"))
        *reason = NULL;
    return state;
}

static int provider_of(struct ctx *c)
{
    return db_int1(c->db, 0, "SELECT 1 FROM orgs WHERE id=? AND kind='housing_provider'", "i", c->a->org_id) != 0;
}

int housing_unit_create(struct ctx *c, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_HOUSING_UNIT, ACT_CREATE, 0, "housing_unit.create");
    if (rc != OK)
        return rc;
    if (!provider_of(c))
        return access_deny(c, RES_HOUSING_UNIT, ACT_CREATE, 0, "housing_unit.create", "housing_unit", 0,
                           _("Only a housing provider's staff keep its housing units."));
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    const char *property = v_str(c, in, "property", 1, 200, NULL);
    const char *address = v_str(c, in, "address", 0, 300, NULL);
    const char *label = v_str(c, in, "label", 1, 100, NULL);
    const char *type = v_str(c, in, "type", 1, 32, housing_types);
    int64_t bedrooms = v_int(c, in, "bedrooms", 1, 0, 20, 0);
    int accessible = v_bool(in, "accessible");
    const char *district = v_str(c, in, "district", 1, 100, NULL);
    int64_t rent = v_int(c, in, "rent", 1, 0, 100000000, 0);
    const char *eligible = v_str(c, in, "eligible", 0, 1000, NULL);
    const char *since, *reason;
    const char *state = state_fields(c, in, 0, &since, &reason);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    if (!state)
        state = "vacant";
    if (!since || !*since)
        since = today;
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO housing_units(org_id, property, address, label, type, bedrooms, accessible,"
                              " district, rent, eligible, state, state_since, offline_reason, created_by, created_at,"
                              " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                              "ittttiitittttitt", c->a->org_id, property, address, label, type, bedrooms,
                              (int64_t)accessible, district, rent, eligible, state, since, reason, c->a->staff_id,
                              now, now);
    if (!id)
        return ctx_fail(c, ERR_DB, "%s", _("The housing unit could not be saved."));
    if (str_eq(state, "vacant") && tell_vacancy(c, c->a->org_id, id, property, label) != OK)
        return ctx_fail(c, ERR_DB, "%s", _("The housing unit could not be saved."));
    audit_log(c, "housing_unit.create", "ok", 0, "housing_unit", id, NULL);
    *out = unit_load(c, id);
    return OK;
}

/* The rule on a unit: its own organisation's staff change it. */
static int unit_gate(struct ctx *c, int64_t id, enum act act, const char *action, json_t **unit)
{
    int rc = access_check(c, RES_HOUSING_UNIT, act, 0, action);
    if (rc != OK)
        return rc;
    *unit = db_row(c->db, "SELECT id, org_id, state, property, label, type, district, accessible, bedrooms, version"
                          " FROM housing_units WHERE id=?",
                   "i", id);
    if (!*unit)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such housing unit."));
    if (iget(*unit, "org_id") != c->a->org_id) {
        json_decref(*unit);
        *unit = NULL;
        return access_deny(c, RES_HOUSING_UNIT, act, 0, action, "housing_unit", id,
                           _("This unit is another organisation's: its own housing coordinators keep it."));
    }
    return OK;
}

int housing_unit_state(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *u = NULL;
    int rc = unit_gate(c, id, ACT_UPDATE, "housing_unit.state", &u);
    if (rc != OK)
        return rc;
    if (!json_is_object(in)) {
        json_decref(u);
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    }
    const char *since, *reason;
    const char *state = state_fields(c, in, 1, &since, &reason);
    int64_t current = iget(u, "version");
    int occupied = str_eq(sget(u, "state"), "occupied");
    int was_vacant = str_eq(sget(u, "state"), "vacant");
    char property[256], label[128];
    snprintf(property, sizeof property, "%s", sget(u, "property"));
    snprintf(label, sizeof label, "%s", sget(u, "label"));
    json_decref(u);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (version != current)
        return ctx_stale(c, current);
    if (occupied)
        return ctx_fail(c, ERR_CONFLICT, "%s", _("The unit is occupied: end the tenancy first."));
    if (db_int1(c->db, 0, "SELECT 1 FROM housing_offers WHERE unit_id=? AND status IN ('open','accepted')", "i", id))
        return ctx_fail(c, ERR_CONFLICT, "%s", _("The unit has an offer open: answer or withdraw it first."));
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    if (!since || !*since)
        since = today;
    if (db_run(c->db,
               "UPDATE housing_units SET state=?, state_since=?, offline_reason=?, updated_at=?, version=version+1"
               " WHERE id=? AND version=?",
               "ttttii", state, since, reason, now, id, version) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The housing unit could not be saved."));
    if (str_eq(state, "vacant") && !was_vacant && tell_vacancy(c, c->a->org_id, id, property, label) != OK)
        return ctx_fail(c, ERR_DB, "%s", _("The housing unit could not be saved."));
    audit_log(c, "housing_unit.state", "ok", 0, "housing_unit", id, state);
    *out = unit_load(c, id);
    return OK;
}

/* Applications that fit a unit: the unit's organisation's waiting ones of its type, in its district
 * or any, needing no accessibility unless the unit has it, a household the bedrooms can take (two
 * a bedroom, one for a studio). */
#define FITS                                                                                                 \
    "a.org_id=%lld AND a.status='waiting' AND a.type='%s' AND (a.district IS NULL OR a.district=(SELECT"     \
    " u.district FROM housing_units u WHERE u.id=%lld)) AND (a.accessible=0 OR %d=1) AND a.household<=%lld"

int housing_unit_matches(struct ctx *c, int64_t id, const struct page *pg, json_t **out)
{
    json_t *u = NULL;
    int rc = unit_gate(c, id, ACT_REVIEW, "housing_unit.matches", &u);
    if (rc != OK)
        return rc;
    int w[HW__COUNT];
    weights_of(c->db, c->a->org_id, w);
    char where[600];
    int64_t beds = iget(u, "bedrooms");
    /* the type is one of housing_types (checked when the unit was made): written in */
    snprintf(where, sizeof where, FITS, (long long)c->a->org_id,
             in_list(housing_types, sget(u, "type")) ? sget(u, "type") : "", (long long)id,
             (int)iget(u, "accessible"), (long long)(beds ? beds * 2 : 1));
    json_decref(u);
    char *sql = score_sql(w, today_day(), where);
    static const struct page_key order[] = {{"p.score", 1}, {"p.applied_on", 0}, {"p.id", 0}, {NULL, 0}};
    rc = page_query(c, pg, order, out, sql, "");
    free(sql);
    if (rc != OK)
        return rc;
    json_t *items = json_object_get(*out, "items"), *shown = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(items, i, r)
    {
        app_shape(r);
        json_array_append_new(shown, json_pack("{s:I}", "id", (json_int_t)iget(r, "client_id")));
    }
    audit_log_shown(c, "housing_unit.matches", "housing_unit", shown);
    json_decref(shown);
    return OK;
}

/* ---- applications ---- */

int housing_waiting_list(struct ctx *c, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_HOUSING_APPLICATION, ACT_REVIEW, 0, "housing_application.waiting_list");
    if (rc != OK)
        return rc;
    int w[HW__COUNT];
    weights_of(c->db, c->a->org_id, w);
    char where[128];
    snprintf(where, sizeof where, "a.org_id=%lld AND a.status='waiting'", (long long)c->a->org_id);
    char *sql = score_sql(w, today_day(), where);
    static const struct page_key order[] = {{"p.score", 1}, {"p.applied_on", 0}, {"p.id", 0}, {NULL, 0}};
    rc = page_query(c, pg, order, out, sql, "");
    free(sql);
    if (rc != OK)
        return rc;
    json_t *items = json_object_get(*out, "items"), *shown = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(items, i, r)
    {
        app_shape(r);
        json_array_append_new(shown, json_pack("{s:I}", "id", (json_int_t)iget(r, "client_id")));
    }
    audit_log_shown(c, "housing_application.waiting_list", "housing_application", shown);
    json_decref(shown);
    return OK;
}

int housing_app_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_HOUSING_APPLICATION, ACT_LIST, client_id, "housing_application.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.open", 0}, {"p.applied_on", 1}, {"p.id", 1}, {NULL, 0}};
    json_t *ids = NULL;
    rc = page_query(c, pg, order, &ids,
                    "SELECT a.id, a.applied_on, CASE WHEN a.status IN ('waiting','offered') THEN 0 ELSE 1 END AS open"
                    " FROM housing_applications a WHERE a.client_id=?",
                    "i", client_id);
    if (rc != OK)
        return rc;
    json_t *items = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(ids, "items"), i, r)
    {
        json_t *a = app_load(c, iget(r, "id"));
        if (a)
            json_array_append_new(items, a);
    }
    *out = json_pack("{s:o,s:O}", "items", items, "next", json_object_get(ids, "next"));
    json_decref(ids);
    audit_log(c, "housing_application.list", "ok", client_id, "housing_application", 0, NULL);
    return OK;
}

static int64_t app_client(struct ctx *c, int64_t id, int64_t *org)
{
    json_t *r = db_row(c->db, "SELECT client_id, org_id FROM housing_applications WHERE id=?", "i", id);
    int64_t client = r ? iget(r, "client_id") : 0;
    if (org)
        *org = r ? iget(r, "org_id") : 0;
    json_decref(r);
    return client;
}

int housing_app_get(struct ctx *c, int64_t id, json_t **out)
{
    int64_t client_id = app_client(c, id, NULL);
    if (!client_id)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such housing application."));
    int rc = access_check(c, RES_HOUSING_APPLICATION, ACT_READ, client_id, "housing_application.read");
    if (rc != OK)
        return rc;
    *out = app_load(c, id);
    if (!*out)
        return ctx_fail(c, ERR_DB, "%s", _("The housing application could not be read."));
    audit_log(c, "housing_application.read", "ok", client_id, "housing_application", id, NULL);
    return OK;
}

/* documents: ["name", ...] when made, [{name, received}] after; stored as [{name, received}]. */
static json_t *documents_of(struct ctx *c, json_t *in)
{
    json_t *d = json_object_get(in, "documents");
    if (!d || json_is_null(d))
        return NULL;
    if (!json_is_array(d) || json_array_size(d) > 30) {
        ctx_field(c, "documents", _("must be a list of at most 30 documents"));
        return NULL;
    }
    json_t *out = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(d, i, e)
    {
        const char *name = json_is_string(e) ? json_string_value(e) : sget(e, "name");
        int received = json_is_object(e) && json_is_true(json_object_get(e, "received"));
        if (!name || !*name || strlen(name) > 200) {
            ctx_field(c, "documents", _("each document needs a name of at most 200 characters"));
            json_decref(out);
            return NULL;
        }
        json_array_append_new(out, json_pack("{s:s,s:b}", "name", name, "received", received));
    }
    return out;
}

/* The needs and situation of in (required when making); the dates as days. */
struct needs {
    const char *type, *district, *household_note, *situation, *ready_since, *note;
    int64_t household, ready_day;
    int accessible, has_accessible;
    json_t *documents;
};

static void needs_of(struct ctx *c, json_t *in, int making, struct needs *n)
{
    memset(n, 0, sizeof *n);
    n->type = v_str(c, in, "type", making, 32, housing_types);
    n->district = v_str(c, in, "district", 0, 100, NULL);
    n->has_accessible = json_object_get(in, "accessible") != NULL;
    n->accessible = v_bool(in, "accessible");
    n->household = v_int(c, in, "household", 0, 1, 20, 0);
    n->household_note = v_str(c, in, "household_note", 0, 500, NULL);
    n->situation = v_str(c, in, "situation", making, 16, housing_situations);
    n->ready_since = v_date(c, in, "ready_since", 0);
    n->note = v_str(c, in, "note", 0, 2000, NULL);
    n->documents = documents_of(c, in);
    n->ready_day = -1;
    char today[16];
    iso_today(today);
    if (n->ready_since && *n->ready_since) {
        if (strcmp(n->ready_since, today) > 0)
            ctx_field(c, "ready_since", _("must not be in the future"));
        n->ready_day = housing_day(n->ready_since);
    }
}

int housing_app_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_HOUSING_APPLICATION, ACT_CREATE, client_id, "housing_application.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    int64_t org = v_int(c, in, "org_id", 1, 1, INT64_MAX, 0);
    int64_t referral = v_int(c, in, "referral_id", 0, 1, INT64_MAX, 0);
    struct needs n;
    needs_of(c, in, 1, &n);
    if (org && !db_int1(c->db, 0, "SELECT 1 FROM orgs WHERE id=? AND kind='housing_provider'", "i", org))
        ctx_field(c, "org_id", _("is not a housing provider"));
    if (n.situation && str_eq(n.situation, "hospital") && !n.ready_since)
        ctx_field(c, "ready_since", _("say since when the client is ready for discharge"));
    if (referral && !db_int1(c->db, 0,
                             "SELECT 1 FROM referrals WHERE id=? AND client_id=? AND to_org_id=? AND state IN"
                             " ('accepted','in_progress','completed')",
                             "iii", referral, client_id, org))
        ctx_field(c, "referral_id", _("is not a referral of this client accepted by that housing provider"));
    if (c->errors) {
        json_decref(n.documents);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    if (db_int1(c->db, 0,
                "SELECT 1 FROM housing_applications WHERE client_id=? AND org_id=? AND status IN ('waiting','offered')",
                "ii", client_id, org)) {
        json_decref(n.documents);
        return ctx_fail(c, ERR_CONFLICT, "%s",
                        _("The client has an open application to this housing provider already: update it."));
    }
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    if (!n.documents)
        n.documents = json_array();
    char *docs = json_dumps(n.documents, JSON_COMPACT);
    json_decref(n.documents);
    int64_t id = db_insert_id(
        c->db,
        "INSERT INTO housing_applications(client_id, org_id, from_org_id, referral_id, type, district, accessible,"
        " household, household_note, situation, ready_since, ready_day, documents, note, applied_on, applied_day,"
        " created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        "iiiIttiitttItttiitt", client_id, org, c->a->org_id, referral, n.type,
        n.district && *n.district ? n.district : NULL, (int64_t)n.accessible, n.household ? n.household : 1,
        n.household_note, n.situation, n.ready_since && *n.ready_since ? n.ready_since : NULL,
        n.ready_day >= 0 ? n.ready_day : 0, docs, n.note, today, housing_day(today), c->a->staff_id, now, now);
    free(docs);
    if (!id) /* ready_day: 'I' binds no date (0) as null */
        return ctx_fail(c, ERR_DB, "%s", _("The housing application could not be saved."));
    access_forget(c); /* the provider's housing coordinators now house this client (REL_HOUSED) */
    audit_log(c, "housing_application.create", "ok", client_id, "housing_application", id, NULL);
    *out = app_load(c, id);
    return OK;
}

/* The gate of one application for a change: the table, then its state. */
static int app_gate(struct ctx *c, int64_t id, enum act act, const char *action, json_t **app)
{
    int64_t org = 0;
    int64_t client_id = app_client(c, id, &org);
    if (!client_id)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such housing application."));
    int rc = access_check(c, RES_HOUSING_APPLICATION, act, client_id, action);
    if (rc != OK)
        return rc;
    if (act == ACT_ADMINISTER && org != c->a->org_id)
        return access_deny(c, RES_HOUSING_APPLICATION, act, client_id, action, "housing_application", id,
                           _("Only the housing provider the client applied to changes the order of its list."));
    *app = db_row(c->db, "SELECT * FROM housing_applications WHERE id=?", "i", id);
    if (!*app)
        return ctx_fail(c, ERR_DB, "%s", _("The housing application could not be read."));
    return OK;
}

static int app_open(json_t *a)
{
    return str_eq(sget(a, "status"), "waiting") || str_eq(sget(a, "status"), "offered");
}

int housing_app_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *a = NULL;
    int rc = app_gate(c, id, ACT_UPDATE, "housing_application.update", &a);
    if (rc != OK)
        return rc;
    if (!json_is_object(in)) {
        json_decref(a);
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    }
    struct needs n;
    needs_of(c, in, 0, &n);
    const char *situation = n.situation ? n.situation : sget(a, "situation");
    int64_t client_id = iget(a, "client_id"), current = iget(a, "version");
    int open = app_open(a);
    int had_ready = !json_is_null(json_object_get(a, "ready_since"));
    if (str_eq(situation, "hospital") && !had_ready && !(n.ready_since && *n.ready_since))
        ctx_field(c, "ready_since", _("say since when the client is ready for discharge"));
    if (c->errors) {
        json_decref(a);
        json_decref(n.documents);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    if (version != current) {
        json_decref(a);
        json_decref(n.documents);
        return ctx_stale(c, current);
    }
    if (!open) {
        json_decref(a);
        json_decref(n.documents);
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This application is closed."));
    }
    char now[32];
    iso_now(now);
    char *docs = n.documents ? json_dumps(n.documents, JSON_COMPACT) : NULL;
    json_decref(n.documents);
    int keep_ready = str_eq(situation, "hospital");
    rc = db_run(c->db,
                "UPDATE housing_applications SET type=COALESCE(?,type), district=CASE WHEN ?<>0 THEN ? ELSE district END,"
                " accessible=CASE WHEN ?<>0 THEN ? ELSE accessible END, household=CASE WHEN ?>0 THEN ? ELSE household END,"
                " household_note=COALESCE(?,household_note), situation=?, ready_since=CASE WHEN ?<>0 THEN"
                " COALESCE(?,ready_since) ELSE NULL END, ready_day=CASE WHEN ?<>0 THEN COALESCE(?,ready_day) ELSE NULL END,"
                " documents=COALESCE(?,documents), note=COALESCE(?,note), updated_at=?, version=version+1 WHERE id=?"
                " AND version=?",
                "titiiiittitiItttii", n.type, (int64_t)(json_object_get(in, "district") != NULL),
                n.district && *n.district ? n.district : NULL, (int64_t)n.has_accessible, (int64_t)n.accessible,
                n.household, n.household, n.household_note, situation, (int64_t)keep_ready,
                n.ready_since && *n.ready_since ? n.ready_since : NULL, (int64_t)keep_ready,
                n.ready_day >= 0 ? n.ready_day : 0, docs, n.note, now, id, version);
    free(docs);
    json_decref(a);
    if (rc != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The housing application could not be saved."));
    audit_log(c, "housing_application.update", "ok", client_id, "housing_application", id, NULL);
    *out = app_load(c, id);
    return OK;
}

int housing_app_withdraw(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *a = NULL;
    int rc = app_gate(c, id, ACT_UPDATE, "housing_application.withdraw", &a);
    if (rc != OK)
        return rc;
    const char *reason = json_is_object(in) ? v_str(c, in, "reason", 1, 1000, NULL) : NULL;
    if (!json_is_object(in))
        ctx_field(c, "reason", _("say why the application is withdrawn"));
    int64_t client_id = iget(a, "client_id"), current = iget(a, "version");
    int open = app_open(a), offered = str_eq(sget(a, "status"), "offered");
    json_decref(a);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (version != current)
        return ctx_stale(c, current);
    if (!open || offered)
        return ctx_fail(c, ERR_CONFLICT, "%s",
                        offered ? _("An offer is open on this application: answer it first.")
                                : _("This application is closed."));
    char now[32];
    iso_now(now);
    if (db_run(c->db,
               "UPDATE housing_applications SET status='withdrawn', end_reason=?, updated_at=?, version=version+1"
               " WHERE id=? AND version=?",
               "ttii", reason, now, id, version) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The housing application could not be saved."));
    audit_log(c, "housing_application.withdraw", "ok", client_id, "housing_application", id, reason);
    *out = app_load(c, id);
    return OK;
}

int housing_app_override(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *a = NULL;
    int rc = app_gate(c, id, ACT_ADMINISTER, "housing_application.override", &a);
    if (rc != OK)
        return rc;
    if (!json_is_object(in)) {
        json_decref(a);
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    }
    int64_t points = v_int(c, in, "points", 1, -1000, 1000, 0);
    const char *reason = v_str(c, in, "reason", 1, 1000, NULL);
    if (reason && v_text_chars(reason) < 10)
        ctx_field(c, "reason", _("say why, in at least 10 characters: everyone who reads the list sees it"));
    int64_t client_id = iget(a, "client_id"), current = iget(a, "version");
    int open = app_open(a);
    json_decref(a);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (version != current)
        return ctx_stale(c, current);
    if (!open)
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This application is closed."));
    char now[32];
    iso_now(now);
    if (db_run(c->db,
               "UPDATE housing_applications SET override_points=?, override_reason=?, override_by=?, override_at=?,"
               " updated_at=?, version=version+1 WHERE id=? AND version=?",
               "itittii", points, points ? reason : NULL, c->a->staff_id, now, now, id, version) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The housing application could not be saved."));
    char why[1100];
    snprintf(why, sizeof why, "%+lld: %s", (long long)points, reason);
    audit_log(c, "housing_application.override", "ok", client_id, "housing_application", id, why);
    *out = app_load(c, id);
    return OK;
}

/* ---- an organisation's weights ---- */

int housing_weights_get(struct ctx *c, json_t **out)
{
    int rc = access_check(c, RES_HOUSING_UNIT, ACT_ADMINISTER, 0, "housing_weights.read");
    if (rc != OK)
        return rc;
    int w[HW__COUNT];
    weights_of(c->db, c->a->org_id, w);
    const struct housing_rules *r = housing_rules();
    json_t *items = json_array();
    for (int k = 0; k < HW__COUNT; k++)
        json_array_append_new(items, json_pack("{s:s,s:f,s:f,s:b}", "key", housing_weight_keys[k], "points",
                                               w[k] / 100.0, "file_points", r->w[k] / 100.0, "own", w[k] != r->w[k]));
    *out = json_pack("{s:o,s:s,s:s}", "items", items, "version", r->version, "based_on", r->based_on);
    json_object_set_new(*out, "next", json_null());
    audit_log(c, "housing_weights.read", "ok", 0, "housing_weights", c->a->org_id, NULL);
    return OK;
}

int housing_weights_set(struct ctx *c, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_HOUSING_UNIT, ACT_ADMINISTER, 0, "housing_weights.set");
    if (rc != OK)
        return rc;
    json_t *ws = json_is_object(in) ? json_object_get(in, "weights") : NULL;
    if (!json_is_object(ws))
        return ctx_field(c, "weights", _("must be an object of weights and their points")),
               ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    const char *k;
    json_t *v;
    json_object_foreach(ws, k, v)
    {
        int known = 0;
        for (int i = 0; housing_weight_keys[i]; i++)
            known |= str_eq(housing_weight_keys[i], k);
        char field[80];
        snprintf(field, sizeof field, "weights.%s", k);
        if (!known)
            ctx_field(c, field, _("is not a weight of the priority rules"));
        else if (!json_is_null(v) && (!json_is_number(v) || json_number_value(v) < 0 || json_number_value(v) > 1000))
            ctx_field(c, field, _("must be a number of points from 0 to 1000, or null for the file's"));
    }
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    char now[32];
    iso_now(now);
    json_object_foreach(ws, k, v)
    {
        if (json_is_null(v))
            rc = db_run(c->db, "DELETE FROM housing_weights WHERE org_id=? AND key=?", "it", c->a->org_id, k);
        else
            rc = db_run(c->db,
                        "INSERT INTO housing_weights(org_id, key, points, set_by, set_at) VALUES (?,?,?,?,?) ON"
                        " CONFLICT (org_id, key) DO UPDATE SET points=excluded.points, set_by=excluded.set_by,"
                        " set_at=excluded.set_at",
                        "itiit", c->a->org_id, k, (int64_t)(json_number_value(v) * 100.0 + 0.5), c->a->staff_id, now);
        if (rc != DB_OK)
            return ctx_fail(c, ERR_DB, "%s", _("The weights could not be saved."));
    }
    char *d = json_dumps(ws, JSON_COMPACT | JSON_SORT_KEYS);
    audit_log(c, "housing_weights.set", "ok", 0, "housing_weights", c->a->org_id, d);
    free(d);
    rc = housing_weights_get(c, out);
    return rc;
}

/* ---- offers ---- */

#define OFFER_COLS                                                                                           \
    "SELECT f.id, f.application_id, f.unit_id, f.client_id, f.org_id, o.name AS org_name, u.property,"      \
    " u.address, u.label, u.type, u.district, u.rent, u.bedrooms, f.deadline, f.status, f.answer_reason,"    \
    " f.answered_by, f.answered_at, f.score, f.made_by, s.display_name AS made_by_name, f.made_at,"          \
    " f.version, (SELECT t.id FROM tenancies t WHERE t.offer_id=f.id) AS tenancy_id FROM housing_offers f"   \
    " JOIN housing_units u ON u.id=f.unit_id JOIN orgs o ON o.id=f.org_id JOIN staff s ON s.id=f.made_by"

static void offer_shape(json_t *r)
{
    json_object_set_new(r, "score", json_real((double)iget(r, "score") / 100.0));
    char today[16];
    iso_today(today);
    json_object_set_new(r, "overdue", json_boolean(str_eq(sget(r, "status"), "open") && sget(r, "deadline") &&
                                                   strcmp(sget(r, "deadline"), today) < 0));
    json_object_del(r, "_k0");
    json_object_del(r, "_k1");
}

static json_t *offer_load(struct ctx *c, int64_t id)
{
    json_t *r = db_row(c->db, OFFER_COLS " WHERE f.id=?", "i", id);
    if (r)
        offer_shape(r);
    return r;
}

int housing_offer_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_HOUSING_OFFER, ACT_LIST, client_id, "housing_offer.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out, OFFER_COLS " WHERE f.client_id=?", "i", client_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) offer_shape(r);
    audit_log(c, "housing_offer.list", "ok", client_id, "housing_offer", 0, NULL);
    return OK;
}

int housing_offer_get(struct ctx *c, int64_t id, json_t **out)
{
    int64_t client_id = db_int1(c->db, 0, "SELECT client_id FROM housing_offers WHERE id=?", "i", id);
    if (!client_id)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such offer."));
    int rc = access_check(c, RES_HOUSING_OFFER, ACT_READ, client_id, "housing_offer.read");
    if (rc != OK)
        return rc;
    *out = offer_load(c, id);
    if (!*out)
        return ctx_fail(c, ERR_DB, "%s", _("The offer could not be read."));
    audit_log(c, "housing_offer.read", "ok", client_id, "housing_offer", id, NULL);
    return OK;
}

/* Tell the client's primary case managers (of open episodes) about an offer or a move-in, when the
 * table lets them read it. */
static int tell_case_managers(struct ctx *c, int64_t client_id, const char *key, json_t *args, const char *entity,
                              int64_t entity_id, enum res r)
{
    json_t *cms = db_rows(c->db,
                          "SELECT DISTINCT e.primary_cm FROM episodes e WHERE e.client_id=? AND e.status<>'discharged'"
                          " AND e.primary_cm IS NOT NULL ORDER BY e.primary_cm",
                          "i", client_id);
    int rc = OK;
    size_t i;
    json_t *s;
    json_array_foreach(cms, i, s)
    {
        if ((rc = notify_if_may(c, iget(s, "primary_cm"), r, ACT_READ, "housing", key, args, entity, entity_id,
                                client_id)) != OK)
            break;
    }
    json_decref(cms);
    return rc;
}

int housing_offer_create(struct ctx *c, int64_t unit_id, json_t *in, json_t **out)
{
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    int64_t app_id = v_int(c, in, "application_id", 1, 1, INT64_MAX, 0);
    int64_t org = 0;
    int64_t client_id = app_id ? app_client(c, app_id, &org) : 0;
    if (!client_id) {
        if (!c->errors)
            ctx_field(c, "application_id", _("is not a housing application"));
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    int rc = access_check(c, RES_HOUSING_OFFER, ACT_CREATE, client_id, "housing_offer.create");
    if (rc != OK)
        return rc;
    json_t *u = db_row(c->db, "SELECT * FROM housing_units WHERE id=?", "i", unit_id);
    if (!u)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such housing unit."));
    if (iget(u, "org_id") != c->a->org_id || org != c->a->org_id) {
        json_decref(u);
        return access_deny(c, RES_HOUSING_OFFER, ACT_CREATE, client_id, "housing_offer.create", "housing_unit",
                           unit_id, _("Only the housing provider of the unit offers it, to an application made to it."));
    }
    char today[16], now[32], due[16];
    iso_today(today);
    iso_now(now);
    const char *deadline = v_date(c, in, "deadline", 0);
    if (deadline && *deadline && strcmp(deadline, today) < 0)
        ctx_field(c, "deadline", _("must not be in the past"));
    int w[HW__COUNT];
    weights_of(c->db, c->a->org_id, w);
    char where[700];
    int64_t beds = iget(u, "bedrooms");
    snprintf(where, sizeof where, FITS " AND a.id=%lld", (long long)c->a->org_id,
             in_list(housing_types, sget(u, "type")) ? sget(u, "type") : "", (long long)unit_id,
             (int)iget(u, "accessible"), (long long)(beds ? beds * 2 : 1), (long long)app_id);
    char *sql = score_sql(w, today_day(), where);
    json_t *fit = db_row(c->db, sql, "");
    free(sql);
    const char *status = NULL;
    json_t *app = db_row(c->db, "SELECT status FROM housing_applications WHERE id=?", "i", app_id);
    status = sget(app, "status");
    int waiting = str_eq(status, "waiting");
    if (waiting && !fit)
        ctx_field(c, "application_id", _("does not fit the unit (type, district, accessibility or household)"));
    int vacant = str_eq(sget(u, "state"), "vacant");
    char property[256], label[128];
    snprintf(property, sizeof property, "%s", sget(u, "property"));
    snprintf(label, sizeof label, "%s", sget(u, "label"));
    json_decref(u);
    json_decref(app);
    int64_t score = fit ? iget(fit, "score") : 0;
    json_decref(fit);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (!vacant)
        return ctx_fail(c, ERR_CONFLICT, "%s", _("The unit is not vacant."));
    if (!waiting)
        return ctx_fail(c, ERR_CONFLICT, "%s", _("The application is not waiting: it has an offer, or is closed."));
    if (db_int1(c->db, 0, "SELECT 1 FROM housing_offers WHERE unit_id=? AND status IN ('open','accepted')", "i",
                unit_id))
        return ctx_fail(c, ERR_CONFLICT, "%s", _("The unit has an offer open already."));
    if (!deadline || !*deadline) {
        char t[32];
        iso_time(now_epoch() + (int64_t)housing_rules()->offer_days * 86400, t);
        snprintf(due, sizeof due, "%.10s", t);
        deadline = due;
    }
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO housing_offers(application_id, unit_id, client_id, org_id, deadline, score,"
                              " made_by, made_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                              "iiiitiit", app_id, unit_id, client_id, c->a->org_id, deadline, score, c->a->staff_id,
                              now);
    if (!id ||
        db_run(c->db,
               "UPDATE housing_applications SET status='offered', updated_at=?, version=version+1 WHERE id=?", "ti",
               now, app_id) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The offer could not be saved."));
    json_t *args = json_pack("{s:s,s:s,s:s}", "property", property, "label", label, "date", deadline);
    rc = tell_case_managers(c, client_id, "housing.offer", args, "housing_offer", id, RES_HOUSING_OFFER);
    json_decref(args);
    if (rc != OK)
        return ctx_fail(c, ERR_DB, "%s", _("The offer could not be saved."));
    audit_log(c, "housing_offer.create", "ok", client_id, "housing_offer", id, NULL);
    *out = offer_load(c, id);
    return OK;
}

static int offer_gate(struct ctx *c, int64_t id, enum res r, enum act act, const char *action, json_t **f)
{
    *f = db_row(c->db, "SELECT * FROM housing_offers WHERE id=?", "i", id);
    if (!*f)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such offer."));
    int rc = access_check(c, r, act, iget(*f, "client_id"), action);
    if (rc != OK) {
        json_decref(*f);
        *f = NULL;
    }
    return rc;
}

int housing_offer_answer(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *f = NULL;
    int rc = offer_gate(c, id, RES_HOUSING_OFFER, ACT_UPDATE, "housing_offer.answer", &f);
    if (rc != OK)
        return rc;
    int64_t client_id = iget(f, "client_id"), app_id = iget(f, "application_id"), current = iget(f, "version");
    int own = iget(f, "org_id") == c->a->org_id;
    char status[16];
    snprintf(status, sizeof status, "%s", sget(f, "status"));
    json_decref(f);
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    const char *answer = v_str(c, in, "answer", 1, 16, answers);
    const char *reason = v_str(c, in, "reason", 0, 1000, NULL);
    if (answer && !str_eq(answer, "accepted") && (!reason || !*reason))
        ctx_field(c, "reason", str_eq(answer, "declined") ? _("say why the client declined")
                                                          : _("say why the offer is withdrawn"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (str_eq(answer, "withdrawn") && !own)
        return access_deny(c, RES_HOUSING_OFFER, ACT_UPDATE, client_id, "housing_offer.answer", "housing_offer", id,
                           _("Only the housing provider withdraws its offer."));
    if (version != current)
        return ctx_stale(c, current);
    if (!str_eq(status, "open") && !(str_eq(status, "accepted") && str_eq(answer, "withdrawn")))
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This offer has been answered already."));
    char now[32];
    iso_now(now);
    if (db_run(c->db,
               "UPDATE housing_offers SET status=?, answer_reason=?, answered_by=?, answered_at=?, version=version+1"
               " WHERE id=? AND version=?",
               "ttitii", answer, reason, c->a->staff_id, now, id, version) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The offer could not be saved."));
    /* the application: back on the list after a decline or a withdrawal (keeping its place: its score
     * is its own), off it after the declined offer the rules name */
    if (!str_eq(answer, "accepted")) {
        int declined = str_eq(answer, "declined");
        int limit = housing_rules()->declines_remove;
        int64_t declines = db_int1(c->db, 0, "SELECT declines FROM housing_applications WHERE id=?", "i", app_id) +
                           (declined ? 1 : 0);
        int removed = declined && limit > 0 && declines >= limit;
        if (db_run(c->db,
                   "UPDATE housing_applications SET status=?, declines=?, end_reason=?, updated_at=?,"
                   " version=version+1 WHERE id=?",
                   "titti", removed ? "removed" : "waiting", declines,
                   removed ? "declines_remove" : NULL, now, app_id) != DB_OK)
            return ctx_fail(c, ERR_DB, "%s", _("The offer could not be saved."));
    }
    audit_log(c, "housing_offer.answer", "ok", client_id, "housing_offer", id, answer);
    *out = offer_load(c, id);
    return OK;
}

int housing_offer_move_in(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *f = NULL;
    int rc = offer_gate(c, id, RES_TENANCY, ACT_CREATE, "tenancy.create", &f);
    if (rc != OK)
        return rc;
    int64_t client_id = iget(f, "client_id"), current = iget(f, "version");
    if (iget(f, "org_id") != c->a->org_id) {
        json_decref(f);
        return access_deny(c, RES_TENANCY, ACT_CREATE, client_id, "tenancy.create", "housing_offer", id,
                           _("Only the housing provider of the unit records the move-in."));
    }
    if (!json_is_object(in)) {
        json_decref(f);
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    }
    if (version != current) {
        json_decref(f);
        return ctx_stale(c, current);
    }
    if (!str_eq(sget(f, "status"), "accepted")) {
        json_decref(f);
        return ctx_fail(c, ERR_CONFLICT, "%s", _("Only an accepted offer becomes a tenancy."));
    }
    int64_t tid = tenancy_make(c, f, in);
    if (!tid) {
        json_decref(f);
        return c->errors ? ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."))
                         : ctx_fail(c, ERR_DB, "%s", _("The tenancy could not be saved."));
    }
    char now[32];
    iso_now(now);
    json_t *t = db_row(c->db, "SELECT start_date FROM tenancies WHERE id=?", "i", tid);
    json_t *u = db_row(c->db, "SELECT property, label FROM housing_units WHERE id=?", "i", iget(f, "unit_id"));
    int bad = db_run(c->db, "UPDATE housing_offers SET status='moved_in', version=version+1 WHERE id=?", "i", id) !=
                  DB_OK ||
              db_run(c->db,
                     "UPDATE housing_units SET state='occupied', state_since=?, offline_reason=NULL, updated_at=?,"
                     " version=version+1 WHERE id=?",
                     "tti", sget(t, "start_date"), now, iget(f, "unit_id")) != DB_OK ||
              db_run(c->db,
                     "UPDATE housing_applications SET status='housed', updated_at=?, version=version+1 WHERE id=?",
                     "ti", now, iget(f, "application_id")) != DB_OK;
    json_t *args = json_pack("{s:s,s:s,s:s}", "property", sget(u, "property") ? sget(u, "property") : "", "label",
                             sget(u, "label") ? sget(u, "label") : "", "date", sget(t, "start_date"));
    if (!bad)
        bad = tell_case_managers(c, client_id, "housing.moved_in", args, "tenancy", tid, RES_TENANCY) != OK;
    json_decref(args);
    json_decref(t);
    json_decref(u);
    json_decref(f);
    if (bad)
        return ctx_fail(c, ERR_DB, "%s", _("The tenancy could not be saved."));
    audit_log(c, "tenancy.create", "ok", client_id, "tenancy", tid, NULL);
    return tenancy_get(c, tid, out);
}

/* ---- the descriptors ---- */

static const struct res_field unit_offer_fields[] = {
    {"id", FT_INT, 0, N_("Offer")},
    {"application_id", FT_INT, 0, N_("Application")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"deadline", FT_DATE, 0, N_("Answer by")},
    {"status", FT_STRING, 0, N_("Status")},
    {"made_at", FT_DATETIME, 0, N_("Offered")},
    {NULL, 0, 0, NULL}};
static const struct res_field housing_unit_fields[] = {
    {"id", FT_INT, 0, N_("Unit")},
    {"org_id", FT_INT, 0, N_("Housing provider")},
    {"org_name", FT_STRING, 0, N_("Housing provider")},
    {"property", FT_STRING, 0, N_("Property")},
    {"address", FT_STRING, 1, N_("Address")},
    {"label", FT_STRING, 0, N_("Unit")},
    {"type", FT_STRING, 0, N_("Type of housing")},
    {"bedrooms", FT_INT, 0, N_("Bedrooms")},
    {"accessible", FT_BOOL, 0, N_("Accessible")},
    {"district", FT_STRING, 0, N_("District")},
    {"rent", FT_INT, 0, N_("Rent (won a month)")},
    {"eligible", FT_STRING, 1, N_("Who may be placed there")},
    {"state", FT_STRING, 0, N_("State")}, /* vacant, preparing, offline, occupied */
    {"state_since", FT_DATE, 0, N_("Since")},
    {"offline_reason", FT_STRING, 1, N_("Why it is offline")},
    {"vacant_days", FT_INT, 1, N_("Days vacant")},
    {"created_at", FT_DATETIME, 0, N_("Recorded")},
    {"updated_at", FT_DATETIME, 0, N_("Changed")},
    {"version", FT_INT, 0, N_("Version")},
    {"offers", FT_ARRAY, 1, N_("Offers"), unit_offer_fields},
    {"tenancy_id", FT_INT, 1, N_("Tenancy")},
    {NULL, 0, 0, NULL}};
static const struct res_audit housing_unit_actions[] = {
    {"housing_unit.list", ACT_LIST},         {"housing_unit.read", ACT_READ},
    {"housing_unit.create", ACT_CREATE},     {"housing_unit.state", ACT_UPDATE},
    {"housing_unit.matches", ACT_REVIEW},    {"housing_weights.read", ACT_ADMINISTER},
    {"housing_weights.set", ACT_ADMINISTER}, {NULL, 0}};
static const char *const housing_unit_tables[] = {"housing_units", "housing_weights", NULL};
#include "core/access_rows.h"
static const struct access_rule housing_unit_access[] = {
    /* the stock (no client in it): seen by those who place people, kept by the provider's housing
     * coordinators (their own organisation's units: the rule in unit_gate) */
    {RES_HOUSING_UNIT, ACT_LIST, NONE, CLINICAL | HOUS, A},
    {RES_HOUSING_UNIT, ACT_READ, NONE, CLINICAL | HOUS, A},
    {RES_HOUSING_UNIT, ACT_CREATE, NONE, HOUS, A},
    {RES_HOUSING_UNIT, ACT_UPDATE, NONE, HOUS, A},
    /* the applications that fit a vacant unit (names: the provider's coordinators) */
    {RES_HOUSING_UNIT, ACT_REVIEW, NONE, HOUS, A},
    /* the organisation's own weights of the priority rules */
    {RES_HOUSING_UNIT, ACT_ADMINISTER, NONE, HOUS | SUP, A},
    {0}};
const struct resource res_housing_unit = {
    .access = housing_unit_access,
    .id = RES_HOUSING_UNIT, .name = "housing_unit", .label = N_("Housing unit"), .plural = N_("Housing units"),
    RESOURCE_OF(housing_unit)};
RESOURCE_REGISTER(res_housing_unit);

static const struct res_field app_part_fields[] = {
    {"key", FT_STRING, 0, N_("Part")}, /* situation, hospital_days, waiting, high_risk, override */
    {"points", FT_NUMBER, 0, N_("Points")},
    {"detail", FT_STRING, 1, N_("Detail")}, /* the situation; the override's reason */
    {"days", FT_INT, 1, N_("Days")},
    {NULL, 0, 0, NULL}};
static const struct res_field app_doc_fields[] = {
    {"name", FT_STRING, 0, N_("Document")}, {"received", FT_BOOL, 0, N_("Received")}, {NULL, 0, 0, NULL}};
static const struct res_field app_offer_fields[] = {
    {"id", FT_INT, 0, N_("Offer")},          {"unit_id", FT_INT, 0, N_("Unit")},
    {"property", FT_STRING, 0, N_("Property")}, {"label", FT_STRING, 0, N_("Unit")},
    {"deadline", FT_DATE, 0, N_("Answer by")}, {"status", FT_STRING, 0, N_("Status")},
    {"answer_reason", FT_STRING, 1, N_("Reason")}, {"made_at", FT_DATETIME, 0, N_("Offered")},
    {NULL, 0, 0, NULL}};
static const struct res_field housing_application_fields[] = {
    {"id", FT_INT, 0, N_("Application")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {"org_id", FT_INT, 0, N_("Housing provider")},
    {"org_name", FT_STRING, 0, N_("Housing provider")},
    {"from_org_id", FT_INT, 0, N_("Applied by")},
    {"from_org_name", FT_STRING, 0, N_("Applied by")},
    {"referral_id", FT_INT, 1, N_("Referral")},
    {"type", FT_STRING, 0, N_("Type of housing")},
    {"district", FT_STRING, 1, N_("District")},
    {"accessible", FT_BOOL, 0, N_("Needs an accessible home")},
    {"household", FT_INT, 0, N_("People in the household")},
    {"household_note", FT_STRING, 1, N_("Who lives with them")},
    {"situation", FT_STRING, 0, N_("Situation now")},
    {"ready_since", FT_DATE, 1, N_("Ready for discharge since")},
    {"documents", FT_ARRAY, 0, N_("Documents asked for"), app_doc_fields},
    {"note", FT_STRING, 1, N_("Note")},
    {"applied_on", FT_DATE, 0, N_("Applied on")},
    {"status", FT_STRING, 0, N_("Status")},
    {"declines", FT_INT, 0, N_("Offers declined")},
    {"override_points", FT_INT, 0, N_("Points set by hand")},
    {"override_reason", FT_STRING, 1, N_("Why the order was changed")},
    {"override_by", FT_INT, 1, N_("Changed by")},
    {"override_at", FT_DATETIME, 1, N_("Changed")},
    {"end_reason", FT_STRING, 1, N_("Why it closed")},
    {"days_waiting", FT_INT, 0, N_("Days waiting")},
    {"days_ready", FT_INT, 1, N_("Days ready for discharge")},
    {"score", FT_NUMBER, 0, N_("Priority")},
    {"parts", FT_ARRAY, 0, N_("Parts of the priority"), app_part_fields},
    {"offers", FT_ARRAY, 1, N_("Offers"), app_offer_fields},
    {"created_by", FT_INT, 0, N_("Recorded by")},
    {"created_at", FT_DATETIME, 0, N_("Recorded")},
    {"updated_at", FT_DATETIME, 0, N_("Changed")},
    {"version", FT_INT, 0, N_("Version")},
    {NULL, 0, 0, NULL}};
static const struct res_audit housing_application_actions[] = {
    {"housing_application.list", ACT_LIST},
    {"housing_application.read", ACT_READ},
    {"housing_application.create", ACT_CREATE},
    {"housing_application.update", ACT_UPDATE},
    {"housing_application.withdraw", ACT_UPDATE},
    {"housing_application.override", ACT_ADMINISTER},
    {"housing_application.waiting_list", ACT_REVIEW},
    {NULL, 0}};
static const char *const housing_application_tables[] = {"housing_applications", NULL};
static const struct access_rule housing_application_access[] = {
    /* the client's care team (the housing coordinator on it too) and the housing provider's
     * coordinators who house the client or to whom the client applied (REL_HOUSED); another
     * organisation through consent to housing */
    {RES_HOUSING_APPLICATION, ACT_LIST, TEAM, CLINICAL | HOUS, A},
    {RES_HOUSING_APPLICATION, ACT_LIST, HOUSED, HOUS, A},
    {RES_HOUSING_APPLICATION, ACT_LIST, SHARED, CLINICAL | HOUS, P},
    {RES_HOUSING_APPLICATION, ACT_READ, TEAM, CLINICAL | HOUS, A},
    {RES_HOUSING_APPLICATION, ACT_READ, HOUSED, HOUS, A},
    {RES_HOUSING_APPLICATION, ACT_READ, SHARED, CLINICAL | HOUS, P},
    /* applied for by the care team; by the provider's coordinator from an accepted referral */
    {RES_HOUSING_APPLICATION, ACT_CREATE, TEAM, CLINICAL | HOUS, A},
    {RES_HOUSING_APPLICATION, ACT_CREATE, HOUSED, HOUS, A},
    {RES_HOUSING_APPLICATION, ACT_UPDATE, TEAM, CLINICAL | HOUS, A},
    {RES_HOUSING_APPLICATION, ACT_UPDATE, HOUSED, HOUS, A},
    /* the order changed by hand, with a reason: the provider's coordinators (their own list) */
    {RES_HOUSING_APPLICATION, ACT_ADMINISTER, HOUSED, HOUS, A},
    {RES_HOUSING_APPLICATION, ACT_ADMINISTER, TEAM, HOUS, A},
    /* the provider's waiting list */
    {RES_HOUSING_APPLICATION, ACT_REVIEW, NONE, HOUS | SUP, A},
    {0}};
const struct resource res_housing_application = {
    .access = housing_application_access,
    .id = RES_HOUSING_APPLICATION, .name = "housing_application", .label = N_("Housing application"),
    .plural = N_("Housing applications"), .data_class = DC_BIT(DC_HOUSING), RESOURCE_OF(housing_application)};
RESOURCE_REGISTER(res_housing_application);

static const struct res_field housing_offer_fields[] = {
    {"id", FT_INT, 0, N_("Offer")},
    {"application_id", FT_INT, 0, N_("Application")},
    {"unit_id", FT_INT, 0, N_("Unit")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"org_id", FT_INT, 0, N_("Housing provider")},
    {"org_name", FT_STRING, 0, N_("Housing provider")},
    {"property", FT_STRING, 0, N_("Property")},
    {"address", FT_STRING, 1, N_("Address")},
    {"label", FT_STRING, 0, N_("Unit")},
    {"type", FT_STRING, 0, N_("Type of housing")},
    {"district", FT_STRING, 0, N_("District")},
    {"rent", FT_INT, 0, N_("Rent (won a month)")},
    {"bedrooms", FT_INT, 0, N_("Bedrooms")},
    {"deadline", FT_DATE, 0, N_("Answer by")},
    {"status", FT_STRING, 0, N_("Status")}, /* open, accepted, declined, withdrawn, moved_in */
    {"overdue", FT_BOOL, 0, N_("Past its deadline")},
    {"answer_reason", FT_STRING, 1, N_("Reason")},
    {"answered_by", FT_INT, 1, N_("Answered by")},
    {"answered_at", FT_DATETIME, 1, N_("Answered")},
    {"score", FT_NUMBER, 0, N_("Priority when offered")},
    {"made_by", FT_INT, 0, N_("Offered by")},
    {"made_by_name", FT_STRING, 0, N_("Offered by")},
    {"made_at", FT_DATETIME, 0, N_("Offered")},
    {"tenancy_id", FT_INT, 1, N_("Tenancy")},
    {"version", FT_INT, 0, N_("Version")},
    {NULL, 0, 0, NULL}};
static const struct res_audit housing_offer_actions[] = {
    {"housing_offer.list", ACT_LIST},     {"housing_offer.read", ACT_READ}, {"housing_offer.create", ACT_CREATE},
    {"housing_offer.answer", ACT_UPDATE}, {NULL, 0}};
static const char *const housing_offer_tables[] = {"housing_offers", NULL};
static const struct access_rule housing_offer_access[] = {
    /* seen by the care team and the provider's coordinators, through consent to housing; made by
     * the provider's coordinators (the rule: their own unit and list); answered by either */
    {RES_HOUSING_OFFER, ACT_LIST, TEAM, CLINICAL | HOUS, A},
    {RES_HOUSING_OFFER, ACT_LIST, HOUSED, HOUS, A},
    {RES_HOUSING_OFFER, ACT_LIST, SHARED, CLINICAL | HOUS, P},
    {RES_HOUSING_OFFER, ACT_READ, TEAM, CLINICAL | HOUS, A},
    {RES_HOUSING_OFFER, ACT_READ, HOUSED, HOUS, A},
    {RES_HOUSING_OFFER, ACT_READ, SHARED, CLINICAL | HOUS, P},
    {RES_HOUSING_OFFER, ACT_CREATE, TEAM | HOUSED, HOUS, A},
    {RES_HOUSING_OFFER, ACT_UPDATE, TEAM, CLINICAL | HOUS, A},
    {RES_HOUSING_OFFER, ACT_UPDATE, HOUSED, HOUS, A},
    {0}};
const struct resource res_housing_offer = {
    .access = housing_offer_access,
    .id = RES_HOUSING_OFFER, .name = "housing_offer", .label = N_("Housing offer"), .plural = N_("Housing offers"),
    .data_class = DC_BIT(DC_HOUSING), RESOURCE_OF(housing_offer)};
RESOURCE_REGISTER(res_housing_offer);
