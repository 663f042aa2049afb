/* test_person: Korean and English conventions (base/person.c, base/i18n.c): a name in the order of its
 * script or the client's preference, Korean phone numbers checked and written with hyphens, postal
 * codes per country, an address on one line, dates in prose and counts per language. */
#include "helpers.h"

static const char *name(const char *given, const char *family, const char *preferred, const char *order)
{
    static char out[200];
    person_name(out, sizeof out, given, family, preferred, order);
    return out;
}

static void hangul_names_family_first_without_a_space(void **state)
{
    (void)state;
    assert_string_equal(name("민지", "김", NULL, NULL), "김민지");
    assert_string_equal(name("민지", "김", NULL, "auto"), "김민지");
    assert_string_equal(name("훈", "이", NULL, NULL), "이훈");           /* a one-syllable given name */
    assert_string_equal(name("훈", "남궁", NULL, NULL), "남궁훈");       /* a two-syllable family name */
    assert_string_equal(name(" 민지 ", "김 ", NULL, NULL), "김민지");    /* spaces around a part */
    assert_string_equal(name("小玲", "王", NULL, NULL), "王小玲");       /* Chinese characters too */
    assert_string_equal(name("민지", "김", NULL, "family_first"), "김민지");
    assert_string_equal(name("민지", "김", NULL, "given_first"), "민지 김"); /* the client's choice */
}

static void latin_names_given_first_unless_preferred(void **state)
{
    (void)state;
    assert_string_equal(name("Xiaoling", "Wu", NULL, NULL), "Xiaoling Wu");
    assert_string_equal(name("Jia", "Ng", NULL, "auto"), "Jia Ng");
    assert_string_equal(name("Xiaoling", "Wu", NULL, "family_first"), "Wu Xiaoling");
    assert_string_equal(name("Van An", "Nguyen", NULL, "family_first"), "Nguyen Van An");
    assert_string_equal(name("Xiaoling", "Wu", NULL, "given_first"), "Xiaoling Wu");
    assert_string_equal(name("Xiaoling", "Wu", NULL, "nonsense"), "Xiaoling Wu"); /* as auto */
}

static void mixed_scripts_family_first_with_a_space(void **state)
{
    (void)state;
    assert_string_equal(name("민준", "Nguyen", NULL, NULL), "Nguyen 민준");
    assert_string_equal(name("Anna", "김", NULL, NULL), "김 Anna");
    assert_string_equal(name("민준", "Nguyen", NULL, "given_first"), "민준 Nguyen");
    assert_string_equal(name("민준", "Nguyen", NULL, "family_first"), "Nguyen 민준");
}

static void empty_parts_and_preferred_names(void **state)
{
    (void)state;
    assert_string_equal(name("", "김", NULL, NULL), "김");
    assert_string_equal(name("민지", NULL, NULL, NULL), "민지");
    assert_string_equal(name(NULL, NULL, NULL, NULL), "");
    assert_string_equal(name("  ", "Wu", NULL, NULL), "Wu");
    assert_string_equal(name("민지", "김", "민", NULL), "김민지 (민)");
    assert_string_equal(name("Xiaoling", "Wu", "Lin", NULL), "Xiaoling Wu (Lin)");
    assert_string_equal(name("Xiaoling", "Wu", "Xiaoling", NULL), "Xiaoling Wu"); /* the given name again */
    assert_string_equal(name("민지", "김", "김민지", NULL), "김민지");              /* the whole name again */
    assert_string_equal(name("민지", "김", "", NULL), "김민지");
    char small[8];
    assert_int_equal(person_name(small, sizeof small, "민지", "김", NULL, NULL), 6); /* 김민 (a whole 지 won't fit) */
    assert_string_equal(small, "김민");
    assert_int_equal(person_name(small, 0, "민지", "김", NULL, NULL), 0);
}

static const char *phone(const char *in, int flags)
{
    static char out[48];
    if (phone_normalise(in, flags, out, sizeof out) != 0)
        return "INVALID";
    return out;
}

static void korean_phone_numbers_written_with_hyphens(void **state)
{
    (void)state;
    assert_string_equal(phone("010-1234-5678", 0), "010-1234-5678");
    assert_string_equal(phone("01012345678", 0), "010-1234-5678");
    assert_string_equal(phone("010 1234 5678", 0), "010-1234-5678");
    assert_string_equal(phone("010.1234.5678", 0), "010-1234-5678");
    assert_string_equal(phone("011-123-4567", 0), "011-123-4567"); /* an older mobile number */
    assert_string_equal(phone("02-123-4567", 0), "02-123-4567");
    assert_string_equal(phone("0212345678", 0), "02-1234-5678");
    assert_string_equal(phone("(02) 987-6543", 0), "02-987-6543");
    assert_string_equal(phone("031-123-4567", 0), "031-123-4567");
    assert_string_equal(phone("0311234567", 0), "031-123-4567");
    assert_string_equal(phone("064-1234-5678", 0), "064-1234-5678");
    assert_string_equal(phone("070-1234-5678", 0), "070-1234-5678");
    assert_string_equal(phone("080-123-4567", 0), "080-123-4567");
    assert_string_equal(phone("1588-1234", 0), "1588-1234");
    assert_string_equal(phone("15771234", 0), "1577-1234");
    assert_string_equal(phone("  010-2468-1357  ", 0), "010-2468-1357");
}

static void international_form_of_korean_numbers(void **state)
{
    (void)state;
    assert_string_equal(phone("+82 10-1234-5678", 0), "010-1234-5678");
    assert_string_equal(phone("+821012345678", 0), "010-1234-5678");
    assert_string_equal(phone("+82 (0)10 1234 5678", 0), "010-1234-5678");
    assert_string_equal(phone("+82 2 123 4567", 0), "02-123-4567");
    assert_string_equal(phone("+82-31-123-4567", 0), "031-123-4567");
    assert_string_equal(phone("+82 1588 1234", 0), "INVALID"); /* representative numbers have no +82 form */
}

static void other_countries_and_short_numbers_only_where_allowed(void **state)
{
    (void)state;
    assert_string_equal(phone("+44 20 7946 0000", 0), "INVALID");
    assert_string_equal(phone("+44 20 7946 0000", PHONE_INTL), "+44 20 7946 0000");
    assert_string_equal(phone("+1 (555) 010-0199", PHONE_INTL), "+1 (555) 010-0199");
    assert_string_equal(phone("+44 12", PHONE_INTL), "INVALID");        /* too short to be a number */
    assert_string_equal(phone("+1234567890123456", PHONE_INTL), "INVALID"); /* more than 15 digits */
    assert_string_equal(phone("119", 0), "INVALID");
    assert_string_equal(phone("119", PHONE_SHORT), "119");
    assert_string_equal(phone("1393", PHONE_SHORT), "1393");
    assert_string_equal(phone("1577-0199", PHONE_SHORT), "1577-0199");
}

static void invalid_phone_numbers(void **state)
{
    (void)state;
    assert_string_equal(phone("", 0), "INVALID");
    assert_string_equal(phone(NULL, 0), "INVALID");
    assert_string_equal(phone("   ", 0), "INVALID");
    assert_string_equal(phone("010-1234-567", 0), "INVALID");    /* 010 has eight digits after it */
    assert_string_equal(phone("010-123-4567", 0), "INVALID");
    assert_string_equal(phone("010-1234-56789", 0), "INVALID");
    assert_string_equal(phone("02-12-3456", 0), "INVALID");
    assert_string_equal(phone("039-123-4567", 0), "INVALID");    /* no such area code */
    assert_string_equal(phone("1234-5678", 0), "INVALID");       /* not a representative number */
    assert_string_equal(phone("call 010-1234-5678", 0), "INVALID");
    assert_string_equal(phone("010-1234-5678 ext 2", 0), "INVALID");
    assert_string_equal(phone("010+1234+5678", 0), "INVALID");
    assert_string_equal(phone("12345", PHONE_SHORT), "INVALID");
    char tiny[8];
    assert_int_equal(phone_normalise("010-1234-5678", 0, tiny, sizeof tiny), -1); /* does not fit */
}

static void postal_codes_per_country(void **state)
{
    (void)state;
    assert_true(postal_code_valid("04512", NULL));
    assert_true(postal_code_valid("04512", "KR"));
    assert_true(postal_code_valid("63000", ""));
    assert_false(postal_code_valid("0451", "KR"));
    assert_false(postal_code_valid("045123", "KR"));
    assert_false(postal_code_valid("045-12", "KR")); /* the old six-digit form with a hyphen */
    assert_false(postal_code_valid("SW1A 1AA", "KR"));
    assert_false(postal_code_valid(NULL, "KR"));
    assert_true(postal_code_valid("SW1A 1AA", "GB"));
    assert_true(postal_code_valid("10001-1234", "US"));
    assert_false(postal_code_valid("1", "GB"));
    assert_false(postal_code_valid("10001;DROP", "US"));
    assert_true(country_code_valid("KR"));
    assert_false(country_code_valid("kr"));
    assert_false(country_code_valid("KOR"));
    assert_false(country_code_valid(NULL));
}

static void addresses_on_one_line(void **state)
{
    (void)state;
    char out[200];
    address_line(out, sizeof out, "한빛시 강변구 한강로12길 3", "5층 502호", "04512", NULL);
    assert_string_equal(out, "(04512) 한빛시 강변구 한강로12길 3, 5층 502호");
    address_line(out, sizeof out, "한빛시 강변구 한강로12길 3", NULL, NULL, "KR");
    assert_string_equal(out, "한빛시 강변구 한강로12길 3");
    address_line(out, sizeof out, "12 Market-ro 3-gil, Northside-gu", "Apt 301", "04512", "KR");
    assert_string_equal(out, "(04512) 12 Market-ro 3-gil, Northside-gu, Apt 301");
    address_line(out, sizeof out, "1 High Street, Leeds", "Flat 2", "LS1 4AP", "GB");
    assert_string_equal(out, "1 High Street, Leeds, Flat 2, LS1 4AP, GB");
    address_line(out, sizeof out, NULL, NULL, NULL, NULL);
    assert_string_equal(out, "");
    address_line(out, sizeof out, NULL, NULL, "04512", NULL);
    assert_string_equal(out, "(04512)");
    char small[12];
    address_line(small, sizeof small, "한빛시 강변구", NULL, NULL, NULL); /* cut between characters */
    assert_string_equal(small, "한빛시 ");
}

static void dates_in_prose_per_language(void **state)
{
    (void)state;
    char out[64];
    i18n_date_long_in("ko", "2026-12-06", out, sizeof out);
    assert_string_equal(out, "2026년 12월 6일");
    i18n_date_long_in("en", "2026-12-06", out, sizeof out);
    assert_string_equal(out, "6 December 2026");
    i18n_date_long_in("en", "2027-01-31T09:30:00Z", out, sizeof out); /* a time: its date */
    assert_string_equal(out, "31 January 2027");
    i18n_date_long_in("ko", "2027-01-31T09:30:00Z", out, sizeof out);
    assert_string_equal(out, "2027년 1월 31일");
    i18n_date_long_in("fr", "2026-03-01", out, sizeof out); /* an unsupported language: English */
    assert_string_equal(out, "1 March 2026");
    i18n_date_long_in("ko", "2026-02-30", out, sizeof out); /* not a date: as it is */
    assert_string_equal(out, "2026-02-30");
    i18n_date_long_in("ko", "soon", out, sizeof out);
    assert_string_equal(out, "soon");
    i18n_date_long_in("ko", NULL, out, sizeof out);
    assert_string_equal(out, "");
    i18n_use("ko");
    i18n_date_long("2026-12-06", out, sizeof out);
    assert_string_equal(out, "2026년 12월 6일");
    i18n_use("en");
    i18n_date_long("2026-12-06", out, sizeof out);
    assert_string_equal(out, "6 December 2026");
}

static void counts_with_thousands_separators(void **state)
{
    (void)state;
    char out[32];
    i18n_count(0, out, sizeof out);
    assert_string_equal(out, "0");
    i18n_count(999, out, sizeof out);
    assert_string_equal(out, "999");
    i18n_count(1000, out, sizeof out);
    assert_string_equal(out, "1,000");
    i18n_count(1234567, out, sizeof out);
    assert_string_equal(out, "1,234,567");
    i18n_count(-12345, out, sizeof out);
    assert_string_equal(out, "-12,345");
    i18n_count(-9223372036854775807LL - 1, out, sizeof out);
    assert_string_equal(out, "-9,223,372,036,854,775,808");
    char small[4];
    i18n_count(12345, small, sizeof small);
    assert_string_equal(small, "12,");
}

int main(void)
{
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hangul_names_family_first_without_a_space),
        cmocka_unit_test(latin_names_given_first_unless_preferred),
        cmocka_unit_test(mixed_scripts_family_first_with_a_space),
        cmocka_unit_test(empty_parts_and_preferred_names),
        cmocka_unit_test(korean_phone_numbers_written_with_hyphens),
        cmocka_unit_test(international_form_of_korean_numbers),
        cmocka_unit_test(other_countries_and_short_numbers_only_where_allowed),
        cmocka_unit_test(invalid_phone_numbers),
        cmocka_unit_test(postal_codes_per_country),
        cmocka_unit_test(addresses_on_one_line),
        cmocka_unit_test(dates_in_prose_per_language),
        cmocka_unit_test(counts_with_thousands_separators),
    };
    return cmocka_run_group_tests_name("person", tests, NULL, NULL);
}
