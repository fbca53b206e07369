;;; 30-interview.clp: which questions are still worth asking.
;;; The host asks the pending question with the lowest order, asserts the
;;; answer and runs again. A question is withdrawn as soon as its answer can
;;; no longer change the outcome.

(defrule INTERVIEW::band-open-while-nothing-as-urgent
   "Questions that stop mattering at a level stay open while no level that urgent or more has been concluded; resting on the absence of such a level, not on the level itself, the band stays put while the level moves within it."
   (logical (level (id ?limit) (rank ?lr))
            (not (and (conclusion (kind level) (id ?m))
                      (level (id ?m) (rank ?r&:(<= ?r ?lr))))))
   =>
   (assert (open-below (level ?limit))))

(defrule INTERVIEW::ask-while-it-can-change-the-outcome
   "Ask a question only while the level so far is less urgent than the level (ask-below) at which its answer stops mattering."
   (logical (question (id ?q) (when always) (ask-below ?limit))
            (open-below (level ?limit)))
   =>
   (assert (ask (question ?q))))

(defrule INTERVIEW::ask-improving-after-three-days
   "Whether it is improving matters only after three or more days of self-care."
   (logical (answer (question days-of-self-care) (value ?d&:(integerp ?d)&:(>= ?d 3)))
            (open-below (level urgent)))
   =>
   (assert (ask (question improving))))

(defrule INTERVIEW::ask-new-pain-when-over-50
   "New pain matters for the age red flag over 50."
   (logical (answer (question age) (value ?a&:(integerp ?a)&:(> ?a 50)))
            (open-below (level see-clinician)))
   =>
   (assert (ask (question new-pain))))

(defrule INTERVIEW::ask-new-pain-when-under-20
   "New pain matters for the age red flag under 20 (under 16 is flagged anyway)."
   (logical (answer (question age) (value ?a&:(integerp ?a)&:(>= ?a 16)&:(< ?a 20)))
            (open-below (level see-clinician)))
   =>
   (assert (ask (question new-pain))))

(defrule INTERVIEW::ask-floor-when-there-is-a-ball
   "Getting to the floor decides between the ball on the floor and the ball on the wall (guide, Ball Techniques)."
   (logical (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (open-below (level see-clinician)))
   =>
   (assert (ask (question can-get-to-floor))))

(defrule INTERVIEW::ask-floor-when-there-is-a-roller
   "The foam roller is used sitting on the floor (guide, Foam Roller), so the floor question is asked whenever it is at hand (issue 11: it was asked only with a ball)."
   (logical (answer (question equipment) (value $? foam-roller $?))
            (open-below (level see-clinician)))
   =>
   (assert (ask (question can-get-to-floor))))

(defrule INTERVIEW::ask-pain-persists-after-three-days
   "Whether the pain is still there matters only after three or more days of self-care (guide: pain that persists after three or four days)."
   (logical (answer (question days-of-self-care) (value ?d&:(integerp ?d)&:(>= ?d 3)))
            (open-below (level urgent)))
   =>
   (assert (ask (question pain-persists))))

(defrule INTERVIEW::ask-very-unwell-with-fever
   "With a fever (or unsure), whether the person is very unwell decides between urgent and emergency (brief, cautious reading)."
   (logical (answer (question fever) (value yes|unsure))
            (open-below (level emergency)))
   =>
   (assert (ask (question very-unwell))))

(defrule INTERVIEW::ask-leg-pain-quality-past-knee
   "The brief (Red flags in the source articles, judgement on pain past the knee) raises pain past the knee to urgent when electric pain comes with it; the quality of the leg pain itself is asked whenever pain runs past the knee (or unsure), not only under pressure (issue 23, kind 9)."
   (logical (answer (question pain-below-knee) (value yes|unsure))
            (open-below (level urgent)))
   =>
   (assert (ask (question leg-pain-electric))))
