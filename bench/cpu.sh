# Sourced by the benchmarks: CPU time measurements from /proc.

# cpu_ticks PID...: the CPU time (user + system, in clock ticks of `getconf CLK_TCK`) used so far by the processes and
# their children (a process gone meanwhile counts 0).
cpu_ticks() {
  local p all=() sum=0
  for p in "$@"; do all+=("$p" $(cat /proc/"$p"/task/*/children 2>/dev/null)); done
  for p in "${all[@]}"; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo "$sum"
}
