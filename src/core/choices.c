/* choices.c: plain labels, other words and units for answers, read from the
 * knowledge base, and the normaliser that turns what a person typed into
 * the ids a case holds (see choices.h). */
#include "choices.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PART_MAX 256 /* longest part of an answer matched */

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
