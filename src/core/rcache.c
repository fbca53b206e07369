/* rcache.c: the result cache (see private/rcache.h): a hash table of
 * deep-copied results by canonical answers, with a least-recently-used
 * list; each entry is one allocation (key, result, its strings). */
#include "rcache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry entry;
struct entry {
    entry *chain;       /* next in the bucket */
    entry *prev, *next; /* the recency list: prev more recent */
    uint64_t hash;      /* of the key */
    size_t klen;        /* key length */
    char *key;          /* the key (in this allocation) */
    tp_result r;        /* the result (its arrays and strings in this allocation) */
};

struct tp_rcache {
    entry **buckets;    /* nbuckets chains */
    size_t nbuckets;    /* a power of two, at least twice cap */
    entry *head, *tail; /* most and least recently used */
    int n, cap;         /* entries now, at most */
    const tp_kb *kb;    /* the knowledge base the results are for */
    char kbhash[17];    /* its hash */
    long hits, misses, evictions;
};

tp_rcache *tp_rcache_new(int cap)
{
    tp_rcache *rc = tp_xmalloc(sizeof *rc);
    memset(rc, 0, sizeof *rc);
    rc->cap = cap < 1 ? 1 : cap;
    rc->nbuckets = 16;
    while (rc->nbuckets < 2 * (size_t)rc->cap)
        rc->nbuckets *= 2;
    rc->buckets = tp_xmalloc(rc->nbuckets * sizeof *rc->buckets);
    memset(rc->buckets, 0, rc->nbuckets * sizeof *rc->buckets);
    return rc;
}

void tp_rcache_clear(tp_rcache *rc)
{
    for (entry *e = rc->head, *next; e; e = next) {
        next = e->next;
        free(e);
    }
    memset(rc->buckets, 0, rc->nbuckets * sizeof *rc->buckets);
    rc->head = rc->tail = NULL;
    rc->n = 0;
    rc->kb = NULL;
    rc->kbhash[0] = 0;
    rc->hits = rc->misses = rc->evictions = 0;
}

void tp_rcache_free(tp_rcache *rc)
{
    if (!rc)
        return;
    tp_rcache_clear(rc);
    free(rc->buckets);
    free(rc);
}

/* ---- the key ------------------------------------------------------------------------ */

static void put_u32(tp_buf *b, uint32_t v)
{
    tp_buf_add(b, (const char *)&v, sizeof v);
}

void tp_rcache_key(const tp_case *c, tp_buf *key)
{
    key->len = 0;
    int stack[64], n = c->nanswers;
    int *order = n <= 64 ? stack : tp_xmalloc((size_t)n * sizeof *order);
    /* insertion sort by question: answers mostly come in asking order */
    for (int i = 0; i < n; i++) {
        int k = i;
        while (k > 0 && c->answers[order[k - 1]].q > c->answers[i].q) {
            order[k] = order[k - 1];
            k--;
        }
        order[k] = i;
    }
    for (int i = 0; i < n; i++) {
        const tp_answer *a = &c->answers[order[i]];
        put_u32(key, (uint32_t)a->q);
        put_u32(key, (uint32_t)a->nvals);
        for (int v = 0; v < a->nvals; v++) {
            const tp_value *x = &a->vals[v];
            if (x->sym) { /* 's', the text and its NUL */
                tp_buf_add(key, "s", 1);
                tp_buf_add(key, x->sym, strlen(x->sym) + 1);
            } else {
                tp_buf_add(key, "n", 1);
                tp_buf_add(key, (const char *)&x->num, sizeof x->num);
            }
        }
    }
    if (order != stack)
        free(order);
    if (!key->data)
        tp_buf_add(key, "", 0);
}

/* ---- the table ---------------------------------------------------------------------- */

/* The key's hash, eight bytes at a time (keys are a few hundred bytes,
 * hashed on every case: FNV-1a's byte loop would cost more than the rest). */
static uint64_t key_hash(const char *key, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, key + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    memcpy(&w, key + i, n - i);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 29);
}

static void unlink_lru(tp_rcache *rc, entry *e)
{
    if (e->prev)
        e->prev->next = e->next;
    else
        rc->head = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        rc->tail = e->prev;
    e->prev = e->next = NULL;
}

static void push_front(tp_rcache *rc, entry *e)
{
    e->prev = NULL;
    e->next = rc->head;
    if (rc->head)
        rc->head->prev = e;
    rc->head = e;
    if (!rc->tail)
        rc->tail = e;
}

/* The results are for kb: any other (a reload) empties the cache. */
static void for_kb(tp_rcache *rc, const tp_kb *kb)
{
    if (rc->kb == kb && strcmp(rc->kbhash, kb->hash) == 0)
        return;
    long hits = rc->hits, misses = rc->misses, evictions = rc->evictions;
    tp_rcache_clear(rc);
    rc->hits = hits, rc->misses = misses, rc->evictions = evictions;
    rc->kb = kb;
    snprintf(rc->kbhash, sizeof rc->kbhash, "%s", kb->hash);
}

/* The entry kept for key (hash h), or NULL. */
static entry *find(const tp_rcache *rc, uint64_t h, const char *key, size_t n)
{
    for (entry *e = rc->buckets[h & (rc->nbuckets - 1)]; e; e = e->chain)
        if (e->hash == h && e->klen == n && memcmp(e->key, key, n) == 0)
            return e;
    return NULL;
}

const tp_result *tp_rcache_get(tp_rcache *rc, const tp_kb *kb, const char *key, size_t n)
{
    for_kb(rc, kb);
    entry *e = find(rc, key_hash(key, n), key, n);
    if (!e) {
        rc->misses++;
        return NULL;
    }
    if (rc->head != e) {
        unlink_lru(rc, e);
        push_front(rc, e);
    }
    rc->hits++;
    return &e->r;
}

static void drop(tp_rcache *rc, entry *e)
{
    entry **p = &rc->buckets[e->hash & (rc->nbuckets - 1)];
    while (*p != e)
        p = &(*p)->chain;
    *p = e->chain;
    unlink_lru(rc, e);
    free(e);
    rc->n--;
}

/* ---- one allocation per result ------------------------------------------------------------ */

#define ALIGN(n) (((n) + 15) & ~(size_t)15)

static size_t str_size(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

static char *put_str(char **p, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = memcpy(*p, s, n);
    *p += n;
    return d;
}

void tp_rcache_put(tp_rcache *rc, const tp_kb *kb, const char *key, size_t n, const tp_result *r)
{
    for_kb(rc, kb);
    uint64_t h = key_hash(key, n);
    entry *old = find(rc, h, key, n);
    if (old) /* kept already: the new copy replaces it */
        drop(rc, old);
    size_t size = ALIGN(sizeof(entry)) + ALIGN((size_t)r->nitems * sizeof(tp_conclusion)) +
                  ALIGN((size_t)r->nunanswered * sizeof(tp_question *));
    size_t strings = n;
    for (int i = 0; i < r->nitems; i++) {
        const tp_conclusion *c = &r->items[i];
        size += (size_t)c->nbecause * sizeof(tp_because);
        strings += str_size(c->kind) + str_size(c->id) + str_size(c->rule) + str_size(c->reason) +
                   str_size(c->source_id);
        for (int k = 0; k < c->nbecause; k++)
            strings += str_size(c->because[k].answer);
    }
    entry *e = tp_xmalloc(ALIGN(size) + strings);
    char *p = (char *)e + ALIGN(sizeof(entry));
    memset(e, 0, sizeof *e);
    e->r = *r;
    e->r.items = (tp_conclusion *)p;
    p += ALIGN((size_t)r->nitems * sizeof(tp_conclusion));
    e->r.unanswered = (const tp_question **)p;
    if (r->nunanswered)
        memcpy(p, r->unanswered, (size_t)r->nunanswered * sizeof(tp_question *));
    p += ALIGN((size_t)r->nunanswered * sizeof(tp_question *));
    tp_because *bec = (tp_because *)p;
    char *s = (char *)e + ALIGN(size);
    for (int i = 0; i < r->nitems; i++) {
        const tp_conclusion *c = &r->items[i];
        tp_conclusion *d = &e->r.items[i];
        *d = *c;
        d->kind = put_str(&s, c->kind);
        d->id = put_str(&s, c->id);
        d->rule = put_str(&s, c->rule);
        d->reason = put_str(&s, c->reason);
        d->source_id = put_str(&s, c->source_id);
        d->because = bec;
        for (int k = 0; k < c->nbecause; k++) {
            bec->question = c->because[k].question;
            bec->answer = put_str(&s, c->because[k].answer);
            bec++;
        }
    }
    e->key = memcpy(s, key, n);
    e->klen = n;
    e->hash = h;
    if (rc->n >= rc->cap) {
        drop(rc, rc->tail);
        rc->evictions++;
    }
    entry **b = &rc->buckets[e->hash & (rc->nbuckets - 1)];
    e->chain = *b;
    *b = e;
    push_front(rc, e);
    rc->n++;
}

void tp_rcache_stats_of(const tp_rcache *rc, tp_cache_stats *out)
{
    out->hits = rc->hits;
    out->misses = rc->misses;
    out->evictions = rc->evictions;
    out->entries = rc->n;
    out->cap = rc->cap;
}
