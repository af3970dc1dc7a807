/* SPDX-License-Identifier: MIT */
/*
 * What the two halves of the domain module share: the handle, the limits of
 * a host, and the steps from typed text to a normalized host (domain.c)
 * that the registrable domains and kinds (domain-registrable.c) build on.
 * Nothing outside the domain module includes this.
 */
#ifndef L2A_DOMAIN_PRIVATE_H
#define L2A_DOMAIN_PRIVATE_H

#include <libpsl.h>
#include <stdbool.h>
#include <stddef.h>
#include <unicode/uidna.h>

#include "domain.h"
#include "freemail.h"

/* RFC 1035 limits, for the presentation form without the trailing dot. */
#define HOST_MAX 253
#define LABEL_MAX 63
/* Room for a maximal host, a trailing dot and the NUL. */
#define HOST_BUF (HOST_MAX + 2)

struct l2a_domains {
    UIDNA *idna;            /* immutable once opened; conversion is thread-safe */
    const psl_ctx_t *psl;   /* the list in use: built-in or owned_psl */
    psl_ctx_t *owned_psl;   /* psl_latest() result, freed with the handle */
    l2a_freemail_set added; /* l2a_dom_add_freemail() */
};

/* A run of bytes of the input, not NUL-terminated. */
struct span {
    const char *p;
    size_t len;
};

/* The text as a span (len L2A_NTS: up to its NUL); false when it is unusable. */
bool l2a_dom_open_input(const char *text, size_t len, struct span *out);

/* A host to lowercase ASCII in out (HOST_BUF bytes), checked; L2A_ERR_NOT_FOUND when it is none. */
int l2a_dom_normalize_host(const l2a_domains *d, struct span s, char *out, size_t *out_len);

/* True when a label starts with "xn--" (any case). */
bool l2a_dom_has_ace_label(struct span s);

/* The host text of an email or a URL, whichever the text looks like. */
bool l2a_dom_any_host_text(const char *text, size_t len, struct span *out);

#endif
