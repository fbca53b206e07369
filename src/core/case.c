/* case.c: validating answers and reading and writing symptom files. */
#include "case.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tp_case_init(tp_case *c, const char *name)
{
    memset(c, 0, sizeof *c);
    c->name = tp_xstrdup(name ? name : "");
}

void tp_case_reset(tp_case *c, const char *name)
{
    free(c->name);
    c->name = tp_xstrdup(name ? name : "");
    c->nanswers = 0;
    c->nexpects = 0;
}

void tp_case_free(tp_case *c)
{
    free(c->name);
    free(c->answers);
    free(c->expects);
    memset(c, 0, sizeof *c);
}

const tp_answer *tp_case_find(const tp_case *c, int q)
{
    for (int i = 0; i < c->nanswers; i++)
        if (c->answers[i].q == q)
            return &c->answers[i];
    return NULL;
}

int tp_case_forget(tp_case *c, int q)
{
    for (int i = 0; i < c->nanswers; i++)
        if (c->answers[i].q == q) {
            memmove(&c->answers[i], &c->answers[i + 1],
                    (size_t)(c->nanswers - i - 1) * sizeof *c->answers);
            c->nanswers--;
            return 0;
        }
    return -1;
}

/* "yes, no or unsure" */
static void allowed_list(const tp_question *q, char *out, size_t outlen)
{
    size_t used = 0;
    out[0] = 0;
    if (q->kind == TP_Q_NUMBER) {
        snprintf(out, outlen, "a whole number from %lld to %lld", q->min, q->max);
        return;
    }
    for (int i = 0; i < q->nvalues && used < outlen; i++) {
        const char *sep = i == 0 ? "" : i == q->nvalues - 1 ? " or " : ", ";
        used += (size_t)snprintf(out + used, outlen - used, "%s%s", sep, q->values[i]);
    }
}

static int parse_number(const tp_question *q, const char *s, long long *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > TP_NUMBER_DIGITS)
        return -1;
    long long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v < q->min || v > q->max)
        return -1;
    *out = v;
    return 0;
}

static void printable(const char *s, char *out, size_t outlen)
{
    size_t j = 0;
    for (size_t i = 0; s[i] && j + 5 < outlen; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x20 || ch == 0x7f)
            j += (size_t)snprintf(out + j, outlen - j, "\\x%02x", ch);
        else
            out[j++] = (char)ch;
        if (i > 60) {
            snprintf(out + j, outlen - j, "...");
            return;
        }
    }
    out[j] = 0;
}

/* A value marked exclusive (facts/choices.clp) given with another: the
 * answer contradicts itself, and is refused with both named. */
static int exclusive_clash(const tp_question *q, const tp_answer *a, tp_error *err)
{
    for (int i = 0; i < a->nvals && a->nvals > 1; i++)
        for (int k = 0; k < q->nvalues; k++)
            if (a->vals[i].sym == q->values[k] && q->exclusive[k]) {
                const char *other = a->vals[i == 0 ? 1 : 0].sym;
                tp_error_set(err,
                             "%s: '%s' contradicts '%s' ('%s' is given alone): give '%s' alone, "
                             "or leave it out",
                             q->id, q->values[k], other, q->values[k], q->values[k]);
                return 1;
            }
    return 0;
}

int tp_case_answer(tp_case *c, const tp_kb *kb, const char *qid, const char *const *vals, int n,
                   int line, tp_error *err)
{
    char shown[96], allowed[512];
    int qi = tp_kb_question_index(kb, qid);
    if (qi < 0) {
        printable(qid, shown, sizeof shown);
        tp_error_set(err, "unknown question '%s' (tptriage questions lists them)", shown);
        return -1;
    }
    const tp_question *q = &kb->questions[qi];
    const tp_answer *prev = tp_case_find(c, qi);
    if (prev) {
        if (prev->line)
            tp_error_set(err, "%s is answered twice (first on line %d)", q->id, prev->line);
        else
            tp_error_set(err, "%s is answered twice", q->id);
        return -1;
    }
    if (n == 0) {
        allowed_list(q, allowed, sizeof allowed);
        tp_error_set(err, "%s has no value: give %s", q->id, allowed);
        return -1;
    }
    if (n > 1 && q->kind != TP_Q_MULTI) {
        allowed_list(q, allowed, sizeof allowed);
        tp_error_set(err, "%s takes one value, not %d: give %s", q->id, n, allowed);
        return -1;
    }
    if (n > TP_MAX_VALUES) {
        tp_error_set(err, "%s has %d values; at most %d are allowed", q->id, n, TP_MAX_VALUES);
        return -1;
    }
    tp_answer a;
    memset(&a, 0, sizeof a);
    a.q = qi;
    a.line = line;
    for (int i = 0; i < n; i++) {
        const char *v = NULL;
        int ok = q->kind == TP_Q_NUMBER ? parse_number(q, vals[i], &a.vals[i].num) == 0
                                        : (v = tp_kb_value(q, vals[i])) != NULL;
        if (!ok) {
            printable(vals[i], shown, sizeof shown);
            allowed_list(q, allowed, sizeof allowed);
            tp_error_set(err, "'%s' is not allowed for %s: give %s", shown, q->id, allowed);
            return -1;
        }
        if (q->kind == TP_Q_NUMBER) {
            a.vals[i].sym = NULL;
            continue;
        }
        for (int j = 0; j < i; j++)
            if (a.vals[j].sym == v) {
                tp_error_set(err, "%s lists '%s' twice", q->id, v);
                return -1;
            }
        a.vals[i].sym = v;
    }
    a.nvals = n;
    if (exclusive_clash(q, &a, err))
        return -1;
    tp_case_put(c, &a);
    return 0;
}

void tp_case_put(tp_case *c, const tp_answer *a)
{
    if (c->nanswers == c->acap) {
        c->acap = c->acap ? c->acap * 2 : 32;
        c->answers = tp_xrealloc(c->answers, (size_t)c->acap * sizeof *c->answers);
    }
    c->answers[c->nanswers++] = *a;
}

char *tp_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

int tp_case_answer_text(tp_case *c, const tp_kb *kb, const char *qid, const char *text, int line,
                        tp_error *err)
{
    char buf[TP_LINE_MAX + 1];
    const char *vals[TP_MAX_VALUES + 1];
    int n = 0;
    snprintf(buf, sizeof buf, "%s", text);
    char *p = buf;
    for (;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = 0;
        char *v = tp_trim(p);
        if (*v == 0) {
            tp_error_set(err, "%s has an empty value%s", qid, comma ? " between commas" : "");
            return -1;
        }
        if (n == TP_MAX_VALUES) {
            tp_error_set(err, "%s has more than %d values", qid, TP_MAX_VALUES);
            return -1;
        }
        vals[n++] = v;
        if (!comma)
            break;
        p = comma + 1;
    }
    return tp_case_answer(c, kb, qid, vals, n, line, err);
}

/* ---- expectations ----------------------------------------------------------- */

const char *tp_expect_kind(const tp_kb *kb, const char *field)
{
    if (strcmp(field, "disposition") == 0)
        return "level";
    if (strcmp(field, "unanswered") == 0)
        return "unanswered";
    const tp_kind *k = tp_kb_kind(kb, field);
    return k && strcmp(k->id, "level") != 0 ? k->id : NULL;
}

/* "disposition, red-flag, ..., unanswered" */
static void expect_fields(const tp_kb *kb, char *out, size_t len)
{
    size_t used = (size_t)snprintf(out, len, "disposition");
    for (int i = 0; i < kb->nkinds && used < len; i++)
        if (strcmp(kb->kinds[i].id, "level") != 0)
            used += (size_t)snprintf(out + used, len - used, ", %s", kb->kinds[i].id);
    if (used < len)
        snprintf(out + used, len - used, ", unanswered");
}

static int known_id(const tp_kb *kb, const char *kind, const char *id)
{
    if (strcmp(kind, "level") == 0)
        return tp_kb_level(kb, id) != NULL;
    if (strcmp(kind, "stop-pressing") == 0)
        return strcmp(id, "yes") == 0 || strcmp(id, "no") == 0;
    if (strcmp(kind, "unanswered") == 0)
        return tp_kb_question(kb, id) != NULL;
    return tp_kb_text(kb, kind, id) != NULL;
}

static int parse_expect(tp_case *c, const tp_kb *kb, char *rest, int line, tp_error *err)
{
    char field[64], op[4], id[128], extra[8];
    int n = sscanf(rest, " %63[-a-z_] %3[!=>] %127s %7s", field, op, id, extra);
    if (n != 3) {
        tp_error_set(err, "expected 'expect FIELD = ID', 'expect FIELD != ID' or "
                          "'expect disposition >= LEVEL'");
        return -1;
    }
    const char *kind = tp_expect_kind(kb, field);
    if (!kind) {
        char fields[512];
        expect_fields(kb, fields, sizeof fields);
        tp_error_set(err, "unknown expect field '%s' (%s)", field, fields);
        return -1;
    }
    tp_expect_op o;
    if (strcmp(op, "=") == 0)
        o = TP_EXPECT_EQ;
    else if (strcmp(op, "!=") == 0)
        o = TP_EXPECT_NE;
    else if (strcmp(op, ">=") == 0 && strcmp(field, "disposition") == 0)
        o = TP_EXPECT_GE;
    else {
        tp_error_set(err, "operator '%s' does not apply to %s", op, field);
        return -1;
    }
    if (!known_id(kb, kind, id)) {
        tp_error_set(err, "'%s' is not a known %s id", id, field);
        return -1;
    }
    if (c->nexpects == c->ecap) {
        c->ecap = c->ecap ? c->ecap * 2 : 16;
        c->expects = tp_xrealloc(c->expects, (size_t)c->ecap * sizeof *c->expects);
    }
    tp_expect *e = &c->expects[c->nexpects++];
    snprintf(e->field, sizeof e->field, "%s", field);
    snprintf(e->id, sizeof e->id, "%s", id);
    e->op = o;
    e->line = line;
    return 0;
}

/* ---- symptom files --------------------------------------------------------------- */

static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + (size_t)len > n || (len == 2 && c < 0xc2))
            return 0;
        for (int k = 1; k < len; k++)
            if ((s[i + (size_t)k] & 0xc0) != 0x80)
                return 0;
        i += (size_t)len;
    }
    return 1;
}

static int parse_line(tp_case *c, const tp_kb *kb, char *line, int lineno, tp_error *err)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = 0;
    char *s = tp_trim(line);
    if (*s == 0)
        return 0;
    if (strncmp(s, "expect", 6) == 0 && (s[6] == ' ' || s[6] == '\t'))
        return parse_expect(c, kb, s + 6, lineno, err);
    char *eq = strchr(s, '=');
    if (!eq) {
        tp_error_set(err, "expected 'question-id = value'");
        return -1;
    }
    *eq = 0;
    char *qid = tp_trim(s);
    if (*qid == 0) {
        tp_error_set(err, "missing question id before '='");
        return -1;
    }
    return tp_case_answer_text(c, kb, qid, eq + 1, lineno, err);
}

int tp_symfile_parse(tp_case *c, const tp_kb *kb, const char *name, const char *text, size_t len,
                     tp_error *err)
{
    tp_error e = {{0}};
    if (len > TP_SYMFILE_MAX) {
        tp_error_set(err, "%s: larger than the limit of %u bytes", name, TP_SYMFILE_MAX);
        return -1;
    }
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
        text += 3;
        len -= 3;
    }
    size_t pos = 0;
    int lineno = 0;
    char line[TP_LINE_MAX + 2];
    while (pos < len) {
        lineno++;
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        if (n > TP_LINE_MAX) {
            tp_error_set(err, "%s:%d: line longer than %d bytes", name, lineno, TP_LINE_MAX);
            return -1;
        }
        if (memchr(text + pos, 0, n) || !valid_utf8((const unsigned char *)text + pos, n)) {
            tp_error_set(err, "%s:%d: not UTF-8 text", name, lineno);
            return -1;
        }
        memcpy(line, text + pos, n);
        line[n] = 0;
        if (parse_line(c, kb, line, lineno, &e) != 0) {
            tp_error_set(err, "%s:%d: %s", name, lineno, e.msg);
            return -1;
        }
        pos += n + (nl ? 1 : 0);
    }
    return 0;
}

void tp_answer_format(const tp_answer *a, char *out, size_t outlen)
{
    size_t used = 0;
    out[0] = 0;
    for (int i = 0; i < a->nvals && used < outlen; i++) {
        const char *sep = i ? ", " : "";
        if (a->vals[i].sym)
            used += (size_t)snprintf(out + used, outlen - used, "%s%s", sep, a->vals[i].sym);
        else
            used += (size_t)snprintf(out + used, outlen - used, "%s%lld", sep, a->vals[i].num);
    }
}

void tp_symfile_write(const tp_case *c, const tp_kb *kb, tp_buf *out)
{
    char v[1024];
    for (int i = 0; i < c->nanswers; i++) {
        tp_answer_format(&c->answers[i], v, sizeof v);
        tp_buf_printf(out, "%s = %s\n", kb->questions[c->answers[i].q].id, v);
    }
}

int tp_symline_unknown_expect(const tp_kb *kb, const char *line, size_t n, char *what,
                              size_t whatlen)
{
    char buf[TP_LINE_MAX];
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, line, n);
    buf[n] = 0;
    char *hash = strchr(buf, '#');
    if (hash)
        *hash = 0;
    char *s = buf + strspn(buf, " \t");
    if (strncmp(s, "expect", 6) != 0 || (s[6] != ' ' && s[6] != '\t'))
        return 0;
    char field[64], op[4], id[128], extra[8];
    if (sscanf(s + 6, " %63[-a-z_] %3[!=>] %127s %7s", field, op, id, extra) != 3)
        return 0; /* not well formed: the parser says why */
    const char *kind = tp_expect_kind(kb, field);
    if (kind && known_id(kb, kind, id))
        return 0;
    snprintf(what, whatlen, "%s %s %s", field, op, id);
    return 1;
}

int tp_symline_question(const char *line, size_t n, char *id, size_t idlen)
{
    size_t i = strspn(line, " \t");
    if (i >= n || line[i] == '#' ||
        (n - i > 6 && strncmp(line + i, "expect", 6) == 0 &&
         (line[i + 6] == ' ' || line[i + 6] == '\t')))
        return 0;
    size_t j = i;
    while (j < n && line[j] != '=' && line[j] != '#')
        j++;
    if (j >= n || line[j] != '=')
        return 0;
    size_t k = j;
    while (k > i && (line[k - 1] == ' ' || line[k - 1] == '\t'))
        k--;
    if (k == i || k - i >= idlen)
        return 0;
    memcpy(id, line + i, k - i);
    id[k - i] = 0;
    return 1;
}
