/* fhir.c: the knowledge base and its results in HL7 FHIR R4 (jansson).
 *
 * Questionnaire: one item per question (linkId = question id), answer
 * options from the allowed values with their labels, the help and the
 * "unsure" note as display items, checklists (facts/groups.clp) as groups.
 * There is no enableWhen: which question comes next is decided by the
 * rules (the interview step, tp_triage_step), which no static condition
 * on one earlier answer can express; the form is adaptive (SDC), and
 * POST /fhir/Questionnaire/$next-question asks the rules (fhir_http.c).
 * QuestionnaireResponse: read into a case through tp_case_answer, as
 * jsonl.c reads a JSON line. GuidanceResponse: the batch result, the level,
 * every list and explanation as a contained Parameters resource. */
#include "fhir.h"

#include "streams.h"
#include "triage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ADAPTIVE_EXT                                                                               \
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-questionnaireAdaptive"
#define ITEM_CONTROL_EXT "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
#define ITEM_CONTROL_SYSTEM "http://hl7.org/fhir/questionnaire-item-control"
#define MIN_EXT "http://hl7.org/fhir/StructureDefinition/minValue"
#define MAX_EXT "http://hl7.org/fhir/StructureDefinition/maxValue"

json_t *tp_fhir_string(const char *s)
{
    return s && *s ? json_string(s) : NULL; /* json_string: NULL when not UTF-8 */
}

void tp_fhir_put(json_t *obj, const char *key, json_t *v)
{
    if (v)
        json_object_set_new(obj, key, v);
}

/* ---- Questionnaire ----------------------------------------------------------------- */

/* {"url": ..., "valueCodeableConcept": {"coding": [{system, code}]}} */
static json_t *item_control(const char *code)
{
    return json_pack("{s:s,s:{s:[{s:s,s:s}]}}", "url", ITEM_CONTROL_EXT, "valueCodeableConcept",
                     "coding", "system", ITEM_CONTROL_SYSTEM, "code", code);
}

/* A display item: linkId "<qid>.<what>", the text, shown as help when help. */
static json_t *display_item(const char *qid, const char *what, const char *text, int help)
{
    json_t *t = tp_fhir_string(text);
    if (!t)
        return NULL;
    char link[300];
    snprintf(link, sizeof link, "%s.%s", qid, what);
    json_t *it = json_object();
    json_object_set_new(it, "linkId", json_string(link));
    json_object_set_new(it, "text", t);
    json_object_set_new(it, "type", json_string("display"));
    if (help)
        json_object_set_new(it, "extension", json_pack("[o]", item_control("help")));
    return it;
}

json_t *tp_fhir_question_item(const tp_kb *kb, const tp_question *q)
{
    (void)kb;
    json_t *it = json_object();
    json_object_set_new(it, "linkId", json_string(q->id));
    tp_fhir_put(it, "text", tp_fhir_string(q->text));
    if (q->kind == TP_Q_NUMBER) {
        json_object_set_new(it, "type", json_string("integer"));
        json_object_set_new(it, "extension",
                            json_pack("[{s:s,s:I},{s:s,s:I}]", "url", MIN_EXT, "valueInteger",
                                      (json_int_t)q->min, "url", MAX_EXT, "valueInteger",
                                      (json_int_t)q->max));
    } else {
        json_object_set_new(it, "type", json_string("choice"));
        if (q->kind == TP_Q_MULTI)
            json_object_set_new(it, "repeats", json_true());
        json_t *opts = json_array();
        for (int i = 0; i < q->nvalues; i++) {
            json_t *coding = json_object();
            json_object_set_new(coding, "system", json_string(TP_FHIR_ANSWERS));
            json_object_set_new(coding, "code", json_string(q->values[i]));
            tp_fhir_put(
                coding, "display",
                tp_fhir_string(q->labels[i] && *q->labels[i] ? q->labels[i] : q->values[i]));
            json_array_append_new(opts, json_pack("{s:o}", "valueCoding", coding));
        }
        json_object_set_new(it, "answerOption", opts);
    }
    json_t *kids = json_array();
    json_t *d = display_item(q->id, "help", q->help, 1);
    if (d)
        json_array_append_new(kids, d);
    if ((d = display_item(q->id, "unsure", q->unsure, 0)))
        json_array_append_new(kids, d);
    if (json_array_size(kids))
        json_object_set_new(it, "item", kids);
    else
        json_decref(kids);
    return it;
}

json_t *tp_fhir_group_item(const tp_kb *kb, const tp_group *g, const int *items, int n)
{
    json_t *it = json_object();
    json_object_set_new(it, "linkId", json_string(g->id));
    tp_fhir_put(it, "text", tp_fhir_string(g->prompt && *g->prompt ? g->prompt : g->title));
    json_object_set_new(it, "type", json_string("group"));
    json_t *kids = json_array();
    json_t *d = display_item(g->id, "help", g->help, 1);
    if (d)
        json_array_append_new(kids, d);
    for (int i = 0; i < n; i++) {
        const tp_question *q = &kb->questions[items[i]];
        json_t *qi = tp_fhir_question_item(kb, q);
        for (int m = 0; m < g->nmembers; m++) /* the checklist's own short line, as prefix */
            if (g->members[m] == items[i] && g->items[m] && g->items[m][0])
                tp_fhir_put(qi, "prefix", tp_fhir_string(g->items[m]));
        json_array_append_new(kids, qi);
    }
    json_object_set_new(it, "item", kids);
    return it;
}

json_t *tp_fhir_questionnaire(const tp_kb *kb)
{
    json_t *qn = json_object();
    json_object_set_new(qn, "resourceType", json_string("Questionnaire"));
    json_object_set_new(qn, "id", json_string("tptriage"));
    json_object_set_new(qn, "extension",
                        json_pack("[{s:s,s:b}]", "url", ADAPTIVE_EXT, "valueBoolean", 1));
    json_object_set_new(qn, "url", json_string(TP_FHIR_QUESTIONNAIRE));
    json_object_set_new(qn, "version", json_string(kb->hash));
    json_object_set_new(qn, "name", json_string("tptriage"));
    tp_fhir_put(qn, "title", tp_fhir_string(tp_kb_wording(kb, "report-title")));
    json_object_set_new(qn, "status", json_string("active"));
    json_object_set_new(qn, "subjectType", json_pack("[s]", "Patient"));
    json_t *items = json_array();
    char *done = tp_xmalloc((size_t)kb->ngroups + 1);
    memset(done, 0, (size_t)kb->ngroups + 1);
    for (int i = 0; i < kb->nquestions; i++) { /* in asking order; a group where its first
                                                  member comes */
        const tp_group *g = tp_kb_group_of(kb, i);
        if (!g) {
            json_array_append_new(items, tp_fhir_question_item(kb, &kb->questions[i]));
            continue;
        }
        int gi = (int)(g - kb->groups);
        if (done[gi])
            continue;
        done[gi] = 1;
        json_array_append_new(items, tp_fhir_group_item(kb, g, g->members, g->nmembers));
    }
    free(done);
    json_object_set_new(qn, "item", items);
    return qn;
}

/* ---- QuestionnaireResponse in ---------------------------------------------------------- */

#define VALUE_HINT "valueCoding (with a code), valueString, valueInteger or valueBoolean"

/* Adds the answers of one item with linkId id. */
static int read_answers(tp_case *c, const tp_kb *kb, const char *id, json_t *answers, tp_error *err)
{
    char texts[TP_MAX_VALUES][256];
    const char *vals[TP_MAX_VALUES];
    int n = 0;
    if (!json_is_array(answers)) {
        tp_error_set(err, "item \"%.80s\": \"answer\" must be a list of answers", id);
        return -1;
    }
    if (json_array_size(answers) > TP_MAX_VALUES) {
        tp_error_set(err, "item \"%.80s\" has %zu answers; at most %d are allowed", id,
                     json_array_size(answers), TP_MAX_VALUES);
        return -1;
    }
    size_t i;
    json_t *a;
    json_array_foreach(answers, i, a)
    {
        json_t *v;
        const char *s = NULL;
        if (!json_is_object(a)) {
            tp_error_set(err, "item \"%.80s\": each answer is an object with " VALUE_HINT, id);
            return -1;
        }
        if ((v = json_object_get(a, "valueCoding"))) {
            s = json_string_value(json_object_get(v, "code"));
            if (!s) {
                tp_error_set(err, "item \"%.80s\": valueCoding needs a \"code\" (the value)", id);
                return -1;
            }
        } else if ((v = json_object_get(a, "valueString"))) {
            s = json_string_value(v);
        } else if ((v = json_object_get(a, "valueInteger"))) {
            if (json_is_integer(v)) {
                snprintf(texts[n], sizeof texts[n], "%lld", (long long)json_integer_value(v));
                s = texts[n];
            }
        } else if ((v = json_object_get(a, "valueBoolean"))) {
            s = json_is_true(v) ? "yes" : json_is_false(v) ? "no" : NULL;
        }
        if (!s) {
            tp_error_set(err, "item \"%.80s\": an answer needs " VALUE_HINT, id);
            return -1;
        }
        if (strlen(s) >= sizeof texts[n]) {
            tp_error_set(err, "item \"%.80s\": a value holds at most 255 bytes", id);
            return -1;
        }
        if (s != texts[n])
            snprintf(texts[n], sizeof texts[n], "%s", s);
        vals[n] = texts[n];
        n++;
    }
    if (n == 0)
        return 0; /* no answer: unanswered */
    return tp_case_answer(c, kb, id, vals, n, 0, err);
}

/* Reads a list of items (and their children, and items under answers). */
static int read_items(tp_case *c, const tp_kb *kb, json_t *items, int depth, tp_error *err)
{
    if (!json_is_array(items)) {
        tp_error_set(err, "\"item\" must be a list of items, each {\"linkId\": \"a-question\", "
                          "\"answer\": [...]}");
        return -1;
    }
    if (depth > 8) {
        tp_error_set(err, "items nested more than 8 deep");
        return -1;
    }
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        const char *id = json_string_value(json_object_get(it, "linkId"));
        if (!json_is_object(it) || !id) {
            tp_error_set(err, "item %zu has no \"linkId\" (a question id, or a group's)", i + 1);
            return -1;
        }
        json_t *kids = json_object_get(it, "item");
        if (kids && read_items(c, kb, kids, depth + 1, err) != 0)
            return -1;
        json_t *answers = json_object_get(it, "answer");
        if (!answers)
            continue;
        if (read_answers(c, kb, id, answers, err) != 0)
            return -1;
        size_t k;
        json_t *a;
        json_array_foreach(answers, k, a)
        {
            json_t *under = json_object_get(a, "item");
            if (under && read_items(c, kb, under, depth + 1, err) != 0)
                return -1;
        }
    }
    return 0;
}

int tp_fhir_read_response(tp_case *c, const tp_kb *kb, json_t *qr, const char *where, tp_error *err)
{
    tp_error e = {{0}};
    tp_case_reset(c, where);
    const char *type = json_string_value(json_object_get(qr, "resourceType"));
    if (!json_is_object(qr) || !type || strcmp(type, "QuestionnaireResponse") != 0) {
        tp_error_set(err,
                     "%s: expected a QuestionnaireResponse ({\"resourceType\": "
                     "\"QuestionnaireResponse\", \"id\": ..., \"item\": [...]}), not %s%.60s",
                     where, type ? "a " : "", type ? type : "this");
        return -1;
    }
    json_t *id = json_object_get(qr, "id");
    if (id && (!json_is_string(id) || strlen(json_string_value(id)) > 255)) {
        tp_error_set(err, "%s: \"id\" must be a string of at most 255 bytes", where);
        return -1;
    }
    if (id)
        tp_case_reset(c, json_string_value(id));
    json_t *items = json_object_get(qr, "item");
    if (items && read_items(c, kb, items, 0, &e) != 0) {
        tp_error_set(err, "%s: %s", where, e.msg);
        return -1;
    }
    return 0;
}

/* ---- files of resources ------------------------------------------------------------------ */

static void record(tp_buf *out, char type, const char *where, const char *text)
{
    tp_buf_add(out, &type, 1);
    tp_buf_add(out, where, strlen(where) + 1);
    tp_buf_add(out, text, strlen(text) + 1);
}

static void record_json(tp_buf *out, const char *where, json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT);
    record(out, 'R', where, s ? s : "null");
    free(s);
}

#define SHAPES "a QuestionnaireResponse, a Bundle of them, or NDJSON (one a line)"

int tp_fhir_split(const char *name, const char *text, size_t len, tp_buf *out)
{
    char where[1100], msg[1600];
    json_error_t je;
    int n = 0;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (root) {
        const char *type = json_string_value(json_object_get(root, "resourceType"));
        json_t *entries = json_object_get(root, "entry");
        if (type && strcmp(type, "Bundle") == 0) {
            if (entries && !json_is_array(entries)) {
                snprintf(msg, sizeof msg, "%s: a Bundle's \"entry\" must be a list", name);
                record(out, 'E', name, msg);
                n++;
            }
            size_t i;
            json_t *e;
            json_array_foreach(entries, i, e)
            {
                snprintf(where, sizeof where, "%s (entry %zu)", name, i + 1);
                json_t *r = json_object_get(e, "resource");
                if (r) {
                    record_json(out, where, r);
                } else {
                    snprintf(msg, sizeof msg, "%s: the entry has no \"resource\"", where);
                    record(out, 'E', where, msg);
                }
                n++;
            }
        } else {
            record_json(out, name, root);
            n++;
        }
        json_decref(root);
        return n;
    }
    /* not one JSON value: NDJSON, unless its first line is not JSON on its own */
    int line = 0, first = 1;
    for (size_t at = 0; at < len;) {
        const char *p = text + at, *nl = memchr(p, '\n', len - at);
        size_t k = nl ? (size_t)(nl - p) : len - at;
        at += k + 1;
        line++;
        size_t b = 0;
        while (b < k && (p[b] == ' ' || p[b] == '\t' || p[b] == '\r'))
            b++;
        if (b == k)
            continue;
        json_error_t le;
        json_t *v = json_loadb(p, k, JSON_REJECT_DUPLICATES, &le);
        snprintf(where, sizeof where, "%s:%d", name, line);
        if (!v && first) { /* one resource, badly written */
            snprintf(msg, sizeof msg, "%s:%d: not valid JSON: %s (column %d); expected " SHAPES,
                     name, je.line, je.text, je.column);
            record(out, 'E', name, msg);
            return n + 1;
        }
        first = 0;
        if (!v) {
            snprintf(msg, sizeof msg,
                     "%s: not valid JSON: %s (column %d); a line holds one QuestionnaireResponse",
                     where, le.text, le.column);
            record(out, 'E', where, msg);
        } else {
            record_json(out, where, v);
            json_decref(v);
        }
        n++;
    }
    if (n == 0) {
        snprintf(msg, sizeof msg, "%s: empty; expected " SHAPES, name);
        record(out, 'E', name, msg);
        n++;
    }
    return n;
}

int tp_fhir_record(const tp_buf *b, size_t *pos, const char **where, const char **text)
{
    const char *p = b->data + *pos;
    int type = p[0];
    *where = p + 1;
    *text = *where + strlen(*where) + 1;
    *pos = (size_t)(*text + strlen(*text) + 1 - b->data);
    return type;
}

/* ---- GuidanceResponse out ---------------------------------------------------------------- */

static json_t *param_str(const char *name, const char *type, const char *v)
{
    json_t *s = tp_fhir_string(v);
    if (!s)
        return NULL;
    json_t *p = json_pack("{s:s}", "name", name);
    json_object_set_new(p, type, s);
    return p;
}

static void add(json_t *list, json_t *v)
{
    if (v)
        json_array_append_new(list, v);
}

/* {"name": name, "part": parts} */
static json_t *param_parts(const char *name, json_t *parts)
{
    return json_pack("{s:s,s:o}", "name", name, "part", parts);
}

static json_t *source_param(const tp_conclusion *c)
{
    json_t *parts = json_array();
    add(parts, param_str("id", "valueString", c->source_id));
    if (c->source) {
        add(parts, param_str("title", "valueString", c->source->title));
        add(parts, param_str("section", "valueString", c->source->section));
        add(parts, param_str("url", "valueUri", c->source->url));
        add(parts, param_str("citation", "valueString", c->source->citation));
    }
    return param_parts("source", parts);
}

static json_t *explanation_param(const tp_conclusion *c)
{
    json_t *parts = json_array();
    add(parts, param_str("kind", "valueCode", c->kind));
    add(parts, param_str("conclusion", "valueCode", c->id));
    add(parts, param_str("rule", "valueString", c->rule));
    add(parts, param_str("reason", "valueString", c->reason));
    for (int k = 0; k < c->nbecause; k++) {
        json_t *b = json_array();
        add(b, param_str("question", "valueCode", c->because[k].question));
        add(b, param_str("answer", "valueString", c->because[k].answer));
        add(parts, param_parts("because", b));
    }
    if (c->at_level)
        add(parts, param_str("at-level", "valueCode", c->at_level->id));
    add(parts, source_param(c));
    return param_parts("explanation", parts);
}

static json_t *level_param(const tp_level *l)
{
    json_t *parts = json_array();
    add(parts, json_pack("{s:s,s:{s:s,s:s}}", "name", "code", "valueCoding", "system",
                         TP_FHIR_LEVELS, "code", l->id));
    json_object_set_new(json_object_get(json_array_get(parts, 0), "valueCoding"), "display",
                        json_string(l->title));
    add(parts, json_pack("{s:s,s:i}", "name", "rank", "valueInteger", l->rank));
    add(parts, param_str("title", "valueString", l->title));
    add(parts, param_str("todo", "valueString", l->todo));
    return param_parts("level", parts);
}

static json_t *output_parameters(const tp_kb *kb, const tp_result *r)
{
    json_t *ps = json_array();
    add(ps, param_str("kb", "valueString", kb->hash));
    if (r->level)
        add(ps, level_param(r->level));
    add(ps, json_pack("{s:s,s:b}", "name", "stop_pressing", "valueBoolean", r->stop_pressing));
    for (int k = 0; k < kb->nkinds; k++) { /* each list, named as in the JSON lines */
        const tp_kind *kind = &kb->kinds[k];
        const char *last = NULL;
        if (!kind->field[0])
            continue;
        for (int i = 0; i < r->nitems; i++) {
            const tp_conclusion *c = &r->items[i];
            if (strcmp(c->kind, kind->id) != 0 || (last && strcmp(last, c->id) == 0))
                continue;
            last = c->id;
            json_t *parts = json_array();
            add(parts, param_str("id", "valueCode", c->id));
            add(parts, param_str("text", "valueString", c->text ? c->text->text : c->id));
            if (c->text)
                add(parts, param_str("dose", "valueString", c->text->dose));
            add(ps, param_parts(kind->field, parts));
        }
    }
    for (int i = 0; i < r->nunanswered; i++)
        add(ps, param_str("unanswered", "valueCode", r->unanswered[i]->id));
    for (int i = 0; i < r->nitems; i++)
        add(ps, explanation_param(&r->items[i]));
    for (int i = 0; i < kb->ntexts; i++)
        if (strcmp(kb->texts[i].kind, "safety-net") == 0 &&
            tp_kb_text_shown(kb, &kb->texts[i], r->level))
            add(ps, param_str("safety_net", "valueString", kb->texts[i].text));
    for (int i = 0; i < kb->ntexts; i++)
        if (strcmp(kb->texts[i].kind, "disclaimer") == 0) {
            add(ps, param_str("disclaimer", "valueString", kb->texts[i].text));
            break;
        }
    return ps;
}

/* Whether s is a FHIR id: [A-Za-z0-9-.]{1,64}. */
static int is_fhir_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '.'))
            return 0;
    return 1;
}

/* The parts every GuidanceResponse of case name has. */
static json_t *guidance_head(const tp_kb *kb, const char *name)
{
    json_t *g = json_object();
    char module[128];
    json_object_set_new(g, "resourceType", json_string("GuidanceResponse"));
    if (is_fhir_id(name))
        json_object_set_new(g, "id", json_string(name));
    json_t *ident = tp_fhir_string(name);
    if (ident)
        json_object_set_new(g, "requestIdentifier", json_pack("{s:o}", "value", ident));
    snprintf(module, sizeof module, "%s|%s", TP_FHIR_MODULE, kb->hash);
    json_object_set_new(g, "moduleCanonical", json_string(module));
    return g;
}

json_t *tp_fhir_guidance(const tp_kb *kb, const char *name, const tp_result *r)
{
    json_t *g = guidance_head(kb, name);
    json_t *need = json_array();
    for (int i = 0; i < r->nunanswered; i++) {
        const tp_question *q = r->unanswered[i];
        if (!q->safety)
            continue;
        json_t *code = json_pack("{s:s,s:s}", "system", TP_FHIR_QUESTIONS, "code", q->id);
        tp_fhir_put(code, "display", tp_fhir_string(q->text));
        json_array_append_new(need,
                              json_pack("{s:s,s:[{s:s,s:[o]}]}", "type", "QuestionnaireResponse",
                                        "codeFilter", "path", "item.linkId", "code", code));
    }
    json_object_set_new(g, "status",
                        json_string(json_array_size(need) ? "data-required" : "success"));
    json_object_set_new(g, "contained",
                        json_pack("[{s:s,s:s,s:o}]", "resourceType", "Parameters", "id", "result",
                                  "parameter", output_parameters(kb, r)));
    json_object_set_new(g, "outputParameters", json_pack("{s:s}", "reference", "#result"));
    if (json_array_size(need))
        json_object_set_new(g, "dataRequirement", need);
    else
        json_decref(need);
    return g;
}

json_t *tp_fhir_guidance_error(const tp_kb *kb, const char *name, const char *msg)
{
    json_t *g = guidance_head(kb, name);
    json_object_set_new(g, "status", json_string("failure"));
    json_t *issue = json_pack("{s:s,s:s}", "severity", "error", "code", "invalid");
    tp_fhir_put(issue, "diagnostics", tp_fhir_string(msg));
    json_object_set_new(g, "contained",
                        json_pack("[{s:s,s:s,s:[o]}]", "resourceType", "OperationOutcome", "id",
                                  "error", "issue", issue));
    json_object_set_new(g, "evaluationMessage", json_pack("[{s:s}]", "reference", "#error"));
    return g;
}

void tp_fhir_line(json_t *v, tp_buf *out)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (s) {
        tp_buf_puts(out, s);
        tp_buf_puts(out, "\n");
        free(s);
    }
    json_decref(v);
}

/* ---- the command ------------------------------------------------------------------------ */

/* clang-format off */
static const tp_opt fhir_options[] = {
    {'k', 0, "kb", "DIR", "the knowledge base in DIR (also $TPTRIAGE_KB)"},
    {0, 0, NULL, NULL, NULL},
};
/* clang-format on */

const tp_optspec tp_fhir_spec = {
    "fhir",
    "questionnaire",
    "print the questions as an HL7 FHIR R4 Questionnaire (JSON)",
    "fhir questionnaire prints the knowledge base's questions as an HL7 FHIR R4\n"
    "Questionnaire (adaptive: POST /fhir/Questionnaire/$next-question of tptriage serve\n"
    "asks the rules what comes next). docs/fhir.md describes every resource.\n",
    0,
    fhir_options};

int tp_fhir_main(int argc, char **argv)
{
    tp_opts p;
    const char *kbdir = NULL;
    int key;
    tp_opts_init(&p, &tp_fhir_spec, argc, argv);
    while ((key = tp_opts_next(&p)) > 0)
        if (key == 'k')
            kbdir = p.value;
    if (key != TP_OPTS_END)
        return tp_opts_exit(key);
    if (p.noperands != 1 || strcmp(p.operands[0], "questionnaire") != 0)
        return tp_usage_error("fhir", "say what to print: questionnaire");
    tp_error err = {{0}};
    tp_triage *t = tp_triage_open(kbdir, &err);
    if (!t) {
        tp_report("%s", err.msg);
        return TP_EXIT_KB;
    }
    char *s = NULL;
    json_t *qn = tp_fhir_questionnaire(tp_triage_kb(t));
    s = json_dumps(qn, JSON_INDENT(2) | JSON_ENSURE_ASCII);
    json_decref(qn);
    tp_triage_close(t);
    if (!s) {
        tp_report("fhir: out of memory");
        return TP_EXIT_SOFTWARE;
    }
    tp_buf b = {0};
    tp_buf_puts(&b, s);
    tp_buf_puts(&b, "\n");
    free(s);
    tp_write_fd(1, b.data, b.len);
    tp_buf_free(&b);
    return TP_EXIT_OK;
}
