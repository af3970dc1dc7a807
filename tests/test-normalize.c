/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uclean.h>

#include "buf.h"
#include "l2a.h"
#include "legalforms.h"
#include "norm-paths.h"
#include "normalize.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

static l2a_normalizer *norm;

static void setup(void)
{
    ck_assert_int_eq(l2a_norm_new(&norm), L2A_OK);
    ck_assert_ptr_nonnull(norm);
}

static void teardown(void)
{
    l2a_norm_free(norm);
    norm = NULL;
}

/* The name key of a C string, in a static buffer (tests are single-threaded here). */
static const char *name_key(const char *s)
{
    static l2a_buf key = L2A_BUF_INIT;
    static char copy[4096];

    ck_assert_int_eq(l2a_norm_name(norm, s, strlen(s), &key), L2A_OK);
    snprintf(copy, sizeof copy, "%s", l2a_buf_str(&key));
    l2a_buf_free(&key);
    return copy;
}

static const char *text_key(const char *s)
{
    static l2a_buf key = L2A_BUF_INIT;
    static char copy[4096];

    ck_assert_int_eq(l2a_norm_text(norm, s, strlen(s), &key), L2A_OK);
    snprintf(copy, sizeof copy, "%s", l2a_buf_str(&key));
    l2a_buf_free(&key);
    return copy;
}

/* Tokens of [a-z0-9]+ separated by single spaces, nothing else. */
static bool is_key_shaped(const char *k)
{
    size_t i, n = strlen(k);

    if (n == 0)
        return true;
    if (k[0] == ' ' || k[n - 1] == ' ')
        return false;
    for (i = 0; i < n; i++) {
        char c = k[i];
        if (c == ' ') {
            if (k[i + 1] == ' ')
                return false;
        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            return false;
        }
    }
    return true;
}

typedef struct key_case {
    const char *in;
    const char *name;
} key_case;

/* Name keys worked out by hand from the rules in normalize.h. */
static const key_case name_cases[] = {
    /* legal forms, English-speaking countries */
    {"Qingdao Haier Biomedical Co., Ltd.", "qingdao haier biomedical"},
    {"Harn Engineering Solutions Public Company Limited", "harn engineering solutions"},
    {"Apple Inc.", "apple"},
    {"Apple Incorporated", "apple"},
    {"Microsoft Corporation", "microsoft"},
    {"Acadian Timber Corp.", "acadian timber"},
    {"Ford Motor Company", "ford motor"},
    {"Radian Group Inc.", "radian group"},
    {"Connect Biopharma Holdings Limited", "connect biopharma holdings"},
    {"Daimler International Ltd", "daimler international"},
    {"Kooth plc", "kooth"},
    {"Acme, L.L.C.", "acme"},
    {"Acme LLC", "acme"},
    {"Smith Partners LLP", "smith partners"},
    {"Bank of America, N.A.", "bank of america"},
    {"Hyundai Department Store Co., Ltd.", "hyundai department store"},
    {"Agricultural Bank of China Limited", "agricultural bank of china"},
    {"Coastal Energy Company", "coastal energy"},
    {"BHP Group Pty Ltd", "bhp group"},
    {"Infosys Pvt. Ltd.", "infosys"},
    {"Tata Consultancy Services Private Limited", "tata consultancy services"},
    {"Singapore Telecommunications Pte. Ltd.", "singapore telecommunications"},
    {"Asia Hotel Public Company Ltd.", "asia hotel"},
    {"Mitsui & Co., Ltd.", "mitsui"},
    {"Merck & Co., Inc.", "merck"},
    {"Metro Ltée", "metro"},
    /* continental Europe */
    {"Siemens Aktiengesellschaft", "siemens"},
    {"Uzin Utz SE", "uzin utz"},
    {"Robert Bosch GmbH", "robert bosch"},
    {"Dr. Ing. h.c. F. Porsche AG", "dr ing hc f porsche"},
    {"Müller GmbH & Co. KG", "muller"},
    {"Merck KGaA", "merck"},
    {"Daimler Truck Holding AG", "daimler truck holding"},
    {"Société Générale S.A.", "societe generale"},
    {"Danone SA", "danone"},
    {"CrowdFundMe S.p.A.", "crowdfundme"},
    {"Ferrero S.r.l.", "ferrero"},
    {"Koninklijke Philips N.V.", "koninklijke philips"},
    {"Heineken Holding NV", "heineken holding"},
    {"Booking B.V.", "booking"},
    {"Inditex S.L.", "inditex"},
    {"Orlen Sp. z o.o.", "orlen"},
    {"Saniona AB (publ)", "saniona"},
    {"Nokia Oyj", "nokia"},
    {"Fiskars Oyj Abp", "fiskars"},
    {"Kone Oy", "kone"},
    {"Ørsted A/S", "orsted"},
    {"Equinor ASA", "equinor"},
    {"Agilyx AS", "agilyx"},
    {"Koç Holding A.Ş.", "koc holding"},
    {"Akbank T.A.S.", "akbank"},
    {"Gazprom PJSC", "gazprom"},
    {"Public Joint Stock Company Aeroflot", "aeroflot"},
    {"Joint Stock Company Alrosa", "alrosa"},
    {"OOO Yandex", "yandex"},
    /* Latin America, Asia */
    {"Fomento Económico Mexicano, S.A.B. de C.V.", "fomento economico mexicano"},
    {"Grupo Bimbo, S.A. de C.V.", "grupo bimbo"},
    {"Embraer Ltda", "embraer"},
    {"Sony K.K.", "sony"},
    {"Kabushiki Kaisha Toshiba", "toshiba"},
    {"Toyota Motor Kabushiki Kaisha", "toyota motor"},
    {"PT Bank Rakyat Indonesia (Persero) Tbk", "bank rakyat indonesia"},
    {"PT. Astra International Tbk.", "astra international"},
    {"Malayan Banking Berhad", "malayan banking"},
    {"Sime Darby Sdn Bhd", "sime darby"},
    /* forms only count at the edges, and only as whole tokens */
    {"Petróleo Brasileiro S.A. - Petrobras", "petroleo brasileiro sa petrobras"},
    {"Inc Research Holdings", "inc research holdings"},
    {"Co-operative Bank", "co operative bank"},
    {"The Williams Companies, Inc.", "williams companies"},
    {"Kyokuto Boeki Kaisha, Ltd.", "kyokuto boeki kaisha"},
    {"MBH Corporation PLC", "mbh"},
    /* nothing but legal forms: kept */
    {"Inc.", "inc"},
    {"Co Ltd", "co ltd"},
    {"S.A.", "sa"},
    {"A/S", "as"},
    {"N.V.", "nv"},
    {"K.K.", "kk"},
    {"S.p.A.", "spa"},
    {"PT Tbk", "pt tbk"},
    /* the, and */
    {"The Coca-Cola Company", "coca cola"},
    {"The", "the"},
    {"Procter & Gamble", "procter and gamble"},
    {"Texas A&M University", "texas a and m university"},
    {"A+E Networks", "a and e networks"},
    {"C++ Builder", "c builder"},
    /* punctuation, case, apostrophes, digits */
    {"Baha'i Institute", "bahai institute"},
    {"Xi'an Jiaotong University", "xian jiaotong university"},
    {"Trainers\xE2\x80\x99 House Oyj", "trainers house"},
    {"Women's University", "womens university"},
    {"St. John's College", "st johns college"},
    {"Foo/Bar (Baz) [Qux] \"Q\" !?:;+", "foo bar baz qux q"},
    {"  MIXED   case\tand\nspace  ", "mixed case and space"},
    {"3M Company", "3m"},
    {"7-Eleven, Inc.", "7 eleven"},
    {"U.S. Steel", "us steel"},
    /* diacritics and compatibility forms */
    {"Université de Cergy-Pontoise", "universite de cergy pontoise"},
    {"Heinrich-Heine Universität Düsseldorf", "heinrich heine universitat dusseldorf"},
    {"ÉCOLE NORMALE SUPÉRIEURE", "ecole normale superieure"},
    {"Łódź University of Technology", "lodz university of technology"},
    {"Boğaziçi Üniversitesi", "bogazici universitesi"},
    {"Straße", "strasse"},
    {"\xEF\xBC\xB4\xEF\xBC\xAF\xEF\xBC\xB9\xEF\xBC\xAF\xEF\xBC\xB4\xEF\xBC\xA1\xE3\x80\x80"
     "\xEF\xBC\xAD\xEF\xBC\xAF\xEF\xBC\xB4\xEF\xBC\xAF\xEF\xBC\xB2",
     "toyota motor"},
    {"Fine Arts Academy \xC2\x93Wladyslaw\xC2\x94", "fine arts academy wladyslaw"},
    /* other scripts, where the transliteration is well known */
    {"株式会社トヨタ", "toyota"},
    {"トヨタ株式会社", "toyota"},
    {"青岛海尔生物医疗股份有限公司", "qing dao hai er sheng wu yi liao"},
    {"ПАО «Газпром»", "gazprom"},
    {"ОАО Газпром", "gazprom"},
    {"Ελληνικά Πετρέλαια Α.Ε.", "ellenika petrelaia"},
    /* empty */
    {"", ""},
    {" \t\r\n ", ""},
    {"--- ... ///", ""},
};

START_TEST(test_name_cases)
{
    size_t i;

    for (i = 0; i < sizeof name_cases / sizeof name_cases[0]; i++) {
        const char *got = name_key(name_cases[i].in);
        ck_assert_msg(strcmp(got, name_cases[i].name) == 0, "name \"%s\": got \"%s\", want \"%s\"",
                      name_cases[i].in, got, name_cases[i].name);
        ck_assert(is_key_shaped(got));
    }
}
END_TEST

static const key_case text_cases[] = {
    {"Procter & Gamble Co.", "procter gamble co"},
    {"The Hague", "the hague"},
    {"São Paulo", "sao paulo"},
    {"Zürich", "zurich"},
    {"U.S.A.", "usa"},
    {"Korea, Republic of", "korea republic of"},
    {"Côte d'Ivoire", "cote divoire"},
    {"Holy See (Vatican City State)", "holy see vatican city state"},
    {"Inc.", "inc"},
    {"Ltd", "ltd"},
    {"Москва", "moskva"},
    {"", ""},
};

START_TEST(test_text_cases)
{
    size_t i;

    for (i = 0; i < sizeof text_cases / sizeof text_cases[0]; i++) {
        const char *got = text_key(text_cases[i].in);
        ck_assert_msg(strcmp(got, text_cases[i].name) == 0, "text \"%s\": got \"%s\", want \"%s\"",
                      text_cases[i].in, got, text_cases[i].name);
    }
}
END_TEST

static void assert_same_name_key(const char *a, const char *b)
{
    char first[4096];

    snprintf(first, sizeof first, "%s", name_key(a));
    ck_assert_msg(strcmp(first, name_key(b)) == 0, "\"%s\" -> \"%s\" but \"%s\" -> \"%s\"", a,
                  first, b, name_key(b));
}

static void assert_different_keys(const char *a, const char *b, bool name)
{
    char first[4096];

    snprintf(first, sizeof first, "%s", name ? name_key(a) : text_key(a));
    ck_assert_msg(strcmp(first, name ? name_key(b) : text_key(b)) != 0,
                  "\"%s\" and \"%s\" both give \"%s\"", a, b, first);
}

START_TEST(test_native_legal_forms)
{
    assert_same_name_key("株式会社トヨタ", "トヨタ");
    assert_same_name_key("㈱日立", "日立株式会社");
    assert_same_name_key("(株)日立", "日立");
    ck_assert_str_eq(name_key("日立"), "ri li");
    assert_same_name_key("有限会社ABC", "ABC");
    assert_same_name_key("阿里巴巴集团控股有限公司", "阿里巴巴集团控股");
    assert_same_name_key("台灣積體電路製造股份有限公司", "台灣積體電路製造");
    ck_assert_ptr_null(strstr(name_key("台灣積體電路製造股份有限公司"), "gong si"));
    assert_same_name_key("삼성전자 주식회사", "삼성전자");
    assert_same_name_key("삼성전자주식회사", "삼성전자");
    assert_same_name_key("㈜삼성전자", "삼성전자");
    assert_same_name_key("(주) 삼성전자", "삼성전자");
    ck_assert_str_eq(name_key("삼성전자"), "samseongjeonja");
    assert_same_name_key("Общество с ограниченной ответственностью «Ромашка»", "Ромашка");
    assert_same_name_key("ООО «Ромашка»", "Ромашка");
    assert_same_name_key("Ромашка, ООО", "Ромашка");
    /* a form must be a whole word in scripts with spaces */
    assert_different_keys("Аорта", "рта", true);
    assert_same_name_key("АО Аорта", "Аорта");
    assert_same_name_key("บริษัท ปตท. จำกัด (มหาชน)", "ปตท.");
    assert_same_name_key("شركة أرامكو السعودية", "أرامكو السعودية");
    /* nothing but a native form: kept */
    ck_assert_str_ne(name_key("株式会社"), "");
    ck_assert_str_ne(name_key("주식회사"), "");
    /* text keys keep them */
    assert_different_keys("トヨタ株式会社", "トヨタ", false);
}
END_TEST

START_TEST(test_other_scripts_give_ascii)
{
    static const char *const inputs[] = {
        "กรุงเทพมหานคร",      /* Thai */
        "جامعة الملك سعود",     /* Arabic */
        "אוניברסיטת תל אביב", /* Hebrew */
        "Московский университет",
        "Πανεπιστήμιο Αθηνών",
        "서울대학교",
        "東京大学",
        "ताज महल", /* Devanagari */
    };
    size_t i;

    for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        const char *k = name_key(inputs[i]);
        ck_assert_msg(strlen(k) > 0, "\"%s\" gave an empty key", inputs[i]);
        ck_assert_msg(is_key_shaped(k), "\"%s\" gave \"%s\"", inputs[i], k);
        ck_assert(is_key_shaped(text_key(inputs[i])));
    }
    ck_assert_str_eq(text_key("Тольятти"), "tolatti");
}
END_TEST

START_TEST(test_and_equivalence)
{
    assert_same_name_key("Procter & Gamble", "Procter and Gamble");
    assert_same_name_key("Procter&Gamble", "PROCTER AND GAMBLE");
    assert_same_name_key("Johnson & Johnson Inc", "Johnson and Johnson");
    assert_same_name_key("A+E Networks", "A & E Networks");
    assert_same_name_key("The Boeing Company", "Boeing");
    ck_assert_str_eq(text_key("Procter & Gamble"), "procter gamble");
}
END_TEST

static void assert_rejected(const char *s, size_t len)
{
    l2a_buf key = L2A_BUF_INIT;

    ck_assert_int_eq(l2a_buf_set(&key, "stale", 5), L2A_OK);
    ck_assert_int_eq(l2a_norm_name(norm, s, len, &key), L2A_ERR_INVALID_UTF8);
    ck_assert_uint_eq(key.len, 0);
    ck_assert_int_eq(l2a_norm_text(norm, s, len, &key), L2A_ERR_INVALID_UTF8);
    ck_assert_uint_eq(key.len, 0);
    l2a_buf_free(&key);
}

START_TEST(test_invalid_input)
{
    l2a_buf key = L2A_BUF_INIT;

    assert_rejected("\xFF", 1);
    assert_rejected("Caf\xC3", 4);              /* truncated sequence */
    assert_rejected("\xC0\xAF", 2);             /* overlong "/" */
    assert_rejected("\xED\xA0\x80", 3);         /* surrogate */
    assert_rejected("\xF4\x90\x80\x80", 4);     /* above U+10FFFF */
    assert_rejected("Acme\0 Inc", 9);           /* embedded NUL, ASCII */
    assert_rejected("Caf\xC3\xA9\0 Inc", 10);   /* embedded NUL, non-ASCII */
    ck_assert_int_eq(l2a_norm_name(NULL, "a", 1, &key), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_norm_name(norm, "a", 1, NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_norm_text(norm, NULL, 3, &key), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_norm_text(norm, NULL, 0, &key), L2A_OK);
    ck_assert_str_eq(l2a_buf_str(&key), "");
    l2a_buf_free(&key);
}
END_TEST

START_TEST(test_buffer_is_reused)
{
    l2a_buf key = L2A_BUF_INIT;
    char *data;

    ck_assert_int_eq(l2a_norm_name(norm, "A rather long company name Inc", 30, &key), L2A_OK);
    ck_assert_str_eq(l2a_buf_str(&key), "a rather long company name");
    data = key.data;
    ck_assert_int_eq(l2a_norm_name(norm, "Short", 5, &key), L2A_OK);
    ck_assert_str_eq(l2a_buf_str(&key), "short");
    ck_assert_uint_eq(key.len, 5);
    ck_assert_ptr_eq(key.data, data);
    l2a_buf_free(&key);
}
END_TEST

#define BIG_INPUT 65536

/* `unit` repeated as often as fits in BIG_INPUT bytes; *size gets the length. */
static char *repeat(const char *unit, size_t *size)
{
    size_t ulen = strlen(unit), i;
    char *buf;

    *size = BIG_INPUT / ulen * ulen;
    buf = malloc(*size);
    ck_assert_ptr_nonnull(buf);
    for (i = 0; i < *size; i += ulen)
        memcpy(buf + i, unit, ulen);
    return buf;
}

/* A 64 KiB run of `unit` must give the same token once per unit, in both modes. */
static void check_long_input(const char *unit, const char *token)
{
    size_t size, units, tlen = strlen(token), i;
    char *in = repeat(unit, &size);
    l2a_buf key = L2A_BUF_INIT;
    int mode;

    units = size / strlen(unit);
    for (mode = 0; mode < 2; mode++) {
        int rc = mode ? l2a_norm_name(norm, in, size, &key) : l2a_norm_text(norm, in, size, &key);
        ck_assert_int_eq(rc, L2A_OK);
        ck_assert_msg(key.len == units * (tlen + 1) - 1, "\"%s\" x %zu: key of %zu bytes", unit,
                      units, key.len);
        for (i = 0; i < key.len; i += tlen + 1) {
            ck_assert_int_eq(memcmp(key.data + i, token, tlen), 0);
            ck_assert(i + tlen == key.len || key.data[i + tlen] == ' ');
        }
    }
    l2a_buf_free(&key);
    free(in);
}

START_TEST(test_64k_input)
{
    size_t size, i;
    char *in;
    l2a_buf key = L2A_BUF_INIT;

    check_long_input("abc ", "abc");
    check_long_input("A.B.C. ", "abc");
    check_long_input("Düsseldorf ", "dusseldorf");
    check_long_input("Köln-", "koln");
    check_long_input("海 ", "hai");
    check_long_input("海", "hai"); /* Han transliterates syllable by syllable */

    /* one 32768-letter word: no space to cut the transliteration at */
    in = repeat("é", &size);
    ck_assert_int_eq(l2a_norm_text(norm, in, size, &key), L2A_OK);
    ck_assert_uint_eq(key.len, size / 2);
    for (i = 0; i < key.len; i++)
        ck_assert_int_eq(key.data[i], 'e');
    free(in);

    /* a single word of 64 KiB of ASCII letters */
    in = repeat("Q", &size);
    ck_assert_int_eq(l2a_norm_name(norm, in, size, &key), L2A_OK);
    ck_assert_uint_eq(key.len, BIG_INPUT);
    ck_assert_int_eq(key.data[0], 'q');
    ck_assert_int_eq(key.data[BIG_INPUT - 1], 'q');
    free(in);
    l2a_buf_free(&key);
}
END_TEST

static void assert_paths_agree(const char *s, size_t len)
{
    l2a_test_norm_paths_agree(norm, s, len);
}

static bool is_ascii_text(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

START_TEST(test_ascii_fast_path_matches_icu)
{
    char s[64];
    size_t i, j;
    unsigned c;
    uint32_t seed = 12345;
    static const char alphabet[] = "aZ0 .&'+/-`\"(),;:!?Ab.S.A.Inc Co Ltd";

    for (i = 0; i < sizeof name_cases / sizeof name_cases[0]; i++)
        if (is_ascii_text(name_cases[i].in))
            assert_paths_agree(name_cases[i].in, strlen(name_cases[i].in));
    /* every ASCII character, alone and inside a word */
    for (c = 1; c < 0x80; c++) {
        int n = snprintf(s, sizeof s, "ab%cc d%c", (char)c, (char)c);
        assert_paths_agree(s, (size_t)n);
        s[0] = (char)c;
        assert_paths_agree(s, 1);
    }
    /* random strings over the characters that steer folding */
    for (i = 0; i < 3000; i++) {
        size_t len;
        seed = seed * 1103515245u + 12345u;
        len = (seed >> 16) % 40;
        for (j = 0; j < len; j++) {
            seed = seed * 1103515245u + 12345u;
            s[j] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        assert_paths_agree(s, len);
    }
}
END_TEST

/* Another route to the same check: a trailing no-break space forces ICU but folds away. */
START_TEST(test_trailing_nbsp_changes_nothing)
{
    size_t i;
    char with[512], plain[512];

    for (i = 0; i < sizeof name_cases / sizeof name_cases[0]; i++) {
        if (!is_ascii_text(name_cases[i].in))
            continue;
        snprintf(plain, sizeof plain, "%s", name_key(name_cases[i].in));
        snprintf(with, sizeof with, "%s\xC2\xA0", name_cases[i].in);
        ck_assert_str_eq(name_key(with), plain);
    }
}
END_TEST

#define THREADS 8
#define ROUNDS 30

typedef struct thread_job {
    const char *const *inputs;
    const char *const *expected;
    size_t count;
    int failures;
} thread_job;

static void *normalize_many(void *arg)
{
    thread_job *job = arg;
    l2a_buf key = L2A_BUF_INIT;
    size_t r, i;

    for (r = 0; r < ROUNDS; r++)
        for (i = 0; i < job->count; i++) {
            size_t k = (i + r * 7) % job->count; /* threads hit inputs in different orders */
            if (l2a_norm_name(norm, job->inputs[k], strlen(job->inputs[k]), &key) != L2A_OK ||
                strcmp(l2a_buf_str(&key), job->expected[k]) != 0)
                job->failures++;
        }
    l2a_buf_free(&key);
    return NULL;
}

START_TEST(test_threads_agree_with_single_thread)
{
    enum { N = sizeof name_cases / sizeof name_cases[0] };
    const char *inputs[N];
    char *expected[N];
    pthread_t tids[THREADS];
    thread_job jobs[THREADS];
    size_t i;

    for (i = 0; i < N; i++) {
        inputs[i] = name_cases[i].in;
        expected[i] = strdup(name_key(inputs[i]));
        ck_assert_ptr_nonnull(expected[i]);
    }
    for (i = 0; i < THREADS; i++) {
        jobs[i].inputs = inputs;
        jobs[i].expected = (const char *const *)expected;
        jobs[i].count = N;
        jobs[i].failures = 0;
        ck_assert_int_eq(pthread_create(&tids[i], NULL, normalize_many, &jobs[i]), 0);
    }
    for (i = 0; i < THREADS; i++) {
        ck_assert_int_eq(pthread_join(tids[i], NULL), 0);
        ck_assert_int_eq(jobs[i].failures, 0);
    }
    for (i = 0; i < N; i++)
        free(expected[i]);
}
END_TEST

START_TEST(test_legal_form_tables)
{
    ck_assert(l2a_legal_forms_valid());
    ck_assert(l2a_legal_forms_native_folded());
    ck_assert_uint_ge(l2a_legal_forms_count(), 150);
    ck_assert(l2a_legal_form_is_suffix("gmbh", 4));
    ck_assert(l2a_legal_form_is_suffix("sa de cv", 8));
    ck_assert(l2a_legal_form_is_suffix("co ltdx", 6));
    ck_assert(!l2a_legal_form_is_suffix("co ltdx", 7));
    ck_assert(!l2a_legal_form_is_suffix("group", 5));
    ck_assert(!l2a_legal_form_is_suffix("holdings", 8));
    ck_assert(!l2a_legal_form_is_suffix("companies", 9));
    ck_assert(!l2a_legal_form_is_suffix("", 0));
    ck_assert_int_eq(l2a_legal_form_suffix_match("de cv", 5), L2A_FORM_PART);
    ck_assert_int_eq(l2a_legal_form_suffix_match("co", 2), L2A_FORM_WHOLE);
    ck_assert_int_eq(l2a_legal_form_suffix_match("university", 10), L2A_FORM_NONE);
    ck_assert_int_eq(l2a_legal_form_prefix_match("public joint", 12), L2A_FORM_PART);
    ck_assert(l2a_legal_form_is_prefix("pt", 2));
    ck_assert(!l2a_legal_form_is_prefix("inc", 3));
}
END_TEST

/* The one-edit test as first written: every variant looked up in the table. */
static int typo_by_lookups(const char *t, size_t len)
{
    char v[L2A_LEGAL_FORM_MAX_BYTES + 2];
    size_t i;
    char c;

    if (len < 4 || len > L2A_LEGAL_FORM_MAX_BYTES || l2a_legal_form_is_suffix(t, len))
        return 0;
    for (i = 0; i < len; i++) {
        memcpy(v, t, i);
        memcpy(v + i, t + i + 1, len - i - 1);
        if (l2a_legal_form_is_suffix(v, len - 1))
            return 1;
    }
    for (i = 0; i + 1 < len; i++) {
        memcpy(v, t, len);
        v[i] = t[i + 1];
        v[i + 1] = t[i];
        if (l2a_legal_form_is_suffix(v, len))
            return 1;
    }
    for (i = 0; i < len; i++) {
        memcpy(v, t, len);
        for (c = 'a'; c <= 'z'; c++) {
            v[i] = c;
            if (c != t[i] && l2a_legal_form_is_suffix(v, len))
                return 1;
        }
    }
    for (i = 0; i <= len && len + 1 <= L2A_LEGAL_FORM_MAX_BYTES; i++) {
        memcpy(v, t, i);
        memcpy(v + i + 1, t + i, len - i);
        for (c = 'a'; c <= 'z'; c++) {
            v[i] = c;
            if (l2a_legal_form_is_suffix(v, len + 1))
                return 1;
        }
    }
    return 0;
}

static void check_typo_agrees(const char *t, size_t len, size_t *positives)
{
    int want = typo_by_lookups(t, len);

    if ((int)l2a_legal_form_is_typo(t, len) != want)
        ck_abort_msg("l2a_legal_form_is_typo(\"%.*s\") != %d", (int)len, t, want);
    *positives += (size_t)want;
}

/* Every single edit of some forms, and of their edits, agrees with the look-ups. */
START_TEST(test_legal_form_typo_matches_lookups)
{
    static const char *const seeds[] = {"limited", "corporation", "gmbh", "ltd", "inc", "company",
                                        "incorporated", "aktiengesellschaft", "sarl", "pty", "kft",
                                        "oyj", "spolka", "holding", "acme", "llc", "ag", "bv"};
    static const char alphabet[] = "abcdelmnortyz019-";
    size_t positives = 0;

    for (size_t s = 0; s < sizeof seeds / sizeof *seeds; s++) {
        const char *w = seeds[s];
        size_t n = strlen(w);
        char v[64];

        check_typo_agrees(w, n, &positives);
        for (size_t i = 0; i < n; i++) { /* deletions, then a second edit on each */
            memcpy(v, w, i);
            memcpy(v + i, w + i + 1, n - i - 1);
            check_typo_agrees(v, n - 1, &positives);
            for (size_t j = 0; j + 1 < n - 1; j++) {
                char u[64];

                memcpy(u, v, n - 1);
                u[j] = v[j + 1];
                u[j + 1] = v[j];
                check_typo_agrees(u, n - 1, &positives);
            }
        }
        for (size_t i = 0; i + 1 < n; i++) { /* swaps */
            memcpy(v, w, n);
            v[i] = w[i + 1];
            v[i + 1] = w[i];
            check_typo_agrees(v, n, &positives);
        }
        for (size_t i = 0; i <= n; i++) /* replacements and insertions */
            for (const char *c = alphabet; *c; c++) {
                if (i < n) {
                    memcpy(v, w, n);
                    v[i] = *c;
                    check_typo_agrees(v, n, &positives);
                }
                memcpy(v, w, i);
                v[i] = *c;
                memcpy(v + i + 1, w + i, n - i);
                check_typo_agrees(v, n + 1, &positives);
            }
    }
    /* The test is only worth something if both answers occur often. */
    ck_assert_uint_gt(positives, 200);
    ck_assert(l2a_legal_form_is_typo("limtied", 7));
    ck_assert(l2a_legal_form_is_typo("corpration", 10));
    ck_assert(l2a_legal_form_is_typo("ltdd", 4));
    ck_assert(!l2a_legal_form_is_typo("limited", 7));
    ck_assert(!l2a_legal_form_is_typo("ltd", 3));
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("normalize");
    TCase *keys = tcase_create("keys");
    TCase *paths = tcase_create("paths");

    /* ICU keeps registries and caches for the life of the process; freeing
     * them at exit leaves a leak checker with nothing but our own memory. */
    atexit(u_cleanup);
    tcase_add_checked_fixture(keys, setup, teardown);
    tcase_add_test(keys, test_name_cases);
    tcase_add_test(keys, test_text_cases);
    tcase_add_test(keys, test_native_legal_forms);
    tcase_add_test(keys, test_other_scripts_give_ascii);
    tcase_add_test(keys, test_and_equivalence);
    tcase_add_test(keys, test_invalid_input);
    tcase_add_test(keys, test_buffer_is_reused);
    tcase_add_test(keys, test_legal_form_tables);
    tcase_add_test(keys, test_legal_form_typo_matches_lookups);
    suite_add_tcase(s, keys);

    tcase_add_checked_fixture(paths, setup, teardown);
    tcase_set_timeout(paths, 300);
    tcase_add_test(paths, test_64k_input);
    tcase_add_test(paths, test_ascii_fast_path_matches_icu);
    tcase_add_test(paths, test_trailing_nbsp_changes_nothing);
    tcase_add_test(paths, test_threads_agree_with_single_thread);
    suite_add_tcase(s, paths);
    return s;
}
