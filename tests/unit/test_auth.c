/* test_auth: identity. Argon2id password hashes, sessions (stored hashed; idle and absolute
 * expiry, seen through HEARTH_FAKE_NOW in a fresh process per moment, since now_epoch() reads
 * it once), failed-login throttling per account and per address, and API tokens. Argon2id is
 * slow on purpose: the password is hashed once for the whole file. */
#include "auth/auth.h"
#include "helpers.h"
#include <sodium.h>

#define PASSWORD "correct horse battery"
static struct tdb *T;
static char pw_hash[128];
static int64_t org, cm, gone;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    org = mk_org(T->db, "Riverside");
    cm = mk_staff(T->db, org, "cm1", "case_manager");
    gone = mk_staff(T->db, org, "gone", "case_manager");
    if (auth_password_hash(PASSWORD, pw_hash) != 0)
        return -1;
    db_run(T->db, "UPDATE staff SET pw_hash=?", "t", pw_hash);
    db_run(T->db, "UPDATE staff SET disabled=1 WHERE id=?", "i", gone);
    return 0;
}
static int teardown(void **state)
{
    (void)state;
    tdb_close(T);
    return 0;
}

/* ---------------- steps run in a process with another clock ---------------- */

static struct db *open_reader(const char *path)
{
    struct db *db;
    char err[256];
    struct db_options o = {.readonly = 1};
    return db_open(path, &o, &db, err, sizeof err) == DB_OK ? db : NULL;
}
/* lookup DB TOKEN: 0 valid, 10 valid and due for a touch, 1 refused. */
static int step_lookup(int argc, char **argv)
{
    if (argc != 3)
        return 120;
    struct db *db = open_reader(argv[1]);
    if (!db)
        return 121;
    struct actor a;
    char csrf[AUTH_TOKEN_HEX + 1];
    int touch = 0;
    int rc = auth_session_lookup(db, argv[2], &a, csrf, &touch);
    db_close(db);
    return rc != 0 ? 1 : touch ? 10 : 0;
}
/* touch DB TOKEN: refresh last_seen to this process's now. */
static int step_touch(int argc, char **argv)
{
    struct db *db;
    char err[256];
    if (argc != 3 || db_open(argv[1], NULL, &db, err, sizeof err) != DB_OK)
        return 120;
    int rc = auth_session_touch(db, argv[2]);
    db_close(db);
    return rc == DB_OK ? 0 : 1;
}
/* throttled DB USER ADDR: 1 when throttled. */
static int step_throttled(int argc, char **argv)
{
    if (argc != 4)
        return 120;
    struct db *db = open_reader(argv[1]);
    if (!db)
        return 121;
    int t = auth_throttled(db, argv[2], argv[3]);
    db_close(db);
    return t ? 1 : 0;
}
/* token DB TOKEN: 0 when the API token is accepted, 1 when refused. */
static int step_token(int argc, char **argv)
{
    if (argc != 3)
        return 120;
    struct db *db = open_reader(argv[1]);
    if (!db)
        return 121;
    struct actor a;
    int64_t id;
    int touch;
    int rc = auth_token_lookup(db, argv[2], -1, &a, &id, &touch);
    db_close(db);
    return rc != 0 ? 1 : 0;
}
static const struct step steps[] = {
    {"lookup", step_lookup}, {"touch", step_touch}, {"throttled", step_throttled}, {"token", step_token}, {0}};

static char when_buf[32];
static const char *at_offset(int64_t seconds)
{
    iso_time(iso_parse(T_NOW) + seconds, when_buf);
    return when_buf;
}
static int lookup_at(int64_t offset, const char *token)
{
    const char *args[] = {"lookup", T->path, token, NULL};
    return run_at(at_offset(offset), args);
}
static int token_at(int64_t offset, const char *token)
{
    const char *args[] = {"token", T->path, token, NULL};
    return run_at(at_offset(offset), args);
}
static int throttled_at(int64_t offset, const char *user, const char *addr)
{
    const char *args[] = {"throttled", T->path, user, addr, NULL};
    return run_at(at_offset(offset), args);
}

/* ---------------- passwords ---------------- */

static void password_hash_and_verify(void **state)
{
    (void)state;
    /* Argon2id, memory at least OWASP's 19 MiB, at least two passes. */
    assert_int_equal(strncmp(pw_hash, "$argon2id$", 10), 0);
    const char *m = strstr(pw_hash, "m=");
    const char *t = strstr(pw_hash, "t=");
    assert_non_null(m);
    assert_non_null(t);
    assert_true(atol(m + 2) >= 19456);
    assert_true(atol(t + 2) >= 2);
    assert_null(strstr(pw_hash, PASSWORD));
    assert_int_equal(auth_password_verify(pw_hash, PASSWORD), 0);
    assert_int_equal(auth_password_verify(pw_hash, "Correct horse battery"), -1);
    assert_int_equal(auth_password_verify(pw_hash, ""), -1);
    assert_int_equal(auth_password_verify("not a hash", PASSWORD), -1);
    /* The same password hashes differently each time (salted). */
    char again[128];
    assert_int_equal(auth_password_hash(PASSWORD, again), 0);
    assert_string_not_equal(again, pw_hash);
}

/* ---------------- Argon2id off the hot threads (issue 8 §7) ---------------- */

/* The writer (while it runs a job) and the event loops are hot: hashing or checking a password
 * there is refused, so a slip shows at once instead of stalling group commit for everyone. */
static void password_work_refused_on_hot_threads(void **state)
{
    (void)state;
    char h[128];
    thread_set_hot("an event loop");
    assert_int_equal(auth_password_hash(PASSWORD, h), -1);
    assert_int_equal(auth_password_verify(pw_hash, PASSWORD), -1);
    thread_set_hot(NULL);
    assert_int_equal(auth_password_verify(pw_hash, PASSWORD), 0);
}

struct hash_job {
    struct wjob w;
    int rc;
    const char *hot;
};
static int hash_in_job(struct wjob *w, struct db *db)
{
    (void)db;
    struct hash_job *j = (struct hash_job *)w;
    char h[128];
    j->hot = thread_hot();
    j->rc = auth_password_hash(PASSWORD, h);
    return 0;
}
static void writer_job_cannot_hash(void **state)
{
    (void)state;
    struct hash_job j = {.w = {.run = hash_in_job}};
    assert_int_equal(writer_run_now(T->db, &j.w), 0);
    assert_non_null(j.hot);
    assert_int_equal(j.rc, -1);
    assert_null(thread_hot()); /* cold again after the job */
}

/* core takes the finished hash: a plain password is refused, none is a field error. */
static void staff_create_takes_a_hash(void **state)
{
    (void)state;
    struct actor admin = actor_of(T->db, mk_staff(T->db, org, "root", "admin"));
    struct ctx c;
    json_t *out = NULL;
    json_t *in = json_pack("{s:s,s:s,s:s,s:I,s:s}", "username", "newcm", "display_name", "New CM", "role",
                           "case_manager", "org_id", (json_int_t)org, "password", PASSWORD);
    ctx_init(&c, &admin, T->db);
    assert_int_equal(staff_create(&c, in, PASSWORD, &out), ERR_INVALID); /* plain text in the hash's place */
    ctx_clear(&c);
    ctx_init(&c, &admin, T->db);
    assert_int_equal(staff_create(&c, in, NULL, &out), ERR_INVALID); /* the body's password is not read */
    assert_string_equal(js(c.errors, "password"), "is required");
    ctx_clear(&c);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM staff WHERE username='newcm'"), 0);
    ctx_init(&c, &admin, T->db);
    assert_int_equal(staff_create(&c, in, pw_hash, &out), OK);
    ctx_clear(&c);
    json_decref(out);
    struct actor a;
    char stored[128];
    assert_int_equal(auth_find_user(T->db, "newcm", &a, stored), 0);
    assert_string_equal(stored, pw_hash);
    ctx_init(&c, &admin, T->db);
    assert_int_equal(staff_set_password(&c, a.staff_id, "another long password"), ERR_INVALID);
    ctx_clear(&c);
    json_decref(in);
    char m[96];
    assert_string_equal(auth_password_problem("short", m, sizeof m), "must be at least 10 characters");
    assert_null(auth_password_problem(PASSWORD, m, sizeof m));
}

static void find_user_for_login(void **state)
{
    (void)state;
    struct actor a;
    char hash[128];
    assert_int_equal(auth_find_user(T->db, "cm1", &a, hash), 0);
    assert_int_equal(a.staff_id, cm);
    assert_int_equal(a.org_id, org);
    assert_int_equal(a.role, ROLE_CASE_MANAGER);
    assert_string_equal(a.username, "cm1");
    assert_string_equal(hash, pw_hash);
    assert_int_equal(auth_find_user(T->db, "gone", &a, hash), -1); /* disabled */
    assert_int_equal(auth_find_user(T->db, "nobody", &a, hash), -1);
    assert_int_equal(auth_find_user(T->db, "CM1", &a, hash), -1);
    assert_int_equal(auth_find_user(T->db, "cm1' OR '1'='1", &a, hash), -1);
}

/* ---------------- sessions ---------------- */

static int session_count_for(const char *token_text)
{
    /* The token itself is never stored: neither as text nor as its hex. */
    return (int)db_int1(T->db, -1,
                        "SELECT count(*) FROM sessions WHERE token_hash=? OR hex(token_hash)=upper(?)", "bt",
                        token_text, strlen(token_text), token_text);
}

static void session_create_and_lookup(void **state)
{
    (void)state;
    char token[AUTH_TOKEN_HEX + 1], csrf[AUTH_TOKEN_HEX + 1], csrf2[AUTH_TOKEN_HEX + 1];
    assert_int_equal(auth_session_create(T->db, cm, token, csrf), 0);
    assert_int_equal(strlen(token), 64);
    assert_int_equal(strspn(token, "0123456789abcdef"), 64);
    assert_int_equal(strlen(csrf), 64);
    assert_string_not_equal(token, csrf);
    assert_int_equal(session_count_for(token), 0);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM sessions"), 1);
    struct actor a;
    int touch = -1;
    assert_int_equal(auth_session_lookup(T->db, token, &a, csrf2, &touch), 0);
    assert_int_equal(a.staff_id, cm);
    assert_string_equal(a.username, "cm1");
    assert_string_equal(csrf2, csrf);
    assert_int_equal(touch, 0);
    /* Anything else is refused. */
    char wrong[AUTH_TOKEN_HEX + 1];
    snprintf(wrong, sizeof wrong, "%s", token);
    wrong[10] = wrong[10] == 'a' ? 'b' : 'a';
    assert_int_equal(auth_session_lookup(T->db, wrong, &a, csrf2, &touch), -1);
    assert_int_equal(auth_session_lookup(T->db, csrf, &a, csrf2, &touch),
                     -1); /* the CSRF secret is no token */
    wrong[32] = 0;
    assert_int_equal(auth_session_lookup(T->db, wrong, &a, csrf2, &touch), -1);
    assert_int_equal(auth_session_lookup(T->db, "", &a, csrf2, &touch), -1);
    assert_int_equal(auth_session_lookup(T->db, NULL, &a, csrf2, &touch), -1);
    /* Two logins, two sessions. */
    char token2[AUTH_TOKEN_HEX + 1];
    assert_int_equal(auth_session_create(T->db, cm, token2, csrf2), 0);
    assert_string_not_equal(token, token2);
    /* Logout ends only that session. */
    assert_int_equal(auth_session_destroy(T->db, token), DB_OK);
    assert_int_equal(auth_session_lookup(T->db, token, &a, csrf2, &touch), -1);
    assert_int_equal(auth_session_lookup(T->db, token2, &a, csrf2, &touch), 0);
    /* A disabled account's sessions stop working at once. */
    db_run(T->db, "UPDATE staff SET disabled=1 WHERE id=?", "i", cm);
    assert_int_equal(auth_session_lookup(T->db, token2, &a, csrf2, &touch), -1);
    db_run(T->db, "UPDATE staff SET disabled=0 WHERE id=?", "i", cm);
    assert_int_equal(auth_session_lookup(T->db, token2, &a, csrf2, &touch), 0);
}

static void sessions_end_elsewhere_on_password_change(void **state)
{
    (void)state;
    char t1[AUTH_TOKEN_HEX + 1], t2[AUTH_TOKEN_HEX + 1], t3[AUTH_TOKEN_HEX + 1], c[AUTH_TOKEN_HEX + 1];
    int64_t other = mk_staff(T->db, org, "cm2", "case_manager");
    db_run(T->db, "UPDATE staff SET pw_hash=? WHERE id=?", "ti", pw_hash, other);
    assert_int_equal(auth_session_create(T->db, cm, t1, c), 0);
    assert_int_equal(auth_session_create(T->db, cm, t2, c), 0);
    assert_int_equal(auth_session_create(T->db, other, t3, c), 0);
    assert_int_equal(auth_sessions_destroy_staff(T->db, cm, t1), DB_OK);
    struct actor a;
    int touch;
    assert_int_equal(auth_session_lookup(T->db, t1, &a, c, &touch), 0);  /* the one in use stays */
    assert_int_equal(auth_session_lookup(T->db, t2, &a, c, &touch), -1); /* the others end */
    assert_int_equal(auth_session_lookup(T->db, t3, &a, c, &touch), 0);  /* other people are untouched */
    assert_int_equal(auth_sessions_destroy_staff(T->db, cm, NULL), DB_OK);
    assert_int_equal(auth_session_lookup(T->db, t1, &a, c, &touch), -1);
}

static void session_idle_timeout(void **state)
{
    (void)state;
    char token[AUTH_TOKEN_HEX + 1], csrf[AUTH_TOKEN_HEX + 1];
    assert_int_equal(auth_session_create(T->db, cm, token, csrf), 0); /* at T_NOW */
    assert_int_equal(lookup_at(59, token), 0);                        /* fresh: no refresh yet */
    assert_int_equal(lookup_at(AUTH_TOUCH_SECONDS, token), 10);       /* due for a refresh of last_seen */
    assert_int_equal(lookup_at(30 * 60, token), 10);                  /* 30 minutes idle: still in */
    assert_int_equal(lookup_at(30 * 60 + 1, token), 1);               /* a second more: logged out */
    assert_int_equal(lookup_at(2 * 3600, token), 1);
    /* Activity at 20 minutes keeps it alive until 50 minutes. */
    const char *touch[] = {"touch", T->path, token, NULL};
    assert_int_equal(run_at(at_offset(20 * 60), touch), 0);
    assert_int_equal(db_int1(T->db, 0, "SELECT max(last_seen) FROM sessions", ""),
                     iso_parse(T_NOW) + 20 * 60);
    assert_int_equal(lookup_at(45 * 60, token), 10);
    assert_int_equal(lookup_at(50 * 60, token), 10);
    assert_int_equal(lookup_at(50 * 60 + 1, token), 1);
}

static void session_absolute_timeout(void **state)
{
    (void)state;
    char token[AUTH_TOKEN_HEX + 1], csrf[AUTH_TOKEN_HEX + 1];
    assert_int_equal(auth_session_create(T->db, cm, token, csrf), 0);
    /* Used all day long: last seen a minute before the twelfth hour. */
    db_run(T->db, "UPDATE sessions SET last_seen=?", "i", iso_parse(T_NOW) + AUTH_ABSOLUTE_SECONDS - 60);
    assert_int_equal(lookup_at(AUTH_ABSOLUTE_SECONDS - 30, token), 0);
    assert_int_equal(lookup_at(AUTH_ABSOLUTE_SECONDS, token), 10);
    assert_int_equal(lookup_at(AUTH_ABSOLUTE_SECONDS + 1, token), 1); /* twelve hours: over, however active */
    assert_int_equal(AUTH_IDLE_SECONDS, 30 * 60);
    assert_int_equal(AUTH_ABSOLUTE_SECONDS, 12 * 3600);
}

/* ---------------- throttling ---------------- */

/* An attempt counted before its check: 0 (go on), or the key that holds it. */
static int attempt(const char *user, const char *addr, int64_t *nonce)
{
    int64_t n = 0, retry = 0;
    int rc = auth_attempt_begin(T->db, user, addr, nonce ? nonce : &n, &retry);
    if (rc > 0) {
        assert_true(retry >= 1);
        assert_true(retry <= AUTH_FAIL_WINDOW + 1);
    }
    return rc;
}

static void throttle_per_account(void **state)
{
    (void)state;
    for (int i = 0; i < AUTH_FAIL_PER_ACCOUNT - 1; i++)
        assert_int_equal(attempt("cm1", "198.51.100.1", NULL), 0);
    assert_false(auth_throttled(T->db, "cm1", "198.51.100.1"));
    assert_int_equal(attempt("cm1", "198.51.100.2", NULL), 0); /* the fifth, from elsewhere */
    assert_true(auth_throttled(T->db, "cm1", "198.51.100.1"));
    assert_true(auth_throttled(T->db, "cm1", "203.0.113.9"));   /* the account is held, from any address */
    assert_false(auth_throttled(T->db, "cm2", "198.51.100.1")); /* others are not */
    /* The sixth attempt is refused before any check, and is not recorded. */
    assert_int_equal(attempt("cm1", "203.0.113.9", NULL), AUTH_HELD_ACCOUNT);
    assert_int_equal(db_int1(T->db, -1, "SELECT count(*) FROM login_failures WHERE key='a:203.0.113.9'", ""), 0);
    /* The window is 15 minutes. */
    assert_int_equal(AUTH_FAIL_PER_ACCOUNT, 5);
    assert_int_equal(throttled_at(AUTH_FAIL_WINDOW - 1, "cm1", "203.0.113.9"), 1);
    assert_int_equal(throttled_at(AUTH_FAIL_WINDOW, "cm1", "203.0.113.9"), 0);
}

/* A successful attempt forgets the account's failures and its own row under the address, not the
 * address's other failures; an attempt never checked (a full queue) counts against no one. */
static void throttle_success_forgets(void **state)
{
    (void)state;
    int64_t n1, n2, n3;
    assert_int_equal(attempt("cm1", "198.51.100.7", &n1), 0);
    assert_int_equal(attempt("guess", "198.51.100.7", &n2), 0);
    assert_int_equal(attempt("cm1", "198.51.100.7", &n3), 0);
    assert_int_equal(auth_attempt_succeeded(T->db, "cm1", "198.51.100.7", n3), DB_OK);
    assert_int_equal(db_int1(T->db, -1, "SELECT count(*) FROM login_failures WHERE key='u:cm1'", ""), 0);
    assert_int_equal(db_int1(T->db, -1, "SELECT count(*) FROM login_failures WHERE key='a:198.51.100.7'", ""), 2);
    assert_int_equal(auth_attempt_forget(T->db, "guess", "198.51.100.7", n2), DB_OK);
    assert_int_equal(db_int1(T->db, -1, "SELECT count(*) FROM login_failures WHERE key='a:198.51.100.7'", ""), 1);
    assert_int_equal(db_int1(T->db, -1, "SELECT count(*) FROM login_failures WHERE key='u:guess'", ""), 0);
}

static void throttle_per_address(void **state)
{
    (void)state;
    for (int i = 0; i < AUTH_FAIL_PER_ADDRESS; i++) {
        char user[32];
        snprintf(user, sizeof user, "guess%d", i); /* one try per name: no account reaches its limit */
        assert_false(auth_throttled(T->db, user, "192.0.2.66"));
        assert_int_equal(attempt(user, "192.0.2.66", NULL), 0);
    }
    assert_true(auth_throttled(T->db, "cm1", "192.0.2.66"));  /* that address is held */
    assert_int_equal(attempt("cm1", "192.0.2.66", NULL), AUTH_HELD_ADDRESS);
    assert_false(auth_throttled(T->db, "cm1", "192.0.2.67")); /* the account is not */
    assert_int_equal(throttled_at(AUTH_FAIL_WINDOW + 60, "cm1", "192.0.2.66"), 0);
}

/* The password-check queue: at most its size at once; a place given back is free again. */
static void check_queue_bounded(void **state)
{
    (void)state;
    auth_check_queue_set(3);
    struct auth_check_stats st;
    auth_check_stats(&st);
    uint64_t refused = st.refused;
    /* One address holds at most its share, whatever room is left. */
    assert_int_equal(AUTH_CHECK_PER_ADDRESS, 2);
    assert_int_equal(auth_check_enter("192.0.2.1"), 1);
    assert_int_equal(auth_check_enter("192.0.2.1"), 1);
    assert_int_equal(auth_check_enter("192.0.2.1"), -1);
    assert_int_equal(auth_check_enter("192.0.2.2"), 1);
    auth_check_stats(&st);
    assert_int_equal(st.queued, 3);
    assert_int_equal(auth_check_enter("192.0.2.3"), 0); /* full */
    auth_check_stats(&st);
    assert_int_equal(st.refused, refused + 2);
    assert_int_equal(st.queued, 3);
    auth_check_leave("192.0.2.1");
    assert_int_equal(auth_check_enter("192.0.2.3"), 1); /* a place given back is free again */
    assert_int_equal(auth_check_enter("192.0.2.1"), 0);  /* its share is free, the queue is not */
    auth_check_leave("192.0.2.3");
    assert_int_equal(auth_check_enter("192.0.2.1"), 1);
    auth_check_leave("192.0.2.1");
    auth_check_leave("192.0.2.1");
    auth_check_leave("192.0.2.2");
    auth_check_stats(&st);
    assert_int_equal(st.queued, 0);
    uint64_t checks = st.total;
    assert_int_equal(auth_password_check(pw_hash, "wrong password here"), -1);
    auth_check_stats(&st);
    assert_int_equal(st.total, checks + 1);
    auth_check_queue_set(0);
    auth_check_stats(&st);
    assert_int_equal(st.max, AUTH_CHECK_QUEUE);
}

/* ---------------- API tokens ---------------- */

static void api_tokens(void **state)
{
    (void)state;
    char tok[AUTH_TOKEN_HEX + 5], tok2[AUTH_TOKEN_HEX + 5];
    int64_t id = 0, id2 = 0;
    char exp[32], exp2[32];
    assert_int_equal(auth_token_create(T->db, cm, "nightly export", AUTH_TOKEN_DAYS, tok, &id, exp), 0);
    assert_true(id > 0);
    assert_int_equal(strncmp(tok, "hth_", 4), 0);
    assert_int_equal(strlen(tok), 68);
    assert_int_equal(strspn(tok + 4, "0123456789abcdef"), 64);
    assert_int_equal(db_int1(T->db, -1,
                             "SELECT count(*) FROM api_tokens WHERE token_hash=? OR hex(token_hash) LIKE upper(?)",
                             "bt", tok, strlen(tok), tok + 4),
                     0);
    assert_int_equal(auth_token_create(T->db, cm, "second", 1, tok2, &id2, exp2), 0);
    assert_string_equal(exp2, at_offset(86400)); /* a day from now */
    assert_string_equal(exp, at_offset((int64_t)AUTH_TOKEN_DAYS * 86400));
    /* Bounded: no token for 0 days or more than a year; none is written. */
    char tok3[AUTH_TOKEN_HEX + 5], exp3[32];
    int64_t id3 = 0;
    assert_int_equal(auth_token_create(T->db, cm, "never", 0, tok3, &id3, exp3), -1);
    assert_int_equal(auth_token_create(T->db, cm, "forever", AUTH_TOKEN_MAX_DAYS + 1, tok3, &id3, exp3), -1);
    assert_int_equal(db_int1(T->db, -1, "SELECT count(*) FROM api_tokens", ""), 2);
    /* It ends at its expiry: a second before, it works; at the time, it is refused. */
    assert_int_equal(token_at(86399, tok2), 0);
    assert_int_equal(token_at(86400, tok2), 1);
    assert_string_not_equal(tok, tok2);
    struct actor a;
    int64_t tid = 0;
    int touch = 0;
    assert_int_equal(auth_token_lookup(T->db, tok, -1, &a, &tid, &touch), 0);
    assert_int_equal(tid, id);
    assert_true(touch); /* never used: its first use is written */
    assert_int_equal(auth_token_touch(T->db, id), 0);
    assert_int_equal(auth_token_lookup(T->db, tok, -1, &a, &tid, &touch), 0);
    assert_false(touch); /* just used: not again within the minute */
    assert_int_equal(a.staff_id, cm);
    assert_int_equal(a.role, ROLE_CASE_MANAGER);
    /* Malformed or unknown tokens. */
    char bad[AUTH_TOKEN_HEX + 5];
    snprintf(bad, sizeof bad, "%s", tok);
    bad[20] = bad[20] == 'a' ? 'b' : 'a';
    assert_int_equal(auth_token_lookup(T->db, bad, -1, &a, &tid, &touch), -1);
    assert_int_equal(auth_token_lookup(T->db, tok + 4, -1, &a, &tid, &touch), -1); /* without the prefix */
    assert_int_equal(auth_token_lookup(T->db, "hth_", -1, &a, &tid, &touch), -1);
    assert_int_equal(auth_token_lookup(T->db, NULL, -1, &a, &tid, &touch), -1);
    /* A session token is not an API token. */
    char st[AUTH_TOKEN_HEX + 1], csrf[AUTH_TOKEN_HEX + 1];
    assert_int_equal(auth_session_create(T->db, cm, st, csrf), 0);
    assert_int_equal(auth_token_lookup(T->db, st, -1, &a, &tid, &touch), -1);
    /* Revoked: refused; the other token still works. */
    db_run(T->db, "UPDATE api_tokens SET revoked_at=? WHERE id=?", "ti", T_NOW, id);
    assert_int_equal(auth_token_lookup(T->db, tok, -1, &a, &tid, &touch), -1);
    assert_int_equal(auth_token_lookup(T->db, tok2, -1, &a, &tid, &touch), 0);
    /* A disabled account's tokens stop working. */
    db_run(T->db, "UPDATE staff SET disabled=1 WHERE id=?", "i", cm);
    assert_int_equal(auth_token_lookup(T->db, tok2, -1, &a, &tid, &touch), -1);
    db_run(T->db, "UPDATE staff SET disabled=0 WHERE id=?", "i", cm);
}

/* A loop thread keeps the tokens it looked up under an access epoch (auth_token_lookup with one),
 * request after request. A revocation or a disabled account moves the epoch, whoever writes it:
 * here another connection, as another server or `hearth user disable` would; the next look-up,
 * which asks the epoch again, refuses the token. The token's end needs no write. */
static void kept_tokens_follow_the_database(void **state)
{
    (void)state;
    struct db *r = NULL;
    char err[256];
    assert_int_equal(db_open(T->path, &(struct db_options){.readonly = 1}, &r, err, sizeof err), DB_OK);
    char tok[AUTH_TOKEN_HEX + 5], exp[32];
    int64_t id = 0, tid = 0;
    int touch = 0;
    struct actor a;
    assert_int_equal(auth_token_create(T->db, cm, "kept", 1, tok, &id, exp), 0);
    int64_t e = access_epoch(r);
    assert_true(e > 0);
    assert_int_equal(auth_token_lookup(r, tok, e, &a, &tid, &touch), 0);
    assert_true(touch); /* never used: written once (by the caller) ... */
    assert_int_equal(auth_token_lookup(r, tok, e, &a, &tid, &touch), 0);
    assert_false(touch); /* ... and this thread does not ask again within the minute */
    /* Revoked on another connection: the epoch moves. A look-up still under the old epoch (a request
     * that began before the revocation) is answered from what the thread kept; the next is refused. */
    assert_int_equal(db_run(T->db, "UPDATE api_tokens SET revoked_at=? WHERE id=?", "ti", T_NOW, id), DB_OK);
    int64_t e2 = access_epoch(r);
    assert_true(e2 > e);
    assert_int_equal(auth_token_lookup(r, tok, e, &a, &tid, &touch), 0);
    assert_int_equal(auth_token_lookup(r, tok, e2, &a, &tid, &touch), -1);
    /* A disabled account, the same. */
    assert_int_equal(auth_token_create(T->db, cm, "kept 2", 1, tok, &id, exp), 0);
    e = access_epoch(r);
    assert_int_equal(auth_token_lookup(r, tok, e, &a, &tid, &touch), 0);
    assert_int_equal(a.role, ROLE_CASE_MANAGER);
    assert_int_equal(db_run(T->db, "UPDATE staff SET disabled=1 WHERE id=?", "i", cm), DB_OK);
    assert_int_equal(auth_token_lookup(r, tok, access_epoch(r), &a, &tid, &touch), -1);
    assert_int_equal(db_run(T->db, "UPDATE staff SET disabled=0 WHERE id=?", "i", cm), DB_OK);
    /* A changed role is the actor's from the next request. */
    e = access_epoch(r);
    assert_int_equal(auth_token_lookup(r, tok, e, &a, &tid, &touch), 0);
    assert_int_equal(db_run(T->db, "UPDATE staff SET role='supervisor' WHERE id=?", "i", cm), DB_OK);
    assert_int_equal(auth_token_lookup(r, tok, access_epoch(r), &a, &tid, &touch), 0);
    assert_int_equal(a.role, ROLE_SUPERVISOR);
    assert_int_equal(db_run(T->db, "UPDATE staff SET role='case_manager' WHERE id=?", "i", cm), DB_OK);
    /* Its end, with no write at all: kept until the second it ends. */
    e = access_epoch(r);
    assert_int_equal(auth_token_lookup(r, tok, e, &a, &tid, &touch), 0);
    now_fake_set(iso_parse(exp) - 1);
    assert_int_equal(auth_token_lookup(r, tok, e, &a, &tid, &touch), 0);
    now_fake_set(iso_parse(exp));
    assert_int_equal(auth_token_lookup(r, tok, e, &a, &tid, &touch), -1);
    now_fake_set(iso_parse(T_NOW));
    db_close(r);
}

#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup_each, teardown_each)
static int setup_each(void **state)
{
    (void)state;
    /* A clean slate of sessions, failures and tokens; the slow password hash is kept. */
    sql(T->db, "DELETE FROM sessions; DELETE FROM login_failures; DELETE FROM api_tokens;"
               " UPDATE staff SET disabled=0 WHERE username<>'gone'");
    return 0;
}
static int teardown_each(void **state)
{
    (void)state;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--step") == 0)
        return step_main(steps, argc, argv);
    clock_init();
    log_quiet = 1;
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        T_(password_hash_and_verify),
        T_(password_work_refused_on_hot_threads),
        T_(writer_job_cannot_hash),
        T_(staff_create_takes_a_hash),
        T_(find_user_for_login),
        T_(session_create_and_lookup),
        T_(sessions_end_elsewhere_on_password_change),
        T_(session_idle_timeout),
        T_(session_absolute_timeout),
        T_(throttle_per_account),
        T_(throttle_per_address),
        T_(throttle_success_forgets),
        T_(check_queue_bounded),
        T_(api_tokens),
        T_(kept_tokens_follow_the_database),
    };
    return cmocka_run_group_tests_name("auth", tests, setup, teardown);
}
