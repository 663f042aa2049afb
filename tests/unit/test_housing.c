/* test_housing: the housing priority rules (core/housing_rules.c: every bad file refused naming its
 * file, line and reason; what is missing named; the shipped file loads; points in hundredths), and the
 * stability figures of a client (core/tenancy.c: days housed over tenancies, overlaps counted once,
 * moves in the last year and a year). */
#include "core/housing.h"
#include "helpers.h"

#define GOOD                                                                                                   \
    "version 1\nsituation homeless 40\nsituation hospital 30\nsituation at_risk 25\nsituation unstable 20\n"   \
    "situation housed 0\nhospital_day 0.5 max 30\nwaiting_month 2 max 40\nhigh_risk 10\noffer_days 7\n"        \
    "declines_remove 0\narrears_task 300000\ncomplaints_task 3 within 90\n"

/* A file that must be refused with an error starting with want and containing why. */
static void refused(const char *text, const char *want, const char *why)
{
    char err[400];
    struct housing_rules r;
    if (housing_rules_parse("x/p.rules", text, strlen(text), &r, err, sizeof err) == 0)
        fail_msg("accepted: %s", text);
    if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, why))
        fail_msg("want \"%s...%s\", got \"%s\" for:\n%s", want, why, err, text);
}

static void each_bad_file_names_its_line_and_reason(void **state)
{
    (void)state;
    refused(GOOD "flying 3\n", "x/p.rules:14: ", "unknown statement \"flying\"");
    refused(GOOD "situation rich 3\n", "x/p.rules:14: ", "unknown situation \"rich\"");
    refused(GOOD "situation homeless 50\n", "x/p.rules:14: ", "a second line for the situation homeless");
    refused(GOOD "high_risk 5\n", "x/p.rules:14: ", "a second high_risk line");
    refused(GOOD "hospital_day 1 max 9\n", "x/p.rules:14: ", "a second hospital_day line");
    refused(GOOD "offer_days 3\n", "x/p.rules:14: ", "a second offer_days line");
    refused(GOOD "declines_remove 1\n", "x/p.rules:14: ", "a second declines_remove line");
    refused(GOOD "arrears_task 1\n", "x/p.rules:14: ", "a second arrears_task line");
    refused(GOOD "complaints_task 2 within 30\n", "x/p.rules:14: ", "a second complaints_task line");
    refused("version 1\nsituation homeless\n", "x/p.rules:2: ", "situation takes a situation and points");
    refused("version 1\nsituation homeless -4\n", "x/p.rules:2: ", "the points must be a number from 0 to 1000");
    refused("version 1\nsituation homeless 0.125\n", "x/p.rules:2: ", "at most two decimals");
    refused("version 1\nsituation homeless 1001\n", "x/p.rules:2: ", "from 0 to 1000");
    refused("version 1\nhospital_day 1 up 30\n", "x/p.rules:2: ", "hospital_day takes points and \"max POINTS\"");
    refused("version 1\nwaiting_month 2 max x\n", "x/p.rules:2: ", "the points must be a number");
    refused("version 1\nhigh_risk\n", "x/p.rules:2: ", "high_risk takes one number of points");
    refused("version 1\noffer_days 0\n", "x/p.rules:2: ", "offer_days takes a whole number of days from 1 to 90");
    refused("version 1\ndeclines_remove 21\n", "x/p.rules:2: ", "declines_remove takes a whole number");
    refused("version 1\narrears_task 0\n", "x/p.rules:2: ", "arrears_task takes an amount in won");
    refused("version 1\ncomplaints_task 3 in 90\n", "x/p.rules:2: ", "complaints_task takes a count");
    refused("version 1\ncomplaints_task 3 within 400\n", "x/p.rules:2: ", "complaints_task takes a count");
    refused("version 1\nversion 2\n", "x/p.rules:2: ", "a second version line");
    refused("version A B\n", "x/p.rules:1: ", "version takes one word");
    refused("version 1\nbased_on \xff\xfe\n", "x/p.rules:2: ", "based_on is not valid UTF-8");
    refused("version 1\na b c d e f g h i\n", "x/p.rules:2: ", "too many words on one line");
    /* what is missing is named, at the file */
    refused("situation homeless 40\n", "x/p.rules: ", "no version line");
    refused("version 1\nsituation homeless 40\n", "x/p.rules: ", "no points for the situation hospital");
    refused("version 1\nsituation homeless 40\nsituation hospital 30\nsituation at_risk 25\nsituation unstable 20\n"
            "situation housed 0\n",
            "x/p.rules: ", "no hospital_day line");
    refused("version 1\nsituation homeless 40\nsituation hospital 30\nsituation at_risk 25\nsituation unstable 20\n"
            "situation housed 0\nhospital_day 0.5 max 30\nwaiting_month 2 max 40\nhigh_risk 10\n",
            "x/p.rules: ", "no offer_days line");
    const char nul[] = "version 1\n\0\n";
    char err[400];
    struct housing_rules r;
    assert_int_equal(housing_rules_parse("x/p.rules", nul, sizeof nul - 1, &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "NUL"));
    char big[40000];
    memset(big, '#', sizeof big);
    assert_int_equal(housing_rules_parse("x/p.rules", big, sizeof big, &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "larger than"));
}

static void a_good_file_reads_in_hundredths(void **state)
{
    (void)state;
    char err[400];
    struct housing_rules r;
    const char *text = "# a comment\r\n" GOOD "based_on a policy # with a hash kept\n";
    assert_int_equal(housing_rules_parse("x/p.rules", text, strlen(text), &r, err, sizeof err), 0);
    assert_int_equal(r.w[HW_SIT_HOMELESS], 4000);
    assert_int_equal(r.w[HW_HOSPITAL_DAY], 50);
    assert_int_equal(r.w[HW_HOSPITAL_MAX], 3000);
    assert_int_equal(r.w[HW_WAITING_MONTH], 200);
    assert_int_equal(r.w[HW_HIGH_RISK], 1000);
    assert_int_equal(r.offer_days, 7);
    assert_int_equal(r.arrears_task, 300000);
    assert_int_equal(r.complaints_n, 3);
    assert_int_equal(r.complaints_days, 90);
    assert_string_equal(r.based_on, "a policy # with a hash kept");
    int v;
    assert_int_equal(housing_points_parse("0.5", 0, 100000, &v), 0);
    assert_int_equal(v, 50);
    assert_int_equal(housing_points_parse("12.25", 0, 100000, &v), 0);
    assert_int_equal(v, 1225);
    assert_int_equal(housing_points_parse("1.", 0, 100000, &v), -1);
    assert_int_equal(housing_points_parse("", 0, 100000, &v), -1);
}

static void the_shipped_file_loads(void **state)
{
    (void)state;
    char err[400];
    housing_rules_unload();
    assert_int_equal(housing_rules()->w[HW_SIT_HOMELESS], 0); /* none loaded: no points */
    assert_int_equal(housing_rules_load("housing/priority.rules", err, sizeof err), 0);
    const struct housing_rules *r = housing_rules();
    assert_true(r->w[HW_SIT_HOMELESS] > r->w[HW_SIT_UNSTABLE]); /* nowhere to sleep comes first */
    assert_true(r->w[HW_SIT_HOSPITAL] > 0 && r->w[HW_HOSPITAL_DAY] > 0);
    assert_int_equal(housing_rules_load("housing/no-such.rules", err, sizeof err), -1);
    assert_non_null(strstr(err, "housing/no-such.rules"));
    assert_int_equal(housing_rules()->w[HW_SIT_HOMELESS], r->w[HW_SIT_HOMELESS]); /* kept */
    housing_rules_unload();
}

static void days_are_days_since_1970(void **state)
{
    (void)state;
    assert_int_equal(housing_day("1970-01-02"), 1);
    assert_int_equal(housing_day("2026-12-07") - housing_day("2026-11-07"), 30);
    assert_int_equal(housing_day("2026-02-30"), -1);
    assert_int_equal(housing_day(NULL), -1);
}

/* ---- stability on a database ---- */

static void stability_counts_days_and_moves(void **state)
{
    (void)state;
    struct tdb *T = tdb_open();
    int64_t org = mk_org(T->db, "Harbour");
    int64_t hc = mk_staff(T->db, org, "hc", "housing_coordinator");
    int64_t client = mk_client(T->db, org, hc, "Stay", "Testwell", "1970-01-01");
    char now[64];
    snprintf(now, sizeof now, "%s", T_NOW);
    int64_t unit = db_insert_id(T->db,
                                "INSERT INTO housing_units(org_id, property, label, type, bedrooms, district, rent,"
                                " state, state_since, created_by, created_at, updated_at) VALUES"
                                " (?,'P','1','supportive',1,'D',1,'occupied','2026-01-01',?,?,?) RETURNING id",
                                "iitt", org, hc, now, now);
    assert_true(unit > 0);
    struct housing_stability s;
    assert_int_equal(housing_stability_of(T->db, client, "2026-12-07", &s), OK);
    assert_int_equal(s.tenancies, 0);
    assert_int_equal(s.days_housed, 0);
    /* 2024-12-07 .. 2025-12-15 (373 days), then 2025-12-10 .. now (overlapping five days) */
    static const char *const ins =
        "INSERT INTO tenancies(client_id, unit_id, org_id, landlord, start_date, start_day, rent, rent_payer,"
        " support_level, end_date, end_day, created_by, created_at, updated_at) VALUES"
        " (?,?,?,'L',?,?,1,'client','low',?,?,?,?,?) RETURNING id";
    assert_true(db_insert_id(T->db, ins, "iiititiitt", client, unit, org, "2024-12-07", housing_day("2024-12-07"),
                             "2025-12-15", housing_day("2025-12-15"), hc, now, now) > 0);
    int64_t open = db_insert_id(T->db,
                                "INSERT INTO tenancies(client_id, unit_id, org_id, landlord, start_date, start_day, rent,"
                                " rent_payer, support_level, created_by, created_at, updated_at) VALUES"
                                " (?,?,?,'L',?,?,1,'client','low',?,?,?) RETURNING id",
                                "iiitiitt", client, unit, org, "2025-12-10", housing_day("2025-12-10"), hc, now, now);
    assert_true(open > 0);
    assert_int_equal(housing_stability_of(T->db, client, "2026-12-07", &s), OK);
    assert_int_equal(s.tenancies, 2);
    assert_int_equal(s.current, open);
    /* 373 + (2025-12-15 .. 2026-12-07: 357): the five overlapping days once */
    assert_int_equal(s.days_housed, 730);
    assert_int_equal(s.moves_last_year, 1); /* 2025-12-10 is within 365 days of 2026-12-07 */
    assert_true(s.moves_per_year > 0.49 && s.moves_per_year < 0.51); /* one move over two years */
    tdb_close(T);
}

int main(void)
{
    clock_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_bad_file_names_its_line_and_reason),
        cmocka_unit_test(a_good_file_reads_in_hundredths),
        cmocka_unit_test(the_shipped_file_loads),
        cmocka_unit_test(days_are_days_since_1970),
        cmocka_unit_test(stability_counts_days_and_moves),
    };
    return cmocka_run_group_tests_name("housing", tests, NULL, NULL);
}
