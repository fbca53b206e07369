/* fuzz_session.c: libFuzzer harness for the session's line handling: answers,
 * '?', and ':' or '.' commands with their arguments (tp_session_line).
 *
 * One session lives for the whole run (opening the knowledge base per input
 * would be a hundred times slower); each input starts with :restart, which
 * forgets every answer, then feeds the input line by line. Output goes to
 * /dev/null. Commands that touch files are kept inside a scratch folder: the
 * argument of save, report and load is replaced by a fixed file name there,
 * and reload (which reads the whole knowledge base again) is skipped. */
#include "fuzz_common.h"

#include "session.h"

#include <ctype.h>
#include <unistd.h>

static tp_session *session;
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
    tp_session_opts o = {kb, 1, 0, 1};
    tp_error err = {{0}};
    FILE *null = fopen("/dev/null", "w");
    session = null ? tp_session_new(&o, null, &err) : NULL;
    if (!session) {
        fprintf(stderr, "fuzz: no session: %s\n", err.msg);
        exit(1);
    }
    tp_session_begin(session);
    return 0;
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
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        feed(line);
    /* end of input: what is left counts as unanswered, and a result exists */
    tp_session_end(session);
    FZ_CHECK(tp_session_result(session)->level != NULL, "no level after the end");
    free(text);
    return 0;
}
