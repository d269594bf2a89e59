# Sourced by bench/run and bench/compare: find_jdk prints a JDK >= 21 (JAVA_HOME if it is one,
# else the newest under /usr/lib/jvm: the default `java` may be older), or exits with a message.

java_version() { # the major version in a JDK's release file, or 0
  local release="$1/release"
  [[ -f "$release" ]] || { echo 0; return; }
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -1
}

find_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(java_version "$JAVA_HOME") >= 21 )); then
    echo "$JAVA_HOME"; return
  fi
  local best="" best_version=0 candidate version
  for candidate in /usr/lib/jvm/*/; do
    candidate="${candidate%/}"
    [[ -x "$candidate/bin/java" ]] || continue
    version="$(java_version "$candidate")"
    if (( version >= 21 && version > best_version )); then
      best="$candidate"; best_version="$version"
    fi
  done
  [[ -n "$best" ]] || { echo "$(basename "$0"): no JDK >= 21 found (set JAVA_HOME or install one under /usr/lib/jvm)" >&2; exit 1; }
  echo "$best"
}
