/* fuzz_core: a request body through core validation, as the server hands it over: the first
 * byte picks the operation (and, with its high bit, whether the rest is a form rather than JSON);
 * the rest is the body, bounded in depth (json_depth_ok) and parsed as the server parses it
 * (JSON_REJECT_DUPLICATES, an object; or form_parse). The operation runs as a case manager on
 * the care team of one client, in an in-memory database, in a transaction rolled back after each
 * input. Properties: the answer is OK with an object, or a refusal (invalid, not found,
 * forbidden, conflict, duplicate) that says why (FUZZ_CORE_SHOW=1 prints each answer); never a database error (a value that got past
 * validation and was refused by the database) and never a fault; a JSON body that passed the
 * depth bound is no deeper than LIMIT_JSON_DEPTH. */
#include "core/instrument.h"
#include "core/risk.h"
#include "fuzz.h"
#include "http/http.h"

static struct actor cm;
static int64_t client_id, episode_id;

static void setup(void)
{
    setenv("HEARTH_FAKE_NOW", "2026-11-22T12:00:00Z", 1);
    struct db *db = fuzz_db();
    char err[512] = "";
    if (instruments_load("instruments", NULL, err, sizeof err) != 0)
        fuzz_fail("instruments (run from the repository's top folder): %s", err);
    const char *const sql[] = {
        "INSERT INTO orgs(name, kind, created_at) VALUES ('Riverside', 'other', '2026-11-22T12:00:00Z')",
        "INSERT INTO staff(org_id, username, display_name, role, pw_hash, created_at)"
        " VALUES (1, 'cm1', 'Casey Manager', 'case_manager', 'x', '2026-11-22T12:00:00Z')",
        "INSERT INTO clients(given_name, family_name, birth_date, org_id, created_by, created_at, updated_by,"
        " updated_at) VALUES ('Ana', 'Kim', '1980-05-05', 1, 1, '2026-11-22T12:00:00Z', 1, '2026-11-22T12:00:00Z')",
        "INSERT INTO clients_fts(rowid, name) VALUES (1, 'Ana Kim ')",
        "INSERT INTO episodes(client_id, org_id, programme, status, target_group, primary_cm, start_date,"
        " created_by, created_at, updated_at) VALUES (1, 1, 'integrated_care', 'active', 'severe', 1,"
        " '2026-01-01', 1, '2026-11-22T12:00:00Z', '2026-11-22T12:00:00Z')",
        "INSERT INTO team_members(episode_id, staff_id, team_role, from_date)"
        " VALUES (1, 1, 'primary_case_manager', '2026-01-01')",
        NULL};
    for (int i = 0; sql[i]; i++)
        if (db_run(db, sql[i], "") != DB_OK)
            fuzz_fail("setup: %s: %s", sql[i], db_errmsg(db));
    cm.staff_id = 1;
    cm.org_id = 1;
    cm.role = ROLE_CASE_MANAGER;
    snprintf(cm.username, sizeof cm.username, "cm1");
    snprintf(cm.name, sizeof cm.name, "Casey Manager");
    client_id = 1;
    episode_id = 1;
}

static int depth(const json_t *j)
{
    int d = 0, x;
    const char *k;
    size_t i;
    json_t *v;
    if (!json_is_object(j) && !json_is_array(j))
        return 0;
    if (json_is_object(j)) {
        json_object_foreach((json_t *)j, k, v) if ((x = depth(v)) > d) d = x;
    } else {
        json_array_foreach(j, i, v) if ((x = depth(v)) > d) d = x;
    }
    return d + 1;
}

enum { OP_CLIENT_CREATE, OP_CLIENT_UPDATE, OP_CONTACT, OP_EPISODE, OP_TEAM, OP_TASK, OP_ASSESSMENT, OP_CRISIS,
       OP_SAFETY, OP_HOSPITAL, OP_FLAG, OP__COUNT };
static const char *const op_names[OP__COUNT] = {"client_create", "client_update", "contact_create",
                                                "episode_create", "team_add", "task_create", "assessment_create",
                                                "crisis_record", "safety_save", "hosp_admit", "flag_create"};

static int run(struct ctx *c, int op, json_t *in, json_t **out)
{
    switch (op) {
    case OP_CLIENT_CREATE: return client_create(c, in, out);
    case OP_CLIENT_UPDATE: return client_update(c, client_id, 1, in, out);
    case OP_CONTACT: return contact_create(c, client_id, in, out);
    case OP_EPISODE: return episode_create(c, client_id, in, out);
    case OP_TEAM: return team_add(c, episode_id, in, out);
    case OP_TASK: return task_create(c, client_id, in, out);
    case OP_ASSESSMENT: return assessment_create(c, client_id, in, out);
    case OP_CRISIS: return crisis_record(c, client_id, in, out);
    case OP_SAFETY: return safety_save(c, client_id, 0, in, out);
    case OP_HOSPITAL: return hosp_admit(c, client_id, in, out);
    default: return flag_create(c, client_id, in, out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        setup();
        ready = 1;
    }
    if (size < 1 || size > LIMIT_BODY)
        return 0;
    int op = (data[0] & 0x7f) % OP__COUNT, form = data[0] & 0x80;
    const char *body = (const char *)data + 1;
    size_t len = size - 1;
    json_t *in;
    if (form) {
        in = form_parse(body, len);
    } else {
        if (!json_depth_ok(body, len, LIMIT_JSON_DEPTH))
            return 0;
        in = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
        if (in && depth(in) > LIMIT_JSON_DEPTH)
            fuzz_fail("json_depth_ok let a body %d deep through", depth(in));
        if (in && !json_is_object(in)) {
            json_decref(in);
            in = NULL;
        }
    }
    if (!in)
        return 0;
    struct db *db = fuzz_db();
    if (db_begin(db) != DB_OK)
        fuzz_fail("begin: %s", db_errmsg(db));
    struct ctx c;
    ctx_init(&c, &cm, db);
    json_t *out = NULL;
    int rc = run(&c, op, in, &out);
    if (getenv("FUZZ_CORE_SHOW")) { /* for writing seeds: what each input got */
        char *e = c.errors ? json_dumps(c.errors, JSON_COMPACT) : NULL;
        fprintf(stderr, "%s: %d %s %s\n", op_names[op], rc, c.msg, e ? e : "");
        free(e);
    }
    switch (rc) {
    case OK:
        if (!json_is_object(out))
            fuzz_fail("%s: OK without a record", op_names[op]);
        break;
    case ERR_INVALID:
    case ERR_DUPLICATE:
        if (!c.msg[0] && !(json_is_object(c.errors) && json_object_size(c.errors)))
            fuzz_fail("%s: refused as invalid without saying why", op_names[op]);
        break;
    case ERR_NOTFOUND:
    case ERR_FORBIDDEN:
    case ERR_CONFLICT:
        break;
    default:
        fuzz_fail("%s: answered %d (%s)", op_names[op], rc, c.msg);
    }
    json_decref(out);
    ctx_clear(&c);
    json_decref(in);
    if (db_rollback(db) != DB_OK)
        fuzz_fail("rollback: %s", db_errmsg(db));
    return 0;
}
