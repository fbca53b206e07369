;;; safety-floor.clp: the independent safety floor. The least urgent level
;;; each red flag and contraindication may ever get, written from the
;;; clinical brief (/work/shared/knowledge/clinical-brief.md), not copied
;;; from facts/levels.clp. `tptriage check` fails when a flag-level fact is
;;; less urgent than its floor, when a red flag or contraindication has no
;;; floor, and when a judged case gives a raised flag a level below its floor;
;;; `tptriage diff` prints every change to this file first.
;;;
;;; Edit this file only with the clinical lead's agreement: lowering a floor
;;; is lowering what the tool promises. Where the brief is uncertain, the
;;; floor takes the more cautious option (noted beside the fact).

(deftemplate MAIN::safety-floor
   "The least urgent level that conclusion KIND ID may ever be given, and the
    source of that minimum (independent of the flag-level facts)."
   (slot kind (type SYMBOL))
   (slot id (type SYMBOL))
   (slot level (type SYMBOL))
   (slot source (type SYMBOL)))

(deftemplate MAIN::combination-floor
   "The least urgent level a person may ever be given when QUESTION is answered
    with one of VALUES and any one of OTHERS is answered with one of
    OTHER-VALUES (the brief's combination levels), whatever the rules say;
    checked on every judged combination as the single floors are."
   (slot id (type SYMBOL))
   (slot level (type SYMBOL))
   (slot source (type SYMBOL))
   (slot question (type SYMBOL))
   (multislot values (type SYMBOL))
   (multislot others (type SYMBOL))
   (multislot other-values (type SYMBOL)))

(deffacts MAIN::safety-floors
   ;; Brief, "Red flags to add", emergency: possible cauda equina syndrome or other emergency.
   (safety-floor (kind red-flag) (id saddle-numbness) (level emergency) (source ng59))
   (safety-floor (kind red-flag) (id bladder-bowel-change) (level emergency) (source ng59))
   (safety-floor (kind red-flag) (id both-legs) (level emergency) (source ng59))
   (safety-floor (kind red-flag) (id major-trauma) (level emergency) (source nhs-bp))
   (safety-floor (kind red-flag) (id chest-pain-or-breathless) (level emergency) (source nhs-bp))
   ;; Brief, "Red flags to add", urgent.
   ;; Fever: urgent at least; "very unwell may be emergency" is left to the rules (cautious side).
   (safety-floor (kind red-flag) (id fever) (level urgent) (source nhs-bp))
   ;; "Very unwell may be emergency" is uncertain: the cautious option, emergency.
   (safety-floor (kind red-flag) (id very-unwell) (level emergency) (source brief-red-flags))
   (safety-floor (kind red-flag) (id cancer-history) (level urgent) (source cg75))
   (safety-floor (kind red-flag) (id weight-loss) (level urgent) (source nhs-bp))
   (safety-floor (kind red-flag) (id night-pain) (level urgent) (source glos))
   (safety-floor (kind red-flag) (id back-lump) (level urgent) (source glos))
   ;; "One leg or foot getting weaker (tripping, foot slapping down)" is in the urgent list.
   (safety-floor (kind red-flag) (id weakness) (level urgent) (source glos))
   ;; Brief, "Red flags in the source articles": all lead at least to see-clinician.
   (safety-floor (kind red-flag) (id pain-below-knee) (level see-clinician) (source brief-judgement))
   ;; "Raise it to urgent when weakness, numbness or electric pain comes with it."
   (safety-floor (kind red-flag) (id electric-leg-pain) (level urgent) (source brief-source-flags))
   (safety-floor (kind red-flag) (id numbness) (level see-clinician) (source guide-help))
   (safety-floor (kind red-flag) (id tingling) (level see-clinician) (source guide-help))
   (safety-floor (kind red-flag) (id worse-after-release) (level see-clinician) (source guide-help))
   (safety-floor (kind red-flag) (id sharp-pain-on-pressure) (level see-clinician) (source guide-safety))
   (safety-floor (kind red-flag) (id no-improvement) (level see-clinician) (source guide-help))
   ;; "Pain that persists or fails to improve after three or four days of consistent self-care."
   (safety-floor (kind red-flag) (id pain-persists) (level see-clinician) (source guide-help))
   ;; Infection risk without fever: see-clinician and no self-treatment until checked.
   (safety-floor (kind red-flag) (id infection-risk) (level see-clinician) (source glos))
   ;; New pain over 50 or under 20; under 16 no self-treatment advice at all.
   (safety-floor (kind red-flag) (id age) (level see-clinician) (source glos))
   ;; Brief, "When not to press" and "When not to press" table.
   (safety-floor (kind red-flag) (id calf-swelling) (level urgent) (source dvt))
   (safety-floor (kind contraindication) (id clot-treatment) (level see-clinician) (source nccih))
   (safety-floor (kind contraindication) (id blood-thinners) (level gentle-self-care) (source nccih))
   ;; "Do not work that area": no level named; at least self-care with limits.
   (safety-floor (kind contraindication) (id broken-skin) (level gentle-self-care) (source delphi))
   (safety-floor (kind contraindication) (id recent-injury) (level see-clinician) (source delphi))
   (safety-floor (kind contraindication) (id hot-swollen) (level see-clinician) (source delphi))
   (safety-floor (kind contraindication) (id osteoporosis) (level gentle-self-care) (source nccih))
   ;; "Wait for the surgeon's or physiotherapist's clearance": a professional first.
   (safety-floor (kind contraindication) (id recent-surgery) (level see-clinician) (source nccih))
   (safety-floor (kind contraindication) (id pregnant) (level gentle-self-care) (source preg)))

;;; The brief's combination levels (issue 23, kind 11): a level for answers
;;; together, stated apart from the rules that make it, and checked on every
;;; judged combination (and by a witness each) as the single floors are.
;;; Unsure counts as yes, as the brief says for every red flag.
(deffacts MAIN::combination-floors
   ;; "Past cancer with new weakness, numbness or bladder/bowel change: emergency" (NICE CG75).
   (combination-floor (id cancer-with-nerve-signs) (level emergency) (source cg75)
      (question cancer-history) (values yes unsure)
      (others weakness numbness bladder-bowel-change) (other-values yes unsure))
   ;; "Raise it [pain past the knee] to urgent when weakness, numbness or electric pain comes with it."
   (combination-floor (id pain-past-knee-with-nerve-signs) (level urgent) (source brief-source-flags)
      (question pain-below-knee) (values yes unsure)
      (others weakness numbness leg-pain-electric sharp-pain-on-pressure) (other-values yes unsure))
   ;; "Minor fall with osteoporosis: see-clinician (urgent is defensible)"; the floor is the
   ;; brief's minimum, the rule (urgent-injury-with-osteoporosis) takes the cautious urgent.
   (combination-floor (id minor-fall-with-osteoporosis) (level see-clinician) (source glos)
      (question recent-injury) (values yes unsure)
      (others osteoporosis) (other-values yes unsure)))
