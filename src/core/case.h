/* case.h: one case: its answers and its expectations, read from a symptom
 * file (.sym), a JSON line, or the interactive session. Every answer is
 * validated against the knowledge base's questions here, in one place, and
 * symbol values point into the knowledge base: nothing a person typed ever
 * reaches the rule engine as text to parse. */
#ifndef TP_CASE_H
#define TP_CASE_H

#include "kb.h"

#define TP_LINE_MAX 4096          /* longest line of a symptom file */
#define TP_SYMFILE_MAX (1u << 20) /* largest symptom file */
#define TP_NUMBER_DIGITS 9        /* longest number accepted */

typedef struct {
    int q;                        /* index in kb->questions */
    tp_value vals[TP_MAX_VALUES]; /* the values; symbols point into the kb */
    int nvals;                    /* how many */
    int line;                     /* line it came from, 0 if none */
} tp_answer;

typedef enum { TP_EXPECT_EQ, TP_EXPECT_NE, TP_EXPECT_GE } tp_expect_op;

typedef struct {
    char field[64];  /* disposition, red-flag, technique, ... */
    tp_expect_op op; /* =, != or >= */
    char id[128];    /* the id expected */
    int line;        /* where it was written */
} tp_expect;

typedef struct {
    char *name;         /* path as given, or the JSON id */
    tp_answer *answers; /* in the order given */
    int nanswers, acap; /* count and capacity */
    tp_expect *expects; /* expectations */
    int nexpects, ecap; /* count and capacity */
} tp_case;

/* Adds one answer given as text values (a multi answer has several; a
 * number has one). Refuses unknown questions, values not allowed, numbers out
 * of range and duplicates, with a message naming what is allowed. */
int tp_case_answer(tp_case *c, const tp_kb *kb, const char *qid, const char *const *vals, int n,
                   int line, tp_error *err);
/* Parses "question = value" text (one answer, values separated by commas). */
int tp_case_answer_text(tp_case *c, const tp_kb *kb, const char *qid, const char *text, int line,
                        tp_error *err);
/* Strips spaces and tabs around s (and CRs at its end), in place. */
char *tp_trim(char *s);
/* Appends an answer already checked (a copy of one from another case). */
void tp_case_put(tp_case *c, const tp_answer *a);
/* Removes the answer to question index q; returns 0 or -1 if none. */
int tp_case_forget(tp_case *c, int q);
const tp_answer *tp_case_find(const tp_case *c, int q);

/* Parses a symptom file's text. Errors read "name:line: message". */
int tp_symfile_parse(tp_case *c, const tp_kb *kb, const char *name, const char *text, size_t len,
                     tp_error *err);
/* Writes the case as a symptom file a batch run judges the same way. */
void tp_symfile_write(const tp_case *c, const tp_kb *kb, tp_buf *out);
/* The question id that line (n bytes, no newline) of a symptom file
 * answers, copied into id; 0 when it answers none (blank, comment, expect). */
int tp_symline_question(const char *line, size_t n, char *id, size_t idlen);
/* Whether line (n bytes, no newline) of a symptom file is an expect line
 * that reads well but whose field or id kb does not know; then copies
 * "FIELD = ID" (as written: the operator too) into what. */
int tp_symline_unknown_expect(const tp_kb *kb, const char *line, size_t n, char *what,
                              size_t whatlen);
/* Formats an answer's values: "yes", "hip-crest, tailbone", "42". */
void tp_answer_format(const tp_answer *a, char *out, size_t outlen);

void tp_case_init(tp_case *c, const char *name);
void tp_case_reset(tp_case *c, const char *name); /* empties, keeps memory */
void tp_case_free(tp_case *c);

/* The output kind an expect field checks, or NULL when unknown. */
const char *tp_expect_kind(const tp_kb *kb, const char *field);

#endif
