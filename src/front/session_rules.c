/* session_rules.c: taking rule source texts apart for explanations: the
 * conditions of each rule (counted as the engine counts them), the
 * conclusion it asserts, and the question it asks for. Only the text CLIPS
 * prints is read; nothing here knows what a rule means. */
#include "session_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *skip_ws(const char *p)
{
    while (*p && isspace((unsigned char)*p))
        p++;
    return p;
}

/* p is at an opening quote: the closing one (or the end of text). */
static const char *string_end(const char *p)
{
    for (p++; *p && *p != '"'; p++)
        if (*p == '\\' && p[1])
            p++;
    return p;
}

/* The end of the element at p: a list, a string or an atom. */
static const char *elem_end(const char *p)
{
    if (*p == '"') {
        p = string_end(p);
        return *p ? p + 1 : p;
    }
    if (*p != '(') {
        while (*p && !isspace((unsigned char)*p) && *p != '(' && *p != ')')
            p++;
        return p;
    }
    int depth = 0;
    for (; *p; p++) {
        if (*p == '"') {
            p = string_end(p);
            if (!*p)
                return p;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')' && --depth == 0) {
            return p + 1;
        }
    }
    return p;
}

/* A copy of [a, b) with runs of white space made one space. */
static char *squeeze(const char *a, const char *b)
{
    char *s = tp_xmalloc((size_t)(b - a) + 1), *d = s;
    int space = 0;
    for (; a < b; a++) {
        if (isspace((unsigned char)*a)) {
            space = 1;
            continue;
        }
        if (space && d > s && d[-1] != '(' && *a != ')')
            *d++ = ' ';
        space = 0;
        *d++ = *a;
    }
    *d = 0;
    return s;
}

static int starts(const char *p, const char *word)
{
    size_t n = strlen(word);
    return strncmp(p, word, n) == 0 && (isspace((unsigned char)p[n]) || p[n] == ')');
}

/* The value of slot "(name VALUE)" inside text, when it is one atom. */
static char *slot_atom(const char *text, const char *name)
{
    char key[64];
    snprintf(key, sizeof key, "(%s ", name);
    const char *p = strstr(text, key);
    if (!p)
        return NULL;
    p = skip_ws(p + strlen(key));
    if (*p == '(' || *p == '"' || *p == '?')
        return NULL;
    const char *e = elem_end(p);
    return squeeze(p, e);
}

static void add_cond(tp_srule *r, const char *a, const char *b)
{
    if (r->nconds < TP_SRULE_CONDS)
        r->conds[r->nconds++] = squeeze(a, b);
}

/* Walks the left-hand side: (logical ...) opens, (test ...) is not counted,
 * (declare ...) is no condition. Returns where "=>" is. */
static const char *read_lhs(tp_srule *r, const char *p)
{
    while (*(p = skip_ws(p)) && *p != ')') {
        const char *e = elem_end(p);
        if (starts(p, "=>"))
            return p;
        if (starts(p + 1, "logical")) {
            const char *q = p + 1 + strlen("logical");
            while (*(q = skip_ws(q)) && *q != ')') {
                const char *qe = elem_end(q);
                if (!starts(q + 1, "test"))
                    add_cond(r, q, qe);
                q = qe;
            }
        } else if (*p == '(' && !starts(p + 1, "test") && !starts(p + 1, "declare")) {
            add_cond(r, p, e);
        }
        p = e;
    }
    return p;
}

static char *unquote(const char *a)
{
    const char *e = string_end(a);
    char *s = tp_xmalloc((size_t)(e - a) + 1), *d = s;
    for (a++; a < e; a++) {
        if (*a == '\\' && a + 1 < e)
            a++;
        *d++ = *a;
    }
    *d = 0;
    return s;
}

static void read_rhs(tp_srule *r, const char *rhs)
{
    const char *c = strstr(rhs, "(conclusion ");
    if (c) {
        const char *e = elem_end(c);
        char *text = squeeze(c, e);
        r->kind = slot_atom(text, "kind");
        r->id = slot_atom(text, "id");
        r->source = slot_atom(text, "source");
        free(text);
    }
    const char *a = strstr(rhs, "(ask ");
    if (a)
        r->asks = slot_atom(a, "question");
}

static int read_rule(void *ud, const tp_rule_info *info)
{
    tp_buf *b = ud;
    tp_srule r;
    memset(&r, 0, sizeof r);
    r.name = tp_xstrdup(info->name);
    const char *p = info->ppform ? info->ppform : "";
    p = skip_ws(p);
    if (*p == '(')
        p = elem_end(skip_ws(p + 1)); /* "defrule" */
    p = elem_end(skip_ws(p));         /* the name */
    p = skip_ws(p);
    if (*p == '"') {
        r.comment = unquote(p);
        p = elem_end(p);
    } else {
        r.comment = tp_xstrdup("");
    }
    p = read_lhs(&r, p);
    read_rhs(&r, p);
    tp_buf_add(b, (const char *)&r, sizeof r);
    return 0;
}

int tp_srules_load(tp_engine *e, tp_srule **out)
{
    tp_buf b = {0};
    tp_engine_rules(e, read_rule, &b);
    *out = (tp_srule *)b.data;
    return (int)(b.len / sizeof(tp_srule));
}

void tp_srules_free(tp_srule *r, int n)
{
    for (int i = 0; i < n; i++) {
        free(r[i].name);
        free(r[i].comment);
        for (int k = 0; k < r[i].nconds; k++)
            free(r[i].conds[k]);
        free(r[i].kind);
        free(r[i].id);
        free(r[i].source);
        free(r[i].asks);
    }
    free(r);
}

/* ---- answer conditions --------------------------------------------------------- */

const char *tp_srule_question(const char *cond, char *buf, size_t len)
{
    const char *p = strstr(cond, "(answer ");
    if (!p)
        return NULL;
    p = strstr(p, "(question ");
    if (!p)
        return NULL;
    p = skip_ws(p + strlen("(question "));
    if (*p == '?')
        return NULL;
    const char *e = elem_end(p);
    snprintf(buf, len, "%.*s", (int)(e - p), p);
    return buf;
}

/* The text inside "(value ...)", into buf. */
static const char *value_text(const char *cond, char *buf, size_t len)
{
    const char *p = strstr(cond, "(value ");
    if (!p)
        return NULL;
    const char *e = elem_end(p);
    p += strlen("(value ");
    snprintf(buf, len, "%.*s", (int)(e - 1 - p), p);
    return buf;
}

/* Whether one constraint term ("yes|unsure", "~emergency&~urgent") admits v. */
static int term_admits(const char *term, const char *v)
{
    if (strchr(term, ':') || term[0] == '?')
        return strchr(term, ':') ? -1 : 1;
    int neg = term[0] == '~';
    char buf[512];
    snprintf(buf, sizeof buf, "%s", term);
    int found = 0;
    for (char *t = strtok(buf, "|&~"); t; t = strtok(NULL, "|&~"))
        if (strcmp(t, v) == 0)
            found = 1;
    return neg ? !found : found;
}

int tp_srule_admits(const char *cond, const char *v)
{
    char text[512];
    if (!value_text(cond, text, sizeof text))
        return -1;
    int neg = strncmp(cond, "(not ", 5) == 0;
    int verdict = 0, terms = 0;
    for (char *save = NULL, *t = strtok_r(text, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (strcmp(t, "$?") == 0)
            continue;
        terms++;
        int a = term_admits(t, v);
        if (a < 0)
            return -1;
        verdict |= a;
    }
    if (terms == 0)
        return -1;
    return neg ? !verdict : verdict;
}

/* "(>= ?d 3)" -> ">= 3" */
static void plain_test(const char *t, char *out, size_t len)
{
    char op[8], var[32], num[32];
    if (sscanf(t, "(%7s %31s %31[^)])", op, var, num) == 3)
        snprintf(out, len, "%s %s", op, num);
    else
        snprintf(out, len, "%s", t);
}

/* One term of a value constraint in words. */
static void plain_term(const char *t, char *out, size_t len)
{
    size_t used = 0;
    out[0] = 0;
    if (t[0] == '?') {
        /* ?d&:(integerp ?d)&:(>= ?d 3) */
        for (const char *p = strstr(t, ":("); p && used < len; p = strstr(p + 1, ":(")) {
            const char *e = elem_end(p + 1);
            char test[128], plain[128];
            snprintf(test, sizeof test, "%.*s", (int)(e - p - 1), p + 1);
            if (strncmp(test, "(integerp", 9) == 0)
                continue;
            plain_test(test, plain, sizeof plain);
            used += (size_t)snprintf(out + used, len - used, "%s%s", used ? " and " : "", plain);
        }
        if (!used)
            snprintf(out, len, "anything");
        return;
    }
    int neg = t[0] == '~';
    for (const char *p = t; *p && used + 8 < len; p++) {
        if (*p == '|')
            used += (size_t)snprintf(out + used, len - used, " or ");
        else if (*p == '&')
            used += (size_t)snprintf(out + used, len - used, neg ? " nor " : " and ");
        else if (*p == '~')
            used += (size_t)snprintf(out + used, len - used, "%s", p == t ? "not " : "");
        else
            out[used++] = *p, out[used] = 0;
    }
}

void tp_srule_plain(const char *cond, char *out, size_t len)
{
    char q[128], text[512], words[512];
    int neg = strncmp(cond, "(not ", 5) == 0;
    if (!value_text(cond, text, sizeof text)) {
        char lv[128];
        const char *l = strstr(cond, "(disposition (level ");
        if (l && sscanf(l, "(disposition (level %127[^)])", lv) == 1) {
            plain_term(lv, words, sizeof words);
            snprintf(out, len, "%sthe level so far is %s", neg ? "not: " : "", words);
        } else {
            snprintf(out, len, "%s", cond);
        }
        return;
    }
    const char *qid = tp_srule_question(cond, q, sizeof q);
    int multi = strstr(text, "$?") != NULL;
    size_t used = 0;
    words[0] = 0;
    for (char *save = NULL, *t = strtok_r(text, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (strcmp(t, "$?") == 0)
            continue;
        char w[256];
        plain_term(t, w, sizeof w);
        used += (size_t)snprintf(words + used, sizeof words - used, "%s%s", used ? ", " : "", w);
        if (used >= sizeof words)
            break;
    }
    snprintf(out, len, "%s%s %s %s", neg ? "not: " : "", qid ? qid : "an answer",
             multi ? "includes" : "is", words);
}
