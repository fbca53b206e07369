;;; unsure-reasons.clp: the reason shown when a conclusion rests on an answer
;;; "unsure" (issue 23, kind 6). A rule's or row's own reason may state the
;;; answer as fact ("Pressing gave you sharp ... pain"); when the person was
;;; not sure, the host shows this text instead, by the rule's name (kind
;;; unsure-reason, id: the rule, or the row's rule slot): it says the person
;;; was not sure, that the answer was read the cautious way, and why that
;;; matters, never stating the answer. Answers given for sure keep the rule's
;;; own reason, word for word. `tptriage check` requires one for every rule
;;; and row that can rest on unsure (an answer condition that admits unsure,
;;; or a conclusion such a rule makes), and notes one naming any other.
;;; Written so that it stays true when a sure answer stands beside the
;;; unsure one (two answers, or several flags behind one level). Unanswered
;;; questions have rules of their own whose reasons say so
;;; (see-clinician-when-safety-unanswered, the *-unanswered techniques).

(deffacts MAIN::unsure-reasons
   ;; ---- the flag table (facts/flags.clp), by the row's rule name
   (text (kind unsure-reason) (id red-flag-saddle-numbness) (text "You were not sure about numbness or tingling between your legs. So it is read the cautious way, as yes: a change in feeling there can mean the nerves at the base of the spine are squeezed."))
   (text (kind unsure-reason) (id red-flag-bladder-bowel-change) (text "You were not sure about a new change in bladder or bowel control. So it is read the cautious way, as yes: such a change can mean the nerves at the base of the spine are squeezed."))
   (text (kind unsure-reason) (id red-flag-both-legs) (text "You were not sure about pain, numbness or weakness in both legs. So it is read the cautious way, as yes: in both legs it points to the spine, not to a muscle knot."))
   (text (kind unsure-reason) (id red-flag-major-trauma) (text "You were not sure whether the pain began with a serious accident or fall. So it is read the cautious way, as yes: such pain may come from an injury to bone or spine."))
   (text (kind unsure-reason) (id red-flag-chest-pain-or-breathless) (text "You were not sure about chest pain or sudden breathlessness. So it is read the cautious way, as yes: they can be a clot that has moved to the lungs."))
   (text (kind unsure-reason) (id red-flag-pain-below-knee) (text "You were not sure whether the pain travels down past the knee. So it is read the cautious way, as yes: pain there may come from an irritated nerve, which self-massage cannot fix."))
   (text (kind unsure-reason) (id red-flag-electric-leg-pain) (text "You were not sure whether the pain runs past the knee, or whether it is electric or shooting. So it is read the cautious way, as yes: such pain points to an irritated nerve that should be seen today."))
   (text (kind unsure-reason) (id red-flag-numbness) (text "You were not sure whether part of your buttock or leg is numb. So it is read the cautious way, as yes: numbness would mean a nerve is involved, not only a muscle knot."))
   (text (kind unsure-reason) (id red-flag-tingling) (text "You were not sure about tingling or pins and needles. So it is read the cautious way, as yes: they would mean a nerve is irritated, not only a muscle knot."))
   (text (kind unsure-reason) (id red-flag-weakness) (text "You were not sure about weakness in a leg or foot. So it is read the cautious way, as yes: weakness can mean a nerve is not working properly."))
   (text (kind unsure-reason) (id red-flag-worse-after-release) (text "You were not sure whether you felt worse straight after pressing on the knot. So it is read the cautious way, as yes: that would mean the self-treatment may be doing harm."))
   (text (kind unsure-reason) (id red-flag-sharp-pain-on-pressure) (text "You were not sure whether pressing gave sharp, electric or shooting pain. So it is read the cautious way, as yes: such pain means a nerve may be irritated, and more pressure can make it worse."))
   (text (kind unsure-reason) (id red-flag-no-improvement) (text "You were not sure whether the pain is clearly better after three or more days of self-care. So it is read the cautious way, as not better: something else may be going on."))
   (text (kind unsure-reason) (id red-flag-pain-persists) (text "You were not sure whether the pain is still there after three or more days of self-care. So it is read the cautious way, as yes: something else may be going on."))
   (text (kind unsure-reason) (id red-flag-very-unwell) (text "You were not sure about a temperature, or about feeling very unwell. So it is read the cautious way, as yes: together they can be a serious infection that needs help now."))
   (text (kind unsure-reason) (id red-flag-fever) (text "You were not sure about a temperature, chills or feeling generally unwell. So it is read the cautious way, as yes: with this pain they can be a sign of an infection that needs checking today."))
   (text (kind unsure-reason) (id red-flag-cancer-history) (text "You were not sure whether you have had cancer. So it is read the cautious way, as yes: after a cancer, new pain in the back or buttock should be checked for spread to the bone."))
   (text (kind unsure-reason) (id red-flag-weight-loss) (text "You were not sure whether you have lost weight without trying. So it is read the cautious way, as yes: with pain, it can point to an illness that needs to be found early."))
   (text (kind unsure-reason) (id red-flag-night-pain) (text "You were not sure whether the pain is worse at night or the same however you rest. So it is read the cautious way, as yes: knots usually ease with rest or a change of position, so such pain needs checking."))
   (text (kind unsure-reason) (id red-flag-calf-swelling) (text "You were not sure about a swollen, warm, red or throbbing calf or thigh. So it is read the cautious way, as yes: it can be a blood clot, and pressing on it could move the clot."))
   (text (kind unsure-reason) (id red-flag-back-lump) (text "You were not sure about a new lump or a change in the shape of your back. So it is read the cautious way, as yes: a muscle knot does not explain it."))
   (text (kind unsure-reason) (id red-flag-infection-risk) (text "You were not sure about a raised risk of infection. So it is read the cautious way, as yes: pain here should then be checked before any pressure work."))
   (text (kind unsure-reason) (id red-flag-age-new-pain-over-50) (text "You were not sure whether this pain is new. So it is read the cautious way, as new: pain that starts for the first time after 50 should be checked before you treat it yourself."))
   (text (kind unsure-reason) (id red-flag-age-new-pain-under-20) (text "You were not sure whether this pain is new. So it is read the cautious way, as new: pain that starts for the first time before 20 should be checked before you treat it yourself."))
   (text (kind unsure-reason) (id contraindication-blood-thinners) (text "You were not sure about blood thinners, a bleeding disorder or easy bruising. So it is read the cautious way, as yes: then deep pressure can cause bleeding under the skin."))
   (text (kind unsure-reason) (id contraindication-clot-treatment) (text "You were not sure whether a blood clot is being treated. So it is read the cautious way, as yes: while a clot is treated, massage could loosen it."))
   (text (kind unsure-reason) (id contraindication-broken-skin) (text "You were not sure whether the skin over the area is broken, infected or has a rash. So it is read the cautious way, as yes: pressing on such skin can spread infection and slow healing."))
   (text (kind unsure-reason) (id contraindication-recent-injury) (text "You were not sure whether a recent fall, knock or injury started the pain. So it is read the cautious way, as yes: the pain may not be a knot, and pressure could harm healing tissue."))
   (text (kind unsure-reason) (id contraindication-hot-swollen) (text "You were not sure whether the area is hot, red or swollen. So it is read the cautious way, as yes: those point to inflammation or infection, which pressure can make worse."))
   (text (kind unsure-reason) (id contraindication-osteoporosis) (text "You were not sure about thin bones, cancer in bone or long-term steroid tablets. So it is read the cautious way, as yes: fragile bones can be hurt by hard, focused pressure near the sacrum."))
   (text (kind unsure-reason) (id contraindication-recent-surgery) (text "You were not sure about surgery nearby in the last few months. So it is read the cautious way, as yes: the surgeon or physiotherapist should clear you before pressure work."))
   (text (kind unsure-reason) (id contraindication-pregnant) (text "You were not sure whether you are pregnant. So it is read the cautious way, as yes: in pregnancy deep pressure is best avoided, and the midwife or doctor should agree before any pressure work."))
   ;; ---- rules (rules/10-triage.clp)
   (text (kind unsure-reason) (id level-for-flag) (text "You were not sure about one of the questions, so it is read the cautious way, as yes. This is the advice it calls for."))
   (text (kind unsure-reason) (id urgent-pain-below-knee-with-numbness) (text "You were not sure about pain past the knee or about numbness. So it is read the cautious way, as yes: together they can mean a pressed nerve that should be seen today."))
   (text (kind unsure-reason) (id urgent-pain-below-knee-with-electric-pain) (text "You were not sure about pain past the knee or about electric pain when pressing. So it is read the cautious way, as yes: together they point to an irritated nerve that should be seen today."))
   (text (kind unsure-reason) (id emergency-cancer-with-nerve-signs) (text "You were not sure about a past cancer, or about new weakness, numbness or bladder or bowel change. So it is read the cautious way, as yes: together they can mean the spinal cord is pressed."))
   (text (kind unsure-reason) (id urgent-injury-with-osteoporosis) (text "You were not sure about a recent fall or knock, or about fragile bones. So it is read the cautious way, as yes: together they can break a bone without much force, so it should be checked today."))
   (text (kind unsure-reason) (id stop-pressing-on-sharp-pain) (text "You were not sure whether pressing gave you sharp, electric or spreading pain. So it is read the cautious way, as yes: stop pressing, since such pain can mean a nerve is irritated."))
   (text (kind unsure-reason) (id restrict-moist-heat-when-numb) (text "You were not sure whether the skin there is numb. So it is read the cautious way, as yes: numb skin cannot tell when heat is too hot and can burn."))
   (text (kind unsure-reason) (id restrict-deep-pressure-with-blood-thinners) (text "You were not sure about blood thinners or easy bruising. So it is read the cautious way, as yes: they make bruising and bleeding under the skin more likely with deep pressure."))
   (text (kind unsure-reason) (id restrict-deep-pressure-in-pregnancy) (text "You were not sure whether you are pregnant. So it is read the cautious way, as yes: deep pressure is best avoided in pregnancy."))
   (text (kind unsure-reason) (id restrict-knuckle-elbow-with-osteoporosis) (text "You were not sure about fragile bones. So it is read the cautious way, as yes: focused knuckle or elbow pressure near the sacrum can hurt fragile bone."))
   (text (kind unsure-reason) (id restrict-pressure-on-broken-skin) (text "You were not sure whether the skin there is broken, infected or has a rash. So it is read the cautious way, as yes: no pressure on that area until you know the skin is whole."))
   (text (kind unsure-reason) (id restrict-self-treatment-with-infection-risk) (text "You were not sure about a raised risk of infection. So it is read the cautious way, as yes: no self-treatment until a professional has checked the pain."))
   (text (kind unsure-reason) (id restrict-pressure-after-recent-injury) (text "You were not sure whether a recent injury started the pain. So it is read the cautious way, as yes: pressure could harm tissue or bone that is still healing."))
   (text (kind unsure-reason) (id restrict-exercise-after-recent-injury) (text "You were not sure whether a recent injury started the pain. So it is read the cautious way, as yes: until it has been checked, it is safer not to add walks or stretches."))
   (text (kind unsure-reason) (id restrict-exercise-after-recent-surgery) (text "You were not sure about recent surgery nearby. So it is read the cautious way, as yes: how much to walk or stretch after surgery is for your surgeon or physiotherapist to say."))
   (text (kind unsure-reason) (id restrict-pressure-when-hot-swollen) (text "You were not sure whether the area is hot, red or swollen. So it is read the cautious way, as yes: pressure on an inflamed area can make it worse."))
   (text (kind unsure-reason) (id restrict-pressure-during-clot-treatment) (text "You were not sure whether a blood clot is being treated. So it is read the cautious way, as yes: while a clot is treated, massage could loosen it."))
   (text (kind unsure-reason) (id restrict-pressure-with-calf-swelling) (text "You were not sure about a swollen, warm or red calf or thigh. So it is read the cautious way, as yes: pressing near a possible clot could move it."))
   (text (kind unsure-reason) (id restrict-pressure-after-recent-surgery) (text "You were not sure about recent surgery nearby. So it is read the cautious way, as yes: pressure work waits for clearance after surgery.")))
