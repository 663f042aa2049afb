/* account: what ends a staff member's credentials. API tokens listed (created, expires, last use)
 * and revoked by their owner or an administrator; every token ended by a password change, a reset
 * or a disabled account; an administrator's password reset (a temporary password the user must
 * replace at the next login). The tokens themselves are made and looked up by auth/ (hashed). */
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

#define TOKEN_COLS                                                                                           \
    "SELECT t.id, t.staff_id, t.name, t.created_at, t.expires_at, t.last_used_at, t.revoked_at,"             \
    " t.revoke_reason, CASE WHEN t.revoked_at IS NOT NULL THEN 'revoked' WHEN t.expires_at<=? THEN 'expired'" \
    " ELSE 'active' END AS status FROM api_tokens t"

/* The owner, or an administrator (the access table's staff administration cell). */
static int may_manage(struct ctx *c, int64_t staff_id)
{
    return staff_id == c->a->staff_id || access_may(c, RES_STAFF, ACT_ADMINISTER, 0);
}

int token_list(struct ctx *c, int64_t staff_id, const struct page *pg, json_t **out)
{
    static const struct page_key order[] = {{"p.created_at", 1}, {"p.id", 1}, {NULL, 0}};
    if (!may_manage(c, staff_id))
        return access_deny(c, RES_STAFF, ACT_ADMINISTER, 0, "token.list", "staff", staff_id,
                           _("You may see only your own API tokens."));
    if (staff_id != c->a->staff_id && db_int1(c->db, 0, "SELECT 1 FROM staff WHERE id=?", "i", staff_id) != 1)
        return ctx_fail(c, ERR_NOTFOUND, _("No such staff member."));
    char now[32];
    iso_now(now);
    return page_query(c, pg, order, out, TOKEN_COLS " WHERE t.staff_id=?", "ti", now, staff_id);
}

int token_revoke(struct ctx *c, int64_t id, json_t **out)
{
    int64_t owner = db_int1(c->db, 0, "SELECT staff_id FROM api_tokens WHERE id=?", "i", id);
    if (!owner)
        return ctx_fail(c, ERR_NOTFOUND, _("No such API token."));
    if (!may_manage(c, owner))
        return access_deny(c, RES_STAFF, ACT_ADMINISTER, 0, "token.revoke", "api_token", id,
                           _("You may revoke only your own API tokens."));
    char now[32];
    iso_now(now);
    int rc = db_run(c->db,
                    "UPDATE api_tokens SET revoked_at=?, revoked_by=?, revoke_reason=? WHERE id=? AND revoked_at IS NULL",
                    "titi", now, c->a->staff_id, owner == c->a->staff_id ? "owner" : "administrator", id);
    if (rc != DB_OK)
        return ctx_fail(c, ERR_DB, _("The API token could not be revoked."));
    if (db_changes(c->db) != 1)
        return ctx_fail(c, ERR_CONFLICT, _("This API token is already revoked."));
    audit_log(c, "token.revoke", "ok", 0, "api_token", id, owner == c->a->staff_id ? NULL : "administrator");
    *out = db_row(c->db, TOKEN_COLS " WHERE t.id=?", "ti", now, id);
    return *out ? OK : ctx_fail(c, ERR_DB, _("The API token could not be revoked."));
}

int tokens_end(struct ctx *c, int64_t staff_id, const char *reason)
{
    char now[32];
    iso_now(now);
    json_t *ids = db_rows(c->db, "SELECT id FROM api_tokens WHERE staff_id=? AND revoked_at IS NULL AND expires_at>?",
                          "it", staff_id, now);
    int rc = db_run(c->db,
                    "UPDATE api_tokens SET revoked_at=?, revoked_by=?, revoke_reason=? WHERE staff_id=? AND"
                    " revoked_at IS NULL",
                    "titi", now, c->a->staff_id, reason, staff_id);
    size_t i;
    json_t *r;
    json_array_foreach(ids, i, r) audit_log(c, "token.revoke", "ok", 0, "api_token",
                                            json_integer_value(json_object_get(r, "id")), reason);
    json_decref(ids);
    return rc == DB_OK ? OK : ctx_fail(c, ERR_DB, _("The API tokens could not be ended."));
}

int staff_reset_password(struct ctx *c, int64_t id, const char *pw_hash)
{
    int rc = access_check(c, RES_STAFF, ACT_ADMINISTER, 0, "staff.reset");
    if (rc != OK)
        return rc;
    if (db_int1(c->db, 0, "SELECT 1 FROM staff WHERE id=?", "i", id) != 1)
        return ctx_fail(c, ERR_NOTFOUND, _("No such staff member."));
    if (id == c->a->staff_id)
        return ctx_fail(c, ctx_field(c, "password", _("change your own password on your account page")),
                        _("You cannot reset your own password."));
    if (!pw_hash || strncmp(pw_hash, "$argon2id$", 10) != 0 || strlen(pw_hash) >= 128)
        return ctx_fail(c, ERR_INVALID, _("The password must arrive hashed."));
    rc = db_run(c->db, "UPDATE staff SET pw_hash=?, must_change=1, version=version+1 WHERE id=?", "ti", pw_hash, id);
    if (rc == DB_OK)
        rc = db_run(c->db, "DELETE FROM sessions WHERE staff_id=?", "i", id);
    if (rc != DB_OK)
        return ctx_fail(c, ERR_DB, _("The password could not be stored."));
    audit_log(c, "staff.reset", "ok", 0, "staff", id, NULL);
    return tokens_end(c, id, "reset");
}
