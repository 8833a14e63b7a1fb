#!/bin/sh
# Runs a command under a virtual X server (xvfb-run -a) for the GUI tests; exits 77 (reported by
# CTest as skipped) with a message when xvfb-run is not installed.
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "skipped: xvfb-run not found - install the Debian package xvfb (scripts/deps.sh)" >&2
    exit 77
fi
exec xvfb-run -a "$@"
