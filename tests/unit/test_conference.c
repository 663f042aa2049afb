/* test_conference: case conferences (core/conference.c) where the API cases cannot look closely: the
 * list's order (upcoming first, the soonest first; then the past, the newest first) kept across
 * pages by its keyset cursor, and a long decision becoming a task whose title is cut on a whole
 * character. */
#include "helpers.h"

static struct tdb *T;
static int64_t riv, cm, client;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    riv = mk_org(T->db, "Riverside");
    cm = mk_staff(T->db, riv, "cm", "case_manager");
    client = mk_client(T->db, riv, cm, "Jisoo", "Han", "1980-02-03");
    mk_episode(T->db, client, riv, "active", cm, cm);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tdb_close(T);
    return 0;
}

static int64_t organise(struct ctx *c, int64_t hours_from_now, const char *title)
{
    char at[32];
    iso_time(now_epoch() + hours_from_now * 3600, at);
    json_t *in = json_pack("{s:s,s:s}", "held_at", at, "title", title), *out = NULL;
    assert_int_equal(conference_create(c, in, &out), OK);
    int64_t id = ji(out, "id");
    json_decref(in);
    json_decref(out);
    return id;
}

static void upcoming_first_then_the_past_across_pages(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    int64_t in2 = organise(&c, 48, "in two days"), in1 = organise(&c, 24, "tomorrow");
    int64_t ago1 = organise(&c, -24, "yesterday"), ago3 = organise(&c, -72, "three days ago");
    int64_t in10 = organise(&c, 240, "in ten days");
    const int64_t want[] = {in1, in2, in10, ago1, ago3};
    int64_t got[8];
    int n = 0;
    char after[700] = "";
    for (int pages = 0; pages < 5; pages++) {
        json_t *env = NULL;
        assert_int_equal(conference_list(&c, NULL, NULL, &(struct page){after, 2}, &env), OK);
        size_t i;
        json_t *r;
        json_array_foreach(json_object_get(env, "items"), i, r)
        {
            assert_true(n < 8);
            got[n] = ji(r, "id");
            assert_int_equal(json_is_true(json_object_get(r, "upcoming")), n < 3);
            n++;
        }
        json_t *next = json_object_get(env, "next");
        int last = json_is_null(next);
        if (!last)
            snprintf(after, sizeof after, "%s", json_string_value(next));
        json_decref(env);
        if (last)
            break;
    }
    assert_int_equal(n, 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(got[i], want[i]);
    /* only the past, the newest first */
    json_t *env = NULL;
    assert_int_equal(conference_list(&c, "mine", "past", &(struct page){NULL, 10}, &env), OK);
    assert_int_equal(json_array_size(json_object_get(env, "items")), 2);
    assert_int_equal(ji(json_array_get(json_object_get(env, "items"), 0), "id"), ago1);
    json_decref(env);
    ctx_clear(&c);
}

static void a_long_decision_becomes_a_task_titled_on_a_whole_character(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    int64_t conf = organise(&c, 24, "the flat");
    json_t *in = json_pack("{s:I,s:s}", "client_id", (json_int_t)client, "question", "The flat?"), *item = NULL;
    assert_int_equal(conference_add_client(&c, conf, in, &item), OK);
    json_decref(in);
    char text[1000] = "";
    for (int i = 0; i < 250; i++)
        strcat(text, "가"); /* 3 bytes each: 750 bytes */
    in = json_pack("{s:s}", "text", text);
    json_t *out = NULL;
    assert_int_equal(conference_decide(&c, ji(item, "id"), in, &out), OK);
    json_decref(in);
    int64_t decision = ji(json_array_get(json_object_get(out, "decisions"), 0), "id");
    json_decref(out);
    in = json_pack("{s:I,s:s}", "assignee", (json_int_t)cm, "due", "2027-01-10");
    assert_int_equal(conference_decision_task(&c, decision, in, &out), OK);
    json_decref(in);
    json_t *d = json_array_get(json_object_get(out, "decisions"), 0);
    const char *title = js(d, "task_title");
    size_t len = strlen(title);
    assert_true(len <= 200);
    assert_true(len > 150);
    assert_string_equal(title + len - strlen("…"), "…");
    assert_int_equal((len - strlen("…")) % 3, 0); /* whole characters before the ellipsis */
    char src[40];
    snprintf(src, sizeof src, "conference %lld", (long long)conf);
    assert_int_equal(db_int1(T->db, 0, "SELECT count(*) FROM tasks WHERE source=? AND client_id=?", "ti", src, client), 1);
    /* once */
    in = json_pack("{s:I,s:s}", "assignee", (json_int_t)cm, "due", "2027-01-10");
    json_t *again = NULL;
    assert_int_equal(conference_decision_task(&c, decision, in, &again), ERR_CONFLICT);
    json_decref(in);
    json_decref(out);
    json_decref(item);
    ctx_clear(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(upcoming_first_then_the_past_across_pages),
        cmocka_unit_test(a_long_decision_becomes_a_task_titled_on_a_whole_character),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
