# The pseudo-terminal driver for the interactive-session end-to-end test.
add_executable(ptydrive ${CMAKE_CURRENT_SOURCE_DIR}/tools/ptydrive.c)
target_compile_options(ptydrive PRIVATE ${TP_WARNINGS})
target_link_libraries(ptydrive PRIVATE util)
set_property(TEST e2e/session_pty APPEND PROPERTY ENVIRONMENT
  "PTYDRIVE=$<TARGET_FILE:ptydrive>")
set_property(TEST e2e/session_autosave APPEND PROPERTY ENVIRONMENT
  "PTYDRIVE=$<TARGET_FILE:ptydrive>")
set_property(TEST e2e/session_plain APPEND PROPERTY ENVIRONMENT
  "PTYDRIVE=$<TARGET_FILE:ptydrive>")
set_property(TEST e2e/session_groups APPEND PROPERTY ENVIRONMENT
  "PTYDRIVE=$<TARGET_FILE:ptydrive>")
set_property(TEST e2e/session_words APPEND PROPERTY ENVIRONMENT
  "PTYDRIVE=$<TARGET_FILE:ptydrive>")
set_property(TEST e2e/state_files APPEND PROPERTY ENVIRONMENT
  "PTYDRIVE=$<TARGET_FILE:ptydrive>")
# Hostile clients for the serve tests and bench/serve-starvation.sh.
add_executable(loadgen ${CMAKE_CURRENT_SOURCE_DIR}/tools/loadgen.c)
target_compile_options(loadgen PRIVATE ${TP_WARNINGS})
set_property(TEST e2e/serve_starvation APPEND PROPERTY ENVIRONMENT
  "LOADGEN=$<TARGET_FILE:loadgen>")
set_property(TEST e2e/session_screen APPEND PROPERTY ENVIRONMENT
  "PTYDRIVE=$<TARGET_FILE:ptydrive>")
