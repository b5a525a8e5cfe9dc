#!/bin/sh
# /usr/bin/lifeline: runs the installed Lifeline jar with a Java 21 or newer runtime.
# LIFELINE_JAR overrides the jar, LIFELINE_JAVA_OPTS adds JVM options, JAVA_HOME picks the runtime.
set -eu
JAR="${LIFELINE_JAR:-/usr/share/lifeline/lifeline.jar}"

major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { v = $2; sub(/^1\./, "", v); sub(/[.+-].*/, "", v); print v; exit }'
}

for java in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
  [ -n "$java" ] && [ -x "$java" ] || continue
  v=$(major "$java")
  if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null; then
    # shellcheck disable=SC2086 # LIFELINE_JAVA_OPTS is a list of options
    exec "$java" ${LIFELINE_JAVA_OPTS:-} -jar "$JAR" "$@"
  fi
done
echo "lifeline: no Java 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm); install openjdk-21-jre-headless" >&2
exit 2
