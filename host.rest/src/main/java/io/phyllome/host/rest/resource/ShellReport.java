package io.phyllome.host.rest.resource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.phyllome.host.rest.http.ApiException;
import io.phyllome.host.rest.http.Json;

/**
 * A report only the shell computes today ({@code host:check}: its checks live in host.shell), taken
 * from the command itself through Gogo with {@code --format json}, so that the API reports exactly
 * what the shell does. A failing check makes the command fail after writing its report: the report
 * is still the answer. Without the shell bundle the route answers 503.
 */
final class ShellReport {

    private final Supplier<CommandProcessor> shell;

    ShellReport(Supplier<CommandProcessor> shell) {
        this.shell = shell;
    }

    JsonNode run(String command) throws Exception {
        CommandProcessor processor = shell.get();
        if (processor == null) {
            throw new ApiException(503, "'" + command + "' comes from the shell bundle (io.phyllome.host.shell), which this platform does not run");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Object result = null;
        Exception failure = null;
        try (PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(InputStream.nullInputStream(), console, errors)) {
            try {
                result = session.execute(command + " --format json");
            } catch (Exception e) {
                failure = e;
            }
        }
        String json = result != null ? result.toString() : out.toString(StandardCharsets.UTF_8);
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            if (failure != null) {
                throw failure;
            }
            throw new IllegalStateException("'" + command + " --format json' wrote no JSON: " + json, e);
        }
    }
}
