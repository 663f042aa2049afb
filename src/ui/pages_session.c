/* pages_session: logging in and out (the shared flows of api/session.c) and one's own account:
 * who I am, and changing my password. */
#include "api/api.h"
#include "ui/pages.h"
#include <string.h>

static const struct form_field login_fields[] = {
    F("next", FI_HIDDEN, NULL, 0),
    F("username", FI_TEXT, N_("Username"), FF_REQ,
      .attrs = " autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" autofocus"),
    F("password", FI_PASSWORD, N_("Password"), FF_REQ | FF_SECRET,
      .attrs = " autocomplete=\"current-password\""),
    {0},
};
static const struct form form_login = {.id = "login-form",
                                       .action = "/login",
                                       .submit = N_("Log in"),
                                       .button = "primary",
                                       .fields = login_fields};

static void login_render(struct hreq *h, int status, const char *msg)
{
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Log in"));
    json_t *hid = json_pack(
        "{s:s}", "next", page_safe_next(h->body && fstr(h, "next") ? fstr(h, "next") : qstr(h, "next"), "/"));
    struct fstate fs = {.form = &form_login, .vals = h->body, .errs = h->ctx.errors, .msg = msg};
    html_printf(&b, "<section class=\"card narrow login\"><h1>%s</h1>", _("Log in to Hearth"));
    page_flash(h, &b);
    form_failure(&b, msg || fs.errs ? &fs : NULL);
    form_show(h, &b, &form_login, &(struct form_view){.vals = h->body, .errs = h->ctx.errors, .hidden = hid});
    html_printf(&b, "<p class=\"muted small\">%s</p></section>",
                _("Forgot your password? An administrator can set a new one for you."));
    json_decref(hid);
    page_send(h, status, &b);
}

void pg_login_form(struct hreq *h)
{
    if (h->auth) {
        reply_redirect(h, page_safe_next(qstr(h, "next"), "/"));
        return;
    }
    login_render(h, 200, NULL);
}

static void login_done(struct hreq *h)
{
    switch (h->rc) {
    case OK:
        reply_redirect(h, page_safe_next(fstr(h, "next"), "/"));
        return;
    case ERR_INVALID:
        login_render(h, 400, _("Give your username and password."));
        return;
    case ERR_UNAUTH:
        login_render(h, 401, _("Wrong username or password."));
        return;
    case ERR_THROTTLED:
        login_render(h, 429, h->ctx.msg);
        return;
    default:
        login_render(h, 503, _("Logging in is not possible just now. Try again in a moment."));
    }
}

void pg_login(struct hreq *h)
{
    session_login(h, fstr(h, "username"), fstr(h, "password"), login_done);
}

static void logout_done(struct hreq *h)
{
    reply_redirect(h, "/login?msg=logged-out");
}

void pg_logout(struct hreq *h)
{
    session_logout(h, logout_done);
}

/* ---- my account ---- */

static void account_render(struct hreq *h, int status, const struct fstate *fs);
static const struct form_field account_fields[] = {
    F("current_password", FI_PASSWORD, N_("Current password"), FF_REQ | FF_SECRET,
      .attrs = " autocomplete=\"current-password\""),
    F("new_password", FI_PASSWORD, N_("New password (at least 10 characters)"), FF_REQ | FF_SECRET,
      .attrs = " autocomplete=\"new-password\" minlength=\"10\""),
    F("confirm_password", FI_PASSWORD, N_("New password again"), FF_REQ | FF_SECRET,
      .attrs = " autocomplete=\"new-password\""),
    {0},
};
static const struct form form_account = {.id = "account-form",
                                         .action = "/account",
                                         .submit = N_("Change password"),
                                         .button = "primary",
                                         .flash = "password",
                                         .done = "/account",
                                         .note = N_("Changing your password logs you out everywhere else."),
                                         .fields = account_fields,
                                         .page = account_render};

static int language_run(struct hreq *h, json_t *in)
{
    return staff_set_language(&h->ctx, jstr(in, "language"));
}
static const struct form_field language_fields[] = {
    F("language", FI_SELECT, N_("Language of Hearth's pages"), 0,
      .none = N_("Automatic (the browser's language)")),
    {0},
};
static const struct form form_language = {.id = "language-form",
                                          .action = "/account/language",
                                          .submit = N_("Save language"),
                                          .flash = "language",
                                          .done = "/account",
                                          .fields = language_fields,
                                          .run = language_run,
                                          .page = account_render};

static void account_render(struct hreq *h, int status, const struct fstate *fs)
{
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("My account"));
    page_flash(h, &b);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1></div>", _("My account"));
    json_t *me = NULL;
    if (staff_get(&h->ctx, h->actor.staff_id, &me) == OK) {
        char rl[64], dl[64];
        html_printf(&b,
                    "<section class=\"card\" aria-labelledby=\"me-h\"><h2 id=\"me-h\">%s</h2><dl "
                    "class=\"facts-list\">"
                    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
                    _("Who I am"), _("Name"), jstr(me, "display_name"), _("Username"), jstr(me, "username"),
                    _("Role"), ui_label(jstr(me, "role"), rl, sizeof rl));
        if (*jstr(me, "discipline"))
            html_printf(&b, "<dt>%s</dt><dd>%s</dd>", _("Discipline"),
                        ui_label(jstr(me, "discipline"), dl, sizeof dl));
        html_printf(&b, "<dt>%s</dt><dd>%s</dd>", _("Organisation"), jstr(me, "organisation"));
        if (*jstr(me, "phone"))
            html_printf(&b, "<dt>%s</dt><dd>%s</dd>", _("Phone"), jstr(me, "phone"));
        buf_adds(&b, "</dl></section>");
    } else {
        h->ctx.msg[0] = 0;
    }
    json_decref(me);
    /* Each language is named in itself; none chosen ("automatic") follows the browser (Accept-Language). */
    json_t *langs =
        json_pack("{s:[[s,s,s],[s,s,s]]}", "language", "en", "English", "en", "ko", "한국어", "ko");
    json_t *lang = json_pack("{s:s}", "language", h->actor.lang);
    html_printf(&b, "<section class=\"card narrow\" aria-labelledby=\"lang-h\"><h2 id=\"lang-h\">%s</h2>",
                _("Language"));
    form_show(h, &b, &form_language, &(struct form_view){.vals = lang, .opts = langs, .fs = fs});
    buf_adds(&b, "</section>");
    json_decref(lang);
    json_decref(langs);
    html_printf(&b, "<section class=\"card narrow\" aria-labelledby=\"pw-h\"><h2 id=\"pw-h\">%s</h2>",
                _("Change my password"));
    form_failure(&b, fs);
    form_show(h, &b, &form_account, &(struct form_view){.fs = fs});
    buf_adds(&b, "</section>");
    page_send(h, status, &b);
}

void pg_account(struct hreq *h)
{
    account_render(h, 200, NULL);
}

/* The password change is the shared flow of api/session.c (hashing off the loop); then the engine. */
void pg_account_save(struct hreq *h)
{
    const char *next = fstr(h, "new_password"), *again = fstr(h, "confirm_password");
    h->page_form = &form_account;
    if (next && *next && !str_eq(next, again))
        ctx_field(&h->ctx, "confirm_password", _("does not match the new password"));
    session_change_password(h, fstr(h, "current_password"), next, form_finish);
}

void pg_account_language(struct hreq *h)
{
    form_post(h, &form_language);
}
