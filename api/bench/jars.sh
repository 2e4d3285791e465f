# Sourced by bench.sh and explain-ab.sh. copy_jars DIR: copies the project's own jars and api classes (named by
# api/target/app.classpath) to DIR and prints the classpath that uses them: other engineers' `mvn install`
# replaces the jars in ~/.m2 and the modules' target/ under a running JVM, which then fails with
# NoClassDefFoundError.
copy_jars() {
  local lib=$1 cp_file=api/target/app.classpath cp jar
  [ -f "$cp_file" ] || mvn -B -q -ntp install -DskipTests >&2
  rm -rf "$lib" && mkdir -p "$lib"
  cp -r api/target/classes "$lib/api-classes"
  cp=$lib/api-classes
  for jar in $(tr ':' '\n' <"$cp_file"); do
    case $jar in
      */io/repurpose/*|"$PWD"/*) cp "$jar" "$lib/" && cp="$cp:$lib/$(basename "$jar")" ;;
      *) cp="$cp:$jar" ;;
    esac
  done
  echo "$cp"
}
# has_path_stats DIR: whether the linkpred jar copied to DIR builds path stats after a load (session 7 on), so that
# a benchmark waits for the "path stats of ... ready" log line before measuring
has_path_stats() {
  local jar
  for jar in "$1"/repurpose-linkpred-*.jar; do
    [ -f "$jar" ] && unzip -l "$jar" 2>/dev/null | grep -q 'io/repurpose/linkpred/PathStats.class' && return 0
  done
  return 1
}
