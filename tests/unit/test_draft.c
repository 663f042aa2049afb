/* test_draft: what a user typed when their session had ended (core/draft.c), and whose expired
 * session a form came from (auth_session_owner). A draft is its user's alone, taken once, and
 * gone after DRAFT_SECONDS. */
#include "auth/auth.h"
#include "helpers.h"
#include <sodium.h>

static struct tdb *T;
static int64_t org, cm1, cm2;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    org = mk_org(T->db, "Riverside");
    cm1 = mk_staff(T->db, org, "cm1", "case_manager");
    cm2 = mk_staff(T->db, org, "cm2", "case_manager");
    return 0;
}
static int teardown(void **state)
{
    (void)state;
    tdb_close(T);
    return 0;
}

static json_t *fields(const char *body)
{
    return json_pack("{s:s,s:s,s:[s,s]}", "kind", "phone", "body", body, "domains", "housing",
                     "crisis_response");
}

static void a_draft_is_its_users_alone_and_taken_once(void **state)
{
    (void)state;
    json_t *f = fields("typed by cm1");
    assert_int_equal(draft_keep(T->db, cm1, "/clients/1/contacts/new", "/clients/1/contacts/new", f), OK);
    assert_null(draft_take(T->db, cm2, "/clients/1/contacts/new"));
    assert_null(draft_take(T->db, cm1, "/clients/2/contacts/new"));
    json_t *d = draft_take(T->db, cm1, "/clients/1/contacts/new");
    assert_non_null(d);
    assert_string_equal(js(d, "action"), "/clients/1/contacts/new");
    assert_true(json_equal(json_object_get(d, "fields"), f));
    json_decref(d);
    assert_null(draft_take(T->db, cm1, "/clients/1/contacts/new"));
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM form_drafts"), 0);
    json_decref(f);
}

static void a_newer_draft_replaces_the_older(void **state)
{
    (void)state;
    json_t *a = fields("first"), *b = fields("second");
    assert_int_equal(draft_keep(T->db, cm1, "/p", "/p", a), OK);
    assert_int_equal(draft_keep(T->db, cm1, "/p", "/p", b), OK);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM form_drafts"), 1);
    json_t *d = draft_take(T->db, cm1, "/p");
    assert_string_equal(js(json_object_get(d, "fields"), "body"), "second");
    json_decref(d);
    json_decref(a);
    json_decref(b);
}

static void a_draft_older_than_half_an_hour_is_gone(void **state)
{
    (void)state;
    json_t *f = fields("too late");
    assert_int_equal(draft_keep(T->db, cm1, "/old", "/old", f), OK);
    db_run(T->db, "UPDATE form_drafts SET created_at=created_at-?", "i", (int64_t)DRAFT_SECONDS + 1);
    assert_int_equal(draft_keep(T->db, cm2, "/other", "/other", f), OK); /* expired drafts go on the way */
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM form_drafts WHERE page='/old'"), 0);
    assert_null(draft_take(T->db, cm1, "/old"));
    json_decref(draft_take(T->db, cm2, "/other"));
    json_decref(f);
}

static void an_expired_session_still_names_its_user_with_its_csrf_secret(void **state)
{
    (void)state;
    char tok[AUTH_TOKEN_HEX + 1], csrf[AUTH_TOKEN_HEX + 1], other[AUTH_TOKEN_HEX + 1];
    assert_int_equal(auth_session_create(T->db, cm1, tok, csrf), 0);
    assert_int_equal(auth_session_owner(T->db, tok, csrf), cm1);
    db_run(T->db, "UPDATE sessions SET last_seen=last_seen-?", "i", (int64_t)AUTH_IDLE_SECONDS * 4);
    assert_int_equal(auth_session_owner(T->db, tok, csrf), cm1);
    random_hex(other, 32);
    assert_int_equal(auth_session_owner(T->db, tok, other), 0); /* a form not from that session */
    assert_int_equal(auth_session_owner(T->db, tok, NULL), 0);
    assert_int_equal(auth_session_owner(T->db, other, csrf), 0); /* no such session */
    auth_session_destroy(T->db, tok);
    assert_int_equal(auth_session_owner(T->db, tok, csrf), 0); /* logged out: no one is known */
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_draft_is_its_users_alone_and_taken_once),
        cmocka_unit_test(a_newer_draft_replaces_the_older),
        cmocka_unit_test(a_draft_older_than_half_an_hour_is_gone),
        cmocka_unit_test(an_expired_session_still_names_its_user_with_its_csrf_secret),
    };
    return cmocka_run_group_tests_name("draft", tests, setup, teardown);
}
