/* access: `hearth access-table` prints the access table (core/access.c) as text, one line per cell
 * that is not a denial (or every cell with --all): resource action relationship role verdict. */
#include "base/base.h"
#include "cmd/cmd.h"
#include <stdio.h>
#include <string.h>

const char cmd_access_table_usage[] =
    "hearth access-table [--all]\n"
    "  One line per resource, action, relationship and role the table allows (with --all, the\n"
    "  denials too): RESOURCE ACTION RELATIONSHIP ROLE VERDICT (allow, purpose, deny).";

int cmd_access_table(int argc, char **argv)
{
    static const char *const names[] = {"all!", NULL};
    const char *vals[1] = {0};
    if (cmd_opts(argc, argv, names, vals, NULL, 0) != 0)
        return EXIT_USAGE;
    int all = vals[0] != NULL;
    for (int r = 0; r < RES__COUNT; r++)
        for (int a = 0; a < ACT__COUNT; a++)
            for (int rel = 0; rel < REL__COUNT; rel++)
                for (int role = 0; role < ROLE__COUNT; role++) {
                    enum verdict v = access_table((enum res)r, (enum act)a, (enum rel)rel, role);
                    if (v == V_DENY && !all)
                        continue;
                    printf("%s %s %s %s %s\n", access_res_name((enum res)r), access_act_name((enum act)a),
                           access_rel_name((enum rel)rel), role_table[role].name, access_verdict_name(v));
                }
    return EXIT_OK;
}
