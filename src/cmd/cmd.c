/* cmd: what the subcommands share: options, opening the database, the console operator. */
#include "cmd/cmd.h"
#include "db/db.h"
#include "db/migrate.h"
#include "db/writer.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

const struct actor cmd_operator = {.staff_id = 0, .org_id = 0, .role = ROLE_ADMIN, .username = "console",
                                   .name = "Console operator"};

int cmd_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

int cmd_opts(int argc, char **argv, const char *const *names, const char **vals, const char **pos, int maxpos)
{
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0) {
            if (npos >= maxpos) {
                fprintf(stderr, "hearth: unexpected argument '%s'\n", a);
                return -1;
            }
            pos[npos++] = a;
            continue;
        }
        const char *eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
        int found = -1;
        for (int k = 0; names[k]; k++) {
            size_t kl = strlen(names[k]);
            int flag = names[k][kl - 1] == '!';
            if ((flag ? kl - 1 : kl) == n && strncmp(names[k], a + 2, n) == 0) {
                found = k;
                if (flag) {
                    vals[k] = "1";
                } else if (eq) {
                    vals[k] = eq + 1;
                } else if (i + 1 < argc) {
                    vals[k] = argv[++i];
                } else {
                    fprintf(stderr, "hearth: option --%s needs a value\n", names[k]);
                    return -1;
                }
                break;
            }
        }
        if (found < 0) {
            fprintf(stderr, "hearth: unknown option '%s'\n", a);
            return -1;
        }
    }
    return npos;
}

static const char *key_path;
static int key_mode = CMD_KEY_CREATE;

void cmd_set_audit_key(const char *path, int mode)
{
    key_path = path;
    key_mode = mode;
}

static void after_commit(struct db *w)
{
    audit_write_head(w);
}

/* For commands that read or change a database that must already exist (user, backup, audit):
 * a mistyped SQLite path is an error, not a new empty database. */
int cmd_open_existing(const char *url, struct db **out)
{
    const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
    if (strstr(url, "://") == NULL && access(path, F_OK) != 0) {
        fprintf(stderr, "hearth: no database at %s (hearth init or hearth demo creates one)\n", path);
        return -1;
    }
    return cmd_open(url, NULL, out);
}

int cmd_open(const char *url, const char *synchronous, struct db **out)
{
    char err[512];
    struct db_options o = {.synchronous = synchronous};
    if (db_open(url, &o, out, err, sizeof err) != DB_OK) {
        fprintf(stderr, "hearth: %s\n", err);
        return -1;
    }
    if (migrate_up(*out) != 0) {
        fprintf(stderr, "hearth: cannot bring the database schema up to date\n");
        db_close(*out);
        return -1;
    }
    char head[4200];
    audit_head_file(*out, head, sizeof head);
    audit_set_head_path(head);
    writer_set_on_commit(after_commit);
    if (key_mode == CMD_KEY_CREATE) {
        struct audit_key k;
        if (audit_key_open(*out, key_path, 1, &k, err, sizeof err) != 0) {
            fprintf(stderr, "hearth: %s\n", err);
            db_close(*out);
            return -1;
        }
        audit_use_key(&k);
        sodium_memzero(&k, sizeof k);
    }
    return 0;
}

void cmd_report(struct ctx *c, int rc)
{
    fprintf(stderr, "hearth: %s\n", c->msg[0] ? c->msg : rc == ERR_INVALID ? "invalid input" : "failed");
    if (c->errors) {
        const char *k;
        json_t *v;
        json_object_foreach(c->errors, k, v) fprintf(stderr, "  %s: %s\n", k, json_string_value(v));
    }
}
