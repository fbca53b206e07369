;;; 00-schema.clp: the shape of every fact that the host and the rules share.
;;; The host reads question, level, text and source facts to talk to people,
;;; asserts answer facts, and reads ask, conclusion and disposition facts.
;;; Every fact a rule asserts rests on answers through (logical ...), so that
;;; withdrawing an answer withdraws what followed from it.

(defmodule MAIN (export ?ALL))

(deftemplate MAIN::question
   "A question the host may ask; the rules decide when through ask facts."
   (slot id (type SYMBOL))
   (slot text (type STRING))
   (slot kind (type SYMBOL) (allowed-symbols choice multi number))
   (multislot values (type SYMBOL))
   (slot min (type INTEGER) (default 0))
   (slot max (type INTEGER) (default 0))
   (slot help (type STRING))
   (slot unsure (type STRING) (default ""))
   (slot safety (type SYMBOL) (allowed-symbols yes no))
   (slot when (type SYMBOL) (allowed-symbols always conditional))
   (slot ask-below (type SYMBOL))
   (slot order (type INTEGER)))

(deftemplate MAIN::answer
   "What the person said: symbols, one integer, or the symbol unanswered."
   (slot question (type SYMBOL))
   (multislot value))

(deftemplate MAIN::ask
   "A rule needs this question answered."
   (slot question (type SYMBOL)))

(deftemplate MAIN::level
   "A triage level; rank 1 is the most urgent. How the host shows it: alert
    yes shows its banner in a session the moment it is reached; tone is the
    banner's colour on a terminal (urgent red, caution yellow, calm green)."
   (slot id (type SYMBOL))
   (slot rank (type INTEGER))
   (slot title (type STRING))
   (slot todo (type STRING))
   (slot alert (type SYMBOL) (allowed-symbols yes no) (default no))
   (slot tone (type SYMBOL) (allowed-symbols urgent caution calm) (default calm)))

(deftemplate MAIN::wording
   "Words the host shows that belong to the knowledge base, not to the C code
    (the report's title, notes on safety questions): the host asks for them by
    id and shows nothing when the knowledge base has none."
   (slot id (type SYMBOL))
   (slot text (type STRING)))

(deftemplate MAIN::locale
   "Where the person is, for the numbers to call: regions are the region
    codes that select it (the region of LANG, as GB in en_GB.UTF-8, or
    --locale and TPTRIAGE_LOCALE); default yes: the locale used when the
    region is unknown."
   (slot id (type SYMBOL))
   (slot name (type STRING))
   (multislot regions (type SYMBOL))
   (slot default (type SYMBOL) (allowed-symbols yes no) (default no)))

(deftemplate MAIN::locale-call
   "At level LEVEL in locale LOCALE: the number to call and what the first
    line of the result says (label, which names the number), and where to go."
   (slot locale (type SYMBOL))
   (slot level (type SYMBOL))
   (slot number (type STRING))
   (slot label (type STRING))
   (slot where (type STRING) (default "")))

(deftemplate MAIN::text
   "Plain-language text (and dose) for an output id of a kind. from-level: for
    texts the host shows on their own (kind safety-net), the most urgent level
    at which the text is shown (none: at every level)."
   (slot kind (type SYMBOL))
   (slot id (type SYMBOL))
   (slot text (type STRING))
   (slot dose (type STRING) (default ""))
   (slot from-level (type SYMBOL) (default none)))

(deftemplate MAIN::source
   "A citable source: title and section, where to find it (a URL, or a
    citation for what has none), and the date a clinician last reviewed the
    knowledge base against it (YYYY-MM-DD)."
   (slot id (type SYMBOL))
   (slot title (type STRING))
   (slot section (type STRING))
   (slot url (type STRING) (default ""))
   (slot citation (type STRING) (default ""))
   (slot reviewed (type STRING) (default "")))

(deftemplate MAIN::source-review
   "How old a source's last review may be before check warns."
   (slot period-days (type INTEGER)))

(deftemplate MAIN::flag-level
   "The least urgent level that a red flag or contraindication calls for."
   (slot kind (type SYMBOL))
   (slot id (type SYMBOL))
   (slot level (type SYMBOL))
   (slot source (type SYMBOL)))

(deftemplate MAIN::flag-trigger
   "One row of the flag table (facts/flags.clp): the answers that raise red
    flag or contraindication KIND ID. QUESTION answered with one of VALUES
    (a number question: a number from MIN to MAX, with VALUES empty) and, when
    AND-QUESTION is not none, AND-QUESTION answered likewise (AND-VALUES, or
    AND-MIN to AND-MAX). RULE is the name explanations and outputs give it,
    COMMENT why it exists (with its source); REASON and SOURCE go with the
    conclusion. The generic rules TRIAGE::flag-from-answer and
    TRIAGE::flag-from-two-answers turn each row into its conclusion. LEVEL,
    when not none, is the least urgent level the flag calls for: the host
    makes the flag's flag-level fact and safety floor from it (with SOURCE)
    when the knowledge base writes none, so that a simple flag is a question,
    a row, a text and a case."
   (slot kind (type SYMBOL))
   (slot id (type SYMBOL))
   (slot rule (type SYMBOL))
   (slot comment (type STRING))
   (slot question (type SYMBOL))
   (multislot values (type SYMBOL))
   (slot min (type INTEGER) (default 0))
   (slot max (type INTEGER) (default 0))
   (slot and-question (type SYMBOL) (default none))
   (multislot and-values (type SYMBOL))
   (slot and-min (type INTEGER) (default 0))
   (slot and-max (type INTEGER) (default 0))
   (slot reason (type STRING))
   (slot source (type SYMBOL))
   (slot level (type SYMBOL) (default none)))

(deftemplate MAIN::floor-approval
   "The clinical lead's approval of the safety policy (facts/floor-approval.clp,
    written by tptriage floor approve --by NAME): who approved, when, the
    approved entries (safety floors, combination floors, the flag table's
    rows) and their hash. check fails while the knowledge base differs."
   (slot by (type STRING))
   (slot date (type STRING))
   (slot hash (type STRING))
   (multislot entries (type STRING)))

(deftemplate MAIN::conclusion
   "Something a rule concluded, with its reason and source."
   (slot kind (type SYMBOL)
         (allowed-symbols level red-flag contraindication restriction stop-pressing
                          muscle technique stretch aftercare))
   (slot id (type SYMBOL))
   (slot rule (type SYMBOL))
   (slot reason (type STRING))
   (slot source (type SYMBOL)))

(deftemplate MAIN::open-below
   "Questions whose answers stop mattering at this level are still worth asking:
    no level this urgent or more has been concluded."
   (slot level (type SYMBOL)))

(deftemplate MAIN::disposition
   "The most urgent level concluded so far."
   (slot level (type SYMBOL)))

(deftemplate MAIN::output-kind
   "How the host shows one kind of conclusion: its order, the JSON field of
    its list (none for the level and the stop-pressing action), its heading in
    text and reports, its heading in the session summary (empty: not listed
    there), whether reasons are shown with it there, and its role for safety
    verification (warning: any of them rules out every treatment), and the
    most urgent level at which conclusions of this kind may stand (from-level:
    this level or any less urgent one; none: at every level)."
   (slot id (type SYMBOL))
   (slot order (type INTEGER))
   (slot field (type SYMBOL) (default none))
   (slot heading (type STRING))
   (slot summary (type STRING) (default ""))
   (slot with-reasons (type SYMBOL) (allowed-symbols yes no) (default no))
   (slot role (type SYMBOL) (allowed-symbols none warning treatment) (default none))
   (slot from-level (type SYMBOL) (default none)))

(deftemplate MAIN::requires
   "Conclusion KIND ID may stand only when QUESTION has been answered with one of VALUES
    (check: no advice without its prerequisites answered and met)."
   (slot kind (type SYMBOL)) (slot id (type SYMBOL))
   (slot question (type SYMBOL)) (multislot values (type SYMBOL)))

(deftemplate MAIN::forbids
   "While conclusion KIND ID stands, no conclusion OTHER-KIND OTHER-ID may stand
    (OTHER-ID any: none of that kind)."
   (slot kind (type SYMBOL)) (slot id (type SYMBOL))
   (slot other-kind (type SYMBOL)) (slot other-id (type SYMBOL)))

(deftemplate MAIN::useful
   "At level LEVEL, when QUESTION's answer includes one of VALUES and no standing conclusion
    forbids every conclusion of KIND, at least one conclusion of KIND must stand
    (check: useful advice is never missing)."
   (slot level (type SYMBOL)) (slot question (type SYMBOL))
   (multislot values (type SYMBOL)) (slot kind (type SYMBOL)))

(deftemplate MAIN::phases
   "The modules the host focuses, first to last, before each run."
   (multislot modules (type SYMBOL)))

(deffacts MAIN::phase-order
   (phases (modules TRIAGE ADVICE INTERVIEW)))

(defmodule TRIAGE
   "Red flags, contraindications and the level they call for."
   (import MAIN ?ALL))

(defmodule ADVICE
   "Muscles, techniques, stretches and aftercare for the level reached."
   (import MAIN ?ALL))

(defmodule INTERVIEW
   "Which questions are still worth asking."
   (import MAIN ?ALL))
