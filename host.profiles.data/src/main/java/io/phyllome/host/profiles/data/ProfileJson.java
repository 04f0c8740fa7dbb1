package io.phyllome.host.profiles.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Reads a {@code profile.json}: parses it with Jackson, validates it against the published schema
 * ({@code docs/api/v1/profile.schema.json}, a copy of which this bundle carries), then binds it to
 * a {@link ProfileDocument} and checks what the schema cannot say (an option's default is one of
 * its values). Any problem is an {@link InvalidProfileJson} listing all of them.
 */
final class ProfileJson {

    static final String SCHEMA_RESOURCE = "profile.schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = loadSchema();

    private ProfileJson() {
    }

    /** The document in {@code text}; {@code where} names the file in messages (e.g. the bundle). */
    static ProfileDocument read(String where, byte[] text) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException p ? p.getOriginalMessage() + " at line " + p.getLocation().getLineNr()
                    + ", column " + p.getLocation().getColumnNr() : e.getMessage();
            throw new InvalidProfileJson(where, List.of("it is not JSON: " + reason));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidProfileJson(where, List.of("it is empty"));
        }
        List<Error> errors = SCHEMA.validate(tree);
        if (!errors.isEmpty()) {
            throw new InvalidProfileJson(where, errors.stream().map(ProfileJson::describe).toList());
        }
        ProfileDocument document;
        try {
            document = JSON.treeToValue(tree, ProfileDocument.class);
        } catch (JsonProcessingException e) {
            throw new InvalidProfileJson(where, List.of(e.getOriginalMessage()));
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ProfileDocument.OptionSpec> option : document.options().entrySet()) {
            String fallback = option.getValue().defaultValue();
            if (fallback != null && !option.getValue().values().containsKey(fallback)) {
                problems.add("/options/" + option.getKey() + "/default: '" + fallback + "' is not one of its values "
                        + option.getValue().values().keySet());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidProfileJson(where, problems);
        }
        return document;
    }

    /** The schema's message, after where it applies as a JSON pointer ({@code /minimum/cpus}; {@code /} for the whole file). */
    private static String describe(Error error) {
        String where = String.valueOf(error.getInstanceLocation());
        return (where.isEmpty() ? "/" : where) + ": " + error.getMessage();
    }

    private static Schema loadSchema() {
        try (InputStream in = ProfileJson.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks its copy of the profile schema (" + SCHEMA_RESOURCE + ")");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profile schema", e);
        }
    }
}
