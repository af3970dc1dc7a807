/* SPDX-License-Identifier: MIT */
/* The pool of per-match working memory that lets many threads match on one matcher. */
#include "alloc.h"
#include "matcher-internal.h"

void l2a_workspace_free(l2a_workspace *ws)
{
    if (!ws)
        return;
    l2a_tri_scratch_free(ws->scratch);
    l2a_tri_scratch_free(ws->delta_scratch);
    l2a_buf_free(&ws->name);
    l2a_buf_free(&ws->email_host);
    l2a_buf_free(&ws->email_domain);
    l2a_buf_free(&ws->website_host);
    l2a_buf_free(&ws->website_domain);
    l2a_buf_free(&ws->text);
    l2a_buf_free(&ws->region);
    l2a_buf_free(&ws->city);
    l2a_free(ws->hits);
    l2a_free(ws->cands);
    l2a_free(ws->views);
    l2a_free(ws);
}

static l2a_workspace *workspace_new(const l2a_matcher *m)
{
    l2a_workspace *ws = l2a_calloc(1, sizeof *ws);

    if (!ws)
        return NULL;
    if ((m->base.trigrams && l2a_tri_scratch_new(m->base.trigrams, &ws->scratch) != L2A_OK) ||
        (m->delta.trigrams && l2a_tri_scratch_new(m->delta.trigrams, &ws->delta_scratch) != L2A_OK)) {
        l2a_workspace_free(ws);
        return NULL;
    }
    return ws;
}

l2a_workspace *l2a_workspace_acquire(const l2a_matcher *m)
{
    /* The pool is the one part of a built matcher that changes while matching. */
    l2a_matcher *pool_owner = (l2a_matcher *)m;
    l2a_workspace *ws = NULL;

    pthread_mutex_lock(&pool_owner->pool_lock);
    if (pool_owner->n_pool)
        ws = pool_owner->pool[--pool_owner->n_pool];
    pthread_mutex_unlock(&pool_owner->pool_lock);
    return ws ? ws : workspace_new(m);
}

void l2a_workspace_release(const l2a_matcher *m, l2a_workspace *ws)
{
    l2a_matcher *pool_owner = (l2a_matcher *)m;

    if (!ws)
        return;
    pthread_mutex_lock(&pool_owner->pool_lock);
    if (pool_owner->n_pool == pool_owner->cap_pool) {
        size_t cap = pool_owner->cap_pool ? pool_owner->cap_pool * 2 : 8;
        l2a_workspace **pool = l2a_reallocarray(pool_owner->pool, cap, sizeof *pool);
        if (pool) {
            pool_owner->pool = pool;
            pool_owner->cap_pool = cap;
        }
    }
    if (pool_owner->n_pool < pool_owner->cap_pool) {
        pool_owner->pool[pool_owner->n_pool++] = ws;
        ws = NULL;
    }
    pthread_mutex_unlock(&pool_owner->pool_lock);
    l2a_workspace_free(ws); /* the pool could not grow: simply drop it */
}

int l2a_workspace_reserve_views(l2a_workspace *ws, size_t n)
{
    l2a_str *views;

    if (n <= ws->cap_views)
        return L2A_OK;
    views = l2a_reallocarray(ws->views, n, sizeof *views);
    if (!views)
        return L2A_ERR_NOMEM;
    ws->views = views;
    ws->cap_views = n;
    return L2A_OK;
}

void l2a_workspace_pool_clear(l2a_matcher *m)
{
    size_t i;

    for (i = 0; i < m->n_pool; i++)
        l2a_workspace_free(m->pool[i]);
    m->n_pool = 0;
}
