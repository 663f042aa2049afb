/* test_intake: the intake's step machine (core/intake.c): every step from every state, allowed or
 * not; a discovery registers the person with an intake episode the discovering worker holds; and
 * intake_referred, which the referral slice calls in its own transaction: it records "referred" only
 * at the outcome step (again for a re-referral), refuses any other state with ERR_CONFLICT naming it,
 * refuses another organisation (audited), and writes nothing the caller's rollback keeps. */
#include "helpers.h"

static struct tdb *T;
static int64_t north, east, desk, cm_n, cm_e;
static int nperson;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    north = mk_org(T->db, "Northside");
    east = mk_org(T->db, "Eastgate");
    desk = mk_staff(T->db, north, "desk-n", "care_desk");
    cm_n = mk_staff(T->db, north, "cm-n", "case_manager");
    cm_e = mk_staff(T->db, east, "cm-e", "case_manager");
    return 0;
}
static int teardown(void **state)
{
    (void)state;
    tdb_close(T);
    return 0;
}

static void step_machine(void **state)
{
    (void)state;
    static const char *const st[] = {"discovered", "screened", "decided", "enrolled", "referred", "closed"};
    static const char *const sp[] = {"screen", "decide", "enrol", "refer", "close"};
    /* The expected next state, [state][step]; NULL: refused. */
    static const char *const want[6][5] = {
        {"screened", NULL, NULL, NULL, "closed"},           /* discovered */
        {"screened", "decided", NULL, NULL, "closed"},      /* screened: again, or a decision */
        {NULL, "decided", "enrolled", "referred", "closed"}, /* decided: the outcome step */
        {NULL, NULL, NULL, NULL, NULL},                      /* enrolled: done */
        {NULL, NULL, NULL, "referred", "closed"},            /* referred: a re-referral, or closed */
        {NULL, NULL, NULL, NULL, NULL},                      /* closed: done */
    };
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 5; j++) {
            const char *got = intake_next_state(st[i], sp[j]);
            if (!want[i][j])
                assert_null(got);
            else
                assert_string_equal(got, want[i][j]);
        }
    assert_null(intake_next_state("lost", "screen"));
    assert_null(intake_next_state("discovered", "fly"));
    assert_null(intake_next_state(NULL, NULL));
}

/* A discovery by staff; the intake's id. */
static int64_t discover(int64_t staff)
{
    struct actor a = actor_of(T->db, staff);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    char body[300];
    nperson++;
    snprintf(body, sizeof body,
             "{\"given_name\":\"Person\",\"family_name\":\"Number%d\",\"birth_date\":\"19%02d-03-04\","
             "\"source\":\"care_desk\",\"concern\":\"Seen at the desk.\"}",
             nperson, 40 + nperson);
    json_t *in = json_loads(body, 0, NULL), *out = NULL;
    assert_int_equal(intake_create(&c, in, &out), OK);
    int64_t id = ji(out, "id");
    assert_string_equal(js(out, "state"), "discovered");
    /* The person is a client with an intake episode the discovering worker holds. */
    assert_int_equal(db_int1(T->db, 0,
                             "SELECT count(*) FROM episodes e JOIN intakes i ON i.episode_id=e.id WHERE i.id=?"
                             " AND e.status='intake' AND e.primary_cm=?",
                             "ii", id, staff),
                     1);
    json_decref(in);
    json_decref(out);
    ctx_clear(&c);
    return id;
}

/* Move an intake to a state by hand (the steps before the outcome are the API's tests). */
static void put_state(int64_t id, const char *st)
{
    assert_int_equal(db_run(T->db, "UPDATE intakes SET state=? WHERE id=?", "ti", st, id), DB_OK);
}

/* A referral of the intake's client (the referral slice's own row, as referral_create leaves it). */
static int64_t mk_referral(int64_t intake)
{
    int64_t client = db_int1(T->db, 0, "SELECT client_id FROM intakes WHERE id=?", "i", intake);
    int64_t org = db_int1(T->db, 0, "SELECT org_id FROM staff WHERE id=?", "i", desk);
    int64_t id = db_insert_id(T->db,
                              "INSERT INTO referrals(client_id, from_org_id, from_staff_id, to_org_id, reason, asked,"
                              " urgency, due_at, agreement, sent_at, updated_at) VALUES (?,?,?,?,'r','a','soon',?,"
                              "'agreed',?,?) RETURNING id",
                              "iiiittt", client, org, desk, org, T_NOW, T_NOW, T_NOW);
    assert_true(id > 0);
    return id;
}

static int referred(int64_t staff, int64_t id, int64_t referral, struct ctx *c, struct actor *a)
{
    *a = actor_of(T->db, staff);
    ctx_init(c, a, T->db);
    return intake_referred(c, id, referral);
}

static void referred_only_at_the_outcome_step(void **state)
{
    (void)state;
    int64_t id = discover(desk);
    struct actor a;
    struct ctx c;
    int64_t ref = mk_referral(id);
    /* discovered: refused, naming the state */
    assert_int_equal(referred(desk, id, ref, &c, &a), ERR_CONFLICT);
    assert_string_equal(js(c.extra, "state"), "discovered");
    assert_non_null(strstr(c.msg, "discovered"));
    ctx_clear(&c);
    put_state(id, "screened");
    assert_int_equal(referred(desk, id, ref, &c, &a), ERR_CONFLICT);
    assert_string_equal(js(c.extra, "state"), "screened");
    ctx_clear(&c);
    /* decided: recorded, with who and when */
    put_state(id, "decided");
    assert_int_equal(referred(desk, id, ref, &c, &a), OK);
    ctx_clear(&c);
    json_t *r = db_row(T->db, "SELECT state, referral_id, outcome_by, outcome_at FROM intakes WHERE id=?", "i", id);
    assert_string_equal(js(r, "state"), "referred");
    assert_int_equal(ji(r, "referral_id"), ref);
    assert_int_equal(ji(r, "outcome_by"), desk);
    assert_non_null(js(r, "outcome_at"));
    json_decref(r);
    /* a re-referral (after a decline) replaces the referral */
    int64_t again = mk_referral(id);
    assert_int_equal(referred(desk, id, again, &c, &a), OK);
    ctx_clear(&c);
    assert_int_equal(db_int1(T->db, 0, "SELECT referral_id FROM intakes WHERE id=?", "i", id), again);
    /* no referral, or another client's: a field error on the intake named */
    assert_int_equal(referred(desk, id, 0, &c, &a), ERR_INVALID);
    assert_non_null(json_object_get(c.errors, "intake_id"));
    ctx_clear(&c);
    assert_int_equal(referred(desk, id, mk_referral(discover(desk)), &c, &a), ERR_INVALID);
    assert_string_equal(js(c.errors, "intake_id"), "is an intake of another client");
    ctx_clear(&c);
    /* enrolled and closed intakes are done */
    put_state(id, "enrolled");
    assert_int_equal(referred(desk, id, 11, &c, &a), ERR_CONFLICT);
    assert_string_equal(js(c.extra, "state"), "enrolled");
    ctx_clear(&c);
    put_state(id, "closed");
    assert_int_equal(referred(desk, id, 11, &c, &a), ERR_CONFLICT);
    assert_string_equal(js(c.extra, "state"), "closed");
    ctx_clear(&c);
    assert_int_equal(db_int1(T->db, 0, "SELECT referral_id FROM intakes WHERE id=?", "i", id), again);
    /* no such intake */
    assert_int_equal(referred(desk, 999999, 11, &c, &a), ERR_NOTFOUND);
    ctx_clear(&c);
}

static void referred_by_another_organisation_is_refused(void **state)
{
    (void)state;
    int64_t id = discover(desk);
    put_state(id, "decided");
    struct actor a;
    struct ctx c;
    assert_int_equal(referred(cm_e, id, 5, &c, &a), ERR_FORBIDDEN);
    int denied = 0;
    for (int i = 0; i < c.npend; i++)
        denied |= str_eq(c.pend[i].action, "intake.refer") && str_eq(c.pend[i].outcome, "denied");
    assert_true(denied);
    ctx_clear(&c);
    assert_int_equal(db_int1(T->db, 0, "SELECT count(*) FROM intakes WHERE id=? AND state='decided'", "i", id), 1);
}

static void referred_lives_in_the_callers_transaction(void **state)
{
    (void)state;
    int64_t id = discover(desk);
    put_state(id, "decided");
    struct actor a;
    struct ctx c;
    assert_int_equal(db_begin(T->db), DB_OK);
    int64_t ref = mk_referral(id);
    assert_int_equal(referred(desk, id, ref, &c, &a), OK);
    assert_int_equal(db_int1(T->db, 0, "SELECT referral_id FROM intakes WHERE id=?", "i", id), ref);
    assert_int_equal(db_rollback(T->db), DB_OK); /* the referral failed after it: nothing stays */
    ctx_clear(&c);
    assert_int_equal(db_int1(T->db, -1, "SELECT coalesce(referral_id, 0) FROM intakes WHERE id=?", "i", id), 0);
    assert_int_equal(db_int1(T->db, 0, "SELECT count(*) FROM intakes WHERE id=? AND state='decided'", "i", id), 1);
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(step_machine),
        cmocka_unit_test(referred_only_at_the_outcome_step),
        cmocka_unit_test(referred_by_another_organisation_is_refused),
        cmocka_unit_test(referred_lives_in_the_callers_transaction),
    };
    return cmocka_run_group_tests_name("intake", tests, setup, teardown);
}
