/* test_resource: the descriptors (one per resource, complete, consistent), the one registry of audit
 * action names (every name the source passes to audit_log and the access checks is registered; an
 * unknown one is counted), and every table of the schema claimed by exactly one resource. */
#include "helpers.h"
#include <ctype.h>
#include <dirent.h>

static int setup(void **state)
{
    *state = tdb_open();
    return 0;
}
static int teardown(void **state)
{
    tdb_close(*state);
    return 0;
}

static size_t nfields(const struct res_field *f)
{
    size_t n = 0;
    while (f && f[n].name)
        n++;
    return n;
}

static void check_fields(const char *res, const char *what, const struct res_field *f)
{
    for (size_t i = 0; f && f[i].name; i++) {
        if (!f[i].label || !*f[i].label)
            fail_msg("%s: %s field '%s' has no label", res, what, f[i].name);
        if (f[i].type > FT_ARRAY)
            fail_msg("%s: field '%s' has no type", res, f[i].name);
        for (size_t j = 0; j < i; j++)
            if (strcmp(f[i].name, f[j].name) == 0)
                fail_msg("%s: %s field '%s' twice", res, what, f[i].name);
    }
}

/* A shape inside a field (of) belongs to a list or an object, and is checked in turn. */
static void check_nested(const char *res, const struct res_field *f, int depth)
{
    for (; f && f->name; f++) {
        if (!f->of)
            continue;
        if (f->type != FT_ARRAY && f->type != FT_OBJECT)
            fail_msg("%s: field '%s' has a shape inside but is neither a list nor an object", res, f->name);
        if (nfields(f->of) == 0)
            fail_msg("%s: the shape inside '%s' has no fields", res, f->name);
        check_fields(res, f->name, f->of);
        if (depth < 3)
            check_nested(res, f->of, depth + 1);
    }
}

/* Every resource has its descriptor, at its own index, named once, labelled, with a shape. */
static void every_resource_is_described(void **state)
{
    (void)state;
    for (int i = 0; i < RES__COUNT; i++) {
        const struct resource *r = resources[i];
        if (!r)
            fail_msg("resource %d has no descriptor (RESOURCE_REGISTER at the end of its core/ module)", i);
        assert_int_equal(r->id, i);
        assert_non_null(r->name);
        assert_non_null(r->label);
        assert_non_null(r->plural);
        assert_non_null(r->actions);
        assert_non_null(r->tables);
        if (nfields(r->fields) == 0)
            fail_msg("%s: no response fields", r->name);
        check_fields(r->name, "", r->fields);
        check_fields(r->name, "summary", r->summary);
        check_nested(r->name, r->fields, 0);
        for (int j = 0; j < i; j++)
            if (strcmp(resources[j]->name, r->name) == 0)
                fail_msg("two resources are named '%s'", r->name);
        assert_ptr_equal(resource_by_name(r->name), r);
    }
    assert_null(resource_by_name("no_such_resource"));
    assert_null(resource_by_name(NULL));
}

/* Action names are "resource.verb", registered once, and found by the registry. */
static void every_action_is_registered_once(void **state)
{
    (void)state;
    const char *seen[256];
    size_t n = 0;
    for (int i = 0; i <= RES__COUNT; i++) {
        const struct res_audit *a = i < RES__COUNT ? resources[i]->actions : audit_actions_other;
        for (; a->name; a++) {
            const char *dot = strchr(a->name, '.');
            int plain = a->name[0] != 0;
            for (const char *p = a->name; *p; p++)
                plain &= islower((unsigned char)*p) || *p == '_' || *p == '.';
            if (!plain || (i < RES__COUNT && (!dot || dot == a->name || !dot[1])))
                fail_msg("action '%s': write it as resource.verb in lower case", a->name);
            for (size_t j = 0; j < n; j++)
                if (strcmp(seen[j], a->name) == 0)
                    fail_msg("action '%s' is registered twice", a->name);
            assert_true(n < ARRAY_LEN(seen));
            seen[n++] = a->name;
            assert_true(resource_action_known(a->name));
            assert_ptr_equal(resource_of_action(a->name), i < RES__COUNT ? resources[i] : NULL);
            assert_true(a->act < ACT__COUNT);
        }
    }
    assert_true(n >= 40);
    assert_false(resource_action_known("contact.delete"));
    assert_false(resource_action_known("contact"));
    assert_false(resource_action_known(""));
    assert_false(resource_action_known(NULL));
    assert_true(resource_action_known("login"));
}

/* audit_log counts (and, in a strict build, refuses) a name nobody registered. */
static void audit_log_counts_an_unknown_action(void **state)
{
    struct tdb *t = *state;
    struct actor a = {.staff_id = 1, .org_id = 1, .role = ROLE_CASE_MANAGER};
    struct ctx c;
    ctx_init(&c, &a, t->db);
    long before = audit_unknown_actions();
    audit_log(&c, "contact.read", "ok", 0, "contact", 1, NULL);
    assert_int_equal(audit_unknown_actions(), before);
    audit_set_strict(0);
    audit_log(&c, "contact.peek", "ok", 0, "contact", 1, NULL);
    audit_log_kept(&c, "nobody.knows", 0, NULL, 0);
    audit_set_strict(1);
    assert_int_equal(audit_unknown_actions(), before + 2);
    ctx_clear(&c);
}

/* ---- every action name written in src/ is registered ---- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = 0;
    fclose(f);
    return s;
}

static int ident(char ch)
{
    return isalnum((unsigned char)ch) || ch == '_';
}

#define MAX_CALLEES 64
struct scan {
    char callees[MAX_CALLEES][64]; /* functions whose arguments name audit actions */
    int ncallees;
    int literals;                  /* action literals found */
    char unknown[2048];            /* "file: name" of each unregistered one */
    int nunknown;
    int checks;                    /* access checks whose resource was compared with the registry's */
    char mismatch[2048];           /* "file: name under RES_X" where the registry names another */
    int nmismatch;
};

static const struct {
    const char *name;
    enum res r;
} res_names[] = {
    {"RES_CLIENT", RES_CLIENT},         {"RES_EPISODE", RES_EPISODE},
    {"RES_TEAM", RES_TEAM},             {"RES_CONTACT", RES_CONTACT},
    {"RES_NOTE_RESTRICTED", RES_NOTE_RESTRICTED}, {"RES_TASK", RES_TASK},
    {"RES_BREAKGLASS", RES_BREAKGLASS}, {"RES_ASSESSMENT", RES_ASSESSMENT},
    {"RES_FLAG", RES_FLAG},             {"RES_FLAG_KIND", RES_FLAG_KIND},
    {"RES_ONCALL", RES_ONCALL},         {"RES_CRISIS", RES_CRISIS},
    {"RES_SAFETY_PLAN", RES_SAFETY_PLAN}, {"RES_HOSPITAL", RES_HOSPITAL},
    {"RES_ACCESS_LOG", RES_ACCESS_LOG}, {"RES_ORG", RES_ORG},
    {"RES_STAFF", RES_STAFF},
};

/* The resource an access check names (its second argument, "RES_..."), or -1. */
static int checked_resource(const char *args)
{
    const char *p = strstr(args, "RES_");
    const char *comma = strchr(args, ',');
    if (!p || !comma || p < comma || (strchr(comma + 1, ',') && p > strchr(comma + 1, ',')))
        return -1;
    size_t n = 0;
    while (ident(p[n]))
        n++;
    for (size_t i = 0; i < ARRAY_LEN(res_names); i++)
        if (strlen(res_names[i].name) == n && memcmp(res_names[i].name, p, n) == 0)
            return (int)res_names[i].r;
    return -1;
}

static void add_callee(struct scan *s, const char *name, size_t len)
{
    if (len == 0 || len >= sizeof s->callees[0])
        return;
    for (int i = 0; i < s->ncallees; i++)
        if (strlen(s->callees[i]) == len && memcmp(s->callees[i], name, len) == 0)
            return;
    if (s->ncallees < MAX_CALLEES) {
        memcpy(s->callees[s->ncallees], name, len);
        s->callees[s->ncallees++][len] = 0;
    }
}

/* A function of the source that takes an action name ("const char *action" or "*audit_action") passes
 * it on to the audit: its callers' literals are action names too. */
static void find_wrappers(struct scan *s, const char *src)
{
    static const char *const params[] = {"const char *action", "const char *audit_action"};
    for (size_t k = 0; k < ARRAY_LEN(params); k++)
        for (const char *p = strstr(src, params[k]); p; p = strstr(p + 1, params[k])) {
            if (ident(p[strlen(params[k])]))
                continue;
            int depth = 0; /* back to the '(' that opens this parameter list */
            const char *q = p;
            while (q > src && !(*q == '(' && depth == 0)) {
                if (*q == ')')
                    depth++;
                else if (*q == '(' && depth > 0)
                    depth--;
                q--;
            }
            const char *e = q;
            while (q > src && ident(q[-1]))
                q--;
            add_callee(s, q, (size_t)(e - q));
        }
}

/* A literal "a.b" of lower-case words. */
static int action_like(const char *s, size_t n)
{
    int dot = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.')
            dot++;
        else if (!(islower((unsigned char)s[i]) || s[i] == '_'))
            return 0;
    }
    return dot == 1 && n > 2 && s[0] != '.' && s[n - 1] != '.';
}

static void scan_calls(struct scan *s, const char *file, const char *src)
{
    for (int k = 0; k < s->ncallees; k++) {
        size_t len = strlen(s->callees[k]);
        for (const char *p = strstr(src, s->callees[k]); p; p = strstr(p + 1, s->callees[k])) {
            if ((p > src && ident(p[-1])) || p[len] != '(')
                continue;
            /* the arguments, to the matching ')', minding string and character literals */
            int gate = strncmp(s->callees[k], "access_", 7) == 0 ? checked_resource(p + len + 1) : -1;
            int depth = 0;
            for (const char *q = p + len; *q; q++) {
                if (*q == '(')
                    depth++;
                else if (*q == ')' && --depth == 0)
                    break;
                else if (*q == '\'' && q[1])
                    q += q[1] == '\\' ? 3 : 2;
                else if (*q == '"') {
                    const char *b = ++q;
                    while (*q && *q != '"')
                        q += *q == '\\' && q[1] ? 2 : 1;
                    if (!action_like(b, (size_t)(q - b)))
                        continue;
                    char name[64];
                    snprintf(name, sizeof name, "%.*s", (int)(q - b), b);
                    s->literals++;
                    if (!resource_action_known(name)) {
                        size_t o = strlen(s->unknown);
                        snprintf(s->unknown + o, sizeof s->unknown - o, "\n  %s: \"%s\"", file, name);
                        s->nunknown++;
                    } else if (gate >= 0) { /* checked as the resource the registry files it under */
                        const struct resource *owner = resource_of_action(name);
                        s->checks++;
                        if (!owner || (int)owner->id != gate) {
                            size_t o = strlen(s->mismatch);
                            snprintf(s->mismatch + o, sizeof s->mismatch - o, "\n  %s: \"%s\" checked as %s", file,
                                     name, resources[gate]->name);
                            s->nmismatch++;
                        }
                    }
                }
            }
        }
    }
}

static void scan_init(struct scan *s)
{
    memset(s, 0, sizeof *s);
    static const char *const base[] = {"audit_log", "audit_log_kept", "access_check", "access_deny",
                                       "access_require"};
    for (size_t i = 0; i < ARRAY_LEN(base); i++)
        add_callee(s, base[i], strlen(base[i]));
}

/* The scanner itself finds what it should (so the test over src/ below cannot pass by finding nothing). */
static void scanner_finds_unknown_names(void **state)
{
    (void)state;
    struct scan s;
    scan_init(&s);
    const char *sample = "static int gate(struct ctx *c, const char *action) { return 0; }\n"
                         "void f(struct ctx *c) {\n"
                         "  audit_log(c, x ? \"contact.read\" : \"contact.peek\", \"ok\", 0, \"contact\", 0,\n"
                         "            g(\"a)b\", ')'));\n"
                         "  gate(c, \"nobody.knows\");\n"
                         "  not_audit_log(c, \"other.thing\");\n"
                         "  access_check(c, RES_TASK, ACT_READ, 0, \"contact.read\");\n"
                         "  access_check(c, RES_CONTACT, ACT_READ, 0, \"contact.read\");\n"
                         "}\n";
    find_wrappers(&s, sample);
    scan_calls(&s, "sample.c", sample);
    assert_int_equal(s.literals, 5);
    assert_int_equal(s.nunknown, 2);
    assert_int_equal(s.checks, 2);
    assert_int_equal(s.nmismatch, 1);
    assert_non_null(strstr(s.mismatch, "\"contact.read\" checked as task"));
    assert_non_null(strstr(s.unknown, "\"contact.peek\""));
    assert_non_null(strstr(s.unknown, "\"nobody.knows\""));
}

static void every_action_in_the_source_is_registered(void **state)
{
    (void)state;
    static const char *const dirs[] = {"src/api", "src/auth", "src/cmd", "src/core", "src/db",
                                       "src/http", "src/ui", "src/base"};
    char *texts[256];
    char names[256][300];
    int n = 0;
    for (size_t d = 0; d < ARRAY_LEN(dirs); d++) {
        DIR *dir = opendir(dirs[d]);
        if (!dir)
            continue;
        struct dirent *e;
        while ((e = readdir(dir)) && n < 256) {
            size_t len = strlen(e->d_name);
            if (len < 3 || strcmp(e->d_name + len - 2, ".c") != 0)
                continue;
            snprintf(names[n], sizeof names[n], "%s/%s", dirs[d], e->d_name);
            if ((texts[n] = slurp(names[n])))
                n++;
        }
        closedir(dir);
    }
    if (n < 20)
        fail_msg("found %d source files; run the tests from the repository's root", n);
    struct scan s;
    scan_init(&s);
    for (int i = 0; i < n; i++)
        find_wrappers(&s, texts[i]);
    for (int i = 0; i < n; i++)
        scan_calls(&s, names[i], texts[i]);
    for (int i = 0; i < n; i++)
        free(texts[i]);
    if (s.nunknown)
        fail_msg("%d audit action name(s) not registered in a resource descriptor:%s", s.nunknown, s.unknown);
    if (s.nmismatch)
        fail_msg("%d access check(s) name an action another resource registers:%s", s.nmismatch, s.mismatch);
    assert_true(s.literals >= 40);
    assert_true(s.checks >= 30);
}

/* Every table of the schema belongs to exactly one resource, or is the house's own. */
static void every_table_has_one_owner(void **state)
{
    struct tdb *t = *state;
    /* identity (auth/), the schema's record, the chain head PostgreSQL keeps in the database, what
     * a user was typing when their session ended (the form engine's, no resource's), and the gate's
     * own epoch (access.c, migration 031) */
    static const char *const house[] = {"schema_migrations", "sessions",    "api_tokens",  "login_failures",
                                        "audit_head",        "form_drafts", "access_epoch"};
    json_t *rows = db_is_sqlite(t->db)
                       ? db_rows(t->db,
                                 "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                                 " AND name NOT LIKE 'clients_fts_%' ORDER BY name",
                                 "")
                       : db_rows(t->db,
                                 "SELECT tablename AS name FROM pg_tables WHERE schemaname=current_schema()"
                                 " ORDER BY tablename",
                                 "");
    assert_true(json_array_size(rows) > 10);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        const char *name = json_string_value(json_object_get(r, "name"));
        int owners = 0;
        for (size_t h = 0; h < ARRAY_LEN(house); h++)
            owners += strcmp(house[h], name) == 0;
        for (int k = 0; k < RES__COUNT; k++)
            for (const char *const *tb = resources[k]->tables; *tb; tb++)
                owners += strcmp(*tb, name) == 0;
        if (owners != 1)
            fail_msg("table %s is claimed by %d resources (name it in one descriptor's tables)", name, owners);
    }
    /* and every claimed table exists */
    for (int k = 0; k < RES__COUNT; k++)
        for (const char *const *tb = resources[k]->tables; *tb; tb++) {
            int found = 0;
            json_array_foreach(rows, i, r) found |= str_eq(json_string_value(json_object_get(r, "name")), *tb);
            if (!found)
                fail_msg("%s claims table %s, which the schema does not have", resources[k]->name, *tb);
        }
    json_decref(rows);
}

#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_resource_is_described),
        cmocka_unit_test(every_action_is_registered_once),
        T_(audit_log_counts_an_unknown_action),
        cmocka_unit_test(scanner_finds_unknown_names),
        cmocka_unit_test(every_action_in_the_source_is_registered),
        T_(every_table_has_one_owner),
    };
    return cmocka_run_group_tests_name("resource", tests, NULL, NULL);
}
