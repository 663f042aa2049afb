/* test_consent: the renewal rule of consent by purpose (core/consent.c, a time rule run by
 * sweep_run): an active consent ending within 30 days makes one task for the client's primary case
 * manager and one notice, once; later ends, open ends, withdrawn, renewed and future consents make
 * none. And the search: another organisation finds a client only through an active consent. */
#include "helpers.h"

static struct tdb *T;
static int64_t riv, east, cm, cm_east, recorder;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    riv = mk_org(T->db, "Riverside");
    east = mk_org(T->db, "Eastgate");
    cm = mk_staff(T->db, riv, "cm", "case_manager");
    recorder = mk_staff(T->db, riv, "desk", "care_desk");
    cm_east = mk_staff(T->db, east, "cm_east", "case_manager");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tdb_close(T);
    return 0;
}

/* A consent of client for Eastgate: purpose, from, until (NULL: open), withdrawn or not. */
static int64_t mk_consent(int64_t client, const char *purpose, const char *from, const char *until, int withdrawn)
{
    assert_int_equal(db_run(T->db,
                            "INSERT INTO consents(client_id, org_id, purpose, classes, starts_on, ends_on, given_how,"
                            " recorded_by, recorded_at, withdrawn_at, withdrawn_by) VALUES (?,?,?,3,?,?,'written',?,?,?,?)",
                            "iittti" "ttI", client, riv, purpose, from, until, recorder, T_NOW,
                            withdrawn ? T_NOW : NULL, withdrawn ? recorder : 0),
                     DB_OK);
    int64_t id = db_int1(T->db, 0, "SELECT max(id) FROM consents", "");
    assert_int_equal(db_run(T->db, "INSERT INTO consent_orgs(consent_id, org_id) VALUES (?,?)", "ii", id, east), DB_OK);
    return id;
}

/* Run every time rule once, as the server does; the number of tasks and notices now made. */
static void sweep(void)
{
    struct ctx c;
    ctx_init(&c, NULL, T->db);
    c.purpose = "rule";
    char report[256];
    assert_int_equal(sweep_run(&c, report, sizeof report), OK);
    ctx_clear(&c);
}

static int64_t renew_tasks(int64_t client)
{
    return db_int1(T->db, -1, "SELECT count(*) FROM tasks WHERE client_id=? AND title_key='consent.renew'", "i", client);
}

static void renewal_is_asked_once_within_30_days(void **state)
{
    (void)state;
    int64_t k = mk_client(T->db, riv, cm, "Renew", "Soon", "1980-01-01");
    mk_episode(T->db, k, riv, "active", cm, cm);
    int64_t id = mk_consent(k, "care_coordination", "2026-01-01", "2026-12-12", 0); /* 20 days from T_TODAY */
    sweep();
    sweep();
    assert_int_equal(renew_tasks(k), 1);
    json_t *t = db_row(T->db,
                       "SELECT assignee, due, status, source, title_args FROM tasks WHERE client_id=? AND"
                       " title_key='consent.renew'",
                       "i", k);
    assert_int_equal(ji(t, "assignee"), cm); /* the primary case manager, not the recorder */
    assert_string_equal(js(t, "due"), "2026-12-12");
    assert_string_equal(js(t, "source"), "rule");
    json_t *args = json_loads(js(t, "title_args"), 0, NULL);
    assert_int_equal(ji(args, "id"), id);
    assert_string_equal(js(args, "date"), "2026-12-12");
    assert_string_equal(js(args, "text"), "care coordination");
    char shown[256], want[256];
    rule_text_in("en", "consent.renew", args, shown, sizeof shown);
    snprintf(want, sizeof want, "Renew consent no. %lld for care coordination with the client: it ends on 12 December 2026",
             (long long)id);
    assert_string_equal(shown, want);
    json_decref(args);
    json_decref(t);
    /* the consent remembers its task; one notice for the case manager */
    assert_int_equal(db_int1(T->db, 0, "SELECT renewal_task FROM consents WHERE id=?", "i", id),
                     db_int1(T->db, 0, "SELECT id FROM tasks WHERE client_id=? AND title_key='consent.renew'", "i", k));
    assert_int_equal(db_int1(T->db, -1,
                             "SELECT count(*) FROM notifications WHERE staff_id=? AND kind='consent' AND entity='consent'"
                             " AND entity_id=? AND text_key='consent.renew'",
                             "ii", cm, id),
                     1);
}

static void later_open_withdrawn_renewed_and_future_ask_nothing(void **state)
{
    (void)state;
    int64_t k = mk_client(T->db, riv, cm, "Renew", "Later", "1981-01-01");
    mk_episode(T->db, k, riv, "active", cm, cm);
    mk_consent(k, "care_coordination", "2026-01-01", "2027-01-01", 0); /* 40 days */
    mk_consent(k, "housing", "2026-01-01", NULL, 0);                   /* until withdrawn */
    mk_consent(k, "peer_support", "2026-01-01", "2026-12-12", 1);      /* withdrawn */
    mk_consent(k, "evaluation", "2026-12-01", "2026-12-12", 0);        /* not started yet */
    mk_consent(k, "referral", "2026-01-01", "2026-11-21", 0);          /* ended yesterday */
    /* renewed: a later consent for the same purpose carries on after it */
    mk_consent(k, "referral", "2026-01-01", "2026-12-10", 0);
    mk_consent(k, "referral", "2026-12-01", "2027-12-10", 0);
    sweep();
    assert_int_equal(renew_tasks(k), 0);
}

/* A withdrawn consent is not renewed: its open renewal task is done with the withdrawal. */
static void withdrawal_closes_the_renewal_task(void **state)
{
    (void)state;
    int64_t k = mk_client(T->db, riv, cm, "Renew", "Withdrawn", "1981-01-01");
    mk_episode(T->db, k, riv, "active", cm, cm);
    int64_t id = mk_consent(k, "care_coordination", "2026-01-01", "2026-12-10", 0);
    sweep();
    assert_int_equal(renew_tasks(k), 1);
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *out = NULL;
    assert_int_equal(consent_withdraw(&c, id, 1, NULL, &out), OK);
    json_decref(out);
    ctx_clear(&c);
    json_t *t = db_row(T->db, "SELECT status, done_by FROM tasks WHERE client_id=? AND title_key='consent.renew'", "i", k);
    assert_string_equal(js(t, "status"), "done");
    assert_int_equal(ji(t, "done_by"), cm);
    json_decref(t);
}

static void without_a_case_manager_the_recorder_is_asked(void **state)
{
    (void)state;
    int64_t k = mk_client(T->db, riv, cm, "Renew", "Nocm", "1982-01-01");
    mk_consent(k, "care_coordination", "2026-01-01", "2026-11-30", 0);
    sweep();
    assert_int_equal(renew_tasks(k), 1);
    assert_int_equal(db_int1(T->db, 0, "SELECT assignee FROM tasks WHERE client_id=? AND title_key='consent.renew'", "i", k),
                     recorder);
}

/* Another organisation's case manager finds the client by name only through an active consent that
 * grants identity for care coordination; the find is audited naming the consent. */
static int64_t found(int64_t staff, const char *q, int64_t client)
{
    struct actor a = actor_of(T->db, staff);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *out = NULL;
    assert_int_equal(client_search(&c, q, NULL, NULL, NULL, &out), OK);
    int64_t hit = 0;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(out, "items"), i, r) if (ji(r, "id") == client) hit = client;
    if (hit) { /* the find names the consent in the client's own record */
        int named = 0;
        for (int p = 0; p < c.npend; p++)
            named |= c.pend[p].client_id == client && str_eq(c.pend[p].purpose, "shared") &&
                     c.pend[p].reason && strncmp(c.pend[p].reason, "consent ", 8) == 0;
        assert_true(named);
    }
    json_decref(out);
    ctx_clear(&c);
    return hit;
}

static void another_organisation_finds_through_consent_only(void **state)
{
    (void)state;
    int64_t k = mk_client(T->db, riv, cm, "Findable", "Throughconsent", "1983-03-03");
    assert_int_equal(found(cm_east, "Throughconsent", k), 0);
    /* a consent without identity: still not found */
    assert_int_equal(db_run(T->db,
                            "INSERT INTO consents(client_id, org_id, purpose, classes, starts_on, given_how, recorded_by,"
                            " recorded_at) VALUES (?,?,'care_coordination',2,'2026-01-01','written',?,?)",
                            "iiit", k, riv, cm, T_NOW),
                     DB_OK);
    int64_t notes_only = db_int1(T->db, 0, "SELECT max(id) FROM consents", "");
    sql(T->db, "INSERT INTO consent_orgs(consent_id, org_id) SELECT max(id), (SELECT id FROM orgs WHERE name='Eastgate')"
               " FROM consents");
    assert_int_equal(found(cm_east, "Throughconsent", k), 0);
    (void)notes_only;
    /* a housing consent is not for a case manager */
    int64_t h = mk_consent(k, "housing", "2026-01-01", NULL, 0);
    assert_int_equal(found(cm_east, "Throughconsent", k), 0);
    (void)h;
    int64_t id = mk_consent(k, "care_coordination", "2026-01-01", NULL, 0);
    assert_int_equal(found(cm_east, "Throughconsent", k), k);
    /* withdrawn: gone */
    assert_int_equal(db_run(T->db, "UPDATE consents SET withdrawn_at=? WHERE id=?", "ti", T_NOW, id), DB_OK);
    assert_int_equal(found(cm_east, "Throughconsent", k), 0);
    /* expired: gone */
    id = mk_consent(k, "care_coordination", "2026-01-01", T_YESTERDAY, 0);
    assert_int_equal(found(cm_east, "Throughconsent", k), 0);
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(renewal_is_asked_once_within_30_days),
        cmocka_unit_test(later_open_withdrawn_renewed_and_future_ask_nothing),
        cmocka_unit_test(withdrawal_closes_the_renewal_task),
        cmocka_unit_test(without_a_case_manager_the_recorder_is_asked),
        cmocka_unit_test(another_organisation_finds_through_consent_only),
    };
    return cmocka_run_group_tests_name("consent", tests, setup, teardown);
}
