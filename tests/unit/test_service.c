/* test_service: the service directory (core/service.c): a service's name is unique within its
 * organisation only; the programme named is a loaded eligibility rule set; the directory's order (open, waiting list, closed,
 * then by name) holds across pages, none repeated or skipped; a capacity kept by someone else of
 * the same organisation records who; and another organisation's staff are refused and audited. */
#include "helpers.h"
#include "core/eligibility.h"

static struct tdb *T;
static int64_t river, east, sup_r, sup_e, hous_r;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    river = mk_org(T->db, "Riverside");
    east = mk_org(T->db, "Eastgate");
    sup_r = mk_staff(T->db, river, "sup-r", "supervisor");
    sup_e = mk_staff(T->db, east, "sup-e", "supervisor");
    hous_r = mk_staff(T->db, river, "hous-r", "housing_coordinator");
    return 0;
}
static int teardown(void **state)
{
    (void)state;
    tdb_close(T);
    return 0;
}

/* Run service_create as staff with body; the result's id (0 when refused: *rc says why). */
static int64_t create(int64_t staff, const char *body, int *rc)
{
    struct actor a = actor_of(T->db, staff);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *in = json_loads(body, 0, NULL), *out = NULL;
    assert_non_null(in);
    *rc = service_create(&c, in, &out);
    int64_t id = out ? ji(out, "id") : 0;
    json_decref(in);
    json_decref(out);
    ctx_clear(&c);
    return id;
}

static void a_name_is_unique_within_its_organisation_only(void **state)
{
    (void)state;
    int rc;
    assert_true(create(sup_r, "{\"name\":\"Day centre\",\"kind\":\"rehabilitation_employment\"}", &rc) > 0);
    assert_int_equal(create(sup_r, "{\"name\":\"Day centre\",\"kind\":\"peer_support\"}", &rc), 0);
    assert_int_equal(rc, ERR_CONFLICT);
    assert_true(create(sup_e, "{\"name\":\"Day centre\",\"kind\":\"peer_support\"}", &rc) > 0);
    /* Renaming one's other service to a taken name is refused too. */
    int64_t other = create(sup_r, "{\"name\":\"Night centre\",\"kind\":\"crisis_response\"}", &rc);
    assert_true(other > 0);
    struct actor a = actor_of(T->db, sup_r);
    struct ctx c;
    ctx_init(&c, &a, T->db);
    json_t *in = json_pack("{s:s}", "name", "Day centre"), *out = NULL;
    assert_int_equal(service_update(&c, other, 1, in, &out), ERR_CONFLICT);
    assert_non_null(json_object_get(c.errors, "name"));
    json_decref(in);
    ctx_clear(&c);
}

/* The programme a service names must be a loaded eligibility rule set: none while no rule file is
 * loaded (only empty, meaning none), then exactly the loaded keys. */
static void the_programme_is_a_loaded_rule_set(void **state)
{
    (void)state;
    static const struct {
        const char *programme;
        int without_rules, with_rules;
    } cases[] = {{"integrated_care", 0, 1}, {"act", 0, 1},     {"housing_support", 0, 1},
                 {"no_such_programme", 0, 0}, {"Integrated care", 0, 0}, {"../etc", 0, 0},
                 {"a.b", 0, 0},             {"", 1, 1} /* none */};
    char err[300];
    for (int pass = 0; pass < 2; pass++) {
        eligibility_free();
        if (pass == 1 && eligibility_load("eligibility", NULL, err, sizeof err) != 0)
            fail_msg("the shipped rule files: %s", err);
        for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
            char body[200];
            snprintf(body, sizeof body, "{\"name\":\"Programme case %d.%zu\",\"kind\":\"housing\",\"programme\":\"%s\"}",
                     pass, i, cases[i].programme);
            int rc, ok = pass ? cases[i].with_rules : cases[i].without_rules;
            int64_t id = create(sup_r, body, &rc);
            if (ok != (id > 0))
                fail_msg("programme '%s' (%s rules): expected %s, got %d", cases[i].programme, pass ? "with" : "without",
                         ok ? "saved" : "refused", rc);
            if (!ok)
                assert_int_equal(rc, ERR_INVALID);
        }
    }
    char big[120];
    memset(big, 'a', 65);
    big[65] = 0;
    char body[200];
    snprintf(body, sizeof body, "{\"name\":\"Programme long\",\"kind\":\"housing\",\"programme\":\"%s\"}", big);
    int rc;
    assert_int_equal(create(sup_r, body, &rc), 0);
    assert_int_equal(rc, ERR_INVALID);
    eligibility_free();
}

static void the_directory_pages_in_its_order(void **state)
{
    (void)state;
    int rc;
    static const char *const caps[] = {"closed", "open", "waiting_list"};
    for (int i = 0; i < 9; i++) {
        char body[240];
        const char *cap = caps[i % 3];
        snprintf(body, sizeof body,
                 "{\"name\":\"Order %c\",\"kind\":\"family_community\",\"capacity\":\"%s\"%s}", 'a' + (8 - i), cap,
                 i % 3 == 2 ? ",\"waiting_count\":0,\"typical_wait_days\":3" : "");
        assert_true(create(i % 2 ? sup_r : sup_e, body, &rc) > 0);
    }
    struct actor a = actor_of(T->db, hous_r);
    struct service_filter f = {.kind = "family_community"};
    const char *after = NULL;
    char cursor[400] = "";
    int seen = 0, last_rank = -1;
    char last_name[64] = "";
    for (int pages = 0; pages < 20; pages++) {
        struct ctx c;
        ctx_init(&c, &a, T->db);
        json_t *env = NULL;
        assert_int_equal(service_list(&c, &(struct page){after, 2}, &f, &env), OK);
        size_t i;
        json_t *r;
        json_array_foreach(json_object_get(env, "items"), i, r)
        {
            const char *cap = js(r, "capacity");
            int rank = str_eq(cap, "open") ? 0 : str_eq(cap, "waiting_list") ? 1 : 2;
            assert_true(rank > last_rank || (rank == last_rank && strcmp(js(r, "name"), last_name) > 0));
            last_rank = rank;
            snprintf(last_name, sizeof last_name, "%s", js(r, "name"));
            if (rank == 1)
                assert_int_equal(ji(r, "waiting_count"), 0); /* a real 0, not null */
            seen++;
        }
        const char *next = json_string_value(json_object_get(env, "next"));
        if (next)
            snprintf(cursor, sizeof cursor, "%s", next);
        json_decref(env);
        ctx_clear(&c);
        if (!next)
            break;
        after = cursor;
    }
    assert_int_equal(seen, 9);
}

static void capacity_is_kept_by_its_own_organisation(void **state)
{
    (void)state;
    int rc;
    int64_t id = create(sup_r, "{\"name\":\"Supported flats\",\"kind\":\"housing\"}", &rc);
    assert_true(id > 0);
    /* The organisation's housing coordinator sets it: who and when are kept. */
    struct actor h = actor_of(T->db, hous_r);
    struct ctx c;
    ctx_init(&c, &h, T->db);
    json_t *in = json_pack("{s:s,s:i,s:i}", "capacity", "waiting_list", "waiting_count", 3, "typical_wait_days", 40);
    json_t *out = NULL;
    assert_int_equal(service_set_capacity(&c, id, 1, in, &out), OK);
    assert_int_equal(ji(out, "capacity_updated_by"), hous_r);
    assert_int_equal(ji(out, "waiting_count"), 3);
    assert_string_equal(c.pend[0].action, "service.capacity");
    json_decref(out);
    json_decref(in);
    ctx_clear(&c);
    /* But may not describe it. */
    ctx_init(&c, &h, T->db);
    in = json_pack("{s:s}", "name", "Renamed");
    out = NULL;
    assert_int_equal(service_update(&c, id, 2, in, &out), ERR_FORBIDDEN);
    json_decref(in);
    ctx_clear(&c);
    /* Another organisation's supervisor is refused, the refusal audited; nothing changes. */
    struct actor e = actor_of(T->db, sup_e);
    ctx_init(&c, &e, T->db);
    in = json_pack("{s:s}", "capacity", "closed");
    out = NULL;
    assert_int_equal(service_set_capacity(&c, id, 2, in, &out), ERR_FORBIDDEN);
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].action, "service.capacity");
    assert_string_equal(c.pend[0].outcome, "denied");
    json_decref(in);
    ctx_clear(&c);
    char q[120];
    snprintf(q, sizeof q, "SELECT count(*) FROM services WHERE id=%lld AND capacity='waiting_list' AND version=2",
             (long long)id);
    assert_int_equal(count_of(T->db, q), 1);
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_name_is_unique_within_its_organisation_only),
        cmocka_unit_test(the_programme_is_a_loaded_rule_set),
        cmocka_unit_test(the_directory_pages_in_its_order),
        cmocka_unit_test(capacity_is_kept_by_its_own_organisation),
    };
    return cmocka_run_group_tests_name("service", tests, setup, teardown);
}
