package io.phyllome.host.core.install;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.osgi.framework.Version;
import org.osgi.resource.Capability;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

/**
 * An OSGi repository index (the XML format of the OSGi Repository service, plain or gzipped) as
 * {@link Resource}s the framework's resolver can work with. Content URLs are resolved against
 * the index's own location. Hand-written on purpose: nothing in the runtime reads this XML (Felix's
 * framework and resolver take {@link Resource}s, {@code org.osgi.service.repository} is only the API),
 * and bnd's {@code XMLResourceParser} would bring bndlib (~3.6 MB) into the platform for one file.
 */
final class RepositoryIndex {

    private final URI location;
    private final List<IndexResource> resources;

    private RepositoryIndex(URI location, List<IndexResource> resources) {
        this.location = location;
        this.resources = List.copyOf(resources);
    }

    URI location() {
        return location;
    }

    List<IndexResource> resources() {
        return resources;
    }

    static RepositoryIndex read(URI location) throws IOException {
        try (InputStream raw = new BufferedInputStream(location.toURL().openStream())) {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            InputStream in = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw) : raw;
            return new RepositoryIndex(location, parse(location, in));
        } catch (XMLStreamException e) {
            throw new IOException("not an OSGi repository index: " + e.getMessage(), e);
        }
    }

    private static List<IndexResource> parse(URI base, InputStream in) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = factory.createXMLStreamReader(in);
        List<IndexResource> resources = new ArrayList<>();
        IndexResource resource = null;
        String namespace = null;
        boolean capability = false;
        Map<String, Object> attributes = null;
        Map<String, String> directives = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "resource" -> resource = new IndexResource(base);
                    case "capability", "requirement" -> {
                        capability = xml.getLocalName().equals("capability");
                        namespace = xml.getAttributeValue(null, "namespace");
                        attributes = new LinkedHashMap<>();
                        directives = new LinkedHashMap<>();
                    }
                    case "attribute" -> {
                        if (attributes != null) {
                            attributes.put(xml.getAttributeValue(null, "name"),
                                    typed(xml.getAttributeValue(null, "type"), xml.getAttributeValue(null, "value")));
                        }
                    }
                    case "directive" -> {
                        if (directives != null) {
                            directives.put(xml.getAttributeValue(null, "name"), xml.getAttributeValue(null, "value"));
                        }
                    }
                    default -> {
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "resource" -> {
                        if (resource != null) {
                            resources.add(resource);
                        }
                        resource = null;
                    }
                    case "capability", "requirement" -> {
                        if (resource != null && namespace != null) {
                            if (capability) {
                                resource.capabilities.add(new IndexCapability(resource, namespace, attributes, directives));
                            } else {
                                resource.requirements.add(new IndexRequirement(resource, namespace, attributes, directives));
                            }
                        }
                        attributes = null;
                        directives = null;
                    }
                    default -> {
                    }
                }
            }
        }
        return resources;
    }

    /** An attribute value of the index's {@code type}: String, Version, Long, Double or List<...> of them. */
    static Object typed(String type, String value) {
        if (value == null) {
            return "";
        }
        if (type == null || type.equals("String")) {
            return value;
        }
        if (type.startsWith("List<") && type.endsWith(">")) {
            String element = type.substring(5, type.length() - 1);
            List<Object> list = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length()) {
                    current.append(value.charAt(++i));
                } else if (c == ',') {
                    list.add(typed(element, current.toString().trim()));
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            if (!value.isEmpty()) {
                list.add(typed(element, current.toString().trim()));
            }
            return Collections.unmodifiableList(list);
        }
        return switch (type) {
            case "Version" -> Version.parseVersion(value.trim());
            case "Long" -> Long.valueOf(value.trim());
            case "Double" -> Double.valueOf(value.trim());
            default -> value;
        };
    }

    /** One resource of an index: usually a bundle, with where to download it. */
    static final class IndexResource implements Resource {
        private final URI base;
        final List<Capability> capabilities = new ArrayList<>();
        final List<Requirement> requirements = new ArrayList<>();

        IndexResource(URI base) {
            this.base = base;
        }

        @Override
        public List<Capability> getCapabilities(String namespace) {
            return namespace == null ? Collections.unmodifiableList(capabilities)
                    : capabilities.stream().filter(c -> c.getNamespace().equals(namespace)).toList();
        }

        @Override
        public List<Requirement> getRequirements(String namespace) {
            return namespace == null ? Collections.unmodifiableList(requirements)
                    : requirements.stream().filter(r -> r.getNamespace().equals(namespace)).toList();
        }

        private Object identity(String attribute) {
            return getCapabilities("osgi.identity").stream().map(c -> c.getAttributes().get(attribute)).filter(Objects::nonNull).findFirst()
                    .orElse(null);
        }

        String symbolicName() {
            Object name = identity("osgi.identity");
            return name == null ? "" : name.toString();
        }

        Version version() {
            Object version = identity("version");
            return version instanceof Version v ? v : version == null ? Version.emptyVersion : Version.parseVersion(version.toString());
        }

        boolean isBundle() {
            Object type = identity("type");
            return type == null || "osgi.bundle".equals(type) || "osgi.fragment".equals(type);
        }

        /** Where the bundle's jar is, resolved against the index; empty when the index has no content for it. */
        java.util.Optional<URI> url() {
            return getCapabilities("osgi.content").stream().map(c -> c.getAttributes().get("url")).filter(Objects::nonNull).findFirst()
                    .map(u -> base.resolve(u.toString()));
        }

        /** The SHA-256 of the jar (hex) that the index promises, if it gives one. */
        java.util.Optional<String> sha256() {
            return getCapabilities("osgi.content").stream().map(c -> c.getAttributes().get("osgi.content")).filter(Objects::nonNull)
                    .findFirst().map(Object::toString);
        }

        @Override
        public String toString() {
            return symbolicName() + " " + version();
        }
    }

    abstract static class Clause {
        final IndexResource resource;
        final String namespace;
        final Map<String, Object> attributes;
        final Map<String, String> directives;

        Clause(IndexResource resource, String namespace, Map<String, Object> attributes, Map<String, String> directives) {
            this.resource = resource;
            this.namespace = namespace;
            this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            this.directives = Collections.unmodifiableMap(new LinkedHashMap<>(directives));
        }

        public String getNamespace() {
            return namespace;
        }

        public Map<String, String> getDirectives() {
            return directives;
        }

        public Map<String, Object> getAttributes() {
            return attributes;
        }

        public Resource getResource() {
            return resource;
        }

        @Override
        public String toString() {
            return namespace + attributes + directives;
        }
    }

    static final class IndexCapability extends Clause implements Capability {
        IndexCapability(IndexResource resource, String namespace, Map<String, Object> attributes, Map<String, String> directives) {
            super(resource, namespace, attributes, directives);
        }
    }

    static final class IndexRequirement extends Clause implements Requirement {
        IndexRequirement(IndexResource resource, String namespace, Map<String, Object> attributes, Map<String, String> directives) {
            super(resource, namespace, attributes, directives);
        }
    }
}
