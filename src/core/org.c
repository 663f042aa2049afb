/* org: organisations and their staff accounts (administration), and the staff directory every
 * role uses to pick care-team members and assignees. Not client data, but audited anyway. */
#include "base/base.h"
#include "core/core.h"
#include "core/instrument.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

#define STAFF_FULL                                                                                           \
    "SELECT s.id, s.org_id, o.name AS organisation, s.username, s.display_name, s.role, s.discipline,"       \
    " s.phone, s.disabled, s.created_at, s.version FROM staff s JOIN orgs o ON o.id=s.org_id"
#define STAFF_BRIEF "SELECT s.id, s.display_name, s.role, s.discipline FROM staff s"

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}


static void shape(json_t *r)
{
    if (json_object_get(r, "disabled"))
        json_object_set_new(r, "disabled", json_boolean(iget(r, "disabled")));
}

int org_list(struct ctx *c, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_ORG, ACT_LIST, 0, "org.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.name", 0}, {"p.id", 0}, {NULL, 0}};
    return page_query(c, pg, order, out,
                      "SELECT o.id, o.name, o.kind, o.district, o.phq2_threshold, o.created_at, o.version,"
                      " (SELECT count(*) FROM staff s WHERE s.org_id=o.id AND s.disabled=0) AS staff_count"
                      " FROM orgs o",
                      "");
}

int org_create(struct ctx *c, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_ORG, ACT_CREATE, 0, "org.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    const char *name = v_str(c, in, "name", 1, 120, NULL);
    const char *kind = v_str(c, in, "kind", 1, 40, org_kinds);
    const char *district = v_str(c, in, "district", 0, 60, NULL);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    if (district && !*district)
        district = NULL;
    char now[32];
    iso_now(now);
    int64_t id = 0;
    if (db_int1(c->db, 0, "SELECT 1 FROM orgs WHERE lower(name)=lower(?)", "t", name) != 1) {
        id = db_insert_id(c->db, "INSERT INTO orgs(name, kind, district, created_at) VALUES (?,?,?,?) RETURNING id",
                          "tttt", name, kind, district, now);
        if (!id && db_insert_rc(c->db) != DB_CONSTRAINT)
            return ctx_fail(c, ERR_DB, _("The organisation could not be saved."));
    }
    if (!id) {
        ctx_field(c, "name", _("an organisation with this name already exists"));
        return ctx_fail(c, ERR_CONFLICT, _("An organisation with this name already exists."));
    }
    audit_log(c, "org.create", "ok", 0, "org", id, NULL);
    *out = db_row(c->db, "SELECT id, name, kind, district, phq2_threshold, created_at, version FROM orgs WHERE id=?", "i",
                  id);
    return OK;
}

json_t *org_settings(struct db *db, int64_t org_id)
{
    json_t *r = db_row(db, "SELECT phq2_threshold FROM orgs WHERE id=?", "i", org_id);
    return r ? r : json_object();
}

int org_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_ORG, ACT_UPDATE, 0, "org.update");
    if (rc != OK)
        return rc;
    json_t *old = db_row(c->db, "SELECT phq2_threshold, district, version FROM orgs WHERE id=?", "i", id);
    if (!old)
        return ctx_fail(c, ERR_NOTFOUND, _("No such organisation."));
    int64_t threshold = iget(old, "phq2_threshold"), cur = iget(old, "version");
    char district[256];
    snprintf(district, sizeof district, "%s",
             json_string_value(json_object_get(old, "district")) ? json_string_value(json_object_get(old, "district")) : "");
    json_decref(old);
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    if (json_object_get(in, "district")) { /* the district the directory is searched by; empty clears it */
        const char *d = v_str(c, in, "district", 0, 60, NULL);
        snprintf(district, sizeof district, "%s", d ? d : "");
    }
    json_t *t = json_object_get(in, "phq2_threshold");
    if (t) { /* the instrument's own values only: 2, never "2" or 2.0 */
        if (!json_is_integer(t) || !instrument_setting_allows("phq2_threshold", json_integer_value(t)))
            ctx_field(c, "phq2_threshold", _("is not a cut-off the PHQ-2 definition allows (2 or 3)"));
        else
            threshold = json_integer_value(t);
    }
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    if (version != cur)
        return ctx_stale(c, cur);
    rc = db_run(c->db, "UPDATE orgs SET phq2_threshold=?, district=?, version=version+1 WHERE id=? AND version=?",
                "itii", threshold, district[0] ? district : NULL, id, cur);
    if (rc != DB_OK || db_changes(c->db) != 1)
        return ctx_fail(c, rc != DB_OK ? ERR_DB : ERR_CONFLICT, _("The organisation could not be saved."));
    audit_log(c, "org.update", "ok", 0, "org", id, NULL);
    *out = db_row(c->db, "SELECT id, name, kind, district, phq2_threshold, created_at, version FROM orgs WHERE id=?", "i",
                  id);
    return OK;
}

int staff_list(struct ctx *c, const struct page *pg, const struct staff_filter *f, json_t **out)
{
    static const struct page_key all[] = {{"p.organisation", 0}, {"p.display_name", 0}, {"p.id", 0}, {NULL, 0}};
    static const struct page_key org[] = {{"p.display_name", 0}, {"p.id", 0}, {NULL, 0}};
    static const struct staff_filter none = {0};
    if (!f)
        f = &none;
    int rc = access_check(c, RES_STAFF, ACT_LIST, 0, "staff.list");
    if (rc != OK)
        return rc;
    if (f->role && *f->role && role_parse(f->role) < 0)
        ctx_field(c, "role", _("is not one of the allowed values"));
    if (f->status && *f->status && !str_eq(f->status, "active") && !str_eq(f->status, "disabled"))
        ctx_field(c, "status", _("must be active or disabled"));
    if (f->q && utf8_len(f->q) > 80)
        ctx_field(c, "q", _("must be at most 80 characters"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    int admin = access_may(c, RES_STAFF, ACT_ADMINISTER, 0);
    int full = admin || access_may(c, RES_STAFF, ACT_READ, 0);
    /* The filters, the same for each shape; the directory never shows disabled accounts. */
    char pat[400] = "";
    if (f->q && *f->q) {
        size_t o = 0;
        pat[o++] = '%';
        for (const char *p = f->q; *p && o < sizeof pat - 3; p++) {
            if (*p == '%' || *p == '_' || *p == '!')
                pat[o++] = '!';
            pat[o++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        }
        pat[o++] = '%';
        pat[o] = 0;
    }
    int64_t org_id = admin ? f->org_id : c->a->org_id;
    const char *status = full ? f->status : "active";
    struct buf q;
    buf_init(&q);
    buf_adds(&q, full ? STAFF_FULL : STAFF_BRIEF);
    buf_adds(&q, " WHERE (?=0 OR s.org_id=?) AND (?='' OR s.role=?) AND (?='' OR s.disabled=?)"
                 " AND (?='' OR lower(s.display_name) LIKE ? ESCAPE '!' OR s.username LIKE ? ESCAPE '!')");
    const char *role = f->role ? f->role : "";
    const char *st = status ? status : "";
    int dis = str_eq(st, "disabled");
    rc = page_query(c, pg, admin ? all : org, out, q.data, "iitttdttt", org_id, org_id, role, role, st, dis, pat, pat,
                    pat);
    buf_free(&q);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) shape(r);
    return OK;
}

int staff_get(struct ctx *c, int64_t id, json_t **out)
{
    int64_t org = db_int1(c->db, 0, "SELECT org_id FROM staff WHERE id=?", "i", id);
    int same = org && org == c->a->org_id;
    json_t *r = NULL;
    if (access_may(c, RES_STAFF, ACT_ADMINISTER, 0) || id == c->a->staff_id ||
        (same && access_may(c, RES_STAFF, ACT_READ, 0)))
        r = db_row(c->db, STAFF_FULL " WHERE s.id=?", "i", id);
    else if (same)
        r = db_row(c->db, STAFF_BRIEF " WHERE s.id=?", "i", id);
    if (!r)
        return ctx_fail(c, ERR_NOTFOUND, _("No such staff member."));
    shape(r);
    *out = r;
    return OK;
}

/* username: 3..40 of [a-z0-9._-] */
static int username_ok(const char *u)
{
    size_t n = strlen(u);
    if (n < 3 || n > 40)
        return 0;
    for (; *u; u++)
        if (!((*u >= 'a' && *u <= 'z') || (*u >= '0' && *u <= '9') || *u == '.' || *u == '_' || *u == '-'))
            return 0;
    return 1;
}

/* A stored password hash arrives made (auth_password_hash, on a worker): Argon2id is slow by
 * design and must not run on the writer. Anything else, a plain password above all, is refused. */
static int hash_ok(const char *pw_hash)
{
    return pw_hash && strncmp(pw_hash, "$argon2id$", 10) == 0 && strlen(pw_hash) < 128;
}

int staff_create(struct ctx *c, json_t *in, const char *pw_hash, json_t **out)
{
    int rc = access_check(c, RES_STAFF, ACT_CREATE, 0, "staff.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    const char *username = v_str(c, in, "username", 1, 40, NULL);
    if (username && !username_ok(username))
        ctx_field(c, "username",
                  _("must be 3 to 40 characters: lower-case letters, digits, '.', '_' or '-'"));
    const char *name = v_str(c, in, "display_name", 1, 120, NULL);
    const char *role_s = v_str(c, in, "role", 1, 32, NULL);
    int role = role_s ? role_parse(role_s) : -1;
    if (role_s && role < 0)
        ctx_field(c, "role", _("is not one of the allowed values"));
    const char *discipline = v_str(c, in, "discipline", role == ROLE_CLINICIAN, 40, disciplines);
    char pbuf[48];
    const char *phone = v_phone(c, in, "phone", 0, pbuf, sizeof pbuf); /* a work phone: Korean */
    int64_t org_id = v_int(c, in, "org_id", 1, 1, INT64_MAX, 0);
    if (org_id && db_int1(c->db, 0, "SELECT 1 FROM orgs WHERE id=?", "i", org_id) != 1)
        ctx_field(c, "org_id", _("is not a known organisation"));
    if (pw_hash && !hash_ok(pw_hash))
        return ctx_fail(c, ERR_INVALID, _("The password must arrive hashed."));
    if (!pw_hash && !json_object_get(c->errors, "password")) /* the caller said why, if it knew */
        ctx_field(c, "password", _("is required"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    if (db_int1(c->db, 0, "SELECT 1 FROM staff WHERE username=?", "t", username) == 1) {
        ctx_field(c, "username", _("is already taken"));
        return ctx_fail(c, ERR_CONFLICT, _("This username is already taken."));
    }
    char now[32];
    iso_now(now);
    int64_t id =
        db_insert_id(c->db,
                     "INSERT INTO staff(org_id, username, display_name, role, discipline, phone,"
                     " pw_hash, created_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                     "ittttttt", org_id, username, name, role_table[role].name, discipline, phone, pw_hash, now);
    if (!id && db_insert_rc(c->db) == DB_CONSTRAINT) {
        ctx_field(c, "username", _("is already taken"));
        return ctx_fail(c, ERR_CONFLICT, _("This username is already taken."));
    }
    if (!id)
        return ctx_fail(c, ERR_DB, _("The staff member could not be saved."));
    audit_log(c, "staff.create", "ok", 0, "staff", id, NULL);
    *out = db_row(c->db, STAFF_FULL " WHERE s.id=?", "i", id);
    shape(*out);
    return OK;
}

int staff_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_STAFF, ACT_UPDATE, 0, "staff.update");
    if (rc != OK)
        return rc;
    json_t *old = db_row(c->db,
                         "SELECT id, display_name, role, discipline, phone, disabled, version FROM staff"
                         " WHERE id=?",
                         "i", id);
    if (!old)
        return ctx_fail(c, ERR_NOTFOUND, _("No such staff member."));
    if (!json_is_object(in)) {
        json_decref(old);
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    }
    const char *name = json_string_value(json_object_get(old, "display_name"));
    const char *role_s = json_string_value(json_object_get(old, "role"));
    const char *discipline = json_string_value(json_object_get(old, "discipline"));
    const char *phone = json_string_value(json_object_get(old, "phone"));
    int was_disabled = iget(old, "disabled") != 0, disabled = was_disabled;
    if (json_object_get(in, "display_name"))
        name = v_str(c, in, "display_name", 1, 120, NULL);
    if (json_object_get(in, "role")) {
        const char *r = v_str(c, in, "role", 1, 32, NULL);
        if (r && role_parse(r) < 0)
            ctx_field(c, "role", _("is not one of the allowed values"));
        else if (r)
            role_s = r;
    }
    if (json_object_get(in, "discipline"))
        discipline = v_str(c, in, "discipline", 0, 40, disciplines); /* empty clears it */
    char pbuf[48];
    if (json_object_get(in, "phone"))
        phone = v_phone(c, in, "phone", 0, pbuf, sizeof pbuf);
    if (json_object_get(in, "disabled"))
        disabled = v_bool(in, "disabled");
    int role = role_parse(role_s);
    if (role == ROLE_CLINICIAN && !discipline && !json_object_get(c->errors, "discipline"))
        ctx_field(c, "discipline", _("is required for a clinician"));
    if (id == c->a->staff_id && disabled)
        ctx_field(c, "disabled", _("you cannot disable your own account"));
    if (id == c->a->staff_id && role != ROLE_ADMIN)
        ctx_field(c, "role", _("you cannot remove your own administrator role"));
    int64_t cur = iget(old, "version");
    if (c->errors) {
        json_decref(old);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    if (version != cur) {
        json_decref(old);
        return ctx_stale(c, cur);
    }
    /* Nothing stays assigned to a disabled account: what it still holds is handed over first. */
    if (disabled && !was_disabled) {
        json_t *held = handover_counts(c->db, id);
        int64_t n = iget(held, "total");
        if (n > 0) {
            json_decref(old);
            char link[64];
            snprintf(link, sizeof link, "/api/v1/staff/%lld/handover", (long long)id);
            json_decref(c->extra);
            c->extra = json_pack("{s:o,s:s}", "assignments", held, "handover", link);
            return ctx_fail(c, ERR_CONFLICT,
                            _("This account still holds %lld assignments (clients, tasks, on-call shifts): hand "
                              "them over first (Hand over and disable)."),
                            (long long)n);
        }
        json_decref(held);
    }
    rc =
        db_run(c->db,
               "UPDATE staff SET display_name=?, role=?, discipline=?, phone=?, disabled=?, version=version+1"
               " WHERE id=? AND version=?",
               "ttttdii", name, role_s, discipline, phone, disabled, id, cur);
    int changed = rc == DB_OK && db_changes(c->db) == 1;
    json_decref(old);
    if (!changed)
        return ctx_fail(c, rc != DB_OK ? ERR_DB : ERR_CONFLICT, _("The staff member could not be saved."));
    if (disabled && !was_disabled &&
        (db_run(c->db, "DELETE FROM sessions WHERE staff_id=?", "i", id) != DB_OK || tokens_end(c, id, "disabled") != OK))
        return ctx_fail(c, ERR_DB, _("The staff member could not be saved."));
    audit_log(c, "staff.update", "ok", 0, "staff", id, NULL);
    *out = db_row(c->db, STAFF_FULL " WHERE s.id=?", "i", id);
    shape(*out);
    return OK;
}

int staff_set_password(struct ctx *c, int64_t id, const char *pw_hash)
{
    if (id != c->a->staff_id && !access_may(c, RES_STAFF, ACT_ADMINISTER, 0))
        return access_deny(c, RES_STAFF, ACT_ADMINISTER, 0, "staff.password", "staff", id,
                           _("You may change only your own password."));
    if (db_int1(c->db, 0, "SELECT 1 FROM staff WHERE id=?", "i", id) != 1)
        return ctx_fail(c, ERR_NOTFOUND, _("No such staff member."));
    if (!hash_ok(pw_hash))
        return ctx_fail(c, ERR_INVALID, _("The password must arrive hashed."));
    int rc = db_run(c->db, "UPDATE staff SET pw_hash=?, must_change=0 WHERE id=?", "ti", pw_hash, id);
    if (rc != DB_OK)
        return ctx_fail(c, ERR_DB, _("The password could not be stored."));
    audit_log(c, "staff.password", "ok", 0, "staff", id, NULL);
    return tokens_end(c, id, "password"); /* a new password ends every API token */
}

int staff_set_language(struct ctx *c, const char *lang)
{
    if (lang && *lang && !i18n_supported(lang))
        return ctx_fail(c, ctx_field(c, "language", _("is not one of the allowed values")),
                        _("Some fields need attention."));
    const char *l = lang && *lang ? i18n_supported(lang) : NULL;
    if (db_run(c->db, "UPDATE staff SET language=? WHERE id=?", "ti", l, c->a->staff_id) != DB_OK ||
        db_changes(c->db) != 1)
        return ctx_fail(c, ERR_DB, _("The language could not be saved."));
    audit_log(c, "staff.update", "ok", 0, "staff", c->a->staff_id, "language");
    return OK;
}

/* ---- the descriptors ---- */

static const struct res_field org_fields[] = {
    {"id", FT_INT, 0, N_("Organisation")},
    {"name", FT_STRING, 0, N_("Name")},
    {"kind", FT_STRING, 0, N_("Kind")},
    {"district", FT_STRING, 1, N_("District")},
    {"phq2_threshold", FT_INT, 0, N_("PHQ-2 positive from")},
    {"created_at", FT_DATETIME, 0, N_("Created")},
    {"version", FT_INT, 0, N_("Version")},
    {"staff_count", FT_INT, 0, N_("Active staff")}, /* in the list */
    {NULL, 0, 0, NULL},
};
static const struct res_audit org_actions[] = {
    {"org.list", ACT_LIST},
    {"org.create", ACT_CREATE},
    {"org.update", ACT_UPDATE},
    {NULL, 0},
};
static const char *const org_tables[] = {"orgs", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule org_access[] = {
    /* organisations and staff accounts: administration; the staff directory is everyone's */
    {RES_ORG, ACT_LIST, NONE, ADM, A},
    {RES_ORG, ACT_CREATE, NONE, ADM, A},
    {RES_ORG, ACT_UPDATE, NONE, ADM, A}, /* an organisation's settings (the PHQ-2 cut-off) */
    {0}};
const struct resource res_org = {
    .access = org_access,
    .id = RES_ORG, .name = "org", .label = N_("Organisation"), .plural = N_("Organisations"), RESOURCE_OF(org)};
RESOURCE_REGISTER(res_org);

/* An account as administrators (and the account's owner) see it. */
static const struct res_field staff_fields[] = {
    {"id", FT_INT, 0, N_("Staff member")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"organisation", FT_STRING, 0, N_("Organisation")},
    {"username", FT_STRING, 0, N_("Username")},
    {"display_name", FT_STRING, 0, N_("Name")},
    {"role", FT_STRING, 0, N_("Role")},
    {"discipline", FT_STRING, 1, N_("Discipline")},
    {"phone", FT_STRING, 1, N_("Phone")},
    {"disabled", FT_BOOL, 0, N_("Disabled")},
    {"created_at", FT_DATETIME, 0, N_("Created")},
    {"version", FT_INT, 0, N_("Version")},
    {NULL, 0, 0, NULL},
};
/* The directory every worker sees (their own organisation's colleagues). */
static const struct res_field staff_summary[] = {
    {"id", FT_INT, 0, N_("Staff member")},
    {"display_name", FT_STRING, 0, N_("Name")},
    {"role", FT_STRING, 0, N_("Role")},
    {"discipline", FT_STRING, 1, N_("Discipline")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit staff_actions[] = {
    {"staff.list", ACT_LIST},
    {"staff.create", ACT_CREATE},
    {"staff.update", ACT_UPDATE},
    {"staff.password", ACT_ADMINISTER},
    {"staff.reset", ACT_ADMINISTER},
    {"token.list", ACT_ADMINISTER},   /* an account's API tokens: its owner, or administration */
    {"token.revoke", ACT_ADMINISTER},
    {NULL, 0},
};
static const char *const staff_tables[] = {"staff", NULL};
static const struct access_rule staff_access[] = {
    {RES_STAFF, ACT_LIST, NONE, ANY, A},
    {RES_STAFF, ACT_READ, NONE, SUP | ADM, A}, /* full details of their organisation's staff */
    {RES_STAFF, ACT_CREATE, NONE, ADM, A},
    {RES_STAFF, ACT_UPDATE, NONE, ADM, A},
    {RES_STAFF, ACT_ADMINISTER, NONE, ADM, A}, /* every organisation's staff, anyone's password */
    {0}};
const struct resource res_staff = {
    .access = staff_access,
    .id = RES_STAFF, .name = "staff", .label = N_("Staff member"), .plural = N_("Staff"), RESOURCE_OF(staff),
    .summary = staff_summary};
RESOURCE_REGISTER(res_staff);
