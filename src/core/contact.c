/* contact: contacts and notes, what was done with a client. Notes are never edited in place:
 * a correction is a new version pointing to the old one, with who and why. Restricted notes
 * are listed but their text is shown only to those who may read restricted notes. */
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

#define CONTACT_COLS                                                                                         \
    "SELECT ct.id, ct.client_id, ct.episode_id, ct.staff_id, s.display_name AS staff_name, ct.kind, ct.at,"  \
    " ct.duration_min, ct.domains, ct.body, ct.restricted, ct.supersedes, ct.superseded_by,"                 \
    " ct.correction_reason, ct.created_at FROM contacts ct JOIN staff s ON s.id=ct.staff_id"

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* The shape every reader gets: domains as a list; of a restricted note (or a version of a note whose
 * newest version is restricted: `restricted_chain`) everything its reader may not see is hidden unless
 * allowed: the text and the reason it was corrected (which tends to say what the text said). */
static void shape(json_t *r, const struct access *acc, int restricted_chain)
{
    json_t *list = json_array();
    const char *d = json_string_value(json_object_get(r, "domains"));
    while (d && *d) {
        const char *e = strchr(d, ',');
        size_t n = e ? (size_t)(e - d) : strlen(d);
        if (n)
            json_array_append_new(list, json_stringn(d, n));
        d = e ? e + 1 : NULL;
    }
    json_object_set_new(r, "domains", list);
    int hidden = (iget(r, "restricted") || restricted_chain) && !acc->restricted;
    if (hidden) {
        json_object_set_new(r, "body", json_null());
        json_object_set_new(r, "correction_reason", json_null());
    }
    json_object_set_new(r, "hidden", json_boolean(hidden));
}

static json_t *contact_load(struct db *db, int64_t id, const struct access *acc, int restricted_chain)
{
    json_t *r = db_row(db, CONTACT_COLS " WHERE ct.id=?", "i", id);
    if (r)
        shape(r, acc, restricted_chain);
    return r;
}

/* Service domains from a JSON array or a comma-separated string, checked and de-duplicated,
 * into out as "a,b,c". Adds a field error and returns -1 when invalid. */
static int read_domains(struct ctx *c, json_t *in, struct buf *out)
{
    json_t *v = json_object_get(in, "domains");
    const char *items[32];
    size_t lens[32], n = 0;
    int bad = 0;
    if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            if (!json_is_string(x) || n == ARRAY_LEN(items)) {
                bad = 1;
                break;
            }
            items[n] = json_string_value(x);
            lens[n++] = json_string_length(x);
        }
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
        while (*s && !bad) {
            const char *e = strchr(s, ',');
            size_t len = e ? (size_t)(e - s) : strlen(s);
            if (n == ARRAY_LEN(items))
                bad = 1;
            else {
                items[n] = s;
                lens[n++] = len;
            }
            s = e ? e + 1 : s + len;
        }
    } else if (v && !json_is_null(v)) {
        bad = 1;
    }
    if (bad) {
        ctx_field(c, "domains", _("must be a list of service domains"));
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const char *s = items[i];
        size_t len = lens[i];
        while (len && *s == ' ')
            s++, len--;
        while (len && s[len - 1] == ' ')
            len--;
        if (!len)
            continue;
        int known = 0;
        for (const char *const *d = service_domains; *d; d++)
            if (strlen(*d) == len && memcmp(*d, s, len) == 0)
                known = 1;
        if (!known) {
            ctx_field(c, "domains", _("contains a value that is not a service domain"));
            return -1;
        }
        /* skip a repeat */
        int seen = 0;
        for (const char *p = out->len ? out->data : NULL; p && *p;) {
            const char *e = strchr(p, ',');
            size_t pl = e ? (size_t)(e - p) : strlen(p);
            if (pl == len && memcmp(p, s, len) == 0)
                seen = 1;
            p = e ? e + 1 : NULL;
        }
        if (seen)
            continue;
        if (out->len)
            buf_addc(out, ',');
        buf_add(out, s, len);
    }
    if (!out->len) {
        ctx_field(c, "domains", _("choose at least one service domain"));
        return -1;
    }
    return 0;
}

/* The contact time, checked (not more than a day ahead) and normalised to UTC ISO-8601. */
static int read_at(struct ctx *c, json_t *in, char at[32])
{
    const char *s = v_time(c, in, "at", 1);
    if (!s)
        return -1;
    int64_t t = iso_parse(s);
    if (t > now_epoch() + 24 * 3600) {
        ctx_field(c, "at", _("cannot be more than a day in the future"));
        return -1;
    }
    iso_time(t, at);
    return 0;
}

/* An optional episode, which must belong to the client; 0 when none; -1 when invalid. */
static int64_t read_episode(struct ctx *c, json_t *in, int64_t client_id)
{
    int64_t ep = v_int(c, in, "episode_id", 0, 1, INT64_MAX, 0);
    if (ep && db_int1(c->db, 0, "SELECT client_id FROM episodes WHERE id=?", "i", ep) != client_id) {
        ctx_field(c, "episode_id", _("is not an episode of this client"));
        return -1;
    }
    return ep;
}

int contact_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    struct access acc;
    int rc = access_check(c, RES_CONTACT, ACT_LIST, client_id, "contact.list");
    if (rc != OK || (rc = access_client(c, client_id, &acc)) != OK)
        return rc;
    static const struct page_key order[] = {{"p.at", 1}, {"p.id", 1}, {NULL, 0}};
    /* every worker's notes with the table's "review", else only one's own */
    int all = access_may(c, RES_CONTACT, ACT_REVIEW, client_id);
    rc = page_query(c, pg, order, out,
                    CONTACT_COLS " WHERE ct.client_id=? AND ct.superseded_by IS NULL AND (?=1 OR ct.staff_id=?)", "idi",
                    client_id, all, c->a->staff_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) shape(r, &acc, 0);
    audit_log(c, "contact.list", "ok", client_id, "contact", 0, NULL);
    return OK;
}

int contact_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    struct access acc;
    int rc = access_check(c, RES_CONTACT, ACT_CREATE, client_id, "contact.create");
    if (rc != OK || (rc = access_client(c, client_id, &acc)) != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    char at[32] = "", now[32];
    iso_now(now);
    struct buf domains;
    buf_init(&domains);
    const char *kind = v_str(c, in, "kind", 1, 40, contact_kinds);
    read_at(c, in, at);
    int64_t duration = v_int(c, in, "duration_min", 0, 0, 1440, 0);
    read_domains(c, in, &domains);
    const char *body = v_str(c, in, "body", 1, LIMIT_NOTE, NULL);
    int restricted = v_bool(in, "restricted");
    int64_t ep = read_episode(c, in, client_id);
    int64_t id = 0;
    if (c->errors) {
        rc = ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    } else {
        id = db_insert_id(c->db,
                          "INSERT INTO contacts(client_id, episode_id, staff_id, kind, at, duration_min,"
                          " domains, body, restricted, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
                          " RETURNING id",
                          "iIittittdt", client_id, ep, c->a->staff_id, kind, at, duration,
                          domains.data ? domains.data : "", body, restricted, now);
        rc = id ? OK : ctx_fail(c, ERR_DB, _("The contact could not be saved."));
    }
    buf_free(&domains);
    if (rc != OK)
        return rc;
    audit_log(c, "contact.create", "ok", client_id, "contact", id, NULL);
    *out = contact_load(c->db, id, &acc, 0);
    return OK;
}

/* 1 when the actor wrote any version in the chain that ends at id. */
static int wrote_chain(struct ctx *c, int64_t id)
{
    return db_int1(c->db, 0,
                   "WITH RECURSIVE back(id, sup) AS (SELECT id, supersedes FROM contacts WHERE id=?"
                   " UNION ALL SELECT x.id, x.supersedes FROM contacts x JOIN back b ON x.id=b.sup)"
                   " SELECT 1 FROM contacts WHERE id IN (SELECT id FROM back) AND staff_id=? LIMIT 1",
                   "ii", id, c->a->staff_id) == 1;
}

int contact_correct(struct ctx *c, int64_t id, json_t *in, json_t **out)
{
    json_t *old = db_row(c->db, "SELECT id, client_id, kind, at, duration_min, domains, body, restricted, episode_id,"
                                "superseded_by FROM contacts WHERE id=?", "i", id);
    if (!old)
        return ctx_fail(c, ERR_NOTFOUND, _("No such contact."));
    int64_t client_id = iget(old, "client_id");
    struct access acc;
    int rc = access_check(c, RES_CONTACT, ACT_UPDATE, client_id, "contact.correct");
    if (rc == OK)
        rc = access_client(c, client_id, &acc);
    /* The author corrects their own note; correcting anyone's is the table's "administer"; the text of
     * a restricted note only for those who may read it. */
    if (rc == OK && ((iget(old, "restricted") && !acc.restricted) ||
                     (!access_may(c, RES_CONTACT, ACT_ADMINISTER, client_id) && !wrote_chain(c, id))))
        rc = access_deny(c, RES_CONTACT, ACT_UPDATE, client_id, "contact.correct", "contact", id,
                         _("Only the author or a supervisor may correct this note."));
    if (rc == OK && !json_is_null(json_object_get(old, "superseded_by"))) {
        c->extra = json_pack("{s:I}", "superseded_by", (json_int_t)iget(old, "superseded_by"));
        rc =
            ctx_fail(c, ERR_CONFLICT, _("This note has already been corrected. Correct its newest version."));
    }
    if (rc == OK && !json_is_object(in))
        rc = ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    if (rc != OK) {
        json_decref(old);
        return rc;
    }
    char at[32] = "", now[32];
    iso_now(now);
    struct buf domains;
    buf_init(&domains);
    /* Fields not sent are carried over from the version being corrected. */
    const char *reason = v_str(c, in, "correction_reason", 1, 1000, NULL);
    const char *kind = json_object_get(in, "kind") ? v_str(c, in, "kind", 1, 40, contact_kinds)
                                                   : json_string_value(json_object_get(old, "kind"));
    if (json_object_get(in, "at"))
        read_at(c, in, at);
    else
        snprintf(at, sizeof at, "%s", json_string_value(json_object_get(old, "at")));
    int64_t duration = json_object_get(in, "duration_min") ? v_int(c, in, "duration_min", 0, 0, 1440, 0)
                                                           : iget(old, "duration_min");
    const char *old_domains = json_string_value(json_object_get(old, "domains"));
    if (json_object_get(in, "domains"))
        read_domains(c, in, &domains);
    else
        buf_adds(&domains, old_domains ? old_domains : "");
    const char *body = json_object_get(in, "body") ? v_str(c, in, "body", 1, LIMIT_NOTE, NULL)
                                                   : json_string_value(json_object_get(old, "body"));
    int restricted =
        json_object_get(in, "restricted") ? v_bool(in, "restricted") : (int)iget(old, "restricted");
    int64_t ep = json_object_get(in, "episode_id") ? read_episode(c, in, client_id) : iget(old, "episode_id");
    int64_t nid = 0;
    if (c->errors) {
        rc = ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    } else {
        nid = db_insert_id(c->db,
                           "INSERT INTO contacts(client_id, episode_id, staff_id, kind, at, duration_min,"
                           " domains, body, restricted, supersedes, correction_reason, created_at)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                           "iIittittditt", client_id, ep, c->a->staff_id, kind, at, duration,
                           domains.data ? domains.data : "", body, restricted, id, reason, now);
        if (!nid)
            rc = ctx_fail(c, ERR_DB, _("The correction could not be saved."));
        else if (db_run(c->db, "UPDATE contacts SET superseded_by=? WHERE id=? AND superseded_by IS NULL",
                        "ii", nid, id) != DB_OK ||
                 db_changes(c->db) != 1)
            rc = ctx_fail(c, ERR_CONFLICT,
                          _("This note has already been corrected. Correct its newest version."));
    }
    buf_free(&domains);
    json_decref(old);
    if (rc != OK)
        return rc;
    audit_log(c, "contact.correct", "ok", client_id, "contact", nid, NULL);
    *out = contact_load(c->db, nid, &acc, 0);
    return OK;
}

int contact_get(struct ctx *c, int64_t id, json_t **out)
{
    int64_t client_id = db_int1(c->db, 0, "SELECT client_id FROM contacts WHERE id=?", "i", id);
    if (!client_id)
        return ctx_fail(c, ERR_NOTFOUND, _("No such contact."));
    struct access acc;
    int rc = access_check(c, RES_CONTACT, ACT_READ, client_id, "contact.read");
    if (rc != OK || (rc = access_client(c, client_id, &acc)) != OK)
        return rc;
    /* Another worker's note only with the table's "review" (a peer supporter reads their own). */
    if (!access_may(c, RES_CONTACT, ACT_REVIEW, client_id) && !wrote_chain(c, id))
        return access_deny(c, RES_CONTACT, ACT_READ, client_id, "contact.read", "contact", id,
                           _("You may read only the notes you wrote about this client."));
    /* Back to the first version, then forward along superseded_by: the whole chain, oldest first. */
    json_t *hist = db_rows(c->db,
                           "WITH RECURSIVE back(id, sup) AS (SELECT id, supersedes FROM contacts WHERE id=?"
                           " UNION ALL SELECT x.id, x.supersedes FROM contacts x JOIN back b ON x.id=b.sup),"
                           " fwd(id, nxt) AS (SELECT id, superseded_by FROM contacts WHERE id IN"
                           " (SELECT id FROM back WHERE sup IS NULL)"
                           " UNION ALL SELECT x.id, x.superseded_by FROM contacts x JOIN fwd f ON x.id=f.nxt)"
                           " " CONTACT_COLS " WHERE ct.id IN (SELECT id FROM fwd) ORDER BY ct.id",
                           "i", id);
    /* A note whose newest version is restricted is restricted in every version (a correction that
     * marks it restricted also closes what it said before). */
    json_t *newest = json_array_get(hist, json_array_size(hist) - 1);
    int chain = newest && iget(newest, "restricted");
    json_t *o = contact_load(c->db, id, &acc, chain);
    size_t i;
    json_t *r;
    json_array_foreach(hist, i, r) shape(r, &acc, chain);
    json_object_set_new(o, "history", hist);
    audit_log(c, "contact.read", "ok", client_id, "contact", id, NULL);
    *out = o;
    return OK;
}

/* ---- the descriptors ---- */

static const struct res_field contact_fields[] = {
    {"id", FT_INT, 0, N_("Contact")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"episode_id", FT_INT, 1, N_("Episode")},
    {"staff_id", FT_INT, 0, N_("Recorded by")},
    {"staff_name", FT_STRING, 0, N_("Recorded by")},
    {"kind", FT_STRING, 0, N_("Kind of contact")},
    {"at", FT_DATETIME, 0, N_("When")},
    {"duration_min", FT_INT, 0, N_("Minutes")},
    {"domains", FT_ARRAY, 0, N_("Service domains")}, /* of strings */
    {"body", FT_STRING, 1, NC_("contact note", "Note")}, /* null: restricted, and hidden from you */
    {"restricted", FT_INT, 0, N_("Restricted")},     /* 0 or 1 */
    {"supersedes", FT_INT, 1, N_("Corrects")},
    {"superseded_by", FT_INT, 1, N_("Corrected by")},
    {"correction_reason", FT_STRING, 1, N_("Why it was corrected")},
    {"created_at", FT_DATETIME, 0, N_("Recorded")},
    {"hidden", FT_BOOL, 0, N_("Text hidden")},
    {"history", FT_ARRAY, 0, N_("Versions"), contact_fields}, /* contact_get only, oldest first */
    {NULL, 0, 0, NULL},
};
static const struct res_audit contact_actions[] = {
    {"contact.list", ACT_LIST},
    {"contact.create", ACT_CREATE},
    {"contact.correct", ACT_UPDATE},
    {"contact.read", ACT_READ},
    {NULL, 0},
};
static const char *const contact_tables[] = {"contacts", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule contact_access[] = {
    /* contacts and notes: recorded by everyone who works with the client, read by those who may
     * read notes (not the care desk); corrected by the author (update) or a supervisor (administer).
     * review: read every worker's notes. Without it (a peer supporter: no REVIEW row at PEER, issue
     * 11 §4) a reader lists and reads only the notes they wrote (contact_list, contact_get); a
     * client's consent for peer support that grants notes gives them (SHARED). */
    {RES_CONTACT, ACT_LIST, TEAM, NOTES, A},
    {RES_CONTACT, ACT_LIST, PEER, PS, A},
    {RES_CONTACT, ACT_LIST, GLASS | ONCALL, NOTES, P},
    {RES_CONTACT, ACT_LIST, SHARED, NOTES | PS, P},
    {RES_CONTACT, ACT_READ, TEAM, NOTES, A},
    {RES_CONTACT, ACT_READ, PEER, PS, A},
    {RES_CONTACT, ACT_READ, GLASS | ONCALL, NOTES, P},
    {RES_CONTACT, ACT_READ, SHARED, NOTES | PS, P},
    {RES_CONTACT, ACT_CREATE, TEAM, CARE, A},
    {RES_CONTACT, ACT_CREATE, PEER, PS, A},
    {RES_CONTACT, ACT_CREATE, GLASS, CARE, P},
    {RES_CONTACT, ACT_UPDATE, TEAM, NOTES, A},
    {RES_CONTACT, ACT_UPDATE, PEER, PS, A},
    {RES_CONTACT, ACT_UPDATE, GLASS, NOTES, P},
    {RES_CONTACT, ACT_REVIEW, TEAM, NOTES, A},
    {RES_CONTACT, ACT_REVIEW, GLASS | ONCALL, NOTES, P},
    {RES_CONTACT, ACT_REVIEW, SHARED, NOTES | PS, P},
    {RES_CONTACT, ACT_ADMINISTER, TEAM, SUP, A},
    {RES_CONTACT, ACT_ADMINISTER, GLASS, SUP, P},
    {0}};
const struct resource res_contact = {
    .access = contact_access,
    .id = RES_CONTACT, .name = "contact", .label = N_("Contact"), .plural = N_("Contacts"), RESOURCE_OF(contact),
    .data_class = DC_BIT(DC_NOTES)};
RESOURCE_REGISTER(res_contact);

/* The text of a restricted note: a record of its own for the access table; read and written as part
 * of a contact (its fields, actions and table are the contact's). */
static const struct res_field note_restricted_fields[] = {
    {"body", FT_STRING, 1, NC_("contact note", "Note")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit note_restricted_actions[] = {{NULL, 0}};
static const char *const note_restricted_tables[] = {NULL};
static const struct access_rule note_restricted_access[] = {
    /* the text of a restricted note: clinical roles by relationship, never by emergency or rota */
    {RES_NOTE_RESTRICTED, ACT_READ, TEAM, CLINICAL, A},
    {0}};
const struct resource res_note_restricted = {
    .access = note_restricted_access, .access_name = "note_restricted",
    .id = RES_NOTE_RESTRICTED, .name = "restricted_note", .label = N_("Restricted note"),
    .plural = N_("Restricted notes"), RESOURCE_OF(note_restricted)};
RESOURCE_REGISTER(res_note_restricted);
