package io.phyllome.host.core.config;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

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

    /**
     * The settings of {@code pid} by key, from the metatype of the bundle that declares it;
     * {@code null} when no bundle does (or there is no metatype service).
     */
    static Map<String, Setting> schema(String pid, BundleContext context, MetaTypeService metatype) {
        if (metatype == null) {
            return null;
        }
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation information = metatype.getMetaTypeInformation(bundle);
            if (information == null || !Arrays.asList(information.getPids()).contains(pid)) {
                continue;
            }
            ObjectClassDefinition definition = information.getObjectClassDefinition(pid, null);
            AttributeDefinition[] attributes = definition == null ? null : definition.getAttributeDefinitions(ObjectClassDefinition.ALL);
            Map<String, Setting> schema = new HashMap<>();
            for (AttributeDefinition attribute : attributes == null ? new AttributeDefinition[0] : attributes) {
                schema.put(attribute.getID(), of(attribute));
            }
            return schema;
        }
        return null;
    }
}
