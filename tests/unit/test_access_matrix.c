/* test_access_matrix: the access matrices of the API cases (every tests/api/cases/NAME.t with a
 * `matrix` block: matrix.t, 115-risk-matrix.t, and a resource's own case file) checked against the
 * access table (the descriptors' rows), both ways:
 *   - every cell of the matrices agrees with the table (a 403 where the table denies, and no 403
 *     where it allows, except on routes where a rule on the record itself may refuse more: the
 *     author of a note, the assignee of a task, whoever raised a flag);
 *   - every resource and action the table allows anything for has a row in the matrices (so a new
 *     resource cannot be added to the table without its rows), and every route of the matrices is
 *     in the route table and names the resource and action it asks for (DOC or GATE in src/api/).
 * The relationships each matrix user has to the team / org / other / shared clients are those the
 * matrices set up (see their headers; shared: 126-consent-matrix.t). Runs from the repository root (as tests/run-all does). */
#include "helpers.h"
#include "http/http.h"
#include <ctype.h>
#include <dirent.h>

#define R(x) (1u << (x))

/* How a row's cells are checked. */
enum kind {
    K_REL,    /* by the relationship of the row (team, org, other): 403 exactly where the table denies */
    K_RULE,   /* as K_REL, but a rule on the record may refuse more: only "table denies => 403" */
    K_NONE,   /* a question without a client (REL_NONE): 403 exactly where the table denies */
    K_FILTER, /* a list that leaves out instead of refusing: no status check (tags may still check) */
};

/* A matrix row's route is looked up in the route table (http_routes): the route names the access
 * cell it asks for (DOC(..., RES_X, ACT_Y, ...) or GATE(RES_X, ACT_Y) in src/api/NAME.c). How its
 * cells are checked: K_NONE when the table has rows for that cell at REL_NONE only (a question
 * without a client), K_REL otherwise; the routes below are the exceptions, and the routes whose row
 * exercises a second cell. */
static const struct special {
    const char *method, *pattern; /* as in the route table */
    enum kind kind;
    int also_res, also_act; /* a second cell the row exercises (-1: none) */
} specials[] = {
    {"GET", "/api/v1/clients", K_NONE, -1, -1}, /* ?identifier=: a search, by no relationship */
    {"GET", "/api/v1/clients/{id}", K_REL, RES_CLIENT, ACT_READ},
    {"GET", "/api/v1/clients/{id}/contacts", K_REL, RES_NOTE_RESTRICTED, ACT_READ},
    {"POST", "/api/v1/contacts/{id}/corrections", K_RULE, RES_CONTACT, ACT_ADMINISTER}, /* the author */
    {"PATCH", "/api/v1/tasks/{id}", K_RULE, RES_TASK, ACT_ADMINISTER},                  /* the assignee */
    {"POST", "/api/v1/flags/{id}/review", K_RULE, -1, -1},                              /* who raised it */
    {"GET", "/api/v1/contacts/{id}", K_RULE, RES_CONTACT, ACT_REVIEW}, /* another's note: review */
    {"GET", "/api/v1/my-clients", K_FILTER, -1, -1},
    {"POST", "/api/v1/clients/{id}/break-glass", K_NONE, -1, -1},
    {"GET", "/api/v1/tasks", K_NONE, -1, -1},
    {"POST", "/api/v1/tasks", K_NONE, -1, -1},
    {"GET", "/api/v1/staff", K_NONE, RES_STAFF, ACT_READ},
    {"PATCH", "/api/v1/services/{id}", K_RULE, -1, -1},          /* the service's own organisation */
    {"POST", "/api/v1/services/{id}/capacity", K_RULE, -1, -1}, /* the service's own organisation */
    /* a referral: the sender's organisation or the receiving one (the rule on the record) */
    {"GET", "/api/v1/referrals/{id}", K_RULE, -1, -1},
    {"POST", "/api/v1/referrals/{id}/cancel", K_RULE, -1, -1},
    {"POST", "/api/v1/referrals/{id}/receive", K_RULE, -1, -1},
    {"POST", "/api/v1/referrals/{id}/agreement-review", K_RULE, -1, -1},
    /* a conference: its participants and the organising organisation's supervisors (the rule on the
     * record), on top of the table's cell on the client */
    {"GET", "/api/v1/conferences/{id}", K_RULE, -1, -1},
    {"POST", "/api/v1/conferences/{id}/participants", K_RULE, -1, -1},
    {"POST", "/api/v1/conferences/{id}/guests", K_RULE, -1, -1},
    {"POST", "/api/v1/conferences/{id}/attendance", K_RULE, -1, -1},
    {"POST", "/api/v1/conferences/{id}/clients", K_RULE, -1, -1},
    {"PATCH", "/api/v1/conference-clients/{id}", K_RULE, -1, -1},
    {"POST", "/api/v1/conference-clients/{id}/decisions", K_RULE, -1, -1},
    {"POST", "/api/v1/conference-decisions/{id}/task", K_RULE, -1, -1},
    {"POST", "/api/v1/conference-decisions/{id}/plan-change", K_RULE, -1, -1},
    /* a linkage: another organisation's is read only through consent, and checked and ended only by
     * its own organisation (the rule on the record) */
    {"GET", "/api/v1/linkages/{id}", K_RULE, -1, -1},
    {"POST", "/api/v1/linkages/{id}/checks", K_RULE, -1, -1},
    {"POST", "/api/v1/linkages/{id}/end", K_RULE, -1, -1},
    /* issue 11 §4: a supervision session, the peer's own and their organisation's supervisors' */
    {"GET", "/api/v1/peer-supervisions/{id}", K_RULE, -1, -1},
    /* issue 13: the housing provider's own list, units and offers (the rule on the record) */
    {"POST", "/api/v1/housing-applications/{id}/override", K_RULE, -1, -1},
    {"POST", "/api/v1/housing/units/{id}/offers", K_RULE, -1, -1},
    {"POST", "/api/v1/housing-offers/{id}/move-in", K_RULE, -1, -1},
    {"POST", "/api/v1/housing-offers/{id}/answer", K_RULE, -1, -1},
    {"POST", "/api/v1/housing/units/{id}/state", K_RULE, -1, -1},
    {"GET", "/api/v1/housing/units/{id}/matches", K_RULE, -1, -1},
    {"POST", "/api/v1/housing/units", K_RULE, -1, -1},
    /* a care service (issue 13 §4): staff of the client's organisation ask by the table, only its own
     * care worker is let through; another organisation's only through consent, changed only by its
     * own (the rule on the record) */
    {"GET", "/api/v1/care-services/{id}", K_RULE, -1, -1},
    {"PATCH", "/api/v1/care-services/{id}", K_RULE, -1, -1},
    {"POST", "/api/v1/care-services/{id}/end", K_RULE, -1, -1},
    {"GET", "/api/v1/care-services/{id}/visits", K_RULE, -1, -1},
    {"POST", "/api/v1/care-services/{id}/visits", K_RULE, -1, -1},
    /* a story (issue 14 §3): only its own organisation works on it; a supervisor never reviews a
     * story they wrote or submitted (the rules on the record) */
    {"GET", "/api/v1/stories/{id}", K_RULE, -1, -1},
    {"PATCH", "/api/v1/stories/{id}", K_RULE, -1, -1},
    {"POST", "/api/v1/stories/{id}/submit", K_RULE, -1, -1},
    {"POST", "/api/v1/stories/{id}/withdraw", K_RULE, -1, -1},
    {"POST", "/api/v1/stories/{id}/review", K_RULE, -1, -1},
};

struct rowroute {
    const struct route *route;
    enum res res;
    enum act act;
    enum kind kind;
    int also_res, also_act;
};

/* One path segment of a matrix row against one of a pattern: a {parameter} of the row ({client})
 * or a number stands for the pattern's {id}, a {parameter} or a key for its {key}. */
static int segment_matches(const char *pat, size_t plen, const char *seg, size_t slen, int *literal)
{
    if (plen == slen && memcmp(pat, seg, plen) == 0) {
        (*literal)++;
        return 1;
    }
    if (slen == 0 || plen < 3 || pat[0] != '{')
        return 0;
    if (seg[0] == '{')
        return 1;
    size_t digits = strspn(seg, "0123456789");
    return plen == 4 && memcmp(pat, "{id}", 4) == 0 ? digits >= slen : strncmp(pat, "{key}", 5) == 0;
}

/* The route a matrix row's METHOD PATH (query string left off) goes to: the matching pattern with
 * the most literal segments. */
static const struct route *route_of(const char *method, const char *rpath)
{
    size_t end = strcspn(rpath, "?");
    int n = 0, best_literal = -1;
    const struct route **all = http_routes(&n), *best = NULL;
    for (int i = 0; i < n; i++) {
        if (!str_eq(all[i]->method, method))
            continue;
        const char *p = all[i]->pattern, *s = rpath;
        int literal = 0, ok = 1;
        while (ok && *p == '/' && s < rpath + end && *s == '/') {
            p++, s++;
            size_t pl = strcspn(p, "/"), sl = strcspn(s, "/?");
            ok = segment_matches(p, pl, s, sl, &literal);
            p += pl, s += sl;
        }
        if (ok && !*p && s == rpath + end && literal > best_literal) {
            best = all[i];
            best_literal = literal;
        }
    }
    return best;
}

/* No relationship to a client changes this cell: its rows are at REL_NONE only. */
static int without_client(enum res r, enum act a)
{
    int any = 0;
    for (const struct access_rule *x = resources[r]->access; x && x->rels; x++)
        if (x->act == a) {
            any = 1;
            if (x->rels & ~R(REL_NONE))
                return 0;
        }
    return any;
}

static int row_route(const char *method, const char *rpath, struct rowroute *out)
{
    const struct route *rt = route_of(method, rpath);
    if (!rt || !rt->act)
        return 0;
    out->route = rt;
    out->res = (enum res)((rt->gate ? rt->gate : rt->res) - 1);
    out->act = (enum act)(rt->act - 1);
    out->kind = without_client(out->res, out->act) ? K_NONE : K_REL;
    out->also_res = out->also_act = -1;
    for (size_t i = 0; i < ARRAY_LEN(specials); i++)
        if (str_eq(specials[i].method, rt->method) && str_eq(specials[i].pattern, rt->pattern)) {
            out->kind = specials[i].kind;
            out->also_res = specials[i].also_res;
            out->also_act = specials[i].also_act;
        }
    return 1;
}

/* A cell's tag that states what the table must say (allowed or not) for the cell's user. */
static const struct tagrule {
    const char *tag;
    enum res res;
    enum act act;
    int allowed;
} tagrules[] = {
    {"full", RES_CLIENT, ACT_READ, 1},   {"find", RES_CLIENT, ACT_READ, 0},
    {"shown", RES_NOTE_RESTRICTED, ACT_READ, 1}, {"hidden", RES_NOTE_RESTRICTED, ACT_READ, 0},
    {"everyone", RES_STAFF, ACT_ADMINISTER, 1},  {"ownorg", RES_STAFF, ACT_ADMINISTER, 0},
    {"ownorg", RES_STAFF, ACT_READ, 1},          {"brief", RES_STAFF, ACT_READ, 0},
    {"brief", RES_STAFF, ACT_ADMINISTER, 0},
    {"view", RES_SAFETY_PLAN, ACT_READ, 1},      {"vnotes", RES_CRISIS_NOTE, ACT_READ, 1},
    {"deskview", RES_SAFETY_PLAN, ACT_READ, 0},  {"deskview", RES_CRISIS_NOTE, ACT_READ, 0},
    {"cnotes", RES_CRISIS_NOTE, ACT_READ, 1},    {"nocnotes", RES_CRISIS_NOTE, ACT_READ, 0},
    /* issue 11 §4: a peer supporter's scope */
    {"own", RES_CONTACT, ACT_REVIEW, 0},         {"checkin", RES_CRISIS, ACT_READ, 0},
    {"why", RES_HOSPITAL, ACT_READ, 1},          {"nowhy", RES_HOSPITAL, ACT_READ, 0},
};

/* The matrix users: their role, and the relationships they have to the row's client. */
static const struct user {
    const char *name;
    int role;
    unsigned team, org; /* "other": none */
} users[] = {
    {"admin", ROLE_ADMIN, R(REL_CARE_TEAM) | R(REL_SAME_ORG), R(REL_SAME_ORG)},
    {"sup", ROLE_SUPERVISOR, R(REL_CARE_TEAM) | R(REL_SUPERVISOR) | R(REL_SAME_ORG),
     R(REL_SUPERVISOR) | R(REL_SAME_ORG)},
    {"cm1", ROLE_CASE_MANAGER, R(REL_PRIMARY_CM) | R(REL_CARE_TEAM) | R(REL_SAME_ORG), R(REL_SAME_ORG)},
    {"psy1", ROLE_CLINICIAN, R(REL_CARE_TEAM) | R(REL_SAME_ORG), R(REL_SAME_ORG)},
    {"nurse1", ROLE_CLINICIAN, R(REL_CARE_TEAM) | R(REL_SAME_ORG), R(REL_SAME_ORG)},
    {"peer1", ROLE_PEER, R(REL_PEER) | R(REL_SAME_ORG), R(REL_SAME_ORG)},
    {"desk1", ROLE_CARE_DESK, R(REL_CARE_TEAM), R(REL_SAME_ORG)},     /* Northside, on a Riverside team */
    {"housing1", ROLE_HOUSING, R(REL_CARE_TEAM), R(REL_SAME_ORG)},    /* Harbour, on a Riverside team */
    {"analyst1", ROLE_ANALYST, R(REL_CARE_TEAM) | R(REL_SAME_ORG), R(REL_SAME_ORG)},
    {"cm4", ROLE_CASE_MANAGER, R(REL_PRIMARY_CM) | R(REL_CARE_TEAM) | R(REL_SAME_ORG), R(REL_SAME_ORG)},
    /* issue 14: the city task force, at an organisation of its own, on no team: no client at all */
    {"taskforce1", ROLE_TASKFORCE, 0, 0},
};

static int rank(enum verdict v)
{
    return v == V_ALLOW ? 2 : v == V_PURPOSE ? 1 : 0;
}

/* Allowed by the best verdict over the relationships. Through consent (REL_SHARED) only a resource
 * of a data class: the matrices' "shared" clients' consents grant every class. */
static int allowed(enum res r, enum act a, unsigned rels, int role)
{
    if (!resources[r]->data_class)
        rels &= ~R(REL_SHARED);
    int best = 0;
    for (int rel = 0; rel < REL__COUNT; rel++)
        if (rels & R(rel)) {
            int k = rank(access_table(r, a, (enum rel)rel, role));
            best = k > best ? k : best;
        }
    return best > 0;
}

static int covered[RES__COUNT][ACT__COUNT];

static const struct user *user_of(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(users); i++)
        if (str_eq(users[i].name, name))
            return &users[i];
    return NULL;
}

/* Check one file's matrix; returns the number of disagreements (each printed). A file without a
 * matrix block is skipped (*files not counted). */
static int check_file(const char *path, int *rows_seen, int *files)
{
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s (run from the repository root)", path);
    char line[4096];
    int in = 0, bad = 0, lineno = 0, ncol = 0;
    const struct user *cols[32];
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = 0;
        if (!in) {
            in = str_eq(line, "matrix");
            continue;
        }
        if (strncmp(line, "###", 3) == 0)
            break;
        if (!line[0] || line[0] == '#' || strncmp(line, "tag ", 4) == 0)
            continue;
        char *save = NULL, *tok = strtok_r(line, " \t", &save);
        if (str_eq(tok, "roles")) {
            ncol = 0;
            while ((tok = strtok_r(NULL, " \t", &save)) && ncol < 32) {
                cols[ncol] = user_of(tok);
                if (!cols[ncol])
                    fail_msg("%s:%d: matrix user %s is unknown to this test", path, lineno, tok);
                ncol++;
            }
            continue;
        }
        char rel[16], method[16], rpath[512];
        snprintf(rel, sizeof rel, "%s", tok);
        snprintf(method, sizeof method, "%s", strtok_r(NULL, " \t", &save));
        snprintf(rpath, sizeof rpath, "%s", strtok_r(NULL, " \t", &save));
        char *bar = strchr(save, '|');
        if (!bar)
            fail_msg("%s:%d: a matrix row without '|'", path, lineno);
        struct rowroute rr, *rt = &rr;
        if (!row_route(method, rpath, &rr)) {
            print_error("%s:%d: %s %s: no route, or the route names no access cell (DOC(..., RES_X, ACT_Y, ...) "
                        "or GATE(RES_X, ACT_Y))\n",
                        path, lineno, method, rpath);
            bad++;
            continue;
        }
        (*rows_seen)++;
        covered[rt->res][rt->act] = 1;
        if (rt->also_res >= 0)
            covered[rt->also_res][rt->also_act] = 1;
        char *csave = NULL;
        int col = 0;
        for (char *cell = strtok_r(bar + 1, " \t", &csave); cell; cell = strtok_r(NULL, " \t", &csave), col++) {
            if (col >= ncol)
                fail_msg("%s:%d: more cells than roles", path, lineno);
            const struct user *u = cols[col];
            /* "shared": a client of another organisation whose active consent for the purposes of
             * the user's role grants it every class (126-consent-matrix.t); any other name (other,
             * withdrawn, expired) is no relationship at all */
            unsigned rels = str_eq(rel, "team")     ? u->team
                            : str_eq(rel, "org")    ? u->org
                            : str_eq(rel, "shared") ? (consent_purposes_of_role(u->role) ? R(REL_SHARED) : 0)
                            /* "housed": a Northside client who applied to Harbour (175-housing.t):
                             * housing1 houses them, desk1 shares their organisation */
                            : str_eq(rel, "housed") ? (u->role == ROLE_HOUSING     ? R(REL_HOUSED)
                                                       : u->role == ROLE_CARE_DESK ? R(REL_SAME_ORG)
                                                                                   : 0)
                                                    : 0;
            if (str_eq(rel, "-") || rt->kind == K_NONE)
                rels = R(REL_NONE);
            int status = atoi(cell), refused = status == 403;
            int may = allowed(rt->res, rt->act, rels, u->role);
            const char *why = NULL;
            if (rt->kind != K_FILTER) {
                if (!may && !refused)
                    why = "the table denies it, the matrix expects no 403";
                else if (may && refused && rt->kind != K_RULE)
                    why = "the table allows it, the matrix expects 403";
            }
            if (why) {
                print_error("%s:%d: %s %s %s as %s (%s): %s %s: %s\n", path, lineno, rel, method, rpath, u->name,
                            cell, access_res_name(rt->res), access_act_name(rt->act), why);
                bad++;
            }
            /* Tags that state the table's answer for another cell. */
            for (char *t = strchr(cell, '/'); t; t = strchr(t + 1, '/')) {
                char tag[32];
                size_t n = strcspn(t + 1, "/");
                snprintf(tag, sizeof tag, "%.*s", (int)(n < sizeof tag - 1 ? n : sizeof tag - 1), t + 1);
                for (size_t k = 0; k < ARRAY_LEN(tagrules); k++) {
                    const struct tagrule *tr = &tagrules[k];
                    if (!str_eq(tr->tag, tag))
                        continue;
                    unsigned trels = tr->res == RES_STAFF ? R(REL_NONE) : rels;
                    covered[tr->res][tr->act] = 1;
                    if (allowed(tr->res, tr->act, trels, u->role) != tr->allowed) {
                        print_error("%s:%d: %s %s as %s, tag /%s: the table says %s %s is %s\n", path, lineno,
                                    rel, rpath, u->name, tag, access_res_name(tr->res), access_act_name(tr->act),
                                    tr->allowed ? "denied" : "allowed");
                        bad++;
                    }
                }
            }
        }
        if (col != ncol) {
            print_error("%s:%d: %d cells for %d roles\n", path, lineno, col, ncol);
            bad++;
        }
    }
    fclose(f);
    if (in)
        (*files)++;
    return bad;
}

static void matrices_agree_with_the_table(void **state)
{
    (void)state;
    memset(covered, 0, sizeof covered);
    int rows = 0, files = 0, bad = 0;
    const char *dir = "tests/api/cases";
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0)
        fail_msg("cannot read %s (run from the repository root)", dir);
    for (int i = 0; i < n; i++) {
        size_t len = strlen(names[i]->d_name);
        if (len > 2 && str_eq(names[i]->d_name + len - 2, ".t")) {
            char path[512];
            snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
            bad += check_file(path, &rows, &files);
        }
        free(names[i]);
    }
    free(names);
    assert_true(files >= 2); /* matrix.t and 115-risk-matrix.t at least */
    assert_true(rows > 50);
    /* Every resource and action the table allows anything for has its rows. */
    for (int r = 0; r < RES__COUNT; r++)
        for (int a = 0; a < ACT__COUNT; a++) {
            int any = 0;
            for (int rel = 0; rel < REL__COUNT && !any; rel++)
                for (int role = 0; role < ROLE__COUNT && !any; role++)
                    any = access_table((enum res)r, (enum act)a, (enum rel)rel, role) != V_DENY;
            if (any && !covered[r][a]) {
                print_error("the table allows %s %s but no matrix row (or tag) exercises it\n",
                            access_res_name((enum res)r), access_act_name((enum act)a));
                bad++;
            }
        }
    if (bad)
        fail_msg("%d disagreements between the access table and the matrices", bad);
}

/* The table itself: every row names a resource, an action, relationships and roles, and every
 * resource has at least one row (a new resource is denied to everyone until it has its rows). */
static void every_resource_has_rows(void **state)
{
    (void)state;
    int has[RES__COUNT] = {0};
    for (int r = 0; r < RES__COUNT; r++)
        for (const struct access_rule *x = resources[r]->access; x && x->rels; x++) {
            assert_true(x->res == (enum res)r); /* a descriptor holds its own resource's rows only */
            assert_true((unsigned)x->act < ACT__COUNT);
            assert_true(x->rels != 0 && x->roles != 0);
            assert_true(x->v == V_ALLOW || x->v == V_PURPOSE);
            has[x->res] = 1;
        }
    for (int r = 0; r < RES__COUNT; r++)
        if (!has[r])
            fail_msg("resource %s has no row in the access table", access_res_name((enum res)r));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_resource_has_rows),
        cmocka_unit_test(matrices_agree_with_the_table),
    };
    return cmocka_run_group_tests_name("access_matrix", tests, NULL, NULL);
}
