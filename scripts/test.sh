#!/usr/bin/env bash
# Installs what is missing, builds kgraph and runs every test suite.
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
