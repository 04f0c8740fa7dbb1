package io.phyllome.host.libvirt.internal.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node of an XML document under construction: a name, attributes in the order they were set,
 * then either text or child elements. Rendered by {@link XmlWriter}, which escapes all text.
 */
public final class Element {

    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Element> children = new ArrayList<>();
    private String text;

    private Element(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public static Element of(String name) {
        return new Element(name);
    }

    /** An element holding only text, e.g. {@code <name>vm1</name>}. */
    public static Element text(String name, Object text) {
        return new Element(name).text(String.valueOf(text));
    }

    /**
     * Sets an attribute; a {@code null} value leaves it out.
     *
     * @throws IllegalArgumentException for control characters, which attribute values cannot keep
     */
    public Element attr(String attribute, Object value) {
        if (value != null) {
            String text = String.valueOf(value);
            requireXmlText(attribute, text, false);
            attributes.put(attribute, text);
        }
        return this;
    }

    /** @throws IllegalArgumentException for characters XML 1.0 cannot hold */
    public Element text(String value) {
        if (!children.isEmpty()) {
            throw new IllegalStateException("<" + name + "> has child elements and cannot hold text");
        }
        requireXmlText(name, value, true);
        this.text = value;
        return this;
    }

    /** XML 1.0 characters; in attributes without tab and line breaks, which parsers turn into spaces. */
    private void requireXmlText(String what, String value, boolean lineBreaksAllowed) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean whitespace = c == '\t' || c == '\n' || c == '\r';
            boolean allowed = whitespace ? lineBreaksAllowed : c >= 0x20 && c != 0xFFFE && c != 0xFFFF;
            if (!allowed) {
                throw new IllegalArgumentException(String.format("<%s> %s: character U+%04X is not allowed in XML here", name, what, (int) c));
            }
        }
    }

    /** Appends a child; {@code null} is ignored, so optional parts can be added unconditionally. */
    public Element add(Element child) {
        if (child != null) {
            if (text != null) {
                throw new IllegalStateException("<" + name + "> holds text and cannot have child elements");
            }
            children.add(child);
        }
        return this;
    }

    public Element addAll(Iterable<Element> elements) {
        elements.forEach(this::add);
        return this;
    }

    public String name() {
        return name;
    }

    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public List<Element> children() {
        return Collections.unmodifiableList(children);
    }

    public String text() {
        return text;
    }
}
