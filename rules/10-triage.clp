;;; 10-triage.clp: red flags, contraindications, restrictions and the level.
;;; An "unsure" answer to a safety question is treated as "yes". A red flag or
;;; contraindication raised by answers is a row of the flag table
;;; (facts/flags.clp), concluded by the two generic rules below under the
;;; row's own rule name; the level a flag calls for comes from flag-level
;;; facts (facts/levels.clp). Each other rule concludes one thing.

;;; ---- Red flags and contraindications raised by answers: the flag table ----
;;; Each row of facts/flags.clp names the answers that raise one flag, the
;;; name explanations give it (its rule slot), why (its comment), the reason
;;; and the source. These two rules are the only ones that read the table.

(defrule TRIAGE::flag-from-answer
   "A row of the flag table with one answer: the flag stands while the answer is one of the row's values (a number: within its range)."
   (logical (flag-trigger (kind ?k) (id ?f) (rule ?r) (question ?q) (values $?vs) (min ?lo) (max ?hi)
                          (and-question none) (reason ?why) (source ?src))
            (answer (question ?q)
                    (value ?v&:(or (member$ ?v ?vs)
                                   (and (integerp ?v) (= (length$ ?vs) 0) (<= ?lo ?v ?hi))))))
   =>
   (assert (conclusion (kind ?k) (id ?f) (rule ?r) (reason ?why) (source ?src))))

(defrule TRIAGE::flag-from-two-answers
   "A row of the flag table with two answers (a follow-up and the answer that opens it, or an age with new pain): the flag stands while both hold."
   (logical (flag-trigger (kind ?k) (id ?f) (rule ?r) (question ?q) (values $?vs) (min ?lo) (max ?hi)
                          (and-question ?q2&~none) (and-values $?vs2) (and-min ?lo2) (and-max ?hi2)
                          (reason ?why) (source ?src))
            (answer (question ?q)
                    (value ?v&:(or (member$ ?v ?vs)
                                   (and (integerp ?v) (= (length$ ?vs) 0) (<= ?lo ?v ?hi)))))
            (answer (question ?q2)
                    (value ?w&:(or (member$ ?w ?vs2)
                                   (and (integerp ?w) (= (length$ ?vs2) 0) (<= ?lo2 ?w ?hi2))))))
   =>
   (assert (conclusion (kind ?k) (id ?f) (rule ?r) (reason ?why) (source ?src))))

;;; ---- Levels ------------------------------------------------------------------

(defrule TRIAGE::level-for-flag
   "Every red flag and contraindication claims the level its flag-level fact names."
   (logical (conclusion (kind ?k&red-flag|contraindication) (id ?f) (source ?src))
            (flag-level (kind ?k) (id ?f) (level ?l) (source ?lsrc)))
   =>
   (assert (conclusion (kind level) (id ?l) (rule level-for-flag)
      (reason (if (eq ?k red-flag)
                  then "One of your answers is a warning sign, and this is the care it needs."
                  else "One of your answers means pressing on the knot yourself needs care, and this is the advice for it."))
      (source ?lsrc))))

(defrule TRIAGE::urgent-pain-below-knee-with-numbness
   "The brief raises pain past the knee to urgent when numbness comes with it."
   (logical (answer (question pain-below-knee) (value yes|unsure))
            (answer (question numbness) (value yes|unsure)))
   =>
   (assert (conclusion (kind level) (id urgent) (rule urgent-pain-below-knee-with-numbness)
      (reason "Pain past the knee together with numbness can mean a pressed nerve that should be seen today.")
      (source brief-judgement))))

(defrule TRIAGE::urgent-pain-below-knee-with-electric-pain
   "The brief raises pain past the knee to urgent when electric pain under pressure comes with it."
   (logical (answer (question pain-below-knee) (value yes|unsure))
            (answer (question sharp-pain-on-pressure) (value yes|unsure)))
   =>
   (assert (conclusion (kind level) (id urgent) (rule urgent-pain-below-knee-with-electric-pain)
      (reason "Pain past the knee with electric pain when pressing points to an irritated nerve that should be seen today.")
      (source brief-judgement))))

(defrule TRIAGE::emergency-cancer-with-nerve-signs
   "A past cancer with new weakness, numbness or bladder or bowel change may be spinal cord compression (NICE CG75)."
   (logical (answer (question cancer-history) (value yes|unsure))
            (answer (question ?q&weakness|numbness|bladder-bowel-change) (value yes|unsure)))
   =>
   (assert (conclusion (kind level) (id emergency) (rule emergency-cancer-with-nerve-signs)
      (reason "A past cancer together with new weakness, numbness or bladder or bowel change can mean the spinal cord is pressed.")
      (source cg75))))

(defrule TRIAGE::urgent-injury-with-osteoporosis
   "The brief calls a minor fall with osteoporosis see-clinician but says urgent is defensible; we take the cautious urgent."
   (logical (answer (question recent-injury) (value yes|unsure))
            (answer (question osteoporosis) (value yes|unsure)))
   =>
   (assert (conclusion (kind level) (id urgent) (rule urgent-injury-with-osteoporosis)
      (reason "A fall or knock with fragile bones can break a bone without much force; it should be checked today.")
      (source glos))))

(defrule TRIAGE::see-clinician-when-safety-unanswered
   "An unanswered safety question cannot be ruled out, so plain self-care is never given."
   (logical (answer (question ?q) (value unanswered))
            (question (id ?q) (safety yes)))
   =>
   (assert (conclusion (kind level) (id see-clinician) (rule see-clinician-when-safety-unanswered)
      (reason (str-cat "The safety question " ?q " was not answered, so it cannot be ruled out."))
      (source brief-red-flags))))

(defrule TRIAGE::self-care-when-no-flag
   "With every safety answer clear, the full routine of the guide applies, with its safety net (the brief, Triage levels: self-care; issue 23, kind 12: it cited the guide's section on professional help, which does not say it)."
   (logical (not (conclusion (kind level) (id ~self-care))))
   =>
   (assert (conclusion (kind level) (id self-care) (rule self-care-when-no-flag)
      (reason "No red flag, contraindication or unanswered safety question was found.")
      (source brief-levels))))

(defrule TRIAGE::disposition-most-urgent
   "A case gets the most urgent level that any rule concludes."
   (logical (conclusion (kind level) (id ?l))
            (level (id ?l) (rank ?r))
            (not (and (conclusion (kind level) (id ?m))
                      (level (id ?m) (rank ?r2&:(< ?r2 ?r))))))
   =>
   (assert (disposition (level ?l))))

;;; ---- Restrictions ----------------------------------------------------------------

(defrule TRIAGE::stop-pressing-on-sharp-pain
   "The guide says to stop pressure at once with sharp, electric or radiating pain."
   (logical (answer (question sharp-pain-on-pressure) (value yes|unsure)))
   =>
   (assert (conclusion (kind stop-pressing) (id stop_pressing) (rule stop-pressing-on-sharp-pain)
      (reason "Pressing gave you sharp, electric or spreading pain. This is a sign that a nerve is irritated.")
      (source guide-safety))))

(defrule TRIAGE::restrict-deep-pressure-with-blood-thinners
   "NCCIH: with blood thinners, no deep, knuckle or elbow pressure."
   (logical (conclusion (kind contraindication) (id blood-thinners)))
   =>
   (assert (conclusion (kind restriction) (id no-deep-pressure) (rule restrict-deep-pressure-with-blood-thinners)
      (reason "Blood thinners make bruising and bleeding under the skin more likely with deep pressure.")
      (source nccih))))

(defrule TRIAGE::restrict-deep-pressure-in-pregnancy
   "NCCIH and the pregnancy review: no deep pressure in pregnancy."
   (logical (conclusion (kind contraindication) (id pregnant)))
   =>
   (assert (conclusion (kind restriction) (id no-deep-pressure) (rule restrict-deep-pressure-in-pregnancy)
      (reason "Deep pressure is best avoided in pregnancy.")
      (source preg))))

(defrule TRIAGE::restrict-knuckle-elbow-with-osteoporosis
   "NCCIH: with fragile bone, no knuckle or elbow pressure near the sacrum."
   (logical (conclusion (kind contraindication) (id osteoporosis)))
   =>
   (assert (conclusion (kind restriction) (id no-knuckle-elbow) (rule restrict-knuckle-elbow-with-osteoporosis)
      (reason "Focused knuckle or elbow pressure near the sacrum can hurt fragile bone.")
      (source nccih))))

(defrule TRIAGE::restrict-pressure-on-broken-skin
   "The Delphi study: do not work an area with broken, infected or rashy skin."
   (logical (conclusion (kind contraindication) (id broken-skin)))
   =>
   (assert (conclusion (kind restriction) (id no-pressure) (rule restrict-pressure-on-broken-skin)
      (reason "The skin over the area needs to heal before any pressure work.")
      (source delphi))))

(defrule TRIAGE::restrict-moist-heat-when-numb
   "A numb area cannot feel heat and can scald (NHS sciatica)."
   (logical (answer (question numbness) (value yes|unsure)))
   =>
   (assert (conclusion (kind restriction) (id no-moist-heat) (rule restrict-moist-heat-when-numb)
      (reason "Numb skin cannot tell when heat is too hot and can burn.")
      (source nhs-sci))))

(defrule TRIAGE::restrict-self-treatment-with-infection-risk
   "The brief: with a raised risk of infection (and no fever), see-clinician and no self-treatment until checked."
   (logical (conclusion (kind red-flag) (id infection-risk)))
   =>
   (assert (conclusion (kind restriction) (id no-self-treatment) (rule restrict-self-treatment-with-infection-risk)
      (reason "With a raised risk of infection, no self-treatment until a professional has checked the pain.")
      (source glos))))

(defrule TRIAGE::restrict-pressure-after-recent-injury
   "The brief (Delphi study): after a recent fracture or injury to the area, no pressure."
   (logical (conclusion (kind contraindication) (id recent-injury)))
   =>
   (assert (conclusion (kind restriction) (id no-pressure) (rule restrict-pressure-after-recent-injury)
      (reason "Pressure could harm tissue or bone that is still healing.")
      (source delphi))))

(defrule TRIAGE::restrict-exercise-after-recent-injury
   "A recent injury may be a fracture (the question asks about a broken bone): no walks, movement breaks or stretches are suggested until it is checked. Cautious reading of the brief's 'no pressure; see-clinician' (issue 11: a walk after a possible fracture)."
   (logical (conclusion (kind contraindication) (id recent-injury)))
   =>
   (assert (conclusion (kind restriction) (id no-exercise) (rule restrict-exercise-after-recent-injury)
      (reason "Until the injury has been checked, it is safer not to add walks or stretches for it.")
      (source delphi))))

(defrule TRIAGE::restrict-exercise-after-recent-surgery
   "The brief (NCCIH): after recent surgery nearby, wait for the surgeon's or physiotherapist's clearance. Their plan may limit walking or stretching (after hip surgery, say), so we take the cautious option and suggest no walks, movement breaks or stretches until cleared."
   (logical (conclusion (kind contraindication) (id recent-surgery)))
   =>
   (assert (conclusion (kind restriction) (id no-exercise) (rule restrict-exercise-after-recent-surgery)
      (reason "After surgery, how much to walk or stretch is for your surgeon or physiotherapist to say.")
      (source nccih))))

(defrule TRIAGE::restrict-pressure-when-hot-swollen
   "The brief (Delphi study): an area that is hot, red and swollen gets no pressure."
   (logical (conclusion (kind contraindication) (id hot-swollen)))
   =>
   (assert (conclusion (kind restriction) (id no-pressure) (rule restrict-pressure-when-hot-swollen)
      (reason "Pressure on an inflamed area can make it worse.")
      (source delphi))))

(defrule TRIAGE::restrict-pressure-during-clot-treatment
   "The brief (NCCIH): no self-massage while a blood clot is being treated."
   (logical (conclusion (kind contraindication) (id clot-treatment)))
   =>
   (assert (conclusion (kind restriction) (id no-pressure) (rule restrict-pressure-during-clot-treatment)
      (reason "While a clot is being treated, massage could loosen it.")
      (source nccih))))

(defrule TRIAGE::restrict-pressure-with-calf-swelling
   "The brief (DVT, Delphi study): a possible clot in the leg gets no pressure."
   (logical (conclusion (kind red-flag) (id calf-swelling)))
   =>
   (assert (conclusion (kind restriction) (id no-pressure) (rule restrict-pressure-with-calf-swelling)
      (reason "Pressing near a possible clot could move it.")
      (source dvt))))

(defrule TRIAGE::restrict-pressure-after-recent-surgery
   "The brief (NCCIH): after recent surgery in the area, no pressure work until the surgeon or physiotherapist clears it."
   (logical (conclusion (kind contraindication) (id recent-surgery)))
   =>
   (assert (conclusion (kind restriction) (id no-pressure) (rule restrict-pressure-after-recent-surgery)
      (reason "Pressure work waits for clearance after surgery nearby.")
      (source nccih))))

(defrule TRIAGE::restrict-pressure-on-tailbone
   "Pain at the tailbone: the guide puts the ball, roller or knuckles on muscle, and the brief's referred-pain map places the knots behind tailbone pain in the buttock muscle beside the sacrum, not in the bone. So the bone itself is not pressed; the technique is aimed at the muscle beside it (issue 23, kind 3: this restriction used to take out every technique, leaving pain at a bone with none). Shown whenever the tailbone is named."
   (logical (answer (question pain-location) (value $? tailbone $?)))
   =>
   (assert (conclusion (kind restriction) (id no-pressure-on-bone) (rule restrict-pressure-on-tailbone)
      (reason "Pain at the tailbone usually comes from the muscle beside it; pressing on the bone itself can hurt it.")
      (source brief-referred))))

(defrule TRIAGE::restrict-self-treatment-under-16
   "The brief: under 16, no self-treatment advice at all."
   (logical (answer (question age) (value ?a&:(integerp ?a)&:(< ?a 16))))
   =>
   (assert (conclusion (kind restriction) (id no-self-treatment) (rule restrict-self-treatment-under-16)
      (reason "Self-treatment advice is not given to anyone under 16.")
      (source glos))))
