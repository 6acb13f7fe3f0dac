# Reads `jfr print --json --events jdk.ThreadAllocationStatistics` and prints the bytes the node's I/O threads
# ("XNIO-1 I/O-1"…, which the JSON writes as `I\/O`) allocated during the recording: per thread, its last total
# minus its first. Each event names the allocated total, then its thread.
/"allocated"/ { gsub(/[^0-9]/, "", $0); allocated = $0 + 0 }
/"javaName"/ && /XNIO-[0-9]+ I/ {
  name = $0
  if (!(name in first)) first[name] = allocated
  last[name] = allocated
}
END {
  for (name in first) total += last[name] - first[name]
  printf "%.0f\n", total
}
