/* fhir.h: HL7 FHIR R4 for clinical systems: the knowledge base's questions
 * as a Questionnaire, a QuestionnaireResponse read as a case, a result as a
 * GuidanceResponse, and `tptriage fhir questionnaire`. Everything is built
 * from the knowledge base (questions, labels, levels, texts, sources); the
 * C code holds no medical word. The shapes are a public contract
 * (docs/fhir.md): fields are added, never renamed. */
#ifndef TP_FHIR_H
#define TP_FHIR_H

#include "case.h"
#include "opts.h"
#include "result.h"

#include <jansson.h>

#define TP_FHIR_BASE "urn:tptriage"                         /* canonical URLs start so */
#define TP_FHIR_QUESTIONNAIRE TP_FHIR_BASE ":questionnaire" /* the Questionnaire's url */
#define TP_FHIR_MODULE TP_FHIR_BASE ":knowledge-base"       /* GuidanceResponse.module */
#define TP_FHIR_FILE_MAX (256u << 20)                       /* largest FHIR input file */
#define TP_FHIR_LEVELS TP_FHIR_BASE ":level"                /* the levels' code system */
#define TP_FHIR_QUESTIONS TP_FHIR_BASE ":question"          /* question ids as codes */
#define TP_FHIR_ANSWERS TP_FHIR_BASE ":answer"              /* allowed values as codes */

/* `tptriage fhir`'s options, and the command. */
extern const tp_optspec tp_fhir_spec;
int tp_fhir_main(int argc, char **argv);

/* A string value, or NULL for NULL or "" (FHIR has no empty strings). */
json_t *tp_fhir_string(const char *s);
/* Sets key to v when v is not NULL (steals v). */
void tp_fhir_put(json_t *obj, const char *key, json_t *v);

/* The knowledge base's questions as a Questionnaire (id "tptriage"). */
json_t *tp_fhir_questionnaire(const tp_kb *kb);
/* One question's item: linkId, text, type, answerOption, help and the
 * "unsure" note as display items. */
json_t *tp_fhir_question_item(const tp_kb *kb, const tp_question *q);
/* A checklist's group item holding the questions at items[0..n). */
json_t *tp_fhir_group_item(const tp_kb *kb, const tp_group *g, const int *items, int n);

/* Reads a QuestionnaireResponse into c (already initialised): each item's
 * linkId is a question, its answers the values. The case is named by the
 * resource's id, else by where. Errors read "where: message". */
int tp_fhir_read_response(tp_case *c, const tp_kb *kb, json_t *qr, const char *where,
                          tp_error *err);

/* Splits a file's text (name: its path, or "stdin") into the resources it
 * holds: one QuestionnaireResponse as JSON, a Bundle of them (each entry's
 * resource), or NDJSON (one a line). Appends one record per resource to
 * out: 'R', its place ("FILE", "FILE:LINE" or "FILE (entry N)") and NUL,
 * its JSON and NUL; or 'E', the place and NUL, the error and NUL, for a
 * line or file that is not JSON. Returns the number of records. */
int tp_fhir_split(const char *name, const char *text, size_t len, tp_buf *out);
/* Reads a record of tp_fhir_split's out at *pos: its type, place and text;
 * advances *pos. */
int tp_fhir_record(const tp_buf *b, size_t *pos, const char **where, const char **text);

/* One result as a GuidanceResponse with its output as a contained
 * Parameters resource; the knowledge base's hash is the module's version. */
json_t *tp_fhir_guidance(const tp_kb *kb, const char *name, const tp_result *r);
/* A case that could not be judged: a GuidanceResponse with status failure
 * and a contained OperationOutcome saying why. */
json_t *tp_fhir_guidance_error(const tp_kb *kb, const char *name, const char *msg);
/* Appends v as one compact ASCII JSON line and releases it. */
void tp_fhir_line(json_t *v, tp_buf *out);

#endif
