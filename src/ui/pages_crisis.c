/* pages_crisis: the crisis view for the on-call worker at 3 a.m. (identity, flags, safety plan,
 * recent crises and stays, who to call, recording a crisis event) and the on-call rota. Everything
 * is read and written through core (core/risk.h); POSTs redirect back or show the form again. */
#include "core/risk.h"
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

/* ---- the crisis view ---- */

/* Everyone who may have responded, as choices: me, the care team, whoever is on call (once each). */
static json_t *responders(struct hreq *h, json_t *v)
{
    json_t *seen = json_object(), *out = json_array();
    char id[24], l[200];
    snprintf(id, sizeof id, "%lld", (long long)h->actor.staff_id);
    snprintf(l, sizeof l, "%s (%s)", h->actor.name, _("me"));
    json_array_append_new(out, json_pack("[s,s]", id, l));
    json_object_set_new(seen, id, json_true());
    size_t i, j;
    json_t *m, *o, *s;
    json_array_foreach(json_object_get(v, "care_team"), i, m)
    {
        snprintf(id, sizeof id, "%lld", (long long)page_int(m, "staff_id"));
        if (json_object_get(seen, id))
            continue;
        json_object_set_new(seen, id, json_true());
        char rl[80];
        snprintf(l, sizeof l, "%s (%s)", jstr(m, "name"), ui_vlabel("team role", jstr(m, "team_role"), rl, sizeof rl));
        json_array_append_new(out, json_pack("[s,s]", id, l));
    }
    json_array_foreach(json_object_get(v, "on_call"), i, o)
    {
        json_array_foreach(json_object_get(o, "on_call"), j, s)
        {
            snprintf(id, sizeof id, "%lld", (long long)page_int(s, "staff_id"));
            if (json_object_get(seen, id))
                continue;
            json_object_set_new(seen, id, json_true());
            snprintf(l, sizeof l, "%s (%s)", jstr(s, "name"), _("on call"));
            json_array_append_new(out, json_pack("[s,s]", id, l));
        }
    }
    json_decref(seen);
    return out;
}

static void crisis_again(struct hreq *h, int status, const struct fstate *fs);
static const struct form_field crisis_fields[] = {
    ROW(2),
    F("occurred_at", FI_DATETIME, N_("When"), FF_REQ),
    F("kind", FI_SELECT, N_("What happened"), FF_REQ, .choices = crisis_kinds),
    F("severity", FI_SELECT, N_("Severity"), FF_REQ, .choices = crisis_severities),
    F("response_mode", FI_SELECT, N_("How we responded"), FF_REQ, .choices = crisis_modes),
    ROW_END,
    F("responders", FI_CHECKS, N_("Who responded"), 0),
    F("actions", FI_TEXTAREA, N_("What was done"), FF_REQ, .rows = 4),
    F("outcome", FI_SELECT, N_("Outcome"), FF_REQ, .choices = crisis_outcomes),
    F("notes", FI_TEXTAREA, N_("Notes (optional)"), FF_OMIT, .rows = 2),
    {0},
};
static const struct form form_crisis = {
    .id = "crisis-form",
    .action = "/clients/{id}/crisis",
    .submit = N_("Record the crisis event"),
    .button = "danger",
    .flash = "crisis",
    .done = "/clients/{id}/crisis#events",
    .note = N_("Follow-up tasks at 24 hours, 72 hours and 7 days are added to your work."),
    .fields = crisis_fields,
    .create = crisis_record,
    .page = crisis_again,
    .flags = FORM_CLIENT_PATH};

static void crisis_form(struct hreq *h, struct buf *b, json_t *v, int64_t cid, const struct fstate *fs)
{
    char now[20], me[24];
    page_local_now(now);
    snprintf(me, sizeof me, "%lld", (long long)h->actor.staff_id);
    json_t *def = json_pack("{s:s,s:[s]}", "occurred_at", now, "responders", me), *opts = json_object();
    json_object_set_new(opts, "responders", responders(h, v));
    html_printf(
        b, "<section class=\"card record\" id=\"record\" aria-labelledby=\"rec-h\"><h2 id=\"rec-h\">%s</h2>",
        _("Record a crisis event"));
    form_failure(b, fs);
    form_show(h, b, &form_crisis, &(struct form_view){.target = cid, .vals = def, .opts = opts, .fs = fs});
    buf_adds(b, "</section>");
    json_decref(opts);
    json_decref(def);
}

static void whom_to_call(struct buf *b, json_t *v)
{
    json_t *cl = json_object_get(v, "client");
    html_printf(b, "<section class=\"card\" id=\"call\" aria-labelledby=\"call-h\"><h2 id=\"call-h\">%s</h2>",
                _("Who to call"));
    size_t i, j;
    json_t *o, *s, *m;
    json_array_foreach(json_object_get(v, "on_call"), i, o)
    {
        html_printf(b, "<h3>%s · %s</h3><ul class=\"plain calls\">", _("On call now"),
                    jstr(o, "organisation"));
        if (!json_array_size(json_object_get(o, "on_call")))
            html_printf(b, "<li class=\"muted\">%s</li>", _("No one is on call now."));
        json_array_foreach(json_object_get(o, "on_call"), j, s)
        {
            html_printf(b, "<li class=\"on-call-now\"><span class=\"who-name\">%s</span> ", jstr(s, "name"));
            if (*jstr(s, "phone"))
                rk_tel(b, jstr(s, "phone"));
            buf_adds(b, " <span class=\"muted small\">");
            page_shift_until(b, jstr(s, "ends_at"));
            buf_adds(b, "</span></li>");
        }
        json_t *nx = json_object_get(o, "next");
        if (json_is_object(nx)) {
            buf_adds(b, "<li class=\"muted small\">");
            page_shift_next(b, jstr(nx, "name"), jstr(nx, "starts_at"));
            buf_adds(b, "</li>");
        }
        buf_adds(b, "</ul>");
    }
    html_printf(b, "<h3>%s</h3>", _("Care team"));
    if (!json_array_size(json_object_get(v, "care_team")))
        html_printf(b, "<p class=\"muted\">%s</p>", _("No open care team."));
    else
        buf_adds(b, "<ul class=\"plain calls\" id=\"care-team\">");
    json_array_foreach(json_object_get(v, "care_team"), i, m)
    {
        char rl[80];
        html_printf(b, "<li><span class=\"who-name\">%s</span> <span class=\"muted small\">%s",
                    jstr(m, "name"), ui_vlabel("team role", jstr(m, "team_role"), rl, sizeof rl));
        if (json_is_true(json_object_get(m, "is_primary")) &&
            !str_eq(jstr(m, "team_role"), "primary_case_manager"))
            html_printf(b, ", %s", _("primary case manager"));
        html_printf(b, " · %s</span> ", jstr(m, "organisation"));
        if (*jstr(m, "phone"))
            rk_tel(b, jstr(m, "phone"));
        buf_adds(b, "</li>");
    }
    if (json_array_size(json_object_get(v, "care_team")))
        buf_adds(b, "</ul>");
    html_printf(b, "<h3>%s</h3>", _("Emergency contacts"));
    if (*jstr(cl, "emergency_contacts"))
        html_printf(b, "<p class=\"note-body\" id=\"emergency-contacts\">%s</p>",
                    jstr(cl, "emergency_contacts"));
    else
        html_printf(b, "<p class=\"muted\">%s</p>", _("None recorded."));
    buf_adds(b, "</section>");
}

static void crisis_page(struct hreq *h, int status, json_t *v, const struct fstate *fs)
{
    json_t *cl = json_object_get(v, "client");
    int64_t cid = page_int(cl, "id");
    struct buf b, t;
    buf_init(&b);
    buf_init(&t);
    char nm[256];
    html_printf(&t, "%s · %s", _("Crisis view"), page_name_text(cl, nm, sizeof nm));
    ui_begin(h, &b, t.data);
    buf_free(&t);
    html_printf(&b, "<div class=\"crisis-view\"><p class=\"crumbs\"><a href=\"/clients/%D\">← %s</a></p>",
                cid, _("Full record"));
    page_bg_banner(&b, v);
    page_flash(h, &b);
    char sl[40];
    html_printf(&b, "<header class=\"crisis-head\"><p class=\"kicker\">%s</p><h1 id=\"client-name\">",
                _("Crisis view"));
    page_name(&b, cl);
    buf_adds(&b, "</h1><p class=\"facts\">");
    html_printf(&b, _("%D years"), page_int(cl, "age"));
    html_printf(&b, " · %s ", _("born"));
    page_date_long(&b, jstr(cl, "birth_date"));
    if (*jstr(cl, "sex"))
        html_printf(&b, " · %s", ui_vlabel("sex", jstr(cl, "sex"), sl, sizeof sl));
    if (*jstr(cl, "language"))
        html_printf(&b, " · %s", page_language_name(jstr(cl, "language")));
    buf_adds(&b, "</p><p class=\"facts\">");
    if (*jstr(cl, "phone")) {
        html_printf(&b, "%s ", _("Phone"));
        rk_tel(&b, jstr(cl, "phone"));
    }
    char addr[800];
    address_line(addr, sizeof addr, jstr(cl, "address"), jstr(cl, "address_detail"), jstr(cl, "postal_code"),
                 jstr(cl, "address_country"));
    if (*jstr(cl, "address") || *jstr(cl, "address_detail"))
        html_printf(&b, "%r<span class=\"addr\">%s</span>", *jstr(cl, "phone") ? "<br>" : "", addr);
    html_printf(&b,
                "</p><p class=\"actions\"><a class=\"button danger\" href=\"#record\">%s</a></p></header>",
                _("Record a crisis event"));
    /* Active flags, with their reasons: the banner every page of the client has. */
    json_t *flags = json_object_get(v, "flags");
    if (json_array_size(flags))
        page_risk_flags(&b, cid, flags, 1);
    else
        html_printf(&b, "<p class=\"card no-flags\" id=\"no-flags\">%s</p>", _("No active risk flag."));
    whom_to_call(&b, v);
    /* The safety plan. */
    json_t *plan = json_object_get(v, "safety_plan");
    html_printf(&b,
                "<section class=\"card\" id=\"safety-plan\" aria-labelledby=\"sp-h\"><h2 id=\"sp-h\">%s</h2>",
                _("Safety plan"));
    if (json_is_true(json_object_get(v, "safety_plan_hidden"))) {
        html_printf(&b, "<p class=\"muted\">%s</p>", _("The safety plan is not shown to your role."));
    } else if (!json_is_object(plan)) {
        html_printf(&b, "<p class=\"muted\">%s</p>", _("No safety plan yet."));
    } else {
        rk_plan_meta(&b, plan);
        rk_plan_body(&b, plan, 3);
        html_printf(&b, "<p class=\"small\"><a href=\"/clients/%D/safety-plan\">%s</a></p>", cid,
                    _("Open the plan (print, history)"));
    }
    buf_adds(&b, "</section>");
    crisis_form(h, &b, v, cid, fs);
    /* What happened before. */
    json_t *ev = json_object_get(v, "crisis_events");
    html_printf(&b, "<section class=\"card\" id=\"events\" aria-labelledby=\"ev-h\"><h2 id=\"ev-h\">%s</h2>",
                _("Recent crisis events"));
    if (!json_array_size(ev))
        html_printf(&b, "<p class=\"muted\">%s</p>", _("No crisis event recorded."));
    else
        buf_adds(&b, "<ol class=\"events\" id=\"crisis-events\">");
    size_t i;
    json_t *e;
    json_array_foreach(ev, i, e) rk_event_line(&b, e);
    if (json_array_size(ev))
        buf_adds(&b, "</ol>");
    buf_adds(&b, "</section>");
    json_t *stays = json_object_get(v, "hospitalisations");
    html_printf(&b, "<section class=\"card\" id=\"stays\" aria-labelledby=\"hs-h\"><h2 id=\"hs-h\">%s</h2>",
                _("Hospital stays"));
    if (!json_array_size(stays))
        html_printf(&b, "<p class=\"muted\">%s</p>", _("No hospital stay recorded."));
    else
        buf_adds(&b, "<ul class=\"plain stays\">");
    json_t *s;
    json_array_foreach(stays, i, s)
    {
        char tl[40];
        html_printf(&b, "<li><strong>%s</strong> <span class=\"tag\">%s</span>", jstr(s, "hospital"),
                    ui_vlabel("admission", jstr(s, "admission_type"), tl, sizeof tl));
        if (json_is_true(json_object_get(s, "in_hospital")))
            html_printf(&b, " <span class=\"badge prio-high\">%s</span>", _("in hospital"));
        html_printf(&b, "<br><span class=\"small\">%s ", _("Admitted"));
        page_when(&b, jstr(s, "admitted_at"));
        if (!json_is_true(json_object_get(s, "in_hospital"))) {
            html_printf(&b, " · %s ", _("discharged"));
            page_when(&b, jstr(s, "discharged_at"));
        }
        buf_adds(&b, "</span>");
        if (*jstr(s, "reason"))
            html_printf(&b, "<br><span class=\"small muted\">%s</span>", jstr(s, "reason"));
        buf_adds(&b, "</li>");
    }
    if (json_array_size(stays))
        buf_adds(&b, "</ul>");
    buf_adds(&b, "</section></div>");
    page_send(h, status, &b);
}

/* The view, or the limited page with break-glass (next: back here) when the record is closed. */
static json_t *crisis_load(struct hreq *h)
{
    json_t *v = NULL;
    int rc = crisis_view(&h->ctx, h->id[0], &v);
    if (rc == OK)
        return v;
    if (rc == ERR_FORBIDDEN) {
        char here[64];
        snprintf(here, sizeof here, "/clients/%lld/crisis", (long long)h->id[0]);
        page_errors_reset(&h->ctx);
        json_decref(page_client_sub(h, h->id[0], here)); /* answers: the limited page (or full: unlikely) */
        if (!h->status)
            page_client_error(h, ERR_FORBIDDEN);
        return NULL;
    }
    page_client_error(h, rc);
    return NULL;
}

static void pg_crisis(struct hreq *h)
{
    json_t *v = crisis_load(h);
    if (!v)
        return;
    crisis_page(h, 200, v, NULL);
    json_decref(v);
}

static void crisis_again(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *v = crisis_load(h);
    if (v)
        crisis_page(h, status, v, fs);
    json_decref(v);
}

static void pg_crisis_record(struct hreq *h)
{
    form_post(h, &form_crisis);
}

/* ---- the on-call rota ---- */

static void shift_when(struct buf *b, json_t *s)
{
    page_when(b, jstr(s, "starts_at"));
    buf_adds(b, " – ");
    page_until(b, jstr(s, "ends_at"));
}

static void oncall_page(struct hreq *h, int status, const struct fstate *fs);
static const struct form_field range_fields[] = {
    ROW(3), F("from", FI_DATE, N_("From"), 0), F("to", FI_DATE, NC_("date range", "To"), 0), {0}};
static const struct form form_range = {.id = "rota-range",
                                       .pfx = "r",
                                       .method = "get",
                                       .action = "/oncall",
                                       .cls = "rota-range",
                                       .submit = N_("Show"),
                                       .fields = range_fields};
static const struct form_field shift_fields[] = {
    ROW(2),
    F("staff_id", FI_STAFF, N_("Who"), FF_REQ),
    F("phone", FI_TEL, N_("On-call phone (if not their own)"), FF_OMIT, .attrs = " maxlength=\"40\""),
    F("starts_at", FI_DATETIME, N_("Starts"), FF_REQ),
    F("ends_at", FI_DATETIME, N_("Ends"), FF_REQ),
    ROW_END,
    {0},
};
static const struct form form_shift = {.id = "shift-form",
                                       .action = "/oncall",
                                       .submit = N_("Add the shift"),
                                       .button = "primary",
                                       .flash = "shift",
                                       .done = "/oncall",
                                       .fields = shift_fields,
                                       .make = oncall_add,
                                       .page = oncall_page};
static int shift_remove_run(struct hreq *h, json_t *in)
{
    (void)in;
    return oncall_remove(&h->ctx, h->id[0], &h->result);
}
/* Removing a shift to come, or ending the one under way: the same request. */
#define SHIFT_REMOVE_FORM                                                                                    \
    .action = "/oncall/{id}/remove", .cls = "inline", .button = "small quiet-danger",                        \
    .flash = "shift-removed", .done = "/oncall", .run = shift_remove_run, .page = oncall_page,               \
    .flags = FORM_MANY
static const struct form form_shift_remove = {.id = "shift-remove",
                                              .pfx = "sr",
                                              .submit = N_("Remove"),
                                              .confirm = N_("Remove this shift from the rota?"),
                                              SHIFT_REMOVE_FORM};
static const struct form form_shift_end = {.id = "shift-end",
                                           .pfx = "se",
                                           .submit = N_("End now"),
                                           .confirm = N_("End this shift now?"),
                                           SHIFT_REMOVE_FORM};

static void oncall_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *now = NULL, *list = NULL;
    int rc = oncall_now(&h->ctx, &now);
    if (rc == OK)
        rc = oncall_list(&h->ctx, qstr(h, "from"), qstr(h, "to"), NULL, &list);
    json_t *qerrs = NULL;
    if (rc == ERR_INVALID) { /* a bad from/to in the address: the default fortnight, the error shown */
        qerrs = json_incref(h->ctx.errors);
        page_errors_reset(&h->ctx);
        rc = oncall_list(&h->ctx, NULL, NULL, NULL, &list);
    }
    if (rc != OK) {
        json_decref(now);
        json_decref(qerrs);
        reply_core_error(h, rc);
        return;
    }
    int keeper = access_may(&h->ctx, RES_ONCALL, ACT_CREATE, 0);
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("On call"));
    page_flash(h, &b);
    html_printf(&b, "<h1>%s <span class=\"muted small\">%s</span></h1>", _("On call"),
                jstr(now, "organisation"));
    form_failure(&b, fs);
    html_printf(
        &b,
        "<section class=\"card on-call-now\" id=\"now\" aria-labelledby=\"now-h\"><h2 id=\"now-h\">%s</h2>",
        _("On call now"));
    json_t *cur = json_object_get(now, "on_call");
    if (!json_array_size(cur))
        html_printf(&b, "<p id=\"nobody\"><strong>%s</strong></p>", _("No one is on call now."));
    else
        buf_adds(&b, "<ul class=\"plain calls\" id=\"on-call-now\">");
    size_t i;
    json_t *s;
    json_array_foreach(cur, i, s)
    {
        html_printf(&b, "<li><span class=\"who-name big\">%s</span> ", jstr(s, "name"));
        if (*jstr(s, "phone"))
            rk_tel(&b, jstr(s, "phone"));
        buf_adds(&b, " <span class=\"muted small\">");
        page_shift_until(&b, jstr(s, "ends_at"));
        buf_adds(&b, "</span></li>");
    }
    if (json_array_size(cur))
        buf_adds(&b, "</ul>");
    json_t *nx = json_object_get(now, "next");
    if (json_is_object(nx)) {
        buf_adds(&b, "<p class=\"muted\">");
        page_shift_next(&b, jstr(nx, "name"), jstr(nx, "starts_at"));
        buf_adds(&b, "</p>");
    }
    buf_adds(&b, "</section>");
    /* The coming shifts. */
    html_printf(&b,
                "<section class=\"card\" id=\"rota\" aria-labelledby=\"rota-h\"><h2 id=\"rota-h\">%s</h2>",
                _("Shifts"));
    char from[16] = "", to[16] = "";
    snprintf(from, sizeof from, "%.10s", jstr(list, "from"));
    snprintf(to, sizeof to, "%.10s", jstr(list, "to"));
    json_t *range = json_pack("{s:s,s:s}", "from", from, "to", to);
    form_show(h, &b, &form_range, &(struct form_view){.vals = range, .errs = qerrs});
    json_decref(range);
    json_t *items = json_object_get(list, "items");
    if (!json_array_size(items)) {
        html_printf(&b, "<p class=\"muted\">%s</p>", _("No shift in this period."));
    } else {
        html_printf(&b,
                    "<table class=\"list\" id=\"shifts\"><thead><tr><th scope=\"col\">%s</th><th "
                    "scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th><th scope=\"col\"><span "
                    "class=\"sr\">%s</span></th></tr></thead><tbody>",
                    _("When"), _("Who"), _("Phone"), _("Actions"));
        char nowiso[32];
        iso_now(nowiso);
        json_array_foreach(items, i, s)
        {
            int on = json_is_true(json_object_get(s, "now"));
            html_printf(&b,
                        "<tr class=\"%s\" data-shift-id=\"%D\"><td class=\"shift-when\" data-label=\"%s\">",
                        on ? "now" : "", page_int(s, "id"), _("When"));
            shift_when(&b, s);
            if (on)
                html_printf(&b, " <span class=\"badge ok\">%s</span>", _("now"));
            html_printf(&b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", _("Who"),
                        jstr(s, "name"), _("Phone"));
            if (*jstr(s, "phone"))
                rk_tel(&b, jstr(s, "phone"));
            buf_adds(&b, "</td><td class=\"actions\">");
            if (keeper && strcmp(jstr(s, "ends_at"), nowiso) > 0) {
                form_show(h, &b, on ? &form_shift_end : &form_shift_remove,
                          &(struct form_view){.target = page_int(s, "id"), .sr = jstr(s, "name")});
            }
            buf_adds(&b, "</td></tr>");
        }
        buf_adds(&b, "</tbody></table>");
    }
    buf_adds(&b, "</section>");
    if (keeper) {
        html_printf(
            &b, "<section class=\"card\" id=\"add-shift\" aria-labelledby=\"as-h\"><h2 id=\"as-h\">%s</h2>",
            _("Add a shift"));
        form_show(h, &b, &form_shift, &(struct form_view){.fs = fs});
        buf_adds(&b, "</section>");
    }
    json_decref(qerrs);
    json_decref(now);
    json_decref(list);
    page_send(h, status, &b);
}

static void pg_oncall(struct hreq *h)
{
    oncall_page(h, 200, NULL);
}

static void pg_shift_add(struct hreq *h)
{
    form_post(h, &form_shift);
}

static void pg_shift_remove(struct hreq *h)
{
    form_post(h, &form_shift_remove);
}

#define A ROLES_ANY
const struct route ui_crisis_routes[] = {
    {"GET", "/oncall", pg_oncall, A, 0},
    {"POST", "/oncall", pg_shift_add, A, 0},
    {"POST", "/oncall/{id}/remove", pg_shift_remove, A, 0},
    {"GET", "/clients/{id}/crisis", pg_crisis, A, 0},
    {"POST", "/clients/{id}/crisis", pg_crisis_record, A, 0},
    {0},
};
HTTP_ROUTES(ui_crisis_routes, "ui-5-crisis");
