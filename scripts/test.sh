#!/usr/bin/env bash
# Installs what is missing, builds kgraph, runs every test suite and a short run of each fuzz
# target (KGRAPH_FUZZ_SECONDS, see below).
#   KGRAPH_TEST_PRESETS  the CMake presets to build and test, in order
#                        (default: "release asan": optimised, then ASan+UBSan)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
# Kùzu and Oxigraph (npm) for the tests that load the CSV and N-Quads exports into them
# (FormatsTest.Kuzu*, FormatsTest.Oxigraph*).
if [ -f ../shared/bench/install_peers.sh ]; then
  bash ../shared/bench/install_peers.sh || echo "kgraph: Kùzu/Oxigraph could not be installed; their tests skip"
else
  echo "kgraph: ../shared is absent, so Kùzu and Oxigraph are not installed and their tests skip"
fi

# Our sources follow .clang-format (grammar/ is generated at build time, never formatted).
echo "== clang-format --dry-run -Werror"
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run -Werror

# A short run of every fuzz target (clang, ASan + UBSan) so that a regression a fuzzer finds at
# once fails the suite; first, so that the test runners' summaries are the last lines printed.
# KGRAPH_FUZZ_SECONDS per target (default 30; 0 skips).
FUZZ_SECONDS=${KGRAPH_FUZZ_SECONDS:-30}
if [ "$FUZZ_SECONDS" != 0 ] && command -v clang++ >/dev/null; then
  echo "== fuzz targets, ${FUZZ_SECONDS}s each"
  bash scripts/fuzz.sh "$FUZZ_SECONDS"
fi

PRESETS=${KGRAPH_TEST_PRESETS:-"release asan"}
for preset in $PRESETS; do
  echo "== preset $preset: configure and build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  # `import kgraph` for the Python module of the release build (cli/python), when built.
  if [ "$preset" = release ] && [ -d build/release/cli/python ]; then
    bash scripts/install-python.sh
  fi
  echo "== preset $preset: test"
  ctest --preset "$preset" -j2
done
