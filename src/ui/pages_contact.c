/* pages_contact: recording a contact, reading one with its history, and correcting it (a new
 * version with a reason; the old one is kept). Times are entered and shown in local time. */
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

static void contact_fields(struct buf *b, json_t *vals, json_t *errs)
{
    buf_adds(b, "<div class=\"row3\">");
    pf_select(b, "f", "kind", _("Kind of contact"), contact_kinds, vals, errs, 1);
    pf_input(b, "f", "at", _("When"), "datetime-local", vals, errs, 1, NULL);
    pf_input(b, "f", "duration_min", _("Duration (minutes)"), "number", vals, errs, 0,
             " min=\"0\" max=\"1440\" step=\"5\" inputmode=\"numeric\"");
    buf_adds(b, "</div>");
    pf_domains(b, "f", vals, errs);
    pf_textarea(b, "f", "body", _("What happened"), vals, errs, 1, 8);
    html_printf(b, "<div class=\"field\">");
    pf_checkbox(b, "f", "restricted", "1", _("Restricted note (psychotherapy, substance use)"),
                pf_has(vals, "restricted", "1"));
    html_printf(
        b, "<p class=\"muted small\">%s</p></div>",
        _("Only case managers, clinicians and supervisors on the care team can read a restricted note; "
          "others see that it exists."));
}

/* The core input from the form: local time to UTC, the restricted box as a boolean. */
static json_t *contact_input(struct hreq *h, int correcting)
{
    json_t *in = json_object();
    static const char *const f[] = {"kind", "duration_min", "body", "correction_reason", NULL};
    for (const char *const *k = f; *k; k++)
        if (fstr(h, *k) && (correcting || !str_eq(*k, "correction_reason")))
            json_object_set_new(in, *k, json_string(fstr(h, *k)));
    char at[40];
    page_local_to_utc(fstr(h, "at") ? fstr(h, "at") : "", at);
    json_object_set_new(in, "at", json_string(at));
    json_t *d = json_object_get(h->body, "domains");
    json_object_set_new(in, "domains", d ? json_deep_copy(d) : json_array());
    json_object_set_new(in, "restricted", json_boolean(str_eq(fstr(h, "restricted"), "1")));
    return in;
}

/* ---- record a contact ---- */

static void new_form(struct hreq *h, int status, json_t *c, json_t *vals, json_t *errs, const char *msg)
{
    int64_t cid = page_int(c, "id");
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Record a contact"));
    page_client_head(h, &b, c, _("Record a contact"));
    ui_errors_summary(&b, errs, msg);
    html_printf(
        &b, "<form method=\"post\" action=\"/clients/%D/contacts/new\" id=\"contact-form\" class=\"card\">",
        cid);
    ui_csrf(h, &b);
    contact_fields(&b, vals, errs);
    html_printf(&b,
                "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button> "
                "<a href=\"/clients/%D\">%s</a></div></form>",
                _("Save contact"), cid, _("Cancel"));
    page_send(h, status, &b);
}

void pg_contact_new(struct hreq *h)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/contacts/new", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    char now[20];
    page_local_now(now);
    json_t *vals = json_pack("{s:s}", "at", now);
    new_form(h, 200, c, vals, NULL, NULL);
    json_decref(vals);
    json_decref(c);
}

static int create_w(struct hreq *h)
{
    return contact_create(&h->ctx, h->id[0], page_stashed(h), &h->result);
}

static void create_done(struct hreq *h)
{
    char loc[64];
    snprintf(loc, sizeof loc, "/clients/%lld#contacts", (long long)h->id[0]);
    if (h->rc == OK) {
        page_redirect_msg(h, loc, "contact");
        return;
    }
    if (h->rc != ERR_INVALID) {
        page_client_error(h, h->rc);
        return;
    }
    json_t *errs = json_incref(h->ctx.errors);
    char msg[256];
    snprintf(msg, sizeof msg, "%s", h->ctx.msg);
    json_t *c = page_client_sub(h, h->id[0], loc);
    if (c)
        new_form(h, 400, c, h->body, errs, msg);
    json_decref(c);
    json_decref(errs);
}

void pg_contact_create(struct hreq *h)
{
    page_stash(h, contact_input(h, 0));
    http_write(h, create_w, create_done);
}

/* ---- one contact with its history ---- */

/* The contact (with history) and its client, or NULL with the answer sent. */
static json_t *load(struct hreq *h, int64_t id, json_t **client)
{
    json_t *ct = NULL;
    int rc = contact_get(&h->ctx, id, &ct);
    if (rc != OK) {
        reply_core_error(h, rc);
        return NULL;
    }
    char here[48];
    snprintf(here, sizeof here, "/contacts/%lld", (long long)id);
    *client = page_client_sub(h, page_int(ct, "client_id"), here);
    if (!*client) {
        json_decref(ct);
        return NULL;
    }
    return ct;
}

static void version_body(struct buf *b, json_t *v)
{
    if (json_is_true(json_object_get(v, "hidden")))
        html_printf(b, "<p class=\"restricted-note\">%s</p>",
                    _("Restricted note: you may not read its text."));
    else
        html_printf(b, "<div class=\"note-body\">%s</div>", jstr(v, "body"));
}

void pg_contact(struct hreq *h)
{
    json_t *c = NULL, *ct = load(h, h->id[0], &c);
    if (!ct)
        return;
    struct buf b;
    buf_init(&b);
    char kl[80];
    ui_begin(h, &b, _("Contact"));
    page_client_head(h, &b, c, _("Contact"));
    page_flash(h, &b);
    int64_t newer = page_int(ct, "superseded_by");
    if (newer)
        html_printf(&b, "<div class=\"banner info\">%s <a href=\"/contacts/%D\">%s</a></div>",
                    _("This version was corrected."), newer, _("See the newest version"));
    html_printf(&b, "<section class=\"card\" id=\"contact\"><dl class=\"facts-list\"><dt>%s</dt><dd>",
                _("When"));
    page_when(&b, jstr(ct, "at"));
    html_printf(&b, "</dd><dt>%s</dt><dd>%s</dd>", _("Kind"), ui_label(jstr(ct, "kind"), kl, sizeof kl));
    if (page_int(ct, "duration_min"))
        html_printf(&b, "<dt>%s</dt><dd>%D %s</dd>", _("Duration"), page_int(ct, "duration_min"), _("min"));
    html_printf(&b, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", _("Recorded by"), jstr(ct, "staff_name"),
                _("Service domains"));
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(ct, "domains"), i, d)
    {
        char dl[80];
        html_printf(&b, "<span class=\"tag\">%s</span> ", ui_label(json_string_value(d), dl, sizeof dl));
    }
    buf_adds(&b, "</dd>");
    if (page_int(ct, "restricted"))
        html_printf(&b, "<dt>%s</dt><dd><span class=\"badge restricted\">%s</span></dd>", _("Restricted"),
                    _("yes"));
    buf_adds(&b, "</dl>");
    version_body(&b, ct);
    if (!newer && !json_is_true(json_object_get(ct, "hidden")))
        html_printf(
            &b,
            "<p class=\"actions\"><a class=\"button\" href=\"/contacts/%D/correct\" id=\"correct-link\">%s"
            "</a></p>",
            h->id[0], _("Correct this note"));
    buf_adds(&b, "</section>");
    json_t *hist = json_object_get(ct, "history");
    if (json_array_size(hist) > 1) {
        html_printf(&b,
                    "<section class=\"card\" aria-labelledby=\"hist-h\"><h2 id=\"hist-h\">%s</h2>"
                    "<ol class=\"history\" id=\"history\">",
                    _("History"));
        json_t *v;
        json_array_foreach(hist, i, v)
        {
            int64_t vid = page_int(v, "id");
            html_printf(
                &b,
                "<li class=\"version%r\" data-contact-id=\"%D\"><p class=\"meta\"><strong>%s %d</strong> · ",
                vid == h->id[0] ? " current" : "", vid, _("Version"), (int)i + 1);
            page_when(&b, jstr(v, "created_at"));
            html_printf(&b, " · %s</p><p class=\"muted small\">%s ", jstr(v, "staff_name"), _("Contact:"));
            page_when(&b, jstr(v, "at"));
            html_printf(&b, " · %s", ui_label(jstr(v, "kind"), kl, sizeof kl));
            if (page_int(v, "duration_min"))
                html_printf(&b, " · %D %s", page_int(v, "duration_min"), _("min"));
            if (vid != h->id[0])
                html_printf(&b, " · <a href=\"/contacts/%D\">%s</a>", vid, _("open"));
            buf_adds(&b, "</p>");
            if (*jstr(v, "correction_reason"))
                html_printf(&b, "<p><strong>%s</strong> %s</p>", _("Why corrected:"),
                            jstr(v, "correction_reason"));
            version_body(&b, v);
            buf_adds(&b, "</li>");
        }
        buf_adds(&b, "</ol></section>");
    }
    json_decref(ct);
    json_decref(c);
    page_send(h, 200, &b);
}

/* ---- correct ---- */

static void correct_form(struct hreq *h, int status, json_t *c, json_t *vals, json_t *errs, const char *msg)
{
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Correct a contact"));
    page_client_head(h, &b, c, _("Correct a contact"));
    ui_errors_summary(&b, errs, msg);
    html_printf(
        &b, "<p class=\"muted\">%s</p>",
        _("A correction is saved as a new version. The earlier version stays in the history, with your "
          "reason."));
    html_printf(&b,
                "<form method=\"post\" action=\"/contacts/%D/correct\" id=\"correct-form\" class=\"card\">",
                h->id[0]);
    ui_csrf(h, &b);
    pf_textarea(&b, "f", "correction_reason", _("Why is this being corrected?"), vals, errs, 1, 2);
    contact_fields(&b, vals, errs);
    html_printf(&b,
                "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button> "
                "<a href=\"/contacts/%D\">%s</a></div></form>",
                _("Save correction"), h->id[0], _("Cancel"));
    page_send(h, status, &b);
}

void pg_contact_correct_form(struct hreq *h)
{
    json_t *c = NULL, *ct = load(h, h->id[0], &c);
    if (!ct)
        return;
    int64_t newer = page_int(ct, "superseded_by");
    if (newer || json_is_true(json_object_get(ct, "hidden"))) {
        char loc[64];
        snprintf(loc, sizeof loc, "/contacts/%lld", (long long)(newer ? newer : h->id[0]));
        json_decref(ct);
        json_decref(c);
        if (newer) {
            snprintf(h->ctx.msg, sizeof h->ctx.msg, "%s",
                     _("This note has already been corrected. Correct its newest version."));
            page_conflict(h, loc);
        } else {
            reply_problem(h, 403, _("Forbidden"), _("You may not read or correct this restricted note."),
                          NULL);
        }
        return;
    }
    char at[20], dur[24];
    page_local_of(jstr(ct, "at"), at);
    snprintf(dur, sizeof dur, "%lld", (long long)page_int(ct, "duration_min"));
    json_t *vals = json_pack("{s:s,s:s,s:s,s:s,s:O,s:s}", "kind", jstr(ct, "kind"), "at", at, "duration_min",
                             dur, "body", jstr(ct, "body"), "domains", json_object_get(ct, "domains"),
                             "restricted", page_int(ct, "restricted") ? "1" : "");
    correct_form(h, 200, c, vals, NULL, NULL);
    json_decref(vals);
    json_decref(ct);
    json_decref(c);
}

static int correct_w(struct hreq *h)
{
    return contact_correct(&h->ctx, h->id[0], page_stashed(h), &h->result);
}

static void correct_done(struct hreq *h)
{
    char loc[64];
    if (h->rc == OK) {
        snprintf(loc, sizeof loc, "/contacts/%lld", (long long)page_int(h->result, "id"));
        page_redirect_msg(h, loc, "corrected");
        return;
    }
    snprintf(loc, sizeof loc, "/contacts/%lld", (long long)h->id[0]);
    if (h->rc == ERR_CONFLICT) {
        page_conflict(h, loc);
        return;
    }
    if (h->rc != ERR_INVALID) {
        reply_core_error(h, h->rc);
        return;
    }
    json_t *errs = json_incref(h->ctx.errors);
    char msg[256];
    snprintf(msg, sizeof msg, "%s", h->ctx.msg);
    json_t *c = NULL, *ct = load(h, h->id[0], &c);
    if (ct)
        correct_form(h, 400, c, h->body, errs, msg);
    json_decref(ct);
    json_decref(c);
    json_decref(errs);
}

void pg_contact_correct(struct hreq *h)
{
    page_stash(h, contact_input(h, 1));
    http_write(h, correct_w, correct_done);
}
