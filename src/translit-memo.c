/* SPDX-License-Identifier: MIT */
#include "translit-memo.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include "alloc.h"
#include "l2a.h"

/* The longest ASCII one character may stand for ("zhuang", "ffi"), after a space. */
#define PIECE_MAX (L2A_TMEMO_BYTES_PER_UNIT - 1)
/* A memo stops growing here (1 MiB of slots): beyond, text goes through ICU. */
#define MEMO_MAX_COUNT (1u << 15)
#define MEMO_FIRST_CAP 256u

typedef enum char_kind {
    KIND_IN_CONTEXT = 1, /* may transliterate differently beside other characters */
    KIND_IN_WORD,        /* Latin or common: its ASCII joins the word around it */
    KIND_SYLLABLE        /* a Han ideograph: its ASCII is a token of its own */
} char_kind;

struct l2a_memo_entry {
    uint32_t cp; /* 0: a free slot (NUL never reaches a key) */
    uint8_t kind;
    uint8_t len;
    char text[PIECE_MAX];
};

/*
 * Han-Latin reads these in context ("重庆" is "chong qing", "重" alone
 * "zhong"); a unit test checks that its rules read no other ideograph so.
 */
static const UChar32 han_in_context[] = {0x85CF, 0x91CD, 0x6C88, 0x79D8};

bool l2a_tmemo_han_in_context(UChar32 c)
{
    size_t i;

    for (i = 0; i < sizeof han_in_context / sizeof han_in_context[0]; i++)
        if (c == han_in_context[i])
            return true;
    return false;
}

void l2a_tmemo_free(l2a_translit_memo *m)
{
    l2a_free(m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}

char l2a_translit_residue(UChar32 c)
{
    if (c < 0x80)
        return (char)c;
    switch (u_charType(c)) {
    case U_MODIFIER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_FORMAT_CHAR:
        return 0;
    default:
        return u_isalpha(c) ? 0 : ' ';
    }
}

/*
 * Any-Latin leaves Latin and common characters to Latin-ASCII, whose rules
 * map one character at a time once marks are gone; marks themselves are
 * removed only after a Latin letter or digit, so a text holding one is not
 * taken apart. Han ideographs are spaced apart before Han-Latin maps them.
 */
static char_kind kind_of(UChar32 c)
{
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &err);
    int8_t type = u_charType(c);

    if (U_FAILURE(err) || type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
        type == U_COMBINING_SPACING_MARK)
        return KIND_IN_CONTEXT;
    if (script == USCRIPT_LATIN || script == USCRIPT_COMMON)
        return KIND_IN_WORD;
    if (script == USCRIPT_HAN && type == U_OTHER_LETTER &&
        u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) && !l2a_tmemo_han_in_context(c))
        return KIND_SYLLABLE;
    return KIND_IN_CONTEXT;
}

/* Transliterates c alone and keeps the ASCII left, as the whole text would. */
static void learn(UTransliterator *trans, UChar32 c, l2a_memo_entry *e)
{
    UChar buf[32];
    int32_t len = 0, limit, i = 0;
    UErrorCode err = U_ZERO_ERROR;
    UBool unused = false;

    e->cp = (uint32_t)c;
    e->len = 0;
    e->kind = (uint8_t)kind_of(c);
    if (e->kind == KIND_IN_CONTEXT)
        return;
    U16_APPEND(buf, len, (int32_t)(sizeof buf / sizeof buf[0]), c, unused);
    (void)unused;
    limit = len;
    utrans_transUChars(trans, buf, &len, (int32_t)(sizeof buf / sizeof buf[0]), 0, &limit, &err);
    if (U_FAILURE(err) || len > (int32_t)(sizeof buf / sizeof buf[0])) {
        e->kind = KIND_IN_CONTEXT;
        return;
    }
    while (i < len) {
        UChar32 r;
        char a;
        U16_NEXT(buf, i, len, r);
        a = l2a_translit_residue(r);
        if (!a)
            continue;
        if (e->len == PIECE_MAX) {
            e->kind = KIND_IN_CONTEXT; /* too long to remember: ICU handles it */
            return;
        }
        e->text[e->len++] = a;
    }
}

static uint32_t slot_of(uint32_t cp, uint32_t cap)
{
    return (cp * 0x9E3779B1u) & (cap - 1);
}

static l2a_memo_entry *probe(const l2a_translit_memo *m, uint32_t cp)
{
    uint32_t i = slot_of(cp, m->cap);

    while (m->slots[i].cp != 0 && m->slots[i].cp != cp)
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

/* Keeps the load at most one half; false when the memo cannot grow. */
static bool make_room(l2a_translit_memo *m)
{
    l2a_translit_memo bigger;
    uint32_t i;

    if (m->cap != 0 && (m->count + 1) * 2 <= m->cap)
        return true;
    if (m->count >= MEMO_MAX_COUNT)
        return false;
    bigger.cap = m->cap ? m->cap * 2 : MEMO_FIRST_CAP;
    bigger.count = m->count;
    bigger.slots = l2a_calloc(bigger.cap, sizeof *bigger.slots);
    if (!bigger.slots)
        return false;
    for (i = 0; i < m->cap; i++)
        if (m->slots[i].cp != 0)
            *probe(&bigger, m->slots[i].cp) = m->slots[i];
    l2a_free(m->slots);
    *m = bigger;
    return true;
}

/* The entry for c, learnt now if need be; NULL when the memo is full. */
static const l2a_memo_entry *find(l2a_translit_memo *m, UTransliterator *trans, UChar32 c)
{
    l2a_memo_entry *e;

    if (m->cap != 0) {
        e = probe(m, (uint32_t)c);
        if (e->cp != 0)
            return e;
    }
    if (!make_room(m))
        return NULL;
    e = probe(m, (uint32_t)c);
    learn(trans, c, e);
    m->count++;
    return e;
}

static bool is_ascii_space(UChar32 c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

int l2a_tmemo_transliterate(l2a_translit_memo *m, UTransliterator *trans, const UChar *src,
                            int32_t len, char *out, size_t *out_len)
{
    bool words = false, syllables = false;
    int32_t i = 0;
    size_t n = 0;

    while (i < len) {
        const l2a_memo_entry *e;
        UChar32 c;

        U16_NEXT(src, i, len, c);
        if (c < 0x80) {
            words = words || !is_ascii_space(c);
            out[n++] = (char)c;
            continue;
        }
        e = find(m, trans, c);
        if (!e || e->kind == KIND_IN_CONTEXT)
            return L2A_ERR_NOT_FOUND;
        if (e->kind == KIND_SYLLABLE) {
            syllables = true;
            out[n++] = ' ';
        } else {
            words = true;
        }
        memcpy(out + n, e->text, e->len);
        n += e->len;
    }
    /* Han-Latin spaces ideographs from letters but not from digits: mixes are its to do. */
    if (words && syllables)
        return L2A_ERR_NOT_FOUND;
    *out_len = n;
    return L2A_OK;
}
