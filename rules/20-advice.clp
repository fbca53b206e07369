;;; 20-advice.clp: where the knot likely is, and what to do about it.
;;; Muscles are named only from see-clinician down (never at urgent or
;;; emergency). Pressure techniques appear only at self-care or
;;; gentle-self-care, and at gentle-self-care only pressure the person sets
;;; (ball against a wall, knuckles or elbow), never full body weight. Restrictions from TRIAGE take out
;;; techniques and everything that assumes a pressure session. What each
;;; piece of advice needs and what rules it out is stated as data in
;;; facts/prerequisites.clp, which `check` verifies against these rules.

;;; ---- Muscles, from where it hurts --------------------------------------------
;;; Each muscle's places are the union of what the sources say (issue 23, kind
;;; 3): the guide's places (guide-locations) in one rule, the places the
;;; brief's referred-pain map adds (brief-referred) in another, so that each
;;; rule cites the section that says it. Where pain is felt is not always
;;; where the knot is: a place the brief maps to a muscle names that muscle.

(defrule ADVICE::muscle-gluteus-maximus
   "The guide: the largest buttock muscle holds knots across its broad area, giving a general ache. Not named at urgent or emergency: there the brief (Triage levels) gives no self-treatment, and naming a muscle would suggest a knot when the pain may have another cause."
   (logical (disposition (level see-clinician|gentle-self-care|self-care))
            (answer (question pain-location) (value $? broad-buttock $?)))
   =>
   (assert (conclusion (kind muscle) (id gluteus-maximus) (rule muscle-gluteus-maximus)
      (reason "A broad ache across the buttock fits knots in the largest buttock muscle.")
      (source guide-locations))))

(defrule ADVICE::muscle-gluteus-maximus-referred
   "The brief's referred-pain map: gluteus maximus knots lie beside the sacrum and in the lowest inner fibres, and their pain stays in the buttock: the sacroiliac area and the tailbone. Not named at urgent or emergency (see gluteus maximus)."
   (logical (disposition (level see-clinician|gentle-self-care|self-care))
            (answer (question pain-location) (value $? tailbone|near-sacrum $?)))
   =>
   (assert (conclusion (kind muscle) (id gluteus-maximus) (rule muscle-gluteus-maximus-referred)
      (reason "Pain at the tailbone or beside the sacrum often comes from knots in the lowest, inner part of the largest buttock muscle, next to the sacrum.")
      (source brief-referred))))

(defrule ADVICE::muscle-gluteus-medius
   "The guide: gluteus medius sits high, near the hip crest, and refers pain to the low back and side of the hip. Not named at urgent or emergency (brief, Triage levels; see gluteus maximus)."
   (logical (disposition (level see-clinician|gentle-self-care|self-care))
            (answer (question pain-location) (value $? hip-crest|side-of-hip $?)))
   =>
   (assert (conclusion (kind muscle) (id gluteus-medius) (rule muscle-gluteus-medius)
      (reason "Pain high up near the hip crest or down the side of the hip fits knots in the gluteus medius.")
      (source guide-locations))))

(defrule ADVICE::muscle-gluteus-medius-referred
   "The brief's referred-pain map: knots just below the hip crest send pain to the sacrum and across the buttock as well. Not named at urgent or emergency (see gluteus maximus)."
   (logical (disposition (level see-clinician|gentle-self-care|self-care))
            (answer (question pain-location) (value $? near-sacrum|broad-buttock $?)))
   =>
   (assert (conclusion (kind muscle) (id gluteus-medius) (rule muscle-gluteus-medius-referred)
      (reason "Knots just below the hip crest can send pain to the sacrum and across the buttock.")
      (source brief-referred))))

(defrule ADVICE::muscle-gluteus-minimus
   "The brief (Travell and Simons): gluteus minimus lies deep under medius, between the hip crest and the outer hip, and refers pain down the side of the thigh. Not named at urgent or emergency (brief, Triage levels; see gluteus maximus)."
   (logical (disposition (level see-clinician|gentle-self-care|self-care))
            (answer (question pain-location) (value $? side-of-hip $?)))
   =>
   (assert (conclusion (kind muscle) (id gluteus-minimus) (rule muscle-gluteus-minimus)
      (reason "Pain at the side of the hip can come from the small deep muscle under the gluteus medius.")
      (source ts))))

(defrule ADVICE::muscle-piriformis
   "The guide: piriformis lies deep in the centre of the buttock, near the sciatic nerve. Not named at urgent or emergency (brief, Triage levels; see gluteus maximus)."
   (logical (disposition (level see-clinician|gentle-self-care|self-care))
            (answer (question pain-location) (value $? deep-center $?)))
   =>
   (assert (conclusion (kind muscle) (id piriformis) (rule muscle-piriformis)
      (reason "Deep pain in the middle of the buttock fits knots in the piriformis.")
      (source guide-locations))))

(defrule ADVICE::muscle-piriformis-referred
   "The brief's referred-pain map: piriformis knots, deep in the middle, send pain to the sacroiliac area and across the buttock. Not named at urgent or emergency (see gluteus maximus)."
   (logical (disposition (level see-clinician|gentle-self-care|self-care))
            (answer (question pain-location) (value $? near-sacrum|broad-buttock $?)))
   =>
   (assert (conclusion (kind muscle) (id piriformis) (rule muscle-piriformis-referred)
      (reason "Knots deep in the middle of the buttock can send pain beside the sacrum and across the buttock.")
      (source brief-referred))))

;;; ---- Techniques ---------------------------------------------------------------------
;;; Every technique is left out under no-pressure and no-self-treatment; the
;;; deep ones also under no-deep-pressure. Levels remove only what they name
;;; (issue 23, kinds 4 and 5): gentle-self-care leaves out full body weight on a
;;; ball or roller (restriction no-full-weight), so every technique left at that
;;; level is one whose pressure the person sets (the wall, a hand). Pain at a
;;; bone (the tailbone) gets a technique aimed at the muscle beside it, with
;;; the restriction not to press the bone itself (no-pressure-on-bone).
;;; A reason never states an answer the person did not give: an unanswered
;;; question read the cautious way has its own rule that says so (kind 6).

(defrule ADVICE::technique-ball-floor-press-hold
   "The guide (Ball Techniques): sitting on a ball on the floor is the high-intensity setup, so only for someone who can get to the floor, is used to deep pressure and is not a beginner (beginners start at the wall). Full body weight: left out where the level allows only pressure the person sets (no-full-weight) and where the tailbone is the only place (no-sitting-pressure)."
   (logical (disposition (level self-care|gentle-self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question can-get-to-floor) (value yes))
            (answer (question sensitivity) (value tolerates-deep))
            (answer (question first-time) (value no))
            (not (conclusion (kind restriction)
                    (id no-pressure|no-deep-pressure|no-self-treatment|no-full-weight|no-sitting-pressure))))
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
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-when-gentle)
      (reason "Only light pressure is safe for you. Leaning on a wall lets you control how hard you press.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-wall-when-acute
   "The guide: the wall is the less intense option when the area is acutely sensitive."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question sensitivity) (value acute))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-when-acute)
      (reason "The area is very tender, and the wall lets you use far less pressure than the floor.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-wall-when-tenderness-unanswered
   "The guide: the wall is the less intense option when the area is acutely sensitive; an unanswered tenderness question is read the cautious way, as acute, and the reason says so."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question sensitivity) (value unanswered))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-when-tenderness-unanswered)
      (reason "How the spot takes pressure was not answered, so it is read the cautious way, as very tender: the wall lets you use far less pressure than the floor.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-wall-when-moderate
   "The second general article: pressure runs from light to deep with how bad the knot is; with moderate tenderness the guide's adjustable wall setup fits, and the floor stays for those used to deep pressure (issue 11: the commonest profile got no technique)."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question sensitivity) (value moderate))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-when-moderate)
      (reason "The spot is tender but takes firm pressure; leaning on a wall lets you set the pressure to match.")
      (source tpw-pressure))))

(defrule ADVICE::technique-ball-wall-when-first-time
   "The guide: the wall is the place to begin treatment."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question first-time) (value yes))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-when-first-time)
      (reason "This is your first time, and the wall is the gentlest way to start.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-wall-when-first-time-unanswered
   "The guide: the wall is the place to begin treatment; an unanswered first-time question is read the cautious way, as a beginner, and the reason says so (issue 23, kind 6: it said \"This is your first time\")."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question first-time) (value unanswered))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-when-first-time-unanswered)
      (reason "Whether you have done this before was not answered, so it is read the cautious way, as a first time: the wall is the gentlest way to start.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-wall-when-no-floor
   "Without getting to the floor the wall is the way to use a ball (guide, Ball Techniques)."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question can-get-to-floor) (value no))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-when-no-floor)
      (reason "You cannot easily get down to the floor, and the wall needs only standing.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-wall-when-floor-unanswered
   "Without getting to the floor the wall is the way to use a ball (guide, Ball Techniques); an unanswered floor question is read the cautious way, and the reason says so."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question can-get-to-floor) (value unanswered))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-when-floor-unanswered)
      (reason "Whether you can get down to the floor was not answered, so it is read the cautious way: the wall needs only standing.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-wall-for-gluteus-medius
   "The guide (Ball Techniques) speaks of the muscle: the wall suits knots in the gluteus medius, which sit near the hip crest; keyed on the muscle, so every place the sources map to gluteus medius gets it (issue 23, kind 3)."
   (logical (disposition (level self-care|gentle-self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (conclusion (kind muscle) (id gluteus-medius))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-for-gluteus-medius)
      (reason "A knot in the gluteus medius, near the hip crest, is easiest and safest to reach with a ball against a wall.")
      (source guide-ball))))

(defrule ADVICE::technique-ball-wall-beside-tailbone
   "Referred pain (the brief's map): pain at the tailbone usually comes from gluteus maximus knots beside the sacrum, not from the bone. A technique aimed at that muscle, with the restriction not to press the bone itself (no-pressure-on-bone). The sources do not describe treating tailbone pain, so we take the cautious option: the wall, whose pressure the person sets and aims, and no sitting on a ball or roller when the tailbone is the only place (no-sitting-pressure)."
   (logical (disposition (level self-care|gentle-self-care))
            (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?))
            (answer (question pain-location) (value $? tailbone $?))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind technique) (id ball-wall) (rule technique-ball-wall-beside-tailbone)
      (reason "The pain is felt at the tailbone, but the knot is usually in the buttock muscle beside it; against a wall you can aim the ball at that muscle and keep it off the bone.")
      (source brief-referred))))

(defrule ADVICE::technique-foam-roller
   "The guide (Foam Roller): sit on the roller, so only for someone who can get to the floor; broad pressure over the whole buttock; not for an acutely tender area, for which the guide offers the wall. Full body weight on the roller: left out where the level allows only pressure the person sets (no-full-weight), and where the tailbone is the only place (no-sitting-pressure)."
   (logical (disposition (level self-care|gentle-self-care))
            (answer (question equipment) (value $? foam-roller $?))
            (answer (question can-get-to-floor) (value yes))
            (answer (question sensitivity) (value moderate|tolerates-deep))
            (not (conclusion (kind restriction)
                    (id no-pressure|no-self-treatment|no-full-weight|no-sitting-pressure))))
   =>
   (assert (conclusion (kind technique) (id foam-roller) (rule technique-foam-roller)
      (reason "You have a foam roller, you can get down to the floor, and the spot is not too sore. So the roller can warm up the whole buttock.")
      (source guide-roller))))

(defrule ADVICE::technique-knuckle-elbow
   "The guide (Foam Roller and Manual Pressure): knuckles or elbow reach deep structures near the sacrum or the edge of the hip bone, and the deep centre; focused pressure, so not for a beginner (the guide starts beginners at the wall) nor an acutely tender area. The person sets the pressure with a hand, so gentle-self-care keeps it unless a restriction names it."
   (logical (disposition (level self-care|gentle-self-care))
            (answer (question pain-location) (value $? deep-center|near-sacrum|hip-crest $?))
            (answer (question sensitivity) (value moderate|tolerates-deep))
            (answer (question first-time) (value no))
            (not (conclusion (kind restriction)
                    (id no-pressure|no-deep-pressure|no-knuckle-elbow|no-self-treatment))))
   =>
   (assert (conclusion (kind technique) (id knuckle-elbow) (rule technique-knuckle-elbow)
      (reason "The pain is deep in the centre, beside the sacrum or at the edge of the hip bone, which knuckles or an elbow reach best; you have done this before and the area is not acutely tender.")
      (source guide-roller))))

(defrule ADVICE::technique-knuckle-elbow-for-piriformis
   "The guide (Foam Roller and Manual Pressure) speaks of the muscle: knuckles or elbow reach the deep centre, where the piriformis lies. Keyed on the muscle (issue 23, kind 3): where the pain is felt elsewhere (beside the sacrum, across the buttock: the brief's referred-pain map), the pressure still goes to the deep centre."
   (logical (disposition (level self-care|gentle-self-care))
            (conclusion (kind muscle) (id piriformis))
            (answer (question sensitivity) (value moderate|tolerates-deep))
            (answer (question first-time) (value no))
            (not (conclusion (kind restriction)
                    (id no-pressure|no-deep-pressure|no-knuckle-elbow|no-self-treatment))))
   =>
   (assert (conclusion (kind technique) (id knuckle-elbow) (rule technique-knuckle-elbow-for-piriformis)
      (reason "A knot in the piriformis lies deep in the centre of the buttock, which knuckles or an elbow reach best; you have done this before and the area is not acutely tender.")
      (source guide-roller))))

;;; ---- What a level or a place leaves out, and a word when no technique is left ----

(defrule ADVICE::restrict-full-weight-at-gentle-level
   "The brief (Triage levels): self-care with limits allows light pressure only. Sitting with full body weight on a ball or a roller on the floor is neither light nor finely set, so this level leaves it out by name (issue 23, kind 5); the wall and a hand, whose pressure the person sets, stay."
   (logical (disposition (level gentle-self-care))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind restriction) (id no-full-weight) (rule restrict-full-weight-at-gentle-level)
      (reason "At this level only light pressure that you set yourself is advised; your full weight on a ball or roller on the floor is more than that.")
      (source brief-levels))))

(defrule ADVICE::restrict-sitting-on-tailbone
   "Pain only at the tailbone: sitting on a ball or a roller on the floor would bear on the bone. The sources do not cover it, so we take the cautious option and leave both out; the wall, aimed beside the bone, stays (technique-ball-wall-beside-tailbone)."
   (logical (answer (question pain-location) (value tailbone)))
   =>
   (assert (conclusion (kind restriction) (id no-sitting-pressure) (rule restrict-sitting-on-tailbone)
      (reason "The pain is at the tailbone only; sitting on a ball or roller on the floor would press on the bone.")
      (source brief-referred))))

(defrule ADVICE::note-no-technique-without-equipment
   "Issue 23, kind 7: a self-care level that gives no technique says why and what to do instead. No ball or roller at hand: the guide's adjustable start is a ball against a wall (Ball Techniques)."
   (logical (disposition (level self-care|gentle-self-care))
            (answer (question equipment) (value $? none $?))
            (not (conclusion (kind technique)))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind restriction) (id no-technique-fits) (rule note-no-technique-without-equipment)
      (reason "You have no ball or foam roller at hand, and no other technique fits your answers.")
      (source guide-ball))))

(defrule ADVICE::note-no-technique-equipment-unanswered
   "Issue 23, kind 7: what is at hand was not answered, so no technique that needs it can be given; say so (and the reason says the question was not answered, kind 6)."
   (logical (disposition (level self-care|gentle-self-care))
            (answer (question equipment) (value unanswered))
            (not (conclusion (kind technique)))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind restriction) (id no-technique-fits) (rule note-no-technique-equipment-unanswered)
      (reason "What you have at hand was not answered, so no technique that needs a ball or roller can be suggested.")
      (source guide-ball))))

(defrule ADVICE::note-no-technique-with-roller-only
   "Issue 23, kind 7: a foam roller but no ball, and no technique fits: the roller needs the floor and an area that is not acutely tender (guide, Foam Roller), and it is left out at gentle-self-care and for pain at the tailbone only. Say so; the ball against a wall is the adjustable alternative (guide, Ball Techniques)."
   (logical (disposition (level self-care|gentle-self-care))
            (answer (question equipment) (value $? foam-roller $?))
            (not (answer (question equipment) (value $? lacrosse-ball|tennis-ball $?)))
            (not (conclusion (kind technique)))
            (not (conclusion (kind restriction) (id no-pressure|no-self-treatment))))
   =>
   (assert (conclusion (kind restriction) (id no-technique-fits) (rule note-no-technique-with-roller-only)
      (reason "The foam roller is used sitting on it on the floor with your full weight, which does not suit your answers, and no other technique fits.")
      (source guide-roller))))

;;; ---- Stretches -------------------------------------------------------------------------

(defrule ADVICE::stretch-figure-four-lying
   "The guide: the figure-four stretch on the back keeps the deep buttock muscles long; lying on a bed will do, so no floor is needed. Left out only by what forbids it (an injury unchecked, no self-treatment), not by level: gentle-self-care leaves out named pressure steps, never a stretch (issue 23, kind 4)."
   (logical (disposition (level self-care|gentle-self-care))
            (not (conclusion (kind restriction) (id no-self-treatment|no-exercise))))
   =>
   (assert (conclusion (kind stretch) (id figure-four-lying) (rule stretch-figure-four-lying)
      (reason "Stretching helps the buttock muscles keep their length; if you also press on a knot, stretch afterwards.")
      (source guide-supportive))))

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
      (reason "This helps you recover after you press on a knot.")
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
