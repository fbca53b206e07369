/* serve.c: `tptriage serve`, a stateless step API over HTTP.
 *
 * Every request carries all the answers so far; nothing is kept between
 * requests. libmicrohttpd runs a pool of threads; each request borrows one
 * judge (an engine of its own: CLIPS allows one thread per environment) from
 * the knowledge-base set in force, and gives it back when done. SIGHUP opens
 * the knowledge base again, checks it as `:reload` does, and swaps it in
 * under the lock if it passes; requests in flight finish on the old set,
 * which is freed by the last one out (a reference count). Each judge keeps
 * the results of the answers it has seen (the handle's result cache: a
 * reload brings new judges, so empty caches). Responses are JSON
 * (the batch JSON line for /v1/judge, byte for byte), and every one names
 * the knowledge base it used. Only the compiled-in web page is served: no
 * request reaches a file. */
#include "serve.h"
#include "triage.h"

#include "jsonl.h"
#include "mhd.h"
#include "checkrun.h"
#include "serve_guard.h"
#include "output.h"
#include "explain.h"
#include "fhir_http.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define BODY_MAX (64 * 1024) /* largest request body (413 above) */
#define MAX_THREADS 64       /* --threads at most */
#define CONNECTION_MAX 16384 /* connections open at once, at most (the fd limit permitting) */
#define PER_CLIENT 32        /* connections from one address (--per-client) */
#define TIMEOUT 10           /* seconds for a request's headers and body, and idle (--timeout) */
#define STOP_GRACE 5         /* seconds SIGTERM or SIGINT waits for requests in flight */
#define RELOAD_COMBINATIONS 3000 /* the quick safety verification of a reload (as :reload) */

/* ---- the knowledge-base set: what one knowledge base serves with -------------- */

typedef struct {
    tp_triage *t; /* its own handle: engine and judge (the first opened, the rest clones) */
    tp_case c;    /* the case being judged (reused) */
    int busy;     /* lent to a request */
} judge_slot;

typedef struct {
    const tp_kb *kb;   /* the knowledge base (the slots' handles share it) */
    judge_slot *slots; /* one judge per server thread */
    int nslots;        /* how many */
    int refs;          /* requests using it, +1 while it is the one in force */
} kb_set;

static void kb_set_free(kb_set *k)
{
    if (!k)
        return;
    for (int i = 0; i < k->nslots; i++) {
        tp_triage_close(k->slots[i].t);
        tp_case_free(&k->slots[i].c);
    }
    free(k->slots);
    free(k);
}

/* Opens the knowledge base in dir with n judges, made as batch makes its
 * workers' (one engine each), each keeping up to cache results by their
 * answers (a new set, so a reload, starts with empty caches). All of a
 * set's setup is here. NULL with err. */
static kb_set *kb_set_open(const char *dir, int n, int cache, tp_error *err)
{
    kb_set *k = tp_xmalloc(sizeof *k);
    memset(k, 0, sizeof *k);
    tp_triage *first = tp_triage_open(dir, err);
    if (!first) {
        free(k);
        return NULL;
    }
    k->kb = tp_triage_kb(first);
    tp_triage_cache(first, cache); /* the clones get caches of their own, of this bound */
    k->slots = tp_xmalloc((size_t)n * sizeof *k->slots);
    memset(k->slots, 0, (size_t)n * sizeof *k->slots);
    for (int i = 0; i < n; i++, k->nslots++) {
        judge_slot *s = &k->slots[i];
        s->t = i == 0 ? first : tp_triage_clone(first, err);
        if (!s->t) {
            kb_set_free(k);
            return NULL;
        }
        tp_case_init(&s->c, "");
    }
    k->refs = 1;
    return k;
}

/* ---- server state --------------------------------------------------------------- */

typedef struct {
    const char *listen; /* --listen ADDR:PORT */
    int threads;        /* --threads: server threads, one judge each */
    const char *kb;     /* --kb */
    int log;            /* --log: each request and its body on stderr */
    int per_client;     /* --per-client: connections from one address (0: no limit) */
    int timeout;        /* --timeout: seconds for a request's headers and body */
    const char *locale; /* --locale: the numbers to call, or NULL ($TPTRIAGE_LOCALE, $LANG) */
    int cache;          /* results kept by canonical answers, per thread (0: none) */
} serve_opts;

static struct {
    serve_opts o;         /* options given */
    const char *version;  /* the program's version */
    pthread_mutex_t lock; /* guards cur, every set's refs and slots' busy */
    pthread_cond_t freed; /* a slot was given back */
    kb_set *cur;          /* the set in force */
    struct MHD_Daemon *d; /* the server */
} S = {.lock = PTHREAD_MUTEX_INITIALIZER, .freed = PTHREAD_COND_INITIALIZER};

/* Borrows a judge of the set in force (waits while all are lent). */
static judge_slot *borrow(kb_set **set)
{
    pthread_mutex_lock(&S.lock);
    kb_set *k = S.cur;
    k->refs++;
    judge_slot *s = NULL;
    while (!s) {
        for (int i = 0; i < k->nslots && !s; i++)
            if (!k->slots[i].busy)
                s = &k->slots[i];
        if (!s)
            pthread_cond_wait(&S.freed, &S.lock);
    }
    s->busy = 1;
    pthread_mutex_unlock(&S.lock);
    *set = k;
    return s;
}

/* Drops one reference to a set; the last one out frees it. */
static void unref(kb_set *k)
{
    pthread_mutex_lock(&S.lock);
    int last = --k->refs == 0;
    pthread_mutex_unlock(&S.lock);
    if (last)
        kb_set_free(k);
}

static void give_back(kb_set *k, judge_slot *s)
{
    pthread_mutex_lock(&S.lock);
    s->busy = 0;
    pthread_cond_broadcast(&S.freed);
    pthread_mutex_unlock(&S.lock);
    unref(k);
}

/* The hash of the knowledge base in force (copied). */
static void current_hash(char out[17])
{
    pthread_mutex_lock(&S.lock);
    memcpy(out, S.cur->kb->hash, 17);
    pthread_mutex_unlock(&S.lock);
}

/* The checks `:reload` makes, on a set's knowledge base with an engine of
 * check's own; returns the problems found, explained in why. */
static int strict(kb_set *k, tp_buf *why)
{
    tp_error err = {{0}};
    tp_triage *probe = tp_triage_borrow(k->kb, &err);
    if (!probe) {
        tp_buf_printf(why, "%s\n", err.msg);
        return 1;
    }
    int problems = tp_check_strict(probe, RELOAD_COMBINATIONS, why);
    tp_triage_close(probe);
    return problems;
}

/* SIGHUP: opens the knowledge base again and swaps it in if it passes what
 * `:reload` requires; else keeps the one in force. */
static void reload(void)
{
    char dir[4096];
    pthread_mutex_lock(&S.lock);
    snprintf(dir, sizeof dir, "%s", S.cur->kb->dir);
    pthread_mutex_unlock(&S.lock);
    tp_error err = {{0}};
    kb_set *k = kb_set_open(dir, S.o.threads, S.o.cache, &err);
    if (!k) {
        tp_report("serve: reload refused, the knowledge base did not load; keeping the one "
                  "running\n%s",
                  err.msg);
        return;
    }
    tp_buf why = {0};
    int problems = strict(k, &why);
    if (problems) {
        tp_report("serve: reload refused, the knowledge base in %s fails %d check%s; keeping the "
                  "one running (tptriage check --kb %s shows all):\n%s",
                  dir, problems, problems == 1 ? "" : "s", dir, why.data ? why.data : "");
        tp_buf_free(&why);
        kb_set_free(k);
        return;
    }
    tp_buf_free(&why);
    pthread_mutex_lock(&S.lock);
    kb_set *old = S.cur;
    S.cur = k;
    pthread_mutex_unlock(&S.lock);
    tp_report("serve: reloaded the knowledge base %s (was %s)", k->kb->hash, old->kb->hash);
    unref(old);
}

/* ---- JSON pieces ------------------------------------------------------------------ */

static void jkey(tp_buf *b, const char *key)
{
    tp_output_json_string(b, key);
    tp_buf_puts(b, ":");
}

static void jstr(tp_buf *b, const char *key, const char *val)
{
    jkey(b, key);
    tp_output_json_string(b, val ? val : "");
}

/* {"error": msg, "hint": hint} */
static void json_error(tp_buf *b, const char *hash, const char *msg, const char *hint)
{
    tp_buf_puts(b, "{");
    tp_output_json_strs(b, "error", msg, "hint", hint, NULL);
    if (hash) {
        tp_buf_puts(b, ",");
        jstr(b, "kb", hash);
    }
    tp_buf_puts(b, "}\n");
}

static const char *kind_name(tp_qkind k)
{
    return k == TP_Q_MULTI ? "multi" : k == TP_Q_NUMBER ? "number" : "choice";
}

/* One question as the page shows it: text, help, choices with their plain
 * labels (facts/choices.clp), how "unsure" is treated, and for a multi
 * question the values that may only be given alone (exclusive). */
static void json_question(tp_buf *b, const tp_question *q)
{
    tp_buf_puts(b, "{");
    tp_output_json_strs(b, "id", q->id, "text", q->text, "help", q->help, "unsure", q->unsure,
                        "kind", kind_name(q->kind), NULL);
    tp_buf_printf(b, ",\"safety\":%s", q->safety ? "true" : "false");
    if (q->kind == TP_Q_NUMBER)
        tp_buf_printf(b, ",\"min\":%lld,\"max\":%lld", q->min, q->max);
    if (q->kind == TP_Q_MULTI) { /* values given only alone (facts/choices.clp) */
        tp_buf_puts(b, ",\"exclusive\":[");
        for (int i = 0, n = 0; i < q->nvalues; i++)
            if (q->exclusive[i]) {
                tp_buf_puts(b, n++ ? "," : "");
                tp_output_json_string(b, q->values[i]);
            }
        tp_buf_puts(b, "]");
    }
    tp_buf_puts(b, ",\"choices\":[");
    for (int i = 0; i < q->nvalues; i++) {
        tp_buf_puts(b, i ? ",{" : "{");
        tp_output_json_strs(b, "id", q->values[i], "label",
                            q->labels[i] && *q->labels[i] ? q->labels[i] : q->values[i], NULL);
        tp_buf_puts(b, "}");
    }
    tp_buf_puts(b, "]}");
}

/* A level, after "key": (no key when NULL); null when none. */
static void json_level(tp_buf *b, const char *key, const tp_level *l)
{
    if (key)
        jkey(b, key);
    if (!l) {
        tp_buf_puts(b, "null");
        return;
    }
    tp_buf_puts(b, "{");
    jstr(b, "id", l->id);
    tp_buf_printf(b, ",\"rank\":%d,", l->rank);
    tp_output_json_strs(b, "title", l->title, "todo", l->todo, NULL);
    tp_buf_puts(b, "}");
}

/* ---- endpoints ------------------------------------------------------------------------ */

typedef struct {
    unsigned status; /* HTTP status */
    tp_buf body;     /* JSON */
    const char *msg; /* error message (with status >= 400) */
    char msgbuf[1200];
    const char *hint; /* what to do about it */
} reply;

static void fail(reply *r, unsigned status, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail(reply *r, unsigned status, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->msgbuf, sizeof r->msgbuf, fmt, ap);
    va_end(ap);
    r->status = status;
    r->msg = r->msgbuf;
    r->hint = hint;
}

static const char answers_hint[] =
    "send {\"answers\": {\"question-id\": \"value\", ...}} with ids and values from GET "
    "/v1/questions";

/* Reads the request's answers (and, for explain, the id asked about) into
 * s->c. The body is a JSON object; only "answers" and "id" are read. */
static int read_answers(reply *r, kb_set *k, judge_slot *s, json_t *root, const char **id)
{
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        if (strcmp(key, "answers") != 0 && strcmp(key, "id") != 0 &&
            (strcmp(key, "groups") != 0 || !json_is_boolean(v)) &&
            (strcmp(key, "locale") != 0 || !json_is_string(v))) {
            fail(r, 400, answers_hint,
                 "unknown key \"%.60s\" (only \"answers\", \"id\", \"groups\": true or false, "
                 "and \"locale\": a string)",
                 key);
            return -1;
        }
    }
    json_t *ans = json_object_get(root, "answers");
    json_t *idv = json_object_get(root, "id");
    if (id)
        *id = json_is_string(idv) ? json_string_value(idv) : NULL;
    json_t *line = json_object();
    if (ans)
        json_object_set(line, "answers", ans);
    char *text = json_dumps(line, JSON_COMPACT);
    json_decref(line);
    tp_error err = {{0}};
    tp_case_reset(&s->c, "");
    int rv = tp_jsonl_parse(&s->c, k->kb, "request", 1, text, strlen(text), &err);
    free(text);
    if (rv != 0)
        fail(r, 400, answers_hint, "%s", err.msg);
    return rv;
}

/* POST /v1/interview: one interview step (tp_triage_step), as the session
 * takes it: the next question or checklist, the level that stands so far
 * (never less urgent than the result's), what must be shown at once (the
 * alert, stop pressing) and the provisional result. The page draws this and
 * decides nothing of its own. */
static void do_interview(reply *r, kb_set *k, judge_slot *s, json_t *root)
{
    tp_error err = {{0}};
    if (read_answers(r, k, s, root, NULL) != 0)
        return;
    int flags = json_is_true(json_object_get(root, "groups")) ? TP_STEP_GROUPED : 0;
    tp_step st;
    if (tp_triage_step(s->t, &s->c, flags, NULL, &st, &err) != 0) {
        fail(r, 500, "the knowledge base has a fault: tptriage check", "%s", err.msg);
        return;
    }
    tp_buf *b = &r->body;
    tp_buf_puts(b, "{");
    jstr(b, "kb", k->kb->hash);
    tp_buf_printf(b, ",\"done\":%s,\"provisional\":%s,", st.next ? "false" : "true",
                  st.provisional ? "true" : "false");
    /* alerts follow the answers given, not the questions left open (as the
     * session's: the two most urgent levels) */
    tp_buf_printf(b, "\"alert\":%s,\"stop_pressing\":%s,", st.alert ? "true" : "false",
                  st.stop_pressing ? "true" : "false");
    json_level(b, "so_far", st.level);
    tp_buf_puts(b, ",");
    json_level(b, "reached", st.reached);
    /* the number to call for the level that stands (facts/locales.clp): the
     * request's "locale", else the server's */
    json_t *lv = json_object_get(root, "locale");
    const tp_locale *loc =
        lv ? tp_kb_locale(k->kb, json_string_value(lv)) : tp_kb_locale_pick(k->kb, S.o.locale);
    const tp_locale_call *call = tp_kb_call(k->kb, loc, st.level);
    if (loc) {
        tp_buf_puts(b, ",");
        jstr(b, "locale", loc->id);
    }
    tp_buf_puts(b, ",\"call\":");
    if (call) {
        tp_buf_puts(b, "{");
        tp_output_json_strs(b, "number", call->number, "label", call->label, "where", call->where,
                            NULL);
        tp_buf_puts(b, "}");
    } else {
        tp_buf_puts(b, "null");
    }
    if (st.stop) { /* shown at once, from the answer that raised it on */
        tp_buf_puts(b, ",\"stop\":{");
        tp_output_json_strs(b, "text", st.stop->text, "dose", st.stop->dose, NULL);
        tp_buf_puts(b, "}");
    }
    if (st.nitems) {
        const tp_group *g = st.group;
        tp_buf_puts(b, ",\"group\":{");
        tp_output_json_strs(b, "id", g->id, "title", g->title, "prompt", g->prompt, NULL);
        tp_buf_puts(b, ",\"items\":[");
        for (int i = 0; i < st.nitems; i++) {
            const char *line = k->kb->questions[st.items[i]].text;
            for (int m = 0; m < g->nmembers; m++)
                if (g->members[m] == st.items[i] && g->items[m][0])
                    line = g->items[m];
            tp_buf_puts(b, i ? ",{" : "{");
            tp_output_json_strs(b, "question", k->kb->questions[st.items[i]].id, "text", line,
                                NULL);
            tp_buf_puts(b, "}");
        }
        tp_buf_puts(b, "]}");
    }
    tp_buf_puts(b, ",\"questions\":[");
    for (int i = 0; i < st.nitems; i++) {
        if (i)
            tp_buf_puts(b, ",");
        json_question(b, &k->kb->questions[st.items[i]]);
    }
    if (st.next && !st.nitems)
        json_question(b, st.next);
    tp_buf_printf(b, "],\"progress\":{\"answered\":%d,\"left\":%d,\"prompts\":%d},", s->c.nanswers,
                  st.result.nunanswered, st.pending);
    jkey(b, "result");
    tp_buf out = {0};
    tp_output_case(TP_FMT_JSON, k->kb, "interview", &st.result, &out);
    while (out.len && out.data[out.len - 1] == '\n')
        out.len--;
    tp_buf_add(b, out.data, out.len);
    tp_buf_free(&out);
    tp_buf_puts(b, "}\n");
    r->status = 200;
}

/* POST /v1/judge: exactly the line `tptriage batch --format json` gives. */
static void do_judge(reply *r, kb_set *k, judge_slot *s, const char *body, size_t len)
{
    tp_error err = {{0}};
    tp_result res;
    tp_case_reset(&s->c, "");
    if (tp_jsonl_parse(&s->c, k->kb, "request", 1, body, len, &err) != 0) {
        fail(r, 400, answers_hint, "%s", err.msg);
        return;
    }
    if (tp_triage_result(s->t, &s->c, &res, &err) != 0) {
        fail(r, 500, "the knowledge base has a fault: tptriage check", "%s", err.msg);
        return;
    }
    tp_output_case(TP_FMT_JSON, k->kb, s->c.name, &res, &r->body);
    r->status = 200;
}

/* POST /v1/explain: how a conclusion or level was reached, or why it was
 * not, from the core's explainer (explain.h), as the session says it; the
 * id may be given in words, as the session takes them (tp_explain_resolve). */
static void do_explain(reply *r, kb_set *k, judge_slot *s, json_t *root)
{
    const char *id = NULL;
    tp_error err = {{0}};
    tp_result res;
    if (read_answers(r, k, s, root, &id) != 0)
        return;
    if (!id || !*id) {
        fail(r, 400, "add \"id\": a conclusion or level id from the result", "no \"id\" given");
        return;
    }
    /* words for an id ("foam roller", a level's title), as the session's
     * :whynot takes them: the one resolver of the core */
    const char *asked = id;
    const char *named = tp_explain_resolve(k->kb, tp_triage_rules(s->t), id);
    if (named)
        id = named;
    if (tp_triage_case(s->t, &s->c, &res, &err) != 0) {
        fail(r, 500, "the knowledge base has a fault: tptriage check", "%s", err.msg);
        return;
    }
    tp_buf *b = &r->body;
    int reached = 0;
    for (int i = 0; i < res.nitems; i++)
        reached |= strcmp(res.items[i].id, id) == 0;
    tp_buf_puts(b, "{");
    tp_output_json_strs(b, "kb", k->kb->hash, "id", id, NULL);
    if (strcmp(asked, id) != 0) { /* the words it was asked by */
        tp_buf_puts(b, ",");
        tp_output_json_strs(b, "named", asked, NULL);
    }
    tp_buf_printf(b, ",\"reached\":%s,\"provisional\":%s,", reached ? "true" : "false",
                  res.nunanswered ? "true" : "false");
    json_level(b, "level", res.level);
    tp_buf_puts(b, ",");
    tp_explain x = {k->kb, tp_triage_rules(s->t), s->t, &res, 0, NULL};
    int listed = tp_explain_json(&x, id, reached, b);
    tp_buf_puts(b, "}\n");
    if (!reached && listed == 0) {
        r->body.len = 0;
        fail(r, 404, "ids are those of the result's explanations (conclusion) and levels",
             "no rule concludes \"%.100s\"", id);
        return;
    }
    r->status = 200;
}

/* GET /v1/questions: every question, in asking order. */
static void do_questions(reply *r, const kb_set *k)
{
    tp_buf *b = &r->body;
    tp_buf_puts(b, "{");
    jstr(b, "kb", k->kb->hash);
    tp_buf_puts(b, ",\"questions\":[");
    for (int i = 0; i < k->kb->nquestions; i++) {
        if (i)
            tp_buf_puts(b, ",");
        json_question(b, &k->kb->questions[i]);
    }
    tp_buf_puts(b, "]}\n");
    r->status = 200;
}

/* GET /v1/kb: hash, version, levels and sources. */
static void do_kb(reply *r, const kb_set *k)
{
    tp_buf *b = &r->body;
    tp_buf_puts(b, "{");
    tp_output_json_strs(b, "kb", k->kb->hash, "version", S.version, NULL);
    tp_buf_puts(b, ",\"levels\":[");
    for (int i = 0; i < k->kb->nlevels; i++) {
        if (i)
            tp_buf_puts(b, ",");
        json_level(b, NULL, &k->kb->levels[i]);
    }
    tp_buf_puts(b, "],\"kinds\":[");
    for (int i = 0; i < k->kb->nkinds; i++) {
        const tp_kind *kd = &k->kb->kinds[i];
        tp_buf_puts(b, i ? ",{" : "{");
        tp_output_json_strs(b, "id", kd->id, "field", kd->field, "heading", kd->heading, "summary",
                            kd->summary, "role", kd->role, NULL);
        tp_buf_puts(b, "}");
    }
    tp_buf_puts(b, "],\"sources\":[");
    for (int i = 0; i < k->kb->nsources; i++) {
        const tp_source *s = &k->kb->sources[i];
        tp_buf_puts(b, i ? ",{" : "{");
        tp_output_json_strs(b, "id", s->id, "title", s->title, "section", s->section, "url", s->url,
                            "reviewed", s->reviewed, NULL);
        tp_buf_puts(b, "}");
    }
    tp_buf_puts(b, "]}\n");
    r->status = 200;
}

/* ---- HTTP ------------------------------------------------------------------------------- */

typedef struct {
    tp_buf body;      /* the request body so far */
    tp_guard_conn *g; /* its connection's deadline (serve_guard.c) */
} request;

static const char endpoints_hint[] =
    "endpoints: POST /v1/interview, /v1/judge, /v1/explain; GET /v1/questions, /v1/kb, "
    "/healthz, /";

/* Queues a response with the headers every response carries. */
static enum MHD_Result send_reply(struct MHD_Connection *conn, unsigned status, const char *type,
                                  const void *data, size_t len, const char *hash, const char *allow)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", type);
    for (size_t i = 0; i < tp_nsecurity_headers; i++)
        MHD_add_response_header(resp, tp_security_headers[i][0], tp_security_headers[i][1]);
    if (hash)
        MHD_add_response_header(resp, "X-TP-KB", hash);
    if (allow)
        MHD_add_response_header(resp, "Allow", allow);
    if (tp_guard_stopping())
        MHD_add_response_header(resp, "Connection", "close");
    enum MHD_Result rv = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return rv;
}

static enum MHD_Result send_error(struct MHD_Connection *conn, unsigned status, const char *msg,
                                  const char *hint, const char *allow)
{
    char hash[17];
    current_hash(hash);
    tp_buf b = {0};
    json_error(&b, hash, msg, hint);
    enum MHD_Result rv = send_reply(conn, status, "application/json", b.data, b.len, hash, allow);
    tp_buf_free(&b);
    return rv;
}

/* Refuses a request while its body is being read: libmicrohttpd takes no
 * response then, so the error (with every header a response carries) is
 * written to the socket here, and the connection is closed: nothing more
 * of the body is read. */
static enum MHD_Result refuse_now(request *rq, unsigned status, const char *msg, const char *hint)
{
    char hash[17];
    current_hash(hash);
    tp_buf body = {0}, r = {0};
    json_error(&body, hash, msg, hint);
    tp_buf_printf(&r, "HTTP/1.1 %u %s\r\nContent-Type: application/json\r\n", status,
                  status == 413 ? "Content Too Large" : "Request Timeout");
    for (size_t i = 0; i < tp_nsecurity_headers; i++)
        tp_buf_printf(&r, "%s: %s\r\n", tp_security_headers[i][0], tp_security_headers[i][1]);
    tp_buf_printf(&r, "X-TP-KB: %s\r\nConnection: close\r\nContent-Length: %zu\r\n\r\n%s", hash,
                  body.len, body.data);
    tp_guard_refuse(rq->g, r.data, r.len);
    tp_buf_free(&body);
    tp_buf_free(&r);
    return MHD_NO;
}

/* Whether the request says its body is JSON ("application/json", with or
 * without parameters). */
static int is_json(struct MHD_Connection *conn)
{
    const char *t = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
    if (!t)
        return 0;
    size_t n = strlen("application/json");
    return strncasecmp(t, "application/json", n) == 0 && (t[n] == 0 || t[n] == ';' || t[n] == ' ');
}

/* A FHIR or CDS Hooks endpoint (fhir_http.c): a POST borrows a judge. */
static enum MHD_Result fhir(struct MHD_Connection *conn, const char *url, int is_post, request *rq)
{
    kb_set *k;
    judge_slot *s = NULL;
    if (is_post) {
        s = borrow(&k);
    } else {
        pthread_mutex_lock(&S.lock);
        k = S.cur;
        k->refs++;
        pthread_mutex_unlock(&S.lock);
    }
    tp_fhir_reply r = {0, NULL, {0}};
    if (is_post)
        tp_fhir_http_post(url, MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type"),
                          rq->body.data ? rq->body.data : "", rq->body.len, s->t, &s->c, &r);
    else
        tp_fhir_http_get(url, k->kb, &r);
    enum MHD_Result rv =
        send_reply(conn, r.status, r.type, r.body.data, r.body.len, k->kb->hash, NULL);
    tp_buf_free(&r.body);
    if (s)
        give_back(k, s);
    else
        unref(k);
    return rv;
}

/* A POST to one of the step endpoints: parse, borrow a judge, answer. */
static enum MHD_Result post(struct MHD_Connection *conn, const char *url, request *rq)
{
    if (tp_fhir_http_route(url))
        return fhir(conn, url, 1, rq);
    if (!is_json(conn))
        return send_error(conn, 415, "the body must be JSON",
                          "send the header Content-Type: application/json", NULL);
    const char *body = rq->body.data ? rq->body.data : "";
    json_error_t je;
    json_t *root = json_loadb(body, rq->body.len, JSON_REJECT_DUPLICATES, &je);
    if (!root || !json_is_object(root)) {
        char msg[400];
        if (root)
            snprintf(msg, sizeof msg, "the body must be a JSON object");
        else
            snprintf(msg, sizeof msg, "bad JSON at line %d, column %d (byte %d): %s", je.line,
                     je.column, je.position, je.text);
        json_decref(root);
        return send_error(conn, 400, msg, answers_hint, NULL);
    }
    kb_set *k;
    judge_slot *s = borrow(&k);
    reply r;
    memset(&r, 0, sizeof r);
    if (strcmp(url, "/v1/interview") == 0)
        do_interview(&r, k, s, root);
    else if (strcmp(url, "/v1/judge") == 0)
        do_judge(&r, k, s, body, rq->body.len);
    else
        do_explain(&r, k, s, root);
    json_decref(root);
    enum MHD_Result rv;
    if (r.status >= 400) {
        tp_buf e = {0};
        json_error(&e, k->kb->hash, r.msg, r.hint);
        rv = send_reply(conn, r.status, "application/json", e.data, e.len, k->kb->hash, NULL);
        tp_buf_free(&e);
    } else {
        rv = send_reply(conn, r.status, "application/json", r.body.data, r.body.len, k->kb->hash,
                        NULL);
    }
    tp_buf_free(&r.body);
    give_back(k, s);
    return rv;
}

/* A GET of the API or of the page. */
static enum MHD_Result get(struct MHD_Connection *conn, const char *url)
{
    if (tp_fhir_http_route(url))
        return fhir(conn, url, 0, NULL);
    if (strcmp(url, "/") == 0)
        url = "/index.html";
    for (const tp_web_asset *a = tp_web_assets; a->path; a++)
        if (strcmp(url, a->path) == 0) {
            char hash[17];
            current_hash(hash);
            return send_reply(conn, 200, a->type, a->data, a->len, hash, NULL);
        }
    if (strcmp(url, "/healthz") != 0 && strcmp(url, "/v1/questions") != 0 &&
        strcmp(url, "/v1/kb") != 0)
        return send_error(conn, 404, "no such page", endpoints_hint, NULL);
    pthread_mutex_lock(&S.lock);
    kb_set *k = S.cur;
    k->refs++;
    pthread_mutex_unlock(&S.lock);
    reply r;
    memset(&r, 0, sizeof r);
    if (strcmp(url, "/healthz") == 0) {
        tp_buf_puts(&r.body, "{\"status\":\"ok\",");
        jstr(&r.body, "kb", k->kb->hash);
        tp_buf_puts(&r.body, "}\n");
        r.status = 200;
    } else if (strcmp(url, "/v1/questions") == 0) {
        do_questions(&r, k);
    } else {
        do_kb(&r, k);
    }
    enum MHD_Result rv =
        send_reply(conn, r.status, "application/json", r.body.data, r.body.len, k->kb->hash, NULL);
    tp_buf_free(&r.body);
    unref(k);
    return rv;
}

static int is_post_endpoint(const char *url)
{
    return strcmp(url, "/v1/interview") == 0 || strcmp(url, "/v1/judge") == 0 ||
           strcmp(url, "/v1/explain") == 0 || tp_fhir_http_route(url) == 'P';
}

static int is_get_endpoint(const char *url)
{
    if (strcmp(url, "/") == 0 || strcmp(url, "/healthz") == 0 ||
        strcmp(url, "/v1/questions") == 0 || strcmp(url, "/v1/kb") == 0 ||
        tp_fhir_http_route(url) == 'G')
        return 1;
    for (const tp_web_asset *a = tp_web_assets; a->path; a++)
        if (strcmp(url, a->path) == 0)
            return 1;
    return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)cls;
    (void)version;
    request *rq = *con_cls;
    if (!rq) { /* the headers are in: check what can be checked before the body */
        rq = tp_xmalloc(sizeof *rq);
        memset(rq, 0, sizeof *rq);
        *con_cls = rq;
        rq->g = tp_guard_of(conn);
        tp_guard_begin(rq->g);
        int is_post = strcmp(method, "POST") == 0;
        int is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
        if (is_post_endpoint(url) && !is_post)
            return send_error(conn, 405, "use POST here", endpoints_hint, "POST");
        if (is_get_endpoint(url) && !is_get)
            return send_error(conn, 405, "use GET here", endpoints_hint, "GET, HEAD");
        if (!is_post_endpoint(url) && !is_get_endpoint(url))
            return send_error(conn, 404, "no such page", endpoints_hint, NULL);
        const char *cl =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > BODY_MAX)
            return send_error(conn, 413, "the body is too large",
                              "a request body holds at most 65536 bytes", NULL);
        return MHD_YES;
    }
    if (*upload_data_size) {
        /* refused as soon as it passes the limit or the time, chunked or
         * not: answered now, and the connection closed (nothing more read) */
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (rq->body.len + n > BODY_MAX)
            return refuse_now(rq, 413, "the body is too large",
                              "a request body holds at most 65536 bytes");
        if (tp_guard_late(rq->g))
            return refuse_now(rq, 408, "the request took too long to arrive",
                              "send the whole request at once");
        tp_buf_add(&rq->body, upload_data, n);
        return MHD_YES;
    }
    if (S.o.log)
        tp_report("serve: %s %s %.*s", method, url, (int)rq->body.len,
                  rq->body.data ? rq->body.data : "");
    if (strcmp(method, "POST") == 0)
        return post(conn, url, rq);
    return get(conn, url);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    request *rq = *con_cls;
    tp_guard_end(tp_guard_of(conn));
    if (rq) {
        tp_buf_free(&rq->body);
        free(rq);
        *con_cls = NULL;
    }
}

/* ---- the command --------------------------------------------------------------------- */

/* clang-format off */
static const tp_opt serve_options[] = {
    {'l', 0, "listen", "ADDR:PORT", "the address to listen on (default 127.0.0.1:8080)"},
    {'t', 0, "threads", "N", "server threads, one judge each (default: processors)"},
    {'k', 0, "kb", "DIR", "the knowledge base in DIR (also $TPTRIAGE_KB)"},
    {'L', 0, "log", NULL, "write each request, answers included, to stderr"},
    {'p', 0, "per-client", "N", "connections open at once from one address (default 32; 0: no limit)"},
    {'T', 0, "timeout", "SECONDS", "time for a request's headers and body, and idle (default 10)"},
    {'r', 0, "review", "DIR", "write CDS Hooks overrides as review cases into DIR"},
    {'C', 0, "locale", "WHERE", "the numbers to call: gb, us, eu or a region such as GB (also $TPTRIAGE_LOCALE, $LANG)"},
    {'z', 0, "cache-size", "N", "keep N results by their answers, per thread (default 4096; also $TPTRIAGE_RESULT_CACHE)"},
    {'Z', 0, "no-cache", NULL, "judge every case, even one whose answers came before"},
    {0, 0, NULL, NULL, NULL},
};
/* clang-format on */

const tp_optspec tp_serve_spec = {
    "serve",
    "",
    "serve the step API (JSON over HTTP) and the web page, on 127.0.0.1:8080",
    "Serves the step API (POST /v1/interview, /v1/judge, /v1/explain; GET\n"
    "/v1/questions, /v1/kb, /healthz) and the web page (GET /) on 127.0.0.1:8080 by\n"
    "default; port 0 picks a free one. SIGHUP reloads the knowledge base if it passes\n"
    "the checks :reload makes. --log writes each request, answers included, to stderr.\n",
    0,
    serve_options};

/* Connections open at once: as many as the descriptor limit allows (raised
 * to its hard limit), keeping some for the engines and files, at most
 * CONNECTION_MAX. With the per-client limit, one address cannot fill them. */
static unsigned connection_limit(int threads)
{
    struct rlimit rl;
    rlim_t have = 1024;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        if (rl.rlim_cur < rl.rlim_max) {
            rl.rlim_cur = rl.rlim_max;
            setrlimit(RLIMIT_NOFILE, &rl);
            getrlimit(RLIMIT_NOFILE, &rl);
        }
        have = rl.rlim_cur;
    }
    rlim_t keep = 64 + 4 * (rlim_t)threads;
    rlim_t n = have > keep + 64 ? have - keep : 64;
    return (unsigned)(n < CONNECTION_MAX ? n : CONNECTION_MAX);
}

/* "ADDR:PORT", "PORT" or ":PORT" (IPv4). */
static int parse_listen(const char *s, struct sockaddr_in *sa)
{
    char host[64] = "127.0.0.1";
    const char *colon = strrchr(s, ':');
    const char *port = colon ? colon + 1 : s;
    if (colon && colon != s) {
        if ((size_t)(colon - s) >= sizeof host)
            return -1;
        memcpy(host, s, (size_t)(colon - s));
        host[colon - s] = 0;
    }
    char *end;
    long p = strtol(port, &end, 10);
    if (!*port || *end || p < 0 || p > 65535)
        return -1;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)p);
    if (strcmp(host, "localhost") == 0)
        snprintf(host, sizeof host, "127.0.0.1");
    return inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

/* Reads the options into o. Returns TP_OPTS_END, or what tp_opts_next
 * returned for help or a mistake. */
static int parse_opts(int argc, char **argv, serve_opts *o)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    memset(o, 0, sizeof *o);
    o->listen = "127.0.0.1:8080";
    o->threads = ncpu > 0 ? (int)(ncpu < MAX_THREADS ? ncpu : MAX_THREADS) : 1;
    o->per_client = PER_CLIENT;
    o->timeout = TIMEOUT;
    o->cache = TP_RESULT_CACHE_DEFAULT;
    tp_error err = {{0}};
    if (tp_triage_cache_env(&o->cache, &err) != 0) {
        tp_report("%s", err.msg);
        return TP_OPTS_ERROR;
    }
    tp_opts p;
    int key;
    tp_opts_init(&p, &tp_serve_spec, argc, argv);
    while ((key = tp_opts_next(&p)) > 0) {
        switch (key) {
        case 'l':
            o->listen = p.value;
            break;
        case 't': {
            char *end;
            long v = strtol(p.value, &end, 10);
            if (*end || v < 1 || v > MAX_THREADS) {
                tp_report("--threads takes a number from 1 to %d, not '%s'", MAX_THREADS, p.value);
                return TP_OPTS_ERROR;
            }
            o->threads = (int)v;
            break;
        }
        case 'k':
            o->kb = p.value;
            break;
        case 'L':
            o->log = 1;
            break;
        case 'p':
        case 'T': {
            char *end;
            long v = strtol(p.value, &end, 10);
            long lo = key == 'p' ? 0 : 1, hi = key == 'p' ? 100000 : 3600;
            if (*end || v < lo || v > hi) {
                tp_report("--%s takes a number from %ld to %ld, not '%s'",
                          key == 'p' ? "per-client" : "timeout", lo, hi, p.value);
                return TP_OPTS_ERROR;
            }
            *(key == 'p' ? &o->per_client : &o->timeout) = (int)v;
            break;
        }
        case 'r':
            tp_fhir_http_review_dir(p.value);
            break;
        case 'C':
            o->locale = p.value;
            break;
        case 'z':
            if (tp_triage_cache_parse(p.value, &o->cache) != 0) {
                tp_report("--cache-size takes a number of results from 0 to %d, not '%s'",
                          TP_RESULT_CACHE_MAX, p.value);
                return TP_OPTS_ERROR;
            }
            break;
        case 'Z':
            o->cache = 0;
            break;
        }
    }
    return key;
}

int tp_serve_main(int argc, char **argv, const char *version)
{
    S.version = version;
    int rc = parse_opts(argc, argv, &S.o);
    if (rc != TP_OPTS_END)
        return tp_opts_exit(rc);
    struct sockaddr_in sa;
    if (parse_listen(S.o.listen, &sa) != 0) {
        tp_report("--listen takes ADDR:PORT with an IPv4 address (127.0.0.1:8080), not '%s'",
                  S.o.listen);
        return TP_EXIT_USAGE;
    }
    tp_error err = {{0}};
    if (tp_mhd_load(&err) != 0) {
        tp_report("%s", err.msg);
        return TP_EXIT_SOFTWARE;
    }
    S.cur = kb_set_open(tp_kb_locate(S.o.kb), S.o.threads, S.o.cache, &err);
    if (!S.cur) {
        tp_report("%s", err.msg);
        return TP_EXIT_KB;
    }
    if (S.o.locale && !tp_kb_locale_known(S.cur->kb, S.o.locale)) {
        tp_report("--locale %s: no such locale or region (try gb, us, eu or a region such as DE)",
                  S.o.locale);
        kb_set_free(S.cur);
        return TP_EXIT_USAGE;
    }
    tp_buf why = {0};
    int problems = strict(S.cur, &why); /* a server starts only on what a reload accepts */
    if (problems) {
        tp_report("serve: the knowledge base in %s fails %d check%s, so the server does not "
                  "start (tptriage check --kb %s shows all):\n%s",
                  S.cur->kb->dir, problems, problems == 1 ? "" : "s", S.cur->kb->dir,
                  why.data ? why.data : "");
        tp_buf_free(&why);
        unref(S.cur);
        return TP_EXIT_KB;
    }
    tp_buf_free(&why);
    /* the server's threads inherit this mask: the signals come to sigwait */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGHUP);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    flags |= MHD_USE_EPOLL | MHD_USE_TURBO | MHD_USE_ITC; /* ITC: for the graceful stop */
    unsigned limit = connection_limit(S.o.threads);
    tp_guard_init(S.o.timeout);
    /* one thread: no pool (the option comes last, so that END ends the list) */
    S.d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER,
                           tp_guard_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                           MHD_OPTION_CONNECTION_LIMIT, limit, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
                           (unsigned)S.o.per_client, MHD_OPTION_CONNECTION_TIMEOUT,
                           (unsigned)S.o.timeout, MHD_OPTION_NOTIFY_CONNECTION, tp_guard_notify,
                           NULL, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
                           S.o.threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END,
                           (unsigned)S.o.threads, MHD_OPTION_END);
    if (!S.d) {
        tp_report("serve: cannot listen on %s (in use, or not an address of this machine?)",
                  S.o.listen);
        kb_set_free(S.cur);
        return TP_EXIT_SOFTWARE;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(S.d, MHD_DAEMON_INFO_BIND_PORT);
    char addr[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &sa.sin_addr, addr, sizeof addr);
    tp_report("serve: listening on http://%s:%u/ with %d thread%s, knowledge base %s (%s)", addr,
              info ? info->port : ntohs(sa.sin_port), S.o.threads, S.o.threads == 1 ? "" : "s",
              S.cur->kb->hash, S.cur->kb->dir);
    for (;;) {
        struct timespec tick = {1, 0};
        int sig = sigtimedwait(&sigs, NULL, &tick);
        if (sig < 0) { /* a second went by: cut the requests that are too slow */
            tp_guard_reap();
            continue;
        }
        if (sig == SIGHUP) {
            reload();
            continue;
        }
        break;
    }
    tp_report("serve: stopping: no new connections; answering the requests in flight (at most "
              "%d s)",
              STOP_GRACE);
    int left = tp_guard_drain(S.d, STOP_GRACE);
    if (left)
        tp_report("serve: %d request%s still in flight after %d s %s dropped", left,
                  left == 1 ? "" : "s", STOP_GRACE, left == 1 ? "is" : "are");
    MHD_stop_daemon(S.d);
    tp_report("serve: stopped");
    kb_set_free(S.cur);
    return TP_EXIT_OK;
}
