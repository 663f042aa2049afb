/* pages_assess: administering an instrument (a keyboard-friendly form drawn from its definition:
 * one fieldset of labelled radio buttons per question, skip logic as a note, the server
 * validating), one assessment with its answers, and the assessments on the client page: the
 * latest scores, the result just scored, and a trajectory per instrument drawn as inline SVG. */
#include "core/instrument.h"
#include "ui/pages.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading a definition ---- */

/* The date of an ISO time ("2026-11-22"), in out. */
static const char *day(const char *iso, char out[11])
{
    snprintf(out, 11, "%s", iso ? iso : "");
    return out;
}

static json_t *item_of(const json_t *def, const char *id, int *num)
{
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(def, "items"), i, it) if (str_eq(jstr(it, "id"), id))
    {
        if (num)
            *num = (int)i + 1;
        return it;
    }
    return NULL;
}

/* The text a question is asked with: the organisation's official wording, else our label. */
static const char *item_text(json_t *it)
{
    return *jstr(it, "text") ? jstr(it, "text") : jstr(it, "label");
}

/* An option's value as a form value ("1", "0", "true"). */
static void opt_value(json_t *o, char *out, size_t len)
{
    json_t *v = json_object_get(o, "value");
    if (json_is_integer(v))
        snprintf(out, len, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(out, len, "%g", json_real_value(v));
    else if (json_is_boolean(v))
        snprintf(out, len, "%s", json_is_true(v) ? "true" : "false");
    else
        snprintf(out, len, "%s", json_string_value(v) ? json_string_value(v) : "");
}

static json_t *option_of(json_t *it, double v)
{
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(it, "options"), i, o)
    {
        json_t *x = json_object_get(o, "value");
        double d = json_is_boolean(x) ? json_is_true(x) : json_number_value(x);
        if (d == v)
            return o;
    }
    return NULL;
}

static const char *opt_text(json_t *o)
{
    return *jstr(o, "text") ? jstr(o, "text") : jstr(o, "label");
}

static void cond_text(struct buf *b, json_t *c, const json_t *def);

/* Several questions with the same test, in words: "any of questions 1–9 is above “Not at all”".
 * 0 when the list is not like that. */
static int same_test(json_t *list, const json_t *def, struct buf *b, int all)
{
    size_t n = json_array_size(list), i;
    json_t *e, *first = json_array_get(list, 0);
    if (n < 3)
        return 0;
    int nums[64], k = 0;
    json_array_foreach(list, i, e)
    {
        if (json_object_size(e) != 2 || !json_object_get(e, "item") || k == 64)
            return 0;
        const char *key;
        json_t *v;
        json_object_foreach(e, key, v) if (!str_eq(key, "item") &&
                                           !json_equal(v, json_object_get(first, key))) return 0;
        json_object_foreach(first, key, v) if (!json_object_get(e, key)) return 0;
        if (!item_of(def, jstr(e, "item"), &nums[k++]))
            return 0;
    }
    int run = 1;
    for (int j = 1; j < k; j++)
        run &= nums[j] == nums[j - 1] + 1;
    html_printf(b, "%s ", all ? _("all of questions") : _("any of questions"));
    if (run)
        html_printf(b, "%d–%d", nums[0], nums[k - 1]);
    else
        for (int j = 0; j < k; j++)
            html_printf(b, "%s%d", j ? ", " : "", nums[j]);
    /* The test itself, worded as for one question, without its "question N". */
    struct buf one;
    buf_init(&one);
    cond_text(&one, first, def);
    const char *p = one.data ? strchr(one.data, ' ') : NULL;
    p = p ? strchr(p + 1, ' ') : NULL;
    if (p)
        buf_adds(b, p);
    buf_free(&one);
    return 1;
}

/* A skip condition in words: "question 2 is “Yes”". */
static void cond_text(struct buf *b, json_t *c, const json_t *def)
{
    json_t *x;
    size_t i;
    if ((x = json_object_get(c, "all")) || (x = json_object_get(c, "any"))) {
        if (same_test(x, def, b, json_object_get(c, "all") != NULL))
            return;
        const char *join = json_object_get(c, "all") ? _(" and ") : _(" or ");
        json_t *e;
        json_array_foreach(x, i, e)
        {
            int group = json_object_get(e, "all") || json_object_get(e, "any");
            html_printf(b, "%s%s", i ? join : "", group ? "(" : "");
            cond_text(b, e, def);
            if (group)
                buf_adds(b, ")");
        }
        return;
    }
    if ((x = json_object_get(c, "not"))) {
        html_printf(b, "%s (", _("not"));
        cond_text(b, x, def);
        buf_adds(b, ")");
        return;
    }
    const char *id = jstr(c, "item");
    int num = 0;
    json_t *it = item_of(def, id, &num);
    if (!it) {
        html_esc(b, id);
        return;
    }
    html_printf(b, "%s %d ", _("question"), num);
    static const struct {
        const char *op, *words;
    } ops[] = {{"eq", N_("is")},          {"ne", N_("is not")},   {"gt", N_("is above")},
               {"ge", N_("is at least")}, {"lt", N_("is below")}, {"le", N_("is at most")}};
    const char *k;
    json_object_foreach(c, k, x)
    {
        if (str_eq(k, "item"))
            continue;
        if (str_eq(k, "missing")) {
            html_printf(b, "%s", json_is_true(x) ? _("is unanswered") : _("is answered"));
            return;
        }
        for (size_t j = 0; j < ARRAY_LEN(ops); j++)
            if (str_eq(k, ops[j].op)) {
                json_t *o = option_of(it, json_number_value(x));
                if (o)
                    html_printf(b, "%s “%s”", _(ops[j].words), opt_text(o));
                else {
                    char num[32];
                    snprintf(num, sizeof num, "%g", json_number_value(x));
                    html_printf(b, "%s %s", _(ops[j].words), num);
                }
                return;
            }
    }
}

/* ---- the form ---- */

/* The questions of the instrument (v->user), one fieldset of radio buttons each: answers "a_<item>",
 * radio ids "a-<item>-<n>". */
static void answers_draw(struct form_view *v, const struct form_field *fd)
{
    (void)fd;
    const struct instrument *ins = v->user;
    const json_t *def = instrument_def_in(ins, i18n_current());
    size_t i, j;
    json_t *it, *o;
    json_array_foreach(json_object_get(def, "items"), i, it)
    {
        const char *id = jstr(it, "id"), *err = jstr(v->errs, id);
        char name[48];
        snprintf(name, sizeof name, "a_%s", id);
        const char *cur = jstr(v->vals, name);
        json_t *aw = json_object_get(it, "ask_when");
        int optional = aw || json_is_true(json_object_get(it, "optional"));
        html_printf(
            v->b,
            "<fieldset class=\"item%r\" id=\"item-%s\" tabindex=\"-1\"%r><legend><span class=\"num\">%d."
            "</span> %s</legend>",
            *err ? " has-error" : "", id, aw ? " data-skip=\"1\"" : "", (int)i + 1, item_text(it));
        if (*jstr(it, "text") && !str_eq(jstr(it, "text"), jstr(it, "label")))
            html_printf(v->b, "<p class=\"muted small\">%s</p>", jstr(it, "label"));
        if (aw) {
            html_printf(v->b, "<p class=\"skip-note\">%s ", _("Ask only when"));
            cond_text(v->b, aw, def);
            html_printf(v->b, ". %s</p>", _("Otherwise leave it as “not asked”."));
        }
        if (*jstr(it, "recall") && !str_eq(jstr(it, "recall"), jstr((json_t *)def, "recall")))
            html_printf(v->b, "<p class=\"muted small\">%s %s</p>", _("Time frame:"), jstr(it, "recall"));
        if (json_is_false(json_object_get(it, "scored")))
            html_printf(v->b, "<p class=\"muted small\">%s</p>", _("Recorded, not scored."));
        if (*jstr(it, "comment"))
            html_printf(v->b, "<p class=\"muted small\">%s</p>", jstr(it, "comment"));
        if (*err)
            html_printf(v->b, "<p class=\"field-error\" id=\"e-%s\">%s</p>", id, err);
        buf_adds(v->b, "<div class=\"options\">");
        int show = json_array_size(json_object_get(it, "options")) > 2; /* the points, except for yes/no */
        json_array_foreach(json_object_get(it, "options"), j, o)
        {
            char ov[32];
            opt_value(o, ov, sizeof ov);
            html_printf(
                v->b,
                "<div class=\"opt\"><input type=\"radio\" id=\"a-%s-%d\" name=\"%s\" value=\"%s\"%r%r>"
                "<label for=\"a-%s-%d\">%s",
                id, (int)j, name, ov, str_eq(cur, ov) ? " checked" : "", *err ? " aria-invalid=\"true\"" : "",
                id, (int)j, opt_text(o));
            if (show)
                html_printf(v->b, " <span class=\"val\">%s</span>", ov);
            buf_adds(v->b, "</label></div>");
        }
        if (optional)
            html_printf(
                v->b,
                "<div class=\"opt none\"><input type=\"radio\" id=\"a-%s-n\" name=\"%s\" value=\"\"%r>"
                "<label for=\"a-%s-n\">%s</label></div>",
                id, name, !*cur ? " checked" : "", id, aw ? _("Not asked") : _("No answer"));
        buf_adds(v->b, "</div></fieldset>");
    }
}

/* The answers from the form, each as the definition's own value (so yes/no stays what it is). */
static void answers_parse(struct hreq *h, const struct form_field *fd, json_t *in)
{
    (void)fd;
    const char *iid = fstr(h, "instrument");
    const struct instrument *ins = iid ? instrument_find(iid) : NULL;
    json_t *answers = json_object();
    size_t i, j;
    json_t *it, *o;
    json_array_foreach(ins ? json_object_get(instrument_def_in(ins, i18n_current()), "items") : NULL, i, it)
    {
        char name[48];
        snprintf(name, sizeof name, "a_%s", jstr(it, "id"));
        const char *v = fstr(h, name);
        if (!v || !*v)
            continue;
        json_t *val = json_string(v);
        json_array_foreach(json_object_get(it, "options"), j, o)
        {
            char ov[32];
            opt_value(o, ov, sizeof ov);
            if (str_eq(ov, v)) {
                json_decref(val);
                val = json_deep_copy(json_object_get(o, "value"));
                break;
            }
        }
        json_object_set_new(answers, jstr(it, "id"), val);
    }
    json_object_set_new(in, "answers", answers);
}

/* "Save without a total", for instruments that allow it. */
static const struct form_field incomplete_field = F("incomplete", FI_CHECK,
                                                    N_("Some questions stay unanswered: save without a total "
                                                       "(triggers on the answers given still raise flags)"),
                                                    0);
static void incomplete_draw(struct form_view *v, const struct form_field *fd)
{
    (void)fd;
    if (json_is_true(json_object_get(instrument_def_in(v->user, i18n_current()), "save_incomplete")))
        form_field_draw(v, &incomplete_field);
}
static void incomplete_parse(struct hreq *h, const struct form_field *fd, json_t *in)
{
    (void)fd;
    if (str_eq(fstr(h, "incomplete"), "1"))
        json_object_set_new(in, "incomplete", json_true());
}

static void assess_again(struct hreq *h, int status, const struct fstate *fs);
static const struct form_field assess_fields[] = {
    F("instrument", FI_HIDDEN, NULL, FF_IN),
    F("wording", FI_HIDDEN, NULL, FF_IN), /* the wording the form showed, recorded with the result */
    F("answers", FI_CUSTOM, NULL, 0, .draw = answers_draw, .parse = answers_parse),
    F("administered_at", FI_DATETIME, N_("When it was done"), FF_OMIT),
    F("incomplete", FI_CUSTOM, NULL, 0, .draw = incomplete_draw, .parse = incomplete_parse),
    {0},
};
static const struct form form_assess = {.id = "assess-form",
                                        .action = "/clients/{id}/assessments",
                                        .cls = "card assess",
                                        .submit = N_("Score and save"),
                                        .button = "primary",
                                        .flash = "assessed",
                                        .done = "/clients/{id}?assessment={r.id}#assessment-result",
                                        .cancel = "/clients/{id}",
                                        .fields = assess_fields,
                                        .create = assessment_create,
                                        .page = assess_again,
                                        .flags = FORM_CLIENT_PATH};

/* Which wording the questions are (were) asked in: ours in a language, or an organisation's validated
 * translation (its source and copyright line). */
static void wording_note(struct buf *b, const struct instrument *ins, const char *wording)
{
    const char *lang = ins ? instrument_wording_language(ins, wording) : NULL;
    const json_t *d = lang ? instrument_def_in(ins, lang) : NULL;
    html_printf(b, "<p class=\"muted small wording\" id=\"wording\">%s ", _("Wording:"));
    if (!wording || !*wording)
        html_printf(b, "%s", _("not recorded"));
    else if (d && *jstr((json_t *)d, "wording_source"))
        html_printf(b, "%s (<code>%s</code>)", jstr((json_t *)d, "wording_source"), wording);
    else if (str_eq(lang, "ko"))
        html_printf(b, "%s (<code>%s</code>)", _("Hearth's own Korean wording"), wording);
    else if (lang)
        html_printf(b, "%s (<code>%s</code>)", _("Hearth's own English wording"), wording);
    else
        html_printf(b, "<code>%s</code>", wording);
    buf_adds(b, "</p>");
    if (d && *jstr((json_t *)d, "wording_copyright"))
        html_printf(b, "<p class=\"muted small copyright\">%s</p>", jstr((json_t *)d, "wording_copyright"));
}

static void assess_form(struct hreq *h, int status, json_t *c, const struct instrument *ins, json_t *vals,
                        const struct fstate *fs)
{
    const json_t *def = instrument_def_in(ins, i18n_current());
    json_t *errs = fs ? fs->errs : NULL;
    const char *msg = fs ? fs->msg : NULL;
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, jstr((json_t *)def, "name"));
    page_client_head(h, &b, c, jstr((json_t *)def, "name"));
    page_flash(h, &b);
    if (errs || (msg && *msg)) {
        html_printf(&b, "<div class=\"alert\" role=\"alert\" id=\"assess-errors\"><p>%s</p>",
                    msg && *msg ? msg : _("Please correct the questions marked below."));
        if (json_object_size(errs)) {
            buf_adds(&b, "<ul>");
            const char *k;
            json_t *v;
            json_object_foreach(errs, k, v)
            {
                int num = 0;
                json_t *it = item_of(def, k, &num);
                if (it)
                    html_printf(&b, "<li><a href=\"#item-%s\">%s %d</a> (%s): %s</li>", k, _("Question"), num,
                                jstr(it, "label"), json_string_value(v));
                else
                    html_printf(&b, "<li><a href=\"#f-%s\">%s</a>: %s</li>", k, k, json_string_value(v));
            }
            buf_adds(&b, "</ul>");
        }
        buf_adds(&b, "</div>");
    }
    if (*jstr((json_t *)def, "recall"))
        html_printf(&b, "<p class=\"recall\"><strong>%s</strong> %s</p>", _("Time frame:"),
                    jstr((json_t *)def, "recall"));
    /* the wording shown: again the one the form was first shown in when it comes back with errors */
    const char *wording = jstr(vals, "wording");
    if (!instrument_wording_language(ins, wording))
        wording = instrument_wording(ins, i18n_current());
    json_t *hid = json_pack("{s:s,s:s}", "instrument", instrument_id(ins), "wording", wording);
    form_show(h, &b, &form_assess,
              &(struct form_view){
                  .target = page_int(c, "id"), .vals = vals, .hidden = hid, .fs = fs, .user = (void *)ins});
    json_decref(hid);
    json_t *lic = json_object_get(def, "licence");
    if (*jstr(lic, "copyright"))
        html_printf(&b, "<p class=\"muted small copyright\">%s</p>", jstr(lic, "copyright"));
    wording_note(&b, ins, wording);
    page_send(h, status, &b);
}

static void chooser(struct hreq *h, json_t *c)
{
    int64_t cid = page_int(c, "id");
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Administer an instrument"));
    page_client_head(h, &b, c, _("Administer an instrument"));
    json_t *all = instruments_list();
    buf_adds(&b, "<ul class=\"plain links instruments card\" id=\"instruments\">");
    size_t i;
    json_t *d;
    json_array_foreach(all, i, d)
    {
        /* only the instruments the worker's role may administer (their "administered_by") */
        if (!instrument_may_administer(instrument_find(jstr(d, "id")), h->ctx.a->role))
            continue;
        html_printf(
            &b,
            "<li><a href=\"/clients/%D/assessments/new?instrument=%u\">%s</a> <span class=\"muted small\">",
            cid, jstr(d, "id"), jstr(d, "name"));
        html_printf(&b, "%d %s", (int)json_array_size(json_object_get(d, "items")), _("questions"));
        if (*jstr(d, "recall"))
            html_printf(&b, " · %s", jstr(d, "recall"));
        buf_adds(&b, "</span></li>");
    }
    buf_adds(&b, "</ul>");
    json_decref(all);
    page_send(h, 200, &b);
}

void pg_assess_new(struct hreq *h)
{
    char here[96];
    const char *iid = qstr(h, "instrument");
    snprintf(here, sizeof here, "/clients/%lld/assessments/new", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    const struct instrument *ins = iid && *iid ? instrument_find(iid) : NULL;
    if (!ins || !instrument_may_administer(ins, h->ctx.a->role)) { /* one the role may not: the choice */
        chooser(h, c);
    } else {
        char now[20];
        page_local_now(now);
        json_t *vals = json_pack("{s:s}", "administered_at", now);
        assess_form(h, 200, c, ins, vals, NULL);
        json_decref(vals);
    }
    json_decref(c);
}

static void assess_again(struct hreq *h, int status, const struct fstate *fs)
{
    char loc[96];
    snprintf(loc, sizeof loc, "/clients/%lld/assessments/new", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], loc);
    const struct instrument *ins = instrument_find(jstr(fs->vals, "instrument"));
    if (c && ins)
        assess_form(h, status, c, ins, fs->vals, fs);
    else if (c)
        reply_problem(h, 400, _("Unknown instrument"), fs->msg, NULL);
    json_decref(c);
}

void pg_assess_create(struct hreq *h)
{
    form_post(h, &form_assess);
}

/* ---- one assessment ---- */

static void score_line(struct buf *b, json_t *a)
{
    json_t *t = json_object_get(a, "total");
    if (json_is_number(t)) {
        char num[32];
        snprintf(num, sizeof num, "%g", json_number_value(t));
        html_printf(b, "<span class=\"score\">%s</span>", num);
    }
    if (*jstr(a, "band_label"))
        html_printf(b, " <span class=\"band\">%s</span>", jstr(a, "band_label"));
    if (!json_is_number(t) && !*jstr(a, "band_label"))
        html_printf(b, "<span class=\"muted\">%s</span>", _("no total (incomplete)"));
}

static void flags_raised(struct buf *b, json_t *a)
{
    json_t *flags = json_object_get(a, "flags");
    if (!json_array_size(flags))
        return;
    int suicide_high = 0, screen = 0;
    html_printf(b, "<p class=\"raised\"><strong>%s</strong> ", _("Flags raised:"));
    size_t i;
    json_t *f;
    json_array_foreach(flags, i, f)
    {
        char kl[80], ll[40];
        html_printf(b, "%s<span class=\"badge lvl-%s\">%s %s</span>", i ? " " : "", jstr(f, "level"),
                    ui_vlabel("flag kind", jstr(f, "kind"), kl, sizeof kl), ui_vlabel("risk level", jstr(f, "level"), ll, sizeof ll));
        suicide_high |= str_eq(jstr(f, "kind"), "suicide_risk") && str_eq(jstr(f, "level"), "high");
        screen |= str_eq(jstr(f, "kind"), "suicide_screen_needed");
    }
    buf_adds(b, "</p>");
    if (screen)
        html_printf(b, "<p>%s</p>",
                    _("The case manager has a new task: complete a suicide risk screen (C-SSRS) within 24 "
                      "hours. Its result sets the risk level."));
    if (suicide_high)
        html_printf(
            b, "<p>%s</p>",
            _("The case manager has two new tasks: contact the client within 24 hours, and review the safety "
              "plan."));
}

static void result_body(struct buf *b, json_t *a)
{
    json_t *res = json_object_get(a, "result");
    html_printf(b, "<p class=\"result-score\">");
    score_line(b, a);
    json_t *range = NULL;
    const struct instrument *ins = instrument_find(jstr(a, "instrument"));
    if (ins)
        range = json_object_get(instrument_def_in(ins, i18n_current()), "range");
    if (json_is_number(json_object_get(a, "total")) && json_array_size(range) == 2) {
        char r[64];
        snprintf(r, sizeof r, "%g–%g", json_number_value(json_array_get(range, 0)),
                 json_number_value(json_array_get(range, 1)));
        html_printf(b, " <span class=\"muted small\">(%s %s)</span>", _("range"), r);
    }
    buf_adds(b, "</p>");
    if (*jstr(res, "advice"))
        html_printf(b, "<p>%s</p>", jstr(res, "advice"));
    json_t *iv = json_object_get(res, "intervention"); /* AUDIT's WHO rule: the zone stays the total's */
    if (json_is_true(json_object_get(iv, "raised")))
        html_printf(b, "<p class=\"intervention\" id=\"intervention\"><strong>%s</strong> %s. %s "
                       "<span class=\"small muted\">%s</span></p>",
                    _("Intervention raised to:"), jstr(iv, "label"), jstr(iv, "advice"), jstr(iv, "reason"));
    json_t *cut = json_object_get(json_object_get(res, "settings"), "phq2_threshold");
    if (json_is_integer(cut))
        html_printf(b, "<p class=\"small\">%s %D</p>", _("Positive from (the organisation's cut-off):"),
                    (int64_t)json_integer_value(cut));
    if (json_is_true(json_object_get(res, "prorated")))
        html_printf(b, "<p class=\"small\">%s</p>",
                    _("Prorated: some questions were unanswered, as the instrument allows."));
    json_t *missing = json_object_get(res, "missing");
    if (json_array_size(missing)) {
        html_printf(b, "<p class=\"small\">%s ", _("Unanswered:"));
        size_t i;
        json_t *m;
        json_array_foreach(missing, i, m) html_printf(b, "%s%s", i ? ", " : "", json_string_value(m));
        buf_adds(b, "</p>");
    }
    const char *k;
    json_t *d;
    json_object_foreach(json_object_get(res, "derived"), k, d)
    {
        html_printf(b, "<p class=\"small\">%s: <strong>%D</strong>", jstr(d, "label"), page_int(d, "score"));
        if (*jstr(d, "band_label"))
            html_printf(b, " · %s", jstr(d, "band_label"));
        buf_adds(b, "</p>");
    }
    flags_raised(b, a);
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(res, "remarks"), i, r)
        html_printf(b, "<p class=\"remark small\">%s</p>", jstr(r, "text"));
}

void pg_assessment(struct hreq *h)
{
    json_t *a = NULL;
    int rc = assessment_get(&h->ctx, h->id[0], &a);
    if (rc != OK) {
        page_client_error(h, rc);
        return;
    }
    char here[48];
    snprintf(here, sizeof here, "/assessments/%lld", (long long)h->id[0]);
    json_t *c = page_client_sub(h, page_int(a, "client_id"), here);
    if (!c) {
        json_decref(a);
        return;
    }
    const struct instrument *ins = instrument_find(jstr(a, "instrument"));
    const json_t *def = ins ? instrument_def_in(ins, i18n_current()) : NULL;
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, jstr(a, "instrument_name"));
    page_client_head(h, &b, c, jstr(a, "instrument_name"));
    html_printf(&b, "<section class=\"card\" id=\"assessment\"><p class=\"muted\">");
    page_when(&b, jstr(a, "administered_at"));
    html_printf(&b, " · %s · %s %s", jstr(a, "staff_name"), _("definition version"),
                jstr(a, "instrument_version"));
    if (def && !str_eq(jstr((json_t *)def, "version"), jstr(a, "instrument_version")))
        html_printf(&b, " <span class=\"badge\">%s</span>", _("scored under an earlier definition"));
    buf_adds(&b, "</p>");
    wording_note(&b, ins, jstr(a, "wording"));
    result_body(&b, a);
    html_printf(
        &b,
        "</section><section class=\"card\" aria-labelledby=\"ans-h\"><h2 id=\"ans-h\">%s</h2><table "
        "class=\"list\" id=\"answers\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
        "</thead><tbody>",
        _("Answers"), _("Question"), _("Answer"));
    json_t *answers = json_object_get(a, "answers"),
           *skipped = json_object_get(json_object_get(a, "result"), "skipped");
    size_t i;
    json_t *it;
    json_array_foreach(def ? json_object_get(def, "items") : NULL, i, it)
    {
        const char *id = jstr(it, "id");
        json_t *v = json_object_get(answers, id);
        html_printf(&b, "<tr><td data-label=\"%s\">%d. %s</td><td data-label=\"%s\">", _("Question"),
                    (int)i + 1, jstr(it, "label"), _("Answer"));
        if (v && !json_is_null(v)) {
            double d = json_is_boolean(v)  ? json_is_true(v)
                       : json_is_string(v) ? atof(json_string_value(v))
                                           : json_number_value(v);
            json_t *o = option_of(it, d);
            char num[32];
            snprintf(num, sizeof num, "%g", d);
            html_printf(&b, "%s <span class=\"muted small\">(%s)</span>", o ? opt_text(o) : num, num);
        } else {
            html_printf(&b, "<span class=\"muted\">%s</span>",
                        json_object_get(skipped, id) ? _("not asked") : _("unanswered"));
        }
        buf_adds(&b, "</td></tr>");
    }
    buf_adds(&b, "</tbody></table>");
    json_t *lic = def ? json_object_get(def, "licence") : NULL;
    if (*jstr(lic, "copyright"))
        html_printf(&b, "<p class=\"muted small copyright\">%s</p>", jstr(lic, "copyright"));
    buf_adds(&b, "</section>");
    json_decref(a);
    json_decref(c);
    page_send(h, 200, &b);
}

/* ---- the trajectory chart ---- */

#define CW 354.0 /* the drawing's coordinate box: the plot, band labels on its right, dates below */
#define CH 196.0
#define PL 28.0
#define PR 250.0
#define PT 8.0
#define PB 170.0

static double ymap(double v, double lo, double hi)
{
    return PB - (v - lo) / (hi - lo) * (PB - PT);
}

/* The bands for this client: bands, or bands_by_sex for their sex. */
static json_t *bands_for(json_t *tr, json_t *client)
{
    json_t *bands = json_object_get(tr, "bands");
    json_t *bysex = json_object_get(tr, "bands_by_sex");
    if (!bands && bysex) {
        const char *sex = jstr(client, "sex");
        bands = json_object_get(bysex, str_eq(sex, "female") || str_eq(sex, "male") ? sex : "other");
    }
    return bands;
}

static void chart(struct buf *b, json_t *tr, json_t *client)
{
    json_t *points = json_object_get(tr, "points"), *range = json_object_get(tr, "range");
    json_t *bands = bands_for(tr, client);
    const char *iid = jstr(tr, "instrument");
    double lo = json_number_value(json_array_get(range, 0)), hi = json_number_value(json_array_get(range, 1));
    int64_t t0 = -1, t1 = -1;
    int n = 0, whole = 1;
    char dd[11];
    size_t i;
    json_t *p;
    json_array_foreach(points, i, p)
    {
        json_t *t = json_object_get(p, "total");
        if (!json_is_number(t))
            continue;
        double v = json_number_value(t);
        if (json_array_size(range) != 2 && !n)
            lo = hi = v;
        if (v < lo)
            lo = v;
        if (v > hi)
            hi = v;
        int64_t at = iso_parse(jstr(p, "administered_at"));
        if (t0 < 0 || at < t0)
            t0 = at;
        if (at > t1)
            t1 = at;
        n++;
    }
    if (!n)
        return;
    if (hi <= lo)
        hi = lo + 1;
    json_t *bd;
    json_array_foreach(bands, i, bd) whole &=
        json_number_value(json_object_get(bd, "min")) == floor(json_number_value(json_object_get(bd, "min")));
    double half = whole && json_array_size(range) == 2 ? 0.5 : 0;
    char title[64];
    snprintf(title, sizeof title, "chart-%s", iid);
    html_printf(b,
                "<figure class=\"chart\"><svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-t\" "
                "xmlns=\"http://www.w3.org/2000/svg\" focusable=\"false\"><title id=\"%s-t\">%s: %s</title>",
                (int)CW, (int)CH, title, title, jstr(tr, "name"), _("scores over time"));
    /* Bands, shaded from the least to the most severe. */
    size_t nb = json_array_size(bands);
    int better = json_is_true(json_object_get(tr, "higher_is_better"));
    json_array_foreach(bands, i, bd)
    {
        double a = json_number_value(json_object_get(bd, "min")) - (i ? half : 0);
        double z =
            i + 1 < nb ? json_number_value(json_object_get(json_array_get(bands, i + 1), "min")) - half : hi;
        if (a < lo)
            a = lo;
        if (z > hi)
            z = hi;
        if (z <= a)
            continue;
        int sev =
            nb > 1 ? (int)lround((better ? (double)(nb - 1 - i) : (double)i) * 4.0 / (double)(nb - 1)) : 0;
        double ya = ymap(a, lo, hi), yz = ymap(z, lo, hi);
        buf_printf(b, "<rect class=\"band sev-%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                   sev, PL, yz, PR - PL, ya - yz);
        if (ya - yz >= 9) {
            buf_printf(b, "<text class=\"band-label\" x=\"%.1f\" y=\"%.1f\">", PR + 4, (ya + yz) / 2 + 3.5);
            html_esc(b, jstr(bd, "label"));
            buf_adds(b, "</text>");
        }
    }
    /* Axes: the value at each band's start, and the range. */
    buf_printf(b, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", PL, PT, PL, PB);
    buf_printf(b, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", PL, PB, PR, PB);
    double last_tick = 1e18;
    for (size_t k = 0; k <= nb; k++) {
        double v = k < nb ? json_number_value(json_object_get(json_array_get(bands, k), "min")) : hi;
        if (k == 0 && (!nb || v > lo))
            v = lo;
        double y = ymap(v, lo, hi);
        if (v < lo || v > hi || fabs(last_tick - y) < 11)
            continue;
        last_tick = y;
        buf_printf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%g</text>", PL - 4, y + 3.5, v);
    }
    if (!nb) {
        buf_printf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%g</text>", PL - 4, PB + 3.5, lo);
        buf_printf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%g</text>", PL - 4, PT + 3.5, hi);
    }
    /* Time: the first and the last date. Scores within two days of each other are spaced evenly. */
    double span = t1 > t0 ? (double)(t1 - t0) : 0;
    int by_order = span < 2 * 86400 && n > 1, k_pt = 0;
    char d0[11], d1[11];
    snprintf(d0, sizeof d0, "%.10s", "");
    json_array_foreach(points, i, p) if (json_is_number(json_object_get(p, "total")))
    {
        snprintf(d0, sizeof d0, "%.10s", jstr(p, "administered_at"));
        break;
    }
    snprintf(d1, sizeof d1, "%s", d0);
    json_array_foreach(points, i, p) if (json_is_number(json_object_get(p, "total")))
        snprintf(d1, sizeof d1, "%.10s", jstr(p, "administered_at"));
    buf_printf(b, "<text class=\"date-label\" x=\"%.1f\" y=\"%.1f\">", span ? PL + 8 : (PL + PR) / 2,
               PB + 16);
    html_esc(b, d0);
    buf_adds(b, "</text>");
    if (span) {
        buf_printf(b, "<text class=\"date-label end\" x=\"%.1f\" y=\"%.1f\">", PR - 8, PB + 16);
        html_esc(b, d1);
        buf_adds(b, "</text>");
    }
    /* The line, the points, the change markers. */
    struct buf line;
    buf_init(&line);
    buf_adds(&line, "");
    k_pt = 0;
    json_array_foreach(points, i, p)
    {
        json_t *t = json_object_get(p, "total");
        if (!json_is_number(t))
            continue;
        double x = by_order ? PL + 8 + (double)k_pt / (n - 1) * (PR - PL - 16)
                   : span
                       ? PL + 8 + (double)(iso_parse(jstr(p, "administered_at")) - t0) / span * (PR - PL - 16)
                       : (PL + PR) / 2;
        k_pt++;
        buf_printf(&line, "%s%.1f,%.1f", line.len ? " " : "", x, ymap(json_number_value(t), lo, hi));
    }
    if (n > 1)
        buf_printf(b, "<polyline class=\"trend\" points=\"%s\"/>", line.data);
    buf_free(&line);
    k_pt = 0;
    json_array_foreach(points, i, p)
    {
        json_t *t = json_object_get(p, "total");
        if (!json_is_number(t))
            continue;
        double x = by_order ? PL + 8 + (double)k_pt / (n - 1) * (PR - PL - 16)
                   : span
                       ? PL + 8 + (double)(iso_parse(jstr(p, "administered_at")) - t0) / span * (PR - PL - 16)
                       : (PL + PR) / 2;
        k_pt++;
        double y = ymap(json_number_value(t), lo, hi);
        int marked = json_array_size(json_object_get(p, "markers")) > 0;
        buf_adds(b, "<g class=\"pt\">");
        if (marked)
            buf_printf(b, "<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"8\"/>", x, y);
        buf_printf(b, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/><title>", x, y);
        char num[32];
        snprintf(num, sizeof num, "%g", json_number_value(t));
        char dd[11];
        html_printf(b, "%s: %s %s", day(jstr(p, "administered_at"), dd), num, jstr(p, "band_label"));
        size_t k;
        json_t *m;
        json_array_foreach(json_object_get(p, "markers"), k, m)
        {
            size_t q;
            json_t *c;
            json_array_foreach(json_object_get(tr, "change"), q,
                               c) if (json_equal(json_object_get(c, "id"), m))
                html_printf(b, " · %s", jstr(c, "label"));
        }
        buf_adds(b, "</title></g>");
    }
    buf_adds(b, "</svg>");
    /* The legend of change markers, then the same data as a table. */
    json_t *markers = json_object_get(tr, "markers");
    if (json_array_size(markers)) {
        html_printf(b, "<figcaption><ul class=\"markers\">");
        json_t *m;
        json_array_foreach(markers, i, m) html_printf(
            b,
            "<li><span class=\"mark-key\" aria-hidden=\"true\"></span>%s <span class=\"muted\">(%s %s)"
            "</span></li>",
            jstr(m, "label"), _("first on"), day(jstr(m, "first_at"), dd));
        buf_adds(b, "</ul></figcaption>");
    }
    html_printf(b,
                "<details class=\"chart-data\"><summary>%s</summary><table class=\"list\"><thead><tr><th "
                "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Scores as a table"), _("Date"), _("Score"), _("Change"));
    json_array_foreach(points, i, p)
    {
        html_printf(b,
                    "<tr><td data-label=\"%s\"><a href=\"/assessments/%D\">%s</a></td><td data-label=\"%s\">",
                    _("Date"), page_int(p, "id"), day(jstr(p, "administered_at"), dd), _("Score"));
        score_line(b, p);
        html_printf(b, "</td><td data-label=\"%s\">", _("Change"));
        size_t k;
        json_t *m;
        json_array_foreach(json_object_get(p, "markers"), k, m)
        {
            size_t q;
            json_t *c;
            json_array_foreach(json_object_get(tr, "change"), q,
                               c) if (json_equal(json_object_get(c, "id"), m))
                html_printf(b, "%s<span class=\"tag\">%s</span>", k ? " " : "", jstr(c, "label"));
        }
        buf_adds(b, "</td></tr>");
    }
    buf_adds(b, "</tbody></table></details></figure>");
}

/* Triage instruments (no total): the levels over time as a list. */
static void level_list(struct buf *b, json_t *tr)
{
    buf_adds(b, "<ul class=\"plain levels\">");
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(tr, "points"), i, p)
    {
        char dd[11];
        html_printf(b, "<li><a href=\"/assessments/%D\">%s</a> <span class=\"badge band-%s\">%s</span></li>",
                    page_int(p, "id"), day(jstr(p, "administered_at"), dd), jstr(p, "band"),
                    *jstr(p, "band_label") ? jstr(p, "band_label") : jstr(p, "band"));
    }
    buf_adds(b, "</ul>");
}

/* ---- on the client page ---- */

void assess_result(struct hreq *h, struct buf *b, json_t *client)
{
    int64_t id = 0;
    if (!str_eq(qstr(h, "msg"), "assessed") || !qstr(h, "assessment") ||
        parse_int64(qstr(h, "assessment"), &id) != 0)
        return;
    json_t *a = NULL;
    if (assessment_get(&h->ctx, id, &a) != OK) {
        h->ctx.msg[0] = 0;
        return;
    }
    if (page_int(a, "client_id") == page_int(client, "id")) {
        html_printf(b,
                    "<section class=\"card result\" id=\"assessment-result\" aria-labelledby=\"ar-h\"><h2 "
                    "id=\"ar-h\">%s: %s</h2>",
                    _("Result"), jstr(a, "instrument_name"));
        result_body(b, a);
        html_printf(b, "<p class=\"small\"><a href=\"/assessments/%D\">%s</a></p></section>", id,
                    _("The answers"));
    }
    json_decref(a);
}

static void assess_client_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    (void)fs;
    int64_t cid = page_int(client, "id");
    json_t *acc = json_object_get(client, "access");
    if (!json_is_true(json_object_get(acc, "notes")) || !access_may(&h->ctx, RES_ASSESSMENT, ACT_LIST, cid))
        return;
    html_printf(
        b,
        "<section class=\"card\" id=\"assessments\" aria-labelledby=\"as-h\"><div class=\"section-head\"><h2 "
        "id=\"as-h\">%s</h2>",
        _("Assessments"));
    if (json_is_true(json_object_get(acc, "write")))
        html_printf(b,
                    "<a class=\"button small\" href=\"/clients/%D/assessments/new\" id=\"administer\">%s</a>",
                    cid, _("Administer an instrument"));
    buf_adds(b, "</div>");
    json_t *rows = NULL;
    if (assessment_list(&h->ctx, cid, NULL, &rows) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        h->ctx.msg[0] = 0;
        return;
    }
    rows = page_items(rows);
    if (!json_array_size(rows)) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", _("No assessment yet."));
        json_decref(rows);
        return;
    }
    html_printf(b,
                "<table class=\"list\" id=\"assessment-list\"><thead><tr><th scope=\"col\">%s</th><th "
                "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Date"), _("Instrument"), _("Result"), _("By"));
    size_t i;
    json_t *a, *seen = json_array();
    json_array_foreach(rows, i, a)
    {
        int known = 0;
        size_t k;
        json_t *s;
        json_array_foreach(seen, k, s) known |= str_eq(json_string_value(s), jstr(a, "instrument"));
        if (!known)
            json_array_append_new(seen, json_string(jstr(a, "instrument")));
        if (i >= 6)
            continue;
        html_printf(
            b,
            "<tr data-assessment-id=\"%D\"><td class=\"date\" data-label=\"%s\"><a href=\"/assessments/%D\">",
            page_int(a, "id"), _("Date"), page_int(a, "id"));
        page_when(b, jstr(a, "administered_at"));
        html_printf(b, "</a></td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", _("Instrument"),
                    jstr(a, "instrument_name"), _("Result"));
        score_line(b, a);
        json_t *f;
        json_array_foreach(json_object_get(a, "flags"), k, f)
        {
            char kl[80];
            html_printf(b, " <span class=\"badge lvl-%s\">%s</span>", jstr(f, "level"),
                        ui_vlabel("flag kind", jstr(f, "kind"), kl, sizeof kl));
        }
        html_printf(b, "</td><td data-label=\"%s\">%s</td></tr>", _("By"), jstr(a, "staff_name"));
    }
    buf_adds(b, "</tbody></table>");
    if (json_array_size(rows) > 6)
        html_printf(b, "<p class=\"muted small\">%s</p>",
                    _("Earlier assessments are in the tables under each chart."));
    json_t *s;
    json_array_foreach(seen, i, s)
    {
        json_t *tr = NULL;
        if (assessment_trajectory(&h->ctx, cid, json_string_value(s), &tr) != OK) {
            h->ctx.msg[0] = 0;
            continue;
        }
        html_printf(b, "<div class=\"trajectory\" id=\"trajectory-%s\"><h3>%s</h3>", json_string_value(s),
                    *jstr(tr, "name") ? jstr(tr, "name") : json_string_value(s));
        int numeric = 0;
        size_t k;
        json_t *p;
        json_array_foreach(json_object_get(tr, "points"), k, p) numeric |=
            json_is_number(json_object_get(p, "total"));
        if (numeric)
            chart(b, tr, client);
        else
            level_list(b, tr);
        buf_adds(b, "</div>");
        json_decref(tr);
    }
    json_decref(seen);
    json_decref(rows);
    buf_adds(b, "</section>");
}
/* The assessments of a client (latest, trajectory charts), when the actor may read them. */
CLIENT_SECTION(assess_client_section, "main-1-assess");
