# Sourced by ./logagent and by the installed launcher: the JVM flags of one sub-command, from the options files
# beside this script (agent.options, demo.options, default.options), so both launchers run the same JVM.
#
# jvm_flags DIR JAVA_HOME SUBCOMMAND: sets the array JVM_FLAGS and exports the options files' NAME=value lines.
jvm_flags() {
  local dir="$1" java_home="$2" sub="$3" file line major=0
  case "$sub" in agent|transfer|console|demo) ;; *) sub=default ;; esac
  file="$dir/$sub.options"
  [ -f "$file" ] || file="$dir/default.options"
  JVM_FLAGS=()
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
      ''|'#'*) ;;
      -*) JVM_FLAGS+=("$line") ;;
      *=*) export "${line?}" ;;
      *) echo "logagent: $file: cannot use the line '$line' (expected -option or NAME=value)" >&2; return 1 ;;
    esac
  done < "$file"
  # Kafka's lz4 and protobuf use native access and sun.misc.Unsafe; allow them so JDK 23+ does not warn at start.
  JVM_FLAGS+=(--enable-native-access=ALL-UNNAMED)
  while IFS= read -r line; do
    [[ "$line" =~ ^JAVA_VERSION=\"([0-9]+) ]] && major="${BASH_REMATCH[1]}"
  done < "$java_home/release"
  if [ "$major" -ge 23 ]; then JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow); fi
  # Log lines name the component (agent, transfer, console) so one journal or terminal can hold them all.
  JVM_FLAGS+=("-Dlogagent.component=${sub/default/logagent}")
}
