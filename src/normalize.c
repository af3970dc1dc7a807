/* SPDX-License-Identifier: MIT */
#include "normalize.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

#include "alloc.h"
#include "l2a.h"
#include "legalforms.h"
#include "translit-memo.h"
#include "utf8.h"

/*
 * Any-Latin writes the Cyrillic soft and hard signs, the Arabic ayin and the
 * Hawaiian okina as modifier letters (ʹ ʺ ʿ ʻ); removing them before
 * Latin-ASCII keeps "Тольятти" one word instead of splitting it at a quote.
 */
static const UChar transliterator_id[] = u"Any-Latin; [\\u02B9-\\u02BF] Remove; Latin-ASCII";

/*
 * Transliteration cost grows faster than linearly with the length of one
 * call, so long text goes through in pieces cut after a space (never
 * inside a word, where a cut could change the result).
 */
#define CHUNK_UNITS 512

/* Buffers above this size are dropped when a scratch goes back to the pool. */
#define SCRATCH_KEEP_BYTES (256 * 1024)

/*
 * A transliterator with the buffers one call needs. ICU transliterators
 * must not be used by two threads at once, so each call borrows a scratch
 * from the normalizer's pool and gives it back.
 */
typedef struct scratch {
    UTransliterator *trans;
    l2a_translit_memo memo; /* what trans makes of single characters */
    UChar *folded; /* the input NFKC case folded */
    int32_t folded_cap;
    UChar *latin; /* the input as UTF-16, then transliterated */
    int32_t latin_cap;
    char *ascii;
    size_t ascii_cap;
} scratch;

struct l2a_normalizer {
    const UNormalizer2 *casefold; /* an ICU singleton, safe to share */
    UTransliterator *prototype;   /* cloned into scratches, used by none */
    pthread_mutex_t lock;         /* guards prototype and the pool */
    scratch **idle;               /* room for every scratch ever made */
    size_t idle_count;
    size_t scratch_count;
    bool fast_paths;
};

/* ---- the pool of scratches ---- */

static void scratch_free(scratch *s)
{
    if (!s)
        return;
    if (s->trans)
        utrans_close(s->trans);
    l2a_tmemo_free(&s->memo);
    l2a_free(s->folded);
    l2a_free(s->latin);
    l2a_free(s->ascii);
    l2a_free(s);
}

/* Called with the lock held. */
static int scratch_create(l2a_normalizer *n, scratch **out)
{
    UErrorCode err = U_ZERO_ERROR;
    scratch **idle;
    scratch *s;

    /* Growing the idle list now means giving a scratch back never allocates. */
    idle = l2a_reallocarray(n->idle, n->scratch_count + 1, sizeof(*idle));
    if (!idle)
        return L2A_ERR_NOMEM;
    n->idle = idle;
    s = l2a_calloc(1, sizeof(*s));
    if (!s)
        return L2A_ERR_NOMEM;
    s->trans = utrans_clone(n->prototype, &err);
    if (U_FAILURE(err) || !s->trans) {
        scratch_free(s);
        return err == U_MEMORY_ALLOCATION_ERROR ? L2A_ERR_NOMEM : L2A_ERR_INTERNAL;
    }
    n->scratch_count++;
    *out = s;
    return L2A_OK;
}

static int scratch_acquire(l2a_normalizer *n, scratch **out)
{
    int rc = L2A_OK;

    if (pthread_mutex_lock(&n->lock) != 0)
        return L2A_ERR_INTERNAL;
    if (n->idle_count > 0)
        *out = n->idle[--n->idle_count];
    else
        rc = scratch_create(n, out);
    pthread_mutex_unlock(&n->lock);
    return rc;
}

static void scratch_trim(scratch *s)
{
    size_t bytes = (size_t)s->folded_cap * sizeof(UChar) + (size_t)s->latin_cap * sizeof(UChar) +
                   s->ascii_cap;

    if (bytes <= SCRATCH_KEEP_BYTES)
        return;
    l2a_free(s->folded);
    l2a_free(s->latin);
    l2a_free(s->ascii);
    s->folded = s->latin = NULL;
    s->ascii = NULL;
    s->folded_cap = s->latin_cap = 0;
    s->ascii_cap = 0;
}

static void scratch_release(l2a_normalizer *n, scratch *s)
{
    scratch_trim(s);
    /* Locking a valid default mutex does not fail; if it did, the pool
     * must not be touched unguarded, and the scratch is simply not reused. */
    if (pthread_mutex_lock(&n->lock) != 0) {
        scratch_free(s);
        return;
    }
    n->idle[n->idle_count++] = s;
    pthread_mutex_unlock(&n->lock);
}

/* ---- lifecycle ---- */

int l2a_norm_new(l2a_normalizer **out)
{
    UErrorCode err = U_ZERO_ERROR;
    UParseError parse_error;
    l2a_normalizer *n;

    if (!out)
        return L2A_ERR_INVALID_ARGUMENT;
    *out = NULL;
    n = l2a_calloc(1, sizeof(*n));
    if (!n)
        return L2A_ERR_NOMEM;
    n->fast_paths = true;
    n->casefold = unorm2_getNFKCCasefoldInstance(&err);
    if (U_SUCCESS(err))
        n->prototype = utrans_openU(transliterator_id, -1, UTRANS_FORWARD, NULL, 0,
                                    &parse_error, &err);
    if (U_FAILURE(err) || !n->prototype) {
        if (n->prototype)
            utrans_close(n->prototype);
        l2a_free(n);
        return err == U_MEMORY_ALLOCATION_ERROR ? L2A_ERR_NOMEM : L2A_ERR_INTERNAL;
    }
    if (pthread_mutex_init(&n->lock, NULL) != 0) {
        utrans_close(n->prototype);
        l2a_free(n);
        return L2A_ERR_NOMEM;
    }
    *out = n;
    return L2A_OK;
}

void l2a_norm_free(l2a_normalizer *n)
{
    size_t i;

    if (!n)
        return;
    for (i = 0; i < n->idle_count; i++)
        scratch_free(n->idle[i]);
    l2a_free(n->idle);
    utrans_close(n->prototype);
    pthread_mutex_destroy(&n->lock);
    l2a_free(n);
}

void l2a_norm_set_fast_paths(l2a_normalizer *n, int enabled)
{
    if (n)
        n->fast_paths = enabled != 0;
}

/* ---- folding to tokens (shared by the ASCII and ICU paths) ---- */

static bool is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_word_char(unsigned char c)
{
    return is_letter(c) || (c >= '0' && c <= '9');
}

static bool is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static char to_lower(unsigned char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

static bool word_char_before(const unsigned char *s, size_t i)
{
    while (i > 0 && is_space(s[i - 1]))
        i--;
    return i > 0 && is_word_char(s[i - 1]);
}

static bool word_char_after(const unsigned char *s, size_t len, size_t i)
{
    i++;
    while (i < len && is_space(s[i]))
        i++;
    return i < len && is_word_char(s[i]);
}

/* "Baha'i" is one word; "Trainers' House" and "'Quoted'" are not joined. */
static bool apostrophe_joins(const unsigned char *s, size_t len, size_t i, size_t token_len)
{
    return (s[i] == '\'' || s[i] == '`') && token_len > 0 && i + 1 < len &&
           is_word_char(s[i + 1]);
}

/*
 * "S.A.", "U.S.A.", "S.p.A.", "A/S": a dot or slash joins when the token so
 * far is single letters joined this way and a single letter follows, so
 * legal forms and country abbreviations come out as one token.
 */
static bool initial_joins(const unsigned char *s, size_t len, size_t i, bool initials)
{
    return (s[i] == '.' || s[i] == '/') && initials && i + 1 < len && is_letter(s[i + 1]) &&
           (i + 2 >= len || !is_word_char(s[i + 2]));
}

static bool means_and(const unsigned char *s, size_t len, size_t i)
{
    if (s[i] == '&')
        return true;
    return s[i] == '+' && word_char_before(s, i) && word_char_after(s, len, i);
}

/*
 * Writes the tokens of s as "tok tok tok" into out, which has room for
 * 4 * len bytes (a word character writes at most itself and a space, an
 * "&" at most " and"). Bytes that are not ASCII letters or digits separate
 * tokens. Returns the length written.
 */
static size_t fold_tokens(const char *in, size_t len, bool name, char *out)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i, n = 0, token_len = 0;
    bool initials = false, joined = false;

    for (i = 0; i < len; i++) {
        unsigned char c = s[i];

        if (is_word_char(c)) {
            if (token_len == 0) {
                if (n > 0)
                    out[n++] = ' ';
                initials = is_letter(c);
            } else if (!joined) {
                initials = false;
            }
            joined = false;
            out[n++] = to_lower(c);
            token_len++;
        } else if (apostrophe_joins(s, len, i, token_len)) {
            continue;
        } else if (token_len > 0 && initial_joins(s, len, i, initials)) {
            joined = true;
        } else if (name && means_and(s, len, i)) {
            if (n > 0)
                out[n++] = ' ';
            memcpy(out + n, "and", 3);
            n += 3;
            token_len = 0;
        } else {
            token_len = 0;
        }
    }
    return n;
}

/* ---- what only name keys do ---- */

static size_t token_start(const char *s, size_t lo, size_t pos)
{
    while (pos > lo && s[pos - 1] != ' ')
        pos--;
    return pos;
}

static size_t token_end(const char *s, size_t hi, size_t pos)
{
    while (pos < hi && s[pos] != ' ')
        pos++;
    return pos;
}

/* "Mitsui & Co., Ltd." loses "co ltd" and must not keep the "and" before it. */
static void drop_dangling_and(const char *s, size_t b, size_t *e)
{
    size_t q = token_start(s, b, *e);

    if (q > b && *e - q == 3 && memcmp(s + q, "and", 3) == 0)
        *e = q - 1;
}

/*
 * Strips the longest suffix form from [b, *e), repeatedly. The candidate
 * grows from the end one token at a time while it is still part of some
 * form.
 */
static void strip_suffix_forms(const char *s, size_t b, size_t *e)
{
    for (;;) {
        size_t q = *e, match = SIZE_MAX;
        l2a_form_match m = L2A_FORM_PART;
        int k;

        for (k = 0; k < L2A_LEGAL_FORM_MAX_TOKENS && q > b && m != L2A_FORM_NONE; k++) {
            if (k > 0)
                q--; /* the space before the token */
            q = token_start(s, b, q);
            m = l2a_legal_form_suffix_match(s + q, *e - q);
            if (m == L2A_FORM_WHOLE)
                match = q;
        }
        if (match == SIZE_MAX)
            return;
        *e = match > b ? match - 1 : b;
        drop_dangling_and(s, b, e);
    }
}

/* Strips the longest prefix form from [*b, e), repeatedly, growing as above. */
static void strip_prefix_forms(const char *s, size_t *b, size_t e)
{
    for (;;) {
        size_t q = *b, match = SIZE_MAX;
        l2a_form_match m = L2A_FORM_PART;
        int k;

        for (k = 0; k < L2A_LEGAL_FORM_MAX_TOKENS && q < e && m != L2A_FORM_NONE; k++) {
            if (k > 0)
                q++; /* the space after the token */
            q = token_end(s, e, q);
            m = l2a_legal_form_prefix_match(s + *b, q - *b);
            if (m == L2A_FORM_WHOLE)
                match = q;
        }
        if (match == SIZE_MAX)
            return;
        *b = match < e ? match + 1 : e;
    }
}

/*
 * Drops a leading "the" and the legal forms at both ends of the folded key
 * s[0, len), in place; a name made of nothing but legal forms stays whole.
 * Returns the new length.
 */
static size_t finish_name(char *s, size_t len)
{
    size_t b = 0, e = len, lb, le;

    if (len > 4 && memcmp(s, "the ", 4) == 0)
        b = 4;
    lb = b;
    le = e;
    strip_prefix_forms(s, &lb, le);
    strip_suffix_forms(s, lb, &le);
    if (lb < le) {
        b = lb;
        e = le;
    }
    memmove(s, s + b, e - b);
    s[e - b] = '\0';
    return e - b;
}

/* Folds [s, s+len) of ASCII (other bytes separate tokens) into out. */
static int fold_to_key(const char *s, size_t len, bool name, l2a_buf *out)
{
    size_t n;
    int rc;

    if (len > (SIZE_MAX - 1) / 4)
        return L2A_ERR_NOMEM;
    rc = l2a_buf_reserve(out, 4 * len);
    if (rc)
        return rc;
    n = fold_tokens(s, len, name, out->data);
    if (name)
        n = finish_name(out->data, n);
    out->len = n;
    out->data[n] = '\0';
    return L2A_OK;
}

/* ---- the ICU path ---- */

static int reserve_uchars(UChar **buf, int32_t *cap, int64_t need)
{
    int64_t want;
    UChar *p;

    if (need <= *cap)
        return L2A_OK;
    if (need > INT32_MAX)
        return L2A_ERR_NOMEM;
    want = (int64_t)*cap * 2;
    if (want < need)
        want = need;
    if (want > INT32_MAX)
        want = INT32_MAX;
    p = l2a_reallocarray(*buf, (size_t)want, sizeof(UChar));
    if (!p)
        return L2A_ERR_NOMEM;
    *buf = p;
    *cap = (int32_t)want;
    return L2A_OK;
}

static int icu_status(UErrorCode err)
{
    return err == U_MEMORY_ALLOCATION_ERROR ? L2A_ERR_NOMEM : L2A_ERR_INTERNAL;
}

/* UTF-8 input (already validated) to UTF-16 in s->latin. */
static int to_utf16(scratch *s, const char *in, size_t len, int32_t *out_len)
{
    UErrorCode err = U_ZERO_ERROR;
    int rc = reserve_uchars(&s->latin, &s->latin_cap, (int64_t)len + 1);

    if (rc)
        return rc;
    u_strFromUTF8(s->latin, s->latin_cap, out_len, in, (int32_t)len, &err);
    return U_FAILURE(err) ? icu_status(err) : L2A_OK;
}

/* NFKC case folding of s->latin[0, len) into s->folded. */
static int case_fold(l2a_normalizer *n, scratch *s, int32_t len, int32_t *out_len)
{
    int64_t need = (int64_t)len + len / 2 + 16;

    for (;;) {
        UErrorCode err = U_ZERO_ERROR;
        int32_t got;
        int rc = reserve_uchars(&s->folded, &s->folded_cap, need);

        if (rc)
            return rc;
        got = unorm2_normalize(n->casefold, s->latin, len, s->folded, s->folded_cap, &err);
        if (err == U_BUFFER_OVERFLOW_ERROR && got > s->folded_cap) {
            need = (int64_t)got + 1;
            continue;
        }
        if (U_FAILURE(err))
            return icu_status(err);
        *out_len = got;
        return L2A_OK;
    }
}

/* Where the piece of src[pos, len) to transliterate next ends. */
static int32_t chunk_end(const UChar *src, int32_t pos, int32_t len)
{
    int32_t i;

    if (len - pos <= CHUNK_UNITS)
        return len;
    for (i = pos + CHUNK_UNITS; i < len; i++)
        if (src[i] == u' ')
            return i + 1;
    return len;
}

/* Transliterates src[0, n) onto the end of s->latin[0, *latin_len). */
static int transliterate_piece(scratch *s, const UChar *src, int32_t n, int32_t *latin_len)
{
    int64_t need = (int64_t)*latin_len + (int64_t)n * 4 + 16;

    for (;;) {
        UErrorCode err = U_ZERO_ERROR;
        int32_t text_len = n, limit = n;
        int rc = reserve_uchars(&s->latin, &s->latin_cap, need);

        if (rc)
            return rc;
        memcpy(s->latin + *latin_len, src, (size_t)n * sizeof(UChar));
        utrans_transUChars(s->trans, s->latin + *latin_len, &text_len,
                           s->latin_cap - *latin_len, 0, &limit, &err);
        if (err == U_BUFFER_OVERFLOW_ERROR) {
            if (s->latin_cap == INT32_MAX)
                return L2A_ERR_NOMEM;
            need = (int64_t)s->latin_cap * 2;
            continue;
        }
        if (U_FAILURE(err))
            return icu_status(err);
        *latin_len += text_len;
        return L2A_OK;
    }
}

static int transliterate(scratch *s, const UChar *src, int32_t len, int32_t *out_len)
{
    int32_t pos = 0, latin_len = 0;

    while (pos < len) {
        int32_t end = chunk_end(src, pos, len);
        int rc = transliterate_piece(s, src + pos, end - pos, &latin_len);
        if (rc)
            return rc;
        pos = end;
    }
    *out_len = latin_len;
    return L2A_OK;
}

static int reserve_ascii(scratch *s, size_t need)
{
    char *p;

    if (s->ascii_cap >= need)
        return L2A_OK;
    p = l2a_realloc(s->ascii, need);
    if (!p)
        return L2A_ERR_NOMEM;
    s->ascii = p;
    s->ascii_cap = need;
    return L2A_OK;
}

/* What transliteration left in s->latin[0, len), reduced to ASCII, into s->ascii. */
static int to_ascii(scratch *s, int32_t len, size_t *out_len)
{
    int32_t i = 0;
    size_t n = 0;
    int rc = reserve_ascii(s, (size_t)len + 1);

    if (rc)
        return rc;
    while (i < len) {
        UChar32 c;
        char a;
        U16_NEXT(s->latin, i, len, c);
        if (c < 0x80)
            s->ascii[n++] = (char)c;
        else if ((a = l2a_translit_residue(c)) != 0)
            s->ascii[n++] = a;
    }
    *out_len = n;
    return L2A_OK;
}

/*
 * The same ASCII as transliterate() and to_ascii() give, from the memo of
 * single characters; false when the text must go through the transliterator.
 */
static bool ascii_from_memo(scratch *s, const UChar *src, int32_t len, size_t *out_len)
{
    /* Its output may be several times the input: only field-sized text. */
    if (len > L2A_FIELD_MAX_BYTES)
        return false;
    if (reserve_ascii(s, (size_t)len * L2A_TMEMO_BYTES_PER_UNIT + 1) != L2A_OK)
        return false;
    return l2a_tmemo_transliterate(&s->memo, s->trans, src, len, s->ascii, out_len) == L2A_OK;
}

/* Beyond this, UTF-16 lengths and their growth could leave int32_t. */
#define ICU_MAX_INPUT_BYTES (16u * 1024 * 1024)

static int icu_key_with(l2a_normalizer *n, scratch *s, const char *in, size_t len, bool name,
                        l2a_buf *out)
{
    int32_t wide_len, folded_len, latin_len, begin = 0, end;
    size_t ascii_len;
    int rc;

    rc = to_utf16(s, in, len, &wide_len);
    if (!rc)
        rc = case_fold(n, s, wide_len, &folded_len);
    if (rc)
        return rc;
    end = folded_len;
    if (name)
        l2a_legal_form_trim_native(s->folded, &begin, &end);
    if (!n->fast_paths || !ascii_from_memo(s, s->folded + begin, end - begin, &ascii_len)) {
        rc = transliterate(s, s->folded + begin, end - begin, &latin_len);
        if (!rc)
            rc = to_ascii(s, latin_len, &ascii_len);
        if (rc)
            return rc;
    }
    return fold_to_key(s->ascii, ascii_len, name, out);
}

static int icu_key(l2a_normalizer *n, const char *in, size_t len, bool name, l2a_buf *out)
{
    scratch *s;
    int rc;

    if (len > ICU_MAX_INPUT_BYTES)
        return L2A_ERR_TOO_LONG;
    rc = scratch_acquire(n, &s);
    if (rc)
        return rc;
    rc = icu_key_with(n, s, in, len, name, out);
    scratch_release(n, s);
    return rc;
}

/* ---- entry points ---- */

static int normalize(l2a_normalizer *n, const char *in, size_t len, bool name, l2a_buf *out)
{
    int rc;

    if (!n || !out || (!in && len > 0))
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_buf_reset(out);
    if (l2a_utf8_validate(in, len, NULL) != L2A_OK)
        return L2A_ERR_INVALID_UTF8;
    if (n->fast_paths && l2a_is_ascii(in, len))
        rc = fold_to_key(in, len, name, out);
    else
        rc = icu_key(n, in, len, name, out);
    if (rc)
        l2a_buf_reset(out);
    return rc;
}

int l2a_norm_name(l2a_normalizer *n, const char *in, size_t len, l2a_buf *out)
{
    return normalize(n, in, len, true, out);
}

int l2a_norm_text(l2a_normalizer *n, const char *in, size_t len, l2a_buf *out)
{
    return normalize(n, in, len, false, out);
}
