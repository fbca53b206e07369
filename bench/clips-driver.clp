;;; clips-driver.clp: the raw-engine anchor of bench/batch.sh.
;;; Runs the knowledge base over the cases of bench/gencases.sh in the stock
;;; `clips` program, the way tptriage judges them: reset, assert the answers,
;;; focus the phases and run; then, as long as a rule asks a question that has
;;; no answer, mark the one asked first (lowest order) unanswered and run
;;; again. No report per case: only the count of cases by level at the end, so
;;; that the bench can check that both computed the same thing.
;;; Load rules/ and facts/ first, then this file, then call (bench-run FILE).

(defglobal MAIN ?*bench-levels* = (create$) ?*bench-counts* = (create$))

(deffunction MAIN::bench-assert-line (?line)
   "Asserts one case: 'question value... / question value... /'."
   (bind ?q nil)
   (bind ?vals (create$))
   (progn$ (?t (explode$ ?line))
      (if (eq ?t /)
       then (assert (answer (question ?q) (value ?vals)))
            (bind ?q nil)
            (bind ?vals (create$))
       else (if (eq ?q nil)
             then (bind ?q ?t)
             else (bind ?vals (create$ ?vals ?t))))))

(deffunction MAIN::bench-next-ask ()
   "The asked question with no answer and the lowest order, or nil."
   (bind ?best nil)
   (bind ?order 1000000000)
   (do-for-all-facts ((?a ask)) TRUE
      (bind ?q ?a:question)
      (if (not (any-factp ((?x answer)) (eq ?x:question ?q)))
       then (do-for-fact ((?d question)) (eq ?d:id ?q)
               (if (< ?d:order ?order)
                then (bind ?order ?d:order)
                     (bind ?best ?q)))))
   ?best)

(deffunction MAIN::bench-count (?level)
   (bind ?i (member$ ?level ?*bench-levels*))
   (if ?i
    then (bind ?*bench-counts*
               (replace$ ?*bench-counts* ?i ?i (+ 1 (nth$ ?i ?*bench-counts*))))
    else (bind ?*bench-levels* (create$ ?*bench-levels* ?level))
         (bind ?*bench-counts* (create$ ?*bench-counts* 1))))

(deffunction MAIN::bench-judge ()
   (focus TRIAGE ADVICE INTERVIEW)
   (run)
   (bind ?q (bench-next-ask))
   (while (neq ?q nil) do
      (assert (answer (question ?q) (value unanswered)))
      (focus TRIAGE ADVICE INTERVIEW)
      (run)
      (bind ?q (bench-next-ask))))

(deffunction MAIN::bench-run (?file)
   "Judges every case of ?file; prints 'cases N' and 'level ID COUNT' lines."
   (set-reset-globals FALSE)
   (if (not (open ?file bench-cases "r"))
    then (printout t "cannot open " ?file crlf)
         (return 0))
   (bind ?n 0)
   (bind ?line (readline bench-cases))
   (while (neq ?line EOF) do
      (reset)
      (bench-assert-line ?line)
      (bench-judge)
      (do-for-fact ((?d disposition)) TRUE (bench-count ?d:level))
      (bind ?n (+ ?n 1))
      (bind ?line (readline bench-cases)))
   (close bench-cases)
   (printout t "cases " ?n crlf)
   (loop-for-count (?i (length$ ?*bench-levels*))
      (printout t "level " (nth$ ?i ?*bench-levels*) " " (nth$ ?i ?*bench-counts*) crlf))
   ?n)
