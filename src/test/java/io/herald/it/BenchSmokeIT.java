package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The benchmark still runs: {@code bench/run --quick} (5,000 recipients: its own WildFly copy on port offset 300,
 * smtp-sink on 127.0.0.1:2525, import, two campaigns, the bare Angus Mail loop) exits 0 within 10 minutes and its
 * last line is the BENCH line with a positive throughput and ratio, and the H2 file it leaves stays compact
 * (platform/H2Compaction: at most MAX_DB_MB; 102 MB without it). No Arquillian: the script starts and stops its
 * own server (target/bench-server) from target/server. Output: target/bench-quick.log, work files in target/bench/.
 * Skipped with {@code -DskipBenchSmoke} (any value but "false").
 */
@DisabledIfSystemProperty(named = "skipBenchSmoke", matches = "(?!false$).*",
        disabledReason = "-DskipBenchSmoke")
class BenchSmokeIT {

    private static final Pattern BENCH = Pattern.compile("BENCH msgs_per_s=(-?\\d+) bare_msgs_per_s=(-?\\d+)"
            + " ratio=(-?\\d+(?:\\.\\d+)?) import_rows_per_s=(-?\\d+) heap_peak_mb=(-?\\d+) resume_first_msg_ms=(-?\\d+)"
            + " first_msg_ms=(-?\\d+) db_mb=(-?\\d+)");

    private static final long DEADLINE_MINUTES = 10;

    /** The H2 file after 5,000 recipients and 10,000 deliveries: 11 MB measured with H2Compaction, 102 MB without. */
    private static final long MAX_DB_MB = 40;

    @Test
    void quickBenchRunsAndReportsThroughput() throws Exception {
        Path project = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path script = project.resolve("bench/run");
        assertTrue(Files.isExecutable(script), script + " is missing or not executable");
        Path log = project.resolve("target/bench-quick.log");
        Files.createDirectories(log.getParent());

        Process bench = new ProcessBuilder(script.toString(), "--quick")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!bench.waitFor(DEADLINE_MINUTES, TimeUnit.MINUTES)) {
            stop(bench);
            fail("bench/run --quick did not finish within " + DEADLINE_MINUTES + " minutes; " + tail(log));
        }

        assertEquals(0, bench.exitValue(), "bench/run --quick failed; " + tail(log));
        List<String> lines = read(log).stream().filter(l -> !l.isBlank()).toList();
        assertTrue(!lines.isEmpty(), "bench/run --quick printed nothing");
        String last = lines.get(lines.size() - 1);
        Matcher m = BENCH.matcher(last);
        assertTrue(m.matches(), "the last line is not the BENCH line: '" + last + "'; " + tail(log));
        long msgsPerSecond = Long.parseLong(m.group(1));
        double ratio = Double.parseDouble(m.group(3));
        assertTrue(msgsPerSecond > 0, "msgs_per_s must be positive: " + last);
        assertTrue(ratio > 0, "ratio must be positive: " + last);
        long dbMb = Long.parseLong(m.group(8));
        assertTrue(dbMb > 0 && dbMb <= MAX_DB_MB, "herald.mv.db must be measured and at most " + MAX_DB_MB + " MB: " + last);
    }

    /** SIGTERM to the script (its trap stops the server and smtp-sink) and its children, then SIGKILL to what is left. */
    private static void stop(Process bench) throws InterruptedException {
        List<ProcessHandle> all = bench.descendants().toList();
        bench.destroy();
        all.forEach(ProcessHandle::destroy);
        if (!bench.waitFor(30, TimeUnit.SECONDS)) {
            bench.destroyForcibly();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static List<String> read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = read(log);
            return "the last lines of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "cannot read " + log + ": " + e;
        }
    }
}
