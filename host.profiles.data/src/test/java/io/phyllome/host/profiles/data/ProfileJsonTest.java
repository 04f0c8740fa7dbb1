package io.phyllome.host.profiles.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ProfileJsonTest {

    /** The example of docs/profiles-as-data.md, which the distro's tests install. */
    static final Path EXAMPLE = Path.of("..", "docs", "examples", "freebsd-data", "profile.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode example() throws IOException {
        return (ObjectNode) JSON.readTree(Files.readAllBytes(EXAMPLE));
    }

    private static InvalidProfileJson refused(ObjectNode document) throws IOException {
        return assertThrows(InvalidProfileJson.class, () -> ProfileJson.read("test.json", JSON.writeValueAsBytes(document)));
    }

    @Test
    void readsTheExampleIntoTypedRecords() throws IOException {
        ProfileDocument doc = ProfileJson.read("example", Files.readAllBytes(EXAMPLE));
        assertEquals("freebsd-data", doc.id());
        assertEquals("bsd", doc.family());
        assertEquals(1, doc.minimum().cpus());
        assertEquals("20G", doc.recommended().disk());
        assertTrue(doc.requires().uefi());
        assertEquals("uefi", doc.devices().firmware());
        assertEquals("maximum", doc.whenEmulated().devices().cpu());
        assertEquals("serial", doc.options().get("console").defaultValue());
        assertEquals("vga", doc.options().get("console").values().get("graphical").devices().video());
    }

    @Test
    void aMissingRequiredFieldIsRefusedWithTheSchemasMessage() throws IOException {
        ObjectNode doc = example();
        doc.remove("name");
        InvalidProfileJson e = refused(doc);
        assertTrue(e.getMessage().contains("/: required property 'name' not found"), e.getMessage());
        assertTrue(e.getMessage().startsWith("test.json is not a valid profile: "), e.getMessage());
    }

    @Test
    void aValueOutsideTheSchemaIsRefusedNamingWhere() throws IOException {
        ObjectNode doc = example();
        ((ObjectNode) doc.get("minimum")).put("cpus", 0);
        ((ObjectNode) doc.get("devices")).put("firmware", "coreboot");
        InvalidProfileJson e = refused(doc);
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().contains("/minimum/cpus: must have a minimum value of 1"), e.getMessage());
        assertTrue(e.getMessage().contains("/devices/firmware: does not have a value in the enumeration"), e.getMessage());
    }

    @Test
    void anUnknownPropertyIsRefused() throws IOException {
        ObjectNode doc = example();
        ((ObjectNode) doc.get("devices")).put("floppy", true);
        assertTrue(refused(doc).getMessage().contains("floppy"));
    }

    @Test
    void anIdUsersCannotTypeIsRefused() throws IOException {
        ObjectNode doc = example();
        doc.put("id", "FreeBSD 14");
        assertTrue(refused(doc).getMessage().contains("/id: does not match the regex pattern"), refused(doc).getMessage());
    }

    @Test
    void anOptionWhoseDefaultIsNotOneOfItsValuesIsRefused() throws IOException {
        ObjectNode doc = example();
        ((ObjectNode) doc.get("options").get("console")).put("default", "vnc");
        InvalidProfileJson e = refused(doc);
        assertTrue(e.getMessage().contains("/options/console/default: 'vnc' is not one of its values"), e.getMessage());
    }

    @Test
    void aWrongListEntryIsRefused() throws IOException {
        ObjectNode doc = example();
        ((ArrayNode) doc.get("devices").get("channels")).add("spice");
        assertTrue(refused(doc).getMessage().contains("channels"));
    }

    @Test
    void textThatIsNotJsonIsRefusedWithItsPosition() {
        InvalidProfileJson e = assertThrows(InvalidProfileJson.class,
                () -> ProfileJson.read("broken.json", "{\n  \"id\": \"x\",\n  oops\n}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("is not JSON") && e.getMessage().contains("line 3"), e.getMessage());
    }
}
