#!/usr/bin/env bash
# Sets up, builds everything including the tests, and runs every test (unit and end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
# Plain `swift test` (not --parallel): XCTest's summary line is kept.
swift test --skip-build
