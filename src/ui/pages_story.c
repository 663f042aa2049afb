/* pages_story: success stories (issue 14 §3). The client page's section ("Success stories": each story
 * with its state, the consent for evaluation, the link to write one), the form written with the
 * client, a story's page (its text, whose words, the reviews with their reasons; the edit, submit,
 * review and withdraw forms as the state and the reader allow), the supervisor's review queue and the
 * published stories (/stories: no name, no client, no author, no link to a record; filtered by
 * service domain and programme). core/story.c decides and audits. */
#include "core/story.h"
#include "ui/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- words ---- */

static const char *state_label(const char *s)
{
    if (str_eq(s, "draft"))
        return C_("story state", "draft");
    if (str_eq(s, "submitted"))
        return C_("story state", "waiting for review");
    if (str_eq(s, "published"))
        return C_("story state", "published");
    if (str_eq(s, "returned"))
        return C_("story state", "returned for changes");
    if (str_eq(s, "withdrawn"))
        return C_("story state", "withdrawn");
    return s;
}

static const char *words_label(const char *w)
{
    if (str_eq(w, "client"))
        return _("In the client's own words");
    if (str_eq(w, "with_worker"))
        return _("Written by the client with the worker");
    if (str_eq(w, "worker"))
        return _("In the worker's words");
    return w;
}

static void state_badge(struct buf *b, const char *s)
{
    html_printf(b, "<span class=\"badge%r\" data-state=\"%s\">%s</span>",
                str_eq(s, "returned") || str_eq(s, "submitted") ? " overdue" : str_eq(s, "withdrawn") ? " ended" : "",
                s, state_label(s));
}

/* "2026-12" as "2026-12" / "2026년 12월". */
static void month_text(struct buf *b, const char *ym)
{
    int y = 0, m = 0;
    if (!ym || sscanf(ym, "%4d-%2d", &y, &m) != 2) {
        html_printf(b, "%s", ym ? ym : "");
        return;
    }
    char t[40];
    /* TRANSLATORS: a year and a month (2026, 12): "2026-12"; in Korean "%1$d년 %2$d월". */
    snprintf(t, sizeof t, C_("year and month", "%1$d-%2$02d"), y, m);
    html_printf(b, "%s", t);
}

/* The domains' labels joined as tags. */
static void domain_tags(struct buf *b, json_t *domains)
{
    size_t i;
    json_t *d;
    json_array_foreach(domains, i, d)
    {
        char l[120];
        html_printf(b, "<li class=\"tag\" data-domain=\"%s\">%s</li>", json_string_value(d),
                    ui_vlabel("service domain", json_string_value(d), l, sizeof l));
    }
}

/* The story's text, paragraph by paragraph (a blank line between them). */
static void story_text(struct buf *b, const char *body)
{
    const char *p = body ? body : "";
    buf_adds(b, "<div class=\"story-text\">");
    while (*p) {
        const char *e = strstr(p, "\n\n");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *para = xstrndup(p, n);
        html_printf(b, "<p>%s</p>", para);
        free(para);
        p += n;
        while (*p == '\n' || *p == '\r')
            p++;
    }
    buf_adds(b, "</div>");
}

static json_t *choice_rows(const char *vocab, const char *const *values)
{
    json_t *rows = json_array();
    for (int i = 0; values[i]; i++) {
        char l[120];
        json_array_append_new(rows, json_pack("[s,s]", values[i], ui_vlabel(vocab, values[i], l, sizeof l)));
    }
    return rows;
}

static json_t *words_rows(void)
{
    json_t *rows = json_array();
    for (int i = 0; story_words[i]; i++)
        json_array_append_new(rows, json_pack("[s,s]", story_words[i], words_label(story_words[i])));
    return rows;
}

static json_t *story_opts(void)
{
    return json_pack("{s:o,s:o,s:o}", "words", words_rows(), "domains", choice_rows("service domain", service_domains),
                     "programme", choice_rows("programme", programmes));
}

/* ---- the client page's section ---- */

static void stories_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    (void)fs;
    int64_t cid = page_int(client, "id");
    if (!access_may(&h->ctx, RES_STORY, ACT_LIST, cid))
        return;
    html_printf(b,
                "<section class=\"card\" id=\"stories\" aria-labelledby=\"st-h\"><div class=\"section-head\">"
                "<h2 id=\"st-h\">%s</h2>",
                _("Success stories"));
    if (access_may(&h->ctx, RES_STORY, ACT_CREATE, cid))
        html_printf(b, "<a class=\"button small\" href=\"/clients/%D/stories/new\" id=\"story-add\">%s</a>", cid,
                    _("Write a story with the client"));
    buf_adds(b, "</div>");
    if (story_consent_active(h->ctx.db, cid, NULL))
        html_printf(b, "<p class=\"small\" id=\"story-consent\" data-consent=\"yes\">%s</p>",
                    _("The client consents to share their stories for evaluation."));
    else {
        html_printf(b, "<p class=\"small\" id=\"story-consent\" data-consent=\"no\">%s", 
                    _("The client has not consented to share stories for evaluation: a story can be written, but not submitted for review."));
        if (access_may(&h->ctx, RES_CONSENT, ACT_CREATE, cid))
            html_printf(b, " <a href=\"/clients/%D/consents/new\" id=\"story-consent-add\">%s</a>", cid,
                        _("Record their consent for evaluation"));
        buf_adds(b, "</p>");
    }
    json_t *env = NULL;
    if (story_list(&h->ctx, cid, &(struct page){.limit = 50}, &env) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        page_errors_reset(&h->ctx);
        return;
    }
    json_t *rows = json_object_get(env, "items");
    if (!json_array_size(rows))
        html_printf(b, "<p class=\"muted\" id=\"stories-none\">%s</p>", _("No story yet."));
    else
        buf_adds(b, "<ul class=\"plain\" id=\"story-list\">");
    size_t i;
    json_t *s;
    json_array_foreach(rows, i, s)
    {
        int withdrawn = str_eq(jstr(s, "status"), "withdrawn");
        html_printf(b, "<li data-story-id=\"%D\"><a href=\"/stories/%D\">%s</a> ", page_int(s, "id"), page_int(s, "id"),
                    withdrawn ? _("A withdrawn story") : jstr(s, "title"));
        state_badge(b, jstr(s, "status"));
        html_printf(b, " <span class=\"small muted\">%s %s · ", _("Written by"), jstr(s, "created_by_name"));
        page_when(b, jstr(s, "created_at"));
        buf_adds(b, "</span></li>");
    }
    if (json_array_size(rows))
        buf_adds(b, "</ul>");
    buf_adds(b, "</section>");
    json_decref(env);
}
/* Success stories (main column), after care services. */
CLIENT_SECTION(stories_section, "main-96-stories");

/* ---- writing a story ---- */

static void new_page(struct hreq *h, int status, const struct fstate *fs);

#define STORY_FIELDS                                                                                         \
    F("title", FI_TEXT, N_("Title"), FF_REQ, .attrs = " maxlength=\"200\"",                                  \
      .hint = N_("No name, place or date that could tell who the client is.")),                              \
        F("body", FI_TEXTAREA, N_("The story"), FF_REQ, .rows = 10, .attrs = " maxlength=\"20000\"",          \
          .hint = N_("In the client's own words where they wish. A blank line starts a new paragraph.")),      \
        F("words", FI_SELECT, N_("Whose words"), FF_REQ, .none = N_("Choose")),                               \
        F("domains", FI_CHECKS, N_("Service domains it touches"), 0),                                         \
        F("programme", FI_SELECT, N_("Programme"), FF_REQ, .none = N_("Choose"))

static const struct form_field story_fields[] = {STORY_FIELDS, {0}};
static const struct form form_story = {.id = "story-form",
                                       .action = "/clients/{id}/stories",
                                       .box = "card",
                                       .submit = N_("Save the draft"),
                                       .button = "primary",
                                       .flash = "story",
                                       .done = "/stories/{r.id}",
                                       .cancel = "/clients/{id}#stories",
                                       .fields = story_fields,
                                       .create = story_create,
                                       .page = new_page,
                                       .flags = FORM_CLIENT_PATH};

static void new_page(struct hreq *h, int status, const struct fstate *fs)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/stories/new", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    if (!access_may(&h->ctx, RES_STORY, ACT_CREATE, h->id[0])) {
        json_decref(c);
        ui_error_page(h, 403, _("Not allowed"), _("The clinical members of the client's care team write stories with the client."));
        return;
    }
    json_t *opts = story_opts();
    form_client_page(h, status, c, _("Write a story with the client"),
                     _("A story of recovery or community life, written together with the client. It stays a draft "
                       "until it is submitted; a supervisor checks it for anything that could identify the client "
                       "before it is published without their name."),
                     &form_story, &(struct form_view){.target = h->id[0], .opts = opts, .fs = fs});
    json_decref(opts);
    json_decref(c);
}

static void pg_story_new(struct hreq *h)
{
    new_page(h, 200, NULL);
}

static void pg_story_create(struct hreq *h)
{
    form_post(h, &form_story);
}

/* ---- one story: its text, the reviews, the forms ---- */

static void story_page(struct hreq *h, int status, const struct fstate *fs);

static const struct form_field edit_fields[] = {F("version", FI_HIDDEN, NULL, 0), STORY_FIELDS, {0}};
static const struct form form_edit = {.id = "story-edit",
                                      .pfx = "se",
                                      .action = "/stories/{id}",
                                      .box = "details",
                                      .summary = N_("Change the story"),
                                      .submit = N_("Save the changes"),
                                      .button = "primary",
                                      .flash = "story",
                                      .done = "/stories/{id}",
                                      .reload = "/stories/{id}",
                                      .fields = edit_fields,
                                      .update = story_update,
                                      .page = story_page};

static const struct form_field submit_fields[] = {F("version", FI_HIDDEN, NULL, 0), {0}};
static const struct form form_submit = {.id = "story-submit",
                                        .pfx = "ss",
                                        .action = "/stories/{id}/submit",
                                        .submit = N_("Submit for review"),
                                        .button = "primary",
                                        .flash = "story-submitted",
                                        .done = "/stories/{id}",
                                        .reload = "/stories/{id}",
                                        .fields = submit_fields,
                                        .update = story_submit,
                                        .page = story_page};

static const struct form_field review_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    FIELDSET(N_("Nothing in the story identifies the client")),
    F("no_names", FI_CHECK, N_("No names (the client's, family's, neighbours', staff's)"), FF_BOOL),
    F("no_places", FI_CHECK, N_("No places (street, building, small neighbourhood, workplace)"), FF_BOOL),
    F("no_dates", FI_CHECK, N_("No dates (birthdays, admissions, events that date it)"), FF_BOOL),
    F("no_rare_details", FI_CHECK, N_("No rare details (an unusual job, illness, event or family situation)"), FF_BOOL),
    FIELDSET_END,
    F("note", FI_TEXTAREA, N_("Note to the worker"), FF_OMIT, .rows = 3, .attrs = " maxlength=\"2000\"",
      .hint = N_("Required to return the story: what to change.")),
    F("decision", FI_SELECT, N_("Decision"), FF_REQ, .none = N_("Choose"),
      .hint = N_("Publishing needs every box ticked.")),
    {0},
};
static const struct form form_review = {.id = "story-review",
                                        .pfx = "sr",
                                        .action = "/stories/{id}/review",
                                        .box = "card",
                                        .submit = N_("Record the review"),
                                        .button = "primary",
                                        .flash = "story-reviewed",
                                        .done = "/stories/{id}",
                                        .reload = "/stories/{id}",
                                        .fields = review_fields,
                                        .update = story_review,
                                        .page = story_page};

static const struct form_field withdraw_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("reason", FI_TEXTAREA, N_("Why"), FF_REQ, .rows = 2, .attrs = " maxlength=\"1000\"",
      .hint = N_("What the client said. The story's text is erased and cannot be brought back.")),
    {0},
};
static const struct form form_withdraw = {.id = "story-withdraw",
                                          .pfx = "sw",
                                          .action = "/stories/{id}/withdraw",
                                          .box = "details",
                                          .summary = N_("The client takes the story back"),
                                          .submit = N_("Withdraw the story"),
                                          .button = "danger",
                                          .flash = "story-withdrawn",
                                          .done = "/stories/{id}",
                                          .reload = "/stories/{id}",
                                          .fields = withdraw_fields,
                                          .update = story_withdraw,
                                          .page = story_page};

static void reviews_list(struct buf *b, json_t *reviews)
{
    if (!json_array_size(reviews))
        return;
    html_printf(b, "<section class=\"card\" id=\"story-reviews\" aria-labelledby=\"sr-h\"><h2 id=\"sr-h\">%s</h2><ul class=\"plain\">",
                _("Reviews"));
    static const char *const check_labels[] = {N_("names"), N_("places"), N_("dates"), N_("rare details")};
    size_t i;
    json_t *r;
    json_array_foreach(reviews, i, r)
    {
        int publish = str_eq(jstr(r, "decision"), "publish");
        html_printf(b, "<li class=\"story-review\" data-decision=\"%s\"><strong>%s</strong> · %s · ", jstr(r, "decision"),
                    publish ? _("Published") : _("Returned for changes"), jstr(r, "reviewer_name"));
        page_when(b, jstr(r, "made_at"));
        int first = 1;
        for (int k = 0; story_checks[k]; k++) {
            if (json_is_true(json_object_get(r, story_checks[k])))
                continue;
            if (first)
                html_printf(b, "<br><span class=\"small\">%s %s", _("Could still identify the client:"), _(check_labels[k]));
            else
                html_printf(b, ", %s", _(check_labels[k]));
            first = 0;
        }
        if (!first)
            buf_adds(b, "</span>");
        if (*jstr(r, "note"))
            html_printf(b, "<br><q class=\"review-note\">%s</q>", jstr(r, "note"));
        buf_adds(b, "</li>");
    }
    buf_adds(b, "</ul></section>");
}

static void story_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *s = NULL;
    audit_view(&h->ctx);
    int rc = story_get(&h->ctx, h->id[0], &s);
    if (rc != OK) {
        page_client_error(h, rc);
        return;
    }
    int64_t cid = page_int(s, "client_id");
    const char *state = jstr(s, "status");
    int withdrawn = str_eq(state, "withdrawn");
    int editable = str_eq(state, "draft") || str_eq(state, "returned");
    int may_update = access_may(&h->ctx, RES_STORY, ACT_UPDATE, cid);
    struct buf b, t;
    buf_init(&b);
    buf_init(&t);
    buf_adds(&t, "");
    page_name(&t, s);
    char title[400];
    snprintf(title, sizeof title, "%s: %s", _("Success story"), t.data);
    ui_begin(h, &b, title);
    html_printf(&b, "<div class=\"page-head\"><h1>%s <span class=\"muted\">%s</span></h1>", _("Success story"), t.data);
    if (access_may(&h->ctx, RES_CLIENT, ACT_READ, cid))
        html_printf(&b, "<a href=\"/clients/%D#stories\">%s</a>", cid, _("Back to the client"));
    buf_adds(&b, "</div>");
    buf_free(&t);
    page_flash(h, &b);
    form_failure(&b, fs);
    html_printf(&b, "<section class=\"card\" id=\"story\" data-status=\"%s\" aria-labelledby=\"story-h\">", state);
    if (withdrawn)
        html_printf(&b, "<h2 id=\"story-h\">%s</h2><p id=\"story-erased\">%s</p>", _("A withdrawn story"),
                    _("The client took this story back. Its text is erased; what is kept is that it existed, when, "
                      "and when and why it was withdrawn."));
    else {
        html_printf(&b, "<h2 id=\"story-h\">%s</h2>", jstr(s, "title"));
        story_text(&b, jstr(s, "body"));
    }
    html_printf(&b, "<dl class=\"facts\"><dt>%s</dt><dd id=\"story-state\">", _("Status"));
    state_badge(&b, state);
    buf_adds(&b, "</dd>");
    if (!withdrawn) {
        char l[120];
        html_printf(&b, "<dt>%s</dt><dd>%s</dd>", _("Whose words"), words_label(jstr(s, "words")));
        html_printf(&b, "<dt>%s</dt><dd><ul class=\"tags\">", _("Service domains"));
        domain_tags(&b, json_object_get(s, "domains"));
        html_printf(&b, "</ul></dd><dt>%s</dt><dd>%s</dd>", _("Programme"),
                    ui_vlabel("programme", jstr(s, "programme"), l, sizeof l));
    }
    html_printf(&b, "<dt>%s</dt><dd>%s · ", _("Written by"), jstr(s, "created_by_name"));
    page_when(&b, jstr(s, "created_at"));
    buf_adds(&b, "</dd>");
    if (*jstr(s, "published_month")) {
        html_printf(&b, "<dt>%s</dt><dd id=\"story-month\">", _("Published"));
        month_text(&b, jstr(s, "published_month"));
        buf_adds(&b, "</dd>");
    }
    if (withdrawn) {
        html_printf(&b, "<dt>%s</dt><dd id=\"story-withdrawn\">", _("Withdrawn"));
        page_when(&b, jstr(s, "withdrawn_at"));
        html_printf(&b, " · %s", str_eq(jstr(s, "withdraw_cause"), "consent")
                                     ? _("the client withdrew their consent for evaluation")
                                     : jstr(s, "withdraw_reason"));
        buf_adds(&b, "</dd>");
    }
    buf_adds(&b, "</dl></section>");
    reviews_list(&b, json_object_get(s, "reviews")); /* the reasons first, above what to do about them */
    int consent = json_is_true(json_object_get(s, "consent_ok"));
    if (editable && may_update) {
        json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(s, "version"));
        if (!consent) {
            html_printf(&b, "<p class=\"card notice\" id=\"story-no-consent\">%s", 
                        _("The client has no active consent for evaluation. The story can be submitted for review "
                          "once the client has consented to share it for evaluation."));
            if (access_may(&h->ctx, RES_CONSENT, ACT_CREATE, cid))
                html_printf(&b, " <a href=\"/clients/%D/consents/new\" id=\"story-consent-add\">%s</a>", cid,
                            _("Record their consent for evaluation"));
            buf_adds(&b, "</p>");
        } else
            form_show(h, &b, &form_submit, &(struct form_view){.target = h->id[0], .hidden = hid, .fs = fs});
        json_t *vals = json_pack("{s:s,s:s,s:s,s:O,s:s}", "title", jstr(s, "title"), "body", jstr(s, "body"), "words",
                                 jstr(s, "words"), "domains", json_object_get(s, "domains"), "programme",
                                 jstr(s, "programme"));
        json_t *opts = story_opts();
        form_show(h, &b, &form_edit,
                  &(struct form_view){.target = h->id[0], .hidden = hid, .vals = vals, .opts = opts, .fs = fs,
                                      .open = str_eq(state, "returned")});
        json_decref(vals);
        json_decref(opts);
        json_decref(hid);
    }
    if (str_eq(state, "submitted") && access_may(&h->ctx, RES_STORY, ACT_REVIEW, cid)) {
        if (json_is_true(json_object_get(s, "mine")))
            html_printf(&b, "<p class=\"card notice\" id=\"story-own\">%s</p>",
                        _("You wrote or submitted this story: another supervisor reviews it."));
        else {
            json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(s, "version"));
            json_t *opts = json_pack("{s:[[s,s],[s,s]]}", "decision", "publish", _("Publish it"), "return",
                                     _("Return it to the worker with the note"));
            html_printf(&b, "<h2 class=\"h3\" id=\"review-h\">%s</h2>", _("Review"));
            form_show(h, &b, &form_review, &(struct form_view){.target = h->id[0], .hidden = hid, .opts = opts, .fs = fs});
            json_decref(opts);
            json_decref(hid);
        }
    }
    if (!withdrawn && may_update) {
        json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(s, "version"));
        form_show(h, &b, &form_withdraw, &(struct form_view){.target = h->id[0], .hidden = hid, .fs = fs});
        json_decref(hid);
    }
    json_decref(s);
    page_send(h, status, &b);
}

static void pg_story(struct hreq *h)
{
    story_page(h, 200, NULL);
}

static void pg_story_edit(struct hreq *h)
{
    form_post(h, &form_edit);
}

static void pg_story_submit(struct hreq *h)
{
    form_post(h, &form_submit);
}

static void pg_story_review(struct hreq *h)
{
    form_post(h, &form_review);
}

static void pg_story_withdraw(struct hreq *h)
{
    form_post(h, &form_withdraw);
}

/* ---- the published stories ---- */

static const struct form_field filter_fields[] = {
    ROW(2),
    F("domain", FI_SELECT, N_("Service domain"), 0, .none = N_("Any")),
    F("programme", FI_SELECT, N_("Programme"), 0, .none = N_("Any")),
    ROW_END,
    {0},
};
static const struct form form_filter = {.id = "story-filter",
                                        .pfx = "sf",
                                        .method = "get",
                                        .action = "/stories",
                                        .cls = "card search",
                                        .attrs = " role=\"search\"",
                                        .submit = N_("Show"),
                                        .fields = filter_fields};

static void pg_stories(struct hreq *h)
{
    const char *domain = qstr(h, "domain"), *programme = qstr(h, "programme");
    json_t *env = NULL;
    int rc = story_published(&h->ctx, domain, programme, &(struct page){qstr(h, "after"), 20}, &env);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Success stories"));
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1>", _("Success stories"));
    if (access_may(&h->ctx, RES_STORY, ACT_REVIEW, 0))
        html_printf(&b, "<a href=\"/stories/review\" id=\"story-queue-link\">%s</a>", _("Stories waiting for review"));
    html_printf(&b, "</div><p class=\"muted\">%s</p>",
                _("Stories of recovery and community life, shared by clients who consented to it for evaluation. A "
                  "supervisor checked each for anything that could identify the client; no name, record or author "
                  "is shown. A story the client withdraws disappears from here at once."));
    json_t *vals = json_pack("{s:s,s:s}", "domain", domain ? domain : "", "programme", programme ? programme : "");
    json_t *opts = json_pack("{s:o,s:o}", "domain", choice_rows("service domain", service_domains), "programme",
                             choice_rows("programme", programmes));
    form_show(h, &b, &form_filter, &(struct form_view){.vals = vals, .opts = opts});
    json_decref(vals);
    json_decref(opts);
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card\" id=\"stories-none\">%s</p>", _("No published story yet."));
    else
        buf_adds(&b, "<div id=\"published-stories\">");
    size_t i;
    json_t *s;
    json_array_foreach(items, i, s)
    {
        char l[120];
        html_printf(&b, "<article class=\"card story\" data-story-id=\"%D\" aria-labelledby=\"ps-%D\"><h2 id=\"ps-%D\">%s</h2>",
                    page_int(s, "id"), page_int(s, "id"), page_int(s, "id"), jstr(s, "title"));
        story_text(&b, jstr(s, "body"));
        html_printf(&b, "<p class=\"small muted\">%s · %s · %s ", words_label(jstr(s, "words")),
                    ui_vlabel("organisation kind", jstr(s, "org_kind"), l, sizeof l), _("published"));
        month_text(&b, jstr(s, "published_month"));
        html_printf(&b, "</p><ul class=\"tags\" aria-label=\"%s\">", _("Tags"));
        domain_tags(&b, json_object_get(s, "domains"));
        html_printf(&b, "<li class=\"tag programme\">%s</li></ul></article>",
                    ui_vlabel("programme", jstr(s, "programme"), l, sizeof l));
    }
    if (json_array_size(items))
        buf_adds(&b, "</div>");
    char base[200];
    snprintf(base, sizeof base, "/stories?domain=%s&programme=%s&", domain && in_list(service_domains, domain) ? domain : "",
             programme && in_list(programmes, programme) ? programme : "");
    page_more(&b, env, base, _("Older stories"), "stories-more");
    json_decref(env);
    page_send(h, 200, &b);
}

/* ---- the supervisor's queue ---- */

static void pg_story_queue(struct hreq *h)
{
    json_t *env = NULL;
    int rc = story_review_queue(&h->ctx, &(struct page){qstr(h, "after"), 50}, &env);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Stories waiting for review"));
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1><a href=\"/stories\">%s</a></div><p class=\"muted\">%s</p>",
                _("Stories waiting for review"), _("Published stories"),
                _("Stories of your organisation's clients submitted for review, oldest first. Check each for names, "
                  "places, dates and rare details that could identify the client; you do not review a story you wrote."));
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card\" id=\"queue-none\">%s</p>", _("No story is waiting for review."));
    else
        html_printf(&b,
                    "<table class=\"list card\" id=\"story-queue\"><thead><tr><th scope=\"col\">%s</th><th "
                    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Title"), _("Client"), _("Written by"), _("Submitted"));
    size_t i;
    json_t *s;
    json_array_foreach(items, i, s)
    {
        html_printf(&b, "<tr data-story-id=\"%D\"><td data-label=\"%s\"><a href=\"/stories/%D\">%s</a></td><td data-label=\"%s\">",
                    page_int(s, "id"), _("Title"), page_int(s, "id"), jstr(s, "title"), _("Client"));
        page_name(&b, s);
        html_printf(&b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", _("Written by"),
                    jstr(s, "created_by_name"), _("Submitted"));
        page_when(&b, jstr(s, "submitted_at"));
        buf_adds(&b, "</td></tr>");
    }
    if (json_array_size(items))
        buf_adds(&b, "</tbody></table>");
    page_more(&b, env, "/stories/review?", _("More stories"), "queue-more");
    json_decref(env);
    page_send(h, 200, &b);
}

#define A ROLES_ANY
const struct route ui_story_routes[] = {
    {"GET", "/stories", pg_stories, A, 0},
    {"GET", "/stories/review", pg_story_queue, ROLES_STAFF, 0},
    {"GET", "/clients/{id}/stories/new", pg_story_new, ROLES_STAFF, 0},
    {"POST", "/clients/{id}/stories", pg_story_create, ROLES_STAFF, 0},
    {"GET", "/stories/{id}", pg_story, ROLES_STAFF, 0},
    {"POST", "/stories/{id}", pg_story_edit, ROLES_STAFF, 0},
    {"POST", "/stories/{id}/submit", pg_story_submit, ROLES_STAFF, 0},
    {"POST", "/stories/{id}/review", pg_story_review, ROLES_STAFF, 0},
    {"POST", "/stories/{id}/withdraw", pg_story_withdraw, ROLES_STAFF, 0},
    {0},
};
HTTP_ROUTES(ui_story_routes, "ui-17-stories");
