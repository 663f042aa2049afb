/* test_access: the one gate. A small world of organisations, staff of every role, clients,
 * episodes (open and discharged), care teams with from/to dates and break-glass rows (live,
 * expired, expiring this second); access_client's level and flags are asserted for each role x
 * relationship, and a denial is audited. The clock is fixed at T_NOW (2026-11-22 12:00 UTC). */
#include "helpers.h"
#include "core/risk.h"

static struct tdb *T;
static struct world {
    int64_t riv, east, north, harbour;
    /* staff */
    int64_t admin, sup, cm, cm_free, cm_past, cm_future, cm_today, clin, peer, peer_free, desk, analyst,
        cm_dis, cm_b, sup_b, housing, housing_team, cm_oncall, cm_offduty;
    /* clients */
    int64_t c1, c2, c3, c4, c5, c6, c7, c8;
} W;

static int setup_world(void **state)
{
    (void)state;
    T = tdb_open();
    struct db *db = T->db;
    W.riv = mk_org(db, "Riverside");
    W.east = mk_org(db, "Eastgate");
    W.north = mk_org(db, "Northside");
    W.harbour = mk_org(db, "Harbour Housing");
    W.admin = mk_staff(db, W.riv, "admin", "admin");
    W.sup = mk_staff(db, W.riv, "sup", "supervisor");
    W.cm = mk_staff(db, W.riv, "cm", "case_manager");
    W.cm_free = mk_staff(db, W.riv, "cm_free", "case_manager");
    W.cm_past = mk_staff(db, W.riv, "cm_past", "case_manager");
    W.cm_future = mk_staff(db, W.riv, "cm_future", "case_manager");
    W.cm_today = mk_staff(db, W.riv, "cm_today", "case_manager");
    W.clin = mk_staff(db, W.riv, "psy", "clinician");
    W.peer = mk_staff(db, W.riv, "peer", "peer_supporter");
    W.peer_free = mk_staff(db, W.riv, "peer_free", "peer_supporter");
    W.analyst = mk_staff(db, W.riv, "analyst", "analyst");
    W.cm_dis = mk_staff(db, W.riv, "cm_dis", "case_manager");
    W.desk = mk_staff(db, W.north, "desk", "care_desk");
    W.cm_b = mk_staff(db, W.east, "cm_b", "case_manager");
    W.sup_b = mk_staff(db, W.east, "sup_b", "supervisor");
    W.housing = mk_staff(db, W.harbour, "housing", "housing_coordinator");
    W.housing_team = mk_staff(db, W.harbour, "housing_team", "housing_coordinator");
    W.cm_oncall = mk_staff(db, W.riv, "cm_oncall", "case_manager");
    W.cm_offduty = mk_staff(db, W.riv, "cm_offduty", "case_manager");
    /* Riverside's rota: cm_oncall now, cm_offduty yesterday and tomorrow. */
    sql(db, "INSERT INTO oncall(org_id, staff_id, starts_at, ends_at, created_at) SELECT org_id, id,"
            " '2026-11-22T09:00:00Z', '2026-11-23T09:00:00Z', 'x' FROM staff WHERE username='cm_oncall'");
    sql(db, "INSERT INTO oncall(org_id, staff_id, starts_at, ends_at, created_at) SELECT org_id, id,"
            " '2026-11-21T09:00:00Z', '2026-11-22T09:00:00Z', 'x' FROM staff WHERE username='cm_offduty'");
    sql(db, "INSERT INTO oncall(org_id, staff_id, starts_at, ends_at, created_at) SELECT org_id, id,"
            " '2026-11-23T09:00:00Z', '2026-11-24T09:00:00Z', 'x' FROM staff WHERE username='cm_offduty'");

    /* c1: Riverside, an open episode; its care team in every shape of membership. */
    W.c1 = mk_client(db, W.riv, W.cm, "Minji", "Kim", "1980-05-05");
    int64_t e1 = mk_episode(db, W.c1, W.riv, "active", W.cm, W.cm);
    mk_member(db, e1, W.cm, "primary_case_manager", "2026-01-01", NULL);
    mk_member(db, e1, W.clin, "psychiatrist", "2026-01-01", NULL);
    mk_member(db, e1, W.peer, "peer_supporter", "2026-01-01", NULL);
    mk_member(db, e1, W.desk, "other", "2026-01-01", NULL);
    mk_member(db, e1, W.analyst, "other", "2026-01-01", NULL);
    mk_member(db, e1, W.housing_team, "housing_coordinator", "2026-01-01", NULL);
    mk_member(db, e1, W.cm_past, "case_manager", "2026-01-01", T_YESTERDAY);
    mk_member(db, e1, W.cm_future, "case_manager", T_TOMORROW, NULL);
    mk_member(db, e1, W.cm_today, "case_manager", "2026-01-01", T_TODAY); /* ended today (team_end) */
    /* c2: Riverside, only a discharged episode, whose team membership was never ended. */
    W.c2 = mk_client(db, W.riv, W.cm, "Jisoo", "Park", "1975-03-03");
    int64_t e2 = mk_episode(db, W.c2, W.riv, "discharged", W.cm_dis, W.cm);
    mk_member(db, e2, W.cm_dis, "primary_case_manager", "2026-01-01", NULL);
    /* c3: Eastgate's client; cm_free broke the glass and it is still open. */
    W.c3 = mk_client(db, W.east, W.cm_b, "Hyun", "Lee", "1990-07-07");
    int64_t e3 = mk_episode(db, W.c3, W.east, "active", W.cm_b, W.cm_b);
    mk_member(db, e3, W.cm_b, "primary_case_manager", "2026-01-01", NULL);
    mk_breakglass(db, W.cm_free, W.riv, W.c3, "2026-11-22T10:00:00Z", "2026-11-22T14:00:00Z");
    /* c4: Eastgate; cm_free's break-glass expired yesterday, cm's expires this very second. */
    W.c4 = mk_client(db, W.east, W.cm_b, "Sora", "Choi", "1988-08-08");
    mk_episode(db, W.c4, W.east, "active", W.cm_b, W.cm_b);
    mk_breakglass(db, W.cm_free, W.riv, W.c4, "2026-11-21T10:00:00Z", "2026-11-21T14:00:00Z");
    mk_breakglass(db, W.cm, W.riv, W.c4, "2026-11-22T08:00:00Z", T_NOW);
    /* c5: registered at Riverside, no episode yet. */
    W.c5 = mk_client(db, W.riv, W.cm, "Dami", "Jung", "2001-01-01");
    /* c6: Eastgate's client with an old (discharged) Riverside episode. */
    W.c6 = mk_client(db, W.east, W.cm_b, "Yuna", "Han", "1999-09-09");
    mk_episode(db, W.c6, W.riv, "discharged", 0, W.cm);
    /* c7: a Riverside referral with no case manager yet (open, not discharged). */
    W.c7 = mk_client(db, W.riv, W.cm, "Tae", "Kang", "1970-10-10");
    mk_episode(db, W.c7, W.riv, "referred", 0, W.cm);
    /* c8: Riverside, for the break-glass flow. */
    W.c8 = mk_client(db, W.riv, W.cm, "Eun", "Seo", "1985-12-12");

    /* Notes on c1 and c3: one plain, one restricted. */
    sql(db, "INSERT INTO contacts(client_id, staff_id, kind, at, domains, body, restricted, created_at)"
            " SELECT id, created_by, 'phone', '2026-11-20T10:00:00Z', 'housing', 'plain note', 0, 'x'"
            " FROM clients WHERE given_name IN ('Minji','Hyun')");
    sql(db, "INSERT INTO contacts(client_id, staff_id, kind, at, domains, body, restricted, created_at)"
            " SELECT id, created_by, 'office', '2026-11-21T10:00:00Z', 'mental_health_treatment',"
            " 'psychotherapy content', 1, 'x' FROM clients WHERE given_name IN ('Minji','Hyun')");
    return 0;
}
static int teardown_world(void **state)
{
    (void)state;
    tdb_close(T);
    return 0;
}

/* Expected access: level, notes, restricted, write, break-glass. */
struct cell {
    const char *who;
    int64_t *staff;
    const char *client;
    int64_t *client_id;
    int level, notes, restricted, write, bg;
};
#define F ACC_FULL
#define D ACC_FIND
#define N ACC_NONE
#define C(w, c, l, n, r, wr, b)                                                                              \
    {                                                                                                        \
#w, &W.w, #c, &W.c, l, n, r, wr, b                                                                   \
    }
static const struct cell matrix[] = {
    /* the care team of an open episode */
    C(cm, c1, F, 1, 1, 1, 0),
    C(clin, c1, F, 1, 1, 1, 0),
    C(peer, c1, F, 1, 0, 1, 0),         /* peer supporter: no restricted notes */
    C(desk, c1, F, 0, 0, 1, 0),         /* care desk on the team: no notes at all */
    C(analyst, c1, N, 0, 0, 0, 0),      /* analyst: never client-level data, team or not */
    C(housing_team, c1, F, 1, 0, 1, 0), /* housing coordinator from another organisation on the team */
    C(cm_today, c1, D, 0, 0, 0, 0),     /* ended today: the end date is the first day off the team */
    C(cm_past, c1, D, 0, 0, 0, 0),      /* ended yesterday: back to finding only */
    C(cm_future, c1, D, 0, 0, 0, 0),    /* starts tomorrow */
    /* same organisation without a relationship: enough to find and ask */
    C(cm_free, c1, D, 0, 0, 0, 0),
    C(cm, c5, D, 0, 0, 0, 0),
    C(cm, c7, D, 0, 0, 0, 0),
    C(admin, c1, N, 0, 0, 0, 0), /* administrators: accounts, not client records */
    C(cm, c6, D, 0, 0, 0, 0),    /* another organisation's client with an episode here */
    /* a discharged episode no longer opens the record */
    C(cm_dis, c2, D, 0, 0, 0, 0),
    C(cm, c2, D, 0, 0, 0, 0),
    /* supervisors oversee their organisation's open episodes */
    C(sup, c1, F, 1, 1, 1, 0),
    C(sup, c7, F, 1, 1, 1, 0),
    C(sup, c2, D, 0, 0, 0, 0),
    C(sup, c3, N, 0, 0, 0, 0),
    C(sup, c5, D, 0, 0, 0, 0),
    C(sup_b, c3, F, 1, 1, 1, 0),
    C(sup_b, c1, N, 0, 0, 0, 0),
    /* other organisations see nothing */
    C(cm_b, c1, N, 0, 0, 0, 0),
    C(cm_b, c3, F, 1, 1, 1, 0),
    C(cm_b, c6, D, 0, 0, 0, 0),
    C(cm, c3, N, 0, 0, 0, 0),
    C(desk, c5, N, 0, 0, 0, 0),
    C(housing, c1, N, 0, 0, 0, 0),
    /* peer supporters see only the clients assigned to them */
    C(peer_free, c1, N, 0, 0, 0, 0),
    C(peer, c5, N, 0, 0, 0, 0),
    C(peer, c7, N, 0, 0, 0, 0),
    C(peer, c2, N, 0, 0, 0, 0),
    /* break-glass: live, expired, expiring now */
    C(cm_free, c3, F, 1, 0, 1, 1),
    C(cm_free, c4, N, 0, 0, 0, 0),
    C(cm, c4, N, 0, 0, 0, 0),
    /* on call now: the organisation's clients with an open episode, read only (no restricted text) */
    C(cm_oncall, c1, F, 1, 0, 0, 0),
    C(cm_oncall, c7, F, 1, 0, 0, 0),
    C(cm_oncall, c5, D, 0, 0, 0, 0), /* no open episode */
    C(cm_oncall, c2, D, 0, 0, 0, 0), /* discharged */
    C(cm_oncall, c3, N, 0, 0, 0, 0), /* another organisation's */
    C(cm_offduty, c1, D, 0, 0, 0, 0), /* the shift ended at 09:00; the next starts tomorrow */
};

static void access_matrix(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < ARRAY_LEN(matrix); i++) {
        const struct cell *m = &matrix[i];
        struct actor a = actor_of(T->db, *m->staff);
        struct ctx c;
        ctx_init(&c, &a, T->db);
        struct access acc;
        int rc = access_client(&c, *m->client_id, &acc);
        if (rc != OK || acc.level != m->level || acc.notes != m->notes || acc.restricted != m->restricted ||
            acc.write != m->write || acc.break_glass != m->bg) {
            print_error(
                "%s on %s: rc %d level %d notes %d restricted %d write %d bg %d; expected level %d notes %d "
                "restricted %d write %d bg %d\n",
                m->who, m->client, rc, acc.level, acc.notes, acc.restricted, acc.write, acc.break_glass,
                m->level, m->notes, m->restricted, m->write, m->bg);
            bad++;
        }
        if (m->bg && rc == OK)
            assert_string_equal(acc.bg_expires, "2026-11-22T14:00:00Z");
        assert_int_equal(c.npend, 0); /* asking is not yet an access: nothing audited */
        ctx_clear(&c);
    }
    if (bad)
        fail_msg("%d of %zu access cells wrong", bad, ARRAY_LEN(matrix));
}

static void unknown_client(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, W.sup);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    struct access acc;
    assert_int_equal(access_client(&c, 99999, &acc), ERR_NOTFOUND);
    assert_int_equal(access_check(&c, RES_CLIENT, ACT_LIST, 99999, "client.read"), ERR_NOTFOUND);
    ctx_clear(&c);
    /* No actor at all: nothing. */
    ctx_init(&c, NULL, T->db);
    assert_int_equal(access_client(&c, W.c1, &acc), OK);
    assert_int_equal(acc.level, ACC_NONE);
    ctx_clear(&c);
}

static void denial_is_audited(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, W.cm_b);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    c.request_id = "feedfacefeedface";
    c.addr = "192.0.2.7";
    assert_int_equal(access_check(&c, RES_CLIENT, ACT_READ, W.c1, "client.read"), ERR_FORBIDDEN);
    assert_true(c.msg[0] != 0);
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].action, "client.read");
    assert_string_equal(c.pend[0].outcome, "denied");
    assert_int_equal(c.pend[0].client_id, W.c1);
    /* Even "find" is refused to another organisation. */
    assert_int_equal(access_check(&c, RES_CLIENT, ACT_LIST, W.c1, "client.read"), ERR_FORBIDDEN);
    assert_int_equal(c.npend, 2);
    int64_t before = count_of(T->db, "SELECT count(*) FROM audit");
    assert_int_equal(audit_flush(&c, T->db, 1), OK); /* a failed request keeps its denials */
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM audit") - before, 2);
    json_t *r = db_row(T->db, "SELECT * FROM audit ORDER BY seq DESC LIMIT 1 OFFSET 1", "");
    assert_int_equal(ji(r, "staff_id"), W.cm_b);
    assert_int_equal(ji(r, "org_id"), W.east);
    assert_int_equal(ji(r, "client_id"), W.c1);
    assert_string_equal(js(r, "outcome"), "denied");
    assert_string_equal(js(r, "action"), "client.read");
    assert_string_equal(js(r, "request_id"), "feedfacefeedface");
    assert_string_equal(js(r, "addr"), "192.0.2.7");
    json_decref(r);
    ctx_clear(&c);
    /* Same organisation, no relationship: a different message (ask for access), still audited. */
    struct actor f = actor_of(T->db, W.cm_free);
    ctx_init(&c, &f, T->db);
    assert_int_equal(access_check(&c, RES_CONTACT, ACT_LIST, W.c1, "contact.list"), ERR_FORBIDDEN);
    assert_non_null(strstr(c.msg, "care team"));
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].outcome, "denied");
    ctx_clear(&c);
    /* Allowed: nothing queued by the gate itself. */
    ctx_init(&c, &f, T->db);
    assert_int_equal(access_check(&c, RES_CLIENT, ACT_LIST, W.c1, "client.read"), OK);
    assert_int_equal(c.npend, 0);
    ctx_clear(&c);
}

static void record_shape_follows_access(void **state)
{
    (void)state;
    struct ctx c;
    json_t *o = NULL;
    /* Full: the whole identity record, life stage, access flags; audited as a read. */
    struct actor cm = actor_of(T->db, W.cm);
    ctx_init(&c, &cm, T->db);
    assert_int_equal(client_get(&c, W.c1, &o), OK);
    assert_string_equal(js(o, "birth_date"), "1980-05-05");
    assert_string_equal(js(o, "life_stage"), "adult");
    assert_int_equal(ji(o, "age"), 46);
    assert_string_equal(js(json_object_get(o, "access"), "level"), "full");
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].action, "client.read");
    json_decref(o);
    ctx_clear(&c);
    /* Find: name and birth year only, no date of birth or contact details. */
    struct actor free_ = actor_of(T->db, W.cm_free);
    ctx_init(&c, &free_, T->db);
    assert_int_equal(client_get(&c, W.c1, &o), OK);
    assert_null(json_object_get(o, "birth_date"));
    assert_null(json_object_get(o, "phone"));
    assert_null(json_object_get(o, "address"));
    assert_string_equal(js(o, "birth_year"), "1980");
    assert_string_equal(js(o, "family_name"), "Kim");
    assert_string_equal(js(json_object_get(o, "access"), "level"), "find");
    assert_int_equal(json_array_size(json_object_get(o, "programmes")), 1);
    assert_string_equal(c.pend[0].action, "client.read_limited");
    json_decref(o);
    ctx_clear(&c);
    /* Break-glass: full, with the flag and its end shown. */
    ctx_init(&c, &free_, T->db);
    assert_int_equal(client_get(&c, W.c3, &o), OK);
    json_t *acc = json_object_get(o, "access");
    assert_string_equal(js(acc, "level"), "full");
    assert_true(json_is_true(json_object_get(acc, "break_glass")));
    assert_string_equal(js(acc, "break_glass_expires"), "2026-11-22T14:00:00Z");
    json_decref(o);
    ctx_clear(&c);
    /* None: refused and audited. */
    struct actor b = actor_of(T->db, W.cm_b);
    ctx_init(&c, &b, T->db);
    o = NULL;
    assert_int_equal(client_get(&c, W.c1, &o), ERR_FORBIDDEN);
    assert_null(o);
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].outcome, "denied");
    ctx_clear(&c);
    /* The analyst role finds nobody. */
    struct actor an = actor_of(T->db, W.analyst);
    ctx_init(&c, &an, T->db);
    assert_int_equal(client_get(&c, W.c1, &o), ERR_FORBIDDEN);
    assert_int_equal(client_search(&c, "Kim", NULL, NULL, NULL, &o), ERR_FORBIDDEN);
    ctx_clear(&c);
}

static int restricted_bodies_hidden(json_t *list, int *visible)
{
    size_t i;
    json_t *r;
    int hidden = 0;
    *visible = 0;
    json_array_foreach(list, i, r)
    {
        if (json_is_true(json_object_get(r, "hidden"))) {
            assert_true(json_is_null(json_object_get(r, "body")));
            hidden++;
        } else {
            assert_true(json_is_string(json_object_get(r, "body")));
            (*visible)++;
        }
    }
    return hidden;
}

static void notes_follow_role_scope(void **state)
{
    (void)state;
    struct ctx c;
    json_t *list = NULL;
    int visible;
    /* Case manager on the team: both notes readable. */
    struct actor cm = actor_of(T->db, W.cm);
    ctx_init(&c, &cm, T->db);
    assert_int_equal(contact_list(&c, W.c1, NULL, &list), OK);
    assert_int_equal(json_array_size(json_object_get(list, "items")), 2);
    assert_int_equal(restricted_bodies_hidden(json_object_get(list, "items"), &visible), 0);
    json_decref(list);
    ctx_clear(&c);
    /* Peer supporter on the team: only the notes they wrote (issue 11 §4), none of the case manager's. */
    struct actor peer = actor_of(T->db, W.peer);
    ctx_init(&c, &peer, T->db);
    assert_int_equal(contact_list(&c, W.c1, NULL, &list), OK);
    assert_int_equal(json_array_size(json_object_get(list, "items")), 0);
    json_decref(list);
    ctx_clear(&c);
    /* Break-glass: full access, but restricted notes stay closed. */
    struct actor free_ = actor_of(T->db, W.cm_free);
    ctx_init(&c, &free_, T->db);
    assert_int_equal(contact_list(&c, W.c3, NULL, &list), OK);
    assert_int_equal(restricted_bodies_hidden(json_object_get(list, "items"), &visible), 1);
    json_decref(list);
    ctx_clear(&c);
    /* Care desk on the team: no notes at all, and the refusal is audited. */
    struct actor desk = actor_of(T->db, W.desk);
    ctx_init(&c, &desk, T->db);
    list = NULL;
    assert_int_equal(contact_list(&c, W.c1, NULL, &list), ERR_FORBIDDEN);
    assert_null(list);
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].outcome, "denied");
    ctx_clear(&c);
    /* A peer supporter off the team: refused. */
    struct actor pf = actor_of(T->db, W.peer_free);
    ctx_init(&c, &pf, T->db);
    assert_int_equal(contact_list(&c, W.c1, NULL, &list), ERR_FORBIDDEN);
    ctx_clear(&c);
}

static void break_glass_flow(void **state)
{
    (void)state;
    struct ctx c;
    json_t *o = NULL;
    struct actor f = actor_of(T->db, W.cm_free);
    struct access acc;
    /* Roles that may not break the glass. */
    int64_t *no_bg[] = {&W.peer_free, &W.analyst, &W.admin};
    for (size_t i = 0; i < ARRAY_LEN(no_bg); i++) {
        struct actor a = actor_of(T->db, *no_bg[i]);
        ctx_init(&c, &a, T->db);
        assert_int_equal(breakglass_open(&c, W.c8, "client in crisis at the door", 0, &o), ERR_FORBIDDEN);
        ctx_clear(&c);
    }
    /* Not needed when one already has access. */
    struct actor cm = actor_of(T->db, W.cm);
    ctx_init(&c, &cm, T->db);
    assert_int_equal(breakglass_open(&c, W.c1, "client in crisis at the door", 0, &o), ERR_INVALID);
    ctx_clear(&c);
    /* A reason is required (at least ten characters), hours bounded. */
    ctx_init(&c, &f, T->db);
    assert_int_equal(breakglass_open(&c, W.c8, "   urgent  ", 0, &o), ERR_INVALID);
    assert_non_null(json_object_get(c.errors, "reason"));
    ctx_clear(&c);
    ctx_init(&c, &f, T->db);
    assert_int_equal(breakglass_open(&c, W.c8, "client in crisis at the door", 13, &o), ERR_INVALID);
    assert_non_null(json_object_get(c.errors, "hours"));
    ctx_clear(&c);
    assert_int_equal(
        count_of(T->db, "SELECT count(*) FROM break_glass WHERE client_id=(SELECT max(id) FROM clients)"), 0);
    /* Before: find only. After: full, for four hours from now, audited with the reason. */
    ctx_init(&c, &f, T->db);
    assert_int_equal(access_client(&c, W.c8, &acc), OK);
    assert_int_equal(acc.level, ACC_FIND);
    assert_int_equal(breakglass_open(&c, W.c8, "client in crisis at the door", 0, &o), OK);
    assert_string_equal(js(o, "expires_at"), "2026-11-22T16:00:00Z");
    int64_t bg = ji(o, "id");
    json_decref(o);
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].action, "breakglass.open");
    assert_string_equal(c.pend[0].reason, "client in crisis at the door");
    assert_int_equal(audit_flush(&c, T->db, 0), OK);
    assert_int_equal(access_client(&c, W.c8, &acc), OK);
    assert_int_equal(acc.level, ACC_FULL);
    assert_int_equal(acc.break_glass, 1);
    assert_int_equal(acc.restricted, 0);
    assert_string_equal(acc.bg_expires, "2026-11-22T16:00:00Z");
    ctx_clear(&c);
    /* On the supervisor's review list; only a supervisor of that organisation reviews, not oneself. */
    struct actor sup = actor_of(T->db, W.sup), sup_b = actor_of(T->db, W.sup_b);
    ctx_init(&c, &sup, T->db);
    assert_int_equal(breakglass_review_list(&c, 1, NULL, &o), OK);
    int found = 0;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(o, "items"), i, r) found |= ji(r, "id") == bg;
    assert_true(found);
    json_decref(o);
    ctx_clear(&c);
    ctx_init(&c, &sup_b, T->db);
    assert_int_equal(breakglass_review(&c, bg, "seen", &o), ERR_NOTFOUND);
    ctx_clear(&c);
    ctx_init(&c, &f, T->db);
    assert_int_equal(breakglass_review_list(&c, 1, NULL, &o), ERR_FORBIDDEN);
    ctx_clear(&c);
    ctx_init(&c, &sup, T->db);
    assert_int_equal(breakglass_review(&c, bg, "Appropriate: crisis team confirmed.", &o), OK);
    assert_int_equal(ji(o, "reviewed_by"), W.sup);
    json_decref(o);
    assert_int_equal(breakglass_review(&c, bg, "again", &o), ERR_CONFLICT);
    ctx_clear(&c);
}

/* Team membership drives access: ending it closes the record at once, and a member ended by
 * mistake can be added back at once. */
static void team_changes_take_effect_now(void **state)
{
    (void)state;
    struct actor cm = actor_of(T->db, W.cm), clin = actor_of(T->db, W.clin);
    struct ctx c;
    struct access acc;
    json_t *o = NULL;
    int64_t member =
        db_int1(T->db, 0, "SELECT id FROM team_members WHERE staff_id=? AND to_date IS NULL", "i", W.clin);
    int64_t episode = db_int1(T->db, 0, "SELECT episode_id FROM team_members WHERE id=?", "i", member);
    assert_true(member > 0);
    ctx_init(&c, &cm, T->db);
    assert_int_equal(team_end(&c, member, &o), OK);
    json_decref(o);
    ctx_clear(&c);
    ctx_init(&c, &clin, T->db);
    assert_int_equal(access_client(&c, W.c1, &acc), OK);
    assert_int_equal(acc.level, ACC_FIND); /* off the team from now on */
    ctx_clear(&c);
    json_t *in = json_pack("{s:I,s:s}", "staff_id", (json_int_t)W.clin, "team_role", "psychiatrist");
    ctx_init(&c, &cm, T->db);
    o = NULL;
    int rc = team_add(&c, episode, in, &o);
    char msg[256];
    snprintf(msg, sizeof msg, "%s", c.msg);
    json_decref(o);
    json_decref(in);
    ctx_clear(&c);
    if (rc != OK)
        fail_msg("adding back a member whose membership ended today failed (%d: %s); access.c treats to_date "
                 "as the first day off the team, episode.c team_add still counts to_date>=today as on it",
                 rc, msg);
    ctx_init(&c, &clin, T->db);
    assert_int_equal(access_client(&c, W.c1, &acc), OK);
    assert_int_equal(acc.level, ACC_FULL);
    ctx_clear(&c);
}

/* A loop thread keeps the facts of (actor, client) between requests (core/access.c): each request
 * asks the access epoch once, and facts kept under another epoch, another day, or past the moment
 * one of them ends by time (a shift, a break-glass) are asked again. The writes come from another
 * connection, as from another server or a command would. */
static struct access request_as(struct db *r, const struct actor *a, int64_t epoch, int64_t client)
{
    struct ctx c;
    struct access acc;
    ctx_init(&c, a, r);
    c.epoch = epoch; /* 0: the request asks it */
    assert_int_equal(access_client(&c, client, &acc), OK);
    ctx_clear(&c);
    return acc;
}
static void kept_facts_follow_the_database(void **state)
{
    (void)state;
    struct db *r = NULL;
    char err[256];
    assert_int_equal(db_open(T->path, &(struct db_options){.readonly = 1}, &r, err, sizeof err), DB_OK);
    struct actor clin = actor_of(T->db, W.clin), cm_free = actor_of(T->db, W.cm_free),
                 off = actor_of(T->db, W.cm_offduty);
    assert_int_equal(request_as(r, &clin, 0, W.c1).level, ACC_FULL);
    /* An ended team membership: the next request no longer reads the record. */
    int64_t member =
        db_int1(T->db, 0, "SELECT id FROM team_members WHERE staff_id=? AND to_date IS NULL", "i", W.clin);
    int64_t e = access_epoch(r);
    assert_int_equal(db_run(T->db, "UPDATE team_members SET to_date=? WHERE id=?", "ti", T_TODAY, member), DB_OK);
    int64_t e2 = access_epoch(r);
    assert_true(e2 > e);
    assert_int_equal(request_as(r, &clin, 0, W.c1).level, ACC_FIND);
    /* What answers is what was kept: back on the team, a request still under e2 (begun before the
     * write) is answered as before it; the next one, under the new epoch, reads the record again. */
    assert_int_equal(db_run(T->db, "UPDATE team_members SET to_date=NULL WHERE id=?", "i", member), DB_OK);
    assert_int_equal(request_as(r, &clin, e2, W.c1).level, ACC_FIND);
    assert_int_equal(request_as(r, &clin, 0, W.c1).level, ACC_FULL);
    /* A break-glass ends by time alone: kept until its second, not after. */
    mk_breakglass(T->db, W.cm_free, W.riv, W.c4, T_NOW, "2026-11-22T12:01:00Z");
    struct access acc = request_as(r, &cm_free, 0, W.c4);
    assert_int_equal(acc.level, ACC_FULL);
    assert_true(acc.break_glass);
    e = access_epoch(r);
    now_fake_set(iso_parse("2026-11-22T12:00:59Z"));
    assert_true(request_as(r, &cm_free, e, W.c4).break_glass);
    now_fake_set(iso_parse("2026-11-22T12:01:00Z"));
    acc = request_as(r, &cm_free, e, W.c4);
    assert_false(acc.break_glass);
    assert_int_not_equal(acc.level, ACC_FULL);
    /* An on-call shift starts and ends by time alone too. */
    now_fake_set(iso_parse(T_NOW));
    sql(T->db, "INSERT INTO oncall(org_id, staff_id, starts_at, ends_at, created_at) SELECT org_id, id,"
               " '2026-11-22T12:30:00Z', '2026-11-22T13:00:00Z', 'x' FROM staff WHERE username='cm_offduty'");
    e = access_epoch(r);
    assert_false(request_as(r, &off, e, W.c1).on_call);
    now_fake_set(iso_parse("2026-11-22T12:30:00Z"));
    assert_true(request_as(r, &off, e, W.c1).on_call);
    now_fake_set(iso_parse("2026-11-22T13:00:00Z"));
    assert_false(request_as(r, &off, e, W.c1).on_call);
    now_fake_set(iso_parse(T_NOW));
    sql(T->db, "DELETE FROM oncall WHERE starts_at='2026-11-22T12:30:00Z'");
    /* Inside a write transaction nothing is kept or used: its own changes may yet be undone. */
    assert_int_equal(db_begin(T->db), DB_OK);
    assert_int_equal(db_run(T->db, "UPDATE team_members SET to_date=? WHERE id=?", "ti", T_TODAY, member), DB_OK);
    assert_int_equal(request_as(T->db, &clin, 0, W.c1).level, ACC_FIND);
    assert_int_equal(db_rollback(T->db), DB_OK);
    assert_int_equal(request_as(T->db, &clin, 0, W.c1).level, ACC_FULL);
    db_close(r);
}

/* Inside a write transaction facts are kept and used too, while the epoch read inside it is still
 * the one the request began under (read outside it, as a loop thread does before it submits). */
static void writer_keeps_facts_until_it_changes_them(void **state)
{
    (void)state;
    struct actor clin = actor_of(T->db, W.clin);
    int64_t member =
        db_int1(T->db, 0, "SELECT id FROM team_members WHERE staff_id=? AND to_date IS NULL", "i", W.clin);
    int64_t e = access_epoch(T->db);
    assert_int_equal(db_begin(T->db), DB_OK);
    assert_int_equal(request_as(T->db, &clin, e, W.c1).level, ACC_FULL);
    assert_int_equal(db_commit(T->db), DB_OK);
    /* What answers is what was kept: the membership ends but the epoch is set back by hand (what
     * no writer does), and the next transaction under it still reads the record. */
    assert_int_equal(db_run(T->db, "UPDATE team_members SET to_date=? WHERE id=?", "ti", T_TODAY, member), DB_OK);
    assert_int_equal(db_run(T->db, "UPDATE access_epoch SET n=? WHERE id=1", "i", e), DB_OK);
    assert_int_equal(db_begin(T->db), DB_OK);
    assert_int_equal(request_as(T->db, &clin, e, W.c1).level, ACC_FULL);
    /* A request with no epoch of its own neither uses nor keeps inside a transaction. */
    assert_int_equal(request_as(T->db, &clin, 0, W.c1).level, ACC_FIND);
    assert_int_equal(db_rollback(T->db), DB_OK);
    assert_int_equal(db_run(T->db, "UPDATE team_members SET to_date=NULL WHERE id=?", "i", member), DB_OK);
    /* An earlier job's change in the same transaction is seen by the next job's decision. */
    e = access_epoch(T->db);
    assert_int_equal(db_begin(T->db), DB_OK);
    assert_int_equal(request_as(T->db, &clin, e, W.c1).level, ACC_FULL);
    assert_int_equal(db_run(T->db, "UPDATE team_members SET to_date=? WHERE id=?", "ti", T_TODAY, member), DB_OK);
    assert_int_equal(request_as(T->db, &clin, e, W.c1).level, ACC_FIND);
    /* What was decided there is not kept under the transaction's own, uncommitted, number: once
     * it is undone and a commit that leaves the membership standing reaches that number, the
     * decision is made again. */
    int64_t mine = access_epoch(T->db);
    assert_true(mine > e);
    assert_int_equal(db_rollback(T->db), DB_OK);
    assert_int_equal(db_run(T->db, "UPDATE access_epoch SET n=n+1 WHERE id=1", ""), DB_OK);
    assert_int_equal(access_epoch(T->db), mine);
    assert_int_equal(db_begin(T->db), DB_OK);
    assert_int_equal(request_as(T->db, &clin, mine, W.c1).level, ACC_FULL);
    /* What a ROLLBACK TO undoes moves the number back with it. */
    assert_int_equal(db_exec(T->db, "SAVEPOINT job"), DB_OK);
    assert_int_equal(db_run(T->db, "UPDATE team_members SET to_date=? WHERE id=?", "ti", T_TODAY, member), DB_OK);
    assert_int_equal(request_as(T->db, &clin, mine, W.c1).level, ACC_FIND);
    assert_int_equal(db_exec(T->db, "ROLLBACK TO job"), DB_OK);
    assert_int_equal(db_exec(T->db, "RELEASE job"), DB_OK);
    assert_int_equal(request_as(T->db, &clin, mine, W.c1).level, ACC_FULL);
    assert_int_equal(db_commit(T->db), DB_OK);
}

/* On call now: the crisis view and a crisis event without break-glass, each audited with the purpose
 * "on call"; nothing else written; the denial of a write audited once. */
static void on_call_reads_and_records_crisis(void **state)
{
    (void)state;
    struct actor oc = actor_of(T->db, W.cm_oncall);
    struct ctx c;
    json_t *o = NULL;
    ctx_init(&c, &oc, T->db);
    assert_int_equal(access_may(&c, RES_CRISIS, ACT_READ, W.c1), 1);
    assert_int_equal(access_may(&c, RES_CRISIS, ACT_CREATE, W.c1), 1);
    assert_int_equal(access_may(&c, RES_CONTACT, ACT_CREATE, W.c1), 0);
    assert_int_equal(access_may(&c, RES_ACCESS_LOG, ACT_READ, W.c1), 0);
    assert_int_equal(access_may(&c, RES_NOTE_RESTRICTED, ACT_READ, W.c1), 0);
    assert_int_equal(c.nfacts, 1); /* five questions, one query */
    assert_int_equal(crisis_view(&c, W.c1, &o), OK);
    assert_true(json_is_true(json_object_get(json_object_get(o, "access"), "on_call")));
    assert_true(json_is_false(json_object_get(json_object_get(o, "access"), "break_glass")));
    json_decref(o);
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].action, "client.crisis_view");
    assert_string_equal(c.pend[0].purpose, "on call");
    /* A write the table does not give the on-call worker: refused, audited once, with the reason. */
    json_t *in = json_pack("{s:s,s:s,s:[s],s:s}", "kind", "phone", "at", "2026-11-22T03:00", "domains",
                           "crisis_response", "body", "night call");
    assert_int_equal(contact_create(&c, W.c1, in, &o), ERR_FORBIDDEN);
    json_decref(in);
    assert_int_equal(c.npend, 2);
    assert_string_equal(c.pend[1].action, "contact.create");
    assert_string_equal(c.pend[1].outcome, "denied");
    assert_string_equal(c.pend[1].entity, "client");
    assert_int_equal(c.denied, DENIED_ROLE);
    assert_int_equal(audit_flush(&c, T->db, 1), OK);
    json_t *r = db_row(T->db, "SELECT purpose, outcome FROM audit ORDER BY seq DESC LIMIT 1", "");
    assert_string_equal(js(r, "outcome"), "denied");
    json_decref(r);
    ctx_clear(&c);
    /* Off duty: the same worker's colleague whose shift ended at 09:00 is refused, and told why. */
    struct actor off = actor_of(T->db, W.cm_offduty);
    ctx_init(&c, &off, T->db);
    assert_int_equal(crisis_view(&c, W.c1, &o), ERR_FORBIDDEN);
    assert_non_null(strstr(c.msg, "care team"));
    assert_int_equal(c.denied, DENIED_RELATIONSHIP);
    assert_int_equal(c.npend, 1);
    ctx_clear(&c);
}

/* A peer supporter on the team: reads and records, but changes neither the episode nor the team; the
 * refusal is by role (not "ask to be added") and audited once. */
static void peer_on_the_team(void **state)
{
    (void)state;
    struct actor p = actor_of(T->db, W.peer);
    struct ctx c;
    json_t *o = NULL;
    ctx_init(&c, &p, T->db);
    assert_int_equal(access_may(&c, RES_CLIENT, ACT_READ, W.c1), 1);
    assert_int_equal(access_may(&c, RES_CONTACT, ACT_CREATE, W.c1), 1);
    assert_int_equal(access_may(&c, RES_SAFETY_PLAN, ACT_READ, W.c1), 1);
    assert_int_equal(access_may(&c, RES_SAFETY_PLAN, ACT_UPDATE, W.c1), 0);
    assert_int_equal(access_may(&c, RES_EPISODE, ACT_UPDATE, W.c1), 0);
    assert_int_equal(access_may(&c, RES_TEAM, ACT_CREATE, W.c1), 0);
    assert_int_equal(access_may(&c, RES_TEAM, ACT_UPDATE, W.c1), 0);
    assert_int_equal(access_may(&c, RES_BREAKGLASS, ACT_CREATE, 0), 0);
    int64_t member = db_int1(T->db, 0, "SELECT id FROM team_members WHERE staff_id=?", "i", W.peer);
    assert_int_equal(team_end(&c, member, &o), ERR_FORBIDDEN);
    assert_int_equal(c.denied, DENIED_ROLE);
    assert_null(strstr(c.msg, "care team."));
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].action, "team.end");
    assert_string_equal(c.pend[0].outcome, "denied");
    ctx_clear(&c);
    /* A peer supporter off the team finds nobody. */
    struct actor pf = actor_of(T->db, W.peer_free);
    ctx_init(&c, &pf, T->db);
    assert_int_equal(access_may(&c, RES_CLIENT, ACT_LIST, W.c1), 0);
    assert_int_equal(client_get(&c, W.c1, &o), ERR_FORBIDDEN);
    assert_int_equal(c.npend, 1);
    ctx_clear(&c);
}

/* Break-glass reads carry the purpose "break-glass"; a care-team read "care". */
static void purpose_follows_the_relationship(void **state)
{
    (void)state;
    struct actor f = actor_of(T->db, W.cm_free), cm = actor_of(T->db, W.cm);
    struct ctx c;
    json_t *o = NULL;
    ctx_init(&c, &f, T->db);
    assert_int_equal(client_get(&c, W.c3, &o), OK);
    json_decref(o);
    assert_string_equal(c.pend[0].purpose, "break-glass");
    ctx_clear(&c);
    ctx_init(&c, &cm, T->db);
    assert_int_equal(client_get(&c, W.c1, &o), OK);
    json_decref(o);
    assert_string_equal(c.pend[0].purpose, "care");
    ctx_clear(&c);
}

/* "Recently viewed" lists only the clients the actor may see now, and reading it is audited. */
static void recent_clients_follow_access(void **state)
{
    (void)state;
    struct actor f = actor_of(T->db, W.cm_free);
    struct ctx c;
    ctx_init(&c, &f, T->db);
    /* cm_free read c1 (Riverside: still findable) and c4 (Eastgate, by a break-glass now expired). */
    audit_log(&c, "client.read", "ok", W.c1, "client", W.c1, NULL);
    audit_log(&c, "client.read", "ok", W.c4, "client", W.c4, NULL);
    audit_log(&c, "client.read", "ok", W.c3, "client", W.c3, NULL); /* break-glass still open */
    assert_int_equal(audit_flush(&c, T->db, 0), OK);
    ctx_clear(&c);
    ctx_init(&c, &f, T->db);
    json_t *rows = NULL;
    assert_int_equal(audit_recent_clients(&c, 8, &rows), OK);
    int c1 = 0, c3 = 0, c4 = 0;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        int64_t id = ji(r, "id");
        if (id == W.c1) {
            c1 = 1;
            assert_null(json_object_get(r, "birth_date")); /* found, not read */
        }
        if (id == W.c3) {
            c3 = 1;
            assert_non_null(json_object_get(r, "birth_date"));
        }
        c4 |= id == W.c4;
    }
    json_decref(rows);
    assert_true(c1 && c3);
    assert_false(c4);
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].action, "client.recent");
    ctx_clear(&c);
    /* An analyst has no client-level data: refused (and audited). */
    struct actor an = actor_of(T->db, W.analyst);
    ctx_init(&c, &an, T->db);
    rows = NULL;
    assert_int_equal(audit_recent_clients(&c, 8, &rows), ERR_FORBIDDEN);
    assert_null(rows);
    ctx_clear(&c);
}

/* The table's shape: nothing for analysts and administrators on client records, and the relationships
 * only some roles have are never granted to others. */
static void table_cells(void **state)
{
    (void)state;
    for (int r = 0; r < RES__COUNT; r++)
        for (int a = 0; a < ACT__COUNT; a++)
            for (int rel = 0; rel < REL__COUNT; rel++) {
                if (rel != REL_NONE) {
                    assert_int_equal(access_table((enum res)r, (enum act)a, (enum rel)rel, ROLE_ANALYST), V_DENY);
                    assert_int_equal(access_table((enum res)r, (enum act)a, (enum rel)rel, ROLE_TASKFORCE), V_DENY);
                    assert_int_equal(access_table((enum res)r, (enum act)a, (enum rel)rel, ROLE_ADMIN), V_DENY);
                }
                assert_int_equal(access_table((enum res)r, (enum act)a, REL_SUPERVISOR, ROLE_CASE_MANAGER), V_DENY);
                assert_int_equal(access_table((enum res)r, (enum act)a, REL_PEER, ROLE_CLINICIAN), V_DENY);
                assert_int_not_equal(access_table((enum res)r, (enum act)a, REL_SHARED, ROLE_SUPERVISOR), V_ALLOW);
            }
    /* Emergency and on-call access is allowed with a purpose, never plainly. */
    assert_int_equal(access_table(RES_CLIENT, ACT_READ, REL_BREAK_GLASS, ROLE_CASE_MANAGER), V_PURPOSE);
    assert_int_equal(access_table(RES_CRISIS, ACT_CREATE, REL_ON_CALL, ROLE_CASE_MANAGER), V_PURPOSE);
    assert_int_equal(access_table(RES_CONTACT, ACT_CREATE, REL_ON_CALL, ROLE_CASE_MANAGER), V_DENY);
    assert_int_equal(access_table(RES_NOTE_RESTRICTED, ACT_READ, REL_BREAK_GLASS, ROLE_SUPERVISOR), V_DENY);
}

/* Break-glass and the on-call rota give what the role would have on the care team, no more (issue 9
 * §1): for every cell, an emergency relationship allows only what a care relationship of that role
 * allows; a care-desk officer reads no notes of any kind, on the team or by breaking the glass. */
static void emergency_never_widens_a_role(void **state)
{
    (void)state;
    for (int r = 0; r < RES__COUNT; r++)
        for (int a = 0; a < ACT__COUNT; a++)
            for (int role = 0; role < ROLE__COUNT; role++) {
                int care = access_table((enum res)r, (enum act)a, REL_PRIMARY_CM, role) != V_DENY ||
                           access_table((enum res)r, (enum act)a, REL_CARE_TEAM, role) != V_DENY ||
                           access_table((enum res)r, (enum act)a, REL_PEER, role) != V_DENY;
                /* reading: read, list, and reading every worker's notes (a contact's review) */
                int reads = a == ACT_READ || a == ACT_LIST || (r == RES_CONTACT && a == ACT_REVIEW);
                /* a peer supporter through consent reads what the SHARED rows name (issue 11 §4) */
                if (!care && !(role == ROLE_PEER && reads)) {
                    assert_int_equal(access_table((enum res)r, (enum act)a, REL_BREAK_GLASS, role), V_DENY);
                    assert_int_equal(access_table((enum res)r, (enum act)a, REL_ON_CALL, role), V_DENY);
                    assert_int_equal(access_table((enum res)r, (enum act)a, REL_SHARED, role), V_DENY);
                }
                /* consent shares reading, never writing */
                if (!reads)
                    assert_int_equal(access_table((enum res)r, (enum act)a, REL_SHARED, role), V_DENY);
            }
    static const enum res notes[] = {RES_CONTACT, RES_NOTE_RESTRICTED, RES_CRISIS_NOTE, RES_SAFETY_PLAN, RES_ASSESSMENT};
    for (size_t i = 0; i < ARRAY_LEN(notes); i++)
        for (int rel = 0; rel < REL__COUNT; rel++) {
            assert_int_equal(access_table(notes[i], ACT_READ, (enum rel)rel, ROLE_CARE_DESK), V_DENY);
            assert_int_equal(access_table(notes[i], ACT_LIST, (enum rel)rel, ROLE_CARE_DESK), V_DENY);
        }
    /* What the care desk keeps in a crisis: that a crisis happened (the events, the crisis view). */
    assert_int_equal(access_table(RES_CRISIS, ACT_READ, REL_BREAK_GLASS, ROLE_CARE_DESK), V_PURPOSE);
    assert_int_equal(access_table(RES_CRISIS, ACT_LIST, REL_CARE_TEAM, ROLE_CARE_DESK), V_ALLOW);
    /* A case manager's break-glass reads crisis notes and the safety plan, as on the team. */
    assert_int_equal(access_table(RES_CRISIS_NOTE, ACT_READ, REL_BREAK_GLASS, ROLE_CASE_MANAGER), V_PURPOSE);
    assert_int_equal(access_table(RES_SAFETY_PLAN, ACT_READ, REL_BREAK_GLASS, ROLE_CASE_MANAGER), V_PURPOSE);
}

/* Another organisation reads a client only through an active consent for a purpose of its role,
 * and only the data classes granted; withdrawal and expiry end it at once; the basis is audited. */
static int shared_may(int64_t staff, enum res r, enum act a, int64_t client)
{
    struct actor x = actor_of(T->db, staff);
    struct ctx c;
    ctx_init(&c, &x, T->db);
    int ok = access_may(&c, r, a, client);
    ctx_clear(&c);
    return ok;
}

static void consent_shares_classes(void **state)
{
    (void)state;
    int64_t k = mk_client(T->db, W.riv, W.cm, "Shared", "Person", "1982-02-02");
    /* no consent: Eastgate's case manager may not even find the client */
    assert_false(shared_may(W.cm_b, RES_CLIENT, ACT_READ, k));
    assert_false(shared_may(W.cm_b, RES_CLIENT, ACT_LIST, k));
    char q[600];
    snprintf(q, sizeof q,
             "INSERT INTO consents(client_id, org_id, purpose, classes, starts_on, ends_on, given_how, recorded_by,"
             " recorded_at) VALUES (%lld, %lld, 'care_coordination', %u, '2026-01-01', NULL, 'written', %lld, '%s')",
             (long long)k, (long long)W.riv, DC_BIT(DC_IDENTITY) | DC_BIT(DC_NOTES), (long long)W.cm, T_NOW);
    sql(T->db, q);
    int64_t kid = db_int1(T->db, 0, "SELECT max(id) FROM consents", "");
    snprintf(q, sizeof q, "INSERT INTO consent_orgs(consent_id, org_id) VALUES (%lld, %lld), (%lld, %lld)",
             (long long)kid, (long long)W.east, (long long)kid, (long long)W.harbour);
    sql(T->db, q);
    /* care coordination: Eastgate's clinical roles read identity and notes, nothing else, never write */
    assert_true(shared_may(W.cm_b, RES_CLIENT, ACT_READ, k));
    assert_true(shared_may(W.cm_b, RES_CONTACT, ACT_LIST, k));
    assert_false(shared_may(W.cm_b, RES_ASSESSMENT, ACT_LIST, k));
    assert_false(shared_may(W.cm_b, RES_FLAG, ACT_LIST, k));
    assert_false(shared_may(W.cm_b, RES_NOTE_RESTRICTED, ACT_READ, k));
    assert_false(shared_may(W.cm_b, RES_CONTACT, ACT_CREATE, k));
    assert_false(shared_may(W.cm_b, RES_CLIENT, ACT_UPDATE, k));
    /* the purpose is not housing: Harbour's housing coordinator sees nothing */
    assert_false(shared_may(W.housing, RES_CLIENT, ACT_READ, k));
    /* a read through consent is audited as shared, naming the consent */
    struct actor b = actor_of(T->db, W.cm_b);
    struct ctx c;
    json_t *o = NULL;
    ctx_init(&c, &b, T->db);
    assert_int_equal(client_get(&c, k, &o), OK);
    json_decref(o);
    assert_string_equal(c.pend[0].purpose, "shared");
    char basis[40];
    snprintf(basis, sizeof basis, "consent %lld", (long long)kid);
    assert_string_equal(c.pend[0].reason, basis);
    ctx_clear(&c);
    /* expired yesterday: gone */
    sql(T->db, "UPDATE consents SET ends_on='" T_YESTERDAY "'");
    assert_false(shared_may(W.cm_b, RES_CLIENT, ACT_READ, k));
    sql(T->db, "UPDATE consents SET ends_on=NULL");
    assert_true(shared_may(W.cm_b, RES_CLIENT, ACT_READ, k));
    /* withdrawn: gone at once */
    sql(T->db, "UPDATE consents SET withdrawn_at='" T_NOW "'");
    assert_false(shared_may(W.cm_b, RES_CLIENT, ACT_READ, k));
    assert_false(shared_may(W.cm_b, RES_CONTACT, ACT_LIST, k));
}

/* Possible duplicates are decided by the clinical roles caring for the client, never by emergency. */
static void link_decisions(void **state)
{
    (void)state;
    assert_int_equal(access_table(RES_CLIENT_LINK, ACT_REVIEW, REL_PRIMARY_CM, ROLE_CASE_MANAGER), V_ALLOW);
    assert_int_equal(access_table(RES_CLIENT_LINK, ACT_REVIEW, REL_SUPERVISOR, ROLE_SUPERVISOR), V_ALLOW);
    assert_int_equal(access_table(RES_CLIENT_LINK, ACT_REVIEW, REL_CARE_TEAM, ROLE_CLINICIAN), V_ALLOW);
    assert_int_equal(access_table(RES_CLIENT_LINK, ACT_REVIEW, REL_PEER, ROLE_PEER), V_DENY);
    assert_int_equal(access_table(RES_CLIENT_LINK, ACT_REVIEW, REL_CARE_TEAM, ROLE_CARE_DESK), V_DENY);
    assert_int_equal(access_table(RES_CLIENT_LINK, ACT_REVIEW, REL_SAME_ORG, ROLE_CASE_MANAGER), V_DENY);
    assert_int_equal(access_table(RES_CLIENT_LINK, ACT_REVIEW, REL_BREAK_GLASS, ROLE_CASE_MANAGER), V_DENY);
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(access_matrix),
        cmocka_unit_test(unknown_client),
        cmocka_unit_test(denial_is_audited),
        cmocka_unit_test(record_shape_follows_access),
        cmocka_unit_test(notes_follow_role_scope),
        cmocka_unit_test(break_glass_flow),
        cmocka_unit_test(team_changes_take_effect_now),
        cmocka_unit_test(on_call_reads_and_records_crisis),
        cmocka_unit_test(peer_on_the_team),
        cmocka_unit_test(purpose_follows_the_relationship),
        cmocka_unit_test(recent_clients_follow_access),
        cmocka_unit_test(table_cells),
        cmocka_unit_test(emergency_never_widens_a_role),
        cmocka_unit_test(link_decisions),
        cmocka_unit_test(consent_shares_classes),
        cmocka_unit_test(kept_facts_follow_the_database),
        cmocka_unit_test(writer_keeps_facts_until_it_changes_them),
    };
    /* clang-format on */
    return cmocka_run_group_tests_name("access", tests, setup_world, teardown_world);
}
