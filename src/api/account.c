/* account: identity and administration over the API: login, logout, me, password, API tokens,
 * organisations and staff, health and metrics. */
#include "api/api_int.h"
#include "core/identity.h"
#include <stdio.h>

static void login_done(struct hreq *h)
{
    if (h->rc != OK) {
        if (h->rc == ERR_UNAUTH)
            ctx_fail(&h->ctx, ERR_UNAUTH, _("Wrong username or password."));
        reply_core_error(h, h->rc);
        return;
    }
    json_t *o = json_pack("{s:{s:I,s:s,s:s,s:s,s:I,s:b},s:s}", "user", "id", (json_int_t)h->actor.staff_id, "username",
                          h->actor.username, "name", h->actor.name, "role", role_table[h->actor.role].name, "org_id",
                          (json_int_t)h->actor.org_id, "must_change", h->actor.must_change, "csrf_token", h->csrf);
    reply_json(h, 200, o);
}
static void login(struct hreq *h)
{
    session_login(h, fstr(h, "username"), fstr(h, "password"), login_done);
}

static void logout_done(struct hreq *h)
{
    reply_json(h, 200, json_pack("{s:b}", "logged_out", 1));
}
static void logout(struct hreq *h)
{
    session_logout(h, logout_done);
}

/* language: the stored preference (null: none); lang: the language this request was answered in. */
static void me(struct hreq *h)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:s?,s:s?,s:s,s:b}", "id", (json_int_t)h->actor.staff_id,
                          "username", h->actor.username, "name", h->actor.name, "role",
                          role_table[h->actor.role].name, "discipline", h->actor.discipline, "org_id",
                          (json_int_t)h->actor.org_id, "csrf_token", h->auth == 1 ? h->csrf : NULL, "language",
                          h->actor.lang[0] ? h->actor.lang : NULL, "lang", h->lang, "must_change",
                          h->actor.must_change);
    reply_json(h, 200, o);
}

/* PATCH /me {language: "en" | "ko" | null}: the answer is already in the new choice. */
static int me_update_w(struct hreq *h)
{
    json_t *v = json_object_get(h->body, "language");
    if (!v || !(json_is_string(v) || json_is_null(v)))
        return ctx_fail(&h->ctx, ctx_field(&h->ctx, "language", _("is required: \"en\", \"ko\" or null")),
                        _("Some fields need attention."));
    return staff_set_language(&h->ctx, json_string_value(v));
}
static void me_updated(struct hreq *h)
{
    if (h->rc != OK) {
        reply_core_error(h, h->rc);
        return;
    }
    const char *l = i18n_supported(json_string_value(json_object_get(h->body, "language")));
    snprintf(h->actor.lang, sizeof h->actor.lang, "%s", l ? l : "");
    snprintf(h->lang, sizeof h->lang, "%s", i18n_choose(h->actor.lang, req_header(h, "accept-language")));
    i18n_use(h->lang);
    me(h);
}
static void me_update(struct hreq *h)
{
    http_write(h, me_update_w, me_updated);
}

static void password_done(struct hreq *h)
{
    if (h->rc != OK)
        reply_core_error(h, h->rc);
    else
        reply_json(h, 200, json_pack("{s:b}", "changed", 1));
}
static void password(struct hreq *h)
{
    session_change_password(h, fstr(h, "current_password"), fstr(h, "new_password"), password_done);
}

static void token_create(struct hreq *h)
{
    if (h->auth == 2) {
        reply_problem(h, 403, N_("Forbidden"),
                      _("An API token cannot make API tokens: log in with your password to make one."), NULL);
        return;
    }
    http_write(h, session_token_run, api_done_201);
}
API_LIST(tokens_mine, token_list(&h->ctx, h->actor.staff_id, &pg, &h->result))
API_LIST(tokens_of_staff, token_list(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(token_revoke_h, token_revoke(&h->ctx, h->id[0], &h->result), api_done_200)

/* An administrator resets a password: {"password"} sets it, none makes one (shown once). */
static void staff_reset_done(struct hreq *h)
{
    if (h->rc != OK) {
        reply_core_error(h, h->rc);
        return;
    }
    reply_json(h, 200, h->result);
    h->result = NULL;
}
static void staff_reset_h(struct hreq *h)
{
    session_staff_reset(h, staff_reset_done);
}

API_LIST(orgs_list, org_list(&h->ctx, &pg, &h->result))
API_WRITE(orgs_create, org_create(&h->ctx, h->body, &h->result), api_done_201)
static int org_update_w(struct hreq *h)
{
    json_t *v = json_object_get(h->body, "version");
    int64_t ver = h->if_match >= 0 ? h->if_match : json_is_integer(v) ? json_integer_value(v) : -1;
    return org_update(&h->ctx, h->id[0], ver, h->body, &h->result);
}
static void orgs_update(struct hreq *h)
{
    if (api_need_version(h))
        http_write(h, org_update_w, api_done_200);
}
API_LIST(staff_list_h,
         staff_list(&h->ctx, &pg,
                    &(struct staff_filter){qstr(h, "q"), qstr(h, "role"), qstr(h, "status"), api_qint(h, "org_id", 0)},
                    &h->result))
API_READ(staff_get_h, staff_get(&h->ctx, h->id[0], &h->result))
static void staff_create_h(struct hreq *h)
{
    session_staff_create(h, api_done_201);
}
static int staff_update_w(struct hreq *h)
{
    json_t *v = json_object_get(h->body, "version");
    int64_t ver = h->if_match >= 0 ? h->if_match : json_is_integer(v) ? json_integer_value(v) : -1;
    return staff_update(&h->ctx, h->id[0], ver, h->body, &h->result);
}
static void staff_update_h(struct hreq *h)
{
    if (api_need_version(h))
        http_write(h, staff_update_w, api_done_200);
}

void api_healthz(struct hreq *h)
{
    int ok = identity_db_alive(h->ctx.db);
    reply_json(h, ok ? 200 : 503, json_pack("{s:s}", "status", ok ? "ok" : "database unavailable"));
}

void api_metrics(struct hreq *h)
{
    int n;
    const struct route **r = http_routes(&n);
    struct buf b;
    buf_init(&b);
    metrics_render(&b, r, n);
    reply_body(h, 200, "text/plain; version=0.0.4", &b);
}

/* Request bodies, for the API document. */
static const struct res_field login_body[] = {
    {"username", FT_STRING, 0, "Username"}, {"password", FT_STRING, 0, "Password"}, {NULL, 0, 0, NULL}};
static const struct res_field password_body[] = {{"current_password", FT_STRING, 0, "Current password"},
                                                 {"new_password", FT_STRING, 0, "New password (10 to 200 characters)"},
                                                 {NULL, 0, 0, NULL}};
static const struct res_field me_body[] = {
    {"language", FT_STRING, 1, "Preferred language: en, ko, or null for the browser's"}, {NULL, 0, 0, NULL}};
static const struct res_field token_body[] = {
    {"name", FT_STRING, 0, "What the token is for"},
    {"expires_in_days", FT_INT, 1, "Days until it ends: 1 to 365 (90 when absent)"},
    {NULL, 0, 0, NULL}};
static const struct res_field reset_body[] = {
    {"password", FT_STRING, 1, "The temporary password (10 to 200 characters); absent: one is made and shown once"},
    {NULL, 0, 0, NULL}};

static const struct res_field staff_query[] = {{"q", FT_STRING, 1, "Part of the name or username (% and _ match themselves)"},
                                               {"role", FT_STRING, 1, "Only this role"},
                                               {"status", FT_STRING, 1, "active or disabled"},
                                               {"org_id", FT_INT, 1, "Only this organisation (administrators)"},
                                               {NULL}};
static const struct res_field org_body[] = {
    {"name", FT_STRING, 0, "Name"},
    {"kind", FT_STRING, 0, "Kind of organisation"},
    {"district", FT_STRING, 1, "District (the directory is searched by it)"},
    {NULL, 0, 0, NULL}};
static const struct res_field org_change[] = {
    {"phq2_threshold", FT_INT, 1, "PHQ-2 cut-off: 3 (default) or 2 (higher sensitivity)"},
    {"district", FT_STRING, 1, "District (empty clears it)"}, {NULL, 0, 0, NULL}};
static const struct res_field staff_body[] = {
    {"username", FT_STRING, 0, "Username"},
    {"display_name", FT_STRING, 0, "Name"},
    {"role", FT_STRING, 0, "Role"},
    {"discipline", FT_STRING, 1, "Discipline"},
    {"phone", FT_STRING, 1, "Phone"},
    {"org_id", FT_INT, 0, "Organisation"},
    {"password", FT_STRING, 0, "First password"},
    {NULL, 0, 0, NULL}};
static const struct res_field staff_change[] = {
    {"display_name", FT_STRING, 1, "Name"},
    {"role", FT_STRING, 1, "Role"},
    {"discipline", FT_STRING, 1, "Discipline"},
    {"phone", FT_STRING, 1, "Phone"},
    {"disabled", FT_BOOL, 1, "Disabled"},
    {NULL, 0, 0, NULL}};

#define A ROLES_ANY
#define ADM ROLE_BIT(ROLE_ADMIN)
#define J RF_API
const struct route api_account_routes[] = {
    {"POST", "/api/v1/login", login, A, J | RF_PUBLIC, DOC0(RR_ONE, "Log in: a session cookie, the user and the CSRF token"), .body = login_body},
    {"POST", "/api/v1/logout", logout, A, J | RF_PASSWORD_DUE, DOC0(RR_NOTHING, "Log out: the session ends")},
    {"GET", "/api/v1/me", me, A, J, DOC0(RR_ONE, "Who is logged in")},
    {"PATCH", "/api/v1/me", me_update, A, J, DOC0(RR_ONE, "Change one's own preferences (the language)"), .body = me_body},
    {"POST", "/api/v1/me/password", password, A, J | RF_PASSWORD_DUE, DOC0(RR_NOTHING, "Change one's own password (other sessions end)"), .body = password_body},
    {"POST", "/api/v1/tokens", token_create, A, J, DOC0(RR_ONE, "Make an API token (shown once; with a session, never with a token)"), .status = 201, .body = token_body},
    {"GET", "/api/v1/tokens", tokens_mine, A, J, DOC0(RR_LIST, "One's own API tokens: created, expires, last used, revoked")},
    {"DELETE", "/api/v1/tokens/{id}", token_revoke_h, A, J, DOC0(RR_ONE, "Revoke an API token (its owner, or an administrator)")},
    {"GET", "/api/v1/orgs", orgs_list, A, J, DOC(RR_LIST, RES_ORG, ACT_LIST, "Organisations, by name")},
    {"POST", "/api/v1/orgs", orgs_create, ADM, J, DOC(RR_ONE, RES_ORG, ACT_CREATE, "Add an organisation"), .status = 201, .body = org_body},
    {"PATCH", "/api/v1/orgs/{id}", orgs_update, ADM, J, DOC(RR_ONE, RES_ORG, ACT_UPDATE, "Change an organisation's settings (If-Match: its version)"), .body = org_change},
    {"GET", "/api/v1/staff", staff_list_h, A, J, DOC(RR_LIST, RES_STAFF, ACT_LIST, "Staff accounts (administrators: all; supervisors: their organisation; others: a directory)"), .query = staff_query},
    {"POST", "/api/v1/staff", staff_create_h, ADM, J, DOC(RR_ONE, RES_STAFF, ACT_CREATE, "Add a staff account"), .status = 201, .body = staff_body},
    {"GET", "/api/v1/staff/{id}", staff_get_h, A, J, DOC(RR_ONE, RES_STAFF, ACT_READ, "A staff account")},
    {"PATCH", "/api/v1/staff/{id}", staff_update_h, ADM, J, DOC(RR_ONE, RES_STAFF, ACT_UPDATE, "Change a staff account (If-Match: its version)"), .body = staff_change},
    {"POST", "/api/v1/staff/{id}/password", staff_reset_h, A, J, DOC0(RR_ONE, "Reset a staff member's password: a temporary one they must change at the next login; their sessions and API tokens end"), GATE(RES_STAFF, ACT_ADMINISTER), .body = reset_body},
    {"GET", "/api/v1/staff/{id}/tokens", tokens_of_staff, A, J, DOC0(RR_LIST, "A staff member's API tokens (their own, or an administrator)")},
    {"GET", "/healthz", api_healthz, A, J | RF_PUBLIC, DOC0(RR_ONE, "Is the server up and the database reachable")},
    {"GET", "/metrics", api_metrics, A, J | RF_PUBLIC},
    {0},
};
HTTP_ROUTES(api_account_routes, "api-1-account");
