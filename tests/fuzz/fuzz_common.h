/* fuzz_common.h: what the libFuzzer harnesses share: the shipped knowledge
 * base, loaded once per process, and a check that aborts (so that libFuzzer
 * keeps the input) when a property of the program does not hold. */
#ifndef TP_FUZZ_COMMON_H
#define TP_FUZZ_COMMON_H

#include "output.h"
#include "triage.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    tp_triage *t;    /* the shipped knowledge base, opened */
    const tp_kb *kb; /* what the host reads of it */
} fz_world;

/* Aborts with a message when cond is false: libFuzzer saves the input. */
#define FZ_CHECK(cond, ...)                                                                        \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz: property failed: %s: ", #cond);                                 \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static inline void fz_open(fz_world *w)
{
    tp_error err = {{0}};
    if (!(w->t = tp_triage_open(TP_SOURCE_DIR, &err))) {
        fprintf(stderr, "fuzz: the knowledge base did not load: %s\n", err.msg);
        exit(1);
    }
    w->kb = tp_triage_kb(w->t);
}

/* The harness's world, the shipped knowledge base opened once before the
 * first input, and the functions libFuzzer calls: a harness that needs no
 * more set-up writes FZ_WORLD(world) and LLVMFuzzerTestOneInput. */
#define FZ_WORLD(w)                                                                                \
    static fz_world w;                                                                             \
    int LLVMFuzzerInitialize(int *argc, char ***argv);                                             \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                                  \
    int LLVMFuzzerInitialize(int *argc, char ***argv)                                              \
    {                                                                                              \
        (void)argc;                                                                                \
        (void)argv;                                                                                \
        fz_open(&w);                                                                               \
        return 0;                                                                                  \
    }

/* Writes the case back as a symptom file, parses that again, and checks
 * that the same answers come back. */
static inline void fz_round_trip(fz_world *w, const tp_case *c)
{
    tp_buf sym = {0};
    tp_case back;
    tp_error err = {{0}};
    tp_symfile_write(c, w->kb, &sym);
    tp_case_init(&back, "round-trip");
    int rv = tp_symfile_parse(&back, w->kb, "round-trip", sym.data ? sym.data : "", sym.len, &err);
    FZ_CHECK(rv == 0, "%s", err.msg);
    FZ_CHECK(back.nanswers == c->nanswers, "%d answers became %d", c->nanswers, back.nanswers);
    for (int i = 0; i < c->nanswers; i++) {
        FZ_CHECK(back.answers[i].q == c->answers[i].q, "answer %d", i);
        FZ_CHECK(back.answers[i].nvals == c->answers[i].nvals, "answer %d", i);
    }
    tp_case_free(&back);
    tp_buf_free(&sym);
}

/* Every JSON line written must be one valid JSON object on one line. */
static inline void fz_check_json_line(const tp_buf *out)
{
    FZ_CHECK(out->len > 0 && out->data[out->len - 1] == '\n', "no line");
    FZ_CHECK(memchr(out->data, '\n', out->len) == out->data + out->len - 1, "several lines");
    json_error_t je;
    json_t *j = json_loadb(out->data, out->len, 0, &je);
    FZ_CHECK(j && json_is_object(j), "not JSON: %s", je.text);
    json_decref(j);
}

/* Judges a valid case and writes it in every format. */
static inline void fz_judge(fz_world *w, const tp_case *c)
{
    tp_result r;
    tp_error err = {{0}};
    tp_buf out = {0};
    if (tp_triage_case(w->t, c, &r, &err) != 0) {
        /* the shipped rules always come to rest */
        FZ_CHECK(0, "the rules failed on a valid case: %s", err.msg);
    }
    FZ_CHECK(r.level != NULL, "no level");
    tp_output_case(TP_FMT_JSON, w->kb, c->name, &r, &out);
    fz_check_json_line(&out);
    out.len = 0;
    tp_output_case(TP_FMT_TSV, w->kb, c->name, &r, &out);
    FZ_CHECK(memchr(out.data, '\n', out.len) == out.data + out.len - 1, "TSV on several lines");
    out.len = 0;
    tp_output_case(TP_FMT_TEXT, w->kb, c->name, &r, &out);
    tp_buf_free(&out);
}

#endif
