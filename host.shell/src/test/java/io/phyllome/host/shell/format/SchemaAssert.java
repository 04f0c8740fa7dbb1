package io.phyllome.host.shell.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.phyllome.host.document.Document;

/** Checks a command's JSON against its schema file under {@code docs/api/v1}, the documented contract. */
final class SchemaAssert {

    static final Path SCHEMAS = Path.of("..", "docs", "api", "v1");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private SchemaAssert() {
    }

    /** The output's JSON, asserted valid against its schema. */
    static String assertValid(Document document) {
        String json = Formatter.render(Format.JSON, document);
        assertEquals(List.of(), errors(document.kind(), json), json);
        return json;
    }

    static List<Error> errors(String kind, String json) {
        try {
            String text = Files.readString(SCHEMAS.resolve(kind + ".schema.json"));
            assertTrue(text.contains("\"$id\": \"" + Document.schemaId(kind) + "\""), kind + "'s schema carries the id the JSON names");
            assertTrue(text.contains("https://json-schema.org/draft/2020-12/schema"), kind + "'s schema is draft 2020-12");
            Schema schema = REGISTRY.getSchema(text, InputFormat.JSON);
            return schema.validate(json, InputFormat.JSON);
        } catch (IOException e) {
            throw new AssertionError("no schema for " + kind + " in " + SCHEMAS.toAbsolutePath() + ": " + e, e);
        }
    }
}
