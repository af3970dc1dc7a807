/* SPDX-License-Identifier: MIT */
/*
 * The Public Suffix List's own test vectors, driven through the host
 * normalization (l2a_dom_url_host) and l2a_dom_registrable(). The vectors
 * state expectations for lowercased, IDNA-converted input, so the expected
 * value is converted to ASCII here with ICU's UTS #46 before comparing.
 *
 * Two spellings of the same vectors are read: "input expected" lines
 * (tests.txt) and "checkPublicSuffix('input', 'expected');" lines
 * (test_psl.txt); "null" stands for no value.
 *
 * Each vector's host also serves as the seen value of
 * l2a_dom_value_registrable() for every suffix of it, which must get the
 * answer it gets alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uidna.h>

#include "domain.h"
#include "l2a.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 1;

/*
 * Vectors the Debian built-in list answers differently because it is older
 * than the vector file. None are needed with the list at hand; an entry
 * would read {"input", "why"}.
 */
struct known_difference {
    const char *input;
    const char *reason;
};
static const struct known_difference known_differences[] = {
    {NULL, NULL},
};

struct vector {
    char input[512];
    char expected[512];
    bool input_null;
    bool expected_null;
};

struct tally {
    int vectors;
    int passed;
    int known;
    int failed;
};

static bool is_known_difference(const char *input)
{
    for (size_t i = 0; known_differences[i].input; i++)
        if (strcmp(known_differences[i].input, input) == 0)
            return true;
    return false;
}

/* Copies a field; an unquoted null is no value, a quoted 'null' would be the string. */
static void copy_field(char *dst, size_t cap, const char *s, size_t len, bool quoted, bool *is_null)
{
    ck_assert_uint_lt(len, cap);
    memcpy(dst, s, len);
    dst[len] = '\0';
    *is_null = !quoted && strcmp(dst, "null") == 0;
}

/* checkPublicSuffix('a', 'b'); or checkPublicSuffix(null, null); */
static bool parse_call(const char *line, struct vector *v)
{
    const char *p = line + strlen("checkPublicSuffix(");
    const char *fields[2];
    size_t lens[2];
    bool quoted[2];

    for (int f = 0; f < 2; f++) {
        while (*p == ' ' || *p == ',')
            p++;
        if (*p == '\'') {
            const char *end = strchr(p + 1, '\'');
            ck_assert_ptr_nonnull(end);
            fields[f] = p + 1;
            lens[f] = (size_t)(end - p - 1);
            quoted[f] = true;
            p = end + 1;
        } else {
            ck_assert_int_eq(strncmp(p, "null", 4), 0);
            fields[f] = p;
            lens[f] = 4;
            quoted[f] = false;
            p += 4;
        }
    }
    copy_field(v->input, sizeof v->input, fields[0], lens[0], quoted[0], &v->input_null);
    copy_field(v->expected, sizeof v->expected, fields[1], lens[1], quoted[1], &v->expected_null);
    return true;
}

/* "input expected" */
static bool parse_pair(const char *line, struct vector *v)
{
    const char *space = strchr(line, ' ');
    const char *second;

    if (!space)
        return false;
    second = space;
    while (*second == ' ')
        second++;
    copy_field(v->input, sizeof v->input, line, (size_t)(space - line), false, &v->input_null);
    copy_field(v->expected, sizeof v->expected, second, strcspn(second, " \r\n"), false,
               &v->expected_null);
    return true;
}

/* True when the line is a vector (comments and blank lines are not). */
static bool parse_line(char *line, struct vector *v)
{
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '\0' || strncmp(line, "//", 2) == 0)
        return false;
    if (strncmp(line, "checkPublicSuffix(", strlen("checkPublicSuffix(")) == 0)
        return parse_call(line, v);
    return parse_pair(line, v);
}

/* The expected value as the PSL algorithm sees it: lowercase ASCII. */
static void expected_ascii(const UIDNA *idna, const char *expected, char *out, size_t cap)
{
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = uidna_nameToASCII_UTF8(idna, expected, -1, out, (int32_t)cap, &info, &status);

    ck_assert_msg(U_SUCCESS(status) && info.errors == 0 && n > 0 && (size_t)n < cap,
                  "cannot convert expected value %s", expected);
    out[n] = '\0';
}

/* The answer alone, "" for none. */
static void registrable_alone(const l2a_domains *dom, const char *host, char *out, size_t cap)
{
    l2a_buf reg = L2A_BUF_INIT;

    out[0] = '\0';
    if (l2a_dom_registrable(dom, host, &reg) == L2A_OK)
        snprintf(out, cap, "%s", l2a_buf_str(&reg));
    l2a_buf_free(&reg);
}

static void check_value_registrable(const l2a_domains *dom, const char *value,
                                    l2a_dom_seen *seen, const char *want)
{
    l2a_buf reg = L2A_BUF_INIT;
    int rc = l2a_dom_value_registrable(dom, value, strlen(value), seen, &reg);

    ck_assert_msg(want[0] ? rc == L2A_OK && strcmp(l2a_buf_str(&reg), want) == 0
                          : rc == L2A_ERR_NOT_FOUND,
                  "%s: got %s (rc %d), alone %s", value, l2a_buf_str(&reg), rc, want);
    l2a_buf_free(&reg);
}

static void check_suffixes_after(const l2a_domains *dom, const char *input, const char *host,
                                 const char *got)
{
    l2a_dom_seen seen;
    char want[512];
    const char *p;

    l2a_dom_seen_init(&seen);
    check_value_registrable(dom, input, &seen, got ? got : "");
    for (p = host; p; p = strchr(p, '.') ? strchr(p, '.') + 1 : NULL) {
        registrable_alone(dom, p, want, sizeof want);
        check_value_registrable(dom, p, &seen, want);
    }
}

static void run_vector(const l2a_domains *dom, const UIDNA *idna, const struct vector *v,
                       struct tally *t)
{
    l2a_buf host = L2A_BUF_INIT, reg = L2A_BUF_INIT;
    char want[512];
    const char *got = NULL;
    bool ok;

    if (l2a_dom_url_host(dom, v->input_null ? NULL : v->input, v->input_null ? 0 : strlen(v->input),
                         &host) == L2A_OK &&
        l2a_dom_registrable(dom, l2a_buf_str(&host), &reg) == L2A_OK)
        got = l2a_buf_str(&reg);
    if (!v->input_null && host.len > 0)
        check_suffixes_after(dom, v->input, l2a_buf_str(&host), got);
    if (v->expected_null) {
        ok = got == NULL;
    } else {
        expected_ascii(idna, v->expected, want, sizeof want);
        ok = got != NULL && strcmp(got, want) == 0;
    }
    t->vectors++;
    if (ok) {
        t->passed++;
    } else if (is_known_difference(v->input)) {
        t->known++;
    } else {
        t->failed++;
        printf("FAIL %s: got %s, expected %s\n", v->input, got ? got : "null", v->expected);
    }
    l2a_buf_free(&host);
    l2a_buf_free(&reg);
}

static struct tally run_file(const char *relative)
{
    const char *path = l2a_test_data_path(relative);
    struct tally t = {0, 0, 0, 0};
    l2a_domains *dom = NULL;
    UErrorCode status = U_ZERO_ERROR;
    UIDNA *idna;
    char line[1024];
    FILE *f;

    ck_assert_ptr_nonnull(path);
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    ck_assert_int_eq(l2a_dom_new(&dom), L2A_OK);
    idna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII, &status);
    ck_assert(U_SUCCESS(status));
    while (fgets(line, sizeof line, f)) {
        struct vector v;
        if (parse_line(line, &v))
            run_vector(dom, idna, &v, &t);
    }
    fclose(f);
    uidna_close(idna);
    l2a_dom_free(dom);
    printf("%s: %d vectors, %d passed, %d known differences, %d failed\n", relative, t.vectors,
           t.passed, t.known, t.failed);
    return t;
}

START_TEST(psl_vectors_pass)
{
    struct tally t = run_file("raw/peer_tests/psl/tests.txt");

    /* The file holds 78 vectors; reading far fewer would mean a parsing fault. */
    ck_assert_int_ge(t.vectors, 70);
    ck_assert_int_eq(t.failed, 0);
}
END_TEST

START_TEST(psl_vectors_in_call_form_pass)
{
    struct tally t = run_file("raw/peer_tests/psl/test_psl.txt");

    ck_assert_int_ge(t.vectors, 70);
    ck_assert_int_eq(t.failed, 0);
}
END_TEST

/* The cases the module relies on most, stated outright rather than read from the file. */
START_TEST(psl_rules_the_module_relies_on)
{
    static const char *const pairs[][2] = {
        {"www.example.com", "example.com"}, {"a.b.example.uk.com", "example.uk.com"},
        {"www.ck", "www.ck"},               {"b.c.kobe.jp", "b.c.kobe.jp"},
        {"c.kobe.jp", NULL},                {"city.kobe.jp", "city.kobe.jp"},
        {"b.example.example", "example.example"},
    };
    l2a_domains *dom;
    l2a_buf out = L2A_BUF_INIT;

    ck_assert_int_eq(l2a_dom_new(&dom), L2A_OK);
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        int rc = l2a_dom_registrable(dom, pairs[i][0], &out);
        if (pairs[i][1]) {
            ck_assert_msg(rc == L2A_OK, "%s: rc %d", pairs[i][0], rc);
            ck_assert_str_eq(l2a_buf_str(&out), pairs[i][1]);
        } else {
            ck_assert_int_eq(rc, L2A_ERR_NOT_FOUND);
        }
    }
    l2a_buf_free(&out);
    l2a_dom_free(dom);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("psl-vectors");
    TCase *tc = tcase_create("vectors");

    tcase_add_test(tc, psl_vectors_pass);
    tcase_add_test(tc, psl_vectors_in_call_form_pass);
    tcase_add_test(tc, psl_rules_the_module_relies_on);
    suite_add_tcase(s, tc);
    return s;
}
