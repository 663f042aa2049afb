/* test_risk: the rules that turn risk into work (suicide-flag tasks, crisis and discharge follow-ups),
 * readmission marks, versioned flag reviews and safety plans, the on-call answer, audited refusals. */
#include "helpers.h"
#include "core/risk_data.h" /* flag_active: core-private, read here to check the rules */

static struct tdb *T;
static int64_t riv, east, cm, cm2, peer, analyst, cm_e, sup, client;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    riv = mk_org(T->db, "Riverside");
    east = mk_org(T->db, "Eastgate");
    cm = mk_staff(T->db, riv, "cm1", "case_manager");
    cm2 = mk_staff(T->db, riv, "cm2", "case_manager");
    sup = mk_staff(T->db, riv, "sup", "supervisor");
    peer = mk_staff(T->db, riv, "peer1", "peer_supporter");
    analyst = mk_staff(T->db, riv, "analyst1", "analyst");
    cm_e = mk_staff(T->db, east, "cm4", "case_manager");
    sql(T->db, "UPDATE staff SET phone='02-000-' || id");
    /* The client: cm1 its primary case manager, cm2 on the team too. */
    client = mk_client(T->db, riv, cm, "Riska", "Testwell", "1980-01-01");
    int64_t ep = mk_episode(T->db, client, riv, "active", cm, cm);
    mk_member(T->db, ep, cm, "primary_case_manager", "2026-01-01", NULL);
    mk_member(T->db, ep, cm2, "case_manager", "2026-01-01", NULL);
    return 0;
}
static int teardown(void **state)
{
    (void)state;
    tdb_close(T);
    T = NULL;
    return 0;
}

static json_t *parse(const char *s)
{
    json_error_t e;
    json_t *j = json_loads(s, 0, &e);
    if (!j)
        fail_msg("bad test JSON: %s: %s", e.text, s);
    return j;
}

/* Raise a flag as `who`; returns the rc, *out the result. */
static int raise_as(int64_t who, int64_t cl, const char *kind, const char *level, json_t **out)
{
    struct actor a = actor_of(T->db, who);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    *out = NULL;
    int rc = flag_raise(&c, cl, kind, level, "person", 0, "Seen at home today.", NULL, out);
    ctx_clear(&c);
    return rc;
}

static int64_t raise_ok(int64_t who, int64_t cl, const char *kind, const char *level, size_t tasks)
{
    json_t *out;
    int rc = raise_as(who, cl, kind, level, &out);
    if (rc != OK)
        fail_msg("flag_raise %s/%s failed: %d", kind, level, rc);
    assert_int_equal(json_array_size(json_object_get(out, "tasks_created")), tasks);
    int64_t id = ji(out, "id");
    json_decref(out);
    return id;
}

static int64_t tasks_of(int64_t cl, const char *extra)
{
    char q[400];
    snprintf(q, sizeof q, "SELECT count(*) FROM tasks WHERE client_id=%lld AND source='rule' %s",
             (long long)cl, extra ? extra : "");
    return count_of(T->db, q);
}

/* ---------------- the high suicide-risk rule ---------------- */

static void high_suicide_flag_makes_two_tasks_for_the_primary_cm(void **state)
{
    (void)state;
    raise_ok(cm2, client, "suicide_risk", "high", 2); /* raised by cm2, for cm1 (the primary) */
    json_t *rows = db_rows(T->db,
                           "SELECT title, due, priority, status, source, assignee, created_by FROM tasks"
                           " WHERE client_id=? ORDER BY id",
                           "i", client);
    assert_int_equal(json_array_size(rows), 2);
    json_t *a = json_array_get(rows, 0), *b = json_array_get(rows, 1);
    assert_string_equal(js(a, "title"), "Contact within 24 hours");
    assert_string_equal(js(a, "due"), T_TOMORROW); /* within 24 hours of 2026-11-22 12:00 */
    assert_string_equal(js(a, "priority"), "urgent");
    assert_string_equal(js(b, "title"), "Review the safety plan");
    assert_string_equal(js(b, "due"), "2026-11-25");
    assert_string_equal(js(b, "priority"), "high");
    for (size_t i = 0; i < 2; i++) {
        json_t *t = json_array_get(rows, i);
        assert_string_equal(js(t, "source"), "rule");
        assert_string_equal(js(t, "status"), "open");
        assert_int_equal(ji(t, "assignee"), cm);
        assert_true(json_is_null(json_object_get(t, "created_by")));
    }
    json_decref(rows);
}

static void no_duplicates_while_the_tasks_are_open(void **state)
{
    (void)state;
    raise_ok(cm, client, "suicide_risk", "high", 2);
    raise_ok(cm, client, "suicide_risk", "high", 0);
    raise_ok(cm2, client, "suicide_risk", "high", 0);
    assert_int_equal(tasks_of(client, NULL), 2);
    /* Once the contact is done, the next high flag asks for contact again (the review is still open). */
    sql(T->db, "UPDATE tasks SET status='done' WHERE title='Contact within 24 hours'");
    raise_ok(cm, client, "suicide_risk", "high", 1);
    assert_int_equal(tasks_of(client, "AND status='open' AND title='Contact within 24 hours'"), 1);
    assert_int_equal(tasks_of(client, "AND title='Review the safety plan'"), 1);
    assert_int_equal(tasks_of(client, NULL), 3);
}

static void without_a_primary_cm_the_actor_gets_them(void **state)
{
    (void)state;
    int64_t other = mk_client(T->db, riv, cm, "Nocm", "Person", "1970-02-02");
    int64_t ep = mk_episode(T->db, other, riv, "active", 0, cm2);
    mk_member(T->db, ep, cm2, "case_manager", "2026-01-01", NULL);
    raise_ok(cm2, other, "suicide_risk", "high", 2);
    assert_int_equal(tasks_of(other, "AND assignee=(SELECT id FROM staff WHERE username='cm2')"), 2);
    /* A disabled primary case manager counts as none. */
    int64_t third = mk_client(T->db, riv, cm, "Gone", "Primary", "1970-03-03");
    int64_t ep3 = mk_episode(T->db, third, riv, "active", cm, cm);
    mk_member(T->db, ep3, cm2, "case_manager", "2026-01-01", NULL);
    sql(T->db, "UPDATE staff SET disabled=1 WHERE username='cm1'");
    raise_ok(cm2, third, "suicide_risk", "high", 2);
    assert_int_equal(tasks_of(third, "AND assignee=(SELECT id FROM staff WHERE username='cm2')"), 2);
}

static void only_a_high_suicide_risk_makes_tasks(void **state)
{
    (void)state;
    int64_t f = raise_ok(cm, client, "suicide_risk", "moderate", 0);
    raise_ok(cm, client, "risk_to_others", "high", 0);
    raise_ok(cm, client, "suicide_risk", "low", 0);
    assert_int_equal(tasks_of(client, NULL), 0);
    /* A review that raises the level to high applies the rule. */
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *in = parse("{\"outcome\":\"level_changed\",\"level\":\"high\",\"note\":\"Worse tonight.\","
                       "\"next_review\":\"2026-11-29\"}"),
           *out = NULL;
    assert_int_equal(flag_review(&c, f, 1, in, &out), OK);
    assert_int_equal(json_array_size(json_object_get(out, "tasks_created")), 2);
    assert_string_equal(js(out, "level"), "high");
    json_decref(in);
    json_decref(out);
    ctx_clear(&c);
    assert_int_equal(tasks_of(client, NULL), 2);
}

/* ---------------- crisis follow-up ---------------- */

static json_t *record_as(int64_t who, int64_t cl, const char *at, int *rc)
{
    struct actor a = actor_of(T->db, who);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    char body[400];
    snprintf(body, sizeof body,
             "{\"occurred_at\":\"%s\",\"kind\":\"self_harm\",\"severity\":\"high\",\"response_mode\":\"home_"
             "visit\","
             "\"actions\":\"Visited; wound dressed.\",\"outcome\":\"stabilised_at_home\"}",
             at);
    json_t *in = parse(body), *out = NULL;
    *rc = crisis_record(&c, cl, in, &out);
    json_decref(in);
    ctx_clear(&c);
    return out;
}

static void crisis_event_makes_three_follow_ups_for_the_recorder(void **state)
{
    (void)state;
    int rc;
    json_t *e = record_as(cm2, client, "2026-11-22T03:00", &rc); /* cm2 records; cm1 is the primary */
    assert_int_equal(rc, OK);
    json_t *f = json_object_get(e, "follow_up");
    assert_int_equal(json_array_size(f), 3);
    static const char *const titles[] = {"Crisis follow-up: 24 hours", "Crisis follow-up: 72 hours",
                                         "Crisis follow-up: 7 days"};
    static const char *const due[] = {"2026-11-23", "2026-11-25", "2026-11-29"};
    static const char *const prio[] = {"urgent", "high", "normal"};
    for (size_t i = 0; i < 3; i++) {
        json_t *t = json_array_get(f, i);
        assert_string_equal(js(t, "title"), titles[i]);
        assert_string_equal(js(t, "due"), due[i]);
        assert_string_equal(js(t, "priority"), prio[i]);
        assert_string_equal(js(t, "source"), "rule");
        assert_int_equal(ji(t, "assignee"), cm2);
    }
    assert_int_equal(json_array_size(json_object_get(e, "responders")), 1); /* the recorder */
    json_decref(e);
    assert_int_equal(tasks_of(client, NULL), 3);
    /* Every event has its own follow-up, even while earlier ones are open. */
    e = record_as(cm2, client, "2026-11-22T05:00", &rc);
    assert_int_equal(rc, OK);
    json_decref(e);
    assert_int_equal(tasks_of(client, NULL), 6);
}

static void follow_ups_of_a_late_record_are_never_overdue(void **state)
{
    (void)state;
    int rc;
    json_t *e = record_as(cm, client, "2026-11-18T03:00", &rc);
    assert_int_equal(rc, OK);
    json_t *f = json_object_get(e, "follow_up");
    assert_string_equal(js(json_array_get(f, 0), "due"), T_TODAY); /* 11-19: today instead */
    assert_string_equal(js(json_array_get(f, 1), "due"), T_TODAY); /* 11-21: today instead */
    assert_string_equal(js(json_array_get(f, 2), "due"), "2026-11-25");
    json_decref(e);
    /* Not in the future (a few minutes of clock skew are allowed). */
    e = record_as(cm, client, "2026-11-22T13:00", &rc);
    assert_int_equal(rc, ERR_INVALID);
    assert_null(e);
}

static void break_glass_may_record_a_crisis(void **state)
{
    (void)state;
    int rc;
    json_t *e = record_as(cm_e, client, "2026-11-22T03:00", &rc);
    assert_int_equal(rc, ERR_FORBIDDEN);
    assert_null(e);
    mk_breakglass(T->db, cm_e, east, client, "2026-11-22T11:00:00Z", "2026-11-22T15:00:00Z");
    e = record_as(cm_e, client, "2026-11-22T03:00", &rc);
    assert_int_equal(rc, OK);
    assert_int_equal(ji(json_array_get(json_object_get(e, "follow_up"), 0), "assignee"), cm_e);
    json_decref(e);
}

/* ---------------- hospital stays ---------------- */

static int64_t admit(int64_t cl, const char *at, int *r30, int *r90)
{
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    char body[200];
    snprintf(body, sizeof body,
             "{\"hospital\":\"St Luke's\",\"admission_type\":\"voluntary\",\"admitted_at\":\"%s\"}", at);
    json_t *in = parse(body), *out = NULL;
    int rc = hosp_admit(&c, cl, in, &out);
    if (rc != OK)
        fail_msg("admission at %s refused: %d %s", at, rc, c.msg);
    int64_t id = ji(out, "id");
    *r30 = json_is_true(json_object_get(out, "readmission_30"));
    *r90 = json_is_true(json_object_get(out, "readmission_90"));
    json_decref(in);
    json_decref(out);
    ctx_clear(&c);
    return id;
}

static json_t *discharge(int64_t who, int64_t id, int64_t version, const char *at, int *rc)
{
    struct actor a = actor_of(T->db, who);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    char body[100];
    snprintf(body, sizeof body, "{\"discharged_at\":\"%s\"}", at);
    json_t *in = parse(body), *out = NULL;
    *rc = hosp_discharge(&c, id, version, in, &out);
    json_decref(in);
    ctx_clear(&c);
    return out;
}

static void discharge_makes_a_7_day_follow_up(void **state)
{
    (void)state;
    int r30, r90, rc;
    int64_t h = admit(client, "2026-11-01T10:00", &r30, &r90);
    assert_false(r30 || r90);
    json_t *out = discharge(cm2, h, 2, "2026-11-20T09:00", &rc); /* stale */
    assert_int_equal(rc, ERR_CONFLICT);
    assert_null(out);
    assert_int_equal(tasks_of(client, NULL), 0);
    out = discharge(cm2, h, 1, "2026-11-20T09:00", &rc);
    assert_int_equal(rc, OK);
    assert_int_equal(ji(out, "version"), 2);
    json_t *t = json_array_get(json_object_get(out, "follow_up"), 0);
    assert_string_equal(js(t, "title"), "Follow up within 7 days of hospital discharge");
    assert_string_equal(js(t, "due"), "2026-11-27");
    assert_string_equal(js(t, "priority"), "high");
    assert_string_equal(js(t, "source"), "rule");
    assert_int_equal(ji(t, "assignee"), cm); /* the primary case manager, not cm2 who recorded it */
    json_decref(out);
    /* Discharged once only. */
    out = discharge(cm, h, 2, "2026-11-21T09:00", &rc);
    assert_int_equal(rc, ERR_CONFLICT);
    assert_int_equal(tasks_of(client, NULL), 1);
}

static void readmissions_are_marked_at_the_boundaries(void **state)
{
    (void)state;
    static const struct {
        const char *admitted, *discharged;
        int r30, r90;
    } stays[] = {
        {"2026-01-01T10:00", "2026-01-10T10:00", 0, 0}, /* the first stay */
        {"2026-02-09T10:00", "2026-02-10T10:00", 1, 1}, /* 30 days after the last discharge */
        {"2026-03-13T10:00", "2026-03-15T10:00", 0, 1}, /* 31 days */
        {"2026-06-13T10:00", "2026-06-20T10:00", 0, 1}, /* 90 days */
        {"2026-09-19T10:00", "2026-09-20T10:00", 0, 0}, /* 91 days */
    };
    for (size_t i = 0; i < ARRAY_LEN(stays); i++) {
        int r30, r90, rc;
        int64_t h = admit(client, stays[i].admitted, &r30, &r90);
        if (r30 != stays[i].r30 || r90 != stays[i].r90)
            fail_msg("stay %zu (%s): readmission_30=%d readmission_90=%d, expected %d %d", i,
                     stays[i].admitted, r30, r90, stays[i].r30, stays[i].r90);
        json_decref(discharge(cm, h, 1, stays[i].discharged, &rc));
        assert_int_equal(rc, OK);
    }
    assert_int_equal(
        count_of(T->db, "SELECT sum(readmission_30)*10 + sum(readmission_90) FROM hospitalisations"), 13);
}

static void a_stay_entered_late_corrects_the_marks(void **state)
{
    (void)state;
    int r30, r90, rc;
    int64_t later = admit(client, "2026-07-01T10:00", &r30, &r90);
    assert_false(r30 || r90);
    json_decref(discharge(cm, later, 1, "2026-07-05T10:00", &rc));
    /* The stay before it is recorded afterwards: its discharge makes the later one a readmission. */
    int64_t earlier = admit(client, "2026-06-01T10:00", &r30, &r90);
    assert_false(r30 || r90);
    assert_null(discharge(cm, earlier, 1, "2026-07-02T10:00", &rc)); /* after the later admission */
    assert_int_equal(rc, ERR_INVALID);
    json_decref(discharge(cm, earlier, 1, "2026-06-20T10:00", &rc));
    assert_int_equal(rc, OK);
    char q[200];
    snprintf(q, sizeof q, "SELECT readmission_30 + readmission_90 FROM hospitalisations WHERE id=%lld",
             (long long)later);
    assert_int_equal(count_of(T->db, q), 2);
    /* No admission while the client is still in hospital, or inside an earlier stay. */
    int64_t open = admit(client, "2026-10-01T10:00", &r30, &r90);
    assert_true(open > 0);
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *in = parse(
               "{\"hospital\":\"X\",\"admission_type\":\"voluntary\",\"admitted_at\":\"2026-10-05T10:00\"}"),
           *out = NULL;
    assert_int_equal(hosp_admit(&c, client, in, &out), ERR_CONFLICT);
    json_decref(in);
    ctx_clear(&c);
    ctx_init(&c, &a, T->db);
    in = parse("{\"hospital\":\"X\",\"admission_type\":\"voluntary\",\"admitted_at\":\"2026-06-10T10:00\"}");
    assert_int_equal(hosp_admit(&c, client, in, &out), ERR_INVALID);
    assert_non_null(json_object_get(c.errors, "admitted_at"));
    json_decref(in);
    ctx_clear(&c);
}

/* ---------------- flag reviews ---------------- */

static int review(int64_t who, int64_t id, int64_t version, const char *body)
{
    struct actor a = actor_of(T->db, who);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *in = parse(body), *out = NULL;
    int rc = flag_review(&c, id, version, in, &out);
    json_decref(in);
    json_decref(out);
    ctx_clear(&c);
    return rc;
}

static void reviews_are_versioned_and_flags_never_go(void **state)
{
    (void)state;
    int64_t f = raise_ok(cm, client, "relapse_signs", "moderate", 0);
    const char *cont =
        "{\"outcome\":\"continued\",\"note\":\"Still unsettled.\",\"next_review\":\"2026-12-01\"}";
    assert_int_equal(review(cm, f, 1, cont), OK);
    assert_int_equal(review(cm, f, 1, cont), ERR_CONFLICT); /* stale: nothing written */
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM flag_reviews"), 1);
    assert_int_equal(review(peer, f, 2, cont), ERR_FORBIDDEN); /* not on the team */
    assert_int_equal(review(cm2, f, 2, "{\"outcome\":\"resolved\",\"note\":\"Settled again.\"}"), OK);
    assert_int_equal(review(cm, f, 3, cont), ERR_CONFLICT); /* resolved */
    json_t *r = db_row(T->db, "SELECT status, version, review_date FROM flags WHERE id=?", "i", f);
    assert_string_equal(js(r, "status"), "resolved");
    assert_int_equal(ji(r, "version"), 3);
    assert_true(json_is_null(json_object_get(r, "review_date")));
    json_decref(r);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM flag_reviews"), 2);
    json_t *active = flag_active(T->db, client);
    assert_int_equal(json_array_size(active), 0);
    json_decref(active);
}

static void refusals_are_queued_for_the_audit(void **state)
{
    (void)state;
    const int64_t who[] = {peer, analyst, cm_e};
    for (size_t i = 0; i < ARRAY_LEN(who); i++) {
        struct actor a = actor_of(T->db, who[i]);
        struct ctx c;
        ctx_init(&c, &a, T->db);
        json_t *out = NULL;
        assert_int_equal(flag_raise(&c, client, "suicide_risk", "high", "person", 0, "x", NULL, &out),
                         ERR_FORBIDDEN);
        assert_int_equal(c.npend, 1);
        assert_string_equal(c.pend[0].action, "flag.raise");
        assert_string_equal(c.pend[0].outcome, "denied");
        assert_true(c.pend[0].keep);
        ctx_clear(&c);
    }
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM flags"), 0);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM tasks"), 0);
}

/* ---------------- on call, safety plans ---------------- */

static void who_is_on_call_now(void **state)
{
    (void)state;
    const int64_t who[] = {cm, cm2, cm, cm_e};
    const int64_t org[] = {riv, riv, riv, east};
    const char *const from[] = {"2026-11-21T09:00:00Z", "2026-11-22T09:00:00Z", "2026-11-23T09:00:00Z",
                                "2026-11-22T00:00:00Z"};
    const char *const to[] = {"2026-11-22T09:00:00Z", "2026-11-23T09:00:00Z", "2026-11-24T09:00:00Z",
                              "2026-11-23T00:00:00Z"};
    const char *const phone[] = {NULL, NULL, "010-2400", NULL};
    for (int i = 0; i < 4; i++)
        assert_int_equal(
            db_run(T->db,
                   "INSERT INTO oncall(id, org_id, staff_id, starts_at, ends_at, phone, created_at)"
                   " VALUES (?,?,?,?,?,?,?)",
                   "iiitttt", (int64_t)i + 1, org[i], who[i], from[i], to[i], phone[i], T_NOW),
            DB_OK);
    struct actor a = actor_of(T->db, cm), s = actor_of(T->db, sup);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *out = NULL;
    assert_int_equal(oncall_now(&c, &out), OK);
    json_t *now = json_object_get(out, "on_call");
    assert_int_equal(json_array_size(now), 1);
    assert_int_equal(ji(json_array_get(now, 0), "staff_id"), cm2);
    char cm2_phone[32];
    snprintf(cm2_phone, sizeof cm2_phone, "02-000-%lld", (long long)cm2);
    assert_string_equal(js(json_array_get(now, 0), "phone"), cm2_phone); /* the staff phone */
    assert_string_equal(js(json_object_get(out, "next"), "phone"), "010-2400");
    json_decref(out);
    ctx_clear(&c);
    /* A case manager may not change the rota; the supervisor ends the running shift now. */
    ctx_init(&c, &a, T->db);
    assert_int_equal(oncall_remove(&c, 2, &out), ERR_FORBIDDEN);
    ctx_clear(&c);
    ctx_init(&c, &s, T->db);
    assert_int_equal(oncall_remove(&c, 2, &out), OK);
    assert_true(json_is_true(json_object_get(out, "ended")));
    json_decref(out);
    assert_int_equal(oncall_remove(&c, 1, &out), ERR_CONFLICT); /* over: it stays */
    assert_int_equal(oncall_remove(&c, 3, &out), OK);           /* future: deleted */
    json_decref(out);
    assert_int_equal(oncall_remove(&c, 4, &out), ERR_FORBIDDEN); /* another organisation's */
    ctx_clear(&c);
    ctx_init(&c, &a, T->db);
    assert_int_equal(oncall_now(&c, &out), OK);
    assert_int_equal(json_array_size(json_object_get(out, "on_call")), 0);
    assert_true(json_is_null(json_object_get(out, "next")));
    json_decref(out);
    ctx_clear(&c);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM oncall"), 3);
}

static void safety_plans_keep_every_version(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm), p = actor_of(T->db, peer);
    struct ctx c;
    json_t *in = parse(
               "{\"warning_signs\":[\"Not sleeping\"],\"coping\":\"Walk\\nMusic\",\"client_agreed\":true}"),
           *out = NULL;
    ctx_init(&c, &a, T->db);
    assert_int_equal(safety_save(&c, client, 0, in, &out), OK);
    assert_int_equal(ji(out, "version"), 1);
    assert_int_equal(json_array_size(json_object_get(out, "coping")), 2);
    assert_string_equal(js(out, "agreed_at"), "2026-11-22T12:00:00Z");
    json_decref(out);
    assert_int_equal(safety_save(&c, client, 0, in, &out), ERR_CONFLICT);
    assert_int_equal(safety_save(&c, client, 1, in, &out), OK);
    json_decref(out);
    ctx_clear(&c);
    /* A peer supporter on the team reads it but may not write it. */
    int64_t ep = db_int1(T->db, 0, "SELECT id FROM episodes WHERE client_id=?", "i", client);
    mk_member(T->db, ep, peer, "peer_supporter", "2026-01-01", NULL);
    ctx_init(&c, &p, T->db);
    assert_int_equal(safety_save(&c, client, 2, in, &out), ERR_FORBIDDEN);
    assert_int_equal(safety_get(&c, client, 1, &out), OK);
    assert_int_equal(ji(out, "version"), 1);
    assert_false(json_is_true(json_object_get(out, "current")));
    json_decref(out);
    assert_int_equal(safety_history(&c, client, NULL, &out), OK);
    assert_int_equal(json_array_size(json_object_get(out, "items")), 2);
    json_decref(out);
    ctx_clear(&c);
    json_decref(in);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM safety_plans"), 2);
}

#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        T_(high_suicide_flag_makes_two_tasks_for_the_primary_cm),
        T_(no_duplicates_while_the_tasks_are_open),
        T_(without_a_primary_cm_the_actor_gets_them),
        T_(only_a_high_suicide_risk_makes_tasks),
        T_(crisis_event_makes_three_follow_ups_for_the_recorder),
        T_(follow_ups_of_a_late_record_are_never_overdue),
        T_(break_glass_may_record_a_crisis),
        T_(discharge_makes_a_7_day_follow_up),
        T_(readmissions_are_marked_at_the_boundaries),
        T_(a_stay_entered_late_corrects_the_marks),
        T_(reviews_are_versioned_and_flags_never_go),
        T_(refusals_are_queued_for_the_audit),
        T_(who_is_on_call_now),
        T_(safety_plans_keep_every_version),
    };
    return cmocka_run_group_tests_name("risk", tests, NULL, NULL);
}
