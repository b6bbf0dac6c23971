package io.herald.it.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Postfix's smtp-sink, a real SMTP server that injects faults per SMTP command (see smtp-sink(1)):
 * -r soft-rejects (450 4.3.0), -f hard-rejects (500 5.3.0), -q disconnects without replying, -W cmd:s delays the
 * reply. It listens where Herald's mail session points (it.smtp.port) and dumps every accepted message to a file.
 */
public final class SmtpSink implements AutoCloseable {

    private final Process process;
    private final Path dumps;

    private SmtpSink(Process process, Path dumps) {
        this.process = process;
        this.dumps = dumps;
    }

    /** Starts smtp-sink with the given fault options, e.g. start("-r", "rcpt"), and waits until it listens. */
    public static SmtpSink start(String... faults) {
        int port = Integer.getInteger("it.smtp.port", 3025);
        try {
            // smtp-sink drops root privileges (-u nobody): its dump directory must be open to everyone
            Path dumps = Files.createTempDirectory("smtp-sink",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
            Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
            List<String> command = new ArrayList<>(List.of(executable()));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "nobody"));
            }
            command.addAll(List.of(faults));
            command.addAll(List.of("-d", dumps + "/%M.", "127.0.0.1:" + port, "64"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Poll.until(Duration.ofSeconds(10), "smtp-sink listening on port " + port, () -> listening(port, process));
            return new SmtpSink(process, dumps);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start smtp-sink: " + e.getMessage(), e);
        }
    }

    /** How many complete messages smtp-sink has accepted (dumped). */
    public long accepted() {
        try (var files = Files.list(dumps)) {
            return files.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String executable() {
        for (String candidate : List.of("/usr/sbin/smtp-sink", "/usr/bin/smtp-sink")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("smtp-sink is not installed: apt-get install -y postfix (.ci/run does)");
    }

    private static Boolean listening(int port, Process process) {
        if (!process.isAlive()) {
            throw new IllegalStateException("smtp-sink exited with status " + process.exitValue());
        }
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return Boolean.TRUE;
        } catch (IOException e) {
            return null;
        }
    }
}
