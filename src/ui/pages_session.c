/* pages_session: logging in and out (the shared flows of api/session.c) and one's own account:
 * who I am, and changing my password. */
#include "api/api.h"
#include "ui/pages.h"
#include <string.h>

static void login_render(struct hreq *h, int status, const char *msg)
{
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Log in"));
    json_t *vals = json_pack("{s:s}", "username", fstr(h, "username") ? fstr(h, "username") : "");
    const char *next = page_safe_next(h->body && fstr(h, "next") ? fstr(h, "next") : qstr(h, "next"), "/");
    html_printf(&b, "<section class=\"card narrow login\"><h1>%s</h1>", _("Log in to Hearth"));
    page_flash(h, &b);
    ui_errors_summary(&b, h->ctx.errors, msg);
    buf_adds(&b, "<form method=\"post\" action=\"/login\" id=\"login-form\">");
    if (h->auth)
        ui_csrf(h, &b);
    html_printf(&b, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next);
    pf_input(&b, "f", "username", _("Username"), "text", vals, h->ctx.errors, 1,
             " autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" autofocus");
    pf_input(&b, "f", "password", _("Password"), "password", NULL, h->ctx.errors, 1,
             " autocomplete=\"current-password\"");
    html_printf(&b,
                "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button></div></form>"
                "<p class=\"muted small\">%s</p></section>",
                _("Log in"), _("Forgot your password? An administrator can set a new one for you."));
    json_decref(vals);
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

static void account_render(struct hreq *h, int status)
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
    /* Each language is named in itself; "automatic" follows the browser (Accept-Language). */
    static const struct {
        const char *code, *name;
    } langs[] = {{"en", "English"}, {"ko", "한국어"}};
    html_printf(&b,
                "<section class=\"card narrow\" aria-labelledby=\"lang-h\"><h2 id=\"lang-h\">%s</h2>"
                "<form method=\"post\" action=\"/account/language\" id=\"language-form\">",
                _("Language"));
    ui_csrf(h, &b);
    html_printf(&b,
                "<div class=\"field\"><label for=\"f-language\">%s</label><select id=\"f-language\" "
                "name=\"language\"><option value=\"\"%r>%s</option>",
                _("Language of Hearth's pages"), h->actor.lang[0] ? "" : " selected",
                _("Automatic (the browser's language)"));
    for (size_t i = 0; i < ARRAY_LEN(langs); i++)
        html_printf(&b, "<option value=\"%s\" lang=\"%s\"%r>%s</option>", langs[i].code, langs[i].code,
                    str_eq(h->actor.lang, langs[i].code) ? " selected" : "", langs[i].name);
    html_printf(&b,
                "</select></div><div class=\"buttons\"><button type=\"submit\">%s</button></div></form>"
                "</section>",
                _("Save language"));
    html_printf(&b, "<section class=\"card narrow\" aria-labelledby=\"pw-h\"><h2 id=\"pw-h\">%s</h2>",
                _("Change my password"));
    ui_errors_summary(&b, h->ctx.errors, NULL);
    buf_adds(&b, "<form method=\"post\" action=\"/account\" id=\"account-form\">");
    ui_csrf(h, &b);
    pf_input(&b, "f", "current_password", _("Current password"), "password", NULL, h->ctx.errors, 1,
             " autocomplete=\"current-password\"");
    pf_input(&b, "f", "new_password", _("New password (at least 10 characters)"), "password", NULL,
             h->ctx.errors, 1, " autocomplete=\"new-password\" minlength=\"10\"");
    pf_input(&b, "f", "confirm_password", _("New password again"), "password", NULL, h->ctx.errors, 1,
             " autocomplete=\"new-password\"");
    html_printf(
        &b,
        "<p class=\"muted small\">%s</p><div class=\"buttons\"><button type=\"submit\" class=\"primary\">"
        "%s</button></div></form></section>",
        _("Changing your password logs you out everywhere else."), _("Change password"));
    page_send(h, status, &b);
}

void pg_account(struct hreq *h)
{
    account_render(h, 200);
}

static void account_done(struct hreq *h)
{
    if (h->rc == OK)
        reply_redirect(h, "/account?msg=password");
    else if (h->rc == ERR_INVALID)
        account_render(h, 400);
    else
        reply_core_error(h, h->rc);
}

void pg_account_save(struct hreq *h)
{
    const char *next = fstr(h, "new_password"), *again = fstr(h, "confirm_password");
    if (next && *next && !str_eq(next, again))
        ctx_field(&h->ctx, "confirm_password", _("does not match the new password"));
    session_change_password(h, fstr(h, "current_password"), next, account_done);
}

static int language_w(struct hreq *h)
{
    return staff_set_language(&h->ctx, fstr(h, "language"));
}
static void language_done(struct hreq *h)
{
    if (h->rc == OK)
        reply_redirect(h, "/account?msg=language");
    else if (h->rc == ERR_INVALID)
        account_render(h, 400);
    else
        reply_core_error(h, h->rc);
}
void pg_account_language(struct hreq *h)
{
    http_write(h, language_w, language_done);
}
