/* pages_notify: "Notifications", a staff member's own list (core/notify.c), newest first, a page at a
 * time. Opening one is a POST (a small form whose button is the notification): it marks it read, then
 * redirects to the record it is about, so no GET changes anything and "back" never re-marks. The
 * header's count is drawn by the page frame (html.c). */
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

#define NOTE_PAGE 50

static void notify_page(struct hreq *h, int status, const struct fstate *fs);

/* Where a notification leads: its record's page (built here from the stored entity and ids, never
 * from the request). A client's record is opened on the client's page, where the name is shown and
 * the view audited; a task without a client in one's own work list. */
static void note_href(json_t *n, char *out, size_t len)
{
    const char *entity = jstr(n, "entity");
    int64_t id = page_int(n, "entity_id"), cid = page_int(n, "client_id");
    if (str_eq(entity, "referral") && id)
        snprintf(out, len, "/referrals/%lld", (long long)id);
    else if (str_eq(entity, "consent") && id)
        snprintf(out, len, "/consents/%lld", (long long)id);
    else if (str_eq(entity, "housing_unit") && id)
        snprintf(out, len, "/housing/units/%lld", (long long)id);
    else if (str_eq(entity, "housing_offer") && id)
        snprintf(out, len, "/housing-offers/%lld", (long long)id);
    else if (str_eq(entity, "tenancy") && id)
        snprintf(out, len, "/tenancies/%lld", (long long)id);
    else if (str_eq(entity, "flag") && cid)
        snprintf(out, len, "/clients/%lld#flags", (long long)cid);
    else if (str_eq(entity, "task") && cid)
        snprintf(out, len, "/clients/%lld#tasks", (long long)cid);
    else if (str_eq(entity, "task"))
        snprintf(out, len, "/#tasks");
    else if (cid)
        snprintf(out, len, "/clients/%lld", (long long)cid);
    else
        snprintf(out, len, "/notifications");
}

static int run_open(struct hreq *h, json_t *in)
{
    (void)in;
    return notify_read(&h->ctx, h->id[0], &h->result);
}

static int run_all(struct hreq *h, json_t *in)
{
    (void)in;
    return notify_read_all(&h->ctx, &h->result);
}

static const struct form_field next_fields[] = {
    F("next", FI_HIDDEN, NULL, 0),
    {0},
};
/* The notification's own button: marks it read and goes to its record (next: the record's page). */
static const struct form form_open = {.id = "note-open",
                                      .pfx = "no",
                                      .action = "/notifications/{id}/open",
                                      .cls = "inline note-open",
                                      .submit = N_("Open"),
                                      .button = "small",
                                      .done = "/notifications",
                                      .fields = next_fields,
                                      .run = run_open,
                                      .flags = FORM_MANY | FORM_NEXT};
static const struct form form_read = {.id = "note-read",
                                      .pfx = "nr",
                                      .action = "/notifications/{id}/read",
                                      .cls = "inline note-read",
                                      .submit = N_("Mark read"),
                                      .button = "small",
                                      .flash = "note-read",
                                      .done = "/notifications",
                                      .fields = next_fields,
                                      .run = run_open,
                                      .flags = FORM_MANY | FORM_NEXT};
static const struct form form_all = {.id = "note-all",
                                     .action = "/notifications/read-all",
                                     .cls = "inline note-all",
                                     .submit = N_("Mark all read"),
                                     .button = "small",
                                     .flash = "notes-read",
                                     .done = "/notifications",
                                     .fields = next_fields,
                                     .run = run_all,
                                     .page = notify_page,
                                     .flags = FORM_NEXT};

static void note_row(struct hreq *h, struct buf *b, json_t *n, const char *here)
{
    int64_t id = page_int(n, "id");
    int unread = !*jstr(n, "read_at");
    char href[80], kl[48];
    note_href(n, href, sizeof href);
    html_printf(b, "<li class=\"note%r\" data-note-id=\"%D\" id=\"note-%D\"><div class=\"note-body\">",
                unread ? " unread" : "", id, id);
    if (unread)
        html_printf(b, "<span class=\"badge new\">%s</span> ", _("Unread"));
    html_printf(b, "<span class=\"note-text\">%s</span><span class=\"muted small note-meta\">%s · ", jstr(n, "text"),
                ui_vlabel("notification", jstr(n, "kind"), kl, sizeof kl));
    page_when(b, jstr(n, "created_at"));
    buf_adds(b, "</span></div><div class=\"actions\">");
    json_t *hid = json_pack("{s:s}", "next", href);
    form_show(h, b, &form_open, &(struct form_view){.target = id, .hidden = hid, .sr = jstr(n, "text")});
    json_decref(hid);
    if (unread) {
        hid = json_pack("{s:s}", "next", here);
        form_show(h, b, &form_read, &(struct form_view){.target = id, .hidden = hid, .sr = jstr(n, "text")});
        json_decref(hid);
    }
    buf_adds(b, "</div></li>");
}

static void notify_page(struct hreq *h, int status, const struct fstate *fs)
{
    const char *u = qstr(h, "unread");
    int unread_only = str_eq(u, "1");
    json_t *env = NULL;
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Notifications"));
    page_flash(h, &b);
    int64_t count = notify_unread_count(&h->ctx);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1>", _("Notifications"));
    if (count) {
        json_t *hid = json_pack("{s:s}", "next", unread_only ? "/notifications?unread=1" : "/notifications");
        form_show(h, &b, &form_all, &(struct form_view){.hidden = hid, .fs = fs});
        json_decref(hid);
    }
    buf_adds(&b, "</div>");
    form_failure(&b, fs);
    char shown[16];
    snprintf(shown, sizeof shown, count >= NOTIFY_COUNT_MAX ? "%d+" : "%d",
             count >= NOTIFY_COUNT_MAX ? NOTIFY_COUNT_MAX - 1 : (int)count);
    html_printf(&b,
                "<p class=\"tabs\" id=\"note-filter\"><a href=\"/notifications\"%r>%s</a> · "
                "<a href=\"/notifications?unread=1\"%r>%s (%s)</a></p>",
                unread_only ? "" : " aria-current=\"page\"", _("All"), unread_only ? " aria-current=\"page\"" : "",
                _("Unread"), shown);
    int rc = notify_list(&h->ctx, unread_only, &(struct page){qstr(h, "after"), NOTE_PAGE}, &env);
    if (rc != OK) {
        html_printf(&b, "<p class=\"alert\" role=\"alert\">%s</p>", h->ctx.msg);
        page_errors_reset(&h->ctx);
        page_send(h, rc == ERR_INVALID ? 400 : 500, &b);
        return;
    }
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items)) {
        html_printf(&b, "<p class=\"muted\" id=\"no-notes\">%s</p>",
                    unread_only ? _("Nothing unread.") : _("No notifications yet."));
    } else {
        char here[160];
        const char *after = qstr(h, "after");
        struct buf hb;
        buf_init(&hb);
        buf_adds(&hb, unread_only ? "/notifications?unread=1" : "/notifications");
        if (after && *after) {
            buf_adds(&hb, unread_only ? "&after=" : "?after=");
            url_encode(&hb, after);
        }
        snprintf(here, sizeof here, "%s", hb.len < sizeof here ? hb.data : "/notifications");
        buf_free(&hb);
        html_printf(&b, "<ul class=\"plain notes\" id=\"note-list\" aria-label=\"%s\">", _("Notifications"));
        size_t i;
        json_t *n;
        json_array_foreach(items, i, n) note_row(h, &b, n, here);
        buf_adds(&b, "</ul>");
        page_more(&b, env, unread_only ? "/notifications?unread=1&" : "/notifications?", _("Older notifications"),
                  "notes-more");
    }
    json_decref(env);
    page_send(h, status, &b);
}

static void pg_notifications(struct hreq *h)
{
    notify_page(h, 200, NULL);
}
static void pg_note_open(struct hreq *h)
{
    form_post(h, &form_open);
}
static void pg_note_read(struct hreq *h)
{
    form_post(h, &form_read);
}
static void pg_note_all(struct hreq *h)
{
    form_post(h, &form_all);
}

#define A ROLES_ANY
const struct route ui_notify_routes[] = {
    {"GET", "/notifications", pg_notifications, A, 0},
    {"POST", "/notifications/read-all", pg_note_all, A, 0},
    {"POST", "/notifications/{id}/open", pg_note_open, A, 0},
    {"POST", "/notifications/{id}/read", pg_note_read, A, 0},
    {0},
};
HTTP_ROUTES(ui_notify_routes, "ui-8-notify");
