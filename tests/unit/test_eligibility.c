/* test_eligibility: the rule files (core/elig_rules.c: every bad file is refused naming its file, line
 * and reason; the shipped ones load; an organisation's own replace or add) and the evaluation and
 * decisions (core/eligibility.c: met, not met, unknown with the facts used; clinical facts hidden from
 * a care-desk officer; a decision stored with the rule version; an exception needs its reason). */
#include "core/eligibility.h"
#include "helpers.h"
#include <ftw.h>
#include <sys/stat.h>

static struct tdb *T;
static int64_t riv, east, cm, desk, cm_e, client, bare;

#define GOOD "programme t\nname Test programme\nversion 1\nbased_on Our own words.\n"

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    riv = mk_org(T->db, "Riverside");
    east = mk_org(T->db, "Eastgate");
    cm = mk_staff(T->db, riv, "cm1", "case_manager");
    desk = mk_staff(T->db, riv, "desk1", "care_desk");
    cm_e = mk_staff(T->db, east, "cm4", "case_manager");
    /* 46 years old on T_TODAY, living in Eastgate-gu, an open episode (target group "severe"), 40 days
     * in hospital ending 2026-10-01 (of them 30 in the last 90 days... from 2026-08-22), one crisis
     * ten days ago. */
    client = mk_client(T->db, riv, cm, "Elig", "Testwell", "1980-05-01");
    sql(T->db, "UPDATE clients SET address='12 Willow-ro 3-gil, eastgate-GU' WHERE given_name='Elig'");
    int64_t ep = mk_episode(T->db, client, riv, "active", cm, cm);
    mk_member(T->db, ep, cm, "primary_case_manager", "2026-01-01", NULL);
    mk_member(T->db, ep, desk, "other", "2026-01-01", NULL);
    char q[600];
    snprintf(q, sizeof q,
             "INSERT INTO hospitalisations(client_id, hospital, admission_type, admitted_at, discharged_at,"
             " recorded_by, created_at) VALUES (%lld, 'H', 'voluntary', '2026-08-22T10:00:00Z',"
             " '2026-10-01T10:00:00Z', %lld, '" T_NOW "')",
             (long long)client, (long long)cm);
    sql(T->db, q);
    snprintf(
        q, sizeof q,
        "INSERT INTO crisis_events(client_id, occurred_at, kind, severity, response_mode, actions, outcome,"
        " recorded_by, created_at) VALUES (%lld, '2026-11-12T03:00:00Z', 'other', 'low', 'phone', 'a',"
        " 'stabilised_at_home', %lld, '" T_NOW "')",
        (long long)client, (long long)cm);
    sql(T->db, q);
    /* A client with nothing recorded: no address, no episode, no stays, no crisis. */
    bare = mk_client(T->db, riv, cm, "Bare", "Record", "2010-02-02");
    return 0;
}
static int unlink_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int teardown(void **state)
{
    (void)state;
    /* The rule folders the tests wrote, then the database. */
    char d[300];
    snprintf(d, sizeof d, "%s/extra", T->dir);
    nftw(d, unlink_one, 8, FTW_DEPTH | FTW_PHYS);
    for (int i = 0; i < 1000; i++) {
        snprintf(d, sizeof d, "%s/rules-%d", T->dir, i);
        if (access(d, F_OK) == 0)
            nftw(d, unlink_one, 8, FTW_DEPTH | FTW_PHYS);
    }
    tdb_close(T);
    eligibility_free();
    return 0;
}

/* A file that must be refused with "FILE:LINE: ..." containing why. */
static void refused(const char *text, int line, const char *why)
{
    char err[400], want[64];
    json_t *out = (json_t *)1;
    if (elig_parse("x/t.rules", "t", text, strlen(text), &out, err, sizeof err) == 0)
        fail_msg("accepted: %s", text);
    assert_null(out);
    snprintf(want, sizeof want, "x/t.rules:%d: ", line);
    if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, why))
        fail_msg("want \"%s...%s\", got \"%s\" for:\n%s", want, why, err, text);
}

static void each_bad_file_names_its_line_and_reason(void **state)
{
    (void)state;
    refused("programme t\nwhat is this\n", 2, "unknown statement \"what\"");
    refused("programme u\n", 1, "must equal the file name \"t\"");
    refused("programme T-1\n", 1, "1 to 32 characters");
    refused(GOOD "name Again\n", 5, "\"name\" is given twice");
    refused("programme t\nversion\n", 2, "\"version\" needs a value");
    refused(GOOD "require\n", 5, "require needs a criterion");
    refused(GOOD "require age 18\n", 5, "unknown criterion \"age\"");
    refused(GOOD "require life_stage teen 13 18\n", 5, "unknown life stage \"teen\"");
    refused(GOOD "require life_stage adult 19\n", 5, "life_stage takes a stage");
    refused(GOOD "require life_stage adult x -\n", 5, "lowest age must be a whole number");
    refused(GOOD "require life_stage adult 40 30\n", 5, "highest age must be a whole number from 40");
    refused(GOOD "require life_stage adult 19 131\n", 5, "highest age");
    refused(GOOD "require hospital_days 30 in 90\n", 5, "hospital_days takes DAYS within WINDOW");
    refused(GOOD "require hospital_days 0 within 90\n", 5, "days in hospital must be");
    refused(GOOD "require hospital_days 100 within 90\n", 5, "window must be");
    refused(GOOD "require crisis_within\n", 5, "crisis_within takes one whole number");
    refused(GOOD "require crisis_within -3\n", 5, "crisis_within takes one whole number");
    refused(GOOD "require target_group severe nobody\n", 5, "unknown target group \"nobody\"");
    refused(GOOD "require need housing flying\n", 5, "unknown service domain \"flying\"");
    refused(GOOD "require need housing housing\n", 5, "\"housing\" is named twice");
    refused(GOOD "require district\n", 5, "district needs at least one name");
    refused(GOOD "require need housing\npriority need housing\n", 6, "priority takes the points");
    refused(GOOD "require need housing\npriority 101 need housing\n", 6, "priority takes the points");
    refused(GOOD "require need housing\npriority 5\n", 6, "priority needs a criterion");
    refused(GOOD "priority 5 need housing\n", 5, "without a \"require\" line");
    refused("programme t\nname T\nbased_on x\nrequire need housing\n", 4, "without a \"version\" line");
    refused(GOOD "require need \xff\n", 5, "not valid UTF-8");
    refused(GOOD "require district a b c d e f g h i j k l m n o p q r s t u v w x\n", 5,
            "more than 24 words");
    char big[1200];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = 0;
    char text[1400];
    snprintf(text, sizeof text, "programme t\n# %s\n", big);
    refused(text, 2, "longer than 1000 bytes");
    const char nul[] = "programme t\n\0";
    char err[200];
    json_t *out;
    assert_int_equal(elig_parse("x/t.rules", "t", nul, sizeof nul - 1, &out, err, sizeof err), -1);
    assert_non_null(strstr(err, "NUL byte"));
}

static void a_good_file_reads_into_its_criteria(void **state)
{
    (void)state;
    const char *text = "# a comment\n" GOOD "summary Two words\r\n\n"
                       "require   life_stage older_adult 65 -\n"
                       "  require\tdistrict Riverside-gu Eastgate-gu\n"
                       "priority 15 crisis_within 30\n";
    char err[300];
    json_t *p = NULL;
    if (elig_parse("x/t.rules", "t", text, strlen(text), &p, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_string_equal(js(p, "programme"), "t");
    assert_string_equal(js(p, "based_on"), "Our own words.");
    assert_string_equal(js(p, "summary"), "Two words");
    json_t *cr = json_object_get(p, "criteria");
    assert_int_equal(json_array_size(cr), 3);
    json_t *ls = json_array_get(cr, 0);
    assert_string_equal(js(ls, "stage"), "older_adult");
    assert_int_equal(ji(ls, "min_age"), 65);
    assert_true(json_is_null(json_object_get(ls, "max_age")));
    assert_int_equal(ji(ls, "line"), 8);
    assert_int_equal(json_array_size(json_object_get(json_array_get(cr, 1), "any_of")), 2);
    assert_true(json_is_false(json_object_get(json_array_get(cr, 2), "required")));
    assert_int_equal(ji(json_array_get(cr, 2), "points"), 15);
    json_decref(p);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char p[600];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void the_shipped_files_load_and_an_organisations_own_replace_or_add(void **state)
{
    (void)state;
    char err[400];
    if (eligibility_load("eligibility", NULL, err, sizeof err) != 0)
        fail_msg("%s", err);
    static const char *const shipped[] = {
        "integrated_care", "intensive_case_management", "act", "housing_support", "crisis", NULL};
    for (const char *const *k = shipped; *k; k++) {
        const json_t *p = elig_programme(*k);
        if (!p)
            fail_msg("no rule file for %s", *k);
        assert_true(strlen(js((json_t *)p, "based_on")) > 20);
    }
    char extra[300];
    snprintf(extra, sizeof extra, "%s/extra", T->dir);
    mkdir(extra, 0700);
    write_file(extra, "act.rules",
               "programme act\nname Our ACT\nversion local-2\nbased_on Our team's criteria.\nrequire "
               "crisis_within 60\n");
    write_file(extra, "peer_club.rules",
               "programme peer_club\nname Peer club\nversion 1\nbased_on Ours.\nrequire need peer_support\n");
    write_file(extra, "notes.txt", "not a rule file\n");
    if (eligibility_load("eligibility", extra, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_string_equal(js((json_t *)elig_programme("act"), "version"), "local-2");
    assert_non_null(elig_programme("peer_club"));
    assert_non_null(elig_programme("crisis"));
    json_t *all = elig_programmes();
    assert_int_equal(json_array_size(all), 6);
    assert_string_equal(js(json_array_get(all, 0), "programme"), "act"); /* in key order */
    json_decref(all);
    /* A bad file anywhere: refused with its file and line; what was loaded before stays. */
    write_file(extra, "zz.rules", "programme zz\nname Z\nversion 1\nbased_on x\nrequire need nothing\n");
    assert_int_equal(eligibility_load("eligibility", extra, err, sizeof err), -1);
    if (!strstr(err, "/extra/zz.rules:5: unknown service domain \"nothing\""))
        fail_msg("%s", err);
    assert_string_equal(js((json_t *)elig_programme("act"), "version"), "local-2");
    /* A missing shipped folder is an error; a missing extra folder is none. */
    assert_int_equal(eligibility_load("no-such-folder", NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "no-such-folder:0: "));
    snprintf(extra, sizeof extra, "%s/none", T->dir);
    assert_int_equal(eligibility_load("eligibility", extra, err, sizeof err), 0);
    assert_string_equal(js((json_t *)elig_programme("act"), "version"), "2026.1");
}

/* Load one test programme (as the file t.rules) as the whole set. */
static void use_programme(const char *text)
{
    char dir[300], err[400];
    snprintf(dir, sizeof dir, "%s/rules-%d", T->dir, (int)(strlen(text) % 1000));
    mkdir(dir, 0700);
    write_file(dir, "t.rules", text);
    if (eligibility_load(dir, NULL, err, sizeof err) != 0)
        fail_msg("%s", err);
}

static json_t *criterion(json_t *ev, size_t i)
{
    return json_array_get(json_object_get(ev, "criteria"), i);
}

static int evaluate_as(int64_t who, int64_t cl, const char *needs, json_t **out)
{
    struct actor a = actor_of(T->db, who);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    *out = NULL;
    int rc = elig_evaluate(&c, cl, "t", needs, out);
    ctx_clear(&c);
    return rc;
}

static void each_criterion_is_met_not_met_or_unknown_with_its_facts(void **state)
{
    (void)state;
    use_programme(GOOD "require life_stage adult 19 64\n"            /* 0: 46: met */
                       "require district Riverside-gu Eastgate-gu\n" /* 1: in the address: met */
                       "require target_group severe crisis\n"        /* 2: the episode's "severe": met */
                       "require hospital_days 30 within 90\n"        /* 3: 2026-08-24..10-01: 38 days: met */
                       "require crisis_within 14\n"                  /* 4: ten days ago: met */
                       "require need housing\n"                      /* 5: none stated: unknown */
                       "priority 10 hospital_days 45 within 365\n"   /* 6: 40 days: not met */
                       "priority 7 crisis_within 30\n");             /* 7: met: 7 points */
    json_t *ev;
    assert_int_equal(evaluate_as(cm, client, NULL, &ev), OK);
    static const char *const want[] = {"met", "met", "met", "met", "met", "unknown", "not_met", "met"};
    for (size_t i = 0; i < ARRAY_LEN(want); i++)
        if (!str_eq(js(criterion(ev, i), "result"), want[i]))
            fail_msg("criterion %zu: %s, not %s", i, js(criterion(ev, i), "result"), want[i]);
    json_t *f = json_object_get(criterion(ev, 0), "facts");
    assert_int_equal(ji(f, "age"), 46);
    assert_string_equal(js(json_object_get(criterion(ev, 1), "facts"), "district"), "Eastgate-gu");
    assert_int_equal(ji(json_object_get(criterion(ev, 3), "facts"), "hospital_days"), 38);
    assert_int_equal(ji(json_object_get(criterion(ev, 6), "facts"), "hospital_days"), 40);
    assert_int_equal(ji(json_object_get(criterion(ev, 4), "facts"), "days_ago"), 10);
    assert_string_equal(js(ev, "result"), "unknown"); /* every required one met but the need */
    assert_int_equal(ji(ev, "priority_points"), 7);
    assert_true(json_is_false(json_object_get(ev, "facts_hidden")));
    json_decref(ev);
    /* The need stated: met, and the whole is met; another need: not met. */
    assert_int_equal(evaluate_as(cm, client, "daily_living_care,housing", &ev), OK);
    assert_string_equal(js(criterion(ev, 5), "result"), "met");
    assert_string_equal(js(ev, "result"), "met");
    json_decref(ev);
    assert_int_equal(evaluate_as(cm, client, "peer_support", &ev), OK);
    assert_string_equal(js(criterion(ev, 5), "result"), "not_met");
    assert_string_equal(js(ev, "result"), "not_met");
    json_decref(ev);
    /* Nothing recorded: age 16 not met; no address, no episode: unknown; no stay or crisis: not met. */
    assert_int_equal(evaluate_as(cm, bare, NULL, &ev), OK);
    static const char *const bare_want[] = {"not_met", "unknown", "unknown", "not_met", "not_met", "unknown"};
    for (size_t i = 0; i < ARRAY_LEN(bare_want); i++)
        if (!str_eq(js(criterion(ev, i), "result"), bare_want[i]))
            fail_msg("bare criterion %zu: %s, not %s", i, js(criterion(ev, i), "result"), bare_want[i]);
    assert_string_equal(js(ev, "result"), "not_met");
    json_decref(ev);
}

static void a_care_desk_officer_sees_results_without_clinical_facts(void **state)
{
    (void)state;
    use_programme(GOOD "require life_stage adult 19 -\nrequire hospital_days 30 within 90\n"
                       "require crisis_within 14\nrequire target_group severe\n");
    json_t *ev;
    assert_int_equal(evaluate_as(desk, client, NULL, &ev), OK);
    assert_true(json_is_true(json_object_get(ev, "facts_hidden")));
    assert_int_equal(ji(json_object_get(criterion(ev, 0), "facts"), "age"), 46);
    for (size_t i = 1; i < 4; i++) {
        assert_string_equal(js(criterion(ev, i), "result"), "met");
        assert_true(json_is_null(json_object_get(criterion(ev, i), "facts")));
    }
    json_decref(ev);
    /* Another organisation's case manager: refused, and the refusal audited. */
    struct actor a = actor_of(T->db, cm_e);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    assert_int_equal(elig_evaluate(&c, client, "t", NULL, &ev), ERR_FORBIDDEN);
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].action, "eligibility.evaluate");
    assert_string_equal(c.pend[0].outcome, "denied");
    ctx_clear(&c);
}

static char last_audit[120]; /* the last decision's audit record: "action outcome reason" */

static int decide_as(int64_t who, const char *body, json_t **out, char *msg, size_t len)
{
    struct actor a = actor_of(T->db, who);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_error_t je;
    json_t *in = json_loads(body, 0, &je);
    *out = NULL;
    int rc = elig_decide(&c, client, in, out);
    char *e = c.errors ? json_dumps(c.errors, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    snprintf(msg, len, "%s %s", c.msg, e ? e : "");
    free(e);
    last_audit[0] = 0;
    if (c.npend)
        snprintf(last_audit, sizeof last_audit, "%s %s %s", c.pend[c.npend - 1].action,
                 c.pend[c.npend - 1].outcome, c.pend[c.npend - 1].reason ? c.pend[c.npend - 1].reason : "-");
    ctx_clear(&c);
    json_decref(in);
    return rc;
}

static void a_decision_keeps_the_rule_version_and_an_exception_its_reason(void **state)
{
    (void)state;
    use_programme(GOOD "require life_stage older_adult 65 -\npriority 4 crisis_within 30\n");
    char msg[400];
    json_t *d;
    assert_int_equal(decide_as(cm, "{\"programme\":\"t\",\"decision\":\"exception\"}", &d, msg, sizeof msg),
                     ERR_INVALID);
    assert_non_null(strstr(msg, "\"reason\""));
    assert_int_equal(decide_as(cm, "{\"programme\":\"t\",\"decision\":\"exception\",\"reason\":\"   \"}", &d,
                               msg, sizeof msg),
                     ERR_INVALID);
    assert_int_equal(
        decide_as(cm, "{\"programme\":\"zz\",\"decision\":\"maybe\",\"needs\":[\"x\"]}", &d, msg, sizeof msg),
        ERR_INVALID);
    assert_non_null(strstr(msg, "\"programme\""));
    assert_non_null(strstr(msg, "\"decision\""));
    assert_non_null(strstr(msg, "\"needs\""));
    /* 46 is not an older adult: "eligible" would contradict a criterion not met. */
    assert_int_equal(decide_as(cm, "{\"programme\":\"t\",\"decision\":\"eligible\"}", &d, msg, sizeof msg),
                     ERR_CONFLICT);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM eligibility_decisions"), 0);
    assert_int_equal(decide_as(cm,
                               "{\"programme\":\"t\",\"decision\":\"exception\",\"reason\":\"Early onset.\"}",
                               &d, msg, sizeof msg),
                     OK);
    assert_string_equal(js(d, "rules_version"), "1");
    assert_string_equal(js(d, "result"), "not_met");
    assert_string_equal(js(d, "reason"), "Early onset.");
    assert_int_equal(ji(d, "priority_points"), 4);
    assert_int_equal(json_array_size(json_object_get(d, "criteria")), 2);
    assert_string_equal(last_audit, "eligibility.decide ok exception");
    json_decref(d);
    /* The care-desk officer may not decide; reads the decision without the exception's reason. */
    assert_int_equal(
        decide_as(desk, "{\"programme\":\"t\",\"decision\":\"not_eligible\"}", &d, msg, sizeof msg),
        ERR_FORBIDDEN);
    assert_string_equal(last_audit, "eligibility.decide denied -");
    struct actor a = actor_of(T->db, desk);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    struct page pg = {0};
    json_t *list;
    assert_int_equal(elig_decision_list(&c, client, &pg, &list), OK);
    ctx_clear(&c);
    json_t *row = json_array_get(json_object_get(list, "items"), 0);
    assert_string_equal(js(row, "decision"), "exception");
    assert_true(json_is_null(json_object_get(row, "reason")));
    assert_true(json_is_true(json_object_get(row, "reason_hidden")));
    json_decref(list);
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_bad_file_names_its_line_and_reason),
        cmocka_unit_test(a_good_file_reads_into_its_criteria),
        cmocka_unit_test_setup_teardown(the_shipped_files_load_and_an_organisations_own_replace_or_add, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(each_criterion_is_met_not_met_or_unknown_with_its_facts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_care_desk_officer_sees_results_without_clinical_facts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_decision_keeps_the_rule_version_and_an_exception_its_reason, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
