/* test_care: the care services file (core/care_rules.c: every bad file refused naming its file, line
 * and reason; what is missing named; the shipped file loads), and the arithmetic the plans, visits and
 * statements rest on: rates by kind and by organisation, pay rounded to the unit, ISO weeks, and the
 * over-plan threshold. */
#include "core/care.h"
#include "helpers.h"

#define GOOD                                                                                                   \
    "version 1\ncurrency KRW\n"                                                                                \
    "task cleaning \"Cleaning together\"\ntask laundry \"Laundry\"\n"                                          \
    "end_criterion goal_reached \"Goal reached\"\n"                                                            \
    "worker_kind care_worker \"Care worker\"\n"                                                                \
    "rate care_worker 13500\n"                                                                                 \
    "over_plan_percent 10\n"

/* A file that must be refused with an error starting with want and containing why. */
static void refused(const char *text, const char *want, const char *why)
{
    char err[500];
    struct care_rules *r = calloc(1, sizeof *r);
    if (care_rules_parse("x/s.rules", text, strlen(text), r, err, sizeof err) == 0)
        fail_msg("accepted: %s", text);
    free(r);
    if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, why))
        fail_msg("want \"%s...%s\", got \"%s\" for:\n%s", want, why, err, text);
}

static void each_bad_file_names_its_line_and_reason(void **state)
{
    (void)state;
    refused(GOOD "flying 3\n", "x/s.rules:9: ", "unknown statement \"flying\"");
    refused(GOOD "task Cleaning \"Big\"\n", "x/s.rules:9: ", "the key \"Cleaning\" must be a lower-case letter");
    refused(GOOD "task 1st \"First\"\n", "x/s.rules:9: ", "the key \"1st\"");
    refused(GOOD "task ironing\n", "x/s.rules:9: ", "task takes a key and a label in double quotes");
    refused(GOOD "task ironing Ironing\n", "x/s.rules:9: ", "the label of ironing must be written in double quotes");
    refused(GOOD "task ironing \"\"\n", "x/s.rules:9: ", "the label of ironing is empty");
    refused(GOOD "task ironing \"Ironing\" now\n", "x/s.rules:9: ", "nothing may follow the label of ironing");
    refused(GOOD "task ironing \"Iron \"the\" shirts\"\n", "x/s.rules:9: ", "holds a double quote");
    refused(GOOD "task cleaning \"Again\"\n", "x/s.rules:9: ", "a second task cleaning");
    refused(GOOD "end_criterion goal_reached \"Again\"\n", "x/s.rules:9: ", "a second end_criterion goal_reached");
    refused(GOOD "worker_kind care_worker \"Again\"\n", "x/s.rules:9: ", "a second worker_kind care_worker");
    refused(GOOD "rate gardener 10000\n", "x/s.rules:9: ", "no worker_kind line above declares");
    refused(GOOD "rate care_worker 0 org Harbour\n", "x/s.rules:9: ", "a whole number from 1 to 10000000");
    refused(GOOD "rate care_worker 13500.5 org Harbour\n", "x/s.rules:9: ", "a whole number");
    refused(GOOD "rate care_worker 14000\n", "x/s.rules:9: ", "a second rate for care_worker");
    refused(GOOD "rate care_worker 14000 org A\nrate care_worker 15000 org A\n", "x/s.rules:10: ",
            "a second rate for care_worker at A");
    refused(GOOD "rate care_worker 14000 at Harbour\n", "x/s.rules:9: ", "only \"org NAME\" may follow");
    refused(GOOD "rate care_worker 14000 org\n", "x/s.rules:9: ", "org takes the organisation's name");
    refused(GOOD "rate care_worker\n", "x/s.rules:9: ", "rate takes a kind of worker and an hourly amount");
    refused(GOOD "over_plan_percent 5\n", "x/s.rules:9: ", "a second over_plan_percent line");
    refused("version 1\nover_plan_percent 101\n", "x/s.rules:2: ", "from 0 to 100");
    refused("version 1\ncurrency won\n", "x/s.rules:2: ", "three capital letters");
    refused("version 1\ncurrency KRW\ncurrency USD\n", "x/s.rules:3: ", "a second currency line");
    refused("version 1\nversion 2\n", "x/s.rules:2: ", "a second version line");
    refused("version A B\n", "x/s.rules:1: ", "version takes one word");
    refused("based_on\n", "x/s.rules:1: ", "based_on takes text");
    refused("task bad \"\xff\xfe\"\n", "x/s.rules:1: ", "not valid UTF-8");
    /* what is missing is named, at the file */
    refused("currency KRW\n", "x/s.rules: ", "no version line");
    refused("version 1\n", "x/s.rules: ", "no currency line");
    refused("version 1\ncurrency KRW\n", "x/s.rules: ", "no task line");
    refused("version 1\ncurrency KRW\ntask a \"A\"\n", "x/s.rules: ", "no end_criterion line");
    refused("version 1\ncurrency KRW\ntask a \"A\"\nend_criterion b \"B\"\n", "x/s.rules: ", "no worker_kind line");
    refused("version 1\ncurrency KRW\ntask a \"A\"\nend_criterion b \"B\"\nworker_kind k \"K\"\n", "x/s.rules: ",
            "no rate for the kind of worker k");
    refused("version 1\ncurrency KRW\ntask a \"A\"\nend_criterion b \"B\"\nworker_kind k \"K\"\nrate k 1 org O\n",
            "x/s.rules: ", "no rate for the kind of worker k");
    refused("version 1\ncurrency KRW\ntask a \"A\"\nend_criterion b \"B\"\nworker_kind k \"K\"\nrate k 1\n", "x/s.rules: ",
            "no over_plan_percent line");
    const char nul[] = "version 1\n\0\n";
    char err[400];
    struct care_rules *r = calloc(1, sizeof *r);
    assert_int_equal(care_rules_parse("x/s.rules", nul, sizeof nul - 1, r, err, sizeof err), -1);
    assert_non_null(strstr(err, "NUL"));
    free(r);
}

static void a_good_file_reads_with_rates_by_kind_and_organisation(void **state)
{
    (void)state;
    char err[400];
    struct care_rules *r = calloc(1, sizeof *r);
    const char *text = "# a comment\n" GOOD "rate care_worker 14500 org Eastgate Public Health Centre  # its own\r\n"
                       "based_on Our contract # with a hash kept\n";
    assert_int_equal(care_rules_parse("x/s.rules", text, strlen(text), r, err, sizeof err), 0);
    assert_string_equal(r->version, "1");
    assert_string_equal(r->currency, "KRW");
    assert_string_equal(r->based_on, "Our contract # with a hash kept");
    assert_int_equal(r->ntasks, 2);
    assert_string_equal(care_task(r, "cleaning")->label, "Cleaning together");
    assert_null(care_task(r, "ironing"));
    assert_string_equal(care_end(r, "goal_reached")->label, "Goal reached");
    assert_string_equal(care_kind(r, "care_worker")->label, "Care worker");
    int own;
    assert_int_equal(care_rate(r, "care_worker", "Riverside", &own), 13500);
    assert_int_equal(own, 0);
    assert_int_equal(care_rate(r, "care_worker", "Eastgate Public Health Centre", &own), 14500);
    assert_int_equal(own, 1);
    assert_int_equal(care_rate(r, "gardener", "Riverside", &own), 0);
    /* 10 %: 3 h planned, 3 h 15 is within, 3 h 30 beyond */
    assert_int_equal(care_over_plan(r, 180, 198), 0);
    assert_int_equal(care_over_plan(r, 180, 199), 1);
    assert_int_equal(care_over_plan(r, 180, 210), 1);
    free(r);
}

static void weeks_and_pay(void **state)
{
    (void)state;
    char w[16];
    assert_int_equal(care_week_start("2026-12-07", w), 0); /* a Monday */
    assert_string_equal(w, "2026-12-07");
    care_week_start("2026-12-13", w); /* a Sunday */
    assert_string_equal(w, "2026-12-07");
    care_week_start("2027-01-01", w); /* a Friday, the week began in December */
    assert_string_equal(w, "2026-12-28");
    assert_int_equal(care_week_start("2026-02-30", w), -1);
    /* minutes x hourly rate, to the nearest won */
    assert_int_equal(care_amount(60, 13500), 13500);
    assert_int_equal(care_amount(150, 13500), 33750);
    assert_int_equal(care_amount(15, 13501), 3375); /* 3375.25 */
    assert_int_equal(care_amount(45, 13502), 10127); /* 10126.5 rounds up */
}

static void the_shipped_file_loads(void **state)
{
    (void)state;
    char err[400];
    assert_int_equal(care_rules_load("care/services.rules", err, sizeof err), 0);
    const struct care_rules *r = care_rules();
    assert_non_null(r);
    assert_string_equal(r->currency, "KRW");
    assert_non_null(care_task(r, "medication_prompting"));
    assert_non_null(care_end(r, "client_declines"));
    /* every label of the shipped file is marked for translation (its Korean is in po/ko.po) */
    const struct care_item *lists[] = {r->tasks, r->ends, r->kinds};
    int counts[] = {r->ntasks, r->nends, r->nkinds};
    for (int l = 0; l < 3; l++)
        for (int i = 0; i < counts[l]; i++) {
            int marked = 0;
            for (int k = 0; care_shipped_labels[k]; k++)
                marked |= strcmp(care_shipped_labels[k], lists[l][i].label) == 0;
            if (!marked)
                fail_msg("the label \"%s\" of care/services.rules is not in care_shipped_labels", lists[l][i].label);
        }
    assert_int_equal(care_rules_load("care/no-such.rules", err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot open"));
    assert_non_null(care_rules()); /* the loaded one stays */
    care_rules_unload();
    assert_null(care_rules());
}

/* The statement as CSV: a header, a line per visit, the total line; a comma or quote is quoted and
 * a spreadsheet formula neutralised. */
static void a_statement_as_csv(void **state)
{
    (void)state;
    json_t *st = json_pack("{s:i,s:s,s:s,s:s,s:[{s:s,s:i,s:s,s:s,s:s,s:f,s:i,s:i}],s:f,s:i}", "worker_id", 7,
                           "worker_name", "=Kim, \"Jiwoo\"", "month", "2026-11", "currency", "KRW", "lines",
                           "visit_date", "2026-11-02", "client_id", 12, "family_name", "Lee", "given_name", "+Mina",
                           "worker_kind", "care_worker", "hours", 2.5, "rate", 13500, "amount", 33750, "total_hours",
                           2.5, "total_amount", 33750);
    struct buf b;
    buf_init(&b);
    care_statement_csv(st, &b);
    buf_addc(&b, 0);
    assert_string_equal(b.data,
                        "\xEF\xBB\xBF"
                        "worker_id,worker_name,month,visit_date,client_id,family_name,given_name,worker_kind,hours,"
                        "rate,amount,currency\r\n"
                        "7,\"'=Kim, \"\"Jiwoo\"\"\",2026-11,2026-11-02,12,Lee,'+Mina,care_worker,2.5,13500,33750,KRW\r\n"
                        "7,\"'=Kim, \"\"Jiwoo\"\"\",2026-11,total,,,,,2.5,,33750,KRW\r\n");
    buf_free(&b);
    json_decref(st);
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_bad_file_names_its_line_and_reason),
        cmocka_unit_test(a_good_file_reads_with_rates_by_kind_and_organisation),
        cmocka_unit_test(weeks_and_pay),
        cmocka_unit_test(the_shipped_file_loads),
        cmocka_unit_test(a_statement_as_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
