/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uclean.h>

#include "buf.h"
#include "l2a.h"
#include "location.h"
#include "normalize.h"
#include "test-common.h"

/* The data-set test below skips itself when the shared data is absent. */
const int l2a_test_wants_shared_data = 0;

static l2a_normalizer *norm;

static void setup(void)
{
    ck_assert_int_eq(l2a_norm_new(&norm), L2A_OK);
}

static void teardown(void)
{
    l2a_norm_free(norm);
    norm = NULL;
}

/* The country code of a value as a person or an account states it. */
static const char *country_of(const char *value)
{
    l2a_buf key = L2A_BUF_INIT;
    const char *code;

    ck_assert_int_eq(l2a_norm_text(norm, value, strlen(value), &key), L2A_OK);
    code = l2a_loc_country_code(l2a_buf_str(&key), key.len);
    l2a_buf_free(&key);
    return code;
}

typedef struct country_case {
    const char *value;
    const char *code;
} country_case;

static const country_case country_cases[] = {
    /* alpha-2 and alpha-3 codes, any case */
    {"US", "US"}, {"us", "US"}, {"USA", "US"}, {"DE", "DE"}, {"DEU", "DE"},
    {"GB", "GB"}, {"GBR", "GB"}, {"KR", "KR"}, {"KOR", "KR"}, {"KP", "KP"},
    {"PRK", "KP"}, {"AND", "AD"}, {"IN", "IN"}, {"NO", "NO"}, {"CHE", "CH"},
    {"XK", "XK"},
    /* English short names and the variants people write */
    {"United States", "US"}, {"United States of America", "US"}, {"U.S.", "US"},
    {"U.S.A.", "US"}, {"America", "US"}, {"the United States", "US"},
    {"United Kingdom", "GB"}, {"UK", "GB"}, {"U.K.", "GB"}, {"Great Britain", "GB"},
    {"England", "GB"}, {"Scotland", "GB"}, {"Wales", "GB"}, {"Northern Ireland", "GB"},
    {"South Korea", "KR"}, {"Korea, Republic of", "KR"}, {"Republic of Korea", "KR"},
    {"North Korea", "KP"}, {"Korea, Democratic People's Republic of", "KP"},
    {"Russia", "RU"}, {"Russian Federation", "RU"},
    {"Taiwan", "TW"}, {"Taiwan, Province of China", "TW"},
    {"Hong Kong", "HK"}, {"Macau", "MO"}, {"Macao", "MO"},
    {"Czech Republic", "CZ"}, {"Czechia", "CZ"},
    {"Holland", "NL"}, {"Netherlands", "NL"}, {"The Netherlands", "NL"},
    {"Viet Nam", "VN"}, {"Vietnam", "VN"},
    {"UAE", "AE"}, {"United Arab Emirates", "AE"},
    {"Ivory Coast", "CI"}, {"Côte d'Ivoire", "CI"}, {"Cote d'Ivoire", "CI"},
    {"Turkey", "TR"}, {"Türkiye", "TR"}, {"Turkiye", "TR"},
    {"Congo, the Democratic Republic of the", "CD"}, {"Democratic Republic of the Congo", "CD"},
    {"Congo", "CG"},
    {"Holy See (Vatican City State)", "VA"},
    {"Bosnia and Herzegovina", "BA"}, {"Bosnia & Herzegovina", "BA"},
    {"Trinidad & Tobago", "TT"},
    {"St. Kitts and Nevis", "KN"}, {"Saint Kitts and Nevis", "KN"}, {"St Lucia", "LC"},
    {"The Bahamas", "BS"}, {"Gambia", "GM"},
    {"Réunion", "RE"}, {"Curaçao", "CW"}, {"Åland Islands", "AX"},
    {"Lao People's Democratic Republic", "LA"}, {"Laos", "LA"},
    {"Virgin Islands, British", "VG"}, {"British Virgin Islands", "VG"},
    {"U.S. Virgin Islands", "VI"},
    {"Swaziland", "SZ"}, {"Eswatini", "SZ"}, {"Macedonia", "MK"}, {"North Macedonia", "MK"},
    {"Niger", "NE"}, {"Nigeria", "NG"}, {"Guinea", "GN"}, {"Guinea-Bissau", "GW"},
    {"Papua New Guinea", "PG"}, {"Equatorial Guinea", "GQ"},
    {"Dominica", "DM"}, {"Dominican Republic", "DO"},
    {"Netherlands Antilles", "AN"}, {"Kosovo", "XK"},
    /* unknown */
    {"Atlantis", NULL}, {"", NULL}, {"United", NULL}, {"Korea Democratic", NULL},
    {"Republic", NULL}, {"The", NULL}, {"ST", "ST"},
};

START_TEST(test_country_cases)
{
    size_t i;

    for (i = 0; i < sizeof country_cases / sizeof country_cases[0]; i++) {
        const country_case *c = &country_cases[i];
        const char *got = country_of(c->value);
        if (!c->code)
            ck_assert_msg(got == NULL, "\"%s\" gave %s", c->value, got);
        else
            ck_assert_msg(got && strcmp(got, c->code) == 0, "\"%s\" gave %s, want %s",
                          c->value, got ? got : "NULL", c->code);
    }
}
END_TEST

START_TEST(test_country_lookup_edges)
{
    static const char *const codes[] = {"AF", "ZW", "MX", "JP", "FR", "BR", "ZA", "NZ"};
    char key[3];
    size_t i;

    ck_assert(l2a_loc_table_sorted());
    /* the first and last entries of any sorted table are where binary searches slip */
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        key[0] = (char)(codes[i][0] - 'A' + 'a');
        key[1] = (char)(codes[i][1] - 'A' + 'a');
        key[2] = '\0';
        ck_assert_str_eq(l2a_loc_country_code(key, 2), codes[i]);
    }
    ck_assert_str_eq(l2a_loc_country_code("abw", 3), "AW");
    ck_assert_ptr_null(l2a_loc_country_code("aaa", 3));
    ck_assert_ptr_null(l2a_loc_country_code("zzz", 3));
    /* length, not the NUL, ends the key */
    ck_assert_str_eq(l2a_loc_country_code("usa and more", 3), "US");
    ck_assert_str_eq(l2a_loc_country_code("us", 2), "US");
    ck_assert_ptr_null(l2a_loc_country_code("u", 1));
    ck_assert_ptr_null(l2a_loc_country_code(NULL, 0));
    ck_assert_ptr_null(l2a_loc_country_code("", 0));
    ck_assert_ptr_null(l2a_loc_country_code("a b c d e f g h i j k l m n o p q r", 35));
}
END_TEST

/* ---- the country values of the shared data set ---- */

/*
 * Reads one CSV record (RFC 4180: quoted fields, "" inside quotes, line
 * breaks inside quotes) into fields of `buf`; returns the field count, or
 * -1 at the end of the file.
 */
#define MAX_FIELDS 32
#define FIELD_BYTES 4096

static int read_record(FILE *f, char fields[MAX_FIELDS][FIELD_BYTES])
{
    int c, n = 0;
    size_t len = 0;
    bool quoted = false, any = false;

    fields[0][0] = '\0';
    while ((c = fgetc(f)) != EOF) {
        any = true;
        if (quoted) {
            if (c == '"') {
                int next = fgetc(f);
                if (next == '"') {
                    c = '"';
                } else {
                    quoted = false;
                    if (next != EOF)
                        ungetc(next, f);
                    continue;
                }
            }
        } else if (c == '"') {
            quoted = true;
            continue;
        } else if (c == ',' || c == '\n') {
            fields[n][len] = '\0';
            if (len > 0 && fields[n][len - 1] == '\r')
                fields[n][len - 1] = '\0';
            if (c == '\n')
                return n + 1;
            if (n + 1 < MAX_FIELDS)
                n++;
            len = 0;
            fields[n][0] = '\0';
            continue;
        }
        if (len + 1 < FIELD_BYTES)
            fields[n][len++] = (char)c;
    }
    if (!any)
        return -1;
    fields[n][len] = '\0';
    return n + 1;
}

static int find_column(char fields[MAX_FIELDS][FIELD_BYTES], int count, const char *name)
{
    int i;

    for (i = 0; i < count; i++)
        if (strcmp(fields[i], name) == 0)
            return i;
    return -1;
}

/* Returns the number of non-empty country values checked. */
static size_t check_countries_in(const char *relative)
{
    static char fields[MAX_FIELDS][FIELD_BYTES];
    const char *path = l2a_test_data_path(relative);
    FILE *f;
    int n, column;
    size_t checked = 0;

    ck_assert_ptr_nonnull(path);
    f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", relative);
    n = read_record(f, fields);
    column = find_column(fields, n, "country");
    ck_assert_int_ge(column, 0);
    while ((n = read_record(f, fields)) >= 0) {
        const char *value = column < n ? fields[column] : "";
        const char *code;
        if (!*value)
            continue;
        code = country_of(value);
        ck_assert_msg(code != NULL, "%s: country \"%s\" is unknown", relative, value);
        ck_assert_uint_eq(strlen(code), 2);
        checked++;
    }
    fclose(f);
    return checked;
}

START_TEST(test_every_country_in_the_data_maps)
{
    if (!l2a_test_data_path("l2a/accounts.csv")) {
        printf("test_every_country_in_the_data_maps: skipped, no shared data\n");
        return;
    }
    ck_assert_uint_gt(check_countries_in("l2a/accounts.csv"), 1000);
    ck_assert_uint_gt(check_countries_in("l2a/dev/persons.csv"), 1000);
    ck_assert_uint_gt(check_countries_in("l2a/train/persons.csv"), 1000);
}
END_TEST

/* ---- phone keys ---- */

typedef struct phone_case {
    const char *in;
    const char *key; /* "" when there is none */
} phone_case;

static const phone_case phone_cases[] = {
    {"+1 (415) 555-0100", "14155550100"},
    {"+1.415.555.0100", "14155550100"},
    {"0044 20 7946 0958", "442079460958"},
    {"+44 (0)20 7946 0958", "442079460958"},
    {"0049 (0)30 1234567", "49301234567"},
    {"(415) 555-0100", "4155550100"},
    {"020 7946 0958", "02079460958"},
    {"Tel: +33 1 23 45 67 89", "33123456789"},
    {"+49 30 1234567 ext. 89", "49301234567"},
    {"+1 415 555 0100 x23", "14155550100"},
    {"+1 415 555 0100;ext=23", "14155550100"},
    {"\xEF\xBC\x90\xEF\xBC\x93-1234-5678", "0312345678"}, /* full-width digits */
    {"\xEF\xBC\x8B\xEF\xBC\x98\xEF\xBC\x91 3 1234 5678", "81312345678"},
    {"123456", "123456"},
    {"12345", ""},
    {"+1 23 45", ""},
    {"00 1234", ""},
    {"", ""},
    {"call me", ""},
    {"1-800-FLOWERS", ""},
};

START_TEST(test_phone_cases)
{
    char out[32];
    size_t i;

    for (i = 0; i < sizeof phone_cases / sizeof phone_cases[0]; i++) {
        const phone_case *c = &phone_cases[i];
        size_t n = l2a_loc_phone_key(c->in, strlen(c->in), out, sizeof out);
        ck_assert_msg(strcmp(out, c->key) == 0, "\"%s\" gave \"%s\", want \"%s\"", c->in, out,
                      c->key);
        ck_assert_uint_eq(n, strlen(c->key));
    }
}
END_TEST

START_TEST(test_phone_never_writes_past_cap)
{
    char out[16];
    size_t n;

    memset(out, '#', sizeof out);
    n = l2a_loc_phone_key("+1 415 555 0100", 15, out, 8);
    ck_assert_uint_eq(n, 7);
    ck_assert_str_eq(out, "1415555");
    ck_assert_int_eq(out[8], '#');

    /* room for fewer than six digits is no key */
    memset(out, '#', sizeof out);
    ck_assert_uint_eq(l2a_loc_phone_key("+1 415 555 0100", 15, out, 6), 0);
    ck_assert_str_eq(out, "");
    ck_assert_int_eq(out[1], '#');

    memset(out, '#', sizeof out);
    ck_assert_uint_eq(l2a_loc_phone_key("+1 415 555 0100", 15, out, 0), 0);
    ck_assert_int_eq(out[0], '#');
    ck_assert_uint_eq(l2a_loc_phone_key("+1 415 555 0100", 15, NULL, 8), 0);
    ck_assert_uint_eq(l2a_loc_phone_key(NULL, 3, out, sizeof out), 0);
    ck_assert_str_eq(out, "");

    /* the length ends the number, not a NUL */
    n = l2a_loc_phone_key("+1 415 555 0100", 11, out, sizeof out);
    ck_assert_uint_eq(n, 7);
    ck_assert_str_eq(out, "1415555");

    /* a very long run of digits is cut, not overflowed */
    n = l2a_loc_phone_key("1234567890123456789012345678901234567890", 40, out, sizeof out);
    ck_assert_uint_eq(n, sizeof out - 1);
    ck_assert_uint_eq(strlen(out), sizeof out - 1);
    ck_assert_int_eq(strncmp(out, "123456789012345", sizeof out - 1), 0);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("location");
    TCase *countries = tcase_create("countries");
    TCase *phones = tcase_create("phones");

    /* ICU keeps registries and caches for the life of the process; freeing
     * them at exit leaves a leak checker with nothing but our own memory. */
    atexit(u_cleanup);
    tcase_add_checked_fixture(countries, setup, teardown);
    tcase_set_timeout(countries, 120);
    tcase_add_test(countries, test_country_cases);
    tcase_add_test(countries, test_country_lookup_edges);
    tcase_add_test(countries, test_every_country_in_the_data_maps);
    suite_add_tcase(s, countries);

    tcase_add_test(phones, test_phone_cases);
    tcase_add_test(phones, test_phone_never_writes_past_cap);
    suite_add_tcase(s, phones);
    return s;
}
