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

/* Every fact the decision needs, in one query (one round trip on a client-server database):
 * the client's organisation; on the care team of an open episode (or its primary case manager);
 * an open episode in the actor's organisation (what a supervisor oversees); the newest unexpired
 * break-glass; any episode in the actor's organisation. */
static const char SQL_FACTS[] =
    "SELECT c.org_id,"
    " EXISTS (SELECT 1 FROM episodes e WHERE e.client_id=c.id AND e.status<>'discharged' AND (e.primary_cm=?2"
    " OR EXISTS (SELECT 1 FROM team_members t WHERE t.episode_id=e.id AND t.staff_id=?2"
    " AND t.from_date<=?3 AND (t.to_date IS NULL OR t.to_date>?3)))) AS team,"
    " EXISTS (SELECT 1 FROM episodes e WHERE e.client_id=c.id AND e.org_id=?4 AND e.status<>'discharged') AS org_open,"
    " (SELECT max(b.expires_at) FROM break_glass b WHERE b.staff_id=?2 AND b.client_id=c.id AND b.expires_at>?5)"
    " AS glass,"
    " EXISTS (SELECT 1 FROM episodes e WHERE e.client_id=c.id AND e.org_id=?4) AS org_any"
    " FROM clients c WHERE c.id=?1";

int access_client(struct ctx *c, int64_t client_id, struct access *out)
{
    memset(out, 0, sizeof *out);
    const struct actor *a = c->a;
    if (!a || a->role == ROLE_ANALYST || a->role == ROLE_ADMIN) /* no client-level data at all */
        return db_int1(c->db, -1, "SELECT org_id FROM clients WHERE id=?", "i", client_id) < 0 ? ERR_NOTFOUND : OK;
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    struct db_stmt *st = db_query(c->db, SQL_FACTS, "iitit", client_id, a->staff_id, today, a->org_id, now);
    if (db_step(st) != DB_ROW) {
        db_done(st);
        return ERR_NOTFOUND;
    }
    int64_t client_org = db_int(st, 0);
    int team = db_int(st, 1) != 0, org_open = db_int(st, 2) != 0, org_any = db_int(st, 4) != 0;
    const char *glass = db_text(st, 3);
    if (glass)
        snprintf(out->bg_expires, sizeof out->bg_expires, "%s", glass);
    db_done(st);
    /* A supervisor oversees the open episodes of their own organisation. */
    int supervised = !team && a->role == ROLE_SUPERVISOR && org_open;
    if (team || supervised) {
        out->bg_expires[0] = 0;
        out->level = ACC_FULL;
        out->notes = a->role != ROLE_CARE_DESK;
        out->restricted = (ROLE_BIT(a->role) & ROLES_RESTRICTED) != 0;
        out->write = 1;
        return OK;
    }
    /* Break-glass: time-limited full access with a typed reason (restricted notes stay closed). */
    if (out->bg_expires[0]) {
        out->level = ACC_FULL;
        out->break_glass = 1;
        out->notes = 1;
        out->write = 1;
        return OK;
    }
    if (a->role == ROLE_PEER)
        return OK; /* a peer supporter sees only the clients assigned to them */
    /* Same organisation without a relationship: enough to find the client and ask for access. */
    if (client_org == a->org_id || org_any)
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
