/* pages_directory: the service directory, the first page a care-desk officer opens: services of
 * every organisation filtered by domain, capacity, district and organisation, each with its status
 * and how long ago it was set; a service's page; an organisation's own staff publish and describe
 * its services and keep their capacity (core/service.c decides, and refuses another's). */
#include "core/eligibility.h"
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

/* A service older than this (days since its capacity was set) is marked as perhaps out of date. */
#define STALE_DAYS 30

static void new_page(struct hreq *h, int status, const struct fstate *fs);
static void service_page(struct hreq *h, int status, const struct fstate *fs);

/* The programmes a service may name (the loaded eligibility rule sets), [[key, name]...]; keep: a
 * stored key no rule file has now, offered as it is so that saving the form does not drop it unseen. */
static json_t *programme_opts(const char *keep)
{
    json_t *rows = page_programme_rows();
    if (keep && *keep && !elig_programme(keep))
        json_array_append_new(rows, json_pack("[s,s]", keep, keep));
    return rows;
}


/* ---- the forms ---- */

#define SERVICE_TEXT_FIELDS                                                                                  \
    F("name", FI_TEXT, N_("Name"), FF_REQ, .attrs = " maxlength=\"120\""),                                   \
        F("kind", FI_SELECT, N_("Kind of service"), FF_REQ, .choices = service_kinds),                       \
        F("eligibility", FI_TEXTAREA, N_("Who it is for"), 0, .rows = 2, .attrs = " maxlength=\"1000\""),   \
        F("how_to_refer", FI_TEXTAREA, N_("How to refer"), 0, .rows = 2, .attrs = " maxlength=\"1000\""),   \
        F("contact", FI_TEXT, NC_("contact details", "Contact"), 0, .attrs = " maxlength=\"200\""),                              \
        F("programme", FI_SELECT, N_("Eligibility rule set (optional)"), 0, .none = N_("None"),                \
          .hint = N_("The programme whose eligibility rules apply: one of the rule sets loaded here."))
#define CAPACITY_FIELDS                                                                                      \
    F("capacity", FI_SELECT, N_("Capacity"), FF_REQ, .choices = service_capacities),                         \
        ROW(2), F("waiting_count", FI_NUMBER, N_("People waiting"), FF_OMIT, .attrs = " min=\"0\" max=\"100000\""), \
        F("typical_wait_days", FI_NUMBER, N_("Typical wait (days)"), FF_OMIT, .attrs = " min=\"0\" max=\"3650\""), \
        ROW_END

static const struct form_field new_fields[] = {SERVICE_TEXT_FIELDS, CAPACITY_FIELDS, {0}};
static const struct form form_new = {.id = "service-new",
                                     .action = "/directory/new",
                                     .submit = N_("Publish the service"),
                                     .button = "primary",
                                     .flash = "service",
                                     .done = "/directory/{r.id}",
                                     .cancel = "/directory",
                                     .fields = new_fields,
                                     .make = service_create,
                                     .page = new_page};
static const struct form_field edit_fields[] = {F("version", FI_HIDDEN, NULL, 0), SERVICE_TEXT_FIELDS, {0}};
static const struct form form_edit = {.id = "service-edit",
                                      .pfx = "se",
                                      .action = "/directory/{id}",
                                      .box = "details",
                                      .summary = N_("Change the description"),
                                      .submit = N_("Save"),
                                      .flash = "service",
                                      .done = "/directory/{id}",
                                      .fields = edit_fields,
                                      .update = service_update,
                                      .page = service_page};
static const struct form_field capacity_fields[] = {F("version", FI_HIDDEN, NULL, 0), CAPACITY_FIELDS, {0}};
static const struct form form_capacity = {.id = "capacity-form",
                                          .pfx = "cap",
                                          .action = "/directory/{id}/capacity",
                                          .submit = N_("Update capacity"),
                                          .button = "primary",
                                          .note = N_("People waiting and the typical wait are kept only for a waiting list."),
                                          .flash = "capacity",
                                          .done = "/directory/{id}",
                                          .fields = capacity_fields,
                                          .update = service_set_capacity,
                                          .page = service_page};

/* The directory's search (GET): domain, capacity, district, organisation, a part of the name. */
static const struct form_field filter_fields[] = {
    ROW(2),
    F("kind", FI_SELECT, N_("Kind of service"), 0, .choices = service_kinds, .none = N_("Any kind")),
    F("status", FI_SELECT, N_("Capacity"), 0, .choices = service_capacities, .none = N_("Any capacity")),
    F("district", FI_SELECT, N_("District"), 0, .none = N_("Any district")),
    F("org_id", FI_SELECT, N_("Organisation"), 0, .none = N_("Any organisation")),
    ROW_END,
    F("q", FI_SEARCH, N_("Name of the service"), 0, .attrs = " maxlength=\"80\" autocomplete=\"off\""),
    {0},
};
static const struct form form_filter = {.id = "directory-filter",
                                        .pfx = "df",
                                        .method = "get",
                                        .action = "/directory",
                                        .cls = "card search",
                                        .attrs = " role=\"search\"",
                                        .submit = N_("Find services"),
                                        .fields = filter_fields};

/* ---- small parts ---- */

/* The capacity as a badge, a waiting list with its length and typical wait. */
static void capacity_badge(struct buf *b, json_t *s)
{
    const char *cap = jstr(s, "capacity");
    char l[64];
    html_printf(b, "<span class=\"badge cap-%s\">%s</span>", cap, ui_vlabel("service capacity", cap, l, sizeof l));
    if (str_eq(cap, "waiting_list")) {
        json_t *n = json_object_get(s, "waiting_count"), *d = json_object_get(s, "typical_wait_days");
        html_printf(b, " <span class=\"wait\">");
        if (json_is_integer(n))
            html_printf(b, _("%D waiting"), (int64_t)json_integer_value(n));
        if (json_is_integer(n) && json_is_integer(d))
            buf_adds(b, " · ");
        if (json_is_integer(d))
            html_printf(b, _("about %D days"), (int64_t)json_integer_value(d));
        buf_adds(b, "</span>");
    }
}

/* "updated 3 days ago by Name", marked when older than STALE_DAYS; exact: with the date and time. */
static void capacity_age(struct buf *b, json_t *s, int exact)
{
    int64_t at = iso_parse(jstr(s, "capacity_updated_at")), now = (int64_t)time(NULL);
    int64_t secs = at > 0 && now > at ? now - at : 0, days = secs / 86400, hours = secs / 3600;
    int stale = days > STALE_DAYS;
    html_printf(b, "<span class=\"age%s\">", stale ? " stale" : "");
    if (hours < 1)
        html_printf(b, "%s", _("updated less than an hour ago"));
    else if (days < 1)
        html_printf(b, _("updated %D hours ago"), hours);
    else if (days == 1)
        html_printf(b, "%s", _("updated yesterday"));
    else
        html_printf(b, _("updated %D days ago"), days);
    if (*jstr(s, "capacity_updated_by_name"))
        html_printf(b, " %s %s", _("by"), jstr(s, "capacity_updated_by_name"));
    if (stale)
        html_printf(b, " <strong>(%s)</strong>", _("may be out of date"));
    if (exact) {
        buf_adds(b, " (");
        page_when(b, jstr(s, "capacity_updated_at"));
        buf_adds(b, ")");
    }
    buf_adds(b, "</span>");
}

/* The choices of the filter: districts and organisations (from core's places). */
static json_t *filter_opts(json_t *places)
{
    json_t *opts = json_object(), *d = json_array(), *o = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(places, "districts"), i, r)
        json_array_append_new(d, json_pack("[s,s]", json_string_value(r), json_string_value(r)));
    json_array_foreach(json_object_get(places, "orgs"), i, r)
    {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)page_int(r, "id"));
        json_array_append_new(o, json_pack("[s,s]", id, jstr(r, "name")));
    }
    json_object_set_new(opts, "district", d);
    json_object_set_new(opts, "org_id", o);
    return opts;
}

/* ---- the directory ---- */

static void pg_directory(struct hreq *h)
{
    struct service_filter flt = {qstr(h, "kind"), qstr(h, "status"), qstr(h, "district"), qstr(h, "q"), 0};
    int64_t org_id = 0;
    if (qstr(h, "org_id") && *qstr(h, "org_id") && parse_int64(qstr(h, "org_id"), &org_id) == 0)
        flt.org_id = org_id;
    else if (qstr(h, "org_id") && *qstr(h, "org_id"))
        flt.org_id = -1; /* core names the field */
    json_t *env = NULL, *places = NULL, *ferrs = NULL;
    int rc = service_list(&h->ctx, &(struct page){qstr(h, "after"), 50}, &flt, &env);
    if (rc == ERR_INVALID) { /* a bad filter: the whole directory, the errors beside the filter */
        ferrs = json_incref(h->ctx.errors);
        ctx_clear(&h->ctx);
        rc = service_list(&h->ctx, &(struct page){NULL, 50}, NULL, &env);
    }
    if (rc == OK)
        rc = service_places(&h->ctx, &places);
    if (rc != OK) {
        json_decref(ferrs);
        json_decref(env);
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Service directory"));
    page_flash(h, &b);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1>", _("Service directory"));
    if (access_may(&h->ctx, RES_SERVICE, ACT_CREATE, 0))
        html_printf(&b, "<p class=\"actions\"><a class=\"button\" href=\"/directory/new\" id=\"service-add\">%s</a></p>",
                    _("Publish a service"));
    buf_adds(&b, "</div>");
    json_t *opts = filter_opts(places);
    form_show(h, &b, &form_filter, &(struct form_view){.vals = h->query, .opts = opts, .errs = ferrs});
    json_decref(opts);
    int filtered = ferrs == NULL; /* a bad filter showed the whole directory: its next page too */
    json_decref(ferrs);
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card\" id=\"services-none\">%s</p>", _("No service matches."));
    else
        html_printf(&b, "<ul class=\"plain services\" id=\"services\" aria-label=\"%s\">", _("Services"));
    size_t i;
    json_t *s;
    json_array_foreach(items, i, s)
    {
        char kl[80];
        html_printf(&b,
                    "<li class=\"card service\" data-service-id=\"%D\" data-capacity=\"%s\"><h2 class=\"h3\">"
                    "<a href=\"/directory/%D\">%s</a></h2><p class=\"status\">",
                    page_int(s, "id"), jstr(s, "capacity"), page_int(s, "id"), jstr(s, "name"));
        capacity_badge(&b, s);
        html_printf(&b, "</p><p class=\"muted small\">%s · %s", ui_vlabel("service domain", jstr(s, "kind"), kl, sizeof kl),
                    jstr(s, "organisation"));
        if (*jstr(s, "district"))
            html_printf(&b, " · %s", jstr(s, "district"));
        buf_adds(&b, "</p><p class=\"small\">");
        capacity_age(&b, s, 0);
        buf_adds(&b, "</p></li>");
    }
    if (json_array_size(items))
        buf_adds(&b, "</ul>");
    struct buf more; /* the next page keeps the filters */
    buf_init(&more);
    buf_adds(&more, "/directory?");
    static const char *const keep[] = {"kind", "status", "district", "org_id", "q", NULL};
    for (int k = 0; keep[k]; k++)
        if (filtered && qstr(h, keep[k]) && *qstr(h, keep[k])) {
            buf_printf(&more, "%s=", keep[k]);
            url_encode(&more, qstr(h, keep[k]));
            buf_addc(&more, '&');
        }
    page_more(&b, env, more.data, _("More services"), "services-more");
    buf_free(&more);
    json_decref(env);
    json_decref(places);
    page_send(h, 200, &b);
}

/* ---- one service ---- */

static void detail(struct buf *b, const char *label, const char *value)
{
    if (value && *value)
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", label, value);
}

static void service_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *s = NULL;
    int rc = service_get(&h->ctx, h->id[0], &s);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    int own = page_int(s, "org_id") == h->actor.org_id;
    int may_cap = own && access_may(&h->ctx, RES_SERVICE_CAPACITY, ACT_UPDATE, 0);
    int may_edit = own && access_may(&h->ctx, RES_SERVICE, ACT_UPDATE, 0);
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, jstr(s, "name"));
    page_flash(h, &b);
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/directory\">← %s</a></p><h1>%s</h1>", _("Service directory"),
                jstr(s, "name"));
    if (fs)
        form_failure(&b, fs);
    html_printf(&b, "<section class=\"card\" id=\"service-capacity\" aria-labelledby=\"cap-h\"><h2 id=\"cap-h\">%s</h2><p>",
                _("Capacity"));
    capacity_badge(&b, s);
    buf_adds(&b, "</p><p class=\"small\">");
    capacity_age(&b, s, 1);
    buf_adds(&b, "</p>");
    if (may_cap) {
        json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(s, "version"));
        json_t *vals = json_pack("{s:s}", "capacity", jstr(s, "capacity"));
        if (json_is_integer(json_object_get(s, "waiting_count")))
            json_object_set_new(vals, "waiting_count",
                                json_sprintf("%lld", (long long)page_int(s, "waiting_count")));
        if (json_is_integer(json_object_get(s, "typical_wait_days")))
            json_object_set_new(vals, "typical_wait_days",
                                json_sprintf("%lld", (long long)page_int(s, "typical_wait_days")));
        form_show(h, &b, &form_capacity,
                  &(struct form_view){.target = h->id[0], .vals = vals, .hidden = hid, .fs = fs});
        json_decref(vals);
        json_decref(hid);
    }
    buf_adds(&b, "</section>");
    char kl[80];
    html_printf(&b, "<section class=\"card\" id=\"service-about\" aria-labelledby=\"about-h\"><h2 id=\"about-h\">%s</h2><dl class=\"facts\">",
                _("About the service"));
    detail(&b, _("Kind of service"), ui_vlabel("service domain", jstr(s, "kind"), kl, sizeof kl));
    detail(&b, _("Organisation"), jstr(s, "organisation"));
    detail(&b, _("District"), jstr(s, "district"));
    detail(&b, _("Who it is for"), jstr(s, "eligibility"));
    {
        char pn[120];
        detail(&b, _("Eligibility rule set"), page_programme_name(jstr(s, "programme"), pn, sizeof pn));
    }
    detail(&b, _("How to refer"), jstr(s, "how_to_refer"));
    detail(&b, C_("contact details", "Contact"), jstr(s, "contact"));
    buf_adds(&b, "</dl>");
    if (may_edit) {
        json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(s, "version"));
        json_t *opts = json_pack("{s:o}", "programme", programme_opts(jstr(s, "programme")));
        form_show(h, &b, &form_edit,
                  &(struct form_view){.target = h->id[0], .vals = s, .hidden = hid, .opts = opts, .fs = fs,
                                      .open = form_mine(fs, &form_edit, h->id[0])});
        json_decref(opts);
        json_decref(hid);
    }
    buf_adds(&b, "</section>");
    json_decref(s);
    page_send(h, status, &b);
}

static void pg_service(struct hreq *h)
{
    service_page(h, 200, NULL);
}

static void new_page(struct hreq *h, int status, const struct fstate *fs)
{
    if (!access_may(&h->ctx, RES_SERVICE, ACT_CREATE, 0)) {
        reply_problem(h, 403, _("Not allowed"),
                      _("An organisation's supervisors and administrators publish its services."), NULL);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Publish a service"));
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/directory\">← %s</a></p><h1>%s</h1>", _("Service directory"),
                _("Publish a service"));
    html_printf(&b, "<section class=\"card narrow\" aria-labelledby=\"new-h\"><h2 id=\"new-h\" class=\"sr\">%s</h2>",
                _("Publish a service"));
    form_failure(&b, fs);
    json_t *vals = json_pack("{s:s}", "capacity", "open");
    json_t *opts = json_pack("{s:o}", "programme", programme_opts(NULL));
    form_show(h, &b, &form_new, &(struct form_view){.vals = vals, .opts = opts, .fs = fs});
    json_decref(opts);
    json_decref(vals);
    buf_adds(&b, "</section>");
    page_send(h, status, &b);
}

static void pg_service_new(struct hreq *h)
{
    new_page(h, 200, NULL);
}

static void pg_service_create(struct hreq *h)
{
    form_post(h, &form_new);
}

static void pg_service_update(struct hreq *h)
{
    form_post(h, &form_edit);
}

static void pg_service_capacity(struct hreq *h)
{
    form_post(h, &form_capacity);
}

#define A ROLES_ANY
const struct route ui_directory_routes[] = {
    {"GET", "/directory", pg_directory, A, 0},
    {"GET", "/directory/new", pg_service_new, A, 0},
    {"POST", "/directory/new", pg_service_create, A, 0},
    {"GET", "/directory/{id}", pg_service, A, 0},
    {"POST", "/directory/{id}", pg_service_update, A, 0},
    {"POST", "/directory/{id}/capacity", pg_service_capacity, A, 0},
    {0},
};
HTTP_ROUTES(ui_directory_routes, "ui-7-directory");
