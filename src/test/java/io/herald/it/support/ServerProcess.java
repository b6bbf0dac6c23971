package io.herald.it.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A WildFly server the test owns: target/server started with standalone.sh on the test's data and configuration
 * directories (and a log directory of its own, {data dir}-log) (the environment, e.g. HERALD_SMTP_PORT, is inherited; {@link #env} changes it for this server),
 * killed the hard way with SIGKILL (Process.destroyForcibly on Linux: no shutdown hook, no graceful stop, no last
 * commit), and started again. Its ports are shifted by it.port.offset plus the node's own offset, so checkouts
 * running their tests side by side do not meet.
 */
public final class ServerProcess implements AutoCloseable {

    private final String jbossHome = System.getProperty("jboss.home");
    private String configDir = System.getProperty("it.config.dir");
    private final String dataDir;
    private final int portOffset;
    private final String nodeName;
    private final Map<String, String> env = new HashMap<>();
    private Process launcher;
    private long launchedAt;

    /** The test's server: its data directory, the default ports. */
    public ServerProcess() {
        this(System.getProperty("it.data.dir"), 0, null);
    }

    /**
     * One node of a cluster on the test's database: its own data directory, node name and ports (shifted by
     * portOffset), the test's database (HERALD_DB_URL = it.db.url) shared with the other nodes.
     */
    public ServerProcess(String dataDir, int portOffset, String nodeName) {
        this.dataDir = dataDir;
        this.portOffset = portOffset;
        this.nodeName = nodeName;
    }

    /**
     * Sets an environment variable for this server from its next start on (null: unset it, e.g. a secret the
     * execution's environment has).
     */
    public ServerProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /**
     * Copies the test's configuration directory to dir and starts this server on the copy, so what the test changes
     * with jboss-cli stays with this server.
     */
    public ServerProcess ownConfiguration(Path dir) {
        Path from = Path.of(System.getProperty("it.config.dir"));
        try (var files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + from + " to " + dir + ": " + e.getMessage(), e);
        }
        return configDir(dir.toString());
    }

    /** Starts this server on its own configuration directory (a copy of the test's) instead of the test's. */
    public ServerProcess configDir(String dir) {
        this.configDir = dir;
        return this;
    }

    /**
     * Runs jboss-cli.sh against this running server's management port and returns what it printed; a failure (its
     * exit status not 0) is an IllegalStateException with that output.
     */
    public String cli(String... commands) {
        return jbossCli("--commands=" + String.join(",", commands));
    }

    /** Runs a CLI script (wildfly-config/*.cli) against this running server, as cli does. */
    public String cliFile(Path script) {
        return jbossCli("--file=" + script.toAbsolutePath());
    }

    /** Runs a CLI script that reads its values from a properties file (add-sending-account.cli), as cli does. */
    public String cliFile(Path script, Path properties) {
        return jbossCli("--file=" + script.toAbsolutePath(), "--properties=" + properties.toAbsolutePath());
    }

    private String jbossCli(String... what) {
        List<String> commands = List.of(what);
        try {
            // --timeout: the CLI waits 5 s for the connection by default, too little on a busy 2-core machine
            List<String> command = new java.util.ArrayList<>(List.of(jbossHome + "/bin/jboss-cli.sh", "--connect",
                    "--timeout=30000", "--controller=127.0.0.1:" + (ItPorts.MANAGEMENT + portOffset)));
            command.addAll(commands);
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!cli.waitFor(3, TimeUnit.MINUTES) || cli.exitValue() != 0) {
                throw new IllegalStateException("jboss-cli failed on " + List.of(commands) + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run jboss-cli: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jboss-cli", e);
        }
    }

    /** http://127.0.0.1:{this node's HTTP port}{path}. */
    public URI http(String path) {
        return URI.create("http://127.0.0.1:" + (ItPorts.HTTP + portOffset) + path);
    }

    /** What the server wrote to its console (INFO and above), across its starts. */
    public String consoleLog() {
        try {
            return Files.readString(Path.of(dataDir + ".console.log"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the console log of " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the server wrote to its server.log (the file handler: everything its console has, and the DEBUG lines of
     * loggers set so, such as WildFly's boot dump of the system properties), across its starts; its log directory is
     * {data dir}-log, its own.
     */
    public String serverLog() {
        try (var files = Files.list(Path.of(dataDir + "-log"))) {
            StringBuilder log = new StringBuilder();
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("server.log")).sorted().toList()) {
                log.append(Files.readString(file));
            }
            return log.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the server.log of " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** What the server wrote to its console since its last launch (earlier runs of the same data directory aside). */
    public String consoleLogSinceLaunch() {
        String log = consoleLog();
        return log.substring((int) Math.min(launchedAt, log.length()));
    }

    /** Starts the server and waits until it reports ready (Herald deployed). */
    public ServerProcess start() {
        return launch().awaitReady();
    }

    /** Starts the server without waiting for it (several nodes boot side by side; then awaitReady each). */
    public ServerProcess launch() {
        try {
            List<String> command = new java.util.ArrayList<>(List.of(jbossHome + "/bin/standalone.sh",
                    "-Djboss.server.data.dir=" + dataDir, "-Djboss.server.config.dir=" + configDir,
                    "-Djboss.server.log.dir=" + dataDir + "-log",
                    "-Djboss.socket.binding.port-offset=" + (ItPorts.OFFSET + portOffset)));
            ProcessBuilder builder = new ProcessBuilder(command);
            if (nodeName != null) {
                command.addAll(List.of("-Djboss.node.name=" + nodeName, "-Djboss.tx.node.id=" + nodeName));
                builder.environment().put("HERALD_DB_URL", System.getProperty("it.db.url"));
                builder.environment().put("HERALD_DB_USER", System.getProperty("it.db.user"));
                String password = System.getProperty("it.db.password", "");
                if (password.isEmpty()) {
                    builder.environment().remove("HERALD_DB_PASSWORD");     // an empty password is no password
                } else {
                    builder.environment().put("HERALD_DB_PASSWORD", password);
                }
            }
            env.forEach((name, value) -> {
                if (value == null) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            new File(dataDir).getAbsoluteFile().getParentFile().mkdirs();
            launchedAt = new File(dataDir + ".console.log").length();
            launcher = builder.command(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dataDir + ".console.log")))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start WildFly: " + e.getMessage(), e);
        }
        return this;
    }

    /** Waits until the launched server reports ready (Herald deployed), at most 3 minutes. */
    public ServerProcess awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://127.0.0.1:" + (ItPorts.MANAGEMENT + portOffset) + "/health/ready");
        // every 250 ms: until Herald is deployed each probe makes WildFly log a failed health check with its stack
        // trace, and at 50 ms those took CPU from the boot on a 2-core machine (about 220 of them each start)
        Poll.until(Duration.ofMinutes(3), Duration.ofMillis(250), "WildFly in " + jbossHome + " to be ready", () -> {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("WildFly exited with status " + launcher.exitValue()
                        + "; see " + dataDir + ".console.log");
            }
            try {
                var r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return r.statusCode() == 200 ? Boolean.TRUE : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        });
        return this;
    }

    /** SIGKILLs the server's JVM and waits until it is gone. */
    public void sigkill() {
        ProcessHandle jvm = jvm();
        jvm.destroyForcibly();
        await(jvm);
        await(launcher.toHandle());
    }

    /** Stops the server in order (SIGTERM). */
    @Override
    public void close() {
        if (launcher != null && launcher.isAlive()) {
            ProcessHandle jvm = jvm();
            jvm.destroy();
            await(jvm);
        }
    }

    private ProcessHandle jvm() {
        List<ProcessHandle> jvms = launcher.toHandle().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar")).orElse(false))
                .toList();
        if (jvms.size() != 1) {
            throw new IllegalStateException("expected one WildFly JVM under standalone.sh, found " + jvms);
        }
        return jvms.get(0);
    }

    private static void await(ProcessHandle process) {
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("process " + process.pid() + " did not end", e);
        }
    }
}
