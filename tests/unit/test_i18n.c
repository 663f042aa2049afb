/* test_i18n: the language of a request (issue 8 §6): the choice (preference, Accept-Language with
 * q-values, the server default), the per-thread switch that _() follows, catalogues read from .mo
 * files, and texts made by rules stored as keys: shown in the reader's language, stored in English,
 * and found again by key whatever language the rule runs in. The Korean catalogue here is made by
 * the test (the real one arrives with the Korean issue). */
#include "helpers.h"
#include "core/risk.h"
#include <pthread.h>

static struct tdb *T;
static int64_t riv, cm, client;
static char mo_path[400];

/* A .mo file (GNU gettext's binary catalogue, little-endian) of pairs sorted by original. */
static void put32(FILE *f, uint32_t v)
{
    fwrite(&v, 4, 1, f);
}
static void write_mo(const char *path, const char *const pairs[][2], uint32_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    uint32_t orig = 28, trans = orig + 8 * n, strings = trans + 8 * n, off = strings;
    put32(f, 0x950412deu);
    put32(f, 0);
    put32(f, n);
    put32(f, orig);
    put32(f, trans);
    put32(f, 0);
    put32(f, 0);
    for (int side = 0; side < 2; side++)
        for (uint32_t i = 0; i < n; i++) {
            uint32_t len = (uint32_t)strlen(pairs[i][side]);
            put32(f, len);
            put32(f, off);
            off += len + 1;
        }
    for (int side = 0; side < 2; side++)
        for (uint32_t i = 0; i < n; i++)
            fwrite(pairs[i][side], 1, strlen(pairs[i][side]) + 1, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    riv = mk_org(T->db, "Riverside");
    cm = mk_staff(T->db, riv, "cm1", "case_manager");
    client = mk_client(T->db, riv, cm, "Lang", "Testwell", "1980-01-01");
    int64_t ep = mk_episode(T->db, client, riv, "active", cm, cm);
    mk_member(T->db, ep, cm, "primary_case_manager", "2026-01-01", NULL);
    static const char *const ko[][2] = { /* sorted by the English original (strcmp) */
        {"Contact details\004Contact", "연락처"},
        {"Contact within {hours} hours", "{hours}시간 안에 연락하기"},
        {"Crisis follow-up: 24 hours", "위기 후속 조치: 24시간"},
        {"No such task.", "그런 할 일이 없습니다."},
        {"Review the safety plan", "안전 계획 검토하기"},
    };
    snprintf(mo_path, sizeof mo_path, "%s/ko.mo", T->dir[0] ? T->dir : "/tmp");
    write_mo(mo_path, ko, ARRAY_LEN(ko));
    return i18n_load_file("ko", mo_path);
}
static int teardown(void **state)
{
    (void)state;
    i18n_use("en");
    unlink(mo_path);
    tdb_close(T);
    return 0;
}

static void the_language_is_chosen_in_order(void **state)
{
    (void)state;
    assert_string_equal(i18n_choose(NULL, NULL), "en"); /* the server default */
    assert_string_equal(i18n_choose("", ""), "en");
    assert_string_equal(i18n_choose("ko", "en"), "ko"); /* the preference first */
    assert_string_equal(i18n_choose("fr", "ko"), "ko"); /* an unsupported preference counts for nothing */
    assert_string_equal(i18n_choose(NULL, "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7"), "ko");
    assert_string_equal(i18n_choose(NULL, "en;q=0.5, KO;q=0.8"), "ko"); /* by q, not by order */
    assert_string_equal(i18n_choose(NULL, "ko;q=0.8, en;q=0.8"), "ko");  /* a tie: the earlier */
    assert_string_equal(i18n_choose(NULL, "ko;q=0, en;q=0.1"), "en");    /* q=0: not this one */
    assert_string_equal(i18n_choose(NULL, "fr, de;q=0.9, *;q=0.1"), "en");
    assert_string_equal(i18n_choose(NULL, "korean, kok"), "en"); /* whole subtags only */
    assert_string_equal(i18n_choose(NULL, ";;;,,q=,ko;q=abc"), "en");
    assert_int_equal(i18n_set_default("ko"), 0);
    assert_string_equal(i18n_choose(NULL, "fr"), "ko");
    assert_int_equal(i18n_set_default("xx"), -1);
    assert_int_equal(i18n_set_default("en"), 0);
}

static void *other_thread(void *arg)
{
    (void)arg;
    return (void *)_("No such task."); /* a thread that was told nothing works in the default */
}

static void the_switch_is_per_thread(void **state)
{
    (void)state;
    i18n_use("ko");
    assert_string_equal(i18n_current(), "ko");
    assert_string_equal(_("No such task."), "그런 할 일이 없습니다.");
    assert_string_equal(_("Not in the catalogue."), "Not in the catalogue.");
    pthread_t t;
    void *r;
    assert_int_equal(pthread_create(&t, NULL, other_thread, NULL), 0);
    pthread_join(t, &r);
    assert_string_equal((const char *)r, "No such task.");
    i18n_use("en");
    assert_string_equal(_("No such task."), "No such task.");
    assert_string_equal(i18n_text_in("ko", "Review the safety plan"), "안전 계획 검토하기");
}

/* One English text, two meanings: the context picks the Korean; without a translation, or in
 * English, the text shows without its context. */
static void a_context_tells_two_meanings_apart(void **state)
{
    (void)state;
    i18n_use("ko");
    assert_string_equal(C_("Contact details", "Contact"), "연락처");
    assert_string_equal(_("Contact"), "Contact"); /* the bare text is another msgid */
    assert_string_equal(C_("A recorded encounter", "Contact"), "Contact");
    static const char *const label = NC_("Contact details", "Contact");
    assert_string_equal(_(label), "연락처");
    i18n_use("en");
    assert_string_equal(C_("Contact details", "Contact"), "Contact");
    assert_string_equal(_(label), "Contact");
}

static void a_bad_catalogue_is_refused(void **state)
{
    (void)state;
    char bad[420];
    snprintf(bad, sizeof bad, "%s.bad", mo_path);
    FILE *f = fopen(bad, "wb");
    assert_non_null(f);
    fputs("not a catalogue at all, but long enough", f);
    fclose(f);
    assert_int_equal(i18n_load_file("ko", bad), -1);
    unlink(bad);
    assert_string_equal(i18n_text_in("ko", "No such task."), "그런 할 일이 없습니다."); /* the old one stays */
}

static int raise_high(json_t **out)
{
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    int rc = flag_raise(&c, client, "suicide_risk", "high", "person", 0, "Said so on the phone.", NULL, out);
    ctx_clear(&c);
    return rc;
}

static json_t *client_tasks(void)
{
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *out = NULL;
    assert_int_equal(task_for_client(&c, client, NULL, &out), OK);
    ctx_clear(&c);
    json_t *items = json_incref(json_object_get(out, "items")); /* the page's rows */
    json_decref(out);
    return items;
}

static const char *title_with_key(json_t *tasks, const char *key)
{
    size_t i;
    json_t *t;
    json_array_foreach(tasks, i, t) if (str_eq(js(t, "title_key"), key)) return js(t, "title");
    return NULL;
}

static void rule_texts_are_keys_shown_in_the_readers_language(void **state)
{
    (void)state;
    json_t *out = NULL;
    i18n_use("ko"); /* the rule runs for a Korean reader */
    assert_int_equal(raise_high(&out), OK);
    json_t *made = json_object_get(out, "tasks_created");
    assert_int_equal(json_array_size(made), 2);
    assert_string_equal(js(json_array_get(made, 0), "title"), "24시간 안에 연락하기");
    assert_string_equal(js(json_array_get(made, 0), "title_key"), "suicide.contact");
    json_decref(out);
    /* Stored as the key and its parameters, with the English source text: never translated. */
    json_t *row = db_row(T->db,
                         "SELECT title, title_key, title_args FROM tasks WHERE client_id=? AND"
                         " title_key='suicide.contact'",
                         "i", client);
    assert_non_null(row);
    assert_string_equal(js(row, "title"), "Contact within 24 hours");
    assert_string_equal(js(row, "title_args"), "{\"hours\":24}");
    json_decref(row);
    /* The rule finds its open tasks by key whatever language it runs in now. */
    i18n_use("en");
    assert_int_equal(raise_high(&out), OK);
    assert_int_equal(json_array_size(json_object_get(out, "tasks_created")), 0);
    json_decref(out);
    /* ... even when the stored English title was edited away from the key's text. */
    sql(T->db, "UPDATE tasks SET title='Ring them' WHERE title_key='suicide.contact'");
    i18n_use("ko");
    assert_int_equal(raise_high(&out), OK);
    assert_int_equal(json_array_size(json_object_get(out, "tasks_created")), 0);
    json_decref(out);
    /* Each reader sees the titles in their own language. */
    json_t *ko = client_tasks();
    assert_string_equal(title_with_key(ko, "suicide.contact"), "24시간 안에 연락하기");
    assert_string_equal(title_with_key(ko, "suicide.safety_plan_review"), "안전 계획 검토하기");
    json_decref(ko);
    i18n_use("en");
    json_t *en = client_tasks();
    assert_string_equal(title_with_key(en, "suicide.contact"), "Contact within 24 hours");
    json_decref(en);
    /* A rule cannot store a key without a text: it would have nothing to show. */
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    assert_null(risk_rule_task(&c, client, cm, "no.such.rule", NULL, T_TOMORROW, "high", "test"));
    assert_null(risk_rule_task(&c, client, cm, NULL, NULL, T_TOMORROW, "high", "test"));
    ctx_clear(&c);
    /* An unknown key (written by a newer server) is shown as itself, not guessed. */
    char buf[64];
    assert_string_equal(rule_text_in("ko", "no.such.key", NULL, buf, sizeof buf), "no.such.key");
    json_t *args = json_pack("{s:i}", "days", 7);
    assert_string_equal(rule_text_in("en", "hospital.discharge_follow_up", args, buf, sizeof buf),
                        "Follow up within 7 days of hospital discharge");
    json_decref(args);
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_language_is_chosen_in_order),
        cmocka_unit_test(the_switch_is_per_thread),
        cmocka_unit_test(a_bad_catalogue_is_refused),
        cmocka_unit_test(a_context_tells_two_meanings_apart),
        cmocka_unit_test(rule_texts_are_keys_shown_in_the_readers_language),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
