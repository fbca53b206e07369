;;; wording.clp: words the host shows that belong to the knowledge base rather
;;; than to the C code (which holds no medical word): the report's title and
;;; the notes shown with safety questions. The host looks each up by id.

(deffacts MAIN::wording
   (wording (id report-title) (text "Self-assessment of buttock pain (tptriage)"))
   ;; Shown by :help on a safety question (the rule see-clinician-when-safety-unanswered).
   (wording (id safety-question-note)
      (text "This is a safety question: left unanswered, self-care cannot be advised without limits."))
   ;; Shown by :why on a safety question (the same rule's level).
   (wording (id safety-unanswered)
      (text "Left unanswered, it cannot be ruled out: the level is at best \"See a professional within days\"."))
   ;; The report's line when the stop-pressing action applies (rules/10-triage.clp).
   (wording (id report-stop-pressing)
      (text "**Stop pressing**: sharp, electric or radiating pain was reported."))
   ;; The short plan at the end of a session (and :summary): its heading, the
   ;; first technique's lead, the first safety-net line's lead, and the hint.
   (wording (id plan-heading) (text "Your plan"))
   (wording (id plan-first) (text "Start with"))
   (wording (id plan-stop) (text "When to stop"))
   (wording (id plan-again) (text "(:summary shows this plan again; :how N explains item N above.)")))
