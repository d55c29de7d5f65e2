#!/usr/bin/env bash
# Installs the Debian 12 packages kgraph needs to build, test and run.
# Run as root or with sudo available. Safe to run again: apt-get skips what is there.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  librocksdb-dev libboost-graph-dev
  antlr4 libantlr4-runtime-dev default-jre-headless
  libgraphviz-dev graphviz
  libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev nlohmann-json3-dev libedit-dev libre2-dev
  python3 iso-codes
  raptor2-utils python3-networkx python3-distributed
  pybind11-dev python3-dev
)

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
echo "kgraph: build dependencies installed"
