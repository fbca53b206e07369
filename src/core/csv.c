/* csv.c: reading cases from CSV records (see csv.h). */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_CELL 4096 /* longest cell */

/* The fields of one record, each NUL-terminated in buf, unquoted. */
typedef struct {
    char *buf;                          /* the fields' text */
    size_t off[TP_CSV_MAX_COLUMNS + 1]; /* where each starts in buf */
    int n;                              /* how many */
} fields;

/* States of tp_csv_scan: at the start of a field, in an unquoted one, in a
 * quoted one, just after a quote in a quoted one (its end, or the first of
 * two). */
enum { AT_START, UNQUOTED, QUOTED = TP_CSV_OPEN, AFTER_QUOTE };

int tp_csv_scan(int state, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char ch = text[i];
        if (state == QUOTED)
            state = ch == '"' ? AFTER_QUOTE : QUOTED;
        else if (ch == ',')
            state = AT_START;
        else if (state == AFTER_QUOTE)
            state = ch == '"' ? QUOTED : UNQUOTED;
        else if (state == AT_START)
            state = ch == '"' ? QUOTED : UNQUOTED;
    }
    return state;
}

/* Splits a record into f (f->buf allocated here, len + 1 bytes suffice:
 * unquoting only shortens). Returns 0 or -1 with err set. */
static int split(const char *text, size_t len, fields *f, tp_error *err)
{
    f->buf = tp_xmalloc(len + 1);
    f->n = 0;
    size_t i = 0, o = 0;
    for (;;) {
        if (f->n == TP_CSV_MAX_COLUMNS) {
            tp_error_set(err, "more than %d columns", TP_CSV_MAX_COLUMNS);
            return -1;
        }
        f->off[f->n++] = o;
        if (i < len && text[i] == '"') { /* a quoted field: "" is one quote */
            for (i++;; i++) {
                if (i >= len) {
                    tp_error_set(err, "column %d: a quoted field has no closing quote", f->n);
                    return -1;
                }
                if (text[i] == '"') {
                    if (i + 1 < len && text[i + 1] == '"') {
                        f->buf[o++] = '"';
                        i++;
                        continue;
                    }
                    i++;
                    break;
                }
                f->buf[o++] = text[i];
            }
            if (i < len && text[i] != ',') {
                tp_error_set(err,
                             "column %d: text after a closing quote (a quote inside a field is "
                             "written twice: \"say \"\"no\"\"\")",
                             f->n);
                return -1;
            }
        } else {
            for (; i < len && text[i] != ','; i++) {
                if (text[i] == '"') {
                    tp_error_set(err,
                                 "column %d: a quote inside an unquoted field (quote the whole "
                                 "field: \"hip-crest, tailbone\")",
                                 f->n);
                    return -1;
                }
                f->buf[o++] = text[i];
            }
        }
        f->buf[o++] = 0;
        if (i >= len)
            return 0;
        i++; /* the comma */
    }
}

/* Splits text, dropping one CR at its end (CR LF line ends). */
static int split_record(const char *text, size_t len, fields *f, tp_error *err)
{
    if (len > 0 && text[len - 1] == '\r')
        len--;
    return split(text, len, f, err);
}

int tp_csv_header_parse(tp_csv_header *h, const tp_kb *kb, const char *where, const char *text,
                        size_t len, tp_error *err)
{
    fields f;
    tp_error e = {{0}};
    int rv = -1, named = 0;
    h->ncols = 0;
    if (split_record(text, len, &f, &e) != 0)
        goto done;
    for (int i = 0; i < f.n; i++) {
        char *cell = tp_trim(f.buf + f.off[i]);
        int q;
        if (strcmp(cell, "id") == 0 || strcmp(cell, "case") == 0) {
            if (named++) {
                tp_error_set(&e, "column %d: a second column naming the case (id or case)", i + 1);
                goto done;
            }
            q = TP_CSV_NAME;
        } else if ((q = tp_kb_question_index(kb, cell)) < 0) {
            tp_case c;
            tp_case_init(&c, "");
            tp_case_answer(&c, kb, cell, NULL, 0, 0, &e); /* the unknown-question message */
            tp_case_free(&c);
            char msg[sizeof e.msg];
            snprintf(msg, sizeof msg, "%s", e.msg);
            tp_error_set(&e,
                         "column %d: %s; the header row holds question ids, and id or case for "
                         "the column naming the case",
                         i + 1, msg);
            goto done;
        }
        for (int k = 0; k < i; k++)
            if (h->cols[k] == q) {
                tp_error_set(&e, "column %d: '%s' is column %d already", i + 1, cell, k + 1);
                goto done;
            }
        h->cols[h->ncols++] = q;
    }
    rv = 0;
done:
    if (rv != 0) {
        tp_error_set(err, "%s:1: %s", where, e.msg);
        h->ncols = 0;
    }
    free(f.buf);
    return rv;
}

/* A cell as tp_case_answer_text reads it: 42.0 is 42 for a number, true and
 * false (any case) are yes and no for a yes/no question, ';' and line ends
 * separate the values of a multi answer, as commas do. */
static const char *cell_text(const tp_question *q, char *cell)
{
    if (q->kind == TP_Q_NUMBER) {
        char *dot = strchr(cell, '.');
        if (dot && dot > cell && dot[1]) {
            size_t k = 1;
            while (dot[k] == '0')
                k++;
            if (dot[k] == 0)
                *dot = 0;
        }
    } else if (q->kind == TP_Q_MULTI) { /* also a list on lines of one cell */
        char *last = NULL;              /* the last separator or value byte */
        for (char *p = cell; *p; p++) {
            if (*p == ';')
                *p = ',';
            else if (*p == '\r' || *p == '\n')
                *p = *p == '\n' && last && *last != ',' ? ',' : ' ';
            if (*p != ' ' && *p != '\t')
                last = p;
        }
    } else if (tp_kb_value(q, "yes") && tp_kb_value(q, "no")) {
        if (strcasecmp(cell, "true") == 0)
            return "yes";
        if (strcasecmp(cell, "false") == 0)
            return "no";
    }
    return cell;
}

int tp_csv_parse(tp_case *c, const tp_kb *kb, const tp_csv_header *h, const char *where, int line,
                 const char *text, size_t len, tp_error *err)
{
    char name[300];
    snprintf(name, sizeof name, "%s:%d", where, line);
    tp_case_reset(c, name);
    fields f;
    tp_error e = {{0}};
    int rv = -1;
    if (split_record(text, len, &f, &e) != 0)
        goto done;
    if (f.n != h->ncols) {
        tp_error_set(&e,
                     "%d fields, but the header has %d columns (quote a cell that holds a comma: "
                     "\"hip-crest, tailbone\")",
                     f.n, h->ncols);
        goto done;
    }
    for (int i = 0; i < f.n; i++) /* the name first, so that errors name the case */
        if (h->cols[i] == TP_CSV_NAME) {
            char *cell = tp_trim(f.buf + f.off[i]);
            if (strlen(cell) > 255) {
                tp_error_set(&e, "column %d: a case name longer than 255 bytes", i + 1);
                goto done;
            }
            if (*cell)
                tp_case_reset(c, cell);
        }
    for (int i = 0; i < f.n; i++) {
        char *cell = tp_trim(f.buf + f.off[i]);
        if (h->cols[i] == TP_CSV_NAME || *cell == 0)
            continue; /* an empty cell is unanswered */
        const tp_question *q = &kb->questions[h->cols[i]];
        if (strlen(cell) > MAX_CELL) {
            tp_error_set(&e, "column %d (%s): a cell longer than %d bytes", i + 1, q->id, MAX_CELL);
            goto done;
        }
        if (tp_case_answer_text(c, kb, q->id, cell_text(q, cell), line, &e) != 0)
            goto done;
    }
    rv = 0;
done:
    if (rv != 0)
        tp_error_set(err, "%s: %s", name, e.msg);
    free(f.buf);
    return rv;
}
