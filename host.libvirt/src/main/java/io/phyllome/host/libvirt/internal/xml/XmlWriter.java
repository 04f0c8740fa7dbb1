package io.phyllome.host.libvirt.internal.xml;

import java.io.StringWriter;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders an {@link Element} tree as an indented XML document through the JDK's StAX writer, which
 * escapes text and attribute values. The same tree always gives the same bytes.
 */
public final class XmlWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final String INDENT = "  ";

    private XmlWriter() {
    }

    public static String render(Element root) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            write(xml, root, 0);
            xml.writeCharacters("\n");
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render <" + root.name() + ">", e);
        }
        return out.toString();
    }

    private static void write(XMLStreamWriter xml, Element element, int depth) throws XMLStreamException {
        if (element.children().isEmpty() && element.text() == null) {
            xml.writeEmptyElement(element.name());
            writeAttributes(xml, element);
            return;
        }
        xml.writeStartElement(element.name());
        writeAttributes(xml, element);
        if (element.text() != null) {
            xml.writeCharacters(element.text());
        } else {
            for (Element child : element.children()) {
                xml.writeCharacters("\n" + INDENT.repeat(depth + 1));
                write(xml, child, depth + 1);
            }
            xml.writeCharacters("\n" + INDENT.repeat(depth));
        }
        xml.writeEndElement();
    }

    private static void writeAttributes(XMLStreamWriter xml, Element element) throws XMLStreamException {
        for (Map.Entry<String, String> attribute : element.attributes().entrySet()) {
            xml.writeAttribute(attribute.getKey(), attribute.getValue());
        }
    }
}
