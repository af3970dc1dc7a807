/* SPDX-License-Identifier: MIT */
/* Small helpers shared by the l2a command: growable buffers, checked
 * allocation, diagnostics and number parsing. */
#ifndef L2A_CLI_UTIL_H
#define L2A_CLI_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define CLI_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define CLI_PRINTF(fmt, args)
#endif

/* Exit codes: part of the command-line contract (see l2a(1)). */
enum cli_exit {
    CLI_EXIT_OK = 0,       /* finished, nothing rejected */
    CLI_EXIT_REJECTS = 1,  /* finished, some input rows were rejected */
    CLI_EXIT_USAGE = 2,    /* bad command line */
    CLI_EXIT_INPUT = 3,    /* unreadable input, missing required column, bad model */
    CLI_EXIT_OUTPUT = 4,   /* output could not be written */
    CLI_EXIT_INTERNAL = 5  /* library or internal error (out of memory, ...) */
};

/* A growable byte buffer; data is always NUL-terminated once allocated. */
typedef struct buf {
    char *data;
    size_t len;
    size_t cap;
} buf;

void buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) CLI_PRINTF(2, 3);
void buf_clear(buf *b);
void buf_free(buf *b);
/* The contents as a C string (an empty buffer gives ""). */
const char *buf_str(const buf *b);

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Diagnostics go to stderr, prefixed with the program name. */
void cli_error(const char *fmt, ...) CLI_PRINTF(1, 2);
void cli_warn(const char *fmt, ...) CLI_PRINTF(1, 2);
/* Usage error: message plus a pointer to --help; returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...) CLI_PRINTF(2, 3);
_Noreturn void cli_out_of_memory(void);

bool parse_probability(const char *s, double *out);
bool parse_count(const char *s, unsigned long max, unsigned long *out);

/*
 * Option values the commands share. Each returns -1 when the value is
 * good (and stored), else the usage error's exit code; `option` is the
 * long name without dashes, used in the message.
 */
int probability_option(const char *command, const char *option, const char *arg, double *out);
/* A thread count from 1 to CLI_MAX_THREADS. */
int threads_option(const char *command, const char *arg, unsigned *out);

#define CLI_MAX_THREADS 1024
/* The default thread count: the online processors, within 1..CLI_MAX_THREADS. */
unsigned cli_online_cores(void);

/* Seconds on a monotonic clock, for durations and rates. */
double monotonic_seconds(void);

/* ASCII case-insensitive comparison of a counted string with a C string. */
bool ascii_equal_nocase(const char *s, size_t len, const char *lit);

#endif
