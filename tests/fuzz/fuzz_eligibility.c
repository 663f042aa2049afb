/* fuzz_eligibility: eligibility rule files (elig_parse, core/elig_rules.c). The input is the text
 * of one file, parsed as t.rules.
 * Properties: a refused file is named with a line from 0 to the number of lines (+1 for a file that
 * does not end in a newline) and a reason, and nothing is answered; an accepted one has its key
 * "t", a name, a version and what it is based on, at least one required criterion, each criterion of
 * a known kind on a line of the file, a required one with no points and a priority one with 1 to 100,
 * ages and windows in their bounds, and reads back the same from its JSON. */
#include "core/eligibility.h"
#include "fuzz.h"

static const char *const kinds[] = {
    "life_stage", "target_group", "hospital_days", "crisis_within", "need", "district", NULL};

static json_int_t num(const json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[600] = "";
    json_t *p = NULL;
    int lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    int rc = elig_parse("r/t.rules", "t", (const char *)data, size, &p, err, sizeof err);
    if (rc != 0) {
        int line = -1, used = 0;
        if (p)
            fuzz_fail("refused but answered a programme");
        if (sscanf(err, "r/t.rules:%d: %n", &line, &used) != 1 || used == 0 || line < 0 || line > lines ||
            strlen(err) <= (size_t)used)
            fuzz_fail("refused without the file, a line of it and a reason: \"%s\"", err);
        return 0;
    }
    if (!str_eq(json_string_value(json_object_get(p, "programme")), "t"))
        fuzz_fail("accepted a programme key other than the file's name");
    static const char *const heads[] = {"name", "version", "based_on", NULL};
    for (const char *const *h = heads; *h; h++)
        if (!json_string_value(json_object_get(p, *h)) || !*json_string_value(json_object_get(p, *h)))
            fuzz_fail("accepted without %s", *h);
    int required = 0;
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(p, "criteria"), i, c)
    {
        const char *k = json_string_value(json_object_get(c, "kind"));
        if (!in_list(kinds, k))
            fuzz_fail("a criterion of an unknown kind");
        json_int_t line = num(c, "line"), pts = num(c, "points");
        if (line < 1 || line > lines)
            fuzz_fail("a criterion on line %lld of %d", (long long)line, lines);
        int req = json_is_true(json_object_get(c, "required"));
        required += req;
        if (req ? pts != 0 : pts < 1 || pts > 100)
            fuzz_fail("points %lld on a %s criterion", (long long)pts, req ? "required" : "priority");
        if (str_eq(k, "life_stage")) {
            json_t *mx = json_object_get(c, "max_age");
            if (num(c, "min_age") < 0 || num(c, "min_age") > 130 ||
                (!json_is_null(mx) &&
                 (json_integer_value(mx) < num(c, "min_age") || json_integer_value(mx) > 130)))
                fuzz_fail("ages out of bounds");
        } else if (str_eq(k, "hospital_days") || str_eq(k, "crisis_within")) {
            if (num(c, "within_days") < 1 || num(c, "within_days") > 36500 ||
                (str_eq(k, "hospital_days") &&
                 (num(c, "days") < 1 || num(c, "days") > num(c, "within_days"))))
                fuzz_fail("days out of bounds");
        } else if (!json_array_size(json_object_get(c, "any_of")))
            fuzz_fail("a %s criterion without names", k);
    }
    if (!required)
        fuzz_fail("accepted without a required criterion");
    char *text = json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS);
    json_t *back = text ? json_loads(text, 0, NULL) : NULL;
    if (!back || !json_equal(back, p))
        fuzz_fail("the programme does not read back from its JSON");
    free(text);
    json_decref(back);
    json_decref(p);
    return 0;
}
