/* output.c: JSON through jansson, TSV and plain text. */
#include "output.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kinds with a list in the output are those with a JSON field, in the
 * knowledge base's order (facts/output.clp). */
static int has_list(const tp_kind *k)
{
    return k->field[0] != 0;
}

int tp_format_parse(const char *s, tp_format *out)
{
    if (strcmp(s, "text") == 0)
        *out = TP_FMT_TEXT;
    else if (strcmp(s, "json") == 0)
        *out = TP_FMT_JSON;
    else if (strcmp(s, "tsv") == 0)
        *out = TP_FMT_TSV;
    else
        return -1;
    return 0;
}

/* ---- JSON ----------------------------------------------------------------------- */

/* A JSON string of s; bytes that are not UTF-8 become '?'. */
static json_t *jstr(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    char *copy = strdup(s);
    if (!copy)
        return json_string("?");
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p >= 0x80)
            *p = '?';
    j = json_string(copy);
    free(copy);
    return j ? j : json_string("?");
}

/* Values that are the same in every result of a knowledge base, built once
 * and shared (by reference count) by every result written. */
static struct {
    const tp_kb *kb;               /* the knowledge base they were built from */
    char hash[17];                 /* its hash (another one may reuse the address) */
    json_t *kb_hash;               /* "kb" */
    json_t *no_level;              /* "level" when there is none */
    json_t **levels;               /* "level" of each kb level, built when first used */
    json_t **items;                /* list item of each kb text, built when first used */
    json_t **sources;              /* "source" of each kb source, built when first used */
    int nlevels, ntexts, nsources; /* their counts (kb may be gone when dropped) */
    json_t *safety_net;            /* "safety_net" */
    json_t *disclaimer;            /* "disclaimer" */
} cache;

static json_t *json_notes(const tp_kb *kb, const char *kind);

static void drop_cache(void)
{
    if (!cache.kb)
        return;
    for (int i = 0; i < cache.nlevels; i++)
        json_decref(cache.levels[i]);
    for (int i = 0; i < cache.ntexts; i++)
        json_decref(cache.items[i]);
    for (int i = 0; i < cache.nsources; i++)
        json_decref(cache.sources[i]);
    free(cache.levels);
    free(cache.items);
    free(cache.sources);
    json_decref(cache.kb_hash);
    json_decref(cache.no_level);
    json_decref(cache.safety_net);
    json_decref(cache.disclaimer);
    memset(&cache, 0, sizeof cache);
}

/* Builds the shared values for kb, unless they are built already. */
static void use_cache(const tp_kb *kb)
{
    if (cache.kb == kb && strcmp(cache.hash, kb->hash) == 0 && cache.nlevels == kb->nlevels &&
        cache.ntexts == kb->ntexts && cache.nsources == kb->nsources)
        return;
    drop_cache();
    cache.kb = kb;
    memcpy(cache.hash, kb->hash, sizeof cache.hash);
    cache.kb_hash = json_string(kb->hash);
    cache.nlevels = kb->nlevels;
    cache.ntexts = kb->ntexts;
    cache.nsources = kb->nsources;
    cache.no_level = json_object();
    json_object_set_new(cache.no_level, "title", json_string(""));
    json_object_set_new(cache.no_level, "todo", json_string(""));
    cache.levels = tp_xmalloc(((size_t)kb->nlevels + 1) * sizeof *cache.levels);
    cache.items = tp_xmalloc(((size_t)kb->ntexts + 1) * sizeof *cache.items);
    cache.sources = tp_xmalloc(((size_t)kb->nsources + 1) * sizeof *cache.sources);
    memset(cache.levels, 0, ((size_t)kb->nlevels + 1) * sizeof *cache.levels);
    memset(cache.items, 0, ((size_t)kb->ntexts + 1) * sizeof *cache.items);
    memset(cache.sources, 0, ((size_t)kb->nsources + 1) * sizeof *cache.sources);
    cache.safety_net = json_notes(kb, "safety-net");
    json_t *disc = json_notes(kb, "disclaimer");
    cache.disclaimer =
        json_string(json_array_size(disc) ? json_string_value(json_array_get(disc, 0)) : "");
    json_decref(disc);
}

static json_t *cached_level(const tp_level *l)
{
    if (!l)
        return cache.no_level;
    json_t **slot = &cache.levels[l - cache.kb->levels];
    if (!*slot) {
        *slot = json_object();
        json_object_set_new(*slot, "title", json_string(l->title));
        json_object_set_new(*slot, "todo", json_string(l->todo));
    }
    return *slot;
}

/* A list item: {"id", "text", "dose" (when there is one)}. */
static json_t *list_item(const tp_conclusion *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(c->id));
    json_object_set_new(o, "text", json_string(c->text ? c->text->text : c->id));
    if (c->text && c->text->dose[0])
        json_object_set_new(o, "dose", json_string(c->text->dose));
    return o;
}

static json_t *cached_item(const tp_text *t)
{
    json_t **slot = &cache.items[t - cache.kb->texts];
    if (!*slot) {
        tp_conclusion c;
        memset(&c, 0, sizeof c);
        c.id = t->id;
        c.text = t;
        *slot = list_item(&c);
    }
    return *slot;
}

static json_t *cached_source(const tp_source *src)
{
    json_t **slot = &cache.sources[src - cache.kb->sources];
    if (!*slot) {
        *slot = json_object();
        json_object_set_new(*slot, "id", json_string(src->id));
        json_object_set_new(*slot, "title", json_string(src->title));
        json_object_set_new(*slot, "section", json_string(src->section));
    }
    return *slot;
}

static json_t *json_list(const tp_result *r, const char *kind)
{
    json_t *a = json_array();
    const char *last = NULL;
    for (int i = 0; i < r->nitems; i++) {
        const tp_conclusion *c = &r->items[i];
        if (strcmp(c->kind, kind) != 0 || (last && strcmp(last, c->id) == 0))
            continue;
        last = c->id;
        json_array_append_new(a, c->text ? json_incref(cached_item(c->text)) : list_item(c));
    }
    return a;
}

static json_t *json_source(const tp_conclusion *c)
{
    if (c->source && strcmp(c->source->id, c->source_id) == 0)
        return json_incref(cached_source(c->source));
    json_t *s = json_object();
    json_object_set_new(s, "id", json_string(c->source_id));
    json_object_set_new(s, "title", json_string(c->source ? c->source->title : ""));
    json_object_set_new(s, "section", json_string(c->source ? c->source->section : ""));
    return s;
}

static json_t *json_explanations(const tp_result *r)
{
    json_t *a = json_array();
    for (int i = 0; i < r->nitems; i++) {
        const tp_conclusion *c = &r->items[i];
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(c->kind));
        json_object_set_new(o, "conclusion", json_string(c->id));
        json_object_set_new(o, "rule", json_string(c->rule));
        json_object_set_new(o, "reason", json_string(c->reason));
        json_t *b = json_array();
        for (int k = 0; k < c->nbecause; k++) {
            json_t *p = json_object();
            json_object_set_new(p, "question", json_string(c->because[k].question));
            json_object_set_new(p, "answer", json_string(c->because[k].answer));
            json_array_append_new(b, p);
        }
        json_object_set_new(o, "because", b);
        if (c->at_level)
            json_object_set_new(o, "at_level", json_string(c->at_level->id));
        json_object_set_new(o, "source", json_source(c));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *json_notes(const tp_kb *kb, const char *kind)
{
    json_t *a = json_array();
    for (int i = 0; i < kb->ntexts; i++)
        if (strcmp(kb->texts[i].kind, kind) == 0)
            json_array_append_new(a, json_string(kb->texts[i].text));
    return a;
}

static int dump_to_buf(const char *s, size_t n, void *out)
{
    tp_buf_add(out, s, n);
    return 0;
}

/* Dumps o as one line straight into out (no intermediate string). */
static void dump(json_t *o, tp_buf *out)
{
    size_t start = out->len;
    if (json_dump_callback(o, dump_to_buf, out, JSON_COMPACT | JSON_ENSURE_ASCII) == 0)
        tp_buf_add(out, "\n", 1);
    else if (out->data)
        out->data[out->len = start] = 0;
    json_decref(o);
}

static void output_json(const tp_kb *kb, const char *name, const tp_result *r, tp_buf *out)
{
    json_t *o = json_object();
    json_object_set_new(o, "case", jstr(name));
    use_cache(kb);
    json_object_set(o, "kb", cache.kb_hash);
    json_object_set_new(o, "disposition", json_string(r->level ? r->level->id : "unknown"));
    json_object_set(o, "level", cached_level(r->level));
    json_object_set_new(o, "stop_pressing", json_boolean(r->stop_pressing));
    for (int i = 0; i < kb->nkinds; i++)
        if (has_list(&kb->kinds[i]))
            json_object_set_new(o, kb->kinds[i].field, json_list(r, kb->kinds[i].id));
    json_t *un = json_array();
    for (int i = 0; i < r->nunanswered; i++)
        json_array_append_new(un, json_string(r->unanswered[i]->id));
    json_object_set_new(o, "unanswered", un);
    json_object_set_new(o, "explanations", json_explanations(r));
    json_object_set(o, "safety_net", cache.safety_net);
    json_object_set(o, "disclaimer", cache.disclaimer);
    dump(o, out);
}

/* ---- TSV ---------------------------------------------------------------------------- */

static void tsv_field(tp_buf *out, const char *s)
{
    for (; *s; s++)
        tp_buf_add(out, (*s == '\t' || *s == '\n' || *s == '\r') ? " " : s, 1);
}

static void tsv_ids(const tp_result *r, const char *kind, tp_buf *out)
{
    const char *last = NULL;
    int n = 0;
    for (int i = 0; i < r->nitems; i++) {
        const tp_conclusion *c = &r->items[i];
        if (strcmp(c->kind, kind) != 0 || (last && strcmp(last, c->id) == 0))
            continue;
        if (n++)
            tp_buf_add(out, ",", 1);
        tsv_field(out, c->id);
        last = c->id;
    }
}

static void output_tsv(const tp_kb *kb, const char *name, const tp_result *r, tp_buf *out)
{
    tsv_field(out, name);
    tp_buf_printf(out, "\t%s\t%s", r->level ? r->level->id : "unknown",
                  r->stop_pressing ? "yes" : "no");
    for (int i = 0; i < kb->nkinds; i++) {
        if (!has_list(&kb->kinds[i]))
            continue;
        tp_buf_add(out, "\t", 1);
        tsv_ids(r, kb->kinds[i].id, out);
    }
    tp_buf_add(out, "\t", 1);
    for (int i = 0; i < r->nunanswered; i++) {
        if (i)
            tp_buf_add(out, ",", 1);
        tp_buf_puts(out, r->unanswered[i]->id);
    }
    tp_buf_add(out, "\t\n", 2);
}

/* ---- text ------------------------------------------------------------------------------- */

static void text_because(const tp_conclusion *c, tp_buf *out)
{
    tp_buf_printf(out, "      why: %s\n", c->reason);
    tp_buf_printf(out, "      rule %s", c->rule);
    if (c->at_level)
        tp_buf_printf(out, "; at level %s", c->at_level->id);
    for (int k = 0; k < c->nbecause; k++)
        tp_buf_printf(out, "%s%s = %s", k ? ", " : "; because ", c->because[k].question,
                      c->because[k].answer);
    tp_buf_add(out, "\n", 1);
    if (c->source)
        tp_buf_printf(out, "      source: \"%s\", %s\n", c->source->title, c->source->section);
}

static void text_list(const tp_result *r, const char *kind, const char *heading, tp_buf *out)
{
    int n = 0;
    const char *last = NULL;
    for (int i = 0; i < r->nitems; i++) {
        const tp_conclusion *c = &r->items[i];
        if (strcmp(c->kind, kind) != 0)
            continue;
        if (n++ == 0)
            tp_buf_printf(out, "%s:\n", heading);
        if (!last || strcmp(last, c->id) != 0) {
            tp_buf_printf(out, "  - %s [%s]\n", c->text ? c->text->text : c->id, c->id);
            if (c->text && c->text->dose[0])
                tp_buf_printf(out, "      dose: %s\n", c->text->dose);
        }
        last = c->id;
        text_because(c, out);
    }
}

static void output_text(const tp_kb *kb, const char *name, const tp_result *r, tp_buf *out)
{
    tp_buf_printf(out, "== %s\n", name);
    if (r->level) {
        tp_buf_printf(out, "Level: %s [%s]\n  %s\n", r->level->title, r->level->id, r->level->todo);
    }
    for (int i = 0; i < r->nitems; i++)
        if (strcmp(r->items[i].kind, "level") == 0 && r->level &&
            strcmp(r->items[i].id, r->level->id) == 0)
            text_because(&r->items[i], out);
    if (r->stop_pressing) {
        const tp_text *t = tp_kb_text(kb, "stop-pressing", "stop_pressing");
        tp_buf_printf(out, "!! %s\n", t ? t->text : "stop_pressing");
    }
    for (int i = 0; i < kb->nkinds; i++)
        if (has_list(&kb->kinds[i]))
            text_list(r, kb->kinds[i].id, kb->kinds[i].heading, out);
    if (r->nunanswered) {
        tp_buf_puts(out, "Unanswered:");
        for (int i = 0; i < r->nunanswered; i++)
            tp_buf_printf(out, " %s", r->unanswered[i]->id);
        tp_buf_add(out, "\n", 1);
    }
    tp_buf_puts(out, "Safety net:\n");
    for (int i = 0; i < kb->ntexts; i++)
        if (strcmp(kb->texts[i].kind, "safety-net") == 0)
            tp_buf_printf(out, "  - %s\n", kb->texts[i].text);
    for (int i = 0; i < kb->ntexts; i++)
        if (strcmp(kb->texts[i].kind, "disclaimer") == 0)
            tp_buf_printf(out, "%s\n", kb->texts[i].text);
    tp_buf_add(out, "\n", 1);
}

void tp_output_header(tp_format f, const tp_kb *kb, tp_buf *out)
{
    if (f != TP_FMT_TSV)
        return;
    tp_buf_puts(out, "case\tdisposition\tstop_pressing");
    for (int i = 0; i < kb->nkinds; i++)
        if (has_list(&kb->kinds[i]))
            tp_buf_printf(out, "\t%s", kb->kinds[i].field);
    tp_buf_puts(out, "\tunanswered\terror\n");
}

void tp_output_case(tp_format f, const tp_kb *kb, const char *name, const tp_result *r, tp_buf *out)
{
    switch (f) {
    case TP_FMT_JSON:
        output_json(kb, name, r, out);
        break;
    case TP_FMT_TSV:
        output_tsv(kb, name, r, out);
        break;
    case TP_FMT_TEXT:
        output_text(kb, name, r, out);
        break;
    }
}

void tp_output_error(tp_format f, const tp_kb *kb, const char *name, const char *msg, tp_buf *out)
{
    if (f == TP_FMT_JSON) {
        json_t *o = json_object();
        json_object_set_new(o, "case", jstr(name));
        json_object_set_new(o, "error", jstr(msg));
        dump(o, out);
    } else if (f == TP_FMT_TSV) {
        tsv_field(out, name);
        tp_buf_puts(out, "\t\t\t"); /* disposition, stop_pressing */
        for (int i = 0; i < kb->nkinds; i++)
            if (has_list(&kb->kinds[i]))
                tp_buf_add(out, "\t", 1);
        tp_buf_add(out, "\t", 1); /* unanswered */
        tsv_field(out, msg);
        tp_buf_add(out, "\n", 1);
    }
}
