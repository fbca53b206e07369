# libFuzzer harnesses for the inputs people control (issue 6). Built only when
# the C compiler is clang and TP_FUZZ is on, e.g.
#   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DTP_FUZZ=ON -DTP_SANITIZE=ON
#   ./build-fuzz/tests/fuzz_symfile -max_total_time=30 tests/fuzz/corpus/symfile
# Each harness also becomes a test that replays its seed corpus and the inputs
# that once made it fail (tests/fuzz/regress/NAME), so a fixed crash stays fixed.
option(TP_FUZZ "Build the libFuzzer harnesses in tests/fuzz (clang only)" OFF)
if(TP_FUZZ AND CMAKE_C_COMPILER_ID MATCHES "Clang")
  # coverage feedback for the library the harnesses drive
  foreach(layer util core author front)
    target_compile_options(tp_${layer} PRIVATE -fsanitize=fuzzer-no-link)
  endforeach()
  target_compile_options(tptriage_core PRIVATE -fsanitize=fuzzer-no-link)
  target_link_options(tptriage_core INTERFACE -fsanitize=fuzzer-no-link)
  foreach(name symfile jsonl session answer csv groups)
    add_executable(fuzz_${name} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${name}.c)
    target_compile_options(fuzz_${name} PRIVATE ${TP_WARNINGS} -fsanitize=fuzzer)
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
    target_compile_definitions(fuzz_${name} PRIVATE TP_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    target_link_libraries(fuzz_${name} PRIVATE tptriage_core PkgConfig::JANSSON)
    set(dirs ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/${name})
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/regress/${name})
      list(APPEND dirs ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/regress/${name})
    endif()
    add_test(NAME fuzz/${name} COMMAND fuzz_${name} -runs=0 ${dirs})
  endforeach()
elseif(TP_FUZZ)
  message(WARNING "TP_FUZZ needs clang (CMAKE_C_COMPILER=clang); the fuzz harnesses are skipped")
endif()
