/* loaderr.c: load errors a rule author can act on: which construct failed
 * and where it began, the offending line quoted, and CLIPS's error codes in
 * a sentence (CLIPS's own words follow, for searching its manuals). */
#include "loaderr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define QUOTE_MAX 100 /* characters of a quoted line shown */

/* Construct kinds that may start a construct, without their "def". */
static const char *const kinds[] = {
    "rule",  "facts",   "template", "module",    "global",          "function",
    "class", "generic", "method",   "instances", "message-handler", NULL,
};

/* Whether t starts a construct: "(def" and a known kind, then a blank. */
static int starts_construct(const char *t)
{
    if (strncmp(t, "(def", 4) != 0)
        return 0;
    for (int i = 0; kinds[i]; i++) {
        size_t n = strlen(kinds[i]);
        if (strncmp(t + 4, kinds[i], n) == 0 && strchr(" \t\r\n", t[4 + n]) && t[4 + n])
            return 1;
    }
    return 0;
}

/* The construct's kind ("rule") and name without its module ("red-flag"). */
static void construct_name(const char *t, char *kind, size_t klen, char *name, size_t nlen)
{
    t++;
    t += strspn(t, " \t\r\n");
    size_t n = strcspn(t, " \t\r\n(");
    if (n > 3 && strncmp(t, "def", 3) == 0)
        snprintf(kind, klen, "%.*s", (int)(n - 3), t + 3);
    else
        snprintf(kind, klen, "construct");
    t += n;
    t += strspn(t, " \t\r\n");
    n = strcspn(t, " \t\r\n()\"");
    const char *colons = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if (t[i] == ':' && t[i + 1] == ':')
            colons = t + i + 2;
    if (colons) {
        n -= (size_t)(colons - t);
        t = colons;
    }
    snprintf(name, nlen, "%.*s", (int)n, t);
}

/* Start of line `want` (1-based) of text, and its length. */
static const char *line_at(const char *text, int want, size_t *len)
{
    const char *p = text;
    for (int l = 1; l < want && p; l++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p) {
        *len = 0;
        return "";
    }
    *len = strcspn(p, "\r\n");
    return p;
}

/* Appends to err at *used, never past errlen. */
static void add(char *err, size_t errlen, size_t *used, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add(char *err, size_t errlen, size_t *used, const char *fmt, ...)
{
    if (*used >= errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err + *used, errlen - *used, fmt, ap);
    va_end(ap);
    if (n > 0)
        *used += (size_t)n < errlen - *used ? (size_t)n : errlen - *used - 1;
}

/* Appends "\n   NNN | the line" (cut at QUOTE_MAX characters). */
static void quote(char *err, size_t errlen, size_t *used, const char *text, int line)
{
    size_t len;
    const char *p = line_at(text, line, &len);
    add(err, errlen, used, "\n  %5d | %.*s%s", line, (int)(len > QUOTE_MAX ? QUOTE_MAX : len), p,
        len > QUOTE_MAX ? " ..." : "");
}

/* Whether line `line` of text holds nothing but blanks and a comment. */
static int blank_line(const char *text, int line)
{
    size_t len;
    const char *p = line_at(text, line, &len);
    size_t skip = strspn(p, " \t");
    return skip >= len || p[skip] == ';';
}

/* In a deffacts [start, end) that does not close: the fact left open, found
 * as the next fact of the same template beginning on a line of its own at
 * the same indentation while it is still open. Returns its line and sets
 * *next (that next fact's line), head (the template) and id (its (id ...)
 * if any); 0 when none is found. */
static int unclosed_fact(const char *text, size_t start, size_t end, int line, int *next,
                         char *head, size_t hlen, char *id, size_t idlen)
{
    int depth = 0, cur = line, fact_line = 0;
    size_t fact_indent = 0;
    char fact_head[64] = "";
    for (size_t pos = start; pos < end && text[pos]; pos++) {
        char c = text[pos];
        if (c == '"') {
            for (pos++; pos < end && text[pos] != '"'; pos++) {
                if (text[pos] == '\\' && pos + 1 < end)
                    pos++;
                cur += text[pos] == '\n';
            }
        } else if (c == ';') {
            while (pos + 1 < end && text[pos + 1] != '\n')
                pos++;
        } else if (c == ')') {
            depth--;
        } else if (c == '\n') {
            cur++;
        } else if (c == '(') {
            size_t bol = pos; /* the indentation of this line, when '(' starts it */
            while (bol > start && (text[bol - 1] == ' ' || text[bol - 1] == '\t'))
                bol--;
            int first = bol == start || text[bol - 1] == '\n';
            size_t indent = pos - bol;
            size_t n = strcspn(text + pos + 1, " \t\r\n()");
            if (depth == 1 && first) {
                fact_line = cur;
                fact_indent = indent;
                snprintf(fact_head, sizeof fact_head, "%.*s", (int)n, text + pos + 1);
                const char *idp = strstr(text + pos, "(id ");
                const char *eol = strchr(text + pos, '\n');
                snprintf(id, idlen, "%.*s",
                         idp && (!eol || idp < eol) ? (int)strcspn(idp + 4, " \t)") : 0,
                         idp ? idp + 4 : "");
            } else if (depth > 1 && first && fact_line && indent == fact_indent &&
                       strlen(fact_head) == n && strncmp(text + pos + 1, fact_head, n) == 0) {
                *next = cur;
                snprintf(head, hlen, "%s", fact_head);
                return fact_line;
            }
            depth++;
        }
    }
    return 0;
}

int tp_loaderr_early(const char *file, const char *text, size_t pos, int line, size_t prev,
                     int prev_line, char *err, size_t errlen)
{
    if (prev == (size_t)-1 || text[pos] != '(' || starts_construct(text + pos))
        return 0;
    char kind[32], name[128], head[64];
    construct_name(text + prev, kind, sizeof kind, name, sizeof name);
    snprintf(head, sizeof head, "%.*s", (int)strcspn(text + pos + 1, " \t\r\n()"), text + pos + 1);
    int last = line - 1;
    while (last > prev_line && blank_line(text, last))
        last--;
    size_t used = 0;
    add(err, errlen, &used,
        "%s:%d: an extra ')' closed %s %s (begun at line %d) early, on line %d: the (%s at "
        "line %d is then inside no construct",
        file, last, kind, name, prev_line, last, head, line);
    quote(err, errlen, &used, text, last);
    add(err, errlen, &used,
        "\n  hint: remove one ')' from the end of line %d, so that %s %s goes on", last, kind,
        name);
    return -1;
}

int tp_loaderr_unclosed(const char *file, const char *text, size_t start, size_t end, int line,
                        char *err, size_t errlen)
{
    int depth = 0, cur = line, next = 0;
    size_t pos;
    for (pos = start; pos < end && !next; pos++) {
        char c = text[pos];
        if (c == '"') {
            for (pos++; pos < end && text[pos] != '"'; pos++) {
                if (text[pos] == '\\' && pos + 1 < end)
                    pos++;
                if (text[pos] == '\n')
                    cur++;
            }
        } else if (c == ';') {
            while (pos + 1 < end && text[pos + 1] != '\n')
                pos++;
        } else if (c == '(') {
            depth++;
        } else if (c == ')') {
            depth--;
        } else if (c == '\n') {
            cur++;
            if (depth > 0 && starts_construct(text + pos + 1))
                next = cur;
        }
    }
    if (!next && depth <= 0)
        return 0;
    char kind[32], name[128];
    construct_name(text + start, kind, sizeof kind, name, sizeof name);
    int last = next ? next - 1 : cur;
    while (last > line && blank_line(text, last))
        last--;
    size_t used = 0;
    char head[64], id[128] = "";
    int fnext = 0,
        fact = unclosed_fact(text, start, end, line, &fnext, head, sizeof head, id, sizeof id);
    if (fact && (!next || fnext < next)) {
        last = fnext - 1;
        while (last > fact && blank_line(text, last))
            last--;
        add(err, errlen, &used,
            "%s:%d: %s%s%s, line %d, is not closed before the next (%s at line %d (in %s %s, "
            "begun at line %d)",
            file, fact, head, *id ? " " : "", id, fact, head, fnext, kind, name, line);
        quote(err, errlen, &used, text, last);
        add(err, errlen, &used, "\n  hint: add the missing ')' at the end of line %d", last);
        return -1;
    }
    if (next)
        add(err, errlen, &used,
            "%s:%d: %s %s, begun at %s:%d, is not closed: a ')' is missing before line %d, "
            "where the next construct begins",
            file, line, kind, name, file, line, next);
    else
        add(err, errlen, &used,
            "%s:%d: %s %s, begun at %s:%d, is not closed by the end of the file", file, line, kind,
            name, file, line);
    quote(err, errlen, &used, text, last);
    add(err, errlen, &used,
        "\n  hint: every '(' needs its ')'; count them in this %s (its last line is shown)", kind);
    return -1;
}

/* One CLIPS error code in words: `words` is a printf format that takes the
 * up to two words `pattern` captures from CLIPS's message (%1$s, %2$s). */
struct meaning {
    const char *code;    /* "[EXPRNPSR3]" */
    const char *pattern; /* sscanf pattern for CLIPS's text after the code */
    const char *words;   /* the sentence */
};

static const struct meaning meanings[] = {
    {"[EXPRNPSR3]", " Missing function declaration for %127[^. \n]",
     "'%1$s' is not a function the rules can call: a misspelt name, or a ')' missing before it"},
    {"[TMPLTDEF1]", " Invalid slot %127s not defined in corresponding deftemplate %127[^. \n]",
     "the template '%2$s' has no slot '%1$s' (see its deftemplate for the slots it has)"},
    {"[CSTRNCHK1]", "%127[^\n]",
     "a value is not one that its slot allows: a misspelt symbol, or the wrong type (the "
     "deftemplate lists the allowed values)"},
    {"[PRCCODE3]", " Undefined variable %127s",
     "the variable ?%1$s is used after => but never bound in the rule's patterns"},
    {"[PRNTUTIL2]", " Syntax Error: Check appropriate syntax for %127[^. \n]",
     "this %1$s is not shaped as CLIPS expects: a rule is (defrule NAME \"comment\" patterns "
     "=> actions); look for a missing '=>', a stray or missing parenthesis, or a misplaced "
     "string"},
    {"[PRNTUTIL1]", " Unable to find def%127s %127[^. \n]",
     "there is no %1$s named '%2$s': a misspelt name, or one defined in a file that is loaded "
     "later"},
    {"[CSTRCPSR1]", "%127[^\n]", "a construct such as (defrule ...) was expected here"},
    {"[EXPRNPSR1]", "%127[^\n]", "a '(' in an action must be followed by a function name"},
    {"[EXPRNPSR2]", "%127[^\n]", "a value, a variable or a '(' expression was expected here"},
    {"[TMPLTRHS1]", " Slot %127s",
     "the slot '%1$s' must be given a value here: its deftemplate has no default"},
    {"[CSTRCPSR4]", " Cannot redefine %127s %127[^ \n]",
     "the %1$s '%2$s' is defined twice: rename one of them"},
    {NULL, NULL, NULL},
};

/* CLIPS's message from its code to the end of its first sentence, with
 * runs of blanks and line breaks as one space. */
static void clips_words(const char *msg, char *out, size_t outlen)
{
    const char *p = strchr(msg ? msg : "", '[');
    size_t o = 0;
    int space = 0;
    for (; p && *p && o + 1 < outlen; p++) {
        if (*p == '\n' && p[1] == '\n')
            break;
        if (strchr(" \t\r\n", *p)) {
            space = o > 0;
            continue;
        }
        if (space && o + 2 < outlen)
            out[o++] = ' ';
        space = 0;
        out[o++] = *p;
        if (strncmp(p, "ERROR:", 6) == 0) {
            o -= 1;
            break;
        }
    }
    out[o] = 0;
    while (o > 0 && out[o - 1] == ' ')
        out[--o] = 0;
}

void tp_loaderr_format(const char *file, const char *text, size_t start, int line, int err_line,
                       const char *clips_msg, char *err, size_t errlen)
{
    char said[512];
    clips_words(clips_msg, said, sizeof said);
    char kind[32], name[128], sentence[512];
    construct_name(text + start, kind, sizeof kind, name, sizeof name);
    snprintf(sentence, sizeof sentence, "%s", "the rule engine refused this construct");
    for (int i = 0; meanings[i].code; i++) {
        size_t n = strlen(meanings[i].code);
        if (strncmp(said, meanings[i].code, n) != 0)
            continue;
        char a[128] = "", b[128] = "";
        if (sscanf(said + n, meanings[i].pattern, a, b) >= 1 || !strchr(meanings[i].pattern, '%'))
            snprintf(sentence, sizeof sentence, meanings[i].words, a, b);
        break;
    }
    int at = err_line > 0 ? err_line : line;
    size_t used = 0;
    if (at != line)
        add(err, errlen, &used, "%s:%d: in %s %s (begun at line %d): %s", file, at, kind, name,
            line, sentence);
    else
        add(err, errlen, &used, "%s:%d: in %s %s: %s", file, at, kind, name, sentence);
    quote(err, errlen, &used, text, at);
    if (said[0])
        add(err, errlen, &used, "\n  CLIPS said: %s", said);
}

void tp_loaderr_stray(const char *file, const char *text, size_t pos, int line, size_t prev,
                      int prev_line, char *err, size_t errlen)
{
    size_t used = 0;
    if (text[pos] == ')' && prev != (size_t)-1) {
        char kind[32], name[128];
        construct_name(text + prev, kind, sizeof kind, name, sizeof name);
        add(err, errlen, &used,
            "%s:%d: an extra ')': %s %s, begun at line %d, was already closed before it", file,
            line, kind, name, prev_line);
    } else {
        add(err, errlen, &used, "%s:%d: expected '(' to start a construct, found '%c'", file, line,
            text[pos]);
    }
    quote(err, errlen, &used, text, line);
    add(err, errlen, &used,
        "\n  hint: a file holds constructs such as (defrule ...) and "
        "(deffacts ...), and ';' comments between them");
}
