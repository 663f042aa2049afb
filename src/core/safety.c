/* safety: safety plans written with the client, in the structure of the reference (§19): seven
 * ordered sections of entries, client agreement; every save is a new version, old ones stay. */
#include "base/base.h"
#include "core/risk_data.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const safety_sections[] = {"warning_signs", "coping",      "distractions",       "help_people",
                                       "professionals", "environment", "reasons_for_living", NULL};

#define MAX_ENTRIES 20

#define PLAN_COLS                                                                                            \
    "SELECT p.id, p.client_id, p.version, p.warning_signs, p.coping, p.distractions, p.help_people,"         \
    " p.professionals, p.environment, p.reasons_for_living, p.client_agreed, p.agreed_at, p.written_by,"     \
    " s.display_name AS written_by_name, p.created_at,"                                                      \
    " CASE WHEN p.version=(SELECT max(x.version) FROM safety_plans x WHERE x.client_id=p.client_id)"         \
    " THEN 1 ELSE 0 END AS current FROM safety_plans p JOIN staff s ON s.id=p.written_by"

/* The fields an entry may have, with their bounds (environment entries add the means-safety ones). */
static const struct efield {
    const char *name;
    size_t max;
    int environment_only;
} efields[] = {{"text", 500, 0},  {"name", 100, 0},        {"phone", 40, 0},  {"place", 200, 0},
               {"means", 100, 1}, {"responsible", 100, 1}, {"done_on", 10, 1}};

static void shape(json_t *r)
{
    for (int i = 0; safety_sections[i]; i++) {
        const char *s = json_string_value(json_object_get(r, safety_sections[i]));
        json_t *a = s ? json_loads(s, 0, NULL) : NULL;
        json_object_set_new(r, safety_sections[i], json_is_array(a) ? a : json_array());
        if (a && !json_is_array(a))
            json_decref(a);
    }
    json_object_set_new(r, "client_agreed",
                        json_boolean(json_integer_value(json_object_get(r, "client_agreed"))));
    json_object_set_new(r, "current", json_boolean(json_integer_value(json_object_get(r, "current"))));
}

json_t *safety_current(struct db *db, int64_t client_id)
{
    json_t *r = db_row(db, PLAN_COLS " WHERE p.client_id=? ORDER BY p.version DESC LIMIT 1", "i", client_id);
    if (r)
        shape(r);
    return r;
}

/* An empty plan to start from. */
static json_t *empty_plan(int64_t client_id)
{
    json_t *r = json_pack("{s:I,s:i,s:b,s:n,s:b}", "client_id", (json_int_t)client_id, "version", 0,
                          "client_agreed", 0, "agreed_at", "current", 1);
    for (int i = 0; safety_sections[i]; i++)
        json_object_set_new(r, safety_sections[i], json_array());
    return r;
}

int safety_get(struct ctx *c, int64_t client_id, int64_t version, json_t **out)
{
    int rc = access_check(c, RES_SAFETY_PLAN, ACT_READ, client_id, "safety_plan.read");
    if (rc != OK)
        return rc;
    json_t *r;
    if (version > 0) {
        r = db_row(c->db, PLAN_COLS " WHERE p.client_id=? AND p.version=?", "ii", client_id, version);
        if (!r)
            return ctx_fail(c, ERR_NOTFOUND, _("No such version of the safety plan."));
        shape(r);
    } else {
        r = safety_current(c->db, client_id);
        if (!r)
            r = empty_plan(client_id);
    }
    audit_log(c, "safety_plan.read", "ok", client_id, "safety_plan",
              json_integer_value(json_object_get(r, "id")), NULL);
    *out = r;
    return OK;
}

int safety_history(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_SAFETY_PLAN, ACT_LIST, client_id, "safety_plan.history");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.version", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out, PLAN_COLS " WHERE p.client_id=?", "i", client_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) shape(r);
    audit_log(c, "safety_plan.history", "ok", client_id, "safety_plan", 0, NULL);
    return OK;
}

/* Copy one entry (a string, or an object of known text fields) into a new object; NULL when invalid
 * (*bad_phone set when it is its phone number: a Korean one, a short public number such as 119 or
 * 1393, or another country's in its + form; kept written as Korea writes it). */
static json_t *read_entry(json_t *x, int environment, int *bad_phone)
{
    if (json_is_string(x))
        x = json_pack("{s:O}", "text", x);
    else if (json_is_object(x))
        json_incref(x);
    else
        return NULL;
    json_t *e = json_object();
    int ok = 1;
    for (size_t i = 0; i < ARRAY_LEN(efields) && ok; i++) {
        json_t *v = json_object_get(x, efields[i].name);
        if (!v || json_is_null(v) || (efields[i].environment_only && !environment))
            continue;
        const char *s = json_string_value(v);
        ok = s && utf8_len(s) <= efields[i].max &&
             (!str_eq(efields[i].name, "done_on") || !*s || iso_date_valid(s));
        char norm[48];
        if (ok && *s && str_eq(efields[i].name, "phone")) {
            ok = phone_normalise(s, PHONE_INTL | PHONE_SHORT, norm, sizeof norm) == 0;
            *bad_phone = !ok;
            if (ok)
                json_object_set_new(e, "phone", json_string(norm));
        } else if (ok && *s)
            json_object_set(e, efields[i].name, v);
    }
    const char *text = json_string_value(json_object_get(e, "text"));
    json_decref(x);
    if (!ok || !text || !*text) {
        json_decref(e);
        return NULL;
    }
    return e;
}

void safety_entry_text(struct buf *b, json_t *e)
{
    static const char *const extra[] = {"name", "phone", "place", "means", "responsible", "done_on", NULL};
    buf_adds(b, json_string_value(json_object_get(e, "text")) ? json_string_value(json_object_get(e, "text"))
                                                              : "");
    int n = 0;
    for (const char *const *k = extra; *k; k++) {
        const char *v = json_string_value(json_object_get(e, *k));
        if (v && *v)
            buf_printf(b, "%s%s", n++ ? ", " : " (", v);
    }
    if (n)
        buf_adds(b, ")");
}

/* The entry of the current version a line of text is unchanged from (its name, phone and place are
 * kept), or NULL. */
static json_t *same_entry(json_t *old, const char *line, size_t n)
{
    size_t i;
    json_t *x;
    json_array_foreach(old, i, x)
    {
        struct buf t;
        buf_init(&t);
        safety_entry_text(&t, x);
        int same = t.data && strlen(t.data) == n && memcmp(t.data, line, n) == 0;
        buf_free(&t);
        if (same)
            return x;
    }
    return NULL;
}

/* A section: absent, a list of entries, or a text with one entry per line (a line unchanged from an
 * entry of the current version, old, keeps that entry). NULL (with a field error) when invalid. */
static json_t *read_section(struct ctx *c, json_t *in, const char *name, json_t *old)
{
    json_t *v = json_object_get(in, name), *list = json_array();
    int environment = str_eq(name, "environment");
    if (json_is_string(v)) {
        const char *p = json_string_value(v);
        while (*p) {
            const char *e = strchr(p, '\n'), *next = e ? e + 1 : p + strlen(p);
            size_t n = e ? (size_t)(e - p) : strlen(p);
            while (n && (*p == ' ' || *p == '\t' || *p == '\r'))
                p++, n--;
            while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
                n--;
            json_t *keep = n ? same_entry(old, p, n) : NULL;
            if (keep) {
                json_array_append(list, keep);
            } else if (n) {
                int bad_phone = 0;
                json_t *s = json_stringn(p, n), *x = s ? read_entry(s, environment, &bad_phone) : NULL;
                json_decref(s);
                if (!x) {
                    ctx_field(c, name, _("each entry is a text of at most 500 characters"));
                    break;
                }
                json_array_append_new(list, x);
            }
            p = next;
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            int bad_phone = 0;
            json_t *e = read_entry(x, environment, &bad_phone);
            if (!e && bad_phone) {
                ctx_field(c, name, v_phone_error(PHONE_INTL | PHONE_SHORT));
                break;
            }
            if (!e) {
                ctx_field(c, name,
                          _("each entry needs a text (at most 500 characters) and short name, phone and "
                            "place"));
                break;
            }
            json_array_append_new(list, e);
        }
    } else if (v && !json_is_null(v)) {
        ctx_field(c, name, _("must be a list of entries"));
    }
    if (json_array_size(list) > MAX_ENTRIES)
        ctx_field(c, name, _("at most 20 entries"));
    if (json_object_get(c->errors, name)) {
        json_decref(list);
        return NULL;
    }
    return list;
}

int safety_save(struct ctx *c, int64_t client_id, int64_t version, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_SAFETY_PLAN, ACT_UPDATE, client_id, "safety_plan.save");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    json_t *sec[8] = {0}, *cur_plan = safety_current(c->db, client_id);
    size_t entries = 0;
    for (int i = 0; safety_sections[i]; i++) {
        sec[i] = read_section(c, in, safety_sections[i], json_object_get(cur_plan, safety_sections[i]));
        entries += json_array_size(sec[i]);
    }
    json_decref(cur_plan);
    int agreed = v_bool(in, "client_agreed");
    char abuf[32], now[32];
    iso_now(now);
    const char *agreed_at = risk_time(c, in, "agreed_at", 0, 1, abuf);
    if (!agreed)
        agreed_at = NULL;
    else if (!agreed_at)
        agreed_at = now;
    if (!c->errors && entries == 0)
        ctx_field(c, "warning_signs", _("write at least one entry in the plan"));
    char *text[8] = {0};
    for (int i = 0; safety_sections[i]; i++) {
        text[i] = sec[i] ? json_dumps(sec[i], JSON_COMPACT) : NULL;
        json_decref(sec[i]);
    }
    int64_t cur = db_int1(c->db, 0, "SELECT COALESCE(max(version), 0) FROM safety_plans WHERE client_id=?",
                          "i", client_id);
    int64_t id = 0;
    if (c->errors)
        rc = ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    else if (version != cur)
        rc = ctx_stale(c, cur);
    else {
        id = db_insert_id(
            c->db,
            "INSERT INTO safety_plans(client_id, version, warning_signs, coping, distractions, help_people,"
            " professionals, environment, reasons_for_living, client_agreed, agreed_at, written_by,"
            " created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            "iitttttttdtit", client_id, cur + 1, text[0], text[1], text[2], text[3], text[4], text[5],
            text[6], agreed, agreed_at, c->a->staff_id, now);
        if (!id)
            rc = ctx_fail(c, ERR_CONFLICT, _("The safety plan could not be saved; reload it and try again."));
    }
    for (int i = 0; i < 8; i++)
        free(text[i]);
    if (rc != OK)
        return rc;
    audit_log(c, "safety_plan.save", "ok", client_id, "safety_plan", id, NULL);
    json_t *r = db_row(c->db, PLAN_COLS " WHERE p.id=?", "i", id);
    shape(r);
    *out = r;
    return OK;
}

/* ---- the descriptor ---- */

/* A version of the plan; each section a list of entries ({text, name, phone, place; means, responsible,
 * done_on in the environment}). Before the first version: version 0, id null, empty sections. */
static const struct res_field safety_fields[] = {
    {"id", FT_INT, 1, N_("Safety plan")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"version", FT_INT, 0, N_("Version")},
    {"warning_signs", FT_ARRAY, 0, N_("Warning signs")},
    {"coping", FT_ARRAY, 0, N_("Coping on my own")},
    {"distractions", FT_ARRAY, 0, N_("Distraction: people and places")},
    {"help_people", FT_ARRAY, 0, N_("People I can turn to")},
    {"professionals", FT_ARRAY, 0, N_("Professional and crisis contacts")},
    {"environment", FT_ARRAY, 0, N_("Making my surroundings safer")},
    {"reasons_for_living", FT_ARRAY, 0, N_("What I live for")},
    {"client_agreed", FT_BOOL, 0, N_("Agreed with the client")},
    {"agreed_at", FT_DATETIME, 1, N_("Agreed")},
    {"written_by", FT_INT, 1, N_("Written by")},
    {"written_by_name", FT_STRING, 1, N_("Written by")},
    {"created_at", FT_DATETIME, 1, N_("Written")},
    {"current", FT_BOOL, 0, N_("Current version")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit safety_actions[] = {
    {"safety_plan.read", ACT_READ},
    {"safety_plan.history", ACT_LIST},
    {"safety_plan.save", ACT_UPDATE},
    {NULL, 0},
};
static const char *const safety_tables[] = {"safety_plans", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule safety_plan_access[] = {
    /* safety plans: clinical content, read by those who read notes (not the care desk: the crisis view
     * gives it who to call), a new version by clinical roles */
    {RES_SAFETY_PLAN, ACT_READ, TEAM, NOTES, A},
    {RES_SAFETY_PLAN, ACT_READ, PEER, PS, A},
    {RES_SAFETY_PLAN, ACT_READ, GLASS | ONCALL, NOTES, P},
    {RES_SAFETY_PLAN, ACT_READ, SHARED, NOTES | PS, P},
    {RES_SAFETY_PLAN, ACT_LIST, TEAM, NOTES, A},
    {RES_SAFETY_PLAN, ACT_LIST, PEER, PS, A},
    {RES_SAFETY_PLAN, ACT_LIST, GLASS | ONCALL, NOTES, P},
    {RES_SAFETY_PLAN, ACT_LIST, SHARED, NOTES | PS, P},
    {RES_SAFETY_PLAN, ACT_UPDATE, TEAM, CLINICAL, A},
    {RES_SAFETY_PLAN, ACT_UPDATE, GLASS, CLINICAL, P},
    {0}};
const struct resource res_safety_plan = {
    .access = safety_plan_access,
    .id = RES_SAFETY_PLAN, .name = "safety_plan", .label = N_("Safety plan"), .plural = N_("Safety plans"),
    .data_class = DC_BIT(DC_RISK), RESOURCE_OF(safety)};
RESOURCE_REGISTER(res_safety_plan);
