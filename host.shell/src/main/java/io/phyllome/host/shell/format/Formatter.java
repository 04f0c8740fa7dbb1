package io.phyllome.host.shell.format;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.phyllome.host.document.DiskList;
import io.phyllome.host.document.Document;
import io.phyllome.host.document.Fingerprint;
import io.phyllome.host.document.HostCheck;
import io.phyllome.host.document.HostInfo;
import io.phyllome.host.document.MediaList;
import io.phyllome.host.document.OrphanReport;
import io.phyllome.host.document.ProfileCatalog;
import io.phyllome.host.document.ProfileDetails;
import io.phyllome.host.document.ProfileList;
import io.phyllome.host.document.VmDetails;
import io.phyllome.host.document.VmLint;
import io.phyllome.host.document.VmList;

/**
 * The one place where the commands' outputs become text, in the spirit of Gogo's converters:
 * a command returns a {@link Document} (the REST API answers the same records), and the format
 * the user asked for decides how it is written. JSON carries {@code $schema}, the versioned id of
 * the schema under {@code docs/api}; the text form is a table with a header line, or a report.
 */
public final class Formatter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<Class<?>, Function<Document, String>> TEXT = new HashMap<>();

    static {
        text(VmList.class, VmTexts::list);
        text(VmDetails.class, VmTexts::details);
        text(VmLint.class, VmTexts::lint);
        text(DiskList.class, StorageTexts::disks);
        text(MediaList.class, StorageTexts::media);
        text(OrphanReport.class, StorageTexts::orphans);
        text(ProfileList.class, ProfileTexts::list);
        text(ProfileDetails.class, ProfileTexts::details);
        text(ProfileCatalog.class, ProfileTexts::catalog);
        text(HostInfo.class, HostTexts::info);
        text(HostCheck.class, HostTexts::check);
        text(Fingerprint.class, HostTexts::fingerprint);
    }

    private static <D extends Document> void text(Class<D> type, Function<D, String> form) {
        TEXT.put(type, document -> form.apply(type.cast(document)));
    }

    private Formatter() {
    }

    /**
     * Checks the user's {@code --format} before the command does its work, then renders what
     * {@code document} returns: every listing command is this one call.
     *
     * @throws IllegalArgumentException naming the choices when the format is unknown
     */
    public static String render(String format, Supplier<? extends Document> document) {
        return render(Format.of(format), document.get());
    }

    public static String render(Format format, Document document) {
        return switch (format) {
            case TABLE -> text(document);
            case JSON -> json(document);
        };
    }

    /** The text form of a document. */
    public static String text(Document document) {
        Function<Document, String> form = TEXT.get(document.getClass());
        if (form == null) {
            throw new IllegalStateException("no text form for " + document.kind() + " documents: add one to Formatter");
        }
        return form.apply(document);
    }

    static String json(Document document) {
        ObjectNode node = JSON.createObjectNode().put("$schema", Document.schemaId(document.kind()));
        node.setAll((ObjectNode) JSON.valueToTree(document));
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + document.kind() + " as JSON: " + e.getMessage(), e);
        }
    }
}
