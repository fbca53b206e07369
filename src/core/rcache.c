/* rcache.c: the result cache (see private/rcache.h): a hash table of
 * deep-copied results by canonical answers, with a least-recently-used
 * list; each entry is one allocation (key, result, its strings), and a
 * direct-mapped table of hashes seen once decides what is kept. */
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
    uint64_t *seen; /* nbuckets key hashes seen once (direct-mapped): a result is
                       kept the second time its answers come */
    size_t *lens;   /* a result's string lengths, measured once for the copy */
    size_t lcap;    /* room */
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
    rc->seen = tp_xmalloc(rc->nbuckets * sizeof *rc->seen);
    memset(rc->seen, 0, rc->nbuckets * sizeof *rc->seen);
    return rc;
}

void tp_rcache_clear(tp_rcache *rc)
{
    for (entry *e = rc->head, *next; e; e = next) {
        next = e->next;
        free(e);
    }
    memset(rc->buckets, 0, rc->nbuckets * sizeof *rc->buckets);
    memset(rc->seen, 0, rc->nbuckets * sizeof *rc->seen);
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
    free(rc->lens);
    free(rc->seen);
    free(rc->buckets);
    free(rc);
}

/* ---- the key ------------------------------------------------------------------------ */

/* The answers' indexes in question order, into order (n of them). */
static void by_question(const tp_case *c, int *order)
{
    int n = c->nanswers, slot[256], top = -1, sorted = 1;
    for (int i = 0; i < n; i++) {
        sorted &= c->answers[i].q > top;
        if (c->answers[i].q > top)
            top = c->answers[i].q;
    }
    if (sorted) { /* in question order already (and so each once) */
        for (int i = 0; i < n; i++)
            order[i] = i;
        return;
    }
    if (top < 256) { /* each question in its slot (a case answers each once) */
        memset(slot, -1, (size_t)(top + 1) * sizeof *slot);
        int twice = 0;
        for (int i = 0; i < n; i++) {
            twice |= slot[c->answers[i].q] >= 0;
            slot[c->answers[i].q] = i;
        }
        if (!twice) {
            for (int q = 0, k = 0; q <= top; q++)
                if (slot[q] >= 0)
                    order[k++] = slot[q];
            return;
        }
    }
    for (int i = 0; i < n; i++) { /* insertion sort, stable */
        int k = i;
        while (k > 0 && c->answers[order[k - 1]].q > c->answers[i].q) {
            order[k] = order[k - 1];
            k--;
        }
        order[k] = i;
    }
}

/* One word more of the key's hash. */
static uint64_t mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0xff51afd7ed558ccdULL;
    return h ^ (h >> 32);
}

void tp_rcache_key(const tp_case *c, tp_rkey *key)
{
    int stack[64], n = c->nanswers;
    int *order = n <= 64 ? stack : tp_xmalloc((size_t)n * sizeof *order);
    by_question(c, order);
    /* each answer: its question and count, then each value: a symbol is the
     * knowledge base's own string (case.c keeps no other), so its address
     * is the value, and the cache is for one knowledge base; a number is
     * itself. A question is of one kind, so the two never meet. Every piece
     * is eight bytes, hashed as it is written. */
    size_t need = (size_t)n * 8 * (1 + TP_MAX_VALUES) + 1;
    tp_buf *b = &key->bytes;
    if (b->cap < need) {
        b->data = tp_xrealloc(b->data, need);
        b->cap = need;
    }
    uint64_t *p = (uint64_t *)(void *)b->data, h = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < n; i++) {
        const tp_answer *a = &c->answers[order[i]];
        h = mix(h, *p++ = (uint64_t)(uint32_t)a->q << 32 | (uint32_t)a->nvals);
        for (int v = 0; v < a->nvals; v++)
            h = mix(h, *p++ = a->vals[v].sym ? (uint64_t)(uintptr_t)a->vals[v].sym
                                             : (uint64_t)a->vals[v].num);
    }
    b->len = (size_t)((char *)p - b->data);
    b->data[b->len] = 0;
    key->hash = mix(h, b->len);
    if (order != stack)
        free(order);
}

void tp_rkey_free(tp_rkey *key)
{
    tp_buf_free(&key->bytes);
}

/* ---- the table ---------------------------------------------------------------------- */

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

const tp_result *tp_rcache_get(tp_rcache *rc, const tp_kb *kb, const tp_rkey *key)
{
    for_kb(rc, kb);
    entry *e = find(rc, key->hash, key->bytes.data, key->bytes.len);
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

/* A string's length with its NUL (0 for NULL). */
static size_t size_of(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

/* Copies s of n bytes (0: NULL) to *p. */
static const char *copy(char **p, const char *s, size_t n)
{
    if (!n)
        return NULL;
    char *d = memcpy(*p, s, n);
    *p += n;
    return d;
}

void tp_rcache_put(tp_rcache *rc, const tp_kb *kb, const tp_rkey *rkey, const tp_result *r)
{
    for_kb(rc, kb);
    const char *key = rkey->bytes.data;
    size_t n = rkey->bytes.len;
    uint64_t h = rkey->hash;
    entry *old = find(rc, h, key, n);
    if (old) /* kept already: the new copy replaces it */
        drop(rc, old);
    /* the first time: only the hash is noted, so answers that never come
     * again cost no copy (nor push out a result that is asked again) */
    uint64_t *seen = &rc->seen[h & (rc->nbuckets - 1)];
    if (!old && *seen != h) {
        *seen = h;
        return;
    }
    /* the sizes: the entry, its arrays, then its strings and the key */
    size_t size = ALIGN(sizeof(entry)) + ALIGN((size_t)r->nitems * sizeof(tp_conclusion)) +
                  ALIGN((size_t)r->nunanswered * sizeof(tp_question *));
    size_t strings = n, nstr = 0;
    for (int i = 0; i < r->nitems; i++) {
        size += (size_t)r->items[i].nbecause * sizeof(tp_because);
        nstr += 5 + (size_t)r->items[i].nbecause;
    }
    if (nstr > rc->lcap) {
        rc->lcap = nstr * 2;
        rc->lens = tp_xrealloc(rc->lens, rc->lcap * sizeof *rc->lens);
    }
    size_t *lens = rc->lens, m = 0;
    for (int i = 0; i < r->nitems; i++) {
        const tp_conclusion *c = &r->items[i];
        strings += lens[m] = size_of(c->kind);
        strings += lens[m + 1] = size_of(c->id);
        strings += lens[m + 2] = size_of(c->rule);
        strings += lens[m + 3] = size_of(c->reason);
        strings += lens[m + 4] = size_of(c->source_id);
        m += 5;
        for (int k = 0; k < c->nbecause; k++)
            strings += lens[m++] = size_of(c->because[k].answer);
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
    m = 0;
    for (int i = 0; i < r->nitems; i++) {
        const tp_conclusion *c = &r->items[i];
        tp_conclusion *d = &e->r.items[i];
        *d = *c;
        d->kind = copy(&s, c->kind, lens[m]);
        d->id = copy(&s, c->id, lens[m + 1]);
        d->rule = copy(&s, c->rule, lens[m + 2]);
        d->reason = copy(&s, c->reason, lens[m + 3]);
        d->source_id = copy(&s, c->source_id, lens[m + 4]);
        m += 5;
        d->because = bec;
        for (int b = 0; b < c->nbecause; b++) {
            bec->question = c->because[b].question;
            bec->answer = copy(&s, c->because[b].answer, lens[m++]);
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
    entry **b = &rc->buckets[h & (rc->nbuckets - 1)];
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
