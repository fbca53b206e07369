/* summary.h: what a batch run counts by key, and the summary made of it:
 * text for people (--summary), or JSON whose counts add up across runs over
 * parts of the input (--summary-json). Keys are "level ID", "KIND ID" for
 * the warning and treatment kinds of conclusion (red flags, techniques),
 * and "error MESSAGE" (the message without its file and line). */
#ifndef TP_SUMMARY_H
#define TP_SUMMARY_H

#include "result.h"

#include <stdio.h>

typedef struct {
    char **keys;       /* the keys, in the order first seen */
    long *counts;      /* their counts */
    int n, cap;        /* count and capacity */
    int *index;        /* key indexes by hash, -1 where free */
    size_t index_size; /* its slots, a power of two */
} tp_counts;

/* Counts key (n bytes) once more. */
void tp_counts_add(tp_counts *c, const char *key, size_t n);
/* The count of key, 0 if never counted. */
long tp_counts_get(const tp_counts *c, const char *key);
void tp_counts_free(tp_counts *c);

/* The totals of a run. */
typedef struct {
    long cases;  /* judged or failed */
    long bad;    /* inputs that were bad */
    long failed; /* cases whose expectations failed */
} tp_totals;

/* The keys a judged result is counted under, one a line, into out. */
void tp_summary_keys(const tp_kb *kb, const tp_result *r, tp_buf *out);
/* Rows "  KEY  COUNT" for people: levels by urgency (most urgent first),
 * then red flags, techniques and errors, each by count (most first). */
void tp_summary_text(const tp_kb *kb, const tp_counts *c, FILE *f);
/* One JSON object: {"cases", "bad_input", "failed_expectations", "levels",
 * "red_flags", "techniques", "errors"}, every value a count or an object of
 * counts, so that the files of several runs add up (docs/output.md). */
void tp_summary_json(const tp_kb *kb, const tp_counts *c, const tp_totals *t, tp_buf *out);

#endif
