/* suppress: small-cell suppression with complementary suppression (issue 14 §2; the interface and
 * its meaning are in suppress.h). Pure arithmetic: no database, no globals.
 *
 * The audit is exact. The unknowns are the suppressed numbers of a set of linked tables: each
 * table's interior cells and column totals are its own, the row totals and the grand total are one
 * number each for the whole set. The equations are each table's row sums (interior cells to the row
 * total), column sums (interior cells to the column total) and the column totals to the grand total,
 * and once the row totals to the grand total; shown numbers are constants, so only the unknowns'
 * coefficients matter. Reduced row echelon form modulo the prime 2^31 - 1 (exact: no rounding): an
 * unknown is DETERMINED when its column is a pivot whose row has no other non-zero entry (its value is
 * then a combination of shown numbers).
 *
 * While something is determined, complements are added. A table is a bipartite graph: a node per row
 * (the total row too) and per column (the total column too), an edge per cell. With a table's
 * margins written with a minus sign, every equation says "the edges at this node add up to zero", so
 * a suppressed cell of one table alone is safe exactly when it lies on a cycle of suppressed edges.
 * For a determined cell the cheapest path from its row node to its column node (not over the cell
 * itself) is suppressed: suppressed edges cost nothing, shown cells their cost plus one, a zero cell
 * or a margin costs more than any number of ordinary cells, and the grand total more than any number
 * of those. Linking the tables can leave a number determined that lies on a suppressed cycle in every
 * table; then the cheapest path that suppresses at least one more cell is taken. Suppressions only
 * grow, so the loop ends (with everything suppressed nothing is determined). */
#include "core/suppress.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define P 2147483647u /* 2^31 - 1 */

static uint32_t mulmod(uint32_t a, uint32_t b)
{
    return (uint32_t)(((uint64_t)a * b) % P);
}

static uint32_t inv(uint32_t a)
{
    uint32_t r = 1, e = P - 2;
    while (e) {
        if (e & 1)
            r = mulmod(r, a);
        a = mulmod(a, a);
        e >>= 1;
    }
    return r;
}

static int cols_of(const struct supp_table *t)
{
    return t->cols + 1;
}

static unsigned char *st(struct supp_table *t, int r, int c)
{
    return &t->state[r * cols_of(t) + c];
}

/* SHOWN < SECONDARY < PRIMARY: a number that is primary anywhere is primary everywhere it appears. */
static int rank(unsigned char s)
{
    return s == SUPP_PRIMARY ? 2 : s == SUPP_SECONDARY ? 1 : 0;
}

static int mark(struct supp_table *t, int n, int k, int r, int c, unsigned char how);

/* Raises to at least `how` every number that is the same number as (t, r, c): a row total or the
 * grand total in every table; in a single-column table a cell and its row total, the column total and
 * the grand total; in a single-row set a cell and its column total, the row total and the grand
 * total. Returns how many shown cells became complements. */
static int twins(struct supp_table *t, int n, int k, int r, int c, unsigned char how)
{
    int added = 0, C = t[k].cols;
    if (c == C)
        for (int j = 0; j < n; j++)
            added += mark(t, n, j, r, t[j].cols, how);
    if (C == 1)
        added += mark(t, n, k, r, 1 - c, how);
    if (t[k].rows == 1)
        added += mark(t, n, k, 1 - r, c, how);
    return added;
}

/* Suppresses (t, r, c) (as `how`, unless it already is at least that) and its twins. */
static int mark(struct supp_table *t, int n, int k, int r, int c, unsigned char how)
{
    unsigned char *s = st(&t[k], r, c);
    if (rank(*s) >= rank(how))
        return 0;
    int added = *s == SUPP_SHOWN && how == SUPP_SECONDARY;
    *s = how;
    return added + twins(t, n, k, r, c, how);
}

/* The caller's states made consistent: each suppressed number's twins suppressed alike. */
static int sync(struct supp_table *t, int n)
{
    int added = 0;
    for (int k = 0; k < n; k++)
        for (int r = 0; r <= t[k].rows; r++)
            for (int c = 0; c <= t[k].cols; c++)
                if (*st(&t[k], r, c) != SUPP_SHOWN)
                    added += twins(t, n, k, r, c, *st(&t[k], r, c));
    return added;
}

/* ---- the audit ---- */

struct audit {
    int n, R;
    int *base;    /* per table: its first cell's index in idx */
    int *idx;     /* per cell of every table: its unknown's column, or -1 when shown */
    int nu;       /* unknowns */
    int *who_t;   /* per unknown: a table, row and column where it appears */
    int *who_r;
    int *who_c;
    uint32_t *m;  /* rows x nu */
    int rows;
    int *pivrow;  /* per unknown: its pivot row or -1 */
};

static int unknown_of(const struct audit *a, const struct supp_table *t, int k, int r, int c)
{
    return a->idx[a->base[k] + r * cols_of(&t[k]) + c];
}

static void audit_free(struct audit *a)
{
    free(a->base);
    free(a->idx);
    free(a->who_t);
    free(a->who_r);
    free(a->who_c);
    free(a->m);
    free(a->pivrow);
    memset(a, 0, sizeof *a);
}

static void put(struct audit *a, int row, int u, uint32_t v)
{
    if (u >= 0)
        a->m[(size_t)row * a->nu + u] = (a->m[(size_t)row * a->nu + u] + v) % P;
}

/* Numbers the unknowns (each table's own first, the shared ones last, so that elimination stays
 * inside one table's equations while it can), writes the equations and reduces them.
 * Returns -1 when out of memory. */
static int audit_run(struct audit *a, struct supp_table *t, int n)
{
    memset(a, 0, sizeof *a);
    a->n = n;
    a->R = t[0].rows;
    int R = a->R;
    size_t cells = 0;
    a->base = malloc(sizeof(int) * (size_t)n);
    if (!a->base)
        return -1;
    for (int k = 0; k < n; k++) {
        a->base[k] = (int)cells;
        cells += (size_t)(R + 1) * (size_t)cols_of(&t[k]);
    }
    a->idx = malloc(sizeof(int) * cells);
    a->who_t = malloc(sizeof(int) * cells);
    a->who_r = malloc(sizeof(int) * cells);
    a->who_c = malloc(sizeof(int) * cells);
    if (!a->idx || !a->who_t || !a->who_r || !a->who_c)
        return -1;
    int nu = 0;
    for (int k = 0; k < n; k++)
        for (int r = 0; r <= R; r++)
            for (int c = 0; c <= t[k].cols; c++) {
                int *x = &a->idx[a->base[k] + r * cols_of(&t[k]) + c];
                *x = -1;
                if (c < t[k].cols && *st(&t[k], r, c) != SUPP_SHOWN) {
                    a->who_t[nu] = k, a->who_r[nu] = r, a->who_c[nu] = c;
                    *x = nu++;
                }
            }
    for (int r = 0; r <= R; r++) { /* the row totals and the grand total: one unknown for the set */
        int u = -1;
        for (int k = 0; k < n; k++) {
            if (*st(&t[k], r, t[k].cols) == SUPP_SHOWN)
                continue;
            if (u < 0) {
                a->who_t[nu] = k, a->who_r[nu] = r, a->who_c[nu] = t[k].cols;
                u = nu++;
            }
            a->idx[a->base[k] + r * cols_of(&t[k]) + t[k].cols] = u;
        }
    }
    a->nu = nu;
    int rows = 1;
    for (int k = 0; k < n; k++)
        rows += R + 1 + t[k].cols;
    a->rows = rows;
    a->pivrow = malloc(sizeof(int) * (size_t)(nu ? nu : 1));
    a->m = calloc((size_t)rows * (size_t)(nu ? nu : 1), sizeof(uint32_t));
    if (!a->pivrow || !a->m)
        return -1;
    if (nu == 0)
        return 0;
    /* the equations */
    int e = 0;
    for (int k = 0; k < n; k++) {
        int C = t[k].cols;
        for (int r = 0; r <= R; r++, e++) { /* a row's cells add up to its total (total row: to G) */
            for (int c = 0; c < C; c++)
                put(a, e, unknown_of(a, t, k, r, c), 1);
            put(a, e, unknown_of(a, t, k, r, C), P - 1);
        }
        for (int c = 0; c < C; c++, e++) { /* a column's cells add up to its total */
            for (int r = 0; r < R; r++)
                put(a, e, unknown_of(a, t, k, r, c), 1);
            put(a, e, unknown_of(a, t, k, R, c), P - 1);
        }
    }
    for (int r = 0; r < R; r++) /* the row totals add up to the grand total, once */
        put(a, e, unknown_of(a, t, 0, r, t[0].cols), 1);
    put(a, e, unknown_of(a, t, 0, R, t[0].cols), P - 1);

    /* reduced row echelon form */
    char *used = calloc((size_t)rows, 1);
    int *nz = malloc(sizeof(int) * (size_t)nu);
    if (!used || !nz) {
        free(used);
        free(nz);
        return -1;
    }
    for (int u = 0; u < nu; u++) {
        a->pivrow[u] = -1;
        int p = -1;
        for (int i = 0; i < rows; i++)
            if (!used[i] && a->m[(size_t)i * nu + u]) {
                p = i;
                break;
            }
        if (p < 0)
            continue;
        used[p] = 1;
        a->pivrow[u] = p;
        uint32_t *pr = &a->m[(size_t)p * nu];
        uint32_t s = inv(pr[u]);
        int nnz = 0;
        for (int j = u; j < nu; j++)
            if (pr[j]) {
                pr[j] = mulmod(pr[j], s);
                nz[nnz++] = j;
            }
        for (int i = 0; i < rows; i++) {
            uint32_t *ri = &a->m[(size_t)i * nu];
            if (i == p || !ri[u])
                continue;
            uint64_t f = P - ri[u];
            for (int q = 0; q < nnz; q++) {
                int j = nz[q];
                ri[j] = (uint32_t)((ri[j] + f * pr[j]) % P);
            }
        }
    }
    free(used);
    free(nz);
    return 0;
}

static int determined(const struct audit *a, int u)
{
    int p = a->pivrow[u];
    if (p < 0)
        return 0;
    const uint32_t *pr = &a->m[(size_t)p * a->nu];
    for (int j = u + 1; j < a->nu; j++)
        if (pr[j])
            return 0;
    return 1;
}

/* ---- paths ---- */

/* A path's price, compared in this order: grand totals, then margins and zero cells, then the sum of
 * the ordinary cells' costs plus one. */
struct price {
    long g, h;
    unsigned long long s;
};

static int cheaper(struct price x, struct price y)
{
    if (x.g != y.g)
        return x.g < y.g;
    if (x.h != y.h)
        return x.h < y.h;
    return x.s < y.s;
}

static struct price edge_price(const struct supp_table *t, int r, int c)
{
    struct price p = {0, 0, 0};
    int i = r * cols_of(t) + c;
    if (t->state[i] != SUPP_SHOWN)
        return p;
    long cost = t->cost[i] < 0 ? 0 : t->cost[i] > (1L << 40) ? (1L << 40) : t->cost[i]; /* no overflow */
    p.s = (unsigned long long)cost + 1;
    if (r == t->rows && c == t->cols)
        p.g = 1;
    else if (r == t->rows || c == t->cols || cost == 0)
        p.h = 1;
    return p;
}

/* The cheapest path in table t from row node r0 to column node c0, never over the cell (r0, c0)
 * itself; with force, only paths over at least one shown cell. Suppresses the shown cells on it.
 * Returns the number of cells that changed state (0: none needed, or no such path), -1 when out of
 * memory. Nodes: rows 0..R, then columns 0..C; a state is a node and whether a shown cell was
 * crossed yet (always 1 without force). */
static int add_path(struct supp_table *t, int n, int k, int r0, int c0, int force)
{
    const struct supp_table *T = &t[k];
    int R = T->rows, C = T->cols, V = R + 1 + C + 1, S = 2 * V;
    struct price *d = malloc(sizeof *d * (size_t)S);
    int *prev = malloc(sizeof(int) * (size_t)S);
    char *done = calloc((size_t)S, 1), *reach = calloc((size_t)S, 1);
    int added = 0;
    if (!d || !prev || !done || !reach) {
        added = -1;
        goto out;
    }
    int src = r0 * 2 + (force ? 0 : 1), dst = (R + 1 + c0) * 2 + 1;
    d[src] = (struct price){0, 0, 0};
    reach[src] = 1;
    prev[src] = -1;
    for (;;) {
        int x = -1;
        for (int i = 0; i < S; i++)
            if (reach[i] && !done[i] && (x < 0 || cheaper(d[i], d[x])))
                x = i;
        if (x < 0 || x == dst)
            break;
        done[x] = 1;
        int node = x / 2, f = x % 2;
        int lo = node <= R ? R + 1 : 0, hi = node <= R ? V : R + 1;
        for (int o = lo; o < hi; o++) {
            int r = node <= R ? node : o, c = node <= R ? o - R - 1 : node - R - 1;
            if (r == r0 && c == c0)
                continue;
            struct price w = edge_price(T, r, c);
            int shown = T->state[r * cols_of(T) + c] == SUPP_SHOWN;
            int y = o * 2 + (f | shown);
            struct price nd = {d[x].g + w.g, d[x].h + w.h, d[x].s + w.s};
            if (!done[y] && (!reach[y] || cheaper(nd, d[y]))) {
                d[y] = nd;
                reach[y] = 1;
                prev[y] = x;
            }
        }
    }
    if (!reach[dst])
        goto out;
    for (int y = dst; prev[y] >= 0; y = prev[y]) {
        int a = y / 2, b = prev[y] / 2;
        int r = a <= R ? a : b, c = (a <= R ? b : a) - R - 1;
        added += mark(t, n, k, r, c, SUPP_SECONDARY);
    }
out:
    free(d);
    free(prev);
    free(done);
    free(reach);
    return added;
}

/* The cheapest shown cell of the set, suppressed: the last resort that keeps the loop going. */
static int add_cheapest(struct supp_table *t, int n)
{
    int bk = -1, br = 0, bc = 0;
    struct price best = {0, 0, 0};
    for (int k = 0; k < n; k++)
        for (int r = 0; r <= t[k].rows; r++)
            for (int c = 0; c <= t[k].cols; c++) {
                if (*st(&t[k], r, c) != SUPP_SHOWN)
                    continue;
                struct price p = edge_price(&t[k], r, c);
                if (bk < 0 || cheaper(p, best))
                    bk = k, br = r, bc = c, best = p;
            }
    return bk < 0 ? 0 : mark(t, n, bk, br, bc, SUPP_SECONDARY);
}

int supp_protect(struct supp_table *t, int n)
{
    if (n <= 0)
        return 0;
    for (int k = 0; k < n; k++)
        if (t[k].rows < 1 || t[k].cols < 1 || t[k].rows != t[0].rows || !t[k].state || !t[k].cost)
            return -1;
    int added = sync(t, n);
    for (;;) {
        struct audit a;
        if (audit_run(&a, t, n) < 0) {
            audit_free(&a);
            return -1;
        }
        int nd = 0, round = 0;
        int *det = malloc(sizeof(int) * (size_t)(a.nu ? a.nu : 1));
        if (!det) {
            audit_free(&a);
            return -1;
        }
        for (int u = 0; u < a.nu; u++)
            if (determined(&a, u))
                det[nd++] = u;
        /* each determined number onto a cycle in every table where it is a bridge */
        for (int i = 0; i < nd && round >= 0; i++) {
            int k = a.who_t[det[i]], r = a.who_r[det[i]], c = a.who_c[det[i]];
            int shared = c == t[k].cols;
            for (int j = shared ? 0 : k; j < (shared ? n : k + 1) && round >= 0; j++) {
                int x = add_path(t, n, j, r, shared ? t[j].cols : c, 0);
                round = x < 0 ? -1 : round + x;
            }
        }
        /* determined, yet on a suppressed cycle in each of its tables: one more cell, the cheapest way */
        for (int i = 0; i < nd && round == 0; i++) {
            int k = a.who_t[det[i]], r = a.who_r[det[i]], c = a.who_c[det[i]];
            int shared = c == t[k].cols;
            for (int j = shared ? 0 : k; j < (shared ? n : k + 1) && round == 0; j++) {
                int x = add_path(t, n, j, r, shared ? t[j].cols : c, 1);
                round = x < 0 ? -1 : x;
            }
        }
        if (nd > 0 && round == 0)
            round = add_cheapest(t, n);
        free(det);
        audit_free(&a);
        if (round < 0)
            return -1;
        if (nd == 0 || round == 0)
            return added;
        added += round;
    }
}

enum supp_state supp_coarse(const unsigned char *fine_state, const long *fine_n, int k, long threshold,
                            long *known)
{
    long sum = 0, shown = 0;
    int all = 1;
    for (int i = 0; i < k; i++) {
        sum += fine_n[i];
        if (fine_state[i] == SUPP_SHOWN)
            shown += fine_n[i];
        else
            all = 0;
    }
    if (known)
        *known = shown;
    if (all)
        return SUPP_SHOWN;
    return sum >= 1 && sum < threshold ? SUPP_PRIMARY : SUPP_SECONDARY;
}

int supp_threshold_valid(long t)
{
    return t >= SUPP_THRESHOLD_MIN;
}
