;;; locales.clp: the numbers to call and where to go, per country or region,
;;; at the levels that need a call now. The session, the report and the web
;;; page show the label as the first line of the result and the number as the
;;; main action. Chosen by --locale, TPTRIAGE_LOCALE or the region of LANG
;;; (en_GB.UTF-8: GB); a region no locale names gets the default one (112,
;;; which mobile phones put through in most countries).

(deffacts MAIN::locales
   (locale (id gb) (name "United Kingdom") (regions GB UK IM JE GG))
   (locale-call (locale gb) (level emergency) (number "999")
      (label "Call 999 now")
      (where "In the UK the emergency department is called A&E."))
   (locale-call (locale gb) (level urgent) (number "111")
      (label "Call NHS 111 today")
      (where "Or see your GP today. If it gets worse, call 999."))

   (locale (id us) (name "United States") (regions US PR GU VI AS MP))
   (locale-call (locale us) (level emergency) (number "911")
      (label "Call 911 now"))
   (locale-call (locale us) (level urgent) (number "911")
      (label "See a doctor today; if it gets worse, call 911")
      (where "An urgent care clinic can also see you today."))

   (locale (id eu) (name "European Union")
      (regions EU AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO
               SK SI ES SE IS LI NO CH))
   (locale-call (locale eu) (level emergency) (number "112")
      (label "Call 112 now"))
   (locale-call (locale eu) (level urgent) (number "112")
      (label "See a doctor today; if it gets worse, call 112")
      (where "Call your doctor, or the out-of-hours service, today."))

   ;; Any other region: 112 reaches the emergency services from most mobile
   ;; phones worldwide.
   (locale (id other) (name "Anywhere else") (default yes))
   (locale-call (locale other) (level emergency) (number "112")
      (label "Call 112 (or your local emergency number) now"))
   (locale-call (locale other) (level urgent) (number "112")
      (label "See a doctor today; if it gets worse, call 112")
      (where "Call your doctor, or the out-of-hours service, today.")))
