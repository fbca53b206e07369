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
   "Whether it is getting better matters only after three or more days of treating it yourself."
   (logical (answer (question days-of-self-care) (value ?d&:(integerp ?d)&:(>= ?d 3)))
            (open-below (level urgent)))
   =>
   (assert (ask (question improving))))

(defrule INTERVIEW::ask-new-pain-when-over-50
   "Over 50, a new kind of pain is a reason to get it checked."
   (logical (answer (question age) (value ?a&:(integerp ?a)&:(> ?a 50)))
            (open-below (level see-clinician)))
   =>
   (assert (ask (question new-pain))))

(defrule INTERVIEW::ask-new-pain-when-under-20
   "Under 20, a new kind of pain is a reason to get it checked."
   (logical (answer (question age) (value ?a&:(integerp ?a)&:(>= ?a 16)&:(< ?a 20)))
            (open-below (level see-clinician)))
   =>
   (assert (ask (question new-pain))))

(defrule INTERVIEW::ask-floor-when-there-is-a-ball
   "Whether you can get down to the floor decides between a ball on the floor and a ball against a wall. A first-timer starts at the wall whatever the floor (guide, Ball Techniques), so for a ball the question settles nothing then and is not asked."
   (logical (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (not (answer (question first-time) (value yes)))
            (open-below (level see-clinician)))
   =>
   (assert (ask (question can-get-to-floor))))

(defrule INTERVIEW::ask-floor-when-there-is-a-roller
   "You sit on a foam roller on the floor, so this is asked whenever you have one."
   (logical (answer (question equipment) (value $? foam-roller $?))
            (open-below (level see-clinician)))
   =>
   (assert (ask (question can-get-to-floor))))

(defrule INTERVIEW::ask-pain-persists-after-three-days
   "Whether the pain is still there matters only after three or more days of treating it yourself."
   (logical (answer (question days-of-self-care) (value ?d&:(integerp ?d)&:(>= ?d 3)))
            (open-below (level urgent)))
   =>
   (assert (ask (question pain-persists))))

(defrule INTERVIEW::ask-very-unwell-with-fever
   "With a fever, or if you are not sure, how unwell you feel decides how soon you need help."
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
