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

/* ---- API tokens: listed (created, expires, last use), made (shown once), revoked ---- */

static int token_revoke_run(struct hreq *h, json_t *in)
{
    (void)in;
    return token_revoke(&h->ctx, h->id[0], &h->result);
}
static const struct form_field token_revoke_fields[] = {{0}};
static const struct form form_token_revoke = {.id = "token-revoke-form",
                                              .pfx = "tr",
                                              .action = "/account/tokens/{id}/revoke",
                                              .cls = "inline",
                                              .submit = N_("Revoke"),
                                              .button = "small quiet-danger",
                                              .confirm = N_("Revoke this API token? Programs using it stop working."),
                                              .flash = "token-revoked",
                                              .done = "/account#tokens",
                                              .fields = token_revoke_fields,
                                              .run = token_revoke_run,
                                              .page = account_render,
                                              .flags = FORM_MANY};
static const char *const token_days[] = {"30", "90", "180", "365", NULL};
static const struct form_field token_fields[] = {
    ROW(2),
    F("name", FI_TEXT, N_("What it is for"), FF_REQ, .attrs = " maxlength=\"80\""),
    F("expires_in_days", FI_SELECT, N_("Ends after"), FF_REQ, .choices = token_days),
    ROW_END,
    {0},
};
static const struct form form_token = {.id = "token-form",
                                       .action = "/account/tokens",
                                       .submit = N_("Make an API token"),
                                       .fields = token_fields,
                                       .page = account_render};

/* The tokens of staff_id as a table, each with its revoke form (f) while it is active. */
void page_tokens_table(struct hreq *h, struct buf *b, json_t *env, const struct form *f, const struct fstate *fs)
{
    json_t *rows = json_object_get(env, "items");
    if (!json_array_size(rows)) {
        html_printf(b, "<p class=\"muted\" id=\"tokens-none\">%s</p>", _("No API tokens."));
        return;
    }
    html_printf(b,
                "<table class=\"list\" id=\"tokens-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
                "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
                "<span class=\"sr\">%s</span></th></tr></thead><tbody>",
                _("Name"), _("Created"), _("Expires"), _("Last used"), _("Status"), _("Actions"));
    size_t i;
    json_t *t;
    json_array_foreach(rows, i, t)
    {
        int64_t id = page_int(t, "id");
        const char *st = jstr(t, "status");
        html_printf(b, "<tr data-token-id=\"%D\" class=\"%s\"><td data-label=\"%s\">%s</td><td data-label=\"%s\">", id,
                    str_eq(st, "active") ? "" : "ended", _("Name"), jstr(t, "name"), _("Created"));
        page_when(b, jstr(t, "created_at"));
        html_printf(b, "</td><td data-label=\"%s\">", _("Expires"));
        page_when(b, jstr(t, "expires_at"));
        html_printf(b, "</td><td data-label=\"%s\">", _("Last used"));
        if (*jstr(t, "last_used_at"))
            page_when(b, jstr(t, "last_used_at"));
        else
            html_printf(b, "<span class=\"muted\">%s</span>", _("never"));
        html_printf(b, "</td><td data-label=\"%s\">", _("Status"));
        if (str_eq(st, "revoked")) {
            const char *why = jstr(t, "revoke_reason");
            html_printf(b, "%s", str_eq(why, "password")        ? _("ended by a password change")
                                 : str_eq(why, "reset")         ? _("ended by a password reset")
                                 : str_eq(why, "disabled")      ? _("ended: the account was disabled")
                                 : str_eq(why, "administrator") ? _("revoked by an administrator")
                                                                : _("revoked"));
        } else {
            html_printf(b, "%s", str_eq(st, "expired") ? _("expired") : _("active"));
        }
        buf_adds(b, "</td><td class=\"actions\">");
        if (str_eq(st, "active"))
            form_show(h, b, f, &(struct form_view){.target = id, .fs = fs, .sr = jstr(t, "name")});
        buf_adds(b, "</td></tr>");
    }
    buf_adds(b, "</tbody></table>");
}

static _Thread_local json_t *made_token; /* this loop thread's answer being drawn: set and cleared around it */

static void account_render(struct hreq *h, int status, const struct fstate *fs)
{
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("My account"));
    page_flash(h, &b);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1></div>", _("My account"));
    if (h->actor.must_change) { /* nothing but the new password until it is chosen */
        html_printf(&b, "<div class=\"notice warn\" role=\"alert\" id=\"must-change\">%s</div>",
                    _("An administrator set your password. Choose a new one before you go on."));
        html_printf(&b, "<section class=\"card narrow\" aria-labelledby=\"pw-h\"><h2 id=\"pw-h\">%s</h2>",
                    _("Change my password"));
        form_failure(&b, fs);
        form_show(h, &b, &form_account, &(struct form_view){.fs = fs});
        html_printf(&b, "</section><form method=\"post\" action=\"/logout\" class=\"inline\"><input type=\"hidden\" "
                        "name=\"_csrf\" value=\"%s\"><button class=\"small\" type=\"submit\">%s</button></form>",
                    h->csrf, _("Log out"));
        page_send(h, status, &b);
        return;
    }
    json_t *me = NULL;
    if (staff_get(&h->ctx, h->actor.staff_id, &me) == OK) {
        char rl[64], dl[64];
        html_printf(&b,
                    "<section class=\"card\" aria-labelledby=\"me-h\"><h2 id=\"me-h\">%s</h2><dl "
                    "class=\"facts-list\">"
                    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
                    _("Who I am"), _("Name"), jstr(me, "display_name"), _("Username"), jstr(me, "username"),
                    _("Role"), ui_vlabel("role", jstr(me, "role"), rl, sizeof rl));
        if (*jstr(me, "discipline"))
            html_printf(&b, "<dt>%s</dt><dd>%s</dd>", _("Discipline"),
                        ui_vlabel("discipline", jstr(me, "discipline"), dl, sizeof dl));
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
    /* API tokens: made with a session only (this page), never shown again after this answer. */
    html_printf(&b, "<section class=\"card\" id=\"tokens\" aria-labelledby=\"tok-h\"><h2 id=\"tok-h\">%s</h2>",
                _("API tokens"));
    html_printf(&b, "<p class=\"muted small\">%s</p>",
                _("A program sends an API token as \"Authorization: Bearer ...\". A token ends when it expires, when "
                  "you revoke it, and when your password changes."));
    if (made_token)
        html_printf(&b,
                    "<div class=\"notice\" role=\"status\" id=\"token-made\"><p>%s</p><p><code class=\"mono\" "
                    "id=\"new-token\">%s</code></p></div>",
                    _("Your new API token. Copy it now: it is not shown again."), jstr(made_token, "token"));
    json_t *env = NULL;
    if (token_list(&h->ctx, h->actor.staff_id, &(struct page){qstr(h, "after"), 0}, &env) == OK) {
        page_tokens_table(h, &b, env, &form_token_revoke, fs);
        page_more(&b, env, "/account?", _("More tokens"), "tokens-more");
    } else {
        h->ctx.msg[0] = 0;
    }
    json_decref(env);
    if (fs && fs->form == &form_token)
        form_failure(&b, fs);
    json_t *days = json_pack("{s:s}", "expires_in_days", "90");
    json_t *opts = json_pack("{s:[[s,s],[s,s],[s,s],[s,s]]}", "expires_in_days", "30", _("30 days"), "90",
                             _("90 days"), "180", _("180 days"), "365", _("365 days"));
    form_show(h, &b, &form_token, &(struct form_view){.vals = days, .opts = opts, .fs = fs});
    json_decref(opts);
    json_decref(days);
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

static void token_made(struct hreq *h)
{
    if (h->rc != OK) {
        struct fstate fs = {.form = &form_token, .vals = h->body, .errs = h->ctx.errors,
                            .msg = h->ctx.msg[0] ? h->ctx.msg : NULL, .status = 400};
        account_render(h, h->rc == ERR_INVALID ? 400 : 500, &fs);
        return;
    }
    made_token = h->result;
    account_render(h, 200, NULL);
    made_token = NULL;
}

/* Make a token: the answer is the account page with the token, shown this once (no redirect). */
void pg_token_create(struct hreq *h)
{
    const char *d = fstr(h, "expires_in_days");
    int64_t n;
    if (d && parse_int64(d, &n) == 0)
        json_object_set_new(h->body, "expires_in_days", json_integer((json_int_t)n));
    http_write(h, session_token_run, token_made);
}

void pg_token_revoke(struct hreq *h)
{
    form_post(h, &form_token_revoke);
}
