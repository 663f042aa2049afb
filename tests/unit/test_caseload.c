/* test_caseload: the weights file (core/caseload_rules.c: every bad file refused naming its file, line
 * and reason; what is missing named; the shipped file loads), one episode's weight and why, and the
 * load and guard on a database (core/caseload.c: primary and care-team places, a recent crisis, a
 * recent discharge and a high-risk flag weigh; discharged and ended places do not; an assignment over
 * capacity needs a reason and is refused without one). */
#include "core/caseload.h"
#include "helpers.h"
#include <math.h>

#define GOOD                                                                                                   \
    "version 1\nunits_per_fte case_manager 10\nteam_share 0.5\n"                                               \
    "programme integrated_care 1\nprogramme intensive_case_management 2\nprogramme act 4\n"                    \
    "programme housing_support 1\nprogramme crisis 2\n"                                                        \
    "high_risk 1\ncrisis 1 within 30\ndischarge 0.5 within 14\n"                                               \
    "status intake 0.5\nstatus active 1\nstatus on_hold 0.25\n"

/* A file that must be refused with an error starting with want and containing why. */
static void refused(const char *text, const char *want, const char *why)
{
    char err[400];
    struct caseload_weights w;
    if (caseload_parse("x/w.rules", text, strlen(text), &w, err, sizeof err) == 0)
        fail_msg("accepted: %s", text);
    if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, why))
        fail_msg("want \"%s...%s\", got \"%s\" for:\n%s", want, why, err, text);
}

static void each_bad_file_names_its_line_and_reason(void **state)
{
    (void)state;
    refused(GOOD "flying 3\n", "x/w.rules:15: ", "unknown statement \"flying\"");
    refused(GOOD "programme gardening 1\n", "x/w.rules:15: ", "unknown programme \"gardening\"");
    refused(GOOD "programme act 4\n", "x/w.rules:15: ", "a second weight for the programme act");
    refused(GOOD "units_per_fte wizard 3\n", "x/w.rules:15: ", "unknown role \"wizard\"");
    refused(GOOD "units_per_fte analyst 3\n", "x/w.rules:15: ", "holds no clients");
    refused(GOOD "units_per_fte case_manager 20\n", "x/w.rules:15: ", "a second units_per_fte line for case_manager");
    refused(GOOD "units_per_fte clinician 0\n", "x/w.rules:15: ", "from 1 to 1000");
    refused("version 1\nteam_share 1.5\n", "x/w.rules:2: ", "team_share takes one number from 0 to 1");
    refused("version 1\nteam_share 0.333\n", "x/w.rules:2: ", "team_share takes one number");
    refused("version 1\nhigh_risk -1\n", "x/w.rules:2: ", "the weight must be a number from 0 to 100");
    refused("version 1\ncrisis 1 in 30\n", "x/w.rules:2: ", "crisis takes a weight and \"within DAYS\"");
    refused("version 1\ncrisis 1 within 0\n", "x/w.rules:2: ", "the days must be a whole number from 1 to 365");
    refused("version 1\nstatus discharged 1\n", "x/w.rules:2: ", "is not an open status");
    refused("version 1\nversion 2\n", "x/w.rules:2: ", "a second version line");
    refused("version 1\r\nprogramme act 1e3\r\n", "x/w.rules:2: ", "the weight must be a number");
    /* what is missing is named, at the file */
    refused("units_per_fte case_manager 10\n", "x/w.rules: ", "no version line");
    refused("version 1\n", "x/w.rules: ", "no units_per_fte line");
    refused("version 1\nunits_per_fte case_manager 10\n", "x/w.rules: ", "no team_share line");
    refused("version 1\nunits_per_fte case_manager 10\nteam_share 0.5\n", "x/w.rules: ",
            "no weight for the programme integrated_care");
    const char nul[] = "version 1\n\0\n";
    char err[400];
    struct caseload_weights w;
    assert_int_equal(caseload_parse("x/w.rules", nul, sizeof nul - 1, &w, err, sizeof err), -1);
    assert_non_null(strstr(err, "NUL"));
}

static void a_good_file_reads_and_weighs(void **state)
{
    (void)state;
    char err[400];
    struct caseload_weights w;
    const char *text = "# a comment\n" GOOD "based_on Our own count # with a hash kept\n";
    assert_int_equal(caseload_parse("x/w.rules", text, strlen(text), &w, err, sizeof err), 0);
    assert_string_equal(w.version, "1");
    assert_string_equal(w.based_on, "Our own count # with a hash kept");
    assert_true(w.units_per_fte[ROLE_CASE_MANAGER] == 10);
    assert_true(w.units_per_fte[ROLE_CLINICIAN] == 0);
    assert_int_equal(w.crisis_days, 30);
    assert_int_equal(w.discharge_days, 14);
    /* ACT, active, primary, a high-risk flag and a recent crisis: 4 + 1 + 1 */
    json_t *why = json_array();
    struct cl_facts f = {.programme = "act", .status = "active", .primary = 1, .high_risk = 1, .recent_crisis = 1};
    assert_true(caseload_weight(&w, &f, why) == 6);
    assert_int_equal(json_array_size(why), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(why, 1), "key")), "high_risk");
    json_decref(why);
    /* on hold and a care-team place: (1 + 0.5 discharge) x 0.25 x 0.5 */
    why = json_array();
    f = (struct cl_facts){.programme = "integrated_care", .status = "on_hold", .primary = 0, .recent_discharge = 1};
    assert_true(fabs(caseload_weight(&w, &f, why) - 0.1875) < 1e-9);
    assert_string_equal(json_string_value(json_object_get(json_array_get(why, 3), "key")), "team_share");
    json_decref(why);
    /* a discharged episode or an unknown programme weighs nothing */
    f = (struct cl_facts){.programme = "act", .status = "discharged", .primary = 1};
    assert_true(caseload_weight(&w, &f, NULL) == 0);
    f = (struct cl_facts){.programme = "gardening", .status = "active", .primary = 1};
    assert_true(caseload_weight(&w, &f, NULL) == 0);
    /* capacity: units per FTE of the role times the FTE; none for a role without a line */
    assert_true(caseload_capacity(&w, ROLE_CASE_MANAGER, 5) == 5);
    assert_true(caseload_capacity(&w, ROLE_CLINICIAN, 10) == 0);
}

static void the_shipped_file_loads(void **state)
{
    (void)state;
    char err[400];
    assert_int_equal(caseload_load("caseload/weights.rules", err, sizeof err), 0);
    const struct caseload_weights *w = caseload_weights();
    assert_non_null(w);
    assert_true(w->programme[2] > w->programme[0]); /* ACT weighs more than integrated care */
    assert_true(w->programme[1] > w->programme[0]); /* and so does intensive case management */
    assert_int_equal(caseload_load("caseload/no-such.rules", err, sizeof err), -1);
    assert_non_null(strstr(err, "caseload/no-such.rules"));
    assert_non_null(caseload_weights()); /* a failed load keeps the weights loaded before */
    caseload_unload();
    assert_null(caseload_weights());
}

/* ---- on a database ---- */

static struct tdb *T;
static int64_t org, other_org, sup, cm, cm2, client, client2;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    org = mk_org(T->db, "Riverside");
    other_org = mk_org(T->db, "Eastgate");
    sup = mk_staff(T->db, org, "sup", "supervisor");
    cm = mk_staff(T->db, org, "cm1", "case_manager");
    cm2 = mk_staff(T->db, org, "cm2", "case_manager");
    client = mk_client(T->db, org, cm, "Load", "Testwell", "1970-01-01");
    client2 = mk_client(T->db, org, cm, "Other", "Testwell", "1971-01-01");
    char err[400];
    const char *text = GOOD;
    struct caseload_weights w;
    assert_int_equal(caseload_parse("t", text, strlen(text), &w, err, sizeof err), 0);
    /* the loader reads a file: write the good text to one */
    char path[400];
    snprintf(path, sizeof path, "%s/w.rules", T->dir);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    assert_int_equal(caseload_load(path, err, sizeof err), 0);
    unlink(path);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    caseload_unload();
    tdb_close(T);
    return 0;
}

/* The grouped pass gives every enabled worker the figures caseload_load_of() gives one by one. */
static void loads_agree(void)
{
    struct cl_load *v;
    size_t n;
    assert_int_equal(caseload_loads(T->db, &v, &n), OK);
    assert_int_equal((int)n, (int)db_int1(T->db, -1, "SELECT count(*) FROM staff WHERE disabled=0", ""));
    for (size_t i = 0; i < n; i++) {
        double cap = -1, load = caseload_load_of(T->db, v[i].staff_id, &cap);
        assert_true(fabs(load - v[i].load) < 1e-9);
        assert_true(cap == v[i].capacity);
        if (i)
            assert_true(v[i - 1].staff_id < v[i].staff_id);
    }
    free(v);
}

static void primary_and_team_places_weigh_and_what_has_ended_does_not(void **state)
{
    (void)state;
    int64_t ep = mk_episode(T->db, client, org, "active", cm, cm); /* integrated care: 1 */
    mk_member(T->db, ep, cm, "primary_case_manager", "2026-01-01", NULL);
    int64_t ep2 = mk_episode(T->db, client2, org, "active", cm2, cm2);
    mk_member(T->db, ep2, cm, "case_manager", "2026-01-01", NULL);          /* a team place: 0.5 */
    mk_member(T->db, ep2, cm, "nurse", "2026-01-01", T_YESTERDAY);          /* ended: nothing */
    int64_t gone = mk_episode(T->db, client2, org, "discharged", cm, cm);    /* discharged: nothing */
    (void)gone;
    double cap;
    assert_true(caseload_load_of(T->db, cm, &cap) == 1.5);
    loads_agree();
    assert_true(cap == 10);
    /* a recent crisis, a recent discharge and an active high-risk flag on the first client: 1 + 1 + 0.5 + 1 */
    char q[600];
    snprintf(q, sizeof q,
             "INSERT INTO crisis_events(client_id, occurred_at, kind, severity, response_mode, actions, outcome,"
             " recorded_by, created_at) VALUES (%lld, '2026-11-12T03:00:00Z', 'other', 'low', 'phone', 'a',"
             " 'stabilised_at_home', %lld, '" T_NOW "')",
             (long long)client, (long long)cm);
    sql(T->db, q);
    snprintf(q, sizeof q,
             "INSERT INTO hospitalisations(client_id, hospital, admission_type, admitted_at, discharged_at,"
             " recorded_by, created_at) VALUES (%lld, 'H', 'voluntary', '2026-11-01T10:00:00Z',"
             " '2026-11-15T10:00:00Z', %lld, '" T_NOW "')",
             (long long)client, (long long)cm);
    sql(T->db, q);
    snprintf(q, sizeof q,
             "INSERT INTO flags(client_id, kind, level, source, reason, raised_by, raised_at) VALUES (%lld,"
             " 'suicide_risk', 'high', 'person', 'r', %lld, '" T_NOW "')",
             (long long)client, (long long)cm);
    sql(T->db, q);
    assert_true(caseload_load_of(T->db, cm, &cap) == 4.0);
    loads_agree();
    /* an old crisis (before the 30 days) does not weigh: move it back */
    sql(T->db, "UPDATE crisis_events SET occurred_at='2026-09-01T03:00:00Z'");
    assert_true(caseload_load_of(T->db, cm, &cap) == 3.0);
    loads_agree();
    /* a worker who is primary and on the care team counts the episode once; a disabled worker is left out */
    mk_member(T->db, ep2, cm2, "nurse", "2026-01-01", NULL);
    loads_agree();
    sql(T->db, "UPDATE staff SET disabled=1 WHERE username='cm2'");
    loads_agree();
    sql(T->db, "UPDATE staff SET disabled=0 WHERE username='cm2'");
}

static void an_assignment_over_capacity_needs_a_reason(void **state)
{
    (void)state;
    sql(T->db, "UPDATE staff SET fte_tenths=1 WHERE username='cm1'"); /* 1 unit */
    int64_t ep = mk_episode(T->db, client, org, "active", cm, cm);
    mk_member(T->db, ep, cm, "primary_case_manager", "2026-01-01", NULL);
    int64_t ep2 = mk_episode(T->db, client2, org, "active", cm2, cm2);
    mk_member(T->db, ep2, cm2, "primary_case_manager", "2026-01-01", NULL);
    struct actor a = actor_of(T->db, sup);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    /* at capacity: no reason asked */
    json_t *in = json_object();
    assert_int_equal(caseload_guard(&c, cm, client, in, "primary_cm"), OK);
    assert_int_equal(c.npend, 0);
    /* over: 409 with the figures, and a field error */
    json_t *out = NULL;
    assert_int_equal(db_begin(T->db), DB_OK);
    json_t *bare = json_pack("{s:I,s:s}", "staff_id", (json_int_t)cm, "team_role", "nurse");
    assert_int_equal(team_add(&c, ep2, bare, &out), ERR_CONFLICT);
    json_decref(bare);
    assert_null(out);
    assert_non_null(json_object_get(c.errors, "capacity_reason"));
    assert_true(json_is_true(json_object_get(c.extra, "capacity_required")));
    assert_true(json_number_value(json_object_get(c.extra, "load")) == 1.5);
    assert_true(json_number_value(json_object_get(c.extra, "capacity")) == 1);
    assert_int_equal(db_rollback(T->db), DB_OK);
    ctx_clear(&c);
    /* with a reason: added, and the reason audited */
    ctx_init(&c, &a, T->db);
    assert_int_equal(db_begin(T->db), DB_OK);
    json_t *body = json_pack("{s:I,s:s,s:s}", "staff_id", (json_int_t)cm, "team_role", "nurse", "capacity_reason",
                             "Covers the night visits this month");
    assert_int_equal(team_add(&c, ep2, body, &out), OK);
    json_decref(body);
    json_decref(out);
    int found = 0;
    for (int i = 0; i < c.npend; i++)
        if (str_eq(c.pend[i].action, "caseload.over_capacity")) {
            found = 1;
            assert_string_equal(c.pend[i].reason, "Covers the night visits this month");
            assert_int_equal(c.pend[i].entity_id, cm);
        }
    assert_true(found);
    assert_int_equal(db_commit(T->db), DB_OK);
    ctx_clear(&c);
    json_decref(in);
    /* without weights nothing is asked */
    caseload_unload();
    ctx_init(&c, &a, T->db);
    in = json_object();
    assert_int_equal(caseload_guard(&c, cm, client, in, "primary_cm"), OK);
    ctx_clear(&c);
    json_decref(in);
    (void)other_org;
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_bad_file_names_its_line_and_reason),
        cmocka_unit_test(a_good_file_reads_and_weighs),
        cmocka_unit_test(the_shipped_file_loads),
        cmocka_unit_test_setup_teardown(primary_and_team_places_weigh_and_what_has_ended_does_not, setup, teardown),
        cmocka_unit_test_setup_teardown(an_assignment_over_capacity_needs_a_reason, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
