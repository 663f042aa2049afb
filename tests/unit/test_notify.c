/* test_notify: in-app notifications (core/notify.c) and who a risk flag tells (core/flag.c): the
 * recipient's own access decides (another organisation's worker, a disabled account, a member whose
 * place on the team ended are told nothing); the actor is never told of their own act; an unknown
 * kind or text is refused; marking all read touches only one's own; the header's count is bounded. */
#include "core/risk.h"
#include "helpers.h"

static struct tdb *T;
static int64_t river, east, cm, psy, nurse_gone, cm_off, peer, other_cm, other_psy, client, episode;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    river = mk_org(T->db, "Riverside");
    east = mk_org(T->db, "Eastgate");
    cm = mk_staff(T->db, river, "cm", "case_manager");
    psy = mk_staff(T->db, river, "psy", "clinician");
    nurse_gone = mk_staff(T->db, river, "nurse-gone", "clinician");
    cm_off = mk_staff(T->db, river, "cm-off", "case_manager");
    peer = mk_staff(T->db, river, "peer", "peer_supporter");
    other_cm = mk_staff(T->db, east, "other-cm", "case_manager");
    other_psy = mk_staff(T->db, east, "other-psy", "clinician");
    client = mk_client(T->db, river, cm, "Nora", "Tidings", "1968-06-16");
    episode = mk_episode(T->db, client, river, "active", cm, cm);
    mk_member(T->db, episode, psy, "psychiatrist", "2026-01-01", NULL);
    mk_member(T->db, episode, nurse_gone, "nurse", "2026-01-01", "2026-06-01"); /* left the team */
    mk_member(T->db, episode, peer, "peer_supporter", "2026-01-01", NULL);
    mk_member(T->db, episode, other_psy, "psychiatrist", "2026-01-01", NULL); /* another organisation's */
    /* a second, older open episode whose primary case manager's account is disabled */
    int64_t old = mk_episode(T->db, client, river, "active", cm_off, cm);
    (void)old;
    sql(T->db, "UPDATE staff SET disabled=1 WHERE username='cm-off'");
    return 0;
}
static int teardown(void **state)
{
    (void)state;
    tdb_close(T);
    return 0;
}

static int64_t unread(int64_t staff)
{
    return db_int1(T->db, -1, "SELECT count(*) FROM notifications WHERE staff_id=? AND read_at IS NULL", "i", staff);
}

static void the_recipients_own_access_decides(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    /* on the team: may see the flags; the same organisation off the team, another organisation, a
     * disabled account, an ended place: may not */
    assert_true(notify_staff_may(&c, psy, RES_FLAG, ACT_LIST, client));
    assert_true(notify_staff_may(&c, other_psy, RES_FLAG, ACT_LIST, client)); /* on the team, of Eastgate */
    assert_false(notify_staff_may(&c, other_cm, RES_FLAG, ACT_LIST, client));
    assert_false(notify_staff_may(&c, nurse_gone, RES_FLAG, ACT_LIST, client));
    assert_false(notify_staff_may(&c, cm_off, RES_FLAG, ACT_LIST, client));
    assert_false(notify_staff_may(&c, 999999, RES_FLAG, ACT_LIST, client));
    json_t *args = json_pack("{s:s}", "by", "cm");
    assert_int_equal(notify_if_may(&c, other_cm, RES_FLAG, ACT_LIST, "flag", "notify.task_assigned", args, "flag", 1,
                                   client),
                     OK);
    assert_int_equal(unread(other_cm), 0);
    assert_int_equal(notify_if_may(&c, psy, RES_FLAG, ACT_LIST, "flag", "notify.task_assigned", args, "flag", 1,
                                   client),
                     OK);
    assert_int_equal(unread(psy), 1);
    /* oneself: skipped; an unknown text or kind: refused */
    assert_int_equal(notify_add(&c, cm, "task", "notify.task_assigned", args, "task", 1, 0), OK);
    assert_int_equal(unread(cm), 0);
    assert_int_equal(notify_add(&c, psy, "task", "no.such.text", args, "task", 1, 0), ERR_INVALID);
    assert_int_equal(notify_add(&c, psy, "gossip", "notify.task_assigned", args, "task", 1, 0), ERR_INVALID);
    assert_int_equal(unread(psy), 1);
    json_decref(args);
    sql(T->db, "DELETE FROM notifications");
    ctx_clear(&c);
}

static void a_flag_tells_the_primary_and_clinical_team_only(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, psy);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *f = NULL;
    assert_int_equal(flag_raise(&c, client, "relapse_signs", "moderate", "person", 0, "Missed two depots.", NULL, &f),
                     OK);
    int64_t flag = ji(f, "id");
    json_decref(f);
    assert_int_equal(unread(cm), 1);        /* the primary case manager */
    assert_int_equal(unread(other_psy), 1); /* a clinician on the team, of another organisation */
    assert_int_equal(unread(psy), 0);       /* who raised it */
    assert_int_equal(unread(peer), 0);      /* not a clinical role */
    assert_int_equal(unread(nurse_gone), 0);
    assert_int_equal(unread(cm_off), 0);
    assert_int_equal(unread(other_cm), 0);
    /* the stored text: a key, who raised it and the kind; never the client's name */
    json_t *n = db_row(T->db, "SELECT kind, text_key, text_args, entity, entity_id, client_id FROM notifications"
                              " WHERE staff_id=?", "i", cm);
    assert_non_null(n);
    assert_string_equal(js(n, "kind"), "flag");
    assert_string_equal(js(n, "text_key"), "notify.flag_raised");
    assert_string_equal(js(n, "entity"), "flag");
    assert_int_equal(ji(n, "entity_id"), flag);
    assert_int_equal(ji(n, "client_id"), client);
    assert_null(strstr(js(n, "text_args"), "Nora"));
    assert_null(strstr(js(n, "text_args"), "Tidings"));
    assert_non_null(strstr(js(n, "text_args"), "Relapse signs"));
    json_decref(n);
    ctx_clear(&c);
}

static void read_all_marks_only_ones_own(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *out = NULL;
    int64_t before = unread(other_psy);
    assert_true(before > 0);
    assert_int_equal(notify_read_all(&c, &out), OK);
    assert_int_equal(ji(out, "marked"), 1);
    json_decref(out);
    assert_int_equal(unread(cm), 0);
    assert_int_equal(unread(other_psy), before);
    assert_int_equal(notify_unread_count(&c), 0);
    /* another's notification: not found */
    int64_t theirs = db_int1(T->db, 0, "SELECT id FROM notifications WHERE staff_id=?", "i", other_psy);
    assert_int_equal(notify_read(&c, theirs, &out), ERR_NOTFOUND);
    assert_int_equal(unread(other_psy), before);
    ctx_clear(&c);
}

/* The header's count is bounded: at most NOTIFY_COUNT_MAX ("99+"); the API's count is exact. */
static void the_header_count_is_bounded(void **state)
{
    (void)state;
    for (int i = 0; i < NOTIFY_COUNT_MAX + 50; i++)
        assert_int_equal(db_run(T->db,
                                "INSERT INTO notifications(staff_id, kind, text_key, entity, entity_id, created_at)"
                                " VALUES (?,'task','notify.task_assigned','task',?,?)",
                                "iit", peer, (int64_t)i + 1, T_NOW),
                         DB_OK);
    struct actor a = actor_of(T->db, peer);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    assert_int_equal(notify_unread_count(&c), NOTIFY_COUNT_MAX);
    json_t *out = NULL;
    assert_int_equal(notify_count(&c, &out), OK);
    assert_int_equal(ji(out, "unread"), NOTIFY_COUNT_MAX + 50);
    json_decref(out);
    ctx_clear(&c);
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_recipients_own_access_decides),
        cmocka_unit_test(a_flag_tells_the_primary_and_clinical_team_only),
        cmocka_unit_test(read_all_marks_only_ones_own),
        cmocka_unit_test(the_header_count_is_bounded),
    };
    return cmocka_run_group_tests_name("notify", tests, setup, teardown);
}
