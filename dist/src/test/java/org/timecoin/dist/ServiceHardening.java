package org.timecoin.dist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What operators expect of the node's systemd unit: its own user, a read-only system with only the
 * data directory writable, no privilege gain, restart on failure, and a stop timeout long enough
 * for the node to finish the block it is writing. {@link #problems} names each one missing.
 */
final class ServiceHardening {
  static final String DATA_DIR = "/var/lib/timecoin";
  static final int LEAST_STOP_SECONDS = 60;

  private ServiceHardening() {}

  static List<String> problems(UnitFile unit) {
    List<String> p = new ArrayList<>();
    if (!unit.all("Unit", "After").stream().anyMatch(v -> v.contains("network-online.target"))) {
      p.add("[Unit] After= must include network-online.target");
    }
    String user = unit.value("Service", "User");
    if (user == null || user.isBlank() || user.equals("root") || user.equals("0")) {
      p.add("[Service] User= must name a dedicated user");
    }
    String exec = unit.value("Service", "ExecStart");
    if (exec == null || !exec.contains("bin/timed") || !exec.contains("--home " + DATA_DIR)) {
      p.add("[Service] ExecStart= must run bin/timed --home " + DATA_DIR);
    }
    if (!"strict".equals(unit.value("Service", "ProtectSystem"))) {
      p.add("[Service] ProtectSystem= must be strict");
    }
    if (unit.all("Service", "ReadWritePaths").stream()
        .flatMap(v -> Arrays.stream(v.split("\\s+")))
        .noneMatch(DATA_DIR::equals)) {
      p.add("[Service] ReadWritePaths= must include " + DATA_DIR);
    }
    for (String key : List.of("NoNewPrivileges", "PrivateTmp", "ProtectHome")) {
      if (!unit.isTrue("Service", key)) {
        p.add("[Service] " + key + "= must be yes");
      }
    }
    String restart = unit.value("Service", "Restart");
    if (!"on-failure".equals(restart) && !"always".equals(restart)) {
      p.add("[Service] Restart= must be on-failure");
    }
    if (stopSeconds(unit.value("Service", "TimeoutStopSec")) < LEAST_STOP_SECONDS) {
      p.add("[Service] TimeoutStopSec= must be at least " + LEAST_STOP_SECONDS + " s");
    }
    String signal = unit.value("Service", "KillSignal");
    if (signal != null && !signal.equals("SIGTERM")) {
      p.add("[Service] KillSignal= must be SIGTERM, which runs the node's shutdown");
    }
    if (unit.all("Service", "SuccessExitStatus").stream().noneMatch(v -> v.contains("143"))) {
      p.add("[Service] SuccessExitStatus= must include 143 (the JVM's exit on SIGTERM)");
    }
    if (!"multi-user.target".equals(unit.value("Install", "WantedBy"))) {
      p.add("[Install] WantedBy= must be multi-user.target");
    }
    return p;
  }

  /** Seconds in a systemd time span ("120", "90s", "2min", "2min 30s"); -1 when unreadable. */
  static long stopSeconds(String span) {
    if (span == null || span.isBlank()) {
      return -1;
    }
    long total = 0;
    for (String part : span.trim().split("\\s+")) {
      var m = java.util.regex.Pattern.compile("(\\d+)(s|sec|min|m|h)?").matcher(part);
      if (!m.matches()) {
        return -1;
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      total +=
          switch (unit) {
            case "min", "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
          };
    }
    return total;
  }
}
