#!/usr/bin/env bash
# Installs the build into a fresh prefix and checks what a user gets there: the binary, the public
# headers only, the library with its pkg-config file and CMake package, the man page and the shell
# completions; then builds the README's C++ example against the prefix both ways and runs it.
# usage: tests/install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
prefix=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$prefix" "$work"' EXIT

fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null

for path in bin/winnow include/winnow/winnow.h include/winnow/types.h share/man/man1/winnow.1 \
    share/bash-completion/completions/winnow share/zsh/site-functions/_winnow \
    share/fish/vendor_completions.d/winnow.fish; do
  [ -f "$prefix/$path" ] || fail "missing $path"
done
pc=$(find "$prefix" -name winnow.pc) && [ -n "$pc" ] || fail "missing winnow.pc"
config=$(find "$prefix" -name winnowConfig.cmake) && [ -n "$config" ] || fail "missing winnowConfig.cmake"
[ -n "$(find "$prefix" -name libwinnow.a)" ] || fail "missing libwinnow.a"
headers=$(cd "$prefix/include" && find . -type f | sort | tr '\n' ' ')
[ "$headers" = "./winnow/types.h ./winnow/winnow.h " ] || fail "installed headers are not just the public ones: $headers"

# The installed binary cleans the bundled sample exactly; the man page and completions are whole.
"$prefix/bin/winnow" "$source/fixtures/seed-004/input.txt" | cmp -s - "$source/fixtures/seed-004/expected.txt" ||
  fail "the installed winnow does not clean fixtures/seed-004 as expected"
grep -q '^\.TH WINNOW 1' "$prefix/share/man/man1/winnow.1" || fail "winnow.1 has no .TH header"
for flag in $("$prefix/bin/winnow" --help | grep -o -- '--[a-z-]*' | sort -u); do
  grep -q -- "${flag//-/\\\\-}" "$prefix/share/man/man1/winnow.1" || fail "winnow.1 lacks $flag"
  grep -q -- "'${flag#--}'\|${flag}" "$prefix/share/bash-completion/completions/winnow" || fail "bash completion lacks $flag"
  grep -q -- "-l ${flag#--}" "$prefix/share/fish/vendor_completions.d/winnow.fish" || fail "fish completion lacks $flag"
  grep -q -- "$flag" "$prefix/share/zsh/site-functions/_winnow" || fail "zsh completion lacks $flag"
done
bash -n "$prefix/share/bash-completion/completions/winnow" || fail "bash completion does not parse"

# The README's C++ example, through pkg-config and through find_package(winnow).
sed -n '/^```cpp$/,/^```$/p' "$source/README.md" | sed '1d;$d' > "$work/example.cpp"
[ -s "$work/example.cpp" ] || fail "README.md has no C++ example"
export PKG_CONFIG_PATH="$(dirname "$pc")"
# shellcheck disable=SC2046
g++ -std=c++20 -o "$work/by-pkg-config" "$work/example.cpp" $(pkg-config --cflags --libs winnow) ||
  fail "the README example does not build with pkg-config"
"$work/by-pkg-config" > /dev/null || fail "the README example built with pkg-config fails"

mkdir "$work/cmake-project"
cp "$work/example.cpp" "$work/cmake-project/"
cat > "$work/cmake-project/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(winnow_example CXX)
set(CMAKE_CXX_STANDARD 20)
find_package(winnow REQUIRED)
add_executable(example example.cpp)
target_link_libraries(example PRIVATE winnow::winnow)
CMAKE
cmake -S "$work/cmake-project" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null ||
  fail "find_package(winnow) fails against the prefix"
cmake --build "$work/cmake-build" >/dev/null || fail "the README example does not build with find_package(winnow)"
"$work/cmake-build/example" > /dev/null || fail "the README example built with find_package(winnow) fails"
echo "install_test: $prefix has everything; the README example builds and runs both ways"
