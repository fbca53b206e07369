;;; groups.clp: questions the session asks together, as one checklist ("Do any
;;; of these apply to you? type the numbers, or 0 for none"). Grouping only
;;; changes how the session asks: a number chosen is the answer yes, an item
;;; left out is no, an item marked unsure is unsure, and the rules see the
;;; same answer facts as when the questions are asked one at a time (batch
;;; files and JSON do not change). A group is asked when the rules next want
;;; one of its members; it then lists every member the rules still want and
;;; that is not answered yet (a member left alone is asked on its own).
;;;
;;; To regroup: move question ids between members lists (a question may be in
;;; one group only), change order (lowest first), and give each member a short
;;; line in a group-item fact. Only questions answered yes, no (or unsure) fit
;;; a checklist, and only those where "no" is the safe answer to assume for
;;; an item nobody ticked. A yes/no question that is asked on its own must
;;; say why in an ask-alone fact: `tptriage check` reports one left out of
;;; every group without a reason, and proves that the grouped and the
;;; one-at-a-time interviews reach the same result.

(deftemplate MAIN::question-group
   "Questions asked together as one checklist, in asking order among groups."
   (slot id (type SYMBOL))
   (slot order (type INTEGER))
   (slot title (type STRING))
   (slot prompt (type STRING))
   (slot help (type STRING) (default ""))
   (multislot members (type SYMBOL)))

(deftemplate MAIN::group-item
   "The short line a question is listed with in its group's checklist."
   (slot question (type SYMBOL))
   (slot label (type STRING)))

(deftemplate MAIN::key-terms
   "The signs question QUESTION asks, each as words its text says and its
    checklist line (group-item) must say too: `tptriage check` fails on a line
    that leaves one out (issue 23, kind 2: a line narrower than its question).
    Matched without regard to case."
   (slot question (type SYMBOL))
   (multislot terms (type STRING)))

(deftemplate MAIN::ask-alone
   "A yes/no safety question deliberately asked on its own, and why."
   (slot question (type SYMBOL))
   (slot reason (type STRING)))

(deffacts MAIN::question-groups
   ;; ---- warning signs, most urgent first: the emergency list is asked first
   ;; of all, so that an emergency shows at once
   (question-group (id emergency-signs) (order 1)
      (title "Signs of an emergency")
      (prompt "First, signs that need help straight away. Do any of these apply to you?")
      (help "These are rare, but each one needs help the same day, or at once. If you are not sure about one, mark it unsure: it then counts as if it applied.")
      (members saddle-numbness bladder-bowel-change both-legs major-trauma
               chest-pain-or-breathless very-unwell))
   (question-group (id warning-signs) (order 2)
      (title "Signs to get checked")
      (prompt "Do any of these apply to you?")
      (help "Each of these means the pain may not come from a muscle knot, and a professional should look at it first. If you are not sure about one, mark it unsure: it then counts as if it applied.")
      (members pain-below-knee numbness tingling weakness cancer-history fever
               weight-loss night-pain calf-swelling back-lump infection-risk))
   (question-group (id before-pressing) (order 3)
      (title "Before pressing on it")
      (prompt "Before pressing on a sore spot, do any of these apply to you?")
      (help "These decide whether pressing is safe for you, or only gently, or not at all. If you are not sure about one, mark it unsure: it then counts as if it applied.")
      (members blood-thinners clot-treatment osteoporosis recent-injury recent-surgery
               hot-swollen broken-skin pregnant))
   (question-group (id daily-life) (order 4)
      (title "Your day")
      (prompt "Do any of these apply to you?")
      (help "These choose the advice that suits your day. Leave out what does not apply.")
      (members can-get-to-floor sits-long)))

(deffacts MAIN::group-items
   (group-item (question saddle-numbness)
      (label "Numbness or tingling between your legs or around your genitals or back passage, or new loss of feeling there during sex"))
   (group-item (question bladder-bowel-change)
      (label "Since the pain began: new trouble starting or stopping urine, leaking, not feeling a full bladder, or losing control of your bowels or the feeling that you need to go"))
   (group-item (question both-legs)
      (label "Pain, numbness or weakness in both legs, or legs suddenly weak, heavy or hard to control when walking"))
   (group-item (question major-trauma)
      (label "The pain started with a serious accident or a bad fall"))
   (group-item (question chest-pain-or-breathless)
      (label "Chest pain, or suddenly short of breath"))
   (group-item (question very-unwell)
      (label "Very unwell: too unwell to get up, confused or drowsy, or quickly getting worse"))
   (group-item (question pain-below-knee) (label "The pain travels down the leg past the knee"))
   (group-item (question numbness) (label "Part of the buttock or leg is numb"))
   (group-item (question tingling) (label "Tingling or pins and needles in the buttock or leg"))
   (group-item (question weakness)
      (label "A weak leg or foot: tripping, a foot slapping down, the leg giving way"))
   (group-item (question cancer-history) (label "You have had cancer"))
   (group-item (question fever)
      (label "A temperature of 38 C or more, chills, or feeling generally unwell"))
   (group-item (question weight-loss) (label "Weight lost recently without trying"))
   (group-item (question night-pain)
      (label "Worse at night, or the same however you rest or change position"))
   (group-item (question calf-swelling) (label "One calf or thigh that is swollen, warm, red or throbbing"))
   (group-item (question back-lump) (label "A new lump, or a change in the shape of your back"))
   (group-item (question infection-risk)
      (label "You inject drugs, take steroids or medicine that weakens the immune system, or had an infection recently"))
   (group-item (question blood-thinners)
      (label "You take blood thinners, have a bleeding disorder, or bruise very easily"))
   (group-item (question clot-treatment) (label "You are being treated for a blood clot now"))
   (group-item (question osteoporosis)
      (label "Thin bones (osteoporosis), cancer affecting bone, or steroid tablets for a long time"))
   (group-item (question recent-injury)
      (label "A recent fall, knock, lift or injury started it, or a recent broken bone here"))
   (group-item (question recent-surgery) (label "Surgery on your hip, back or buttock in the last few months"))
   (group-item (question hot-swollen) (label "The sore area is hot, red or swollen"))
   (group-item (question broken-skin) (label "The skin there is broken, infected or has a rash"))
   (group-item (question pregnant) (label "You are pregnant"))
   (group-item (question can-get-to-floor) (label "You can get down to the floor and up again comfortably"))
   (group-item (question sits-long) (label "You sit for long periods, such as hours at a desk or driving")))

(deffacts MAIN::asked-alone
   (ask-alone (question improving)
      (reason "Here yes is the good answer, so an item nobody ticked cannot be taken as no."))
   (ask-alone (question leg-pain-electric)
      (reason "A follow-up of pain past the knee, about that pain itself, asked on its own right after it."))
   (ask-alone (question pain-persists)
      (reason "Asked only after days of self-care, on its own, right after how many days."))
   (ask-alone (question new-pain)
      (reason "Asked only for some ages, right after the age."))
   (ask-alone (question first-time)
      (reason "Here yes is the cautious answer (a beginner starts at the wall), so an item nobody ticked cannot be taken as no.")))

;; Every sign each grouped question asks, from its text and the brief's
;; wording (docs/clinical-review.md has the table side by side).
(deffacts MAIN::key-terms
   (key-terms (question saddle-numbness)
      (terms "numbness" "tingling" "between your legs" "genitals" "back passage" "during sex"))
   (key-terms (question bladder-bowel-change)
      (terms "starting or stopping urine" "leaking" "full bladder" "control of your bowels" "need to go"))
   (key-terms (question both-legs)
      (terms "pain" "numbness" "weakness" "both legs" "weak" "heavy" "hard to control"))
   (key-terms (question major-trauma) (terms "serious accident" "bad fall"))
   (key-terms (question chest-pain-or-breathless) (terms "chest pain" "short of breath"))
   (key-terms (question very-unwell) (terms "too unwell to get up" "confused" "drowsy" "worse"))
   (key-terms (question pain-below-knee) (terms "down" "leg" "past the knee"))
   (key-terms (question numbness) (terms "buttock" "leg" "numb"))
   (key-terms (question tingling) (terms "tingling" "pins and needles" "buttock" "leg"))
   (key-terms (question weakness) (terms "leg" "foot" "tripping" "slapping down" "giving way"))
   (key-terms (question cancer-history) (terms "cancer"))
   (key-terms (question fever) (terms "38 C" "chills" "generally unwell"))
   (key-terms (question weight-loss) (terms "weight" "without trying"))
   (key-terms (question night-pain) (terms "worse at night" "rest" "position"))
   (key-terms (question calf-swelling) (terms "one calf or thigh" "swollen" "warm" "red" "throbbing"))
   (key-terms (question back-lump) (terms "lump" "shape of your back"))
   (key-terms (question infection-risk)
      (terms "inject drugs" "steroids" "immune system" "infection"))
   (key-terms (question blood-thinners) (terms "blood thinners" "bleeding disorder" "bruise"))
   (key-terms (question clot-treatment) (terms "treated for a blood clot"))
   (key-terms (question osteoporosis) (terms "osteoporosis" "cancer affecting bone" "steroid tablets"))
   (key-terms (question recent-injury) (terms "fall" "knock" "lift" "injury" "broken" "bone"))
   (key-terms (question recent-surgery) (terms "surgery" "hip" "back" "buttock" "last few months"))
   (key-terms (question hot-swollen) (terms "hot" "red" "swollen"))
   (key-terms (question broken-skin) (terms "broken" "infected" "rash"))
   (key-terms (question pregnant) (terms "pregnant"))
   (key-terms (question can-get-to-floor) (terms "down to the floor" "up again"))
   (key-terms (question sits-long) (terms "sit" "long periods" "desk" "driving")))
