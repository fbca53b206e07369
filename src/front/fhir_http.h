/* fhir_http.h: serve's FHIR and CDS Hooks endpoints (docs/fhir.md):
 *   GET  /fhir/Questionnaire/tptriage          the questions (fhir.c)
 *   POST /fhir/Questionnaire/$next-question    SDC's adaptive form: the next
 *        item(s) from the interview step (tp_triage_step)
 *   GET  /cds-services                         CDS Hooks discovery
 *   POST /cds-services/tptriage                cards from the result
 *   POST /cds-services/tptriage/feedback       accepted / overridden; an
 *        override becomes a review case, as the session's :disagree makes one
 * serve.c routes the requests here and lends each POST a judge; the only
 * state kept between requests is the cards given (for feedback), under a
 * lock. */
#ifndef TP_FHIR_HTTP_H
#define TP_FHIR_HTTP_H

#include "triage.h"

typedef struct {
    unsigned status;  /* HTTP status */
    const char *type; /* Content-Type */
    tp_buf body;      /* the response */
} tp_fhir_reply;

/* Whether url is one of these endpoints: 'G' for a GET one, 'P' for a POST
 * one, 0 for none. */
int tp_fhir_http_route(const char *url);
/* Where override reviews are written (NULL: the state folder's review/). */
void tp_fhir_http_review_dir(const char *dir);
/* A GET. */
void tp_fhir_http_get(const char *url, const tp_kb *kb, tp_fhir_reply *r);
/* A POST of body (Content-Type ctype, or NULL) with a judge t and a case c
 * to use. */
void tp_fhir_http_post(const char *url, const char *ctype, const char *body, size_t len,
                       tp_triage *t, tp_case *c, tp_fhir_reply *r);

#endif
