package io.phyllome.host.libvirt.internal;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.phyllome.host.vm.VmException;

/**
 * QEMU's monitor protocol (QMP) as JSON: commands written and replies read by Jackson, so any
 * text in them (an id, a key, an error that quotes a file name) is escaped and decoded as JSON
 * says. The replies are QEMU's own, which libvirt passes through unread.
 */
final class Qmp {

    /** Thread-safe, so one for the bundle's QMP traffic. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One entry of {@code query-jobs}. */
    record Job(String id, String status, String error) {

        boolean concluded() {
            return status.equals("concluded");
        }
    }

    private Qmp() {
    }

    /** An empty object, for a command's arguments. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The command {@code execute} with no arguments. */
    static String command(String execute) {
        return write(JSON.createObjectNode().put("execute", execute));
    }

    /** The command {@code execute} with {@code arguments}. */
    static String command(String execute, ObjectNode arguments) {
        ObjectNode command = JSON.createObjectNode().put("execute", execute);
        command.set("arguments", arguments);
        return write(command);
    }

    /**
     * What a command returned; QEMU's error, as an exception, when it refused the command.
     *
     * @param what the command, for the error (never its arguments, which may hold a key)
     */
    static JsonNode result(String reply, String what) {
        JsonNode tree = read(reply, what);
        JsonNode error = tree.get("error");
        if (error != null) {
            String detail = error.path("desc").asText(error.toString());
            throw new VmException("QEMU refused " + what + ": " + detail);
        }
        JsonNode result = tree.get("return");
        if (result == null) {
            throw new VmException("QEMU's reply to " + what + " has neither a result nor an error: " + reply);
        }
        return result;
    }

    /** The job {@code id} in the reply to {@code query-jobs}, when QEMU still lists it. */
    static Optional<Job> job(String queryJobsReply, String id) {
        for (JsonNode entry : result(queryJobsReply, "query-jobs")) {
            if (id.equals(entry.path("id").asText(null))) {
                return Optional.of(new Job(id, entry.path("status").asText(""), entry.path("error").asText("")));
            }
        }
        return Optional.empty();
    }

    private static JsonNode read(String reply, String what) {
        try {
            JsonNode tree = JSON.readTree(reply);
            if (tree != null && tree.isObject()) {
                return tree;
            }
        } catch (JsonProcessingException e) {
            // reported below with the reply
        }
        throw new VmException("QEMU's reply to " + what + " is not a JSON object: " + reply);
    }

    private static String write(ObjectNode command) {
        try {
            return JSON.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of text and numbers is always JSON", e);
        }
    }
}
