;;; diary.clp: the check-in diary in a later session. With the person's
;;; consent a finished session keeps its answers, result and a 0-10 pain score
;;; with the date; a later session fills the questions below from it. Each
;;; filled answer is shown with a note and stays changeable (:change), and is
;;; an answer like any other: batch files and JSON are unchanged. The host
;;; knows only the two ways of filling named in the template, never a question.

(deftemplate MAIN::diary-fill
   "A question a later session answers from the diary, and how.
    days-since-first: the days since the first check-in of the current
    episode, plus the number that check-in gave for the same question.
    pain-lower: today's pain score against the first (or previous) check-in's:
    at least min-drop points lower, or 0 today after pain (gone), gives
    if-lower; higher today, or less lower from a score that could have
    dropped min-drop points, gives otherwise; anything else (a score below
    min-drop, not gone, not higher) is not filled: the question is asked.
    A check-in more than episode-gap days after the one before (or today more
    than episode-gap days after the last) starts a new episode.
    last-answer: the answer the episode's last check-in gave (for what does not
    change from day to day; never a safety question, which is always asked)."
   (slot question (type SYMBOL))
   (slot from (type SYMBOL) (allowed-symbols days-since-first pain-lower last-answer))
   (slot compare-with (type SYMBOL) (allowed-symbols first previous) (default first))
   (slot min-drop (type INTEGER) (default 1))
   (slot if-lower (type SYMBOL) (default yes))
   (slot otherwise (type SYMBOL) (default no))
   (slot episode-gap (type INTEGER) (default 14)))

(deffacts MAIN::diary-fills
   ;; The guide's "no better after three or four days of self-care" is then
   ;; counted from real dates rather than recalled.
   (diary-fill (question days-of-self-care) (from days-since-first) (episode-gap 14))
   ;; "Clearly getting better": the pain score at least 2 points lower than
   ;; at the first check-in of the episode (judgement: a change of 1 point on
   ;; a 0-10 scale is within day-to-day variation); no change or worse is no.
   ;; Issue 23, kind 8: a score of 0 today after pain is gone, so yes (it used
   ;; to read as no from a first score of 1); from a first score of 0 or 1 the
   ;; 2-point drop can never be met, so unless it is gone or higher, the
   ;; question is asked instead of filled.
   (diary-fill (question improving) (from pain-lower) (compare-with first) (min-drop 2)
      (if-lower yes) (otherwise no) (episode-gap 14))
   ;; Only what may have changed is asked again: where it hurts and what is at
   ;; hand are taken from the last check-in (shown, and :change corrects
   ;; them); every warning sign is asked again.
   (diary-fill (question pain-location) (from last-answer) (episode-gap 14))
   (diary-fill (question equipment) (from last-answer) (episode-gap 14)))

(deffacts MAIN::diary-texts
   (text (kind diary) (id greeting) (text "Welcome back: your last check-in was {ago} ({date})."))
   (text (kind diary) (id pain) (text "How bad is the pain today, from 0 (none) to 10 (the worst you can imagine)? Type a number, or press Enter to skip."))
   (text (kind diary) (id pain-refused) (text "'{typed}' is not a pain score: type a whole number from 0 (none) to 10 (the worst), such as 6 or 6/10, or press Enter to skip."))
   (text (kind diary) (id filled) (text "From your diary:"))
   (text (kind diary) (id change) (text "(:change {id} corrects it.)"))
   (text (kind diary) (id consent) (text "Keep a check-in (answers, result, pain score) on this computer only? y/N"))
   (text (kind diary) (id kept) (text "Kept in your diary at {path}. tptriage diary shows it; tptriage diary --delete deletes it."))
   (text (kind diary) (id not-kept) (text "Nothing kept.")))
