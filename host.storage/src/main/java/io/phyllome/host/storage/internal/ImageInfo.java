package io.phyllome.host.storage.internal;

import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmException;

/**
 * What {@code qemu-img info --output=json} says about an image: its top level only. Since QEMU
 * 8.0 the report nests each child node's own report ({@code children[].info}, e.g. the
 * {@code file} node, whose {@code format} is {@code file} and whose {@code virtual-size} is
 * the file's length), and those describe other nodes, not the image.
 *
 * @param backingFile the image's backing file, empty when it has none
 * @param dataFile    the qcow2 image's external data file, empty when it has none
 */
record ImageInfo(String format, ByteSize virtualSize, boolean encrypted, String backingFile, String dataFile) {

    /** Strict: one JSON document, no key twice (qemu-img writes neither). Thread-safe, so shared. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Whether the image opens without any other file: no backing file and no external data file. */
    boolean standalone() {
        return backingFile.isEmpty() && dataFile.isEmpty();
    }

    /**
     * @param json  what {@code qemu-img info --output=json} printed on its standard output
     * @param image the image it describes, for the error
     */
    static ImageInfo parse(String json, Path image) {
        JsonNode top;
        try {
            top = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new VmException("qemu-img info of " + image + " did not report JSON (" + e.getOriginalMessage()
                    + "): check that qemu-img --version runs");
        }
        JsonNode format = top == null ? null : top.get("format");
        JsonNode size = top == null ? null : top.get("virtual-size");
        if (format == null || !format.isTextual() || size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw new VmException("qemu-img info of " + image + " reported no format or virtual size: is it an image qemu-img can open?");
        }
        JsonNode formatData = top.path("format-specific").path("data");
        return new ImageInfo(format.asText(), new ByteSize(size.asLong()), top.path("encrypted").asBoolean(false),
                top.path("backing-filename").asText(""), formatData.path("data-file").asText(""));
    }
}
