/* SPDX-License-Identifier: MIT */
/* l2a_result: what a match decided, read through getters. */
#include <string.h>

#include "alloc.h"
#include "result-internal.h"

L2A_API int l2a_result_new(l2a_result **out)
{
    if (!out)
        return L2A_ERR_INVALID_ARGUMENT;
    *out = l2a_calloc(1, sizeof **out);
    return *out ? L2A_OK : L2A_ERR_NOMEM;
}

L2A_API void l2a_result_free(l2a_result *res)
{
    if (!res)
        return;
    l2a_free(res->cands);
    l2a_buf_free(&res->ids);
    l2a_free(res);
}

void l2a_result_reset(l2a_result *res)
{
    res->status = L2A_STATUS_NONE;
    res->person_class = L2A_CLASS_NONE;
    res->method = L2A_METHOD_NONE;
    res->n_cands = 0;
    res->n_reasons = 0;
    l2a_buf_reset(&res->ids);
    l2a_clear_error(res->errmsg);
}

int l2a_result_reserve(l2a_result *res, size_t n)
{
    l2a_scored *cands;

    if (n <= res->cap_cands)
        return L2A_OK;
    cands = l2a_reallocarray(res->cands, n, sizeof *cands);
    if (!cands)
        return L2A_ERR_NOMEM;
    res->cands = cands;
    res->cap_cands = n;
    return L2A_OK;
}

L2A_API int l2a_result_status(const l2a_result *res)
{
    return res ? res->status : L2A_STATUS_NONE;
}

L2A_API int l2a_result_person_class(const l2a_result *res)
{
    return res ? res->person_class : L2A_CLASS_NONE;
}

L2A_API int l2a_result_method(const l2a_result *res)
{
    return res ? res->method : L2A_METHOD_NONE;
}

static const l2a_scored *candidate(const l2a_result *res, size_t index)
{
    return res && index < res->n_cands ? &res->cands[index] : NULL;
}

L2A_API const char *l2a_result_candidate_id(const l2a_result *res, size_t index)
{
    const l2a_scored *c = candidate(res, index);

    return c ? l2a_buf_str(&res->ids) + c->id_off : NULL;
}

L2A_API double l2a_result_candidate_score(const l2a_result *res, size_t index)
{
    const l2a_scored *c = candidate(res, index);

    return c ? c->prob : 0.0;
}

L2A_API size_t l2a_result_candidate_count(const l2a_result *res)
{
    return res ? res->n_cands : 0;
}

L2A_API const char *l2a_result_account_id(const l2a_result *res)
{
    return l2a_result_candidate_id(res, 0);
}

L2A_API double l2a_result_score(const l2a_result *res)
{
    return l2a_result_candidate_score(res, 0);
}

L2A_API const char *l2a_result_runner_up_id(const l2a_result *res)
{
    return l2a_result_candidate_id(res, 1);
}

L2A_API double l2a_result_runner_up_score(const l2a_result *res)
{
    return l2a_result_candidate_score(res, 1);
}

L2A_API int l2a_result_candidate_feature(const l2a_result *res, size_t index, int feature,
                                         double *value_out, double *contribution_out)
{
    const l2a_scored *c;

    if (!res || feature < 0 || feature >= L2A_FEATURE_COUNT)
        return L2A_ERR_INVALID_ARGUMENT;
    c = candidate(res, index);
    if (!c)
        return L2A_ERR_NOT_FOUND;
    if (value_out)
        *value_out = c->value[feature];
    if (contribution_out)
        *contribution_out = c->contrib[feature];
    return L2A_OK;
}

L2A_API size_t l2a_result_reason_count(const l2a_result *res)
{
    return res ? res->n_reasons : 0;
}

L2A_API int l2a_result_reason(const l2a_result *res, size_t index, int *feature_out, double *value_out,
                              double *contribution_out)
{
    int feature;

    if (!res)
        return L2A_ERR_INVALID_ARGUMENT;
    if (index >= res->n_reasons)
        return L2A_ERR_NOT_FOUND;
    feature = res->reasons[index];
    if (feature_out)
        *feature_out = feature;
    return l2a_result_candidate_feature(res, 0, feature, value_out, contribution_out);
}

L2A_API const char *l2a_result_errmsg(const l2a_result *res)
{
    return res ? res->errmsg : "";
}
