# The web page of `tptriage serve` in a real browser (tests/web/test_page.py):
# Debian's python3 with python3-selenium, chromium and chromium-driver. The
# script exits 77 (skipped) when any of them is missing.
find_program(TP_DEBIAN_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT TP_DEBIAN_PYTHON3)
  find_program(TP_DEBIAN_PYTHON3 python3)
endif()
if(TP_DEBIAN_PYTHON3)
  add_test(NAME web/test_page
    COMMAND ${TP_DEBIAN_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/web/test_page.py
            $<TARGET_FILE:tptriage> ${PROJECT_SOURCE_DIR})
  set_tests_properties(web/test_page PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()
