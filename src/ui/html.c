/* html: the one escaping writer and the page frame shared by every page (forms: form.c). */
#include "ui/ui.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

void html_esc(struct buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': buf_adds(b, "&amp;"); break;
        case '<': buf_adds(b, "&lt;"); break;
        case '>': buf_adds(b, "&gt;"); break;
        case '"': buf_adds(b, "&quot;"); break;
        case '\'': buf_adds(b, "&#39;"); break;
        default: buf_addc(b, *s);
        }
    }
}

void html_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            const char *q = strchr(p, '%');
            size_t n = q ? (size_t)(q - p) : strlen(p);
            buf_add(b, p, n);
            p += n - 1;
            continue;
        }
        switch (*++p) {
        case 's': html_esc(b, va_arg(ap, const char *)); break;
        case 'r': { const char *r = va_arg(ap, const char *); if (r) buf_adds(b, r); } break;
        case 'd': buf_printf(b, "%d", va_arg(ap, int)); break;
        case 'D': buf_printf(b, "%lld", (long long)va_arg(ap, int64_t)); break;
        case 'N': { char n[32]; i18n_count((long long)va_arg(ap, int64_t), n, sizeof n); buf_adds(b, n); } break;
        case 'u': { const char *u = va_arg(ap, const char *); if (u) url_encode(b, u); } break;
        case '%': buf_addc(b, '%'); break;
        default: buf_addc(b, '%'); if (*p) buf_addc(b, *p); else p--;
        }
    }
    va_end(ap);
}

const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    if (json_is_array(v))
        v = json_array_get(v, 0);
    if (json_is_string(v))
        return json_string_value(v);
    return "";
}

void ui_csrf(struct hreq *h, struct buf *b)
{
    html_printf(b, "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">", h->csrf);
}

/* A link is shown by role, or (roles 0) when the access table allows the resource and action. */
struct nav {
    const char *href, *label;
    unsigned roles;
    enum res res;
    enum act act;
    enum res unless_res; /* with unless_act: not shown when that cell is allowed too (its link is elsewhere) */
    enum act unless_act;
};
static const struct nav navs[] = {
    {"/", N_("My work"), ROLES_STAFF, 0, 0},
    {"/clients", N_("Find a client"), 0, RES_CLIENT, ACT_LIST},
    {"/intakes", N_("Intake"), 0, RES_INTAKE, ACT_LIST},
    {"/directory", N_("Services"), 0, RES_SERVICE, ACT_LIST},
    {"/referrals", N_("Referrals"), 0, RES_REFERRAL, ACT_LIST},
    {"/conferences", N_("Conferences"), 0, RES_CONFERENCE, ACT_LIST},
    {"/oncall", N_("On call"), 0, RES_ONCALL, ACT_READ},
    {"/peer-activities", N_("Peer work"), 0, RES_PEER_ACTIVITY, ACT_LIST},
    {"/peer-supervisions", N_("Supervision sessions"), 0, RES_PEER_SUPERVISION, ACT_LIST},
    {"/break-glass", N_("Break-glass review"), 0, RES_BREAKGLASS, ACT_LIST},
    {"/team", N_("Team"), 0, RES_CASELOAD, ACT_LIST},
    {"/housing", NC_("navigation", "Housing"), 0, RES_HOUSING_UNIT, ACT_REVIEW}, /* housing coordinators */
    {"/indicators", N_("Indicators"), 0, RES_INDICATOR, ACT_LIST}, /* the evaluation's dictionary */
    {"/admin/orgs", N_("Organisations"), 0, RES_ORG, ACT_LIST},
    {"/admin/staff", N_("Staff"), 0, RES_STAFF, ACT_ADMINISTER},
    {"/admin/assignments", N_("Handover"), 0, RES_HANDOVER, ACT_LIST},
    /* care services (issue 13 §4): one's own care visits (and the supervisor's links there); the
     * statements for an administrator, who has no care visits */
    {"/care-work", N_("Care visits"), 0, RES_CARE_VISIT, ACT_LIST},
    {"/care/statements", N_("Care statements"), 0, RES_CARE_STATEMENT, ACT_REVIEW, RES_CARE_VISIT, ACT_LIST},
    /* the evaluation (issue 14): the control tower, for analysts, the task force and organisations' leads */
    {"/evaluation", N_("Control tower"), 0, RES_EVALUATION, ACT_READ},
    {"/stories", N_("Success stories"), 0, RES_STORY, ACT_LIST},
    {"/stories/review", N_("Story review"), 0, RES_STORY, ACT_REVIEW},
};

/* The header's link to one's notifications: a bell, and the number unread in a badge (none at zero);
 * its accessible name says the number. One indexed count per page (notifications_staff). */
static void notify_bell(struct hreq *h, struct buf *b)
{
    int64_t n = notify_unread_count(&h->ctx);
    char label[96];
    if (n >= NOTIFY_COUNT_MAX)
        snprintf(label, sizeof label, _("Notifications: more than %d unread"), NOTIFY_COUNT_MAX - 1);
    else if (n)
        snprintf(label, sizeof label, _("Notifications: %lld unread"), (long long)n);
    else
        snprintf(label, sizeof label, "%s", _("Notifications: none unread"));
    html_printf(b, "<a class=\"bell%r\" id=\"bell\" href=\"/notifications\" aria-label=\"%s\" title=\"%s\">"
                   "<svg aria-hidden=\"true\" focusable=\"false\" width=\"18\" height=\"18\" viewBox=\"0 0 24 24\">"
                   "<path fill=\"currentColor\" d=\"M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 "
                   "0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z\"/></svg>",
                n ? " has-unread" : "", label, label);
    if (n >= NOTIFY_COUNT_MAX)
        html_printf(b, "<span class=\"bell-count\" aria-hidden=\"true\">%d+</span>", NOTIFY_COUNT_MAX - 1);
    else if (n)
        html_printf(b, "<span class=\"bell-count\" aria-hidden=\"true\">%N</span>", n);
    buf_adds(b, "</a>");
}

static void page_begin(struct hreq *h, struct buf *b, const char *title, int login_link)
{
    html_printf(b, "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                   "<title>%s · Hearth</title><link rel=\"stylesheet\" href=\"/static/hearth.css\">"
                   "<script src=\"/static/hearth.js\" defer></script></head><body>"
                   "<a class=\"skip\" href=\"#main\">%s</a><header class=\"top\"><a class=\"brand\" href=\"/\">Hearth</a>",
                h->lang[0] ? h->lang : i18n_current(), title, _("Skip to content"));
    if (h->auth) {
        html_printf(b, "<nav aria-label=\"%s\"><ul>", C_("navigation", "Main"));
        for (size_t i = 0; i < ARRAY_LEN(navs); i++)
            if (navs[i].roles ? (ROLE_BIT(h->actor.role) & navs[i].roles) != 0
                              : access_may(&h->ctx, navs[i].res, navs[i].act, 0) &&
                                    !(navs[i].unless_res && access_may(&h->ctx, navs[i].unless_res, navs[i].unless_act, 0)))
                html_printf(b, "<li><a href=\"%s\">%s</a></li>", navs[i].href, _(navs[i].label));
        char rl[64];
        buf_adds(b, "</ul></nav><div class=\"who\">");
        notify_bell(h, b);
        html_printf(b, "<a href=\"/account\">%s</a> <span class=\"role\">%s</span>"
                       "<form method=\"post\" action=\"/logout\" class=\"inline\">",
                    h->actor.name, ui_vlabel("role", role_table[h->actor.role].name, rl, sizeof rl));
        ui_csrf(h, b);
        html_printf(b, "<button type=\"submit\" class=\"link\">%s</button></form></div>", _("Log out"));
    } else if (login_link) {
        html_printf(b, "<nav aria-label=\"%s\"><ul><li><a href=\"/login\">%s</a></li></ul></nav>", C_("navigation", "Main"),
                    _("Log in"));
    }
    buf_adds(b, "</header><main id=\"main\">");
}

void ui_begin(struct hreq *h, struct buf *b, const char *title)
{
    page_begin(h, b, title, 0);
}

void ui_end(struct hreq *h, struct buf *b)
{
    html_printf(b, "</main><footer><span>Hearth</span> <span class=\"rid\">%s %s</span></footer></body></html>",
                _("request"), h->request_id);
}

void ui_error_page(struct hreq *h, int status, const char *title, const char *detail)
{
    struct buf b;
    buf_init(&b);
    page_begin(h, &b, title, 1); /* logged out: the login link */
    html_printf(&b, "<section class=\"error\"><h1>%s</h1><p class=\"status\">%d</p>", title, status);
    if (detail)
        html_printf(&b, "<p>%s</p>", detail);
    if (h->auth)
        html_printf(&b, "<p><a href=\"/\">%s</a></p></section>", _("Back to my work"));
    else
        html_printf(&b, "<p><a href=\"/login\">%s</a></p></section>", _("Log in"));
    ui_end(h, &b);
    buf_free(&h->out);
    h->out = b;
}
