package io.herald.it.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVM of the WildFly server a test started, found by its data directory, and killed the hard way: SIGKILL
 * (Process.destroyForcibly on Linux), so no shutdown hook, no graceful stop, no last commit runs. Arquillian's own
 * kill() stops the process with SIGTERM, which lets WildFly shut down in order: not a crash.
 */
public final class ServerProcess {

    private ServerProcess() {
    }

    /** SIGKILLs the server whose command line names this data directory and waits until it is gone. */
    public static void sigkill(String dataDir) {
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar")
                        && c.contains("-Djboss.server.data.dir=" + dataDir)).orElse(false))
                .toList();
        if (servers.size() != 1) {
            throw new IllegalStateException("expected one WildFly process with data dir " + dataDir + ", found " + servers);
        }
        ProcessHandle server = servers.get(0);
        if (!server.destroyForcibly()) {
            throw new IllegalStateException("could not kill WildFly process " + server.pid());
        }
        try {
            server.onExit().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("WildFly process " + server.pid() + " did not die", e);
        }
    }
}
