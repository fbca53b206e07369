/* loaderr.h: load errors a rule author can act on. The engine loads one
 * construct at a time; these helpers look at the file's text to say which
 * construct failed and where it began, quote the offending line, and turn
 * the common CLIPS error codes into a sentence. They know no CLIPS type. */
#ifndef TP_LOADERR_H
#define TP_LOADERR_H

#include <stddef.h>

/* The construct starting at text[start] (its '(' on line `line`) runs to
 * *end. When it is not closed before the next construct that starts a line
 * ("(defrule", "(deffacts", ...) or before the end of the file, writes
 * "file:line: rule NAME, begun at file:line, is not closed ..." with the
 * construct's last line quoted into err, and returns -1; else 0. */
int tp_loaderr_unclosed(const char *file, const char *text, size_t start, size_t end, int line,
                        char *err, size_t errlen);

/* Writes the error CLIPS reported (clips_msg, its captured output) while
 * loading the construct at text[start] (line `line`), seen at err_line
 * (0: unknown), as "file:err_line: in rule NAME (begun at line N): what it
 * means [CODE]", the offending line quoted, and CLIPS's own words. */
void tp_loaderr_format(const char *file, const char *text, size_t start, int line, int err_line,
                       const char *clips_msg, char *err, size_t errlen);

/* Writes the error for text at text[pos] (line `line`) that does not start
 * a construct; prev is where the construct before it began (or (size_t)-1),
 * prev_line its line. */
void tp_loaderr_stray(const char *file, const char *text, size_t pos, int line, size_t prev,
                      int prev_line, char *err, size_t errlen);

/* Text at text[pos] (line `line`) that starts a list but no construct,
 * right after the construct at prev (line prev_line): an extra ')' closed
 * that construct early (a deffacts whose next fact is now outside it).
 * Writes "file:line: an extra ')' closed facts NAME (begun at line N)
 * early, ..." and returns -1; 0 when it is not that case. */
int tp_loaderr_early(const char *file, const char *text, size_t pos, int line, size_t prev,
                     int prev_line, char *err, size_t errlen);

#endif
