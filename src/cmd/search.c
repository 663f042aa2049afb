/* search-sql: `hearth search-sql` prints the SQL the client search runs for a name, and its
 * parameters, as the server would run it for a user: what bench/run times, so that the benchmark
 * measures the query the server really runs. */
#include "base/base.h"
#include "cmd/cmd.h"
#include "core/identity.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>

const char cmd_search_sql_usage[] =
    "hearth search-sql [--db URL] [--as USERNAME] WORDS\n"
    "  The SQL of a name search (GET /api/v1/clients?q=WORDS, the first page of 20) as the server runs it\n"
    "  for USERNAME (default cm1) on this database's engine, then its parameters, one per line:\n"
    "  ?N TYPE VALUE (TYPE: i an integer, t a text, n a null).";

int cmd_search_sql(int argc, char **argv)
{
    static const char *const names[] = {"db", "as", NULL};
    const char *v[2] = {0}, *pos[1] = {0};
    if (cmd_opts(argc, argv, names, v, pos, 1) < 0 || !pos[0]) {
        fprintf(stderr, "usage: %s\n", cmd_search_sql_usage);
        return EXIT_USAGE;
    }
    struct db *db;
    if (cmd_open_existing(v[0] ? v[0] : "var/hearth.db", &db) != 0)
        return EXIT_FAIL;
    struct actor a;
    char hash[128];
    if (identity_login(db, v[1] ? v[1] : "cm1", &a, hash) != 0) {
        fprintf(stderr, "hearth: no enabled account '%s'\n", v[1] ? v[1] : "cm1");
        db_close(db);
        return EXIT_FAIL;
    }
    json_t *e = client_search_explain(db, pos[0], a.org_id, a.staff_id, a.role);
    db_close(db);
    if (!e) {
        fprintf(stderr, "hearth: '%s' has no word to search by\n", pos[0]);
        return EXIT_USAGE;
    }
    printf("%s\n", json_string_value(json_object_get(e, "sql")));
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(e, "params"), i, p)
    {
        if (json_is_integer(p))
            printf("?%zu i %lld\n", i + 1, (long long)json_integer_value(p));
        else if (json_is_string(p))
            printf("?%zu t %s\n", i + 1, json_string_value(p));
        else
            printf("?%zu n\n", i + 1);
    }
    json_decref(e);
    return EXIT_OK;
}
