/* test_client: the identity record: field validation (each field's error, nothing written),
 * duplicate detection (same identifier; similar name with the same date of birth) answered with
 * candidates unless confirmed, confirmed look-alikes linked and never merged, versioned updates
 * where a stale version changes nothing, and search by name fragment, date of birth or
 * identifier restricted to what the user may see. */
#include "helpers.h"

static struct tdb *T;
static int64_t riv, east, cm, cm2, peer, desk, analyst, cm_b, sup;

static int setup(void **state)
{
    (void)state;
    T = tdb_open();
    riv = mk_org(T->db, "Riverside");
    east = mk_org(T->db, "Eastgate");
    int64_t north = mk_org(T->db, "Northside");
    cm = mk_staff(T->db, riv, "cm1", "case_manager");
    cm2 = mk_staff(T->db, riv, "cm2", "case_manager");
    sup = mk_staff(T->db, riv, "sup", "supervisor");
    peer = mk_staff(T->db, riv, "peer1", "peer_supporter");
    analyst = mk_staff(T->db, riv, "analyst1", "analyst");
    desk = mk_staff(T->db, north, "desk1", "care_desk");
    cm_b = mk_staff(T->db, east, "cm4", "case_manager");
    return 0;
}
static int teardown(void **state)
{
    (void)state;
    tdb_close(T);
    T = NULL;
    return 0;
}

/* client_create as `who` from a JSON text; returns rc, *out the result (or NULL), errors kept in *c. */
static int create_as(struct ctx *c, struct actor *a, const char *json, json_t **out)
{
    json_error_t e;
    json_t *in = json_loads(json, 0, &e);
    if (!in)
        fail_msg("bad test JSON: %s: %s", e.text, json);
    ctx_init(c, a, T->db);
    *out = NULL;
    int rc = client_create(c, in, out);
    json_decref(in);
    return rc;
}

static int64_t create_ok(struct actor *a, const char *json)
{
    struct ctx c;
    json_t *out;
    int rc = create_as(&c, a, json, &out);
    if (rc != OK)
        fail_msg("client_create failed (%d, %s): %s", rc, c.msg, json);
    int64_t id = ji(out, "id");
    assert_true(id > 0);
    assert_int_equal(ji(out, "version"), 1);
    json_decref(out);
    ctx_clear(&c);
    return id;
}

/* Give the actor an open episode on the client (so they are on its care team). */
static void put_on_team(int64_t client, int64_t staff)
{
    int64_t ep = mk_episode(T->db, client, riv, "active", staff, staff);
    mk_member(T->db, ep, staff, "primary_case_manager", "2026-01-01", NULL);
}

/* ---------------- validation ---------------- */

static void each_field_is_checked(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm);
    static const struct {
        const char *json, *field;
    } cases[] = {
        {"{\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\"}", "given_name"},
        {"{\"given_name\":\"\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\"}", "given_name"},
        {"{\"given_name\":\"Minji\",\"birth_date\":\"1980-05-05\"}", "family_name"},
        {"{\"given_name\":\"Minji\",\"family_name\":\"Kim\"}", "birth_date"},
        {"{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"1981-02-29\"}", "birth_date"},
        {"{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"05/05/1980\"}", "birth_date"},
        {"{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"2026-11-23\"}", "birth_date"},
        {"{\"given_name\":42,\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\"}", "given_name"},
        {"{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\",\"sex\":\"robot\"}",
         "sex"},
        {"{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\",\"email\":"
         "\"minji\"}",
         "email"},
        {"{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\",\"identifiers\":"
         "\"x\"}",
         "identifiers"},
        {"{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\","
         "\"identifiers\":[{\"kind\":\"national\"}]}",
         "identifiers"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct ctx c;
        json_t *out;
        int rc = create_as(&c, &a, cases[i].json, &out);
        if (rc != ERR_INVALID || !json_object_get(c.errors, cases[i].field))
            fail_msg("expected an error on '%s' for %s (rc %d)", cases[i].field, cases[i].json, rc);
        assert_true(json_is_string(json_object_get(c.errors, cases[i].field)));
        assert_null(out);
        ctx_clear(&c);
    }
    /* A name over 100 characters (counted in characters: 101 Hangul syllables). */
    struct buf b;
    buf_init(&b);
    buf_adds(&b, "{\"given_name\":\"");
    for (int i = 0; i < 101; i++)
        buf_adds(&b, "\xea\xb9\x80");
    buf_adds(&b, "\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\"}");
    struct ctx c;
    json_t *out;
    assert_int_equal(create_as(&c, &a, b.data, &out), ERR_INVALID);
    assert_non_null(json_object_get(c.errors, "given_name"));
    ctx_clear(&c);
    buf_free(&b);
    /* Every problem at once, one message per field. */
    assert_int_equal(create_as(&c, &a, "{\"sex\":\"x\",\"birth_date\":\"1980-13-01\"}", &out), ERR_INVALID);
    assert_non_null(json_object_get(c.errors, "given_name"));
    assert_non_null(json_object_get(c.errors, "family_name"));
    assert_non_null(json_object_get(c.errors, "birth_date"));
    assert_non_null(json_object_get(c.errors, "sex"));
    ctx_clear(&c);
    /* 100 characters exactly is fine; so is today as date of birth. */
    buf_init(&b);
    buf_adds(&b, "{\"given_name\":\"");
    for (int i = 0; i < 100; i++)
        buf_adds(&b, "\xea\xb9\x80");
    buf_adds(&b, "\",\"family_name\":\"Newborn\",\"birth_date\":\"" T_TODAY "\"}");
    create_ok(&a, b.data);
    buf_free(&b);
    /* Nothing half-written by the refused attempts. */
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM clients"), 1);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM client_identifiers"), 0);
    /* A body that is not an object. */
    json_t *arr = json_array();
    ctx_init(&c, &a, T->db);
    assert_int_equal(client_create(&c, arr, &out), ERR_INVALID);
    ctx_clear(&c);
    json_decref(arr);
}

static void roles_that_register(void **state)
{
    (void)state;
    const char *json = "{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\"}";
    int64_t refused[] = {peer, analyst};
    for (size_t i = 0; i < ARRAY_LEN(refused); i++) {
        struct actor a = actor_of(T->db, refused[i]);
        struct ctx c;
        json_t *out;
        assert_int_equal(create_as(&c, &a, json, &out), ERR_FORBIDDEN);
        ctx_clear(&c);
    }
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM clients"), 0);
    /* A care-desk officer registers a person they discovered; the client belongs to their organisation. */
    struct actor d = actor_of(T->db, desk);
    int64_t id = create_ok(&d, json);
    assert_int_equal(db_int1(T->db, 0, "SELECT org_id FROM clients WHERE id=?", "i", id),
                     db_int1(T->db, 0, "SELECT org_id FROM staff WHERE id=?", "i", desk));
    assert_int_equal(db_int1(T->db, 0, "SELECT created_by FROM clients WHERE id=?", "i", id), desk);
}

static void created_record_is_complete_and_audited(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    json_t *out;
    assert_int_equal(create_as(&c, &a,
                               "{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"preferred_name\":\"MJ\","
                               "\"birth_date\":\"2005-06-01\",\"sex\":\"female\",\"language\":\"ko\","
                               "\"phone\":\"010-1234-5678\",\"email\":\"mj@example.org\","
                               "\"identifiers\":[{\"kind\":\"national\",\"value\":\"050601-4\"},"
                               "{\"kind\":\"hospital\",\"value\":\"H-77\"}]}",
                               &out),
                     OK);
    int64_t id = ji(out, "id");
    json_decref(out);
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].action, "client.create");
    assert_int_equal(c.pend[0].client_id, id);
    ctx_clear(&c);
    put_on_team(id, cm);
    ctx_init(&c, &a, T->db);
    assert_int_equal(client_get(&c, id, &out), OK);
    assert_string_equal(js(out, "preferred_name"), "MJ");
    assert_string_equal(js(out, "email"), "mj@example.org");
    assert_string_equal(js(out, "life_stage"), "young_adult");
    assert_int_equal(ji(out, "age"), 21);
    assert_int_equal(json_array_size(json_object_get(out, "identifiers")), 2);
    assert_string_equal(js(json_array_get(json_object_get(out, "identifiers"), 1), "value"), "H-77");
    assert_true(json_is_null(json_object_get(out, "address"))); /* not given: null, not "" */
    json_decref(out);
    ctx_clear(&c);
}

/* ---------------- duplicates ---------------- */

static json_t *candidates_of(struct ctx *c)
{
    return json_object_get(c->extra, "candidates");
}
static int has_candidate(struct ctx *c, int64_t id, const char *why)
{
    size_t i;
    json_t *r;
    json_array_foreach(candidates_of(c), i,
                       r) if (ji(r, "id") == id && (!why || strcmp(js(r, "why"), why) == 0)) return 1;
    return 0;
}

static void duplicate_by_identifier(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm);
    int64_t first =
        create_ok(&a, "{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\","
                      "\"identifiers\":[{\"kind\":\"national\",\"value\":\"800505-2\"}]}");
    struct ctx c;
    json_t *out;
    /* A different name and birth date, the same identifier: a likely duplicate. */
    assert_int_equal(
        create_as(&c, &a,
                  "{\"given_name\":\"Sora\",\"family_name\":\"Lee\",\"birth_date\":\"1991-01-01\","
                  "\"identifiers\":[{\"kind\":\"national\",\"value\":\"800505-2\"}]}",
                  &out),
        ERR_DUPLICATE);
    assert_null(out);
    assert_true(has_candidate(&c, first, "same identifier"));
    assert_int_equal(json_array_size(candidates_of(&c)), 1);
    ctx_clear(&c);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM clients"), 1);
    /* The same value under another kind is not the same identifier. */
    create_ok(&a, "{\"given_name\":\"Sora\",\"family_name\":\"Lee\",\"birth_date\":\"1991-01-01\","
                  "\"identifiers\":[{\"kind\":\"hospital\",\"value\":\"800505-2\"}]}");
}

static void duplicate_by_similar_name_and_birth_date(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm);
    int64_t first =
        create_ok(&a, "{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\"}");
    static const char *const lookalikes[] = {
        "{\"given_name\":\"Minjee\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\"}", /* spelling */
        "{\"given_name\":\"minji\",\"family_name\":\"KIM\",\"birth_date\":\"1980-05-05\"}",  /* case */
        "{\"given_name\":\"Minji\",\"family_name\":\"Kym\",\"birth_date\":\"1980-05-05\"}",
    };
    for (size_t i = 0; i < ARRAY_LEN(lookalikes); i++) {
        struct ctx c;
        json_t *out;
        int rc = create_as(&c, &a, lookalikes[i], &out);
        if (rc != ERR_DUPLICATE || !has_candidate(&c, first, "similar name, same date of birth"))
            fail_msg("%s should be held as a likely duplicate of client %lld (rc %d)", lookalikes[i],
                     (long long)first, rc);
        json_t *cand = json_array_get(candidates_of(&c), 0);
        assert_string_equal(js(cand, "birth_date"), "1980-05-05");
        assert_string_equal(js(cand, "family_name"), "Kim");
        ctx_clear(&c);
    }
    /* Same name, another birth date: a different person. A different name, same birth date: too. */
    create_ok(&a, "{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-06\"}");
    create_ok(&a, "{\"given_name\":\"Taeyang\",\"family_name\":\"Park\",\"birth_date\":\"1980-05-05\"}");
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM clients"), 3);
}

static void confirmed_new_person_is_linked_not_merged(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm);
    int64_t first =
        create_ok(&a, "{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\","
                      "\"phone\":\"010-1111-1111\"}");
    int64_t second =
        create_ok(&a, "{\"given_name\":\"Minjee\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\","
                      "\"phone\":\"010-2222-2222\",\"confirm_new\":true}");
    assert_int_not_equal(first, second);
    /* Two records, each with its own details. */
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM clients"), 2);
    assert_int_equal(db_int1(T->db, 0, "SELECT count(*) FROM clients WHERE phone='010-1111-1111'", ""), 1);
    assert_int_equal(db_int1(T->db, 0, "SELECT count(*) FROM client_links WHERE client_id=? AND other_id=?",
                             "ii", second, first),
                     1);
    /* Each record shows the link to the other. */
    put_on_team(first, cm);
    put_on_team(second, cm);
    int64_t ids[2][2] = {{first, second}, {second, first}};
    for (int k = 0; k < 2; k++) {
        struct ctx c;
        json_t *out;
        ctx_init(&c, &a, T->db);
        assert_int_equal(client_get(&c, ids[k][0], &out), OK);
        json_t *links = json_object_get(out, "links");
        assert_int_equal(json_array_size(links), 1);
        assert_int_equal(ji(json_array_get(links, 0), "id"), ids[k][1]);
        json_decref(out);
        ctx_clear(&c);
    }
    /* confirm_new as a form value works too. */
    create_ok(&a, "{\"given_name\":\"Minja\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\",\"confirm_"
                  "new\":\"on\"}");
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM client_links"),
                     3); /* linked to both earlier ones */
}

/* ---------------- versioned updates ---------------- */

static void stale_version_changes_nothing(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm), b = actor_of(T->db, cm2);
    int64_t id =
        create_ok(&a, "{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\","
                      "\"address\":\"1 River Road\"}");
    put_on_team(id, cm);
    struct ctx c;
    json_t *in, *out;
    /* First edit with the version the user opened: saved, version 2, the old one kept with who and when. */
    in = json_pack("{s:s}", "address", "2 Hill Street");
    ctx_init(&c, &a, T->db);
    assert_int_equal(client_update(&c, id, 1, in, &out), OK);
    assert_int_equal(ji(out, "version"), 2);
    assert_string_equal(js(out, "address"), "2 Hill Street");
    assert_string_equal(js(out, "given_name"), "Minji"); /* fields not sent are kept */
    json_decref(out);
    json_decref(in);
    int audited = 0;
    for (int i = 0; i < c.npend; i++)
        audited |= strcmp(c.pend[i].action, "client.update") == 0;
    assert_true(audited);
    ctx_clear(&c);
    /* A second editor still holding version 1: 409, current version told, nothing changed. */
    in = json_pack("{s:s,s:s}", "address", "3 Stale Lane", "phone", "010-0000-0000");
    ctx_init(&c, &a, T->db);
    out = NULL;
    assert_int_equal(client_update(&c, id, 1, in, &out), ERR_CONFLICT);
    assert_null(out);
    assert_int_equal(ji(c.extra, "current_version"), 2);
    json_decref(in);
    ctx_clear(&c);
    json_t *row =
        db_row(T->db, "SELECT address, phone, version, updated_by FROM clients WHERE id=?", "i", id);
    assert_string_equal(js(row, "address"), "2 Hill Street");
    assert_true(json_is_null(json_object_get(row, "phone")));
    assert_int_equal(ji(row, "version"), 2);
    json_decref(row);
    assert_int_equal(db_int1(T->db, 0, "SELECT count(*) FROM client_versions WHERE client_id=?", "i", id), 1);
    /* History: the previous version with who changed it. */
    ctx_init(&c, &a, T->db);
    assert_int_equal(client_history(&c, id, NULL, &out), OK);
    json_t *items = json_object_get(out, "items");
    assert_int_equal(json_array_size(items), 1);
    assert_true(json_is_null(json_object_get(out, "next")));
    assert_int_equal(ji(json_array_get(items, 0), "version"), 1);
    assert_string_equal(js(json_array_get(items, 0), "changed_by"), "cm1");
    assert_non_null(strstr(js(json_array_get(items, 0), "data"), "1 River Road"));
    json_decref(out);
    ctx_clear(&c);
    /* Invalid input with the right version: refused, nothing changed. */
    in = json_pack("{s:s}", "birth_date", "1980-02-30");
    ctx_init(&c, &a, T->db);
    assert_int_equal(client_update(&c, id, 2, in, &out), ERR_INVALID);
    json_decref(in);
    ctx_clear(&c);
    /* Someone outside the care team (same organisation) may not edit. */
    in = json_pack("{s:s}", "address", "4 Elsewhere");
    ctx_init(&c, &b, T->db);
    assert_int_equal(client_update(&c, id, 2, in, &out), ERR_FORBIDDEN);
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].outcome, "denied");
    json_decref(in);
    ctx_clear(&c);
    assert_int_equal(db_int1(T->db, 0, "SELECT version FROM clients WHERE id=?", "i", id), 2);
    /* Clearing a field with "" stores null. */
    in = json_pack("{s:s}", "address", "");
    ctx_init(&c, &a, T->db);
    assert_int_equal(client_update(&c, id, 2, in, &out), OK);
    assert_true(json_is_null(json_object_get(out, "address")));
    json_decref(out);
    json_decref(in);
    ctx_clear(&c);
}

static void renamed_client_is_found_by_new_name(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm);
    int64_t id =
        create_ok(&a, "{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\"}");
    put_on_team(id, cm);
    json_t *in = json_pack("{s:s}", "family_name", "Yoon"), *out;
    struct ctx c;
    ctx_init(&c, &a, T->db);
    assert_int_equal(client_update(&c, id, 1, in, &out), OK);
    json_decref(out);
    json_decref(in);
    ctx_clear(&c);
    ctx_init(&c, &a, T->db);
    assert_int_equal(client_search(&c, "Yoon", NULL, NULL, NULL, &out), OK);
    assert_int_equal(json_array_size(json_object_get(out, "items")), 1);
    json_decref(out);
    assert_int_equal(client_search(&c, "Kim", NULL, NULL, NULL, &out), OK);
    assert_int_equal(json_array_size(json_object_get(out, "items")), 0);
    json_decref(out);
    ctx_clear(&c);
}

/* ---------------- search ---------------- */

static int64_t s_minji, s_minsu, s_east, s_park;

static json_t *search_as(int64_t staff, const char *q, const char *birth, const char *ident, int *rc)
{
    struct actor a = actor_of(T->db, staff);
    struct ctx c;
    json_t *out = NULL;
    ctx_init(&c, &a, T->db);
    *rc = client_search(&c, q, birth, ident, NULL, &out);
    if (*rc == OK) {
        assert_int_equal(c.npend, 1); /* searching is audited */
        assert_string_equal(c.pend[0].action, "client.search");
    }
    ctx_clear(&c);
    return out;
}
static int found(json_t *res, int64_t id)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(res, "items"), i, r) if (ji(r, "id") == id) return 1;
    return 0;
}

static void search_world(void)
{
    struct actor a = actor_of(T->db, cm), b = actor_of(T->db, cm_b);
    s_minji = create_ok(&a, "{\"given_name\":\"Minji\",\"family_name\":\"Kim\",\"birth_date\":\"1980-05-05\","
                            "\"identifiers\":[{\"kind\":\"national\",\"value\":\"800505-2\"}]}");
    s_minsu =
        create_ok(&a, "{\"given_name\":\"Minsu\",\"family_name\":\"Kimura\",\"birth_date\":\"1992-02-02\"}");
    s_park =
        create_ok(&a, "{\"given_name\":\"Jisoo\",\"family_name\":\"Park\",\"birth_date\":\"1980-05-05\"}");
    s_east = create_ok(
        &b, "{\"given_name\":\"Minji\",\"family_name\":\"Kimberly\",\"birth_date\":\"1970-01-01\"}");
    put_on_team(s_minji, peer); /* the peer supporter is assigned to Minji Kim only */
}

static void search_by_fragment_birth_date_identifier(void **state)
{
    (void)state;
    search_world();
    int rc;
    json_t *r = search_as(cm, "inj", NULL, NULL, &rc); /* a fragment from inside the name */
    assert_int_equal(rc, OK);
    assert_true(found(r, s_minji));
    assert_false(found(r, s_minsu));
    assert_false(found(r, s_east)); /* another organisation's client */
    json_t *item = json_array_get(json_object_get(r, "items"), 0);
    assert_string_equal(js(item, "birth_year"), "1980");
    assert_null(json_object_get(item, "birth_date")); /* results show only what finding needs */
    json_decref(r);
    r = search_as(cm, "kim", NULL, NULL, &rc); /* case does not matter */
    assert_true(found(r, s_minji) && found(r, s_minsu));
    json_decref(r);
    r = search_as(cm, "min kim", NULL, NULL, &rc); /* every word must match */
    assert_true(found(r, s_minji) && found(r, s_minsu));
    assert_false(found(r, s_park));
    json_decref(r);
    r = search_as(cm, NULL, "1980-05-05", NULL, &rc);
    assert_true(found(r, s_minji) && found(r, s_park));
    assert_false(found(r, s_minsu));
    json_decref(r);
    r = search_as(cm, "Kim", "1980-05-05", NULL, &rc);
    assert_int_equal(json_array_size(json_object_get(r, "items")), 1);
    json_decref(r);
    r = search_as(cm, NULL, NULL, "800505-2", &rc);
    assert_int_equal(json_array_size(json_object_get(r, "items")), 1);
    assert_true(found(r, s_minji));
    json_decref(r);
    r = search_as(cm, "Nobody", NULL, NULL, &rc);
    assert_int_equal(rc, OK);
    assert_int_equal(json_array_size(json_object_get(r, "items")), 0);
    json_decref(r);
    /* Quotes in the query are text, not query syntax. */
    r = search_as(cm, "Kim\"OR\"abc", NULL, NULL, &rc);
    assert_int_equal(rc, OK);
    json_decref(r);
}

static void search_refuses_vague_or_bad_queries(void **state)
{
    (void)state;
    search_world();
    int rc;
    json_t *r = search_as(cm, "Ki", NULL, NULL, &rc); /* a short word is the start of a name */
    assert_int_equal(rc, OK);
    assert_true(found(r, s_minji) && found(r, s_minsu));
    json_decref(r);
    r = search_as(cm, "a b c d e f g", NULL, NULL, &rc); /* at most six words */
    assert_int_equal(rc, ERR_INVALID);
    assert_null(r);
    r = search_as(cm, "", "", "", &rc);
    assert_int_equal(rc, ERR_INVALID);
    r = search_as(cm, NULL, "1980-02-30", NULL, &rc);
    assert_int_equal(rc, ERR_INVALID);
    r = search_as(analyst, "Kim", NULL, NULL, &rc);
    assert_int_equal(rc, ERR_FORBIDDEN);
}

static void search_honours_visibility(void **state)
{
    (void)state;
    search_world();
    int rc;
    /* Eastgate's case manager sees Eastgate's client, not Riverside's. */
    json_t *r = search_as(cm_b, "Minji", NULL, NULL, &rc);
    assert_true(found(r, s_east));
    assert_false(found(r, s_minji));
    json_decref(r);
    r = search_as(cm_b, NULL, NULL, "800505-2", &rc); /* not even by identifier */
    assert_int_equal(json_array_size(json_object_get(r, "items")), 0);
    json_decref(r);
    r = search_as(cm_b, NULL, "1980-05-05", NULL, &rc);
    assert_int_equal(json_array_size(json_object_get(r, "items")), 0);
    json_decref(r);
    /* The peer supporter finds only the client assigned to them. */
    r = search_as(peer, "Kim", NULL, NULL, &rc);
    assert_int_equal(rc, OK);
    assert_true(found(r, s_minji));
    assert_false(found(r, s_minsu));
    json_decref(r);
    /* A supervisor finds the organisation's clients. */
    r = search_as(sup, "Kim", NULL, NULL, &rc);
    assert_true(found(r, s_minji) && found(r, s_minsu));
    assert_false(found(r, s_east));
    json_decref(r);
    /* A break-glass opens the search to that client while it lasts. */
    mk_breakglass(T->db, cm_b, east, s_park, "2026-11-22T11:00:00Z", "2026-11-22T15:00:00Z");
    mk_breakglass(T->db, cm_b, east, s_minsu, "2026-11-21T11:00:00Z", "2026-11-21T15:00:00Z"); /* expired */
    r = search_as(cm_b, NULL, "1980-05-05", NULL, &rc);
    assert_true(found(r, s_park));
    json_decref(r);
    r = search_as(cm_b, "Minsu", NULL, NULL, &rc);
    assert_false(found(r, s_minsu));
    json_decref(r);
}

static void search_pages_with_a_cursor(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm);
    for (int i = 0; i < 5; i++) {
        char j[200];
        snprintf(j, sizeof j,
                 "{\"given_name\":\"Person%c\",\"family_name\":\"Paging\",\"birth_date\":\"19%02d-01-01\"}",
                 'A' + i, 60 + i * 7);
        create_ok(&a, j);
    }
    struct ctx c;
    json_t *out;
    int64_t seen = 0;
    char after[640] = "";
    int pages = 0;
    do {
        ctx_init(&c, &a, T->db);
        assert_int_equal(client_search(&c, "Paging", NULL, NULL, &(struct page){after, 2}, &out), OK);
        ctx_clear(&c);
        size_t n = json_array_size(json_object_get(out, "items"));
        assert_true(n <= 2);
        seen += (int64_t)n;
        json_t *next = json_object_get(out, "next");
        snprintf(after, sizeof after, "%s", json_is_null(next) ? "" : json_string_value(next));
        json_decref(out);
        pages++;
    } while (*after && pages < 10);
    assert_int_equal(seen, 5);
    assert_int_equal(pages, 3);
}

/* A word too short for the trigram index must not silently find nobody: either the search finds
 * the client or it says what is wrong with the query. */
static void short_words_are_not_silently_empty(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm);
    int64_t id =
        create_ok(&a, "{\"given_name\":\"\xeb\xaf\xbc\xec\xa7\x80\",\"family_name\":\"\xea\xb9\x80\","
                      "\"birth_date\":\"1980-05-05\"}"); /* 민지 김 */
    int64_t id2 =
        create_ok(&a, "{\"given_name\":\"Minji\",\"family_name\":\"Ko\",\"birth_date\":\"1981-05-05\"}");
    const struct {
        const char *q;
        int64_t *id;
    } cases[] = {
        {"\xeb\xaf\xbc\xec\xa7\x80", &id}, /* 민지: a two-syllable given name */
        {"\xea\xb9\x80", &id},             /* 김: a one-syllable family name */
        {"Ko Minji", &id2},                /* a two-letter family name first */
    };
    int bad = 0;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        int rc;
        json_t *r = search_as(cm, cases[i].q, NULL, NULL, &rc);
        if (rc == OK && !found(r, *cases[i].id)) {
            print_error("search '%s' answered OK with %zu results and without client %lld\n", cases[i].q,
                        json_array_size(json_object_get(r, "items")), (long long)*cases[i].id);
            bad++;
        }
        assert_true(rc == OK || rc == ERR_INVALID);
        json_decref(r);
    }
    if (bad)
        fail_msg("%d searches with a word under three characters silently found nobody (client.c fts_query "
                 "lets a word through when it has 3 bytes, so a 1-2 syllable Hangul word reaches the trigram "
                 "index, "
                 "which matches nothing for it)",
                 bad);
}

#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        T_(each_field_is_checked),
        T_(roles_that_register),
        T_(created_record_is_complete_and_audited),
        T_(duplicate_by_identifier),
        T_(duplicate_by_similar_name_and_birth_date),
        T_(confirmed_new_person_is_linked_not_merged),
        T_(stale_version_changes_nothing),
        T_(renamed_client_is_found_by_new_name),
        T_(search_by_fragment_birth_date_identifier),
        T_(search_refuses_vague_or_bad_queries),
        T_(search_honours_visibility),
        T_(search_pages_with_a_cursor),
        T_(short_words_are_not_silently_empty),
    };
    return cmocka_run_group_tests_name("client", tests, NULL, NULL);
}
