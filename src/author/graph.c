/* graph.c: the knowledge base as a Graphviz DOT picture. Questions on the
 * left, rules by module in the middle, conclusions and levels on the right;
 * every node is coloured by the level it belongs to (the level a flag calls
 * for, the level a rule concludes, or the levels a rule is limited to). */
#include "graph.h"
#include "triage.h"

#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fill colours, most urgent level first. */
static const char *const palette[] = {"#f28b82", "#fbbc74", "#fde293", "#ccebb0", "#a8dab5"};
#define NPALETTE ((int)(sizeof palette / sizeof *palette))
#define NO_LEVEL "#ffffff"

/* What the picture is drawn from. */
typedef struct {
    const tp_kb *kb;       /* questions, texts, levels */
    const tp_rule_set *rs; /* rules */
    tp_flag *flags;        /* flag-level facts */
    int nflags;            /* how many */
    tp_buf *out;           /* the DOT text */
} graph;

static const char *level_colour(const tp_kb *kb, const tp_level *l)
{
    if (!l)
        return NO_LEVEL;
    int i = (int)(l - kb->levels);
    int k = kb->nlevels > 1 ? i * (NPALETTE - 1) / (kb->nlevels - 1) : 0;
    return palette[k < NPALETTE ? k : NPALETTE - 1];
}

/* The more urgent of two levels (either may be NULL). */
static const tp_level *urgent(const tp_level *a, const tp_level *b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    return a->rank <= b->rank ? a : b;
}

static const tp_level *flag_level(const graph *g, const char *kind, const char *id)
{
    for (int i = 0; i < g->nflags; i++)
        if (strcmp(g->flags[i].id, id) == 0 && (!kind || strcmp(g->flags[i].kind, kind) == 0))
            return tp_kb_level(g->kb, g->flags[i].level);
    return NULL;
}

/* The least urgent level a rule is limited to by disposition patterns. */
static const tp_level *gate_level(const graph *g, const tp_rule_desc *r)
{
    const tp_level *l = NULL;
    if (r->gate_negated)
        return NULL;
    for (int i = 0; i < r->ngates; i++)
        l = urgent(l, tp_kb_level(g->kb, r->gates[i]));
    return l;
}

/* The level a conclusion belongs to. */
static const tp_level *conclusion_level(const graph *g, const char *kind, const char *id)
{
    if (strcmp(kind, "level") == 0)
        return tp_kb_level(g->kb, id);
    const tp_level *l = flag_level(g, kind, id);
    if (l)
        return l;
    for (int i = 0; i < g->rs->n; i++) {
        const tp_rule_desc *r = &g->rs->rules[i];
        for (int k = 0; k < r->nmakes; k++)
            if (r->makes[k].kind && r->makes[k].id && strcmp(r->makes[k].kind, kind) == 0 &&
                strcmp(r->makes[k].id, id) == 0)
                l = urgent(l, gate_level(g, r));
    }
    return l;
}

static const tp_level *rule_level(const graph *g, const tp_rule_desc *r)
{
    const tp_level *l = gate_level(g, r);
    for (int k = 0; k < r->nmakes && !l; k++)
        if (r->makes[k].kind && r->makes[k].id)
            l = conclusion_level(g, r->makes[k].kind, r->makes[k].id);
    return l;
}

/* ---- nodes ------------------------------------------------------------------------ */

static void questions(graph *g)
{
    tp_buf_printf(g->out, "  subgraph cluster_questions {\n    label=\"Questions (asking "
                          "order)\"; style=rounded; color=\"#888888\"; rank=source;\n");
    for (int i = 0; i < g->kb->nquestions; i++) {
        const tp_question *q = &g->kb->questions[i];
        const tp_level *l = flag_level(g, NULL, q->id);
        tp_buf_printf(g->out,
                      "    \"q:%s\" [label=\"%s%s\", shape=box, style=\"rounded,filled\", "
                      "fillcolor=\"%s\"];\n",
                      q->id, q->id, q->safety ? " *" : "", level_colour(g->kb, l));
    }
    tp_buf_printf(g->out, "  }\n");
}

/* Appends " unless a|b" for what blocks a rule (conclusions it needs absent). */
static void unless(graph *g, const tp_rule_desc *r)
{
    int n = 0;
    for (int i = 0; i < r->nneeds; i++) {
        const tp_rule_need *nd = &r->needs[i];
        if (!nd->negated || !nd->kind || !nd->id)
            continue;
        tp_buf_printf(g->out, "%s%s", n++ ? "|" : "\\nunless ", nd->id);
    }
}

/* Appends text to the graph as the inside of a DOT string. */
static void dot_text(graph *g, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (*p == '"' || *p == '\\')
            tp_buf_puts(g->out, "\\");
        tp_buf_add(g->out, p, 1);
    }
}

/* The source a rule cites, its title, section and review date, as the
 * node's tooltip (shown on hover in the SVG). */
static void source_tooltip(graph *g, const tp_rule_desc *r)
{
    const tp_source *src = NULL;
    for (int k = 0; k < r->nmakes && !src; k++)
        if (r->makes[k].source)
            src = tp_kb_source(g->kb, r->makes[k].source);
    if (!src)
        return;
    tp_buf_puts(g->out, ", tooltip=\"source: ");
    dot_text(g, src->title);
    tp_buf_puts(g->out, ", ");
    dot_text(g, src->section);
    if (*src->reviewed) {
        tp_buf_puts(g->out, " (reviewed ");
        dot_text(g, src->reviewed);
        tp_buf_puts(g->out, ")");
    }
    tp_buf_puts(g->out, "\"");
}

static void rules_of(graph *g, const char *module)
{
    tp_buf_printf(g->out, "  // rules of module %s\n", module);
    for (int i = 0; i < g->rs->n; i++) {
        const tp_rule_desc *r = &g->rs->rules[i];
        if (strcmp(r->module, module) != 0)
            continue;
        tp_buf_printf(g->out, "  \"r:%s\" [label=\"%s: %s", r->name, module, r->name);
        if (r->ngates && !r->gate_negated) {
            tp_buf_printf(g->out, "\\nat ");
            for (int k = 0; k < r->ngates; k++)
                tp_buf_printf(g->out, "%s%s", k ? "|" : "", r->gates[k]);
        }
        unless(g, r);
        tp_buf_printf(g->out, "\", shape=ellipse, style=filled, fillcolor=\"%s\"",
                      level_colour(g->kb, rule_level(g, r)));
        source_tooltip(g, r);
        tp_buf_puts(g->out, "];\n");
    }
}

static void modules(graph *g)
{
    for (int i = 0; i < g->kb->nphases; i++)
        rules_of(g, g->kb->phases[i]);
}

/* Whether some rule concludes this kind (notes of other kinds are not drawn). */
static int concluded_kind(const graph *g, const char *kind)
{
    for (int i = 0; i < g->rs->n; i++)
        for (int k = 0; k < g->rs->rules[i].nmakes; k++)
            if (g->rs->rules[i].makes[k].kind && strcmp(g->rs->rules[i].makes[k].kind, kind) == 0)
                return 1;
    return 0;
}

static void conclusions(graph *g)
{
    tp_buf_printf(g->out, "  // conclusions\n");
    for (int i = 0; i < g->kb->ntexts; i++) {
        const tp_text *t = &g->kb->texts[i];
        if (!concluded_kind(g, t->kind))
            continue;
        tp_buf_printf(g->out,
                      "    \"c:%s:%s\" [label=\"%s\\n%s\", shape=note, style=filled, "
                      "fillcolor=\"%s\"];\n",
                      t->kind, t->id, t->kind, t->id,
                      level_colour(g->kb, conclusion_level(g, t->kind, t->id)));
    }
    tp_buf_printf(g->out, "  subgraph cluster_levels {\n    label=\"Levels (most urgent "
                          "first)\"; style=rounded; color=\"#888888\"; rank=sink;\n");
    for (int i = 0; i < g->kb->nlevels; i++) {
        const tp_level *l = &g->kb->levels[i];
        tp_buf_printf(g->out,
                      "    \"c:level:%s\" [label=\"%d %s\", shape=box, style=\"filled,bold\", "
                      "fillcolor=\"%s\"];\n",
                      l->id, l->rank, l->id, level_colour(g->kb, l));
    }
    tp_buf_printf(g->out, "  }\n");
}

/* ---- edges ---------------------------------------------------------------------- */

static void rule_edges(graph *g, const tp_rule_desc *r)
{
    for (int i = 0; i < r->nreads; i++)
        tp_buf_printf(g->out, "  \"q:%s\" -> \"r:%s\";\n", r->reads[i], r->name);
    for (int i = 0; i < r->nasks; i++)
        tp_buf_printf(g->out,
                      "  \"r:%s\" -> \"q:%s\" [style=dashed, color=\"#999999\", "
                      "constraint=false];\n",
                      r->name, r->asks[i]);
    for (int i = 0; i < r->nneeds; i++) {
        const tp_rule_need *n = &r->needs[i];
        if (n->kind && n->id && !n->negated) /* what blocks a rule is in its label */
            tp_buf_printf(g->out, "  \"c:%s:%s\" -> \"r:%s\";\n", n->kind, n->id, r->name);
    }
    for (int i = 0; i < r->nmakes; i++) {
        const tp_rule_make *m = &r->makes[i];
        if (m->kind && m->id)
            tp_buf_printf(g->out, "  \"r:%s\" -> \"c:%s:%s\";\n", r->name, m->kind, m->id);
    }
}

static void flag_edges(graph *g)
{
    for (int i = 0; i < g->nflags; i++)
        tp_buf_printf(g->out,
                      "  \"c:%s:%s\" -> \"c:level:%s\" [style=dotted, color=\"#666666\"];\n",
                      g->flags[i].kind, g->flags[i].id, g->flags[i].level);
}

void tp_graph_dot(tp_triage *t, tp_buf *out)
{
    const tp_kb *kb = tp_triage_kb(t);
    graph g = {kb, tp_triage_rules(t), NULL, 0, out};
    g.nflags = tp_triage_flags(t, &g.flags);
    tp_buf_printf(out,
                  "// tptriage graph: questions -> rules -> conclusions, knowledge base %s\n"
                  "// * marks a safety question; solid: reads or concludes; dotted: the "
                  "level a flag calls for;\n// dashed red: blocks when present; dashed "
                  "grey: asks\n",
                  kb->hash);
    tp_buf_printf(out, "digraph kb {\n  rankdir=LR; ranksep=0.9; nodesep=0.06;\n"
                       "  node [fontname=\"Helvetica\", fontsize=11, height=0.3];\n"
                       "  edge [color=\"#555555\", arrowsize=0.6];\n");
    questions(&g);
    modules(&g);
    conclusions(&g);
    for (int i = 0; i < g.rs->n; i++)
        rule_edges(&g, &g.rs->rules[i]);
    flag_edges(&g);
    tp_buf_printf(out, "}\n");
    tp_flags_free(g.flags, g.nflags);
}

static const tp_opt graph_options[] = {
    {'k', 0, "kb", "DIR", "the knowledge base in DIR (also $TPTRIAGE_KB)"},
    {0, 0, NULL, NULL, NULL},
};

const tp_optspec tp_graph_spec = {"graph",
                                  "",
                                  "print the rules as a Graphviz DOT graph",
                                  "Writes the knowledge base as Graphviz DOT on stdout; render "
                                  "it with\n"
                                  "  tptriage graph | dot -Tsvg -o docs/kb-graph.svg\n",
                                  0,
                                  graph_options};

int tp_graph_main(int argc, char **argv)
{
    const char *dir = NULL;
    tp_opts p;
    int key;
    tp_opts_init(&p, &tp_graph_spec, argc, argv);
    while ((key = tp_opts_next(&p)) > 0)
        dir = p.value; /* --kb */
    if (key != TP_OPTS_END)
        return tp_opts_exit(key);
    tp_triage *tri = NULL;
    tp_error err = {{0}};
    if (!(tri = tp_triage_open(dir, &err))) {
        tp_report("%s", err.msg);
        return TP_EXIT_KB;
    }
    tp_buf out = {0};
    tp_graph_dot(tri, &out);
    fputs(out.data, stdout);
    tp_buf_free(&out);
    tp_triage_close(tri);
    return TP_EXIT_OK;
}
