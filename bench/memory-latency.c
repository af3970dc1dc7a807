/* SPDX-License-Identifier: MIT */
/*
 * How fast this CPU reads memory at random, beside how fast it computes:
 * a yardstick for the benchmark's machine, independent of libl2a. Matching
 * reads its indexes at random, so on a virtual machine whose vCPUs reach
 * memory at different speeds, the one-thread throughput follows the vCPU
 * it runs on. Run it on each:
 *
 *   for c in 0 1; do taskset -c $c build-bench/bench/memory-latency; done
 *
 * Random reads: 20 million independent 8-byte reads over 256 MiB (the CPU
 * overlaps them as it would a match's). Arithmetic: a dependent
 * multiply-xor chain that touches no memory.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define WORDS ((size_t)1 << 25)
#define READS 20000000L
#define STEPS 300000000L

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(void)
{
    uint64_t *a = malloc(WORDS * sizeof *a), x = 1, sum = 0, h = 0;
    double t0, t1, t2;

    if (!a) {
        fprintf(stderr, "memory-latency: out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < WORDS; i++)
        a[i] = i * UINT64_C(0x9E3779B97F4A7C15);
    t0 = now();
    for (long i = 0; i < READS; i++) {
        x = x * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
        sum += a[(x >> 20) & (WORDS - 1)];
    }
    t1 = now();
    for (long i = 0; i < STEPS; i++)
        h = (h ^ (uint64_t)i) * UINT64_C(0x100000001b3);
    t2 = now();
    /* The sums are printed so that neither loop can be optimized away. */
    printf("random reads: %.1f ns each; arithmetic: %.2f ns a step (%llx)\n", (t1 - t0) / READS * 1e9,
           (t2 - t1) / STEPS * 1e9, (unsigned long long)(sum ^ h));
    free(a);
    return 0;
}
