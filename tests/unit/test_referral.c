/* test_referral: referrals (core/referral.c): the state machine (every action legal from exactly
 * its states, the closed states final, who takes which action), days pending and overdue from the
 * urgency's response time, and the overdue rule run by the sweep at later clocks (run_at): nothing
 * before the time, then one task for the receiving queue's lead and one notice to the sender, once. */
#include "helpers.h"

static struct tdb *T;
static int64_t river, east, cm_e, sup_r;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    river = mk_org(T->db, "Riverside");
    east = mk_org(T->db, "Eastgate");
    cm_e = mk_staff(T->db, east, "cm-e", "case_manager");
    sup_r = mk_staff(T->db, river, "sup-r", "supervisor");
    return 0;
}
static int teardown(void **state)
{
    (void)state;
    tdb_close(T);
    return 0;
}

static void every_action_is_legal_from_exactly_its_states(void **state)
{
    (void)state;
    static const struct {
        const char *action, *from, *to; /* to NULL: illegal */
    } cases[] = {
        {"receive", "sent", "received"},          {"receive", "received", NULL},
        {"accept", "received", "accepted"},       {"accept", "sent", NULL},
        {"accept", "info_requested", NULL},       {"decline", "received", "declined"},
        {"decline", "accepted", NULL},            {"request_info", "received", "info_requested"},
        {"request_info", "sent", NULL},           {"answer", "info_requested", "received"},
        {"answer", "received", NULL},             {"start", "accepted", "in_progress"},
        {"start", "received", NULL},              {"complete", "in_progress", "completed"},
        {"complete", "accepted", NULL},           {"cancel", "sent", "cancelled"},
        {"cancel", "received", "cancelled"},      {"cancel", "info_requested", "cancelled"},
        {"cancel", "accepted", "cancelled"},      {"cancel", "in_progress", "cancelled"},
        {"cancel", "completed", NULL},            {"fail", "accepted", "failed"},
        {"fail", "in_progress", "failed"},        {"fail", "received", NULL},
        {"receive", "recei", NULL},               {"nonsense", "sent", NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const char *to = referral_next(cases[i].action, cases[i].from);
        if (!cases[i].to != !to || (to && strcmp(to, cases[i].to) != 0))
            fail_msg("%s from %s: expected %s, got %s", cases[i].action, cases[i].from,
                     cases[i].to ? cases[i].to : "illegal", to ? to : "illegal");
    }
    /* The closed states are final: no action leads out of them. */
    static const char *const closed[] = {"declined", "completed", "cancelled", "failed"};
    for (size_t i = 0; i < ARRAY_LEN(closed); i++) {
        assert_false(referral_is_open(closed[i]));
        for (const struct referral_transition *t = referral_transitions; t->action; t++)
            if (referral_next(t->action, closed[i]))
                fail_msg("%s leads out of %s", t->action, closed[i]);
    }
    /* Every state but the closed ones has a way on, and every target is a state. */
    for (const struct referral_transition *t = referral_transitions; t->action; t++)
        assert_true(in_list(referral_states, t->to));
    for (const char *const *s = referral_open_states; *s; s++) {
        int out = 0;
        for (const struct referral_transition *t = referral_transitions; t->action; t++)
            out |= referral_next(t->action, *s) != NULL;
        assert_true(out);
    }
}

static void each_side_takes_its_own_actions(void **state)
{
    (void)state;
    for (const struct referral_transition *t = referral_transitions; t->action; t++) {
        int sender = strcmp(t->action, "cancel") == 0 || strcmp(t->action, "answer") == 0;
        assert_int_equal(t->side, sender ? REF_SENDER : REF_RECEIVER);
    }
    /* A decline and a failure need a code from their list; a completion its outcome. */
    assert_non_null(referral_transition("decline")->codes);
    assert_non_null(referral_transition("fail")->codes);
    assert_string_equal(referral_transition("complete")->text_field, "outcome");
    assert_true(referral_transition("complete")->text_required);
    assert_false(referral_transition("receive")->text_required);
}

static void days_pending_and_overdue(void **state)
{
    (void)state;
    int64_t now = iso_parse("2026-11-22T12:00:00Z");
    assert_int_equal(referral_response_seconds("urgent"), 4 * 3600);
    assert_int_equal(referral_response_seconds("soon"), 2 * 86400);
    assert_int_equal(referral_response_seconds("routine"), 5 * 86400);
    assert_int_equal(referral_response_seconds("later"), -1);
    assert_int_equal(referral_days_pending("2026-11-22T11:00:00Z", NULL, now), 0);
    assert_int_equal(referral_days_pending("2026-11-20T11:00:00Z", NULL, now), 2);
    /* A closed referral stops counting when it closed. */
    assert_int_equal(referral_days_pending("2026-11-10T12:00:00Z", "2026-11-13T13:00:00Z", now), 3);
    assert_true(referral_overdue("sent", "2026-11-22T11:59:59Z", now));
    assert_false(referral_overdue("sent", "2026-11-22T12:00:01Z", now));
    /* Acknowledged in time or late, it is no longer overdue. */
    assert_false(referral_overdue("received", "2026-11-01T00:00:00Z", now));
}

/* sweep DB: run the referral rule once, as the server's sweep does (no actor, one transaction);
 * exits with how many it made, 100 on a failure. */
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
    int rc = referral_overdue_rule(&c, &made);
    if (rc == OK)
        rc = audit_flush(&c, db, 0);
    if (rc == OK && db_commit(db) != DB_OK)
        rc = ERR_DB;
    if (rc != OK)
        db_rollback(db);
    ctx_clear(&c);
    db_close(db);
    return rc == OK ? made : 100;
}
static const struct step steps[] = {{"sweep", step_sweep}, {0}};

static char when_buf[32];
static int sweep_at(int64_t offset)
{
    iso_time(iso_parse(T_NOW) + offset, when_buf);
    const char *args[] = {"sweep", T->path, NULL};
    return run_at(when_buf, args);
}

static void an_unacknowledged_referral_is_overdue_once(void **state)
{
    (void)state;
    int64_t client = mk_client(T->db, east, cm_e, "Min", "Overdue", "1980-01-01");
    int64_t ep = mk_episode(T->db, client, east, "active", cm_e, cm_e);
    mk_member(T->db, ep, cm_e, "primary_case_manager", "2026-01-01", NULL);
    struct actor a = actor_of(T->db, cm_e);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    char body[200];
    snprintf(body, sizeof body,
             "{\"to_org_id\":%lld,\"reason\":\"r\",\"asked\":\"a\",\"urgency\":\"urgent\",\"agreement\":\"agreed\"}",
             (long long)river);
    json_t *in = json_loads(body, 0, NULL), *out = NULL;
    assert_int_equal(db_begin(T->db), DB_OK);
    int rc = referral_send(&c, client, in, &out);
    if (rc != OK)
        fail_msg("send: %d %s", rc, c.msg);
    assert_int_equal(audit_flush(&c, T->db, 0), OK);
    assert_int_equal(db_commit(T->db), DB_OK);
    int64_t id = ji(out, "id");
    assert_string_equal(js(out, "due_at"), "2026-11-22T16:00:00Z"); /* urgent: 4 hours */
    json_decref(in);
    json_decref(out);
    ctx_clear(&c);

    assert_int_equal(sweep_at(3 * 3600), 0);       /* within the 4 hours: nothing */
    assert_int_equal(sweep_at(5 * 3600), 1);       /* past them: one */
    assert_int_equal(sweep_at(6 * 3600), 0);       /* once */
    char q[300];
    snprintf(q, sizeof q,
             "SELECT count(*) FROM tasks WHERE title_key='referral.overdue' AND assignee=%lld AND client_id=%lld",
             (long long)sup_r, (long long)client);
    assert_int_equal(count_of(T->db, q), 1);
    snprintf(q, sizeof q,
             "SELECT count(*) FROM notifications WHERE text_key='referral.notice.overdue' AND staff_id=%lld"
             " AND entity_id=%lld",
             (long long)cm_e, (long long)id);
    assert_int_equal(count_of(T->db, q), 1);
    snprintf(q, sizeof q, "SELECT count(*) FROM referrals WHERE id=%lld AND overdue_noted_at IS NOT NULL",
             (long long)id);
    assert_int_equal(count_of(T->db, q), 1);
    /* Acknowledged late: no longer overdue in the queue, and the sweep makes nothing more. */
    sql(T->db, "UPDATE referrals SET state='received'");
    assert_int_equal(sweep_at(30 * 3600), 0);
}

/* The received queue read a page at a time (3 rows) in every filter: overdue first, then the rest,
 * each by when it was sent (then id); every page's rows follow the previous page's, none repeated or
 * skipped, across the boundary between the overdue and the others. */
static void the_queue_pages_overdue_first_without_gaps(void **state)
{
    (void)state;
    int64_t north = mk_org(T->db, "Northgate");
    int64_t west = mk_org(T->db, "Westgate");
    int64_t sup_w = mk_staff(T->db, west, "sup-w", "supervisor");
    int64_t cm_n = mk_staff(T->db, north, "cm-n", "case_manager");
    int64_t client = mk_client(T->db, north, cm_n, "Queue", "Pager", "1970-01-01");
    static const struct {
        const char *state, *sent, *due, *urgency;
    } rows[] = {
        {"sent", "2026-11-10T09:00:00Z", "2026-11-15T09:00:00Z", "routine"},   /* overdue */
        {"sent", "2026-11-22T11:00:00Z", "2026-11-22T15:00:00Z", "urgent"},    /* due later today */
        {"received", "2026-11-01T09:00:00Z", "2026-11-06T09:00:00Z", "routine"},
        {"sent", "2026-11-20T09:00:00Z", "2026-11-22T09:00:00Z", "soon"},      /* overdue */
        {"completed", "2026-10-01T09:00:00Z", "2026-10-06T09:00:00Z", "routine"},
        {"sent", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z", "soon"},      /* overdue, same time */
        {"in_progress", "2026-11-21T09:00:00Z", "2026-11-26T09:00:00Z", "routine"},
        {"declined", "2026-11-05T09:00:00Z", "2026-11-07T09:00:00Z", "soon"},
        {"accepted", "2026-11-10T09:00:00Z", "2026-11-15T09:00:00Z", "urgent"},
        {"sent", "2026-11-22T08:00:00Z", "2026-11-22T12:00:01Z", "urgent"},    /* not yet */
    };
    int64_t ids[ARRAY_LEN(rows)];
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        ids[i] = db_insert_id(T->db,
                              "INSERT INTO referrals(client_id, from_org_id, from_staff_id, to_org_id, reason, asked,"
                              " urgency, due_at, agreement, state, sent_at, updated_at) VALUES"
                              " (?,?,?,?,'r','a',?,?,'agreed',?,?,?) RETURNING id",
                              "iiiittttt", client, north, cm_n, west, rows[i].urgency, rows[i].due, rows[i].state,
                              rows[i].sent, rows[i].sent);
        assert_true(ids[i] > 0);
    }
    /* The expected orders (indexes into rows). */
    static const struct {
        const char *state, *urgency;
        int overdue;
        int order[10];
        int n;
    } cases[] = {
        {NULL, NULL, 0, {0, 5, 3, 4, 2, 7, 8, 6, 9, 1}, 10}, /* every state: 4 is the oldest, not overdue */
        {"open", NULL, 0, {0, 5, 3, 2, 8, 6, 9, 1}, 8},
        {NULL, NULL, 1, {0, 5, 3}, 3},
        {"sent", NULL, 0, {0, 5, 3, 9, 1}, 5},
        {"closed", NULL, 0, {4, 7}, 2},
        {NULL, "urgent", 0, {8, 9, 1}, 3},
    };
    struct actor a = actor_of(T->db, sup_w);
    for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
        int want[10], n = cases[k].n;
        memcpy(want, cases[k].order, sizeof want);
        int got = 0;
        char after[700] = "";
        for (int pages = 0; pages < 10; pages++) {
            struct ctx c;
            ctx_init(&c, &a, T->db);
            struct referral_filter f = {cases[k].state, cases[k].urgency, cases[k].overdue};
            json_t *out = NULL;
            int rc = referral_queue(&c, 1, &f, &(struct page){after[0] ? after : NULL, 3}, &out);
            if (rc != OK)
                fail_msg("case %zu: %d %s", k, rc, c.msg);
            json_t *items = json_object_get(out, "items");
            size_t i;
            json_t *r;
            json_array_foreach(items, i, r)
            {
                if (got >= n || ji(r, "id") != ids[want[got]])
                    fail_msg("case %zu: row %d is referral %lld, expected %lld", k, got, (long long)ji(r, "id"),
                             got < n ? (long long)ids[want[got]] : -1LL);
                assert_int_equal(json_is_true(json_object_get(r, "overdue")),
                                 want[got] == 0 || want[got] == 3 || want[got] == 5);
                got++;
            }
            const char *next = json_string_value(json_object_get(out, "next"));
            snprintf(after, sizeof after, "%s", next ? next : "");
            json_decref(out);
            ctx_clear(&c);
            if (!next)
                break;
        }
        if (got != n)
            fail_msg("case %zu: %d rows, expected %d", k, got, n);
    }
}

#define T_(f) cmocka_unit_test(f)
int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--step") == 0)
        return step_main(steps, argc, argv);
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        T_(every_action_is_legal_from_exactly_its_states),
        T_(each_side_takes_its_own_actions),
        T_(days_pending_and_overdue),
        T_(an_unacknowledged_referral_is_overdue_once),
        T_(the_queue_pages_overdue_first_without_gaps),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
