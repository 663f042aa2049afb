/* notify: the API of a staff member's own in-app notifications (core/notify.c). */
#include "api/api_int.h"

static void notifications_list(struct hreq *h)
{
    struct page pg;
    if (!api_page(h, &pg))
        return;
    const char *u = qstr(h, "unread");
    if (u && *u && !str_eq(u, "0") && !str_eq(u, "1")) {
        reply_problem(h, 400, N_("Bad request"), N_("unread must be 0 or 1."),
                      json_pack("{s:{s:s}}", "errors", "unread", _("must be 0 or 1")));
        return;
    }
    int rc = notify_list(&h->ctx, u && str_eq(u, "1"), &pg, &h->result);
    reply_result(h, rc, 200);
}
API_WRITE(notifications_read, notify_read(&h->ctx, h->id[0], &h->result), api_done_200)
API_WRITE(notifications_read_all, notify_read_all(&h->ctx, &h->result), api_done_200)

/* The header's number: {unread}. */
static void notifications_count(struct hreq *h)
{
    int rc = notify_count(&h->ctx, &h->result);
    reply_result(h, rc, 200);
}

static const struct res_field notification_query[] = {
    {"unread", FT_INT, 1, "1: only those not yet read"}, {NULL, 0, 0, NULL}};

#define A ROLES_ANY
#define J RF_API
const struct route api_notify_routes[] = {
    {"GET", "/api/v1/notifications", notifications_list, A, J, DOC(RR_LIST, RES_NOTIFICATION, ACT_LIST, "My notifications, newest first"), .query = notification_query},
    {"GET", "/api/v1/notifications/unread-count", notifications_count, A, J, DOC(RR_NOTHING, RES_NOTIFICATION, ACT_LIST, "How many of my notifications are unread: {unread}")},
    {"POST", "/api/v1/notifications/{id}/read", notifications_read, A, J, DOC(RR_ONE, RES_NOTIFICATION, ACT_UPDATE, "Mark one of my notifications read")},
    {"POST", "/api/v1/notifications/read-all", notifications_read_all, A, J, DOC(RR_NOTHING, RES_NOTIFICATION, ACT_UPDATE, "Mark all my notifications read: {marked, unread}")},
    {0},
};
HTTP_ROUTES(api_notify_routes, "api-9-notify");
