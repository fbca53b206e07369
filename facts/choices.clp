;;; choices.clp: how people may give an answer. Each value of a question has a
;;; plain label (shown numbered in the session, in the order of the question's
;;; values) and other words that mean it; a number may carry a unit. Batch
;;; files and JSON keep the ids; these only help a person type. A question of
;;; "any" applies to every question that has that value. Words are matched
;;; without regard to case, with spaces, hyphens and underscores alike.

(deftemplate MAIN::choice
   "A plain label for one value of a question, and other words that mean it."
   (slot question (type SYMBOL))
   (slot value (type SYMBOL))
   (slot label (type STRING) (default ""))
   (multislot words (type STRING))
   ;; yes: the value is given alone; with another value of the same multi
   ;; question the answer contradicts itself and is refused (issue 23, kind 10)
   (slot exclusive (type SYMBOL) (allowed-symbols no yes) (default no)))

(deftemplate MAIN::number-unit
   "A unit word a number may carry, and what it multiplies the number by."
   (slot question (type SYMBOL))
   (slot word (type STRING))
   (slot factor (type INTEGER) (default 1)))

(deffacts MAIN::choices
   ;; ---- every yes / no / not sure question
   ;; One set of words everywhere: these answer yes/no questions, and the
   ;; same "no" words answer a checklist with none of its items.
   (choice (question any) (value yes) (label "Yes")
      (words "yeah" "yep" "yup" "yes it is" "i do" "i have" "true" "yes please" "ya"))
   (choice (question any) (value no) (label "No")
      (words "nope" "nah" "no it is not" "i do not" "i don't" "i have not" "i haven't" "false"
             "not at all" "no way" "never"))
   (choice (question any) (value unsure) (label "Not sure")
      (words "not sure" "don't know" "dont know" "do not know" "dunno" "no idea" "maybe"
             "i am not sure" "i'm not sure" "idk" "kinda" "kind of" "sort of" "sorta"
             "perhaps" "possibly" "not certain" "unsure"))
   (choice (question any) (value not-tried) (label "I have not tried pressing on it yet")
      (words "not tried" "haven't tried" "have not tried" "not yet" "never tried"))
   ;; ---- where it hurts
   (choice (question pain-location) (value broad-buttock)
      (label "A broad ache across the buttock") (words "broad" "all over" "whole buttock" "general ache"))
   (choice (question pain-location) (value hip-crest)
      (label "High up, near the top of the hip bone") (words "top of the hip" "hip bone" "high up"))
   (choice (question pain-location) (value side-of-hip)
      (label "Down the side of the hip") (words "side" "outside of the hip" "side of the thigh"))
   (choice (question pain-location) (value deep-center)
      (label "Deep in the middle of the buttock") (words "deep" "middle" "centre" "deep centre" "deep center"))
   (choice (question pain-location) (value near-sacrum)
      (label "Beside the flat bone at the base of the spine") (words "sacrum" "base of the spine" "lower back edge"))
   (choice (question pain-location) (value tailbone)
      (label "At the tailbone") (words "tail bone" "coccyx"))
   ;; ---- how it takes pressure
   (choice (question sensitivity) (value acute)
      (label "Very tender: even light pressure hurts") (words "very tender" "very sore" "light pressure hurts"))
   (choice (question sensitivity) (value moderate)
      (label "Tender, but firm pressure is bearable") (words "tender" "medium" "bearable"))
   (choice (question sensitivity) (value tolerates-deep)
      (label "Used to deep pressure: it feels like a good ache") (words "deep" "deep pressure" "good ache"))
   ;; ---- what is at hand
   (choice (question equipment) (value lacrosse-ball) (label "A lacrosse ball")
      (words "lacrosse" "hard ball" "firm ball"))
   (choice (question equipment) (value tennis-ball) (label "A tennis ball")
      (words "tennis" "soft ball"))
   (choice (question equipment) (value foam-roller) (label "A foam roller")
      (words "roller" "foam"))
   ;; "none" with a ball or roller contradicts itself: refused, never judged as both
   (choice (question equipment) (value none) (label "None of these") (exclusive yes)
      (words "nothing" "no equipment" "neither")))

(deffacts MAIN::number-units
   (number-unit (question days-of-self-care) (word "day"))
   (number-unit (question days-of-self-care) (word "days"))
   (number-unit (question days-of-self-care) (word "d"))
   (number-unit (question days-of-self-care) (word "week") (factor 7))
   (number-unit (question days-of-self-care) (word "weeks") (factor 7))
   (number-unit (question age) (word "years"))
   (number-unit (question age) (word "year"))
   (number-unit (question age) (word "years old"))
   (number-unit (question age) (word "y"))
   (number-unit (question age) (word "yrs"))
   (number-unit (question age) (word "yo"))
   (number-unit (question age) (word "y.o."))
   (number-unit (question age) (word "years of age")))
