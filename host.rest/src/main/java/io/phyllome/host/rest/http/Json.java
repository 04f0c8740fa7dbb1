package io.phyllome.host.rest.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.phyllome.host.document.Document;

/** The one Jackson mapper of the API: strict on the way in (an unknown field is a mistake), plain on the way out. */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private Json() {
    }

    /** A document as the shell's {@code --format json} prints it: led by its {@code $schema} id. */
    public static ObjectNode document(Document document) {
        ObjectNode node = MAPPER.createObjectNode().put("$schema", Document.schemaId(document.kind()));
        node.setAll((ObjectNode) MAPPER.valueToTree(document));
        return node;
    }
}
