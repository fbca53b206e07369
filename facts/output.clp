;;; output.clp: how each kind of conclusion is shown. The JSON fields are
;;; part of the public output contract (docs/output.md): never rename them.

(deffacts MAIN::output-kinds
   (output-kind (id level) (order 1) (heading "How the level was reached"))
   (output-kind (id red-flag) (order 2) (field red_flags) (heading "Red flags")
      (summary "Warning signs") (with-reasons yes) (role warning))
   (output-kind (id contraindication) (order 3) (field contraindications)
      (heading "Contraindications") (summary "Take care") (with-reasons yes))
   (output-kind (id restriction) (order 4) (field restrictions) (heading "Left out")
      (summary "Left out"))
   (output-kind (id stop-pressing) (order 5) (heading "Stop pressing"))
   (output-kind (id muscle) (order 6) (field muscles) (heading "Muscles likely involved")
      (summary "Muscles likely involved") (from-level see-clinician))
   (output-kind (id technique) (order 7) (field techniques) (heading "Techniques")
      (summary "Techniques") (role treatment) (from-level gentle-self-care))
   (output-kind (id stretch) (order 8) (field stretches) (heading "Stretches")
      (summary "Stretches") (from-level gentle-self-care))
   (output-kind (id aftercare) (order 9) (field aftercare) (heading "Aftercare")
      (summary "Aftercare") (from-level see-clinician)))
