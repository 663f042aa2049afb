/* pages_common: what the page families share: sending a page, notices after a redirect, local
 * times, form fields for pages with several forms, the client heading and the break-glass parts. */
#include "core/risk.h"
#include "core/eligibility.h"
#include "ui/pages.h"
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

void page_send(struct hreq *h, int status, struct buf *b)
{
    ui_end(h, b);
    reply_html(h, status, b);
}

static const struct {
    const char *key, *text;
} flashes[] = {
    {"saved", N_("Saved.")},
    {"created", N_("The client is registered. Open an episode of care to join their care team.")},
    {"contact", N_("The contact is recorded.")},
    {"corrected", N_("The correction is saved. The earlier version is kept in the history.")},
    {"task-done", N_("The task is done.")},
    {"task-reassigned", N_("The task is reassigned.")},
    {"task-added", N_("The task is added.")},
    {"episode", N_("The episode is saved.")},
    {"team", N_("The care team is updated.")},
    {"bg", N_("Emergency access is open. It is recorded and a supervisor will review it.")},
    {"reviewed", N_("The review is saved.")},
    {"org", N_("The organisation is added.")},
    {"org-saved", N_("The organisation is saved.")},
    {"staff", N_("The staff account is saved.")},
    {"password", N_("Your password is changed. Your other sessions were logged out.")},
    {"language", N_("Your language is saved.")},
    {"token-revoked", N_("The API token is revoked.")},
    {"must-change", N_("Choose a new password first: an administrator set the one you logged in with.")},
    {"logged-out", N_("You are logged out.")},
    {"assessed", N_("The assessment is saved.")},
    {"flag", N_("The flag is raised.")},
    {"flag-reviewed", N_("The review of the flag is saved.")},
    {"admitted", N_("The admission is recorded.")},
    {"discharged",
     N_("The discharge is recorded. A follow-up within 7 days is added to the case manager's tasks.")},
    {"crisis",
     N_("The crisis event is recorded. Follow-up tasks at 24 hours, 72 hours and 7 days are in your work.")},
    {"plan", N_("The safety plan is saved as a new version. Earlier versions are kept.")},
    {"link", N_("The possible duplicate is decided.")},
    {"shift", N_("The shift is added to the rota.")},
    {"service", N_("The service is saved in the directory.")},
    {"capacity", N_("The capacity is updated.")},
    {"consent", N_("The consent is recorded.")},
    {"consent-withdrawn", N_("The consent is withdrawn: access through it has ended.")},
    {"care-plan", N_("The care plan is saved as a new version. Ask the client whether they agree to it.")},
    {"care-plan-agreed", N_("The client's answer to this version is recorded.")},
    {"care-plan-reviewed", N_("The review is recorded, with the next review date.")},
    {"intake", N_("The discovery is recorded. Screen the person next.")},
    {"screened", N_("The screening is saved.")},
    {"decided", N_("The eligibility decision is linked: choose the outcome.")},
    {"enrolled", N_("The person is enrolled. The primary case manager has a task to make the first contact.")},
    {"intake-closed", N_("The intake is closed.")},
    {"conference", N_("The conference is organised. Bring the clients to discuss and add the guests.")},
    {"conference-saved", N_("The conference is saved.")},
    {"conference-task", N_("The decision is a task now: it says it came from this conference.")},
    {"conference-plan", N_("The care plan has a new version that says it came from this conference.")},
    {"referral", N_("The referral is sent. You will see every step the receiving organisation takes.")},
    {"referral-saved", N_("The referral is updated: the step is on its timeline.")},
    {"shift-removed", N_("The shift is removed from the rota.")},
    {"peer-activity", N_("The peer activity is recorded: it shows on each client's record.")},
    {"supervision", N_("The supervision session is recorded.")},
    {"handover", N_("The work is handed over. Each receiver has a task listing what they received.")},
    {"note-read", N_("The notification is marked read.")},
    /* caseloads (issue 11 §5) */
    {"fte", N_("The FTE is saved: the capacity follows it.")},
    {"reassigned", N_("The client is reassigned: the new primary case manager is on the care team.")},
    {"checkin", N_("Your check-in is saved. Only you see it.")},
    {"notes-read", N_("All your notifications are marked read.")},
    {"linkage", N_("The service is linked to the plan step. Its first check is in the list of linked services.")},
    {"linkage-check", N_("The check is recorded; the next one is set.")},
    {"linkage-ended", N_("The linkage is ended.")},
    /* care services (issue 13 §4) */
    {"care-service", N_("The care service is set up. Its care worker logs visits on its page.")},
    {"care-visit", N_("The visit is logged.")},
    {"care-ended", N_("The care service is ended with the criterion that applied.")},
    /* housing (issue 13 §1-§3) */
    {"housing-unit", N_("The unit is recorded.")},
    {"housing-state", N_("The unit's state is changed.")},
    {"housing-offer", N_("The offer is made. The client's case manager is told.")},
    {"housing-answer", N_("The answer is recorded.")},
    {"housing-moved-in", N_("The move-in is recorded: the tenancy has begun.")},
    {"housing-app", N_("The application is on the housing provider's waiting list.")},
    {"housing-override", N_("The order is changed; the reason is shown with the score.")},
    {"housing-withdrawn", N_("The application is withdrawn.")},
    {"tenancy-event", N_("The event is recorded.")},
    {"tenancy-ended", N_("The tenancy is ended.")},
    /* success stories (issue 14 §3) */
    {"story", N_("The story is saved. It stays a draft until it is submitted for review.")},
    {"story-submitted", N_("The story is submitted: a supervisor reviews it before it is published.")},
    {"story-reviewed", N_("The review is recorded.")},
    {"story-withdrawn", N_("The story is withdrawn and its text erased.")},
    /* the control tower (issue 14 §2) */
    {"evaluation-refresh", N_("New figures are being computed in the background; those shown stay until they are done.")},
    {"draft-kept", N_("Your session had ended. What you typed is kept for you: log in to go back to it.")},
    {"draft-lost",
     N_("Your session had ended, and what you typed could not be kept: log in, then enter it again.")},
};

void page_flash(struct hreq *h, struct buf *b)
{
    const char *k = qstr(h, "msg");
    if (str_eq(k, "draft") && h->draft)
        html_printf(b, "<div class=\"notice\" role=\"status\" id=\"notice\">%s</div>",
                    _("What you typed before your session ended was kept: check it and save."));
    for (size_t i = 0; k && i < ARRAY_LEN(flashes); i++)
        if (str_eq(k, flashes[i].key))
            html_printf(b, "<div class=\"notice\" role=\"status\" id=\"notice\">%s</div>",
                        _(flashes[i].text));
}

void page_redirect_msg(struct hreq *h, const char *path, const char *key)
{
    struct buf loc;
    buf_init(&loc);
    const char *hash = strchr(path, '#');
    size_t n = hash ? (size_t)(hash - path) : strlen(path);
    buf_add(&loc, path, n);
    buf_printf(&loc, "%smsg=%s%s", memchr(path, '?', n) ? "&" : "?", key, hash ? hash : "");
    reply_redirect(h, loc.data);
    buf_free(&loc);
}

const char *page_safe_next(const char *next, const char *def)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 500)
        return def;
    for (const char *p = next; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == '\\')
            return def;
    return next;
}

/* ---- times ---- */

static int local_tm(const char *iso, struct tm *tm)
{
    int64_t t = iso ? iso_parse(iso) : -1;
    if (t < 0)
        return -1;
    time_t tt = (time_t)t;
    localtime_r(&tt, tm);
    return 0;
}

void page_when(struct buf *b, const char *iso)
{
    struct tm tm;
    char out[40];
    if (!iso || !*iso)
        return;
    if (strlen(iso) <= 10 || local_tm(iso, &tm) != 0) {
        html_esc(b, iso);
        return;
    }
    strftime(out, sizeof out, "%Y-%m-%d %H:%M", &tm);
    html_printf(b, "<time datetime=\"%s\">%s</time>", iso, out);
}

void page_until(struct buf *b, const char *iso)
{
    struct tm tm, now;
    char hm[16], day[16], out[80];
    if (local_tm(iso, &tm) != 0) {
        html_esc(b, iso);
        return;
    }
    time_t t = (time_t)now_epoch();
    localtime_r(&t, &now);
    strftime(hm, sizeof hm, "%H:%M", &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    if (tm.tm_year == now.tm_year && tm.tm_yday == now.tm_yday)
        snprintf(out, sizeof out, "%s", hm);
    else
        snprintf(out, sizeof out, _("%s on %s"), hm, day);
    html_printf(b, "<time datetime=\"%s\">%s</time>", iso, out);
}

/* An on-call shift's end and the next shift, as one sentence each: the word order is the language's
 * ("until 18:00", "18:00까지"). */
void page_shift_until(struct buf *b, const char *iso)
{
    struct buf t;
    buf_init(&t);
    page_until(&t, iso);
    /* TRANSLATORS: the end of an on-call shift; %r is the time ("18:00", or "18:00 on 2026-12-08") */
    html_printf(b, _("until %r"), t.data ? t.data : "");
    buf_free(&t);
}

void page_shift_next(struct buf *b, const char *name, const char *iso)
{
    struct buf t;
    buf_init(&t);
    page_until(&t, iso);
    /* TRANSLATORS: the next on-call shift; %s is the worker's name, %r the time it starts */
    html_printf(b, _("Next on call: %s, from %r"), name, t.data ? t.data : "");
    buf_free(&t);
}

/* A client's language as the record holds it: an ISO 639-1 code ("ko") named in the reader's language
 * (한국어, Korean); anything else (a language written out) as written. */
const char *page_language_name(const char *code)
{
    static const char *const names[][2] = {
        {"ko", NC_("language", "Korean")},     {"en", NC_("language", "English")},
        {"zh", NC_("language", "Chinese")},    {"vi", NC_("language", "Vietnamese")},
        {"tl", NC_("language", "Tagalog")},    {"fil", NC_("language", "Filipino")},
        {"ja", NC_("language", "Japanese")},   {"hi", NC_("language", "Hindi")},
        {"es", NC_("language", "Spanish")},    {"ru", NC_("language", "Russian")},
        {"mn", NC_("language", "Mongolian")},  {"th", NC_("language", "Thai")},
        {"uz", NC_("language", "Uzbek")},      {"km", NC_("language", "Khmer")},
        {"ne", NC_("language", "Nepali")},     {"id", NC_("language", "Indonesian")},
        {"my", NC_("language", "Burmese")},    {"kk", NC_("language", "Kazakh")},
        {"ur", NC_("language", "Urdu")},       {"bn", NC_("language", "Bengali")},
        {"ar", NC_("language", "Arabic")},     {"fr", NC_("language", "French")},
        {"de", NC_("language", "German")},
    };
    for (size_t i = 0; code && i < ARRAY_LEN(names); i++)
        if (str_eq(code, names[i][0]))
            return i18n_text(names[i][1]);
    return code ? code : "";
}

void page_local_of(const char *iso, char out[20])
{
    struct tm tm;
    out[0] = 0;
    if (local_tm(iso, &tm) == 0)
        strftime(out, 20, "%Y-%m-%dT%H:%M", &tm);
}

void page_local_now(char out[20])
{
    char iso[32];
    iso_now(iso);
    page_local_of(iso, out);
}

void page_local_to_utc(const char *s, char out[40])
{
    int y, mo, d, hh, mi;
    snprintf(out, 40, "%s", s ? s : "");
    if (!s || strlen(s) < 16 || strchr(s, 'Z') || iso_parse(s) < 0 ||
        sscanf(s, "%4d-%2d-%2d%*c%2d:%2d", &y, &mo, &d, &hh, &mi) != 5)
        return;
    struct tm tm = {
        .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = hh, .tm_min = mi, .tm_isdst = -1};
    time_t t = mktime(&tm);
    if (t != (time_t)-1)
        iso_time((int64_t)t, out);
}

/* ---- names and numbers ---- */

/* A client's name as every page shows it (person_name: 김민지, Xiaoling Wu, or the client's order),
 * from a record's given_name, family_name and name_order. */
const char *page_name_text(json_t *rec, char *out, size_t len)
{
    person_name(out, len, jstr(rec, "given_name"), jstr(rec, "family_name"), NULL, jstr(rec, "name_order"));
    return out;
}

void page_name(struct buf *b, json_t *rec)
{
    char name[256], full[400];
    size_t n = strlen(page_name_text(rec, name, sizeof name));
    html_printf(b, "%s", name);
    /* the preferred name, in brackets, unless person_name would leave it out (it says the same) */
    size_t f = person_name(full, sizeof full, jstr(rec, "given_name"), jstr(rec, "family_name"),
                           jstr(rec, "preferred_name"), jstr(rec, "name_order"));
    if (f > n + 3)
        html_printf(b, " <span class=\"pref\">(%s)</span>", jstr(rec, "preferred_name"));
}

/* A date, or a timestamp's local date, in prose. */
const char *page_date_long_text(const char *iso, char *out, size_t len)
{
    char loc[20] = "";
    if (iso && strlen(iso) > 10)
        page_local_of(iso, loc);
    i18n_date_long(*loc ? loc : iso, out, len);
    return out;
}

/* In a <time> that does not break inside ("2026년 12 / 월 1일" on a phone), with its date for machines. */
void page_date_long(struct buf *b, const char *iso)
{
    char d[64], day[11] = "";
    page_date_long_text(iso, d, sizeof d);
    if (iso && strlen(iso) >= 10) {
        char loc[20] = "";
        if (strlen(iso) > 10)
            page_local_of(iso, loc);
        snprintf(day, sizeof day, "%.10s", *loc ? loc : iso);
    }
    int ok = strlen(day) == 10 && day[4] == '-' && day[7] == '-';
    for (int i = 0; ok && i < 10; i++)
        ok = i == 4 || i == 7 || isdigit((unsigned char)day[i]);
    if (ok)
        html_printf(b, "<time class=\"dl\" datetime=\"%s\">%s</time>", day, d);
    else
        html_esc(b, d);
}

/* "since 6 December 2026" / "2026년 12월 6일부터": the translated words around the date. */
void page_since(struct buf *b, const char *iso)
{
    const char *fmt = _("since %s"), *at = strstr(fmt, "%s");
    if (!at) {
        html_esc(b, fmt);
        return;
    }
    char pre[128];
    snprintf(pre, sizeof pre, "%.*s", (int)(at - fmt), fmt);
    html_esc(b, pre);
    page_date_long(b, iso);
    html_esc(b, at + 2);
}

int64_t page_int(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    int64_t n = 0;
    if (json_is_integer(v))
        return json_integer_value(v);
    if (json_is_string(v) && parse_int64(json_string_value(v), &n) == 0)
        return n;
    return 0;
}

/* ---- the client heading and break-glass ---- */

void page_bg_banner(struct buf *b, json_t *client)
{
    json_t *acc = json_object_get(client, "access");
    if (!json_is_true(json_object_get(acc, "break_glass")))
        return;
    struct buf t;
    buf_init(&t);
    page_until(&t, jstr(acc, "break_glass_expires"));
    html_printf(b,
                "<div class=\"banner bg\" id=\"bg-banner\" role=\"alert\"><strong>%s %r</strong> "
                "<span>%s</span></div>",
                _("Emergency access until"), t.data,
                _("You opened this record by break-glass. Everything you see "
                  "and do is recorded and reviewed by a supervisor."));
    buf_free(&t);
}

/* A programme as shown: its label (vocab.c) when core knows it, else the name its rule file gives
 * (a programme an organisation added), else its key. */
const char *page_programme_name(const char *key, char *out, size_t len)
{
    if (ui_vocab_msgid(ui_vocab_find("programme"), key))
        return ui_vlabel("programme", key, out, len);
    const json_t *p = key && *key ? elig_programme(key) : NULL;
    const char *n = p ? json_string_value(json_object_get((json_t *)p, "name")) : NULL;
    snprintf(out, len, "%s", n ? n : key ? key : "");
    return out;
}

/* The loaded eligibility rule sets as a select's rows, [[key, name]...], named as above. */
json_t *page_programme_rows(void)
{
    json_t *all = elig_programmes(), *rows = json_array(), *p;
    size_t i;
    json_array_foreach(all, i, p)
    {
        char l[120];
        json_array_append_new(rows, json_pack("[s,s]", jstr(p, "programme"),
                                              page_programme_name(jstr(p, "programme"), l, sizeof l)));
    }
    json_decref(all);
    return rows;
}

/* The kind of a flag as shown: core's label when it gives one, else the kind's label. */
const char *page_flag_kind(json_t *flag, char *out, size_t len)
{
    if (*jstr(flag, "label")) {
        snprintf(out, len, "%s", _(jstr(flag, "label")));
        return out;
    }
    return ui_vlabel("flag kind", jstr(flag, "kind"), out, len);
}

void page_risk_flags(struct buf *b, int64_t cid, json_t *flags, int reasons)
{
    if (!json_array_size(flags))
        return;
    int high = 0;
    size_t i;
    json_t *f;
    json_array_foreach(flags, i, f) high |= str_eq(jstr(f, "level"), "high");
    html_printf(b,
                "<aside class=\"risk-banner%r\" id=\"risk-banner\" aria-labelledby=\"risk-banner-h\">"
                "<h2 id=\"risk-banner-h\">%s</h2><ul>",
                high ? " high" : "", _("Risk"));
    json_array_foreach(flags, i, f)
    {
        char kl[80], ll[40];
        const char *lvl = jstr(f, "level");
        html_printf(b,
                    "<li class=\"flag lvl-%s\" data-flag-id=\"%D\"><strong>%s</strong> <span class=\"badge "
                    "lvl-%s\">%s"
                    "</span>",
                    lvl, page_int(f, "id"), page_flag_kind(f, kl, sizeof kl), lvl,
                    ui_vlabel("risk level", lvl, ll, sizeof ll));
        char since[11];
        snprintf(since, sizeof since, "%s", jstr(f, "raised_at"));
        if (*since) {
            buf_adds(b, " <span class=\"when\">");
            page_since(b, since);
            buf_adds(b, "</span>");
        }
        const char *rev = jstr(f, "review_date");
        if (*rev) {
            html_printf(b, " <span class=\"when%r\">· %s ",
                        json_is_true(json_object_get(f, "review_due")) ? " overdue" : "", _("review by"));
            page_date_long(b, rev);
            buf_adds(b, "</span>");
        }
        if (reasons && *jstr(f, "reason"))
            html_printf(b, "<p class=\"reason\">%s</p>", jstr(f, "reason"));
        buf_adds(b, "</li>");
    }
    html_printf(b, "</ul><a class=\"more\" href=\"/clients/%D#flags\">%s</a></aside>", cid,
                _("Flags and reviews"));
}

void page_risk_banner(struct hreq *h, struct buf *b, json_t *client)
{
    if (!str_eq(jstr(json_object_get(client, "access"), "level"), "full"))
        return;
    (void)h;
    page_risk_flags(b, page_int(client, "id"), json_object_get(client, "flags"), 0); /* client_get's, gated */
}

void page_client_head(struct hreq *h, struct buf *b, json_t *client, const char *here)
{
    html_printf(b, "<p class=\"crumbs\"><a href=\"/clients/%D\">← ", page_int(client, "id"));
    page_name(b, client);
    buf_adds(b, "</a></p>");
    page_bg_banner(b, client);
    page_risk_banner(h, b, client);
    html_printf(b, "<h1>%s</h1>", here);
}

int page_may_break_glass(struct hreq *h)
{
    return access_may(&h->ctx, RES_BREAKGLASS, ACT_CREATE, 0);
}

static int bg_run(struct hreq *h, json_t *in)
{
    /* A whole number typed in the field, else -1 (core names the field); 0 is refused too, not the default. */
    json_t *hs = json_object_get(in, "hours");
    json_int_t v = json_integer_value(hs);
    int n = !hs ? 0 : json_is_integer(hs) && v >= 1 && v <= INT_MAX ? (int)v : -1;
    return breakglass_open(&h->ctx, h->id[0], jstr(in, "reason"), n, &h->result);
}

/* A failed break-glass: the limited page again, or the record when access is open meanwhile. */
static void bg_again(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *c = NULL;
    int rc = client_get(&h->ctx, h->id[0], &c);
    char def[48];
    snprintf(def, sizeof def, "/clients/%lld", (long long)h->id[0]);
    const char *next = page_safe_next(fstr(h, "next"), def);
    if (rc != OK)
        page_client_error(h, rc);
    else if (str_eq(jstr(json_object_get(c, "access"), "level"), "full"))
        reply_redirect(h, next); /* access is already open: nothing to ask */
    else
        page_client_limited(h, status, c, next, fs);
    json_decref(c);
}

static const struct form_field bg_fields[] = {
    F("next", FI_HIDDEN, NULL, 0),
    F("reason", FI_TEXTAREA, N_("Why do you need access now?"), FF_REQ, .rows = 3),
    F("hours", FI_NUMBER, N_("For how many hours (1 to 12)"), FF_REQ,
      .attrs = " min=\"1\" max=\"12\" step=\"1\" inputmode=\"numeric\""),
    {0},
};
const struct form form_bg = {.id = "break-glass-form",
                             .pfx = "bg",
                             .action = "/clients/{id}/break-glass",
                             .submit = N_("Open emergency access"),
                             .button = "danger",
                             .flash = "bg",
                             .done = "/clients/{id}",
                             .fields = bg_fields,
                             .run = bg_run,
                             .page = bg_again,
                             .flags = FORM_CLIENT_PATH | FORM_NEXT};

void page_bg_form(struct hreq *h, struct buf *b, int64_t client_id, const char *next, const struct fstate *fs)
{
    json_t *def = json_pack("{s:s}", "hours", "4"), *hid = json_pack("{s:s}", "next", next);
    html_printf(
        b, "<section class=\"card bg-form\" aria-labelledby=\"bg-h\"><h2 id=\"bg-h\">%s</h2><p>%s</p>",
        _("Emergency access (break-glass)"),
        _("Use this only when you need this record now, for the person's safety. Your reason and everything "
          "you open are recorded, and a supervisor reviews every emergency access."));
    if (form_mine(fs, &form_bg, client_id))
        form_failure(b, fs);
    form_show(h, b, &form_bg, &(struct form_view){.target = client_id, .vals = def, .hidden = hid, .fs = fs});
    buf_adds(b, "</section>");
    json_decref(def);
    json_decref(hid);
}

void page_client_limited(struct hreq *h, int status, json_t *client, const char *next,
                         const struct fstate *fs)
{
    struct buf b;
    buf_init(&b);
    struct buf title;
    buf_init(&title);
    char nm[256];
    page_name_text(client, nm, sizeof nm);
    html_printf(&title, "%s", nm);
    ui_begin(h, &b, title.data);
    buf_free(&title);
    page_flash(h, &b);
    int64_t id = page_int(client, "id");
    buf_adds(&b, "<div class=\"page-head\"><div><h1 id=\"client-name\">");
    page_name(&b, client);
    html_printf(&b, "</h1><p class=\"facts\">%s %s</p></div></div>", _("Born"), jstr(client, "birth_year"));
    if (fs && fs->form != &form_bg)
        form_failure(&b, fs);
    int fresh = str_eq(qstr(h, "msg"), "created") || (fs && fs->form == &form_episode);
    if (!fresh)
        html_printf(&b, "<div class=\"banner info\" id=\"limited\"><strong>%s</strong> %s</div>",
                    _("You are not on this client's care team."),
                    _("You can see only who they are and where they are in care."));
    json_t *progs = json_object_get(client, "programmes");
    html_printf(&b, "<section class=\"card\" aria-labelledby=\"prog-h\"><h2 id=\"prog-h\">%s</h2>",
                _("In care"));
    if (!json_array_size(progs))
        html_printf(&b, "<p class=\"muted\">%s</p>", _("No open episode of care."));
    else
        buf_adds(&b, "<ul class=\"plain\" id=\"programmes\">");
    size_t i;
    json_t *p;
    json_array_foreach(progs, i, p)
    {
        char l1[80], l2[80];
        html_printf(&b, "<li><strong>%s</strong> · %s · %s</li>",
                    ui_vlabel("programme", jstr(p, "programme"), l1, sizeof l1), ui_vlabel("episode status", jstr(p, "status"), l2, sizeof l2),
                    jstr(p, "organisation"));
    }
    if (json_array_size(progs))
        buf_adds(&b, "</ul>");
    buf_adds(&b, "</section>");
    if (fresh)
        care_episode_form(h, &b, id, fs, 1);
    else if (page_may_break_glass(h))
        page_bg_form(h, &b, id, next, fs);
    else
        html_printf(&b, "<p>%s</p>",
                    _("Ask the client's case manager, or a supervisor, to add you to the care team."));
    page_send(h, status, &b);
}

void page_client_error(struct hreq *h, int rc)
{
    if (rc != ERR_FORBIDDEN) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("No access to this client"));
    html_printf(
        &b,
        "<section class=\"error\" id=\"denied\"><h1>%s</h1><p class=\"status\">403</p><p>%s</p><p>%s</p>"
        "<p><a href=\"/clients\">%s</a> · <a href=\"/\">%s</a></p></section>",
        _("No access to this client"), h->ctx.msg[0] ? h->ctx.msg : _("You may not see this client."),
        h->ctx.denied == DENIED_ROLE /* on the team already: the role, not the relationship, says no */
            ? _("Your role in this client's care does not include this. Ask the client's case manager or a "
                "supervisor if it needs doing.")
            : _("Access to a client's record comes from being on their care team. Ask the client's case "
                "manager "
                "or a supervisor to add you."),
        _("Find a client"), _("Back to my work"));
    page_send(h, 403, &b);
}

json_t *page_client_sub(struct hreq *h, int64_t id, const char *here)
{
    json_t *c = NULL;
    audit_view(&h->ctx); /* one audit record for what this page reads of the client */
    int rc = client_get(&h->ctx, id, &c);
    if (rc != OK) {
        page_client_error(h, rc);
        return NULL;
    }
    if (!str_eq(jstr(json_object_get(c, "access"), "level"), "full")) {
        page_client_limited(h, 403, c, here, NULL);
        json_decref(c);
        return NULL;
    }
    return c;
}

void page_conflict(struct hreq *h, const char *reload)
{
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Someone else changed this"));
    html_printf(
        &b,
        "<section class=\"error\" id=\"conflict\"><h1>%s</h1><p class=\"status\">409</p><p>%s</p>"
        "<p>%s</p><p><a class=\"button primary\" href=\"%s\">%s</a></p></section>",
        _("Someone else changed this"), h->ctx.msg[0] ? h->ctx.msg : _("The record changed meanwhile."),
        _("Nothing you sent was saved. Reload to see the current version, then make your change again."),
        page_safe_next(reload, "/"), _("Reload"));
    page_send(h, 409, &b);
}

void page_stash(struct hreq *h, json_t *in)
{
    json_object_set_new(h->body, "_in", in);
}

json_t *page_stashed(struct hreq *h)
{
    return json_object_get(h->body, "_in");
}

json_t *page_items(json_t *env)
{
    json_t *items = json_incref(json_object_get(env, "items"));
    json_decref(env);
    return items ? items : json_array();
}

void page_more(struct buf *b, json_t *env, const char *base, const char *label, const char *id)
{
    const char *next = json_string_value(json_object_get(env, "next"));
    if (next)
        html_printf(b, "<p class=\"more\"><a class=\"button small\" id=\"%s\" href=\"%safter=%u\">%s</a></p>", id,
                    base, next, label);
}

json_t *page_staff(struct hreq *h)
{
    json_t *all = NULL, *out = json_array();
    if (staff_list(&h->ctx, NULL, NULL, &all) != OK) {
        h->ctx.msg[0] = 0;
        return out;
    }
    all = page_items(all);
    size_t i;
    json_t *s;
    json_array_foreach(all, i, s)
    {
        json_t *o = json_object_get(s, "org_id");
        if (json_is_true(json_object_get(s, "disabled")) || (o && json_integer_value(o) != h->actor.org_id))
            continue;
        json_array_append(out, s);
    }
    json_decref(all);
    return out;
}

void page_duplicates(struct buf *b, const struct fstate *fs, const char *form_id, const char *button)
{
    json_t *cands = fs ? json_object_get(fs->extra, "candidates") : NULL;
    if (!json_array_size(cands)) {
        form_failure(b, fs);
        return;
    }
    html_printf(b,
                "<section class=\"card warn\" id=\"duplicates\" role=\"alert\" aria-labelledby=\"dup-h\">"
                "<h2 id=\"dup-h\">%s</h2><p>%s</p><ul class=\"plain links\">",
                _("This person may already be registered"),
                _("Open a candidate to check (in a new tab, so that what you typed stays here). If none of them "
                  "is this person, tick the box and register."));
    size_t i;
    json_t *c;
    json_array_foreach(cands, i, c)
    {
        if (json_is_true(json_object_get(c, "other_organisation"))) {
            /* A record the user may not find: where it is held and why it matched, never a name. */
            html_printf(b, "<li class=\"elsewhere\">");
            html_printf(b, _("A record at %s"), jstr(c, "organisation"));
            html_printf(b, " · <span class=\"muted\">%s · %s</span></li>", _(jstr(c, "why")),
                        json_is_true(json_object_get(c, "same_birth_date")) ? _("the same date of birth")
                                                                             : _("another date of birth"));
            continue;
        }
        html_printf(b, "<li data-client-id=\"%D\"><a href=\"/clients/%D\" target=\"_blank\" rel=\"noopener\">",
                    page_int(c, "id"), page_int(c, "id"));
        page_name(b, c);
        html_printf(b, "</a> · %s %s · <span class=\"muted\">%s</span></li>", _("born"), jstr(c, "birth_date"),
                    _(jstr(c, "why")));
    }
    html_printf(b,
                "</ul><div class=\"check\"><input type=\"checkbox\" id=\"f-confirm_new-1\" name=\"confirm_new\" "
                "value=\"1\" form=\"%s\"%r><label for=\"f-confirm_new-1\">%s</label></div><div "
                "class=\"buttons\"><button type=\"submit\" form=\"%s\" class=\"primary\">%s</button>"
                "</div></section>",
                form_id, str_eq(jstr(fs->vals, "confirm_new"), "1") ? " checked" : "",
                _("This is a new person: none of these is them"), form_id, button);
}
