/* fuzz_session.c: libFuzzer harness for the session's line handling: answers,
 * '?', and ':' or '.' commands with their arguments (tp_session_line).
 *
 * One session lives for the whole run (opening the knowledge base per input
 * would be a hundred times slower); each input starts with :restart, which
 * forgets every answer, then feeds the input line by line. Output goes to
 * /dev/null. Commands that touch files are kept inside a scratch folder: the
 * argument of save, report and load is replaced by a fixed file name there,
 * and reload (which reads the whole knowledge base again) is skipped.
 *
 * After every line, the result the session shows must be what batch gives
 * on a symptom file with the session's answers (the questions left counted
 * as unanswered), marked provisional exactly when questions are left, and
 * never better than see-clinician while a safety question is open. */
#include "fuzz_common.h"

#include "session.h"

#include <ctype.h>
#include <unistd.h>

static tp_session *session;
static tp_triage *batch; /* as batch judges: its own engine on the session's knowledge base */
static char scratch[] = "/tmp/tptriage-fuzz-XXXXXX"; /* the scratch folder */

/* Removes the scratch folder and the one file the commands write there. */
static void remove_scratch(void)
{
    char path[64];
    snprintf(path, sizeof path, "%s/scratch.sym", scratch);
    unlink(path);
    rmdir(scratch);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!mkdtemp(scratch)) {
        perror("fuzz: scratch folder");
        exit(1);
    }
    atexit(remove_scratch);
    static const char kb[] = TP_SOURCE_DIR;
    tp_session_opts o = {.kbdir = kb, .show_ids = 1, .echo = 1}; /* no colour, no diary */
    tp_error err = {{0}};
    FILE *null = fopen("/dev/null", "w");
    session = null ? tp_session_new(&o, null, &err) : NULL;
    if (!session) {
        fprintf(stderr, "fuzz: no session: %s\n", err.msg);
        exit(1);
    }
    tp_session_begin(session);
    batch = tp_triage_borrow(tp_session_kb(session), &err);
    if (!batch) {
        fprintf(stderr, "fuzz: no engine for batch: %s\n", err.msg);
        exit(1);
    }
    return 0;
}

/* The session shows what batch gives on the same answers. */
static void check_same_as_batch(void)
{
    const tp_kb *skb = tp_session_kb(session);
    tp_buf sym = {0}, a = {0}, b = {0};
    tp_case c;
    tp_result r;
    tp_error err = {{0}};
    tp_symfile_write(tp_session_case(session), skb, &sym);
    tp_case_init(&c, "case");
    int rv = tp_symfile_parse(&c, skb, "case", sym.data ? sym.data : "", sym.len, &err);
    FZ_CHECK(rv == 0, "the saved answers do not parse: %s", err.msg);
    FZ_CHECK(tp_triage_case(batch, &c, &r, &err) == 0, "batch failed: %s", err.msg);
    tp_output_case(TP_FMT_JSON, skb, "case", tp_session_result(session), &a);
    tp_output_case(TP_FMT_JSON, skb, "case", &r, &b);
    FZ_CHECK(strcmp(a.data, b.data) == 0, "the session shows\n%sbatch gives\n%s", a.data, b.data);
    FZ_CHECK(tp_session_provisional(session) == (r.nunanswered > 0), "provisional is %d",
             tp_session_provisional(session));
    const tp_level *floor = tp_kb_level(skb, "see-clinician");
    for (int i = 0; floor && i < r.nunanswered; i++)
        FZ_CHECK(!r.unanswered[i]->safety || (r.level && r.level->rank <= floor->rank),
                 "level %s while %s is open", r.level ? r.level->id : "none", r.unanswered[i]->id);
    tp_case_free(&c);
    tp_buf_free(&sym);
    tp_buf_free(&a);
    tp_buf_free(&b);
}

/* The command word of a line, lower case, or "" when it is no command. */
static void command_word(const char *line, char *word, size_t len)
{
    while (isspace((unsigned char)*line))
        line++;
    word[0] = 0;
    if (*line != ':' && *line != '.')
        return;
    line++;
    size_t n = strcspn(line, " \t");
    snprintf(word, len, "%.*s", (int)(n < len ? n : len - 1), line);
}

/* Feeds one line, keeping file commands in the scratch folder. */
static void feed(const char *line)
{
    char word[32];
    command_word(line, word, sizeof word);
    if (strcmp(word, "reload") == 0)
        return;
    if (strcmp(word, "save") == 0 || strcmp(word, "report") == 0 || strcmp(word, "load") == 0) {
        char safe[96];
        snprintf(safe, sizeof safe, ":%s %s/scratch.sym", word, scratch);
        tp_session_line(session, safe);
        return;
    }
    tp_session_line(session, line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    char *text = tp_xmalloc(size + 1);
    memcpy(text, data, size);
    text[size] = 0;
    tp_session_line(session, ":restart");
    check_same_as_batch();
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        feed(line);
        check_same_as_batch();
    }
    /* end of input: what is left counts as unanswered, and a result exists */
    tp_session_end(session);
    FZ_CHECK(tp_session_result(session)->level != NULL, "no level after the end");
    check_same_as_batch();
    free(text);
    return 0;
}
