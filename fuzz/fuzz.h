/* SPDX-License-Identifier: MIT */
/*
 * The libFuzzer entry points every fuzz target defines. A target is linked
 * either with libFuzzer (-Dfuzzing=true, clang) or with replay-main.c, which
 * feeds it the files of its kept corpus under `meson test --suite fuzz`.
 *
 * A target reports a broken invariant with FUZZ_CHECK: it prints the
 * condition and aborts, which libFuzzer records as a crash and the replay
 * test as a failure.
 */
#ifndef L2A_FUZZ_H
#define L2A_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Every target defines it (libFuzzer and the replay driver call it once). */
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond)                                                              \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                  \
        }                                                                             \
    } while (0)

#endif
