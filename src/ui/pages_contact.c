/* pages_contact: recording a contact, reading one with its history, and correcting it (a new
 * version with a reason; the old one is kept). Times are entered and shown in local time. */
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

#define CONTACT_FIELDS                                                                                       \
    ROW(3), F("kind", FI_SELECT, N_("Kind of contact"), FF_REQ, .choices = contact_kinds),                   \
        F("at", FI_DATETIME, N_("When"), FF_REQ),                                                            \
        F("duration_min", FI_NUMBER, N_("Duration (minutes)"), 0,                                            \
          .attrs = " min=\"0\" max=\"1440\" step=\"5\" inputmode=\"numeric\""),                              \
        ROW_END, F("domains", FI_CHECKS, N_("Service domains"), FF_REQ, .choices = service_domains),         \
        F("body", FI_TEXTAREA, N_("What happened"), FF_REQ, .rows = 8),                                      \
        F("restricted", FI_CHECK, N_("Restricted note (psychotherapy, substance use)"), 0,                   \
          .hint =                                                                                            \
              N_("Only case managers, clinicians and supervisors on the care team can read a restricted "    \
                 "note; others see that it exists."))

static void new_page(struct hreq *h, int status, const struct fstate *fs);
static const struct form_field contact_fields[] = {CONTACT_FIELDS, {0}};
static const struct form form_contact = {.id = "contact-form",
                                         .action = "/clients/{id}/contacts/new",
                                         .box = "card",
                                         .submit = N_("Save contact"),
                                         .button = "primary",
                                         .flash = "contact",
                                         .done = "/clients/{id}#contacts",
                                         .cancel = "/clients/{id}",
                                         .fields = contact_fields,
                                         .create = contact_create,
                                         .page = new_page,
                                         .flags = FORM_CLIENT_PATH};

/* ---- record a contact ---- */

static void new_page(struct hreq *h, int status, const struct fstate *fs)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/contacts/new", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    char now[20];
    page_local_now(now);
    json_t *def = json_pack("{s:s}", "at", now);
    form_client_page(h, status, c, _("Record a contact"), NULL, &form_contact,
                     &(struct form_view){.target = h->id[0], .vals = def, .fs = fs});
    json_decref(def);
    json_decref(c);
}

void pg_contact_new(struct hreq *h)
{
    new_page(h, 200, NULL);
}

void pg_contact_create(struct hreq *h)
{
    form_post(h, &form_contact);
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
    html_printf(&b, "</dd><dt>%s</dt><dd>%s</dd>", _("Kind"), ui_vlabel("contact kind", jstr(ct, "kind"), kl, sizeof kl));
    if (page_int(ct, "duration_min")) {
        html_printf(&b, "<dt>%s</dt><dd>", _("Duration"));
        /* TRANSLATORS: a duration in minutes ("50 min", Korean "50분") */
        html_printf(&b, _("%D min"), page_int(ct, "duration_min"));
        buf_adds(&b, "</dd>");
    }
    html_printf(&b, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", _("Recorded by"), jstr(ct, "staff_name"),
                _("Service domains"));
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(ct, "domains"), i, d)
    {
        char dl[80];
        html_printf(&b, "<span class=\"tag\">%s</span> ", ui_vlabel("service domain", json_string_value(d), dl, sizeof dl));
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
            html_printf(&b, " · %s", ui_vlabel("contact kind", jstr(v, "kind"), kl, sizeof kl));
            if (page_int(v, "duration_min")) {
                buf_adds(&b, " · ");
                html_printf(&b, _("%D min"), page_int(v, "duration_min"));
            }
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

static void correct_page(struct hreq *h, int status, const struct fstate *fs);
static const struct form_field correct_fields[] = {
    F("correction_reason", FI_TEXTAREA, N_("Why is this being corrected?"), FF_REQ, .rows = 2),
    CONTACT_FIELDS,
    {0}};
static const struct form form_correct = {.id = "correct-form",
                                         .action = "/contacts/{id}/correct",
                                         .box = "card",
                                         .submit = N_("Save correction"),
                                         .button = "primary",
                                         .flash = "corrected",
                                         .done = "/contacts/{r.id}",
                                         .reload = "/contacts/{id}",
                                         .cancel = "/contacts/{id}",
                                         .fields = correct_fields,
                                         .create = contact_correct,
                                         .page = correct_page};

static void correct_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *c = NULL, *ct = load(h, h->id[0], &c);
    if (!ct)
        return;
    int64_t newer = page_int(ct, "superseded_by");
    if (!fs && (newer || json_is_true(json_object_get(ct, "hidden")))) {
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
    form_client_page(
        h, status, c, _("Correct a contact"),
        _("A correction is saved as a new version. The earlier version stays in the history, with "
          "your reason."),
        &form_correct, &(struct form_view){.target = h->id[0], .vals = vals, .fs = fs});
    json_decref(vals);
    json_decref(ct);
    json_decref(c);
}

void pg_contact_correct_form(struct hreq *h)
{
    correct_page(h, 200, NULL);
}

void pg_contact_correct(struct hreq *h)
{
    form_post(h, &form_correct);
}
