/* pages_linkage: resource linkage and monitoring on the client page (the section "Services linked to
 * the plan", with the next check of each and the overdue ones marked; at the top, the warning of
 * duplicate services), the form that links a plan step to a service (the directory searched by
 * domain, district and name, or a named local resource), a linkage's page with its checks over time,
 * the check and end forms, and the supervisor's list of clients with duplicate services.
 * core/linkage.c decides and audits. */
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

/* ---- words ---- */

static const char *answer_label(const char *a)
{
    return str_eq(a, "yes") ? _("yes") : str_eq(a, "partly") ? _("partly") : str_eq(a, "no") ? _("no") : a;
}

/* "every month", "every 2 weeks" */
static void interval(struct buf *b, json_t *l)
{
    int64_t n = page_int(l, "every_n");
    const char *u = jstr(l, "every_unit");
    if (n == 1)
        html_printf(b, "%s", str_eq(u, "day") ? _("every day") : str_eq(u, "week") ? _("every week") : _("every month"));
    else
        html_printf(b, str_eq(u, "day") ? _("every %D days") : str_eq(u, "week") ? _("every %D weeks") : _("every %D months"), n);
}

static const char *domain_label(const char *d, char *out, size_t len)
{
    return ui_vlabel("service domain", d, out, len);
}

/* The next check: its date, and "overdue" when it has passed (an ended linkage: none). */
static void next_check(struct buf *b, json_t *l)
{
    if (str_eq(jstr(l, "status"), "ended")) {
        html_printf(b, "<span class=\"muted\">%s</span>", _("ended"));
        return;
    }
    html_printf(b, "<span class=\"next-check\">%s</span>", jstr(l, "next_check"));
    if (json_is_true(json_object_get(l, "overdue")))
        html_printf(b, " <span class=\"badge overdue\">%s</span>", _("overdue"));
}

/* The step's words, flagged when a later version of the plan no longer has it. */
static void step_words(struct buf *b, json_t *l)
{
    html_printf(b, "%s", jstr(l, "step_what"));
    if (!json_is_true(json_object_get(l, "step_in_plan")))
        html_printf(b, " <span class=\"badge step-gone\">%s</span>", _("step no longer in the plan"));
}

/* Who provides it: the service's organisation, or the local resource's contact. */
static const char *provider(json_t *l)
{
    return *jstr(l, "service_org_name") ? jstr(l, "service_org_name") : jstr(l, "resource_contact");
}

/* ---- the duplicate warning (top of the client page) ---- */

static void entry_line(struct buf *b, json_t *e)
{
    char l[80];
    if (json_is_true(json_object_get(e, "hidden"))) {
        html_printf(b, "<li class=\"dup-hidden\">%s, ", _("another organisation"));
        page_since(b, jstr(e, "since"));
        buf_adds(b, "</li>");
        return;
    }
    html_printf(b, "<li%r><strong>%s</strong>: ", json_is_true(json_object_get(e, "own")) ? " class=\"dup-own\"" : "",
                jstr(e, "org_name"));
    int64_t lid = page_int(e, "linkage_id");
    if (lid)
        html_printf(b, "<a href=\"/linkages/%D\">%s</a>", lid, jstr(e, "what"));
    else
        html_printf(b, "%s (%s)", ui_vlabel("programme", jstr(e, "what"), l, sizeof l), _("episode of care"));
    buf_adds(b, ", ");
    page_since(b, jstr(e, "since"));
    buf_adds(b, "</li>");
}

/* The entries of one warning, as a list. */
static void warning_entries(struct buf *b, json_t *w)
{
    buf_adds(b, "<ul class=\"dup-entries\">");
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(w, "entries"), i, e) entry_line(b, e);
    buf_adds(b, "</ul>");
}

static void duplicates_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    (void)fs;
    int64_t cid = page_int(client, "id");
    if (!access_may(&h->ctx, RES_LINKAGE, ACT_LIST, cid))
        return;
    json_t *env = NULL;
    if (linkage_duplicates(&h->ctx, cid, &env) != OK) {
        page_errors_reset(&h->ctx);
        return;
    }
    json_t *items = json_object_get(env, "items");
    if (json_array_size(items)) {
        html_printf(b,
                    "<section class=\"card warn\" id=\"duplicates\" aria-labelledby=\"dup-h\"><h2 id=\"dup-h\">%s</h2>"
                    "<p>%s</p><ul class=\"plain dup-list\">",
                    _("Possible duplicate services"),
                    _("Two organisations serve this client in the same domain. Agree with the client and the other "
                      "organisation who does what."));
        size_t i;
        json_t *w;
        json_array_foreach(items, i, w)
        {
            char dl[80];
            html_printf(b, "<li data-domain=\"%s\"><strong>%s</strong>", jstr(w, "domain"),
                        domain_label(jstr(w, "domain"), dl, sizeof dl));
            warning_entries(b, w);
            buf_adds(b, "</li>");
        }
        buf_adds(b, "</ul></section>");
    }
    json_decref(env);
}
/* At the top of the main column. */
CLIENT_SECTION(duplicates_section, "main-00-duplicates");

/* ---- the section ---- */

static void linkage_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    (void)fs;
    int64_t cid = page_int(client, "id");
    if (!access_may(&h->ctx, RES_LINKAGE, ACT_LIST, cid))
        return;
    html_printf(b,
                "<section class=\"card\" id=\"linkages\" aria-labelledby=\"lk-h\"><div class=\"section-head\"><h2 "
                "id=\"lk-h\">%s</h2>",
                _("Services linked to the plan"));
    if (access_may(&h->ctx, RES_LINKAGE, ACT_CREATE, cid))
        html_printf(b, "<a class=\"button small\" href=\"/clients/%D/linkages/new\" id=\"linkage-add\">%s</a>", cid,
                    _("Link a service"));
    buf_adds(b, "</div>");
    json_t *env = NULL;
    if (linkage_list(&h->ctx, cid, &(struct page){.limit = 50}, &env) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        page_errors_reset(&h->ctx);
        return;
    }
    json_t *rows = json_object_get(env, "items");
    if (!json_array_size(rows))
        html_printf(b, "<p class=\"muted\" id=\"linkages-none\">%s</p>",
                    _("No service is linked to a step of the plan yet."));
    else
        html_printf(b,
                    "<table class=\"list\" id=\"linkage-list\"><thead><tr><th scope=\"col\">%s</th><th "
                    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Linked to"), _("Domain"), _("Plan step"), _("Next check"));
    size_t i;
    json_t *l;
    json_array_foreach(rows, i, l)
    {
        char dl[80];
        if (json_is_true(json_object_get(l, "limited"))) {
            html_printf(b,
                        "<tr class=\"limited\"><td data-label=\"%s\" class=\"muted\">%s</td><td data-label=\"%s\">%s"
                        "</td><td data-label=\"%s\" class=\"muted\">",
                        _("Linked to"), _("another organisation"), _("Domain"),
                        domain_label(jstr(l, "domain"), dl, sizeof dl), _("Plan step"));
            page_since(b, jstr(l, "start_date"));
            html_printf(b, "</td><td data-label=\"%s\">%s</td></tr>", _("Next check"),
                        str_eq(jstr(l, "status"), "ended") ? _("ended") : "—");
            continue;
        }
        int64_t id = page_int(l, "id");
        int overdue = json_is_true(json_object_get(l, "overdue"));
        html_printf(b,
                    "<tr class=\"lk-%s%s\" data-linkage-id=\"%D\"><td data-label=\"%s\"><a href=\"/linkages/%D\">%s</a>",
                    jstr(l, "status"), overdue ? " overdue" : "", id, _("Linked to"), id, jstr(l, "name"));
        if (*provider(l))
            html_printf(b, "<br><span class=\"small muted\">%s</span>", provider(l));
        html_printf(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", _("Domain"),
                    domain_label(jstr(l, "domain"), dl, sizeof dl), _("Plan step"));
        step_words(b, l);
        html_printf(b, "</td><td data-label=\"%s\">", _("Next check"));
        next_check(b, l);
        if (str_eq(jstr(l, "status"), "active")) {
            buf_adds(b, "<br><span class=\"small muted\">");
            interval(b, l);
            buf_adds(b, "</span>");
        }
        buf_adds(b, "</td></tr>");
    }
    if (json_array_size(rows))
        buf_adds(b, "</tbody></table>");
    buf_adds(b, "</section>");
    json_decref(env);
}
/* Linkages (main column), after the care plan's section. */
CLIENT_SECTION(linkage_section, "main-91-linkage");

/* ---- linking a step to a service ---- */

static void new_page(struct hreq *h, int status, const struct fstate *fs);
static void linkage_page(struct hreq *h, int status, const struct fstate *fs);

/* The step chosen arrives as "PLAN:STEP": core takes plan_id and step_key. */
static void link_adjust(json_t *in)
{
    const char *s = json_string_value(json_object_get(in, "step"));
    const char *colon = s ? strchr(s, ':') : NULL;
    int64_t plan = 0;
    char num[24];
    if (colon && (size_t)(colon - s) < sizeof num) {
        snprintf(num, sizeof num, "%.*s", (int)(colon - s), s);
        if (parse_int64(num, &plan) == 0 && plan > 0) {
            json_object_set_new(in, "plan_id", json_integer(plan));
            json_object_set_new(in, "step_key", json_string(colon + 1));
        }
    }
    json_object_del(in, "step");
    const char *svc = json_string_value(json_object_get(in, "service_id"));
    int64_t n;
    if (svc && parse_int64(svc, &n) == 0)
        json_object_set_new(in, "service_id", json_integer(n));
}

static const struct form_field link_fields[] = {
    F("step", FI_SELECT, N_("Plan step"), FF_REQ, .none = N_("Choose a step"),
      .hint = N_("A step of a current plan of your organisation.")),
    F("service_id", FI_SELECT, N_("Service of the directory"), FF_OMIT, .none = N_("None: a local resource below"),
      .hint = N_("The services found by the search above.")),
    FIELDSET(N_("Or a local resource not in the directory")),
    F("resource_name", FI_TEXT, N_("Name"), FF_OMIT, .attrs = " maxlength=\"200\""),
    F("resource_contact", FI_TEXT, N_("Organisation or contact"), FF_OMIT, .attrs = " maxlength=\"500\""),
    FIELDSET_END,
    ROW(3),
    F("start_date", FI_DATE, N_("Start"), FF_OMIT, .hint = N_("Empty: today.")),
    F("every_n", FI_NUMBER, N_("Checked every"), FF_OMIT, .attrs = " min=\"1\" max=\"366\"", .hint = N_("Empty: 1.")),
    F("every_unit", FI_SELECT, N_("Unit"), FF_OMIT, .choices = linkage_units, .none = N_("Months (default)")),
    ROW_END,
    F("note", FI_TEXTAREA, N_("Note"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"2000\""),
    {0},
};
static const struct form form_link = {.id = "linkage-form",
                                      .action = "/clients/{id}/linkages",
                                      .box = "card",
                                      .submit = N_("Link the service"),
                                      .button = "primary",
                                      .flash = "linkage",
                                      .done = "/linkages/{r.id}",
                                      .cancel = "/clients/{id}#linkages",
                                      .fields = link_fields,
                                      .create = linkage_create,
                                      .adjust = link_adjust,
                                      .page = new_page,
                                      .flags = FORM_CLIENT_PATH};

/* The directory's search on the same page (GET): the step (its goal's domain by default), domain,
 * district, a part of the name; the step chosen is the link form's too. */
static const struct form_field find_fields[] = {
    F("step", FI_SELECT, N_("Plan step"), 0, .none = N_("Choose a step"),
      .hint = N_("Its goal's domain is searched unless you choose another.")),
    ROW(3),
    F("kind", FI_SELECT, N_("Domain"), 0, .choices = service_kinds, .none = N_("Any domain")),
    F("district", FI_SELECT, N_("District"), 0, .none = N_("Any district")),
    F("q", FI_SEARCH, N_("Name of the service"), 0, .attrs = " maxlength=\"80\" autocomplete=\"off\""),
    ROW_END,
    {0},
};
static const struct form form_find = {.id = "linkage-find",
                                      .pfx = "lf",
                                      .method = "get",
                                      .action = "/clients/{id}/linkages/new",
                                      .cls = "card search",
                                      .attrs = " role=\"search\"",
                                      .submit = N_("Find services"),
                                      .fields = find_fields};

/* The steps one may link: those of the client's plans of the actor's organisation whose episode is
 * open, as choices "PLAN:STEP"; *domain: the goal's domain of the step chosen (want), if any. */
static json_t *step_choices(struct hreq *h, int64_t cid, const char *want, char *domain, size_t dlen)
{
    json_t *plans = NULL, *out = json_array();
    domain[0] = 0;
    if (careplan_for_client(&h->ctx, cid, &plans) != OK) {
        page_errors_reset(&h->ctx);
        return out;
    }
    size_t i, j, k;
    json_t *p, *g, *s;
    json_array_foreach(json_object_get(plans, "items"), i, p)
    {
        if (page_int(p, "org_id") != h->actor.org_id || str_eq(jstr(p, "episode_status"), "discharged"))
            continue;
        json_array_foreach(json_object_get(p, "goals"), j, g)
        {
            if (!str_eq(jstr(g, "status"), "active"))
                continue;
            json_array_foreach(json_object_get(g, "steps"), k, s)
            {
                char v[64], l[600], dl[80];
                snprintf(v, sizeof v, "%lld:%s", (long long)page_int(p, "id"), jstr(s, "key"));
                snprintf(l, sizeof l, "%s — %s (%s)", jstr(s, "what"), jstr(g, "client_words"),
                         domain_label(jstr(g, "domain"), dl, sizeof dl));
                json_array_append_new(out, json_pack("[s,s]", v, l));
                if (want && str_eq(want, v))
                    snprintf(domain, dlen, "%s", jstr(g, "domain"));
            }
        }
    }
    json_decref(plans);
    return out;
}

/* core names plan_id and step_key: the page's one field is the step. */
static json_t *fold_errors(json_t *errs)
{
    json_t *out = json_object();
    const char *k;
    json_t *v;
    json_object_foreach(errs, k, v)
        json_object_set(out, str_eq(k, "plan_id") || str_eq(k, "step_key") ? "step" : k, v);
    return out;
}

static void new_page(struct hreq *h, int status, const struct fstate *fs)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/linkages/new", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    if (!access_may(&h->ctx, RES_LINKAGE, ACT_CREATE, h->id[0])) {
        json_decref(c);
        reply_problem(h, 403, _("Not allowed"), _("The clinical members of the client's care team link services."), NULL);
        return;
    }
    /* the step asked for: ?plan=&step=, or what the failed form had */
    char want[64] = "";
    const char *qp = qstr(h, "plan"), *qs = qstr(h, "step");
    if (fs && *jstr(fs->vals, "step"))
        snprintf(want, sizeof want, "%s", jstr(fs->vals, "step"));
    else if (qs && strchr(qs, ':'))
        snprintf(want, sizeof want, "%s", qs);
    else if (qp && *qp && qs && *qs)
        snprintf(want, sizeof want, "%s:%s", qp, qs);
    char domain[40];
    json_t *steps = step_choices(h, h->id[0], want, domain, sizeof domain);
    /* the directory, searched by domain (the step's goal's unless another is asked), district and name */
    const char *kind = qstr(h, "kind") && *qstr(h, "kind") ? qstr(h, "kind") : domain[0] ? domain : NULL;
    struct service_filter flt = {kind && *kind ? kind : NULL, NULL, qstr(h, "district"), qstr(h, "q"), 0};
    json_t *svcs = NULL, *places = NULL, *ferrs = NULL;
    if (service_list(&h->ctx, &(struct page){NULL, 100}, &flt, &svcs) != OK) {
        ferrs = json_incref(h->ctx.errors);
        page_errors_reset(&h->ctx);
        svcs = NULL;
    }
    if (service_places(&h->ctx, &places) != OK)
        page_errors_reset(&h->ctx);
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Link a service"));
    page_client_head(h, &b, c, _("Link a service"));
    struct fstate folded;
    json_t *errs = NULL;
    if (fs) {
        folded = *fs;
        folded.errs = errs = fold_errors(fs->errs);
        fs = &folded;
    }
    form_failure(&b, fs);
    if (!json_array_size(steps))
        html_printf(&b, "<p class=\"banner info\" id=\"no-steps\">%s <a href=\"/clients/%D\">%s</a></p>",
                    _("The client has no plan step to link yet: write the care plan with the client first."),
                    h->id[0], _("Back to the client"));
    /* the search */
    json_t *fvals = json_pack("{s:s,s:s,s:s,s:s}", "kind", kind ? kind : "", "district",
                              qstr(h, "district") ? qstr(h, "district") : "", "q", qstr(h, "q") ? qstr(h, "q") : "",
                              "step", want);
    json_t *fopts = json_pack("{s:O}", "step", steps), *d = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(places, "districts"), i, r)
        json_array_append_new(d, json_pack("[s,s]", json_string_value(r), json_string_value(r)));
    json_object_set_new(fopts, "district", d);
    html_printf(&b, "<h2 class=\"h3\">%s</h2>", _("1. Find the service"));
    form_show(h, &b, &form_find,
              &(struct form_view){.target = h->id[0], .vals = fvals, .opts = fopts, .errs = ferrs});
    /* the results, shown as the choices of the link form and as a list to read */
    json_t *svc_opts = json_array();
    json_t *items = json_object_get(svcs, "items");
    if (json_array_size(items)) {
        html_printf(&b, "<ul class=\"plain found-services\" id=\"found-services\" aria-label=\"%s\">", _("Services found"));
        json_array_foreach(items, i, r)
        {
            char id[24], kl[80], cl[80], label[400];
            snprintf(id, sizeof id, "%lld", (long long)page_int(r, "id"));
            snprintf(label, sizeof label, "%s — %s", jstr(r, "name"), jstr(r, "organisation"));
            json_array_append_new(svc_opts, json_pack("[s,s]", id, label));
            html_printf(&b,
                        "<li data-service-id=\"%D\"><strong>%s</strong> · %s · %s%s%s · <span class=\"badge cap-%s\">%s"
                        "</span></li>",
                        page_int(r, "id"), jstr(r, "name"), jstr(r, "organisation"),
                        ui_vlabel("service domain", jstr(r, "kind"), kl, sizeof kl), *jstr(r, "district") ? " · " : "",
                        jstr(r, "district"), jstr(r, "capacity"), ui_vlabel("service capacity", jstr(r, "capacity"), cl, sizeof cl));
        }
        buf_adds(&b, "</ul>");
    } else
        html_printf(&b, "<p class=\"muted\" id=\"no-services\">%s</p>",
                    _("No service of the directory matches: search again, or name a local resource below."));
    html_printf(&b, "<h2 class=\"h3\">%s</h2>", _("2. Link the step"));
    json_t *units = json_array();
    static const char *const unit_names[] = {N_("Days"), N_("Weeks"), N_("Months")};
    for (int u = 0; linkage_units[u]; u++)
        json_array_append_new(units, json_pack("[s,s]", linkage_units[u], _(unit_names[u])));
    json_t *opts = json_pack("{s:o,s:o,s:o}", "step", steps, "service_id", svc_opts, "every_unit", units);
    json_t *vals = json_pack("{s:s}", "step", want);
    if (json_array_size(items) == 1) { /* one found: chosen */
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)page_int(json_array_get(items, 0), "id"));
        json_object_set_new(vals, "service_id", json_string(id));
    }
    form_show(h, &b, &form_link, &(struct form_view){.target = h->id[0], .vals = vals, .opts = opts, .fs = fs});
    json_decref(vals);
    json_decref(opts);
    json_decref(fvals);
    json_decref(fopts);
    json_decref(ferrs);
    json_decref(errs);
    json_decref(svcs);
    json_decref(places);
    json_decref(c);
    page_send(h, status, &b);
}

static void pg_linkage_new(struct hreq *h)
{
    new_page(h, 200, NULL);
}

static void pg_linkage_create(struct hreq *h)
{
    form_post(h, &form_link);
}

/* ---- one linkage: its checks, the check and end forms ---- */

static const struct form_field check_fields[] = {
    ROW(2),
    F("using_it", FI_SELECT, N_("Is the client using it?"), FF_REQ, .choices = linkage_answers),
    F("satisfied", FI_SELECT, N_("Is the client satisfied?"), FF_REQ, .choices = linkage_answers),
    ROW_END,
    F("what_changed", FI_TEXTAREA, N_("What changed"), FF_REQ, .rows = 3, .attrs = " maxlength=\"2000\"",
      .hint = N_("In the client's words where you can.")),
    ROW(2),
    F("checked_on", FI_DATE, N_("Checked on"), FF_OMIT, .hint = N_("Empty: today.")),
    F("next_check", FI_DATE, N_("Next check"), FF_OMIT, .hint = N_("Empty: one interval on.")),
    ROW_END,
    {0},
};
static const struct form form_check = {.id = "linkage-check",
                                       .pfx = "lc",
                                       .action = "/linkages/{id}/checks",
                                       .box = "card",
                                       .submit = N_("Record the check"),
                                       .button = "primary",
                                       .flash = "linkage-check",
                                       .done = "/linkages/{id}#checks",
                                       .fields = check_fields,
                                       .create = linkage_check,
                                       .page = linkage_page,
                                       .flags = FORM_CLIENT};

static const struct form_field end_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("reason", FI_TEXTAREA, N_("Why it ends"), FF_REQ, .rows = 2, .attrs = " maxlength=\"1000\""),
    F("end_date", FI_DATE, N_("Ended on"), FF_OMIT, .hint = N_("Empty: today.")),
    {0},
};
static const struct form form_end = {.id = "linkage-end",
                                     .pfx = "le",
                                     .action = "/linkages/{id}/end",
                                     .box = "details",
                                     .summary = N_("End this linkage"),
                                     .submit = N_("End the linkage"),
                                     .button = "danger",
                                     .flash = "linkage-ended",
                                     .done = "/linkages/{id}",
                                     .reload = "/linkages/{id}",
                                     .fields = end_fields,
                                     .update = linkage_end,
                                     .page = linkage_page,
                                     .flags = FORM_CLIENT};

static void fact(struct buf *b, const char *label, const char *value)
{
    if (value && *value)
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", label, value);
}

static void linkage_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *l = NULL;
    audit_view(&h->ctx);
    int rc = linkage_get(&h->ctx, h->id[0], &l);
    if (rc != OK) {
        page_client_error(h, rc);
        return;
    }
    int64_t cid = page_int(l, "client_id");
    char here[64];
    snprintf(here, sizeof here, "/linkages/%lld", (long long)h->id[0]);
    json_t *c = page_client_sub(h, cid, here);
    if (!c) {
        json_decref(l);
        return;
    }
    char title[300], dl[80];
    snprintf(title, sizeof title, "%s", jstr(l, "name"));
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, title);
    page_client_head(h, &b, c, _("Linked service"));
    page_flash(h, &b);
    form_failure(&b, fs);
    int active = str_eq(jstr(l, "status"), "active");
    html_printf(&b,
                "<section class=\"card\" id=\"linkage\" aria-labelledby=\"lk1-h\" data-status=\"%s\"><h2 "
                "id=\"lk1-h\">%s</h2><dl class=\"facts\">",
                jstr(l, "status"), jstr(l, "name"));
    fact(&b, _("Provided by"), jstr(l, "service_org_name"));
    fact(&b, _("How to reach them"), *jstr(l, "service_contact") ? jstr(l, "service_contact") : jstr(l, "resource_contact"));
    fact(&b, _("Domain"), domain_label(jstr(l, "domain"), dl, sizeof dl));
    struct buf t;
    buf_init(&t);
    buf_adds(&t, "");
    step_words(&t, l);
    html_printf(&t, " <a class=\"small\" href=\"/care-plans/%D#goal-%s\">%s</a>", page_int(l, "plan_id"),
                jstr(l, "goal_key"), _("The care plan"));
    html_printf(&b, "<dt>%s</dt><dd id=\"linkage-step\">%r</dd>", _("Plan step"), t.data);
    fact(&b, _("Linked by"), jstr(l, "created_by_name"));
    fact(&b, _("Organisation"), jstr(l, "org_name"));
    fact(&b, _("Started"), jstr(l, "start_date"));
    buf_reset(&t);
    buf_adds(&t, "");
    interval(&t, l);
    html_printf(&b, "<dt>%s</dt><dd>%r</dd>", _("Checked"), t.data);
    buf_reset(&t);
    buf_adds(&t, "");
    next_check(&t, l);
    html_printf(&b, "<dt>%s</dt><dd id=\"linkage-next\">%r</dd>", _("Next check"), t.data);
    buf_free(&t);
    fact(&b, _("Last checked"), jstr(l, "last_check"));
    fact(&b, _("Note"), jstr(l, "note"));
    if (!active) {
        html_printf(&b, "<dt>%s</dt><dd id=\"linkage-ended\">%s", _("Ended"), jstr(l, "end_date"));
        if (*jstr(l, "end_reason"))
            html_printf(&b, ": <q>%s</q>", jstr(l, "end_reason"));
        buf_adds(&b, "</dd>");
    }
    buf_adds(&b, "</dl>");
    html_printf(&b, "<p class=\"actions\"><a class=\"button\" href=\"/clients/%D#linkages\">%s</a></p></section>", cid,
                _("All linked services"));
    /* the checks over time */
    json_t *checks = json_object_get(l, "checks");
    html_printf(&b, "<section class=\"card\" id=\"checks\" aria-labelledby=\"chk-h\"><h2 id=\"chk-h\">%s</h2>",
                _("Checks"));
    if (!json_array_size(checks))
        html_printf(&b, "<p class=\"muted\" id=\"checks-none\">%s</p>", _("Not checked yet."));
    else
        html_printf(&b,
                    "<table class=\"list\" id=\"check-list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
                    "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Checked on"), _("Using it"), _("Satisfied"), _("What changed"), _("Checked by"));
    size_t i;
    json_t *k;
    json_array_foreach(checks, i, k)
    {
        html_printf(&b,
                    "<tr data-check-id=\"%D\"><td data-label=\"%s\">%s</td><td data-label=\"%s\" class=\"ans-%s\">%s</td>"
                    "<td data-label=\"%s\" class=\"ans-%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s"
                    "</td></tr>",
                    page_int(k, "id"), _("Checked on"), jstr(k, "checked_on"), _("Using it"), jstr(k, "using_it"),
                    answer_label(jstr(k, "using_it")), _("Satisfied"), jstr(k, "satisfied"),
                    answer_label(jstr(k, "satisfied")), _("What changed"), jstr(k, "what_changed"), _("Checked by"),
                    jstr(k, "made_by_name"));
    }
    if (json_array_size(checks))
        buf_adds(&b, "</tbody></table>");
    buf_adds(&b, "</section>");
    if (active && json_is_true(json_object_get(l, "own")) && access_may(&h->ctx, RES_LINKAGE, ACT_UPDATE, cid)) {
        html_printf(&b, "<h2 class=\"h3\" id=\"check-h\">%s</h2>", _("Record a check"));
        json_t *opts = json_object();
        static const char *const fields[] = {"using_it", "satisfied"};
        for (int f = 0; f < 2; f++) {
            json_t *a = json_array();
            for (int u = 0; linkage_answers[u]; u++)
                json_array_append_new(a, json_pack("[s,s]", linkage_answers[u], answer_label(linkage_answers[u])));
            json_object_set_new(opts, fields[f], a);
        }
        form_show(h, &b, &form_check, &(struct form_view){.target = h->id[0], .opts = opts, .fs = fs});
        json_decref(opts);
        json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(l, "version"));
        buf_adds(&b, "<div id=\"end\">");
        form_show(h, &b, &form_end, &(struct form_view){.target = h->id[0], .hidden = hid, .fs = fs});
        buf_adds(&b, "</div>");
        json_decref(hid);
    }
    json_decref(c);
    json_decref(l);
    page_send(h, status, &b);
}

static void pg_linkage(struct hreq *h)
{
    linkage_page(h, 200, NULL);
}

static void pg_linkage_check(struct hreq *h)
{
    form_post(h, &form_check);
}

static void pg_linkage_end(struct hreq *h)
{
    form_post(h, &form_end);
}

/* ---- the supervisor's list ---- */

static void pg_duplicates(struct hreq *h)
{
    json_t *env = NULL;
    int rc = linkage_duplicates_review(&h->ctx, &(struct page){qstr(h, "after"), 50}, &env);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Duplicate services"));
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1></div><p class=\"muted\">%s</p>", _("Duplicate services"),
                _("Clients of your organisation whom two organisations serve in the same domain (active linkages or "
                  "open episodes). Another organisation's part is shown only as its start unless the client's "
                  "consent shares the care plan."));
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card\" id=\"duplicates-none\">%s</p>", _("No duplicate services."));
    else
        html_printf(&b,
                    "<table class=\"list card\" id=\"duplicate-list\"><thead><tr><th scope=\"col\">%s</th><th "
                    "scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Client"), _("Domain"), _("Services"));
    size_t i;
    json_t *w;
    json_array_foreach(items, i, w)
    {
        char dl[80];
        html_printf(&b,
                    "<tr data-client-id=\"%D\"><td data-label=\"%s\"><a href=\"/clients/%D#duplicates\">%s</a></td>"
                    "<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
                    page_int(w, "client_id"), _("Client"), page_int(w, "client_id"), jstr(w, "client_name"),
                    _("Domain"), domain_label(jstr(w, "domain"), dl, sizeof dl), _("Services"));
        warning_entries(&b, w);
        buf_adds(&b, "</td></tr>");
    }
    if (json_array_size(items))
        buf_adds(&b, "</tbody></table>");
    page_more(&b, env, "/linkages/duplicates?", _("More clients"), "duplicates-more");
    json_decref(env);
    page_send(h, 200, &b);
}

#define A ROLES_ANY
const struct route ui_linkage_routes[] = {
    {"GET", "/clients/{id}/linkages/new", pg_linkage_new, A, 0},
    {"POST", "/clients/{id}/linkages", pg_linkage_create, A, 0},
    {"GET", "/linkages/duplicates", pg_duplicates, A, 0},
    {"GET", "/linkages/{id}", pg_linkage, A, 0},
    {"POST", "/linkages/{id}/checks", pg_linkage_check, A, 0},
    {"POST", "/linkages/{id}/end", pg_linkage_end, A, 0},
    {0},
};
HTTP_ROUTES(ui_linkage_routes, "ui-91-linkage");
