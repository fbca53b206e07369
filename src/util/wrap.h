/* wrap.h: text wrapped to a width for people reading a terminal: lines
 * are broken between words only (a word longer than the width stays whole
 * on a line of its own), a line that fits is left exactly as it is, and
 * continuation lines hang under the text of a list item ("  - ", "  1 ",
 * "!! "), or under the second column of a line laid out in two
 * ("  :why   why this question now"). Colour escape sequences take no columns; a UTF-8 character
 * takes one. */
#ifndef TP_WRAP_H
#define TP_WRAP_H

#include "util.h"

#include <stdio.h>

#define TP_WRAP_DEFAULT 80 /* columns when there is no terminal to ask */

/* Columns line takes on a terminal. */
int tp_wrap_columns(const char *line, size_t n);
/* Appends line (n bytes, no newline) wrapped to width to out, each output
 * line ended by '\n'. */
void tp_wrap_line(const char *line, size_t n, int width, tp_buf *out);
/* A stream whose whole lines are written wrapped to *width (read at each
 * line, so it may change) onto to. Partial lines wait for their end or for
 * fclose. Unbuffered: what is written reaches it at once. */
FILE *tp_wrap_stream(FILE *to, const int *width);

#endif
