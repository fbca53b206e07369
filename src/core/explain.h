/* explain.h: explanations of a judgement in plain words: why a question is
 * asked, how a conclusion was reached, why another was not. Written for the
 * person answering: the questions' own words, the plain labels of the
 * answers and the rules' comment strings; rule names and patterns only in
 * verbose mode (clinicians). Knows no front end: the session's :why, :how
 * and :whynot, batch's --whynot and any server use the same calls. */
#ifndef TP_EXPLAIN_H
#define TP_EXPLAIN_H

#include "result.h"
#include "ruleinfo.h"

typedef struct tp_triage tp_triage;

/* What an explanation is drawn from. */
typedef struct {
    const tp_kb *kb;          /* questions, levels, texts, sources */
    const tp_rule_set *rules; /* the rules, read once (tp_rules_describe) */
    tp_triage *t;             /* its engine holds the case just judged */
    const tp_result *result;  /* what that judgement gave */
    int verbose;              /* add rule names and patterns (clinicians) */
    /* per question index: the answer a diary filled in (as answer text), or
     * NULL; an answer still equal to it is said to come from the diary,
     * never "you answered" (issue 23, kind 6). NULL: no diary. */
    const char *const *diary;
} tp_explain;

/* Why question q is asked now and what each answer would lead to. */
void tp_explain_why(const tp_explain *x, const tp_question *q, tp_buf *out);
/* How conclusion or level id was reached (or that it was not). */
void tp_explain_how(const tp_explain *x, const char *id, tp_buf *out);
/* Why conclusion or level id was not reached: for each rule that concludes
 * it, the first condition that fails, in words; for a level, also the flags
 * that call for it and the answers they were given. */
void tp_explain_whynot(const tp_explain *x, const char *id, tp_buf *out);
/* The same on one line (the failing conditions only), for machine output.
 * Returns 0, or 1 without writing when id was reached. */
int tp_explain_whynot_line(const tp_explain *x, const char *id, tp_buf *out);

/* One condition of a rule in words, as why-not says it: "It needs the
 * answer "Yes" to "...?"; you answered "No"." */
void tp_explain_condition(const tp_explain *x, const tp_rule_cond *c, tp_buf *out);

/* Text (a rule's reason) for a person: each word of it that is a
 * hyphenated id of the knowledge base (a question, a level, a text such as a
 * red flag) becomes its words: the question's text or the text in quotes,
 * the level's title. A single word is left alone, even when some id is
 * spelled so ("weakness"): it reads as the word it is. */
void tp_explain_plain(const tp_kb *kb, const char *text, tp_buf *out);
/* An answer as text ("a, b" or "7") of q in plain words, each value by its
 * label when it has one: "A, B". */
void tp_explain_answer(const tp_question *q, const char *answer, tp_buf *out);

/* Whether id is a level or a conclusion some rule asserts by name. */
int tp_explain_known(const tp_kb *kb, const tp_rule_set *rs, const char *id);
/* The level or conclusion id that words name: the id itself, the id with
 * blanks for hyphens ("foam roller"), a level's title, or a conclusion's
 * text or its lead before ':' ("Ball against a wall"); matched without
 * regard to case. NULL when none does. */
const char *tp_explain_resolve(const tp_kb *kb, const tp_rule_set *rs, const char *words);

/* The first condition of rule r that fails (from 0), or -1 (all hold, or
 * no such rule); *total: how many conditions it has. A row of the flag
 * table is judged by its answer conditions in order. */
int tp_explain_failing(const tp_explain *x, const tp_rule_desc *r, int *total);

/* The answer to question qid as the engine holds it ("unanswered" when it
 * was marked so), into buf; NULL when it has none. */
const char *tp_explain_given(const tp_explain *x, const char *qid, char *buf, size_t len);

/* The explanation of id for machine output (serve's /v1/explain): writes
 * the members "how":[...],"why_not":[...],"flags":[...],"words":"..." of a
 * JSON object (no braces). reached: id is in the result. Returns how many
 * why-not rules and flags were listed. */
int tp_explain_json(const tp_explain *x, const char *id, int reached, tp_buf *out);

#endif
