/* service: the service directory. Each organisation publishes its services (a service domain or
 * intake, who it is for, how to refer, a contact) and keeps their capacity (open, a waiting list
 * with its length and typical wait, closed); every worker of any organisation searches it. It holds
 * no client data: reads are not audited, writes are. Only the organisation's own staff change it. */
#include "base/base.h"
#include "core/core.h"
#include "core/eligibility.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

const char *const service_kinds[] = {"mental_health_treatment", "crisis_response", "health_dental", "housing",
                                     "income_entitlements", "peer_support", "family_community",
                                     "rehabilitation_employment", "protection_advocacy", "daily_living_care",
                                     "intake_assessment", NULL};
const char *const service_capacities[] = {"open", "waiting_list", "closed", NULL};

#define SERVICE_COLS                                                                                         \
    "SELECT v.id, v.org_id, o.name AS organisation, o.district, v.name, v.kind, v.eligibility, v.programme,"  \
    " v.how_to_refer, v.contact, v.capacity, v.waiting_count, v.typical_wait_days, v.capacity_updated_at,"   \
    " v.capacity_updated_by, u.display_name AS capacity_updated_by_name, v.created_at, v.updated_at,"        \
    " v.version FROM services v JOIN orgs o ON o.id=v.org_id JOIN staff u ON u.id=v.capacity_updated_by"
/* Open first, then a waiting list, then closed: what a care desk can refer to now comes first. */
#define CAPACITY_RANK "CASE p.capacity WHEN 'open' THEN 0 WHEN 'waiting_list' THEN 1 ELSE 2 END"

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* A programme a service may name: one whose eligibility rule set is loaded (elig_programme: the
 * shipped and the organisation's own rule files). Without any rule file loaded no programme can be
 * named (the field stays empty), so a service never points to rules that are not there. */
static int programme_ok(const char *s)
{
    return strlen(s) <= 64 && elig_programme(s) != NULL;
}

/* "%text%" for LIKE ... ESCAPE '!', lower-cased (ASCII); "" for none. */
static void like_pattern(const char *q, char *pat, size_t len)
{
    size_t o = 0;
    pat[0] = 0;
    if (!q || !*q || len < 4)
        return;
    pat[o++] = '%';
    for (const char *p = q; *p && o < len - 3; p++) {
        if (*p == '%' || *p == '_' || *p == '!')
            pat[o++] = '!';
        pat[o++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    }
    pat[o++] = '%';
    pat[o] = 0;
}

int service_list(struct ctx *c, const struct page *pg, const struct service_filter *f, json_t **out)
{
    static const struct service_filter none = {0};
    static const struct page_key order[] = {
        {CAPACITY_RANK, 0}, {"p.name", 0}, {"p.id", 0}, {NULL, 0}};
    if (!f)
        f = &none;
    int rc = access_check(c, RES_SERVICE, ACT_LIST, 0, "service.list");
    if (rc != OK)
        return rc;
    if (f->kind && *f->kind && !in_list(service_kinds, f->kind))
        ctx_field(c, "kind", _("is not one of the allowed values"));
    if (f->status && *f->status && !in_list(service_capacities, f->status))
        ctx_field(c, "status", _("must be open, waiting_list or closed"));
    if (f->district && utf8_len(f->district) > 60)
        ctx_field(c, "district", _("must be at most 60 characters"));
    if (f->q && utf8_len(f->q) > 80)
        ctx_field(c, "q", _("must be at most 80 characters"));
    if (f->org_id < 0)
        ctx_field(c, "org_id", _("must be a positive number"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    char pat[400];
    like_pattern(f->q, pat, sizeof pat);
    const char *kind = f->kind ? f->kind : "", *st = f->status ? f->status : "",
               *district = f->district ? f->district : "";
    return page_query(c, pg, order, out,
                      SERVICE_COLS " WHERE (?=0 OR v.org_id=?) AND (?='' OR v.kind=?) AND (?='' OR v.capacity=?)"
                                   " AND (?='' OR o.district=?) AND (?='' OR lower(v.name) LIKE ? ESCAPE '!')",
                      "iitttttttt", f->org_id, f->org_id, kind, kind, st, st, district, district, pat, pat);
}

int service_get(struct ctx *c, int64_t id, json_t **out)
{
    int rc = access_check(c, RES_SERVICE, ACT_READ, 0, "service.read");
    if (rc != OK)
        return rc;
    json_t *r = db_row(c->db, SERVICE_COLS " WHERE v.id=?", "i", id);
    if (!r)
        return ctx_fail(c, ERR_NOTFOUND, _("No such service."));
    *out = r;
    return OK;
}

int service_places(struct ctx *c, json_t **out)
{
    int rc = access_check(c, RES_SERVICE, ACT_LIST, 0, "service.list");
    if (rc != OK)
        return rc;
    json_t *orgs = db_rows(c->db, "SELECT id, name, district FROM orgs ORDER BY name, id", "");
    json_t *districts = json_array();
    json_t *rows = db_rows(c->db,
                           "SELECT DISTINCT district FROM orgs WHERE district IS NOT NULL AND district<>''"
                           " ORDER BY district",
                           "");
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) json_array_append(districts, json_object_get(r, "district"));
    json_decref(rows);
    *out = json_pack("{s:o,s:o}", "orgs", orgs, "districts", districts);
    return OK;
}

/* The rule the table cannot see: a service is changed only by its own organisation's staff. */
static int own_org(struct ctx *c, enum res r, int64_t org_id, const char *action, int64_t id)
{
    if (org_id == c->a->org_id)
        return OK;
    return access_deny(c, r, ACT_UPDATE, 0, action, "service", id,
                       _("Only the organisation that offers a service keeps its entry."));
}

/* The described fields of a service (create: all; update: those present). */
static void read_fields(struct ctx *c, json_t *in, json_t *row, int create)
{
    static const struct {
        const char *name;
        int required;
        size_t max;
    } text[] = {{"name", 1, 120}, {"eligibility", 0, 1000}, {"how_to_refer", 0, 1000}, {"contact", 0, 200}};
    for (size_t i = 0; i < ARRAY_LEN(text); i++)
        if (create || json_object_get(in, text[i].name)) {
            const char *v = v_str(c, in, text[i].name, text[i].required, text[i].max, NULL);
            json_object_set_new(row, text[i].name, v && *v ? json_string(v) : json_null());
        }
    if (create || json_object_get(in, "kind")) {
        const char *v = v_str(c, in, "kind", 1, 40, service_kinds);
        json_object_set_new(row, "kind", v ? json_string(v) : json_null());
    }
    if (create || json_object_get(in, "programme")) {
        const char *v = v_str(c, in, "programme", 0, 64, NULL);
        if (v && *v && !programme_ok(v))
            ctx_field(c, "programme", _("must be a programme with eligibility rules here (see the programmes' list), or empty"));
        json_object_set_new(row, "programme", v && *v ? json_string(v) : json_null());
    }
}

/* The capacity of a service from in: status, and for a waiting list its length and typical wait. */
static void read_capacity(struct ctx *c, json_t *in, json_t *row, int required)
{
    const char *st = v_str(c, in, "capacity", required, 20, service_capacities);
    if (!st)
        return;
    json_object_set_new(row, "capacity", json_string(st));
    int wl = str_eq(st, "waiting_list");
    int64_t n = v_int(c, in, "waiting_count", wl, 0, 100000, -1);
    int64_t d = v_int(c, in, "typical_wait_days", wl, 0, 3650, -1);
    json_object_set_new(row, "waiting_count", wl && n >= 0 ? json_integer(n) : json_null());
    json_object_set_new(row, "typical_wait_days", wl && d >= 0 ? json_integer(d) : json_null());
}

static const char *rs(json_t *row, const char *k)
{
    return json_string_value(json_object_get(row, k));
}

/* 'I' binds 0 as null: a count of 0 is a real count, so -1 stands for none here. */
static int64_t rn(json_t *row, const char *k)
{
    json_t *v = json_object_get(row, k);
    return json_is_integer(v) ? json_integer_value(v) : -1;
}

static int name_taken(struct ctx *c)
{
    ctx_field(c, "name", _("this organisation already has a service with this name"));
    return ctx_fail(c, ERR_CONFLICT, _("This organisation already has a service with this name."));
}

int service_create(struct ctx *c, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_SERVICE, ACT_CREATE, 0, "service.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    json_t *row = json_object();
    read_fields(c, in, row, 1);
    if (json_object_get(in, "capacity"))
        read_capacity(c, in, row, 1);
    else
        json_object_set_new(row, "capacity", json_string("open"));
    if (c->errors) {
        json_decref(row);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    if (db_int1(c->db, 0, "SELECT 1 FROM services WHERE org_id=? AND name=?", "it", c->a->org_id,
                rs(row, "name")) == 1) {
        json_decref(row);
        return name_taken(c);
    }
    char now[32];
    iso_now(now);
    int64_t id = db_insert_id(
        c->db,
        "INSERT INTO services(org_id, name, kind, eligibility, programme, how_to_refer, contact, capacity,"
        " waiting_count, typical_wait_days, capacity_updated_at, capacity_updated_by, created_by, created_at,"
        " updated_at) VALUES (?,?,?,?,?,?,?,?,NULLIF(?,-1),NULLIF(?,-1),?,?,?,?,?) RETURNING id",
        "itttttttiitiitt", c->a->org_id, rs(row, "name"), rs(row, "kind"), rs(row, "eligibility"),
        rs(row, "programme"), rs(row, "how_to_refer"), rs(row, "contact"), rs(row, "capacity"),
        rn(row, "waiting_count"), rn(row, "typical_wait_days"), now, c->a->staff_id, c->a->staff_id, now, now);
    json_decref(row);
    if (!id && db_insert_rc(c->db) == DB_CONSTRAINT)
        return name_taken(c);
    if (!id)
        return ctx_fail(c, ERR_DB, _("The service could not be saved."));
    audit_log(c, "service.create", "ok", 0, "service", id, NULL);
    *out = db_row(c->db, SERVICE_COLS " WHERE v.id=?", "i", id);
    return OK;
}

/* The service's organisation and version, or ERR_NOTFOUND. */
static int service_owner(struct ctx *c, int64_t id, int64_t *org_id, int64_t *cur)
{
    json_t *r = db_row(c->db, "SELECT org_id, version FROM services WHERE id=?", "i", id);
    if (!r)
        return ctx_fail(c, ERR_NOTFOUND, _("No such service."));
    *org_id = iget(r, "org_id");
    *cur = iget(r, "version");
    json_decref(r);
    return OK;
}

int service_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_SERVICE, ACT_UPDATE, 0, "service.update");
    int64_t org_id = 0, cur = 0;
    if (rc == OK)
        rc = service_owner(c, id, &org_id, &cur);
    if (rc == OK)
        rc = own_org(c, RES_SERVICE, org_id, "service.update", id);
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    json_t *row = db_row(c->db,
                         "SELECT name, kind, eligibility, programme, how_to_refer, contact, capacity, waiting_count,"
                         " typical_wait_days FROM services WHERE id=?",
                         "i", id);
    if (!row)
        return ctx_fail(c, ERR_NOTFOUND, _("No such service."));
    read_fields(c, in, row, 0);
    if (json_object_get(in, "capacity"))
        read_capacity(c, in, row, 1);
    if (c->errors) {
        json_decref(row);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    if (version != cur) {
        json_decref(row);
        return ctx_stale(c, cur);
    }
    if (db_int1(c->db, 0, "SELECT 1 FROM services WHERE org_id=? AND name=? AND id<>?", "iti", org_id,
                rs(row, "name"), id) == 1) {
        json_decref(row);
        return name_taken(c);
    }
    char now[32];
    iso_now(now);
    int capacity = json_object_get(in, "capacity") != NULL;
    rc = db_run(c->db,
                "UPDATE services SET name=?, kind=?, eligibility=?, programme=?, how_to_refer=?, contact=?,"
                " capacity=?, waiting_count=NULLIF(?,-1), typical_wait_days=NULLIF(?,-1), updated_at=?,"
                " capacity_updated_at=CASE WHEN ?=1 THEN ? ELSE capacity_updated_at END,"
                " capacity_updated_by=CASE WHEN ?=1 THEN ? ELSE capacity_updated_by END,"
                " version=version+1 WHERE id=? AND version=?",
                "tttttttiitdtdiii", rs(row, "name"), rs(row, "kind"), rs(row, "eligibility"), rs(row, "programme"),
                rs(row, "how_to_refer"), rs(row, "contact"), rs(row, "capacity"), rn(row, "waiting_count"),
                rn(row, "typical_wait_days"), now, capacity, now, capacity, c->a->staff_id, id, cur);
    json_decref(row);
    if (rc == DB_CONSTRAINT)
        return name_taken(c);
    if (rc != DB_OK || db_changes(c->db) != 1)
        return ctx_fail(c, rc != DB_OK ? ERR_DB : ERR_CONFLICT, _("The service could not be saved."));
    audit_log(c, "service.update", "ok", 0, "service", id, NULL);
    *out = db_row(c->db, SERVICE_COLS " WHERE v.id=?", "i", id);
    return OK;
}

int service_set_capacity(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_SERVICE_CAPACITY, ACT_UPDATE, 0, "service.capacity");
    int64_t org_id = 0, cur = 0;
    if (rc == OK)
        rc = service_owner(c, id, &org_id, &cur);
    if (rc == OK)
        rc = own_org(c, RES_SERVICE_CAPACITY, org_id, "service.capacity", id);
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    json_t *row = json_object();
    read_capacity(c, in, row, 1);
    if (c->errors) {
        json_decref(row);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    if (version != cur) {
        json_decref(row);
        return ctx_stale(c, cur);
    }
    char now[32];
    iso_now(now);
    rc = db_run(c->db,
                "UPDATE services SET capacity=?, waiting_count=NULLIF(?,-1), typical_wait_days=NULLIF(?,-1),"
                " capacity_updated_at=?, capacity_updated_by=?, updated_at=?, version=version+1"
                " WHERE id=? AND version=?",
                "tiitiiii", rs(row, "capacity"), rn(row, "waiting_count"), rn(row, "typical_wait_days"), now,
                c->a->staff_id, now, id, cur);
    json_decref(row);
    if (rc != DB_OK || db_changes(c->db) != 1)
        return ctx_fail(c, rc != DB_OK ? ERR_DB : ERR_CONFLICT, _("The capacity could not be saved."));
    audit_log(c, "service.capacity", "ok", 0, "service", id, NULL);
    *out = db_row(c->db, SERVICE_COLS " WHERE v.id=?", "i", id);
    return OK;
}

/* ---- the descriptors ---- */

static const struct res_field service_fields[] = {
    {"id", FT_INT, 0, N_("Service")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"organisation", FT_STRING, 0, N_("Organisation")},
    {"district", FT_STRING, 1, N_("District")},
    {"name", FT_STRING, 0, N_("Name")},
    {"kind", FT_STRING, 0, N_("Kind of service")},
    {"eligibility", FT_STRING, 1, N_("Who it is for")},
    {"programme", FT_STRING, 1, N_("Eligibility rule set")},
    {"how_to_refer", FT_STRING, 1, N_("How to refer")},
    {"contact", FT_STRING, 1, NC_("contact details", "Contact")},
    {"capacity", FT_STRING, 0, N_("Capacity")},
    {"waiting_count", FT_INT, 1, N_("People waiting")},
    {"typical_wait_days", FT_INT, 1, N_("Typical wait (days)")},
    {"capacity_updated_at", FT_DATETIME, 0, N_("Capacity updated")},
    {"capacity_updated_by", FT_INT, 0, N_("Capacity updated by")},
    {"capacity_updated_by_name", FT_STRING, 0, N_("Capacity updated by")},
    {"created_at", FT_DATETIME, 0, N_("Created")},
    {"updated_at", FT_DATETIME, 0, N_("Updated")},
    {"version", FT_INT, 0, N_("Version")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit service_actions[] = {
    {"service.list", ACT_LIST},     /* only ever written as a denial: the directory holds no client data */
    {"service.read", ACT_READ},
    {"service.create", ACT_CREATE},
    {"service.update", ACT_UPDATE},
    {NULL, 0},
};
static const char *const service_tables[] = {"services", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule service_access[] = {
    /* the directory: every worker of every organisation finds services (no client data in it); an
     * organisation's supervisors and administrators describe its own (the rule on the record:
     * own_org) */
    {RES_SERVICE, ACT_LIST, NONE, ANY, A},
    {RES_SERVICE, ACT_READ, NONE, ANY, A},
    {RES_SERVICE, ACT_CREATE, NONE, ADM | SUP, A},
    {RES_SERVICE, ACT_UPDATE, NONE, ADM | SUP, A},
    {0}};
const struct resource res_service = {
    .access = service_access,
    .id = RES_SERVICE, .name = "service", .label = N_("Service"), .plural = N_("Services"), RESOURCE_OF(service)};
RESOURCE_REGISTER(res_service);

/* The capacity of a service (open, waiting list, closed): kept by its organisation's supervisors and
 * administrators, and by its housing coordinators, who keep vacancies and waiting lists (DESIGN §1). */
static const struct res_field service_capacity_fields[] = { /* the members of a service it governs */
    {"capacity", FT_STRING, 0, N_("Capacity")},
    {"waiting_count", FT_INT, 1, N_("People waiting")},
    {"typical_wait_days", FT_INT, 1, N_("Typical wait (days)")},
    {"capacity_updated_at", FT_DATETIME, 0, N_("Capacity updated")},
    {"capacity_updated_by", FT_INT, 0, N_("Capacity updated by")},
    {"capacity_updated_by_name", FT_STRING, 0, N_("Capacity updated by")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit service_capacity_actions[] = {{"service.capacity", ACT_UPDATE}, {NULL, 0}};
static const char *const service_capacity_tables[] = {NULL};
static const struct access_rule service_capacity_access[] = {
    {RES_SERVICE_CAPACITY, ACT_UPDATE, NONE, ADM | SUP | HOUS, A},
    {0}};
const struct resource res_service_capacity = {
    .access = service_capacity_access,
    .id = RES_SERVICE_CAPACITY, .name = "service_capacity", .label = N_("Capacity"), .plural = N_("Capacity"),
    RESOURCE_OF(service_capacity)};
RESOURCE_REGISTER(res_service_capacity);
