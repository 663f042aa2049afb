/* test_linkage: resource linkage and monitoring (core/linkage.c): the interval arithmetic of the next
 * check (days, weeks, months with the day clamped to the month's end, and the bounds of each unit),
 * the programme -> domain mapping the duplicate check reads, and the overdue-check rule run by the
 * sweep: one task per due date for the primary case manager of the client's open episode at the
 * linkage's organisation (else the linkage's creator), completed by the check that moves the date on;
 * nothing for an ended linkage or one not yet due. */
#include "helpers.h"

static struct tdb *T;
static int64_t riv, cm, cm2;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    riv = mk_org(T->db, "Riverside");
    cm = mk_staff(T->db, riv, "cm", "case_manager");
    cm2 = mk_staff(T->db, riv, "cm2", "case_manager");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tdb_close(T);
    return 0;
}

static const char *due(const char *date, int64_t n, const char *unit)
{
    static char out[16];
    if (linkage_next_due(date, n, unit, out) != 0)
        return "invalid";
    return out;
}

static void next_due_counts_days_weeks_and_months(void **state)
{
    (void)state;
    assert_string_equal(due("2026-11-22", 1, "month"), "2026-12-22");
    assert_string_equal(due("2026-11-22", 2, "month"), "2027-01-22");
    assert_string_equal(due("2026-01-31", 1, "month"), "2026-02-28"); /* clamped to the month's end */
    assert_string_equal(due("2028-01-31", 1, "month"), "2028-02-29"); /* a leap year */
    assert_string_equal(due("2026-11-22", 12, "month"), "2027-11-22");
    assert_string_equal(due("2026-12-28", 1, "week"), "2027-01-04");
    assert_string_equal(due("2026-01-05", 2, "week"), "2026-01-19");
    assert_string_equal(due("2026-02-28", 1, "day"), "2026-03-01");
    assert_string_equal(due("2026-03-28", 3, "day"), "2026-03-31");
    assert_string_equal(due("2026-01-01", 366, "day"), "2027-01-02");
    assert_string_equal(due("2026-01-01", 52, "week"), "2026-12-31");
}

static void next_due_refuses_what_is_out_of_bounds(void **state)
{
    (void)state;
    assert_string_equal(due("2026-11-22", 0, "month"), "invalid");
    assert_string_equal(due("2026-11-22", 13, "month"), "invalid");
    assert_string_equal(due("2026-11-22", 53, "week"), "invalid");
    assert_string_equal(due("2026-11-22", 367, "day"), "invalid");
    assert_string_equal(due("2026-11-22", 1, "year"), "invalid");
    assert_string_equal(due("2026-11-22", 1, NULL), "invalid");
    assert_string_equal(due("2026-02-30", 1, "day"), "invalid");
    assert_string_equal(due(NULL, 1, "day"), "invalid");
    assert_int_equal(linkage_interval_max("day"), 366);
    assert_int_equal(linkage_interval_max("week"), 52);
    assert_int_equal(linkage_interval_max("month"), 12);
    assert_int_equal(linkage_interval_max("fortnight"), 0);
}

static void programmes_map_to_their_domains(void **state)
{
    (void)state;
    assert_string_equal(linkage_programme_domain("integrated_care"), "mental_health_treatment");
    assert_string_equal(linkage_programme_domain("intensive_case_management"), "mental_health_treatment");
    assert_string_equal(linkage_programme_domain("act"), "mental_health_treatment");
    assert_string_equal(linkage_programme_domain("housing_support"), "housing");
    assert_string_equal(linkage_programme_domain("crisis"), "crisis_response");
    assert_null(linkage_programme_domain("gardening"));
    assert_null(linkage_programme_domain(NULL));
    /* every programme there is provides a domain there is */
    for (int i = 0; programmes[i]; i++) {
        const char *d = linkage_programme_domain(programmes[i]);
        assert_non_null(d);
        assert_true(in_list(service_domains, d));
    }
}

/* A client of cm's (primary case manager of an active episode, cm2 on the team), with a plan and a
 * linkage made by cm2 of its one step to a local resource, started on start, every n unit. */
static int64_t mk_linkage(const char *family, const char *start, int n, const char *unit, int64_t *client_out,
                          int64_t *episode_out)
{
    int64_t k = mk_client(T->db, riv, cm, "Link", family, "1980-01-01");
    int64_t ep = mk_episode(T->db, k, riv, "active", cm, cm);
    mk_member(T->db, ep, cm2, "case_manager", "2026-01-01", NULL);
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    char body[600];
    snprintf(body, sizeof body,
             "{\"episode_id\":%lld,\"goals\":[{\"domain\":\"income_entitlements\",\"client_words\":\"Enough to eat.\","
             "\"steps\":[{\"who\":\"client\",\"what\":\"Go to the food bank on Fridays\"}]}]}",
             (long long)ep);
    json_t *in = json_loads(body, 0, NULL), *plan = NULL;
    assert_int_equal(careplan_create(&c, k, in, &plan), OK);
    json_decref(in);
    ctx_clear(&c);
    struct actor a2 = actor_of(T->db, cm2);
    ctx_init(&c, &a2, T->db);
    snprintf(body, sizeof body,
             "{\"plan_id\":%lld,\"step_key\":\"g1s2\",\"resource_name\":\"Food bank\",\"start_date\":\"%s\","
             "\"every_n\":%d,\"every_unit\":\"%s\"}",
             (long long)ji(plan, "id"), start, n, unit);
    in = json_loads(body, 0, NULL);
    json_t *l = NULL;
    assert_int_equal(linkage_create(&c, k, in, &l), OK);
    int64_t id = ji(l, "id");
    json_decref(in);
    json_decref(l);
    json_decref(plan);
    ctx_clear(&c);
    if (client_out)
        *client_out = k;
    if (episode_out)
        *episode_out = ep;
    return id;
}

/* Run every time rule once, as the server does. */
static void sweep(void)
{
    struct ctx c;
    ctx_init(&c, NULL, T->db);
    c.purpose = "rule";
    char report[256];
    assert_int_equal(sweep_run(&c, report, sizeof report), OK);
    ctx_clear(&c);
}

static int64_t check_tasks(int64_t client)
{
    return db_int1(T->db, -1, "SELECT count(*) FROM tasks WHERE client_id=? AND title_key='linkage.check_overdue'",
                   "i", client);
}

/* sweep DB: the overdue rule once, as the server's sweep runs it (no actor, one transaction); exits
 * with how many tasks it made, 100 on a failure. */
static int step_sweep(int argc, char **argv)
{
    if (argc != 2)
        return 120;
    struct db *db;
    char err[256];
    if (db_open(argv[1], NULL, &db, err, sizeof err) != DB_OK)
        return 121;
    struct ctx c;
    ctx_init(&c, NULL, db);
    c.purpose = "rule";
    int made = 0;
    db_begin(db);
    int rc = linkage_overdue_run(&c, &made);
    if (rc == OK && db_commit(db) != DB_OK)
        rc = ERR_DB;
    if (rc != OK)
        db_rollback(db);
    ctx_clear(&c);
    db_close(db);
    return rc == OK ? made : 100;
}
static const struct step steps[] = {{"sweep", step_sweep}, {0}};

static int sweep_on(const char *iso)
{
    const char *args[] = {"sweep", T->path, NULL};
    return run_at(iso, args);
}

static void an_overdue_check_makes_one_task_and_the_check_completes_it(void **state)
{
    (void)state;
    int64_t k;
    int64_t id = mk_linkage("Overdue", "2026-10-01", 2, "week", &k, NULL); /* due 2026-10-15 */
    sweep();
    sweep();
    assert_int_equal(check_tasks(k), 1);
    json_t *t = db_row(T->db,
                       "SELECT id, assignee, due, status, source, title_args FROM tasks WHERE client_id=? AND"
                       " title_key='linkage.check_overdue'",
                       "i", k);
    assert_int_equal(ji(t, "assignee"), cm); /* the primary case manager, not the linkage's creator */
    assert_string_equal(js(t, "due"), T_TODAY); /* due the day the rule found it; the title names the missed date */
    assert_string_equal(js(t, "status"), "open");
    assert_string_equal(js(t, "source"), "rule");
    json_t *args = json_loads(js(t, "title_args"), 0, NULL);
    char shown[256], want[256];
    rule_text_in("en", "linkage.check_overdue", args, shown, sizeof shown);
    snprintf(want, sizeof want, "Check with the client how Food bank is going (linkage no. %lld, due 15 October 2026)",
             (long long)id);
    assert_string_equal(shown, want);
    json_decref(args);
    int64_t task = ji(t, "id");
    json_decref(t);
    assert_int_equal(db_int1(T->db, 0, "SELECT check_task FROM linkages WHERE id=?", "i", id), task);

    /* the check (today, 2026-11-22) completes the task and moves the next check two weeks on */
    struct actor a = actor_of(T->db, cm2);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *in = json_loads("{\"using_it\":\"yes\",\"satisfied\":\"partly\",\"what_changed\":\"Goes most Fridays.\"}",
                            0, NULL),
           *out = NULL;
    assert_int_equal(linkage_check(&c, id, in, &out), OK);
    assert_string_equal(js(out, "next_check"), "2026-12-06");
    assert_false(json_is_true(json_object_get(out, "overdue")));
    json_decref(in);
    json_decref(out);
    ctx_clear(&c);
    t = db_row(T->db, "SELECT status, done_by FROM tasks WHERE id=?", "i", task);
    assert_string_equal(js(t, "status"), "done");
    assert_int_equal(ji(t, "done_by"), cm2);
    json_decref(t);
    assert_int_equal(db_int1(T->db, -1, "SELECT count(*) FROM linkages WHERE id=? AND check_task IS NULL", "i", id), 1);

    /* not due again until 2026-12-06 has passed; then once for that date */
    sweep();
    assert_int_equal(check_tasks(k), 1);
    assert_int_equal(sweep_on("2026-12-06T12:00:00Z"), 0);
    assert_int_equal(sweep_on("2026-12-07T12:00:00Z"), 1);
    assert_int_equal(sweep_on("2026-12-08T12:00:00Z"), 0);
    assert_int_equal(check_tasks(k), 2);
    assert_int_equal(db_int1(T->db, -1,
                             "SELECT count(*) FROM tasks WHERE client_id=? AND title_key='linkage.check_overdue' AND"
                             " due='2026-12-07' AND title_args LIKE '%\"2026-12-06\"%' AND status='open'",
                             "i", k),
                     1);
}

static void without_a_case_manager_there_the_creator_is_asked(void **state)
{
    (void)state;
    int64_t k, ep;
    int64_t id = mk_linkage("Nocm", "2026-09-01", 1, "month", &k, &ep);
    assert_int_equal(db_run(T->db, "UPDATE episodes SET status='discharged', end_date='2026-11-01' WHERE id=?", "i", ep),
                     DB_OK);
    sweep();
    assert_int_equal(check_tasks(k), 1);
    assert_int_equal(db_int1(T->db, 0, "SELECT assignee FROM tasks WHERE client_id=? AND title_key='linkage.check_overdue'",
                             "i", k),
                     cm2);
    /* the plan of a discharged episode is closed: nothing more is linked to it, even by its case
     * manager of a new episode */
    mk_episode(T->db, k, riv, "active", cm, cm);
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    char body[160];
    snprintf(body, sizeof body, "{\"plan_id\":%lld,\"step_key\":\"g1s2\",\"resource_name\":\"Soup kitchen\"}",
             (long long)db_int1(T->db, 0, "SELECT plan_id FROM linkages WHERE id=?", "i", id));
    json_t *in = json_loads(body, 0, NULL), *out = NULL;
    assert_int_equal(linkage_create(&c, k, in, &out), ERR_INVALID);
    assert_non_null(json_object_get(c.errors, "plan_id"));
    json_decref(in);
    ctx_clear(&c);
}

static void ended_and_not_yet_due_linkages_ask_nothing(void **state)
{
    (void)state;
    int64_t k;
    int64_t id = mk_linkage("Ended", "2026-09-01", 1, "month", &k, NULL);
    struct actor a = actor_of(T->db, cm2);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *in = json_loads("{\"reason\":\"The food bank closed.\"}", 0, NULL), *out = NULL;
    assert_int_equal(linkage_end(&c, id, 1, in, &out), OK);
    json_decref(in);
    json_decref(out);
    ctx_clear(&c);
    int64_t k2;
    mk_linkage("Later", "2026-11-20", 1, "month", &k2, NULL); /* due 2026-12-20 */
    sweep();
    assert_int_equal(check_tasks(k), 0);
    assert_int_equal(check_tasks(k2), 0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--step") == 0)
        return step_main(steps, argc, argv);
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(next_due_counts_days_weeks_and_months),
        cmocka_unit_test(next_due_refuses_what_is_out_of_bounds),
        cmocka_unit_test(programmes_map_to_their_domains),
        cmocka_unit_test(an_overdue_check_makes_one_task_and_the_check_completes_it),
        cmocka_unit_test(without_a_case_manager_there_the_creator_is_asked),
        cmocka_unit_test(ended_and_not_yet_due_linkages_ask_nothing),
    };
    return cmocka_run_group_tests_name("linkage", tests, setup, teardown);
}
