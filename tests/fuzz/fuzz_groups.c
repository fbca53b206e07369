/* fuzz_groups.c: libFuzzer harness for the checklist expansion (what a
 * person types at a group of questions -> one answer per item).
 *
 * The first byte picks a group of the shipped knowledge base (all its
 * members as items); the rest is what was typed. The expansion must not
 * crash, must answer either help on an item in range, a refusal, or exactly
 * one value per item that is yes, no or unsure and one of that question's
 * own values; and the case reader must accept every value it gives. */
#include "fuzz_common.h"

#include "groups.h"

FZ_WORLD(world)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 2048 || world.kb->ngroups == 0)
        return 0;
    const tp_group *g = &world.kb->groups[data[0] % world.kb->ngroups];
    char typed[2048];
    memcpy(typed, data + 1, size - 1);
    typed[size - 1] = 0;
    tp_group_pick picks[TP_GROUP_MAX];
    int help = -1;
    tp_error err = {{0}};
    int rv = tp_group_expand(world.kb, g->members, g->nmembers, typed, picks, &help, &err);
    FZ_CHECK(rv >= -1 && rv <= 1, "rv %d", rv);
    if (rv == 1)
        FZ_CHECK(help >= 0 && help < g->nmembers, "help on item %d of %d", help, g->nmembers);
    if (rv == -1)
        FZ_CHECK(err.msg[0] != 0, "a refusal without a reason for '%s'", typed);
    if (rv != 0)
        return 0;
    tp_case c;
    tp_case_init(&c, "typed");
    for (int i = 0; i < g->nmembers; i++) {
        const tp_question *q = &world.kb->questions[picks[i].q];
        FZ_CHECK(picks[i].q == g->members[i], "item %d out of order", i);
        FZ_CHECK(strcmp(picks[i].value, "yes") == 0 || strcmp(picks[i].value, "no") == 0 ||
                     strcmp(picks[i].value, "unsure") == 0,
                 "%s: '%s' gave %s", q->id, typed, picks[i].value);
        FZ_CHECK(tp_kb_value(q, picks[i].value) != NULL, "%s lacks %s", q->id, picks[i].value);
        FZ_CHECK(tp_case_answer_text(&c, world.kb, q->id, picks[i].value, 0, &err) == 0, "%s",
                 err.msg);
    }
    tp_case_free(&c);
    return 0;
}
