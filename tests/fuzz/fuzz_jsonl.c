/* fuzz_jsonl.c: libFuzzer harness for the JSON Lines reader.
 *
 * Every input is one JSON line (not NUL-terminated, as batch hands it over).
 * A refused line must give an error naming where it came from and a valid
 * JSON error line; an accepted one must survive writing back as a symptom
 * file, and be judged without error in every output format (ids with tabs,
 * newlines or bad bytes must not break a TSV or JSON line). The fast reader
 * for plain lines must agree with the jansson reader on every input: same
 * return, same message, same name, same answers. */
#include "fuzz_common.h"

#include "jsonl.h"

FZ_WORLD(world)

/* Whether the jansson reader reads the line as the fast one did. */
static void check_same_as_jansson(const uint8_t *data, size_t size, int rv, const tp_case *c,
                                  const tp_error *err)
{
    tp_case ref;
    tp_error rerr = {{0}};
    tp_case_init(&ref, "");
    int rrv = tp_jsonl_parse_jansson(&ref, world.kb, "stdin", 7, (const char *)data, size, &rerr);
    FZ_CHECK(rv == rrv, "returns %d, jansson %d", rv, rrv);
    FZ_CHECK(strcmp(err->msg, rerr.msg) == 0, "error [%s], jansson [%s]", err->msg, rerr.msg);
    FZ_CHECK(strcmp(c->name, ref.name) == 0, "name [%s], jansson [%s]", c->name, ref.name);
    FZ_CHECK(c->nanswers == ref.nanswers, "%d answers, jansson %d", c->nanswers, ref.nanswers);
    for (int i = 0; i < c->nanswers; i++) {
        const tp_answer *x = &c->answers[i], *y = &ref.answers[i];
        FZ_CHECK(x->q == y->q && x->nvals == y->nvals && x->line == y->line,
                 "answer %d differs from jansson's", i);
        for (int k = 0; k < x->nvals; k++)
            FZ_CHECK(x->vals[k].sym == y->vals[k].sym && x->vals[k].num == y->vals[k].num,
                     "answer %d value %d differs from jansson's", i, k);
    }
    tp_case_free(&ref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tp_case c;
    tp_error err = {{0}};
    tp_buf out = {0};
    tp_case_init(&c, "");
    int rv = tp_jsonl_parse(&c, world.kb, "stdin", 7, (const char *)data, size, &err);
    check_same_as_jansson(data, size, rv, &c, &err);
    if (rv != 0) {
        FZ_CHECK(strncmp(err.msg, "stdin:7: ", 9) == 0, "error without place: %s", err.msg);
        tp_output_error(TP_FMT_JSON, world.kb, c.name, err.msg, &out);
        fz_check_json_line(&out);
        out.len = 0;
        tp_output_error(TP_FMT_TSV, world.kb, c.name, err.msg, &out);
        FZ_CHECK(memchr(out.data, '\n', out.len) == out.data + out.len - 1, "TSV on several lines");
    } else {
        fz_round_trip(&world, &c);
        fz_judge(&world, &c);
    }
    tp_buf_free(&out);
    tp_case_free(&c);
    return 0;
}
