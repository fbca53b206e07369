;;; sources.clp: every source a conclusion may cite, by title and section,
;;; with a URL (or a citation for what has none) and the date the knowledge
;;; base was last reviewed against it. The three articles are in
;;; ../shared/seeds; the clinical brief names the guidance behind the further
;;; red flags and contraindications. check warns when a review is older than
;;; the period below, and notes sources nothing cites.
;;;
;;; A section is a real heading of its source, verbatim (issue 23, kind 12),
;;; and check fails on one its source-sections fact does not list. The
;;; sources held in ../shared (the three articles, the brief) list their
;;; headings as written there; an article with no heading under its title
;;; (the second general article) has only its title line. A source known only
;;; through the clinical brief (held no) lists what the brief names of it in
;;; its "Source keys", verbatim, or "as cited in our clinical summary, " and the
;;; brief's heading that cites it, where the brief names no part.

(deffacts MAIN::source-review
   (source-review (period-days 730)))

(deffacts MAIN::sources
   (source (id guide-intro) (title "How to Release Trigger Points in the Buttocks") (section "How to Release Trigger Points in the Buttocks")
      (citation "Seed article shared/seeds/000_1ad4c2577fe99f23.txt, the main source") (reviewed "2026-11-28"))
   (source (id guide-locations) (title "How to Release Trigger Points in the Buttocks")
      (section "Identifying Common Trigger Point Locations in the Gluteal Region")
      (citation "Seed article shared/seeds/000_1ad4c2577fe99f23.txt, the main source") (reviewed "2026-11-28"))
   (source (id guide-ball) (title "How to Release Trigger Points in the Buttocks")
      (section "Ball Techniques")
      (citation "Seed article shared/seeds/000_1ad4c2577fe99f23.txt, the main source") (reviewed "2026-11-28"))
   (source (id guide-roller) (title "How to Release Trigger Points in the Buttocks")
      (section "Foam Roller and Manual Pressure")
      (citation "Seed article shared/seeds/000_1ad4c2577fe99f23.txt, the main source") (reviewed "2026-11-28"))
   (source (id guide-safety) (title "How to Release Trigger Points in the Buttocks") (section "Safety Warning")
      (citation "Seed article shared/seeds/000_1ad4c2577fe99f23.txt, the main source") (reviewed "2026-11-28"))
   (source (id guide-stretch) (title "How to Release Trigger Points in the Buttocks")
      (section "Stretching Techniques")
      (citation "Seed article shared/seeds/000_1ad4c2577fe99f23.txt, the main source") (reviewed "2026-11-28"))
   (source (id guide-supportive) (title "How to Release Trigger Points in the Buttocks")
      (section "Supportive Stretches and Post-Treatment Care")
      (citation "Seed article shared/seeds/000_1ad4c2577fe99f23.txt, the main source") (reviewed "2026-12-04"))
   (source (id guide-recovery) (title "How to Release Trigger Points in the Buttocks")
      (section "Recovery and Maintenance")
      (citation "Seed article shared/seeds/000_1ad4c2577fe99f23.txt, the main source") (reviewed "2026-11-28"))
   (source (id guide-help) (title "How to Release Trigger Points in the Buttocks")
      (section "Recognizing When Professional Help is Necessary")
      (citation "Seed article shared/seeds/000_1ad4c2577fe99f23.txt, the main source") (reviewed "2026-11-28"))
   (source (id tpm-suited) (title "Trigger Point Massage: How It Works and Its Benefits")
      (section "Is It Suited for You?")
      (citation "Seed article shared/seeds/001_6ef4644f2e902dc8.txt") (reviewed "2026-11-28"))
   (source (id tpw-pressure) (title "How Trigger Point Massage Actually Works")
      (section "How Trigger Point Massage Actually Works")
      (citation "Seed article shared/seeds/002_a443344f36509381.txt") (reviewed "2026-11-28"))
   (source (id tpw-expect) (title "How Trigger Point Massage Actually Works")
      (section "How Trigger Point Massage Actually Works")
      (citation "Seed article shared/seeds/002_a443344f36509381.txt") (reviewed "2026-11-28"))
   (source (id brief-referred) (title "Clinical summary of the guidance, written for tptriage")
      (section "Where the knot is and where it hurts (referred pain)")
      (citation "shared/knowledge/clinical-brief.md, which cites the public guidance named in its sections") (reviewed "2026-11-28"))
   (source (id brief-levels) (title "Clinical summary of the guidance, written for tptriage") (section "Triage levels")
      (citation "shared/knowledge/clinical-brief.md, which cites the public guidance named in its sections") (reviewed "2026-11-28"))
   (source (id brief-source-flags) (title "Clinical summary of the guidance, written for tptriage")
      (section "Red flags in the source articles")
      (citation "shared/knowledge/clinical-brief.md, which cites the public guidance named in its sections") (reviewed "2026-11-28"))
   (source (id brief-judgement) (title "Clinical summary of the guidance, written for tptriage")
      (section "Red flags in the source articles")
      (citation "shared/knowledge/clinical-brief.md, which cites the public guidance named in its sections") (reviewed "2026-11-28"))
   (source (id brief-red-flags) (title "Clinical summary of the guidance, written for tptriage")
      (section "Red flags to add (standard spinal and nerve red flags)")
      (citation "shared/knowledge/clinical-brief.md, which cites the public guidance named in its sections") (reviewed "2026-11-28"))
   (source (id ng59) (title "NICE guideline NG59, Low back pain and sciatica in over 16s")
      (section "recommendation 1.1.1")
      (url "https://www.nice.org.uk/guidance/ng59") (reviewed "2026-11-28"))
   (source (id nhs-sci) (title "NHS 111 Wales encyclopaedia: Sciatica") (section "as cited in our clinical summary, When not to press (contraindications)")
      (url "https://111.wales.nhs.uk/sciatica/") (reviewed "2026-11-28"))
   (source (id nhs-bp) (title "NHS: Back pain") (section "\"urgent advice\" and \"immediate action\" lists")
      (url "https://www.nhs.uk/conditions/back-pain/") (reviewed "2026-11-28"))
   (source (id dvt) (title "NHS: Deep vein thrombosis") (section "as cited in our clinical summary, When not to press (contraindications)")
      (url "https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/") (reviewed "2026-11-28"))
   (source (id ces) (title "Chesterfield Royal Hospital NHS: Cauda equina syndrome")
      (section "patient information")
      (citation "Chesterfield Royal Hospital NHS Foundation Trust, Cauda equina syndrome: patient information leaflet") (reviewed "2026-11-28"))
   (source (id glos) (title "Gloucestershire NHS low back pain pathway") (section "red flags resource")
      (citation "Gloucestershire Hospitals NHS Foundation Trust, Low back pain pathway: red flags resource") (reviewed "2026-11-28"))
   (source (id cg75) (title "NICE CG75 Metastatic spinal cord compression (replaced by NG234)")
      (section "as cited in our clinical summary, Red flags to add (standard spinal and nerve red flags)")
      (url "https://www.nice.org.uk/guidance/cg75") (reviewed "2026-11-28"))
   (source (id delphi) (title "Bartsch et al., J Clin Med 2021;10(22):5360")
      (section "massage contraindications, Delphi study")
      (url "https://doi.org/10.3390/jcm10225360") (reviewed "2026-11-28"))
   (source (id nccih) (title "US NCCIH: Massage therapy") (section "massage therapy safety")
      (url "https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know") (reviewed "2026-11-28"))
   (source (id preg) (title "Review of massage in pregnancy, PMC8396946") (section "as cited in our clinical summary, When not to press (contraindications)")
      (url "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8396946/") (reviewed "2026-11-28"))
   (source (id ts) (title "Travell and Simons, Myofascial Pain and Dysfunction: The Trigger Point Manual")
      (section "as cited in our clinical summary, Where the knot is and where it hurts (referred pain)")
      (citation "Simons DG, Travell JG, Simons LS. Myofascial Pain and Dysfunction: The Trigger Point Manual, vol. 1, 2nd ed. Williams and Wilkins, 1999") (reviewed "2026-11-28")))

(deftemplate MAIN::source-sections
   "The sections a source of TITLE may be cited by: its real headings,
    verbatim (held yes: the text is in ../shared), or for a source known only
    through the clinical brief (held no) what the brief names of it, or
    'as cited in our clinical summary, ' and the brief's heading that cites it."
   (slot title (type STRING))
   (slot held (type SYMBOL) (allowed-symbols yes no))
   (multislot sections (type STRING)))

(deffacts MAIN::source-sections
   (source-sections (title "How to Release Trigger Points in the Buttocks") (held yes)
      (sections "How to Release Trigger Points in the Buttocks"
                "Identifying Common Trigger Point Locations in the Gluteal Region"
                "Step-by-Step Self-Massage Techniques for Relief"
                "Ball Techniques"
                "Foam Roller and Manual Pressure"
                "Safety Warning"
                "Supportive Stretches and Post-Treatment Care"
                "Stretching Techniques"
                "Recovery and Maintenance"
                "Recognizing When Professional Help is Necessary"))
   (source-sections (title "Trigger Point Massage: How It Works and Its Benefits") (held yes)
      (sections "Trigger Point Massage: How It Works and Its Benefits"
                "Introduction to Trigger Point Massage"
                "Mechanism Behind Trigger Point Massage"
                "Merits of Trigger Point Massage"
                "Is It Suited for You?"))
   (source-sections (title "How Trigger Point Massage Actually Works") (held yes)
      (sections "How Trigger Point Massage Actually Works"))
   (source-sections (title "Clinical summary of the guidance, written for tptriage") (held yes)
      (sections "Clinical brief for the knowledge base"
                "Source articles (in ../seeds/)"
                "Triage levels"
                "Red flags in the source articles"
                "Red flags to add (standard spinal and nerve red flags)"
                "When not to press (contraindications)"
                "Where the knot is and where it hurts (referred pain)"
                "Source keys"))
   (source-sections (title "NICE guideline NG59, Low back pain and sciatica in over 16s") (held no)
      (sections "recommendation 1.1.1"))
   (source-sections (title "NHS 111 Wales encyclopaedia: Sciatica") (held no)
      (sections "as cited in our clinical summary, When not to press (contraindications)"))
   (source-sections (title "NHS: Back pain") (held no)
      (sections "\"urgent advice\" and \"immediate action\" lists"))
   (source-sections (title "NHS: Deep vein thrombosis") (held no)
      (sections "as cited in our clinical summary, When not to press (contraindications)"))
   (source-sections (title "Chesterfield Royal Hospital NHS: Cauda equina syndrome") (held no)
      (sections "patient information"))
   (source-sections (title "Gloucestershire NHS low back pain pathway") (held no)
      (sections "red flags resource"))
   (source-sections (title "NICE CG75 Metastatic spinal cord compression (replaced by NG234)") (held no)
      (sections "as cited in our clinical summary, Red flags to add (standard spinal and nerve red flags)"))
   (source-sections (title "Bartsch et al., J Clin Med 2021;10(22):5360") (held no)
      (sections "massage contraindications, Delphi study"))
   (source-sections (title "US NCCIH: Massage therapy") (held no)
      (sections "massage therapy safety"))
   (source-sections (title "Review of massage in pregnancy, PMC8396946") (held no)
      (sections "as cited in our clinical summary, When not to press (contraindications)"))
   (source-sections (title "Travell and Simons, Myofascial Pain and Dysfunction: The Trigger Point Manual") (held no)
      (sections "as cited in our clinical summary, Where the knot is and where it hurts (referred pain)")))
