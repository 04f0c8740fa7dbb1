package io.phyllome.host.libvirt.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A QEMU with no machine and its monitor on standard input and output: what libvirt's
 * {@code qemuMonitorCommand} gives, without libvirt. Events are skipped; a command's reply is
 * the next line that is not one.
 */
final class StdioQemu implements KeySlots.Monitor, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final BufferedReader replies;
    private final Writer commands;

    private StdioQemu(Process process) {
        this.process = process;
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
    }

    static StdioQemu start() throws IOException {
        Process process = new ProcessBuilder("qemu-system-x86_64", "-machine", "none", "-nodefaults", "-display", "none", "-qmp", "stdio")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        StdioQemu qemu = new StdioQemu(process);
        qemu.next(); // the greeting
        Qmp.result(qemu.execute(Qmp.command("qmp_capabilities")), "qmp_capabilities");
        return qemu;
    }

    @Override
    public String execute(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
            return next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String next() throws IOException {
        for (String line; (line = replies.readLine()) != null;) {
            JsonNode message = JSON.readTree(line);
            if (!message.has("event")) {
                return line;
            }
        }
        throw new IOException("QEMU ended");
    }

    @Override
    public void close() throws InterruptedException {
        try {
            execute(Qmp.command("quit"));
        } catch (RuntimeException e) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
