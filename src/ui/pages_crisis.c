/* pages_crisis: the crisis view for the on-call worker at 3 a.m. (identity, flags, safety plan,
 * recent crises and stays, who to call, recording a crisis event) and the on-call rota. Everything
 * is read and written through core (core/risk.h); POSTs redirect back or show the form again. */
#include "core/risk.h"
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>


/* ---- the crisis view ---- */

/* Everyone who may have responded: me, the care team, whoever is on call (once each). */
static void responders(struct hreq *h, struct buf *b, json_t *v, json_t *vals, json_t *errs, int fresh)
{
    const char *err = jstr(errs, "responders");
    html_printf(b, "<fieldset class=\"field%s\" id=\"f-responders\" tabindex=\"-1\"><legend>%s</legend>",
                *err ? " has-error" : "", _("Who responded"));
    if (*err)
        html_printf(b, "<p class=\"field-error\">%s</p>", err);
    buf_adds(b, "<div class=\"checks\">");
    json_t *seen = json_object();
    char id[24], l[200];
    snprintf(id, sizeof id, "%lld", (long long)h->actor.staff_id);
    snprintf(l, sizeof l, "%s (%s)", h->actor.name, _("me"));
    pf_checkbox(b, "f", "responders", id, l, fresh || pf_has(vals, "responders", id));
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
        snprintf(l, sizeof l, "%s (%s)", jstr(m, "name"), ui_label(jstr(m, "team_role"), rl, sizeof rl));
        pf_checkbox(b, "f", "responders", id, l, pf_has(vals, "responders", id));
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
            pf_checkbox(b, "f", "responders", id, l, pf_has(vals, "responders", id));
        }
    }
    json_decref(seen);
    buf_adds(b, "</div></fieldset>");
}

static void crisis_form(struct hreq *h, struct buf *b, json_t *v, int64_t cid, json_t *vals, json_t *errs,
                        const char *msg)
{
    int fresh = !vals;
    char now[20];
    page_local_now(now);
    json_t *def = json_pack("{s:s}", "occurred_at", now);
    if (!vals)
        vals = def;
    html_printf(
        b, "<section class=\"card record\" id=\"record\" aria-labelledby=\"rec-h\"><h2 id=\"rec-h\">%s</h2>",
        _("Record a crisis event"));
    static const char *const labels[] = {
        "occurred_at", N_("When"),          "kind",          N_("What happened"),
        "severity",    N_("Severity"),      "response_mode", N_("How we responded"),
        "responders",  N_("Who responded"), "actions",       N_("What was done"),
        "outcome",     N_("Outcome"),       "notes",         N_("Notes"),
        NULL};
    rk_summary(b, errs, msg, "f", labels);
    html_printf(b, "<form method=\"post\" action=\"/clients/%D/crisis\" id=\"crisis-form\">", cid);
    ui_csrf(h, b);
    buf_adds(b, "<div class=\"row2\">");
    pf_input(b, "f", "occurred_at", _("When"), "datetime-local", vals, errs, 1, NULL);
    pf_select(b, "f", "kind", _("What happened"), crisis_kinds, vals, errs, 1);
    pf_select(b, "f", "severity", _("Severity"), crisis_severities, vals, errs, 1);
    pf_select(b, "f", "response_mode", _("How we responded"), crisis_modes, vals, errs, 1);
    buf_adds(b, "</div>");
    responders(h, b, v, vals, errs, fresh);
    pf_textarea(b, "f", "actions", _("What was done"), vals, errs, 1, 4);
    pf_select(b, "f", "outcome", _("Outcome"), crisis_outcomes, vals, errs, 1);
    pf_textarea(b, "f", "notes", _("Notes (optional)"), vals, errs, 0, 2);
    html_printf(
        b,
        "<p class=\"muted small\">%s</p><div class=\"buttons\"><button type=\"submit\" class=\"danger\">%s"
        "</button></div></form></section>",
        _("Follow-up tasks at 24 hours, 72 hours and 7 days are added to your work."),
        _("Record the crisis event"));
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
            html_printf(b, " <span class=\"muted small\">%s ", _("until"));
            page_until(b, jstr(s, "ends_at"));
            buf_adds(b, "</span></li>");
        }
        json_t *nx = json_object_get(o, "next");
        if (json_is_object(nx)) {
            html_printf(b, "<li class=\"muted small\">%s %s, %s ", _("Next:"), jstr(nx, "name"), _("from"));
            page_until(b, jstr(nx, "starts_at"));
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
                    jstr(m, "name"), ui_label(jstr(m, "team_role"), rl, sizeof rl));
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

static void crisis_page(struct hreq *h, int status, json_t *v, json_t *vals, json_t *errs, const char *msg)
{
    json_t *cl = json_object_get(v, "client");
    int64_t cid = page_int(cl, "id");
    struct buf b, t;
    buf_init(&b);
    buf_init(&t);
    html_printf(&t, "%s · %s %s", _("Crisis view"), jstr(cl, "given_name"), jstr(cl, "family_name"));
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
    html_printf(&b, "</h1><p class=\"facts\">%D %s · %s %s", page_int(cl, "age"), _("years"), _("born"),
                jstr(cl, "birth_date"));
    if (*jstr(cl, "sex"))
        html_printf(&b, " · %s", ui_label(jstr(cl, "sex"), sl, sizeof sl));
    if (*jstr(cl, "language"))
        html_printf(&b, " · %s", jstr(cl, "language"));
    buf_adds(&b, "</p><p class=\"facts\">");
    if (*jstr(cl, "phone")) {
        html_printf(&b, "%s ", _("Phone"));
        rk_tel(&b, jstr(cl, "phone"));
    }
    if (*jstr(cl, "address"))
        html_printf(&b, "%r<span class=\"addr\">%s</span>", *jstr(cl, "phone") ? "<br>" : "",
                    jstr(cl, "address"));
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
    if (!json_is_object(plan)) {
        html_printf(&b, "<p class=\"muted\">%s</p>", _("No safety plan yet."));
    } else {
        rk_plan_meta(&b, plan);
        rk_plan_body(&b, plan, 3);
        html_printf(&b, "<p class=\"small\"><a href=\"/clients/%D/safety-plan\">%s</a></p>", cid,
                    _("Open the plan (print, history)"));
    }
    buf_adds(&b, "</section>");
    crisis_form(h, &b, v, cid, vals, errs, msg);
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
                    ui_label(jstr(s, "admission_type"), tl, sizeof tl));
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
        rk_errors_reset(&h->ctx);
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
    crisis_page(h, 200, v, NULL, NULL, NULL);
    json_decref(v);
}

static int crisis_w(struct hreq *h)
{
    return crisis_record(&h->ctx, h->id[0], page_stashed(h), &h->result);
}

static void crisis_done(struct hreq *h)
{
    char loc[64];
    snprintf(loc, sizeof loc, "/clients/%lld/crisis#events", (long long)h->id[0]);
    if (h->rc == OK) {
        page_redirect_msg(h, loc, "crisis");
        return;
    }
    if (h->rc != ERR_INVALID) {
        page_client_error(h, h->rc);
        return;
    }
    json_t *errs = json_incref(h->ctx.errors);
    char msg[256];
    snprintf(msg, sizeof msg, "%s", h->ctx.msg);
    rk_errors_reset(&h->ctx);
    json_t *v = crisis_load(h);
    if (v)
        crisis_page(h, 400, v, h->body, errs, msg);
    json_decref(v);
    json_decref(errs);
}

static void pg_crisis_record(struct hreq *h)
{
    static const char *const f[] = {"occurred_at", "kind",    "severity", "response_mode",
                                    "actions",     "outcome", "notes",    NULL};
    json_t *in = rk_pick(h, f);
    json_t *r = json_object_get(h->body, "responders"), *ids = json_array();
    if (json_is_string(r))
        json_array_append(ids, r);
    else if (json_is_array(r))
        json_array_extend(ids, r);
    json_object_set_new(in, "responders", ids);
    if (str_eq(jstr(in, "notes"), ""))
        json_object_del(in, "notes");
    page_stash(h, in);
    http_write(h, crisis_w, crisis_done);
}

/* ---- the on-call rota ---- */

static void shift_when(struct buf *b, json_t *s)
{
    page_when(b, jstr(s, "starts_at"));
    buf_adds(b, " – ");
    page_until(b, jstr(s, "ends_at"));
}

static void oncall_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *now = NULL, *list = NULL;
    int rc = oncall_now(&h->ctx, &now);
    if (rc == OK)
        rc = oncall_list(&h->ctx, qstr(h, "from"), qstr(h, "to"), NULL, &list);
    json_t *qerrs = NULL;
    if (rc == ERR_INVALID) { /* a bad from/to in the address: the default fortnight, the error shown */
        qerrs = json_incref(h->ctx.errors);
        rk_errors_reset(&h->ctx);
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
    static const char *const labels[] = {"staff_id",          N_("Who"),   "phone",
                                         N_("On-call phone"), "starts_at", N_("Starts"),
                                         "ends_at",           N_("Ends"),  NULL};
    if (fs)
        rk_summary(&b, fs->errs, fs->msg, "f", labels);
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
        html_printf(&b, " <span class=\"muted small\">%s ", _("until"));
        page_until(&b, jstr(s, "ends_at"));
        buf_adds(&b, "</span></li>");
    }
    if (json_array_size(cur))
        buf_adds(&b, "</ul>");
    json_t *nx = json_object_get(now, "next");
    if (json_is_object(nx)) {
        html_printf(&b, "<p class=\"muted\">%s %s, %s ", _("Next:"), jstr(nx, "name"), _("from"));
        page_until(&b, jstr(nx, "starts_at"));
        buf_adds(&b, "</p>");
    }
    buf_adds(&b, "</section>");
    /* The coming shifts. */
    html_printf(&b,
                "<section class=\"card\" id=\"rota\" aria-labelledby=\"rota-h\"><h2 id=\"rota-h\">%s</h2>",
                _("Shifts"));
    html_printf(&b, "<form method=\"get\" action=\"/oncall\" class=\"rota-range\" id=\"rota-range\"><div "
                    "class=\"row3\">");
    char from[16] = "", to[16] = "";
    snprintf(from, sizeof from, "%.10s", jstr(list, "from"));
    snprintf(to, sizeof to, "%.10s", jstr(list, "to"));
    json_t *range = json_pack("{s:s,s:s}", "from", from, "to", to);
    pf_input(&b, "r", "from", _("From"), "date", range, qerrs, 0, NULL);
    pf_input(&b, "r", "to", _("To"), "date", range, qerrs, 0, NULL);
    html_printf(&b, "<div class=\"buttons\"><button type=\"submit\">%s</button></div></div></form>",
                _("Show"));
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
                html_printf(&b,
                            "<form method=\"post\" action=\"/oncall/%D/remove\" class=\"inline\" "
                            "data-confirm=\"%s\">",
                            page_int(s, "id"),
                            on ? _("End this shift now?") : _("Remove this shift from the rota?"));
                ui_csrf(h, &b);
                html_printf(
                    &b,
                    "<button type=\"submit\" class=\"small quiet-danger\">%s<span class=\"sr\"> — %s</span>"
                    "</button></form>",
                    on ? _("End now") : _("Remove"), jstr(s, "name"));
            }
            buf_adds(&b, "</td></tr>");
        }
        buf_adds(&b, "</tbody></table>");
    }
    buf_adds(&b, "</section>");
    if (keeper) {
        int mine = fs && str_eq(fs->form, "shift");
        json_t *vals = mine ? fs->vals : NULL, *errs = mine ? fs->errs : NULL, *staff = page_staff(h);
        html_printf(
            &b,
            "<section class=\"card\" id=\"add-shift\" aria-labelledby=\"as-h\"><h2 id=\"as-h\">%s</h2>"
            "<form method=\"post\" action=\"/oncall\" id=\"shift-form\">",
            _("Add a shift"));
        ui_csrf(h, &b);
        buf_adds(&b, "<div class=\"row2\">");
        pf_staff(&b, "f", "staff_id", _("Who"), staff, 0, page_int(vals, "staff_id"), errs, 1);
        pf_input(&b, "f", "phone", _("On-call phone (if not their own)"), "tel", vals, errs, 0,
                 " maxlength=\"40\"");
        pf_input(&b, "f", "starts_at", _("Starts"), "datetime-local", vals, errs, 1, NULL);
        pf_input(&b, "f", "ends_at", _("Ends"), "datetime-local", vals, errs, 1, NULL);
        html_printf(
            &b,
            "</div><div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button></div></form>"
            "</section>",
            _("Add the shift"));
        json_decref(staff);
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

static int shift_add_w(struct hreq *h)
{
    return oncall_add(&h->ctx, page_stashed(h), &h->result);
}
static void shift_add_done(struct hreq *h)
{
    if (h->rc == OK) {
        page_redirect_msg(h, "/oncall", "shift");
        return;
    }
    if (h->rc != ERR_INVALID && h->rc != ERR_CONFLICT) {
        reply_core_error(h, h->rc);
        return;
    }
    struct fstate fs = {.form = "shift", .vals = h->body, .errs = json_incref(h->ctx.errors)};
    char msg[256];
    snprintf(msg, sizeof msg, "%s", h->ctx.msg);
    fs.msg = msg;
    int status = h->rc == ERR_INVALID ? 400 : 409;
    rk_errors_reset(&h->ctx);
    oncall_page(h, status, &fs);
    json_decref(fs.errs);
}
static void pg_shift_add(struct hreq *h)
{
    static const char *const f[] = {"staff_id", "starts_at", "ends_at", "phone", NULL};
    json_t *in = rk_pick(h, f);
    if (str_eq(jstr(in, "phone"), ""))
        json_object_del(in, "phone");
    page_stash(h, in);
    http_write(h, shift_add_w, shift_add_done);
}

static int shift_remove_w(struct hreq *h)
{
    return oncall_remove(&h->ctx, h->id[0], &h->result);
}
static void shift_remove_done(struct hreq *h)
{
    if (h->rc == OK)
        page_redirect_msg(h, "/oncall", "shift-removed");
    else if (h->rc == ERR_CONFLICT)
        page_conflict(h, "/oncall");
    else
        reply_core_error(h, h->rc);
}
static void pg_shift_remove(struct hreq *h)
{
    http_write(h, shift_remove_w, shift_remove_done);
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
