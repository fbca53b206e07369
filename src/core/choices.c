/* choices.c: plain labels, other words and units for answers, read from the
 * knowledge base, and the normaliser that turns what a person typed into
 * the ids a case holds (see choices.h). */
#include "choices.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PART_MAX 256 /* longest part of an answer matched */
#define ANY "any"    /* a choice fact for every question with that value */

void tp_fold(const char *in, char *out, size_t len)
{
    size_t o = 0;
    int sep = 0;
    if (len == 0)
        return;
    for (const unsigned char *p = (const unsigned char *)in; *p && o + 1 < len; p++) {
        if (isspace(*p) || *p == '-' || *p == '_') {
            sep = o > 0;
            continue;
        }
        if (sep && o + 2 < len)
            out[o++] = '-';
        sep = 0;
        out[o++] = (char)tolower(*p);
    }
    while (o > 0 && (out[o - 1] == '.' || out[o - 1] == '!' || out[o - 1] == '-'))
        o--;
    out[o] = 0;
}

/* ---- reading the facts -------------------------------------------------------- */

struct reading {
    tp_kb *kb;     /* the questions being given words */
    tp_engine *e;  /* read from */
    tp_error *err; /* the first problem */
    int bad;       /* set on a problem */
    int any;       /* this pass reads "any" facts (else the others) */
};

static int value_index(const tp_question *q, const char *v)
{
    for (int i = 0; i < q->nvalues; i++)
        if (strcmp(q->values[i], v) == 0)
            return i;
    return -1;
}

/* Adds word w (folded) for value v (-1: a unit) to q, unless q has it for
 * the same value. A word for another value is refused, unless `quiet` (an
 * "any" word yields to a question's own). */
static int add_word(struct reading *r, tp_question *q, const char *w, int v, long long factor,
                    int quiet)
{
    char f[PART_MAX];
    tp_fold(w, f, sizeof f);
    if (!*f)
        return 0;
    int other = -2;
    for (int i = 0; i < q->nwords; i++)
        if (strcmp(q->words[i].text, f) == 0)
            other = q->words[i].value;
    for (int i = 0; i < q->nvalues && other == -2; i++)
        if (strcmp(q->values[i], f) == 0)
            other = i;
    if (other == v)
        return 0;
    if (other != -2) {
        if (quiet)
            return 0;
        tp_error_set(r->err,
                     "facts: the word \"%s\" would mean both %s and %s for question %s: give it "
                     "to one value only",
                     w, other >= 0 ? q->values[other] : "a unit", v >= 0 ? q->values[v] : "a unit",
                     q->id);
        r->bad = 1;
        return 1;
    }
    q->words = tp_xrealloc(q->words, (size_t)(q->nwords + 1) * sizeof *q->words);
    q->words[q->nwords++] = (tp_word){tp_xstrdup(f), v, factor};
    return 0;
}

/* One choice fact, for one question. */
static int give_choice(struct reading *r, tp_question *q, int v, tp_fact *f)
{
    const char *label = tp_fact_str(r->e, f, "label");
    const char *alone = tp_fact_str(r->e, f, "exclusive");
    if (alone && strcmp(alone, "yes") == 0)
        q->exclusive[v] = 1;
    if (label && *label && (!r->any || !q->labels[v] || !*q->labels[v])) {
        free(q->labels[v]);
        q->labels[v] = tp_xstrdup(label);
    }
    tp_value words[64];
    int n = tp_fact_values(r->e, f, "words", words, 64);
    for (int i = 0; i < n && i < 64; i++)
        if (words[i].sym && add_word(r, q, words[i].sym, v, 1, r->any))
            return 1;
    return 0;
}

static int read_choice(void *ud, tp_fact *f)
{
    struct reading *r = ud;
    const char *qid = tp_fact_str(r->e, f, "question");
    const char *val = tp_fact_str(r->e, f, "value");
    if (!qid || !val)
        return 0;
    if (strcmp(qid, ANY) == 0) {
        if (!r->any)
            return 0;
        for (int i = 0; i < r->kb->nquestions; i++) {
            tp_question *q = &r->kb->questions[i];
            int v = value_index(q, val);
            if (v >= 0 && q->kind != TP_Q_NUMBER && give_choice(r, q, v, f))
                return 1;
        }
        return 0;
    }
    if (r->any)
        return 0;
    int qi = tp_kb_question_index(r->kb, qid);
    tp_question *q = qi >= 0 ? &r->kb->questions[qi] : NULL;
    int v = q ? value_index(q, val) : -1;
    if (v < 0) {
        tp_error_set(r->err,
                     "facts: a choice names %s %s, which %s (choice facts take a "
                     "question id and one of its values)",
                     q ? "the value" : "the question", q ? val : qid,
                     q ? "that question does not have" : "is not a question");
        r->bad = 1;
        return 1;
    }
    return give_choice(r, q, v, f);
}

static int read_unit(void *ud, tp_fact *f)
{
    struct reading *r = ud;
    const char *qid = tp_fact_str(r->e, f, "question");
    const char *word = tp_fact_str(r->e, f, "word");
    int qi = qid ? tp_kb_question_index(r->kb, qid) : -1;
    if (qi < 0 || r->kb->questions[qi].kind != TP_Q_NUMBER) {
        tp_error_set(r->err,
                     "facts: a number-unit names %s, which is not a question answered by "
                     "a number",
                     qid ? qid : "nothing");
        r->bad = 1;
        return 1;
    }
    long long factor = 1;
    tp_fact_int(r->e, f, "factor", &factor);
    if (factor < 1)
        factor = 1;
    return word ? add_word(r, &r->kb->questions[qi], word, -1, factor, 0) : 0;
}

int tp_choices_read(tp_kb *kb, tp_engine *e, tp_error *err)
{
    struct reading r = {kb, e, err, 0, 0};
    tp_engine_each(e, "choice", read_choice, &r);
    r.any = 1;
    if (!r.bad)
        tp_engine_each(e, "choice", read_choice, &r);
    if (!r.bad)
        tp_engine_each(e, "number-unit", read_unit, &r);
    for (int i = 0; i < kb->nquestions; i++)
        for (int v = 0; v < kb->questions[i].nvalues; v++)
            if (!kb->questions[i].labels[v])
                kb->questions[i].labels[v] = tp_xstrdup("");
    return r.bad ? -1 : 0;
}

void tp_choices_free(tp_question *q)
{
    for (int v = 0; v < TP_MAX_VALUES; v++)
        free(q->labels[v]);
    for (int i = 0; i < q->nwords; i++)
        free(q->words[i].text);
    free(q->words);
}

/* ---- the normaliser ---------------------------------------------------------- */

/* The value a folded part means for q, or -1. */
static int match_part(const tp_question *q, const char *f)
{
    if (!*f)
        return -1;
    char lab[PART_MAX];
    for (int i = 0; i < q->nvalues; i++)
        if (strcmp(q->values[i], f) == 0)
            return i;
    char *end;
    long n = strtol(f, &end, 10);
    if (*end == 0 && isdigit((unsigned char)*f))
        return n >= 1 && n <= q->nvalues ? (int)n - 1 : -1;
    for (int i = 0; i < q->nvalues; i++) {
        tp_fold(q->labels[i] ? q->labels[i] : "", lab, sizeof lab);
        if (*lab && strcmp(lab, f) == 0)
            return i;
    }
    for (int i = 0; i < q->nwords; i++)
        if (q->words[i].value >= 0 && strcmp(q->words[i].text, f) == 0)
            return q->words[i].value;
    /* the start of one value's id, or whole first words of its label, and
     * of no other value's ("n": no; "not": not-tried or Not sure, refused) */
    size_t len = strlen(f);
    int hit = -1;
    for (int i = 0; i < q->nvalues; i++) {
        tp_fold(q->labels[i] ? q->labels[i] : "", lab, sizeof lab);
        if (strncmp(q->values[i], f, len) == 0 ||
            (strncmp(lab, f, len) == 0 && (lab[len] == 0 || lab[len] == '-'))) {
            if (hit >= 0)
                return -1;
            hit = i;
        }
    }
    return hit;
}

/* Appends s to out at *used, with ", " before all but the first. */
static void append(char *out, size_t len, size_t *used, const char *s)
{
    if (*used >= len)
        return;
    int n = snprintf(out + *used, len - *used, "%s%s", *used ? ", " : "", s);
    if (n > 0)
        *used = *used + (size_t)n < len ? *used + (size_t)n : len - 1;
}

static void normalise_number(const tp_question *q, const char *typed, char *out, size_t len)
{
    char f[PART_MAX];
    tp_fold(typed, f, sizeof f);
    const char *start = typed + strspn(typed, " \t");
    char *end;
    long long n = strtoll(f, &end, 10);
    if (*start == '-' || *start == '+')
        end = f; /* a sign is the reader's to refuse */
    if (end == f || !isdigit((unsigned char)*f)) {
        snprintf(out, len, "%s", typed);
        return;
    }
    if (*end == '-')
        end++;
    long long factor = *end ? 0 : 1;
    for (int i = 0; i < q->nwords && !factor; i++)
        if (q->words[i].value < 0 && strcmp(q->words[i].text, end) == 0)
            factor = q->words[i].factor;
    if (factor == 0 || n > 1000000000LL / factor) {
        snprintf(out, len, "%s", typed);
        return;
    }
    snprintf(out, len, "%lld", n * factor);
}

/* Adds folded part f to parts, unless empty; "1-3-4" (numbers typed with
 * blanks between) as one part each. */
static void add_part(const char *f, char parts[][PART_MAX], int *n, int max)
{
    int numbers = *f != 0;
    for (const char *p = f; *p; p++)
        numbers &= isdigit((unsigned char)*p) || *p == '-';
    if (!numbers) {
        if (*f && *n < max)
            snprintf(parts[(*n)++], PART_MAX, "%s", f);
        return;
    }
    char one[PART_MAX];
    snprintf(one, sizeof one, "%s", f);
    char *save = NULL;
    for (char *t = strtok_r(one, "-", &save); t && *n < max; t = strtok_r(NULL, "-", &save))
        snprintf(parts[(*n)++], PART_MAX, "%s", t);
}

/* Splits what was typed for a multi answer into folded parts at ',', ';',
 * '/' and "and", and numbers at blanks. Returns how many. */
static int split_parts(const char *typed, char parts[][PART_MAX], int max)
{
    char buf[PART_MAX * 4];
    snprintf(buf, sizeof buf, "%s", typed);
    for (char *p = buf; *p; p++)
        if (*p == ';' || *p == '/')
            *p = ',';
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t && n < max; t = strtok_r(NULL, ",", &save)) {
        char f[PART_MAX], g[PART_MAX];
        tp_fold(t, f, sizeof f);
        /* "a and b": "-and-" between words; "x.-and-y": the '.' goes too */
        char *rest = f;
        for (char *a; (a = strstr(rest, "-and-")) && n < max;) {
            *a = 0;
            tp_fold(rest, g, sizeof g);
            add_part(g, parts, &n, max);
            rest = a + 5;
        }
        tp_fold(rest, g, sizeof g);
        add_part(g, parts, &n, max);
    }
    return n;
}

void tp_answer_normalise(const tp_question *q, const char *typed, char *out, size_t len)
{
    if (len == 0)
        return;
    out[0] = 0;
    if (q->kind == TP_Q_NUMBER) {
        normalise_number(q, typed, out, len);
        return;
    }
    char whole[PART_MAX];
    tp_fold(typed, whole, sizeof whole);
    int v = match_part(q, whole);
    if (v >= 0 || q->kind != TP_Q_MULTI) {
        snprintf(out, len, "%s", v >= 0 ? q->values[v] : typed);
        return;
    }
    char parts[TP_MAX_VALUES * 2][PART_MAX];
    int n = split_parts(typed, parts, TP_MAX_VALUES * 2);
    size_t used = 0;
    int seen[TP_MAX_VALUES] = {0};
    for (int i = 0; i < n; i++) {
        int p = match_part(q, parts[i]);
        if (p < 0)
            append(out, len, &used, parts[i]);
        else if (!seen[p]++)
            append(out, len, &used, q->values[p]);
    }
}
