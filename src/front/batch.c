/* batch.c: the batch command.
 *
 * Jobs (a file path, or one JSON line) are judged by a worker: in-process
 * with -j1, else by N forked processes, each with its own copy of the loaded
 * engine (CLIPS allows one thread per environment, calls exit() on fatal
 * errors and takes glibc's rand() lock on every activation; processes avoid
 * all three). Jobs go out in chunks, round robin. Each worker writes its own
 * results to stdout and stderr when its turn comes: the turn goes round the
 * workers in the order the chunks went out (a ring of pipes), so output is
 * byte-identical for every -j, and the results never pass through the
 * parent, which only hands out jobs and counts. Memory stays bounded: at most
 * MAX_INFLIGHT jobs per worker are out (not yet written) at once. */
#include "batch.h"

#include "csv.h"
#include "explain.h"
#include "fhir.h"
#include "jsonl.h"
#include "output.h"
#include "pool.h"
#include "statedir.h"
#include "streams.h"
#include "summary.h"
#include "triage.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHUNK 32        /* consecutive jobs given to one worker */
#define MAX_INFLIGHT 64 /* jobs out at one worker (bounds memory) */
#define MAX_WORKERS 64

/* Kinds of job: a symptom file (payload: its path), a JSON line, a CSV
 * record (payload: [u32 header length][header record][record]), or an input
 * that could not be read at all (payload: the message). */
enum { JOB_FILE = 'F', JOB_JSON = 'J', JOB_CSV = 'C', JOB_ERROR = 'E', JOB_FHIR = 'H' };
/* Formats of input: symptom files, JSON Lines, CSV, FHIR QuestionnaireResponses
 * (a JOB_FHIR's payload: "place\0resource JSON", from tp_fhir_split). */
enum { IN_SYM = 's', IN_JSONL = 'j', IN_CSV = 'c', IN_FHIR = 'h' };
enum { ST_BAD_INPUT = 1, ST_EXPECT_FAILED = 2 };
enum { RUN_IOERR = -2 }; /* run_parallel: a worker could not write its output */

/* ---- options and state ------------------------------------------------------------- */

typedef struct {
    tp_format fmt;            /* output format */
    int check;                /* compare expect lines */
    int jobs;                 /* workers */
    int summary;              /* counts on stderr at the end */
    int progress;             /* progress line: -1 auto, 0 off, 1 on */
    const char *kb;           /* --kb */
    int informat;             /* --input-format: IN_SYM, IN_JSONL, IN_CSV, or 0 (by name) */
    const char *errors_file;  /* --errors: every bad input with its error */
    const char *summary_json; /* --summary-json: the counts as JSON */
    const char **whynot;      /* --whynot: ids to say why-not for (json), in order */
    int nwhynot;              /* how many */
    int cache;                /* results kept by canonical answers (0: none) */
} batch_opts;

typedef struct {
    const tp_kb *kb;          /* the knowledge base */
    tp_triage *t;             /* the handle (this process's engine and judge) */
    batch_opts *o;            /* options */
    tp_case c;                /* case being judged (reused) */
    char *const *sources;     /* the inputs' paths, by job source index */
    tp_csv_header csv;        /* the CSV header last read */
    tp_buf csv_text;          /* its text, to know when it changes */
    const tp_rule_set *rules; /* the rules' shape, read once when --whynot is given */
} worker;

typedef struct {
    long cases;           /* judged or failed */
    long bad;             /* inputs that were bad */
    long failed;          /* cases whose expectations failed */
    tp_counts counts;     /* by summary key ("level x", "red-flag y", "error z") */
    int errors_fd;        /* --errors: its file, written a line per bad input as it comes, or -1 */
    int errors_failed;    /* writing it failed (said once) */
    const char *errors;   /* its name */
    double start;         /* when the run began */
    long total;           /* cases expected, or -1 if unknown */
    double last_progress; /* when the progress line was last drawn */
} tally;

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* ---- judging one job ---------------------------------------------------------------- */

/* What errors and unnamed cases of a stream call it: "stdin" or its path. */
static const char *source_name(char *const *sources, int src)
{
    return strcmp(sources[src], "-") == 0 ? "stdin" : sources[src];
}

static int parse_csv(worker *w, const char *where, const char *payload, size_t len, int line,
                     tp_error *err)
{
    uint32_t hlen = tp_get_u32(payload);
    const char *head = payload + 4;
    if (w->csv_text.len != hlen || memcmp(w->csv_text.data, head, hlen) != 0) {
        w->csv_text.len = 0;
        tp_buf_add(&w->csv_text, head, hlen);
        if (tp_csv_header_parse(&w->csv, w->kb, where, head, hlen, err) != 0)
            return -1;
    }
    return tp_csv_parse(&w->c, w->kb, &w->csv, where, line, head + hlen, len - 4 - hlen, err);
}

static int parse_fhir(worker *w, const char *payload, tp_error *err)
{
    const char *json = payload + strlen(payload) + 1;
    tp_case_reset(&w->c, payload);
    json_t *root = json_loads(json, 0, NULL); /* written by tp_fhir_split */
    int rv = tp_fhir_read_response(&w->c, w->kb, root, payload, err);
    json_decref(root);
    return rv;
}

static int parse_job(worker *w, int type, int src, const char *payload, size_t len, int line,
                     tp_error *err)
{
    if (type == JOB_JSON)
        return tp_jsonl_parse(&w->c, w->kb, source_name(w->sources, src), line, payload, len, err);
    if (type == JOB_CSV)
        return parse_csv(w, source_name(w->sources, src), payload, len, line, err);
    if (type == JOB_FHIR)
        return parse_fhir(w, payload, err);
    if (type == JOB_ERROR) { /* "name\0message" */
        size_t n = strlen(payload);
        tp_case_reset(&w->c, payload);
        tp_error_set(err, "%.*s", (int)(len - n - 1), payload + n + 1);
        return -1;
    }
    tp_case_reset(&w->c, payload);
    size_t flen;
    tp_error e = {{0}};
    char *text = tp_read_file(payload, TP_SYMFILE_MAX, &flen, &e);
    if (!text) {
        tp_error_set(err, "%s", e.msg);
        return -1;
    }
    int rv = tp_symfile_parse(&w->c, w->kb, payload, text, flen, err);
    free(text);
    return rv;
}

/* The kind of an error: its message without the place ("where:line: ").
 * Errors of one kind are counted together, and shown only a few times. */
static const char *error_kind(const char *msg, const char *where)
{
    size_t n = strlen(where);
    if (strncmp(msg, where, n) != 0)
        return msg;
    const char *p = msg + n;
    if (p[0] == ':' && p[1] >= '0' && p[1] <= '9') {
        p++;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return p[0] == ':' && p[1] == ' ' ? p + 2 : msg;
}

/* A bad input: its error on stderr and in the output, counted by kind, and
 * with --errors a JSON line for the errors file ('!' then the line). */
static int bad_input(worker *w, int type, int src, const char *payload, size_t len, const char *msg,
                     tp_buf *out, tp_buf *errs, tp_buf *sum)
{
    tp_buf_printf(errs, "tptriage: %s\n", msg);
    if (w->o->fmt == TP_FMT_FHIR)
        tp_fhir_line(tp_fhir_guidance_error(w->kb, w->c.name, msg), out);
    else
        tp_output_error(w->o->fmt, w->kb, w->c.name, msg, out);
    const char *where =
        type == JOB_FILE || type == JOB_FHIR ? payload : source_name(w->sources, src);
    const char *kind = error_kind(msg, where);
    tp_buf_puts(sum, "error ");
    for (; *kind; kind++) /* one line, whatever the message holds */
        tp_buf_add(sum, *kind == '\n' ? " " : kind, 1);
    tp_buf_puts(sum, "\n");
    if (w->o->errors_file) {
        tp_buf_puts(sum, "!{\"case\":");
        tp_output_json_string(sum, w->c.name);
        tp_buf_puts(sum, ",\"error\":");
        tp_output_json_string(sum, msg);
        if (type == JOB_JSON || type == JOB_CSV || type == JOB_FHIR) {
            tp_buf text = {0};
            size_t skip = type == JOB_CSV    ? 4 + tp_get_u32(payload)
                          : type == JOB_FHIR ? strlen(payload) + 1
                                             : 0;
            tp_buf_add(&text, payload + skip, len - skip);
            tp_buf_puts(sum, ",\"input\":");
            tp_output_json_string(sum, text.data ? text.data : "");
            tp_buf_free(&text);
        }
        tp_buf_puts(sum, "}\n");
    }
    return ST_BAD_INPUT;
}

/* --whynot: the JSON line just written gains "whynot": {ID: words} for each
 * id not reached, the first failing condition as the session's :whynot
 * says it. The worker writes the whole line, so the frame carries it. */
static void add_whynot(worker *w, const tp_result *r, tp_buf *out)
{
    size_t end = out->len;
    while (end > 0 && out->data[end - 1] != '}')
        end--;
    if (end == 0)
        return;
    out->len = end - 1;
    tp_buf_puts(out, ",\"whynot\":{");
    tp_explain x = {w->kb, w->rules, w->t, r, 0, NULL};
    tp_buf words = {0};
    int n = 0;
    for (int i = 0; i < w->o->nwhynot; i++) {
        words.len = 0;
        if (tp_explain_whynot_line(&x, w->o->whynot[i], &words) != 0)
            continue;
        tp_buf_puts(out, n++ ? "," : "");
        tp_output_json_string(out, w->o->whynot[i]);
        tp_buf_puts(out, ":");
        tp_output_json_string(out, words.data ? words.data : "");
    }
    tp_buf_free(&words);
    tp_buf_puts(out, "}}\n");
}

static int process_job(worker *w, int type, int src, const char *payload, size_t len, int line,
                       tp_buf *out, tp_buf *errs, tp_buf *sum)
{
    tp_error err = {{0}};
    tp_result r;
    if (parse_job(w, type, src, payload, len, line, &err) != 0)
        return bad_input(w, type, src, payload, len, err.msg, out, errs, sum);
    if (tp_triage_result(w->t, &w->c, &r, &err) != 0) {
        char msg[sizeof err.msg + 300];
        snprintf(msg, sizeof msg, "%s: %s", w->c.name, err.msg);
        return bad_input(w, type, src, payload, len, msg, out, errs, sum);
    }
    if (w->o->fmt == TP_FMT_FHIR)
        tp_fhir_line(tp_fhir_guidance(w->kb, w->c.name, &r), out);
    else
        tp_output_case(w->o->fmt, w->kb, w->c.name, &r, out);
    if (w->o->nwhynot)
        add_whynot(w, &r, out);
    tp_summary_keys(w->kb, &r, sum);
    if (w->o->check && tp_result_check(w->kb, &w->c, &r, errs) > 0)
        return ST_EXPECT_FAILED;
    return 0;
}

/* ---- the tally --------------------------------------------------------------------------- */

/* One --errors line, written to its file at once (whole, so the file is
 * complete up to the last bad input even if the run is stopped), never
 * kept in memory. */
static void write_error_line(tally *t, const char *line, size_t n)
{
    if (t->errors_fd < 0 || t->errors_failed)
        return;
    while (n > 0) {
        ssize_t k = write(t->errors_fd, line, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            tp_report("--errors: %s: cannot write: %s", t->errors,
                      k == 0 ? strerror(ENOSPC) : strerror(errno));
            t->errors_failed = 1;
            return;
        }
        line += k;
        n -= (size_t)k;
    }
}

static void tally_result(tally *t, int status, const char *sum, size_t len)
{
    t->cases++;
    if (status & ST_BAD_INPUT)
        t->bad++;
    if (status & ST_EXPECT_FAILED)
        t->failed++;
    while (len > 0) {
        const char *nl = memchr(sum, '\n', len);
        size_t n = nl ? (size_t)(nl - sum) : len;
        if (n && sum[0] == '!')
            write_error_line(t, sum + 1, nl ? n : n - 1); /* an --errors line, its \n */
        else if (n)
            tp_counts_add(&t->counts, sum, n);
        sum += n + (nl ? 1 : 0);
        len -= n + (nl ? 1 : 0);
    }
}

static int by_key(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void print_summary(const tp_kb *kb, tally *t)
{
    double secs = tp_now() - t->start;
    fprintf(stderr,
            "summary: %ld cases in %.2f s (%.0f cases/s); %ld bad input; %ld failed "
            "expectations\n",
            t->cases, secs, secs > 0 ? (double)t->cases / secs : 0.0, t->bad, t->failed);
    tp_summary_text(kb, &t->counts, stderr);
}

/* ---- repeated errors ------------------------------------------------------------------
 * Errors of one kind (the same message but for the place) are shown the
 * first ERROR_REPEATS times; a line at the end counts the rest. Whoever
 * writes results in turn (a worker, or the only process) counts here, in
 * memory shared by all workers, so what is shown is the same for every -j. */

#define ERROR_REPEATS 5
#define SEEN_SLOTS 8192

typedef struct {
    uint64_t hash; /* the kind's hash, 0 for a free slot */
    long count;    /* errors of this kind written so far */
} seen_slot;

static seen_slot *seen; /* SEEN_SLOTS slots, shared with the workers */

/* The slot of an error kind (key "error ..." of n bytes), claimed if new;
 * NULL when every slot is taken by other kinds. */
static seen_slot *seen_slot_of(const char *key, size_t n)
{
    uint64_t h = tp_hash(TP_HASH_INIT, key, n) | 1;
    for (size_t i = h % SEEN_SLOTS, k = 0; k < SEEN_SLOTS; i = (i + 1) % SEEN_SLOTS, k++) {
        if (seen[i].hash == 0)
            seen[i].hash = h;
        if (seen[i].hash == h)
            return &seen[i];
    }
    return NULL;
}

/* Whether the error of a result whose summary keys are sum is shown. */
static int show_error(const char *sum, size_t len)
{
    if (!seen || len < 6 || memcmp(sum, "error ", 6) != 0)
        return 1;
    const char *nl = memchr(sum, '\n', len);
    seen_slot *slot = seen_slot_of(sum, nl ? (size_t)(nl - sum) : len);
    return !slot || ++slot->count <= ERROR_REPEATS; /* no slot: show them all */
}

/* At the end: how many errors of each kind were not shown. */
static void report_repeats(const tally *t, const batch_opts *o)
{
    int any = 0;
    for (int i = 0; seen && i < t->counts.n; i++) {
        const char *key = t->counts.keys[i];
        seen_slot *slot = strncmp(key, "error ", 6) == 0 ? seen_slot_of(key, strlen(key)) : NULL;
        if (slot && slot->count > ERROR_REPEATS) {
            tp_report("%ld more errors like this were not shown: %s", slot->count - ERROR_REPEATS,
                      key + 6);
            any = 1;
        }
    }
    if (any && !o->errors_file)
        tp_report("(--errors FILE writes every bad input with its error)");
}

static void draw_progress(tally *t, int force)
{
    double now = tp_now();
    if (!force && now - t->last_progress < 0.25)
        return;
    t->last_progress = now;
    double secs = now - t->start;
    double rate = secs > 0 ? (double)t->cases / secs : 0;
    if (t->total > 0 && rate > 0)
        fprintf(stderr, "\r%ld/%ld cases, %.0f/s, %.0f s left   ", t->cases, t->total, rate,
                (double)(t->total - t->cases) / rate);
    else
        fprintf(stderr, "\r%ld cases, %.0f/s   ", t->cases, rate);
    if (force)
        fputc('\n', stderr);
}

/* ---- output ------------------------------------------------------------------------------------
 */

/* Output errors end the run with TP_EXIT_IOERR, reported once (streams.c). */
static void write_all(int fd, const char *p, size_t n)
{
    tp_write_fd(fd, p, n);
}

static void emit(tally *t, const batch_opts *o, int status, const char *out, size_t outlen,
                 const char *err, size_t errlen, const char *sum, size_t sumlen, tp_buf *stdout_buf)
{
    tp_buf_add(stdout_buf, out, outlen);
    if (errlen && show_error(sum, sumlen)) {
        write_all(1, stdout_buf->data, stdout_buf->len);
        stdout_buf->len = 0;
        if (o->progress == 1)
            fputc('\r', stderr);
        fflush(stderr);
        write_all(2, err, errlen);
    }
    if (stdout_buf->len > 65536) {
        write_all(1, stdout_buf->data, stdout_buf->len);
        stdout_buf->len = 0;
    }
    tally_result(t, status, sum, sumlen);
    if (o->progress == 1)
        draw_progress(t, 0);
}

/* Drops the consumed front of b (its first *pos bytes) once it is empty or
 * the front is large, so that a buffer that is never quite drained does not
 * grow with the length of the input. */
static void consume(tp_buf *b, size_t *pos)
{
    if (*pos == b->len) {
        b->len = *pos = 0;
    } else if (*pos >= 65536 && *pos >= b->len / 2) {
        memmove(b->data, b->data + *pos, b->len - *pos);
        b->len -= *pos;
        b->data[b->len] = 0;
        *pos = 0;
    }
}

/* ---- inputs -------------------------------------------------------------------------------------
 */

typedef struct {
    char **paths;      /* inputs to judge, in order ("-" is stdin) */
    char *formats;     /* each one's format: IN_SYM, IN_JSONL or IN_CSV */
    int npaths, next;  /* count and next to hand out */
    int reading;       /* reading a stream (JSON Lines or CSV) now */
    int fd;            /* the stream */
    int src;           /* its index in paths */
    int stdin_line;    /* lines read from the stream */
    tp_buf rb;         /* bytes read from the stream, not yet consumed */
    size_t rpos;       /* consumed part of rb */
    int skipping;      /* dropping the rest of an over-long line */
    int eof;           /* the stream reached its end */
    char *line;        /* the current line, NUL-terminated */
    size_t linecap;    /* its buffer size */
    const tp_kb *kb;   /* the knowledge base, for CSV headers */
    tp_buf header;     /* a CSV stream's header record, "" before it is read */
    tp_csv_header csv; /* the header read */
    tp_buf rec;        /* a CSV record, over one line or more */
    tp_buf job;        /* a CSV job's payload, or a JOB_ERROR's */
    tp_buf fhir;       /* a FHIR input's resources (tp_fhir_split's records) */
    size_t fpos;       /* the next one */
    int fsrc;          /* its index in paths */
} inputs;

static int ends_with_sym(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".sym") == 0 && name[0] != '.';
}

static int ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && strcmp(name + n - k, suffix) == 0;
}

/* The format of a path given on the command line: forced, or by its name. */
static int format_of(const char *p, int forced)
{
    if (forced)
        return forced;
    if (strcmp(p, "-") == 0 || ends_with(p, ".jsonl") || ends_with(p, ".ndjson"))
        return IN_JSONL;
    return ends_with(p, ".csv") ? IN_CSV : IN_SYM;
}

static void add_path(inputs *in, const char *p, int format)
{
    in->paths = tp_xrealloc(in->paths, (size_t)(in->npaths + 1) * sizeof *in->paths);
    in->formats = tp_xrealloc(in->formats, (size_t)(in->npaths + 1));
    in->formats[in->npaths] = (char)format;
    in->paths[in->npaths++] = tp_xstrdup(p);
}

/* Adds arg: a file or - in its format (forced, or by name), or a folder's
 * *.sym files. */
static int expand(inputs *in, const char *arg, int forced)
{
    struct stat st;
    if (strcmp(arg, "-") == 0) {
        add_path(in, "-", format_of(arg, forced));
        return 0;
    }
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) {
        add_path(in, arg, format_of(arg, forced)); /* a missing file is reported when judged */
        return 0;
    }
    DIR *d = opendir(arg);
    if (!d) {
        tp_report("%s: cannot open folder: %s", arg, strerror(errno));
        return -1;
    }
    char **names = NULL;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!ends_with_sym(de->d_name))
            continue;
        names = tp_xrealloc(names, (size_t)(n + 1) * sizeof *names);
        names[n++] = tp_xstrdup(de->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_key);
    size_t alen = strlen(arg);
    int slash = alen > 0 && arg[alen - 1] == '/';
    for (int i = 0; i < n; i++) {
        char full[PATH_MAX];
        snprintf(full, sizeof full, "%s%s%s", arg, slash ? "" : "/", names[i]);
        /* regular files only: reading a FIFO or a device could wait forever */
        if (stat(full, &st) == 0 && !S_ISREG(st.st_mode))
            tp_report("%s: skipped: %s, not a regular file", full, tp_file_kind(st.st_mode));
        else
            add_path(in, full, IN_SYM); /* one that cannot be read is reported when judged */
        free(names[i]);
    }
    free(names);
    return 0;
}

/* Whether reading the next job might wait for its stream. */
static int input_would_block(inputs *in)
{
    if (!in->reading || in->eof)
        return 0;
    if (memchr(in->rb.data + in->rpos, '\n', in->rb.len - in->rpos))
        return 0;
    struct pollfd p = {in->fd, POLLIN, 0};
    return poll(&p, 1, 0) <= 0;
}

/* Reads one line of the stream into in->line. Returns its length, -1 at the end,
 * or -2 for a line over the limit (which is skipped). */
static ssize_t read_line(inputs *in)
{
    for (;;) {
        char *start = in->rb.data ? in->rb.data + in->rpos : NULL;
        size_t avail = in->rb.len - in->rpos;
        char *nl = start ? memchr(start, '\n', avail) : NULL;
        if (nl || (in->eof && avail > 0)) {
            size_t n = nl ? (size_t)(nl - start) : avail;
            in->rpos += n + (nl ? 1 : 0);
            if (in->skipping) {
                in->skipping = 0;
                return -2;
            }
            if (n + 1 > in->linecap) {
                in->linecap = n + 1;
                in->line = tp_xrealloc(in->line, in->linecap);
            }
            memcpy(in->line, start, n);
            in->line[n] = 0;
            return (ssize_t)n;
        }
        if (in->eof)
            return -1;
        if (avail > TP_JSON_LINE_MAX) {
            in->skipping = 1;
            in->rpos = in->rb.len;
        }
        if (in->rpos > 0) {
            memmove(in->rb.data, in->rb.data + in->rpos, in->rb.len - in->rpos);
            in->rb.len -= in->rpos;
            in->rpos = 0;
        }
        int k = tp_fd_fill(in->fd, &in->rb);
        if (k <= 0)
            in->eof = 1;
        if (interrupted)
            return -1;
    }
}

/* An error for a whole input or an unreadable record: the JOB_ERROR payload
 * "name\0message" in in->job. */
static void error_job(inputs *in, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void error_job(inputs *in, const char *name, const char *fmt, ...)
{
    char msg[sizeof((tp_error *)0)->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    in->job.len = 0;
    tp_buf_add(&in->job, name, strlen(name) + 1);
    tp_buf_puts(&in->job, msg);
}

/* Starts reading the stream paths[src]; 0, or -1 with the message in
 * in->job (as a JOB_ERROR payload) when it cannot be opened. */
static int open_stream(inputs *in, int src)
{
    const char *p = in->paths[src];
    int fd = strcmp(p, "-") == 0 ? 0 : open(p, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error_job(in, p, "%s: cannot open: %s", p, strerror(errno));
        return -1;
    }
    in->reading = 1;
    in->fd = fd;
    in->src = src;
    in->eof = in->skipping = 0;
    in->rb.len = in->rpos = 0;
    in->stdin_line = 0;
    in->header.len = 0;
    return 0;
}

static void close_stream(inputs *in)
{
    if (in->fd > 0)
        close(in->fd);
    in->reading = 0;
}

/* A CSV record into in->rec: the line read, and the lines after it while a
 * quoted field is open. Returns 0, or -1 for a record over the limit (then
 * the JOB_ERROR payload is in in->job). */
static int csv_record(inputs *in, const char *where, size_t n)
{
    int first = in->stdin_line;
    in->rec.len = 0;
    tp_buf_add(&in->rec, in->line, n);
    int state = tp_csv_scan(0, in->line, n);
    while (state == TP_CSV_OPEN && in->rec.len <= TP_JSON_LINE_MAX) {
        ssize_t k = read_line(in);
        if (k == -1)
            break; /* the parser names the quote left open */
        in->stdin_line++;
        if (k == -2) {
            in->rec.len = TP_JSON_LINE_MAX + 1;
        } else {
            tp_buf_add(&in->rec, "\n", 1);
            tp_buf_add(&in->rec, in->line, (size_t)k);
            state = tp_csv_scan(state, in->line, (size_t)k);
        }
    }
    if (in->rec.len > TP_JSON_LINE_MAX) {
        char name[300];
        snprintf(name, sizeof name, "%s:%d", where, first);
        error_job(in, name, "%s: record longer than %u bytes", name, TP_JSON_LINE_MAX);
        return -1;
    }
    return 0;
}

/* Reads the FHIR input paths[src] whole and splits it into its resources
 * (in->fhir); 0, or -1 with a JOB_ERROR payload in in->job. */
static int read_fhir(inputs *in, int src)
{
    const char *p = in->paths[src];
    const char *name = strcmp(p, "-") == 0 ? "stdin" : p;
    tp_error e = {{0}};
    size_t n = 0;
    char *text = NULL;
    if (strcmp(p, "-") == 0) {
        tp_buf b = {0};
        while (b.len <= TP_FHIR_FILE_MAX && tp_fd_fill(0, &b) > 0)
            ;
        if (b.len > TP_FHIR_FILE_MAX)
            tp_error_set(&e, "stdin: larger than %u bytes", TP_FHIR_FILE_MAX);
        else
            text = b.data ? b.data : tp_xstrdup(""), n = b.len, b.data = NULL;
        tp_buf_free(&b);
    } else {
        text = tp_read_file(p, TP_FHIR_FILE_MAX, &n, &e);
    }
    if (!text) {
        error_job(in, name, "%s", e.msg);
        return -1;
    }
    in->fhir.len = in->fpos = 0;
    in->fsrc = src;
    tp_fhir_split(name, text, n, &in->fhir);
    free(text);
    return 0;
}

/* The next job: returns its type, or 0 at the end. *payload stays valid
 * until the next call. */
static int next_job(inputs *in, const char **payload, size_t *len, int *line, int *src)
{
    for (;;) {
        if (interrupted)
            return 0;
        if (in->fpos < in->fhir.len) {
            const char *where, *text;
            int t = tp_fhir_record(&in->fhir, &in->fpos, &where, &text);
            *src = in->fsrc;
            *line = 0;
            in->job.len = 0;
            tp_buf_add(&in->job, where, strlen(where) + 1);
            tp_buf_puts(&in->job, text);
            *payload = in->job.data;
            *len = in->job.len;
            return t == 'R' ? JOB_FHIR : JOB_ERROR;
        }
        if (in->reading) {
            const char *where = strcmp(in->paths[in->src], "-") == 0 ? "stdin" : in->paths[in->src];
            int csv = in->formats[in->src] == IN_CSV;
            ssize_t n = read_line(in);
            if (n == -1) {
                close_stream(in);
                continue;
            }
            *src = in->src;
            *line = ++in->stdin_line;
            if (n == -2) { /* a JOB_ERROR: never the over-long text itself */
                char name[300];
                snprintf(name, sizeof name, "%s:%d", where, *line);
                error_job(in, name, "%s: %s longer than %u bytes", name, csv ? "record" : "line",
                          TP_JSON_LINE_MAX);
                goto error;
            }
            if (*line == 1 && n >= 3 && memcmp(in->line, "\xef\xbb\xbf", 3) == 0) {
                memmove(in->line, in->line + 3, (size_t)n - 2); /* a byte-order mark */
                n -= 3;
            }
            if (csv && csv_record(in, where, (size_t)n) != 0)
                goto error;
            const char *text = csv ? in->rec.data : in->line;
            size_t tn = csv ? in->rec.len : (size_t)n;
            while (!csv && tn > 0 && in->line[tn - 1] == '\r')
                in->line[--tn] = 0;
            size_t i = 0;
            while (i < tn && (text[i] == ' ' || text[i] == '\t' || (csv && text[i] == '\r')))
                i++;
            if (i == tn)
                continue; /* blank lines are not cases */
            if (!csv) {
                *payload = in->line;
                *len = tn;
                return JOB_JSON;
            }
            if (in->header.len == 0) { /* the header record */
                tp_error err = {{0}};
                tp_buf_add(&in->header, text, tn);
                if (tp_csv_header_parse(&in->csv, in->kb, where, text, tn, &err) == 0)
                    continue;
                error_job(in, where, "%s", err.msg);
                close_stream(in);
                goto error;
            }
            in->job.len = 0; /* [u32 header length][header][record] */
            tp_put_u32(&in->job, (uint32_t)in->header.len);
            tp_buf_add(&in->job, in->header.data, in->header.len);
            tp_buf_add(&in->job, text, tn);
            *payload = in->job.data;
            *len = in->job.len;
            return JOB_CSV;
        }
        if (in->next >= in->npaths)
            return 0;
        int k = in->next++;
        *src = k;
        *line = 0;
        if (in->formats[k] == IN_FHIR) {
            if (read_fhir(in, k) == 0)
                continue;
            goto error;
        }
        if (in->formats[k] != IN_SYM) {
            if (open_stream(in, k) == 0)
                continue;
            goto error;
        }
        *payload = in->paths[k];
        *len = strlen(in->paths[k]);
        return JOB_FILE;
    }
error:
    *payload = in->job.data;
    *len = in->job.len;
    return JOB_ERROR;
}
/* ---- in-process run
 * ---------------------------------------------------------------------------------- */

static void run_inline(worker *w, inputs *in, tally *t)
{
    tp_buf out = {0}, errs = {0}, sum = {0}, pending = {0};
    const char *payload;
    size_t len;
    int line, type, src;
    for (;;) {
        if (pending.len && input_would_block(in)) {
            write_all(1, pending.data, pending.len);
            pending.len = 0;
        }
        if ((type = next_job(in, &payload, &len, &line, &src)) == 0)
            break;
        out.len = errs.len = sum.len = 0;
        int st = process_job(w, type, src, payload, len, line, &out, &errs, &sum);
        emit(t, w->o, st, out.data ? out.data : "", out.len, errs.data, errs.len,
             sum.data ? sum.data : "", sum.len, &pending);
    }
    write_all(1, pending.data ? pending.data : "", pending.len);
    tp_buf_free(&out);
    tp_buf_free(&errs);
    tp_buf_free(&sum);
    tp_buf_free(&pending);
}

/* ---- framing
 * -------------------------------------------------------------------------------------------- */

/* ---- the worker process
 * ----------------------------------------------------------------------------------- */

static int readable_now(int fd)
{
    struct pollfd p = {fd, POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

/* A worker's place in the ring of turns: workers write their own results to
 * stdout and stderr, chunk by chunk, in the order the chunks were handed
 * out (chunk k goes to worker k % n). Worker 0 has the first turn; a worker
 * that has written the last result of a chunk passes the turn to the next
 * through a pipe (one byte). The parent only counts. */
typedef struct {
    int turn_in;  /* read end: the turn arrives here */
    int turn_out; /* write end: the turn goes to the next worker */
    int has_turn; /* this worker may write now */
    long written; /* results of this worker written so far */
} ring;

/* Results judged but not yet written (waiting for the turn), as result
 * frames (pool.h). */
typedef struct {
    tp_buf q;     /* the frames */
    size_t qpos;  /* the first not yet written */
    tp_buf out;   /* stdout bytes written in this turn, not yet flushed */
    tp_buf acks;  /* frames for the parent (status and summary only) */
    int progress; /* a progress line may be on the terminal */
} held;

static void flush_stdout(held *h)
{
    write_all(1, h->out.data ? h->out.data : "", h->out.len);
    h->out.len = 0;
}

/* Writes what this turn allows: results in order, the turn passed on after
 * the last result of each chunk. */
static void write_turn(held *h, ring *r)
{
    tp_result_frame f;
    size_t flen;
    while (r->has_turn &&
           (flen = tp_result_frame_get(h->q.data + h->qpos, h->q.len - h->qpos, &f)) > 0) {
        tp_buf_add(&h->out, f.out, f.olen);
        if (f.elen && show_error(f.sum, f.slen)) { /* after the output before it */
            flush_stdout(h);
            if (h->progress)
                write_all(2, "\r", 1);
            write_all(2, f.err, f.elen);
        }
        /* the parent hears the status and what it counts, not the output */
        tp_result_frame ack = {f.status, NULL, 0, NULL, 0, f.sum, f.slen};
        tp_result_frame_put(&h->acks, &ack);
        h->qpos += flen;
        if (h->out.len > 65536)
            flush_stdout(h);
        if (++r->written % CHUNK == 0) {
            flush_stdout(h);
            write_all(r->turn_out, "t", 1);
            r->has_turn = 0;
        }
    }
    consume(&h->q, &h->qpos);
}

static void send_all(int fd, tp_buf *b)
{
    const char *p = b->data;
    size_t n = b->len;
    while (n > 0) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            _exit(TP_EXIT_BAD_INPUT);
        p += k;
        n -= (size_t)k;
    }
    b->len = 0;
}

/* Waits until the job socket is readable, taking the turn if it comes
 * while results wait for it. Returns what fill returns. */
static int wait_and_fill(int fd, tp_buf *in, held *h, ring *r)
{
    for (;;) {
        struct pollfd pf[2] = {{fd, POLLIN, 0}, {r->turn_in, POLLIN, 0}};
        int waiting = !r->has_turn && h->q.len > h->qpos;
        if (poll(pf, waiting ? 2 : 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            _exit(TP_EXIT_BAD_INPUT);
        }
        if (waiting && (pf[1].revents & (POLLIN | POLLHUP))) {
            char c;
            if (read(r->turn_in, &c, 1) == 1) {
                r->has_turn = 1;
                write_turn(h, r);
                flush_stdout(h);
                send_all(fd, &h->acks);
            }
        }
        if (pf[0].revents & (POLLIN | POLLHUP | POLLERR))
            return tp_fd_fill(fd, in);
    }
}

static void worker_loop(worker *w, int fd, ring *r, int progress)
{
    tp_buf in = {0}, res = {0}, errs = {0}, sum = {0}, job = {0};
    held h;
    memset(&h, 0, sizeof h);
    h.progress = progress;
    size_t pos = 0;
    for (;;) {
        /* judge every complete job we have */
        tp_job_frame f;
        size_t flen;
        while ((flen = tp_job_frame_get(in.data + pos, in.len - pos, &f)) > 0) {
            job.len = 0;
            tp_buf_add(&job, f.payload, f.len);
            res.len = errs.len = sum.len = 0;
            int st =
                process_job(w, f.type, (int)f.src, job.data, f.len, (int)f.line, &res, &errs, &sum);
            tp_result_frame rf = {st, res.data, res.len, errs.data, errs.len, sum.data, sum.len};
            tp_result_frame_put(&h.q, &rf);
            pos += flen;
            write_turn(&h, r);
            if (h.acks.len > 65536)
                send_all(fd, &h.acks);
        }
        consume(&in, &pos);
        /* before a read that could block: what may be written is written,
         * and the parent hears of it */
        if (!readable_now(fd)) {
            flush_stdout(&h);
            send_all(fd, &h.acks);
        }
        if (wait_and_fill(fd, &in, &h, r) <= 0)
            break;
    }
    flush_stdout(&h);
    _exit(0);
}

/* ---- the parent
 * ---------------------------------------------------------------------------------------------- */

typedef struct {
    pid_t pid;     /* the worker */
    int fd;        /* its socket */
    tp_buf send;   /* bytes still to send */
    size_t sent;   /* bytes of send already gone */
    tp_buf recv;   /* bytes received, not yet consumed */
    size_t rpos;   /* consumed part of recv */
    long inflight; /* jobs sent, results not yet taken */
} child;

/* What a worker process starts from. */
typedef struct {
    worker *w;      /* the loaded knowledge base and options */
    int (*turn)[2]; /* the n pipes of the ring of turns */
} start;

/* Worker k of n (in the child): keeps its ends of the ring, then works. */
static void start_worker(void *ud, int k, int n, int fd)
{
    start *st = ud;
    ring r = {st->turn[k][0], st->turn[(k + 1) % n][1], k == 0, 0};
    for (int i = 0; i < n; i++) {
        if (st->turn[i][0] != r.turn_in)
            close(st->turn[i][0]);
        if (st->turn[i][1] != r.turn_out)
            close(st->turn[i][1]);
    }
    signal(SIGINT, SIG_IGN);
    worker_loop(st->w, fd, &r, st->w->o->progress == 1);
}

/* Takes one complete result from c, if there is one, and emits it. */
static int take_result(child *c, tally *t, const batch_opts *o, tp_buf *pending)
{
    tp_result_frame f;
    size_t flen = tp_result_frame_get(c->recv.data + c->rpos, c->recv.len - c->rpos, &f);
    if (flen == 0)
        return 0;
    emit(t, o, f.status, f.out, f.olen, f.err, f.elen, f.sum, f.slen, pending);
    c->rpos += flen;
    consume(&c->recv, &c->rpos);
    c->inflight--;
    return 1;
}

static void queue_job(child *c, int type, int src, const char *payload, size_t len, int line)
{
    tp_job_frame f = {type, (uint32_t)line, (uint32_t)src, payload, len};
    tp_job_frame_put(&c->send, &f);
    c->inflight++;
}

static int pump(child *cs, int n, int timeout)
{
    struct pollfd pf[MAX_WORKERS];
    for (int i = 0; i < n; i++) {
        pf[i].fd = cs[i].fd;
        pf[i].events =
            (short)((cs[i].send.len > cs[i].sent ? POLLOUT : 0) | (cs[i].inflight ? POLLIN : 0));
        pf[i].revents = 0;
    }
    int r = poll(pf, (nfds_t)n, timeout);
    if (r < 0)
        return errno == EINTR ? 0 : -1;
    for (int i = 0; i < n; i++) {
        child *c = &cs[i];
        if (pf[i].revents & POLLOUT) {
            ssize_t k = send(c->fd, c->send.data + c->sent, c->send.len - c->sent, MSG_NOSIGNAL);
            if (k > 0)
                c->sent += (size_t)k;
            consume(&c->send, &c->sent);
        }
        if (pf[i].revents & (POLLIN | POLLHUP | POLLERR)) {
            int k = tp_fd_fill(c->fd, &c->recv);
            if (k == 0 && c->inflight) {
                int status = 0;
                waitpid(c->pid, &status, 0);
                if (WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE) {
                    /* the reader of stdout went away: leave as quietly as head(1) expects */
                    for (int x = 0; x < n; x++)
                        kill(cs[x].pid, SIGKILL);
                    signal(SIGPIPE, SIG_DFL);
                    raise(SIGPIPE);
                }
                if (WIFEXITED(status) && WEXITSTATUS(status) == TP_EXIT_IOERR)
                    return RUN_IOERR; /* the worker said why */
                char why[160];
                if (WIFSIGNALED(status))
                    tp_report("worker %d was killed by %s", i + 1,
                              tp_signal_text(WTERMSIG(status), why, sizeof why));
                else
                    tp_report("worker %d stopped unexpectedly (exit status %d)", i + 1,
                              WIFEXITED(status) ? WEXITSTATUS(status) : -1);
                return -1;
            }
        }
    }
    return 0;
}

static int run_parallel(worker *w, inputs *in, tally *t, int n)
{
    child cs[MAX_WORKERS];
    int turn[MAX_WORKERS][2];
    for (int i = 0; i < n; i++)
        if (pipe(turn[i]) != 0) {
            tp_report("cannot start workers: %s", strerror(errno));
            return -1;
        }
    tp_pool_worker pw[MAX_WORKERS];
    start st = {w, turn};
    tp_error err = {{0}};
    if (tp_pool_start(pw, n, start_worker, &st, &err) < n) {
        tp_report("%s", err.msg);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        memset(&cs[i], 0, sizeof cs[i]);
        cs[i].pid = pw[i].pid;
        cs[i].fd = pw[i].fd;
        fcntl(cs[i].fd, F_SETFL, fcntl(cs[i].fd, F_GETFL) | O_NONBLOCK);
    }
    for (int i = 0; i < n; i++) {
        close(turn[i][0]);
        close(turn[i][1]);
    }
    tp_buf pending = {0};
    long next_in = 0, next_out = 0;
    int done = 0, rv = 0;
    const char *payload;
    size_t len;
    int line, src;
    while (!done || next_out < next_in) {
        /* hand out jobs while the target worker has room */
        while (!done) {
            if (input_would_block(in)) {
                if (next_out < next_in)
                    break; /* deliver what is done before waiting for more input */
                if (pending.len) {
                    write_all(1, pending.data, pending.len);
                    pending.len = 0;
                }
            }
            child *c = &cs[(next_in / CHUNK) % n];
            if (c->inflight >= MAX_INFLIGHT)
                break;
            int type = next_job(in, &payload, &len, &line, &src);
            if (!type) {
                done = 1;
                break;
            }
            queue_job(c, type, src, payload, len, line);
            next_in++;
            if (c->send.len - c->sent > 262144)
                break;
        }
        /* emit results in order */
        while (next_out < next_in && take_result(&cs[(next_out / CHUNK) % n], t, w->o, &pending))
            next_out++;
        if (next_out == next_in && done)
            break;

        if ((rv = pump(cs, n, 1000)) != 0)
            break;
        while (next_out < next_in && take_result(&cs[(next_out / CHUNK) % n], t, w->o, &pending))
            next_out++;
    }
    write_all(1, pending.data ? pending.data : "", pending.len);
    tp_buf_free(&pending);
    /* close every socket before waiting: a later worker inherited the
     * parent's end of each earlier one, which sees its end of input only
     * when all copies are closed */
    for (int i = 0; i < n; i++) {
        close(cs[i].fd);
        if (rv != 0)
            kill(cs[i].pid, SIGKILL);
    }
    for (int i = 0; i < n; i++) {
        waitpid(cs[i].pid, NULL, 0);
        tp_buf_free(&cs[i].send);
        tp_buf_free(&cs[i].recv);
    }
    return rv;
}

/* ---- the command
 * ------------------------------------------------------------------------------------------- */

/* clang-format off */
static const tp_opt batch_options[] = {
    {'f', 'f', "format", "text|json|tsv|fhir", "a text report, JSON Lines, tab-separated values or FHIR GuidanceResponses"},
    {'c', 'c', "check", NULL, "compare each case with its expect lines"},
    {'j', 'j', "jobs", "N", "N worker processes (default: one per processor)"},
    {'s', 's', "summary", NULL, "print the counts of levels and conclusions"},
    {'S', 0, "summary-json", "FILE", "write the counts as JSON to FILE"},
    {'e', 0, "errors", "FILE", "write each input error as a JSON line to FILE"},
    {'i', 0, "input-format", "jsonl|csv|sym|fhir", "read each PATH as this format (fhir: QuestionnaireResponses)"},
    {'p', 0, "progress", NULL, "show progress on stderr (default on a terminal)"},
    {'P', 0, "no-progress", NULL, "show no progress"},
    {'w', 0, "whynot", "ID...", "with --format json: why level or conclusion ID was not reached"},
    {'k', 0, "kb", "DIR", "the knowledge base in DIR (also $TPTRIAGE_KB)"},
    {'z', 0, "cache-size", "N", "keep N results by their answers, per worker (default 4096; also $TPTRIAGE_RESULT_CACHE)"},
    {'Z', 0, "no-cache", NULL, "judge every case, even one whose answers came before"},
    {0, 0, NULL, NULL, NULL},
};
/* clang-format on */

const tp_optspec tp_batch_spec = {
    "batch",
    "PATH...",
    "judge symptom files, folders, JSON Lines or CSV files, or JSON Lines on stdin (-)",
    "PATH is a symptom file, a folder of *.sym files, a .jsonl or .ndjson file (JSON\n"
    "Lines), a .csv file (a header row of question ids), or - for JSON Lines on stdin.\n",
    1,
    batch_options};

static int parse_opts(int argc, char **argv, batch_opts *o, tp_opts *p)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    memset(o, 0, sizeof *o);
    o->fmt = TP_FMT_TEXT;
    o->jobs = ncpu > 0 ? (int)ncpu : 1;
    o->progress = -1;
    o->cache = TP_RESULT_CACHE_DEFAULT;
    tp_error err = {{0}};
    if (tp_triage_cache_env(&o->cache, &err) != 0) {
        tp_report("%s", err.msg);
        return TP_OPTS_ERROR;
    }
    int ch;
    tp_opts_init(p, &tp_batch_spec, argc, argv);
    while ((ch = tp_opts_next(p)) > 0) {
        const char *val = p->value;
        switch (ch) {
        case 'f':
            if (tp_format_parse(val, &o->fmt) != 0) {
                tp_report("--format takes text, json, tsv or fhir, not '%s'", val);
                return TP_OPTS_ERROR;
            }
            break;
        case 'c':
            o->check = 1;
            break;
        case 'j': {
            char *end;
            long v = strtol(val, &end, 10);
            if (*end || v < 1 || v > MAX_WORKERS) {
                tp_report("-j takes a number of workers from 1 to %d, not '%s'", MAX_WORKERS, val);
                return TP_OPTS_ERROR;
            }
            o->jobs = (int)v;
            break;
        }
        case 's':
            o->summary = 1;
            break;
        case 'k':
            o->kb = val;
            break;
        case 'p':
            o->progress = 1;
            break;
        case 'P':
            o->progress = 0;
            break;
        case 'e':
            o->errors_file = val;
            break;
        case 'S':
            o->summary_json = val;
            break;
        case 'w':
            o->whynot = tp_xrealloc(o->whynot, (size_t)(o->nwhynot + 1) * sizeof *o->whynot);
            o->whynot[o->nwhynot++] = val;
            break;
        case 'z':
            if (tp_triage_cache_parse(val, &o->cache) != 0) {
                tp_report("--cache-size takes a number of results from 0 to %d, not '%s'",
                          TP_RESULT_CACHE_MAX, val);
                return TP_OPTS_ERROR;
            }
            break;
        case 'Z':
            o->cache = 0;
            break;
        case 'i':
            o->informat = strcmp(val, "jsonl") == 0  ? IN_JSONL
                          : strcmp(val, "csv") == 0  ? IN_CSV
                          : strcmp(val, "sym") == 0  ? IN_SYM
                          : strcmp(val, "fhir") == 0 ? IN_FHIR
                                                     : -1;
            if (o->informat < 0) {
                tp_report("--input-format takes jsonl, csv, sym or fhir, not '%s'", val);
                return TP_OPTS_ERROR;
            }
            break;
        }
    }
    if (ch < 0)
        return ch;
    if (o->nwhynot && o->fmt != TP_FMT_JSON) {
        tp_report("batch: --whynot adds to JSON lines: give --format json too");
        return TP_OPTS_ERROR;
    }
    if (p->noperands == 0) {
        tp_report("batch: no PATH given (a .sym file, a folder, or - for JSON Lines on stdin)");
        return TP_OPTS_ERROR;
    }
    for (int i = 0; i < p->noperands; i++)
        if (o->informat == IN_SYM && strcmp(p->operands[i], "-") == 0) {
            tp_report("batch: - reads JSON Lines or CSV, not a symptom file (--input-format "
                      "jsonl or csv)");
            return TP_OPTS_ERROR;
        }
    return 0;
}

/* --errors: its file made empty (0600: it holds the bad inputs), written
 * as the run goes. Only a regular file (or none) is replaced: a link,
 * FIFO or device is refused. 0, or -1 said. */
static int open_errors(tally *t, const batch_opts *o)
{
    t->errors_fd = -1;
    if (!o->errors_file)
        return 0;
    tp_error err = {{0}};
    t->errors = o->errors_file;
    t->errors_fd = tp_open_regular(o->errors_file, O_WRONLY | O_CREAT, &err);
    if (t->errors_fd < 0 || ftruncate(t->errors_fd, 0) != 0 ||
        fchmod(t->errors_fd, TP_MODE_PRIVATE) != 0) {
        if (t->errors_fd >= 0)
            tp_error_set(&err, "%s: cannot write: %s", o->errors_file, strerror(errno));
        tp_report("--errors: %s", err.msg);
        return -1;
    }
    return 0;
}

/* --errors closed (its lines are written); --summary-json written whole,
 * through a temporary file. */
static int write_reports(const tp_kb *kb, tally *t, const batch_opts *o)
{
    tp_error err = {{0}};
    int rv = t->errors_failed ? -1 : 0;
    if (t->errors_fd >= 0 && close(t->errors_fd) != 0 && !t->errors_failed) {
        tp_report("--errors: %s: cannot write: %s", t->errors, strerror(errno));
        rv = -1;
    }
    t->errors_fd = -1;
    if (o->summary_json) {
        tp_buf b = {0};
        tp_totals tot = {t->cases, t->bad, t->failed};
        tp_summary_json(kb, &t->counts, &tot, &b);
        if (tp_write_file_atomic(o->summary_json, b.data, b.len, &err) != 0) {
            tp_report("--summary-json: %s", err.msg);
            rv = -1;
        }
        tp_buf_free(&b);
    }
    return rv;
}

static void free_inputs(inputs *in)
{
    for (int i = 0; i < in->npaths; i++)
        free(in->paths[i]);
    free(in->paths);
    free(in->formats);
    free(in->line);
    tp_buf_free(&in->rb);
    tp_buf_free(&in->header);
    tp_buf_free(&in->rec);
    tp_buf_free(&in->job);
    tp_buf_free(&in->fhir);
}

/* --whynot ids must name a level or a conclusion some rule gives; else the
 * usage error lists the levels. Returns 0 or -1. */
static int check_whynot(const tp_kb *kb, const batch_opts *o, const tp_rule_set *rs)
{
    for (int i = 0; i < o->nwhynot; i++) {
        const char *named = tp_explain_resolve(kb, rs, o->whynot[i]);
        if (named) { /* an id, or words that name one ("foam roller") */
            o->whynot[i] = named;
            continue;
        }
        tp_buf levels = {0};
        for (int l = 0; l < kb->nlevels; l++)
            tp_buf_printf(&levels, "%s%s", l ? ", " : "", kb->levels[l].id);
        tp_report("batch: --whynot %s: no level or conclusion has this id (levels: %s; or an id "
                  "a rule concludes, as in the JSON lists; tptriage batch --help)",
                  o->whynot[i], levels.data ? levels.data : "none");
        tp_buf_free(&levels);
        return -1;
    }
    return 0;
}

int tp_batch_main(int argc, char **argv)
{
    batch_opts o;
    tp_opts p;
    int rc = parse_opts(argc, argv, &o, &p);
    if (rc != 0) {
        free(o.whynot);
        return tp_opts_exit(rc);
    }
    inputs in;
    memset(&in, 0, sizeof in);
    for (int i = 0; i < p.noperands; i++)
        if (expand(&in, p.operands[i], o.informat) != 0) {
            free_inputs(&in);
            free(o.whynot);
            return TP_EXIT_BAD_INPUT;
        }
    int streams = 0; /* inputs whose number of cases is unknown */
    for (int i = 0; i < in.npaths; i++)
        streams += in.formats[i] != IN_SYM;
    tp_error err = {{0}};
    tp_triage *tri = tp_triage_open(o.kb, &err);
    if (!tri) {
        tp_report("%s", err.msg);
        free_inputs(&in);
        free(o.whynot);
        return TP_EXIT_KB;
    }
    const tp_kb *kb = tp_triage_kb(tri);
    in.kb = kb;
    worker w;
    memset(&w, 0, sizeof w);
    w.kb = kb;
    w.sources = in.paths;
    w.t = tri;
    w.o = &o;
    if (o.nwhynot) {
        w.rules = tp_triage_rules(tri);
        if (check_whynot(kb, &o, w.rules) != 0) {
            tp_triage_close(tri);
            free_inputs(&in);
            free(o.whynot);
            return TP_EXIT_USAGE;
        }
    }
    /* --whynot reads the engine after each case: every case is judged */
    tp_triage_cache(tri, o.nwhynot ? 0 : o.cache);
    tp_case_init(&w.c, "");
    tally t;
    memset(&t, 0, sizeof t);
    if (open_errors(&t, &o) != 0) {
        tp_case_free(&w.c);
        tp_triage_close(tri);
        free_inputs(&in);
        free(o.whynot);
        return TP_EXIT_IOERR;
    }
    t.start = tp_now();
    t.total = streams ? -1 : in.npaths;
    if (o.progress == -1)
        o.progress = isatty(2) ? 1 : 0;
    if (o.progress == 1)
        t.last_progress = t.start + 0.75; /* only runs longer than a second show it */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    tp_buf head = {0};
    tp_output_header(o.fmt, kb, &head);
    write_all(1, head.data ? head.data : "", head.len);
    tp_buf_free(&head);
    int rv = 0;
    seen = mmap(NULL, SEEN_SLOTS * sizeof *seen, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                -1, 0);
    if (seen == MAP_FAILED)
        seen = NULL; /* then every error is shown */
    int workers = o.jobs;
    if (workers > 1 && !streams && in.npaths < 2 * CHUNK)
        workers = 1; /* not worth forking */
    if (workers == 1)
        run_inline(&w, &in, &t);
    else
        rv = run_parallel(&w, &in, &t, workers);
    if (o.progress == 1 && t.cases > 0 && tp_now() - t.start > 1.0)
        draw_progress(&t, 1);
    report_repeats(&t, &o);
    if (o.summary)
        print_summary(kb, &t);
    int reports_failed = write_reports(kb, &t, &o) != 0;
    if (seen)
        munmap(seen, SEEN_SLOTS * sizeof *seen);
    tp_case_free(&w.c);
    tp_buf_free(&w.csv_text);
    free(o.whynot);
    tp_triage_close(tri);
    free_inputs(&in);
    tp_counts_free(&t.counts);
    if (rv == RUN_IOERR || reports_failed)
        return TP_EXIT_IOERR;
    if (interrupted)
        return TP_EXIT_INTERRUPT;
    if (rv != 0)
        return TP_EXIT_SOFTWARE; /* results are missing, and not for bad input */
    if (t.bad)
        return TP_EXIT_BAD_INPUT;
    if (t.failed)
        return TP_EXIT_EXPECT;
    return TP_EXIT_OK;
}
