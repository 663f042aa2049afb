/* suppress: small-cell suppression of the evaluation's tables (issue 14 §2), with complementary
 * suppression so that no suppressed cell can be worked out from what is shown.
 *
 * What is published for one indicator and one period is a set of LINKED two-way tables: each table is
 * organisations (rows) by the values of one dimension (columns: programme, district, target group,
 * life stage, partner organisation, or a single column), with its margins: a total per organisation
 * (the row total), a total per value (the column total) and the grand total. Every table of the set
 * has the same rows, so the row totals and the grand total are the SAME published numbers in every
 * table of the set: a row total suppressed in one is suppressed in all.
 *
 * A cell is shown, or suppressed as primary (the caller says which: a count from 1 to threshold-1 in
 * any of its layers - numerator, denominator, or the complement of a proportion), or suppressed as
 * complementary (chosen here so that no suppressed cell is determined by the linear equations the
 * shown cells satisfy: each table's rows and columns add up to their totals). Zero cells are shown and
 * are never chosen as complements unless nothing else will do.
 *
 * Coarser periods of an ADDITIVE indicator (a quarter is the sum of its months) are published from
 * the finest period's protected tables: see supp_coarse. */
#ifndef HEARTH_SUPPRESS_H
#define HEARTH_SUPPRESS_H
#include <stddef.h>

enum supp_state { SUPP_SHOWN = 0, SUPP_PRIMARY = 1, SUPP_SECONDARY = 2 };

/* One two-way table with margins, (rows+1) x (cols+1) cells, row-major: cell (r, c) at
 * r * (cols + 1) + c; row `rows` holds the column totals, column `cols` the row totals, and
 * (rows, cols) the grand total. cost: what suppressing the cell costs (usually its count; the
 * caller's choice), >= 0; margins too (their count): the library itself ranks every margin and every
 * interior cell of cost 0 (taken for a zero cell) above any number of ordinary cells, and the grand
 * total above those. state: in, the primary cells (SUPP_PRIMARY) and the rest SUPP_SHOWN (a
 * SUPP_SECONDARY from an earlier run is kept); out, the complements added (SUPP_SECONDARY). A number
 * that is the same number in two places gets one state: a row total or the grand total in every table
 * of the set; a single column's cell and its row total; a single row's cell and its column total. */
struct supp_table {
    int rows, cols;
    const long *cost;
    unsigned char *state;
};

/* Protect a set of n linked tables (same rows; their row totals and grand totals are one set of
 * numbers). Adds complementary suppressions until no suppressed cell of any table is determined by
 * the shown cells of all of them (checked exactly: Gaussian elimination over the equations the
 * tables' rows and columns satisfy, restricted to the suppressed cells). Returns the number of
 * complements added, or -1 when out of memory or when the tables are not a set (rows or cols below
 * 1, rows differing between tables). The audit is linear: no suppressed number can be worked out
 * exactly; bounds (a count is never negative) are not considered. */
int supp_protect(struct supp_table *t, int n);

/* The display state of a coarse period's cell of an additive indicator, from the k finer periods'
 * cells at the same place (their protected states fine_state[0..k-1], their counts fine_n[0..k-1]):
 * SUPP_SHOWN when every finer cell is shown (the coarse count is then their sum); otherwise
 * SUPP_PRIMARY when the coarse count (the sum of all k) is from 1 to threshold-1, and
 * SUPP_SECONDARY else. *known gets the sum of the shown finer cells (a lower bound a page may show
 * as "at least", when it is at least threshold). */
enum supp_state supp_coarse(const unsigned char *fine_state, const long *fine_n, int k, long threshold,
                            long *known);

/* The threshold in force: HEARTH's default 11; a configured value below 5 is refused by the
 * configuration's check (supp_threshold_valid). */
#define SUPP_THRESHOLD_DEFAULT 11
#define SUPP_THRESHOLD_MIN 5
int supp_threshold_valid(long t);
#endif
