# Sourced by ./logagent, bin/test and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME, the `java` on PATH, then any JDK under /usr/lib/jvm (newest first).

java_major() { # prints the major version of the java binary $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {split($2,v,"."); print (v[1]=="1"?v[2]:v[1]); f=1} END {if(!f) print 0}'
}

pick_jdk() {
  local candidates=() c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] && [ "$(java_major "$c/bin/java")" -ge 21 ]; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "logagent needs a JDK 21 or newer (found none in JAVA_HOME, PATH or /usr/lib/jvm)." >&2
  echo "Install one, for example:  sudo apt-get install -y openjdk-21-jdk   (or Temurin 21/25), then run again." >&2
  return 1
}
