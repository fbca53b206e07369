/* test_rcache.c: the result cache (rcache.c) and the handle's use of it
 * (tp_triage_result): hits and misses, the key's canonical form, eviction
 * at the bound (least recently used first), a new knowledge base emptying
 * it, and output byte for byte the same as judging every case. */
#include "output.h"
#include "rcache.h"
#include "testutil.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const all_clear =
    "alpha = no\nbeta = no\ngamma = no\ndelta = no\ndays = 0\nepsilon = no\n"
    "spot = middle\nfirmness = medium\nfirst = no\nkit = roller\nsits = no\ntemp = 35\n";
/* all_clear's lines in the reverse order */
static const char *const all_clear_reversed =
    "temp = 35\nsits = no\nkit = roller\nfirst = no\nfirmness = medium\nspot = middle\n"
    "epsilon = no\ndays = 0\ndelta = no\ngamma = no\nbeta = no\nalpha = no\n";

/* all_clear with one line replaced: "question = value" */
static void variant(tp_case *c, const tp_kb *kb, const char *line)
{
    char q[32], text[1024];
    snprintf(q, sizeof q, "%.*s", (int)strcspn(line, " "), line);
    text[0] = 0;
    const char *p = all_clear;
    while (*p) {
        size_t n = strcspn(p, "\n");
        if (strncmp(p, q, strlen(q)) == 0 && p[strlen(q)] == ' ')
            snprintf(text + strlen(text), sizeof text - strlen(text), "%s\n", line);
        else
            snprintf(text + strlen(text), sizeof text - strlen(text), "%.*s\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
    tu_case(c, kb, text);
}

static tp_cache_stats stats(tp_triage *t)
{
    tp_cache_stats st;
    tp_triage_cache_stats(t, &st);
    return st;
}

/* The JSON line of c through the cache, into out (emptied first). */
static void judged(tp_triage *t, const tp_case *c, tp_buf *out)
{
    tp_result r;
    tp_error err = {{0}};
    ck_assert_msg(tp_triage_result(t, c, &r, &err) == 0, "%s", err.msg);
    out->len = 0;
    tp_output_case(TP_FMT_JSON, tp_triage_kb(t), c->name, &r, out);
}

START_TEST(hit_gives_the_same_bytes)
{
    tu_world w;
    tu_world_open(&w, NULL);
    tp_triage_cache(w.t, 16);
    tp_case a;
    tu_case(&a, w.kb, all_clear);
    tp_buf first = {0}, again = {0};
    judged(w.t, &a, &first);
    tp_cache_stats st = stats(w.t);
    ck_assert_int_eq(st.misses, 1);
    ck_assert_int_eq(st.hits, 0);
    ck_assert_int_eq(st.entries, 0); /* the first time: noted, not kept */
    ck_assert_int_eq(st.cap, 16);
    ck_assert_ptr_nonnull(strstr(first.data, "\"home\""));
    judged(w.t, &a, &again);
    st = stats(w.t);
    ck_assert_int_eq(st.misses, 2);
    ck_assert_int_eq(st.entries, 1); /* the second time: kept */
    ck_assert_str_eq(again.data, first.data);
    judged(w.t, &a, &again);
    st = stats(w.t);
    ck_assert_int_eq(st.misses, 2);
    ck_assert_int_eq(st.hits, 1);
    ck_assert_str_eq(again.data, first.data);
    /* the kept copy outlives the judge's own memory: another case between */
    tp_case b;
    variant(&b, w.kb, "alpha = yes");
    judged(w.t, &b, &again);
    ck_assert_ptr_nonnull(strstr(again.data, "\"urgent\""));
    judged(w.t, &a, &again);
    ck_assert_str_eq(again.data, first.data);
    st = stats(w.t);
    ck_assert_int_eq(st.hits, 2);
    ck_assert_int_eq(st.misses, 3);
    ck_assert_int_eq(st.entries, 1);
    judged(w.t, &b, &again);
    judged(w.t, &b, &again);
    ck_assert_ptr_nonnull(strstr(again.data, "\"urgent\""));
    st = stats(w.t);
    ck_assert_int_eq(st.hits, 3);
    ck_assert_int_eq(st.misses, 4);
    ck_assert_int_eq(st.entries, 2);
    tp_buf_free(&first);
    tp_buf_free(&again);
    tp_case_free(&a);
    tp_case_free(&b);
    tu_world_close(&w);
}
END_TEST

/* The same answers in another order hit; any other answer misses, a multi
 * answer's values in another order included (the output shows that order). */
START_TEST(key_is_canonical)
{
    tu_world w;
    tu_world_open(&w, NULL);
    tp_triage_cache(w.t, 64);
    tp_case a, rev;
    tu_case(&a, w.kb, all_clear);
    tu_case(&rev, w.kb, all_clear_reversed);
    tp_rkey ka = {{0}, 0}, kb = {{0}, 0};
    tp_buf out1 = {0}, out2 = {0};
    tp_rcache_key(&a, &ka);
    tp_rcache_key(&rev, &kb);
    ck_assert_uint_eq(ka.bytes.len, kb.bytes.len);
    ck_assert_int_eq(memcmp(ka.bytes.data, kb.bytes.data, ka.bytes.len), 0);
    ck_assert(ka.hash == kb.hash);
    judged(w.t, &a, &out1);
    judged(w.t, &a, &out1); /* kept */
    judged(w.t, &rev, &out2);
    ck_assert_int_eq(stats(w.t).hits, 1);
    ck_assert_str_eq(out2.data, out1.data);
    static const char *const others[] = {
        "alpha = yes",        "alpha = unsure",     "days = 1",    "days = 10",
        "spot = upper, edge", "spot = edge, upper", "kit = none",  "firmness = hard",
        "sits = yes",         "delta = not-tried",  "first = yes", "kit = ball, roller",
    };
    int n = (int)(sizeof others / sizeof *others);
    for (int i = 0; i < n; i++) {
        tp_case c;
        variant(&c, w.kb, others[i]);
        tp_rcache_key(&c, &kb);
        ck_assert_msg(kb.bytes.len != ka.bytes.len ||
                          memcmp(kb.bytes.data, ka.bytes.data, ka.bytes.len) != 0,
                      "%s: the same key as all clear", others[i]);
        for (int twice = 0; twice < 2; twice++) {
            judged(w.t, &c, &out2);
            ck_assert_int_eq(stats(w.t).misses, 3 + 2 * i + twice);
            ck_assert_int_eq(stats(w.t).hits, 1);
        }
        ck_assert_int_eq(stats(w.t).entries, 2 + i);
        tp_case_free(&c);
    }
    /* an answer left out is another case too */
    tp_case fewer;
    tu_case(&fewer, w.kb, "alpha = no\nbeta = no\n");
    judged(w.t, &fewer, &out2);
    ck_assert_int_eq(stats(w.t).misses, 3 + 2 * n);
    ck_assert_int_eq(stats(w.t).hits, 1);
    tp_rkey_free(&ka);
    tp_rkey_free(&kb);
    tp_buf_free(&out1);
    tp_buf_free(&out2);
    tp_case_free(&a);
    tp_case_free(&rev);
    tp_case_free(&fewer);
    tu_world_close(&w);
}
END_TEST

/* At the bound the least recently used result goes. A result that went is
 * kept again at its next miss (its hash is still noted). */
START_TEST(evicts_least_recently_used)
{
    tu_world w;
    tu_world_open(&w, NULL);
    tp_triage_cache(w.t, 2);
    tp_case a, b, c;
    tu_case(&a, w.kb, all_clear);
    variant(&b, w.kb, "alpha = yes");
    variant(&c, w.kb, "days = 5");
    tp_buf out = {0};
    judged(w.t, &a, &out);
    judged(w.t, &a, &out); /* kept: a */
    judged(w.t, &b, &out);
    judged(w.t, &b, &out); /* kept: b a */
    judged(w.t, &a, &out); /* hit: a b */
    judged(w.t, &c, &out);
    judged(w.t, &c, &out); /* kept, b goes: c a */
    tp_cache_stats st = stats(w.t);
    ck_assert_int_eq(st.hits, 1);
    ck_assert_int_eq(st.misses, 6);
    ck_assert_int_eq(st.evictions, 1);
    ck_assert_int_eq(st.entries, 2);
    judged(w.t, &a, &out); /* hit: a c */
    judged(w.t, &c, &out); /* hit: c a */
    ck_assert_int_eq(stats(w.t).hits, 3);
    judged(w.t, &b, &out); /* miss (it went), kept again at once, a goes: b c */
    st = stats(w.t);
    ck_assert_int_eq(st.misses, 7);
    ck_assert_int_eq(st.evictions, 2);
    ck_assert_int_eq(st.entries, 2);
    ck_assert_ptr_nonnull(strstr(out.data, "\"urgent\""));
    judged(w.t, &b, &out); /* hit */
    judged(w.t, &c, &out); /* hit */
    ck_assert_int_eq(stats(w.t).hits, 5);
    judged(w.t, &a, &out); /* miss */
    ck_assert_int_eq(stats(w.t).misses, 8);
    /* a bound of 1 keeps the last one kept only */
    tp_triage_cache(w.t, 1);
    ck_assert_int_eq(stats(w.t).entries, 0);
    judged(w.t, &a, &out);
    judged(w.t, &a, &out);
    judged(w.t, &b, &out);
    judged(w.t, &a, &out);
    st = stats(w.t);
    ck_assert_int_eq(st.hits, 1);
    ck_assert_int_eq(st.misses, 3);
    ck_assert_int_eq(st.entries, 1);
    /* 0: no cache, every case judged */
    tp_triage_cache(w.t, 0);
    judged(w.t, &a, &out);
    st = stats(w.t);
    ck_assert_int_eq(st.hits + st.misses + st.entries + st.cap, 0);
    tp_buf_free(&out);
    tp_case_free(&a);
    tp_case_free(&b);
    tp_case_free(&c);
    tu_world_close(&w);
}
END_TEST

/* Another knowledge base (a reload) empties the cache: results of the old
 * one are never given for the new one. A clone has a cache of its own. */
START_TEST(reload_invalidates)
{
    tu_world old, now;
    const char *dir = tu_copy_kb();
    tu_world_open(&old, dir);
    tp_case a;
    tu_case(&a, old.kb, all_clear);
    tp_result r;
    tp_error err = {{0}};
    ck_assert_int_eq(tp_triage_case(old.t, &a, &r, &err), 0);
    tp_rcache *rc = tp_rcache_new(8);
    tp_rkey key = {{0}, 0};
    tp_rcache_key(&a, &key);
    tp_rcache_put(rc, old.kb, &key, &r);
    ck_assert_ptr_null(tp_rcache_get(rc, old.kb, &key)); /* noted only */
    tp_rcache_put(rc, old.kb, &key, &r);
    const tp_result *kept = tp_rcache_get(rc, old.kb, &key);
    ck_assert_ptr_nonnull(kept);
    ck_assert_str_eq(kept->level->title, "Home care");
    /* the knowledge base edited and opened again, as serve's SIGHUP does */
    char path[512];
    snprintf(path, sizeof path, "%s/facts/levels.clp", dir);
    size_t len;
    char *text = tp_read_file(path, 1 << 20, &len, &err);
    ck_assert_ptr_nonnull(text);
    char *at = strstr(text, "(title \"Home care\")");
    ck_assert_ptr_nonnull(at);
    tp_buf edited = {0};
    tp_buf_add(&edited, text, (size_t)(at - text));
    tp_buf_puts(&edited, "(title \"Home care, edited\")");
    tp_buf_puts(&edited, at + strlen("(title \"Home care\")"));
    tu_write(dir, "facts/levels.clp", edited.data);
    tu_world_open(&now, dir);
    ck_assert_str_ne(now.kb->hash, old.kb->hash);
    ck_assert_ptr_null(tp_rcache_get(rc, now.kb, &key));
    tp_cache_stats st;
    tp_rcache_stats_of(rc, &st);
    ck_assert_int_eq(st.entries, 0);
    ck_assert_int_eq(st.hits, 1);
    ck_assert_int_eq(st.misses, 2);
    /* through the new handle: the new title */
    tp_triage_cache(now.t, 8);
    tp_buf out = {0};
    judged(now.t, &a, &out);
    judged(now.t, &a, &out);
    judged(now.t, &a, &out);
    ck_assert_int_eq(stats(now.t).hits, 1);
    ck_assert_ptr_nonnull(strstr(out.data, "Home care, edited"));
    /* a clone: the same bound, a cache of its own, empty */
    tp_triage *clone = tp_triage_clone(now.t, &err);
    ck_assert_ptr_nonnull(clone);
    st = stats(clone);
    ck_assert_int_eq(st.cap, 8);
    ck_assert_int_eq(st.entries, 0);
    judged(clone, &a, &out);
    judged(clone, &a, &out);
    ck_assert_int_eq(stats(clone).misses, 2);
    ck_assert_ptr_nonnull(strstr(out.data, "Home care, edited"));
    ck_assert_int_eq(stats(now.t).entries, 1);
    tp_triage_close(clone);
    tp_rcache_free(rc);
    free(text);
    tp_buf_free(&edited);
    tp_rkey_free(&key);
    tp_buf_free(&out);
    tp_case_free(&a);
    tu_world_close(&old);
    tu_world_close(&now);
}
END_TEST

/* Every case file of the fixture three times (forwards, backwards,
 * forwards) through a cache: the same bytes as a handle without one
 * judging each afresh. */
START_TEST(same_output_as_no_cache)
{
    tu_world on, off;
    tu_world_open(&on, NULL);
    tu_world_open(&off, NULL);
    tp_triage_cache(on.t, 4096);
    glob_t g;
    ck_assert_int_eq(glob(TP_FIXTURE_KB "/facts/cases/*.sym", 0, NULL, &g), 0);
    int n = (int)g.gl_pathc;
    ck_assert_int_ge(n, 17);
    tp_buf a = {0}, b = {0};
    for (int pass = 0; pass < 3; pass++)
        for (int k = 0; k < n; k++) {
            const char *path = g.gl_pathv[pass == 1 ? n - 1 - k : k];
            size_t len;
            tp_error err = {{0}};
            char *text = tp_read_file(path, 1 << 20, &len, &err);
            ck_assert_ptr_nonnull(text);
            tp_case c;
            tu_case(&c, on.kb, text);
            judged(on.t, &c, &a);
            tp_result r;
            ck_assert_int_eq(tp_triage_case(off.t, &c, &r, &err), 0);
            b.len = 0;
            tp_output_case(TP_FMT_JSON, off.kb, c.name, &r, &b);
            ck_assert_msg(strcmp(a.data, b.data) == 0, "%s differs:\n%s\n%s", path, a.data, b.data);
            free(text);
            tp_case_free(&c);
        }
    tp_cache_stats st = stats(on.t);
    ck_assert_int_eq(st.misses + st.hits, 3 * n);
    ck_assert_int_ge(st.hits, n); /* the third pass (and any twin files) hit */
    ck_assert_int_le(st.entries, n);
    ck_assert_int_ge(st.entries, n / 2);
    globfree(&g);
    tp_buf_free(&a);
    tp_buf_free(&b);
    tu_world_close(&on);
    tu_world_close(&off);
}
END_TEST

START_TEST(sizes_from_text_and_environment)
{
    int v = -1;
    ck_assert_int_eq(tp_triage_cache_parse("0", &v), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(tp_triage_cache_parse("4096", &v), 0);
    ck_assert_int_eq(v, 4096);
    char max[32];
    snprintf(max, sizeof max, "%d", TP_RESULT_CACHE_MAX);
    ck_assert_int_eq(tp_triage_cache_parse(max, &v), 0);
    ck_assert_int_eq(v, TP_RESULT_CACHE_MAX);
    snprintf(max, sizeof max, "%d", TP_RESULT_CACHE_MAX + 1);
    static const char *const bad[] = {"", "-1", "x", "12x", " 5"};
    ck_assert_int_eq(tp_triage_cache_parse(max, &v), -1);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(tp_triage_cache_parse(bad[i], &v) == -1, "'%s' taken", bad[i]);
    ck_assert_int_eq(v, TP_RESULT_CACHE_MAX); /* untouched by the refusals */
    tp_error err = {{0}};
    unsetenv("TPTRIAGE_RESULT_CACHE");
    v = 77;
    ck_assert_int_eq(tp_triage_cache_env(&v, &err), 0);
    ck_assert_int_eq(v, 77); /* unset: the caller's default */
    setenv("TPTRIAGE_RESULT_CACHE", "0", 1);
    ck_assert_int_eq(tp_triage_cache_env(&v, &err), 0);
    ck_assert_int_eq(v, 0);
    setenv("TPTRIAGE_RESULT_CACHE", "123", 1);
    ck_assert_int_eq(tp_triage_cache_env(&v, &err), 0);
    ck_assert_int_eq(v, 123);
    setenv("TPTRIAGE_RESULT_CACHE", "lots", 1);
    ck_assert_int_eq(tp_triage_cache_env(&v, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "TPTRIAGE_RESULT_CACHE"));
    ck_assert_ptr_nonnull(strstr(err.msg, "'lots'"));
    unsetenv("TPTRIAGE_RESULT_CACHE");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rcache");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, hit_gives_the_same_bytes);
    tcase_add_test(tc, key_is_canonical);
    tcase_add_test(tc, evicts_least_recently_used);
    tcase_add_test(tc, reload_invalidates);
    tcase_add_test(tc, same_output_as_no_cache);
    tcase_add_test(tc, sizes_from_text_and_environment);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
