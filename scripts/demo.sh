#!/usr/bin/env bash
# Installs what is missing, builds kgraph, builds a graph from samples/,
# answers the example queries of samples/queries.cypher and draws kgraph-demo.svg.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target kgraph
# The Python module (cli/python), when pybind11 was found: `import kgraph` then works.
if [ -d build/release/cli/python ]; then
  cmake --build --preset release --target kgraph_python
  bash scripts/install-python.sh
fi

KG=build/release/cli/kgraph
DB=build/demo.kg

echo
echo "== kgraph build samples/ --db $DB"
"$KG" build samples/ --db "$DB"

echo
echo "== kgraph shell --db $DB < samples/queries.cypher"
"$KG" shell --db "$DB" --read-only < samples/queries.cypher

echo
echo "== kgraph render --db $DB ... -o kgraph-demo.svg"
"$KG" render --db "$DB" \
  "MATCH p = (:Person {name: 'Kassym-Jomart Tokayev'})-[r]-(x) WHERE type(r) <> 'MENTIONED_IN' AND NOT x:Concept RETURN p" \
  -o kgraph-demo.svg
