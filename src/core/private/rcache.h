/* rcache.h (private to src/core): the result cache. Results kept by the
 * canonical form of a case's answers, for one knowledge base, at most a
 * bound of them (the least recently used goes first), each kept the second
 * time its answers come. A kept result is a deep copy: the same answers
 * give the same output, byte for byte. Kept results point into their
 * knowledge base (levels, texts, questions), which must outlive them: the
 * handle (triage.c) owns one cache per handle, freed with it, so that
 * holds, and no two threads share one. */
#ifndef TP_RCACHE_H
#define TP_RCACHE_H

#include "triage.h"

typedef struct tp_rcache tp_rcache;

/* A cache of at most cap results (cap >= 1). */
tp_rcache *tp_rcache_new(int cap);
void tp_rcache_free(tp_rcache *rc);
/* Forgets every result (and the knowledge base they were for). */
void tp_rcache_clear(tp_rcache *rc);

/* The canonical key of c's answers and its hash, into key (its bytes
 * written over): the answers
 * sorted by question, each value as normalised (the knowledge base's own
 * string, by its address, or the number) in the order given (a multi
 * answer's order shows in the output). The same answers in another order
 * give the same key; any other answer another. A key is for the knowledge
 * base c was read with. */
typedef struct {
    tp_buf bytes;  /* the key */
    uint64_t hash; /* its hash */
} tp_rkey;
void tp_rcache_key(const tp_case *c, tp_rkey *key);
void tp_rkey_free(tp_rkey *key);

/* The result kept for key under kb, or NULL; a hit becomes the most
 * recently used. A kb other than the one the results were kept for (a
 * reload) empties the cache first. The result lives until the next put or
 * clear. */
const tp_result *tp_rcache_get(tp_rcache *rc, const tp_kb *kb, const tp_rkey *key);
/* Keeps a copy of r (judged under kb) for key, dropping the least recently
 * used result at the bound; but only the second time key is put (since it
 * was last pushed out of a table of one hash per bucket): the first time
 * its hash is noted, no more. So answers that come once cost no copy and
 * push out nothing. */
void tp_rcache_put(tp_rcache *rc, const tp_kb *kb, const tp_rkey *key, const tp_result *r);

/* Counts since made or cleared (tp_cache_stats, triage.h). */
void tp_rcache_stats_of(const tp_rcache *rc, tp_cache_stats *out);

#endif
