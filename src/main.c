/* hearth: one binary, one table of subcommands. */
#include "base/base.h"
#include "cmd/cmd.h"
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int cmd_help(int argc, char **argv);

static const struct cmd commands[] = {
    {"serve", "serve Hearth over HTTP",
     "hearth serve [--db URL] [--listen HOST:PORT] [--threads N] [--tls-cert F --tls-key F]\n"
     "             [--synchronous FULL|NORMAL|OFF] [--static DIR] [--max-batch N] [--quiet]\n"
     "             [--instruments DIR] [--instruments-extra DIR] [--lang en|ko] [--locale DIR]\n"
     "             [--audit-key FILE] [--audit-head-log SECONDS (default 300, 0: off)]\n"
     "             [--eligibility DIR] [--eligibility-extra DIR] [--sweep SECONDS (default 60, 0: off)]\n"
     "             [--caseload-weights FILE (default caseload/weights.rules)]\n"
     "             [--housing-rules FILE (default housing/priority.rules)]\n"
     "             [--care-services FILE (default care/services.rules)]\n"
     "             [--indicators FILE (default indicators/indicators.rules)] [--small-cell N (default 11, >= 5)]",
     cmd_serve},
    {"init", "create the database and the first administrator",
     "hearth init [--db URL] --admin USERNAME [--name NAME] [--org NAME] [--password P] [--audit-key FILE]\n"
     "  The password may also come from HEARTH_ADMIN_PASSWORD. The audit key is made, mode 0600, at\n"
     "  --audit-key FILE (default DBFILE.audit-key beside SQLite, var/DBNAME.audit-key on PostgreSQL).",
     cmd_init},
    {"demo", "create a database filled with synthetic demo data",
     "hearth demo [--db URL] [--clients N] [--seed S] [--password P] [--if-empty] [--audit-key FILE]\n"
     "            [--instruments DIR]   (scores the demo assessments; default instruments/)\n"
     "            [--locale en|ko]      (ko: Korean names, organisations, addresses and phones; default en)", cmd_demo},
    {"user", "add, list, disable staff accounts or set a password",
     "hearth user list [--db URL]   (every user command takes --audit-key FILE too)\n"
     "hearth user add [--db URL] --username U --name NAME --role ROLE --org ID [--discipline D] [--password P]\n"
     "hearth user passwd [--db URL] --username U [--password P]\n"
     "hearth user disable [--db URL] --username U",
     cmd_user},
    {"backup", "write an online, consistent copy of the database", "hearth backup [--db URL] FILE", cmd_backup},
    {"audit", "verify the audit hash chain", "hearth audit verify [--db URL] [--audit-key FILE]", cmd_audit},
    {"migrate-data", "move a whole database, audit chain included, to another (SQLite to PostgreSQL)", cmd_migrate_data_usage, cmd_migrate_data},
    {"access-table", "print the access table: resource, action, relationship, role, verdict",
     cmd_access_table_usage, cmd_access_table},
    {"check-assignments", "list anything still assigned to a disabled account (exit 1 when there is any)",
     cmd_check_assignments_usage, cmd_check_assignments},
    {"sweep", "run the time rules once (referrals not acknowledged in time, consents about to expire)",
     cmd_sweep_usage, cmd_sweep},
    {"evaluate", "compute the evaluation's indicators into the precomputed aggregates (a refresh)",
     cmd_evaluate_usage, cmd_evaluate},
    {"search-sql", "print the SQL and parameters of a name search, as the server runs it",
     cmd_search_sql_usage, cmd_search_sql},
    {"help", "list the commands, or explain one", "hearth help [COMMAND]", cmd_help},
};

static int cmd_help(int argc, char **argv)
{
    if (argc > 1) {
        for (size_t i = 0; i < ARRAY_LEN(commands); i++)
            if (strcmp(commands[i].name, argv[1]) == 0) {
                printf("%s: %s\n\nusage: %s\n", commands[i].name, commands[i].summary, commands[i].usage);
                return EXIT_OK;
            }
        fprintf(stderr, "hearth: no command '%s'\n", argv[1]);
        return EXIT_USAGE;
    }
    printf("Hearth: case management for community mental health.\n\nusage: hearth COMMAND [OPTIONS]\n\n");
    for (size_t i = 0; i < ARRAY_LEN(commands); i++)
        printf("  %-13s %s\n", commands[i].name, commands[i].summary);
    printf("\n'hearth COMMAND --help' explains one. The database defaults to var/hearth.db.\n");
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    if (sodium_init() < 0) {
        fprintf(stderr, "hearth: libsodium failed to start\n");
        return EXIT_FAIL;
    }
    if (argc < 2)
        return cmd_help(1, argv), EXIT_USAGE;
    for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
        if (strcmp(commands[i].name, argv[1]) != 0)
            continue;
        if (cmd_wants_help(argc - 1, argv + 1)) {
            printf("%s: %s\n\nusage: %s\n", commands[i].name, commands[i].summary, commands[i].usage);
            return EXIT_OK;
        }
        return commands[i].run(argc - 1, argv + 1);
    }
    fprintf(stderr, "hearth: no command '%s' (see 'hearth help')\n", argv[1]);
    return EXIT_USAGE;
}
