/* SPDX-License-Identifier: MIT */
/* The matcher's lifecycle: creation, parameters, model, accounts, build. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "location.h"
#include "matcher-internal.h"

#define MODEL_FILE_MAX (1u << 20)

L2A_API int l2a_matcher_new(l2a_matcher **out)
{
    l2a_matcher *m;
    char err[L2A_ERRMSG_SIZE];
    int rc;

    if (!out)
        return L2A_ERR_INVALID_ARGUMENT;
    *out = NULL;
    m = l2a_calloc(1, sizeof *m);
    if (!m)
        return L2A_ERR_NOMEM;
    if (pthread_mutex_init(&m->pool_lock, NULL) != 0) {
        l2a_free(m);
        return L2A_ERR_INTERNAL;
    }
    rc = l2a_norm_new(&m->norm);
    if (!rc)
        rc = l2a_dom_new(&m->domains);
    if (!rc)
        rc = l2a_idset_new(&m->ids);
    if (!rc)
        rc = l2a_buf_putc(&m->base.arena, '\0'); /* offset 0 is the empty string */
    if (!rc && l2a_model_parse(l2a_default_model_text, l2a_default_model_size, &m->model, err) != L2A_OK)
        rc = L2A_ERR_INTERNAL;
    if (rc) {
        l2a_matcher_free(m);
        return rc;
    }
    m->threshold = m->model.threshold;
    m->margin = L2A_DEFAULT_MARGIN;
    m->max_candidates = L2A_DEFAULT_MAX_CANDIDATES;
    m->name_search = L2A_NAME_SEARCH_UNEXPLAINED;
    *out = m;
    return L2A_OK;
}

L2A_API void l2a_matcher_free(l2a_matcher *m)
{
    size_t i;

    if (!m)
        return;
    for (i = 0; i < m->n_pool; i++)
        l2a_workspace_free(m->pool[i]);
    l2a_free(m->pool);
    pthread_mutex_destroy(&m->pool_lock);
    l2a_norm_free(m->norm);
    l2a_dom_free(m->domains);
    l2a_idset_free(m->ids);
    l2a_buf_free(&m->scratch_text);
    if (m->base_mapped)
        l2a_segment_discard_maps(&m->base); /* the tables live in the mapping */
    else
        l2a_segment_free(&m->base);
    if (m->snapshot) {
        l2a_buf_free(&m->own_arena);
        l2a_snapr_close(m->snapshot);
    }
    l2a_churn_free(m);
    l2a_free(m);
}

L2A_API const char *l2a_matcher_errmsg(const l2a_matcher *m)
{
    return m ? m->errmsg : "";
}

L2A_API size_t l2a_matcher_account_count(const l2a_matcher *m)
{
    return m ? m->base.n_accounts - m->n_dead + m->delta.n_accounts : 0;
}

L2A_API const char *l2a_matcher_model_version(const l2a_matcher *m)
{
    return m ? m->model.version : "";
}

/* ---- parameters ---- */

L2A_API int l2a_param_bounds(int param, double *min_out, double *max_out)
{
    double lo, hi;

    switch (param) {
    case L2A_PARAM_THRESHOLD:
    case L2A_PARAM_AMBIGUITY_MARGIN:
        lo = 0.0;
        hi = 1.0;
        break;
    case L2A_PARAM_MAX_CANDIDATES:
        lo = 1.0;
        hi = L2A_MAX_CANDIDATES_LIMIT;
        break;
    case L2A_PARAM_NAME_SEARCH:
        lo = L2A_NAME_SEARCH_UNEXPLAINED;
        hi = L2A_NAME_SEARCH_ALWAYS;
        break;
    default:
        return L2A_ERR_INVALID_ARGUMENT;
    }
    if (min_out)
        *min_out = lo;
    if (max_out)
        *max_out = hi;
    return L2A_OK;
}

L2A_API int l2a_matcher_set_param(l2a_matcher *m, int param, double value)
{
    double lo, hi;

    if (!m)
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_clear_error(m->errmsg);
    if (l2a_param_bounds(param, &lo, &hi) != L2A_OK)
        return l2a_set_error(m->errmsg, L2A_ERR_INVALID_ARGUMENT, "unknown parameter %d", param);
    if (!(value >= lo && value <= hi))
        return l2a_set_error(m->errmsg, L2A_ERR_INVALID_ARGUMENT, "parameter %d: %g is outside [%g, %g]",
                             param, value, lo, hi);
    if (param == L2A_PARAM_MAX_CANDIDATES && value != floor(value))
        return l2a_set_error(m->errmsg, L2A_ERR_INVALID_ARGUMENT, "max candidates must be a whole number");
    if (param == L2A_PARAM_NAME_SEARCH && value != floor(value))
        return l2a_set_error(m->errmsg, L2A_ERR_INVALID_ARGUMENT, "name search must be an l2a_name_search value");
    if (param == L2A_PARAM_THRESHOLD)
        m->threshold = value;
    else if (param == L2A_PARAM_AMBIGUITY_MARGIN)
        m->margin = value;
    else if (param == L2A_PARAM_MAX_CANDIDATES)
        m->max_candidates = (unsigned)value;
    else
        m->name_search = (int)value;
    return L2A_OK;
}

L2A_API int l2a_matcher_get_param(const l2a_matcher *m, int param, double *value_out)
{
    if (!m || !value_out)
        return L2A_ERR_INVALID_ARGUMENT;
    switch (param) {
    case L2A_PARAM_THRESHOLD:
        *value_out = m->threshold;
        return L2A_OK;
    case L2A_PARAM_AMBIGUITY_MARGIN:
        *value_out = m->margin;
        return L2A_OK;
    case L2A_PARAM_MAX_CANDIDATES:
        *value_out = m->max_candidates;
        return L2A_OK;
    case L2A_PARAM_NAME_SEARCH:
        *value_out = m->name_search;
        return L2A_OK;
    default:
        return L2A_ERR_INVALID_ARGUMENT;
    }
}

/* ---- model and free-mail table ---- */

static int refuse_if_built(l2a_matcher *m, const char *what)
{
    if (m->built)
        return l2a_set_error(m->errmsg, L2A_ERR_ALREADY_BUILT, "%s: the matcher is already built", what);
    return L2A_OK;
}

L2A_API int l2a_matcher_set_model(l2a_matcher *m, const char *text, size_t len)
{
    l2a_model model;
    int rc;

    if (!m)
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_clear_error(m->errmsg);
    if (!text)
        return l2a_set_error(m->errmsg, L2A_ERR_INVALID_ARGUMENT, "set_model: NULL text");
    if ((rc = refuse_if_built(m, "set_model")) != L2A_OK)
        return rc;
    if (len == L2A_NTS)
        len = strlen(text);
    rc = l2a_model_parse(text, len, &model, m->errmsg);
    if (rc)
        return rc;
    m->model = model;
    m->threshold = model.threshold;
    return L2A_OK;
}

/* Reads a whole small file into buf. */
static int read_small_file(l2a_matcher *m, const char *path, l2a_buf *buf)
{
    char chunk[4096];
    FILE *f = fopen(path, "rb");
    size_t n;
    int rc = L2A_OK;

    if (!f)
        return l2a_set_error(m->errmsg, L2A_ERR_IO, "%s: %s", path, strerror(errno));
    l2a_buf_reset(buf);
    while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf->len + n > MODEL_FILE_MAX)
            rc = l2a_set_error(m->errmsg, L2A_ERR_MODEL_FORMAT, "%s: larger than %u bytes", path,
                               MODEL_FILE_MAX);
        else if (l2a_buf_append(buf, chunk, n) != L2A_OK)
            rc = l2a_set_error(m->errmsg, L2A_ERR_NOMEM, "out of memory");
    }
    if (!rc && ferror(f))
        rc = l2a_set_error(m->errmsg, L2A_ERR_IO, "%s: read error", path);
    fclose(f);
    return rc;
}

L2A_API int l2a_matcher_load_model(l2a_matcher *m, const char *path)
{
    l2a_buf text = L2A_BUF_INIT;
    int rc;

    if (!m)
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_clear_error(m->errmsg);
    if (!path)
        return l2a_set_error(m->errmsg, L2A_ERR_INVALID_ARGUMENT, "load_model: NULL path");
    if ((rc = refuse_if_built(m, "load_model")) != L2A_OK)
        return rc;
    rc = read_small_file(m, path, &text);
    if (!rc)
        rc = l2a_matcher_set_model(m, l2a_buf_str(&text), text.len);
    l2a_buf_free(&text);
    return rc;
}

L2A_API int l2a_matcher_add_freemail(l2a_matcher *m, const char *domain, size_t len)
{
    int rc;

    if (!m)
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_clear_error(m->errmsg);
    if (!domain)
        return l2a_set_error(m->errmsg, L2A_ERR_INVALID_ARGUMENT, "add_freemail: NULL domain");
    if ((rc = refuse_if_built(m, "add_freemail")) != L2A_OK)
        return rc;
    if (len == L2A_NTS)
        len = strlen(domain);
    if (len > L2A_FIELD_MAX_BYTES)
        return l2a_set_error(m->errmsg, L2A_ERR_TOO_LONG, "add_freemail: domain too long");
    rc = l2a_dom_add_freemail(m->domains, domain, len);
    if (rc == L2A_ERR_INVALID_ARGUMENT)
        return l2a_set_error(m->errmsg, rc, "add_freemail: \"%.*s\" is not a domain", (int)(len > 80 ? 80 : len),
                             domain);
    if (rc)
        return l2a_set_error(m->errmsg, rc, "add_freemail: %s", l2a_strerror(rc));
    return L2A_OK;
}
