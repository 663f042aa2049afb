/* access: decides every access to client data from the relationship between the actor and
 * the client (DESIGN §5). Nothing else in Hearth decides; api/ and ui/ only ask core/.
 *
 * One table: resource x action x relationship x role -> verdict. A row names the relationships
 * and the roles it covers; anything no row covers is denied. The relationships that hold for
 * (actor, client) come from one query, kept on the context for the rest of the request; the
 * decision is the best verdict over them (allow beats allow-with-purpose beats deny). */
#include "base/base.h"
#include "core/core.h"
#include "core/access_rows.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

/* ---- the table ---- */

/* The rows are each resource's own (resources[r]->access, {0}-terminated, at the end of its core/
 * module); their words are core/access_rows.h's. */
#undef A
#undef P

static const char *const act_names[ACT__COUNT] = {"read", "list", "create", "update", "review", "administer"};
static const char *const rel_names[REL__COUNT] = {
    [REL_PRIMARY_CM] = "primary_cm", [REL_CARE_TEAM] = "care_team", [REL_PEER] = "peer",
    [REL_SUPERVISOR] = "supervisor", [REL_ON_CALL] = "on_call",     [REL_SHARED] = "shared",
    [REL_BREAK_GLASS] = "break_glass", [REL_SAME_ORG] = "same_org", [REL_NONE] = "none",
    [REL_HOUSED] = "housed",
};
static const char *const verdict_names[] = {"deny", "allow", "purpose"};

const char *access_res_name(enum res r)
{
    const struct resource *d = (unsigned)r < RES__COUNT ? resources[r] : NULL;
    return !d ? "?" : d->access_name ? d->access_name : d->name;
}
const char *access_act_name(enum act a) { return (unsigned)a < ACT__COUNT ? act_names[a] : "?"; }
const char *access_rel_name(enum rel r) { return (unsigned)r < REL__COUNT ? rel_names[r] : "?"; }
const char *access_verdict_name(enum verdict v) { return (unsigned)v < 3 ? verdict_names[v] : "?"; }

/* The purpose an allow-with-purpose verdict gives the audit records (shown in the access log). */
static const char *purpose_of(enum rel r)
{
    return r == REL_ON_CALL ? "on call" : r == REL_BREAK_GLASS ? "break-glass" : r == REL_SHARED ? "shared" : "care";
}

static int rank(enum verdict v)
{
    return v == V_ALLOW ? 2 : v == V_PURPOSE ? 1 : 0;
}

/* Relationships that only some roles can have (facts() below): a supervisor oversees, a peer
 * supporter is assigned, everyone else is on the care team. */
static int possible(enum rel rel, int role)
{
    switch (rel) {
    case REL_SUPERVISOR: return role == ROLE_SUPERVISOR;
    case REL_PEER: return role == ROLE_PEER;
    case REL_HOUSED: return role == ROLE_HOUSING;
    case REL_PRIMARY_CM:
    case REL_CARE_TEAM: return role != ROLE_PEER;
    default: return 1;
    }
}

enum verdict access_table(enum res r, enum act a, enum rel rel, int role)
{
    enum verdict best = V_DENY;
    if (role < 0 || role >= ROLE__COUNT || !possible(rel, role))
        return V_DENY;
    const struct access_rule *x = (unsigned)r < RES__COUNT && resources[r] ? resources[r]->access : NULL;
    for (; x && x->rels; x++) {
        if (x->res == r && x->act == a && (x->rels & R(rel)) && (x->roles & ROLE_BIT(role)) &&
            rank(x->v) > rank(best))
            best = x->v;
    }
    /* An emergency reaches a client outside one's care (break-glass, the on-call rota), and so does
     * another organisation through consent: it gives what the role would have on the client's care
     * team, never more, whatever a row says. */
    if ((rel == REL_BREAK_GLASS || rel == REL_ON_CALL || rel == REL_SHARED) && best != V_DENY &&
        access_table(r, a, REL_PRIMARY_CM, role) == V_DENY && access_table(r, a, REL_CARE_TEAM, role) == V_DENY &&
        access_table(r, a, REL_PEER, role) == V_DENY)
        best = V_DENY;
    /* A peer supporter's scope (issue 11 §4) is narrower than the classes a client may share with
     * them: through consent (another organisation's, or a "peer_support" consent to their own) they
     * read what the SHARED rows name for their role, and only read (read, list, and a contact's review: reading every worker's notes). */
    if (rel == REL_SHARED && role == ROLE_PEER && best == V_DENY &&
        (a == ACT_READ || a == ACT_LIST || (r == RES_CONTACT && a == ACT_REVIEW))) {
        for (x = (unsigned)r < RES__COUNT && resources[r] ? resources[r]->access : NULL; x && x->rels; x++)
            if (x->act == a && (x->rels & R(REL_SHARED)) && (x->roles & ROLE_BIT(role)) && rank(x->v) > rank(best))
                best = x->v;
    }
    return best;
}

/* The best verdict over the relationships that hold; *by is the relationship that gave it (the
 * strongest of them on a tie). */
static enum verdict decide(enum res r, enum act a, unsigned rels, int role, enum rel *by)
{
    enum verdict best = V_DENY;
    *by = REL_NONE;
    for (int rel = 0; rel < REL__COUNT; rel++) {
        if (!(rels & R(rel)))
            continue;
        enum verdict v = access_table(r, a, (enum rel)rel, role);
        if (rank(v) > rank(best)) {
            best = v;
            *by = (enum rel)rel;
        }
    }
    return best;
}

/* ---- the facts ---- */

/* Every fact the decision needs, in one query (one round trip on a client-server database):
 * the client's organisation; primary case manager of an open episode; on its care team today;
 * an open episode in the actor's organisation (what a supervisor oversees, what the on-call worker
 * covers); a shift of the actor's on the organisation's rota now; the newest unexpired
 * break-glass; any episode in the actor's organisation. */
static const char SQL_FACTS[] =
    "SELECT c.id," /* found */
    " EXISTS (SELECT 1 FROM episodes e WHERE e.client_id=c.id AND e.status<>'discharged' AND e.primary_cm=?2)"
    " AS primary_cm,"
    " EXISTS (SELECT 1 FROM episodes e JOIN team_members t ON t.episode_id=e.id WHERE e.client_id=c.id"
    " AND e.status<>'discharged' AND t.staff_id=?2 AND t.from_date<=?3 AND (t.to_date IS NULL OR t.to_date>?3))"
    " AS team,"
    " EXISTS (SELECT 1 FROM episodes e WHERE e.client_id=c.id AND e.org_id=?4 AND e.status<>'discharged') AS org_open,"
    " EXISTS (SELECT 1 FROM oncall o WHERE o.org_id=?4 AND o.staff_id=?2 AND o.ends_at>?5 AND o.starts_at<=?5)"
    " AS on_call,"
    " (SELECT max(b.expires_at) FROM break_glass b WHERE b.staff_id=?2 AND b.client_id=c.id AND b.expires_at>?5)"
    " AS glass,"
    " CASE WHEN " CLIENT_OF_ORG_SQL("?4") " THEN 1 ELSE 0 END AS same_org,"
    /* REL_HOUSED is a housing coordinator's only (?6): nobody else pays for its three look-ups */
    " (?6<>0 AND (EXISTS (SELECT 1 FROM housing_applications h WHERE h.client_id=c.id AND h.org_id=?4 AND"
    " h.status IN ('waiting','offered')) OR EXISTS (SELECT 1 FROM tenancies t WHERE t.client_id=c.id AND"
    " t.org_id=?4 AND t.end_date IS NULL) OR EXISTS (SELECT 1 FROM referrals r WHERE r.client_id=c.id AND"
    " r.to_org_id=?4 AND r.state IN ('accepted','in_progress')))) AS housed,"
    /* when the on-call facts change by time alone: the actor's next shift start or end */
    " (SELECT min(x) FROM (SELECT o.starts_at AS x FROM oncall o WHERE o.org_id=?4 AND o.staff_id=?2 AND"
    " o.starts_at>?5 UNION ALL SELECT o.ends_at FROM oncall o WHERE o.org_id=?4 AND o.staff_id=?2 AND"
    " o.ends_at>?5) z) AS until"
    " FROM clients c WHERE c.id=?1";

void access_forget(struct ctx *c)
{
    c->nfacts = 0;
    if (c->epoch > 0)
        c->epoch = 0;
}

int64_t access_epoch(struct db *db)
{
    return db_int1(db, -1, "SELECT n FROM access_epoch WHERE id=1", "");
}

int64_t access_epoch_of(struct ctx *c)
{
    if (c->epoch == 0)
        c->epoch = access_epoch(c->db);
    return c->epoch;
}

/* ---- what a thread keeps between requests ---- */

/* The facts of (actor, client) read on a connection outside any write transaction, or inside one
 * that has changed none of them yet (below), are kept by the thread with the access epoch they
 * were read under, the day (care-team and consent dates) and the moment the first of them ends by
 * time alone (an on-call shift starting or ending, a break-glass expiring), and used again while
 * all three hold.
 * The epoch is asked at the start of each request, so a revoked consent, an ended team membership
 * or a new break-glass, committed by this server or any other writer of the database, is seen by
 * the next request (tests/unit/test_access.c: kept_facts_follow_the_database,
 * writer_keeps_facts_until_it_changes_them). */
#define KEPT 256 /* slots, by (actor, client) */
struct kept {
    uint64_t db; /* db_serial; 0: empty */
    int64_t epoch, staff_id, org_id;
    int role;
    char today[16], until[32]; /* until "": nothing ends by time */
    struct access_facts f;
};
static __thread struct kept kept[KEPT];

/* Inside a write transaction facts are used and kept too, while the access epoch read inside it is
 * still the one the request began under (c->epoch, read outside it): the committed epoch only grows
 * and the transaction's own changes move it further (the triggers; a ROLLBACK TO moves it back with
 * what it undoes), so an equal number means that the transaction has changed nothing the facts
 * read, and nothing is kept under the number of a state that may yet be undone. A request with no
 * epoch of its own (0) neither uses nor keeps there. */
static int64_t kept_epoch(struct ctx *c)
{
    if (c->epoch < 0 || !c->a)
        return -1;
    if (db_generation(c->db) == 0)
        return access_epoch_of(c);
    return c->epoch > 0 && access_epoch(c->db) == c->epoch ? c->epoch : -1;
}

static struct kept *kept_slot(struct ctx *c, int64_t client_id, int64_t epoch)
{
    if (epoch < 0)
        return NULL;
    uint64_t h = (uint64_t)client_id * 0x9E3779B97F4A7C15u ^ (uint64_t)c->a->staff_id * 0xC2B2AE3D27D4EB4Fu;
    return &kept[(h >> 32) % KEPT];
}

static int kept_holds(const struct kept *k, const struct ctx *c, int64_t client_id, int64_t epoch, const char *today,
                      const char *now)
{
    return k->db == db_serial(c->db) && k->f.client_id == client_id && k->epoch == epoch &&
           k->staff_id == c->a->staff_id && k->org_id == c->a->org_id && k->role == c->a->role &&
           strcmp(k->today, today) == 0 && (!k->until[0] || strcmp(now, k->until) < 0);
}

static void keep(struct kept *k, const struct ctx *c, int64_t epoch, const struct access_facts *f, const char *today,
                 const char *until)
{
    *k = (struct kept){.db = db_serial(c->db), .epoch = epoch, .staff_id = c->a->staff_id,
                       .org_id = c->a->org_id, .role = c->a->role, .f = *f};
    snprintf(k->today, sizeof k->today, "%s", today);
    snprintf(k->until, sizeof k->until, "%s", until ? until : "");
    if (f->bg_expires[0] && (!k->until[0] || strcmp(f->bg_expires, k->until) < 0))
        snprintf(k->until, sizeof k->until, "%s", f->bg_expires);
}

/* The facts of (actor, client) on this connection, asked once per request. NULL: a database error. */
static const struct access_facts *facts(struct ctx *c, int64_t client_id)
{
    int n = c->nfacts < ACCESS_CACHE ? c->nfacts : ACCESS_CACHE;
    for (int i = 0; i < n; i++)
        if (c->facts[i].client_id == client_id && c->facts[i].db == c->db)
            return &c->facts[i];
    struct access_facts *f = &c->facts[c->nfacts++ % ACCESS_CACHE];
    memset(f, 0, sizeof *f);
    f->db = c->db;
    f->client_id = client_id;
    const struct actor *a = c->a;
    if (!a) {
        int64_t org = db_int1(c->db, -1, "SELECT org_id FROM clients WHERE id=?", "i", client_id);
        f->found = org >= 0;
        return f;
    }
    char today[16], now[32], until[32] = "";
    iso_now(now);
    snprintf(today, sizeof today, "%.10s", now); /* iso_today, without a second clock read */
    int64_t epoch = kept_epoch(c);
    struct kept *k = kept_slot(c, client_id, epoch);
    if (k && kept_holds(k, c, client_id, epoch, today, now)) {
        *f = k->f;
        f->db = c->db;
        return f;
    }
    struct db_stmt *st = db_query(c->db, SQL_FACTS, "iititi", client_id, a->staff_id, today, a->org_id, now,
                                  (int64_t)(a->role == ROLE_HOUSING));
    int rc = db_step(st);
    if (rc != DB_ROW) {
        db_done(st);
        if (rc == DB_DONE) {
            if (k)
                keep(k, c, epoch, f, today, NULL);
            return f; /* found = 0 */
        }
        c->nfacts--;
        return NULL;
    }
    f->found = 1;
    int primary = db_int(st, 1) != 0, team = db_int(st, 2) != 0, org_open = db_int(st, 3) != 0;
    int on_call = db_int(st, 4) != 0, same_org = db_int(st, 6) != 0, housed = db_int(st, 7) != 0;
    const char *glass = db_text(st, 5);
    if (glass)
        snprintf(f->bg_expires, sizeof f->bg_expires, "%s", glass);
    if (db_text(st, 8))
        snprintf(until, sizeof until, "%s", db_text(st, 8));
    db_done(st);
    if (a->role == ROLE_PEER) {
        if (primary || team)
            f->rels |= R(REL_PEER); /* a peer supporter assigned to the client */
    } else {
        if (primary)
            f->rels |= R(REL_PRIMARY_CM);
        if (primary || team)
            f->rels |= R(REL_CARE_TEAM);
    }
    if (a->role == ROLE_SUPERVISOR && org_open)
        f->rels |= R(REL_SUPERVISOR);
    if (on_call && org_open)
        f->rels |= R(REL_ON_CALL);
    if (glass)
        f->rels |= R(REL_BREAK_GLASS);
    if (housed && a->role == ROLE_HOUSING)
        f->rels |= R(REL_HOUSED);
    if (same_org) {
        f->rels |= R(REL_SAME_ORG);
        /* The client may share more with the peer supporter assigned to them: an active consent for
         * peer support naming the peer's own organisation gives its classes, read only (REL_SHARED,
         * whose rows and the cap in access_table decide what each class opens). */
        if (f->rels & R(REL_PEER)) {
            int64_t k = consent_classes(c->db, client_id, a->org_id, consent_purposes_of_role(ROLE_PEER), today,
                                        &f->shared_consent);
            if (k < 0) {
                c->nfacts--;
                return NULL;
            }
            f->shared = (unsigned)k;
            if (f->shared)
                f->rels |= R(REL_SHARED);
        }
    } else {
        /* Another organisation: only through an active consent for a purpose of the actor's role,
         * and then only the classes it grants (verdict() applies them per resource). */
        int64_t k = consent_classes(c->db, client_id, a->org_id, consent_purposes_of_role(a->role), today,
                                    &f->shared_consent);
        if (k < 0) {
            c->nfacts--;
            return NULL;
        }
        f->shared = (unsigned)k;
        /* An open referral to the actor's organisation (received .. in progress): its staff who run
         * the intake queue read the referral's sections that the client's consent for a referral (or
         * care coordination) gives the organisation. */
        int64_t rid = 0, rcid = 0;
        unsigned sec = access_table(RES_REFERRAL, ACT_REVIEW, REL_NONE, a->role) == V_ALLOW
                           ? (unsigned)referral_shares(c->db, client_id, a->org_id, &rid)
                           : 0;
        if (sec) {
            int64_t rk = consent_classes(c->db, client_id, a->org_id, REFERRAL_PURPOSES, today, &rcid);
            if (rk < 0) {
                c->nfacts--;
                return NULL;
            }
            f->by_referral = sec & (unsigned)rk & ~f->shared;
            f->shared_referral = rid;
            f->shared |= f->by_referral;
        }
        if (f->shared)
            f->rels |= R(REL_SHARED);
    }
    if (k)
        keep(k, c, epoch, f, today, until);
    return f;
}

/* ---- asking ---- */

/* The verdict for the actor; ERR_NOTFOUND / ERR_DB as a negative value, else V_*. */
static int verdict_of(struct ctx *c, enum res r, enum act a, int64_t client_id, unsigned mask, enum rel *by,
                      const struct access_facts **out)
{
    unsigned rels = R(REL_NONE);
    *out = NULL;
    *by = REL_NONE;
    if (client_id) {
        const struct access_facts *f = facts(c, client_id);
        if (!f)
            return ERR_DB;
        if (!f->found)
            return ERR_NOTFOUND;
        rels = f->rels;
        /* Another organisation sees only the data classes granted to it. */
        const struct resource *d = resources[r];
        if ((rels & R(REL_SHARED)) && !(d && (d->data_class & f->shared)))
            rels &= ~R(REL_SHARED);
        *out = f;
    }
    if (!c->a)
        return V_DENY;
    return decide(r, a, rels & mask, c->a->role, by);
}

static int verdict(struct ctx *c, enum res r, enum act a, int64_t client_id, enum rel *by,
                   const struct access_facts **out)
{
    return verdict_of(c, r, a, client_id, ~0u, by, out);
}

int access_may_beyond_org(struct ctx *c, enum res r, enum act a, int64_t client_id)
{
    enum rel by;
    const struct access_facts *f;
    int v = verdict_of(c, r, a, client_id, ~R(REL_SAME_ORG), &by, &f);
    return v == V_ALLOW || v == V_PURPOSE;
}

int access_may(struct ctx *c, enum res r, enum act a, int64_t client_id)
{
    enum rel by;
    const struct access_facts *f;
    int v = verdict(c, r, a, client_id, &by, &f);
    return v == V_ALLOW || v == V_PURPOSE;
}

static const char *const res_nouns[RES__COUNT] = {
    [RES_CLIENT] = N_("this client's record"),
    [RES_CLIENT_LINK] = N_("possible duplicates"),
    [RES_EPISODE] = N_("episodes of care"),
    [RES_EPISODE_OPEN] = N_("episodes opened on another worker's client"),
    [RES_TEAM] = N_("care teams"),
    [RES_CONTACT] = N_("notes"),
    [RES_NOTE_RESTRICTED] = N_("restricted notes"),
    [RES_TASK] = N_("tasks"),
    [RES_BREAKGLASS] = N_("emergency access"),
    [RES_ASSESSMENT] = N_("assessments"),
    [RES_FLAG] = N_("risk flags"),
    [RES_FLAG_KIND] = N_("kinds of flag"),
    [RES_ONCALL] = N_("the on-call rota"),
    [RES_CRISIS] = N_("crisis events"),
    [RES_CRISIS_NOTE] = N_("crisis notes"),
    [RES_SAFETY_PLAN] = N_("safety plans"),
    [RES_HOSPITAL] = N_("hospital stays"),
    [RES_ACCESS_LOG] = N_("the access log"),
    [RES_ORG] = N_("organisations"),
    [RES_STAFF] = N_("staff accounts"),
    [RES_HANDOVER] = N_("a leaving worker's work"),
    [RES_ELIGIBILITY] = N_("eligibility decisions"),
    [RES_SERVICE] = N_("the service directory"),
    [RES_SERVICE_CAPACITY] = N_("a service's capacity"),
    [RES_CONSENT] = N_("consents"),
    [RES_NOTIFICATION] = N_("notifications"),
    [RES_REFERRAL] = N_("referrals"),
    [RES_INTAKE] = N_("intakes"),
    [RES_CARE_PLAN] = N_("care plans"),
    [RES_CARE_PLAN_REVIEW] = N_("care-plan reviews"),
    [RES_CONFERENCE] = N_("case conferences"),
    [RES_CONFERENCE_CLIENT] = N_("what a case conference said about this client"),
    [RES_LINKAGE] = N_("linkages of plan steps to services"),
    [RES_PEER_ACTIVITY] = N_("peer activities"),
    [RES_PEER_SUPERVISION] = N_("supervision sessions"),
    [RES_HOUSING_UNIT] = N_("housing units"),
    [RES_HOUSING_APPLICATION] = N_("housing applications"),
    [RES_HOUSING_OFFER] = N_("housing offers"),
    [RES_TENANCY] = N_("tenancies"),
    /* careservice (issue 13 §4) */
    [RES_CARE_SERVICE] = N_("care services"),
    [RES_CARE_VISIT] = N_("care visits"),
    [RES_CARE_STATEMENT] = N_("care workers' statements"),
};
static const char *const act_verbs[ACT__COUNT] = {N_("read"),   N_("see"),    N_("add"),
                                                  N_("change"), N_("review"), N_("manage")};

int access_action_words(const char *action, char *out, size_t len)
{
    const struct resource *r = resource_of_action(action);
    if (!r || len == 0)
        return -1;
    for (const struct res_audit *x = r->actions; x->name; x++)
        if (str_eq(x->name, action)) {
            /* TRANSLATORS: an audit action in a client's access log: a verb ("read", "see", "add",
             * "change", "review", "manage") and what it was done to ("care plans"); reorder with %2$s %1$s. */
            snprintf(out, len, C_("audit action", "%s %s"), _(act_verbs[x->act]),
                     res_nouns[r->id] ? _(res_nouns[r->id]) : _(r->plural));
            if (out[0] >= 'a' && out[0] <= 'z')
                out[0] = (char)(out[0] - 'a' + 'A');
            return 0;
        }
    return -1;
}

int access_deny(struct ctx *c, enum res r, enum act a, int64_t client_id, const char *audit_action,
                const char *entity, int64_t entity_id, const char *msg)
{
    if (!entity) {
        entity = client_id ? "client" : access_res_name(r);
        entity_id = client_id;
    }
    audit_log(c, audit_action, "denied", client_id, entity, entity_id, NULL);
    /* Why: no relationship to the client at all, only the organisation's, or the role within one. */
    unsigned rels = 0;
    if (client_id) {
        const struct access_facts *f = facts(c, client_id);
        rels = f ? f->rels : 0;
    }
    int no_rel = client_id && !(rels & ~(R(REL_SAME_ORG) | R(REL_SHARED)));
    c->denied = no_rel && !msg ? DENIED_RELATIONSHIP : DENIED_ROLE;
    if (msg)
        return ctx_fail(c, ERR_FORBIDDEN, "%s", msg);
    if (no_rel)
        return ctx_fail(c, ERR_FORBIDDEN, "%s",
                        (rels & R(REL_SAME_ORG)) && c->a && access_table(RES_CLIENT, ACT_LIST, REL_SAME_ORG, c->a->role)
                            ? _("You are not on this client's care team.")
                            : _("You may not see this client."));
    return ctx_fail(c, ERR_FORBIDDEN, _("Your role may not %s %s."), _(act_verbs[a]),
                    res_nouns[r] ? _(res_nouns[r]) : _(resources[r]->plural)); /* a resource without a noun: its plural */
}

int access_check(struct ctx *c, enum res r, enum act a, int64_t client_id, const char *audit_action)
{
    enum rel by;
    const struct access_facts *f;
    int v = verdict(c, r, a, client_id, &by, &f);
    if (v == ERR_NOTFOUND)
        return ctx_fail(c, ERR_NOTFOUND, _("No such client."));
    if (v == ERR_DB)
        return ctx_fail(c, ERR_DB, _("Access could not be decided; try again."));
    if (v == V_DENY)
        return access_deny(c, r, a, client_id, audit_action, NULL, 0, NULL);
    /* The purpose of what this call records: the relationship's when it needs one (on call,
     * break-glass), else back to care. */
    const char *p = v == V_PURPOSE ? purpose_of(by) : "care";
    if (v == V_PURPOSE && by == REL_SHARED && f) {
        const struct resource *d = resources[r];
        if (d && (d->data_class & f->by_referral))
            snprintf(c->basis, sizeof c->basis, "referral %lld", (long long)f->shared_referral);
        else
            snprintf(c->basis, sizeof c->basis, "consent %lld", (long long)f->shared_consent);
    }
    if (v == V_PURPOSE || str_eq(c->purpose, "on call") || str_eq(c->purpose, "break-glass") ||
        str_eq(c->purpose, "shared"))
        c->purpose = p;
    return OK;
}

int access_client(struct ctx *c, int64_t client_id, struct access *out)
{
    memset(out, 0, sizeof *out);
    enum rel by;
    const struct access_facts *f;
    int v = verdict(c, RES_CLIENT, ACT_READ, client_id, &by, &f);
    if (v == ERR_NOTFOUND || v == ERR_DB)
        return v;
    if (v != V_DENY) {
        out->level = ACC_FULL;
        out->break_glass = v == V_PURPOSE && by == REL_BREAK_GLASS;
        out->on_call = v == V_PURPOSE && by == REL_ON_CALL;
        if (out->break_glass)
            snprintf(out->bg_expires, sizeof out->bg_expires, "%s", f->bg_expires);
    } else if (access_may(c, RES_CLIENT, ACT_LIST, client_id)) {
        out->level = ACC_FIND;
    }
    if (out->level == ACC_FULL) {
        out->notes = access_may(c, RES_CONTACT, ACT_LIST, client_id);
        out->restricted = access_may(c, RES_NOTE_RESTRICTED, ACT_READ, client_id);
        out->write = access_may(c, RES_CONTACT, ACT_CREATE, client_id);
    }
    return OK;
}

/* The facts when the actor reaches the client only as another organisation (REL_SHARED and nothing
 * else), else NULL. */
static const struct access_facts *shared_only(struct ctx *c, int64_t client_id)
{
    const struct access_facts *f = c->a ? facts(c, client_id) : NULL;
    return f && (f->rels & R(REL_SHARED)) && !(f->rels & ~(R(REL_SHARED) | R(REL_NONE))) ? f : NULL;
}

int64_t access_shared_basis(struct ctx *c, int64_t client_id)
{
    const struct access_facts *f = shared_only(c, client_id);
    return f ? f->shared_consent : 0;
}

int64_t access_shared_referral(struct ctx *c, int64_t client_id)
{
    const struct access_facts *f = shared_only(c, client_id);
    return f && f->by_referral ? f->shared_referral : 0;
}

int access_in_care(struct ctx *c, int64_t client_id)
{
    const struct access_facts *f = c->a ? facts(c, client_id) : NULL;
    return f && (f->rels & (R(REL_PRIMARY_CM) | R(REL_CARE_TEAM) | R(REL_PEER) | R(REL_SUPERVISOR))) != 0;
}
