/* SPDX-License-Identifier: MIT */
/* The layout of l2a_result, shared by the matcher (which fills it) and its getters. */
#ifndef L2A_RESULT_INTERNAL_H
#define L2A_RESULT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "errors.h"
#include "l2a.h"

typedef struct l2a_scored {
    uint32_t doc;    /* account index in the built matcher */
    uint32_t id_off; /* offset of the account id in l2a_result.ids */
    double logit;
    double prob;
    double value[L2A_FEATURE_COUNT];
    double contrib[L2A_FEATURE_COUNT];
} l2a_scored;

struct l2a_result {
    int status;
    int person_class;
    int method;
    l2a_scored *cands; /* best first */
    size_t n_cands;
    size_t cap_cands;
    l2a_buf ids; /* the candidates' account ids, NUL-separated: results outlive matchers */
    int reasons[L2A_FEATURE_COUNT];
    size_t n_reasons;
    char errmsg[L2A_ERRMSG_SIZE];
};

/* Forgets the previous decision, keeping memory. */
void l2a_result_reset(l2a_result *res);
/* Room for n candidates. L2A_OK or L2A_ERR_NOMEM. */
int l2a_result_reserve(l2a_result *res, size_t n);

#endif
