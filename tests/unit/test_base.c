/* test_base: buffers, ISO dates and times (invalid ones and leap years), ages, the fake
 * clock, UTF-8 lengths and whole-number parsing: the ground every field check stands on. */
#include "helpers.h"
#include "base/json_text.h"

static void buffers_grow_and_stay_terminated(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    assert_int_equal(b.len, 0);
    buf_adds(&b, "care");
    buf_addc(&b, ' ');
    buf_add(&b, "plan!!", 4);
    assert_string_equal(b.data, "care plan");
    assert_int_equal(b.len, 9);
    /* Far past the first allocation: contents stay intact and NUL-terminated. */
    for (int i = 0; i < 2000; i++)
        buf_printf(&b, "%04d;", i);
    assert_int_equal(b.len, 9 + 2000 * 5);
    assert_int_equal(strlen(b.data), b.len);
    assert_memory_equal(b.data + 9, "0000;0001;", 10);
    assert_string_equal(b.data + b.len - 5, "1999;");
    /* An embedded NUL is kept as data, length counts it. */
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    buf_add(&b, "a\0b", 3);
    assert_int_equal(b.len, 3);
    assert_int_equal(b.data[1], 0);
    assert_int_equal(b.data[3], 0);
    buf_free(&b);
    assert_null(b.data);
    buf_free(&b); /* twice is harmless */
}

static void buffer_steal_hands_over(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    char *empty = buf_steal(&b); /* never NULL, even when nothing was written */
    assert_non_null(empty);
    assert_string_equal(empty, "");
    free(empty);
    buf_printf(&b, "%s-%d", "client", 42);
    char *s = buf_steal(&b);
    assert_string_equal(s, "client-42");
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    buf_adds(&b, "again"); /* the buffer is usable after a steal */
    assert_string_equal(b.data, "again");
    free(s);
    buf_free(&b);
}

static void dates_valid_and_invalid(void **state)
{
    (void)state;
    static const char *const good[] = {"2026-11-22", "2024-02-29", "2000-02-29", "1999-12-31",
                                       "2026-01-31", "2026-04-30", "1900-01-01"};
    static const char
        *const bad[] = {"2023-02-29", /* not a leap year */
                        "1900-02-29", /* century, not divisible by 400 */
                        "2100-02-29",       "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10",
                        "2026-01-00",       "2026-01-32", "2026-1-05",  "26-01-05",   "2026/01/05",
                        "2026-01-05T10:00", /* a time is not a date */
                        "2026-01-05 ",      "",           "today",      "2026-0a-05", "1849-12-31"};
    for (size_t i = 0; i < ARRAY_LEN(good); i++)
        if (!iso_date_valid(good[i]))
            fail_msg("%s should be a valid date", good[i]);
    for (size_t i = 0; i < ARRAY_LEN(bad); i++)
        if (iso_date_valid(bad[i]))
            fail_msg("'%s' should not be a valid date", bad[i]);
    assert_false(iso_date_valid(NULL));
}

static void times_valid_and_invalid(void **state)
{
    (void)state;
    static const char *const good[] = {"2026-11-01T10:00",     "2026-11-01T10:00Z", "2026-11-01T10:00:59",
                                       "2026-11-01T23:59:59Z", "2026-11-01 10:00",  "2024-02-29T00:00"};
    static const char *const bad[] = {"2026-11-01",           "2026-11-01T24:00",       "2026-11-01T10:60",
                                      "2026-11-01T1:00",      "2026-11-01T10:0",        "2026-11-01T10:00:5",
                                      "2026-11-01T10:00Zx",   "2026-11-01T10:00+09:00", "2026-11-01X10:00",
                                      "2023-02-29T10:00",     "2026-11-01T10-00",       "",
                                      "2026-11-01T10:00:00.5"};
    for (size_t i = 0; i < ARRAY_LEN(good); i++)
        if (!iso_time_valid(good[i]))
            fail_msg("%s should be a valid time", good[i]);
    for (size_t i = 0; i < ARRAY_LEN(bad); i++)
        if (iso_time_valid(bad[i]))
            fail_msg("'%s' should not be a valid time", bad[i]);
    assert_false(iso_time_valid(NULL));
}

static void parse_and_format_round_trip(void **state)
{
    (void)state;
    assert_int_equal(iso_parse("1970-01-01"), 0);
    assert_int_equal(iso_parse("1970-01-02T00:00:01Z"), 86401);
    assert_int_equal(iso_parse("2026-11-01T10:00Z"), iso_parse("2026-11-01T10:00:00"));
    assert_int_equal(iso_parse("2026-11-01 10:00"), iso_parse("2026-11-01T10:00"));
    assert_int_equal(iso_parse("2026-02-30"), -1);
    assert_int_equal(iso_parse("nonsense"), -1);
    /* Leap years: the day after 28 February. */
    assert_int_equal(iso_parse("2024-03-01") - iso_parse("2024-02-28"), 2 * 86400);
    assert_int_equal(iso_parse("2023-03-01") - iso_parse("2023-02-28"), 86400);
    assert_int_equal(iso_parse("2000-03-01") - iso_parse("2000-02-28"), 2 * 86400);
    assert_int_equal(iso_parse("2100-03-01") - iso_parse("2100-02-28"), 86400);
    static const char *const times[] = {"2026-11-22T07:18:01Z", "2024-02-29T23:59:59Z",
                                        "1999-12-31T00:00:00Z",
                                        "2038-01-19T03:14:08Z"}; /* past 32-bit time_t */
    for (size_t i = 0; i < ARRAY_LEN(times); i++) {
        char out[32];
        iso_time(iso_parse(times[i]), out);
        assert_string_equal(out, times[i]);
    }
}

/* Steps run in a fresh process with its own clock (see run_at). */
static int step_today_is(int argc, char **argv)
{
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    return argc == 3 && strcmp(today, argv[1]) == 0 && strcmp(now, argv[2]) == 0 ? 0 : 1;
}
static int step_real_clock(int argc, char **argv)
{
    (void)argc, (void)argv;
    int64_t t = now_epoch();
    return t > iso_parse("2020-01-01") && t != 0 ? 0 : 1;
}

static void fake_clock_sets_today(void **state)
{
    (void)state;
    /* This process runs at T_NOW (clock_init). */
    assert_int_equal(now_epoch(), iso_parse(T_NOW));
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    assert_string_equal(today, T_TODAY);
    assert_string_equal(now, T_NOW);
    /* Another process at a leap-day evening. */
    static const char *const leap[] = {"today_is", "2024-02-29", "2024-02-29T23:30:00Z", NULL};
    assert_int_equal(run_at("2024-02-29T23:30:00Z", leap), 0);
    static const char *const minute[] = {"today_is", "2026-01-01", "2026-01-01T00:00:00Z", NULL};
    assert_int_equal(run_at("2026-01-01T00:00", minute), 0);
    /* An unreadable fake time falls back to the real clock rather than to 1970. */
    static const char *const real[] = {"real_clock", NULL};
    assert_int_equal(run_at("not a time", real), 0);
    assert_int_equal(run_at("", real), 0);
    double a = now_mono(), b = now_mono();
    assert_true(b >= a);
}

static void ages_in_whole_years(void **state)
{
    (void)state;
    assert_int_equal(age_on("1980-05-05", "2026-05-04"), 45); /* the day before the birthday */
    assert_int_equal(age_on("1980-05-05", "2026-05-05"), 46); /* on the birthday */
    assert_int_equal(age_on("1980-05-05", "2026-12-31"), 46);
    assert_int_equal(age_on("2026-11-22", "2026-11-22"), 0);
    /* Born on a leap day: a year old on 1 March of a common year, not on 28 February. */
    assert_int_equal(age_on("2000-02-29", "2001-02-28"), 0);
    assert_int_equal(age_on("2000-02-29", "2001-03-01"), 1);
    assert_int_equal(age_on("2000-02-29", "2004-02-29"), 4);
    assert_int_equal(age_on("1990-12-31", "1991-01-01"), 0);
    assert_int_equal(age_on("1990-02-30", "2026-01-01"), -1);
    assert_int_equal(age_on("1990-01-01", "yesterday"), -1);
    assert_int_equal(age_on(NULL, "2026-01-01"), -1);
    /* Life stage follows the age on today's date (T_NOW). */
    const char *stage;
    assert_int_equal(client_life_stage("2010-01-01", &stage), 16);
    assert_string_equal(stage, "youth");
    assert_int_equal(client_life_stage("2000-01-01", &stage), 26);
    assert_string_equal(stage, "young_adult");
    assert_int_equal(client_life_stage("1970-01-01", &stage), 56);
    assert_string_equal(stage, "adult");
    assert_int_equal(client_life_stage("1950-01-01", &stage), 76);
    assert_string_equal(stage, "older_adult");
    assert_int_equal(client_life_stage("bad", &stage), -1);
    assert_string_equal(stage, "unknown");
}

static void utf8_counts_code_points(void **state)
{
    (void)state;
    assert_int_equal(utf8_len(""), 0);
    assert_int_equal(utf8_len("Kim"), 3);
    assert_int_equal(utf8_len("\xea\xb9\x80\xeb\xaf\xbc\xec\xa7\x80"), 3); /* 김민지 */
    assert_int_equal(utf8_len("Jos\xc3\xa9"), 4);                          /* José */
    assert_int_equal(utf8_len("\xf0\x9f\x8f\xa0 home"), 6);                /* an emoji + " home" */
    /* A field bound of 100 characters admits 100 Hangul syllables (300 bytes). */
    char many[301];
    for (int i = 0; i < 100; i++)
        memcpy(many + 3 * i, "\xea\xb9\x80", 3);
    many[300] = 0;
    assert_int_equal(utf8_len(many), 100);
}

static void whole_numbers(void **state)
{
    (void)state;
    int64_t v = -7;
    assert_int_equal(parse_int64("42", &v), 0);
    assert_int_equal(v, 42);
    assert_int_equal(parse_int64("0", &v), 0);
    assert_int_equal(v, 0);
    assert_int_equal(parse_int64("9223372036854775807", &v), 0);
    assert_true(v == INT64_MAX);
    v = 5;
    static const char *const bad[] = {"", "-1", "12a", "1.5", "abc", "9223372036854775808", "0x10", "12 "};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++)
        if (parse_int64(bad[i], &v) == 0)
            fail_msg("'%s' should not parse as a whole number", bad[i]);
    assert_int_equal(v, 5); /* untouched on failure */
    assert_int_equal(parse_int64(NULL, &v), -1);
}

/* ---- json_text: the same bytes as json_dumps(JSON_COMPACT), and a reply even for bad UTF-8 ---- */

static void same_as_jansson(const json_t *v)
{
    struct buf b;
    buf_init(&b);
    json_text(&b, v);
    char *want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    assert_non_null(want);
    if (strcmp(b.data ? b.data : "", want) != 0)
        fail_msg("json_text wrote\n  %s\njansson writes\n  %s", b.data ? b.data : "", want);
    assert_int_equal(b.len, strlen(want));
    free(want);
    buf_free(&b);
}

/* One code point as UTF-8 into p; its length. */
static int utf8_put(unsigned cp, char *p)
{
    if (cp < 0x80)
        return p[0] = (char)cp, 1;
    if (cp < 0x800)
        return p[0] = (char)(0xC0 | cp >> 6), p[1] = (char)(0x80 | (cp & 63)), 2;
    if (cp < 0x10000)
        return p[0] = (char)(0xE0 | cp >> 12), p[1] = (char)(0x80 | (cp >> 6 & 63)), p[2] = (char)(0x80 | (cp & 63)), 3;
    p[0] = (char)(0xF0 | cp >> 18), p[1] = (char)(0x80 | (cp >> 12 & 63));
    p[2] = (char)(0x80 | (cp >> 6 & 63)), p[3] = (char)(0x80 | (cp & 63));
    return 4;
}

/* A random valid string: ASCII (controls, quotes and backslashes often), Hangul, other planes, NUL. */
static json_t *random_string(unsigned *seed)
{
    char s[256];
    int n = 0, len = rand_r(seed) % 40;
    for (int i = 0; i < len; i++) {
        unsigned r = (unsigned)rand_r(seed), cp;
        switch (r % 6) {
        case 0: cp = r / 6 % 0x20; break;                    /* controls and NUL */
        case 1: cp = "\"\\/ a\x7f"[r / 6 % 6]; break;
        case 2: cp = 0xAC00 + r / 6 % 11172; break;          /* Hangul syllables */
        case 3: cp = 0x80 + r / 6 % 0x780; break;            /* two bytes */
        case 4: cp = 0x10000 + r / 6 % 0x100000; break;      /* four bytes */
        default: cp = 0x20 + r / 6 % 0x5F; break;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = 0xE000;
        n += utf8_put(cp, s + n);
    }
    return json_stringn(s, (size_t)n);
}

static json_t *random_value(unsigned *seed, int depth)
{
    unsigned r = (unsigned)rand_r(seed) % (depth > 3 ? 6 : 8);
    switch (r) {
    case 0: return json_null();
    case 1: return json_boolean(rand_r(seed) & 1);
    case 2: return json_integer((json_int_t)(((uint64_t)rand_r(seed) << 33) ^ (uint64_t)rand_r(seed)));
    case 3: return json_real((double)rand_r(seed) / ((rand_r(seed) % 1000) + 1) - 1000.0);
    case 4:
    case 5: return random_string(seed);
    case 6: {
        json_t *a = json_array();
        for (int i = rand_r(seed) % 5; i > 0; i--)
            json_array_append_new(a, random_value(seed, depth + 1));
        return a;
    }
    default: {
        json_t *o = json_object();
        for (int i = rand_r(seed) % 5; i > 0; i--) {
            json_t *k = random_string(seed);
            json_object_setn_new(o, json_string_value(k), json_string_length(k), random_value(seed, depth + 1));
            json_decref(k);
        }
        return o;
    }
    }
}

static void json_text_writes_what_jansson_writes(void **state)
{
    (void)state;
    const char *docs[] = {
        "{}", "[]", "\"\"", "0", "-1", "9223372036854775807", "-9223372036854775808", "true", "false", "null",
        "0.1", "-0.0", "3.0", "1e300", "123456789.125", "[[],{},[{}],{\"a\":[]}]",
        "{\"id\":1,\"given_name\":\"\\uc218\\uc9c4\",\"flags\":[],\"access\":{\"level\":\"full\",\"x\":null}}",
        "\"tab\\tline\\nfeed\\fback\\bret\\rquote\\\"slash\\\\/solidus\\u0001\\u001f\\u007f\"",
        "\"\\ud83d\\ude00 \\u00e9 \\u20ac \\u0800 \\uffff \\udbff\\udfff\"",
        "{\"\\n key \\\"\":1,\"z\":2,\"a\":3}",
    };
    for (size_t i = 0; i < ARRAY_LEN(docs); i++) {
        json_error_t e;
        json_t *v = json_loads(docs[i], JSON_DECODE_ANY, &e);
        assert_non_null(v);
        same_as_jansson(v);
        json_decref(v);
    }
    json_t *nul = json_stringn("a\0b", 3); /* an embedded NUL, in a value and in a key */
    same_as_jansson(nul);
    json_t *o = json_object();
    json_object_setn_new(o, "k\0ey", 4, nul);
    same_as_jansson(o);
    json_decref(o);
    unsigned seed = 20261208;
    for (int i = 0; i < 3000; i++) {
        json_t *v = random_value(&seed, 0);
        same_as_jansson(v);
        json_decref(v);
    }
}

static void json_text_replaces_bad_utf8(void **state)
{
    (void)state;
    /* A lone continuation byte, an overlong form, a surrogate, past U+10FFFF, a cut-off sequence. */
    static const char bad[] = "a\x80" "b\xC0\xAF" "c\xED\xA0\x80" "d\xF4\x90\x80\x80" "e\xE2\x82";
    json_t *v = json_stringn_nocheck(bad, sizeof bad - 1);
    char *dumped = json_dumps(v, JSON_ENCODE_ANY);
    assert_null(dumped); /* what jansson does: nothing at all */
    struct buf b;
    buf_init(&b);
    json_text(&b, v);
#define R "\xEF\xBF\xBD"
    assert_string_equal(b.data, "\"a" R "b" R R "c" R R R "d" R R R R "e" R R "\"");
#undef R
    buf_free(&b);
    json_decref(v);
}

static void strings_and_ids(void **state)
{
    (void)state;
    assert_true(str_eq("a", "a"));
    assert_false(str_eq("a", "b"));
    assert_false(str_eq(NULL, "a"));
    assert_false(str_eq(NULL, NULL));
    char a[65], b[65];
    random_hex(a, 32);
    random_hex(b, 32);
    assert_int_equal(strlen(a), 64);
    assert_int_equal(strspn(a, "0123456789abcdef"), 64);
    assert_string_not_equal(a, b);
    char *d = xstrndup("episode", 4);
    assert_string_equal(d, "epis");
    free(d);
    assert_int_equal(role_parse("case_manager"), ROLE_CASE_MANAGER);
    assert_int_equal(role_parse("wizard"), -1);
    assert_true(in_list(service_domains, "housing"));
    assert_false(in_list(service_domains, "Housing"));
    assert_false(in_list(service_domains, NULL));
    int n = 0;
    while (service_domains[n])
        n++;
    assert_int_equal(n, 10); /* the ten of DESIGN §6 */
}

int main(int argc, char **argv)
{
    static const struct step steps[] = {{"today_is", step_today_is}, {"real_clock", step_real_clock}, {0}};
    if (argc > 1 && strcmp(argv[1], "--step") == 0)
        return step_main(steps, argc, argv);
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buffers_grow_and_stay_terminated),
        cmocka_unit_test(buffer_steal_hands_over),
        cmocka_unit_test(dates_valid_and_invalid),
        cmocka_unit_test(times_valid_and_invalid),
        cmocka_unit_test(parse_and_format_round_trip),
        cmocka_unit_test(fake_clock_sets_today),
        cmocka_unit_test(ages_in_whole_years),
        cmocka_unit_test(utf8_counts_code_points),
        cmocka_unit_test(whole_numbers),
        cmocka_unit_test(strings_and_ids),
        cmocka_unit_test(json_text_writes_what_jansson_writes),
        cmocka_unit_test(json_text_replaces_bad_utf8),
    };
    return cmocka_run_group_tests_name("base", tests, NULL, NULL);
}
