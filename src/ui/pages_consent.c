/* pages_consent: consent by purpose on the client page (the section "Consent and sharing": each
 * consent with its purpose, organisations, classes, dates, how it was given and its status), the
 * record and withdraw forms, one consent's page, and the consent form printed for signing on paper
 * (blank, or filled from a recorded consent). core/consent.c decides and audits. */
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

/* ---- words ---- */

/* What each purpose and each class of data means, in the words a client reads on the form. */
static const char *const purpose_names[] = {N_("Care coordination"), NC_("consent purpose", "Referral"), NC_("consent purpose", "Housing"),
                                            N_("Peer support"), N_("Evaluation"), NULL};
static const char *const purpose_texts[] = {
    N_("Workers of these organisations who help with your care may see the information below, so that they "
       "can plan and coordinate your care with us."),
    N_("When we refer you to a service of these organisations, it may see the information below to decide on "
       "and prepare the help you were referred for."),
    N_("Housing coordinators of these organisations may see the information below to find a home with you "
       "and help you keep it."),
    N_("Peer supporters of these organisations (people with their own experience of mental illness) may see "
       "the information below to support you."),
    N_("These organisations may use the information below only to count and evaluate services. They never see "
       "who you are."),
    NULL};
static const char *const class_texts[] = {
    N_("Your name, date of birth, address, phone number and who to call in an emergency."),
    N_("Notes of our contacts with you: visits, calls and what was agreed."),
    N_("The results of questionnaires and assessments, such as of your mood or daily life."),
    N_("Risk and crisis information: risk flags, crisis events and your safety plan."),
    N_("Your hospital stays: when, where and why."),
    N_("Your care plan, your episodes of care and who is on your care team."),
    N_("Your housing and the housing support you receive."),
    NULL};
static const char *const how_names[] = {N_("In writing, signed by the client"), N_("Spoken, with a witness"),
                                        N_("By a legal representative"), NULL};

static int index_of(const char *const *list, const char *v)
{
    for (int i = 0; list[i]; i++)
        if (str_eq(list[i], v))
            return i;
    return -1;
}

const char *consent_purpose_label(const char *purpose, char *out, size_t len)
{
    int i = index_of(consent_purposes, purpose);
    snprintf(out, len, "%s", i >= 0 ? _(purpose_names[i]) : purpose ? purpose : "");
    return out;
}

static const char *class_label(const char *name)
{
    int i = index_of(data_classes, name);
    return i >= 0 ? _(data_class_labels[i]) : name;
}

static const char *how_label(const char *how)
{
    int i = index_of(consent_given_how, how);
    return i >= 0 ? _(how_names[i]) : how;
}

static const char *status_label(const char *s)
{
    return str_eq(s, "active")     ? _("active")
           : str_eq(s, "future")   ? _("not started yet")
           : str_eq(s, "expired")  ? _("ended")
           : str_eq(s, "withdrawn") ? _("withdrawn")
                                   : s;
}

/* The status as a badge, with the days left of an active consent with an end. */
static void status_badge(struct buf *b, json_t *k)
{
    const char *s = jstr(k, "status");
    json_t *left = json_object_get(k, "days_left");
    int soon = str_eq(s, "active") && json_is_integer(left) && json_integer_value(left) <= 30;
    html_printf(b, "<span class=\"badge consent-%s%s\">%s</span>", s, soon ? " soon" : "", status_label(s));
    if (str_eq(s, "active") && json_is_integer(left)) {
        int64_t d = json_integer_value(left);
        html_printf(b, " <span class=\"small%s\">", soon ? " consent-soon" : " muted");
        if (d == 0)
            html_printf(b, "%s", _("ends today"));
        else if (d == 1)
            html_printf(b, "%s", _("ends tomorrow"));
        else
            html_printf(b, _("ends in %D days"), d);
        buf_adds(b, "</span>");
    }
}

static void org_names(struct buf *b, json_t *k)
{
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(k, "orgs"), i, o) html_printf(b, "%s%s", i ? ", " : "", jstr(o, "name"));
}

static void class_names(struct buf *b, json_t *k)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(k, "classes"), i, c)
        html_printf(b, "%s%s", i ? ", " : "", class_label(json_string_value(c)));
}

static void period(struct buf *b, json_t *k)
{
    html_printf(b, "%s – ", jstr(k, "starts_on"));
    if (*jstr(k, "ends_on"))
        html_printf(b, "%s", jstr(k, "ends_on"));
    else
        html_printf(b, "%s", _("until withdrawn"));
}

/* ---- the forms ---- */

static void new_page(struct hreq *h, int status, const struct fstate *fs);
static void consent_page(struct hreq *h, int status, const struct fstate *fs);

/* The organisations arrive as their ids' text: core takes numbers. */
static void record_adjust(json_t *in)
{
    json_t *orgs = json_object_get(in, "orgs"), *ids = json_array();
    size_t i;
    json_t *o;
    json_array_foreach(orgs, i, o)
    {
        int64_t n;
        if (json_is_string(o) && parse_int64(json_string_value(o), &n) == 0)
            json_array_append_new(ids, json_integer(n));
        else
            json_array_append(ids, o); /* core names it */
    }
    json_object_set_new(in, "orgs", ids);
}

static const struct form_field record_fields[] = {
    F("purpose", FI_SELECT, N_("Purpose"), FF_REQ, .choices = consent_purposes,
      .hint = N_("What the client agrees the information may be used for.")),
    F("orgs", FI_CHECKS, N_("Organisations that may see it"), FF_REQ),
    F("classes", FI_CHECKS, N_("Information they may see"), FF_REQ),
    ROW(2),
    F("starts_on", FI_DATE, N_("From"), FF_OMIT, .hint = N_("Empty: from today.")),
    F("ends_on", FI_DATE, N_("Until"), FF_OMIT, .hint = N_("Empty: until the client withdraws it.")),
    ROW_END,
    F("given_how", FI_SELECT, N_("How it was given"), FF_REQ, .choices = consent_given_how),
    F("witness", FI_TEXT, N_("Witness or legal representative"), FF_OMIT, .attrs = " maxlength=\"200\"",
      .hint = N_("Needed for a spoken consent (the witness) and a representative's (their name and relation).")),
    F("note", FI_TEXTAREA, N_("Note"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"2000\""),
    {0},
};
static const struct form form_record = {.id = "consent-form",
                                        .action = "/clients/{id}/consents",
                                        .box = "card",
                                        .submit = N_("Record the consent"),
                                        .button = "primary",
                                        .flash = "consent",
                                        .done = "/clients/{id}#consents",
                                        .cancel = "/clients/{id}#consents",
                                        .fields = record_fields,
                                        .create = consent_create,
                                        .adjust = record_adjust,
                                        .page = new_page,
                                        .flags = FORM_CLIENT_PATH};

static const struct form_field withdraw_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("reason", FI_TEXTAREA, N_("Reason (what the client said)"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"1000\""),
    {0},
};
static const struct form form_withdraw = {
    .id = "consent-withdraw",
    .pfx = "cw",
    .action = "/consents/{id}/withdraw",
    .box = "details",
    .summary = N_("Withdraw this consent"),
    .submit = N_("Withdraw"),
    .button = "danger",
    .confirm = N_("Withdraw this consent? The organisations lose access through it at once."),
    .note = N_("The client may withdraw at any time; access through this consent ends at once."),
    .flash = "consent-withdrawn",
    .done = "/clients/{client}#consents",
    .reload = "/consents/{id}",
    .fields = withdraw_fields,
    .update = consent_withdraw,
    .page = consent_page,
    .flags = FORM_CLIENT};

/* The choices of the record form: every organisation but the client's own, the classes and the
 * purposes and ways in their words. */
static json_t *record_opts(struct hreq *h, json_t *client)
{
    json_t *places = NULL, *orgs = json_array(), *classes = json_array(), *purposes = json_array(),
           *hows = json_array();
    if (service_places(&h->ctx, &places) == OK) {
        size_t i;
        json_t *o;
        json_array_foreach(json_object_get(places, "orgs"), i, o)
        {
            char id[24], own[300];
            snprintf(id, sizeof id, "%lld", (long long)page_int(o, "id"));
            /* the client's own organisation needs no consent, except for peer support (its peer
             * supporters see only their scope unless the client shares more: issue 11 §4) */
            if (page_int(o, "id") == page_int(client, "org_id") || str_eq(jstr(o, "name"), jstr(client, "organisation"))) {
                snprintf(own, sizeof own, _("%s (the client's own: for peer support only)"), jstr(o, "name"));
                json_array_append_new(orgs, json_pack("[s,s]", id, own));
                continue;
            }
            json_array_append_new(orgs, json_pack("[s,s]", id, jstr(o, "name")));
        }
    }
    json_decref(places);
    for (int i = 0; data_classes[i]; i++)
        json_array_append_new(classes, json_pack("[s,s]", data_classes[i], _(data_class_labels[i])));
    for (int i = 0; consent_purposes[i]; i++)
        json_array_append_new(purposes, json_pack("[s,s]", consent_purposes[i], _(purpose_names[i])));
    for (int i = 0; consent_given_how[i]; i++)
        json_array_append_new(hows, json_pack("[s,s]", consent_given_how[i], _(how_names[i])));
    return json_pack("{s:o,s:o,s:o,s:o}", "orgs", orgs, "classes", classes, "purpose", purposes, "given_how", hows);
}

/* core names an organisation or a class by its place ("orgs[1]"): the error goes next to the field. */
static json_t *fold_errors(json_t *errs)
{
    json_t *out = json_object();
    const char *k;
    json_t *v;
    json_object_foreach(errs, k, v)
    {
        char base[32];
        const char *br = strchr(k, '[');
        snprintf(base, sizeof base, "%.*s", (int)(br ? br - k : (long)strlen(k)), k);
        if (!json_object_get(out, base))
            json_object_set(out, base, v);
    }
    return out;
}

static void new_page(struct hreq *h, int status, const struct fstate *fs)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/consents/new", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    if (!access_may(&h->ctx, RES_CONSENT, ACT_CREATE, h->id[0])) {
        json_decref(c);
        reply_problem(h, 403, _("Not allowed"), _("The client's care team records their consents."), NULL);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Record consent"));
    page_client_head(h, &b, c, _("Record consent"));
    struct fstate folded;
    json_t *ferrs = NULL;
    if (fs) {
        folded = *fs;
        folded.errs = ferrs = fold_errors(fs->errs);
        fs = &folded;
    }
    form_failure(&b, fs);
    html_printf(&b, "<p class=\"muted\">%s <a href=\"/clients/%D/consents/print\" id=\"consent-blank\">%s</a></p>",
                _("Record what the client agreed to, as they agreed it. To sign on paper first:"), h->id[0],
                _("print a blank consent form"));
    json_t *opts = record_opts(h, c);
    form_show(h, &b, &form_record, &(struct form_view){.target = h->id[0], .opts = opts, .fs = fs});
    json_decref(opts);
    json_decref(ferrs);
    json_decref(c);
    page_send(h, status, &b);
}

static void pg_consent_new(struct hreq *h)
{
    new_page(h, 200, NULL);
}

static void pg_consent_create(struct hreq *h)
{
    form_post(h, &form_record);
}

static void pg_consent_withdraw(struct hreq *h)
{
    form_post(h, &form_withdraw);
}

/* ---- the section on the client page ---- */

static void consent_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    (void)fs;
    int64_t cid = page_int(client, "id");
    if (!access_may(&h->ctx, RES_CONSENT, ACT_LIST, cid))
        return;
    html_printf(b,
                "<section class=\"card\" id=\"consents\" aria-labelledby=\"cs-h\"><div class=\"section-head\"><h2 "
                "id=\"cs-h\">%s</h2>",
                _("Consent and sharing"));
    if (access_may(&h->ctx, RES_CONSENT, ACT_CREATE, cid))
        html_printf(b, "<a class=\"button small\" href=\"/clients/%D/consents/new\" id=\"consent-add\">%s</a>", cid,
                    _("Record consent"));
    buf_adds(b, "</div>");
    json_t *env = NULL;
    if (consent_list(&h->ctx, cid, &(struct page){.limit = 50}, &env) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        h->ctx.msg[0] = 0;
        return;
    }
    json_t *rows = json_object_get(env, "items");
    if (!json_array_size(rows))
        html_printf(b, "<p class=\"muted\" id=\"consents-none\">%s</p>",
                    _("No consent recorded: no other organisation sees this client's record."));
    else
        html_printf(b,
                    "<table class=\"list\" id=\"consent-list\"><thead><tr><th scope=\"col\">%s</th><th "
                    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Purpose"), _("Who may see what"), _("From – until"), _("Status"));
    int may_withdraw = access_may(&h->ctx, RES_CONSENT, ACT_UPDATE, cid);
    size_t i;
    json_t *k;
    json_array_foreach(rows, i, k)
    {
        int64_t id = page_int(k, "id");
        const char *st = jstr(k, "status");
        char pl[80];
        html_printf(b,
                    "<tr class=\"consent-%s\" data-consent-id=\"%D\" data-status=\"%s\"><td data-label=\"%s\">"
                    "<a href=\"/consents/%D\">%s</a><br><span class=\"small muted\">%s",
                    st, id, st, _("Purpose"), id, consent_purpose_label(jstr(k, "purpose"), pl, sizeof pl),
                    how_label(jstr(k, "given_how")));
        if (*jstr(k, "witness"))
            html_printf(b, ": %s", jstr(k, "witness"));
        html_printf(b, "</span></td><td data-label=\"%s\"><strong>", _("Who may see what"));
        org_names(b, k);
        buf_adds(b, "</strong><br><span class=\"small\">");
        class_names(b, k);
        html_printf(b, "</span></td><td class=\"period\" data-label=\"%s\">", _("From – until"));
        period(b, k);
        html_printf(b, "</td><td data-label=\"%s\">", _("Status"));
        status_badge(b, k);
        if (may_withdraw && (str_eq(st, "active") || str_eq(st, "future")))
            html_printf(b, "<br><a class=\"button small\" href=\"/consents/%D#withdraw\" id=\"withdraw-%D\">%s<span "
                           "class=\"sr\"> — %s</span></a>",
                        id, id, _("Withdraw"), pl);
        buf_adds(b, "</td></tr>");
    }
    if (json_array_size(rows))
        buf_adds(b, "</tbody></table>");
    html_printf(b, "<p class=\"small\"><a href=\"/clients/%D/consents/print\">%s</a></p></section>", cid,
                _("Print a blank consent form"));
    json_decref(env);
}
/* Consents (main column). Forms: on their own pages. */
CLIENT_SECTION(consent_section, "main-6-consent");

/* ---- one consent ---- */

static void fact(struct buf *b, const char *label, const char *value)
{
    if (value && *value)
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", label, value);
}

static void consent_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *k = NULL;
    audit_view(&h->ctx); /* one audit record for the page: the consent and the client */
    int rc = consent_get(&h->ctx, h->id[0], &k);
    if (rc != OK) {
        page_client_error(h, rc);
        return;
    }
    int64_t cid = page_int(k, "client_id");
    char here[64];
    snprintf(here, sizeof here, "/consents/%lld", (long long)h->id[0]);
    json_t *c = page_client_sub(h, cid, here);
    if (!c) {
        json_decref(k);
        return;
    }
    char pl[80], title[120];
    snprintf(title, sizeof title, "%s %lld", _("Consent no."), (long long)h->id[0]);
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, title);
    page_client_head(h, &b, c, title);
    page_flash(h, &b);
    form_failure(&b, fs);
    html_printf(&b, "<section class=\"card\" id=\"consent\" aria-labelledby=\"ck-h\"><h2 id=\"ck-h\">%s</h2><p>",
                consent_purpose_label(jstr(k, "purpose"), pl, sizeof pl));
    status_badge(&b, k);
    buf_adds(&b, "</p><dl class=\"facts\">");
    struct buf t;
    buf_init(&t);
    buf_adds(&t, "");
    org_names(&t, k);
    html_printf(&b, "<dt>%s</dt><dd id=\"consent-orgs\">%r</dd>", _("Organisations that may see it"), t.data);
    buf_reset(&t);
    buf_adds(&t, "");
    class_names(&t, k);
    html_printf(&b, "<dt>%s</dt><dd id=\"consent-classes\">%r</dd>", _("Information they may see"), t.data);
    buf_reset(&t);
    buf_adds(&t, "");
    period(&t, k);
    html_printf(&b, "<dt>%s</dt><dd>%r</dd>", _("From – until"), t.data);
    buf_free(&t);
    fact(&b, _("How it was given"), how_label(jstr(k, "given_how")));
    fact(&b, _("Witness or legal representative"), jstr(k, "witness"));
    fact(&b, _("Note"), jstr(k, "note"));
    html_printf(&b, "<dt>%s</dt><dd>%s, ", _("Recorded"), jstr(k, "recorded_by_name"));
    page_when(&b, jstr(k, "recorded_at"));
    buf_adds(&b, "</dd>");
    if (str_eq(jstr(k, "status"), "withdrawn")) {
        html_printf(&b, "<dt>%s</dt><dd>", _("Withdrawn"));
        page_when(&b, jstr(k, "withdrawn_at"));
        if (*jstr(k, "withdraw_reason"))
            html_printf(&b, ": <q>%s</q>", jstr(k, "withdraw_reason"));
        buf_adds(&b, "</dd>");
    }
    buf_adds(&b, "</dl>");
    html_printf(&b, "<p class=\"actions\"><a class=\"button\" href=\"/consents/%D/print\" id=\"consent-print\">%s</a> "
                    "<a class=\"button\" href=\"/clients/%D#consents\">%s</a></p>",
                h->id[0], _("Printable form"), cid, _("All consents"));
    const char *st = jstr(k, "status");
    if ((str_eq(st, "active") || str_eq(st, "future")) && access_may(&h->ctx, RES_CONSENT, ACT_UPDATE, cid)) {
        json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(k, "version"));
        buf_adds(&b, "<div id=\"withdraw\">");
        form_show(h, &b, &form_withdraw, &(struct form_view){.target = h->id[0], .hidden = hid, .fs = fs, .open = 1});
        buf_adds(&b, "</div>");
        json_decref(hid);
    }
    buf_adds(&b, "</section>");
    json_decref(c);
    json_decref(k);
    page_send(h, status, &b);
}

static void pg_consent(struct hreq *h)
{
    consent_page(h, 200, NULL);
}

/* ---- the form on paper ---- */

/* A box to tick on paper: ticked when on. */
static void paper_box(struct buf *b, int on)
{
    html_printf(b, "<span class=\"paper-box\" aria-hidden=\"true\">%s</span> ", on ? "☑" : "☐");
}

static int has(json_t *list, const char *v)
{
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) if (str_eq(json_string_value(x), v)) return 1;
    return 0;
}

/* The consent form in plain language: k is the recorded consent, or NULL for a blank form. */
static void paper(struct hreq *h, json_t *c, json_t *k)
{
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Consent to share information"));
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/clients/%D#consents\">← ", page_int(c, "id"));
    page_name(&b, c);
    buf_adds(&b, "</a></p>");
    html_printf(&b, "<article class=\"card paper\" id=\"consent-paper\"><h1>%s</h1>", _("Consent to share information"));
    html_printf(&b, "<p class=\"paper-who\">%s: <strong>", _("Name"));
    page_name(&b, c);
    html_printf(&b, "</strong> · %s ", _("born"));
    page_date_long(&b, jstr(c, "birth_date"));
    html_printf(&b, " · %s: %s", _("kept by"), jstr(c, "organisation"));
    if (k)
        html_printf(&b, " · %s %D", _("Consent no."), page_int(k, "id"));
    buf_adds(&b, "</p>");
    html_printf(&b, "<p>%s</p>",
                _("We keep your record to care for you. Other organisations see nothing of it unless you agree. "
                  "This form says which organisations may see which information, what for, and until when. You "
                  "decide; saying no does not change the care you receive from us."));
    /* What for */
    html_printf(&b, "<h2>%s</h2><ul class=\"plain paper-list\" id=\"paper-purposes\">", _("1. What it is for"));
    for (int i = 0; consent_purposes[i]; i++) {
        int on = k && str_eq(jstr(k, "purpose"), consent_purposes[i]);
        if (k && !on)
            continue;
        html_printf(&b, "<li data-purpose=\"%s\">", consent_purposes[i]);
        paper_box(&b, on);
        html_printf(&b, "<strong>%s</strong>: %s</li>", _(purpose_names[i]), _(purpose_texts[i]));
    }
    buf_adds(&b, "</ul>");
    /* Who */
    html_printf(&b, "<h2>%s</h2>", _("2. Which organisations may see it"));
    if (k) {
        html_printf(&b, "<ul class=\"paper-list\" id=\"paper-orgs\">");
        size_t i;
        json_t *o;
        json_array_foreach(json_object_get(k, "orgs"), i, o) html_printf(&b, "<li>%s</li>", jstr(o, "name"));
        buf_adds(&b, "</ul>");
    } else
        html_printf(&b, "<p class=\"paper-line\">%s</p><p class=\"paper-line\"></p>",
                    _("Organisations (write their names):"));
    /* What */
    html_printf(&b, "<h2>%s</h2><ul class=\"plain paper-list\" id=\"paper-classes\">",
                _("3. Which information they may see"));
    json_t *classes = k ? json_object_get(k, "classes") : NULL;
    for (int i = 0; data_classes[i]; i++) {
        int on = k && has(classes, data_classes[i]);
        if (k && !on)
            continue;
        html_printf(&b, "<li data-class=\"%s\">", data_classes[i]);
        paper_box(&b, on);
        html_printf(&b, "<strong>%s</strong>: %s</li>", _(data_class_labels[i]), _(class_texts[i]));
    }
    buf_adds(&b, "</ul>");
    html_printf(&b, "<p>%s</p>", _("They may only read this information, never change it, and only while this consent lasts."));
    /* Until when */
    html_printf(&b, "<h2>%s</h2>", _("4. From when, until when"));
    if (k) {
        buf_adds(&b, "<p id=\"paper-period\">");
        if (*jstr(k, "ends_on"))
            /* TRANSLATORS: a consent's period: its first and last days */
            html_printf(&b, _("From %s until %s."), jstr(k, "starts_on"), jstr(k, "ends_on"));
        else
            /* TRANSLATORS: a consent without an end: its first day */
            html_printf(&b, _("From %s until you withdraw it."), jstr(k, "starts_on"));
        buf_adds(&b, "</p>");
    } else
        html_printf(&b, "<p class=\"paper-line\">%s</p>",
                    _("From ____________ until ____________ (no end date: until you withdraw it)"));
    /* Withdrawing */
    html_printf(&b, "<h2>%s</h2><p>%s</p><p>%s</p>", _("5. How to withdraw"),
                _("You may withdraw this consent at any time, without giving a reason: tell your case manager or "
                  "any worker of ours, in person, by phone or in writing. From that moment the organisations above "
                  "can no longer see your information through this consent."),
                _("You may also ask us at any time who has looked at your record, and through which consent."));
    /* Signatures */
    html_printf(&b, "<h2>%s</h2>", _("6. Signatures"));
    if (k)
        html_printf(&b, "<p>%s: <strong>%s</strong>%s%s</p>", _("Given"), how_label(jstr(k, "given_how")),
                    *jstr(k, "witness") ? " · " : "", jstr(k, "witness"));
    else {
        html_printf(&b, "<p>%s</p><ul class=\"plain paper-list\" id=\"paper-how\">", _("Given:"));
        for (int i = 0; consent_given_how[i]; i++) {
            html_printf(&b, "<li>");
            paper_box(&b, 0);
            html_printf(&b, "%s</li>", _(how_names[i]));
        }
        buf_adds(&b, "</ul>");
    }
    html_printf(&b,
                "<dl class=\"paper-sign\"><dt>%s</dt><dd></dd><dt>%s</dt><dd></dd><dt>%s</dt><dd></dd><dt>%s</dt>"
                "<dd></dd></dl>",
                _("The client's signature and date"),
                _("Witness of a spoken consent, or legal representative (name, relation, signature)"),
                _("The worker who explained this form (name, signature)"), _("Date"));
    html_printf(&b, "<p class=\"actions no-print\"><button type=\"button\" data-print hidden>%s</button> ", _("Print"));
    if (k)
        html_printf(&b, "<a class=\"button\" href=\"/consents/%D\">%s</a>", page_int(k, "id"), _("Back to the consent"));
    else
        html_printf(&b, "<a class=\"button\" href=\"/clients/%D#consents\">%s</a>", page_int(c, "id"),
                    _("Back to the client"));
    buf_adds(&b, "</p></article>");
    page_send(h, 200, &b);
}

/* GET /clients/{id}/consents/print: the blank form for this client. */
static void pg_consent_blank(struct hreq *h)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/consents/print", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    if (!access_may(&h->ctx, RES_CONSENT, ACT_LIST, h->id[0])) {
        json_decref(c);
        reply_problem(h, 403, _("Not allowed"), _("The client's care team records their consents."), NULL);
        return;
    }
    paper(h, c, NULL);
    json_decref(c);
}

/* GET /consents/{id}/print: the form filled from a recorded consent. */
static void pg_consent_print(struct hreq *h)
{
    json_t *k = NULL;
    audit_view(&h->ctx);
    int rc = consent_get(&h->ctx, h->id[0], &k);
    if (rc != OK) {
        page_client_error(h, rc);
        return;
    }
    char here[64];
    snprintf(here, sizeof here, "/consents/%lld/print", (long long)h->id[0]);
    json_t *c = page_client_sub(h, page_int(k, "client_id"), here);
    if (c)
        paper(h, c, k);
    json_decref(c);
    json_decref(k);
}

#define A ROLES_ANY
const struct route ui_consent_routes[] = {
    {"GET", "/clients/{id}/consents/new", pg_consent_new, A, 0},
    {"POST", "/clients/{id}/consents", pg_consent_create, A, 0},
    {"GET", "/clients/{id}/consents/print", pg_consent_blank, A, 0},
    {"GET", "/consents/{id}", pg_consent, A, 0},
    {"POST", "/consents/{id}/withdraw", pg_consent_withdraw, A, 0},
    {"GET", "/consents/{id}/print", pg_consent_print, A, 0},
    {0},
};
HTTP_ROUTES(ui_consent_routes, "ui-8-consent");
