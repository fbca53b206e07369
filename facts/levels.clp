;;; levels.clp: the five triage levels (clinical brief, "Triage levels") and
;;; the level each red flag and contraindication calls for.

(deffacts MAIN::levels
   (level (id emergency) (rank 1) (alert yes) (tone urgent) (title "Possible emergency")
      (todo "Stop. Call your local emergency number or go to an emergency department now. Do not drive yourself."))
   (level (id urgent) (rank 2) (alert yes) (tone urgent) (title "See a clinician within 24 hours")
      (todo "Do not treat this yourself. Get an urgent appointment today; if it gets worse, go to an emergency department."))
   (level (id see-clinician) (rank 3) (tone caution) (title "See a professional within days")
      (todo "Pause the pressure work. Book a physiotherapist or physician in the next few days. If it gets worse before then, get help sooner."))
   (level (id gentle-self-care) (rank 4) (title "Self-care, with limits")
      (todo "Only the steps listed below: at most light, adjustable pressure, nothing that is left out below, and check with any professional named below."))
   (level (id self-care) (rank 5) (title "Self-care")
      (todo "You can follow the routine below. Stop and check again if any warning sign appears.")))

(deffacts MAIN::flag-levels
   (flag-level (kind red-flag) (id saddle-numbness) (level emergency) (source ng59))
   (flag-level (kind red-flag) (id bladder-bowel-change) (level emergency) (source ng59))
   (flag-level (kind red-flag) (id both-legs) (level emergency) (source ng59))
   (flag-level (kind red-flag) (id major-trauma) (level emergency) (source nhs-bp))
   (flag-level (kind red-flag) (id chest-pain-or-breathless) (level emergency) (source nhs-bp))
   (flag-level (kind red-flag) (id pain-below-knee) (level see-clinician) (source brief-judgement))
   ;; Brief: pain past the knee with electric pain is urgent (issue 23, kind 9).
   (flag-level (kind red-flag) (id electric-leg-pain) (level urgent) (source brief-source-flags))
   (flag-level (kind red-flag) (id numbness) (level see-clinician) (source guide-help))
   (flag-level (kind red-flag) (id tingling) (level see-clinician) (source guide-help))
   ;; Brief, urgent list: one leg or foot getting weaker (tripping, foot slapping
   ;; down), which is what the weakness question asks (was see-clinician).
   (flag-level (kind red-flag) (id weakness) (level urgent) (source brief-red-flags))
   (flag-level (kind red-flag) (id worse-after-release) (level see-clinician) (source guide-help))
   (flag-level (kind red-flag) (id sharp-pain-on-pressure) (level see-clinician) (source brief-source-flags))
   (flag-level (kind red-flag) (id no-improvement) (level see-clinician) (source guide-help))
   (flag-level (kind red-flag) (id pain-persists) (level see-clinician) (source guide-help))
   ;; Brief: fever urgent, "uncertain: very unwell may be emergency"; the more
   ;; cautious option, emergency.
   (flag-level (kind red-flag) (id very-unwell) (level emergency) (source brief-red-flags))
   (flag-level (kind red-flag) (id fever) (level urgent) (source nhs-bp))
   (flag-level (kind red-flag) (id cancer-history) (level urgent) (source cg75))
   (flag-level (kind red-flag) (id weight-loss) (level urgent) (source nhs-bp))
   (flag-level (kind red-flag) (id night-pain) (level urgent) (source nhs-bp))
   (flag-level (kind red-flag) (id calf-swelling) (level urgent) (source dvt))
   (flag-level (kind red-flag) (id back-lump) (level urgent) (source glos))
   (flag-level (kind red-flag) (id infection-risk) (level see-clinician) (source glos))
   (flag-level (kind red-flag) (id age) (level see-clinician) (source glos))
   (flag-level (kind contraindication) (id blood-thinners) (level gentle-self-care) (source nccih))
   (flag-level (kind contraindication) (id clot-treatment) (level see-clinician) (source nccih))
   (flag-level (kind contraindication) (id broken-skin) (level gentle-self-care) (source delphi))
   (flag-level (kind contraindication) (id recent-injury) (level see-clinician) (source delphi))
   (flag-level (kind contraindication) (id hot-swollen) (level see-clinician) (source delphi))
   (flag-level (kind contraindication) (id osteoporosis) (level gentle-self-care) (source nccih))
   (flag-level (kind contraindication) (id recent-surgery) (level see-clinician) (source nccih))
   (flag-level (kind contraindication) (id pregnant) (level gentle-self-care) (source preg)))
