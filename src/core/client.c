/* client: the identity record: create with duplicate detection (look-alikes are linked,
 * never merged), read by access level, versioned edits and search. */
#include "base/base.h"
#include "core/core.h"
#include "core/risk_data.h"
#include "db/db.h"
#include "db/migrate.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const client_sexes[] = {"female", "male", "intersex", "unknown", NULL};

/* Fields a client record accepts, with bounds: one table for create and update. */
static const struct cfield {
    const char *name;
    size_t max;
    int required;
    const char *const *choices;
} cfields[] = {
    {"given_name", 100, 1, NULL},   {"family_name", 100, 1, NULL}, {"preferred_name", 100, 0, NULL},
    {"birth_date", 10, 1, NULL},    {"sex", 16, 0, client_sexes},         {"gender_identity", 60, 0, NULL},
    {"language", 40, 0, NULL},      {"phone", 40, 0, NULL},        {"email", 200, 0, NULL},
    {"address", 400, 0, NULL},      {"emergency_contacts", 1000, 0, NULL},
    {"name_order", 16, 0, name_orders}, {"address_detail", 200, 0, NULL}, {"postal_code", 12, 0, NULL},
    {"address_country", 2, 0, NULL},
};

int client_life_stage(const char *birth_date, const char **stage)
{
    char today[16];
    iso_today(today);
    int age = age_on(birth_date, today);
    *stage = age < 0 ? "unknown" : age < 19 ? "youth" : age < 35 ? "young_adult" : age < 65 ? "adult" : "older_adult";
    return age;
}

/* Validate the record fields; on create every required one must be there. The phone number is
 * rewritten as Korea writes it (010-1234-5678); old: the record before a change (its country). */
static int check_fields(struct ctx *c, json_t *in, int creating, json_t *old)
{
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    for (size_t i = 0; i < ARRAY_LEN(cfields); i++) {
        const struct cfield *f = &cfields[i];
        if (!creating && !json_object_get(in, f->name))
            continue;
        if (str_eq(f->name, "birth_date")) {
            const char *d = v_date(c, in, f->name, f->required);
            char today[16];
            iso_today(today);
            if (d && strcmp(d, today) > 0)
                ctx_field(c, f->name, _("cannot be in the future"));
        } else {
            v_str(c, in, f->name, f->required, f->max, f->choices);
        }
    }
    const char *email = json_string_value(json_object_get(in, "email"));
    if (email && *email && !strchr(email, '@'))
        ctx_field(c, "email", _("must be an e-mail address"));
    /* A client's phone: Korean (as dialled in Korea, or +82), or another country's in its + form. */
    const char *phone = json_string_value(json_object_get(in, "phone"));
    char norm[48];
    if (phone && *phone && !json_object_get(c->errors, "phone")) {
        if (phone_normalise(phone, PHONE_INTL, norm, sizeof norm) != 0)
            ctx_field(c, "phone", v_phone_error(PHONE_INTL));
        else
            json_object_set_new(in, "phone", json_string(norm));
    }
    /* The address's country (two capital letters; none: Korea) and a postal code of that country. */
    json_t *cv = json_object_get(in, "address_country");
    const char *country = cv ? json_string_value(cv) : json_string_value(json_object_get(old, "address_country"));
    if (country && *country && !country_code_valid(country) && !json_object_get(c->errors, "address_country")) {
        ctx_field(c, "address_country", _("must be a country code of two capital letters (KR, GB)"));
        country = NULL;
    }
    const char *postal = json_string_value(json_object_get(in, "postal_code"));
    if (postal && *postal && !json_object_get(c->errors, "postal_code") && !postal_code_valid(postal, country))
        ctx_field(c, "postal_code", !country || !*country || str_eq(country, "KR")
                                        ? _("must be a Korean postal code of five digits (04512)")
                                        : _("must be a postal code of 2 to 12 letters, digits, spaces or hyphens"));
    json_t *ids = json_object_get(in, "identifiers");
    if (ids && !json_is_null(ids)) {
        size_t i;
        json_t *id;
        if (!json_is_array(ids) || json_array_size(ids) > 10)
            ctx_field(c, "identifiers", _("must be a list of at most 10 {kind, value}"));
        else
            json_array_foreach(ids, i, id)
            {
                const char *k = json_string_value(json_object_get(id, "kind"));
                const char *v = json_string_value(json_object_get(id, "value"));
                if (!k || !v || !*k || !*v || strlen(k) > 40 || strlen(v) > 80)
                    ctx_field(c, "identifiers", _("each identifier needs a kind and a value"));
            }
    }
    return c->errors ? ERR_INVALID : OK;
}

static const char *sget(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : NULL;
}

/* The name order as kept: "auto" is the default, kept as NULL. */
static const char *name_order_kept(const char *order)
{
    return order && !str_eq(order, "auto") ? order : NULL;
}

void client_search_text(const char *given, const char *family, const char *preferred, char *out, size_t len)
{
    given = given ? given : "";
    family = family ? family : "";
    snprintf(out, len, "%s %s %s %s%s", given, family, preferred ? preferred : "", family, given);
}

/* The keys of one client's name and phone (client_name_keys, base/namekey.c), one statement. */
static int name_keys_insert(struct db *db, int64_t id, const char *given, const char *family, const char *preferred,
                            const char *phone)
{
    struct namekey k[NAMEKEY_MAX];
    int n = name_keys(given, family, preferred, phone, k, NAMEKEY_MAX);
    if (n == 0)
        return DB_OK;
    struct buf sql;
    buf_init(&sql);
    buf_adds(&sql, "INSERT INTO client_name_keys(client_id, key, kind) VALUES ");
    for (int i = 0; i < n; i++)
        buf_adds(&sql, i ? ", (?,?,?)" : "(?,?,?)");
    struct db_stmt *st = db_query(db, sql.data, "");
    buf_free(&sql);
    int rc = st ? DB_OK : DB_ERR;
    for (int i = 0; rc == DB_OK && i < n; i++)
        if (db_bind(st, 3 * i + 1, 'i', NULL, id) != DB_OK || db_bind(st, 3 * i + 2, 't', k[i].key, -1) != DB_OK ||
            db_bind(st, 3 * i + 3, 'i', NULL, k[i].kind) != DB_OK)
            rc = DB_ERR;
    if (rc == DB_OK) {
        int step = db_step(st);
        rc = step == DB_DONE || step == DB_ROW ? DB_OK : step;
    }
    db_done(st);
    return rc;
}

int client_search_index(struct db *db, int64_t id, const char *given, const char *family, const char *preferred,
                        const char *phone)
{
    char name[420];
    client_search_text(given, family, preferred, name, sizeof name);
    int rc = db_run(db, "INSERT INTO clients_fts(rowid, name) VALUES (?,?)", "it", id, name);
    return rc == DB_OK ? name_keys_insert(db, id, given, family, preferred, phone) : rc;
}

static void fts_set(struct db *db, int64_t id, json_t *rec, int replace)
{
    if (replace) {
        db_run(db, "DELETE FROM clients_fts WHERE rowid=?", "i", id);
        db_run(db, "DELETE FROM client_name_keys WHERE client_id=?", "i", id);
    }
    client_search_index(db, id, sget(rec, "given_name"), sget(rec, "family_name"), sget(rec, "preferred_name"),
                        sget(rec, "phone"));
}

/* Migration 023's step: the keys of every client already there, a thousand clients a query. */
static int client_keys_backfill(struct db *db)
{
    int64_t after = 0, done = 0;
    for (;;) {
        json_t *rows = db_rows(db,
                               "SELECT id, given_name, family_name, preferred_name, phone FROM clients WHERE id>?"
                               " ORDER BY id LIMIT 1000",
                               "i", after);
        size_t i, n = json_array_size(rows);
        json_t *r;
        json_array_foreach(rows, i, r)
        {
            after = json_integer_value(json_object_get(r, "id"));
            if (name_keys_insert(db, after, sget(r, "given_name"), sget(r, "family_name"), sget(r, "preferred_name"),
                                 sget(r, "phone")) != DB_OK) {
                json_decref(rows);
                return -1;
            }
        }
        json_decref(rows);
        done += (int64_t)n;
        if (n < 1000)
            break;
    }
    if (done)
        log_info("migration 023: search keys of %lld clients", (long long)done);
    return 0;
}
static const struct migration_step client_keys_step = {23, "023 client_name_keys backfill", client_keys_backfill};
MIGRATION_STEP(client_keys_step);

/* Levenshtein distance of two short lower-cased strings (names), capped at 9. */
static int distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 60 || m > 60)
        return 9;
    int d[61][61];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            d[i][j] = v;
        }
    return d[n][m];
}

/* Likely duplicates: the same identifier, or a similar name with the same date of birth. */
static json_t *find_duplicates(struct ctx *c, json_t *in)
{
    json_t *cands = json_array();
    json_t *seen = json_object();
    json_t *ids = json_object_get(in, "identifiers");
    size_t i;
    json_t *id;
    json_array_foreach(ids, i, id)
    {
        json_t *rows = db_rows(c->db,
                               "SELECT c.id, c.given_name, c.family_name, c.birth_date, 'same identifier' AS why,"
                               " o.name AS organisation FROM client_identifiers i JOIN clients c ON c.id=i.client_id"
                               " JOIN orgs o ON o.id=c.org_id WHERE i.value=? AND i.kind=? LIMIT 10",
                               "tt", sget(id, "value"), sget(id, "kind"));
        size_t j;
        json_t *r;
        json_array_foreach(rows, j, r)
        {
            char k[24];
            snprintf(k, sizeof k, "%lld", (long long)json_integer_value(json_object_get(r, "id")));
            if (!json_object_get(seen, k)) {
                json_object_set_new(seen, k, json_true());
                json_array_append(cands, r);
            }
        }
        json_decref(rows);
    }
    char mine[210];
    snprintf(mine, sizeof mine, "%s %s", sget(in, "given_name"), sget(in, "family_name"));
    json_t *rows = db_rows(c->db,
                           "SELECT c.id, c.given_name, c.family_name, c.birth_date,"
                           " 'similar name, same date of birth' AS why, o.name AS organisation"
                           " FROM clients c JOIN orgs o ON o.id=c.org_id WHERE c.birth_date=? LIMIT 200",
                           "t", sget(in, "birth_date"));
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        char theirs[210], k[24];
        snprintf(theirs, sizeof theirs, "%s %s", sget(r, "given_name"), sget(r, "family_name"));
        snprintf(k, sizeof k, "%lld", (long long)json_integer_value(json_object_get(r, "id")));
        int close = distance(mine, theirs) <= 2 || strcasecmp(sget(r, "family_name"), sget(in, "family_name")) == 0 ||
                    strcasecmp(sget(r, "given_name"), sget(in, "given_name")) == 0;
        if (close && !json_object_get(seen, k)) {
            json_object_set_new(seen, k, json_true());
            json_array_append(cands, r);
        }
    }
    json_decref(rows);
    json_decref(seen);
    return cands;
}

int client_create(struct ctx *c, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_CLIENT, ACT_CREATE, 0, "client.create");
    if (rc != OK)
        return rc;
    rc = check_fields(c, in, 1, NULL);
    if (rc != OK)
        return rc;
    json_t *cands = find_duplicates(c, in);
    int confirmed = v_bool(in, "confirm_new");
    /* Which look-alikes the user may at least find: only those are named, and only those are linked. */
    size_t i;
    json_t *x;
    json_array_foreach(cands, i, x)
        json_object_set_new(x, "findable",
                            json_boolean(access_may(c, RES_CLIENT, ACT_LIST, json_integer_value(json_object_get(x, "id")))));
    if (json_array_size(cands) > 0 && !confirmed) {
        /* Show a look-alike only to someone who may at least find that client; for the others say
         * which organisation holds a record and why it matched (whether the date of birth is the one
         * typed), without a name or an id. Either way the look-up is audited. */
        json_t *shown = json_array();
        json_array_foreach(cands, i, x)
        {
            int64_t cid = json_integer_value(json_object_get(x, "id"));
            audit_log_kept(c, "client.duplicate_check", cid, "client", cid);
            if (json_is_true(json_object_get(x, "findable"))) {
                json_object_del(x, "findable");
                json_array_append(shown, x);
            } else
                json_array_append_new(
                    shown, json_pack("{s:O,s:b,s:O,s:b}", "why", json_object_get(x, "why"), "other_organisation", 1,
                                     "organisation", json_object_get(x, "organisation"), "same_birth_date",
                                     str_eq(sget(x, "birth_date"), sget(in, "birth_date"))));
        }
        json_decref(cands);
        c->extra = json_pack("{s:o}", "candidates", shown);
        return ctx_fail(c, ERR_DUPLICATE,
                        _("This person may already be registered. Check the candidates, or confirm that this is a "
                          "new person."));
    }
    char now[32];
    iso_now(now);
    int64_t me = c->a->staff_id;
    int64_t id = db_insert_id(
        c->db,
        "INSERT INTO clients(given_name, family_name, preferred_name, birth_date, sex, gender_identity, language,"
        " phone, email, address, emergency_contacts, org_id, created_by, created_at, updated_by, updated_at,"
        " name_order, address_detail, postal_code, address_country)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        "tttttttttttiitittttt", sget(in, "given_name"), sget(in, "family_name"), sget(in, "preferred_name"),
        sget(in, "birth_date"), sget(in, "sex"), sget(in, "gender_identity"), sget(in, "language"),
        sget(in, "phone"), sget(in, "email"), sget(in, "address"), sget(in, "emergency_contacts"),
        c->a->org_id, me, now, me, now, name_order_kept(sget(in, "name_order")), sget(in, "address_detail"),
        sget(in, "postal_code"), sget(in, "address_country"));
    if (!id) {
        json_decref(cands);
        return ctx_fail(c, ERR_DB, _("The client could not be saved."));
    }
    json_array_foreach(json_object_get(in, "identifiers"), i, x)
        db_run(c->db, "INSERT INTO client_identifiers(client_id, kind, value) VALUES (?,?,?)", "itt", id,
               sget(x, "kind"), sget(x, "value"));
    /* Linked: the look-alikes the user may find (a link to a record the user may not find would show it
     * to whoever reads the new one). */
    json_array_foreach(cands, i, x)
        if (json_is_true(json_object_get(x, "findable")))
            db_run(c->db,
               "INSERT INTO client_links(client_id, other_id, reason, created_by, created_at) VALUES (?,?,?,?,?)",
               "iitit", id, (int64_t)json_integer_value(json_object_get(x, "id")),
               json_string_value(json_object_get(x, "why")), me, now);
    json_decref(cands);
    fts_set(c->db, id, in, 0);
    audit_log(c, "client.create", "ok", id, "client", id, NULL);
    *out = db_row(c->db, "SELECT id, given_name, family_name, birth_date, version FROM clients WHERE id=?", "i", id);
    return OK;
}

/* A client's record with its identifiers, look-alike links and open episodes in one query (one
 * round trip on a client-server database): the lists come back as JSON arrays, each made by the
 * engine's own JSON functions (db_sql) from a sorted subquery. %1$s aggregates, %2$s builds. */
/* The identity record's columns (the response shape and the version kept in client_versions). */
#define CLIENT_COLS(p)                                                                                            \
    p "id, " p "given_name, " p "family_name, " p "preferred_name, " p "birth_date, " p "sex, " p                  \
      "gender_identity, " p "language, " p "phone, " p "email, " p "address, " p "emergency_contacts, " p "org_id, " \
      p "created_by, " p "created_at, " p "updated_by, " p "updated_at, " p "version, coalesce(" p "name_order, 'auto')" \
      " AS name_order, " p "address_detail, " p "postal_code, " p "address_country"
#define PROGRAMMES_JSON                                                                                           \
    "(SELECT coalesce(%1$s(%2$s('programme', x.programme, 'status', x.status, 'organisation', x.organisation)),"  \
    " '[]') FROM (SELECT e.programme, e.status, o.name AS organisation FROM episodes e JOIN orgs o"                \
    " ON o.id=e.org_id WHERE e.client_id=?1 AND e.status<>'discharged' ORDER BY e.id) x) AS programmes_json"
/* The look-alikes linked to ?1 through one column of client_links, without those dismissed as different. */
#define LINK_SIDE(THEIRS, MINE)                                                                                   \
    "SELECT l.id AS link_id, l." THEIRS " AS id, l.reason, y.given_name, y.family_name, y.name_order, yo.name AS organisation,"  \
    " l.state, d.display_name AS decided_by_name, l.decided_at FROM client_links l JOIN clients y ON"               \
    " y.id=l." THEIRS " JOIN orgs yo ON yo.id=y.org_id LEFT JOIN staff d ON d.id=l.decided_by WHERE l." MINE       \
    "=?1 AND l.state<>'different'"
static const char SQL_FULL[] =
    "SELECT " CLIENT_COLS("c.") ", o.name AS organisation,"
    " (SELECT coalesce(%1$s(%2$s('kind', x.kind, 'value', x.value)), '[]') FROM (SELECT kind, value"
    " FROM client_identifiers WHERE client_id=?1 ORDER BY id) x) AS identifiers_json,"
    " (SELECT coalesce(%1$s(%2$s('link_id', x.link_id, 'id', x.id, 'reason', x.reason, 'given_name',"
    " x.given_name, 'family_name', x.family_name, 'name_order', x.name_order, 'organisation', x.organisation, 'state', x.state,"
    " 'decided_by_name', x.decided_by_name, 'decided_at', x.decided_at)), '[]') FROM (" LINK_SIDE("other_id", "client_id")
    " UNION " LINK_SIDE("client_id", "other_id") " ORDER BY link_id) x) AS links_json, " PROGRAMMES_JSON
    /* most records have no active flag: then the flags' own query (a sort) is not run */
    ", EXISTS (SELECT 1 FROM flags f WHERE f.client_id=?1 AND f.status='active') AS has_flags"
    " FROM clients c JOIN orgs o ON o.id=c.org_id WHERE c.id=?1";
static const char SQL_LIMITED[] =
    "SELECT id, given_name, family_name, preferred_name, coalesce(name_order, 'auto') AS name_order,"
    " substr(birth_date,1,4) AS birth_year, "
    PROGRAMMES_JSON
    " FROM clients WHERE id=?1";

/* Replace the JSON text in column `from` with the parsed array under `to`. */
static void json_column(json_t *o, const char *from, const char *to)
{
    const char *text = json_string_value(json_object_get(o, from));
    json_t *v = text && strcmp(text, "[]") != 0 ? json_loads(text, 0, NULL) : NULL;
    json_object_set_new(o, to, v ? v : json_array());
    json_object_del(o, from);
}

int client_get(struct ctx *c, int64_t id, json_t **out)
{
    struct access acc;
    int rc = access_client(c, id, &acc);
    if (rc == OK && acc.level == ACC_NONE)
        rc = access_check(c, RES_CLIENT, ACT_LIST, id, "client.read"); /* the denial, audited */
    else if (rc == OK)
        rc = access_check(c, RES_CLIENT, acc.level == ACC_FULL ? ACT_READ : ACT_LIST, id, "client.read");
    else
        rc = ctx_fail(c, rc, _("No such client."));
    if (rc != OK)
        return rc;
    char sql[4096];
    snprintf(sql, sizeof sql, acc.level == ACC_FULL ? SQL_FULL : SQL_LIMITED, db_sql(c->db, DB_SQL_JSON_AGG),
             db_sql(c->db, DB_SQL_JSON_OBJECT));
    json_t *o = db_row(c->db, sql, "i", id);
    if (!o)
        return ctx_fail(c, ERR_DB, _("The client record could not be read."));
    json_column(o, "programmes_json", "programmes");
    if (acc.level == ACC_FULL) {
        json_column(o, "identifiers_json", "identifiers");
        json_column(o, "links_json", "links");
        /* A linked record the reader may not find is shown without its name or id: which organisation
         * holds it and why it was linked. */
        size_t i;
        json_t *l;
        json_array_foreach(json_object_get(o, "links"), i, l)
        {
            int hidden = !access_may(c, RES_CLIENT, ACT_LIST, json_integer_value(json_object_get(l, "id")));
            json_object_set_new(l, "hidden", json_boolean(hidden));
            if (hidden) {
                json_object_del(l, "given_name");
                json_object_del(l, "family_name");
                json_object_set_new(l, "id", json_null());
            }
        }
        const char *stage;
        json_object_set_new(o, "age", json_integer(client_life_stage(sget(o, "birth_date"), &stage)));
        json_object_set_new(o, "life_stage", json_string(stage));
        /* The active risk flags for the banner, part of this read, when the actor may see flags. */
        int has_flags = json_integer_value(json_object_get(o, "has_flags")) != 0; /* both engines: 0 or 1 */
        json_object_del(o, "has_flags");
        if (access_may(c, RES_FLAG, ACT_LIST, id))
            json_object_set_new(o, "flags", has_flags ? flag_active(c->db, id) : json_array());
        audit_log(c, "client.read", "ok", id, "client", id, NULL);
    } else {
        audit_log(c, "client.read_limited", "ok", id, "client", id, NULL);
    }
    json_object_set_new(o, "access",
                        json_pack("{s:s,s:b,s:b,s:b,s:b,s:s?}", "level", acc.level == ACC_FULL ? "full" : "find",
                                  "break_glass", acc.break_glass, "on_call", acc.on_call, "notes", acc.notes,
                                  "write", acc.write, "break_glass_expires",
                                  acc.break_glass ? acc.bg_expires : NULL));
    *out = o;
    return OK;
}

int client_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_CLIENT, ACT_UPDATE, id, "client.update");
    if (rc != OK)
        return rc;
    json_t *old = db_row(c->db, "SELECT " CLIENT_COLS("") " FROM clients WHERE id=?", "i", id);
    if ((rc = check_fields(c, in, 0, old)) != OK) {
        json_decref(old);
        return rc;
    }
    int64_t cur = json_integer_value(json_object_get(old, "version"));
    if (version != cur) {
        json_decref(old);
        return ctx_stale(c, cur);
    }
    char now[32];
    iso_now(now);
    char *data = json_dumps(old, JSON_COMPACT | JSON_SORT_KEYS);
    db_run(c->db,
           "INSERT INTO client_versions(client_id, version, data, changed_by, changed_at) VALUES (?,?,?,?,?)", "iitit",
           id, cur, data, c->a->staff_id, now);
    free(data);
    json_t *merged = json_deep_copy(old);
    for (size_t i = 0; i < ARRAY_LEN(cfields); i++) {
        json_t *v = json_object_get(in, cfields[i].name);
        if (v)
            json_object_set(merged, cfields[i].name, json_is_string(v) && !*json_string_value(v) ? json_null() : v);
    }
    rc = db_run(c->db,
                "UPDATE clients SET given_name=?, family_name=?, preferred_name=?, birth_date=?, sex=?,"
                " gender_identity=?, language=?, phone=?, email=?, address=?, emergency_contacts=?, updated_by=?,"
                " updated_at=?, name_order=?, address_detail=?, postal_code=?, address_country=?, version=version+1"
                " WHERE id=? AND version=?",
                "tttttttttttitttttii", sget(merged, "given_name"), sget(merged, "family_name"),
                sget(merged, "preferred_name"), sget(merged, "birth_date"), sget(merged, "sex"),
                sget(merged, "gender_identity"), sget(merged, "language"), sget(merged, "phone"),
                sget(merged, "email"), sget(merged, "address"), sget(merged, "emergency_contacts"), c->a->staff_id,
                now, name_order_kept(sget(merged, "name_order")), sget(merged, "address_detail"),
                sget(merged, "postal_code"), sget(merged, "address_country"), id, cur);
    int changed = db_changes(c->db) == 1;
    if (rc == DB_OK && changed)
        fts_set(c->db, id, merged, 1);
    json_decref(old);
    json_decref(merged);
    if (rc != DB_OK || !changed)
        return ctx_fail(c, rc != DB_OK ? ERR_DB : ERR_CONFLICT, _("The record could not be saved."));
    audit_log(c, "client.update", "ok", id, "client", id, NULL);
    return client_get(c, id, out);
}

int client_history(struct ctx *c, int64_t id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_CLIENT, ACT_READ, id, "client.history");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.version", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out,
                    "SELECT v.version, v.changed_at, s.display_name AS changed_by, v.data FROM client_versions v"
                    " JOIN staff s ON s.id=v.changed_by WHERE v.client_id=?",
                    "i", id);
    if (rc != OK)
        return rc;
    audit_log(c, "client.history", "ok", id, "client", id, NULL);
    return OK;
}

/* Another organisation finds a client through an active consent to it, for a purpose of the actor's
 * role (?10: ",purpose,...," as consent_purposes_of_role gives them), that grants identity: what
 * access.c's REL_SHARED lets it read (consent_classes). */
#define VISIBLE_SHARED                                                                                             \
    " OR EXISTS (SELECT 1 FROM consents k JOIN consent_orgs g ON g.consent_id=k.id AND g.org_id=?1 WHERE"          \
    " k.client_id=c.id AND " CONSENT_ACTIVE_SQL                                                                    \
    " AND (k.classes & 1)<>0 AND ?10 LIKE ('%%,' || k.purpose || ',%%'))"
/* Visibility predicate on c.id: what the actor may at least find. */
#define VISIBLE_ANY                                                                                                \
    " AND (c.org_id=?1 OR EXISTS (SELECT 1 FROM episodes e WHERE e.client_id=c.id AND (e.org_id=?1 OR"           \
    " (e.status<>'discharged' AND (e.primary_cm=?2 OR EXISTS (SELECT 1 FROM team_members t WHERE"                   \
    " t.episode_id=e.id AND t.staff_id=?2 AND (t.to_date IS NULL OR t.to_date>?3)))))) OR EXISTS (SELECT 1 FROM" \
    " break_glass b WHERE b.client_id=c.id AND b.staff_id=?2 AND b.expires_at>?4)" VISIBLE_SHARED ")"
#define VISIBLE_TEAM                                                                                               \
    " AND ?1=?1 AND (EXISTS (SELECT 1 FROM episodes e WHERE e.client_id=c.id AND e.status<>'discharged' AND"      \
    " (e.primary_cm=?2 OR EXISTS (SELECT 1 FROM team_members t WHERE t.episode_id=e.id AND t.staff_id=?2 AND"      \
    " (t.to_date IS NULL OR t.to_date>?3)))) OR EXISTS (SELECT 1 FROM break_glass b WHERE b.client_id=c.id AND"   \
    " b.staff_id=?2 AND b.expires_at>?4)" VISIBLE_SHARED ")"
/* _own: the client belongs to the actor's organisation (?1, CLIENT_OF_ORG_SQL), so the search need
 * not ask access_shared_basis about it. */
#define OWN_COL ", CASE WHEN " CLIENT_OF_ORG_SQL("?1") " THEN 1 ELSE 0 END AS _own"
#define SEARCH_COLS                                                                                               \
    "SELECT c.id, c.given_name, c.family_name, c.preferred_name,"                             \
    " coalesce(c.name_order, 'auto') AS name_order, substr(c.birth_date,1,4) AS birth_year, (SELECT %s(e.programme, ',') FROM episodes e WHERE e.client_id=c.id AND e.status<>'discharged')"            \
    " AS programmes" OWN_COL
/* Which input drives the search when no name is given: the date of birth, or an identifier; the
 * other inputs filter. (A name drives it through its keys, name_search_sql.) */
#define BY_BIRTH " FROM clients c WHERE c.birth_date=?7 AND c.id>?5 AND ?6 IS NULL"
#define BY_IDENT                                                                                                  \
    " FROM client_identifiers i CROSS JOIN clients c WHERE c.id=i.client_id AND i.value=?8 AND c.id>?5"            \
    " AND ?6 IS NULL"
#define FILTERS                                                                                                   \
    " AND (?7 IS NULL OR c.birth_date=?7)"                                                                        \
    " AND (?8 IS NULL OR c.id IN (SELECT client_id FROM client_identifiers WHERE value=?8))"
#define SEARCH_SQL(DRIVER, ORDER, VIS) SEARCH_COLS DRIVER FILTERS VIS " ORDER BY " ORDER " LIMIT ?9"

/* ---- a name: its words looked up in client_name_keys, most relevant first ----
 * Four levels, each read in its own order and stopped at the page's end (UNION ALL ... LIMIT), each
 * leaving out what an earlier one found:
 *   0 the whole name: the words joined equal a client's whole name (김민지, 김 민지, xiaoling wu);
 *   1 whole words: each word is a word of the name (김, 민지, wu) or a phone's last four digits;
 *   2 the start of a key: each word begins a word, the whole name, its initial consonants (ㄱㅁㅈ,
 *     ㅁㅈ) or a part of a phone number; read in the order of the key it began (김민 before 김민지);
 *   3 inside a name: each word (three characters or more) anywhere in it (the trigram index).
 * Levels 0, 1 and 3 are in id order. The cursor is [level, key, kind, id]. Parameters: ?1-?10 as for
 * the other drivers (?6 the trigram match), ?11+2i and ?12+2i word i and the end of its prefix range
 * (word || U+10FFFF), ?23 the words joined, ?24 the level the page starts at, ?25 the key, ?26 the
 * lowest key of level 2, ?27 the kind. */
#define NAME_WORDS 6
#define P_JOINED 23
#define KEY_END "\xF4\x8F\xBF\xBF" /* U+10FFFF: above every character of a key */

struct name_query {
    int n, drive;                               /* words; the longest, which drives levels 1 and 2 */
    char w[NAME_WORDS][NAMEKEY_LEN];            /* folded */
    char hi[NAME_WORDS][NAMEKEY_LEN + 4];       /* w || U+10FFFF */
    char joined[NAMEKEY_LEN];
    int trigram;                                /* every word has three characters: level 3 too */
};

/* Split and fold the words of q; -1 when none is left or there are too many. */
static int name_query_parse(const char *q, struct name_query *nq)
{
    memset(nq, 0, sizeof *nq);
    nq->trigram = 1;
    size_t jo = 0;
    for (const char *p = q; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *s = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        if (p == s)
            break;
        if (nq->n == NAME_WORDS)
            return -1;
        int len = name_query_word(s, (size_t)(p - s), nq->w[nq->n], NAMEKEY_LEN);
        if (len < 0)
            return -1;
        if (len == 0)
            continue;
        if (utf8_len(nq->w[nq->n]) < 3)
            nq->trigram = 0;
        memcpy(nq->hi[nq->n], nq->w[nq->n], (size_t)len);
        memcpy(nq->hi[nq->n] + len, KEY_END, sizeof KEY_END); /* the bytes and the NUL */
        if (jo + (size_t)len >= sizeof nq->joined)
            return -1;
        memcpy(nq->joined + jo, nq->w[nq->n], (size_t)len + 1);
        jo += (size_t)len;
        if (len > (int)strlen(nq->w[nq->drive]))
            nq->drive = nq->n;
        nq->n++;
    }
    return nq->n ? 0 : -1;
}

/* A key of the client c, by the words' parameters: the whole name, word i whole, word i begun. */
#define HAS_KEY "EXISTS (SELECT 1 FROM client_name_keys x WHERE x.client_id=c.id AND "
static void has_joined(struct buf *b)
{
    buf_printf(b, HAS_KEY "x.key=?%d AND x.kind=0)", P_JOINED);
}
static void has_word(struct buf *b, int i)
{
    buf_printf(b, HAS_KEY "x.key=?%d AND x.kind<=1)", 11 + 2 * i);
}
static void has_word1(struct buf *b, int i) /* a word of the name itself (level 1's driving word) */
{
    buf_printf(b, HAS_KEY "x.key=?%d AND x.kind=1)", 11 + 2 * i);
}
static void has_prefix(struct buf *b, int i)
{
    buf_printf(b, HAS_KEY "x.key>=?%d AND x.key<?%d)", 11 + 2 * i, 12 + 2 * i);
}

/* The SQL of a name search starting at level `from` (the cursor's; 0 on the first page). */
static char *name_search_sql(struct db *db, const struct name_query *nq, int from, const char *vis)
{
    struct buf b;
    buf_init(&b);
    const char *agg = db_sql(db, DB_SQL_LIST_AGG);
    int d = nq->drive, first = 1;
    for (int level = from; level <= 3; level++) {
        if (level == 3 && !nq->trigram)
            break;
        buf_adds(&b, first ? "SELECT * FROM (" : " UNION ALL SELECT * FROM (");
        first = 0;
        if (level == 3)
            buf_adds(&b, "SELECT 3 AS _r, '' AS _k, 0 AS _t, c.id");
        else if (level == 2)
            buf_adds(&b, "SELECT 2 AS _r, n.key AS _k, n.kind AS _t, c.id");
        else
            buf_printf(&b, "SELECT %d AS _r, '' AS _k, 0 AS _t, c.id", level);
        buf_printf(&b,
                   ", c.given_name, c.family_name, c.preferred_name, coalesce(c.name_order, 'auto') AS name_order,"
                   " substr(c.birth_date,1,4) AS birth_year,"
                   " (SELECT %s(e.programme, ',') FROM episodes e WHERE e.client_id=c.id AND e.status<>'discharged')"
                   " AS programmes" OWN_COL,
                   agg);
        switch (level) {
        case 0:
            buf_printf(&b, " FROM client_name_keys n CROSS JOIN clients c WHERE n.key=?%d AND n.kind=0", P_JOINED);
            break;
        case 1:
            buf_printf(&b, " FROM client_name_keys n CROSS JOIN clients c WHERE n.key=?%d AND n.kind=1", 11 + 2 * d);
            break;
        case 2:
            buf_printf(&b,
                       " FROM client_name_keys n CROSS JOIN clients c WHERE n.key>=?26 AND n.key<?%d AND NOT"
                       " EXISTS (SELECT 1 FROM client_name_keys y WHERE y.client_id=n.client_id AND y.key>=?%d"
                       " AND y.key<n.key)",
                       12 + 2 * d, 11 + 2 * d);
            break;
        default:
            /* PostgreSQL plans the search once for every query (db_pg.c: generic plans), not knowing
             * how many names a pattern matches; over the table in rowid order, that plan walked the
             * primary key testing every name when few or none matched (120 ms at 100,000 clients for
             * a name nobody has). Here the matches come from the trigram index, their ids sorted
             * alone, then joined in that order until the page is full. FTS5 gives them in rowid
             * order itself. */
            buf_printf(&b,
                       db_is_sqlite(db) ? " FROM clients_fts f CROSS JOIN clients c WHERE %s AND"
                                        : " FROM (SELECT f.rowid + 0 AS rowid FROM clients_fts f WHERE %s"
                                          " ORDER BY 1 OFFSET 0) f CROSS JOIN clients c WHERE",
                       db_sql(db, DB_SQL_NAME_MATCH));
        }
        buf_adds(&b, level == 3 ? " c.id=f.rowid" : " AND c.id=n.client_id");
        /* the other words, and not what an earlier level found */
        for (int i = 0; i < nq->n; i++)
            if (level == 1 && i != d) {
                buf_adds(&b, " AND ");
                has_word(&b, i);
            } else if (level == 2 && i != d) {
                buf_adds(&b, " AND ");
                has_prefix(&b, i);
            }
        if (level >= 1) {
            buf_adds(&b, " AND NOT ");
            has_joined(&b);
        }
        if (level == 2 || level == 3) {
            buf_adds(&b, " AND NOT (");
            for (int i = 0; i < nq->n; i++) {
                buf_adds(&b, i ? " AND " : "");
                if (level == 3)
                    has_prefix(&b, i);
                else if (i == d)
                    has_word1(&b, i);
                else
                    has_word(&b, i);
            }
            buf_adds(&b, ")");
        }
        /* where the page starts, on the cursor's level */
        if (level == from && level == 2)
            buf_adds(&b, " AND (n.key>?25 OR (n.key=?25 AND (n.kind>?27 OR (n.kind=?27 AND n.client_id>?5))))");
        else if (level == from)
            buf_adds(&b, level == 3 ? " AND f.rowid>?5" : " AND n.client_id>?5");
        buf_adds(&b, FILTERS);
        for (const char *v = vis; *v; v++) /* the visibility macros are printf templates ("%%") */
            if (!(v[0] == '%' && v[1] == '%'))
                buf_addc(&b, *v);
        buf_adds(&b, level == 3   ? " ORDER BY f.rowid LIMIT ?9) l3"
                     : level == 2 ? " ORDER BY n.key, n.kind, n.client_id LIMIT ?9) l2"
                                  : level == 1 ? " ORDER BY n.client_id LIMIT ?9) l1" : " ORDER BY n.client_id LIMIT ?9) l0");
    }
    buf_adds(&b, " LIMIT ?9");
    return buf_steal(&b);
}

/* Every parameter of a search (1..SEARCH_PARAMS): type 'i' (v) or 't' (t; NULL: a null of type text). */
#define SEARCH_PARAMS 27
struct search_param {
    char type;
    int64_t v;
    const char *t;
};
static void search_params(struct search_param *p, const struct name_query *nq, int64_t org, int64_t staff,
                          const char *today, const char *now, int64_t after, const char *match, const char *birth,
                          const char *ident, int64_t limit, const char *purposes, int from, const char *after_key,
                          int64_t after_kind)
{
    int named = nq && nq->n;
    for (int i = 1; i <= SEARCH_PARAMS; i++) {
        struct search_param *x = &p[i - 1];
        *x = (struct search_param){'t', 0, NULL};
        switch (i) {
        case 1: *x = (struct search_param){'i', org, NULL}; break;
        case 2: *x = (struct search_param){'i', staff, NULL}; break;
        case 3: x->t = today; break;
        case 4: x->t = now; break;
        case 5: *x = (struct search_param){'i', after, NULL}; break;
        case 6: x->t = match; break;
        case 7: x->t = birth; break;
        case 8: x->t = ident; break;
        case 9: *x = (struct search_param){'i', limit, NULL}; break;
        case 10: x->t = purposes; break;
        case P_JOINED: x->t = named ? nq->joined : NULL; break;
        case 24: *x = (struct search_param){'i', from, NULL}; break;
        case 25: x->t = after_key ? after_key : ""; break;
        case 26: x->t = named ? (from == 2 && after_key ? after_key : nq->w[nq->drive]) : NULL; break;
        case 27: *x = (struct search_param){'i', after_kind, NULL}; break;
        default: {
            int w = (i - 11) / 2;
            x->t = named && w < nq->n ? ((i - 11) % 2 ? nq->hi[w] : nq->w[w]) : NULL;
        }
        }
    }
}

/* Bind them all (unused ones too, typed, so that PostgreSQL knows each). */
static struct db_stmt *search_bind(struct db *db, const char *sql, const struct search_param *p)
{
    struct db_stmt *st = db_query(db, sql, "");
    for (int i = 1; st && i <= SEARCH_PARAMS; i++) {
        const struct search_param *x = &p[i - 1];
        int rc = x->type == 'i' ? db_bind(st, i, 'i', NULL, x->v)
                 : x->t        ? db_bind(st, i, 't', x->t, -1)
                               : db_bind(st, i, 'n', NULL, 't');
        if (rc != DB_OK && db_is_sqlite(db))
            break; /* an index above the statement's own: SQLite's statements know only theirs */
    }
    return st;
}

json_t *client_search_explain(struct db *db, const char *q, int64_t org, int64_t staff, int role)
{
    struct name_query nq;
    if (!q || name_query_parse(q, &nq) != 0)
        return NULL;
    char match[600] = "", today[16], now[32], purposes[96] = ",";
    if (nq.trigram && db_name_match(db, q, match, sizeof match) != 0)
        nq.trigram = 0;
    iso_today(today);
    iso_now(now);
    unsigned mine = consent_purposes_of_role(role);
    for (int p = 0; consent_purposes[p]; p++)
        if (mine & (1u << p) && strlen(purposes) + strlen(consent_purposes[p]) + 2 < sizeof purposes)
            strcat(strcat(purposes, consent_purposes[p]), ",");
    int org_wide = access_table(RES_CLIENT, ACT_LIST, REL_SAME_ORG, role) != V_DENY;
    char *sql = name_search_sql(db, &nq, 0, org_wide ? VISIBLE_ANY : VISIBLE_TEAM);
    struct search_param p[SEARCH_PARAMS];
    search_params(p, &nq, org, staff, today, now, 0, nq.trigram ? match : NULL, NULL, NULL, 21, purposes, 0, NULL, 0);
    json_t *params = json_array();
    for (int i = 0; i < SEARCH_PARAMS; i++)
        json_array_append_new(params, p[i].type == 'i' ? json_integer(p[i].v) : p[i].t ? json_string(p[i].t) : json_null());
    json_t *out = json_pack("{s:s,s:o}", "sql", sql, "params", params);
    free(sql);
    return out;
}

int client_search(struct ctx *c, const char *q, const char *birth_date, const char *identifier,
                  const struct page *page, json_t **out)
{
    int rc = access_check(c, RES_CLIENT, ACT_LIST, 0, "client.search");
    if (rc != OK)
        return rc;
    if ((!q || !*q) && (!birth_date || !*birth_date) && (!identifier || !*identifier))
        return ctx_field(c, "q", _("give a name, a date of birth or an identifier"));
    if (birth_date && *birth_date && !iso_date_valid(birth_date))
        return ctx_field(c, "birth_date", _("must be a date YYYY-MM-DD"));
    struct name_query nq = {0};
    char match[600] = "";
    int by_name = q && *q;
    if (by_name && (strlen(q) > 200 || name_query_parse(q, &nq) != 0))
        return ctx_field(c, "q", _("give a name, a part of one or a phone number (at most six words)"));
    if (by_name && nq.trigram && db_name_match(c->db, q, match, sizeof match) != 0)
        nq.trigram = 0; /* no word is inside a name that the keys did not find already */
    struct page pg = {page ? page->after : NULL, page && page->limit > 0 ? page_limit(page) : 20};
    int limit = pg.limit;
    json_t *cursor;
    rc = page_after(c, &pg, by_name ? 4 : 1, &cursor);
    if (rc != OK)
        return rc;
    int64_t after = json_integer_value(json_array_get(cursor, by_name ? 3 : 0));
    int from = by_name && cursor ? (int)json_integer_value(json_array_get(cursor, 0)) : 0;
    int64_t after_kind = by_name && cursor ? json_integer_value(json_array_get(cursor, 2)) : 0;
    char after_key[NAMEKEY_LEN] = "";
    if (by_name && cursor)
        snprintf(after_key, sizeof after_key, "%s",
                 json_is_string(json_array_get(cursor, 1)) ? json_string_value(json_array_get(cursor, 1)) : "");
    int bad = cursor && (after <= 0 || from < 0 || from > (nq.trigram ? 3 : 2) ||
                         (by_name && !json_is_string(json_array_get(cursor, 1))));
    json_decref(cursor);
    if (bad)
        return page_bad_cursor(c);
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    /* A role the table lets find through the organisation searches it; the others only their own. */
    int org_wide = access_table(RES_CLIENT, ACT_LIST, REL_SAME_ORG, c->a->role) != V_DENY;
    static const char *const sql[2][2] = {
        {SEARCH_SQL(BY_BIRTH, "c.id", VISIBLE_ANY), SEARCH_SQL(BY_IDENT, "c.id", VISIBLE_ANY)},
        {SEARCH_SQL(BY_BIRTH, "c.id", VISIBLE_TEAM), SEARCH_SQL(BY_IDENT, "c.id", VISIBLE_TEAM)},
    };
    char *text;
    if (by_name) {
        text = name_search_sql(c->db, &nq, from, org_wide ? VISIBLE_ANY : VISIBLE_TEAM);
    } else {
        /* The engine's words for joining programmes (db_sql). */
        char buf[4096];
        snprintf(buf, sizeof buf, sql[!org_wide][birth_date && *birth_date ? 0 : 1], db_sql(c->db, DB_SQL_LIST_AGG));
        text = xstrdup(buf);
    }
    char purposes[96] = ",";
    unsigned mine = consent_purposes_of_role(c->a->role);
    for (int p = 0; consent_purposes[p]; p++)
        if (mine & (1u << p) && strlen(purposes) + strlen(consent_purposes[p]) + 2 < sizeof purposes)
            strcat(strcat(purposes, consent_purposes[p]), ",");
    struct search_param params[SEARCH_PARAMS];
    search_params(params, by_name ? &nq : NULL, c->a->org_id, c->a->staff_id, today, now, after,
                  nq.trigram ? match : NULL, birth_date && *birth_date ? birth_date : NULL,
                  identifier && *identifier ? identifier : NULL, (int64_t)limit + 1, purposes, from, after_key,
                  after_kind);
    struct db_stmt *st = search_bind(c->db, text, params);
    free(text);
    json_t *rows = json_array();
    int step = DB_ERR;
    while (st && (step = db_step(st)) == DB_ROW)
        json_array_append_new(rows, db_row_json(st));
    db_done(st);
    if (step != DB_DONE) {
        json_decref(rows);
        return ctx_fail(c, ERR_DB, _("The list could not be read."));
    }
    static const char *const by_id[] = {"id", NULL}, *const by_rank[] = {"_r", "_k", "_t", "id", NULL};
    *out = page_envelope(&pg, by_name ? by_rank : by_id, rows);
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r)
    {
        json_object_del(r, "_r");
        json_object_del(r, "_k");
        json_object_del(r, "_t");
    }
    /* One record of the search, naming every client it showed: each one's access report lists it. A
     * client another organisation found through consent gets a record of its own, naming the
     * consent (purpose "shared"), so that the report says which consent let it be found. */
    json_t *shown = json_array();
    const char *purpose = c->purpose;
    json_array_foreach(json_object_get(*out, "items"), i, r)
    {
        int64_t id = json_integer_value(json_object_get(r, "id"));
        int own = json_integer_value(json_object_get(r, "_own")) != 0;
        json_object_del(r, "_own");
        int64_t basis = own ? 0 : access_shared_basis(c, id);
        if (!basis) {
            json_array_append(shown, r);
            continue;
        }
        c->purpose = "shared";
        snprintf(c->basis, sizeof c->basis, "consent %lld", (long long)basis);
        audit_log(c, "client.search", "ok", id, "client", id, NULL);
    }
    c->purpose = purpose;
    c->basis[0] = 0;
    audit_log_shown(c, "client.search", "search", shown);
    json_decref(shown);
    return OK;
}

/* ---- look-alike links: confirmed as the same person or dismissed as different ---- */

const char *const client_link_states[] = {"same_person", "different", NULL};

#define LINK_COLS                                                                                                 \
    "SELECT l.id, l.client_id, l.other_id, l.reason, l.state, l.created_at, l.decided_by,"                        \
    " d.display_name AS decided_by_name, l.decided_at, l.decision_note FROM client_links l"                         \
    " LEFT JOIN staff d ON d.id=l.decided_by"

int client_link_decide(struct ctx *c, int64_t id, json_t *in, json_t **out)
{
    json_t *l = db_row(c->db, "SELECT client_id, other_id FROM client_links WHERE id=?", "i", id);
    if (!l)
        return ctx_fail(c, ERR_NOTFOUND, _("No such link."));
    int64_t a = json_integer_value(json_object_get(l, "client_id")), b = json_integer_value(json_object_get(l, "other_id"));
    json_decref(l);
    /* Someone the table lets decide on either record, who may find both (a decision is never blind). */
    int may = (access_may(c, RES_CLIENT_LINK, ACT_REVIEW, a) || access_may(c, RES_CLIENT_LINK, ACT_REVIEW, b)) &&
              access_may(c, RES_CLIENT, ACT_LIST, a) && access_may(c, RES_CLIENT, ACT_LIST, b);
    if (!may) {
        audit_log(c, "client_link.decide", "denied", b, "client_link", id, NULL);
        return access_deny(c, RES_CLIENT_LINK, ACT_REVIEW, a, "client_link.decide", "client_link", id, NULL);
    }
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    const char *state = v_str(c, in, "state", 1, 20, client_link_states);
    const char *note = v_str(c, in, "note", 0, 1000, NULL);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    char now[32];
    iso_now(now);
    if (db_run(c->db,
               "UPDATE client_links SET state=?, decided_by=?, decided_at=?, decision_note=? WHERE id=?"
               " AND state='suggested'",
               "titti", state, c->a->staff_id, now, note && *note ? note : NULL, id) != DB_OK)
        return ctx_fail(c, ERR_DB, _("The decision could not be saved."));
    if (db_changes(c->db) != 1)
        return ctx_fail(c, ERR_CONFLICT, _("This link has already been decided."));
    audit_log(c, "client_link.decide", "ok", a, "client_link", id, state);
    audit_log(c, "client_link.decide", "ok", b, "client_link", id, state);
    *out = db_row(c->db, LINK_COLS " WHERE l.id=?", "i", id);
    return OK;
}

/* ---- the descriptor ---- */

static const struct res_field client_identifier_fields[] = {
    {"kind", FT_STRING, 0, N_("Kind of identifier")},
    {"value", FT_STRING, 0, N_("Identifier")},
    {NULL, 0, 0, NULL},
};
/* A look-alike as the record shows it (without a name or id when the reader may not find it: hidden). */
static const struct res_field client_linked_fields[] = {
    {"link_id", FT_INT, 0, N_("Link")},
    {"id", FT_INT, 1, N_("Linked client")},
    {"reason", FT_STRING, 1, N_("Why they were linked")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {"organisation", FT_STRING, 0, N_("Organisation")},
    {"state", FT_STRING, 0, N_("Decision")}, /* suggested, same_person (dismissed ones are not shown) */
    {"decided_by_name", FT_STRING, 1, N_("Decided by")},
    {"decided_at", FT_DATETIME, 1, N_("Decided")},
    {"hidden", FT_BOOL, 0, N_("Not yours to find")},
    {NULL, 0, 0, NULL},
};
static const struct res_field client_programme_fields[] = {
    {"programme", FT_STRING, 0, N_("Programme")},
    {"status", FT_STRING, 0, N_("Status")},
    {"organisation", FT_STRING, 0, N_("Organisation")},
    {NULL, 0, 0, NULL},
};
static const struct res_field client_access_fields[] = {
    {"level", FT_STRING, 0, N_("Access")}, /* "full" or "find" */
    {"break_glass", FT_BOOL, 0, N_("By emergency access")},
    {"notes", FT_BOOL, 0, N_("May read notes")},
    {"write", FT_BOOL, 0, N_("May record")},
    {"break_glass_expires", FT_DATETIME, 1, N_("Emergency access ends")},
    {NULL, 0, 0, NULL},
};
/* client_get with full access (the limited view has id, names, birth_year, programmes, access). */
static const struct res_field client_fields[] = {
    {"id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {"preferred_name", FT_STRING, 1, N_("Preferred name")},
    {"birth_date", FT_DATE, 0, N_("Date of birth")},
    {"sex", FT_STRING, 1, N_("Sex")},
    {"gender_identity", FT_STRING, 1, N_("Gender identity")},
    {"language", FT_STRING, 1, N_("Language")},
    {"phone", FT_STRING, 1, N_("Phone")},
    {"email", FT_STRING, 1, N_("Email")},
    {"address", FT_STRING, 1, N_("Address")},
    {"emergency_contacts", FT_STRING, 1, N_("Emergency contacts")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"created_by", FT_INT, 0, N_("Registered by")},
    {"created_at", FT_DATETIME, 0, N_("Registered")},
    {"updated_by", FT_INT, 0, N_("Last changed by")},
    {"updated_at", FT_DATETIME, 0, N_("Last changed")},
    {"version", FT_INT, 0, N_("Version")},
    {"name_order", FT_STRING, 0, N_("Name order")}, /* auto, family_first, given_first */
    {"address_detail", FT_STRING, 1, N_("Address details")},
    {"postal_code", FT_STRING, 1, N_("Postal code")},
    {"address_country", FT_STRING, 1, N_("Country")},
    {"organisation", FT_STRING, 0, N_("Organisation")},
    {"programmes", FT_ARRAY, 0, N_("Open episodes"), client_programme_fields},
    {"identifiers", FT_ARRAY, 0, N_("Identifiers"), client_identifier_fields},
    {"links", FT_ARRAY, 0, N_("Possible duplicates"), client_linked_fields},
    {"age", FT_INT, 0, N_("Age")},
    {"life_stage", FT_STRING, 0, N_("Life stage")},
    {"flags", FT_ARRAY, 0, N_("Active risk flags")}, /* when the reader may see flags */
    {"access", FT_OBJECT, 0, N_("Your access"), client_access_fields},
    {NULL, 0, 0, NULL},
};
/* A search result. */
static const struct res_field client_summary[] = {
    {"id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {"preferred_name", FT_STRING, 1, N_("Preferred name")},
    {"name_order", FT_STRING, 0, N_("Name order")},
    {"birth_year", FT_STRING, 0, N_("Year of birth")},
    {"programmes", FT_STRING, 1, N_("Programmes")}, /* comma-separated, open episodes */
    {NULL, 0, 0, NULL},
};
static const struct res_audit client_actions[] = {
    {"client.create", ACT_CREATE},
    {"client.duplicate_check", ACT_READ}, /* likely duplicates were shown while registering */
    {"client.read", ACT_READ},
    {"client.read_limited", ACT_READ},    /* found, but only the identity was shown */
    {"client.view", ACT_READ},            /* a page view that read several sections (audit_view) */
    {"client.update", ACT_UPDATE},
    {"client.history", ACT_READ},
    {"client.search", ACT_LIST},
    {"client.caseload", ACT_LIST},        /* "my clients" */
    {"client.recent", ACT_LIST},          /* "recently viewed" */
    {NULL, 0},
};
static const char *const client_tables[] = {"clients",     "client_versions",  "client_identifiers", "client_links",
                                            "clients_fts", "client_name_keys", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule client_access[] = {
    /* the identity record: read (full), find (name, birth year, programmes), register, change */
    {RES_CLIENT, ACT_READ, TEAM, CARE, A},
    {RES_CLIENT, ACT_READ, PEER, PS, A},
    {RES_CLIENT, ACT_READ, GLASS | ONCALL, CARE, P},
    {RES_CLIENT, ACT_LIST, TEAM | ORG, CARE, A},
    {RES_CLIENT, ACT_LIST, PEER, PS, A},
    {RES_CLIENT, ACT_LIST, GLASS | ONCALL, CARE, P},
    {RES_CLIENT, ACT_READ, SHARED, CARE | PS, P},
    {RES_CLIENT, ACT_LIST, SHARED, CARE | PS, P},
    /* issue 13: a housing provider's coordinators read who applied to it or lives in its units (the
     * identity record; each section of the client page asks its own cell: housing, not notes) */
    {RES_CLIENT, ACT_READ, HOUSED, HOUS, A},
    {RES_CLIENT, ACT_LIST, HOUSED, HOUS, A},
    {RES_CLIENT, ACT_LIST, NONE, CARE | PS, A}, /* search (a peer supporter's finds only their own) */
    {RES_CLIENT, ACT_CREATE, NONE, CARE, A},
    {RES_CLIENT, ACT_UPDATE, TEAM, CARE, A},
    /* a peer supporter reads the identity and contact details of the clients assigned to them, and
     * does not change them (issue 11 §4): no ACT_UPDATE row at PEER */
    {RES_CLIENT, ACT_UPDATE, GLASS, CARE, P},
    {0}};
const struct resource res_client = {
    .access = client_access,
    .id = RES_CLIENT, .name = "client", .label = N_("Client"), .plural = N_("Clients"), RESOURCE_OF(client), .data_class = DC_BIT(DC_IDENTITY),
    .summary = client_summary};
RESOURCE_REGISTER(res_client);

/* A look-alike link and its decision (client_link_decide); the table client_links is the client's. */
static const struct res_field client_link_fields[] = {
    {"id", FT_INT, 0, N_("Link")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"other_id", FT_INT, 0, N_("Linked client")},
    {"reason", FT_STRING, 1, N_("Why they were linked")},
    {"state", FT_STRING, 0, N_("Decision")}, /* suggested, same_person, different */
    {"created_at", FT_DATETIME, 0, N_("Linked")},
    {"decided_by", FT_INT, 1, N_("Decided by")},
    {"decided_by_name", FT_STRING, 1, N_("Decided by")},
    {"decided_at", FT_DATETIME, 1, N_("Decided")},
    {"decision_note", FT_STRING, 1, N_("Note")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit client_link_actions[] = {
    {"client_link.decide", ACT_REVIEW},
    {NULL, 0},
};
static const char *const client_link_tables[] = {NULL};
static const struct access_rule client_link_access[] = {
    /* confirmed as the same person or dismissed as different by those who manage the client's care (the
     * primary case manager, the care team's clinical members, the supervisor): not a peer supporter,
     * not the care desk or housing, not another organisation; and only by someone who may find both
     * records (core/client.c) */
    {RES_CLIENT_LINK, ACT_REVIEW, TEAM, CLINICAL, A},
    {0}};
const struct resource res_client_link = {
    .access = client_link_access, .access_name = "client_link",
    .id = RES_CLIENT_LINK, .name = "client_link", .label = N_("Possible duplicate"),
    .plural = N_("Possible duplicates"), RESOURCE_OF(client_link)};
RESOURCE_REGISTER(res_client_link);
