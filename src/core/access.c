/* access: decides every access to client data from the relationship between the actor and
 * the client (DESIGN §5). Nothing else in Hearth decides; api/ and ui/ only ask core/. */
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

int access_is(const struct ctx *c, unsigned role_bits)
{
    return c->a && (ROLE_BIT(c->a->role) & role_bits) != 0;
}

/* Roles that may read notes marked restricted when they have full access by relationship. */
#define ROLES_RESTRICTED (ROLE_BIT(ROLE_SUPERVISOR) | ROLE_BIT(ROLE_CASE_MANAGER) | ROLE_BIT(ROLE_CLINICIAN))

int access_client(struct ctx *c, int64_t client_id, struct access *out)
{
    memset(out, 0, sizeof *out);
    int64_t client_org = db_int1(c->db, -1, "SELECT org_id FROM clients WHERE id=?", "i", client_id);
    if (client_org < 0)
        return ERR_NOTFOUND;
    const struct actor *a = c->a;
    if (!a || a->role == ROLE_ANALYST || a->role == ROLE_ADMIN)
        return OK; /* no client-level data at all */
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    /* On the care team of an open episode, or its primary case manager. */
    int team = db_int1(c->db, 0,
                       "SELECT 1 FROM episodes e WHERE e.client_id=? AND e.status<>'discharged' AND (e.primary_cm=?"
                       " OR EXISTS (SELECT 1 FROM team_members t WHERE t.episode_id=e.id AND t.staff_id=?"
                       " AND t.from_date<=? AND (t.to_date IS NULL OR t.to_date>?))) LIMIT 1",
                       "iiitt", client_id, a->staff_id, a->staff_id, today, today) == 1;
    /* A supervisor oversees the open episodes of their own organisation. */
    int supervised = !team && a->role == ROLE_SUPERVISOR &&
                     db_int1(c->db, 0,
                             "SELECT 1 FROM episodes WHERE client_id=? AND org_id=? AND status<>'discharged' LIMIT 1",
                             "ii", client_id, a->org_id) == 1;
    if (team || supervised) {
        out->level = ACC_FULL;
        out->notes = a->role != ROLE_CARE_DESK;
        out->restricted = (ROLE_BIT(a->role) & ROLES_RESTRICTED) != 0;
        out->write = 1;
        return OK;
    }
    /* Break-glass: time-limited full access with a typed reason (restricted notes stay closed). */
    struct db_stmt *st = db_query(c->db,
                                  "SELECT expires_at FROM break_glass WHERE staff_id=? AND client_id=? AND expires_at>?"
                                  " ORDER BY expires_at DESC LIMIT 1",
                                  "iit", a->staff_id, client_id, now);
    if (db_step(st) == DB_ROW) {
        out->level = ACC_FULL;
        out->break_glass = 1;
        out->notes = 1;
        out->write = 1;
        snprintf(out->bg_expires, sizeof out->bg_expires, "%s", db_text(st, 0));
    }
    db_done(st);
    if (out->level == ACC_FULL || a->role == ROLE_PEER)
        return OK; /* a peer supporter sees only the clients assigned to them */
    /* Same organisation without a relationship: enough to find the client and ask for access. */
    if (client_org == a->org_id ||
        db_int1(c->db, 0, "SELECT 1 FROM episodes WHERE client_id=? AND org_id=? LIMIT 1", "ii", client_id,
                a->org_id) == 1)
        out->level = ACC_FIND;
    return OK;
}

int access_require(struct ctx *c, int64_t client_id, int level, const char *action, struct access *out)
{
    struct access tmp;
    if (!out)
        out = &tmp;
    int rc = access_client(c, client_id, out);
    if (rc != OK)
        return ctx_fail(c, rc, _("No such client."));
    if (out->level < level) {
        audit_log(c, action, "denied", client_id, "client", client_id, NULL);
        return ctx_fail(c, ERR_FORBIDDEN, out->level == ACC_FIND
                                              ? _("You are not on this client's care team.")
                                              : _("You may not see this client."));
    }
    return OK;
}
