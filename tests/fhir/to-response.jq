# to-response.jq: a JSON line of answers ({"id", "answers"}) as an HL7 FHIR R4
# QuestionnaireResponse: each answer an item, a string as valueCoding.code
# (a list: one answer each; "a, b": split), a number as valueInteger.
{resourceType: "QuestionnaireResponse", id: .id, status: "completed",
 questionnaire: "urn:tptriage:questionnaire",
 item: [.answers | to_entries[] | select(.value != null) |
   {linkId: .key,
    answer: [(if (.value | type) == "array" then .value[]
              elif (.value | type) == "string" then (.value | split(",")[] | gsub("^ +| +$"; ""))
              else .value end)
             | if type == "number" then {valueInteger: .}
               elif type == "boolean" then {valueBoolean: .}
               else {valueCoding: {code: .}} end]}]}
