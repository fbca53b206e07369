/* output.h: writing results as JSON Lines, TSV or text for people. */
#ifndef TP_OUTPUT_H
#define TP_OUTPUT_H

#include "result.h"

/* TP_FMT_FHIR: HL7 FHIR GuidanceResponses, written by the front end
 * (src/front/fhir.c); the calls below write nothing for it. */
typedef enum { TP_FMT_TEXT, TP_FMT_JSON, TP_FMT_TSV, TP_FMT_FHIR } tp_format;

/* Parses "text", "json", "tsv" or "fhir"; returns 0 or -1. */
int tp_format_parse(const char *s, tp_format *out);
/* The first line of a format (TSV column names), or nothing. */
void tp_output_header(tp_format f, const tp_kb *kb, tp_buf *out);
/* One case's result; JSON and TSV take exactly one line. */
void tp_output_case(tp_format f, const tp_kb *kb, const char *name, const tp_result *r,
                    tp_buf *out);
/* A case that could not be judged: a JSON line with "error"; nothing in
 * text and TSV, whose errors go to stderr only. */
void tp_output_error(tp_format f, const tp_kb *kb, const char *name, const char *msg, tp_buf *out);

/* Appends s as a JSON string (bytes that are not UTF-8 become '?'). */
void tp_output_json_string(tp_buf *out, const char *s);
/* "k1":"v1","k2":"v2",... for NULL-terminated key/value pairs of strings
 * (a NULL value is written ""). */
void tp_output_json_strs(tp_buf *out, const char *key, ...);

/* The JSON pieces every result of a knowledge base shares, written once:
 * the handle builds them when it opens a knowledge base (kb->pieces) and
 * frees them with it; read-only in between, so threads share them. */
tp_output_pieces *tp_output_pieces_new(const tp_kb *kb);
void tp_output_pieces_free(tp_output_pieces *p);

#endif
