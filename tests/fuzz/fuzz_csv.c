/* fuzz_csv.c: libFuzzer harness for the CSV reader.
 *
 * Every input is a CSV file (not NUL-terminated): split into records at line
 * ends outside quoted fields (tp_csv_scan, as batch does), the first record
 * the header, each later one a case. A refused header or record must give
 * one line of error naming the file and the record's line, fit for a JSON
 * error line; an accepted record must survive writing back as a symptom
 * file, and be judged without error in every output format. A record read
 * twice gives the same case (the reader keeps no state between records). */
#include "fuzz_common.h"

#include "csv.h"

FZ_WORLD(world)

/* An error must name the place, fit on one line, and make a valid JSON line. */
static void check_error(const tp_case *c, const tp_error *err, int line)
{
    char where[32];
    snprintf(where, sizeof where, "in.csv:%d: ", line);
    FZ_CHECK(strncmp(err->msg, where, strlen(where)) == 0, "error without place %s: %s", where,
             err->msg);
    FZ_CHECK(strchr(err->msg, '\n') == NULL, "error spans lines: %s", err->msg);
    tp_buf out = {0};
    tp_output_error(TP_FMT_JSON, world.kb, c->name, err->msg, &out);
    fz_check_json_line(&out);
    tp_buf_free(&out);
}

static void one_record(const tp_csv_header *h, const char *rec, size_t len, int line)
{
    tp_case c, again;
    tp_error err = {{0}}, err2 = {{0}};
    tp_case_init(&c, "");
    tp_case_init(&again, "");
    int rv = tp_csv_parse(&c, world.kb, h, "in.csv", line, rec, len, &err);
    int rv2 = tp_csv_parse(&again, world.kb, h, "in.csv", line, rec, len, &err2);
    FZ_CHECK(rv == rv2 && strcmp(err.msg, err2.msg) == 0 && strcmp(c.name, again.name) == 0 &&
                 c.nanswers == again.nanswers,
             "the same record read twice differs: [%s] [%s]", err.msg, err2.msg);
    if (rv != 0) {
        check_error(&c, &err, line);
    } else {
        FZ_CHECK(err.msg[0] == 0, "accepted with an error: %s", err.msg);
        fz_round_trip(&world, &c);
        fz_judge(&world, &c);
    }
    tp_case_free(&c);
    tp_case_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    tp_csv_header h;
    int have_header = 0, header_ok = 0, records = 0;
    size_t pos = 0;
    int lineno = 0;
    while (pos < size && records < 64) {
        /* one record: lines while a quoted field is open */
        size_t start = pos;
        int first = lineno + 1, state = 0;
        do {
            const char *nl = memchr(text + pos, '\n', size - pos);
            size_t end = nl ? (size_t)(nl - text) : size;
            state = tp_csv_scan(state, text + pos, end - pos);
            lineno++;
            pos = nl ? end + 1 : size;
        } while (state == TP_CSV_OPEN && pos < size);
        size_t len = pos - start;
        if (len > 0 && text[start + len - 1] == '\n')
            len--;
        records++;
        if (!have_header) {
            tp_error err = {{0}};
            have_header = 1;
            header_ok = tp_csv_header_parse(&h, world.kb, "in.csv", text + start, len, &err) == 0;
            if (!header_ok) {
                tp_case c;
                tp_case_init(&c, "in.csv");
                check_error(&c, &err, 1);
                tp_case_free(&c);
                return 0;
            }
            continue;
        }
        one_record(&h, text + start, len, first);
    }
    return 0;
}
