;;; 20-advice.clp: where the knot likely is, and what to do about it.
;;; Muscles are named only from see-clinician down (never at urgent or
;;; emergency). Pressure techniques appear only at self-care or
;;; gentle-self-care, and at gentle-self-care only light, adjustable pressure
;;; (ball against a wall, foam roller). Restrictions from TRIAGE take out
;;; techniques and everything that assumes a pressure session. What each
;;; piece of advice needs and what rules it out is stated as data in
;;; facts/prerequisites.clp, which `check` verifies against these rules.

;;; ---- Muscles, from where it hurts --------------------------------------------

(defrule ADVICE::muscle-gluteus-maximus
   "The guide: the largest buttock muscle gives a broad, general ache; the brief adds the tailbone and sacrum edge. Not named at urgent or emergency: there the brief (Triage levels) gives no self-treatment, and naming a muscle would suggest a knot when the pain may have another cause."
   (logical (disposition (level see-clinician|gentle-self-care|self-care))
            (answer (question pain-location) (value $? broad-buttock|tailbone|near-sacrum $?)))
   =>
   (assert (conclusion (kind muscle) (id gluteus-maximus) (rule muscle-gluteus-maximus)
      (reason "A broad ache across the buttock, at the tailbone or beside the sacrum fits knots in the largest buttock muscle.")
      (source guide-locations))))

(defrule ADVICE::muscle-gluteus-medius
   "The guide: gluteus medius sits high, near the hip crest, and refers pain to the low back and side of the hip. Not named at urgent or emergency (brief, Triage levels; see gluteus maximus)."
   (logical (disposition (level see-clinician|gentle-self-care|self-care))
            (answer (question pain-location) (value $? hip-crest|side-of-hip $?)))
   =>
   (assert (conclusion (kind muscle) (id gluteus-medius) (rule muscle-gluteus-medius)
      (reason "Pain high up near the hip crest or down the side of the hip fits knots in the gluteus medius.")
      (source guide-locations))))

(defrule ADVICE::muscle-gluteus-minimus
   "The brief (Travell and Simons): gluteus minimus lies deep under medius and refers pain down the side of the thigh. Not named at urgent or emergency (brief, Triage levels; see gluteus maximus)."
   (logical (disposition (level see-clinician|gentle-self-care|self-care))
            (answer (question pain-location) (value $? side-of-hip $?)))
   =>
   (assert (conclusion (kind muscle) (id gluteus-minimus) (rule muscle-gluteus-minimus)
      (reason "Pain at the side of the hip can come from the small deep muscle under the gluteus medius.")
      (source ts))))

(defrule ADVICE::muscle-piriformis
   "The guide: piriformis lies deep in the centre of the buttock, near the sciatic nerve. Not named at urgent or emergency (brief, Triage levels; see gluteus maximus)."
   (logical (disposition (level see-clinician|gentle-self-care|self-care))
            (answer (question pain-location) (value $? deep-center|near-sacrum $?)))
   =>
   (assert (conclusion (kind muscle) (id piriformis) (rule muscle-piriformis)
      (reason "Deep pain in the middle of the buttock or beside the sacrum fits knots in the piriformis.")
      (source guide-locations))))

;;; ---- Techniques ---------------------------------------------------------------------
;;; Every technique is left out under no-pressure, no-self-treatment and
;;; no-pressure-on-bone; the deep ones also under no-deep-pressure.

(defrule ADVICE::technique-ball-floor-press-hold
   "The guide (Ball Techniques): sitting on a ball on the floor is the high-intensity setup, so only for someone who can get to the floor, is used to deep pressure and is not a beginner (beginners start at the wall)."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question can-get-to-floor) (value yes))
            (answer (question sensitivity) (value tolerates-deep))
            (answer (question first-time) (value no))
            (not (conclusion (kind restriction)
                    (id no-pressure|no-deep-pressure|no-self-treatment|no-pressure-on-bone))))
   =>
   (assert (conclusion (kind technique) (id ball-floor-press-hold) (rule technique-ball-floor-press-hold)
      (reason "You have a ball, can get down to the floor, are used to deep pressure and have done this before.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-small-rolling
   "The guide: once the first sharp tenderness eases under press and hold, move a few millimetres; it inherits every prerequisite of press and hold."
   (logical (conclusion (kind technique) (id ball-floor-press-hold)))
   =>
   (assert (conclusion (kind technique) (id ball-small-rolling) (rule technique-ball-small-rolling)
      (reason "It follows press and hold once the tenderness starts to fade.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-wall-when-gentle
   "Gentle self-care allows only light, adjustable pressure, which the wall gives (guide, Ball Techniques)."
   (logical (disposition (level gentle-self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment|no-pressure-on-bone))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-when-gentle)
      (reason "Only light pressure suits your situation, and leaning on a wall lets you control it exactly.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-wall-when-acute
   "The guide: the wall is the less intense option when the area is acutely sensitive; an unanswered tenderness question is read the cautious way, as acute."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question sensitivity) (value ~moderate&~tolerates-deep))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment|no-pressure-on-bone))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-when-acute)
      (reason "The area is very tender, and the wall lets you use far less pressure than the floor.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-wall-when-moderate
   "The second general article: pressure runs from light to deep with how bad the knot is; with moderate tenderness the guide's adjustable wall setup fits, and the floor stays for those used to deep pressure (issue 11: the commonest profile got no technique)."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question sensitivity) (value moderate))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment|no-pressure-on-bone))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-when-moderate)
      (reason "The spot is tender but takes firm pressure; leaning on a wall lets you set the pressure to match.")
      (source tpw-pressure))))

(defrule ADVICE::technique-ball-wall-when-first-time
   "The guide: the wall is the place to begin treatment; an unanswered first-time question is read the cautious way, as a beginner."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question first-time) (value ~no))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment|no-pressure-on-bone))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-when-first-time)
      (reason "This is your first time, and the wall is the gentlest way to start.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-wall-when-no-floor
   "Without getting to the floor (or with that question unanswered, the cautious reading), the wall is the way to use a ball (guide, Ball Techniques)."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question can-get-to-floor) (value ~yes))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment|no-pressure-on-bone))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-when-no-floor)
      (reason "You cannot easily get down to the floor, and the wall needs only standing.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-wall-for-hip-crest
   "The guide: the wall suits knots in the gluteus medius near the hip crest."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question pain-location) (value $? hip-crest $?))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment|no-pressure-on-bone))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-for-hip-crest)
      (reason "Knots near the hip crest are easiest and safest to reach with a ball against a wall.")
      (source guide-ball))))

(defrule ADVICE::technique-foam-roller
   "The guide (Foam Roller): sit on the roller, so only for someone who can get to the floor; broad pressure to warm up before focused work; not for an acutely tender area, for which the guide offers the wall."
   (logical (disposition (level self-care|gentle-self-care))
            (answer (question equipment) (value $? foam-roller $?))
            (answer (question can-get-to-floor) (value yes))
            (answer (question sensitivity) (value moderate|tolerates-deep))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment|no-pressure-on-bone))))
   =>
   (assert (conclusion (kind technique) (id foam-roller) (rule technique-foam-roller)
      (reason "You have a foam roller, can get down to the floor, and the area is not acutely tender, so it can warm up the whole buttock.")
      (source guide-roller))))

(defrule ADVICE::technique-knuckle-elbow
   "The guide: knuckles or elbow reach the deep centre and the sacrum edge precisely; focused pressure, so not for a beginner (the guide starts beginners at the wall) nor an acutely tender area."
   (logical (disposition (level self-care))
            (answer (question pain-location) (value $? deep-center|near-sacrum $?))
            (answer (question sensitivity) (value moderate|tolerates-deep))
            (answer (question first-time) (value no))
            (not (conclusion (kind restriction)
                    (id no-pressure|no-deep-pressure|no-knuckle-elbow|no-self-treatment|no-pressure-on-bone))))
   =>
   (assert (conclusion (kind technique) (id knuckle-elbow) (rule technique-knuckle-elbow)
      (reason "The pain is deep in the centre or beside the sacrum, which knuckles or an elbow reach best; you have done this before and the area is not acutely tender.")
      (source guide-roller))))

;;; ---- Stretches -------------------------------------------------------------------------

(defrule ADVICE::stretch-figure-four-lying
   "The guide: the figure-four stretch on the back keeps the released deep buttock muscles long; lying on a bed will do, so no floor is needed. Left out while an injury is unchecked."
   (logical (disposition (level self-care))
            (not (conclusion (kind restriction) (id no-self-treatment|no-exercise))))
   =>
   (assert (conclusion (kind stretch) (id figure-four-lying) (rule stretch-figure-four-lying)
      (reason "Stretching, after any pressure work, helps the buttock muscles keep their length.")
      (source guide-stretch))))

(defrule ADVICE::stretch-figure-four-seated
   "The guide: the seated figure-four can be done in a chair through the day."
   (logical (disposition (level self-care|gentle-self-care))
            (answer (question sits-long) (value yes))
            (not (conclusion (kind restriction) (id no-self-treatment|no-exercise))))
   =>
   (assert (conclusion (kind stretch) (id figure-four-seated) (rule stretch-figure-four-seated)
      (reason "You sit for long stretches, and this version fits into a working day in a chair.")
      (source guide-stretch))))

;;; ---- Aftercare -------------------------------------------------------------------------------
;;; The guide's recovery steps follow a pressure session, so they stand only
;;; while some technique stands: a restriction that takes out every technique
;;; takes them out too (issue 11, restrictions that stopped at techniques).

(defrule ADVICE::aftercare-drink-water
   "The guide: drink water after a release session; only when there is a session."
   (logical (conclusion (kind technique))
            (not (conclusion (kind restriction) (id no-self-treatment|no-pressure))))
   =>
   (assert (conclusion (kind aftercare) (id drink-water) (rule aftercare-drink-water)
      (reason "Part of the guide's recovery routine after pressure work.")
      (source guide-recovery))))

(defrule ADVICE::aftercare-moist-heat
   "The guide: moist heat for 10-15 minutes right after the session; only when there is a session, never on broken skin (no-pressure) and left out when the skin is numb."
   (logical (conclusion (kind technique))
            (not (conclusion (kind restriction) (id no-moist-heat|no-self-treatment|no-pressure))))
   =>
   (assert (conclusion (kind aftercare) (id moist-heat) (rule aftercare-moist-heat)
      (reason "Warmth after the session brings blood to the muscle and soothes it.")
      (source guide-recovery))))

(defrule ADVICE::aftercare-easy-walk
   "The guide: a short easy walk right after the release session; only when there is a session, and not while an injury is unchecked."
   (logical (conclusion (kind technique))
            (not (conclusion (kind restriction) (id no-self-treatment|no-pressure|no-exercise))))
   =>
   (assert (conclusion (kind aftercare) (id easy-walk) (rule aftercare-easy-walk)
      (reason "Gentle movement after the session lets the muscle work at its new length.")
      (source guide-recovery))))

(defrule ADVICE::aftercare-several-sessions
   "The second general article (realistic expectations): relief may take several sessions and does not come for everyone; bounded by the guide's three to four days."
   (logical (conclusion (kind technique))
            (not (conclusion (kind restriction) (id no-self-treatment|no-pressure))))
   =>
   (assert (conclusion (kind aftercare) (id several-sessions) (rule aftercare-several-sessions)
      (reason "One session rarely settles a knot; repeating the routine gives it time to work.")
      (source tpw-expect))))

(defrule ADVICE::restrict-extreme-pressure
   "The first general article (Is It Suited for You?): slight discomfort is expected, extreme discomfort calls for a change; for self-treatment that means ease off or stop. Shown whenever a pressure technique is given."
   (logical (conclusion (kind technique)))
   =>
   (assert (conclusion (kind restriction) (id no-extreme-pressure) (rule restrict-extreme-pressure)
      (reason "A little discomfort is part of the treatment; extreme discomfort means the pressure is too much.")
      (source tpm-suited))))

(defrule ADVICE::aftercare-gentle-walking
   "The brief (Triage levels): while waiting to be seen, gentle walking is fine; not after a possible fracture or an injury not yet checked, nor under no self-treatment."
   (logical (disposition (level see-clinician))
            (not (conclusion (kind restriction) (id no-self-treatment|no-exercise))))
   =>
   (assert (conclusion (kind aftercare) (id gentle-walking) (rule aftercare-gentle-walking)
      (reason "Staying gently active is fine while you wait for the appointment.")
      (source brief-levels))))

(defrule ADVICE::aftercare-hips-above-knees
   "The guide: long sitting feeds buttock knots; sit with the hips a little above the knees."
   (logical (disposition (level self-care|gentle-self-care|see-clinician))
            (answer (question sits-long) (value yes))
            (not (conclusion (kind restriction) (id no-self-treatment))))
   =>
   (assert (conclusion (kind aftercare) (id hips-above-knees) (rule aftercare-hips-above-knees)
      (reason "You sit a lot, and this seat position keeps the hip and buttock muscles from staying short.")
      (source guide-recovery))))

(defrule ADVICE::aftercare-movement-breaks
   "The guide: stand and move every 30 to 45 minutes to break the cycle of sustained contraction; not while an injury is unchecked."
   (logical (disposition (level self-care|gentle-self-care|see-clinician))
            (answer (question sits-long) (value yes))
            (not (conclusion (kind restriction) (id no-self-treatment|no-exercise))))
   =>
   (assert (conclusion (kind aftercare) (id movement-breaks) (rule aftercare-movement-breaks)
      (reason "You sit a lot, and regular breaks stop the muscles staying tense for hours.")
      (source guide-recovery))))
