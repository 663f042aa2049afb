/* pages_peer: what peer supporters do (issue 11 §4) on pages: the section "Peer support" on the client
 * page (the client's peer activities, the form that records one, with other clients of the peer for a
 * group), the peer's own activities (their work), one activity, and supervision sessions. core/peer.c
 * decides and audits. */
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

/* ---- words ---- */

static const char *const kind_names[] = {N_("Accompaniment"), N_("Group activity"), N_("Recovery conversation"),
                                         NULL};
static const char *const to_names[] = {N_("a clinic"), N_("a benefits office"), N_("a landlord"), N_("elsewhere"),
                                       NULL};

static const char *word(const char *const *keys, const char *const *names, const char *v)
{
    for (int i = 0; keys[i]; i++)
        if (str_eq(keys[i], v))
            return _(names[i]);
    return v ? v : "";
}

static json_t *choices(const char *const *keys, const char *const *names)
{
    json_t *o = json_array();
    for (int i = 0; keys[i]; i++)
        json_array_append_new(o, json_pack("[s,s]", keys[i], _(names[i])));
    return o;
}

/* One activity as a list item: when, what (and where to), how long, where, with whom (those the reader
 * may see, and how many others), what happened, by whom. */
static void activity_line(struct buf *b, json_t *a, int64_t this_client)
{
    int64_t id = page_int(a, "id");
    html_printf(b, "<li class=\"peer-activity\" data-activity-id=\"%D\"><p class=\"meta\"><a href=\"/peer-activities/%D\">",
                id, id);
    page_when(b, jstr(a, "at"));
    html_printf(b, "</a> · <strong>%s</strong>", word(peer_activity_kinds, kind_names, jstr(a, "kind")));
    if (*jstr(a, "accompany_to"))
        html_printf(b, " %s %s", _("to"), word(peer_accompany_to, to_names, jstr(a, "accompany_to")));
    buf_adds(b, " · ");
    html_printf(b, _("%D min"), page_int(a, "duration_min"));
    html_printf(b, " · %s</p>", jstr(a, "place"));
    json_t *cl = json_object_get(a, "clients");
    int64_t hidden = page_int(a, "clients_hidden");
    if (json_array_size(cl) > 1 || hidden || !this_client) {
        html_printf(b, "<p class=\"small\">%s ", _("With"));
        size_t i;
        json_t *c;
        int n = 0;
        json_array_foreach(cl, i, c)
        {
            if (page_int(c, "id") == this_client)
                continue;
            html_printf(b, "%s<a href=\"/clients/%D\">", n++ ? ", " : "", page_int(c, "id"));
            page_name(b, c);
            buf_adds(b, "</a>");
        }
        if (hidden) {
            buf_adds(b, n ? " " : "");
            /* TRANSLATORS: clients of the activity the reader may not see; %N is how many (1 or more) */
            html_printf(b, hidden == 1 ? _("%N other client") : _("%N other clients"), (int64_t)hidden);
        }
        buf_adds(b, "</p>");
    }
    html_printf(b, "<div class=\"note-body small\">%s</div><p class=\"small muted\">%s %s</p></li>", jstr(a, "summary"),
                _("Recorded by"), jstr(a, "staff_name"));
}

/* ---- recording an activity from a client's page ---- */

static void peer_again(struct hreq *h, int status, const struct fstate *fs)
{
    client_page(h, h->id[0], status, fs);
}

/* The client of the page, then the others ticked ("also"), as core's client_ids. */
static int create_for_client(struct ctx *c, int64_t id, json_t *in, json_t **out)
{
    json_t *ids = json_pack("[I]", (json_int_t)id), *also = json_object_get(in, "also");
    size_t i;
    json_t *x;
    json_array_foreach(also, i, x)
    {
        int64_t n;
        if (json_is_string(x) && parse_int64(json_string_value(x), &n) == 0 && n != id)
            json_array_append_new(ids, json_integer(n));
    }
    json_object_set_new(in, "client_ids", ids);
    json_object_del(in, "also");
    int rc = peer_activity_create(c, in, out);
    if (rc == ERR_INVALID && c->errors && json_object_get(c->errors, "client_ids"))
        json_object_set(c->errors, "also", json_object_get(c->errors, "client_ids")); /* shown by the boxes */
    return rc;
}

static const struct form_field activity_fields[] = {
    ROW(2),
    F("kind", FI_SELECT, N_("What"), FF_REQ),
    F("accompany_to", FI_SELECT, N_("Accompanied to"), FF_OMIT, .hint = N_("For an accompaniment.")),
    ROW_END,
    ROW(2),
    F("at", FI_DATETIME, N_("When"), FF_REQ),
    F("duration_min", FI_NUMBER, N_("Minutes"), FF_REQ, .attrs = " min=\"1\" max=\"1440\""),
    ROW_END,
    F("place", FI_TEXT, N_("Where"), FF_REQ, .attrs = " maxlength=\"200\""),
    F("summary", FI_TEXTAREA, N_("What happened"), FF_REQ, .rows = 3, .attrs = " maxlength=\"2000\"",
      .hint = N_("A few lines, in words the client would recognise.")),
    F("also", FI_CHECKS, N_("Also with (a group activity)"), FF_OMIT,
      .hint = N_("Other clients of yours who took part: the activity shows on each one's record.")),
    {0},
};
static const struct form form_activity = {.id = "peer-activity-form",
                                          .pfx = "pa",
                                          .action = "/clients/{id}/peer-activities",
                                          .box = "details",
                                          .box_id = "new-peer-activity",
                                          .summary = N_("Record a peer activity"),
                                          .submit = N_("Record the activity"),
                                          .button = "primary",
                                          .flash = "peer-activity",
                                          .done = "/clients/{id}#peer",
                                          .fields = activity_fields,
                                          .create = create_for_client,
                                          .page = peer_again,
                                          .flags = FORM_CLIENT_PATH};

static void pg_activity_create(struct hreq *h)
{
    form_post(h, &form_activity);
}

/* The peer's other clients, as choices for a group. */
static json_t *other_clients(struct hreq *h, int64_t cid)
{
    json_t *rows = NULL, *out = json_array();
    if (my_clients(&h->ctx, NULL, &rows) != OK) {
        h->ctx.msg[0] = 0;
        return out;
    }
    rows = page_items(rows);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        if (page_int(r, "id") == cid)
            continue;
        char id[24], name[200];
        snprintf(id, sizeof id, "%lld", (long long)page_int(r, "id"));
        page_name_text(r, name, sizeof name);
        json_array_append_new(out, json_pack("[s,s]", id, name));
    }
    json_decref(rows);
    return out;
}

/* ---- the section on the client page ---- */

static void peer_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    int64_t cid = page_int(client, "id");
    int list = access_may(&h->ctx, RES_PEER_ACTIVITY, ACT_LIST, cid);
    int create = access_may(&h->ctx, RES_PEER_ACTIVITY, ACT_CREATE, cid);
    if (!list && !create)
        return;
    html_printf(b, "<section class=\"card\" id=\"peer\" aria-labelledby=\"pr-h\"><div class=\"section-head\"><h2 id=\"pr-h\">%s</h2>",
                _("Peer support"));
    /* what the peer supporter may administer without reading the client's assessments (SWEMWBS) */
    if (create && access_may(&h->ctx, RES_ASSESSMENT, ACT_CREATE, cid) && !access_may(&h->ctx, RES_ASSESSMENT, ACT_LIST, cid))
        html_printf(b, "<a class=\"button small\" href=\"/clients/%D/assessments/new\" id=\"peer-wellbeing\">%s</a>", cid,
                    _("Wellbeing scale"));
    buf_adds(b, "</div>");
    if (create) {
        char now[20];
        page_local_now(now);
        json_t *def = json_pack("{s:s,s:s,s:s}", "at", now, "duration_min", "60", "kind", "accompaniment");
        json_t *opts = json_pack("{s:o,s:o,s:o}", "kind", choices(peer_activity_kinds, kind_names), "accompany_to",
                                 choices(peer_accompany_to, to_names), "also", other_clients(h, cid));
        form_show(h, b, &form_activity,
                  &(struct form_view){.target = cid, .vals = def, .opts = opts, .fs = fs,
                                      .open = fs && form_mine(fs, &form_activity, 0)});
        json_decref(opts);
        json_decref(def);
    }
    json_t *env = NULL;
    if (list && peer_activity_list(&h->ctx, cid, &(struct page){.limit = 10}, &env) == OK) {
        json_t *rows = json_object_get(env, "items");
        if (!json_array_size(rows))
            html_printf(b, "<p class=\"muted\" id=\"peer-none\">%s</p>", _("No peer activity recorded."));
        else
            buf_adds(b, "<ul class=\"plain events\" id=\"peer-activities\">");
        size_t i;
        json_t *a;
        json_array_foreach(rows, i, a) activity_line(b, a, cid);
        if (json_array_size(rows))
            buf_adds(b, "</ul>");
        json_decref(env);
    } else if (list) {
        html_printf(b, "<p class=\"muted\">%s</p>", h->ctx.msg);
        h->ctx.msg[0] = 0;
    }
    buf_adds(b, "</section>");
}
/* The client's peer activities and the form that records one (form: "peer-activity-form"). */
CLIENT_SECTION(peer_section, "main-93-peer");

/* ---- the peer's own activities, one activity ---- */

void peer_work_section(struct hreq *h, struct buf *b)
{
    if (!access_may(&h->ctx, RES_PEER_ACTIVITY, ACT_LIST, 0))
        return;
    json_t *env = NULL;
    if (peer_activity_mine(&h->ctx, &(struct page){.limit = 5}, &env) != OK) {
        h->ctx.msg[0] = 0;
        return;
    }
    json_t *rows = json_object_get(env, "items");
    html_printf(b, "<section class=\"card wide\" aria-labelledby=\"pw-h\" id=\"my-peer-work\"><h2 id=\"pw-h\">%s</h2>",
                _("My peer activities"));
    if (!json_array_size(rows))
        html_printf(b, "<p class=\"muted\">%s</p>", _("None recorded yet: record one from a client's page."));
    else
        buf_adds(b, "<ul class=\"plain events\">");
    size_t i;
    json_t *a;
    json_array_foreach(rows, i, a) activity_line(b, a, 0);
    if (json_array_size(rows))
        buf_adds(b, "</ul>");
    html_printf(b, "<p class=\"small\"><a href=\"/peer-activities\">%s</a> · <a href=\"/peer-supervisions\">%s</a></p></section>",
                _("All my peer activities"), _("Supervision sessions"));
    json_decref(env);
}

static void pg_activities(struct hreq *h)
{
    const char *after = qstr(h, "after");
    json_t *env = NULL;
    int rc = peer_activity_mine(&h->ctx, &(struct page){.after = after, .limit = 50}, &env);
    if (rc != OK) {
        reply_problem(h, rc == ERR_FORBIDDEN ? 403 : rc == ERR_INVALID ? 400 : 500, _("Not allowed"), h->ctx.msg, NULL);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("My peer activities"));
    html_printf(&b, "<h1>%s</h1>", _("My peer activities"));
    json_t *rows = json_object_get(env, "items");
    if (!json_array_size(rows))
        html_printf(&b, "<p class=\"muted\">%s</p>", _("None recorded yet: record one from a client's page."));
    else
        buf_adds(&b, "<section class=\"card\"><ul class=\"plain events\" id=\"my-peer-activities\">");
    size_t i;
    json_t *a;
    json_array_foreach(rows, i, a) activity_line(&b, a, 0);
    if (json_array_size(rows))
        buf_adds(&b, "</ul></section>");
    page_more(&b, env, "/peer-activities?", _("Earlier activities"), "peer-more");
    json_decref(env);
    page_send(h, 200, &b);
}

static void pg_activity(struct hreq *h)
{
    json_t *a = NULL;
    int rc = peer_activity_get(&h->ctx, h->id[0], &a);
    if (rc != OK) {
        reply_problem(h, rc == ERR_NOTFOUND ? 404 : rc == ERR_FORBIDDEN ? 403 : 500,
                      rc == ERR_NOTFOUND ? _("Not found") : _("Not allowed"), h->ctx.msg, NULL);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Peer activity"));
    html_printf(&b, "<h1>%s</h1><section class=\"card\"><ul class=\"plain events\">",
                word(peer_activity_kinds, kind_names, jstr(a, "kind")));
    activity_line(&b, a, 0);
    buf_adds(&b, "</ul></section>");
    json_decref(a);
    page_send(h, 200, &b);
}

/* ---- supervision sessions ---- */

static void supervision_page(struct hreq *h, int status, const struct fstate *fs);

/* The same session from either side: a peer supporter names their supervisor, a supervisor the peer. */
#define SUPERVISION_FIELDS                                                                                  \
    ROW(2), F("held_on", FI_DATE, N_("Date"), FF_REQ), F("next_on", FI_DATE, N_("Next session"), FF_OMIT), ROW_END, \
        F("topics", FI_TEXTAREA, N_("Topics"), FF_REQ, .rows = 2, .attrs = " maxlength=\"1000\""),          \
        F("went_well", FI_TEXTAREA, N_("What went well"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"2000\""), \
        F("to_develop", FI_TEXTAREA, N_("What to develop"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"2000\""), {0}
static const struct form_field supervision_peer_fields[] = {
    F("supervisor_id", FI_SELECT, N_("Supervisor"), FF_REQ), SUPERVISION_FIELDS};
static const struct form_field supervision_sup_fields[] = {
    F("peer_id", FI_SELECT, N_("Peer supporter"), FF_REQ), SUPERVISION_FIELDS};
/* The ids arrive as text: core takes numbers. */
static void supervision_adjust(json_t *in)
{
    static const char *const keys[] = {"supervisor_id", "peer_id"};
    for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
        json_t *v = json_object_get(in, keys[i]);
        int64_t n;
        if (json_is_string(v) && parse_int64(json_string_value(v), &n) == 0)
            json_object_set_new(in, keys[i], json_integer(n));
    }
}

#define SUPERVISION_FORM(fields_)                                                                           \
    {                                                                                                        \
        .id = "supervision-form", .pfx = "sv", .action = "/peer-supervisions", .box = "details",              \
        .box_id = "new-supervision", .summary = N_("Record a supervision session"),                          \
        .submit = N_("Record the session"), .button = "primary", .flash = "supervision",                     \
        .done = "/peer-supervisions", .fields = fields_, .make = peer_supervision_create,                    \
        .adjust = supervision_adjust, .page = supervision_page                                                \
    }
static const struct form form_supervision_peer = SUPERVISION_FORM(supervision_peer_fields);
static const struct form form_supervision_sup = SUPERVISION_FORM(supervision_sup_fields);

static const struct form *supervision_form(struct hreq *h)
{
    return h->ctx.a->role == ROLE_PEER ? &form_supervision_peer : &form_supervision_sup;
}

/* The staff of one's organisation of a role, as choices. */
static json_t *staff_of_role(struct hreq *h, const char *role)
{
    json_t *all = page_staff(h), *out = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(all, i, s)
    {
        if (!str_eq(jstr(s, "role"), role))
            continue;
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)page_int(s, "id"));
        json_array_append_new(out, json_pack("[s,s]", id, jstr(s, "display_name")));
    }
    json_decref(all);
    return out;
}

static void supervision_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *env = NULL;
    int64_t peer_id = 0;
    if (qstr(h, "peer_id") && parse_int64(qstr(h, "peer_id"), &peer_id) != 0)
        peer_id = 0;
    int rc = peer_supervision_list(&h->ctx, peer_id, &(struct page){.limit = 100}, &env);
    if (rc != OK) {
        reply_problem(h, rc == ERR_FORBIDDEN ? 403 : 500, _("Not allowed"), h->ctx.msg, NULL);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Supervision sessions"));
    html_printf(&b, "<h1>%s</h1><p class=\"muted\">%s</p>", _("Supervision sessions"),
                _("For the peer supporter's own development: seen only by them and the supervisors of their "
                  "organisation, never on a client's record."));
    page_flash(h, &b);
    form_failure(&b, fs);
    if (access_may(&h->ctx, RES_PEER_SUPERVISION, ACT_CREATE, 0)) {
        int peer = h->ctx.a->role == ROLE_PEER;
        char today[16];
        iso_today(today);
        json_t *def = json_pack("{s:s}", "held_on", today);
        json_t *opts = json_pack("{s:o}", peer ? "supervisor_id" : "peer_id",
                                 staff_of_role(h, peer ? "supervisor" : "peer_supporter"));
        form_show(h, &b, supervision_form(h), &(struct form_view){.vals = def, .opts = opts, .fs = fs, .open = fs != NULL});
        json_decref(opts);
        json_decref(def);
    }
    json_t *rows = json_object_get(env, "items");
    if (!json_array_size(rows))
        html_printf(&b, "<p class=\"muted\" id=\"supervisions-none\">%s</p>", _("No session recorded."));
    else
        buf_adds(&b, "<section class=\"card\"><ul class=\"plain events\" id=\"supervisions\">");
    size_t i;
    json_t *v;
    json_array_foreach(rows, i, v)
    {
        html_printf(&b, "<li class=\"supervision\" data-supervision-id=\"%D\"><p class=\"meta\"><strong>%s</strong> · %s %s, %s %s</p>",
                    page_int(v, "id"), jstr(v, "held_on"), _("peer supporter"), jstr(v, "peer_name"), _("supervisor"),
                    jstr(v, "supervisor_name"));
        html_printf(&b, "<p><strong>%s:</strong> %s</p>", _("Topics"), jstr(v, "topics"));
        if (*jstr(v, "went_well"))
            html_printf(&b, "<p><strong>%s:</strong> %s</p>", _("What went well"), jstr(v, "went_well"));
        if (*jstr(v, "to_develop"))
            html_printf(&b, "<p><strong>%s:</strong> %s</p>", _("What to develop"), jstr(v, "to_develop"));
        if (*jstr(v, "next_on"))
            html_printf(&b, "<p class=\"small\">%s %s</p>", _("Next session:"), jstr(v, "next_on"));
        buf_adds(&b, "</li>");
    }
    if (json_array_size(rows))
        buf_adds(&b, "</ul></section>");
    json_decref(env);
    page_send(h, status, &b);
}

static void pg_supervisions(struct hreq *h)
{
    supervision_page(h, 200, NULL);
}

static void pg_supervision_create(struct hreq *h)
{
    form_post(h, supervision_form(h));
}

#define A ROLES_STAFF
const struct route ui_peer_routes[] = {
    {"POST", "/clients/{id}/peer-activities", pg_activity_create, A, 0},
    {"GET", "/peer-activities", pg_activities, A, 0},
    {"GET", "/peer-activities/{id}", pg_activity, A, 0},
    {"GET", "/peer-supervisions", pg_supervisions, A, 0},
    {"POST", "/peer-supervisions", pg_supervision_create, A, 0},
    {0},
};
HTTP_ROUTES(ui_peer_routes, "ui-12-peer");
