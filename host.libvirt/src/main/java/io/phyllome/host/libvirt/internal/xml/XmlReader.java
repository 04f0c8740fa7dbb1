package io.phyllome.host.libvirt.internal.xml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Reads the XML libvirt returns: namespace-aware, with no DTDs or external entities. */
public final class XmlReader {

    /**
     * One parser per thread: making one costs several times more than parsing a domain, and
     * vm:list parses one domain per VM. Reset before each use, it keeps its configuration.
     */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(XmlReader::newBuilder);

    private XmlReader() {
    }

    /**
     * @param what what the document is, for the error message, e.g. "domain XML"
     * @throws IllegalStateException when the text is not well-formed XML
     */
    public static Document parse(String xml, String what) {
        try {
            DocumentBuilder builder = BUILDER.get();
            builder.reset();
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalStateException("libvirt returned " + what + " that cannot be read: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser for what libvirt returns: " + e.getMessage(), e);
        }
    }

    /** The first child element of {@code parent} with the local name {@code name}, or {@code null}. */
    public static Element firstChild(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    /** The elements named {@code tag} anywhere below {@code root}, in document order. */
    public static List<Element> elements(Element root, String tag) {
        NodeList nodes = root.getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }
}
