/* test_careplan: the pure parts of care plans (core/careplan.c): add_months, two versions compared by
 * key; and the review dates: the review rule (a time rule run by sweep_run) makes one task per review
 * date for the primary case manager, a review completes it and sets the next date, a crisis or the end
 * of a hospital stay brings the review forward (never back). */
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

static void add_months_clamps_to_the_month(void **state)
{
    (void)state;
    char out[16];
    careplan_add_months("2026-08-31", 6, out);
    assert_string_equal(out, "2027-02-28");
    careplan_add_months("2027-08-31", 6, out);
    assert_string_equal(out, "2028-02-29"); /* a leap year */
    careplan_add_months("2026-01-15", 12, out);
    assert_string_equal(out, "2027-01-15");
    careplan_add_months("2026-12-01", 1, out);
    assert_string_equal(out, "2027-01-01");
    careplan_add_months("2026-05-31", 1, out);
    assert_string_equal(out, "2026-06-30");
    careplan_add_months("not a date", 6, out);
    assert_string_equal(out, "not a date");
}

static json_t *state_of(json_t *diff, const char *key)
{
    size_t i;
    json_t *d;
    json_array_foreach(diff, i, d) if (strcmp(js(d, "key"), key) == 0) return d;
    return NULL;
}

static int has_field(json_t *d, const char *f)
{
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(d, "fields"), i, x) if (strcmp(json_string_value(x), f) == 0) return 1;
    return 0;
}

static void diff_matches_goals_and_steps_by_key(void **state)
{
    (void)state;
    json_t *a = json_loads("[{\"key\":\"g1\",\"domain\":\"housing\",\"client_words\":\"A room.\",\"status\":\"active\","
                           "\"share_with_peer\":false,\"steps\":[{\"key\":\"g1s2\",\"who\":\"client\",\"what\":\"Visit\"},"
                           "{\"key\":\"g1s3\",\"who\":\"family\",\"what\":\"Call\"}]},"
                           "{\"key\":\"g4\",\"domain\":\"health_dental\",\"client_words\":\"Teeth.\",\"worker_words\":null,"
                           "\"status\":\"active\",\"steps\":[]},"
                           "{\"key\":\"g5\",\"domain\":\"peer_support\",\"client_words\":\"Friends.\",\"status\":\"active\"}]",
                           0, NULL);
    json_t *b = json_loads("[{\"key\":\"g5\",\"domain\":\"peer_support\",\"client_words\":\"Friends.\",\"status\":\"active\"},"
                           "{\"key\":\"g1\",\"domain\":\"housing\",\"client_words\":\"A room.\",\"status\":\"reached\","
                           "\"share_with_peer\":false,\"steps\":[{\"key\":\"g1s3\",\"who\":\"family\",\"what\":\"Call mum\"},"
                           "{\"key\":\"g1s9\",\"who\":\"client\",\"what\":\"Move in\"}]},"
                           "{\"key\":\"g6\",\"domain\":\"housing\",\"client_words\":\"Keep it.\",\"worker_words\":\"\","
                           "\"steps\":[{\"key\":\"g6s7\",\"who\":\"client\",\"what\":\"Pay rent\"}]}]",
                           0, NULL);
    assert_non_null(a);
    assert_non_null(b);
    json_t *d = careplan_diff(a, b);
    assert_int_equal(json_array_size(d), 4);
    /* in the later version's order, the removed last */
    assert_string_equal(js(json_array_get(d, 0), "key"), "g5");
    assert_string_equal(js(json_array_get(d, 3), "key"), "g4");
    assert_string_equal(js(state_of(d, "g5"), "state"), "same");
    assert_int_equal(json_array_size(json_object_get(state_of(d, "g5"), "fields")), 0);
    json_t *g1 = state_of(d, "g1");
    assert_string_equal(js(g1, "state"), "changed");
    assert_true(has_field(g1, "status"));
    assert_false(has_field(g1, "client_words"));
    assert_false(has_field(g1, "share_with_peer")); /* false and absent are the same */
    json_t *steps = json_object_get(g1, "steps");
    assert_string_equal(js(state_of(steps, "g1s3"), "state"), "changed");
    assert_true(has_field(state_of(steps, "g1s3"), "what"));
    assert_string_equal(js(state_of(steps, "g1s9"), "state"), "added");
    assert_string_equal(js(state_of(steps, "g1s2"), "state"), "removed");
    assert_string_equal(js(state_of(d, "g6"), "state"), "added");
    assert_string_equal(js(json_array_get(json_object_get(state_of(d, "g6"), "steps"), 0), "state"), "added");
    assert_string_equal(js(state_of(d, "g4"), "state"), "removed");
    json_decref(d);
    /* a goal whose only change is a step: changed; null and "" are the same */
    json_t *c = json_deep_copy(b);
    json_object_set_new(json_array_get(c, 2), "worker_words", json_null());
    d = careplan_diff(b, c);
    assert_string_equal(js(state_of(d, "g6"), "state"), "same");
    json_decref(d);
    json_object_set_new(json_array_get(json_object_get(json_array_get(c, 2), "steps"), 0), "by_when",
                        json_string("2027-01-01"));
    d = careplan_diff(b, c);
    assert_string_equal(js(state_of(d, "g6"), "state"), "changed");
    assert_int_equal(json_array_size(json_object_get(state_of(d, "g6"), "fields")), 0);
    json_decref(d);
    json_decref(c);
    json_decref(a);
    json_decref(b);
}

/* A client with an open episode of cm's (on the team) and a plan due on `due`. */
static int64_t mk_plan(const char *family, const char *status, const char *due, int64_t *client)
{
    int64_t k = mk_client(T->db, riv, cm, "Plan", family, "1980-01-01");
    int64_t ep = mk_episode(T->db, k, riv, status, cm, cm);
    mk_member(T->db, ep, cm, "primary_case_manager", "2026-01-01", NULL);
    assert_int_equal(db_run(T->db,
                            "INSERT INTO care_plans(client_id, episode_id, org_id, review_due, next_key, created_by,"
                            " created_at, updated_at) VALUES (?,?,?,?,3,?,?,?)",
                            "iiititt", k, ep, riv, due, cm2, T_NOW, T_NOW),
                     DB_OK);
    int64_t id = db_int1(T->db, 0, "SELECT id FROM care_plans WHERE client_id=?", "i", k);
    assert_int_equal(db_run(T->db,
                            "INSERT INTO care_plan_versions(plan_id, number, body, why, made_by, made_at) VALUES"
                            " (?,1,?,'first',?,?)",
                            "itit", id,
                            "{\"goals\":[{\"key\":\"g1\",\"domain\":\"housing\",\"client_words\":\"A room.\","
                            "\"status\":\"active\",\"share_with_peer\":false,\"steps\":[]}]}",
                            cm, T_NOW),
                     DB_OK);
    assert_int_equal(db_run(T->db,
                            "INSERT INTO care_plan_goals(plan_id, goal_key, client_id, domain, status, client_words)"
                            " VALUES (?,'g1',?,'housing','active','A room.')",
                            "ii", id, k),
                     DB_OK);
    *client = k;
    return id;
}

/* One text column of one row (the test's own, freed at the next call). */
static const char *text1(const char *q, int64_t id)
{
    static json_t *last;
    json_decref(last);
    last = db_row(T->db, q, "i", id);
    assert_non_null(last);
    const char *k;
    json_t *v;
    json_object_foreach(last, k, v) return json_string_value(v);
    return NULL;
}

static void sweep(void)
{
    struct ctx c;
    ctx_init(&c, NULL, T->db);
    c.purpose = "rule";
    char report[256];
    assert_int_equal(sweep_run(&c, report, sizeof report), OK);
    ctx_clear(&c);
}

static int64_t review_tasks(int64_t client, const char *status)
{
    return db_int1(T->db, -1, "SELECT count(*) FROM tasks WHERE client_id=? AND title_key='care_plan.review' AND status=?",
                   "it", client, status);
}

static void the_review_rule_asks_once_and_a_review_answers(void **state)
{
    (void)state;
    int64_t soon_c, later_c, closed_c;
    int64_t soon = mk_plan("Soon", "active", "2026-12-01", &soon_c); /* 9 days from T_TODAY */
    mk_plan("Later", "active", "2026-12-30", &later_c);                /* 38 days: not yet */
    mk_plan("Closed", "discharged", "2026-11-01", &closed_c);          /* a closed plan asks nothing */
    sweep();
    sweep();
    assert_int_equal(review_tasks(soon_c, "open"), 1);
    assert_int_equal(review_tasks(later_c, "open"), 0);
    assert_int_equal(review_tasks(closed_c, "open"), 0);
    json_t *t = db_row(T->db, "SELECT id, assignee, due, source, title_args FROM tasks WHERE client_id=? AND"
                              " title_key='care_plan.review'",
                       "i", soon_c);
    assert_int_equal(ji(t, "assignee"), cm); /* the primary case manager, not who started the plan */
    assert_string_equal(js(t, "due"), "2026-12-01");
    assert_string_equal(js(t, "source"), "rule");
    assert_int_equal(db_int1(T->db, 0, "SELECT review_task FROM care_plans WHERE id=?", "i", soon), ji(t, "id"));
    json_t *args = json_loads(js(t, "title_args"), 0, NULL);
    char shown[256], want[64];
    rule_text_in("en", "care_plan.review", args, shown, sizeof shown);
    snprintf(want, sizeof want, "Review care plan no. %lld with the client by 1 December 2026", (long long)soon);
    assert_string_equal(shown, want);
    json_decref(args);
    json_decref(t);
    /* the review: the task is done, the next date set, the rule silent until that one nears */
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *in = json_loads("{\"what_changed\":\"Moved in.\",\"progress\":[{\"goal\":\"g1\",\"scale\":10}],"
                            "\"next_review\":\"2027-05-22\"}",
                            0, NULL),
           *out = NULL;
    assert_int_equal(careplan_review(&c, soon, 1, in, &out), OK);
    assert_int_equal(ji(json_array_get(json_object_get(out, "progress"), 0), "scale"), 10);
    json_decref(out);
    json_decref(in);
    ctx_clear(&c);
    assert_int_equal(review_tasks(soon_c, "done"), 1);
    assert_int_equal(review_tasks(soon_c, "open"), 0);
    json_t *p = db_row(T->db, "SELECT review_due, review_task FROM care_plans WHERE id=?", "i", soon);
    assert_string_equal(js(p, "review_due"), "2027-05-22");
    assert_true(json_is_null(json_object_get(p, "review_task")));
    json_decref(p);
    sweep();
    assert_int_equal(review_tasks(soon_c, "open"), 0);
}

static void a_crisis_or_a_stay_brings_the_review_forward(void **state)
{
    (void)state;
    assert_int_equal(careplan_review_days("crisis"), 14);
    assert_int_equal(careplan_review_days("hospital_discharge"), 14);
    assert_int_equal(careplan_review_days("birthday"), 0);
    int64_t far_c, near_c;
    int64_t far = mk_plan("Far", "active", "2027-05-01", &far_c);
    int64_t near = mk_plan("Near", "active", "2026-11-25", &near_c);
    /* the far plan's task exists already (the rule ran at an earlier date): it follows the date */
    assert_int_equal(db_run(T->db,
                            "INSERT INTO tasks(client_id, assignee, title, title_key, due, priority, status, source,"
                            " created_by, created_at) VALUES (?,?,'r','care_plan.review','2027-05-01','normal','open',"
                            "'rule',?,?)",
                            "iiit", far_c, cm, cm, T_NOW),
                     DB_OK);
    int64_t task = db_int1(T->db, 0, "SELECT max(id) FROM tasks", "");
    assert_int_equal(db_run(T->db, "UPDATE care_plans SET review_task=? WHERE id=?", "ii", task, far), DB_OK);
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    assert_int_equal(careplan_bring_forward(&c, far_c, "crisis"), OK);
    assert_int_equal(careplan_bring_forward(&c, near_c, "hospital_discharge"), OK);
    assert_int_equal(careplan_bring_forward(&c, near_c, "birthday"), OK);
    ctx_clear(&c);
    char want[16];
    snprintf(want, sizeof want, "2026-12-06"); /* T_TODAY + 14 */
    assert_string_equal(text1("SELECT review_due FROM care_plans WHERE id=?", far), want);
    assert_string_equal(text1("SELECT due FROM tasks WHERE id=?", task), want);
    /* never later than it was */
    assert_string_equal(text1("SELECT review_due FROM care_plans WHERE id=?", near), "2026-11-25");
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(add_months_clamps_to_the_month),
        cmocka_unit_test(diff_matches_goals_and_steps_by_key),
        cmocka_unit_test(the_review_rule_asks_once_and_a_review_answers),
        cmocka_unit_test(a_crisis_or_a_stay_brings_the_review_forward),
    };
    return cmocka_run_group_tests_name("careplan", tests, setup, teardown);
}
