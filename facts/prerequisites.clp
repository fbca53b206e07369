;;; prerequisites.clp: what each piece of advice needs, what rules it out, and
;;; where advice must not be missing, as data that `tptriage check` verifies
;;; against the judged cases (rules/00-schema.clp: requires, forbids, useful).
;;; The rules in rules/20-advice.clp encode the same; these facts state it
;;; once more, independently, so an edit to a rule that drops a prerequisite
;;; is caught. Several requires facts for one conclusion must all hold. For a
;;; question that takes several values (pain-location, equipment) "answered
;;; with one of VALUES" means the answer includes one of them.
;;; Pain at the tailbone only is not a requires fact (an unanswered location
;;; still allows the wall: the person knows where it hurts); it is the
;;; restriction no-pressure-on-bone, which forbids every technique.
;;; Sources: the guide "How to Release Trigger Points in the Buttocks"
;;; (Ball Techniques, Foam Roller and Manual Pressure, Stretching Techniques,
;;; Recovery and Maintenance) and the clinical brief; see docs/clinical-review.md.

(deffacts MAIN::technique-prerequisites
   ;; Ball on the floor, press and hold: a ball, the floor, used to deep
   ;; pressure (high intensity), not a beginner (beginners start at the wall).
   (requires (kind technique) (id ball-floor-press-hold) (question equipment) (values lacrosse-ball tennis-ball))
   (requires (kind technique) (id ball-floor-press-hold) (question can-get-to-floor) (values yes))
   (requires (kind technique) (id ball-floor-press-hold) (question sensitivity) (values tolerates-deep))
   (requires (kind technique) (id ball-floor-press-hold) (question first-time) (values no))
   ;; Small rolling follows press and hold on the floor: the same needs.
   (requires (kind technique) (id ball-small-rolling) (question equipment) (values lacrosse-ball tennis-ball))
   (requires (kind technique) (id ball-small-rolling) (question can-get-to-floor) (values yes))
   (requires (kind technique) (id ball-small-rolling) (question sensitivity) (values tolerates-deep))
   (requires (kind technique) (id ball-small-rolling) (question first-time) (values no))
   ;; Ball against a wall: a ball; standing only.
   (requires (kind technique) (id ball-wall) (question equipment) (values lacrosse-ball tennis-ball))
   ;; Foam roller: sitting on it on the floor; broad pressure, not for an
   ;; acutely tender area (the guide's answer for that is the wall).
   (requires (kind technique) (id foam-roller) (question equipment) (values foam-roller))
   (requires (kind technique) (id foam-roller) (question can-get-to-floor) (values yes))
   (requires (kind technique) (id foam-roller) (question sensitivity) (values moderate tolerates-deep))
   ;; Knuckles or elbow: focused pressure in the deep centre or beside the
   ;; sacrum, while sitting; not for a beginner nor an acutely tender area.
   ;; (hip-crest: the guide's "edge of the hip bone"; broad-buttock: the
   ;; brief maps it to the piriformis, whose knot the pressure then aims at)
   (requires (kind technique) (id knuckle-elbow) (question pain-location) (values deep-center near-sacrum hip-crest broad-buttock))
   (requires (kind technique) (id knuckle-elbow) (question sensitivity) (values moderate tolerates-deep))
   (requires (kind technique) (id knuckle-elbow) (question first-time) (values no)))

(deffacts MAIN::other-prerequisites
   ;; The seated stretch and the sitting habits are for people who sit long.
   (requires (kind stretch) (id figure-four-seated) (question sits-long) (values yes))
   (requires (kind aftercare) (id hips-above-knees) (question sits-long) (values yes))
   (requires (kind aftercare) (id movement-breaks) (question sits-long) (values yes))
   ;; Muscles follow from where it hurts (guide, Identifying ... Locations; brief, referred pain).
   ;; Each set is the union of the guide's places and the brief's map (issue 23, kind 3).
   (requires (kind muscle) (id gluteus-maximus) (question pain-location) (values broad-buttock tailbone near-sacrum))
   (requires (kind muscle) (id gluteus-medius) (question pain-location) (values hip-crest side-of-hip near-sacrum broad-buttock))
   (requires (kind muscle) (id gluteus-minimus) (question pain-location) (values side-of-hip))
   (requires (kind muscle) (id piriformis) (question pain-location) (values deep-center near-sacrum broad-buttock)))

(deffacts MAIN::restriction-effects
   ;; No self-treatment (under 16; infection risk): no technique, stretch or aftercare at all.
   (forbids (kind restriction) (id no-self-treatment) (other-kind technique) (other-id any))
   (forbids (kind restriction) (id no-self-treatment) (other-kind stretch) (other-id any))
   (forbids (kind restriction) (id no-self-treatment) (other-kind aftercare) (other-id any))
   ;; No pressure (broken skin, recent injury, hot and swollen, clot, surgery):
   ;; no technique, and nothing that follows a pressure session.
   (forbids (kind restriction) (id no-pressure) (other-kind technique) (other-id any))
   (forbids (kind restriction) (id no-pressure) (other-kind aftercare) (other-id drink-water))
   (forbids (kind restriction) (id no-pressure) (other-kind aftercare) (other-id moist-heat))
   (forbids (kind restriction) (id no-pressure) (other-kind aftercare) (other-id easy-walk))
   (forbids (kind restriction) (id no-pressure) (other-kind aftercare) (other-id several-sessions))
   ;; Pain at the tailbone: the bone itself is not pressed, the muscle beside
   ;; it is (no-pressure-on-bone forbids no technique: issue 23, kind 3); with
   ;; the tailbone the only place, nothing that sits on the floor.
   (forbids (kind restriction) (id no-sitting-pressure) (other-kind technique) (other-id ball-floor-press-hold))
   (forbids (kind restriction) (id no-sitting-pressure) (other-kind technique) (other-id ball-small-rolling))
   (forbids (kind restriction) (id no-sitting-pressure) (other-kind technique) (other-id foam-roller))
   ;; Gentle self-care: only pressure the person sets, never full body weight
   ;; on a ball or roller (issue 23, kind 5).
   (forbids (kind restriction) (id no-full-weight) (other-kind technique) (other-id ball-floor-press-hold))
   (forbids (kind restriction) (id no-full-weight) (other-kind technique) (other-id ball-small-rolling))
   (forbids (kind restriction) (id no-full-weight) (other-kind technique) (other-id foam-roller))
   ;; The level's own promise, independent of the rule that says why: at
   ;; gentle-self-care ("at most light, adjustable pressure") no technique
   ;; puts full body weight on a ball or roller (issue 23, kind 5).
   (forbids (kind level) (id gentle-self-care) (other-kind technique) (other-id ball-floor-press-hold))
   (forbids (kind level) (id gentle-self-care) (other-kind technique) (other-id ball-small-rolling))
   (forbids (kind level) (id gentle-self-care) (other-kind technique) (other-id foam-roller))
   ;; The word that no technique fits stands only when none does (kind 7).
   (forbids (kind restriction) (id no-technique-fits) (other-kind technique) (other-id any))
   ;; No deep pressure (blood thinners, pregnancy): no floor, rolling or knuckle work.
   (forbids (kind restriction) (id no-deep-pressure) (other-kind technique) (other-id ball-floor-press-hold))
   (forbids (kind restriction) (id no-deep-pressure) (other-kind technique) (other-id ball-small-rolling))
   (forbids (kind restriction) (id no-deep-pressure) (other-kind technique) (other-id knuckle-elbow))
   (forbids (kind restriction) (id no-knuckle-elbow) (other-kind technique) (other-id knuckle-elbow))
   ;; Numb skin: no moist heat.
   (forbids (kind restriction) (id no-moist-heat) (other-kind aftercare) (other-id moist-heat))
   ;; Injury not yet checked (possible fracture): no walks, breaks or stretches.
   (forbids (kind restriction) (id no-exercise) (other-kind aftercare) (other-id easy-walk))
   (forbids (kind restriction) (id no-exercise) (other-kind aftercare) (other-id gentle-walking))
   (forbids (kind restriction) (id no-exercise) (other-kind aftercare) (other-id movement-breaks))
   (forbids (kind restriction) (id no-exercise) (other-kind stretch) (other-id any))
   ;; Sharp, electric or radiating pain under pressure: stop, no technique.
   (forbids (kind stop-pressing) (id stop_pressing) (other-kind technique) (other-id any)))

(deffacts MAIN::useful-advice
   ;; A ball is usable at every tenderness (the wall is the gentle setup), so
   ;; at self-care and gentle self-care a ball always gives a technique unless
   ;; a restriction rules out every technique (pain at the tailbone too: the
   ;; wall aimed beside the bone). A foam roller alone is not named here: it
   ;; needs the floor and is not for an acutely tender area; when nothing fits,
   ;; the restriction no-technique-fits says so (issue 23, kind 7).
   (useful (level self-care) (question equipment) (values lacrosse-ball tennis-ball) (kind technique))
   (useful (level gentle-self-care) (question equipment) (values lacrosse-ball tennis-ball) (kind technique))
   ;; Where it hurts always names a likely muscle from see-clinician down.
   (useful (level self-care) (question pain-location)
      (values broad-buttock hip-crest side-of-hip deep-center near-sacrum tailbone) (kind muscle))
   (useful (level gentle-self-care) (question pain-location)
      (values broad-buttock hip-crest side-of-hip deep-center near-sacrum tailbone) (kind muscle))
   (useful (level see-clinician) (question pain-location)
      (values broad-buttock hip-crest side-of-hip deep-center near-sacrum tailbone) (kind muscle))
   ;; Sitting long always gets the sitting habits, from see-clinician down.
   (useful (level self-care) (question sits-long) (values yes) (kind aftercare))
   (useful (level gentle-self-care) (question sits-long) (values yes) (kind aftercare))
   (useful (level see-clinician) (question sits-long) (values yes) (kind aftercare))
   ;; At self-care a stretch is always given (the lying figure-four).
   (useful (level self-care) (question sits-long) (values yes no) (kind stretch)))
