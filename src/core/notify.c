/* notify: in-app notifications. A rule or a colleague's act leaves a staff member a line to read
 * (a referral's event, a task given to them, a risk flag on one of their clients): stored as a
 * rule-text key with its parameters, shown in the reader's language, marked read by them. */
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const notify_kinds[] = {"referral", "task", "flag", "consent", "housing", NULL};

int notify_add(struct ctx *c, int64_t staff_id, const char *kind, const char *key, json_t *args, const char *entity,
               int64_t entity_id, int64_t client_id)
{
    if (c->a && staff_id == c->a->staff_id)
        return OK; /* one's own act needs no telling */
    if (staff_id <= 0 || !in_list(notify_kinds, kind) || !rule_text_known(key))
        return ctx_fail(c, ERR_INVALID, "notification: unknown kind or text (%s, %s)", kind ? kind : "",
                        key ? key : "");
    char now[32];
    iso_now(now);
    char *a = args ? json_dumps(args, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO notifications (staff_id, kind, text_key, text_args, entity, entity_id,"
                              " client_id, created_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                              "ittttIIt", staff_id, kind, key, a, entity, entity_id, client_id, now);
    free(a);
    return id > 0 ? OK : ctx_fail(c, ERR_DB, "%s", _("The notification could not be saved."));
}

#define NOTE_COLS                                                                                            \
    "SELECT n.id, n.kind, n.text_key, n.text_args, n.entity, n.entity_id, n.client_id, n.created_at, n.read_at" \
    " FROM notifications n"

static void shape(json_t *r)
{
    rule_text_shape(r, "text");
}

int notify_list(struct ctx *c, int unread_only, const struct page *pg, json_t **out)
{
    if (!c->a || !access_may(c, RES_NOTIFICATION, ACT_LIST, 0))
        return access_deny(c, RES_NOTIFICATION, ACT_LIST, 0, "notification.list", NULL, 0, NULL);
    static const struct page_key order[] = {{"p.id", 1}, {NULL, 0}};
    int rc = unread_only ? page_query(c, pg, order, out, NOTE_COLS " WHERE n.staff_id=? AND n.read_at IS NULL", "i",
                                      c->a->staff_id)
                         : page_query(c, pg, order, out, NOTE_COLS " WHERE n.staff_id=?", "i", c->a->staff_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) shape(r);
    return OK;
}

int64_t notify_unread_count(struct ctx *c)
{
    if (!c->a)
        return 0;
    /* Counted up to NOTIFY_COUNT_MAX only: one indexed range, bounded however many wait unread. */
    return db_int1(c->db, 0,
                   "SELECT count(*) FROM (SELECT 1 FROM notifications WHERE staff_id=? AND read_at IS NULL LIMIT ?) x",
                   "ii", c->a->staff_id, (int64_t)NOTIFY_COUNT_MAX);
}

int notify_count(struct ctx *c, json_t **out)
{
    if (!c->a || !access_may(c, RES_NOTIFICATION, ACT_LIST, 0))
        return access_deny(c, RES_NOTIFICATION, ACT_LIST, 0, "notification.list", NULL, 0, NULL);
    int64_t n = db_int1(c->db, -1, "SELECT count(*) FROM notifications WHERE staff_id=? AND read_at IS NULL", "i",
                        c->a->staff_id);
    if (n < 0)
        return ctx_fail(c, ERR_DB, "%s", _("The notifications could not be read."));
    *out = json_pack("{s:I}", "unread", (json_int_t)n);
    return OK;
}

int notify_read_all(struct ctx *c, json_t **out)
{
    if (!c->a || !access_may(c, RES_NOTIFICATION, ACT_UPDATE, 0))
        return access_deny(c, RES_NOTIFICATION, ACT_UPDATE, 0, "notification.read", NULL, 0, NULL);
    char now[32];
    iso_now(now);
    if (db_run(c->db, "UPDATE notifications SET read_at=? WHERE staff_id=? AND read_at IS NULL", "ti", now,
               c->a->staff_id) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The notifications could not be marked read."));
    *out = json_pack("{s:I,s:I}", "marked", (json_int_t)db_changes(c->db), "unread", (json_int_t)0);
    return OK;
}

int notify_staff_may(struct ctx *c, int64_t staff_id, enum res r, enum act act, int64_t client_id)
{
    json_t *s = db_row(c->db, "SELECT org_id, role FROM staff WHERE id=? AND disabled=0", "i", staff_id);
    if (!s)
        return 0; /* no such account, or disabled: told nothing */
    struct actor a = {.staff_id = staff_id,
                      .org_id = json_integer_value(json_object_get(s, "org_id")),
                      .role = role_parse(json_string_value(json_object_get(s, "role")))};
    json_decref(s);
    if (a.role < 0)
        return 0;
    struct ctx *as = calloc(1, sizeof *as); /* the recipient's own view, on the caller's connection */
    if (!as)
        return 0;
    ctx_init(as, &a, c->db);
    int may = access_may(as, r, act, client_id);
    ctx_clear(as);
    free(as);
    return may;
}

int notify_if_may(struct ctx *c, int64_t staff_id, enum res r, enum act act, const char *kind, const char *key,
                  json_t *args, const char *entity, int64_t entity_id, int64_t client_id)
{
    if (c->a && staff_id == c->a->staff_id)
        return OK;
    if (!notify_staff_may(c, staff_id, r, act, client_id))
        return OK;
    return notify_add(c, staff_id, kind, key, args, entity, entity_id, client_id);
}

int notify_read(struct ctx *c, int64_t id, json_t **out)
{
    if (!c->a || !access_may(c, RES_NOTIFICATION, ACT_UPDATE, 0))
        return access_deny(c, RES_NOTIFICATION, ACT_UPDATE, 0, "notification.read", NULL, 0, NULL);
    /* Another's notification is as if it did not exist: its id says nothing. */
    if (!db_int1(c->db, 0, "SELECT 1 FROM notifications WHERE id=? AND staff_id=?", "ii", id, c->a->staff_id))
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such notification."));
    char now[32];
    iso_now(now);
    if (db_run(c->db, "UPDATE notifications SET read_at=? WHERE id=? AND read_at IS NULL", "ti", now, id) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The notification could not be marked read."));
    *out = db_row(c->db, NOTE_COLS " WHERE n.id=?", "i", id);
    if (*out)
        shape(*out);
    return *out ? OK : ctx_fail(c, ERR_DB, "%s", _("The notification could not be read."));
}

static const struct res_field notification_fields[] = {
    {"id", FT_INT, 0, N_("Notification")},
    {"kind", FT_STRING, 0, N_("Kind")}, /* referral, task, flag, consent */
    {"text", FT_STRING, 0, N_("What happened")},
    {"text_key", FT_STRING, 0, N_("The text's key")},
    {"text_args", FT_OBJECT, 0, N_("The text's parameters")},
    {"entity", FT_STRING, 1, N_("About")},
    {"entity_id", FT_INT, 1, N_("Record")},
    {"client_id", FT_INT, 1, N_("Client")},
    {"created_at", FT_DATETIME, 0, N_("When")},
    {"read_at", FT_DATETIME, 1, N_("Read")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit notification_actions[] = {
    {"notification.list", ACT_LIST},
    {"notification.read", ACT_UPDATE},
    {NULL, 0},
};
static const char *const notification_tables[] = {"notifications", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule notification_access[] = {
    /* one's own notifications, whoever one is (the rule on the record: its staff member) */
    {RES_NOTIFICATION, ACT_LIST, NONE, ANY, A},
    {RES_NOTIFICATION, ACT_UPDATE, NONE, ANY, A},
    {0}};
const struct resource res_notification = {
    .access = notification_access,
    .id = RES_NOTIFICATION, .name = "notification", .label = N_("Notification"), .plural = N_("Notifications"),
    RESOURCE_OF(notification)};
RESOURCE_REGISTER(res_notification);
