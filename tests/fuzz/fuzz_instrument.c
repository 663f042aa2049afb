/* fuzz_instrument: instrument definitions (instruments_load, core/instrument.c) and scoring
 * against them (instrument_score, core/score.c). The input is a definition file, then optionally
 * a NUL byte and answers (a JSON object; without it, every item answers its first option). The
 * definition is written as ID.json in a folder of its own (ID from its "id" when that makes a file
 * name, else "x") and loaded as the server loads an organisation's definitions at start.
 * Properties: a refused definition says which file and why; an accepted one is found by its id,
 * has its score range, every item scores a whole number from -1000 to 1000 (its answers' values
 * and its skip score: instrument.c's bound, which the range and the engine's int arithmetic rely
 * on), and it scores to an answer or a refusal that names the bad items; a total is within the
 * range. */
#include "core/instrument.h"
#include "fuzz.h"
#include <ctype.h>
#include <math.h>
#include <unistd.h>

static char dir[256];

static void remove_dir(void)
{
    rmdir(dir);
}

static int file_name_ok(const char *s)
{
    if (!s || !*s || strlen(s) > 60)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
            return 0;
    return 1;
}

/* Every item answers the value of its first option (when it has options). */
static json_t *first_answers(const json_t *def)
{
    json_t *a = json_object(), *it;
    size_t i;
    json_array_foreach(json_object_get(def, "items"), i, it)
    {
        const char *id = json_string_value(json_object_get(it, "id"));
        json_t *v = json_object_get(json_array_get(json_object_get(it, "options"), 0), "value");
        if (id && v)
            json_object_set(a, id, v);
    }
    return a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/hearth-fuzz-instrument-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dir))
            fuzz_fail("a temporary folder");
        atexit(remove_dir);
    }
    const uint8_t *nul = memchr(data, 0, size);
    size_t dlen = nul ? (size_t)(nul - data) : size;
    json_t *peek = json_loadb((const char *)data, dlen, 0, NULL);
    const char *pid = json_string_value(json_object_get(peek, "id"));
    char id[64], path[400];
    snprintf(id, sizeof id, "%s", file_name_ok(pid) ? pid : "x");
    json_decref(peek);
    snprintf(path, sizeof path, "%s/%s.json", dir, id);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, dlen, f) != dlen || fclose(f) != 0)
        fuzz_fail("writing %s", path);
    char err[1024] = "";
    int rc = instruments_load(dir, NULL, err, sizeof err);
    unlink(path);
    if (rc != 0) {
        if (strncmp(err, path, strlen(path)) != 0 || strlen(err) <= strlen(path) + 2)
            fuzz_fail("refused without naming the file and a reason: \"%s\"", err);
        return 0;
    }
    const struct instrument *ins = instrument_find(id);
    if (!ins)
        fuzz_fail("accepted \"%s\" but cannot find it", id);
    const json_t *def = instrument_def(ins);
    const json_t *range = json_object_get(def, "range");
    int triage = strcmp(json_string_value(json_object_get(def, "method")), "triage") == 0;
    if (!triage && (!json_is_array(range) || json_array_size(range) != 2))
        fuzz_fail("accepted \"%s\" without its score range", id);
    size_t i, j;
    json_t *it, *op;
    json_array_foreach(json_object_get(def, "items"), i, it)
    {
        json_t *skip = json_object_get(it, "skip_score");
        if (skip && (!json_is_integer(skip) || json_integer_value(skip) < -1000 || json_integer_value(skip) > 1000))
            fuzz_fail("accepted item %zu with skip_score %lld", i, (long long)json_integer_value(skip));
        json_array_foreach(json_object_get(it, "options"), j, op)
        {
            json_t *val = json_object_get(op, "value");
            if (!json_is_integer(val) || json_integer_value(val) < -1000 || json_integer_value(val) > 1000)
                fuzz_fail("accepted item %zu with an answer value %lld", i, (long long)json_integer_value(val));
        }
    }
    json_t *answers = NULL;
    if (nul && size > dlen + 2) {
        answers = json_loadb((const char *)nul + 2, size - dlen - 2, JSON_REJECT_DUPLICATES, NULL);
        if (answers && !json_is_object(answers)) {
            json_decref(answers);
            answers = NULL;
        }
    }
    if (!answers)
        answers = first_answers(def);
    unsigned opts = nul && size > dlen + 1 && (nul[1] & 1) ? SCORE_INCOMPLETE : 0;
    static const char *const sexes[] = {"female", "male", "other", NULL};
    const char *sex = sexes[nul && size > dlen + 1 ? (nul[1] >> 1) % 4 : 0];
    json_t *result = NULL, *errors = NULL;
    char serr[512] = "";
    int src = instrument_score(ins, answers, sex, opts, &result, &errors, serr, sizeof serr);
    if (src == OK) {
        if (!json_is_object(result))
            fuzz_fail("scored without a result");
        json_t *total = json_object_get(result, "total");
        if (!triage && json_is_number(total)) {
            double t = json_number_value(total), lo = json_number_value(json_array_get(range, 0)),
                   hi = json_number_value(json_array_get(range, 1));
            if (!isfinite(t) || t < lo - 1e-9 || t > hi + 1e-9)
                fuzz_fail("total %g outside the range [%g, %g]", t, lo, hi);
        }
    } else if (src == ERR_INVALID) {
        if (!serr[0] || !json_is_object(errors) || !json_object_size(errors))
            fuzz_fail("answers refused without naming the items");
    } else {
        fuzz_fail("instrument_score answered %d", src);
    }
    json_decref(result);
    json_decref(errors);
    json_decref(answers);
    return 0;
}
