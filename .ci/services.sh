#!/usr/bin/env bash
# The SPARQL servers the remote-store tests use. The tests start and stop them themselves, each on a free
# loopback port with a fresh database (tests/backends.py); this script only installs what pip does not:
# Virtuoso from Debian. The Oxigraph server comes with kg's own dependencies (`pip install oxigraph`).
set -euo pipefail
if ! command -v virtuoso-t >/dev/null 2>&1 || ! command -v isql-vt >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null
fi
virtuoso-t -? 2>&1 | head -n 1 || true  # the version, for the CI log
