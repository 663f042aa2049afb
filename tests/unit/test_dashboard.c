/* The control tower over hand-made cells (issue 14 §2): the protection of a run's tables (primary and
 * complementary, the coarse periods of an additive indicator), and what the dashboard gives each
 * role: every figure shown is a published cell's own value, never one worked out from hidden ones. */
#include "helpers.h"
#include "core/dashboard.h"
#include "core/indicator.h"

static struct tdb *T;
static int64_t orgA, orgB, orgC, analyst, tf, supA, cmA;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    orgA = mk_org(T->db, "Org A");
    orgB = mk_org(T->db, "Org B");
    orgC = mk_org(T->db, "Org C");
    analyst = mk_staff(T->db, orgA, "analyst1", "analyst");
    tf = mk_staff(T->db, orgC, "taskforce1", "task_force");
    supA = mk_staff(T->db, orgA, "supA", "supervisor");
    cmA = mk_staff(T->db, orgA, "cmA", "case_manager");
    char err[512] = "";
    if (!ind_loaded() && ind_load("indicators/indicators.rules", err, sizeof err) != 0)
        fail_msg("the shipped dictionary: %s", err);
    sql(T->db, "INSERT INTO eval_runs(id, started_at, finished_at, state, dictionary, threshold, cells) VALUES "
               "(1, '2026-11-22T03:00:00Z', '2026-11-22T03:01:00Z', 'done', 'test', 11, 0)");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tdb_close(T);
    T = NULL;
    return 0;
}

static void cell(const char *ind, const char *period, int64_t org, const char *dim, const char *value, long n)
{
    assert_int_equal(db_run(T->db,
                            "INSERT INTO eval_cells(run_id, indicator, period, org_id, dim, value, n) VALUES "
                            "(1,?,?,?,?,?,?)",
                            "ttittI", ind, period, org, dim, value, (int64_t)n),
                     DB_OK);
}

/* A table organisations x districts with its margins, from its interior (rows A, B, C). */
static void table(const char *ind, const char *period, const char *dim, const char *const *values, int nv,
                  const long (*x)[3])
{
    const int64_t orgs[3] = {orgA, orgB, orgC};
    long col[3] = {0}, all = 0;
    for (int r = 0; r < 3; r++) {
        long row = 0;
        for (int v = 0; v < nv; v++) {
            if (x[r][v])
                cell(ind, period, orgs[r], dim, values[v], x[r][v]);
            row += x[r][v];
            col[v] += x[r][v];
        }
        cell(ind, period, orgs[r], dim, "*", row);
        all += row;
    }
    for (int v = 0; v < nv; v++)
        cell(ind, period, 0, dim, values[v], col[v]);
    cell(ind, period, 0, dim, "*", all);
}

static int state_of(const char *ind, const char *period, int64_t org, const char *dim, const char *value)
{
    return (int)db_int1(T->db, 0,
                        "SELECT state FROM eval_cells WHERE run_id=1 AND indicator=? AND period=? AND org_id=? AND "
                        "dim=? AND value=?",
                        "ttitt", ind, period, org, dim, value);
}

static struct actor as(int64_t staff)
{
    return actor_of(T->db, staff);
}

static const char *const districts[] = {"East", "North", "West"};

/* One small cell: it is primary, and enough others are hidden with it that it cannot be worked
 * out from its row, its column or the totals. */
static void a_small_cell_and_its_complements(void **state)
{
    (void)state;
    const long x[3][3] = {{40, 3, 50}, {30, 25, 60}, {20, 22, 70}};
    table("reach.clients_served", "Y2025", "district", districts, 3, x);
    assert_int_equal(eval_protect_run(T->db, 1, 11), OK);
    assert_int_equal(state_of("reach.clients_served", "Y2025", orgA, "district", "North"), 1);
    int row = 0, col = 0;
    for (int v = 0; v < 3; v++)
        row += state_of("reach.clients_served", "Y2025", orgA, "district", districts[v]) != 0;
    row += state_of("reach.clients_served", "Y2025", orgA, "district", "*") != 0;
    const int64_t orgs[3] = {orgA, orgB, orgC};
    for (int r = 0; r < 3; r++)
        col += state_of("reach.clients_served", "Y2025", orgs[r], "district", "North") != 0;
    col += state_of("reach.clients_served", "Y2025", 0, "district", "North") != 0;
    assert_true(row >= 2); /* another in its row (a cell or the row's total) */
    assert_true(col >= 2); /* and in its column */
    assert_int_equal(state_of("reach.clients_served", "Y2025", 0, "district", "*"), 0); /* the city's total */
}

/* Walk a view: every shown figure must be the published value of its own cell. */
static void check_view(json_t *v, int64_t org_filter, const char *dim, const char *value)
{
    json_t *bd = json_object_get(v, "breakdown");
    const char *by = json_string_value(json_object_get(bd, "by"));
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(bd, "rows"), i, x)
    {
        const char *st = json_string_value(json_object_get(x, "state"));
        json_t *key = json_object_get(x, "key");
        int64_t org = strcmp(by, "organisation") == 0 ? json_integer_value(key) : org_filter;
        const char *d = strcmp(by, "organisation") == 0 ? (dim ? dim : "programme") : by;
        const char *val = strcmp(by, "organisation") == 0 ? (value ? value : "*") : json_string_value(key);
        json_t *row = db_row(T->db,
                             "SELECT n, state FROM eval_cells WHERE run_id=1 AND indicator='reach.clients_served' AND "
                             "period='Y2025' AND org_id=? AND dim=? AND value=?",
                             "itt", org, d, val);
        int published = row && json_integer_value(json_object_get(row, "state")) == 0;
        if (strcmp(st, "shown") == 0) {
            long n = row ? (long)json_integer_value(json_object_get(row, "n")) : 0;
            if (row)
                assert_true(published);
            assert_int_equal(json_integer_value(json_object_get(x, "n")), n);
        } else {
            assert_true(json_is_null(json_object_get(x, "n")));
            assert_false(published);
        }
        json_decref(row);
    }
}

static const char *get_from(void *arg, const char *name)
{
    json_t *o = arg;
    return json_string_value(json_object_get(o, name));
}

static void every_view_shows_published_cells_only(void **state)
{
    (void)state;
    const long x[3][3] = {{40, 3, 50}, {30, 25, 60}, {20, 22, 70}};
    table("reach.clients_served", "Y2025", "district", districts, 3, x);
    const char *const progs[] = {"act", "integrated_care", "housing_support"};
    const long y[3][3] = {{80, 9, 4}, {100, 10, 5}, {90, 12, 10}};
    table("reach.clients_served", "Y2025", "programme", progs, 3, y);
    assert_int_equal(eval_protect_run(T->db, 1, 11), OK);
    struct actor a = as(tf);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    const char *orgs_s[] = {"", "1", "2", "3"};
    const char *bys[] = {"organisation", "district", "programme"};
    int views = 0;
    for (int o = 0; o < 4; o++)
        for (int f = 0; f < 4; f++)
            for (int b = 0; b < 3; b++) {
                json_t *params = json_pack("{s:s, s:s, s:s, s:s, s:s}", "indicator", "reach.clients_served", "kind",
                                           "year", "period", "Y2025", "org", orgs_s[o], "by", bys[b]);
                const char *dim = NULL, *value = NULL;
                if (f) {
                    dim = f == 3 ? "programme" : "district";
                    value = f == 3 ? "act" : districts[f - 1];
                    if (b && strcmp(bys[b], dim))
                        json_object_set_new(params, "by", json_string("organisation"));
                    json_object_set_new(params, dim, json_string(value));
                }
                struct dash_query q;
                assert_int_equal(dash_parse(&c, get_from, params, 1, &q), OK);
                json_t *v = NULL;
                assert_int_equal(dash_view(&c, &q, &v), OK);
                check_view(v, q.org, dim, value);
                views++;
                json_decref(v);
                json_decref(params);
                ctx_clear(&c);
            }
    assert_int_equal(views, 48);
}

/* An additive indicator's quarter: shown where every month is; hidden where one month is. */
static void a_quarter_is_shown_only_where_every_month_is(void **state)
{
    (void)state;
    const char *const months[] = {"M2025-01", "M2025-02", "M2025-03"};
    const long big[3][3] = {{20, 30, 40}, {25, 35, 45}, {30, 40, 50}};
    const long one_small[3][3] = {{20, 30, 40}, {25, 4, 45}, {30, 40, 50}};
    for (int m = 0; m < 3; m++)
        table("reach.clients_new", months[m], "district", districts, 3, m == 1 ? one_small : big);
    assert_int_equal(eval_protect_run(T->db, 1, 11), OK);
    /* the small month is primary, and the quarter's cell there is not shown */
    assert_int_equal(state_of("reach.clients_new", "M2025-02", orgB, "district", "North"), 1);
    assert_int_not_equal(state_of("reach.clients_new", "Q2025-1", orgB, "district", "North"), 0);
    /* where no month hides anything the quarter is the sum, shown */
    assert_int_equal(state_of("reach.clients_new", "Q2025-1", 0, "district", "*"), 0);
    assert_int_equal(db_int1(T->db, -1,
                             "SELECT n FROM eval_cells WHERE run_id=1 AND indicator='reach.clients_new' AND "
                             "period='Q2025-1' AND org_id=0 AND dim='district' AND value='*'",
                             ""),
                     3 * (20 + 30 + 40 + 25 + 35 + 45 + 30 + 40 + 50) - 35 + 4);
    assert_int_equal(state_of("reach.clients_new", "Y2025", 0, "district", "*"), 0);
}

/* An organisation's lead sees their own organisation; another's is refused; two dimensions at once
 * are refused with the reason; case managers see nothing. */
static void who_sees_what(void **state)
{
    (void)state;
    const long x[3][3] = {{40, 3, 50}, {30, 25, 60}, {20, 22, 70}};
    table("reach.clients_served", "Y2025", "district", districts, 3, x);
    assert_int_equal(eval_protect_run(T->db, 1, 11), OK);
    struct actor a = as(supA);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    struct dash_query q = {.indicator = "reach.clients_served", .kind = 'Y', .period = "Y2025"};
    json_t *v = NULL;
    assert_int_equal(dash_view(&c, &q, &v), OK);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(v, "selection"), "org")), orgA);
    assert_string_equal(json_string_value(json_object_get(json_object_get(v, "breakdown"), "by")), "programme");
    json_decref(v);
    ctx_clear(&c);
    q.org = orgB;
    assert_int_equal(dash_view(&c, &q, &v), ERR_FORBIDDEN);
    ctx_clear(&c);
    struct actor m = as(cmA);
    ctx_init(&c, &m, T->db);
    q.org = 0;
    assert_int_equal(dash_view(&c, &q, &v), ERR_FORBIDDEN);
    ctx_clear(&c);
    struct actor an = as(analyst);
    ctx_init(&c, &an, T->db);
    json_t *params = json_pack("{s:s, s:s, s:s}", "indicator", "reach.clients_served", "district", "East", "programme",
                               "act");
    struct dash_query q2;
    assert_int_equal(dash_parse(&c, get_from, params, 1, &q2), ERR_INVALID);
    assert_non_null(json_object_get(c.errors, "district")); /* the second one named */
    json_decref(params);
    ctx_clear(&c);
}

/* The CSV says "<11" and "suppressed" where the page does, and never a hidden value. */
static void the_csv_hides_what_the_page_hides(void **state)
{
    (void)state;
    const long x[3][3] = {{40, 3, 50}, {30, 25, 60}, {20, 22, 70}};
    table("reach.clients_served", "Y2025", "district", districts, 3, x);
    assert_int_equal(eval_protect_run(T->db, 1, 11), OK);
    struct actor a = as(tf);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    struct dash_query q = {.indicator = "reach.clients_served", .kind = 'Y', .period = "Y2025", .org = orgA,
                           .by = "district"};
    struct buf b;
    buf_init(&b);
    assert_int_equal(dash_csv(&c, &q, "breakdown", &b), OK);
    assert_non_null(strstr(b.data, "North,<11\r\n"));
    assert_null(strstr(b.data, ",3\r\n"));
    int hidden = (int)db_int1(T->db, 0,
                              "SELECT COUNT(*) FROM eval_cells WHERE run_id=1 AND org_id=? AND dim='district' AND "
                              "value<>'*' AND state=2",
                              "i", orgA);
    if (hidden)
        assert_non_null(strstr(b.data, "suppressed"));
    buf_free(&b);
    ctx_clear(&c);
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_small_cell_and_its_complements, setup, teardown),
        cmocka_unit_test_setup_teardown(every_view_shows_published_cells_only, setup, teardown),
        cmocka_unit_test_setup_teardown(a_quarter_is_shown_only_where_every_month_is, setup, teardown),
        cmocka_unit_test_setup_teardown(who_sees_what, setup, teardown),
        cmocka_unit_test_setup_teardown(the_csv_hides_what_the_page_hides, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
