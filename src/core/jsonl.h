/* jsonl.h: one case from one JSON line:
 *   {"id": "...", "answers": {"a-question": "no", "a-multi-question": ["value-1"]}}
 * Values are strings, arrays of strings, or whole numbers. */
#ifndef TP_JSONL_H
#define TP_JSONL_H

#include "case.h"

#define TP_JSON_LINE_MAX (1u << 20) /* longest JSON line */

/* Fills c (already initialised) from a JSON line. The case is named by its
 * "id" or, without one, "where:line". Errors read "where:line: message". */
int tp_jsonl_parse(tp_case *c, const tp_kb *kb, const char *where, int line, const char *text,
                   size_t len, tp_error *err);
/* The same, always through jansson (never the fast path for plain lines):
 * the reference tp_jsonl_parse must agree with, for the tests. */
int tp_jsonl_parse_jansson(tp_case *c, const tp_kb *kb, const char *where, int line,
                           const char *text, size_t len, tp_error *err);

#endif
