#!/usr/bin/env bash
# Sourced by bin/tollgate and bin/test: exports JAVA_HOME pointing at a JDK >= 21, or exits with one line.
# Order: $JAVA_HOME, then `java` on PATH, then the usual install folders. With TOLLGATE_RUNTIME_ONLY=1 (an unpacked
# distribution, which builds nothing) a Java runtime without javac is enough.

tollgate_java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

tollgate_pick_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
           "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] || continue
    [ "${TOLLGATE_RUNTIME_ONLY:-0}" = 1 ] || [ -x "$c/bin/javac" ] || continue
    major=$(tollgate_java_major "$c/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      echo "$c"; return 0
    fi
  done
  return 1
}

if ! TOLLGATE_JDK=$(tollgate_pick_jdk); then
  echo "tollgate: no Java 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm and the usual folders); install one or set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME="$TOLLGATE_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
