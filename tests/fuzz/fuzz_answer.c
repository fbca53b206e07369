/* fuzz_answer.c: libFuzzer harness for the answer normaliser (what a person
 * types in the session -> answer ids).
 *
 * The first byte picks a question of the shipped knowledge base; the rest is
 * what was typed. The normaliser must not crash or run past its buffer, must
 * be idempotent (its output normalises to itself), and what the case reader
 * accepts from it must hold only the question's own values (or a number in
 * range): nothing typed is ever taken for something the question lacks. */
#include "fuzz_common.h"

#include "choices.h"

FZ_WORLD(world)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 2048)
        return 0;
    const tp_question *q = &world.kb->questions[data[0] % world.kb->nquestions];
    char typed[2048], once[4096], twice[4096];
    memcpy(typed, data + 1, size - 1);
    typed[size - 1] = 0;
    tp_answer_normalise(q, typed, once, sizeof once);
    FZ_CHECK(memchr(once, 0, sizeof once) != NULL, "not terminated");
    tp_answer_normalise(q, once, twice, sizeof twice);
    FZ_CHECK(strcmp(once, twice) == 0, "%s: '%s' -> '%s' -> '%s'", q->id, typed, once, twice);
    tp_case c;
    tp_error err = {{0}};
    tp_case_init(&c, "typed");
    if (tp_case_answer_text(&c, world.kb, q->id, once, 0, &err) == 0) {
        const tp_answer *a = &c.answers[0];
        for (int i = 0; i < a->nvals; i++) {
            if (q->kind == TP_Q_NUMBER) {
                FZ_CHECK(a->vals[i].sym == NULL && a->vals[i].num >= q->min &&
                             a->vals[i].num <= q->max,
                         "%s: '%s' out of range", q->id, typed);
                continue;
            }
            int own = 0;
            for (int v = 0; v < q->nvalues; v++)
                own |= a->vals[i].sym && strcmp(a->vals[i].sym, q->values[v]) == 0;
            FZ_CHECK(own, "%s: '%s' gave a value it lacks", q->id, typed);
        }
    }
    tp_case_free(&c);
    return 0;
}
