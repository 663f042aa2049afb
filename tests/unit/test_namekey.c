/* test_namekey: how a name is found (base/namekey.c): text folded (lower case, Hangul and accented
 * Latin composed as NFC composes them), the initial consonants of Hangul syllables, the keys of a
 * client's name and phone, and a search word as the keys hold it. */
#include "helpers.h"

static const char *fold(const char *s)
{
    static char out[NAMEKEY_LEN];
    text_fold(s, out, sizeof out);
    return out;
}

static void folding_lowers_and_composes(void **state)
{
    (void)state;
    assert_string_equal(fold("Xiaoling WU"), "xiaoling wu");
    assert_string_equal(fold("ÉLODIE Ñúñez"), "élodie ñúñez");
    assert_string_equal(fold("e\xCC\x81lodie"), "élodie");                 /* e + U+0301 -> é */
    assert_string_equal(fold("\xE1\x84\x80\xE1\x85\xB5\xE1\x86\xB7"), "김"); /* ᄀ ᅵ ᆷ -> 김 */
    assert_string_equal(fold("\xE1\x84\x86\xE1\x85\xB5\xE1\x86\xAB\xE1\x84\x8C\xE1\x85\xB5"), "민지");
    assert_string_equal(fold("김민지"), "김민지"); /* already NFC: unchanged */
    assert_string_equal(fold("ОЛЬГА Ten"), "ольга ten");
    assert_string_equal(fold(""), "");
    assert_string_equal(fold(NULL), "");
    char small[4];
    text_fold("김민지", small, sizeof small); /* never past the buffer, never half a character */
    assert_string_equal(small, "김");
}

static void choseong_of_hangul_syllables(void **state)
{
    (void)state;
    char out[NAMEKEY_LEN];
    assert_true(hangul_choseong("김민지", out, sizeof out));
    assert_string_equal(out, "ㄱㅁㅈ");
    assert_true(hangul_choseong("박 서준", out, sizeof out)); /* spaces skipped */
    assert_string_equal(out, "ㅂㅅㅈ");
    assert_true(hangul_choseong("까치", out, sizeof out)); /* double consonants */
    assert_string_equal(out, "ㄲㅊ");
    assert_true(hangul_choseong("가힣", out, sizeof out)); /* the first and the last syllable */
    assert_string_equal(out, "ㄱㅎ");
    assert_false(hangul_choseong("Nguyen민준", out, sizeof out));
    assert_string_equal(out, "");
    assert_false(hangul_choseong("", out, sizeof out));
    assert_true(hangul_is_choseong(0x3131));
    assert_false(hangul_is_choseong(0x314F)); /* ㅏ, a vowel */
}

static int has(const struct namekey *k, int n, const char *key, int kind)
{
    for (int i = 0; i < n; i++)
        if (strcmp(k[i].key, key) == 0)
            return k[i].kind == kind;
    return 0;
}

static void keys_of_a_korean_name_and_phone(void **state)
{
    (void)state;
    struct namekey k[NAMEKEY_MAX];
    int n = name_keys("민지", "김", NULL, "010-2468-1357", k, NAMEKEY_MAX);
    assert_true(has(k, n, "김민지", NAMEKEY_FULL));
    assert_true(has(k, n, "민지김", NAMEKEY_FULL));
    assert_true(has(k, n, "김", NAMEKEY_WORD));
    assert_true(has(k, n, "민지", NAMEKEY_WORD));
    assert_true(has(k, n, "ㄱㅁㅈ", NAMEKEY_PART));
    assert_true(has(k, n, "ㅁㅈ", NAMEKEY_PART));
    assert_true(has(k, n, "01024681357", NAMEKEY_FULL));
    assert_true(has(k, n, "1357", NAMEKEY_WORD));
    assert_true(has(k, n, "24681357", NAMEKEY_PART));
    assert_true(has(k, n, "2468", NAMEKEY_PART));
    assert_false(has(k, n, "010", NAMEKEY_PART)); /* the first group begins the whole number */
    for (int i = 0; i < n; i++) /* no key twice */
        for (int j = i + 1; j < n; j++)
            assert_string_not_equal(k[i].key, k[j].key);
    /* a number written without separators is grouped the Korean way */
    n = name_keys("민준", "김", NULL, "0298765432", k, NAMEKEY_MAX);
    assert_true(has(k, n, "5432", NAMEKEY_WORD));
    assert_true(has(k, n, "98765432", NAMEKEY_PART));
    assert_true(has(k, n, "9876", NAMEKEY_PART));
}

static void keys_of_latin_and_mixed_names(void **state)
{
    (void)state;
    struct namekey k[NAMEKEY_MAX];
    int n = name_keys("Xiaoling", "Wu", NULL, NULL, k, NAMEKEY_MAX);
    assert_true(has(k, n, "wu", NAMEKEY_WORD));
    assert_true(has(k, n, "xiaoling", NAMEKEY_WORD));
    assert_true(has(k, n, "xiaolingwu", NAMEKEY_FULL));
    assert_true(has(k, n, "wuxiaoling", NAMEKEY_FULL));
    n = name_keys("Aoife", "O'Brien-Walsh", "Eef", NULL, k, NAMEKEY_MAX);
    assert_true(has(k, n, "o'brien-walsh", NAMEKEY_WORD));
    assert_true(has(k, n, "brien", NAMEKEY_WORD));
    assert_true(has(k, n, "walsh", NAMEKEY_WORD));
    assert_true(has(k, n, "obrienwalsh", NAMEKEY_WORD));
    assert_true(has(k, n, "eef", NAMEKEY_WORD));
    assert_true(has(k, n, "eefo'brien-walsh", NAMEKEY_FULL));
    n = name_keys("민준", "Nguyen", NULL, NULL, k, NAMEKEY_MAX); /* mixed scripts */
    assert_true(has(k, n, "nguyen민준", NAMEKEY_FULL));
    assert_true(has(k, n, "민준", NAMEKEY_WORD));
    assert_true(has(k, n, "ㅁㅈ", NAMEKEY_PART)); /* the Hangul given name's consonants */
    n = name_keys("훈", "이", NULL, "12", k, NAMEKEY_MAX); /* one syllable; a phone too short for keys */
    assert_true(has(k, n, "이훈", NAMEKEY_FULL));
    assert_true(has(k, n, "훈", NAMEKEY_WORD));
    assert_true(has(k, n, "ㅇㅎ", NAMEKEY_PART));
    assert_false(has(k, n, "12", NAMEKEY_FULL));
}

static void search_words_as_keys_hold_them(void **state)
{
    (void)state;
    char out[NAMEKEY_LEN];
    assert_int_equal(name_query_word("010-2468-1357", 13, out, sizeof out), 11);
    assert_string_equal(out, "01024681357");
    assert_true(name_query_word("(02)987-6543", 12, out, sizeof out) > 0);
    assert_string_equal(out, "029876543");
    assert_true(name_query_word("WU", 2, out, sizeof out) > 0);
    assert_string_equal(out, "wu");
    assert_true(name_query_word("\xE1\x84\x80\xE1\x84\x86\xE1\x84\x8C", 9, out, sizeof out) > 0); /* ᄀᄆᄌ */
    assert_string_equal(out, "ㄱㅁㅈ");
    assert_true(name_query_word("ㄱㅁㅈ", strlen("ㄱㅁㅈ"), out, sizeof out) > 0);
    assert_string_equal(out, "ㄱㅁㅈ");
    assert_int_equal(name_query_word("-", 1, out, sizeof out), 0); /* nothing to search by */
    char big[300];
    memset(big, 'a', sizeof big);
    assert_int_equal(name_query_word(big, sizeof big, out, sizeof out), -1);
}

int main(void)
{
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folding_lowers_and_composes),
        cmocka_unit_test(choseong_of_hangul_syllables),
        cmocka_unit_test(keys_of_a_korean_name_and_phone),
        cmocka_unit_test(keys_of_latin_and_mixed_names),
        cmocka_unit_test(search_words_as_keys_hold_them),
    };
    return cmocka_run_group_tests_name("namekey", tests, NULL, NULL);
}
