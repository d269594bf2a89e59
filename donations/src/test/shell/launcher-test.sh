#!/usr/bin/env bash
# The ./amanah launcher's test (run by LauncherTest): the launcher given as $1 runs in a scratch
# checkout whose mvn and java are stand-ins, so that no build or JVM is needed. The stand-in mvn
# rewrites the module's jar in place, as Maven does; the stand-in java prints the jar on its class
# path and, for `serve`, prints it again when told to stop, as a JVM reads a class it loads late.
set -euo pipefail

launcher="$(realpath "$1")"
scratch="$(mktemp -d)"
serve_pid=""

cleanup() {
  touch "$scratch/stop"
  if [[ -n "$serve_pid" ]]; then
    kill "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  echo "--- launcher's stderr:" >&2
  cat "$scratch/launcher.err" >&2 || true
  exit 1
}

# await_line FILE TEXT: waits up to 20 s for a line of FILE that contains TEXT
await_line() {
  local deadline=$((SECONDS + 20))
  until grep -qF -- "$2" "$1" 2>/dev/null; do
    ((SECONDS < deadline)) || fail "no line with '$2' in $1 within 20 s: $(cat "$1")"
    sleep 0.05
  done
}

checkout="$scratch/checkout"
mkdir -p "$checkout"/{otp,finance,donations,examples}/src/main "$scratch/bin" "$scratch/jdk/bin"
touch "$checkout/pom.xml" "$checkout"/{otp,finance,donations,examples}/pom.xml
cp "$launcher" "$checkout/amanah"

cat > "$scratch/bin/mvn" <<'MVN'
#!/usr/bin/env bash
set -euo pipefail
module=""
while (($#)); do
  if [[ "$1" == -pl ]]; then module="$2"; shift; fi
  shift
done
echo "$module" >> "$STANDIN_DIR/builds"
build="$(wc -l < "$STANDIN_DIR/builds")"
mkdir -p "$module/target/lib"
printf '%s build %s\n' "$module" "$build" > "$module/target/amanah-$module-0.1.0-SNAPSHOT.jar"
printf 'lib of build %s\n' "$build" > "$module/target/lib/dependency.jar"
MVN

echo 'JAVA_VERSION="25.0.1"' > "$scratch/jdk/release"
cat > "$scratch/jdk/bin/java" <<'JAVA'
#!/usr/bin/env bash
set -euo pipefail
while [[ "$1" != -cp ]]; do shift; done
jar="${2%%:*}"
shift 3 # -cp, the class path and the main class
if [[ "${1:-}" != serve ]]; then
  echo "$jar: $(cat "$jar")"
  exit
fi
echo "started $jar: $(cat "$jar")"
deadline=$((SECONDS + 20))
until [[ -e "$STANDIN_DIR/stop" ]]; do
  ((SECONDS < deadline)) || exit 3
  sleep 0.05
done
echo "stopped $jar: $(cat "$jar")"
JAVA
chmod +x "$scratch/bin/mvn" "$scratch/jdk/bin/java"

export PATH="$scratch/bin:$PATH" JAVA_HOME="$scratch/jdk" STANDIN_DIR="$scratch"
amanah() { "$checkout/amanah" "$@" 2>>"$scratch/launcher.err"; }
builds() { wc -l < "$scratch/builds"; }

amanah serve > "$scratch/serve.out" &
serve_pid=$!
await_line "$scratch/serve.out" "started "
serve_jar="$(sed -n 's/^started \(.*\): .*/\1/p' "$scratch/serve.out")"

out="$(amanah staff list)"
[[ "$out" == "$serve_jar: donations build 1" ]] || fail "nothing changed, yet staff list ran $out"
[[ "$(builds)" == 1 ]] || fail "nothing changed, yet the launcher built again"

touch "$checkout/donations/src/main/Changed.java"
out="$(amanah staff list)"
[[ "$out" == *": donations build 2" ]] || fail "a changed source was not built: staff list ran $out"
[[ -f "$serve_jar" ]] || fail "the build the service runs from was removed while it ran"

touch "$scratch/stop"
wait "$serve_pid" || fail "the stand-in service ended with $?"
serve_pid=""
grep -qxF "stopped $serve_jar: donations build 1" "$scratch/serve.out" \
  || fail "the running service's jar changed under it: $(cat "$scratch/serve.out")"

amanah staff list > /dev/null
[[ ! -e "$(dirname "$serve_jar")" ]] || fail "the build no JVM runs from any more was not removed"
[[ "$(find "$checkout/donations/target/run" -mindepth 1 -maxdepth 1 -name 'build-*' | wc -l)" == 1 ]] \
  || fail "old builds left: $(ls "$checkout/donations/target/run")"

out="$(amanah examples list)"
[[ "$out" == "$checkout/examples/target/run/build-"*": examples build 3" ]] || fail "examples list ran $out"
[[ "$(builds)" == 3 ]] || fail "expected 3 builds, made $(builds)"
echo "launcher-test: ok"
