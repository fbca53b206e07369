/* fhir_http.c: serve's FHIR and CDS Hooks endpoints (fhir_http.h).
 *
 * $next-question is SDC's adaptive form: the request's QuestionnaireResponse
 * is read as a case (fhir.c), one interview step is taken (tp_triage_step,
 * grouped, as the session and /v1/interview take it), and the response is
 * the same QuestionnaireResponse with a contained Questionnaire holding the
 * items answered so far and the next item or checklist (a group), status
 * completed when the step asks nothing more. The result so far is a
 * contained GuidanceResponse with its Parameters, as batch --format fhir.
 * CDS Hooks: discovery, a service whose card comes from the result (the
 * indicator from the level's facts: an alert level is critical, the least
 * urgent level info, the rest warning), and feedback, where an override
 * with a level as its reason becomes a review case as :disagree writes one.
 * The cards given are kept (the last CARDS_KEPT, under a lock) so that
 * feedback can find their answers. */
#include "fhir_http.h"
#include "statedir.h"

#include "autosave.h"
#include "fhir.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>

#define SERVICE "tptriage"
#define FHIR_TYPE "application/fhir+json"
#define SUMMARY_MAX 140 /* CDS Hooks: a card's summary */
#define CARDS_KEPT 1024 /* cards remembered for feedback */

int tp_fhir_http_route(const char *url)
{
    if (strcmp(url, "/fhir/Questionnaire/" SERVICE) == 0 || strcmp(url, "/cds-services") == 0)
        return 'G';
    if (strcmp(url, "/fhir/Questionnaire/$next-question") == 0 ||
        strcmp(url, "/fhir/Questionnaire/" SERVICE "/$next-question") == 0 ||
        strcmp(url, "/cds-services/" SERVICE) == 0 ||
        strcmp(url, "/cds-services/" SERVICE "/feedback") == 0)
        return 'P';
    return 0;
}

/* ---- replies ------------------------------------------------------------------------- */

static void reply_json(tp_fhir_reply *r, unsigned status, const char *type, json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(v);
    r->status = status;
    r->type = type;
    r->body.len = 0;
    tp_buf_puts(&r->body, s ? s : "{}");
    tp_buf_puts(&r->body, "\n");
    free(s);
}

/* An OperationOutcome saying msg (the FHIR endpoints' errors). */
static void outcome(tp_fhir_reply *r, unsigned status, const char *code, const char *msg)
{
    json_t *issue = json_pack("{s:s,s:s}", "severity", "error", "code", code);
    tp_fhir_put(issue, "diagnostics", tp_fhir_string(msg));
    reply_json(r, status, FHIR_TYPE,
               json_pack("{s:s,s:[o]}", "resourceType", "OperationOutcome", "issue", issue));
}

/* {"error": msg} (the CDS Hooks endpoints' errors). */
static void cds_error(tp_fhir_reply *r, unsigned status, const char *msg)
{
    reply_json(r, status, "application/json", json_pack("{s:s}", "error", msg));
}

static int is_type(const char *ctype, const char *want)
{
    size_t n = strlen(want);
    return ctype && strncasecmp(ctype, want, n) == 0 &&
           (ctype[n] == 0 || ctype[n] == ';' || ctype[n] == ' ');
}

/* ---- GET ----------------------------------------------------------------------------- */

static json_t *discovery(const tp_kb *kb)
{
    json_t *svc = json_object();
    json_object_set_new(svc, "hook", json_string("patient-view"));
    json_object_set_new(svc, "id", json_string(SERVICE));
    const char *title = tp_kb_wording(kb, "report-title");
    json_object_set_new(svc, "title", json_string(title && *title ? title : SERVICE));
    json_object_set_new(svc, "description",
                        json_string("Triage level, reasons and sources from the answers to the "
                                    "questionnaire " TP_FHIR_QUESTIONNAIRE
                                    " (a QuestionnaireResponse in prefetch)"));
    json_object_set_new(svc, "prefetch",
                        json_pack("{s:s}", "questionnaireResponse",
                                  "QuestionnaireResponse?subject={{context.patientId}}&"
                                  "questionnaire=" TP_FHIR_QUESTIONNAIRE "&_sort=-authored&"
                                  "_count=1"));
    char usage[128];
    snprintf(usage, sizeof usage, "knowledge base %s", kb->hash);
    json_object_set_new(svc, "usageRequirements", json_string(usage));
    return json_pack("{s:[o]}", "services", svc);
}

void tp_fhir_http_get(const char *url, const tp_kb *kb, tp_fhir_reply *r)
{
    if (strcmp(url, "/cds-services") == 0)
        reply_json(r, 200, "application/json", discovery(kb));
    else
        reply_json(r, 200, FHIR_TYPE, tp_fhir_questionnaire(kb));
}

/* ---- $next-question ----------------------------------------------------------------- */

/* The QuestionnaireResponse of a request: the body itself, or the
 * "questionnaire-response" parameter of a Parameters body. */
static json_t *request_response(json_t *root)
{
    const char *type = json_string_value(json_object_get(root, "resourceType"));
    if (!type || strcmp(type, "Parameters") != 0)
        return root;
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(root, "parameter"), i, p)
    {
        const char *name = json_string_value(json_object_get(p, "name"));
        if (name && strcmp(name, "questionnaire-response") == 0)
            return json_object_get(p, "resource");
    }
    return NULL;
}

/* The contained Questionnaire's items for what qr's items answered: each
 * top-level question, and each group with the questions its items hold. */
static void answered_items(const tp_kb *kb, json_t *qitems, json_t *out, char *seen)
{
    size_t i;
    json_t *it;
    json_array_foreach(qitems, i, it)
    {
        const char *id = json_string_value(json_object_get(it, "linkId"));
        if (!id)
            continue;
        int q = tp_kb_question_index(kb, id);
        if (q >= 0 && !seen[q]) {
            seen[q] = 1;
            json_array_append_new(out, tp_fhir_question_item(kb, &kb->questions[q]));
            continue;
        }
        for (int g = 0; g < kb->ngroups; g++) {
            if (strcmp(kb->groups[g].id, id) != 0)
                continue;
            int members[TP_GROUP_MAX], n = 0;
            size_t k;
            json_t *kid;
            json_array_foreach(json_object_get(it, "item"), k, kid)
            {
                int m = tp_kb_question_index(kb, json_string_value(json_object_get(kid, "linkId")));
                if (m >= 0 && !seen[m] && n < TP_GROUP_MAX)
                    seen[m] = 1, members[n++] = m;
            }
            json_array_append_new(out, tp_fhir_group_item(kb, &kb->groups[g], members, n));
        }
    }
}

/* Whether a top-level item of items has linkId id. */
static int has_link(json_t *items, const char *id)
{
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        const char *l = json_string_value(json_object_get(it, "linkId"));
        if (l && strcmp(l, id) == 0)
            return 1;
    }
    return 0;
}

static void next_question(json_t *root, tp_triage *t, tp_case *c, tp_fhir_reply *r)
{
    const tp_kb *kb = tp_triage_kb(t);
    tp_error err = {{0}};
    json_t *qr = request_response(root);
    if (!qr) {
        outcome(r, 400, "required",
                "a Parameters body needs a \"questionnaire-response\" parameter holding a "
                "QuestionnaireResponse");
        return;
    }
    if (tp_fhir_read_response(c, kb, qr, "request", &err) != 0) {
        outcome(r, 400, "invalid", err.msg);
        return;
    }
    tp_step st;
    if (tp_triage_step(t, c, TP_STEP_GROUPED, NULL, &st, &err) != 0) {
        outcome(r, 500, "exception", err.msg);
        return;
    }
    json_t *out = json_deep_copy(qr);
    json_t *given = json_object_get(out, "item");
    if (!json_is_array(given)) {
        given = json_array();
        json_object_set_new(out, "item", given);
    }
    json_t *items = json_array();
    char *seen = tp_xmalloc((size_t)kb->nquestions + 1);
    memset(seen, 0, (size_t)kb->nquestions + 1);
    answered_items(kb, given, items, seen);
    free(seen);
    if (st.nitems && !has_link(items, st.group->id)) {
        json_array_append_new(items, tp_fhir_group_item(kb, st.group, st.items, st.nitems));
    } else if (st.nitems) { /* that checklist was sent before: its items one by one */
        for (int i = 0; i < st.nitems; i++)
            json_array_append_new(items, tp_fhir_question_item(kb, &kb->questions[st.items[i]]));
    } else if (st.next) {
        json_array_append_new(items, tp_fhir_question_item(kb, st.next));
    }
    json_t *qn = json_object();
    json_object_set_new(qn, "resourceType", json_string("Questionnaire"));
    json_object_set_new(qn, "id", json_string("q"));
    json_object_set_new(qn, "url", json_string(TP_FHIR_QUESTIONNAIRE));
    json_object_set_new(qn, "version", json_string(kb->hash));
    json_object_set_new(qn, "status", json_string("active"));
    json_object_set_new(qn, "item", items);
    /* the result so far: a GuidanceResponse and its Parameters, side by
     * side (a contained resource contains none) */
    json_t *g = tp_fhir_guidance(kb, c->name, &st.result);
    json_t *params = json_incref(json_array_get(json_object_get(g, "contained"), 0));
    json_object_del(g, "contained");
    json_object_set_new(g, "id", json_string("guidance"));
    json_object_set_new(out, "resourceType", json_string("QuestionnaireResponse"));
    json_object_set_new(out, "contained", json_pack("[o,o,o]", qn, g, params));
    json_object_set_new(out, "questionnaire", json_string("#q"));
    json_object_set_new(out, "status", json_string(st.next ? "in-progress" : "completed"));
    json_object_set_new(out, "extension",
                        json_pack("[{s:s,s:{s:s}}]", "url", TP_FHIR_BASE ":guidance",
                                  "valueReference", "reference", "#guidance"));
    reply_json(r, 200, FHIR_TYPE, out);
}

/* ---- CDS Hooks ------------------------------------------------------------------------ */

typedef struct {
    char uuid[37]; /* the card's */
    char *sym;     /* the answers, as a symptom file */
    char level[64];
    char hash[17];
} card_kept;

static struct {
    pthread_mutex_t lock;
    card_kept cards[CARDS_KEPT];
    long next;         /* cards given so far */
    char dir[4096];    /* --review, or "" for the state folder's */
    unsigned long seq; /* review files written */
} K = {.lock = PTHREAD_MUTEX_INITIALIZER};

void tp_fhir_http_review_dir(const char *dir)
{
    snprintf(K.dir, sizeof K.dir, "%s", dir ? dir : "");
}

static void new_uuid(char out[37])
{
    unsigned char b[16];
    if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        for (size_t i = 0; i < sizeof b; i++)
            b[i] = (unsigned char)((unsigned long)ts.tv_nsec >> (i % 4 * 8)) ^ (unsigned char)i;
    }
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
             b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
             b[14], b[15]);
}

static void keep_card(const char *uuid, const tp_kb *kb, const tp_case *c, const tp_level *l)
{
    tp_buf b = {0};
    tp_symfile_write(c, kb, &b);
    pthread_mutex_lock(&K.lock);
    card_kept *k = &K.cards[K.next++ % CARDS_KEPT];
    free(k->sym);
    k->sym = b.data ? b.data : tp_xstrdup("");
    snprintf(k->uuid, sizeof k->uuid, "%s", uuid);
    snprintf(k->level, sizeof k->level, "%s", l ? l->id : "none");
    snprintf(k->hash, sizeof k->hash, "%s", kb->hash);
    pthread_mutex_unlock(&K.lock);
}

/* The card's indicator from its level's facts: an alert level critical,
 * the least urgent level info, any other warning. */
static const char *indicator(const tp_kb *kb, const tp_level *l)
{
    if (!l)
        return "warning";
    if (l->alert)
        return "critical";
    return kb->nlevels && l == &kb->levels[kb->nlevels - 1] ? "info" : "warning";
}

/* At most SUMMARY_MAX bytes of s, cut at a character boundary. */
static json_t *summary(const char *s)
{
    size_t n = strlen(s);
    if (n > SUMMARY_MAX) {
        n = SUMMARY_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    return json_stringn(s, n);
}

static void detail(const tp_kb *kb, const tp_result *res, tp_buf *md)
{
    if (res->level)
        tp_buf_printf(md, "**%s**: %s\n\n", res->level->title, res->level->todo);
    for (int i = 0; i < res->nitems; i++) {
        const tp_conclusion *c = &res->items[i];
        if (!c->reason || !*c->reason)
            continue;
        tp_buf_printf(md, "- **%s**: %s", c->text ? c->text->text : c->id, c->reason);
        if (c->source)
            tp_buf_printf(md, " (*%s*%s%s)", c->source->title, c->source->section[0] ? ", " : "",
                          c->source->section);
        tp_buf_puts(md, "\n");
    }
    int open = 0;
    for (int i = 0; i < res->nunanswered; i++)
        if (res->unanswered[i]->safety)
            tp_buf_printf(md, "%s- `%s`: %s\n", open++ ? "" : "\nOpen safety questions:\n\n",
                          res->unanswered[i]->id, res->unanswered[i]->text);
    (void)kb;
}

/* The QuestionnaireResponse of a hook request's prefetch (or a search
 * Bundle's first one there), or NULL. */
static json_t *prefetched(json_t *root)
{
    json_t *v = json_object_get(json_object_get(root, "prefetch"), "questionnaireResponse");
    const char *type = json_string_value(json_object_get(v, "resourceType"));
    if (type && strcmp(type, "Bundle") == 0)
        return json_object_get(json_array_get(json_object_get(v, "entry"), 0), "resource");
    return v;
}

static void service(json_t *root, tp_triage *t, tp_case *c, tp_fhir_reply *r)
{
    const tp_kb *kb = tp_triage_kb(t);
    tp_error err = {{0}};
    json_t *qr = prefetched(root);
    if (!qr) {
        cds_error(r, 412,
                  "prefetch.questionnaireResponse is missing: send the QuestionnaireResponse "
                  "(or a Bundle holding it) as the discovery's prefetch template asks");
        return;
    }
    tp_result res;
    if (tp_fhir_read_response(c, kb, qr, "prefetch.questionnaireResponse", &err) != 0) {
        cds_error(r, 400, err.msg);
        return;
    }
    if (tp_triage_result(t, c, &res, &err) != 0) {
        cds_error(r, 500, err.msg);
        return;
    }
    char uuid[37];
    new_uuid(uuid);
    keep_card(uuid, kb, c, res.level);
    json_t *card = json_object();
    json_object_set_new(card, "uuid", json_string(uuid));
    json_object_set_new(card, "summary", summary(res.level ? res.level->title : SERVICE));
    json_object_set_new(card, "indicator", json_string(indicator(kb, res.level)));
    tp_buf md = {0};
    detail(kb, &res, &md);
    tp_fhir_put(card, "detail", tp_fhir_string(md.data));
    tp_buf_free(&md);
    const char *title = tp_kb_wording(kb, "report-title");
    char label[256];
    snprintf(label, sizeof label, "%s, knowledge base %s", title && *title ? title : SERVICE,
             kb->hash);
    json_object_set_new(card, "source", json_pack("{s:s}", "label", label));
    json_t *reasons = json_array(); /* an override says which level it should have been */
    for (int i = 0; i < kb->nlevels; i++)
        if (&kb->levels[i] != res.level)
            json_array_append_new(reasons,
                                  json_pack("{s:s,s:s,s:s}", "system", TP_FHIR_LEVELS, "code",
                                            kb->levels[i].id, "display", kb->levels[i].title));
    json_object_set_new(card, "overrideReasons", reasons);
    reply_json(r, 200, "application/json", json_pack("{s:[o]}", "cards", card));
}

/* Writes an override as a review case; its path into path. */
static int write_review(const card_kept *k, const char *level, const char *comment, char *path,
                        size_t pathlen, tp_error *err)
{
    char *dir = K.dir[0] ? tp_xstrdup(K.dir) : tp_state_file("review", err);
    if (!dir) {
        if (!err->msg[0])
            tp_error_set(err, "no review folder (serve --review DIR, or HOME)");
        return -1;
    }
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        tp_error_set(err, "cannot make the review folder %s: %s", dir, strerror(errno));
        free(dir);
        return -1;
    }
    time_t now = time(NULL);
    struct tm tm;
    char stamp[32];
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    pthread_mutex_lock(&K.lock);
    unsigned long n = ++K.seq;
    pthread_mutex_unlock(&K.lock);
    snprintf(path, pathlen, "%s/override-%s-%lu-%.8s.sym", dir, stamp, n, k->uuid);
    tp_buf b = {0};
    tp_buf_printf(&b,
                  "# Written by CDS Hooks feedback (card %s, knowledge base %s): the rules gave "
                  "level %s;\n# a clinician overrode it. tptriage check --cases %s fails until "
                  "the rules agree.\n",
                  k->uuid, k->hash, k->level, dir);
    if (comment && *comment) {
        tp_buf_puts(&b, "# comment: ");
        for (const char *p = comment; *p; p++)
            tp_buf_add(&b, *p == '\n' || *p == '\r' ? " " : p, 1);
        tp_buf_puts(&b, "\n");
    }
    tp_buf_puts(&b, k->sym);
    if (level)
        tp_buf_printf(&b, "\nexpect disposition = %s\n", level);
    int rv = tp_write_file_atomic(path, b.data, b.len, err);
    tp_buf_free(&b);
    free(dir);
    return rv;
}

static void feedback(json_t *root, const tp_kb *kb, tp_fhir_reply *r)
{
    json_t *list = json_object_get(root, "feedback");
    if (!json_is_array(list)) {
        cds_error(r, 400,
                  "expected {\"feedback\": [{\"card\": uuid, \"outcome\": \"accepted\" or "
                  "\"overridden\", \"overrideReason\": {...}}]}");
        return;
    }
    json_t *written = json_array();
    size_t i;
    json_t *f;
    json_array_foreach(list, i, f)
    {
        const char *uuid = json_string_value(json_object_get(f, "card"));
        const char *oc = json_string_value(json_object_get(f, "outcome"));
        if (!uuid || !oc || (strcmp(oc, "accepted") != 0 && strcmp(oc, "overridden") != 0)) {
            json_decref(written);
            cds_error(r, 400,
                      "each feedback needs \"card\" and \"outcome\" (accepted or "
                      "overridden)");
            return;
        }
        card_kept k = {{0}, NULL, {0}, {0}};
        pthread_mutex_lock(&K.lock);
        for (int c = 0; c < CARDS_KEPT; c++)
            if (K.cards[c].sym && strcmp(K.cards[c].uuid, uuid) == 0) {
                k = K.cards[c];
                k.sym = tp_xstrdup(K.cards[c].sym);
            }
        pthread_mutex_unlock(&K.lock);
        if (!k.sym) {
            json_decref(written);
            cds_error(r, 404, "no card with this uuid was given (or it is too old)");
            return;
        }
        if (strcmp(oc, "overridden") == 0) {
            json_t *why = json_object_get(f, "overrideReason");
            const char *code =
                json_string_value(json_object_get(json_object_get(why, "reason"), "code"));
            const char *level = code && tp_kb_level(kb, code) ? code : NULL;
            char path[4400];
            tp_error err = {{0}};
            if (write_review(&k, level, json_string_value(json_object_get(why, "userComment")),
                             path, sizeof path, &err) != 0) {
                free(k.sym);
                json_decref(written);
                cds_error(r, 500, err.msg);
                return;
            }
            json_array_append_new(written, json_string(path));
        }
        free(k.sym);
    }
    reply_json(r, 200, "application/json", json_pack("{s:o}", "review", written));
}

void tp_fhir_http_post(const char *url, const char *ctype, const char *body, size_t len,
                       tp_triage *t, tp_case *c, tp_fhir_reply *r)
{
    int fhir = strncmp(url, "/fhir/", 6) == 0;
    if (!is_type(ctype, fhir ? FHIR_TYPE : "application/json") &&
        !is_type(ctype, "application/json")) {
        if (fhir)
            outcome(r, 415, "not-supported", "send Content-Type: application/fhir+json");
        else
            cds_error(r, 415, "send Content-Type: application/json");
        return;
    }
    json_error_t je;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!json_is_object(root)) {
        char msg[400];
        snprintf(msg, sizeof msg, "the body must be a JSON object; %s (line %d, column %d)",
                 root ? "it is not one" : je.text, je.line, je.column);
        json_decref(root);
        if (fhir)
            outcome(r, 400, "structure", msg);
        else
            cds_error(r, 400, msg);
        return;
    }
    if (fhir)
        next_question(root, t, c, r);
    else if (strstr(url, "/feedback"))
        feedback(root, tp_triage_kb(t), r);
    else
        service(root, t, c, r);
    json_decref(root);
}
