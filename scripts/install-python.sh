#!/usr/bin/env bash
# Makes `import kgraph` find the Python module built in build/PRESET/cli/python (default
# preset: release) by writing a kgraph.pth file (one line: that directory) into the
# site-packages of Debian's /usr/bin/python3 (/usr/local/lib/python3.X/dist-packages), and of
# the `python3` first on PATH too when that is another interpreter of the same version
# (pyenv, a venv): the module is built for that version's ABI. Safe to run again.
# Run as root or with sudo available (the Debian directory is root's).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
dir="$(pwd)/build/$preset/cli/python"
if ! ls "$dir"/kgraph*.so >/dev/null 2>&1; then
  echo "kgraph: no Python module in $dir (build first; it needs pybind11-dev and python3-dev)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
install_pth() {  # $1: an interpreter
  local site
  site=$("$1" -c 'import sysconfig; print(sysconfig.get_path("purelib", "posix_local" if "posix_local" in sysconfig.get_scheme_names() else "posix_prefix"))')
  $SUDO mkdir -p "$site"
  echo "$dir" | $SUDO tee "$site/kgraph.pth" >/dev/null
  echo "kgraph: $1 imports kgraph from $dir (via $site/kgraph.pth)"
}
debian=/usr/bin/python3
install_pth "$debian"
other=$(command -v python3 || true)
if [ -n "$other" ] && [ "$("$other" -c 'import sys; print(sys.executable)')" != "$debian" ]; then
  version() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }
  if [ "$(version "$other")" = "$(version "$debian")" ]; then
    install_pth "$other"
  else
    echo "kgraph: $other is Python $(version "$other"); the module is for $(version "$debian"): use $debian"
  fi
fi
