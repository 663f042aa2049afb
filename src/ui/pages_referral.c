/* pages_referral: referrals between organisations. The queues ("Referrals": received and sent,
 * filtered by state, urgency and overdue, the overdue first, each with its days pending); one
 * referral with its timeline and the forms its side may use now (acknowledge, accept and open an
 * episode, decline, ask, answer, assign, start, complete, fail, cancel, review); the send form from
 * a client's page (or from an intake: ?intake=N); the printable letter for partners not on Hearth;
 * and the client page's section. core/referral.c decides and audits. */
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

static void referral_page(struct hreq *h, int status, const struct fstate *fs);
static void send_page(struct hreq *h, int status, const struct fstate *fs);

/* ---- the forms ---- */

static const struct form_field send_fields[] = {
    F("intake_id", FI_HIDDEN, NULL, FF_IN),
    F("to_org_id", FI_SELECT, N_("Refer to (organisation)"), FF_OMIT, .none = N_("Choose, or choose a service")),
    F("service_id", FI_SELECT, N_("Service (optional)"), FF_OMIT, .none = N_("Its intake queue"),
      .hint = N_("A service of the directory; it names its organisation.")),
    F("urgency", FI_SELECT, N_("Urgency"), FF_REQ),
    F("reason", FI_TEXTAREA, N_("Why the client is referred"), FF_REQ, .rows = 4, .attrs = " maxlength=\"2000\""),
    F("asked", FI_TEXTAREA, N_("What is asked for"), FF_REQ, .rows = 3, .attrs = " maxlength=\"2000\""),
    F("sections", FI_CHECKS, N_("Sections of the record shared"), 0, .choices = data_classes,
      .hint = N_("Only what the client's consent for a referral (or care coordination) gives the receiving "
                 "organisation; anything else is refused.")),
    F("agreement", FI_SELECT, N_("The client's agreement to be referred"), FF_REQ),
    F("agreement_reason", FI_TEXTAREA, N_("Why the client could not be asked"), FF_OMIT, .rows = 2,
      .hint = N_("Only when the client was not asked (an emergency, for example); a supervisor reviews it.")),
    {0},
};
static const struct form form_send = {.id = "referral-send",
                                      .action = "/clients/{id}/referrals/new",
                                      .box = "card",
                                      .submit = N_("Send the referral"),
                                      .button = "primary",
                                      .flash = "referral",
                                      .done = "/referrals/{r.id}",
                                      .cancel = "/clients/{id}",
                                      .fields = send_fields,
                                      .create = referral_send,
                                      .page = send_page,
                                      .flags = FORM_CLIENT_PATH};

/* The changes of state: one form each, on the referral page, posting to /referrals/{id}/ACTION. */
#define CHANGE_RUN(fn, action)                                                                                \
    static int fn(struct hreq *h, json_t *in)                                                                 \
    {                                                                                                         \
        return referral_act(&h->ctx, h->id[0], h->if_match, action, in, &h->result);                         \
    }
CHANGE_RUN(run_receive, "receive")
CHANGE_RUN(run_accept, "accept")
CHANGE_RUN(run_decline, "decline")
CHANGE_RUN(run_request_info, "request_info")
CHANGE_RUN(run_answer, "answer")
CHANGE_RUN(run_start, "start")
CHANGE_RUN(run_complete, "complete")
CHANGE_RUN(run_cancel, "cancel")
CHANGE_RUN(run_fail, "fail")
static int run_assign(struct hreq *h, json_t *in)
{
    return referral_assign(&h->ctx, h->id[0], h->if_match, in, &h->result);
}
static int run_episode(struct hreq *h, json_t *in)
{
    return referral_accept_episode(&h->ctx, h->id[0], h->if_match, in, &h->result);
}
static int run_review(struct hreq *h, json_t *in)
{
    return referral_review_agreement(&h->ctx, h->id[0], in, &h->result);
}

#define VERSION F("version", FI_HIDDEN, NULL, 0)
static const struct form_field note_fields[] = {
    VERSION, F("text", FI_TEXTAREA, N_("A note for the sender (optional)"), FF_OMIT, .rows = 2), {0}};
static const struct form_field question_fields[] = {
    VERSION, F("text", FI_TEXTAREA, N_("What do you need to know?"), FF_REQ, .rows = 3), {0}};
static const struct form_field answer_fields[] = {VERSION, F("text", FI_TEXTAREA, N_("Your answer"), FF_REQ, .rows = 3), {0}};
static const struct form_field cancel_fields[] = {VERSION, F("text", FI_TEXTAREA, N_("Why it is cancelled"), FF_REQ, .rows = 2), {0}};
static const struct form_field decline_fields[] = {
    VERSION, F("reason_code", FI_SELECT, N_("Reason"), FF_REQ, .choices = referral_decline_reasons),
    F("text", FI_TEXTAREA, N_("Why, for the sender"), FF_REQ, .rows = 2), {0}};
static const struct form_field fail_fields[] = {
    VERSION, F("reason_code", FI_SELECT, N_("Reason"), FF_REQ, .choices = referral_fail_reasons),
    F("text", FI_TEXTAREA, N_("What happened"), FF_REQ, .rows = 2), {0}};
static const struct form_field complete_fields[] = {
    VERSION, F("outcome", FI_TEXTAREA, N_("The outcome, for the sender"), FF_REQ, .rows = 3), {0}};
static const struct form_field assign_fields[] = {VERSION, F("staff_id", FI_SELECT, N_("Assign to"), FF_REQ), {0}};
static const struct form_field episode_fields[] = {
    VERSION,
    F("primary_cm", FI_SELECT, N_("Primary case manager"), FF_REQ),
    ROW(2),
    F("programme", FI_SELECT, N_("Programme"), FF_REQ, .choices = programmes),
    F("target_group", FI_SELECT, N_("Target group"), FF_REQ, .choices = target_groups),
    ROW_END,
    F("text", FI_TEXTAREA, N_("A note for the sender (optional)"), FF_OMIT, .rows = 2),
    F_CAPACITY_REASON,
    {0}};
static const struct form_field review_fields[] = {F("note", FI_TEXTAREA, N_("Your review"), FF_REQ, .rows = 2), {0}};

#define CHANGE_FORM(var, id_, act, sub, btn, flds, fn)                                                        \
    static const struct form var = {.id = id_,                                                                \
                                    .pfx = id_,                                                               \
                                    .action = "/referrals/{id}/" act,                                         \
                                    .box = "details",                                                         \
                                    .summary = sub,                                                           \
                                    .submit = sub,                                                            \
                                    .button = btn,                                                            \
                                    .flash = "referral-saved",                                                \
                                    .done = "/referrals/{id}",                                                \
                                    .fields = flds,                                                           \
                                    .run = fn,                                                                \
                                    .page = referral_page}
CHANGE_FORM(form_receive, "rf-receive", "receive", N_("Acknowledge"), "primary", note_fields, run_receive);
CHANGE_FORM(form_episode_accept, "rf-episode", "accept-with-episode", N_("Accept and open an episode"), "primary",
            episode_fields, run_episode);
CHANGE_FORM(form_accept, "rf-accept", "accept", N_("Accept without an episode"), NULL, note_fields, run_accept);
CHANGE_FORM(form_decline, "rf-decline", "decline", N_("Decline"), "danger", decline_fields, run_decline);
CHANGE_FORM(form_request_info, "rf-ask", "request-info", N_("Ask for more information"), NULL, question_fields,
            run_request_info);
CHANGE_FORM(form_answer, "rf-answer", "answer", NC_("referral", "Answer"), "primary", answer_fields, run_answer);
CHANGE_FORM(form_start, "rf-start", "start", N_("Start the work"), "primary", note_fields, run_start);
CHANGE_FORM(form_complete, "rf-complete", "complete", N_("Complete"), "primary", complete_fields, run_complete);
CHANGE_FORM(form_fail, "rf-fail", "fail", N_("Record that it failed"), "danger", fail_fields, run_fail);
CHANGE_FORM(form_cancel, "rf-cancel", "cancel", N_("Cancel the referral"), "danger", cancel_fields, run_cancel);
CHANGE_FORM(form_assign, "rf-assign", "assign", N_("Assign"), NULL, assign_fields, run_assign);
CHANGE_FORM(form_review, "rf-review", "agreement-review", N_("Review the referral without agreement"), "primary",
            review_fields, run_review);

/* The queues' filter (GET). */
static const struct form_field filter_fields[] = {
    F("box", FI_HIDDEN, NULL, 0),
    ROW(3),
    F("state", FI_SELECT, N_("State"), 0, .none = N_("Open ones")),
    F("urgency", FI_SELECT, N_("Urgency"), 0, .none = N_("Any urgency")),
    F("overdue", FI_CHECK, N_("Only overdue"), 0),
    ROW_END,
    {0},
};
static const struct form form_filter = {.id = "referral-filter",
                                        .pfx = "rq",
                                        .method = "get",
                                        .action = "/referrals",
                                        .cls = "card search",
                                        .attrs = " role=\"search\"",
                                        .submit = N_("Show"),
                                        .fields = filter_fields};

/* ---- small parts ---- */

static void state_badge(struct buf *b, json_t *r)
{
    char l[64];
    html_printf(b, "<span class=\"badge rf-%s\" data-state=\"%s\">%s</span>", jstr(r, "state"), jstr(r, "state"),
                ui_vlabel("referral state", jstr(r, "state"), l, sizeof l));
    if (json_is_true(json_object_get(r, "overdue")))
        html_printf(b, " <span class=\"badge overdue\">%s</span>", _("overdue"));
}

static const char *urgency_words(const char *key)
{
    for (const struct referral_urgency *u = referral_urgencies; u->key; u++)
        if (str_eq(u->key, key))
            return _(u->label);
    return key;
}

static json_t *urgency_opts(void)
{
    json_t *o = json_array();
    for (const struct referral_urgency *u = referral_urgencies; u->key; u++)
        json_array_append_new(o, json_pack("[s,s]", u->key, _(u->label)));
    return o;
}

static void days_pending(struct buf *b, json_t *r)
{
    int64_t d = page_int(r, "days_pending");
    if (d == 1)
        html_printf(b, "%s", _("1 day"));
    else
        html_printf(b, _("%D days"), d);
}

/* Staff of the actor's organisation whose role may do act on referrals' resource r: choices. */
static json_t *staff_opts(struct hreq *h, enum res r, enum act act, enum rel rel)
{
    json_t *staff = page_staff(h), *out = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(staff, i, s)
    {
        int role = role_parse(jstr(s, "role"));
        if (role < 0 || access_table(r, act, rel, role) != V_ALLOW)
            continue;
        char id[24], rl[64], l[200];
        snprintf(id, sizeof id, "%lld", (long long)page_int(s, "id"));
        snprintf(l, sizeof l, "%s — %s", jstr(s, "display_name"), ui_vlabel("role", jstr(s, "role"), rl, sizeof rl));
        json_array_append_new(out, json_pack("[s,s]", id, l));
    }
    json_decref(staff);
    return out;
}

/* The rows of a list of referrals; with the organisation on the other side ("to" or "from"). */
static void referral_table(struct buf *b, json_t *items, int received, const char *id)
{
    html_printf(b,
                "<table class=\"list\" id=\"%s\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th></tr></thead><tbody>",
                id, _("Referral"), _("Client"), received ? C_("referral", "From") : C_("referral", "To"), _("Urgency"), _("State"),
                _("Days pending"), _("Assigned to"));
    size_t i;
    json_t *r;
    json_array_foreach(items, i, r)
    {
        char ul[64], nm[256];
        html_printf(b,
                    "<tr data-referral-id=\"%D\"%r><td data-label=\"%s\"><a href=\"/referrals/%D\">%s %D</a></td>"
                    "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
                    "<td data-label=\"%s\">",
                    page_int(r, "id"), json_is_true(json_object_get(r, "overdue")) ? " class=\"overdue\"" : "",
                    _("Referral"), page_int(r, "id"), _("no."), page_int(r, "id"), _("Client"),
                    page_name_text(r, nm, sizeof nm), received ? C_("referral", "From") : C_("referral", "To"),
                    received ? jstr(r, "from_organisation") : jstr(r, "to_organisation"), _("Urgency"),
                    ui_vlabel("urgency", jstr(r, "urgency"), ul, sizeof ul), _("State"));
        state_badge(b, r);
        html_printf(b, "</td><td data-label=\"%s\" class=\"days\">", _("Days pending"));
        days_pending(b, r);
        html_printf(b, "</td><td data-label=\"%s\">%s</td></tr>", _("Assigned to"),
                    *jstr(r, "assigned_name") ? jstr(r, "assigned_name") : "—");
    }
    buf_adds(b, "</tbody></table>");
}

/* ---- the queues ---- */

static void pg_referrals(struct hreq *h)
{
    int received = !str_eq(qstr(h, "box"), "sent");
    const char *o = qstr(h, "overdue");
    struct referral_filter f = {qstr(h, "state") && *qstr(h, "state") ? qstr(h, "state") : "open", qstr(h, "urgency"),
                                str_eq(o, "1") ? 1 : 0};
    json_t *env = NULL, *ferrs = NULL;
    int rc = referral_queue(&h->ctx, received, &f, &(struct page){qstr(h, "after"), 50}, &env);
    if (rc == ERR_INVALID) { /* a bad filter: the open ones, the errors beside the filter */
        ferrs = json_incref(h->ctx.errors);
        ctx_clear(&h->ctx);
        rc = referral_queue(&h->ctx, received, &(struct referral_filter){"open", NULL, 0}, &(struct page){NULL, 50},
                            &env);
    }
    if (rc != OK) {
        json_decref(ferrs);
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Referrals"));
    page_flash(h, &b);
    html_printf(&b,
                "<h1>%s</h1><nav class=\"tabs\" aria-label=\"%s\"><a href=\"/referrals?box=received\"%r>%s</a> "
                "<a href=\"/referrals?box=sent\"%r>%s</a></nav>",
                _("Referrals"), _("Queues"), received ? " aria-current=\"page\" class=\"current\"" : "",
                C_("referral queue", "Received"), received ? "" : " aria-current=\"page\" class=\"current\"",
                C_("referral queue", "Sent"));
    json_t *opts = json_object(), *st = json_array();
    for (const char *const *s = referral_states; *s; s++) {
        char l[64];
        json_array_append_new(st, json_pack("[s,s]", *s, ui_vlabel("referral state", *s, l, sizeof l)));
    }
    json_array_append_new(st, json_pack("[s,s]", "closed", _("Closed ones")));
    json_object_set_new(opts, "state", st);
    json_object_set_new(opts, "urgency", urgency_opts());
    json_t *vals = json_deep_copy(h->query);
    if (!json_is_object(vals))
        vals = json_object();
    json_object_set_new(vals, "box", json_string(received ? "received" : "sent"));
    if (str_eq(qstr(h, "state"), "open"))
        json_object_del(vals, "state");
    form_show(h, &b, &form_filter, &(struct form_view){.vals = vals, .opts = opts, .errs = ferrs});
    json_decref(vals);
    json_decref(opts);
    json_decref(ferrs);
    html_printf(&b, "<p class=\"muted small\">%s</p>",
                received ? _("Referrals to your organisation's intake queue: the overdue first, then the longest pending.")
                         : _("Referrals your organisation sent: the overdue first, then the longest pending."));
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card\" id=\"referrals-none\">%s</p>", _("No referral here."));
    else
        referral_table(&b, items, received, "referrals");
    struct buf more;
    buf_init(&more);
    buf_printf(&more, "/referrals?box=%s&", received ? "received" : "sent");
    static const char *const keep[] = {"state", "urgency", "overdue", NULL};
    for (int k = 0; keep[k]; k++)
        if (qstr(h, keep[k]) && *qstr(h, keep[k])) {
            buf_printf(&more, "%s=", keep[k]);
            url_encode(&more, qstr(h, keep[k]));
            buf_addc(&more, '&');
        }
    page_more(&b, env, more.data, _("More referrals"), "referrals-more");
    buf_free(&more);
    json_decref(env);
    page_send(h, 200, &b);
}

/* ---- one referral ---- */

static void fact(struct buf *b, const char *label, const char *value)
{
    if (value && *value)
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", label, value);
}

static void sections_words(struct buf *b, json_t *r)
{
    json_t *s = json_object_get(r, "sections");
    if (!json_array_size(s)) {
        html_printf(b, "%s", _("none"));
        return;
    }
    size_t i;
    json_t *x;
    json_array_foreach(s, i, x)
    {
        char l[64];
        html_printf(b, "%s%s", i ? ", " : "", ui_vlabel("data class", json_string_value(x), l, sizeof l));
    }
}

static void timeline(struct buf *b, json_t *r)
{
    html_printf(b, "<section class=\"card\" id=\"timeline\" aria-labelledby=\"tl-h\"><h2 id=\"tl-h\">%s</h2><ol class=\"history\">",
                _("Timeline"));
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(r, "events"), i, e)
    {
        char al[64], sl[64];
        html_printf(b, "<li data-action=\"%s\"><p class=\"meta\"><strong>%s</strong> → %s · ", jstr(e, "action"),
                    ui_vlabel("referral action", jstr(e, "action"), al, sizeof al), ui_vlabel("referral state", jstr(e, "to_state"), sl, sizeof sl));
        page_when(b, jstr(e, "at"));
        if (*jstr(e, "staff_name"))
            html_printf(b, " · %s (%s)", jstr(e, "staff_name"), jstr(e, "staff_organisation"));
        else
            html_printf(b, " · %s", _("a rule"));
        buf_adds(b, "</p>");
        if (*jstr(e, "reason_code")) {
            char rl[80];
            html_printf(b, "<p class=\"small\">%s: %s</p>", _("Reason"), ui_vlabel("referral declined", jstr(e, "reason_code"), rl, sizeof rl));
        }
        if (*jstr(e, "text"))
            html_printf(b, "<div class=\"note-body\">%s</div>", jstr(e, "text"));
        buf_adds(b, "</li>");
    }
    buf_adds(b, "</ol></section>");
}

static void change(struct hreq *h, struct buf *b, const struct form *f, json_t *r, const struct fstate *fs,
                   json_t *opts)
{
    json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(r, "version"));
    form_show(h, b, f,
              &(struct form_view){.target = page_int(r, "id"), .hidden = hid, .opts = opts, .fs = fs,
                                  .open = form_mine(fs, f, page_int(r, "id"))});
    json_decref(hid);
}

/* The forms the actor's side may use in the referral's state. */
static void actions(struct hreq *h, struct buf *b, json_t *r, const struct fstate *fs)
{
    const char *st = jstr(r, "state");
    int recv = page_int(r, "to_org_id") == h->actor.org_id && access_may(&h->ctx, RES_REFERRAL, ACT_REVIEW, 0);
    int send = page_int(r, "from_org_id") == h->actor.org_id && access_may(&h->ctx, RES_REFERRAL, ACT_UPDATE, 0);
    int review = page_int(r, "from_org_id") == h->actor.org_id && page_int(r, "from_staff_id") != h->actor.staff_id &&
                 json_is_true(json_object_get(r, "agreement_review_pending")) &&
                 access_may(&h->ctx, RES_REFERRAL, ACT_ADMINISTER, 0);
    if (!recv && !send && !review)
        return;
    html_printf(b, "<section class=\"card no-print\" id=\"referral-actions\" aria-labelledby=\"ra-h\"><h2 id=\"ra-h\">%s</h2>",
                _("What can be done now"));
    int any = 0;
    if (recv) {
        if (referral_next("receive", st))
            change(h, b, &form_receive, r, fs, NULL), any = 1;
        if (str_eq(st, "received") || (str_eq(st, "accepted") && json_is_null(json_object_get(r, "episode_id")))) {
            json_t *o = json_pack("{s:o}", "primary_cm", staff_opts(h, RES_EPISODE, ACT_UPDATE, REL_PRIMARY_CM));
            change(h, b, &form_episode_accept, r, fs, o);
            json_decref(o);
            any = 1;
        }
        if (referral_next("accept", st))
            change(h, b, &form_accept, r, fs, NULL);
        if (referral_next("request_info", st))
            change(h, b, &form_request_info, r, fs, NULL);
        if (referral_next("decline", st))
            change(h, b, &form_decline, r, fs, NULL);
        if (referral_next("start", st))
            change(h, b, &form_start, r, fs, NULL), any = 1;
        if (referral_next("complete", st))
            change(h, b, &form_complete, r, fs, NULL), any = 1;
        if (referral_is_open(st) && !str_eq(st, "sent")) {
            json_t *o = json_pack("{s:o}", "staff_id", staff_opts(h, RES_REFERRAL, ACT_REVIEW, REL_NONE));
            change(h, b, &form_assign, r, fs, o);
            json_decref(o);
            any = 1;
        }
        if (referral_next("fail", st))
            change(h, b, &form_fail, r, fs, NULL);
    }
    if (send) {
        if (referral_next("answer", st))
            change(h, b, &form_answer, r, fs, NULL), any = 1;
        if (referral_next("cancel", st))
            change(h, b, &form_cancel, r, fs, NULL), any = 1;
    }
    if (review) {
        form_show(h, b, &form_review,
                  &(struct form_view){.target = page_int(r, "id"), .fs = fs,
                                      .open = form_mine(fs, &form_review, page_int(r, "id"))});
        any = 1;
    }
    if (!any)
        html_printf(b, "<p class=\"muted\">%s</p>", _("Nothing is waiting for your side."));
    buf_adds(b, "</section>");
}

static void referral_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *r = NULL;
    int rc = referral_get(&h->ctx, h->id[0], &r);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    int64_t id = page_int(r, "id");
    char title[64];
    snprintf(title, sizeof title, _("Referral no. %lld"), (long long)id);
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, title);
    page_flash(h, &b);
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/referrals?box=%s\">← %s</a></p><div class=\"page-head\"><h1>%s</h1>",
                page_int(r, "to_org_id") == h->actor.org_id ? "received" : "sent", _("Referrals"), title);
    html_printf(&b, "<p class=\"actions\"><a class=\"button\" href=\"/referrals/%D/letter\" id=\"referral-letter\">%s</a></p></div>",
                id, _("Referral letter (print)"));
    if (fs)
        form_failure(&b, fs);
    html_printf(&b, "<section class=\"card\" id=\"referral\" aria-labelledby=\"rf-h\"><h2 id=\"rf-h\">%s</h2><p class=\"status\">",
                _("Where it stands"));
    state_badge(&b, r);
    html_printf(&b, " · %s ", _("pending for"));
    days_pending(&b, r);
    buf_adds(&b, "</p><dl class=\"facts\">");
    struct buf who;
    buf_init(&who);
    page_name(&who, r);
    int64_t cid = page_int(r, "client_id");
    if (access_may(&h->ctx, RES_CLIENT, ACT_LIST, cid))
        html_printf(&b, "<dt>%s</dt><dd><a href=\"/clients/%D\">%s</a></dd>", _("Client"), cid, who.data);
    else
        fact(&b, _("Client"), who.data);
    buf_free(&who);
    fact(&b, _("Born"), jstr(r, "birth_date"));
    char from[300], to[300];
    snprintf(from, sizeof from, "%s (%s)", jstr(r, "from_organisation"), jstr(r, "from_staff_name"));
    snprintf(to, sizeof to, "%s%s%s", jstr(r, "to_organisation"), *jstr(r, "service_name") ? " — " : "",
             jstr(r, "service_name"));
    fact(&b, C_("referral", "From"), from);
    fact(&b, C_("referral", "To"), to);
    fact(&b, _("Urgency"), urgency_words(jstr(r, "urgency")));
    html_printf(&b, "<dt>%s</dt><dd>", _("Sent"));
    page_when(&b, jstr(r, "sent_at"));
    html_printf(&b, "</dd><dt>%s</dt><dd>", _("Acknowledgement expected by"));
    page_when(&b, jstr(r, "due_at"));
    buf_adds(&b, "</dd>");
    fact(&b, _("Assigned to"), *jstr(r, "assigned_name") ? jstr(r, "assigned_name") : _("not yet"));
    if (page_int(r, "episode_id"))
        fact(&b, _("Episode of care"), _("opened by the receiving organisation"));
    fact(&b, _("Reason for referral"), jstr(r, "reason"));
    fact(&b, _("What is asked for"), jstr(r, "asked"));
    html_printf(&b, "<dt>%s</dt><dd id=\"referral-sections\">", _("Sections shared"));
    sections_words(&b, r);
    buf_adds(&b, "</dd>");
    if (str_eq(jstr(r, "agreement"), "agreed"))
        fact(&b, _("The client's agreement"), _("agreed to be referred"));
    else {
        char why[2300];
        snprintf(why, sizeof why, "%s %s", _("not asked:"), jstr(r, "agreement_reason"));
        fact(&b, _("The client's agreement"), why);
        fact(&b, _("Review"),
             json_is_true(json_object_get(r, "agreement_review_pending")) ? _("waiting for a supervisor")
                                                                          : jstr(r, "agreement_review_note"));
    }
    if (*jstr(r, "outcome"))
        html_printf(&b, "<dt>%s</dt><dd id=\"referral-outcome\">%s</dd>", _("Outcome"), jstr(r, "outcome"));
    buf_adds(&b, "</dl></section>");
    actions(h, &b, r, fs);
    timeline(&b, r);
    json_decref(r);
    page_send(h, status, &b);
}

static void pg_referral(struct hreq *h)
{
    referral_page(h, 200, NULL);
}

/* ---- the letter: for a partner who is not on Hearth, plain words, printed ---- */

static void pg_referral_letter(struct hreq *h)
{
    json_t *r = NULL;
    int rc = referral_get(&h->ctx, h->id[0], &r);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    int64_t id = page_int(r, "id");
    char title[64], today[16];
    snprintf(title, sizeof title, _("Referral no. %lld"), (long long)id);
    iso_today(today);
    struct buf b, who;
    buf_init(&b);
    buf_init(&who);
    page_name(&who, r);
    ui_begin(h, &b, title);
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/referrals/%D\">← %s</a></p>", id, title);
    html_printf(&b, "<article class=\"card letter\" id=\"letter\"><p class=\"letter-from\">%s<br>",
                jstr(r, "from_organisation"));
    page_date_long(&b, today);
    buf_adds(&b, "</p>");
    html_printf(&b, "<p class=\"letter-to\">%s %s%s%s</p>", _("To:"), jstr(r, "to_organisation"),
                *jstr(r, "service_name") ? " — " : "", jstr(r, "service_name"));
    html_printf(&b, "<h1>%s</h1>", title);
    html_printf(&b, "<p>%s <strong>%s</strong>", _("We are referring"), who.data);
    if (*jstr(r, "birth_date")) {
        html_printf(&b, " (%s ", _("born"));
        page_date_long(&b, jstr(r, "birth_date"));
        buf_adds(&b, ")");
    }
    html_printf(&b, " %s</p>", _("to you."));
    html_printf(&b, "<h2>%s</h2><p>%s</p>", _("Why we are referring"), jstr(r, "reason"));
    html_printf(&b, "<h2>%s</h2><p>%s</p>", _("What we ask of you"), jstr(r, "asked"));
    html_printf(&b, "<h2>%s</h2><p>%s. %s ", _("How soon"), urgency_words(jstr(r, "urgency")),
                _("Please let us know that you received this referral by"));
    page_when(&b, jstr(r, "due_at"));
    buf_adds(&b, ".</p>");
    html_printf(&b, "<h2>%s</h2><p>", _("The person's agreement"));
    if (str_eq(jstr(r, "agreement"), "agreed"))
        html_printf(&b, "%s", _("The person agreed to be referred to you."));
    else
        html_printf(&b, "%s %s", _("We could not ask the person first, because:"), jstr(r, "agreement_reason"));
    html_printf(&b, "</p><h2>%s</h2><p>", _("What we share with you"));
    sections_words(&b, r);
    html_printf(&b, "</p><p class=\"small\">%s</p>",
                _("We share only what the person's consent allows. Please keep this letter confidential."));
    html_printf(&b, "<h2>%s</h2><p>%s: <strong>%s</strong>. %s</p>", _("Where it stands"), _("Today"),
                ui_vlabel("referral state", jstr(r, "state"), title, sizeof title), _("Please tell us when you have seen the person and what happened, so that we can close the loop."));
    html_printf(&b, "<p class=\"letter-sign\">%s<br>%s, %s</p>", _("With thanks,"), jstr(r, "from_staff_name"),
                jstr(r, "from_organisation"));
    html_printf(&b, "<p class=\"actions no-print\"><button type=\"button\" data-print hidden>%s</button></p></article>",
                _("Print"));
    buf_free(&who);
    json_decref(r);
    page_send(h, 200, &b);
}

/* ---- sending, from a client's page (or an intake) ---- */

static void send_page(struct hreq *h, int status, const struct fstate *fs)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/referrals/new", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    json_t *places = NULL, *svcs = NULL;
    if (service_places(&h->ctx, &places) != OK ||
        service_list(&h->ctx, &(struct page){NULL, LIMIT_LIST}, NULL, &svcs) != OK) {
        json_decref(c);
        json_decref(places);
        json_decref(svcs);
        reply_core_error(h, ERR_DB);
        return;
    }
    json_t *opts = json_object(), *orgs = json_array(), *sv = json_array(), *ag = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(places, "orgs"), i, x)
    {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)page_int(x, "id"));
        json_array_append_new(orgs, json_pack("[s,s]", id, jstr(x, "name")));
    }
    json_array_foreach(json_object_get(svcs, "items"), i, x)
    {
        char id[24], l[400];
        snprintf(id, sizeof id, "%lld", (long long)page_int(x, "id"));
        snprintf(l, sizeof l, "%s — %s", jstr(x, "organisation"), jstr(x, "name"));
        json_array_append_new(sv, json_pack("[s,s]", id, l));
    }
    json_array_append_new(ag, json_pack("[s,s]", "agreed", _("The client agreed to be referred")));
    json_array_append_new(ag, json_pack("[s,s]", "not_asked", _("The client could not be asked")));
    json_object_set_new(opts, "to_org_id", orgs);
    json_object_set_new(opts, "service_id", sv);
    json_object_set_new(opts, "urgency", urgency_opts());
    json_object_set_new(opts, "agreement", ag);
    json_t *def = json_pack("{s:s,s:s}", "urgency", "routine", "agreement", "agreed");
    json_t *hid = json_object();
    int64_t intake = 0;
    if (qstr(h, "intake") && parse_int64(qstr(h, "intake"), &intake) == 0 && intake > 0)
        json_object_set_new(hid, "intake_id", json_sprintf("%lld", (long long)intake));
    else if (fs && *jstr(fs->vals, "intake_id"))
        json_object_set_new(hid, "intake_id", json_string(jstr(fs->vals, "intake_id")));
    form_client_page(h, status, c, _("Refer the client"),
                     _("The referral goes to the receiving organisation's intake queue; its staff acknowledge and "
                       "assign it, and you see every step."),
                     &form_send, &(struct form_view){.target = h->id[0], .vals = def, .hidden = hid, .opts = opts, .fs = fs});
    json_decref(hid);
    json_decref(def);
    json_decref(opts);
    json_decref(places);
    json_decref(svcs);
    json_decref(c);
}

static void pg_referral_new(struct hreq *h)
{
    send_page(h, 200, NULL);
}
static void pg_referral_send(struct hreq *h)
{
    form_post(h, &form_send);
}

#define POST_FORM(fn, f)                                                                                      \
    static void fn(struct hreq *h)                                                                            \
    {                                                                                                         \
        form_post(h, &f);                                                                                     \
    }
POST_FORM(pg_rf_receive, form_receive)
POST_FORM(pg_rf_episode, form_episode_accept)
POST_FORM(pg_rf_accept, form_accept)
POST_FORM(pg_rf_decline, form_decline)
POST_FORM(pg_rf_ask, form_request_info)
POST_FORM(pg_rf_answer, form_answer)
POST_FORM(pg_rf_start, form_start)
POST_FORM(pg_rf_complete, form_complete)
POST_FORM(pg_rf_fail, form_fail)
POST_FORM(pg_rf_cancel, form_cancel)
POST_FORM(pg_rf_assign, form_assign)
POST_FORM(pg_rf_review, form_review)

/* ---- the client page's section: the client's referrals and "Refer" ---- */

static void referral_client_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    (void)fs;
    int64_t cid = page_int(client, "id");
    if (!access_may(&h->ctx, RES_REFERRAL, ACT_LIST, cid))
        return;
    json_t *env = NULL;
    html_printf(b, "<section class=\"card\" id=\"referrals\" aria-labelledby=\"rl-h\"><h2 id=\"rl-h\">%s</h2>",
                _("Referrals"));
    if (referral_for_client(&h->ctx, cid, &(struct page){.limit = 10}, &env) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        h->ctx.msg[0] = 0;
        return;
    }
    json_t *rows = page_items(env);
    if (!json_array_size(rows))
        html_printf(b, "<p class=\"muted\">%s</p>", _("No referral yet."));
    else {
        html_printf(b, "<ul class=\"plain referrals\" id=\"client-referrals\">");
        size_t i;
        json_t *r;
        json_array_foreach(rows, i, r)
        {
            html_printf(b, "<li data-referral-id=\"%D\"><a href=\"/referrals/%D\">%s → %s</a> ", page_int(r, "id"),
                        page_int(r, "id"), jstr(r, "from_organisation"), jstr(r, "to_organisation"));
            state_badge(b, r);
            html_printf(b, " <span class=\"muted small\">");
            days_pending(b, r);
            if (*jstr(r, "assigned_name"))
                html_printf(b, " · %s %s", _("assigned to"), jstr(r, "assigned_name"));
            buf_adds(b, "</span></li>");
        }
        buf_adds(b, "</ul>");
    }
    json_decref(rows);
    if (access_may(&h->ctx, RES_REFERRAL, ACT_CREATE, cid))
        html_printf(b, "<p class=\"actions\"><a class=\"button\" href=\"/clients/%D/referrals/new\" id=\"refer\">%s</a></p>",
                    cid, _("Refer"));
    buf_adds(b, "</section>");
}
CLIENT_SECTION(referral_client_section, "main-7-referrals");

#define S ROLES_STAFF
const struct route ui_referral_routes[] = {
    {"GET", "/referrals", pg_referrals, S, 0},
    {"GET", "/referrals/{id}", pg_referral, S, 0},
    {"GET", "/referrals/{id}/letter", pg_referral_letter, S, 0},
    {"POST", "/referrals/{id}/receive", pg_rf_receive, S, 0},
    {"POST", "/referrals/{id}/accept-with-episode", pg_rf_episode, S, 0},
    {"POST", "/referrals/{id}/accept", pg_rf_accept, S, 0},
    {"POST", "/referrals/{id}/decline", pg_rf_decline, S, 0},
    {"POST", "/referrals/{id}/request-info", pg_rf_ask, S, 0},
    {"POST", "/referrals/{id}/answer", pg_rf_answer, S, 0},
    {"POST", "/referrals/{id}/start", pg_rf_start, S, 0},
    {"POST", "/referrals/{id}/complete", pg_rf_complete, S, 0},
    {"POST", "/referrals/{id}/fail", pg_rf_fail, S, 0},
    {"POST", "/referrals/{id}/cancel", pg_rf_cancel, S, 0},
    {"POST", "/referrals/{id}/assign", pg_rf_assign, S, 0},
    {"POST", "/referrals/{id}/agreement-review", pg_rf_review, S, 0},
    {"GET", "/clients/{id}/referrals/new", pg_referral_new, S, 0},
    {"POST", "/clients/{id}/referrals/new", pg_referral_send, S, 0},
    {0},
};
HTTP_ROUTES(ui_referral_routes, "ui-9-referral");
