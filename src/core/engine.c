/* engine.c: the CLIPS 6.30 host. The only file that includes CLIPS headers.
 *
 * Pitfalls of the library this file deals with:
 *  - only the Env* API exists (no environment globals);
 *  - after an evaluation error the error and halt flags stay set and the
 *    environment silently stops firing: run() clears them;
 *  - Load reports syntax errors with no file or line and goes on loading: we
 *    feed one construct at a time through our own input router, counting
 *    lines, and the caller refuses the whole knowledge base on any error;
 *  - symbol strings may be freed by the next reset or garbage collection:
 *    the API says so and callers copy them. */
#include "engine.h"

#include "loaderr.h"
#include "util.h"

#include <clips/clips.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SRC_ROUTER "tp-src"
#define MAX_PHASES 8
#define MAX_SEEN 256
#define MAX_TMPLS 64  /* deftemplates found by name in a module, cached */
#define MAX_SLOTS 128 /* slot positions found by name, cached (a power of 2) */
#define MAX_SYMS 256  /* symbols the host asserts, cached (a power of 2) */

/* A deftemplate found by name in a module: lookups go through the module's
 * imports and hash the name, and the host asks for the same few often. */
struct tmpl_ent {
    char *name;   /* the name asked for (owned) */
    void *module; /* the current module then */
    void *tmpl;   /* what EnvFindDeftemplate answered (may be NULL) */
};

/* Where a slot of a deftemplate is in its facts, by the slot's name. */
struct slot_ent {
    struct deftemplate *tmpl; /* the template */
    const char *key;          /* the caller's string last asked with */
    int index;                /* 0-based field, or -1: no such slot */
};

/* A symbol the host asserts, by the caller's string (checked by content):
 * held with a count, so the address stays its own. */
struct sym_ent {
    const char *key; /* the caller's string */
    void *sym;       /* the symbol */
};

struct tp_engine {
    void *env;                        /* the CLIPS environment */
    char *msg;                        /* captured output of CLIPS */
    size_t msg_len, msg_cap;          /* its length and capacity */
    const char *src;                  /* construct text being loaded */
    size_t src_pos;                   /* read position in src */
    int src_line;                     /* line of src_pos, 1-based */
    int err_line;                     /* src_line when the first error was printed */
    void *answer_tmpl;                /* the answer deftemplate, once loaded */
    int answer_q, answer_v;           /* fields of its question and value slots, or -1 */
    struct tmpl_ent tmpls[MAX_TMPLS]; /* deftemplates found by name */
    int ntmpls;                       /* how many */
    struct slot_ent slots[MAX_SLOTS]; /* slot positions found by name, open addressing */
    int nslots;                       /* how many */
    struct sym_ent syms[MAX_SYMS];    /* symbols of answers, open addressing */
    int nsyms;                        /* how many */
    void *phases[MAX_PHASES];         /* modules focused before each run */
    int nphases;                      /* how many */
    void **case_facts;                /* answers asserted for the current case */
    int ncase, case_cap;              /* their count and capacity */
    int counting;                     /* firing counts on */
    int sandboxed;                    /* refuses constructs whose functions recurse */
    struct firing *firings;           /* per-rule firing counts */
    int nfirings, firings_cap;        /* their count and capacity */
    void **keys;                      /* detached strings' keys (symbols, held) */
    char **texts;                     /* the strings they stand for */
    int nkeys, keys_cap;              /* their count and capacity */
    int from_image;                   /* constructs came from an image */
    char *rule_blob;                  /* from an image: the rules' names and texts */
    const char **rule_names;          /* each rule's name, in tp_engine_rules order */
    const char **rule_texts;          /* and its text (CLIPS keeps none after bload) */
    int nrules;                       /* how many */
};

struct firing {
    char *rule; /* rule name */
    long n;     /* times fired */
};

/* ---- output capture ---------------------------------------------------- */

static tp_engine *engine_of(void *env)
{
    return GetEnvironmentContext(env);
}

static void msg_append(tp_engine *e, const char *s)
{
    size_t n = strlen(s);
    if (e->msg_len + n + 1 > e->msg_cap) {
        size_t cap = e->msg_cap ? e->msg_cap : 256;
        while (cap < e->msg_len + n + 1)
            cap *= 2;
        char *p = realloc(e->msg, cap);
        if (!p)
            return;
        e->msg = p;
        e->msg_cap = cap;
    }
    memcpy(e->msg + e->msg_len, s, n + 1);
    e->msg_len += n;
}

static int out_query(void *env, const char *name)
{
    (void)env;
    return strcmp(name, SRC_ROUTER) != 0 && strcmp(name, "stdin") != 0;
}

static int out_print(void *env, const char *name, const char *s)
{
    tp_engine *e = engine_of(env);
    if (strcmp(name, WERROR) == 0 && e->err_line == 0)
        e->err_line = e->src_line;
    msg_append(e, s);
    return 1;
}

static int out_exit(void *env, int code)
{
    (void)env;
    (void)code;
    return 1;
}

/* ---- construct input ---------------------------------------------------- */

static int src_query(void *env, const char *name)
{
    (void)env;
    return strcmp(name, SRC_ROUTER) == 0;
}

static int src_getc(void *env, const char *name)
{
    (void)name;
    tp_engine *e = engine_of(env);
    unsigned char c = (unsigned char)e->src[e->src_pos];
    if (c == 0)
        return EOF;
    e->src_pos++;
    if (c == '\n')
        e->src_line++;
    return c;
}

static int src_ungetc(void *env, int ch, const char *name)
{
    (void)name;
    tp_engine *e = engine_of(env);
    if (ch == EOF || e->src_pos == 0)
        return ch;
    e->src_pos--;
    if (e->src[e->src_pos] == '\n')
        e->src_line--;
    return ch;
}

/* ---- life cycle ------------------------------------------------------------ */

static void forget_names(tp_engine *e);

tp_engine *tp_engine_new(void)
{
    tp_engine *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->env = CreateEnvironment();
    if (!e->env) {
        free(e);
        return NULL;
    }
    SetEnvironmentContext(e->env, e);
    e->answer_q = e->answer_v = -1;
    EnvAddRouter(e->env, "tp-out", 40, out_query, out_print, NULL, NULL, out_exit);
    EnvAddRouter(e->env, SRC_ROUTER, 40, src_query, NULL, src_getc, src_ungetc, NULL);
    return e;
}

void tp_engine_free(tp_engine *e)
{
    if (!e)
        return;
    DestroyEnvironment(e->env);
    forget_names(e);
    for (int i = 0; i < e->nfirings; i++)
        free(e->firings[i].rule);
    free(e->firings);
    for (int i = 0; i < e->nkeys; i++)
        free(e->texts[i]);
    free(e->keys);
    free(e->texts);
    free(e->rule_blob);
    free(e->rule_names);
    free(e->rule_texts);
    free(e->case_facts);
    free(e->msg);
    free(e);
}

/* Functions rules may not call: they reach files, the system or the rule
 * parser, take control of the engine from the host, or loop inside one
 * firing where the firing limit cannot stop them. */
static const char *const denied_functions[] = {
    "system",
    "open",
    "close",
    "remove",
    "rename",
    "load",
    "load*",
    "batch",
    "batch*",
    "bsave",
    "bload",
    "save",
    "eval",
    "build",
    "save-facts",
    "load-facts",
    "dribble-on",
    "dribble-off",
    "exit",
    "bload-instances",
    "bsave-instances",
    "load-instances",
    "save-instances",
    "restore-instances",
    "constructs-to-c",
    "read",
    "readline",
    "format",
    "printout",
    "get-char",
    "put-char",
    "clear",
    "reset",
    "run",
    "set-strategy",
    "undefrule",
    "undeftemplate",
    "undeffacts",
    "undefmodule",
    "set-fact-duplication",
    "halt",
    "flush",
    "seek",
    "tell",
    "rewind",
    /* loops inside one firing, which the firing limit cannot stop */
    "while",
    "loop-for-count",
    NULL,
};

const char *const *tp_engine_denied_functions(void)
{
    return denied_functions;
}

void tp_engine_sandbox(tp_engine *e)
{
    for (size_t i = 0; denied_functions[i]; i++)
        UndefineFunction(e->env, denied_functions[i]);
    e->sandboxed = 1;
}

/* ---- loading -------------------------------------------------------------- */

/* Skips white space and ';' comments from *pos, counting lines. */
static void skip_blank(const char *t, size_t *pos, int *line)
{
    for (;;) {
        char c = t[*pos];
        if (c == '\n') {
            (*line)++;
            (*pos)++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
            (*pos)++;
        } else if (c == ';') {
            while (t[*pos] && t[*pos] != '\n')
                (*pos)++;
        } else {
            return;
        }
    }
}

/* Finds the end of the construct starting at pos (just past its closing
 * parenthesis), or of the text when it never closes. */
static size_t construct_end(const char *t, size_t pos)
{
    int depth = 0;
    for (; t[pos]; pos++) {
        char c = t[pos];
        if (c == '"') {
            for (pos++; t[pos] && t[pos] != '"'; pos++)
                if (t[pos] == '\\' && t[pos + 1])
                    pos++;
            if (!t[pos])
                return pos;
        } else if (c == ';') {
            while (t[pos + 1] && t[pos + 1] != '\n')
                pos++;
        } else if (c == '(') {
            depth++;
        } else if (c == ')') {
            if (--depth == 0)
                return pos + 1;
        }
    }
    return pos;
}

/* First line of the captured messages that says what went wrong. */
static void first_error(const char *msg, char *out, size_t outlen)
{
    const char *p = msg ? msg : "";
    while (*p == '\n')
        p++;
    const char *start = strstr(p, "[");
    if (!start)
        start = p;
    size_t n = strcspn(start, "\n");
    if (n == 0) {
        snprintf(out, outlen, "the rule engine refused this construct");
        return;
    }
    snprintf(out, outlen, "%.*s", (int)n, start);
}

static int load_one(tp_engine *e, const char *file, const char *text, size_t start, size_t end,
                    int line, char *err, size_t errlen)
{
    char *piece = strndup(text + start, end - start);
    if (!piece) {
        snprintf(err, errlen, "%s:%d: out of memory", file, line);
        return -1;
    }
    e->src = piece;
    e->src_pos = 0;
    e->src_line = line;
    e->err_line = 0;
    tp_engine_clear_messages(e);
    int rv = LoadConstructsFromLogicalName(e->env, SRC_ROUTER);
    int bad = rv != 1 || e->err_line != 0;
    if (bad)
        tp_loaderr_format(file, text, start, line, e->err_line, e->msg, err, errlen);
    e->src = NULL;
    free(piece);
    return bad ? -1 : 0;
}

/* The kind of the construct at t ("(deffunction ...") when it defines
 * functions that could call themselves (the sandbox refuses those), or NULL. */
static const char *const denied_constructs[] = {
    "deffunction", "defgeneric", "defmethod", "defmessage-handler", NULL,
};

const char *const *tp_engine_denied_constructs(void)
{
    return denied_constructs;
}

static const char *recursive_construct(const char *t)
{
    t += 1 + strspn(t + 1, " \t\r\n\f");
    size_t n = strcspn(t, " \t\r\n\f(");
    for (size_t i = 0; denied_constructs[i]; i++)
        if (strlen(denied_constructs[i]) == n && strncmp(t, denied_constructs[i], n) == 0)
            return denied_constructs[i];
    return NULL;
}

/* Forgets what was found by name: constructs are about to change. */
static void forget_names(tp_engine *e)
{
    for (int i = 0; i < e->ntmpls; i++)
        free(e->tmpls[i].name);
    e->ntmpls = 0;
    memset(e->slots, 0, sizeof e->slots);
    e->nslots = 0;
}

static int slot_index(tp_engine *e, struct deftemplate *t, const char *slot);

/* Where the answer template keeps the question (a single slot) and the value
 * (a multislot); -1 for both when it is not so, and answers then go through
 * the slower API by slot name. */
static void find_answer_slots(tp_engine *e)
{
    struct deftemplate *t = e->answer_tmpl;
    e->answer_q = e->answer_v = -1;
    if (!t || t->implied)
        return;
    int q = slot_index(e, t, "question"), v = slot_index(e, t, "value");
    if (q < 0 || v < 0)
        return;
    struct templateSlot *s = t->slotList;
    int qmulti = -1, vmulti = -1;
    for (int i = 0; s; i++, s = s->next) {
        if (i == q)
            qmulti = s->multislot;
        if (i == v)
            vmulti = s->multislot;
    }
    if (qmulti == 0 && vmulti == 1) {
        e->answer_q = q;
        e->answer_v = v;
    }
}

int tp_engine_load(tp_engine *e, const char *file, const char *text, char *err, size_t errlen)
{
    size_t pos = 0, prev = (size_t)-1;
    int line = 1, prev_line = 0;
    forget_names(e);
    e->answer_q = e->answer_v = -1;
    for (;;) {
        skip_blank(text, &pos, &line);
        if (!text[pos])
            break;
        if (text[pos] != '(') {
            tp_loaderr_stray(file, text, pos, line, prev, prev_line, err, errlen);
            return -1;
        }
        if (tp_loaderr_early(file, text, pos, line, prev, prev_line, err, errlen) != 0)
            return -1;
        prev = pos;
        prev_line = line;
        const char *refused = e->sandboxed ? recursive_construct(text + pos) : NULL;
        if (refused) {
            snprintf(err, errlen,
                     "%s:%d: %s is not allowed in a knowledge base (its functions could call "
                     "themselves until the program crashes)",
                     file, line, refused);
            return -1;
        }
        size_t end = construct_end(text, pos);
        if (tp_loaderr_unclosed(file, text, pos, end, line, err, errlen) != 0)
            return -1;
        if (load_one(e, file, text, pos, end, line, err, errlen) != 0)
            return -1;
        for (size_t i = pos; i < end; i++)
            if (text[i] == '\n')
                line++;
        pos = end;
    }
    forget_names(e);
    e->answer_tmpl = EnvFindDeftemplate(e->env, "answer");
    find_answer_slots(e);
    return 0;
}

/* ---- detached strings ------------------------------------------------------ */

/* A detached string's key: this mark and its index ("\x1f12"). */
#define KEY_MARK '\x1f'

/* The key of text: made and held the first time, the same for the same text
 * after that. Returns NULL when a symbol of that name exists already (the
 * knowledge base wrote it: it is not ours to stand for anything). */
static void *key_of(tp_engine *e, const char *text)
{
    for (int i = 0; i < e->nkeys; i++)
        if (strcmp(e->texts[i], text) == 0)
            return e->keys[i];
    char name[32];
    snprintf(name, sizeof name, "%c%d", KEY_MARK, e->nkeys);
    if (FindSymbolHN(e->env, name))
        return NULL;
    if (e->nkeys == e->keys_cap) {
        int cap = e->keys_cap ? e->keys_cap * 2 : 64;
        void **k = realloc(e->keys, (size_t)cap * sizeof *k);
        if (!k)
            return NULL;
        e->keys = k;
        char **t = realloc(e->texts, (size_t)cap * sizeof *t);
        if (!t)
            return NULL;
        e->texts = t;
        e->keys_cap = cap;
    }
    char *copy = strdup(text);
    if (!copy)
        return NULL;
    void *sym = EnvAddSymbol(e->env, name);
    IncrementSymbolCount(sym); /* held while the engine lives */
    e->keys[e->nkeys] = sym;
    e->texts[e->nkeys] = copy;
    e->nkeys++;
    return sym;
}

/* Replaces in x (and the expressions after it) every constant string given
 * to slot (0-based) of a fact of tmpl that assert makes. */
static int detach_in(tp_engine *e, struct expr *x, void *tmpl, int slot, void *assert_fn)
{
    int n = 0;
    for (; x; x = x->nextArg) {
        if (x->type == FCALL && x->value == assert_fn && x->argList &&
            x->argList->type == DEFTEMPLATE_PTR && x->argList->value == tmpl) {
            struct expr *v = x->argList->nextArg; /* the slots' values, in order */
            for (int k = 0; v && k < slot; k++)
                v = v->nextArg;
            int done = 0; /* a disjunct may share its actions */
            for (int i = 0; v && i < e->nkeys && !done; i++)
                done = e->keys[i] == v->value;
            void *key = v && v->type == STRING && !done ? key_of(e, ValueToString(v->value)) : NULL;
            if (key) {
                IncrementSymbolCount(key);
                DecrementSymbolCount(e->env, v->value);
                v->value = key;
                n++;
            }
        }
        n += detach_in(e, x->argList, tmpl, slot, assert_fn);
    }
    return n;
}

int tp_engine_detach(tp_engine *e, const char *tmpl, const char *slot)
{
    struct deftemplate *t = EnvFindDeftemplate(e->env, tmpl);
    void *assert_fn = FindFunction(e->env, "assert");
    int k = t ? slot_index(e, t, slot) : -1;
    if (k < 0 || !assert_fn)
        return 0;
    int n = 0;
    void *saved = EnvGetCurrentModule(e->env);
    for (void *m = EnvGetNextDefmodule(e->env, NULL); m; m = EnvGetNextDefmodule(e->env, m)) {
        EnvSetCurrentModule(e->env, m);
        for (void *r = EnvGetNextDefrule(e->env, NULL); r; r = EnvGetNextDefrule(e->env, r))
            for (struct defrule *d = r; d; d = d->disjunct)
                n += detach_in(e, d->actions, t, k, assert_fn);
    }
    EnvSetCurrentModule(e->env, saved);
    forget_names(e);
    return n;
}

/* ---- binary images ------------------------------------------------------------ */

/* An image file: what CLIPS's bsave wrote, then strings each ending in a
 * NUL: the detached strings in key order, then each rule's name and text in
 * tp_engine_rules order (CLIPS keeps no text of what it bloads); then this
 * tail. */
#define IMAGE_MAGIC "TPIMAGE1"
#define IMAGE_MAX (64u << 20)

struct image_tail {
    char magic[8];      /* IMAGE_MAGIC */
    char tag[48];       /* what the caller tied the image to (the kb hash), NUL-padded */
    uint64_t image_len; /* bytes of the CLIPS image, first in the file */
    uint64_t keys_len;  /* bytes of the strings after it */
    uint64_t nkeys;     /* how many detached strings */
    uint64_t nrules;    /* how many rules (two strings each) */
    uint64_t sum;       /* FNV-1a of every byte before the tail */
};

int tp_engine_has_text(tp_engine *e)
{
    return !e->from_image || e->nrules > 0;
}

struct rule_strs {
    tp_buf *b; /* where they go */
    int n;     /* rules written */
};

static int put_rule(void *ud, const tp_rule_info *r)
{
    struct rule_strs *w = ud;
    tp_buf_add(w->b, r->name, strlen(r->name) + 1);
    tp_buf_add(w->b, r->ppform ? r->ppform : "", strlen(r->ppform ? r->ppform : "") + 1);
    w->n++;
    return 0;
}

int tp_engine_image_save(tp_engine *e, const char *path, const char *tag, char *err, size_t errlen)
{
    if (strlen(tag) >= sizeof((struct image_tail *)0)->tag || e->from_image) {
        snprintf(err, errlen, "no image of this engine");
        return -1;
    }
    /* CLIPS writes to a file by name: a private one next to path, read back */
    size_t plen = strlen(path);
    char *tmp = tp_xmalloc(plen + 16);
    snprintf(tmp, plen + 16, "%s.bsaveXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
        free(tmp);
        return -1;
    }
    close(fd);
    tp_error e2 = {{0}};
    size_t len = 0;
    char *img = NULL;
    int ok = EnvBsave(e->env, tmp);
    tp_engine_clear_messages(e);
    if (ok)
        img = tp_read_file(tmp, IMAGE_MAX, &len, &e2);
    unlink(tmp);
    free(tmp);
    if (!img) {
        snprintf(err, errlen, "the rule engine wrote no image%s%s", e2.msg[0] ? ": " : "", e2.msg);
        return -1;
    }
    tp_buf b = {0};
    tp_buf_add(&b, img, len);
    free(img);
    size_t keys_at = b.len;
    for (int i = 0; i < e->nkeys; i++)
        tp_buf_add(&b, e->texts[i], strlen(e->texts[i]) + 1);
    struct rule_strs rs = {&b, 0};
    tp_engine_rules(e, put_rule, &rs);
    struct image_tail t;
    memset(&t, 0, sizeof t);
    memcpy(t.magic, IMAGE_MAGIC, sizeof t.magic);
    memcpy(t.tag, tag, strlen(tag));
    t.image_len = keys_at;
    t.keys_len = b.len - keys_at;
    t.nkeys = (uint64_t)e->nkeys;
    t.nrules = (uint64_t)rs.n;
    t.sum = tp_hash(TP_HASH_INIT, b.data, b.len);
    tp_buf_add(&b, (const char *)&t, sizeof t);
    tp_error werr = {{0}};
    int rv = tp_write_file(path, b.data, b.len, TP_MODE_PRIVATE, &werr);
    if (rv != 0)
        snprintf(err, errlen, "%s", werr.msg);
    tp_buf_free(&b);
    return rv;
}

/* Whether constructs of the kinds the sandbox refuses came with an image. */
static int image_has_denied(tp_engine *e)
{
    int bad = 0;
    void *saved = EnvGetCurrentModule(e->env);
    for (void *m = EnvGetNextDefmodule(e->env, NULL); m && !bad;
         m = EnvGetNextDefmodule(e->env, m)) {
        EnvSetCurrentModule(e->env, m);
        bad = EnvGetNextDeffunction(e->env, NULL) || EnvGetNextDefgeneric(e->env, NULL);
        for (void *c = EnvGetNextDefclass(e->env, NULL); c && !bad;
             c = EnvGetNextDefclass(e->env, c)) {
            DEFCLASS *d = c;
            for (short i = 0; i < d->handlerCount && !bad; i++)
                bad = !d->handlers[i].system;
        }
    }
    EnvSetCurrentModule(e->env, saved);
    return bad;
}

static int count_rule(void *ud, const tp_rule_info *r)
{
    (void)r;
    ++*(int *)ud;
    return 0;
}

/* Whether the rules' texts read with the image name its rules in order. */
static int rule_texts_fit(tp_engine *e)
{
    int n = 0, saved = e->nrules;
    e->nrules = 0; /* count from CLIPS, names unchecked */
    tp_engine_rules(e, count_rule, &n);
    e->nrules = saved;
    return n == e->nrules;
}

int tp_engine_image_load(tp_engine *e, const char *path, const char *tag, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s", strerror(errno));
        return -1;
    }
    struct stat st;
    struct image_tail t;
    char *data = NULL;
    const char *why = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        why = "not a regular file";
    else if (st.st_size < (off_t)sizeof t || st.st_size > (off_t)IMAGE_MAX)
        why = "corrupt (wrong size)";
    size_t size = why ? 0 : (size_t)st.st_size;
    if (!why) {
        data = tp_xmalloc(size);
        size_t got = 0;
        while (got < size) {
            ssize_t n = read(fd, data + got, size - got);
            if (n <= 0)
                break;
            got += (size_t)n;
        }
        if (got != size)
            why = "cannot be read";
    }
    if (!why) {
        memcpy(&t, data + size - sizeof t, sizeof t);
        if (memcmp(t.magic, IMAGE_MAGIC, sizeof t.magic) != 0)
            why = "corrupt (not an image of this program)";
        else if (strnlen(t.tag, sizeof t.tag) == sizeof t.tag || strcmp(t.tag, tag) != 0)
            why = "made from another knowledge base";
        else if (t.image_len > size || t.keys_len > size ||
                 t.image_len + t.keys_len + sizeof t != size || t.nkeys > t.keys_len ||
                 t.nrules > t.keys_len || t.nkeys + 2 * t.nrules > t.keys_len ||
                 (t.keys_len && data[t.image_len + t.keys_len - 1] != 0))
            why = "corrupt (wrong sizes)";
        else if (tp_hash(TP_HASH_INIT, data, size - sizeof t) != t.sum)
            why = "corrupt (checksum)";
    }
    /* the strings the rules' keys stand for */
    const char *k = why ? NULL : data + t.image_len;
    for (uint64_t i = 0; !why && i < t.nkeys; i++) {
        if (k >= data + t.image_len + t.keys_len) {
            why = "corrupt (strings)";
            break;
        }
        char name[32];
        snprintf(name, sizeof name, "%c%d", KEY_MARK, (int)i);
        if (!key_of(e, k) || strcmp(ValueToString(e->keys[i]), name) != 0)
            why = "corrupt (strings)";
        k += strlen(k) + 1;
    }
    /* the rules' names and texts, kept as they are */
    if (!why && t.nrules) {
        const char *end = data + t.image_len + t.keys_len;
        e->rule_blob = tp_xmalloc((size_t)(end - k));
        memcpy(e->rule_blob, k, (size_t)(end - k));
        e->rule_names = tp_xmalloc((size_t)t.nrules * sizeof *e->rule_names);
        e->rule_texts = tp_xmalloc((size_t)t.nrules * sizeof *e->rule_texts);
        const char *p = e->rule_blob, *pend = e->rule_blob + (end - k);
        for (uint64_t i = 0; i < t.nrules; i++) {
            if (p >= pend) {
                why = "corrupt (rules)";
                break;
            }
            e->rule_names[i] = p;
            p += strlen(p) + 1;
            if (p >= pend) {
                why = "corrupt (rules)";
                break;
            }
            e->rule_texts[i] = p;
            p += strlen(p) + 1;
        }
        if (!why && p != pend)
            why = "corrupt (rules)";
        e->nrules = why ? 0 : (int)t.nrules;
    }
    free(data);
    if (!why) {
        /* CLIPS opens the file by name: the one checked, through the
         * descriptor, so a file renamed over path meanwhile is not read */
        char fdpath[64];
        snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
        tp_engine_clear_messages(e);
        if (!EnvBload(e->env, fdpath))
            why = "refused by the rule engine";
        else if (image_has_denied(e))
            why = "holds functions a knowledge base may not define";
        else if (e->nrules && !rule_texts_fit(e))
            why = "corrupt (the rules' names)";
    }
    close(fd);
    if (why) {
        snprintf(err, errlen, "%s", why);
        return -1;
    }
    e->from_image = 1;
    forget_names(e);
    e->answer_tmpl = EnvFindDeftemplate(e->env, "answer");
    find_answer_slots(e);
    return 0;
}

/* ---- running cases ------------------------------------------------------- */

int tp_engine_reset(tp_engine *e)
{
    for (int i = 0; i < e->ncase; i++)
        EnvDecrementFactCount(e->env, e->case_facts[i]);
    e->ncase = 0;
    SetEvaluationError(e->env, FALSE);
    SetHaltExecution(e->env, FALSE);
    EnvReset(e->env);
    return 0;
}

int tp_engine_set_phases(tp_engine *e, const char *const *modules, int n, char *err, size_t errlen)
{
    if (n > MAX_PHASES) {
        snprintf(err, errlen, "at most %d phases", MAX_PHASES);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        void *m = EnvFindDefmodule(e->env, modules[i]);
        if (!m) {
            snprintf(err, errlen, "no module named %s", modules[i]);
            return -1;
        }
        e->phases[i] = m;
    }
    e->nphases = n;
    return 0;
}

/* The symbol for s, from the cache when the same string was asserted before
 * (its content checked, so a caller's reused buffer cannot mislead it). */
static void *symbol_of(tp_engine *e, const char *s)
{
    size_t h = ((size_t)(uintptr_t)s >> 3) & (MAX_SYMS - 1);
    for (;;) {
        struct sym_ent *c = &e->syms[h];
        if (!c->key)
            break;
        if (c->key == s && strcmp(ValueToString(c->sym), s) == 0)
            return c->sym;
        h = (h + 1) & (MAX_SYMS - 1);
    }
    void *sym = EnvAddSymbol(e->env, s);
    if (e->nsyms < MAX_SYMS / 2) {
        IncrementSymbolCount(sym); /* held while cached: never freed, never reused */
        e->syms[h].key = s;
        e->syms[h].sym = sym;
        e->nsyms++;
    }
    return sym;
}

/* The answer's slots by name, through the API (for an answer template of
 * another shape than the schema's). */
static int put_answer_slots(tp_engine *e, struct fact *f, void *qsym, const tp_value *vals, int n)
{
    EnvAssignFactSlotDefaults(e->env, f);
    DATA_OBJECT q, v;
    q.type = SYMBOL;
    q.value = qsym;
    void *mf = EnvCreateMultifield(e->env, n);
    for (int i = 0; i < n; i++) {
        if (vals[i].sym) {
            SetMFType(mf, i + 1, SYMBOL);
            SetMFValue(mf, i + 1, symbol_of(e, vals[i].sym));
        } else {
            SetMFType(mf, i + 1, INTEGER);
            SetMFValue(mf, i + 1, EnvAddLong(e->env, vals[i].num));
        }
    }
    v.type = MULTIFIELD;
    v.value = mf;
    SetDOBegin(v, 1);
    SetDOEnd(v, n);
    return EnvPutFactSlot(e->env, f, "question", &q) && EnvPutFactSlot(e->env, f, "value", &v);
}

tp_fact *tp_engine_answer(tp_engine *e, const char *qid, const tp_value *vals, int n)
{
    if (!e->answer_tmpl)
        return NULL;
    struct fact *f = EnvCreateFact(e->env, e->answer_tmpl);
    if (!f)
        return NULL;
    void *qsym = symbol_of(e, qid);
    if (e->answer_q >= 0) {
        /* the schema's shape, checked at load: fill the two fields directly,
         * as EnvPutFactSlot would, then any other slot with its default */
        struct multifield *mf = CreateMultifield2(e->env, n);
        for (int i = 0; i < n; i++) {
            struct field *fl = &mf->theFields[i];
            if (vals[i].sym) {
                fl->type = SYMBOL;
                fl->value = symbol_of(e, vals[i].sym);
            } else {
                fl->type = INTEGER;
                fl->value = EnvAddLong(e->env, vals[i].num);
            }
        }
        f->theProposition.theFields[e->answer_q].type = SYMBOL;
        f->theProposition.theFields[e->answer_q].value = qsym;
        f->theProposition.theFields[e->answer_v].type = MULTIFIELD;
        f->theProposition.theFields[e->answer_v].value = mf;
        EnvAssignFactSlotDefaults(e->env, f);
    } else if (!put_answer_slots(e, f, qsym, vals, n)) {
        ReturnFact(e->env, f);
        return NULL;
    }
    if (e->ncase == e->case_cap) {
        int cap = e->case_cap ? e->case_cap * 2 : 64;
        void **p = realloc(e->case_facts, (size_t)cap * sizeof *p);
        if (!p) {
            ReturnFact(e->env, f);
            return NULL;
        }
        e->case_facts = p;
        e->case_cap = cap;
    }
    void *added = EnvAssert(e->env, f);
    if (!added)
        return NULL;
    EnvIncrementFactCount(e->env, added);
    e->case_facts[e->ncase++] = added;
    return added;
}

void tp_engine_forget(tp_engine *e, tp_fact *f)
{
    for (int i = 0; i < e->ncase; i++)
        if (e->case_facts[i] == (void *)f) {
            e->case_facts[i] = e->case_facts[--e->ncase];
            EnvDecrementFactCount(e->env, f);
            EnvRetract(e->env, f);
            return;
        }
}

void tp_engine_clear_case(tp_engine *e)
{
    for (int i = 0; i < e->ncase; i++) {
        EnvDecrementFactCount(e->env, e->case_facts[i]);
        EnvRetract(e->env, e->case_facts[i]);
    }
    e->ncase = 0;
}

static void count_firing(tp_engine *e, const char *rule)
{
    for (int i = 0; i < e->nfirings; i++)
        if (strcmp(e->firings[i].rule, rule) == 0) {
            e->firings[i].n++;
            return;
        }
    if (e->nfirings == e->firings_cap) {
        int cap = e->firings_cap ? e->firings_cap * 2 : 64;
        struct firing *p = realloc(e->firings, (size_t)cap * sizeof *p);
        if (!p)
            return;
        e->firings = p;
        e->firings_cap = cap;
    }
    e->firings[e->nfirings].rule = strdup(rule);
    e->firings[e->nfirings].n = 1;
    e->nfirings++;
}

static void after_firing(void *env)
{
    tp_engine *e = engine_of(env);
    struct defrule *r = EngineData(env)->ExecutingRule;
    if (e->counting && r)
        count_firing(e, EnvGetDefruleName(env, r));
}

void tp_engine_count_firings(tp_engine *e, int on)
{
    e->counting = on;
    if (on)
        EnvAddRunFunction(e->env, "tp-count", after_firing, 0);
    else
        EnvRemoveRunFunction(e->env, "tp-count");
}

long tp_engine_firings(tp_engine *e, const char *rule)
{
    for (int i = 0; i < e->nfirings; i++)
        if (strcmp(e->firings[i].rule, rule) == 0)
            return e->firings[i].n;
    return 0;
}

long tp_engine_run(tp_engine *e, long limit, char *err, size_t errlen)
{
    void *env = e->env;
    EnvClearFocusStack(env);
    for (int i = e->nphases - 1; i >= 0; i--)
        EnvFocus(env, e->phases[i]);
    long long fired = EnvRun(env, limit);
    if (GetEvaluationError(env) || GetHaltExecution(env)) {
        char what[512];
        first_error(e->msg, what, sizeof what);
        snprintf(err, errlen, "a rule failed while running: %s", what);
        SetEvaluationError(env, FALSE);
        SetHaltExecution(env, FALSE);
        EnvClearFocusStack(env);
        return -1;
    }
    if (fired >= limit) {
        void *next = EnvGetNextActivation(env, NULL);
        for (int i = 0; !next && i < e->nphases; i++) {
            EnvFocus(env, e->phases[i]);
            next = EnvGetNextActivation(env, NULL);
        }
        if (next) {
            snprintf(err, errlen,
                     "rules fired %ld times without coming to rest; rule %s keeps firing", limit,
                     EnvGetActivationName(env, next));
            EnvClearFocusStack(env);
            return -1;
        }
    }
    return (long)fired;
}

/* ---- reading facts --------------------------------------------------------- */

/* A deftemplate by name, as EnvFindDeftemplate finds it from the current
 * module, cached until constructs are loaded again. */
static void *find_template(tp_engine *e, const char *name)
{
    void *module = EnvGetCurrentModule(e->env);
    for (int i = 0; i < e->ntmpls; i++)
        if (e->tmpls[i].module == module && strcmp(e->tmpls[i].name, name) == 0)
            return e->tmpls[i].tmpl;
    void *t = EnvFindDeftemplate(e->env, name);
    if (e->ntmpls < MAX_TMPLS) {
        char *copy = strdup(name);
        if (copy) {
            e->tmpls[e->ntmpls].name = copy;
            e->tmpls[e->ntmpls].module = module;
            e->tmpls[e->ntmpls].tmpl = t;
            e->ntmpls++;
        }
    }
    return t;
}

/* The 0-based field of a named slot in facts of t, or -1 (no such slot, or
 * an implied template, which has no named slots); cached by the caller's
 * string, checked by content. */
static int slot_index(tp_engine *e, struct deftemplate *t, const char *slot)
{
    size_t h =
        (((size_t)(uintptr_t)t >> 4) ^ ((size_t)(uintptr_t)slot >> 2) * 31) & (MAX_SLOTS - 1);
    struct slot_ent *c = NULL;
    for (; e->slots[h].tmpl; h = (h + 1) & (MAX_SLOTS - 1))
        if (e->slots[h].tmpl == t && e->slots[h].key == slot) {
            c = &e->slots[h];
            break;
        }
    if (c && c->index >= 0) {
        struct templateSlot *s = t->slotList;
        for (int k = 0; k < c->index && s; k++)
            s = s->next;
        if (s && strcmp(ValueToString(s->slotName), slot) == 0)
            return c->index;
    }
    /* not seen, or the caller's string holds another name now */
    int index = -1;
    if (!t->implied) {
        int k = 0;
        for (struct templateSlot *s = t->slotList; s; s = s->next, k++)
            if (strcmp(ValueToString(s->slotName), slot) == 0) {
                index = k;
                break;
            }
    }
    if (!c && e->nslots < MAX_SLOTS / 2) {
        c = &e->slots[h]; /* the free entry that ended the search */
        e->nslots++;
    }
    if (c) {
        c->tmpl = t;
        c->key = slot;
        c->index = index;
    }
    return index;
}

/* A fact's field of a named slot, or NULL: no such slot, or no value. */
static struct field *slot_field(tp_engine *e, tp_fact *f, const char *slot)
{
    struct fact *fa = (struct fact *)f;
    int i = slot_index(e, fa->whichDeftemplate, slot);
    if (i < 0 || fa->theProposition.theFields[i].type == RVOID)
        return NULL;
    return &fa->theProposition.theFields[i];
}

int tp_engine_has_template(tp_engine *e, const char *tmpl)
{
    return find_template(e, tmpl) != NULL;
}

int tp_engine_each(tp_engine *e, const char *tmpl, tp_fact_fn fn, void *ud)
{
    void *t = tmpl ? find_template(e, tmpl) : NULL;
    if (!t)
        return 0;
    for (void *f = EnvGetNextFactInTemplate(e->env, t, NULL); f;
         f = EnvGetNextFactInTemplate(e->env, t, f))
        if (fn(ud, f))
            return 1;
    return 0;
}

/* The text a detached string's key stands for (see tp_engine_detach), or
 * the string itself. */
static const char *undetach(tp_engine *e, void *sym)
{
    const char *s = ValueToString(sym);
    if (s[0] == KEY_MARK && e->nkeys) {
        long i = strtol(s + 1, NULL, 10);
        if (i >= 0 && i < e->nkeys && e->keys[i] == sym)
            return e->texts[i];
    }
    return s;
}

const char *tp_fact_str(tp_engine *e, tp_fact *f, const char *slot)
{
    struct field *d = slot_field(e, f, slot);
    if (!d || (d->type != SYMBOL && d->type != STRING))
        return NULL;
    return d->type == STRING ? undetach(e, d->value) : ValueToString(d->value);
}

int tp_fact_int(tp_engine *e, tp_fact *f, const char *slot, long long *out)
{
    struct field *d = slot_field(e, f, slot);
    if (!d || d->type != INTEGER)
        return -1;
    *out = ValueToLong(d->value);
    return 0;
}

int tp_fact_values(tp_engine *e, tp_fact *f, const char *slot, tp_value *out, int max)
{
    struct field *d = slot_field(e, f, slot);
    if (!d || d->type != MULTIFIELD)
        return 0;
    struct multifield *mf = d->value;
    long n = mf->multifieldLength;
    for (long i = 0; i < n && i < max; i++) {
        int type = mf->theFields[i].type;
        void *val = mf->theFields[i].value;
        if (type == INTEGER) {
            out[i].sym = NULL;
            out[i].num = ValueToLong(val);
        } else if (type == SYMBOL || type == STRING) {
            out[i].sym = ValueToString(val);
            out[i].num = 0;
        } else {
            out[i].sym = "?";
            out[i].num = 0;
        }
    }
    return (int)n;
}

const char *tp_fact_template(tp_engine *e, tp_fact *f)
{
    return EnvGetDeftemplateName(e->env, EnvFactDeftemplate(e->env, f));
}

/* ---- logical support --------------------------------------------------------- */

struct support_walk {
    void *seen[MAX_SEEN]; /* facts already visited */
    int nseen;            /* how many */
    void *stop;           /* deftemplate of derived facts not walked through */
    tp_fact_fn fn;        /* what to call for each base fact */
    void *ud;             /* its argument */
};

static int seen_before(struct support_walk *w, void *f)
{
    for (int i = 0; i < w->nseen; i++)
        if (w->seen[i] == f)
            return 1;
    if (w->nseen < MAX_SEEN)
        w->seen[w->nseen++] = f;
    return 0;
}

static int walk_support(tp_engine *e, struct fact *f, struct support_walk *w, int depth)
{
    if (depth > 32)
        return 0;
    for (struct dependency *d = f->factHeader.dependents; d; d = d->next) {
        struct partialMatch *pm = d->dPtr;
        for (unsigned i = 0; i < pm->bcount; i++) {
            struct alphaMatch *am = pm->binds[i].gm.theMatch;
            if (!am || !am->matchingItem)
                continue;
            struct patternEntity *pe = am->matchingItem;
            if (pe->theInfo != (struct patternEntityRecord *)&FactData(e->env)->FactInfo)
                continue;
            struct fact *base = (struct fact *)pe;
            if (seen_before(w, base))
                continue;
            if (base->factHeader.dependents && base->whichDeftemplate != w->stop) {
                if (walk_support(e, base, w, depth + 1))
                    return 1;
            } else if (w->fn(w->ud, (tp_fact *)base)) {
                return 1;
            }
        }
    }
    return 0;
}

int tp_engine_support(tp_engine *e, tp_fact *f, const char *stop, tp_fact_fn fn, void *ud)
{
    struct support_walk w;
    w.nseen = 0;
    w.stop = stop ? find_template(e, stop) : NULL;
    w.fn = fn;
    w.ud = ud;
    return walk_support(e, (struct fact *)f, &w, 0);
}

/* ---- rules ------------------------------------------------------------------ */

/* Every module's rules: EnvGetNextDefrule walks the current module only. */
int tp_engine_rules(tp_engine *e, tp_rule_fn fn, void *ud)
{
    void *saved = EnvGetCurrentModule(e->env);
    int stop = 0, i = 0;
    for (void *m = EnvGetNextDefmodule(e->env, NULL); m && !stop;
         m = EnvGetNextDefmodule(e->env, m)) {
        EnvSetCurrentModule(e->env, m);
        for (void *r = EnvGetNextDefrule(e->env, NULL); r && !stop;
             r = EnvGetNextDefrule(e->env, r)) {
            tp_rule_info info;
            info.name = EnvGetDefruleName(e->env, r);
            info.module = EnvDefruleModule(e->env, r);
            info.ppform = EnvGetDefrulePPForm(e->env, r);
            if (e->from_image) { /* the text kept with the image, by name and place */
                info.ppform = i < e->nrules && strcmp(e->rule_names[i], info.name) == 0
                                  ? e->rule_texts[i]
                                  : NULL;
                i++;
            }
            stop = fn(ud, &info);
        }
    }
    EnvSetCurrentModule(e->env, saved);
    return stop ? 1 : 0;
}

/* Finds a rule by name in any module (rule names are unique in a kb). */
static void *find_rule(tp_engine *e, const char *rule)
{
    void *r = strstr(rule, "::") ? EnvFindDefrule(e->env, rule) : NULL;
    for (void *m = EnvGetNextDefmodule(e->env, NULL); !r && m; m = EnvGetNextDefmodule(e->env, m)) {
        char full[256];
        snprintf(full, sizeof full, "%s::%s", EnvGetDefmoduleName(e->env, m), rule);
        r = EnvFindDefrule(e->env, full);
    }
    return r;
}

/* Whether the rule's first condition is a (not ...). */
static int first_negated(void *rule)
{
    struct joinNode *j = ((struct defrule *)rule)->lastJoin;
    while (j && !j->firstJoin && j->lastLevel)
        j = j->lastLevel;
    return j && j->patternIsNegated;
}

#define MAX_CE 64

/* Reads "Partial matches for CEs 1 (P1) - 2 (P2) , 3 (P3 - P4)": the
 * top-level condition each pattern belongs to, and how many patterns each
 * condition has. Returns the number of conditions. */
static int ce_groups(const char *spec, int *ce_of, int *width)
{
    int n = 0;
    for (const char *p = spec; *p && *p != '\n';) {
        char *end;
        long ce = strtol(p, &end, 10);
        if (end == p) {
            p++;
            continue;
        }
        p = end;
        while (*p == ' ')
            p++;
        long a = ce, b = ce;
        if (*p == '(') {
            a = strtol(p + 2, &end, 10); /* "(P3" */
            b = a;
            p = end;
            if (strncmp(p, " - P", 4) == 0) {
                b = strtol(p + 4, &end, 10);
                p = end;
            }
            p = strchr(p, ')') ? strchr(p, ')') + 1 : p;
        }
        if (ce < 1 || ce >= MAX_CE || a < 1 || b >= MAX_CE || a > b)
            continue;
        for (long k = a; k <= b; k++) {
            ce_of[k] = (int)ce;
            width[k] = (int)(b - a + 1);
        }
        n = (int)ce > n ? (int)ce : n;
    }
    return n;
}

static int is_none(const char *header)
{
    const char *nl = strchr(header, '\n');
    return nl && strncmp(nl + 1, " None", 5) == 0;
}

/* Works out from (matches RULE) how many leading top-level conditions match
 * together. Joins are printed "Partial matches for CEs 1 - k" (pattern k) or,
 * when a condition is a (not (and ...)), with the patterns of each condition
 * in parentheses; plain joins inside such a condition are skipped. */
static void parse_matches(const char *msg, int neg1, int *satisfied, int *total)
{
    static const char joins[] = "Partial matches for CEs ";
    static const char alpha[] = "Matches for Pattern ";
    int ce_of[MAX_CE], width[MAX_CE], npat = 0, nce = 0, failed = 0;
    for (int k = 0; k < MAX_CE; k++) {
        ce_of[k] = k;
        width[k] = 1;
    }
    for (const char *p = msg; (p = strstr(p, alpha)) != NULL; p++) {
        int k = atoi(p + sizeof alpha - 1);
        npat = k > npat ? k : npat;
    }
    for (const char *p = msg; (p = strstr(p, joins)) != NULL; p++) {
        const char *spec = p + sizeof joins - 1;
        const char *nl = strchr(spec, '\n');
        if (memchr(spec, '(', nl ? (size_t)(nl - spec) : strlen(spec))) {
            int n = ce_groups(spec, ce_of, width);
            nce = n > nce ? n : nce;
        }
    }
    if (npat >= MAX_CE)
        npat = MAX_CE - 1;
    *total = nce ? nce : npat;
    /* the first condition: its own matches, read the other way when negated */
    const char *m1 = strstr(msg, "Matches for Pattern 1\n");
    if (m1 && width[1] == 1 && is_none(m1) != neg1) {
        *satisfied = 0;
        return;
    }
    for (const char *p = msg; (p = strstr(p, joins)) != NULL; p++) {
        const char *spec = p + sizeof joins - 1;
        const char *nl = strchr(spec, '\n');
        int ce;
        if (nl && memchr(spec, '(', (size_t)(nl - spec))) {
            int c[MAX_CE], w[MAX_CE];
            ce = ce_groups(spec, c, w);
        } else {
            const char *dash = strstr(spec, " - ");
            int k = dash ? atoi(dash + 3) : 0;
            if (k < 1 || k >= MAX_CE || width[k] != 1)
                continue; /* inside a (not (and ...)) */
            ce = ce_of[k];
        }
        if (is_none(p) && (!failed || ce < failed))
            failed = ce;
    }
    *satisfied = failed ? failed - 1 : *total;
}

int tp_engine_rule_progress(tp_engine *e, const char *rule, int *satisfied, int *total)
{
    void *r = find_rule(e, rule);
    if (!r)
        return -1;
    tp_engine_clear_messages(e);
    DATA_OBJECT d;
    EnvMatches(e->env, r, VERBOSE, &d);
    parse_matches(e->msg ? e->msg : "", first_negated(r), satisfied, total);
    tp_engine_clear_messages(e);
    return 0;
}
/* ---- messages ----------------------------------------------------------------- */

const char *tp_engine_messages(tp_engine *e)
{
    return e->msg ? e->msg : "";
}

void tp_engine_clear_messages(tp_engine *e)
{
    e->msg_len = 0;
    if (e->msg)
        e->msg[0] = 0;
}
