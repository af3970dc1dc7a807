/* SPDX-License-Identifier: MIT */
/*
 * A main() for fuzz targets built without libFuzzer: every argument is a
 * file or a directory of files (corpus entries, crash reproducers), and each
 * file is passed once to LLVMFuzzerTestOneInput(). A broken invariant aborts
 * the program, so `meson test` reports the target as failed; a file that
 * cannot be read fails it too. Directories are read in name order so that
 * runs are reproducible.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path, unsigned long *runs)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *data = NULL;
    size_t len = 0, cap = 0;

    if (!fp) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    for (;;) {
        size_t got;
        if (len == cap) {
            unsigned char *grown;
            cap = cap ? 2 * cap : 4096;
            grown = realloc(data, cap);
            if (!grown) {
                fprintf(stderr, "%s: out of memory\n", path);
                free(data);
                fclose(fp);
                return 1;
            }
            data = grown;
        }
        got = fread(data + len, 1, cap - len, fp);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        fprintf(stderr, "%s: read error\n", path);
        free(data);
        fclose(fp);
        return 1;
    }
    fclose(fp);
    /* An exact-size copy, so that a read past the end is caught by the
     * sanitizers and valgrind as it would be under libFuzzer. */
    {
        unsigned char *exact = malloc(len ? len : 1);
        if (!exact) {
            free(data);
            return 1;
        }
        if (len)
            memcpy(exact, data, len);
        free(data);
        LLVMFuzzerTestOneInput(exact, len);
        free(exact);
    }
    (*runs)++;
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, unsigned long *runs)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    int failed = 0;

    if (!d) {
        fprintf(stderr, "%s: %s\n", dir, strerror(errno));
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **grown;
            cap = cap ? 2 * cap : 64;
            grown = realloc(names, cap * sizeof *names);
            if (!grown) {
                failed = 1;
                break;
            }
            names = grown;
        }
        names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
        if (!names[n]) {
            failed = 1;
            break;
        }
        sprintf(names[n], "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, compare_names);
    for (i = 0; i < n; i++) {
        struct stat st;
        if (!failed && stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
            failed |= run_file(names[i], runs);
        free(names[i]);
    }
    free(names);
    return failed;
}

int main(int argc, char **argv)
{
    unsigned long runs = 0;
    int failed = 0, i;

    LLVMFuzzerInitialize(&argc, &argv);
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS-DIR-OR-FILE...\n", argv[0]);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
            failed = 1;
        } else if (S_ISDIR(st.st_mode)) {
            failed |= run_dir(argv[i], &runs);
        } else {
            failed |= run_file(argv[i], &runs);
        }
    }
    printf("%lu inputs replayed%s\n", runs, failed ? ", with errors" : "");
    /* An empty corpus proves nothing: fail rather than pass vacuously. */
    return failed || runs == 0 ? 1 : 0;
}
