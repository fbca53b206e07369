/* jsonl.c: reading cases from JSON Lines. Plain lines (ASCII strings without
 * escapes, whole numbers, only "id" and "answers") are read straight from the
 * bytes; anything else goes through jansson, which gives every error. */
#include "jsonl.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* ---- What a value means ------------------------------------------------------
 * Both readers turn each value into a jv and hand the values of one key to
 * add_values, which holds every rule about the shapes people write: null is
 * unanswered, true and false are yes and no, "a, b" is a list for a
 * multi-answer question. So the two readers cannot differ on meaning. */

typedef enum { JV_STRING, JV_NUMBER, JV_TRUE, JV_FALSE, JV_NULL } jv_type;

typedef struct {
    jv_type t;     /* what was written */
    const char *s; /* the text of a string or number ("%lld" for numbers) */
} jv;

/* The accepted shapes for question q, for a message: "give ..." */
static void shape_hint(const tp_question *q, char *out, size_t outlen)
{
    if (q->kind == TP_Q_NUMBER)
        snprintf(out, outlen, "give a whole number from %lld to %lld, or null for unanswered",
                 q->min, q->max);
    else if (q->kind == TP_Q_MULTI)
        snprintf(out, outlen,
                 "give a list such as [\"%s\"] or a string such as \"%s\" (values separated by "
                 "commas), or null for unanswered",
                 q->values[0], q->values[0]);
    else if (tp_kb_value(q, "yes") && tp_kb_value(q, "no"))
        snprintf(out, outlen,
                 "give a string such as \"no\", true or false, or null for unanswered");
    else
        snprintf(out, outlen, "give a string such as \"%s\", or null for unanswered", q->values[0]);
}

/* Adds the answer to qid given as n values (array: written as a list). */
static int add_values(tp_case *c, const tp_kb *kb, const char *qid, const jv *v, int n, int array,
                      int line, tp_error *err)
{
    const char *vals[TP_MAX_VALUES];
    int plain = 1; /* only strings and numbers, no "a, b": as they are */
    for (int i = 0; i < n; i++) {
        plain &= v[i].t == JV_STRING || v[i].t == JV_NUMBER;
        vals[i] = v[i].s;
    }
    if (plain && (array || n != 1 || v[0].t != JV_STRING || !strchr(v[0].s, ',')))
        return tp_case_answer(c, kb, qid, vals, n, line, err);
    const tp_question *q = tp_kb_question(kb, qid);
    char hint[256];
    if (!q)
        return tp_case_answer(c, kb, qid, NULL, 0, line, err); /* names the unknown id */
    if (!array && v[0].t == JV_NULL)
        return 0; /* unanswered, as if left out */
    for (int i = 0; i < n; i++) {
        switch (v[i].t) {
        case JV_NULL:
            shape_hint(q, hint, sizeof hint);
            tp_error_set(err, "%s: null inside a list; %s", q->id, hint);
            return -1;
        case JV_TRUE:
        case JV_FALSE:
            if (q->kind != TP_Q_CHOICE || !tp_kb_value(q, "yes") || !tp_kb_value(q, "no")) {
                shape_hint(q, hint, sizeof hint);
                tp_error_set(err, "%s is not a yes/no question, so not %s: %s", q->id,
                             v[i].t == JV_TRUE ? "true" : "false", hint);
                return -1;
            }
            vals[i] = v[i].t == JV_TRUE ? "yes" : "no";
            break;
        default:
            break;
        }
    }
    if (!array && v[0].t == JV_STRING && q->kind == TP_Q_MULTI && strchr(v[0].s, ','))
        return tp_case_answer_text(c, kb, q->id, v[0].s, line, err);
    return tp_case_answer(c, kb, qid, vals, n, line, err);
}

/* The jv of a jansson value, its text in out; -1 for a shape not accepted. */
static int jansson_value(json_t *v, jv *out, char *text, size_t textlen)
{
    out->s = text;
    text[0] = 0;
    if (json_is_string(v)) {
        out->t = JV_STRING;
        snprintf(text, textlen, "%s", json_string_value(v));
        return strlen(json_string_value(v)) < textlen ? 0 : -1;
    }
    if (json_is_integer(v)) {
        out->t = JV_NUMBER;
        snprintf(text, textlen, "%lld", (long long)json_integer_value(v));
        return 0;
    }
    if (json_is_real(v)) { /* 42.0, as pandas writes whole numbers */
        double d = json_real_value(v);
        if (d > 1e15 || d < -1e15 || d != (double)(long long)d)
            return -1;
        out->t = JV_NUMBER;
        snprintf(text, textlen, "%lld", (long long)d);
        return 0;
    }
    out->t = json_is_true(v) ? JV_TRUE : json_is_false(v) ? JV_FALSE : JV_NULL;
    return json_is_boolean(v) || json_is_null(v) ? 0 : -1;
}

static int add_answer(tp_case *c, const tp_kb *kb, const char *qid, json_t *v, int line,
                      tp_error *err)
{
    char texts[TP_MAX_VALUES][256];
    jv vals[TP_MAX_VALUES];
    char hint[256];
    int n = 0;
    const tp_question *q = tp_kb_question(kb, qid);
    if (!q)
        return tp_case_answer(c, kb, qid, NULL, 0, line, err); /* names the unknown id */
    shape_hint(q, hint, sizeof hint);
    if (json_is_array(v)) {
        size_t count = json_array_size(v);
        if (count > TP_MAX_VALUES) {
            tp_error_set(err, "%s has %zu values; at most %d are allowed", qid, count,
                         TP_MAX_VALUES);
            return -1;
        }
        for (size_t i = 0; i < count; i++, n++)
            if (jansson_value(json_array_get(v, i), &vals[n], texts[n], sizeof texts[n]) != 0) {
                tp_error_set(err,
                             "%s: a list holds strings of at most 255 bytes or whole numbers; %s",
                             qid, hint);
                return -1;
            }
        return add_values(c, kb, qid, vals, n, 1, line, err);
    }
    if (jansson_value(v, &vals[0], texts[0], sizeof texts[0]) != 0) {
        tp_error_set(err,
                     "%s: the value must be a string of at most 255 bytes, a whole number, "
                     "true, false, null or a list; %s",
                     qid, hint);
        return -1;
    }
    return add_values(c, kb, qid, vals, 1, 0, line, err);
}

/* ---- Fast path -------------------------------------------------------------
 * A strict subset of JSON read without jansson or malloc. A first pass checks
 * the whole line and records spans of it; any byte outside the subset returns
 * FJ_FALLBACK before anything is changed, and the jansson path below then
 * reads the line (and gives its errors). Only a line wholly inside the subset
 * reaches the second pass, which makes the same calls, in the same order and
 * with the same texts, as the jansson path. The subset:
 *   whitespace: space, tab, CR, LF; the root is an object, then whitespace only;
 *   strings: bytes 0x20..0x7E but '"' and '\\', at most 255 of them;
 *   numbers: -?(0|[1-9][0-9]*) with at most 18 digits, then a delimiter;
 *   literals: true, false, null, then a delimiter (not as the "id");
 *   top-level keys "id" (a string or number) and "answers" (an object of
 *   scalars, or arrays of at most TP_MAX_VALUES of them), each once;
 *   no key twice in answers; nothing else (fractions, exponents, nesting). */

enum { FJ_FALLBACK = 1 };
#define FJ_MAX_ANSWERS 64 /* more answers in a line: fall back */
#define FJ_MAX_SPANS 256  /* more values in a line: fall back */
#define FJ_MAX_STRING 255 /* longest string read here */
#define FJ_MAX_DIGITS 18  /* every such number fits a long long */

typedef struct {
    const char *p; /* first byte */
    size_t n;      /* length */
    jv_type t;     /* what it is */
} fj_span;

typedef struct {
    fj_span key; /* question id */
    int first;   /* its first value in the spans */
    int n;       /* how many values */
    int array;   /* written as a list */
} fj_answer;

typedef struct {
    const char *end; /* end of the line */
    int has_id;
    fj_span id;
    int has_answers;
    fj_answer answers[FJ_MAX_ANSWERS];
    int nanswers;
    fj_span spans[FJ_MAX_SPANS];
    int nspans;
} fj_line;

static const char *fj_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* A string at p (which must be '"'); returns the byte after it, or NULL. */
static const char *fj_string(const char *p, const char *end, fj_span *out)
{
    if (p >= end || *p != '"')
        return NULL;
    const char *s = ++p;
    const char *lim = (size_t)(end - s) > FJ_MAX_STRING ? s + FJ_MAX_STRING + 1 : end;
    for (; p < lim; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '"') {
            out->p = s;
            out->n = (size_t)(p - s);
            return p + 1;
        }
        if (ch < 0x20 || ch > 0x7e || ch == '\\')
            return NULL;
    }
    return NULL;
}

/* A whole number at p; out is its text as "%lld" prints it ("-0" is "0"). */
static const char *fj_number(const char *p, const char *end, fj_span *out)
{
    const char *s = p;
    if (p < end && *p == '-')
        p++;
    const char *d = p;
    if (p >= end || *p < '0' || *p > '9')
        return NULL;
    if (*p == '0')
        p++;
    else
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    if (p - d > FJ_MAX_DIGITS || p >= end)
        return NULL;
    if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != ',' && *p != ']' && *p != '}')
        return NULL;
    if (p - s == 2 && s[0] == '-' && s[1] == '0')
        s++;
    out->p = s;
    out->n = (size_t)(p - s);
    out->t = JV_NUMBER;
    return p;
}

/* true, false or null at p, then a delimiter. */
static const char *fj_literal(const char *p, const char *end, fj_span *out)
{
    static const struct {
        const char *word;
        jv_type t;
    } lits[] = {{"true", JV_TRUE}, {"false", JV_FALSE}, {"null", JV_NULL}};
    for (size_t i = 0; i < sizeof lits / sizeof *lits; i++) {
        size_t n = strlen(lits[i].word);
        if ((size_t)(end - p) > n && memcmp(p, lits[i].word, n) == 0 &&
            strchr(" \t\n\r,]}", p[n])) {
            out->p = p;
            out->n = n;
            out->t = lits[i].t;
            return p + n;
        }
    }
    return NULL;
}

static const char *fj_scalar(const char *p, const char *end, fj_span *out)
{
    if (p < end && *p == '"') {
        out->t = JV_STRING;
        return fj_string(p, end, out);
    }
    if (p < end && (*p == 't' || *p == 'f' || *p == 'n'))
        return fj_literal(p, end, out);
    return fj_number(p, end, out);
}

static int fj_is(const fj_span *s, const char *word)
{
    size_t n = strlen(word);
    return s->n == n && memcmp(s->p, word, n) == 0;
}

/* One scalar onto l->spans (NULL when there is no room or no scalar). */
static const char *fj_push(fj_line *l, const char *p)
{
    if (l->nspans == FJ_MAX_SPANS || !(p = fj_scalar(p, l->end, &l->spans[l->nspans])))
        return NULL;
    l->nspans++;
    return p;
}

/* One value of the answers object (a scalar or an array) into l->spans. */
static const char *fj_value(fj_line *l, const char *p, fj_answer *a)
{
    const char *end = l->end;
    a->first = l->nspans;
    a->n = 0;
    a->array = p < end && *p == '[';
    if (a->array) {
        p = fj_ws(p + 1, end);
        if (p < end && *p == ']')
            return p + 1;
        for (;;) {
            if (a->n == TP_MAX_VALUES || !(p = fj_push(l, p)))
                return NULL;
            a->n++;
            p = fj_ws(p, end);
            if (p < end && *p == ']')
                return p + 1;
            if (p >= end || *p != ',')
                return NULL;
            p = fj_ws(p + 1, end);
        }
    }
    if (!(p = fj_push(l, p)))
        return NULL;
    a->n = 1;
    return p;
}

static const char *fj_answers(fj_line *l, const char *p)
{
    const char *end = l->end;
    if (p >= end || *p != '{')
        return NULL;
    p = fj_ws(p + 1, end);
    if (p < end && *p == '}')
        return p + 1;
    for (;;) {
        if (l->nanswers == FJ_MAX_ANSWERS)
            return NULL;
        fj_answer *a = &l->answers[l->nanswers];
        if (!(p = fj_string(p, end, &a->key)))
            return NULL;
        for (int i = 0; i < l->nanswers; i++)
            if (l->answers[i].key.n == a->key.n &&
                memcmp(l->answers[i].key.p, a->key.p, a->key.n) == 0)
                return NULL; /* jansson names the duplicate */
        p = fj_ws(p, end);
        if (p >= end || *p != ':')
            return NULL;
        p = fj_ws(p + 1, end);
        if (!(p = fj_value(l, p, a)))
            return NULL;
        l->nanswers++;
        p = fj_ws(p, end);
        if (p < end && *p == '}')
            return p + 1;
        if (p >= end || *p != ',')
            return NULL;
        p = fj_ws(p + 1, end);
    }
}

/* First pass: 0 when the whole line is inside the subset, else FJ_FALLBACK. */
static int fj_scan(fj_line *l, const char *text, size_t len)
{
    const char *end = text + len;
    l->end = end;
    l->has_id = l->has_answers = 0;
    l->nanswers = l->nspans = 0;
    const char *p = fj_ws(text, end);
    if (p >= end || *p != '{')
        return FJ_FALLBACK;
    p = fj_ws(p + 1, end);
    if (p < end && *p == '}') {
        p++;
    } else {
        for (;;) {
            fj_span key;
            if (!(p = fj_string(p, end, &key)))
                return FJ_FALLBACK;
            p = fj_ws(p, end);
            if (p >= end || *p != ':')
                return FJ_FALLBACK;
            p = fj_ws(p + 1, end);
            if (fj_is(&key, "id") && !l->has_id) {
                l->has_id = 1;
                p = fj_scalar(p, end, &l->id);
                if (p && l->id.t != JV_STRING && l->id.t != JV_NUMBER)
                    return FJ_FALLBACK; /* jansson refuses it */
            } else if (fj_is(&key, "answers") && !l->has_answers) {
                l->has_answers = 1;
                p = fj_answers(l, p);
            } else {
                return FJ_FALLBACK; /* unknown or repeated key */
            }
            if (!p)
                return FJ_FALLBACK;
            p = fj_ws(p, end);
            if (p < end && *p == '}') {
                p++;
                break;
            }
            if (p >= end || *p != ',')
                return FJ_FALLBACK;
            p = fj_ws(p + 1, end);
        }
    }
    return fj_ws(p, end) == end ? 0 : FJ_FALLBACK;
}

static void fj_copy(const fj_span *s, char *out)
{
    memcpy(out, s->p, s->n);
    out[s->n] = 0;
}

/* Reads a line inside the subset as the jansson path would: 0, -1 with err
 * set, or FJ_FALLBACK (nothing done) for a line outside it. */
static int fast_parse(tp_case *c, const tp_kb *kb, const char *name, int line, const char *text,
                      size_t len, tp_error *err)
{
    fj_line l;
    if (fj_scan(&l, text, len) != 0)
        return FJ_FALLBACK;
    tp_error e = {{0}};
    if (l.has_id) {
        char idtext[FJ_MAX_STRING + 1];
        fj_copy(&l.id, idtext);
        tp_case_reset(c, idtext);
    }
    if (!l.has_answers) {
        char ex[512];
        tp_kb_example(kb, 1, ex, sizeof ex);
        tp_error_set(&e, "\"answers\" must be an object of question ids to values, such as %s", ex);
        tp_error_set(err, "%s: %s", name, e.msg);
        return -1;
    }
    char qid[FJ_MAX_STRING + 1];
    char texts[TP_MAX_VALUES][FJ_MAX_STRING + 1];
    jv vals[TP_MAX_VALUES];
    for (int i = 0; i < l.nanswers; i++) {
        const fj_answer *a = &l.answers[i];
        fj_copy(&a->key, qid);
        for (int k = 0; k < a->n; k++) {
            fj_copy(&l.spans[a->first + k], texts[k]);
            vals[k].t = l.spans[a->first + k].t;
            vals[k].s = texts[k];
        }
        if (add_values(c, kb, qid, vals, a->n, a->array, line, &e) != 0) {
            tp_error_set(err, "%s: %s", name, e.msg);
            return -1;
        }
    }
    return 0;
}

static int parse(tp_case *c, const tp_kb *kb, const char *where, int line, const char *text,
                 size_t len, int fast_ok, tp_error *err)
{
    char name[300];
    snprintf(name, sizeof name, "%s:%d", where, line);
    tp_case_reset(c, name);
    if (len > TP_JSON_LINE_MAX) {
        tp_error_set(err, "%s: line longer than %u bytes", name, TP_JSON_LINE_MAX);
        return -1;
    }
    if (fast_ok) {
        int fast = fast_parse(c, kb, name, line, text, len, err);
        if (fast != FJ_FALLBACK)
            return fast;
    }
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        char ex[512];
        tp_kb_example(kb, 0, ex, sizeof ex);
        tp_error_set(err,
                     "%s: not valid JSON: %s (column %d); a line holds one object such as "
                     "{\"id\": \"c1\", \"answers\": %s}",
                     name, je.text, je.column, ex);
        return -1;
    }
    int rv = -1;
    tp_error e = {{0}};
    if (!json_is_object(root)) {
        tp_error_set(&e, "expected an object {\"id\": ..., \"answers\": {...}}");
        goto done;
    }
    json_t *id = json_object_get(root, "id");
    if (id) {
        char idtext[256];
        jv idv;
        if ((!json_is_string(id) && !json_is_integer(id)) ||
            jansson_value(id, &idv, idtext, sizeof idtext) != 0) {
            tp_error_set(&e, "\"id\" must be a string or a whole number, at most 255 bytes, "
                             "such as \"case-17\" or 17");
            goto done;
        }
        tp_case_reset(c, idtext);
    }
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        if (strcmp(key, "id") != 0 && strcmp(key, "answers") != 0) {
            tp_error_set(&e, "unknown key \"%.60s\" (only \"id\" and \"answers\")", key);
            goto done;
        }
    }
    json_t *answers = json_object_get(root, "answers");
    if (!json_is_object(answers)) {
        char ex[512];
        tp_kb_example(kb, 1, ex, sizeof ex);
        tp_error_set(&e, "\"answers\" must be an object of question ids to values, such as %s", ex);
        goto done;
    }
    json_object_foreach(answers, key, v)
    {
        if (add_answer(c, kb, key, v, line, &e) != 0)
            goto done;
    }
    rv = 0;
done:
    if (rv != 0)
        tp_error_set(err, "%s: %s", name, e.msg);
    json_decref(root);
    return rv;
}

int tp_jsonl_parse(tp_case *c, const tp_kb *kb, const char *where, int line, const char *text,
                   size_t len, tp_error *err)
{
    return parse(c, kb, where, line, text, len, 1, err);
}

int tp_jsonl_parse_jansson(tp_case *c, const tp_kb *kb, const char *where, int line,
                           const char *text, size_t len, tp_error *err)
{
    return parse(c, kb, where, line, text, len, 0, err);
}
