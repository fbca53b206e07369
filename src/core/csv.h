/* csv.h: cases from CSV, the shape spreadsheets and data frames export: a
 * header row of question ids (and optionally an "id" or "case" column that
 * names the case), then one case per row. RFC 4180 quoting; an empty cell
 * is unanswered; a multi-answer cell separates values with commas (inside
 * quotes) or semicolons. Values are checked by tp_case_answer, as in every
 * other input. */
#ifndef TP_CSV_H
#define TP_CSV_H

#include "case.h"

#define TP_CSV_MAX_COLUMNS 256 /* columns of a header */
#define TP_CSV_NAME (-1)       /* the column that names the case */

typedef struct {
    int cols[TP_CSV_MAX_COLUMNS]; /* per column: question index, or TP_CSV_NAME */
    int ncols;                    /* how many */
} tp_csv_header;

/* Reads the header record (line 1 of where). Errors read "where:1: ...". */
int tp_csv_header_parse(tp_csv_header *h, const tp_kb *kb, const char *where, const char *text,
                        size_t len, tp_error *err);
/* Fills c (already initialised) from one record that starts on line `line`.
 * The case is named by its name column or, without one, "where:line".
 * Errors read "where:line: message". */
int tp_csv_parse(tp_case *c, const tp_kb *kb, const tp_csv_header *h, const char *where, int line,
                 const char *text, size_t len, tp_error *err);
/* Where a record stands after text: TP_CSV_OPEN inside a quoted field (so
 * its next line belongs to it). Start a record with 0; for each next line,
 * pass back what the line before returned. */
int tp_csv_scan(int state, const char *text, size_t len);
#define TP_CSV_OPEN 2

#endif
