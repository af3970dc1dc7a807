/* SPDX-License-Identifier: MIT */
/*
 * Legal forms of companies (Inc, GmbH, S.A., 株式会社, ООО, ...), used by
 * the normalizer to strip them from name keys. Two kinds of tables:
 * - keyed forms, written as normalized keys ("co ltd", "sa de cv"), looked up
 *   as whole token sequences at the end (suffix forms) or start (prefix
 *   forms) of a folded name;
 * - native forms in scripts that transliteration would mangle or glue to the
 *   name (CJK has no spaces), matched on case-folded UTF-16 before
 *   transliteration.
 * The tables are immutable: every function here is thread-safe.
 */
#ifndef L2A_LEGALFORMS_H
#define L2A_LEGALFORMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unicode/utypes.h>

/* No keyed form has more tokens than this. */
#define L2A_LEGAL_FORM_MAX_TOKENS 6
/* No keyed form is longer than this, in bytes. */
#define L2A_LEGAL_FORM_MAX_BYTES 40

typedef enum l2a_form_match {
    L2A_FORM_NONE,  /* neither a form nor part of one: stop growing the fragment */
    L2A_FORM_PART,  /* the end (suffix) or start (prefix) of a longer form */
    L2A_FORM_WHOLE  /* a form (possibly also part of a longer one) */
} l2a_form_match;

/* How the key fragment [s, s+len) matches the forms that may end a name. */
l2a_form_match l2a_legal_form_suffix_match(const char *s, size_t len);

/* How the key fragment [s, s+len) matches the forms that may start a name. */
l2a_form_match l2a_legal_form_prefix_match(const char *s, size_t len);

/* True when the key fragment [s, s+len) is a whole suffix form. */
bool l2a_legal_form_is_suffix(const char *s, size_t len);

/*
 * True when the token [t, t+len) is not a whole suffix form but one edit
 * away from one: a byte dropped, two neighbours swapped, or a letter a-z
 * replaced or added ("limtied", "corpration", "ltdd"). Tokens shorter than
 * four bytes never are.
 */
bool l2a_legal_form_is_typo(const char *t, size_t len);

/* True when the key fragment [s, s+len) is a whole prefix form. */
bool l2a_legal_form_is_prefix(const char *s, size_t len);

/*
 * Narrows [*begin, *end) of NFKC-case-folded UTF-16 text so that it no
 * longer starts or ends with a native legal form (株式会社, 有限公司, 주식회사,
 * (주), общество с ограниченной ответственностью, ...), repeatedly, along
 * with the spaces and punctuation around them. Leaves the range unchanged
 * when no form matches, and never narrows it to text without a letter or
 * digit. Returns true when it narrowed the range.
 */
bool l2a_legal_form_trim_native(const UChar *text, int32_t *begin, int32_t *end);

/*
 * For tests: the keyed tables are sorted for binary search, within the
 * limits above, and list every part their search walks through.
 */
bool l2a_legal_forms_valid(void);
/* For tests: NFKC_Casefold leaves every native form unchanged. */
bool l2a_legal_forms_native_folded(void);
/* For tests: the number of whole keyed forms (suffix and prefix tables together). */
size_t l2a_legal_forms_count(void);

#endif
