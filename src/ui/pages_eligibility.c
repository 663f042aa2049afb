/* pages_eligibility: a client's eligibility for the programmes (core/eligibility.h): the section on
 * the client page (the decisions, and a programme to check), and the evaluation page with each
 * criterion's result and facts and the decision form. */
#include "core/eligibility.h"
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

static const char *result_label(const char *r)
{
    return str_eq(r, "met") ? _("met") : str_eq(r, "not_met") ? _("not met") : _("unknown");
}
static const char *decision_label(const char *d)
{
    return str_eq(d, "eligible")       ? _("Eligible")
           : str_eq(d, "not_eligible") ? _("Not eligible")
                                       : _("Eligible by exception");
}
static void result_badge(struct buf *b, const char *r)
{
    html_printf(b, "<span class=\"badge elig-%s\">%s</span>", r, result_label(r));
}

/* The names of a criterion's list, as shown ("Severe, Crisis"). */
/* vocab: the vocabulary of the values ("target group"), or NULL for words shown as they are */
static void names(struct buf *b, json_t *list, const char *vocab)
{
    size_t i;
    json_t *e;
    char l[80];
    json_array_foreach(list, i, e)
    {
        const char *s = json_string_value(e);
        html_printf(b, "%s%s", i ? ", " : "", vocab ? ui_vlabel(vocab, s, l, sizeof l) : s);
    }
}

/* What a criterion asks, in words. */
static void criterion_text(struct buf *b, json_t *cr)
{
    const char *k = jstr(cr, "kind");
    json_t *any = json_object_get(cr, "any_of");
    char l[80];
    if (str_eq(k, "life_stage")) {
        html_printf(b, "%s: %s, ", _("Life stage"), ui_vlabel("life stage", jstr(cr, "stage"), l, sizeof l));
        if (json_is_null(json_object_get(cr, "max_age")))
            html_printf(b, _("aged %D or over"), page_int(cr, "min_age"));
        else
            html_printf(b, _("aged %D to %D"), page_int(cr, "min_age"), page_int(cr, "max_age"));
    } else if (str_eq(k, "hospital_days")) {
        html_printf(b, _("At least %D days in hospital in the last %D days"), page_int(cr, "days"),
                    page_int(cr, "within_days"));
    } else if (str_eq(k, "crisis_within")) {
        html_printf(b, _("A crisis in the last %D days"), page_int(cr, "within_days"));
    } else if (str_eq(k, "target_group")) {
        html_printf(b, "%s: ", _("Target group"));
        names(b, any, "target group");
    } else if (str_eq(k, "need")) {
        html_printf(b, "%s: ", _("Needs one of"));
        names(b, any, "service domain");
    } else {
        html_printf(b, "%s: ", _("Lives in"));
        names(b, any, NULL);
    }
}

/* The facts a criterion was judged on, in words. */
static void facts_text(struct buf *b, json_t *cr)
{
    json_t *f = json_object_get(cr, "facts");
    const char *k = jstr(cr, "kind");
    if (json_is_null(f) || !f) {
        html_printf(b, "<span class=\"muted\">%s</span>", _("not shown to your role"));
        return;
    }
    if (str_eq(k, "life_stage") && json_object_get(f, "age"))
        html_printf(b, _("age %D"), page_int(f, "age"));
    else if (str_eq(k, "hospital_days"))
        html_printf(b, _("%D days in hospital (%D stays recorded)"), page_int(f, "hospital_days"),
                    page_int(f, "stays"));
    else if (str_eq(k, "crisis_within") && json_is_string(json_object_get(f, "last_crisis"))) {
        html_printf(b, "%s ", _("last crisis"));
        page_when(b, jstr(f, "last_crisis"));
        html_printf(b, " (");
        html_printf(b, _("%D days ago"), page_int(f, "days_ago"));
        buf_adds(b, ")");
    } else if (str_eq(k, "crisis_within"))
        html_printf(b, "%s", _("no crisis recorded"));
    else if (str_eq(k, "target_group") && json_array_size(json_object_get(f, "target_groups"))) {
        html_printf(b, "%s: ", _("open episodes"));
        names(b, json_object_get(f, "target_groups"), "target group");
    } else if (str_eq(k, "need") && json_object_get(f, "stated_needs")) {
        html_printf(b, "%s: ", _("stated"));
        names(b, json_object_get(f, "stated_needs"), "service domain");
    } else if (str_eq(k, "district") && json_object_get(f, "district")) {
        if (json_is_string(json_object_get(f, "district")))
            html_printf(b, "%s: %s", _("in the address"), jstr(f, "district"));
        else
            html_printf(b, "%s", _("none of them in the address"));
    } else
        html_printf(b, "<span class=\"muted\">%s</span>",
                    str_eq(k, "need")           ? _("no needs stated: choose them below")
                    : str_eq(k, "district")     ? _("no address recorded")
                    : str_eq(k, "target_group") ? _("no open episode")
                                                : _("not recorded"));
}

/* ---- the forms ---- */

static const char *const decisions[] = {"eligible", "not_eligible", "exception", NULL};

static const struct form_field check_fields[] = {
    F("programme", FI_SELECT, N_("Programme"), FF_REQ),
    F("intake", FI_HIDDEN, NULL, 0), /* from an intake (pages_intake.c): kept until the decision */
    {0},
};
/* Choose a programme (GET: the evaluation page). */
static const struct form form_check = {.id = "elig-check",
                                       .pfx = "ec",
                                       .method = "get",
                                       .action = "/clients/{id}/eligibility",
                                       .submit = N_("Check eligibility"),
                                       .fields = check_fields};

static const struct form_field needs_fields[] = {
    F("programme", FI_HIDDEN, NULL, 0),
    F("intake", FI_HIDDEN, NULL, 0),
    F("needs", FI_CHECKS, N_("The client's needs, by service domain"), 0, .choices = service_domains),
    {0},
};
/* State the needs and evaluate again (GET). */
static const struct form form_needs = {.id = "elig-needs",
                                       .pfx = "en",
                                       .method = "get",
                                       .action = "/clients/{id}/eligibility",
                                       .box = "details",
                                       .summary = N_("State the client's needs"),
                                       .submit = N_("Evaluate again"),
                                       .fields = needs_fields};

static void eval_page(struct hreq *h, int status, const struct fstate *fs);

static const struct form_field decide_fields[] = {
    F("programme", FI_HIDDEN, NULL, FF_IN),
    F("next", FI_HIDDEN, NULL, 0), /* back to the intake the check came from */
    F("needs", FI_CHECKS, N_("The client's needs, by service domain"), 0, .choices = service_domains),
    F("decision", FI_SELECT, N_("Decision"), FF_REQ),
    F("reason", FI_TEXTAREA, N_("Reason (required for an exception)"), FF_OMIT, .rows = 3,
      .attrs = " maxlength=\"2000\""),
    {0},
};
static const struct form form_decide = {
    .id = "elig-decide",
    .pfx = "ed",
    .action = "/clients/{id}/eligibility-decisions",
    .submit = N_("Record the decision"),
    .button = "primary",
    .flash = "saved",
    .done = "/clients/{id}#eligibility",
    .note = N_("The decision is kept with the rule file's version and each criterion's result today."),
    .fields = decide_fields,
    .create = elig_decide,
    .page = eval_page,
    .flags = FORM_CLIENT_PATH | FORM_NEXT};

static json_t *programme_opts(void)
{
    return page_programme_rows();
}

/* ---- the section on the client page ---- */

static void decisions_table(struct hreq *h, struct buf *b, json_t *rows)
{
    (void)h;
    html_printf(
        b,
        "<table class=\"list\" id=\"elig-decisions\"><thead><tr><th scope=\"col\">%s</th><th "
        "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
        "</tr></thead><tbody>",
        _("Programme"), _("Decision"), _("Criteria"), _("Decided"), _("By"));
    size_t i;
    json_t *d;
    json_array_foreach(rows, i, d)
    {
        char pn[120];
        html_printf(b, "<tr><td data-label=\"%s\">%s <span class=\"muted small\">%s %s</span></td>",
                    _("Programme"), page_programme_name(jstr(d, "programme"), pn, sizeof pn), _("rules"),
                    jstr(d, "rules_version"));
        html_printf(b, "<td data-label=\"%s\"><strong>%s</strong>", _("Decision"),
                    decision_label(jstr(d, "decision")));
        if (*jstr(d, "reason"))
            html_printf(b, "<br><span class=\"small\">%s</span>", jstr(d, "reason"));
        else if (json_is_true(json_object_get(d, "reason_hidden")))
            html_printf(b, "<br><span class=\"small muted\">%s</span>", _("reason not shown to your role"));
        html_printf(b, "</td><td data-label=\"%s\">", _("Criteria"));
        result_badge(b, jstr(d, "result"));
        html_printf(b, " <span class=\"small\">%D %s</span></td><td class=\"date\" data-label=\"%s\">",
                    page_int(d, "priority_points"), _("priority points"), _("Decided"));
        page_when(b, jstr(d, "decided_at"));
        html_printf(b, "</td><td data-label=\"%s\">%s</td></tr>", _("By"), jstr(d, "decided_by_name"));
    }
    buf_adds(b, "</tbody></table>");
}

static void elig_client_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    (void)fs;
    int64_t cid = page_int(client, "id");
    if (!access_may(&h->ctx, RES_ELIGIBILITY, ACT_LIST, cid))
        return;
    json_t *env = NULL;
    html_printf(b,
                "<section class=\"card\" id=\"eligibility\" aria-labelledby=\"el-h\"><h2 id=\"el-h\">%s</h2>",
                _("Eligibility"));
    if (elig_decision_list(&h->ctx, cid, &(struct page){.limit = 5}, &env) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        h->ctx.msg[0] = 0;
        return;
    }
    json_t *rows = page_items(env);
    if (!json_array_size(rows))
        html_printf(b, "<p class=\"muted\">%s</p>", _("No eligibility decision yet."));
    else
        decisions_table(h, b, rows);
    json_decref(rows);
    json_t *opts = json_pack("{s:o}", "programme", programme_opts());
    if (json_array_size(json_object_get(opts, "programme")))
        form_show(h, b, &form_check, &(struct form_view){.target = cid, .opts = opts});
    json_decref(opts);
    buf_adds(b, "</section>");
}
/* The decisions (newest five) and a programme to check (main column). */
CLIENT_SECTION(elig_client_section, "main-5-eligibility");

/* ---- the evaluation page ---- */

/* The needs asked for: the query's (one or several "needs", or a comma list) or a failed form's, as
 * "a,b" in out; 0 when none were stated. */
static int needs_text(json_t *src, char *out, size_t len)
{
    json_t *n = json_object_get(src, "needs");
    out[0] = 0;
    if (json_is_string(n)) {
        snprintf(out, len, "%s", json_string_value(n));
        return 1;
    }
    if (!json_is_array(n))
        return 0;
    size_t i, used = 0;
    json_t *e;
    json_array_foreach(n, i, e) if (json_is_string(e) && used < len) used +=
        (size_t)snprintf(out + used, len - used, "%s%s", used ? "," : "", json_string_value(e));
    return 1;
}

static void eval_page(struct hreq *h, int status, const struct fstate *fs)
{
    int64_t cid = h->id[0];
    json_t *c = NULL;
    audit_view(&h->ctx);
    int rc = client_get(&h->ctx, cid, &c);
    if (rc != OK) {
        page_client_error(h, rc);
        return;
    }
    if (!access_may(&h->ctx, RES_ELIGIBILITY, ACT_READ, cid)) {
        char here[64];
        snprintf(here, sizeof here, "/clients/%lld/eligibility", (long long)cid);
        page_client_limited(h, 403, c, here, NULL);
        json_decref(c);
        return;
    }
    json_t *src = fs ? fs->vals : h->query;
    const char *key = jstr(src, "programme");
    char needs[400];
    int stated = needs_text(src, needs, sizeof needs);
    json_t *ev = NULL;
    if (*key) {
        rc = elig_evaluate(&h->ctx, cid, key, stated ? needs : NULL, &ev);
        if (rc == ERR_FORBIDDEN) {
            json_decref(c);
            page_client_error(h, rc);
            return;
        }
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Eligibility"));
    char evn[120];
    page_client_head(h, &b, c, ev ? page_programme_name(jstr(ev, "programme"), evn, sizeof evn) : _("Eligibility"));
    json_t *opts = json_pack("{s:o}", "programme", programme_opts());
    json_t *errs = NULL;
    if (!ev && *key) {
        errs = h->ctx.errors ? json_incref(h->ctx.errors) : NULL;
        page_errors_reset(&h->ctx);
    }
    form_show(h, &b, &form_check,
              &(struct form_view){.target = cid, .opts = opts, .vals = src, .errs = errs});
    json_decref(errs);
    if (ev) {
        html_printf(
            &b,
            "<section class=\"card\" id=\"evaluation\" aria-labelledby=\"ev-h\"><h2 id=\"ev-h\">%s</h2>"
            "<p class=\"small\">%s %s · %s</p><p id=\"elig-result\">%s ",
            _("Criteria"), _("Rules version"), jstr(ev, "version"), jstr(ev, "based_on"),
            _("Required criteria:"));
        result_badge(&b, jstr(ev, "result"));
        html_printf(&b, " · %s: <strong>%D</strong></p>", _("Priority points"),
                    page_int(ev, "priority_points"));
        if (json_is_true(json_object_get(ev, "facts_hidden")))
            html_printf(&b, "<p class=\"small muted\">%s</p>",
                        _("The facts of hospital stays, crises and episodes are not shown to your role; the "
                          "results are."));
        html_printf(
            &b,
            "<table class=\"list\" id=\"criteria\"><thead><tr><th scope=\"col\">%s</th><th "
            "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
            _("Criterion"), _("Counts as"), _("Result"), _("Facts used"));
        size_t i;
        json_t *cr;
        json_array_foreach(json_object_get(ev, "criteria"), i, cr)
        {
            html_printf(&b, "<tr class=\"elig-%s\"><td data-label=\"%s\">", jstr(cr, "result"),
                        _("Criterion"));
            criterion_text(&b, cr);
            html_printf(&b, "</td><td data-label=\"%s\">", _("Counts as"));
            if (json_is_true(json_object_get(cr, "required")))
                html_printf(&b, "%s", _("required"));
            else
                html_printf(&b, _("%D priority points"), page_int(cr, "points"));
            html_printf(&b, "</td><td data-label=\"%s\">", _("Result"));
            result_badge(&b, jstr(cr, "result"));
            html_printf(&b, "</td><td data-label=\"%s\">", _("Facts used"));
            facts_text(&b, cr);
            buf_adds(&b, "</td></tr>");
        }
        buf_adds(&b, "</tbody></table>");
        json_t *nv = json_pack("{s:s, s:o}", "programme", key, "needs",
                               json_deep_copy(json_object_get(ev, "stated_needs")));
        if (!json_is_array(json_object_get(nv, "needs")))
            json_object_del(nv, "needs");
        /* From an intake: the decision goes back to it (pages_intake.c links it there). */
        int64_t iid = 0;
        if (parse_int64(jstr(h->query, "intake"), &iid) == 0 && iid > 0) {
            json_object_set_new(nv, "intake", json_sprintf("%lld", (long long)iid));
            json_object_set_new(nv, "next", json_sprintf("/intakes/%lld", (long long)iid));
        }
        form_show(h, &b, &form_needs, &(struct form_view){.target = cid, .vals = nv, .hidden = nv});
        buf_adds(&b, "</section>");
        if (access_may(&h->ctx, RES_ELIGIBILITY, ACT_CREATE, cid)) {
            html_printf(
                &b, "<section class=\"card\" id=\"decide\" aria-labelledby=\"ed-h\"><h2 id=\"ed-h\">%s</h2>",
                _("Decide"));
            json_t *dopts =
                json_pack("{s:[[s,s],[s,s],[s,s]]}", "decision", decisions[0], _("Eligible"), decisions[1],
                          _("Not eligible"), decisions[2], _("Eligible by exception (reason required)"));
            form_show(h, &b, &form_decide,
                      &(struct form_view){.target = cid, .vals = nv, .hidden = nv, .opts = dopts, .fs = fs});
            json_decref(dopts);
            buf_adds(&b, "</section>");
        }
        json_decref(nv);
    }
    json_decref(opts);
    json_decref(ev);
    json_decref(c);
    page_send(h, status, &b);
}

static void pg_eligibility(struct hreq *h)
{
    eval_page(h, 200, NULL);
}

static void pg_decide(struct hreq *h)
{
    form_post(h, &form_decide);
}

#define A ROLES_ANY
const struct route ui_eligibility_routes[] = {
    {"GET", "/clients/{id}/eligibility", pg_eligibility, A, 0},
    {"POST", "/clients/{id}/eligibility-decisions", pg_decide, A, 0},
    {0},
};
HTTP_ROUTES(ui_eligibility_routes, "ui-7-eligibility");
