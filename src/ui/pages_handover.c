/* pages_handover: "Hand over and disable" (from the staff page): what a leaving worker holds, the
 * receivers chosen (all to one, and per client another), a preview, then the handover in one step;
 * and the list of everything still assigned to disabled accounts. Core decides (core/handover.c). */
#include "ui/pages.h"
#include "ui/ui.h"
#include <stdio.h>
#include <string.h>

#define OV_PREFIX "ov-"

static void handover_page(struct hreq *h, int status, const struct fstate *fs);
static const struct form form_confirm;

/* The per-client receivers: a select per client of the preview (v->user: its items), named ov-CLIENT;
 * in the confirming form, the same as hidden inputs. Empty: the receiver of everything else. */
static void ov_draw(struct form_view *v, const struct form_field *fd)
{
    (void)fd;
    json_t *items = v->user, *seen = json_object(), *choices = json_object_get(v->opts, "to");
    int hidden = v->f == &form_confirm; /* the POST form confirms what the preview showed */
    int any = 0;
    size_t i;
    json_t *r;
    json_array_foreach(items, i, r)
    {
        int64_t cid = page_int(r, "client_id");
        char key[40], ckey[24];
        if (!cid)
            continue;
        snprintf(ckey, sizeof ckey, "%lld", (long long)cid);
        if (json_object_get(seen, ckey))
            continue;
        json_object_set_new(seen, ckey, json_true());
        snprintf(key, sizeof key, OV_PREFIX "%lld", (long long)cid);
        const char *cur = jstr(v->vals, key);
        if (hidden) {
            if (*cur)
                html_printf(v->b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", key, cur);
            continue;
        }
        if (!any++)
            html_printf(v->b, "<fieldset id=\"%s-overrides\"><legend>%s</legend>", v->pfx,
                        _("Per client, another receiver (optional)"));
        char who[300];
        if (*jstr(r, "family_name"))
            page_name_text(r, who, sizeof who);
        else
            snprintf(who, sizeof who, _("Client no. %lld"), (long long)cid);
        html_printf(v->b, "<div class=\"field\"><label for=\"%s-%s\">%s</label><select id=\"%s-%s\" name=\"%s\">"
                          "<option value=\"\">%s</option>",
                    v->pfx, key, who, v->pfx, key, key, _("— the receiver of everything else"));
        size_t j;
        json_t *c;
        json_array_foreach(choices, j, c)
        {
            const char *val = json_string_value(json_array_get(c, 0));
            html_printf(v->b, "<option value=\"%s\"%r>%s</option>", val, str_eq(val, cur) ? " selected" : "",
                        json_string_value(json_array_get(c, 1)));
        }
        buf_adds(v->b, "</select></div>");
    }
    if (any)
        buf_adds(v->b, "</fieldset>");
    json_decref(seen);
}

/* The body's ov-CLIENT fields as overrides [{client_id, to}]. */
static json_t *ov_read(json_t *src)
{
    json_t *ov = json_array();
    const char *k;
    json_t *x;
    json_object_foreach(src, k, x)
    {
        int64_t cid = 0, to = 0;
        const char *s = json_is_string(x) ? json_string_value(x) : NULL;
        if (strncmp(k, OV_PREFIX, strlen(OV_PREFIX)) != 0 || !s || !*s)
            continue;
        if (parse_int64(k + strlen(OV_PREFIX), &cid) == 0 && parse_int64(s, &to) == 0)
            json_array_append_new(ov, json_pack("{s:I,s:I}", "client_id", (json_int_t)cid, "to", (json_int_t)to));
    }
    return ov;
}

static void ov_parse(struct hreq *h, const struct form_field *fd, json_t *in)
{
    (void)fd;
    json_object_set_new(in, "overrides", ov_read(h->body));
}

static const struct form_field preview_fields[] = {
    F("to", FI_SELECT, N_("Hand everything over to"), 0, .none = N_("— choose a worker")),
    F("overrides", FI_CUSTOM, NULL, 0, .draw = ov_draw, .parse = ov_parse),
    F("disable", FI_CHECK, N_("Disable the account in the same step"), 0),
    {0},
};
static const struct form form_preview = {.id = "handover-preview",
                                         .method = "get",
                                         .action = "/admin/staff/{id}/handover",
                                         .box = "card",
                                         .submit = N_("Preview"),
                                         .fields = preview_fields};

static int handover_run(struct hreq *h, json_t *in)
{
    return handover_perform(&h->ctx, h->id[0], in, &h->result);
}
static const struct form_field confirm_fields[] = {
    F("to", FI_HIDDEN, NULL, FF_IN),
    F("overrides", FI_CUSTOM, NULL, 0, .draw = ov_draw, .parse = ov_parse),
    F("disable", FI_HIDDEN, NULL, FF_IN | FF_BOOL),
    F_CAPACITY_REASON,
    {0},
};
static const struct form form_confirm = {.id = "handover-form",
                                         .action = "/admin/staff/{id}/handover",
                                         .submit = N_("Hand over"),
                                         .button = "primary",
                                         .confirm = N_("Hand over everything listed, now? Each receiver gets a task "
                                                       "listing what they received."),
                                         .flash = "handover",
                                         .done = "/admin/assignments",
                                         .fields = confirm_fields,
                                         .run = handover_run,
                                         .page = handover_page};

/* The kind of a record held, in words. */
static const char *kind_words(const char *kind)
{
    return str_eq(kind, "episode")       ? _("Primary case manager")
           : str_eq(kind, "team_member") ? _("Care-team place")
           : str_eq(kind, "task")        ? _("Open task")
           : str_eq(kind, "referral")    ? _("Open referral")
                                         : _("On-call shift");
}

static void items_table(struct buf *b, json_t *items, int with_holder, int with_to)
{
    html_printf(b,
                "<table class=\"list\" id=\"%s\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th>",
                with_to ? "handover-items" : "assignments-table", _("What"), _("Client"), _("Details"));
    if (with_holder)
        html_printf(b, "<th scope=\"col\">%s</th>", _("Held by"));
    if (with_to)
        html_printf(b, "<th scope=\"col\">%s</th>", _("Handed to"));
    buf_adds(b, "</tr></thead><tbody>");
    size_t i;
    json_t *r;
    json_array_foreach(items, i, r)
    {
        char who[300] = "";
        if (*jstr(r, "family_name"))
            page_name_text(r, who, sizeof who);
        else if (page_int(r, "client_id"))
            snprintf(who, sizeof who, _("Client no. %lld"), (long long)page_int(r, "client_id"));
        char what[80];
        const char *kind = jstr(r, "kind");
        html_printf(b, "<tr data-kind=\"%s\"><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
                       "<td data-label=\"%s\">",
                    kind, _("What"), kind_words(kind), _("Client"), who, _("Details"));
        /* a programme or a team role by its label, a shift by its local start, a task by its title */
        if (str_eq(kind, "team_member") || str_eq(kind, "episode"))
            html_printf(b, "%s", ui_vlabel(str_eq(kind, "episode") ? "programme" : "team role", jstr(r, "what"), what, sizeof what));
        else if (str_eq(kind, "oncall"))
            page_when(b, jstr(r, "what"));
        else
            html_printf(b, "%s", jstr(r, "what"));
        buf_adds(b, "</td>");
        if (with_holder)
            html_printf(b, "<td data-label=\"%s\"><a href=\"/admin/staff/%D/handover\">%s</a></td>", _("Held by"),
                        page_int(r, "staff_id"), jstr(r, "staff_name"));
        if (with_to)
            html_printf(b, "<td data-label=\"%s\">%s</td>", _("Handed to"),
                        *jstr(r, "to_name") ? jstr(r, "to_name") : "—");
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody></table>");
}

static void handover_page(struct hreq *h, int status, const struct fstate *fs)
{
    int64_t who = h->id[0];
    /* The choices of the preview (the query), else of the failed confirmation. */
    json_t *src = fs && fs->vals ? fs->vals : h->query;
    json_t *in = json_object();
    int64_t to = 0;
    if (parse_int64(jstr(src, "to"), &to) == 0 && to > 0)
        json_object_set_new(in, "to", json_integer(to));
    json_object_set_new(in, "overrides", ov_read(src));
    json_object_set_new(in, "disable", json_boolean(str_eq(jstr(src, "disable"), "1")));
    json_t *plan = NULL, *errs = NULL;
    int rc = handover_preview(&h->ctx, who, in, &plan);
    if (rc == ERR_INVALID) { /* the choices need attention: show what is held, the errors beside them */
        errs = json_incref(h->ctx.errors);
        page_errors_reset(&h->ctx);
        json_object_del(in, "to");
        json_object_set_new(in, "overrides", json_array());
        json_object_set_new(in, "disable", json_false());
        rc = handover_preview(&h->ctx, who, in, &plan);
    }
    json_decref(in);
    json_t *staff = NULL;
    if (rc == OK) {
        int64_t org = access_may(&h->ctx, RES_STAFF, ACT_ADMINISTER, 0) ? page_int(plan, "org_id") : 0;
        rc = staff_list(&h->ctx, &(struct page){NULL, 0}, &(struct staff_filter){NULL, NULL, "active", org}, &staff);
    }
    if (rc != OK) {
        json_decref(errs);
        json_decref(plan);
        reply_core_error(h, rc);
        return;
    }
    json_t *choices = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(staff, "items"), i, s)
    {
        if (page_int(s, "id") == who)
            continue;
        char id[24], rl[64], l[200];
        snprintf(id, sizeof id, "%lld", (long long)page_int(s, "id"));
        snprintf(l, sizeof l, "%s — %s", jstr(s, "display_name"), ui_vlabel("role", jstr(s, "role"), rl, sizeof rl));
        json_array_append_new(choices, json_pack("[s,s]", id, l));
    }
    json_decref(staff);
    json_t *items = json_object_get(plan, "items");
    struct buf b;
    buf_init(&b);
    char title[240];
    snprintf(title, sizeof title, _("Hand over the work of %s"), jstr(plan, "staff_name"));
    ui_begin(h, &b, title);
    page_flash(h, &b);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1><p class=\"actions\"><a href=\"/admin/assignments\">%s</a>"
                    "</p></div>",
                title, _("Assignments of disabled accounts"));
    form_failure(&b, fs);
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card\" id=\"handover-none\">%s</p>",
                    _("This worker holds nothing: no clients, open tasks or on-call shifts."));
    else
        items_table(&b, items, 0, 1);
    json_t *opts = json_pack("{s:o}", "to", choices);
    json_t *vals = json_deep_copy(src);
    form_show(h, &b, &form_preview,
              &(struct form_view){.target = who, .vals = vals, .opts = opts, .errs = errs, .user = items});
    /* Everything has a receiver and the choices were accepted: the handover itself. */
    int ready = !errs && (json_array_size(items) || json_is_true(json_object_get(plan, "disable")));
    json_array_foreach(items, i, s) ready &= page_int(s, "to") != 0;
    if (ready) {
        html_printf(&b, "<section class=\"card\" id=\"handover-confirm\"><h2>%s</h2><p>%s</p>", _("Confirm"),
                    json_is_true(json_object_get(plan, "disable"))
                        ? _("Everything above goes to the workers shown, and the account is disabled, in one step.")
                        : _("Everything above goes to the workers shown, in one step."));
        json_t *hid = json_pack("{s:s,s:s}", "to", jstr(src, "to"), "disable",
                                json_is_true(json_object_get(plan, "disable")) ? "1" : "0");
        form_show(h, &b, &form_confirm,
                  &(struct form_view){.target = who, .vals = vals, .hidden = hid, .opts = opts, .user = items,
                                      .fs = fs});
        json_decref(hid);
        buf_adds(&b, "</section>");
    }
    json_decref(vals);
    json_decref(opts);
    json_decref(errs);
    json_decref(plan);
    page_send(h, status, &b);
}

static void pg_handover(struct hreq *h)
{
    handover_page(h, 200, NULL);
}

static void pg_handover_perform(struct hreq *h)
{
    form_post(h, &form_confirm);
}

/* Everything still assigned to disabled accounts: each links to its holder's handover. */
static void pg_assignments(struct hreq *h)
{
    json_t *env = NULL;
    int rc = handover_disabled(&h->ctx, &(struct page){qstr(h, "after"), 0}, &env);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Assignments of disabled accounts"));
    page_flash(h, &b);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1></div><p>%s</p>", _("Assignments of disabled accounts"),
                _("Nothing may stay assigned to a disabled account: hand each over to an active worker."));
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card\" id=\"assignments-none\">%s</p>",
                    _("Nothing is assigned to a disabled account."));
    else
        items_table(&b, items, 1, 0);
    page_more(&b, env, "/admin/assignments?", _("More"), "assignments-more");
    json_decref(env);
    /* A supervisor starts a handover here (an administrator from the staff page): their organisation's
     * active workers. */
    json_t *staff = NULL;
    if (!access_may(&h->ctx, RES_STAFF, ACT_ADMINISTER, 0) &&
        staff_list(&h->ctx, &(struct page){NULL, 0}, &(struct staff_filter){NULL, NULL, "active", 0}, &staff) == OK) {
        html_printf(&b, "<section class=\"card\" id=\"handover-start\" aria-labelledby=\"hs-h\"><h2 id=\"hs-h\">%s</h2>"
                        "<ul class=\"plain\">",
                    _("Hand over the work of a worker who moves on"));
        size_t i;
        json_t *s;
        json_array_foreach(json_object_get(staff, "items"), i, s)
            if (page_int(s, "id") != h->actor.staff_id)
                html_printf(&b, "<li><a href=\"/admin/staff/%D/handover\">%s</a></li>", page_int(s, "id"),
                            jstr(s, "display_name"));
        buf_adds(&b, "</ul></section>");
    }
    json_decref(staff);
    page_send(h, 200, &b);
}

#define SA (ROLE_BIT(ROLE_SUPERVISOR) | ROLE_BIT(ROLE_ADMIN))
static const struct route ui_handover_routes[] = {
    {"GET", "/admin/staff/{id}/handover", pg_handover, SA, 0},
    {"POST", "/admin/staff/{id}/handover", pg_handover_perform, SA, 0},
    {"GET", "/admin/assignments", pg_assignments, SA, 0},
    {0},
};
HTTP_ROUTES(ui_handover_routes, "ui-7-handover");
