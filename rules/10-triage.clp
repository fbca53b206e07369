;;; 10-triage.clp: red flags, contraindications, restrictions and the level.
;;; An "unsure" answer to a safety question is treated as "yes". Each rule
;;; concludes one thing; the level a flag calls for comes from flag-level
;;; facts (facts/levels.clp), so the flag rules stay small.

;;; ---- Emergency screen -------------------------------------------------

(defrule TRIAGE::red-flag-saddle-numbness
   "Numbness in the saddle area can mean cauda equina syndrome, an emergency."
   (logical (answer (question saddle-numbness) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id saddle-numbness) (rule red-flag-saddle-numbness)
      (reason "Numbness between the legs or around the back passage can mean the nerves at the base of the spine are squeezed.")
      (source ng59))))

(defrule TRIAGE::red-flag-bladder-bowel-change
   "New bladder or bowel trouble can mean cauda equina syndrome, an emergency."
   (logical (answer (question bladder-bowel-change) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id bladder-bowel-change) (rule red-flag-bladder-bowel-change)
      (reason "A new change in bladder or bowel control can mean the nerves at the base of the spine are squeezed.")
      (source ces))))

(defrule TRIAGE::red-flag-both-legs
   "Symptoms in both legs, or legs suddenly weak, can mean cauda equina syndrome."
   (logical (answer (question both-legs) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id both-legs) (rule red-flag-both-legs)
      (reason "Pain, numbness or weakness in both legs points to the spine, not to a muscle knot.")
      (source ng59))))

(defrule TRIAGE::red-flag-major-trauma
   "Pain that began with a serious accident or fall needs emergency assessment."
   (logical (answer (question major-trauma) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id major-trauma) (rule red-flag-major-trauma)
      (reason "Pain that started with a serious accident or fall may come from an injury to bone or spine.")
      (source nhs-bp))))

(defrule TRIAGE::red-flag-chest-pain-or-breathless
   "Chest pain or sudden breathlessness may be a clot in the lung, an emergency."
   (logical (answer (question chest-pain-or-breathless) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id chest-pain-or-breathless) (rule red-flag-chest-pain-or-breathless)
      (reason "Chest pain or sudden breathlessness can be a clot that has moved to the lungs.")
      (source dvt))))

;;; ---- Red flags of the main guide ---------------------------------------

(defrule TRIAGE::red-flag-pain-below-knee
   "The guide sends pain travelling past the knee to a professional; the brief keeps it at see-clinician."
   (logical (answer (question pain-below-knee) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id pain-below-knee) (rule red-flag-pain-below-knee)
      (reason "Pain that travels down the leg past the knee may come from an irritated nerve, which self-massage cannot fix.")
      (source guide-help))))

(defrule TRIAGE::red-flag-numbness
   "The guide names numbness as a reason to consult a professional."
   (logical (answer (question numbness) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id numbness) (rule red-flag-numbness)
      (reason "Numbness suggests a nerve is involved rather than only a muscle knot.")
      (source guide-help))))

(defrule TRIAGE::red-flag-tingling
   "The guide names tingling as a reason to consult a professional."
   (logical (answer (question tingling) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id tingling) (rule red-flag-tingling)
      (reason "Pins and needles suggest a nerve is irritated rather than only a muscle knot.")
      (source guide-help))))

(defrule TRIAGE::red-flag-weakness
   "The guide names noticeable muscle weakness as a reason to consult a professional; the brief puts one leg or foot getting weaker (tripping, foot slapping down, which is what the question asks) at urgent (facts/levels.clp)."
   (logical (answer (question weakness) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id weakness) (rule red-flag-weakness)
      (reason "Noticeable weakness can mean a nerve is not working properly.")
      (source guide-help))))

(defrule TRIAGE::red-flag-worse-after-release
   "The guide says symptoms worse right after a release attempt need a professional."
   (logical (answer (question worse-after-release) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id worse-after-release) (rule red-flag-worse-after-release)
      (reason "Feeling worse straight after pressing on the knot means the self-treatment may be doing harm.")
      (source guide-help))))

(defrule TRIAGE::red-flag-sharp-pain-on-pressure
   "Sharp, electric or radiating pain under pressure signals nerve irritation (guide, Safety Warning)."
   (logical (answer (question sharp-pain-on-pressure) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id sharp-pain-on-pressure) (rule red-flag-sharp-pain-on-pressure)
      (reason "Sharp, electric or shooting pain while pressing means a nerve may be irritated; more pressure can make it worse.")
      (source guide-safety))))

(defrule TRIAGE::red-flag-no-improvement
   "The guide says pain that fails to improve after three or four days of self-care needs looking into; we take three days, the cautious end."
   (logical (answer (question days-of-self-care) (value ?d&:(integerp ?d)&:(>= ?d 3)))
            (answer (question improving) (value no|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id no-improvement) (rule red-flag-no-improvement)
      (reason "Three or more days of steady self-care without clear improvement means something else may be going on.")
      (source guide-help))))

;;; ---- Further red flags (clinical brief) ---------------------------------

(defrule TRIAGE::red-flag-pain-persists
   "The guide (When Professional Help is Necessary) and the brief: pain that persists after three or four days of steady self-care, even if it is getting better, needs looking into; we take three days, the cautious end (the question is asked from three days on; a yes counts whenever it is given)."
   (logical (answer (question pain-persists) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id pain-persists) (rule red-flag-pain-persists)
      (reason "The pain is still there after three or more days of steady self-care, so something else may be going on.")
      (source guide-help))))

(defrule TRIAGE::red-flag-very-unwell
   "The brief marks fever as urgent but uncertain: very unwell may be an emergency. We take the cautious option: feeling very unwell (or unsure) is an emergency; the question is asked with a fever, and a yes counts whenever it is given."
   (logical (answer (question very-unwell) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id very-unwell) (rule red-flag-very-unwell)
      (reason "A temperature with this pain while feeling very unwell can be a serious infection that needs help now.")
      (source brief-red-flags))))

(defrule TRIAGE::red-flag-fever
   "Fever with back or buttock pain can mean infection (NHS back pain: urgent advice)."
   (logical (answer (question fever) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id fever) (rule red-flag-fever)
      (reason "A temperature with this pain can be a sign of an infection that needs checking today.")
      (source nhs-bp))))

(defrule TRIAGE::red-flag-cancer-history
   "A past cancer with new back or buttock pain needs urgent checking for spread to bone."
   (logical (answer (question cancer-history) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id cancer-history) (rule red-flag-cancer-history)
      (reason "After a cancer, new pain in the back or buttock should be checked for spread to the bone.")
      (source cg75))))

(defrule TRIAGE::red-flag-weight-loss
   "Weight loss without trying, with pain, needs urgent checking."
   (logical (answer (question weight-loss) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id weight-loss) (rule red-flag-weight-loss)
      (reason "Losing weight without trying, together with pain, can point to an illness that needs to be found early.")
      (source nhs-bp))))

(defrule TRIAGE::red-flag-night-pain
   "Pain worse at night or not eased by rest is not typical of a muscle knot."
   (logical (answer (question night-pain) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id night-pain) (rule red-flag-night-pain)
      (reason "Muscle knots usually ease with rest or a change of position; pain that does not, or is worse at night, needs checking.")
      (source glos))))

(defrule TRIAGE::red-flag-calf-swelling
   "A swollen, warm or red calf or thigh may be a deep vein thrombosis: no pressure, urgent care."
   (logical (answer (question calf-swelling) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id calf-swelling) (rule red-flag-calf-swelling)
      (reason "One swollen, warm, red or throbbing calf or thigh can be a blood clot; pressing on it could move the clot.")
      (source dvt))))

(defrule TRIAGE::red-flag-back-lump
   "A lump or change of shape in the back needs urgent checking (Gloucestershire pathway)."
   (logical (answer (question back-lump) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id back-lump) (rule red-flag-back-lump)
      (reason "A new lump or change in the shape of the back is not explained by a muscle knot.")
      (source glos))))

(defrule TRIAGE::red-flag-infection-risk
   "Infection risk (drugs injected, immune-suppressing medicine, recent infection) means no self-treatment until checked."
   (logical (answer (question infection-risk) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id infection-risk) (rule red-flag-infection-risk)
      (reason "With a raised risk of infection, pain here should be checked before any pressure work.")
      (source glos))))

(defrule TRIAGE::red-flag-age-under-16
   "Under 16 the brief gives no self-treatment advice at all."
   (logical (answer (question age) (value ?a&:(integerp ?a)&:(< ?a 16))))
   =>
   (assert (conclusion (kind red-flag) (id age) (rule red-flag-age-under-16)
      (reason "This tool gives no self-treatment advice to anyone under 16; a young person's pain should be seen by a professional.")
      (source glos))))

(defrule TRIAGE::red-flag-age-new-pain-over-50
   "New pain starting over the age of 50 is a standard red flag (Gloucestershire pathway)."
   (logical (answer (question age) (value ?a&:(integerp ?a)&:(> ?a 50)))
            (answer (question new-pain) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id age) (rule red-flag-age-new-pain-over-50)
      (reason "Pain that starts for the first time after 50 should be checked by a professional before treating it yourself.")
      (source glos))))

(defrule TRIAGE::red-flag-age-new-pain-under-20
   "New pain starting under the age of 20 is a standard red flag (Gloucestershire pathway)."
   (logical (answer (question age) (value ?a&:(integerp ?a)&:(< ?a 20)))
            (answer (question new-pain) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id age) (rule red-flag-age-new-pain-under-20)
      (reason "Pain that starts for the first time before 20 should be checked by a professional before treating it yourself.")
      (source glos))))

;;; ---- Contraindications ------------------------------------------------------

(defrule TRIAGE::contraindication-blood-thinners
   "Blood thinners or a bleeding disorder make deep pressure risky (NCCIH)."
   (logical (answer (question blood-thinners) (value yes|unsure)))
   =>
   (assert (conclusion (kind contraindication) (id blood-thinners) (rule contraindication-blood-thinners)
      (reason "Blood thinners or easy bruising mean deep pressure can cause bleeding under the skin.")
      (source nccih))))

(defrule TRIAGE::contraindication-clot-treatment
   "Someone being treated for a blood clot should not self-massage (NCCIH)."
   (logical (answer (question clot-treatment) (value yes|unsure)))
   =>
   (assert (conclusion (kind contraindication) (id clot-treatment) (rule contraindication-clot-treatment)
      (reason "While a blood clot is being treated, massage could loosen it.")
      (source nccih))))

(defrule TRIAGE::contraindication-broken-skin
   "Broken, infected or rashy skin over the area must not be worked on (Delphi study)."
   (logical (answer (question broken-skin) (value yes|unsure)))
   =>
   (assert (conclusion (kind contraindication) (id broken-skin) (rule contraindication-broken-skin)
      (reason "Pressing on broken, infected or rashy skin can spread infection and slow healing.")
      (source delphi))))

(defrule TRIAGE::contraindication-recent-injury
   "A recent fracture or injury to the area means no pressure until checked (Delphi study)."
   (logical (answer (question recent-injury) (value yes|unsure)))
   =>
   (assert (conclusion (kind contraindication) (id recent-injury) (rule contraindication-recent-injury)
      (reason "After a recent fall, knock or injury here, the pain may not be a knot, and pressure could harm healing tissue.")
      (source delphi))))

(defrule TRIAGE::contraindication-hot-swollen
   "An area that is hot, red and swollen must not be pressed (Delphi study)."
   (logical (answer (question hot-swollen) (value yes|unsure)))
   =>
   (assert (conclusion (kind contraindication) (id hot-swollen) (rule contraindication-hot-swollen)
      (reason "Heat, redness and swelling point to inflammation or infection, which pressure can make worse.")
      (source delphi))))

(defrule TRIAGE::contraindication-osteoporosis
   "Osteoporosis or cancer in bone rules out hard point pressure (NCCIH)."
   (logical (answer (question osteoporosis) (value yes|unsure)))
   =>
   (assert (conclusion (kind contraindication) (id osteoporosis) (rule contraindication-osteoporosis)
      (reason "Fragile bones can be hurt by hard, focused pressure near the sacrum.")
      (source nccih))))

(defrule TRIAGE::contraindication-recent-surgery
   "Surgery in the area in recent months: wait for clearance (NCCIH)."
   (logical (answer (question recent-surgery) (value yes|unsure)))
   =>
   (assert (conclusion (kind contraindication) (id recent-surgery) (rule contraindication-recent-surgery)
      (reason "After recent surgery nearby, the surgeon or physiotherapist should clear you before pressure work.")
      (source nccih))))

(defrule TRIAGE::contraindication-pregnant
   "In pregnancy, only gentle pressure, after checking with the midwife or physician (NCCIH, pregnancy review)."
   (logical (answer (question pregnant) (value yes|unsure)))
   =>
   (assert (conclusion (kind contraindication) (id pregnant) (rule contraindication-pregnant)
      (reason "In pregnancy, deep pressure is best avoided, and the midwife or doctor should agree before any pressure work.")
      (source preg))))

;;; ---- Levels ------------------------------------------------------------------

(defrule TRIAGE::level-for-flag
   "Every red flag and contraindication claims the level its flag-level fact names."
   (logical (conclusion (kind ?k&red-flag|contraindication) (id ?f) (source ?src))
            (flag-level (kind ?k) (id ?f) (level ?l) (source ?lsrc)))
   =>
   (assert (conclusion (kind level) (id ?l) (rule level-for-flag)
      (reason (str-cat (if (eq ?k red-flag) then "Red flag " else "Contraindication ") ?f
                       " calls for the level " ?l "."))
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
      (reason "Pressing caused sharp, electric or radiating pain, a sign of nerve irritation.")
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
