/* cmd: the hearth subcommands, one file each, joined in one table in main.c. */
#ifndef HEARTH_CMD_H
#define HEARTH_CMD_H
#include "core/core.h"

struct cmd {
    const char *name;
    const char *summary;
    const char *usage; /* shown by `hearth CMD --help` */
    int (*run)(int argc, char **argv);
};

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Open (creating if needed) and migrate a database; sets the audit head file beside it. */
int cmd_open(const char *url, const char *synchronous, struct db **out);
int cmd_open_existing(const char *url, struct db **out);
/* The audit key the next cmd_open uses for the records it appends: the file (NULL: the default
 * place, see audit_key_file), and CMD_KEY_CREATE (the default: read it, or make it for a database
 * without one) or CMD_KEY_NONE (leave it alone: backup, audit verify, a migration's target). */
enum { CMD_KEY_CREATE = 0, CMD_KEY_NONE = 1 };
void cmd_set_audit_key(const char *path, int mode);
/* The operator at the console: acts as an administrator with no staff row. */
extern const struct actor cmd_operator;
/* Print a core error to stderr. */
void cmd_report(struct ctx *c, int rc);
int cmd_wants_help(int argc, char **argv);
/* Parse "--name value" / "--name=value" options named in `names` (NULL-terminated; a name ending
 * in '!' is a flag without value) into vals[i]; other words go to pos. -1 (after a message) on
 * an unknown option or too many words. */
int cmd_opts(int argc, char **argv, const char *const *names, const char **vals, const char **pos, int maxpos);

int cmd_serve(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_migrate_data(int argc, char **argv);
extern const char cmd_migrate_data_usage[];
int cmd_access_table(int argc, char **argv);
int cmd_check_assignments(int argc, char **argv);
extern const char cmd_check_assignments_usage[];
extern const char cmd_access_table_usage[];
int cmd_sweep(int argc, char **argv);
int cmd_search_sql(int argc, char **argv);
extern const char cmd_search_sql_usage[];
extern const char cmd_sweep_usage[];
int cmd_evaluate(int argc, char **argv);
extern const char cmd_evaluate_usage[];
#endif
