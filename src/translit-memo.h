/* SPDX-License-Identifier: MIT */
/*
 * What single characters transliterate to, remembered.
 *
 * ICU spends microseconds on every character it transliterates (Han-Latin
 * tries hundreds of rules on each ideograph, Latin-ASCII runs two
 * normalizations), yet most names are made of characters whose
 * transliteration does not depend on their neighbours:
 * - Latin and common characters (letters with diacritics, punctuation):
 *   Any-Latin leaves them alone and Latin-ASCII maps each by itself;
 * - Han ideographs: Han-Latin spaces them apart and maps each to its
 *   syllable, except the few its rules read in context.
 * For text made of one of these kinds (and ASCII), the memo writes the
 * ASCII that transliteration would leave, character by character, and runs
 * the transliterator only the first time it meets a character.
 *
 * A memo belongs to one transliterator and is used by one thread at a time.
 */
#ifndef L2A_TRANSLIT_MEMO_H
#define L2A_TRANSLIT_MEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unicode/utrans.h>
#include <unicode/utypes.h>

typedef struct l2a_memo_entry l2a_memo_entry;

typedef struct l2a_translit_memo {
    l2a_memo_entry *slots; /* open addressing; allocated on the first insertion */
    uint32_t cap;          /* a power of two, or 0 */
    uint32_t count;
} l2a_translit_memo;

#define L2A_TRANSLIT_MEMO_INIT {NULL, 0, 0}

void l2a_tmemo_free(l2a_translit_memo *m);

/* Bytes of output l2a_tmemo_transliterate() may write per UTF-16 unit of input. */
#define L2A_TMEMO_BYTES_PER_UNIT 11

/*
 * The ASCII that transliterating the NFKC-case-folded src[0, len) with
 * `trans` and then keeping only ASCII (l2a_translit_residue()) gives, as far
 * as the tokens of a key go, into out (room for L2A_TMEMO_BYTES_PER_UNIT *
 * len bytes). Returns L2A_OK with *out_len set, or L2A_ERR_NOT_FOUND when
 * the text must go through the transliterator whole: it holds a character
 * that may transliterate differently in context, or mixes ideographs with
 * other letters, or the memo could not grow. Anything else is an error of
 * the transliterator.
 */
int l2a_tmemo_transliterate(l2a_translit_memo *m, UTransliterator *trans, const UChar *src,
                            int32_t len, char *out, size_t *out_len);

/*
 * What a character left over by transliteration becomes in a key: ASCII
 * stays; marks, modifier letters and letters without a rule vanish without
 * splitting the word they are in (0); anything else separates tokens (' ').
 */
char l2a_translit_residue(UChar32 c);

/* For tests: true for the ideographs Han-Latin's rules read in context. */
bool l2a_tmemo_han_in_context(UChar32 c);

#endif
