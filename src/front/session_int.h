/* session_int.h: what the parts of the session share: its state, the rule
 * and printing helpers. Not for other modules. */
#ifndef TP_SESSION_INT_H
#define TP_SESSION_INT_H

#include "diary.h"
#include "ruleinfo.h"
#include "session.h"
#include "triage.h"

struct tp_session {
    tp_session_opts opts;     /* options given */
    FILE *out;                /* where everything is written */
    tp_triage *t;             /* the knowledge base, its engine and judge, opened */
    const tp_kb *kb;          /* the knowledge base (t's) */
    tp_case answers;          /* answers so far, in the order given: the history `back` undoes */
    tp_step step;             /* the interview step on the answers so far (lives in t) */
    tp_result result;         /* what batch gives on the answers so far (step's) */
    const tp_level *so_far;   /* the level the answers given call for */
    const tp_question *cur;   /* the question being asked; NULL when done */
    int forced;               /* question index `change` asks next, or -1 */
    int pending;              /* questions asked for and not answered (the progress line) */
    int done;                 /* the summary has been shown */
    int alerted_rank;         /* rank of the most urgent level announced (99: none) */
    int stop_said;            /* "stop pressing" has been said for the answers now */
    int settle;               /* a part (checklist, diary) changed the answers: session.c
                                 judges again and asks what is next */
    tp_result before;         /* the judgement before a change, for "what changed" */
    tp_arena before_arena;    /* memory of before */
    int comparing;            /* before waits for the changed answer */
    const tp_rule_set *rules; /* every rule's shape, for explanations (t's) */
    tp_strset comp;           /* completion candidates being offered */
    struct {
        int q[TP_GROUP_MAX]; /* question indexes of the checklist being asked */
        int n;               /* how many; 0: one question at a time */
    } group;                 /* a checklist (session_groups.c) */
    struct {
        int step;        /* :disagree: 0 none; 1..3 the question being asked */
        char dir[1024];  /* where the case goes */
        char level[128]; /* the level it should have been, or "" */
        char add[128];   /* a treatment that should have been given, or "" */
        char drop[128];  /* one that should not have been, or "" */
    } review;            /* the review loop (session_review.c) */
    struct {
        tp_diary d;    /* the check-ins read at the start */
        tp_episode ep; /* the current episode (ep.n 0: none) */
        int step;      /* what the diary asks now (session_diary.c), 0: nothing */
        int pain;      /* today's pain score, or TP_PAIN_NONE */
        int offered;   /* keeping a check-in was offered */
        char *filled;  /* per question: filled from the diary this session */
        char **given;  /* per question: the answer it filled in (text), or NULL */
        int ngiven;    /* given's length (the questions when it was made) */
    } diary;           /* the check-in diary (opts.diary) */
    struct {
        int kind;        /* 0: none; the command (:save, :report) waiting for a reply */
        char path[4096]; /* the existing file it would replace */
    } confirm;           /* "already exists: replace?" */
};

/* Whether ids are shown (--show-ids or --verbose, for clinicians): a person
 * sees none, only words and numbers. */
int tp_ss_clinician(const tp_session *s);
/* Question q in words: its checklist line (facts/groups.clp group-item)
 * when it has one, else its text. */
const char *tp_ss_question_words(const tp_session *s, int q);

/* What to call at level l in the person's locale (facts/locales.clp), or
 * NULL: the level needs no call. */
const tp_locale_call *tp_ss_call(const tp_session *s, const tp_level *l);

/* session_base.c: the progress line under a question or checklist. */
void tp_ss_progress(tp_session *s);
/* Value list v ("a, b") of q by the values' plain labels, into out. */
void tp_ss_answer_words(const tp_question *q, const char *v, char *out, size_t len);

/* Colour: the escape sequence when colour is on, else "". */
const char *tp_ss_sgr(const tp_session *s, const char *code);
#define SS_BOLD "\033[1m"
#define SS_DIM "\033[2m"
#define SS_RED "\033[1;31m"
#define SS_YELLOW "\033[1;33m"
#define SS_GREEN "\033[1;32m"
#define SS_CYAN "\033[36m"
#define SS_OFF "\033[0m"

/* session_groups.c: asking a group of questions as one checklist (the
 * interview step, tp_triage_step, says which): shows the checklist,
 * returning 1, or 0 when the question is asked alone. */
int tp_ss_group_begin(tp_session *s);
/* Handles a line typed at a checklist; returns 0 when no checklist is asked. */
int tp_ss_group_line(tp_session *s, const char *line);
/* :back after a checklist: takes back all its answers and asks it again;
 * returns 0 when the last answer was not given in a checklist. */
int tp_ss_group_back(tp_session *s);

/* session_review.c: `:disagree`, from a clinician's disagreement to a
 * regression case. */
tp_session_status tp_ss_disagree(tp_session *s, const char *arg);
/* The answer to the question :disagree asked (while review.step > 0). */
void tp_ss_disagree_line(tp_session *s, const char *line);

/* session_diary.c: the check-in diary in the session. */
/* At the start: greets and asks today's pain score when there is a current
 * episode; returns 1 when it asked (the interview starts after the reply). */
int tp_ss_diary_begin(tp_session *s);
/* The reply to what the diary asked (while diary.step > 0). */
void tp_ss_diary_line(tp_session *s, const char *line);
/* A command typed instead of a reply: the diary stops asking. */
void tp_ss_diary_cancel(tp_session *s);
/* Fills the current question from the diary, once a session, with a note;
 * returns 1 when it did (judge again). */
int tp_ss_diary_fill(tp_session *s);
/* After the result: offers to keep a check-in. */
void tp_ss_diary_offer(tp_session *s);
/* The prompt while the diary asks, or NULL. */
const char *tp_ss_diary_prompt(const tp_session *s);
void tp_ss_diary_free(tp_session *s);
/* The answer to question q was taken back: what is answered now is the
 * person's, not the diary's. */
void tp_ss_diary_taken(tp_session *s, int q);
/* Forgets what the diary filled this session (it fills again). */
void tp_ss_diary_forget(tp_session *s);

/* session_explain.c: explanations, summaries and reports. A conclusion is
 * named by its id, by its number in the summary ("3") or, for a level, by
 * its title; :why without one explains the current question. */
void tp_ss_why(tp_session *s, const char *arg);
void tp_ss_how(tp_session *s, const char *arg);
void tp_ss_whynot(tp_session *s, const char *arg);
/* Item n (from 1) of the summary, in the order it lists them, or NULL. */
const tp_conclusion *tp_ss_item(tp_session *s, int n);
void tp_ss_summary(tp_session *s);
/* The short plan that ends the result (level, what to do, the first
 * technique with its dose, when to stop), in the knowledge base's words
 * (facts/wording.clp plan-*); nothing when it has none. :summary shows it. */
void tp_ss_plan(tp_session *s);
void tp_ss_alert(tp_session *s, const tp_level *l);
void tp_ss_disclaimer(tp_session *s);
void tp_ss_report(const tp_session *s, tp_buf *out);

#endif
