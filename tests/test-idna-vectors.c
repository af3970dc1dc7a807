/* SPDX-License-Identifier: MIT */
/*
 * Unicode's UTS #46 conformance vectors (IdnaTestV2.txt) against the host
 * normalization behind l2a_dom_url_host().
 *
 * Columns: source; toUnicode; toUnicodeStatus; toAsciiN; toAsciiNStatus;
 * toAsciiT; toAsciiTStatus. A blank toUnicode means the source, a blank
 * toAsciiN the toUnicode value, a blank toAsciiNStatus the toUnicode status;
 * "" is the empty string and [] an explicitly empty status.
 *
 * A line without a toAsciiN status must convert to toAsciiN, and so must a
 * line whose only status is A4_2 for the empty root label after a trailing
 * dot: the module drops that dot by design, so it must give toAsciiN
 * without it. A single label is no host to the module, so such lines are
 * checked as "label.com". Every other line must be refused, except when its
 * only statuses are V2/V4 ("--" in positions 3-4), which the module
 * tolerates on purpose.
 *
 * Skipped and counted: lines whose source is URL syntax rather than a bare
 * host, and conversion lines that rely on Unicode newer than ICU's
 * (code points ICU does not assign yet, or whose UTS #46 mapping changed
 * since). Refusal lines are never excused that way, and need not be: ICU
 * refuses code points it does not assign, and the mapping changes do not
 * turn any refused line of the file into an accepted one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "domain.h"
#include "l2a.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 1;

#define FIELD_MAX 1024

enum skip_reason {
    SKIP_NONE,
    SKIP_NEWER_UNICODE,
    SKIP_IDNA_CHANGED,
    SKIP_URL_SYNTAX,
    SKIP_EMPTY_LABEL,
    SKIP_SINGLE_LABEL,
    SKIP_NOT_LDH,
    SKIP_NUMERIC_TLD,
    SKIP_TOO_LONG,
    SKIP_HYPHEN_3_4,
    SKIP_REASONS
};

static const char *const skip_names[SKIP_REASONS] = {
    "",
    "code points unassigned in ICU's Unicode version",
    "code points whose UTS #46 status changed after ICU's Unicode version",
    "source is URL syntax (delimiters or edge blanks), not a bare host",
    "toAsciiN has an empty label",
    "toAsciiN is a single label",
    "toAsciiN has characters outside letters, digits, hyphen",
    "toAsciiN ends in a numeric label (IPv4 form)",
    "toAsciiN exceeds DNS length limits",
    "only statuses are V2/V4 (hyphens 3-4), tolerated by design",
};

struct idna_line {
    char source[FIELD_MAX];
    char to_unicode[FIELD_MAX];
    char ascii[FIELD_MAX];
    char status[FIELD_MAX];
    int number;
};

struct tally {
    int lines;
    int converted;
    int appended; /* single labels checked as "label.com" */
    int refused;
    int failed;
    int skipped[SKIP_REASONS];
};

/* ---- parsing ---- */

static void put_utf8(char **out, char *end, unsigned long cp)
{
    unsigned char buf[4];
    size_t n;

    /* Surrogates are written as-is (ill-formed), as the vectors intend. */
    if (cp < 0x80) {
        buf[0] = (unsigned char)cp;
        n = 1;
    } else if (cp < 0x800) {
        buf[0] = (unsigned char)(0xC0 | (cp >> 6));
        buf[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        buf[0] = (unsigned char)(0xE0 | (cp >> 12));
        buf[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        buf[0] = (unsigned char)(0xF0 | (cp >> 18));
        buf[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        buf[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        buf[3] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    ck_assert_int_lt(n, end - *out);
    memcpy(*out, buf, n);
    *out += n;
}

/* Copies a trimmed column, resolving \uXXXX and \x{X...} escapes; "" means empty. */
static void unescape(const char *s, size_t len, char *dst)
{
    char *out = dst, *end = dst + FIELD_MAX;
    size_t i = 0;

    if (len == 2 && s[0] == '"' && s[1] == '"')
        len = 0;
    while (i < len) {
        if (s[i] == '\\' && i + 5 < len && s[i + 1] == 'u') {
            char hex[5] = {s[i + 2], s[i + 3], s[i + 4], s[i + 5], '\0'};
            put_utf8(&out, end, strtoul(hex, NULL, 16));
            i += 6;
        } else if (s[i] == '\\' && i + 2 < len && s[i + 1] == 'x' && s[i + 2] == '{') {
            char *close;
            put_utf8(&out, end, strtoul(s + i + 3, &close, 16));
            i = (size_t)(close - s) + 1;
        } else {
            ck_assert_int_lt(1, end - out);
            *out++ = s[i++];
        }
    }
    *out = '\0';
}

/* Splits a data line into trimmed columns; returns how many. */
static int split_columns(char *line, const char **cols, size_t *lens, int max)
{
    int n = 0;
    char *p = line;

    line[strcspn(line, "#\r\n")] = '\0';
    while (n < max) {
        char *semi = strchr(p, ';');
        char *stop = semi ? semi : p + strlen(p);
        while (*p == ' ' || *p == '\t')
            p++;
        while (stop > p && (stop[-1] == ' ' || stop[-1] == '\t'))
            stop--;
        cols[n] = p;
        lens[n] = (size_t)(stop - p);
        n++;
        if (!semi)
            break;
        p = semi + 1;
    }
    return n;
}

static bool parse_line(char *text, int number, struct idna_line *l)
{
    const char *cols[7];
    size_t lens[7];
    int n = split_columns(text, cols, lens, 7);

    if (n < 5)
        return false;
    l->number = number;
    unescape(cols[0], lens[0], l->source);
    if (lens[1] == 0)
        strcpy(l->to_unicode, l->source);
    else
        unescape(cols[1], lens[1], l->to_unicode);
    if (lens[3] == 0)
        strcpy(l->ascii, l->to_unicode);
    else
        unescape(cols[3], lens[3], l->ascii);
    if (lens[4] == 0)
        unescape(cols[2], lens[2], l->status);
    else
        unescape(cols[4], lens[4], l->status);
    if (strcmp(l->status, "[]") == 0)
        l->status[0] = '\0';
    return true;
}

/* ---- why a line is not checked ---- */

static bool has_unassigned(const char *s)
{
    int32_t i = 0, len = (int32_t)strlen(s);

    while (i < len) {
        UChar32 c;
        UVersionInfo age;
        U8_NEXT(s, i, len, c);
        if (c < 0)
            continue;
        u_charAge(c, age);
        if (age[0] == 0 && age[1] == 0)
            return true;
    }
    return false;
}

/*
 * Assigned in ICU 72 (Unicode 15.0) but mapped differently since UTS #46
 * 15.1: Cyrillic palochka, the Georgian capitals, the Hangul fillers,
 * turned capital F and reversed capital C were disallowed and are now mapped
 * or ignored, and so were the five CJK compatibility ideographs whose
 * decompositions Corrigendum #4 corrected; capital sharp s mapped to "ss"
 * and now maps to "ß". The vectors expect the newer behaviour, which
 * ICU 72 cannot give.
 */
static const UChar32 idna_changed[][2] = {
    {0x04C0, 0x04C0}, {0x10A0, 0x10C5}, {0x10C7, 0x10C7}, {0x10CD, 0x10CD}, {0x115F, 0x1160},
    {0x1E9E, 0x1E9E}, {0x2132, 0x2132}, {0x2183, 0x2183}, {0x3164, 0x3164}, {0xFFA0, 0xFFA0},
    {0x2F868, 0x2F868}, {0x2F874, 0x2F874}, {0x2F91F, 0x2F91F}, {0x2F95F, 0x2F95F}, {0x2F9BF, 0x2F9BF},
};

static bool is_idna_changed(UChar32 c)
{
    for (size_t i = 0; i < sizeof idna_changed / sizeof idna_changed[0]; i++)
        if (c >= idna_changed[i][0] && c <= idna_changed[i][1])
            return true;
    return false;
}

static bool has_idna_changed(const char *s)
{
    int32_t i = 0, len = (int32_t)strlen(s);

    while (i < len) {
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c >= 0 && is_idna_changed(c))
            return true;
    }
    return false;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* What l2a_dom_url_host() would read as URL parts or trim, rather than pass on as a host. */
static bool is_url_syntax(const char *s)
{
    static const char *const edge_blanks[] = {"\xC2\xA0", "\xE2\x80\x8B", "\xE3\x80\x80", "\xEF\xBB\xBF"};

    if (strpbrk(s, "/?#@:\\ \t\r\n\v\f"))
        return true;
    if (s[0] == '<' && ends_with(s, ">"))
        return true;
    for (size_t i = 0; i < sizeof edge_blanks / sizeof edge_blanks[0]; i++)
        if (starts_with(s, edge_blanks[i]) || ends_with(s, edge_blanks[i]))
            return true;
    return false;
}

/* Why toAsciiN (root dot removed) is not a host the module accepts, or SKIP_NONE. */
static enum skip_reason host_rule_broken(const char *ascii)
{
    size_t len = strlen(ascii), start = 0, labels = 0;

    if (len > 0 && ascii[len - 1] == '.')
        len--;
    if (len > 253)
        return SKIP_TOO_LONG;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && ascii[i] != '.') {
            char c = ascii[i];
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                return SKIP_NOT_LDH;
            continue;
        }
        if (i == start)
            return SKIP_EMPTY_LABEL;
        if (i - start > 63)
            return SKIP_TOO_LONG;
        labels++;
        if (i == len && strspn(ascii + start, "0123456789") == i - start)
            return SKIP_NUMERIC_TLD;
        start = i + 1;
    }
    return labels < 2 ? SKIP_SINGLE_LABEL : SKIP_NONE;
}

/*
 * Whether the module must convert the line: no status, or only A4_2 for the
 * empty root label after a trailing dot (UTS #46 now flags it; the module
 * drops that dot by design, so it must give toAsciiN without it).
 */
static bool expects_conversion(const struct idna_line *l)
{
    size_t len = strlen(l->ascii), start = 0;

    if (l->status[0] == '\0')
        return true;
    if (strcmp(l->status, "[A4_2]") != 0 || !ends_with(l->ascii, "."))
        return false;
    /* A4_2 is any label outside 1..63 bytes: make sure the root label is the only culprit. */
    for (size_t i = 0; i < len; i++) {
        if (l->ascii[i] != '.')
            continue;
        if (i == start || i - start > 63)
            return false;
        start = i + 1;
    }
    return true;
}

/*
 * Newer code points only excuse a line that expects a conversion: where the
 * vectors expect a refusal, ICU 72 refuses an unassigned code point too,
 * and the changed ones only ever became more permissive.
 */
static enum skip_reason skip_reason_of(const struct idna_line *l)
{
    if (is_url_syntax(l->source))
        return SKIP_URL_SYNTAX;
    if (expects_conversion(l)) {
        if (has_unassigned(l->source) || has_unassigned(l->to_unicode))
            return SKIP_NEWER_UNICODE;
        if (has_idna_changed(l->source) || has_idna_changed(l->to_unicode))
            return SKIP_IDNA_CHANGED;
        return host_rule_broken(l->ascii);
    }
    if (strcmp(l->status, "[V2]") == 0 || strcmp(l->status, "[V2, V4]") == 0)
        return SKIP_HYPHEN_3_4;
    return SKIP_NONE;
}

/* ---- running ---- */

/*
 * A single label is no host to the module, but "label.com" is, and a label
 * that converts alone converts the same way beside an LTR ASCII label (which
 * satisfies the bidi rule). So such lines are checked with ".com" appended.
 */
static bool append_com(const struct idna_line *l, struct idna_line *with_com)
{
    const char *sep = ends_with(l->ascii, ".") ? "com" : ".com";

    if (strlen(l->source) + 5 > FIELD_MAX || strlen(l->ascii) + 5 > FIELD_MAX)
        return false;
    *with_com = *l;
    strcat(with_com->source, sep);
    strcat(with_com->ascii, sep);
    with_com->status[0] = '\0';
    return true;
}

static void check_line(const l2a_domains *dom, const struct idna_line *l, struct tally *t)
{
    static struct idna_line with_com;
    enum skip_reason skip = skip_reason_of(l);
    l2a_buf host = L2A_BUF_INIT;
    int rc;

    t->lines++;
    if (skip == SKIP_SINGLE_LABEL && append_com(l, &with_com)) {
        l = &with_com;
        skip = skip_reason_of(l);
        t->appended++;
    }
    if (skip != SKIP_NONE) {
        t->skipped[skip]++;
        return;
    }
    rc = l2a_dom_url_host(dom, l->source, strlen(l->source), &host);
    if (expects_conversion(l)) {
        size_t want = strlen(l->ascii) - (ends_with(l->ascii, ".") ? 1 : 0);
        if (rc == L2A_OK && host.len == want && strncmp(l2a_buf_str(&host), l->ascii, want) == 0) {
            t->converted++;
        } else {
            t->failed++;
            printf("line %d: '%s' gave rc %d '%s', expected '%s'\n", l->number, l->source, rc,
                   l2a_buf_str(&host), l->ascii);
        }
    } else if (rc == L2A_ERR_NOT_FOUND) {
        t->refused++;
    } else {
        t->failed++;
        printf("line %d: '%s' gave rc %d '%s', expected refusal %s\n", l->number, l->source, rc,
               l2a_buf_str(&host), l->status);
    }
    l2a_buf_free(&host);
}

START_TEST(idna_vectors_pass)
{
    const char *path = l2a_test_data_path("raw/peer_tests/idna/IdnaTestV2.txt");
    static char text[4 * FIELD_MAX];
    static struct idna_line line;
    struct tally t;
    l2a_domains *dom;
    int number = 0, skipped = 0;
    FILE *f;

    memset(&t, 0, sizeof t);
    ck_assert_ptr_nonnull(path);
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    ck_assert_int_eq(l2a_dom_new(&dom), L2A_OK);
    while (fgets(text, sizeof text, f)) {
        number++;
        if (parse_line(text, number, &line))
            check_line(dom, &line, &t);
    }
    fclose(f);
    l2a_dom_free(dom);

    printf("IdnaTestV2: %d lines, %d converted as expected (%d of them single labels checked as "
           "label.com), %d refused as expected, %d failed\n",
           t.lines, t.converted, t.appended, t.refused, t.failed);
    for (int r = SKIP_NONE + 1; r < SKIP_REASONS; r++) {
        printf("  skipped %5d: %s\n", t.skipped[r], skip_names[r]);
        skipped += t.skipped[r];
    }
    ck_assert_int_eq(t.lines, t.converted + t.refused + t.failed + skipped);
    /* The file holds thousands of lines; most must actually be checked. */
    ck_assert_int_gt(t.lines, 5000);
    ck_assert_int_gt(t.converted, 0);
    ck_assert_int_gt(t.refused, 1000);
    ck_assert_int_eq(t.failed, 0);
}
END_TEST

/* The column rules above, checked on lines written here. */
START_TEST(line_parsing_follows_the_file_format)
{
    static struct idna_line l;
    char text[256];

    strcpy(text, "Fa\\u00DF.de; fa\\u00DF.de; ; xn--fa-hia.de; ; fass.de;  # comment");
    ck_assert(parse_line(text, 1, &l));
    ck_assert_str_eq(l.source, "Fa\xC3\x9F.de");
    ck_assert_str_eq(l.to_unicode, "fa\xC3\x9F.de");
    ck_assert_str_eq(l.ascii, "xn--fa-hia.de");
    ck_assert_str_eq(l.status, "");

    strcpy(text, "a\\x{1F600}b; ; [V7]; ; ; ;");
    ck_assert(parse_line(text, 2, &l));
    ck_assert_str_eq(l.source, "a\xF0\x9F\x98\x80" "b");
    ck_assert_str_eq(l.ascii, l.source);
    ck_assert_str_eq(l.status, "[V7]");

    strcpy(text, "\"\"; ; [X4_2]; ; [A4_2]; ;");
    ck_assert(parse_line(text, 3, &l));
    ck_assert_str_eq(l.source, "");
    ck_assert_str_eq(l.status, "[A4_2]");

    strcpy(text, "a.b; ; [X]; ; []; ;");
    ck_assert(parse_line(text, 4, &l));
    ck_assert_str_eq(l.status, "");

    strcpy(text, "# only a comment");
    ck_assert(!parse_line(text, 5, &l));
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("idna-vectors");
    TCase *tc = tcase_create("vectors");

    tcase_add_test(tc, line_parsing_follows_the_file_format);
    tcase_add_test(tc, idna_vectors_pass);
    suite_add_tcase(s, tc);
    return s;
}
