package io.phyllome.host.shell.format;

import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one place where the commands' outputs become text, in the spirit of Gogo's converters:
 * a command returns a typed {@link Output}, and the format the user asked for decides how it is
 * written. JSON carries {@code $schema}, the versioned id of the schema under {@code docs/api}.
 */
public final class Formatter {

    /** Where the schemas' ids live; {@code v1} changes only with an incompatible change of the JSON. */
    public static final String SCHEMA_BASE = "https://phyllome.io/schemas/host/v1/";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Formatter() {
    }

    /**
     * Checks the user's {@code --format} before the command does its work, then renders what
     * {@code output} returns: every listing command is this one call.
     *
     * @throws IllegalArgumentException naming the choices when the format is unknown
     */
    public static String render(String format, Supplier<? extends Output> output) {
        return render(Format.of(format), output.get());
    }

    public static String render(Format format, Output output) {
        return switch (format) {
            case TABLE -> output.text();
            case JSON -> json(output);
        };
    }

    /** The id of an output's schema, e.g. {@code https://phyllome.io/schemas/host/v1/vm-list.schema.json}. */
    public static String schemaId(String kind) {
        return SCHEMA_BASE + kind + ".schema.json";
    }

    static String json(Output output) {
        ObjectNode node = JSON.createObjectNode().put("$schema", schemaId(output.kind()));
        node.setAll((ObjectNode) JSON.valueToTree(output));
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + output.kind() + " as JSON: " + e.getMessage(), e);
        }
    }
}
