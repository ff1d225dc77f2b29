#!/usr/bin/env bash
# The maintainer's spec-change loop, scripted (README.md, "Changing the spec"): in a scratch copy
# of the repository, change spec/hss.yaml the way a maintainer would (a new optional query
# parameter of 1 to 64 characters, a new value of a request enum, a new description sentence),
# then follow the README's loop with no hand edit of anything else:
#
#   cargo xtask codegen; cargo xtask diff (it must report each change; its advice is taken);
#   x-crate.version bumped as advised; cargo xtask codegen; Cargo.lock updated;
#   snapshots accepted (INSTA_UPDATE=always); cargo fmt --check; cargo xtask codegen --check;
#   cargo test --workspace --locked, green.
#
# The copy holds the files git knows (tracked, plus untracked ones not ignored), as they are in
# the work tree, with fresh modification times (so every workspace crate is built from the copy,
# never taken from a build of the original). It builds in SPEC_LOOP_TARGET_DIR, by default a
# target folder of its own (target/spec-change-loop: the first run builds the dependencies once).
# Do not point it at the target folder of a work tree you go on building in: cargo would then take
# the copy's builds, with the copy's (deleted) paths compiled in, for fresh. CI, where this is the
# last step, points it at the main target folder to reuse the dependencies.
# Needs python3 with PyYAML (a dependency of the openapi-spec-validator CI installs).
# Exit status 0 when the suite is green after the change; otherwise the failing tests are listed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export CARGO_TARGET_DIR="${SPEC_LOOP_TARGET_DIR:-$root/target/spec-change-loop}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
change_spec="$root/tests/loop/change_spec.py"

scratch=$(mktemp -d)
if [ "${KEEP_SCRATCH:-}" = 1 ]; then
  echo "scratch copy kept in $scratch"
else
  trap 'rm -rf "$scratch"' EXIT
fi
step() { printf '\n---- spec-change loop: %s\n' "$*"; }

step "scratch copy of the repository in $scratch/repo"
mkdir "$scratch/repo"
(cd "$root" && git ls-files -z --cached --others --exclude-standard \
  | tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xmf - -C "$scratch/repo"
cd "$scratch/repo"
# A baseline commit, so that the end can list every file the loop touched.
git init -q . && git add -A && git -c user.name=loop -c user.email=loop@localhost commit -qm base
cp spec/hss.yaml "$scratch/before.yaml"

step "1. edit the spec"
python3 "$change_spec" spec/hss.yaml edit > "$scratch/change.json"
cat "$scratch/change.json"

step "2. cargo xtask codegen"
cargo xtask codegen

step "3. cargo xtask diff: it reports each change, and advises a version"
cargo xtask diff "$scratch/before.yaml" spec/hss.yaml
cargo xtask diff "$scratch/before.yaml" spec/hss.yaml --format json > "$scratch/report.json"
next=$(python3 "$change_spec" verify "$scratch/report.json" "$scratch/change.json")
echo "advised version: $next"

step "4. bump x-crate.version to $next, regenerate, update Cargo.lock"
python3 "$change_spec" spec/hss.yaml bump "$next"
cargo xtask codegen
cargo xtask diff "$scratch/before.yaml" spec/hss.yaml --format json > "$scratch/report.json"
python3 "$change_spec" bumped "$scratch/report.json"
cargo update --workspace --offline

step "5. accept the snapshots (INSTA_UPDATE=always on the tests that have snapshots)"
snapshot_tests=()
for f in tests/tests/*.rs; do
  if grep -q 'insta::' "$f"; then snapshot_tests+=(--test "$(basename "$f" .rs)"); fi
done
# Only the snapshots are accepted here; failures of other assertions show in step 7.
env -u CI INSTA_UPDATE=always cargo test -p tests "${snapshot_tests[@]}" --no-fail-fast >"$scratch/accept.log" 2>&1 \
  || echo "(some of these tests failed while accepting snapshots; step 7 shows which)"

step "6. cargo fmt --check, cargo xtask codegen --check"
cargo fmt --all --check
cargo xtask codegen --check

step "files the loop touched"
git add -A
git status --short
# Only what the README's loop names may change: the spec, generated crates, snapshots, Cargo.lock.
unexpected=$(git diff --cached --name-only | grep -Ev '^(spec/hss\.yaml|generated/|tests/e2e/[^/]+/|tests/tests/snapshots/.*\.snap|Cargo\.lock)' || true)
if [ -n "$unexpected" ]; then
  echo "files outside the loop changed:"; echo "$unexpected"; exit 1
fi

step "7. cargo test --workspace --locked (no snapshot writes)"
if ! CI=true cargo test --workspace --locked --no-fail-fast 2>&1 | tee "$scratch/test.log"; then
  echo
  echo "spec-change loop FAILED: after a legitimate spec change these tests need a hand edit"
  echo "(they restate facts of the spec instead of deriving them from it):"
  grep -E '^test .* FAILED$' "$scratch/test.log" | sed 's/^test /  /; s/ \.\.\. FAILED$//' || true
  exit 1
fi

step "green: the spec change needed no hand edit of any test"
