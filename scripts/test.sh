#!/usr/bin/env bash
# Installs what is missing, builds kgraph and runs every test suite.
#   KGRAPH_TEST_PRESETS  the CMake presets to build and test, in order
#                        (default: "release asan": optimised, then ASan+UBSan)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
# Kùzu (npm) for the test that loads the CSV export into it (FormatsTest.Kuzu*).
if [ -f ../shared/bench/install_peers.sh ]; then
  bash ../shared/bench/install_peers.sh || echo "kgraph: Kùzu could not be installed; its test skips"
else
  echo "kgraph: ../shared is absent, so Kùzu is not installed and its test skips"
fi

# Our sources follow .clang-format (grammar/ is generated at build time, never formatted).
echo "== clang-format --dry-run -Werror"
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run -Werror

PRESETS=${KGRAPH_TEST_PRESETS:-"release asan"}
for preset in $PRESETS; do
  echo "== preset $preset: configure and build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  echo "== preset $preset: test"
  ctest --preset "$preset" -j2
done
