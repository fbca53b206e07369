/* test_output.c: the JSON writer. Every line it writes must read back, with
 * jansson, as exactly the strings and results it was given. */
#include "output.h"
#include "testutil.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static tu_world w; /* the fixture knowledge base, opened for each test */

static void setup(void)
{
    tu_world_open(&w, NULL);
}

static void teardown(void)
{
    tu_world_close(&w);
}

/* Parses one output line; fails the test unless it is one line of ASCII JSON. */
static json_t *read_line(const tp_buf *out)
{
    ck_assert_ptr_nonnull(out->data);
    ck_assert_msg(out->len > 0 && out->data[out->len - 1] == '\n', "no newline: %s", out->data);
    for (size_t i = 0; i < out->len; i++)
        ck_assert_msg((unsigned char)out->data[i] < 0x80 &&
                          (out->data[i] >= 0x20 || i == out->len - 1),
                      "byte %zu of %s is not printable ASCII", i, out->data);
    json_error_t je;
    json_t *o = json_loadb(out->data, out->len, JSON_REJECT_DUPLICATES, &je);
    ck_assert_msg(o != NULL, "not JSON (%s): %s", je.text, out->data);
    return o;
}

/* What a string must read back as: itself when it is UTF-8 (as jansson
 * judges it), or itself with every byte from 0x80 up as '?'. */
static char *expected(const char *s)
{
    json_t *j = json_string(s);
    char *want = strdup(s);
    if (!j) {
        for (char *p = want; *p; p++)
            if ((unsigned char)*p >= 0x80)
                *p = '?';
    }
    json_decref(j);
    return want;
}

static void check_round_trip(const char *s)
{
    tp_buf out = {0};
    tp_output_error(TP_FMT_JSON, w.kb, s, "message", &out);
    json_t *o = read_line(&out);
    char *want = expected(s);
    const char *got = json_string_value(json_object_get(o, "case"));
    ck_assert_msg(got && strcmp(got, want) == 0, "\"%s\" read back as \"%s\"", want,
                  got ? got : "(none)");
    ck_assert_str_eq(json_string_value(json_object_get(o, "error")), "message");
    free(want);
    json_decref(o);
    tp_buf_free(&out);
}

START_TEST(strings_read_back_as_written)
{
    static const char *const odd[] = {
        "",
        "plain",
        "quote \" backslash \\ slash /",
        "\x01\x02\b\f\n\r\t\x1f\x7f",
        "caf\xc3\xa9 \xe2\x98\x83 \xf0\x9f\x98\x80", /* 2, 3 and 4 bytes */
        "\xf4\x8f\xbf\xbf",                          /* U+10FFFF */
        "bad \xff",                                  /* never in UTF-8 */
        "\xc3\xa9 then bad \x80",                    /* a lone continuation */
        "\xc0\x80",                                  /* overlong NUL */
        "\xe0\x80\xaf",                              /* overlong '/' */
        "\xed\xa0\x80",                              /* a surrogate */
        "\xf4\x90\x80\x80",                          /* above U+10FFFF */
        "\xe2\x98",                                  /* cut short */
        "\xf0\x9f\x98",                              /* cut short */
    };
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
        check_round_trip(odd[i]);
}
END_TEST

START_TEST(random_bytes_read_back)
{
    unsigned seed = 20261126;
    char s[64];
    for (int n = 0; n < 20000; n++) {
        int len = (int)(rand_r(&seed) % (sizeof s - 1));
        for (int i = 0; i < len; i++) {
            int b = 1 + (int)(rand_r(&seed) % 255);
            /* mostly well-formed text, so that the escapes are reached too */
            s[i] = (char)(n % 3 == 0 ? b : (n % 3 == 1 ? 0x20 + b % 0x60 : (b < 0x80 ? b : 0xc3)));
            if (n % 3 == 2 && b >= 0x80 && i + 1 < len)
                s[++i] = (char)(0x80 + b % 0x40);
        }
        s[len] = 0;
        check_round_trip(s);
    }
}
END_TEST

static const char *str_at(json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    ck_assert_msg(v != NULL, "no string \"%s\"", key);
    return v;
}

/* A judged case's line holds the result it was given, field by field. */
START_TEST(result_fields_match_the_result)
{
    tp_case c;
    tu_case(&c, w.kb, "gamma = yes\nspot = upper\ntemp = 40\n");
    tp_result r;
    tp_error err = {{0}};
    ck_assert_int_eq(tp_judge_case(w.j, &c, &r, &err), 0);
    tp_buf out = {0};
    tp_output_case(TP_FMT_JSON, w.kb, "a \"name\"", &r, &out);
    json_t *o = read_line(&out);
    ck_assert_str_eq(str_at(o, "case"), "a \"name\"");
    ck_assert_str_eq(str_at(o, "kb"), w.kb->hash);
    ck_assert_ptr_nonnull(r.level);
    ck_assert_str_eq(str_at(o, "disposition"), r.level->id);
    ck_assert_str_eq(str_at(json_object_get(o, "level"), "todo"), r.level->todo);
    ck_assert(json_is_boolean(json_object_get(o, "stop_pressing")));
    json_t *ex = json_object_get(o, "explanations");
    ck_assert_int_eq((int)json_array_size(ex), r.nitems);
    int lists = 0;
    for (int i = 0; i < r.nitems; i++) {
        const tp_conclusion *k = &r.items[i];
        json_t *e = json_array_get(ex, (size_t)i);
        ck_assert_str_eq(str_at(e, "kind"), k->kind);
        ck_assert_str_eq(str_at(e, "conclusion"), k->id);
        ck_assert_str_eq(str_at(e, "rule"), k->rule);
        ck_assert_str_eq(str_at(e, "reason"), k->reason);
        ck_assert_str_eq(str_at(json_object_get(e, "source"), "id"), k->source_id);
        json_t *because = json_object_get(e, "because");
        ck_assert_int_eq((int)json_array_size(because), k->nbecause);
        for (int b = 0; b < k->nbecause; b++) {
            json_t *p = json_array_get(because, (size_t)b);
            ck_assert_str_eq(str_at(p, "question"), k->because[b].question);
            ck_assert_str_eq(str_at(p, "answer"), k->because[b].answer);
        }
        const tp_kind *kind = tp_kb_kind(w.kb, k->kind);
        if (kind && kind->field[0]) {
            json_t *list = json_object_get(o, kind->field);
            int found = 0;
            for (size_t x = 0; x < json_array_size(list); x++)
                found |= strcmp(str_at(json_array_get(list, x), "id"), k->id) == 0;
            ck_assert_msg(found, "%s %s is not in \"%s\"", k->kind, k->id, kind->field);
            lists++;
        }
    }
    ck_assert_int_gt(lists, 2); /* a red flag, a restriction, aftercare at least */
    ck_assert_int_gt((int)json_array_size(json_object_get(o, "safety_net")), 0);
    ck_assert_int_gt((int)strlen(str_at(o, "disclaimer")), 10);
    json_decref(o);
    tp_buf_free(&out);
    tp_case_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("output");
    TCase *t = tcase_create("json");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 60);
    tcase_add_test(t, strings_read_back_as_written);
    tcase_add_test(t, random_bytes_read_back);
    tcase_add_test(t, result_fields_match_the_result);
    suite_add_tcase(s, t);
    return tu_run(s) ? 1 : 0;
}
