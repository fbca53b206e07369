# The web page of `tptriage serve` in a real browser (tests/web/test_page.py):
# Debian's python3 with python3-selenium, chromium and chromium-driver. A
# missing one fails the test (they are in the README's install line).
find_program(TP_DEBIAN_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT TP_DEBIAN_PYTHON3)
  find_program(TP_DEBIAN_PYTHON3 python3)
endif()
if(NOT TP_DEBIAN_PYTHON3)
  # the build goes on (the README's first command needs no test tool); the
  # test fails and says what is missing
  add_test(NAME web/test_page COMMAND sh -c
    "echo 'FAIL: python3 is needed for the web page test (apt-get install python3-selenium chromium chromium-driver)'; exit 1")
endif()
if(TP_DEBIAN_PYTHON3)
  add_test(NAME web/test_page
    COMMAND ${TP_DEBIAN_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/web/test_page.py
            $<TARGET_FILE:tptriage> ${PROJECT_SOURCE_DIR}
            ${PROJECT_BINARY_DIR}/web-tools/node_modules/axe-core/axe.min.js)
  set_tests_properties(web/test_page PROPERTIES TIMEOUT 300)
endif()
# No author text reaches a patient: every text the default session, the
# report and the step API the page draws can show, over every case file.
if(TP_DEBIAN_PYTHON3)
  add_test(NAME lint/patient_text
    COMMAND ${TP_DEBIAN_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/lint/patient_text.py
            $<TARGET_FILE:tptriage> ${PROJECT_SOURCE_DIR})
  set_tests_properties(lint/patient_text PROPERTIES TIMEOUT 600)
endif()
# Reading level: 9 in 10 reasons and help texts at Flesch-Kincaid grade 8 or below.
if(TP_DEBIAN_PYTHON3)
  add_test(NAME lint/reading_level
    COMMAND ${TP_DEBIAN_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/lint/reading_level.py ${PROJECT_SOURCE_DIR})
endif()
