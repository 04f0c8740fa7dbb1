package io.phyllome.host.core.config;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * What a component's metatype says about one configuration key: its type and whether it holds
 * several values.
 *
 * @param type        an {@link AttributeDefinition} type, e.g. {@link AttributeDefinition#LONG}
 * @param cardinality 0 for one value, otherwise a list (written comma-separated in a file)
 */
record Setting(int type, int cardinality) {

    static Setting of(AttributeDefinition definition) {
        return new Setting(definition.getType(), definition.getCardinality());
    }
}
