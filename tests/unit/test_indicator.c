/* test_indicator: the indicator dictionary (core/indicator_rules.c: every rule refused naming its
 * file, line and reason; the shipped file loads) and the aggregates (core/indicator.c) against small
 * hand-made worlds with known answers, edges included: a discharge on the last day of a month, a
 * readmission on day 30 (counted) and day 31 (not), a follow-up on day 7 (counted) and day 8 (not), a
 * referral acknowledged exactly at its deadline (counted) and a second after (not), a crisis followed
 * up exactly 24 hours after (counted), a client whose episode moves to another organisation mid-quarter
 * (attributed once), margins that are the sums of their cells, the small-cell mark and older runs
 * deleted. Runs on PostgreSQL too when HEARTH_TEST_PG names a cluster (helpers.h). */
#include "core/indicator.h"
#include "helpers.h"

/* ---------------------------------------------------------------- the dictionary */

#define TEXTS(what)                                                                                            \
    "name " what "\nname.ko 이름\ndefinition Def\ndefinition.ko 정의\ndenominator Den\ndenominator.ko 분모\n"   \
    "period Monthly\nperiod.ko 월별\nattribution Attr\nattribution.ko 귀속\n"
/* 12 lines: an indicator of new clients */
#define NEWC                                                                                                   \
    "indicator a.new\ngroup reach\nmeasure clients_new\nkind count\nadditive yes\nsource episodes\n"             \
    "dims programme life_stage\n" TEXTS("New")
#define GOOD "version 1\n" NEWC
/* line numbers: version 1, indicator 2, group 3, measure 4, kind 5, additive 6, source 7, dims 8, texts 9-18 */

static void refused(const char *text, const char *want, const char *why)
{
    char err[500];
    struct ind_dict d;
    if (ind_parse("x/i.rules", text, strlen(text), &d, err, sizeof err) == 0) {
        ind_dict_free(&d);
        fail_msg("accepted: %s", text);
    }
    if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, why))
        fail_msg("want \"%s...%s\", got \"%s\" for:\n%s", want, why, err, text);
}

static void each_bad_dictionary_names_its_line_and_reason(void **state)
{
    (void)state;
    /* the statements */
    refused(GOOD "colour blue\n", "x/i.rules:19: ", "unknown statement \"colour\"");
    refused("version 1\ngroup reach\n", "x/i.rules:2: ", "before the first indicator line");
    refused("version 1\nindicator Bad-Id\n", "x/i.rules:2: ", "indicator takes an id");
    refused(GOOD NEWC, "x/i.rules:19: ", "a second indicator a.new");
    refused(GOOD "version 2\n", "x/i.rules:19: ", "version belongs before the first indicator");
    refused("version 1\nversion 2\n", "x/i.rules:2: ", "a second version line");
    refused(GOOD "group reach\n", "x/i.rules:19: ", "a second group line");
    refused(GOOD "name Again\n", "x/i.rules:19: ", "a second name line");
    refused(GOOD "kind.ko count\n", "x/i.rules:19: ", "kind has no Korean form");
    /* the words each statement takes */
    refused("version 1\nindicator a\ngroup fun\n", "x/i.rules:3: ", "unknown group \"fun\"");
    refused("version 1\nindicator a\nmeasure magic\n", "x/i.rules:3: ", "unknown measure \"magic\"");
    refused("version 1\nindicator a\nkind ratio\n", "x/i.rules:3: ", "unknown kind \"ratio\"");
    refused("version 1\nindicator a\nunit hours\n", "x/i.rules:3: ", "unknown unit \"hours\"");
    refused("version 1\nindicator a\nadditive maybe\n", "x/i.rules:3: ", "additive takes yes or no");
    refused("version 1\nindicator a\ndims colour\n", "x/i.rules:3: ", "unknown dimension \"colour\"");
    refused("version 1\nindicator a\ndims district district\n", "x/i.rules:3: ", "the dimension district twice");
    refused("version 1\nindicator a\nsource Episodes!\n", "x/i.rules:3: ", "source takes the names of tables");
    refused("version 1\nindicator a\nnumerator k2 Two\n", "x/i.rules:3: ", "numerator k2 comes before k1");
    refused("version 1\nindicator a\nnumerator k4 Four\n", "x/i.rules:3: ", "numerator takes k1, k2 or k3");
    refused("version 1\nindicator a\nname \xff\xfe\n", "x/i.rules:3: ", "name is not valid UTF-8");
    refused("version 1\nindicator a\nparam days 7\n", "x/i.rules:3: ", "param before the measure line");
    refused("version 1\nindicator a\nmeasure discharge_outcomes\nparam days 7\n", "x/i.rules:4: ",
            "the measure discharge_outcomes has no parameter \"days\"");
    refused("version 1\nindicator a\nmeasure discharge_outcomes\nparam followup_days 0\n", "x/i.rules:4: ",
            "param followup_days: 0 is not from 1 to 90");
    refused("version 1\nindicator a\nmeasure discharge_outcomes\nparam readmit_days 90 30\n", "x/i.rules:4: ",
            "the values go up");
    refused("version 1\nindicator a\nmeasure discharge_outcomes\nparam readmit_days 30\n", "x/i.rules:4: ",
            "param readmit_days takes 2 value(s)");
    /* what an indicator must say, named at its first line */
    refused("version 1\nindicator a.new\ngroup reach\nmeasure clients_new\nkind count\nadditive yes\nsource e\n"
            "name New\ndefinition D\ndefinition.ko 정의\ndenominator D\ndenominator.ko 분모\nperiod P\nperiod.ko 기간\n"
            "attribution A\nattribution.ko 귀속\n",
            "x/i.rules:2: ", "indicator a.new has no name.ko line");
    refused("version 1\nindicator a.new\ngroup reach\nkind count\nadditive yes\nsource e\n" TEXTS("x"),
            "x/i.rules:2: ", "has no measure line (or say \"recorded no\")");
    refused("version 1\nindicator a.new\nmeasure clients_new\nkind count\nadditive yes\nsource e\n" TEXTS("x"),
            "x/i.rules:2: ", "has no group line");
    /* the rules that keep the suppression sound */
    refused("version 1\nindicator a.new\ngroup reach\nmeasure clients_new\nkind count\nadditive no\nsource e\n" TEXTS("x"),
            "x/i.rules:2: ", "says additive no but the measure clients_new is additive");
    refused("version 1\nindicator a.s\ngroup reach\nmeasure clients_served\nkind count\nadditive yes\nsource e\n" TEXTS("x"),
            "x/i.rules:2: ", "the measure clients_served is not additive");
    refused("version 1\nindicator a.new\ngroup reach\nmeasure clients_new\nkind proportion\nadditive yes\nsource e\n"
            "numerator k1 One\nnumerator.ko k1 하나\n" TEXTS("x"),
            "x/i.rules:2: ", "is of kind proportion but the measure clients_new yields a count");
    refused("version 1\nindicator a.f\ngroup referrals\nmeasure referral_flow\nkind proportion\nadditive yes\n"
            "source r\nnumerator k1 One\nnumerator.ko k1 하나\n" TEXTS("x"),
            "x/i.rules:2: ", "has 1 numerator(s) but the measure referral_flow yields 3");
    refused("version 1\nindicator a.f\ngroup referrals\nmeasure referral_flow\nkind proportion\nadditive yes\n"
            "source r\nnumerator k1 One\nnumerator.ko k1 하나\nnumerator k2 Two\nnumerator k3 Three\n" TEXTS("x"),
            "x/i.rules:2: ", "has no numerator.ko k2 line");
    refused("version 1\nindicator a.new\ngroup reach\nmeasure clients_new\nkind count\nadditive yes\nsource e\n"
            "dims partner\n" TEXTS("x"),
            "x/i.rules:2: ", "the measure clients_new cannot attribute its units to a partner");
    refused("version 1\nindicator a.d\ngroup continuity\nmeasure discharge_outcomes\nparam followup_days 7\n"
            "kind proportion\nadditive yes\nsource h\nnumerator k1 a\nnumerator.ko k1 가\nnumerator k2 b\n"
            "numerator.ko k2 나\nnumerator k3 c\nnumerator.ko k3 다\n" TEXTS("x"),
            "x/i.rules:2: ", "has no param readmit_days line");
    /* a count under two names */
    refused(GOOD "indicator a.again\ngroup reach\nmeasure clients_new\nkind count\nadditive yes\nsource e\n" TEXTS("x"),
            "x/i.rules:19: ", "indicator a.again publishes the count clients_new a second time (indicator a.new");
    /* a median whose n no indicator publishes */
    refused("version 1\nindicator a.m\ngroup referrals\nmeasure referral_accept_days\nkind median\nadditive no\n"
            "source r\ndims partner\n" TEXTS("x"),
            "x/i.rules:2: ", "its n is the count referrals_accepted, which no indicator with the same dimensions");
    /* not recorded: shown so, never computed */
    refused("version 1\nindicator a.w\ngroup rehabilitation\nrecorded no\nmeasure clients_new\nkind count\n"
            "additive no\nsource e\n" TEXTS("x"),
            "x/i.rules:2: ", "is not recorded and names a measure");
    refused("version 1\nindicator a.w\ngroup rehabilitation\nrecorded no\nkind count\nadditive yes\nsource e\n" TEXTS("x"),
            "x/i.rules:2: ", "is not recorded: it cannot be additive");
    /* the file */
    refused(NEWC, "x/i.rules: ", "no version line");
    refused("version 1\n# nothing\n", "x/i.rules: ", "no indicator");
    const char nul[] = "version 1\n\0\n";
    char err[400];
    struct ind_dict d;
    assert_int_equal(ind_parse("x/i.rules", nul, sizeof nul - 1, &d, err, sizeof err), -1);
    assert_non_null(strstr(err, "NUL"));
}

static void a_good_dictionary_reads(void **state)
{
    (void)state;
    char err[500];
    struct ind_dict d;
    const char *text = "# comment\r\n" GOOD "\nindicator b.work\ngroup rehabilitation\nrecorded no\nkind count\n"
                       "additive no\nsource none\n" TEXTS("Work");
    assert_int_equal(ind_parse("x/i.rules", text, strlen(text), &d, err, sizeof err), 0);
    assert_string_equal(d.version, "1");
    assert_int_equal(d.n, 2);
    const struct indicator *a = ind_find(&d, "a.new");
    assert_non_null(a);
    assert_ptr_equal(a->measure, eval_measure_find("clients_new"));
    assert_int_equal(a->dims, IND_DIM(ID_PROGRAMME) | IND_DIM(ID_LIFE_STAGE));
    assert_string_equal(a->name[IND_KO], "이름");
    assert_true(a->recorded && a->additive);
    const struct indicator *w = ind_find(&d, "b.work");
    assert_false(w->recorded);
    assert_null(w->measure);
    ind_dict_free(&d);
}

static void the_shipped_dictionary_loads(void **state)
{
    (void)state;
    char err[500];
    assert_int_equal(ind_load("indicators/indicators.rules", err, sizeof err), 0);
    const struct ind_dict *d = ind_loaded();
    assert_non_null(d);
    assert_non_null(ind_find(d, "continuity.discharges"));
    /* every text in both languages */
    for (int i = 0; i < d->n; i++) {
        assert_true(d->v[i].name[IND_EN][0] && d->v[i].name[IND_KO][0]);
        assert_true(d->v[i].definition[IND_KO][0]);
    }
    assert_int_equal(ind_load("indicators/no-such.rules", err, sizeof err), -1);
    assert_non_null(strstr(err, "indicators/no-such.rules"));
    assert_non_null(ind_loaded()); /* a failed load keeps what was loaded */
    ind_unload();
    assert_null(ind_loaded());
}

static void periods_and_days(void **state)
{
    (void)state;
    char p[64][12];
    /* 2024 and 2025 whole (12 months, 4 quarters, a year each), 2026 to November */
    assert_int_equal(eval_periods("2026-11-22", 0, p, 64), 17 + 17 + 11 + 4 + 1);
    assert_string_equal(p[0], "M2024-01");
    assert_int_equal(eval_periods("2026-11-22", 1, p, 64), 12 + 12 + 11);
    assert_string_equal(p[34], "M2026-11");
    char f[11], t[11];
    assert_int_equal(eval_period_bounds("M2024-02", f, t), 0);
    assert_string_equal(t, "2024-02-29");
    assert_int_equal(eval_period_bounds("Q2026-4", f, t), 0);
    assert_string_equal(f, "2026-10-01");
    assert_string_equal(t, "2026-12-31");
    assert_int_equal(eval_period_bounds("Y2025", f, t), 0);
    assert_string_equal(f, "2025-01-01");
    assert_int_equal(eval_period_bounds("X2025", f, t), -1);
    assert_int_equal(eval_days("2026-06-30", "2026-07-30T08:00:00Z"), 30);
    assert_int_equal(eval_days("2024-02-28", "2024-03-01"), 2);
}

/* ---------------------------------------------------------------- the aggregates */

static struct tdb *T;
static int64_t org_a, org_b, cm_a, cm_b;
static struct ind_dict D;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    org_a = mk_org(T->db, "Riverside");
    org_b = mk_org(T->db, "Eastgate");
    sql(T->db, "UPDATE orgs SET district='North' WHERE name='Riverside'");
    sql(T->db, "UPDATE orgs SET district='South' WHERE name='Eastgate'");
    cm_a = mk_staff(T->db, org_a, "cma", "case_manager");
    cm_b = mk_staff(T->db, org_b, "cmb", "case_manager");
    char err[500];
    FILE *f = fopen("indicators/indicators.rules", "rb");
    assert_non_null(f);
    static char text[256 * 1024];
    size_t n = fread(text, 1, sizeof text, f);
    fclose(f);
    assert_int_equal(ind_parse("indicators/indicators.rules", text, n, &D, err, sizeof err), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ind_dict_free(&D);
    tdb_close(T);
    return 0;
}

/* An episode with its dates and programme. */
static int64_t episode(int64_t client, int64_t org, const char *status, const char *start, const char *end)
{
    int64_t by = org == org_a ? cm_a : cm_b;
    return db_insert_id(T->db,
                        "INSERT INTO episodes(client_id, org_id, programme, status, target_group, primary_cm, start_date,"
                        " end_date, created_by, created_at, updated_at) VALUES (?,?,'integrated_care',?,'severe',?,?,?,?,?,?)"
                        " RETURNING id",
                        "iitittitt", client, org, status, by, start, end, by, T_NOW, T_NOW);
}

static void hospital(int64_t client, const char *admitted, const char *discharged)
{
    assert_int_equal(db_run(T->db,
                            "INSERT INTO hospitalisations(client_id, hospital, admission_type, admitted_at, discharged_at,"
                            " recorded_by, created_at) VALUES (?, 'St Luke''s', 'voluntary', ?, ?, ?, ?)",
                            "ittit", client, admitted, discharged, cm_a, T_NOW),
                     DB_OK);
}

static void contact(int64_t client, const char *at)
{
    assert_int_equal(db_run(T->db,
                            "INSERT INTO contacts(client_id, staff_id, kind, at, body, created_at)"
                            " VALUES (?, ?, 'phone', ?, 'called', ?)",
                            "iitt", client, cm_a, at, T_NOW),
                     DB_OK);
}

static void refresh(void)
{
    struct eval_io io = {.db = T->db};
    int64_t run = 0;
    assert_int_equal(eval_refresh(&io, &D, 11, T_TODAY, &run), OK);
    assert_true(run > 0);
}

/* n, k1, k2, k3 of a cell of the latest run ("-1" for a NULL numerator); -1 n when the cell is absent. */
struct got {
    int64_t n, k[3];
    char hist[200];
    int state;
};
static struct got cell(const char *ind, const char *period, int64_t org, const char *dim, const char *value)
{
    struct got g = {-1, {-1, -1, -1}, "", 0};
    json_t *r = db_row(T->db,
                       "SELECT n, k1, k2, k3, hist, state FROM eval_cells WHERE run_id=(SELECT max(id) FROM eval_runs"
                       " WHERE state='done') AND indicator=? AND period=? AND org_id=? AND dim=? AND value=?",
                       "ttitt", ind, period, org, dim, value);
    if (!r)
        return g;
    g.n = json_integer_value(json_object_get(r, "n"));
    static const char *const ks[] = {"k1", "k2", "k3"};
    for (int i = 0; i < 3; i++)
        g.k[i] = json_is_null(json_object_get(r, ks[i])) ? -1 : json_integer_value(json_object_get(r, ks[i]));
    const char *h = json_string_value(json_object_get(r, "hist"));
    snprintf(g.hist, sizeof g.hist, "%s", h ? h : "");
    g.state = (int)json_integer_value(json_object_get(r, "state"));
    json_decref(r);
    return g;
}

static void discharges_follow_up_and_readmission_edges(void **state)
{
    (void)state;
    int64_t c1 = mk_client(T->db, org_a, cm_a, "Ada", "One", "1990-03-20");
    int64_t c2 = mk_client(T->db, org_a, cm_a, "Bo", "Two", "2010-05-01");
    episode(c1, org_a, "active", "2026-01-01", NULL);
    episode(c2, org_a, "active", "2026-01-01", NULL);
    /* c1: out on the last day of June, a contact on day 7, back in on day 30 (still in) */
    hospital(c1, "2026-06-01", "2026-06-30");
    contact(c1, "2026-07-07T10:00:00Z");
    hospital(c1, "2026-07-30", NULL);
    /* c2: out on 1 August, a contact on day 8, back in on day 31 (still in) */
    hospital(c2, "2026-07-20", "2026-08-01");
    contact(c2, "2026-08-09T10:00:00Z");
    hospital(c2, "2026-09-01", NULL);
    refresh();
    struct got g = cell("continuity.discharges", "M2026-06", org_a, "programme", "integrated_care");
    assert_int_equal(g.n, 1);
    assert_int_equal(g.k[0], 1); /* day 7 counts */
    assert_int_equal(g.k[1], 1); /* day 30 counts */
    assert_int_equal(g.k[2], 1);
    g = cell("continuity.discharges", "M2026-08", org_a, "programme", "integrated_care");
    assert_int_equal(g.n, 1);
    assert_int_equal(g.k[0], 0); /* day 8 does not */
    assert_int_equal(g.k[1], 0); /* day 31 does not */
    assert_int_equal(g.k[2], 1); /* within 90 */
    /* the discharge on 30 June is June's, not July's; additive: computed by month, the quarter the sum of
     * its months (derived by eval_protect.c): the discharge of 1 August */
    assert_int_equal(cell("continuity.discharges", "M2026-07", org_a, "programme", "integrated_care").n, -1);
    assert_int_equal(cell("continuity.discharges", "Q2026-3", 0, "programme", "*").n, 1);
    assert_int_equal(cell("continuity.discharges", "Q2026-2", 0, "programme", "*").n, 1);
    /* life stage at the month's end: c2 is 16 (youth), c1 36 (adult) */
    assert_int_equal(cell("continuity.discharges", "M2026-08", org_a, "life_stage", "youth").n, 1);
    assert_int_equal(cell("continuity.discharges", "M2026-06", org_a, "life_stage", "adult").n, 1);
    /* district: the organisation's (no intake); margins */
    assert_int_equal(cell("continuity.discharges", "M2026-06", org_a, "district", "North").n, 1);
    assert_int_equal(cell("continuity.discharges", "M2026-06", 0, "district", "North").n, 1);
    assert_int_equal(cell("continuity.discharges", "M2026-06", 0, "district", "*").n, 1);
    assert_int_equal(cell("continuity.discharges", "M2026-06", org_a, "district", "*").k[0], 1);
    /* small cells are marked (the integrator's protection replaces this mark) */
    assert_int_equal(g.state, 1);
}

static void a_client_moving_organisation_is_counted_once(void **state)
{
    (void)state;
    int64_t c = mk_client(T->db, org_a, cm_a, "Cy", "Mover", "1990-03-20");
    episode(c, org_a, "discharged", "2026-01-01", "2026-02-15");
    episode(c, org_b, "active", "2026-02-16", NULL);
    /* a person discovered and closed is not served; one enrolled is */
    int64_t d = mk_client(T->db, org_a, cm_a, "Di", "Closed", "1980-01-01");
    int64_t de = episode(d, org_a, "discharged", "2026-02-01", "2026-02-03");
    assert_int_equal(db_run(T->db,
                            "INSERT INTO intakes(client_id, org_id, episode_id, source, concern, district, state,"
                            " discovered_by, discovered_at) VALUES (?,?,?,'care_desk','worried','Harbourside','closed',?,?)",
                            "iiiit", d, org_a, de, cm_a, "2026-02-01T09:00:00Z"),
                     DB_OK);
    refresh();
    /* February: both episodes open in it, the latest (Eastgate's) wins, once */
    struct got g = cell("reach.clients_served", "M2026-02", org_b, "programme", "integrated_care");
    assert_int_equal(g.n, 1);
    assert_int_equal(g.k[0], -1); /* a count: no numerators */
    assert_int_equal(cell("reach.clients_served", "M2026-02", org_a, "programme", "integrated_care").n, -1);
    assert_int_equal(cell("reach.clients_served", "M2026-01", org_a, "programme", "integrated_care").n, 1);
    assert_int_equal(cell("reach.clients_served", "Q2026-1", 0, "programme", "*").n, 1);
    assert_int_equal(cell("reach.clients_served", "Y2026", org_b, "district", "South").n, 1);
    assert_int_equal(cell("reach.clients_served", "Y2026", 0, "target_group", "*").n, 1);
    assert_int_equal(cell("reach.clients_served", "Y2025", 0, "target_group", "*").n, -1);
    /* newly enrolled in January at Riverside, not again in February */
    assert_int_equal(cell("reach.clients_new", "M2026-01", org_a, "programme", "integrated_care").n, 1);
    assert_int_equal(cell("reach.clients_new", "M2026-02", 0, "programme", "*").n, -1);
    /* the discovered person: one intake, closed, in the district given at discovery */
    g = cell("reach.discovered", "M2026-02", org_a, "district", "Harbourside");
    assert_int_equal(g.n, 1);
    assert_int_equal(g.k[0], 0);
    assert_int_equal(g.k[1], 0);
    assert_int_equal(g.k[2], 1);
}

static int64_t referral(int64_t client, const char *sent, const char *due, const char *received, const char *state)
{
    return db_insert_id(T->db,
                        "INSERT INTO referrals(client_id, from_org_id, from_staff_id, to_org_id, reason, asked, urgency,"
                        " due_at, agreement, state, sent_at, received_at, updated_at) VALUES"
                        " (?,?,?,?,'needs housing','assessment','routine',?,'agreed',?,?,?,?) RETURNING id",
                        "iiiittttt", client, org_a, cm_a, org_b, due, state, sent, received, T_NOW);
}

static void referrals_acknowledged_at_the_deadline_count(void **state)
{
    (void)state;
    int64_t c = mk_client(T->db, org_a, cm_a, "Ed", "Ref", "1970-01-01");
    int64_t r1 = referral(c, "2026-10-01T09:00:00Z", "2026-10-06T09:00:00Z", "2026-10-06T09:00:00Z", "completed");
    referral(c, "2026-10-02T09:00:00Z", "2026-10-07T09:00:00Z", "2026-10-07T09:00:01Z", "received");
    assert_int_equal(db_run(T->db,
                            "INSERT INTO referral_events(referral_id, at, action, from_state, to_state) VALUES"
                            " (?, '2026-10-08T09:00:00Z', 'accept', 'received', 'accepted')",
                            "i", r1),
                     DB_OK);
    /* overdue now (22 November): one past its deadline, one not yet */
    referral(c, "2026-11-15T09:00:00Z", "2026-11-20T09:00:00Z", NULL, "sent");
    referral(c, "2026-11-18T09:00:00Z", "2026-11-23T09:00:00Z", NULL, "sent");
    refresh();
    char partner[24];
    snprintf(partner, sizeof partner, "%lld", (long long)org_b);
    struct got g = cell("referrals.flow", "M2026-10", org_a, "partner", partner);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.k[0], 1); /* exactly at the deadline counts, a second after does not */
    assert_int_equal(g.k[1], 1);
    assert_int_equal(g.k[2], 1);
    assert_int_equal(cell("referrals.flow", "M2026-10", 0, "partner", "*").n, 2);
    g = cell("referrals.days_to_acknowledge", "Q2026-4", org_a, "partner", partner);
    assert_int_equal(g.n, 4 - 2); /* the acknowledged ones */
    assert_string_equal(g.hist, "5:2");
    g = cell("referrals.days_to_accept", "M2026-10", org_a, "partner", partner);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.hist, "7:1");
    assert_int_equal(cell("referrals.overdue", "D" T_TODAY, org_a, "partner", partner).n, 1);
}

static void crisis_follow_up_at_exactly_24_hours_counts(void **state)
{
    (void)state;
    int64_t c = mk_client(T->db, org_a, cm_a, "Fay", "Crisis", "1970-01-01");
    episode(c, org_a, "active", "2025-01-01", NULL);
    static const char *const ev[] = {"2026-05-10T10:00:00Z", "2026-05-20T10:00:00Z"};
    for (int i = 0; i < 2; i++)
        assert_int_equal(db_run(T->db,
                                "INSERT INTO crisis_events(client_id, occurred_at, kind, severity, response_mode, actions,"
                                " outcome, recorded_by, created_at) VALUES (?,?,'distress','high','phone','talked',"
                                " 'safe',?,?)",
                                "itit", c, ev[i], cm_a, T_NOW),
                         DB_OK);
    contact(c, "2026-05-11T10:00:00Z"); /* 24 h after the first */
    contact(c, "2026-05-23T10:00:01Z"); /* 72 h and a second after the second */
    refresh();
    struct got g = cell("continuity.crisis_followup", "M2026-05", org_a, "programme", "integrated_care");
    assert_int_equal(g.n, 2);
    assert_int_equal(g.k[0], 1);
    assert_int_equal(g.k[1], 1);
    assert_int_equal(g.k[2], 2);
}

static void runs_replace_older_ones_and_refuse_a_low_threshold(void **state)
{
    (void)state;
    int64_t c = mk_client(T->db, org_a, cm_a, "Gil", "Runs", "1970-01-01");
    episode(c, org_a, "active", "2025-01-01", NULL);
    refresh();
    refresh();
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM eval_runs"), 1);
    assert_int_equal(count_of(T->db, "SELECT count(DISTINCT run_id) FROM eval_cells"), 1);
    json_t *r = eval_latest_run(T->db);
    assert_string_equal(json_string_value(json_object_get(r, "state")), "done");
    assert_string_equal(json_string_value(json_object_get(r, "dictionary")), D.version);
    assert_int_equal(json_integer_value(json_object_get(r, "progress")), 100);
    assert_int_equal(json_integer_value(json_object_get(r, "cells")),
                     count_of(T->db, "SELECT count(*) FROM eval_cells"));
    json_decref(r);
    struct eval_io io = {.db = T->db};
    int64_t run = 0;
    assert_int_equal(eval_refresh(&io, &D, EVAL_SMALL_CELL_MIN - 1, T_TODAY, &run), ERR_INVALID);
    assert_int_equal(run, 0);
    /* a server shutting down stops a run: marked failed, its cells left for the next one to delete */
    volatile int stop = 1;
    struct eval_io io2 = {.db = T->db, .cancel = &stop};
    assert_int_equal(eval_refresh(&io2, &D, 11, T_TODAY, &run), ERR_CONFLICT);
    r = eval_latest_run(T->db);
    assert_string_equal(json_string_value(json_object_get(r, "state")), "failed");
    assert_non_null(strstr(json_string_value(json_object_get(r, "error")), "the server stopped"));
    json_decref(r);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM eval_runs WHERE state='done'"), 1);
    /* no cell names a client: every value is a dimension's */
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM eval_cells WHERE value IN ('Gil', 'Runs')"), 0);
}

static void days_in_the_community_housing_and_outcomes(void **state)
{
    (void)state;
    int64_t c = mk_client(T->db, org_a, cm_a, "Hal", "Home", "1970-01-01");
    episode(c, org_a, "active", "2026-03-10", NULL);
    /* March: observed from the 10th, 22 days; in hospital the nights of 20..24 (out on the 25th): 5 */
    hospital(c, "2026-03-20", "2026-03-25");
    refresh();
    json_t *r = db_row(T->db,
                       "SELECT n, s1, s2 FROM eval_cells WHERE indicator='continuity.community_days' AND"
                       " period='M2026-03' AND org_id=0 AND dim='programme' AND value='*'",
                       "");
    assert_non_null(r);
    assert_int_equal(json_integer_value(json_object_get(r, "n")), 1);
    assert_true(json_real_value(json_object_get(r, "s2")) == 22);
    assert_true(json_real_value(json_object_get(r, "s1")) == 17);
    json_decref(r);
    /* a tenancy from 22 May: 6 months on is 22 November (today): sustained; 12 months not yet */
    sql(T->db, "INSERT INTO housing_units(org_id, property, label, type, bedrooms, district, rent, state, state_since,"
               " created_by, created_at, updated_at) VALUES (1, 'Elm', 'Room 1', 'supportive', 1, 'North', 1, 'occupied',"
               " '2026-01-01', 1, '2026-01-01', '2026-01-01')");
    char q[600];
    snprintf(q, sizeof q,
             "INSERT INTO tenancies(client_id, unit_id, org_id, landlord, start_date, start_day, rent, rent_payer,"
             " support_level, end_date, created_by, created_at, updated_at) VALUES (%lld, 1, %lld, 'Elm', '%s', 0, 1,"
             " 'client', 'low', %s, %lld, '%s', '%s')",
             (long long)c, (long long)org_a, "2026-01-05", "'2026-05-21'", (long long)cm_a, T_NOW, T_NOW);
    sql(T->db, q);
    snprintf(q, sizeof q,
             "INSERT INTO tenancies(client_id, unit_id, org_id, landlord, start_date, start_day, rent, rent_payer,"
             " support_level, end_date, created_by, created_at, updated_at) VALUES (%lld, 1, %lld, 'Elm', '%s', 0, 1,"
             " 'client', 'low', %s, %lld, '%s', '%s')",
             (long long)c, (long long)org_a, "2026-05-22", "NULL", (long long)cm_a, T_NOW, T_NOW);
    sql(T->db, q);
    /* PHQ-9: 16 at first, then 10 (a drop of 6: reliable, still at caseness), then 9 in the next month */
    static const struct {
        const char *ins, *at;
        int total;
    } sc[] = {{"phq9", "2026-06-01T10:00:00Z", 16}, {"phq9", "2026-07-01T10:00:00Z", 10},
              {"phq9", "2026-08-01T10:00:00Z", 9},  {"gad7", "2026-06-01T10:00:00Z", 7},
              {"gad7", "2026-07-01T10:00:00Z", 2}};
    for (size_t i = 0; i < ARRAY_LEN(sc); i++) {
        double t = sc[i].total;
        assert_int_equal(db_run(T->db,
                                "INSERT INTO assessments(client_id, instrument, instrument_version, answers, total,"
                                " staff_id, administered_at, created_at) VALUES (?,?,'1','{}',?,?,?,?)",
                                "itfitt", c, sc[i].ins, &t, cm_a, sc[i].at, T_NOW),
                         DB_OK);
    }
    refresh();
    struct got g = cell("housing.tenancies", "M2026-05", org_a, "programme", "integrated_care");
    assert_int_equal(g.n, 1);
    assert_int_equal(g.k[0], 1); /* a move: an earlier tenancy */
    assert_int_equal(g.k[1], 1); /* 6 months on is today */
    assert_int_equal(g.k[2], 0);
    g = cell("housing.tenancies", "M2026-01", org_a, "programme", "*");
    assert_int_equal(g.n, 1);
    assert_int_equal(g.k[0], 0);
    assert_int_equal(g.k[1], 0); /* ended before its 6 months */
    g = cell("outcomes.phq9", "M2026-07", org_a, "programme", "integrated_care");
    assert_int_equal(g.n, 1);
    assert_int_equal(g.k[0], 1); /* a drop of exactly 6 */
    assert_int_equal(g.k[1], 0); /* 10 is still caseness */
    g = cell("outcomes.phq9", "Q2026-3", org_a, "programme", "integrated_care");
    assert_int_equal(g.k[1], 1); /* the latest in the quarter, 9 */
    assert_int_equal(g.k[2], 1);
    /* a first GAD-7 under caseness (7 < 8) is not in its population */
    assert_int_equal(cell("outcomes.gad7", "Y2026", 0, "programme", "*").n, -1);
}

static void checkins_by_organisation_only(void **state)
{
    (void)state;
    static const int ans[][2] = {{5, 4}, {4, 2}, {2, 5}};
    for (int i = 0; i < 3; i++) {
        char u[16];
        snprintf(u, sizeof u, "w%d", i);
        int64_t w = mk_staff(T->db, org_b, u, "case_manager");
        assert_int_equal(db_run(T->db,
                                "INSERT INTO checkins(staff_id, org_id, period, manageable, supported, answered_at)"
                                " VALUES (?,?,'2026-10',?,?,?)",
                                "iiiit", w, org_b, (int64_t)ans[i][0], (int64_t)ans[i][1], T_NOW),
                         DB_OK);
    }
    refresh();
    struct got g = cell("workforce.checkins", "M2026-10", org_b, "-", "*");
    assert_int_equal(g.n, 3);
    assert_int_equal(g.k[0], 2);
    assert_int_equal(g.k[1], 2);
    assert_int_equal(cell("workforce.checkins", "M2026-10", 0, "-", "*").n, 3);
    /* no row names a worker */
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM eval_cells WHERE indicator='workforce.checkins' AND"
                                     " dim<>'-'"),
                     0);
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_bad_dictionary_names_its_line_and_reason),
        cmocka_unit_test(a_good_dictionary_reads),
        cmocka_unit_test(the_shipped_dictionary_loads),
        cmocka_unit_test(periods_and_days),
        cmocka_unit_test_setup_teardown(discharges_follow_up_and_readmission_edges, setup, teardown),
        cmocka_unit_test_setup_teardown(a_client_moving_organisation_is_counted_once, setup, teardown),
        cmocka_unit_test_setup_teardown(referrals_acknowledged_at_the_deadline_count, setup, teardown),
        cmocka_unit_test_setup_teardown(crisis_follow_up_at_exactly_24_hours_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(runs_replace_older_ones_and_refuse_a_low_threshold, setup, teardown),
        cmocka_unit_test_setup_teardown(days_in_the_community_housing_and_outcomes, setup, teardown),
        cmocka_unit_test_setup_teardown(checkins_by_organisation_only, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
