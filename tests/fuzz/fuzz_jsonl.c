/* fuzz_jsonl.c: libFuzzer harness for the JSON Lines reader.
 *
 * Every input is one JSON line (not NUL-terminated, as batch hands it over).
 * A refused line must give an error naming where it came from and a valid
 * JSON error line; an accepted one must survive writing back as a symptom
 * file, and be judged without error in every output format (ids with tabs,
 * newlines or bad bytes must not break a TSV or JSON line). */
#include "fuzz_common.h"

#include "jsonl.h"

static fz_world world;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fz_open(&world);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tp_case c;
    tp_error err = {{0}};
    tp_buf out = {0};
    tp_case_init(&c, "");
    if (tp_jsonl_parse(&c, &world.kb, "stdin", 7, (const char *)data, size, &err) != 0) {
        FZ_CHECK(strncmp(err.msg, "stdin:7: ", 9) == 0, "error without place: %s", err.msg);
        tp_output_error(TP_FMT_JSON, &world.kb, c.name, err.msg, &out);
        fz_check_json_line(&out);
        out.len = 0;
        tp_output_error(TP_FMT_TSV, &world.kb, c.name, err.msg, &out);
        FZ_CHECK(memchr(out.data, '\n', out.len) == out.data + out.len - 1, "TSV on several lines");
    } else {
        fz_round_trip(&world, &c);
        fz_judge(&world, &c);
    }
    tp_buf_free(&out);
    tp_case_free(&c);
    return 0;
}
