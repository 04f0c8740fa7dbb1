package io.phyllome.host.document;

import org.osgi.annotation.versioning.ProviderType;

/** A JSON document of the host; its schema is {@code docs/api/v1/<kind>.schema.json}. */
@ProviderType
public interface Document {

    /** Where the schemas' ids live; {@code v1} changes only with an incompatible change of the JSON. */
    String SCHEMA_BASE = "https://phyllome.io/schemas/host/v1/";

    /** The name of this document's schema, e.g. {@code vm-list}. */
    String kind();

    /** The id of a schema, e.g. {@code https://phyllome.io/schemas/host/v1/vm-list.schema.json}: the document's {@code $schema}. */
    static String schemaId(String kind) {
        return SCHEMA_BASE + kind + ".schema.json";
    }
}
