/* fuzz_symfile.c: libFuzzer harness for the symptom-file parser.
 *
 * Every input is parsed as a .sym file (not NUL-terminated, as read from
 * disk). A refused file must give an error naming it; an accepted one must
 * survive writing back and parsing again, and be judged by the shipped rules
 * without error in every output format. */
#include "fuzz_common.h"

FZ_WORLD(world)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tp_case c;
    tp_error err = {{0}};
    tp_case_init(&c, "input.sym");
    if (tp_symfile_parse(&c, world.kb, "input.sym", (const char *)data, size, &err) != 0) {
        FZ_CHECK(strncmp(err.msg, "input.sym:", 10) == 0, "error without file: %s", err.msg);
        /* the error must be one line of text, fit for JSON */
        FZ_CHECK(strchr(err.msg, '\n') == NULL, "error spans lines: %s", err.msg);
        tp_buf out = {0};
        tp_output_error(TP_FMT_JSON, world.kb, c.name, err.msg, &out);
        fz_check_json_line(&out);
        tp_buf_free(&out);
    } else {
        fz_round_trip(&world, &c);
        fz_judge(&world, &c);
    }
    tp_case_free(&c);
    return 0;
}
