#!/usr/bin/env bash
# Fuzzes the stored-data decoders (AnswerCodec, ResultCodec, CriterionCounters) with libFuzzer and
# AddressSanitizer. The harness is compiled with swiftc directly, outside SwiftPM, so it never
# enters the default build. Output (binary, corpus, crash files) goes to .build-fuzz/.
#
#   scripts/fuzz.sh [RUNS]      RUNS defaults to 1000000 executions
#
# On a shared machine, run it under the build lock: flock /tmp/yardstick-build.lock scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-1000000}"
out=.build-fuzz
mkdir -p "$out/corpus"

# The Swift toolchain ships lld; Debian's own linker cannot link the fuzzer runtime.
sources=$(find Sources/YardstickCore -name '*.swift' | sort)
# shellcheck disable=SC2086  # the source list is meant to split into arguments
swiftc -sanitize=fuzzer,address -parse-as-library -O -use-ld=lld -module-name YardstickCore \
    -o "$out/fuzz-decoders" fuzz/DecoderFuzz.swift $sources

# The seeds are valid encodings that the harness itself writes, so they never go stale.
YARDSTICK_FUZZ_SEED_DIR="$out/corpus" SWIFT_BACKTRACE=enable=no \
    "$out/fuzz-decoders" -runs="$runs" -artifact_prefix="$out/" -print_final_stats=1 "$out/corpus"
