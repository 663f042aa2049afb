/* pages_careservice: care services (household support, issue 13 §4). The client page's section
 * ("Care services": each plan with its care worker, hours and status), the form that sets up a plan
 * (tasks in scope from care/services.rules, hours per week, the care worker: a staff member or an
 * external worker by name, start, review date, the termination criteria agreed), a service's page
 * (its weeks against the plan, hours beyond it flagged, the visits, the visit form a care worker
 * fills in on a phone, the end form with the criterion that applied), the care worker's own list,
 * the supervisor's weeks beyond the plan and the monthly statements per care worker (totals in the
 * configured currency, a CSV download from the API). core/care.c decides and audits. */
#include "core/care.h"
#include "ui/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- words ---- */

/* 74250 -> "74,250" */
static void grouped(char *out, size_t len, int64_t n)
{
    char d[32];
    snprintf(d, sizeof d, "%lld", (long long)(n < 0 ? -n : n));
    size_t nd = strlen(d), o = 0;
    if (n < 0 && o + 1 < len)
        out[o++] = '-';
    for (size_t i = 0; i < nd && o + 2 < len; i++) {
        out[o++] = d[i];
        if ((nd - i - 1) % 3 == 0 && i + 1 < nd)
            out[o++] = ',';
    }
    out[o] = 0;
}

/* An amount in the configured currency: "KRW 74,250" (in Korean "74,250원"). */
static void money(struct buf *b, int64_t amount, const char *currency)
{
    char g[40];
    grouped(g, sizeof g, amount);
    if (str_eq(currency, "KRW"))
        html_printf(b, _("KRW %s"), g);
    else
        html_printf(b, "%s %s", currency, g);
}

/* Hours as written: "2", "1.5", "0.25". */
static void hours_text(char *out, size_t len, json_t *v)
{
    snprintf(out, len, "%g", json_is_number(v) ? json_number_value(v) : 0.0);
}

/* The labels of [{key, label}] joined by ", ". */
static void labels(struct buf *b, json_t *items)
{
    size_t i;
    json_t *x;
    json_array_foreach(items, i, x) html_printf(b, "%s%s", i ? ", " : "", jstr(x, "label"));
}

static void status_badge(struct buf *b, json_t *s)
{
    if (str_eq(jstr(s, "status"), "ended"))
        html_printf(b, "<span class=\"badge ended\">%s</span>", _("ended"));
    else if (json_is_true(json_object_get(s, "review_due")))
        html_printf(b, "<span class=\"badge overdue\">%s</span>", _("review due"));
    else
        html_printf(b, "<span class=\"badge\">%s</span>", _("active"));
}

/* "Kim Oh (external)" */
static void worker_words(struct buf *b, json_t *s)
{
    html_printf(b, "%s", jstr(s, "worker_name"));
    if (json_is_true(json_object_get(s, "worker_external")))
        html_printf(b, " <span class=\"small muted\">(%s)</span>", _("external worker"));
}

/* ---- the client page's section ---- */

static void care_services_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    (void)fs;
    int64_t cid = page_int(client, "id");
    if (!care_rules() || !access_may(&h->ctx, RES_CARE_SERVICE, ACT_LIST, cid))
        return;
    html_printf(b,
                "<section class=\"card\" id=\"care-services\" aria-labelledby=\"cs-h\"><div class=\"section-head\">"
                "<h2 id=\"cs-h\">%s</h2>",
                _("Care services"));
    if (access_may(&h->ctx, RES_CARE_SERVICE, ACT_CREATE, cid))
        html_printf(b, "<a class=\"button small\" href=\"/clients/%D/care-services/new\" id=\"care-service-add\">%s</a>",
                    cid, _("Set up a care service"));
    buf_adds(b, "</div>");
    json_t *env = NULL;
    if (care_service_list(&h->ctx, cid, &(struct page){.limit = 50}, &env) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        page_errors_reset(&h->ctx);
        return;
    }
    json_t *rows = json_object_get(env, "items");
    if (!json_array_size(rows))
        html_printf(b, "<p class=\"muted\" id=\"care-services-none\">%s</p>", _("No care service yet."));
    else
        html_printf(b,
                    "<table class=\"list\" id=\"care-service-list\"><thead><tr><th scope=\"col\">%s</th><th "
                    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Care worker"), _("Tasks in scope"), _("Hours per week"), _("Status"));
    size_t i;
    json_t *s;
    json_array_foreach(rows, i, s)
    {
        char hw[16];
        hours_text(hw, sizeof hw, json_object_get(s, "hours_per_week"));
        html_printf(b, "<tr data-care-service-id=\"%D\"><td data-label=\"%s\"><a href=\"/care-services/%D\">",
                    page_int(s, "id"), _("Care worker"), page_int(s, "id"));
        worker_words(b, s);
        html_printf(b, "</a></td><td data-label=\"%s\">", _("Tasks in scope"));
        labels(b, json_object_get(s, "tasks"));
        html_printf(b, "</td><td data-label=\"%s\">%s", _("Hours per week"), hw);
        if (page_int(s, "over_plan_weeks"))
            html_printf(b, " <span class=\"badge overdue\">%s</span>", _("weeks beyond the plan"));
        html_printf(b, "</td><td data-label=\"%s\">", _("Status"));
        status_badge(b, s);
        buf_adds(b, "</td></tr>");
    }
    if (json_array_size(rows))
        buf_adds(b, "</tbody></table>");
    buf_adds(b, "</section>");
    json_decref(env);
}
/* Care services (main column), after housing. */
CLIENT_SECTION(care_services_section, "main-95-care");

/* ---- choices from the configuration ---- */

/* [{key, label}] of the configuration (labels in the reader's language) as choices. */
static json_t *config_choices(struct hreq *h, const char *list)
{
    json_t *cfg = NULL, *out = json_array();
    if (care_config(&h->ctx, &cfg) != OK) {
        page_errors_reset(&h->ctx);
        return out;
    }
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(cfg, list), i, x)
        json_array_append_new(out, json_pack("[s,s]", jstr(x, "key"), jstr(x, "label")));
    json_decref(cfg);
    return out;
}

/* Hours typed as "1.5" go to core as numbers; a staff member chosen as an id. */
static void number_of(json_t *in, const char *k)
{
    const char *s = json_string_value(json_object_get(in, k));
    char *end = NULL;
    if (!s)
        return;
    double d = strtod(s, &end);
    if (end != s && !*end)
        json_object_set_new(in, k, json_real(d));
}

static void plan_adjust(json_t *in)
{
    number_of(in, "hours_per_week");
    const char *w = json_string_value(json_object_get(in, "worker_staff_id"));
    int64_t n;
    if (w && parse_int64(w, &n) == 0)
        json_object_set_new(in, "worker_staff_id", json_integer(n));
}

static void visit_adjust(json_t *in)
{
    number_of(in, "hours");
}

/* ---- setting up a care service ---- */

static void new_page(struct hreq *h, int status, const struct fstate *fs);

static const struct form_field plan_fields[] = {
    F("tasks", FI_CHECKS, N_("Tasks in scope"), 0, .hint = N_("Done with the client rather than for them.")),
    ROW(2),
    F("hours_per_week", FI_NUMBER, N_("Hours per week"), FF_REQ,
      .attrs = " min=\"0.25\" max=\"60\" step=\"0.25\" inputmode=\"decimal\""),
    F("worker_kind", FI_SELECT, N_("Kind of worker"), FF_REQ, .none = N_("Choose"),
      .hint = N_("Sets the hourly rate of the monthly statement.")),
    ROW_END,
    FIELDSET(N_("Care worker")),
    F("worker_staff_id", FI_SELECT, N_("A staff member"), FF_OMIT, .none = N_("None: an external worker below")),
    F("worker_name", FI_TEXT, N_("Or an external worker's name"), FF_OMIT, .attrs = " maxlength=\"200\"",
      .hint = N_("A worker without an account: recorded by name.")),
    FIELDSET_END,
    ROW(2),
    F("start_date", FI_DATE, N_("Start"), FF_OMIT, .hint = N_("Empty: today.")),
    F("review_date", FI_DATE, N_("Review date"), FF_REQ),
    ROW_END,
    F("end_criteria", FI_CHECKS, N_("Termination criteria agreed"), 0,
      .hint = N_("When the service ends, one of these is recorded.")),
    F("note", FI_TEXTAREA, N_("Note"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"2000\""),
    {0},
};
static const struct form form_plan = {.id = "care-service-form",
                                      .action = "/clients/{id}/care-services",
                                      .box = "card",
                                      .submit = N_("Set up the care service"),
                                      .button = "primary",
                                      .flash = "care-service",
                                      .done = "/care-services/{r.id}",
                                      .cancel = "/clients/{id}#care-services",
                                      .fields = plan_fields,
                                      .create = care_service_create,
                                      .adjust = plan_adjust,
                                      .page = new_page,
                                      .flags = FORM_CLIENT_PATH};

static void new_page(struct hreq *h, int status, const struct fstate *fs)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/care-services/new", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    if (!access_may(&h->ctx, RES_CARE_SERVICE, ACT_CREATE, h->id[0])) {
        json_decref(c);
        ui_error_page(h, 403, _("Not allowed"), _("The clinical members of the client's care team set up care services."));
        return;
    }
    json_t *staff = care_staff_choices(&h->ctx), *srows = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(staff, i, r)
    {
        char id[24], rl[64], l[300];
        snprintf(id, sizeof id, "%lld", (long long)page_int(r, "id"));
        snprintf(l, sizeof l, "%s — %s", jstr(r, "display_name"), ui_label(jstr(r, "role"), rl, sizeof rl));
        json_array_append_new(srows, json_pack("[s,s]", id, l));
    }
    json_decref(staff);
    json_t *opts = json_pack("{s:o,s:o,s:o,s:o}", "tasks", config_choices(h, "tasks"), "end_criteria",
                             config_choices(h, "end_criteria"), "worker_kind", config_choices(h, "worker_kinds"),
                             "worker_staff_id", srows);
    form_client_page(h, status, c, _("Set up a care service"),
                     _("Household support agreed with the client: what is in scope, how many hours a week, who does "
                       "it, when it is reviewed and what ends it."),
                     &form_plan, &(struct form_view){.target = h->id[0], .opts = opts, .fs = fs});
    json_decref(opts);
    json_decref(c);
}

static void pg_care_new(struct hreq *h)
{
    new_page(h, 200, NULL);
}

static void pg_care_create(struct hreq *h)
{
    form_post(h, &form_plan);
}

/* ---- one service: its weeks, its visits, the visit and end forms ---- */

static void service_page(struct hreq *h, int status, const struct fstate *fs);

static const struct form_field visit_fields[] = {
    ROW(2),
    F("visit_date", FI_DATE, N_("Date of the visit"), FF_OMIT, .hint = N_("Empty: today.")),
    F("hours", FI_NUMBER, N_("Hours"), FF_REQ,
      .attrs = " min=\"0.25\" max=\"12\" step=\"0.25\" inputmode=\"decimal\"", .hint = N_("In quarter hours: 1.5")),
    ROW_END,
    F("tasks_done", FI_CHECKS, N_("Tasks done"), 0),
    F("noticed", FI_TEXTAREA, N_("Anything noticed"), FF_OMIT, .rows = 3, .attrs = " maxlength=\"2000\""),
    F("concern", FI_CHECK, N_("This is a concern: the case manager gets a task"), 0),
    {0},
};
static const struct form form_visit = {.id = "care-visit-form",
                                       .pfx = "cv",
                                       .action = "/care-services/{id}/visits",
                                       .box = "card",
                                       .submit = N_("Log the visit"),
                                       .button = "primary",
                                       .flash = "care-visit",
                                       .done = "/care-services/{id}#visits",
                                       .fields = visit_fields,
                                       .create = care_visit_create,
                                       .adjust = visit_adjust,
                                       .page = service_page};

static const struct form_field end_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("criterion", FI_SELECT, N_("The criterion that applied"), FF_REQ, .none = N_("Choose")),
    F("end_date", FI_DATE, N_("Ended on"), FF_OMIT, .hint = N_("Empty: today.")),
    F("note", FI_TEXTAREA, N_("Note on the end"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"1000\""),
    {0},
};
static const struct form form_end = {.id = "care-end",
                                     .pfx = "ce",
                                     .action = "/care-services/{id}/end",
                                     .box = "details",
                                     .summary = N_("End this care service"),
                                     .submit = N_("End the care service"),
                                     .button = "danger",
                                     .flash = "care-ended",
                                     .done = "/care-services/{id}",
                                     .reload = "/care-services/{id}",
                                     .fields = end_fields,
                                     .update = care_service_end,
                                     .page = service_page};

static void fact(struct buf *b, const char *label, const char *value)
{
    if (value && *value)
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", label, value);
}

static void weeks_table(struct buf *b, json_t *s)
{
    json_t *weeks = json_object_get(s, "weeks");
    if (!json_array_size(weeks))
        return;
    html_printf(b,
                "<h3 class=\"h4\" id=\"weeks-h\">%s</h3><table class=\"list\" id=\"care-weeks\" aria-labelledby=\"weeks-h\"><thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Recent weeks against the plan"), _("Week of"), _("Hours"), _("Hours in the plan"));
    size_t i;
    json_t *w;
    json_array_foreach(weeks, i, w)
    {
        char hw[16], pw[16];
        int over = json_is_true(json_object_get(w, "over_plan"));
        hours_text(hw, sizeof hw, json_object_get(w, "hours"));
        hours_text(pw, sizeof pw, json_object_get(w, "plan_hours"));
        html_printf(b, "<tr%r data-week=\"%s\"><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s",
                    over ? " class=\"over-plan\"" : "", jstr(w, "week_start"), _("Week of"), jstr(w, "week_start"),
                    _("Hours"), hw);
        if (over)
            html_printf(b, " <span class=\"badge overdue\">%s</span>", _("beyond the plan"));
        html_printf(b, "</td><td data-label=\"%s\">%s</td></tr>", _("Hours in the plan"), pw);
    }
    buf_adds(b, "</tbody></table>");
}

static void visits_list(struct hreq *h, struct buf *b, int64_t id)
{
    json_t *env = NULL;
    html_printf(b, "<section class=\"card\" id=\"visits\" aria-labelledby=\"cv-h\"><h2 id=\"cv-h\">%s</h2>", _("Visits"));
    if (care_visit_list(&h->ctx, id, &(struct page){qstr(h, "after"), 20}, &env) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        page_errors_reset(&h->ctx);
        return;
    }
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(b, "<p class=\"muted\" id=\"visits-none\">%s</p>", _("No visit logged yet."));
    else
        buf_adds(b, "<ul class=\"plain visit-list\" id=\"visit-list\">");
    size_t i;
    json_t *v;
    json_array_foreach(items, i, v)
    {
        char hv[16], wh[16];
        int over = json_is_true(json_object_get(v, "week_over_plan"));
        hours_text(hv, sizeof hv, json_object_get(v, "hours"));
        hours_text(wh, sizeof wh, json_object_get(v, "week_hours"));
        html_printf(b, "<li class=\"visit%r\" data-visit-id=\"%D\"><strong>%s</strong> · ", over ? " over-plan" : "",
                    page_int(v, "id"), jstr(v, "visit_date"));
        html_printf(b, _("%s hours"), hv);
        if (over) {
            buf_adds(b, " <span class=\"badge overdue\">");
            html_printf(b, _("beyond the plan: %s hours that week"), wh);
            buf_adds(b, "</span>");
        }
        buf_adds(b, "<br><span class=\"small\">");
        labels(b, json_object_get(v, "tasks_done"));
        buf_adds(b, "</span>");
        if (*jstr(v, "noticed"))
            html_printf(b, "<br><q>%s</q>", jstr(v, "noticed"));
        if (json_is_true(json_object_get(v, "concern")))
            html_printf(b, " <span class=\"badge concern\">%s</span>", _("concern: a task for the case manager"));
        html_printf(b, "<br><span class=\"small muted\">%s %s</span></li>", _("Logged by"), jstr(v, "made_by_name"));
    }
    if (json_array_size(items))
        buf_adds(b, "</ul>");
    char base[64];
    snprintf(base, sizeof base, "/care-services/%lld?", (long long)id);
    page_more(b, env, base, _("Older visits"), "visits-more");
    buf_adds(b, "</section>");
    json_decref(env);
}

static void service_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *s = NULL;
    audit_view(&h->ctx);
    int rc = care_service_get(&h->ctx, h->id[0], &s);
    if (rc != OK) {
        page_client_error(h, rc);
        return;
    }
    int64_t cid = page_int(s, "client_id");
    int worker = json_is_true(json_object_get(s, "is_worker"));
    int active = str_eq(jstr(s, "status"), "active");
    struct buf b, t;
    buf_init(&b);
    buf_init(&t);
    buf_adds(&t, "");
    page_name(&t, s);
    char title[400];
    snprintf(title, sizeof title, "%s: %s", _("Care service"), t.data);
    ui_begin(h, &b, title);
    html_printf(&b, "<div class=\"page-head\"><h1>%s <span class=\"muted\">%s</span></h1>", _("Care service"), t.data);
    if (!worker && access_may(&h->ctx, RES_CLIENT, ACT_READ, cid))
        html_printf(&b, "<a href=\"/clients/%D#care-services\">%s</a>", cid, _("Back to the client"));
    else
        html_printf(&b, "<a href=\"/care-work\">%s</a>", _("My care visits"));
    buf_adds(&b, "</div>");
    page_flash(h, &b);
    form_failure(&b, fs);
    char hw[16];
    hours_text(hw, sizeof hw, json_object_get(s, "hours_per_week"));
    html_printf(&b,
                "<section class=\"card\" id=\"care-service\" data-status=\"%s\" aria-labelledby=\"cs1-h\"><h2 "
                "id=\"cs1-h\">%s</h2><dl class=\"facts\">",
                jstr(s, "status"), _("The plan"));
    buf_reset(&t);
    buf_adds(&t, "");
    worker_words(&t, s);
    html_printf(&b, "<dt>%s</dt><dd id=\"care-worker\">%r · %s</dd>", _("Care worker"), t.data,
                jstr(s, "worker_kind_label"));
    buf_reset(&t);
    buf_adds(&t, "");
    labels(&t, json_object_get(s, "tasks"));
    html_printf(&b, "<dt>%s</dt><dd id=\"care-tasks\">%r</dd>", _("Tasks in scope"), t.data);
    html_printf(&b, "<dt>%s</dt><dd id=\"care-hours\">%s</dd>", _("Hours per week"), hw);
    fact(&b, _("Start"), jstr(s, "start_date"));
    buf_reset(&t);
    buf_adds(&t, "");
    html_printf(&t, "%s", jstr(s, "review_date"));
    if (active && json_is_true(json_object_get(s, "review_due")))
        html_printf(&t, " <span class=\"badge overdue\">%s</span>", _("review due"));
    html_printf(&b, "<dt>%s</dt><dd>%r</dd>", _("Review date"), t.data);
    buf_reset(&t);
    buf_adds(&t, "");
    labels(&t, json_object_get(s, "end_criteria"));
    html_printf(&b, "<dt>%s</dt><dd>%r</dd>", _("Termination criteria agreed"), t.data);
    fact(&b, _("Note"), jstr(s, "note"));
    fact(&b, _("Organisation"), jstr(s, "org_name"));
    fact(&b, _("Set up by"), jstr(s, "created_by_name"));
    if (!active) {
        html_printf(&b, "<dt>%s</dt><dd id=\"care-ended\">%s: %s", _("Ended"), jstr(s, "end_date"),
                    jstr(s, "end_criterion_label"));
        if (json_is_false(json_object_get(s, "criterion_agreed")))
            html_printf(&b, " <span class=\"small muted\">(%s)</span>", _("not one of the criteria agreed"));
        if (*jstr(s, "end_note"))
            html_printf(&b, "<br><q>%s</q>", jstr(s, "end_note"));
        html_printf(&b, "<br><span class=\"small muted\">%s %s</span></dd>", _("Ended by"), jstr(s, "ended_by_name"));
    }
    buf_adds(&b, "</dl>");
    weeks_table(&b, s);
    buf_adds(&b, "</section>");
    buf_free(&t);
    /* the visit form first: the care worker logs a visit on a phone */
    if (active && (worker || access_may(&h->ctx, RES_CARE_VISIT, ACT_CREATE, cid))) {
        html_printf(&b, "<h2 class=\"h3\" id=\"visit-h\">%s</h2>", _("Log a visit"));
        json_t *opts = json_object(), *rows = json_array();
        size_t i;
        json_t *x;
        json_array_foreach(json_object_get(s, "tasks"), i, x)
            json_array_append_new(rows, json_pack("[s,s]", jstr(x, "key"), jstr(x, "label")));
        json_object_set_new(opts, "tasks_done", rows);
        form_show(h, &b, &form_visit, &(struct form_view){.target = h->id[0], .opts = opts, .fs = fs});
        json_decref(opts);
    }
    visits_list(h, &b, h->id[0]);
    if (active && !worker && access_may(&h->ctx, RES_CARE_SERVICE, ACT_UPDATE, cid)) {
        json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(s, "version"));
        json_t *opts = json_pack("{s:o}", "criterion", config_choices(h, "end_criteria"));
        buf_adds(&b, "<div id=\"end\">");
        form_show(h, &b, &form_end, &(struct form_view){.target = h->id[0], .hidden = hid, .opts = opts, .fs = fs});
        buf_adds(&b, "</div>");
        json_decref(hid);
        json_decref(opts);
    }
    json_decref(s);
    page_send(h, status, &b);
}

static void pg_care_service(struct hreq *h)
{
    service_page(h, 200, NULL);
}

static void pg_care_visit(struct hreq *h)
{
    form_post(h, &form_visit);
}

static void pg_care_end(struct hreq *h)
{
    form_post(h, &form_end);
}

/* ---- the care worker's own list, and the supervisor's links ---- */

static void pg_care_work(struct hreq *h)
{
    json_t *env = NULL;
    int rc = care_work_mine(&h->ctx, &(struct page){qstr(h, "after"), 50}, &env);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("My care visits"));
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1></div>", _("My care visits"));
    page_flash(h, &b);
    int review = access_may(&h->ctx, RES_CARE_STATEMENT, ACT_REVIEW, 0);
    int over = access_may(&h->ctx, RES_CARE_SERVICE, ACT_REVIEW, 0);
    if (review || over) {
        buf_adds(&b, "<p class=\"actions\" id=\"care-links\">");
        if (over)
            html_printf(&b, "<a class=\"button\" href=\"/care/over-plan\">%s</a> ", _("Weeks beyond the plan"));
        if (review)
            html_printf(&b, "<a class=\"button\" href=\"/care/statements\">%s</a>", _("Monthly statements"));
        buf_adds(&b, "</p>");
    }
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card muted\" id=\"care-work-none\">%s</p>",
                    _("You are not the care worker of any care service."));
    else
        buf_adds(&b, "<ul class=\"plain care-work\" id=\"care-work\">");
    size_t i;
    json_t *s;
    int64_t worker_id = 0;
    json_array_foreach(items, i, s)
    {
        char hw[16], hl[16] = "0";
        hours_text(hw, sizeof hw, json_object_get(s, "hours_per_week"));
        json_t *wk = json_array_get(json_object_get(s, "weeks"), 0);
        if (wk)
            hours_text(hl, sizeof hl, json_object_get(wk, "hours"));
        worker_id = page_int(s, "worker_id");
        html_printf(&b, "<li class=\"card\" data-care-service-id=\"%D\"><h2 class=\"h3\"><a href=\"/care-services/%D\">",
                    page_int(s, "id"), page_int(s, "id"));
        page_name(&b, s);
        buf_adds(&b, "</a> ");
        status_badge(&b, s);
        buf_adds(&b, "</h2><p class=\"small\">");
        labels(&b, json_object_get(s, "tasks"));
        buf_adds(&b, "</p><p>");
        html_printf(&b, _("This week: %s of %s hours"), hl, hw);
        if (wk && json_is_true(json_object_get(wk, "over_plan")))
            html_printf(&b, " <span class=\"badge overdue\">%s</span>", _("beyond the plan"));
        buf_adds(&b, "</p>");
        if (str_eq(jstr(s, "status"), "active"))
            html_printf(&b, "<p><a class=\"button primary\" href=\"/care-services/%D#visit-h\">%s</a></p>",
                        page_int(s, "id"), _("Log a visit"));
        buf_adds(&b, "</li>");
    }
    if (json_array_size(items))
        buf_adds(&b, "</ul>");
    if (worker_id)
        html_printf(&b, "<p><a href=\"/care/statements/%D\" id=\"my-statement\">%s</a></p>", worker_id,
                    _("My statement for this month"));
    page_more(&b, env, "/care-work?", _("More care services"), "care-work-more");
    json_decref(env);
    page_send(h, 200, &b);
}

/* ---- the month: a GET form, the supervisor's weeks beyond the plan, the statements ---- */

static const struct form_field month_fields[] = {
    F("month", FI_TEXT, N_("Month"), 0,
      .attrs = " pattern=\"[0-9]{4}-[0-9]{2}\" placeholder=\"YYYY-MM\" maxlength=\"7\" inputmode=\"numeric\"",
      .hint = N_("YYYY-MM; empty: this month.")),
    {0},
};
static const struct form form_month = {.id = "care-month",
                                       .pfx = "cm",
                                       .method = "get",
                                       .cls = "card search",
                                       .submit = N_("Show"),
                                       .fields = month_fields};

/* The month asked (YYYY-MM), else this month. */
static void month_asked(struct hreq *h, char out[8])
{
    const char *m = qstr(h, "month");
    char today[16];
    iso_today(today);
    snprintf(out, 8, "%.7s", m && *m ? m : today);
}

static void month_form(struct hreq *h, struct buf *b, const char *action, const char *month)
{
    struct form f = form_month;
    f.action = action;
    json_t *vals = json_pack("{s:s}", "month", month);
    form_show(h, b, &f, &(struct form_view){.vals = vals});
    json_decref(vals);
}

static void pg_over_plan(struct hreq *h)
{
    char m[8];
    month_asked(h, m);
    json_t *env = NULL;
    int rc = care_over_plan_list(&h->ctx, m, &env);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Weeks beyond the plan"));
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1></div><p class=\"muted\">%s</p>", _("Weeks beyond the plan"),
                _("Care services of your organisation whose visits in a week went beyond the plan's hours per week."));
    month_form(h, &b, "/care/over-plan", m);
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card\" id=\"over-plan-none\">%s</p>", _("No week beyond the plan."));
    else
        html_printf(&b,
                    "<table class=\"list card\" id=\"over-plan-list\"><thead><tr><th scope=\"col\">%s</th><th "
                    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "</tr></thead><tbody>",
                    _("Client"), _("Care worker"), _("Week of"), _("Hours"), _("Hours in the plan"));
    size_t i;
    json_t *w;
    json_array_foreach(items, i, w)
    {
        char hw[16], pw[16];
        hours_text(hw, sizeof hw, json_object_get(w, "hours"));
        hours_text(pw, sizeof pw, json_object_get(w, "plan_hours"));
        html_printf(&b, "<tr data-care-service-id=\"%D\"><td data-label=\"%s\"><a href=\"/care-services/%D\">",
                    page_int(w, "service_id"), _("Client"), page_int(w, "service_id"));
        page_name(&b, w);
        html_printf(&b,
                    "</a></td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
                    "<td data-label=\"%s\">%s</td></tr>",
                    _("Care worker"), jstr(w, "worker_name"), _("Week of"), jstr(w, "week_start"), _("Hours"), hw,
                    _("Hours in the plan"), pw);
    }
    if (json_array_size(items))
        buf_adds(&b, "</tbody></table>");
    json_decref(env);
    page_send(h, 200, &b);
}

static void pg_statements(struct hreq *h)
{
    char m[8];
    month_asked(h, m);
    json_t *env = NULL;
    int rc = care_statement_list(&h->ctx, m, &env);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Monthly statements"));
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1></div><p class=\"muted\">%s</p>", _("Monthly statements"),
                _("The month's hours and pay of each care worker of your organisation, for payroll: hours times the "
                  "configured hourly rate."));
    month_form(h, &b, "/care/statements", m);
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card\" id=\"statements-none\">%s</p>", _("No visit was logged in this month."));
    else
        html_printf(&b,
                    "<table class=\"list card\" id=\"statement-list\"><thead><tr><th scope=\"col\">%s</th><th "
                    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Care worker"), _("Visits"), _("Total hours"), _("Total"));
    size_t i;
    json_t *s;
    int64_t sum = 0;
    const char *cur = "";
    json_array_foreach(items, i, s)
    {
        char th[16];
        hours_text(th, sizeof th, json_object_get(s, "total_hours"));
        cur = jstr(s, "currency");
        sum += page_int(s, "total_amount");
        html_printf(&b,
                    "<tr data-worker-id=\"%D\"><td data-label=\"%s\"><a href=\"/care/statements/%D?month=%u\">%s</a>"
                    "</td><td data-label=\"%s\">%D</td><td data-label=\"%s\">%s</td><td data-label=\"%s\" "
                    "class=\"amount\">",
                    page_int(s, "worker_id"), _("Care worker"), page_int(s, "worker_id"), m, jstr(s, "worker_name"),
                    _("Visits"), page_int(s, "visits"), _("Total hours"), th, _("Total"));
        money(&b, page_int(s, "total_amount"), jstr(s, "currency"));
        buf_adds(&b, "</td></tr>");
    }
    if (json_array_size(items)) {
        html_printf(&b, "</tbody><tfoot><tr><th scope=\"row\" colspan=\"3\">%s</th><td class=\"amount\" "
                        "id=\"statements-sum\">",
                    _("All care workers"));
        money(&b, sum, cur);
        buf_adds(&b, "</td></tr></tfoot></table>");
    }
    json_decref(env);
    page_send(h, 200, &b);
}

static void pg_statement(struct hreq *h)
{
    char m[8];
    month_asked(h, m);
    json_t *st = NULL;
    int rc = care_statement_get(&h->ctx, h->id[0], m, &st);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    char title[300];
    snprintf(title, sizeof title, "%s: %s", _("Monthly statement"), jstr(st, "worker_name"));
    ui_begin(h, &b, title);
    html_printf(&b, "<div class=\"page-head\"><h1>%s <span class=\"muted\">%s</span></h1></div>", _("Monthly statement"),
                jstr(st, "worker_name"));
    char action[64];
    snprintf(action, sizeof action, "/care/statements/%lld", (long long)h->id[0]);
    month_form(h, &b, action, m);
    char th[16];
    hours_text(th, sizeof th, json_object_get(st, "total_hours"));
    html_printf(&b, "<section class=\"card\" id=\"statement\" data-month=\"%s\"><dl class=\"facts\">", jstr(st, "month"));
    fact(&b, _("Care worker"), jstr(st, "worker_name"));
    fact(&b, _("Organisation"), jstr(st, "org_name"));
    fact(&b, _("Month"), jstr(st, "month"));
    html_printf(&b, "<dt>%s</dt><dd id=\"statement-visits\">%D</dd><dt>%s</dt><dd id=\"statement-hours\">%s</dd>"
                    "<dt>%s</dt><dd id=\"statement-total\">",
                _("Visits"), page_int(st, "visits"), _("Total hours"), th, _("Total"));
    money(&b, page_int(st, "total_amount"), jstr(st, "currency"));
    html_printf(&b, "</dd>");
    fact(&b, _("Rates version"), jstr(st, "rates_version"));
    buf_adds(&b, "</dl>");
    html_printf(&b,
                "<p class=\"actions\"><a class=\"button\" id=\"statement-csv\" download "
                "href=\"/api/v1/care-workers/%D/statement.csv?month=%u\">%s</a></p>",
                page_int(st, "worker_id"), jstr(st, "month"), _("Download as CSV"));
    json_t *lines = json_object_get(st, "lines");
    if (!json_array_size(lines))
        html_printf(&b, "<p class=\"muted\" id=\"statement-none\">%s</p>", _("No visit was logged in this month."));
    else
        html_printf(&b,
                    "<table class=\"list\" id=\"statement-lines\"><thead><tr><th scope=\"col\">%s</th><th "
                    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Date"), _("Client"), _("Kind of worker"), _("Hours"), _("Hourly rate"), _("Amount"));
    size_t i;
    json_t *l;
    json_array_foreach(lines, i, l)
    {
        char hv[16];
        hours_text(hv, sizeof hv, json_object_get(l, "hours"));
        html_printf(&b, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">", _("Date"), jstr(l, "visit_date"),
                    _("Client"));
        page_name(&b, l);
        html_printf(&b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">",
                    _("Kind of worker"), jstr(l, "worker_kind_label"), _("Hours"), hv, _("Hourly rate"));
        money(&b, page_int(l, "rate"), jstr(st, "currency"));
        if (json_is_true(json_object_get(l, "own_rate")))
            html_printf(&b, " <span class=\"small muted\">(%s)</span>", _("the organisation's own rate"));
        html_printf(&b, "</td><td data-label=\"%s\" class=\"amount\">", _("Amount"));
        money(&b, page_int(l, "amount"), jstr(st, "currency"));
        buf_adds(&b, "</td></tr>");
    }
    if (json_array_size(lines))
        buf_adds(&b, "</tbody></table>");
    buf_adds(&b, "</section>");
    json_decref(st);
    page_send(h, 200, &b);
}

#define A ROLES_ANY
const struct route ui_careservice_routes[] = {
    {"GET", "/clients/{id}/care-services/new", pg_care_new, A, 0},
    {"POST", "/clients/{id}/care-services", pg_care_create, A, 0},
    {"GET", "/care-services/{id}", pg_care_service, A, 0},
    {"POST", "/care-services/{id}/visits", pg_care_visit, A, 0},
    {"POST", "/care-services/{id}/end", pg_care_end, A, 0},
    {"GET", "/care-work", pg_care_work, A, 0},
    {"GET", "/care/over-plan", pg_over_plan, A, 0},
    {"GET", "/care/statements", pg_statements, A, 0},
    {"GET", "/care/statements/{id}", pg_statement, A, 0},
    {0},
};
HTTP_ROUTES(ui_careservice_routes, "ui-15-care");
