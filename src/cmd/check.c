/* check: `hearth check-assignments` lists everything still assigned to a disabled account (primary
 * case manager of an open episode, a care-team place, an open task, an on-call shift not yet over),
 * one line each, and exits 1 when there is anything: nothing may stay assigned to one. */
#include "base/base.h"
#include "cmd/cmd.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

const char cmd_check_assignments_usage[] =
    "hearth check-assignments [--db URL]\n"
    "  One line per record still assigned to a disabled account: USERNAME KIND ID client=ID WHAT.\n"
    "  Exit 0 when there is none, 1 when there is any (hand it over: POST /api/v1/staff/ID/handover,\n"
    "  or the staff page's \"Hand over and disable\").";

int cmd_check_assignments(int argc, char **argv)
{
    static const char *const names[] = {"db", NULL};
    const char *v[1] = {0};
    if (cmd_opts(argc, argv, names, v, NULL, 0) != 0)
        return EXIT_USAGE;
    struct db *db;
    cmd_set_audit_key(NULL, CMD_KEY_NONE); /* reads only */
    if (cmd_open_existing(v[0] ? v[0] : "var/hearth.db", &db) != 0)
        return EXIT_FAIL;
    struct ctx c;
    ctx_init(&c, &cmd_operator, db);
    json_t *page = NULL;
    char after[640] = "";
    long found = 0;
    int r;
    do { /* every page */
        r = handover_disabled(&c, &(struct page){after, 0}, &page);
        json_t *next = json_object_get(page, "next");
        snprintf(after, sizeof after, "%s", json_is_string(next) ? json_string_value(next) : "");
        size_t i;
        json_t *row;
        json_array_foreach(json_object_get(page, "items"), i, row)
        {
            found++;
            char cl[24] = "-";
            if (json_is_integer(json_object_get(row, "client_id")))
                snprintf(cl, sizeof cl, "%lld", (long long)json_integer_value(json_object_get(row, "client_id")));
            const char *what = json_string_value(json_object_get(row, "what"));
            printf("%s %s %lld client=%s %s\n", json_string_value(json_object_get(row, "username")),
                   json_string_value(json_object_get(row, "kind")),
                   (long long)json_integer_value(json_object_get(row, "id")), cl, what ? what : "");
        }
        json_decref(page);
        page = NULL;
    } while (r == OK && *after);
    int rc = EXIT_OK;
    if (r != OK) {
        cmd_report(&c, r);
        rc = EXIT_FAIL;
    } else if (found) {
        fprintf(stderr, "hearth: %ld record%s still assigned to disabled accounts\n", found, found == 1 ? "" : "s");
        rc = EXIT_FAIL;
    } else {
        printf("nothing is assigned to a disabled account\n");
    }
    ctx_clear(&c);
    db_close(db);
    return rc;
}
