#!/usr/bin/env bash
# Create or refresh .venv with the project's dependencies.
#   bash scripts/setup.sh          runtime requirements (requirements.txt)
#   bash scripts/setup.sh --dev    plus test/dev requirements (requirements-dev.txt)
# Idempotent: a re-run with unchanged requirement files does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
check='import sys; assert sys.version_info >= (3, 12)'

case "${1:-}" in
  --dev) req_files=(requirements.txt requirements-dev.txt); stamp=$venv/.setup-dev.stamp ;;
  "") req_files=(requirements.txt); stamp=$venv/.setup.stamp ;;
  *) echo "usage: $0 [--dev]" >&2; exit 2 ;;
esac

# Mesa 3.5 needs Python >= 3.12; on an older interpreter pip silently falls back to Mesa 3.3.
# Each candidate is actually run: `python3.12` may be a pyenv shim that exists but fails.
find_python() {
  local candidates=(python3.13 python3.12 python3 python) root c
  if command -v pyenv >/dev/null 2>&1 && root=$(pyenv root 2>/dev/null); then
    candidates+=("$root"/versions/3.1[2-9]*/bin/python)
  fi
  candidates+=("$HOME"/.pyenv/versions/3.1[2-9]*/bin/python
               /usr/bin/python3.1[2-9] /usr/local/bin/python3.1[2-9])
  for c in "${candidates[@]}"; do
    if "$c" -c "$check" >/dev/null 2>&1; then
      command -v "$c"
      return 0
    fi
  done
  return 1
}

# Reuse .venv only if its interpreter still works and is new enough (a venv breaks when the
# interpreter it was made from is removed or upgraded).
if ! "$venv/bin/python" -c "$check" >/dev/null 2>&1; then
  if ! python=$(find_python); then
    cat >&2 <<'EOF'
error: no Python >= 3.12 found (tried python3.13, python3.12, python3, python, pyenv versions,
/usr/bin/python3.1x). Install one, then re-run, e.g.:
  pyenv install 3.12 && pyenv global 3.12          (with pyenv)
  apt-get install python3 python3-venv             (Debian 13 or newer ships Python 3.13)
EOF
    exit 1
  fi
  echo "setup: creating $venv with $python ($("$python" -V 2>&1))"
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi

# The stamp holds the checksums of the requirement files last installed; skipping pip when
# they are unchanged keeps a re-run well under a second (pip itself needs several seconds).
want=$(sha256sum "${req_files[@]}" requirements/*.txt pyproject.toml)
if [[ -f $stamp && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi

echo "setup: installing ${req_files[*]} into $venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
# The last file is enough: requirements-dev.txt includes requirements.txt (`-r`).
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "${req_files[-1]}"
# The project itself, editable: Dask workers, notebooks and scripts in any folder import the
# `simulator` of this checkout, and `escalation-sim` joins `python -m simulator`.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e .
echo "$want" >"$stamp"
# For the same reason a dev install also satisfies the runtime one.
if [[ ${1:-} == --dev ]]; then
  sha256sum requirements.txt requirements/*.txt pyproject.toml >"$venv/.setup.stamp"
fi
echo "setup: done"
