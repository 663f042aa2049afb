/* admin: init (schema and first administrator), user (accounts), backup, audit verify. */
#include "cmd/cmd.h"
#include "auth/auth.h"
#include "core/identity.h"
#include "db/db.h"
#include "db/writer.h"
#include <stdio.h>
#include <stdlib.h>
#include <sodium.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* A password from the option, the environment, or asked twice at the terminal. */
static const char *password_from(const char *opt, char *buf, size_t len)
{
    if (opt)
        return opt;
    const char *env = getenv("HEARTH_ADMIN_PASSWORD");
    if (env && *env)
        return env;
    if (!isatty(STDIN_FILENO))
        return NULL;
    struct termios t, quiet;
    tcgetattr(STDIN_FILENO, &t);
    quiet = t;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    char again[256];
    fprintf(stderr, "Password: ");
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    int ok = fgets(buf, (int)len, stdin) != NULL;
    fprintf(stderr, "\nAgain: ");
    ok = ok && fgets(again, sizeof again, stdin) != NULL;
    tcsetattr(STDIN_FILENO, TCSANOW, &t);
    fprintf(stderr, "\n");
    buf[strcspn(buf, "\n")] = 0;
    again[strcspn(again, "\n")] = 0;
    if (!ok || strcmp(buf, again) != 0) {
        fprintf(stderr, "hearth: the passwords differ\n");
        return NULL;
    }
    return buf;
}

/* Run one core change in its own transaction, audited like a request. */
struct job {
    struct wjob w;
    struct ctx *c;
    int (*fn)(struct ctx *c, void *arg);
    void *arg;
};
static int job_run(struct wjob *w, struct db *db)
{
    struct job *j = (struct job *)w;
    j->c->db = db;
    int rc = j->fn(j->c, j->arg);
    if (rc == OK && audit_flush(j->c, db, 0) != OK)
        rc = ERR_DB;
    return rc;
}
static int run_change(struct db *db, struct ctx *c, int (*fn)(struct ctx *, void *), void *arg)
{
    struct job j = {.w = {.run = job_run}, .c = c, .fn = fn, .arg = arg};
    int rc = writer_run_now(db, &j.w);
    if (rc != OK && !j.w.committed && rc == -1 && !c->msg[0])
        snprintf(c->msg, sizeof c->msg, "the database refused the change: %s", db_errmsg(db));
    return rc;
}

static int create_org(struct ctx *c, void *arg)
{
    json_t **io = arg;
    return org_create(c, io[0], &io[1]);
}
/* The password is checked and hashed here, before the write job: Argon2id never runs inside one. */
struct staff_arg {
    json_t *in, *out;
    char hash[128];
};
static int create_staff(struct ctx *c, void *arg)
{
    struct staff_arg *s = arg;
    return staff_create(c, s->in, s->hash[0] ? s->hash : NULL, &s->out);
}
static int hash_password(struct ctx *c, const char *field, const char *pw, char hash[128])
{
    char m[96];
    const char *problem = auth_password_problem(pw, m, sizeof m);
    hash[0] = 0;
    if (problem)
        return ctx_field(c, field, problem);
    if (auth_password_hash(pw, hash) != 0) {
        hash[0] = 0;
        return ctx_fail(c, ERR_DB, "the password could not be hashed");
    }
    return OK;
}
static int add_staff(struct db *db, struct ctx *c, struct staff_arg *s, const char *pw)
{
    int r = hash_password(c, "password", pw, s->hash);
    if (r == ERR_DB)
        return r;
    r = run_change(db, c, create_staff, s);
    sodium_memzero(s->hash, sizeof s->hash);
    return r;
}

int cmd_init(int argc, char **argv)
{
    static const char *const names[] = {"db", "admin", "name", "org", "password", "audit-key", NULL};
    const char *v[6] = {0}, *pos[1];
    if (cmd_opts(argc, argv, names, v, pos, 0) < 0 || !v[1]) {
        fprintf(stderr, "usage: hearth init [--db URL] --admin USERNAME [--name NAME] [--org NAME] [--password P]"
                        " [--audit-key FILE]\n");
        return EXIT_USAGE;
    }
    char pwbuf[256];
    const char *pw = password_from(v[4], pwbuf, sizeof pwbuf);
    if (!pw) {
        fprintf(stderr, "hearth: give the administrator's password (--password, HEARTH_ADMIN_PASSWORD or a terminal)\n");
        return EXIT_USAGE;
    }
    struct db *db;
    cmd_set_audit_key(v[5], CMD_KEY_CREATE); /* made here for a new database */
    if (cmd_open(v[0] ? v[0] : "var/hearth.db", NULL, &db) != 0)
        return EXIT_FAIL;
    int rc = EXIT_OK;
    struct ctx c;
    ctx_init(&c, &cmd_operator, db);
    json_t *existing = NULL;
    int some = staff_list(&c, &(struct page){NULL, 1}, NULL, &existing) == OK &&
               json_array_size(json_object_get(existing, "items")) > 0;
    json_decref(existing);
    if (some) {
        fprintf(stderr, "hearth: this database already has staff accounts; use 'hearth user add'\n");
        ctx_clear(&c);
        db_close(db);
        return EXIT_FAIL;
    }
    json_t *io[2] = {json_pack("{s:s,s:s}", "name", v[3] ? v[3] : "Hearth", "kind", "mental_health_welfare_centre"),
                     NULL};
    int r = run_change(db, &c, create_org, io);
    if (r == OK) {
        json_int_t org = json_integer_value(json_object_get(io[1], "id"));
        struct staff_arg so = {.in = json_pack("{s:s,s:s,s:s,s:I}", "username", v[1], "display_name",
                                               v[2] ? v[2] : v[1], "role", "admin", "org_id", org)};
        r = add_staff(db, &c, &so, pw);
        json_decref(so.in);
        json_decref(so.out);
    }
    if (r != OK) {
        cmd_report(&c, r);
        rc = EXIT_FAIL;
    } else {
        char key[4200];
        if (v[5])
            snprintf(key, sizeof key, "%s", v[5]);
        else
            audit_key_file(db, key, sizeof key);
        printf("initialised %s: administrator '%s'\n"
               "the audit key is %s (mode 0600): keep a copy apart from the database's backups; without it"
               " the audit chain cannot be verified\n",
               v[0] ? v[0] : "var/hearth.db", v[1], key);
    }
    json_decref(io[0]);
    json_decref(io[1]);
    ctx_clear(&c);
    db_close(db);
    return rc;
}

struct pw_arg {
    int64_t id;
    char hash[128];
};
static int set_pw(struct ctx *c, void *arg)
{
    struct pw_arg *p = arg;
    return staff_set_password(c, p->id, p->hash);
}
struct upd_arg {
    int64_t id;
    json_t *in, *out;
};
static int upd_staff(struct ctx *c, void *arg)
{
    struct upd_arg *u = arg;
    json_t *cur = NULL;
    int rc = staff_get(c, u->id, &cur);
    if (rc != OK)
        return rc;
    int64_t ver = json_integer_value(json_object_get(cur, "version"));
    json_decref(cur);
    return staff_update(c, u->id, ver, u->in, &u->out);
}

int cmd_user(int argc, char **argv)
{
    static const char *const names[] = {"db",         "username", "name",      "role", "org",
                                        "discipline", "password", "audit-key", NULL};
    const char *v[8] = {0}, *pos[1] = {0};
    if (cmd_opts(argc, argv, names, v, pos, 1) != 1) {
        fprintf(stderr, "usage: hearth user list|add|passwd|disable [options] (see 'hearth user --help')\n");
        return EXIT_USAGE;
    }
    const char *verb = pos[0];
    if (strcmp(verb, "list") && strcmp(verb, "add") && strcmp(verb, "passwd") && strcmp(verb, "disable")) {
        fprintf(stderr, "hearth: 'user %s' is not a verb: list, add, passwd or disable\n", verb);
        return EXIT_USAGE;
    }
    if (strcmp(verb, "list") != 0 && !v[1]) {
        fprintf(stderr, "hearth: give --username\n");
        return EXIT_USAGE;
    }
    struct db *db;
    cmd_set_audit_key(v[7], CMD_KEY_CREATE);
    if (cmd_open_existing(v[0] ? v[0] : "var/hearth.db", &db) != 0)
        return EXIT_FAIL;
    struct ctx c;
    ctx_init(&c, &cmd_operator, db);
    int r = OK, rc = EXIT_OK;
    if (strcmp(verb, "list") == 0) {
        json_t *page = NULL;
        char after[640] = "";
        do { /* every page: the list is never cut */
            r = staff_list(&c, &(struct page){after, 0}, NULL, &page);
            json_t *rows = json_object_get(page, "items"), *next = json_object_get(page, "next");
            snprintf(after, sizeof after, "%s", json_is_string(next) ? json_string_value(next) : "");
            size_t i;
            json_t *row;
            json_array_foreach(rows, i, row)
            {
                printf("%-16s %-28s %-20s %-22s %s%s\n", json_string_value(json_object_get(row, "username")),
                       json_string_value(json_object_get(row, "display_name")),
                       json_string_value(json_object_get(row, "role")),
                       json_is_string(json_object_get(row, "discipline"))
                           ? json_string_value(json_object_get(row, "discipline"))
                           : "",
                       json_string_value(json_object_get(row, "organisation")),
                       json_is_true(json_object_get(row, "disabled")) ? " (disabled)" : "");
            }
            json_decref(page);
            page = NULL;
        } while (r == OK && *after);
    } else if (strcmp(verb, "add") == 0) {
        char pwbuf[256];
        const char *pw = password_from(v[6], pwbuf, sizeof pwbuf);
        struct staff_arg s = {.in = json_pack("{s:s,s:s?,s:s?,s:I,s:s?}", "username", v[1], "display_name", v[2],
                                              "role", v[3], "org_id", (json_int_t)(v[4] ? atoll(v[4]) : 0),
                                              "discipline", v[5])};
        r = add_staff(db, &c, &s, pw);
        if (r == OK)
            printf("added %s\n", v[1]);
        json_decref(s.in);
        json_decref(s.out);
    } else {
        int64_t id = identity_staff_id(db, v[1]);
        if (!id) {
            fprintf(stderr, "hearth: no user '%s'\n", v[1]);
            rc = EXIT_FAIL;
        } else if (strcmp(verb, "passwd") == 0) {
            char pwbuf[256];
            const char *pw = password_from(v[6], pwbuf, sizeof pwbuf);
            struct pw_arg p = {.id = id};
            r = !pw ? ctx_fail(&c, ERR_INVALID, "give the new password") : hash_password(&c, "password", pw, p.hash);
            if (r == OK && c.errors)
                r = ctx_fail(&c, ERR_INVALID, "Some fields need attention.");
            if (r == OK)
                r = run_change(db, &c, set_pw, &p);
            sodium_memzero(p.hash, sizeof p.hash);
            if (r == OK)
                printf("password changed for %s\n", v[1]);
        } else {
            struct upd_arg u = {id, json_pack("{s:b}", "disabled", 1), NULL};
            r = run_change(db, &c, upd_staff, &u);
            if (r == OK)
                printf("disabled %s; their sessions have ended\n", v[1]);
            json_decref(u.in);
            json_decref(u.out);
        }
    }
    if (r != OK) {
        cmd_report(&c, r);
        rc = EXIT_FAIL;
    }
    ctx_clear(&c);
    db_close(db);
    return rc;
}

int cmd_backup(int argc, char **argv)
{
    static const char *const names[] = {"db", NULL};
    const char *v[1] = {0}, *pos[1] = {0};
    if (cmd_opts(argc, argv, names, v, pos, 1) != 1) {
        fprintf(stderr, "usage: hearth backup [--db URL] FILE\n");
        return EXIT_USAGE;
    }
    if (access(pos[0], F_OK) == 0) {
        fprintf(stderr, "hearth: %s exists; choose a new file\n", pos[0]);
        return EXIT_FAIL;
    }
    struct db *db;
    cmd_set_audit_key(NULL, CMD_KEY_NONE); /* the key is never in a backup, nor made for one */
    if (cmd_open_existing(v[0] ? v[0] : "var/hearth.db", &db) != 0)
        return EXIT_FAIL;
    int rc = db_backup(db, pos[0], NULL) == DB_OK ? EXIT_OK : EXIT_FAIL;
    if (rc == EXIT_OK) {
        /* The copy carries its own head file, so `hearth audit verify --db COPY` works on it. */
        struct db *copy;
        if (cmd_open(pos[0], NULL, &copy) == 0) {
            audit_write_head(copy);
            db_close(copy);
        }
        char key[4200];
        audit_key_file(db, key, sizeof key);
        printf("backup written to %s\n"
               "the audit key (%s) is not in it: keep a copy of the key apart from the backups, and verify"
               " the copy with: hearth audit verify --db %s --audit-key KEYFILE\n",
               pos[0], key, pos[0]);
    }
    db_close(db);
    return rc;
}

int cmd_audit(int argc, char **argv)
{
    static const char *const names[] = {"db", "audit-key", NULL};
    const char *v[2] = {0}, *pos[1] = {0};
    if (cmd_opts(argc, argv, names, v, pos, 1) != 1 || strcmp(pos[0], "verify") != 0) {
        fprintf(stderr, "usage: hearth audit verify [--db URL] [--audit-key FILE]\n");
        return EXIT_USAGE;
    }
    const char *url = v[0] ? v[0] : "var/hearth.db";
    struct db *db;
    cmd_set_audit_key(NULL, CMD_KEY_NONE); /* verify reads the key; it never makes one */
    if (cmd_open_existing(url, &db) != 0)
        return EXIT_FAIL;
    char head[4200], report[600], err[600];
    audit_head_file(db, head, sizeof head);
    struct audit_key k;
    int bad;
    if (audit_key_open(db, v[1], 0, &k, err, sizeof err) != 0) {
        snprintf(report, sizeof report, "%.480s; the chain cannot be checked without its key (--audit-key FILE)", err);
        bad = 1;
    } else {
        bad = audit_verify(db, head[0] ? head : NULL, &k, report, sizeof report);
        sodium_memzero(&k, sizeof k);
    }
    printf("audit %s: %s\n", bad ? "FAILED" : "ok", report);
    db_close(db);
    return bad ? EXIT_FAIL : EXIT_OK;
}
