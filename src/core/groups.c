/* groups.c: which questions of a group are asked together now, and what a
 * line typed at a checklist means (see groups.h). */
#include "groups.h"
#include "triage_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tp_group_fits(const tp_question *q)
{
    if (q->kind != TP_Q_CHOICE || !tp_kb_value(q, "yes") || !tp_kb_value(q, "no"))
        return 0;
    for (int i = 0; i < q->nvalues; i++)
        if (strcmp(q->values[i], "yes") != 0 && strcmp(q->values[i], "no") != 0 &&
            strcmp(q->values[i], "unsure") != 0)
            return 0;
    return 1;
}

int tp_group_pending(const tp_kb *kb, tp_judge *j, const tp_case *c, const tp_question *q, int *out)
{
    int qi = (int)(q - kb->questions);
    const tp_group *g = tp_kb_group_of(kb, qi);
    if (!g || !tp_group_fits(q))
        return 0;
    int n = 0;
    for (int i = 0; i < g->nmembers; i++) {
        int m = g->members[i];
        const tp_question *mq = &kb->questions[m];
        if (m == qi || (tp_group_fits(mq) && !tp_case_find(c, m) && tp_judge_asked(j, mq)))
            out[n++] = m;
    }
    return n >= 2 ? n : 0;
}

void tp_group_case_add(tp_case *c, int q, const char *v)
{
    tp_answer a;
    memset(&a, 0, sizeof a);
    a.q = q;
    a.vals[0].sym = v;
    a.nvals = 1;
    tp_case_put(c, &a);
}

/* Reads an item number at *p (1..n), or returns 0 with err set. */
static int item_number(const char **p, int n, const char *word, tp_error *err)
{
    char *end;
    long v = strtol(*p, &end, 10);
    if (end == *p || v < 1 || v > n) {
        tp_error_set(err, "'%.40s' is not a number of this list: give numbers from 1 to %d", word,
                     n);
        return 0;
    }
    *p = end;
    return (int)v;
}

static const char *value_of(const tp_question *q, const char *v)
{
    const char *s = tp_kb_value(q, v);
    return s ? s : v;
}

int tp_group_expand(const tp_kb *kb, const int *items, int n, const char *line,
                    tp_group_pick *picks, int *help_item, tp_error *err)
{
    char mark[TP_GROUP_MAX] = {0}; /* per item: 0 no, 'y' chosen, 'u' unsure */
    char text[512];
    size_t len = 0;
    for (const char *s = line; *s && len + 1 < sizeof text; s++)
        text[len++] = (char)tolower((unsigned char)*s);
    text[len] = 0;
    const char *p = text;
    while (isspace((unsigned char)*p))
        p++;
    /* "? N" alone: help on an item */
    if (*p == '?') {
        const char *r = p + 1;
        while (isspace((unsigned char)*r))
            r++;
        char *end;
        long v = strtol(r, &end, 10);
        while (isspace((unsigned char)*end))
            end++;
        if (end != r && *end == 0) {
            if (v < 1 || v > n) {
                tp_error_set(err, "there is no item %ld: give a number from 1 to %d", v, n);
                return -1;
            }
            *help_item = (int)v - 1;
            return 1;
        }
    }
    static const char *const none_words[] = {
        "0", "none", "no", "nothing", "none of these", "none of them", "n"};
    char trimmed[512];
    snprintf(trimmed, sizeof trimmed, "%s", p);
    for (size_t k = strlen(trimmed); k && isspace((unsigned char)trimmed[k - 1]);)
        trimmed[--k] = 0;
    int none = 0;
    for (size_t k = 0; k < sizeof none_words / sizeof *none_words; k++)
        none |= strcmp(trimmed, none_words[k]) == 0;
    /* the knowledge base's words for "no" (facts/choices.clp: "nope", "nah")
     * answer the whole list as they answer one question */
    char folded[512];
    tp_fold(trimmed, folded, sizeof folded);
    const tp_question *q0 = n > 0 ? &kb->questions[items[0]] : NULL;
    for (int k = 0; q0 && !none && k < q0->nwords; k++)
        none = q0->words[k].value >= 0 && strcmp(q0->values[q0->words[k].value], "no") == 0 &&
               strcmp(q0->words[k].text, folded) == 0;
    if (!none) {
        int chosen = 0;
        while (*p) {
            if (isspace((unsigned char)*p) || *p == ',' || *p == ';') {
                p++;
                continue;
            }
            const char *word = p;
            int unsure = 0;
            if (*p == '?') {
                unsure = 1;
                p++;
            } else if (strncmp(p, "unsure", 6) == 0) {
                unsure = 1;
                p += 6;
            } else if (strncmp(p, "not sure", 8) == 0) {
                unsure = 1;
                p += 8;
            } else if (strncmp(p, "and", 3) == 0 && !isalnum((unsigned char)p[3])) {
                p += 3;
                continue;
            }
            while (unsure && isspace((unsigned char)*p))
                p++;
            if (*p == '0') {
                tp_error_set(err, "0 means none of them: give it alone, or give only the numbers "
                                  "of those that apply");
                return -1;
            }
            if (!isdigit((unsigned char)*p)) {
                size_t w = strcspn(word, " \t,;");
                char shown[64];
                snprintf(shown, sizeof shown, "%.*s", (int)(w < 40 ? w : 40), word);
                if (unsure)
                    tp_error_set(err, "say which item you are not sure about, e.g. unsure 2");
                else
                    tp_error_set(err,
                                 "'%s' is not a number of this list: type the numbers of those "
                                 "that apply (1 to %d), or 0 for none",
                                 shown, n);
                return -1;
            }
            int v = item_number(&p, n, word, err);
            if (!v)
                return -1;
            if (*p && !isspace((unsigned char)*p) && *p != ',' && *p != ';') {
                tp_error_set(err,
                             "'%.40s' is not a number of this list: separate the numbers with "
                             "spaces or commas",
                             word);
                return -1;
            }
            const tp_question *q = &kb->questions[items[v - 1]];
            if (unsure && !tp_kb_value(q, "unsure")) {
                tp_error_set(err,
                             "item %d cannot be answered unsure: choose it if it applies, "
                             "leave it out if not",
                             v);
                return -1;
            }
            char want = unsure ? 'u' : 'y';
            if (mark[v - 1] && mark[v - 1] != want) {
                tp_error_set(err, "item %d is given both as chosen and as unsure: give it once", v);
                return -1;
            }
            mark[v - 1] = want;
            chosen++;
        }
        if (!chosen) {
            tp_error_set(err, "type the numbers of those that apply (1 to %d), or 0 for none", n);
            return -1;
        }
    }
    for (int i = 0; i < n; i++) {
        const tp_question *q = &kb->questions[items[i]];
        picks[i].q = items[i];
        picks[i].value = value_of(q, mark[i] == 'y' ? "yes" : mark[i] == 'u' ? "unsure" : "no");
    }
    return 0;
}
