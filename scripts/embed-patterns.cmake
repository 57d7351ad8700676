# Generates a C++ source holding every patterns/**/*.txt file as (name, text) pairs.
# Usage: cmake -DPATTERN_DIR=... -DOUTPUT=... -P embed-patterns.cmake
file(GLOB_RECURSE files RELATIVE ${PATTERN_DIR} ${PATTERN_DIR}/*.txt)
list(SORT files)
set(body "")
foreach(name IN LISTS files)
  file(READ ${PATTERN_DIR}/${name} hex HEX)
  string(LENGTH "${hex}" hex_length)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${hex}")
  # Split the literal every 64 bytes so no line gets absurdly long.
  string(REGEX REPLACE "((\\\\x[0-9a-f][0-9a-f]){64})" "\\1\"\n    \"" escaped "${escaped}")
  math(EXPR size "${hex_length} / 2")
  string(APPEND body "    {\"${name}\", std::string_view(\n    \"${escaped}\", ${size})},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp
"// Generated from patterns/ by scripts/embed-patterns.cmake. Do not edit.
#include <string_view>
#include <utility>
#include <vector>

namespace winnow::classify {

const std::vector<std::pair<std::string_view, std::string_view>>& embedded_pattern_files() {
    static const std::vector<std::pair<std::string_view, std::string_view>> files = {
${body}    };
    return files;
}

}  // namespace winnow::classify
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
