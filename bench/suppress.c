/* bench/suppress: how long supp_protect (core/suppress.c) takes on one indicator's published set of
 * the size the dashboard shows: 5 linked tables (organisation by programme, district, target group,
 * life stage, partner) of 25 organisations x 25 values, counts mostly large and a tenth of them
 * small. Not part of `make check`: `make build/bench-suppress && build/bench-suppress [ROUNDS [TABLES
 * ORGS VALUES SMALL%]]` (20 rounds of 5 tables of 25 x 25 with 10% small by default). Prints the time
 * per protection (each round a new random set, the same seeds on every run). */
#include "core/suppress.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define THRESHOLD 11
#define MAXT 8

static uint64_t rng = 88172645463325252ull;
static long pick(long lo, long hi)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return lo + (long)(rng % (uint64_t)(hi - lo + 1));
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 20;
    int TABLES = argc > 5 ? atoi(argv[2]) : 5, ORGS = argc > 5 ? atoi(argv[3]) : 25;
    int VALUES = argc > 5 ? atoi(argv[4]) : 25, SMALL = argc > 5 ? atoi(argv[5]) : 10;
    if (rounds < 1 || TABLES < 1 || TABLES > MAXT || ORGS < 1 || VALUES < 1 || SMALL < 0 || SMALL > 100) {
        fprintf(stderr, "usage: bench-suppress [ROUNDS [TABLES(1-8) ORGS VALUES SMALL%%]]\n");
        return 2;
    }
    const int W = VALUES + 1, CELLS = (ORGS + 1) * (VALUES + 1);
    long *n[MAXT], *org = malloc(sizeof(long) * (size_t)ORGS);
    unsigned char *state[MAXT];
    for (int k = 0; k < TABLES; k++) {
        n[k] = malloc(sizeof(long) * (size_t)CELLS);
        state[k] = malloc((size_t)CELLS);
        if (!n[k] || !state[k] || !org)
            return 1;
    }
    struct supp_table t[MAXT];
    double total = 0, lo = 1e9, hi = 0, cpu = 0;
    long primary = 0, added = 0, cells = 0;
    for (int round = 0; round < rounds; round++) {
        /* the organisations' totals first, then each table spreads them over its values: a tenth
         * of the cells small, the rest large; the row totals agree across the tables as published */
        for (int r = 0; r < ORGS; r++)
            org[r] = 0;
        for (int k = 0; k < TABLES; k++) {
            for (int i = 0; i < CELLS; i++)
                n[k][i] = 0;
            for (int r = 0; r < ORGS; r++)
                for (int c = 0; c < VALUES; c++)
                    n[k][r * W + c] = pick(0, 99) < SMALL ? pick(1, THRESHOLD - 1) : pick(20, 400);
            for (int r = 0; r < ORGS; r++) { /* the large cells scaled so the row adds up to org[r] */
                long small = 0, large = 0, *row = &n[k][r * W];
                int top = 0;
                for (int c = 0; c < VALUES; c++) {
                    if (row[c] < THRESHOLD)
                        small += row[c];
                    else
                        large += row[c];
                    top = row[c] > row[top] ? c : top;
                }
                if (k == 0) {
                    org[r] = small + large;
                    continue;
                }
                long want = org[r] - small, got = 0;
                for (int c = 0; c < VALUES; c++)
                    if (row[c] >= THRESHOLD)
                        got += row[c] = large ? row[c] * want / large : 0;
                row[top] += want - got;
            }
            for (int r = 0; r < ORGS; r++)
                for (int c = 0; c < VALUES; c++) {
                    n[k][r * W + VALUES] += n[k][r * W + c];
                    n[k][ORGS * W + c] += n[k][r * W + c];
                    n[k][ORGS * W + VALUES] += n[k][r * W + c];
                }
            for (int i = 0; i < CELLS; i++) {
                state[k][i] = n[k][i] >= 1 && n[k][i] < THRESHOLD ? SUPP_PRIMARY : SUPP_SHOWN;
                primary += state[k][i] == SUPP_PRIMARY;
            }
            t[k] = (struct supp_table){ORGS, VALUES, n[k], state[k]};
            cells += CELLS;
        }
        struct timespec a, b, ca, cb;
        clock_gettime(CLOCK_MONOTONIC, &a);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ca);
        int x = supp_protect(t, TABLES);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cb);
        clock_gettime(CLOCK_MONOTONIC, &b);
        cpu += (double)(cb.tv_sec - ca.tv_sec) * 1e3 + (double)(cb.tv_nsec - ca.tv_nsec) / 1e6;
        if (x < 0) {
            fprintf(stderr, "supp_protect: out of memory\n");
            return 1;
        }
        added += x;
        if (supp_protect(t, TABLES) != 0) { /* what it leaves passes its own audit */
            fprintf(stderr, "supp_protect: a second pass added complements\n");
            return 1;
        }
        double ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
        total += ms;
        lo = ms < lo ? ms : lo;
        hi = ms > hi ? ms : hi;
    }
    printf("supp_protect: %d linked tables of %d x %d (%d%% of the cells small), %d rounds: %.1f ms per protection (min %.1f, max %.1f; CPU %.1f ms); "
           "%.1f%% of the numbers primary, %.1f%% complements\n",
           TABLES, ORGS, VALUES, SMALL, rounds, total / rounds, lo, hi, cpu / rounds, 100.0 * (double)primary / (double)cells,
           100.0 * (double)added / (double)cells);
    return 0;
}
