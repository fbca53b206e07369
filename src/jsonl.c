/* jsonl.c: reading cases from JSON Lines, through jansson. */
#include "jsonl.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static int value_text(json_t *v, char *out, size_t outlen)
{
    if (json_is_string(v)) {
        snprintf(out, outlen, "%s", json_string_value(v));
        return strlen(json_string_value(v)) < outlen ? 0 : -1;
    }
    if (json_is_integer(v)) {
        json_int_t n = json_integer_value(v);
        if (n < 0) {
            snprintf(out, outlen, "%lld", (long long)n);
            return 0;
        }
        snprintf(out, outlen, "%lld", (long long)n);
        return 0;
    }
    return -1;
}

static int add_answer(tp_case *c, const tp_kb *kb, const char *qid, json_t *v, int line,
                      tp_error *err)
{
    char texts[TP_MAX_VALUES][256];
    const char *vals[TP_MAX_VALUES];
    int n = 0;
    if (json_is_array(v)) {
        size_t count = json_array_size(v);
        if (count > TP_MAX_VALUES) {
            tp_error_set(err, "%s has %zu values; at most %d are allowed", qid, count,
                         TP_MAX_VALUES);
            return -1;
        }
        for (size_t i = 0; i < count; i++) {
            if (value_text(json_array_get(v, i), texts[n], sizeof texts[n]) != 0) {
                tp_error_set(
                    err, "%s: values must be strings of at most 255 bytes or whole numbers", qid);
                return -1;
            }
            vals[n] = texts[n];
            n++;
        }
    } else {
        if (value_text(v, texts[0], sizeof texts[0]) != 0) {
            tp_error_set(
                err,
                "%s: the value must be a string of at most 255 bytes, a whole number or a list",
                qid);
            return -1;
        }
        vals[0] = texts[0];
        n = 1;
    }
    return tp_case_answer(c, kb, qid, vals, n, line, err);
}

int tp_jsonl_parse(tp_case *c, const tp_kb *kb, const char *where, int line, const char *text,
                   size_t len, tp_error *err)
{
    char name[300];
    snprintf(name, sizeof name, "%s:%d", where, line);
    tp_case_reset(c, name);
    if (len > TP_JSON_LINE_MAX) {
        tp_error_set(err, "%s: line longer than %u bytes", name, TP_JSON_LINE_MAX);
        return -1;
    }
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        tp_error_set(err, "%s: not valid JSON: %s (column %d)", name, je.text, je.column);
        return -1;
    }
    int rv = -1;
    tp_error e = {{0}};
    if (!json_is_object(root)) {
        tp_error_set(&e, "expected an object {\"id\": ..., \"answers\": {...}}");
        goto done;
    }
    json_t *id = json_object_get(root, "id");
    if (id) {
        char idtext[256];
        if (value_text(id, idtext, sizeof idtext) != 0) {
            tp_error_set(&e, "\"id\" must be a string or a whole number, at most 255 bytes");
            goto done;
        }
        tp_case_reset(c, idtext);
    }
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        if (strcmp(key, "id") != 0 && strcmp(key, "answers") != 0) {
            tp_error_set(&e, "unknown key \"%.60s\" (only \"id\" and \"answers\")", key);
            goto done;
        }
    }
    json_t *answers = json_object_get(root, "answers");
    if (!json_is_object(answers)) {
        tp_error_set(&e, "\"answers\" must be an object of question ids to values");
        goto done;
    }
    json_object_foreach(answers, key, v)
    {
        if (add_answer(c, kb, key, v, line, &e) != 0)
            goto done;
    }
    rv = 0;
done:
    if (rv != 0)
        tp_error_set(err, "%s: %s", name, e.msg);
    json_decref(root);
    return rv;
}
