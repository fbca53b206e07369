/* kb.h: the knowledge base as the host sees it: loaded into an engine, and
 * its questions, levels, texts and sources copied into C for talking to
 * people. Nothing here knows what the questions mean. */
#ifndef TP_KB_H
#define TP_KB_H

#include "value.h"
#include "util.h"

#define TP_MAX_VALUES 16 /* values of one question, and of one multi answer */

typedef enum { TP_Q_CHOICE, TP_Q_MULTI, TP_Q_NUMBER } tp_qkind;

/* A word people type for a value of a question, or a unit of a number
 * (facts/choices.clp). */
typedef struct {
    char *text;       /* folded: lower case, blanks and '_' as '-' */
    int value;        /* index in the question's values; -1 for a unit */
    long long factor; /* what a unit multiplies the number by */
} tp_word;

typedef struct {
    char *id;                    /* question id, as in symptom files */
    char *text;                  /* the question, in plain words */
    char *help;                  /* what is meant */
    char *unsure;                /* how "unsure" is treated */
    tp_qkind kind;               /* one value, several, or a number */
    char *values[TP_MAX_VALUES]; /* allowed values (choice and multi) */
    int nvalues;                 /* how many */
    long long min, max;          /* allowed range (number) */
    int safety;                  /* unanswered limits the level */
    int conditional;             /* asked only when a rule needs it */
    char *ask_below;             /* level at which it stops mattering */
    int order;                   /* asking order, lowest first */
    char *labels[TP_MAX_VALUES]; /* plain words for each value, "" when none */
    tp_word *words;              /* other words for values, and units */
    int nwords;                  /* how many */
    /* per value: given only alone (a multi answer's "none"), facts/choices.clp */
    unsigned char exclusive[TP_MAX_VALUES];
} tp_question;

/* A level's banner colour on a terminal. */
typedef enum { TP_TONE_CALM, TP_TONE_CAUTION, TP_TONE_URGENT } tp_tone;

typedef struct {
    char *id;     /* level id */
    int rank;     /* 1 is most urgent */
    char *title;  /* short title for the banner */
    char *todo;   /* what to do now */
    int alert;    /* a session shows its banner the moment it is reached */
    tp_tone tone; /* the banner's colour */
} tp_level;

typedef struct {
    char *id;   /* what the host shows it as (report-title, ...) */
    char *text; /* the words */
} tp_wording;

typedef struct {
    char *kind;       /* output kind (red-flag, technique, ...) */
    char *id;         /* output id */
    char *text;       /* plain language */
    char *dose;       /* how much, how long; may be empty */
    char *from_level; /* shown on its own only at this level or less urgent; "none": at all */
} tp_text;

typedef struct {
    char *id;       /* source key */
    char *title;    /* title of the article or guidance */
    char *section;  /* section cited */
    char *url;      /* where it is, or "" */
    char *citation; /* how to find it when it has no URL, or "" */
    char *reviewed; /* YYYY-MM-DD the kb was last reviewed against it, or "" */
} tp_source;

typedef struct {
    char *id;      /* kind of conclusion (as in conclusion facts) */
    int order;     /* output order, lowest first */
    char *field;   /* JSON field of its list, or "" when it has none */
    char *heading; /* heading in text output and reports */
    char *summary; /* heading in the session summary, or "" */
    int reasons;   /* the summary shows each one's reason */
    char *role;    /* "warning", "treatment" or "none" */
} tp_kind;

#define TP_GROUP_MAX 32 /* questions in one group */

/* Questions the session asks together as one checklist (facts/groups.clp). */
typedef struct {
    char *id;                  /* group id */
    int order;                 /* asking order among groups, lowest first */
    char *title;               /* short title */
    char *prompt;              /* the checklist's question */
    char *help;                /* what the group is about, or "" */
    int members[TP_GROUP_MAX]; /* question indexes, in the order listed */
    char *items[TP_GROUP_MAX]; /* each member's checklist line ("": its question text) */
    int nmembers;              /* how many */
} tp_group;

#define TP_LOCALE_REGIONS 48 /* region codes of one locale */

/* Where the person is, for the numbers to call (facts/locales.clp). */
typedef struct {
    char *id;                         /* locale id */
    char *name;                       /* in words */
    char *regions[TP_LOCALE_REGIONS]; /* region codes that select it (GB, US, ...) */
    int nregions;                     /* how many */
    int is_default;                   /* used when no locale names the region */
} tp_locale;

/* At a level in a locale: the number to call, the first line of the result
 * (label) and where to go. */
typedef struct {
    char *locale; /* locale id */
    char *level;  /* level id */
    char *number; /* what to dial */
    char *label;  /* names the number: the result's first line */
    char *where;  /* where to go, or "" */
} tp_locale_call;

typedef struct {
    char *path; /* file path */
    char *text; /* its contents */
} tp_kb_file;

typedef struct tp_output_pieces tp_output_pieces; /* output.h */

typedef struct tp_kb {
    char *dir;                      /* knowledge-base folder (holds rules/, facts/) */
    char hash[17];                  /* hex hash of rules/ and facts/ contents */
    tp_kb_file *files;              /* the files loaded, in load order */
    int nfiles;                     /* how many */
    tp_question *questions;         /* sorted by order */
    int nquestions;                 /* how many */
    int *qindex;                    /* question indexes by id hash, -1 where free */
    size_t qindex_size;             /* its slots, a power of two */
    tp_level *levels;               /* sorted by rank */
    int nlevels;                    /* how many */
    tp_text *texts;                 /* output texts */
    int ntexts;                     /* how many */
    tp_source *sources;             /* sources */
    int nsources;                   /* how many */
    long review_days;               /* a source review older than this is warned of (0: never) */
    tp_wording *wordings;           /* words the host shows, by id */
    int nwordings;                  /* how many */
    tp_kind *kinds;                 /* kinds of conclusion, sorted by order */
    int nkinds;                     /* how many */
    tp_group *groups;               /* checklists, sorted by order */
    int ngroups;                    /* how many */
    int *group_of;                  /* per question: its group's index, -1 none, -2 asked alone */
    char **alone_why;               /* per question: why it is asked alone (ask-alone), or NULL */
    tp_locale *locales;             /* numbers to call, per region (facts/locales.clp) */
    int nlocales;                   /* how many */
    tp_locale_call *calls;          /* per locale and level */
    int ncalls;                     /* how many */
    char *phases[8];                /* modules focused before each run */
    int nphases;                    /* how many */
    const tp_output_pieces *pieces; /* JSON pieces of every result, built by the
                                       handle at open (output.h); NULL: none */
    char *image;                    /* the rules' binary image in the cache, or NULL */
    char image_note[160];           /* what open did with it (used, written, refused: why) */
} tp_kb;

/* Finds the knowledge base: explicit dir, $TPTRIAGE_KB, next to the
 * installed program, or the source tree. Returns a static or given string. */
const char *tp_kb_locate(const char *explicit_dir);

/* Reads and loads the knowledge base in dir into a new engine. On any error
 * (file:line in err) nothing is kept. Returns 0 or -1. */
int tp_kb_open(tp_kb *kb, const char *dir, tp_engine **engine, tp_error *err);
/* Loads an opened knowledge base into another new engine (for workers). */
tp_engine *tp_kb_engine(const tp_kb *kb, tp_error *err);
/* The same, always parsed from the source text (never the binary image,
 * which has no rule text): for reading the rules' text. */
tp_engine *tp_kb_source_engine(const tp_kb *kb, tp_error *err);
void tp_kb_close(tp_kb *kb);

const tp_question *tp_kb_question(const tp_kb *kb, const char *id);
int tp_kb_question_index(const tp_kb *kb, const char *id);
const tp_level *tp_kb_level(const tp_kb *kb, const char *id);
/* The level from which q is no longer asked (its ask-below), or NULL. */
const tp_level *tp_kb_ask_below(const tp_kb *kb, const tp_question *q);
/* The knowledge base's words for id (facts/wording.clp), or NULL. */
const char *tp_kb_wording(const tp_kb *kb, const char *id);
const tp_text *tp_kb_text(const tp_kb *kb, const char *kind, const char *id);
/* Whether text t, shown on its own (not with a conclusion), is shown at level
 * l: l is its from-level or less urgent. An unknown level (NULL) or from-level
 * shows it. */
int tp_kb_text_shown(const tp_kb *kb, const tp_text *t, const tp_level *l);
const tp_source *tp_kb_source(const tp_kb *kb, const char *id);
const tp_kind *tp_kb_kind(const tp_kb *kb, const char *id);
/* The first kind with this role ("warning", "treatment"), or NULL. */
const tp_kind *tp_kb_kind_role(const tp_kb *kb, const char *role);
/* The group question q (an index) belongs to, or NULL. */
const tp_group *tp_kb_group_of(const tp_kb *kb, int q);
/* Where a word first appears after "(id ID)" in a fact of template tmpl, as
 * "file:line" into out (the file alone when not found). */
void tp_kb_fact_where(const tp_kb *kb, const char *tmpl, const char *id, const char *word,
                      char *out, size_t len);
/* The allowed value of q equal to s, or NULL. */
const char *tp_kb_value(const tp_question *q, const char *s);

/* The locale want names: a locale id ("gb"), a region code ("GB") or a
 * locale name as in LANG ("en_GB.UTF-8": its region); NULL, "" or one no
 * locale names: the default locale. NULL when the knowledge base has none. */
const tp_locale *tp_kb_locale(const tp_kb *kb, const char *want);
/* Whether want names a locale of kb (not only the default). */
int tp_kb_locale_known(const tp_kb *kb, const char *want);
/* The locale a person chose: opt (--locale) when given, else
 * $TPTRIAGE_LOCALE, else the region of $LANG, else the default. */
const tp_locale *tp_kb_locale_pick(const tp_kb *kb, const char *opt);
/* What to call at level l in locale loc, or NULL (no call at that level). */
const tp_locale_call *tp_kb_call(const tp_kb *kb, const tp_locale *loc, const tp_level *l);

/* An example of answers in JSON for error hints, from the loaded questions
 * (the first choice question answered "no" or its first value; with
 * with_number, the first number question too): {"q": "no", "n": 42}. */
void tp_kb_example(const tp_kb *kb, int with_number, char *out, size_t len);

#endif
