;;; texts.clp: plain-language text, and dose where there is one, for every
;;; output id. Paraphrased from the sources cited by the rules. Every pressure
;;; technique's dose ends with the guide's Safety Warning (stop at once at
;;; sharp, electric or radiating pain) and the first general article's limit
;;; (extreme discomfort is a reason to stop, "Is It Suited for You?").

(deffacts MAIN::red-flag-texts
   (text (kind red-flag) (id saddle-numbness) (text "Numbness or tingling in the saddle area (between the legs, genitals, back passage)"))
   (text (kind red-flag) (id bladder-bowel-change) (text "New change in bladder or bowel control"))
   (text (kind red-flag) (id both-legs) (text "Symptoms in both legs, or legs suddenly weak or hard to control"))
   (text (kind red-flag) (id major-trauma) (text "Pain started with a serious accident or fall"))
   (text (kind red-flag) (id chest-pain-or-breathless) (text "Chest pain or sudden breathlessness"))
   (text (kind red-flag) (id pain-below-knee) (text "Pain travelling down the leg past the knee"))
   (text (kind red-flag) (id electric-leg-pain) (text "Electric or shooting pain down past the knee"))
   (text (kind red-flag) (id numbness) (text "Numbness in the buttock or leg"))
   (text (kind red-flag) (id tingling) (text "Tingling or pins and needles in the buttock or leg"))
   (text (kind red-flag) (id weakness) (text "Noticeable weakness in a leg or foot"))
   (text (kind red-flag) (id worse-after-release) (text "Symptoms worse straight after a self-release attempt"))
   (text (kind red-flag) (id sharp-pain-on-pressure) (text "Sharp, electric or radiating pain when pressing"))
   (text (kind red-flag) (id no-improvement) (text "No clear improvement after three or more days of self-care"))
   (text (kind red-flag) (id pain-persists) (text "Pain still there after three or more days of steady self-care"))
   (text (kind red-flag) (id very-unwell) (text "Feeling very unwell with a fever"))
   (text (kind red-flag) (id fever) (text "Fever, chills or feeling generally unwell"))
   (text (kind red-flag) (id cancer-history) (text "A past cancer with new buttock or back pain"))
   (text (kind red-flag) (id weight-loss) (text "Weight loss without trying"))
   (text (kind red-flag) (id night-pain) (text "Pain worse at night or not eased by rest or position"))
   (text (kind red-flag) (id calf-swelling) (text "One calf or thigh swollen, warm, red or throbbing (possible clot)"))
   (text (kind red-flag) (id back-lump) (text "A new lump or change in the shape of the back"))
   (text (kind red-flag) (id infection-risk) (text "Raised risk of infection"))
   (text (kind red-flag) (id age) (text "Age: under 16, or new pain before 20 or after 50")))

;; Worded as what to avoid, never as permission ("light pressure only"), so
;; that they hold beside any level, urgent and emergency included.
(deffacts MAIN::contraindication-texts
   (text (kind contraindication) (id blood-thinners) (text "Blood thinners, a bleeding disorder or easy bruising: no deep, knuckle or elbow pressure; check with the prescriber"))
   (text (kind contraindication) (id clot-treatment) (text "Being treated for a blood clot: no self-massage until your doctor agrees"))
   (text (kind contraindication) (id broken-skin) (text "Broken, infected or rashy skin: do not work on that area"))
   (text (kind contraindication) (id recent-injury) (text "Recent fall, injury or fracture in the area: no pressure until checked"))
   (text (kind contraindication) (id hot-swollen) (text "Area hot, red and swollen: no pressure until checked"))
   (text (kind contraindication) (id osteoporosis) (text "Fragile bones: no hard or knuckle pressure near the sacrum; check with your doctor"))
   (text (kind contraindication) (id recent-surgery) (text "Recent surgery nearby: wait for your surgeon's or physiotherapist's clearance"))
   (text (kind contraindication) (id pregnant) (text "Pregnancy: no deep pressure; check with your midwife or doctor first")))

(deffacts MAIN::restriction-texts
   (text (kind restriction) (id no-deep-pressure) (text "No deep, knuckle or elbow pressure"))
   (text (kind restriction) (id no-knuckle-elbow) (text "No knuckle or elbow pressure near the sacrum"))
   (text (kind restriction) (id no-pressure) (text "No pressure on the affected area"))
   (text (kind restriction) (id no-moist-heat) (text "Leave out heat: numb skin can scald"))
   (text (kind restriction) (id no-self-treatment) (text "No self-treatment advice"))
   (text (kind restriction) (id no-exercise) (text "No walks, movement breaks or stretches suggested here until a professional has checked you"))
   (text (kind restriction) (id no-extreme-pressure) (text "Pressure that causes more than slight discomfort: ease off, stop if it becomes extreme, and press more lightly next time"))
   (text (kind restriction) (id no-pressure-on-bone) (text "No ball, roller, knuckle or elbow pressure on the tailbone itself: aim beside it, at the buttock muscle"))
   (text (kind restriction) (id no-full-weight) (text "No sitting with your full weight on a ball or a foam roller on the floor: only pressure you set yourself, such as a ball against a wall"))
   (text (kind restriction) (id no-sitting-pressure) (text "No sitting on a ball or a foam roller on the floor, which would press on the tailbone"))
   (text (kind restriction) (id no-technique-fits) (text "No pressure technique fits what you have at hand and your answers: a tennis or lacrosse ball against a wall is the simplest one to set yourself; until then, keep to any stretches and habits listed")))

(deffacts MAIN::stop-pressing-texts
   (text (kind stop-pressing) (id stop_pressing)
      (text "Stop pressing now. Sharp, electric or radiating pain means a nerve may be irritated; more pressure could make it worse.")))

(deffacts MAIN::muscle-texts
   (text (kind muscle) (id gluteus-maximus) (text "Gluteus maximus: the large outer buttock muscle; a broad, general ache"))
   (text (kind muscle) (id gluteus-medius) (text "Gluteus medius: high on the buttock, just below the hip crest; may ache into the low back or side of the hip"))
   (text (kind muscle) (id gluteus-minimus) (text "Gluteus minimus: deep under the gluteus medius; can send pain down the side of the thigh"))
   (text (kind muscle) (id piriformis) (text "Piriformis: deep in the centre of the buttock, next to the sciatic nerve; can feel like sciatica")))

(deffacts MAIN::technique-texts
   (text (kind technique) (id ball-floor-press-hold)
      (text "Ball on the floor, press and hold: sit on the floor with the ball under the knot and slowly let your weight sink onto it")
      (dose "Hold still for 30 to 60 seconds on each knot; stop at once at any sharp, electric or radiating pain, or if the discomfort becomes extreme"))
   (text (kind technique) (id ball-small-rolling)
      (text "Small rolling: when the first sharp tenderness fades, shift your body a few millimetres over the ball")
      (dose "A few millimetres at a time, after the press and hold; stop at once at any sharp, electric or radiating pain, or if the discomfort becomes extreme"))
   (text (kind technique) (id ball-wall)
      (text "Ball against a wall: put the ball between the knot and a wall and lean in, controlling the pressure exactly")
      (dose "Press and hold 30 to 60 seconds per knot, leaning in only as far as is comfortable (lightly at first); stop at once at any sharp, electric or radiating pain, or if the discomfort becomes extreme"))
   (text (kind technique) (id foam-roller)
      (text "Foam roller: sit on the roller, cross the ankle over the other knee (figure-four) if comfortable, and roll slowly over the whole buttock")
      (dose "Pause 15 to 20 seconds on tighter areas; where a ball or knuckle technique is listed too, roll first as a warm-up for it; stop at once at any sharp, electric or radiating pain, or if the discomfort becomes extreme"))
   (text (kind technique) (id knuckle-elbow)
      (text "Knuckles or elbow: while sitting, press into the deep centre of the buttock, beside the sacrum or along the edge of the hip bone, adjusting angle and depth")
      (dose "Steady pressure on a knot for 30 to 60 seconds; stop at once at any sharp, electric or radiating pain, or if the discomfort becomes extreme")))

(deffacts MAIN::stretch-texts
   (text (kind stretch) (id figure-four-lying)
      (text "Figure-four stretch on your back: cross one ankle over the other knee and gently pull the lower knee toward your chest")
      (dose "Hold 30 seconds; 2 to 3 times on each side"))
   (text (kind stretch) (id figure-four-seated)
      (text "Seated figure-four: in a chair, cross one ankle over the other knee and lean forward a little with a straight back")
      (dose "Hold 30 seconds; 2 to 3 times on each side, through the day")))

(deffacts MAIN::aftercare-texts
   (text (kind aftercare) (id drink-water) (text "Drink plenty of water after the session"))
   (text (kind aftercare) (id moist-heat) (text "Put moist heat on the area right after the session") (dose "10 to 15 minutes"))
   (text (kind aftercare) (id easy-walk) (text "Take a short, easy walk after the session"))
   (text (kind aftercare) (id hips-above-knees) (text "When sitting, keep your hips slightly higher than your knees"))
   (text (kind aftercare) (id movement-breaks) (text "Stand up and move regularly when sitting") (dose "Every 30 to 45 minutes"))
   (text (kind aftercare) (id several-sessions) (text "Expect to need several sessions on different days; relief builds up and does not come for everyone"))
   (text (kind aftercare) (id gentle-walking) (text "Gentle walking is fine while you wait to be seen")))

(deffacts MAIN::welcome
   (text (kind welcome) (id topic) (text "questions about a sore buttock."))
   (text (kind welcome) (id order) (text "Warning signs come first.")))

(deffacts MAIN::notes
   ;; The self-care safety net is shown only where self-care is advised
   ;; (issue 11: not at urgent or emergency, nor at see-clinician, where the
   ;; pressure work is paused); the emergency signs are shown at every level
   ;; but emergency, where the person is already told to go now.
   ;; Lines shown by level hold whether or not a pressure technique stands
   ;; (issue 23, kind 6): what presupposes pressing (stop pressing; press
   ;; more lightly next time) is said by the technique's dose and by the
   ;; restriction no-extreme-pressure, which stand only with a technique.
   (text (kind safety-net) (id stop-on-nerve-pain) (from-level gentle-self-care)
      (text "If you get sharp, electric or radiating pain, or pain running down the leg past the knee, stop what brought it on and see a professional."))
   (text (kind safety-net) (id seek-help-if-no-better) (from-level gentle-self-care)
      (text "See a professional if the pain is still there or no better after 3 to 4 days of steady self-care, or if numbness, tingling, weakness or worse pain appears."))
   (text (kind safety-net) (id emergency-signs) (from-level urgent)
      (text "Call your emergency number at once if you get numbness between the legs, new bladder or bowel trouble, or both legs become weak."))
   (text (kind disclaimer) (id general-information)
      (text "General information, not a diagnosis. It does not replace a physiotherapist or doctor.")))
