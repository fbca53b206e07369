/* output.c: JSON Lines, TSV and plain text. */
#include "output.h"

#include <stdarg.h>
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
    else if (strcmp(s, "fhir") == 0)
        *out = TP_FMT_FHIR;
    else
        return -1;
    return 0;
}

/* ---- JSON ----------------------------------------------------------------------- */

/* JSON is written straight into the output buffer, compact and in ASCII
 * (what jansson's JSON_COMPACT | JSON_ENSURE_ASCII dump gives), without
 * building a tree: a result is mostly text from the knowledge base, which is
 * escaped once per knowledge base and then copied. */

/* The code point of the UTF-8 sequence at s (n bytes left) in *cp; returns
 * its length, or 0 when it is not well-formed UTF-8 (overlong forms,
 * surrogates and values above U+10FFFF included). */
static int utf8_next(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0];
    int len;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, c &= 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, c &= 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, c &= 0x07;
    else
        return 0;
    if ((size_t)len > n)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || (len == 3 && c < 0x800) ||
        (len == 4 && c < 0x10000))
        return 0;
    *cp = c;
    return len;
}

static int is_utf8(const unsigned char *s, size_t n)
{
    unsigned cp;
    for (size_t i = 0; i < n;) {
        int len = utf8_next(s + i, n - i, &cp);
        if (!len)
            return 0;
        i += (size_t)len;
    }
    return 1;
}

/* Appends the escape for code point cp. */
static void jw_escape(tp_buf *out, unsigned cp)
{
    static const char short_escape[] = {['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r',
                                        ['\t'] = 't', ['"'] = '"',  ['\\'] = '\\'};
    char seq[16];
    int n;
    if (cp < sizeof short_escape && short_escape[cp]) {
        seq[0] = '\\';
        seq[1] = short_escape[cp];
        n = 2;
    } else if (cp < 0x10000) {
        n = snprintf(seq, sizeof seq, "\\u%04X", cp);
    } else {
        cp -= 0x10000;
        n = snprintf(seq, sizeof seq, "\\u%04X\\u%04X", 0xD800 | (cp >> 10), 0xDC00 | (cp & 0x3FF));
    }
    tp_buf_add(out, seq, (size_t)n);
}

/* Appends s as a JSON string. When s is not UTF-8, every byte from 0x80 up
 * becomes '?'. Plain runs are copied whole; the UTF-8 check is made only
 * for strings that have a byte from 0x80 up. */
static void jw_str(tp_buf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    const char *plain = s; /* start of the run copied as it is */
    int utf8 = -1;         /* whether s is UTF-8; -1 until a byte needs it */
    tp_buf_add(out, "\"", 1);
    for (;;) {
        unsigned cp = *p;
        if (cp >= 0x20 && cp < 0x80 && cp != '"' && cp != '\\') {
            p++;
            continue;
        }
        tp_buf_add(out, plain, (size_t)((const char *)p - plain));
        if (!cp)
            break;
        int len = 1;
        if (cp >= 0x80 && utf8 < 0) /* the bytes before p are ASCII */
            utf8 = is_utf8(p, strlen((const char *)p));
        if (cp < 0x80)
            jw_escape(out, cp);
        else if (!utf8)
            tp_buf_add(out, "?", 1);
        else {
            len = utf8_next(p, 4, &cp); /* well-formed, so no NUL inside */
            jw_escape(out, cp);
        }
        p += len;
        plain = (const char *)p;
    }
    tp_buf_add(out, "\"", 1);
}

void tp_output_json_strs(tp_buf *out, const char *key, ...)
{
    va_list ap;
    va_start(ap, key);
    for (const char *k = key; k; k = va_arg(ap, const char *)) {
        if (k != key)
            tp_buf_puts(out, ",");
        jw_str(out, k);
        tp_buf_puts(out, ":");
        const char *v = va_arg(ap, const char *);
        jw_str(out, v ? v : "");
    }
    va_end(ap);
}

void tp_output_json_string(tp_buf *out, const char *s)
{
    jw_str(out, s);
}

/* Appends pre (punctuation) and "key":"value", key being plain ASCII. */
static void jw_field(tp_buf *out, const char *pre, const char *key, const char *value)
{
    tp_buf_puts(out, pre);
    tp_buf_add(out, "\"", 1);
    tp_buf_puts(out, key);
    tp_buf_add(out, "\":", 2);
    jw_str(out, value);
}

/* A piece of JSON written once per knowledge base. */
typedef struct {
    char *s;  /* the bytes */
    size_t n; /* how many */
} jw_piece;

/* The pieces that are the same in every result of a knowledge base, written
 * once per knowledge base: by the handle when it opens one (kb->pieces,
 * read-only after, shared by every thread), or for one call when a
 * knowledge base has none (a description a tool changed). */
struct tp_output_pieces {
    const tp_kb *kb;               /* the knowledge base they were built from */
    int nlevels, ntexts, nsources; /* its counts */
    jw_piece kb_field;             /* ,"kb":"..." */
    jw_piece *levels;              /* ,"disposition":..,"level":{..},"stop_pressing": of
                                      each level, and of none last */
    jw_piece *items;               /* list item of each text */
    jw_piece *sources;             /* "source" object of each source */
    jw_piece *tails;               /* ,"safety_net":[..],"disclaimer":".."}\n of each
                                      level, and of none last */
};

static jw_piece piece_of(tp_buf *b)
{
    jw_piece p = {b->data ? b->data : tp_xstrdup(""), b->len};
    memset(b, 0, sizeof *b);
    return p;
}

static void drop_pieces(jw_piece *v, int n)
{
    for (int i = 0; v && i < n; i++)
        free(v[i].s);
    free(v);
}

void tp_output_pieces_free(tp_output_pieces *p)
{
    if (!p)
        return;
    drop_pieces(p->levels, p->nlevels + 1);
    drop_pieces(p->items, p->ntexts);
    drop_pieces(p->sources, p->nsources);
    free(p->kb_field.s);
    drop_pieces(p->tails, p->nlevels + 1);
    free(p);
}

static jw_piece *new_pieces(int n)
{
    jw_piece *v = tp_xmalloc(((size_t)n + 1) * sizeof *v);
    memset(v, 0, ((size_t)n + 1) * sizeof *v);
    return v;
}

/* The safety net shown at level l (NULL: unknown, all of it) and the disclaimer. */
static jw_piece tail_piece(const tp_kb *kb, const tp_level *l)
{
    tp_buf b = {0};
    tp_buf_puts(&b, ",\"safety_net\":[");
    int n = 0;
    for (int i = 0; i < kb->ntexts; i++)
        if (strcmp(kb->texts[i].kind, "safety-net") == 0 &&
            tp_kb_text_shown(kb, &kb->texts[i], l)) {
            if (n++)
                tp_buf_add(&b, ",", 1);
            jw_str(&b, kb->texts[i].text);
        }
    const tp_text *disclaimer = NULL;
    for (int i = 0; i < kb->ntexts && !disclaimer; i++)
        if (strcmp(kb->texts[i].kind, "disclaimer") == 0)
            disclaimer = &kb->texts[i];
    tp_buf_puts(&b, "]");
    jw_field(&b, ",", "disclaimer", disclaimer ? disclaimer->text : "");
    tp_buf_puts(&b, "}\n");
    return piece_of(&b);
}

/* ,"disposition":..,"level":{..},"stop_pressing": for level l (NULL: none). */
static void write_level(tp_buf *out, const tp_level *l)
{
    jw_field(out, ",", "disposition", l ? l->id : "unknown");
    tp_buf_puts(out, ",\"level\":{");
    jw_field(out, "", "title", l ? l->title : "");
    jw_field(out, ",", "todo", l ? l->todo : "");
    tp_buf_puts(out, "},\"stop_pressing\":");
}

/* A list item: {"id", "text", "dose" (when there is one)}. */
static void write_item(tp_buf *out, const char *id, const tp_text *t)
{
    jw_field(out, "{", "id", id);
    jw_field(out, ",", "text", t ? t->text : id);
    if (t && t->dose[0])
        jw_field(out, ",", "dose", t->dose);
    tp_buf_add(out, "}", 1);
}

/* A source: {"id", "title", "section"}. */
static void write_source(tp_buf *out, const char *id, const tp_source *src)
{
    jw_field(out, "{", "id", id);
    jw_field(out, ",", "title", src ? src->title : "");
    jw_field(out, ",", "section", src ? src->section : "");
    tp_buf_add(out, "}", 1);
}

tp_output_pieces *tp_output_pieces_new(const tp_kb *kb)
{
    tp_output_pieces *p = tp_xmalloc(sizeof *p);
    memset(p, 0, sizeof *p);
    p->kb = kb;
    p->nlevels = kb->nlevels;
    p->ntexts = kb->ntexts;
    p->nsources = kb->nsources;
    p->levels = new_pieces(kb->nlevels + 1);
    p->items = new_pieces(kb->ntexts);
    p->sources = new_pieces(kb->nsources);
    p->tails = new_pieces(kb->nlevels + 1);
    tp_buf b = {0};
    for (int i = 0; i <= kb->nlevels; i++) {
        write_level(&b, i < kb->nlevels ? &kb->levels[i] : NULL);
        p->levels[i] = piece_of(&b);
        p->tails[i] = tail_piece(kb, i < kb->nlevels ? &kb->levels[i] : NULL);
    }
    for (int i = 0; i < kb->ntexts; i++) {
        write_item(&b, kb->texts[i].id, &kb->texts[i]);
        p->items[i] = piece_of(&b);
    }
    for (int i = 0; i < kb->nsources; i++) {
        write_source(&b, kb->sources[i].id, &kb->sources[i]);
        p->sources[i] = piece_of(&b);
    }
    jw_field(&b, ",", "kb", kb->hash);
    p->kb_field = piece_of(&b);
    return p;
}

static void put_piece(tp_buf *out, const jw_piece *p)
{
    tp_buf_add(out, p->s, p->n);
}

static void json_list(const tp_output_pieces *pc, const tp_result *r, const tp_kind *kind,
                      tp_buf *out)
{
    tp_buf_add(out, ",", 1);
    jw_str(out, kind->field);
    tp_buf_add(out, ":[", 2);
    const char *last = NULL;
    int n = 0;
    for (int i = 0; i < r->nitems; i++) {
        const tp_conclusion *c = &r->items[i];
        if (strcmp(c->kind, kind->id) != 0 || (last && strcmp(last, c->id) == 0))
            continue;
        last = c->id;
        if (n++)
            tp_buf_add(out, ",", 1);
        if (c->text)
            put_piece(out, &pc->items[c->text - pc->kb->texts]);
        else
            write_item(out, c->id, NULL);
    }
    tp_buf_add(out, "]", 1);
}

static void json_explanation(const tp_output_pieces *pc, const tp_conclusion *c, tp_buf *out)
{
    jw_field(out, "{", "kind", c->kind);
    jw_field(out, ",", "conclusion", c->id);
    jw_field(out, ",", "rule", c->rule);
    jw_field(out, ",", "reason", c->reason);
    tp_buf_puts(out, ",\"because\":[");
    for (int k = 0; k < c->nbecause; k++) {
        jw_field(out, k ? ",{" : "{", "question", c->because[k].question);
        jw_field(out, ",", "answer", c->because[k].answer);
        tp_buf_add(out, "}", 1);
    }
    tp_buf_add(out, "]", 1);
    if (c->at_level)
        jw_field(out, ",", "at_level", c->at_level->id);
    tp_buf_puts(out, ",\"source\":");
    if (c->source && strcmp(c->source->id, c->source_id) == 0)
        put_piece(out, &pc->sources[c->source - pc->kb->sources]);
    else
        write_source(out, c->source_id, c->source);
    tp_buf_add(out, "}", 1);
}

static void output_json(const tp_kb *kb, const char *name, const tp_result *r, tp_buf *out)
{
    tp_output_pieces *own = NULL;
    const tp_output_pieces *pc = kb->pieces;
    if (!pc || pc->kb != kb) /* none, or a copy's: the description may differ */
        pc = own = tp_output_pieces_new(kb);
    jw_field(out, "{", "case", name);
    put_piece(out, &pc->kb_field);
    put_piece(out, &pc->levels[r->level ? r->level - kb->levels : kb->nlevels]);
    tp_buf_puts(out, r->stop_pressing ? "true" : "false");
    for (int i = 0; i < kb->nkinds; i++)
        if (has_list(&kb->kinds[i]))
            json_list(pc, r, &kb->kinds[i], out);
    tp_buf_puts(out, ",\"unanswered\":[");
    for (int i = 0; i < r->nunanswered; i++) {
        if (i)
            tp_buf_add(out, ",", 1);
        jw_str(out, r->unanswered[i]->id);
    }
    tp_buf_puts(out, "],\"explanations\":[");
    for (int i = 0; i < r->nitems; i++) {
        if (i)
            tp_buf_add(out, ",", 1);
        json_explanation(pc, &r->items[i], out);
    }
    tp_buf_add(out, "]", 1);
    put_piece(out, &pc->tails[r->level ? r->level - kb->levels : kb->nlevels]);
    tp_output_pieces_free(own);
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
    const char *heading = "Safety net:\n";
    for (int i = 0; i < kb->ntexts; i++)
        if (strcmp(kb->texts[i].kind, "safety-net") == 0 &&
            tp_kb_text_shown(kb, &kb->texts[i], r->level)) {
            tp_buf_printf(out, "%s  - %s\n", heading, kb->texts[i].text);
            heading = "";
        }
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
    case TP_FMT_FHIR: /* the front end's (fhir.c) */
        break;
    }
}

void tp_output_error(tp_format f, const tp_kb *kb, const char *name, const char *msg, tp_buf *out)
{
    if (f == TP_FMT_JSON) {
        jw_field(out, "{", "case", name);
        jw_field(out, ",", "error", msg);
        tp_buf_puts(out, "}\n");
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
