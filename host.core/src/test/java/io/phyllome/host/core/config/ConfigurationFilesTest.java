package io.phyllome.host.core.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.metatype.AttributeDefinition;

class ConfigurationFilesTest {

    @TempDir
    Path dir;

    @Test
    void aMissingDirectoryHasNoFiles() throws IOException {
        assertEquals(List.of(), ConfigFile.readAll(dir.resolve("absent")));
    }

    @Test
    void readsEachCfgFileAsThePropertiesOfItsPidInNameOrder() throws IOException {
        Files.writeString(dir.resolve("io.phyllome.host.profiles.cfg"), "# comment\ncontributeTimeoutSeconds = 7\n");
        Files.writeString(dir.resolve("io.phyllome.host.libvirt.cfg"), "uri=qemu+ssh://other/system\n");
        Files.writeString(dir.resolve("README"), "not a configuration");

        List<ConfigFile> files = ConfigFile.readAll(dir);

        assertEquals(List.of("io.phyllome.host.libvirt", "io.phyllome.host.profiles"), files.stream().map(ConfigFile::pid).toList());
        assertEquals(Map.of("uri", "qemu+ssh://other/system"), files.get(0).values());
        assertEquals(Map.of("contributeTimeoutSeconds", "7"), files.get(1).values());
        assertTrue(files.stream().allMatch(ConfigFile::readable));
    }

    @Test
    void anUnreadableFileOrABadNameIsReportedNotThrown() throws IOException {
        Path secret = Files.writeString(dir.resolve("io.phyllome.host.libvirt.cfg"), "uri=x\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Files.writeString(dir.resolve("bad name.cfg"), "a=b\n");
        Files.createDirectory(dir.resolve("io.phyllome.dir.cfg"));

        List<ConfigFile> files = ConfigFile.readAll(dir);

        assertEquals(3, files.size());
        ConfigFile badName = files.get(0);
        assertFalse(badName.readable());
        assertTrue(badName.problem().contains("is not a configuration PID"), badName.problem());
        assertTrue(files.get(1).problem().contains("not a regular file"), files.get(1).problem());
        if (!Files.isReadable(secret)) { // root reads anything
            assertTrue(files.get(2).problem().startsWith("cannot read it"), files.get(2).problem());
        }
    }

    @Test
    void valuesTakeTheTypesOfTheMetatypeAndListsSplitAtCommas() {
        ConfigFile file = new ConfigFile(dir.resolve("p.cfg"), "p", Map.of("timeout", "30", "allow", "TRUE", "repos", "a, b,,c", "name", "x"), "");
        Map<String, Setting> schema = Map.of("timeout", new Setting(AttributeDefinition.LONG, 0), "allow", new Setting(AttributeDefinition.BOOLEAN, 0),
                "repos", new Setting(AttributeDefinition.STRING, -1), "name", new Setting(AttributeDefinition.STRING, 0));

        ConfigValues.Converted converted = ConfigValues.convert(file, schema);

        assertEquals(List.of(), converted.problems());
        assertEquals(30L, converted.properties().get("timeout"));
        assertEquals(Boolean.TRUE, converted.properties().get("allow"));
        assertArrayEquals(new String[] { "a", "b", "c" }, (String[]) converted.properties().get("repos"));
        assertEquals("x", converted.properties().get("name"));
    }

    @Test
    void aBadValueIsLeftOutAndAnUnknownKeyIsReportedButKept() {
        ConfigFile file = new ConfigFile(dir.resolve("p.cfg"), "p", Map.of("timeout", "soon", "timout", "30"), "");

        ConfigValues.Converted converted = ConfigValues.convert(file, Map.of("timeout", new Setting(AttributeDefinition.LONG, 0)));

        assertFalse(converted.properties().containsKey("timeout"));
        assertEquals("30", converted.properties().get("timout"));
        assertEquals(2, converted.problems().size(), converted.problems().toString());
        assertTrue(converted.problems().stream().anyMatch(p -> p.contains("'soon' is not a whole number")), converted.problems().toString());
        assertTrue(converted.problems().stream().anyMatch(p -> p.contains("'timout' is not a setting of p (it has timeout)")), converted.problems().toString());
    }

    @Test
    void withoutAMetatypeEveryValueStaysText() {
        ConfigFile file = new ConfigFile(dir.resolve("p.cfg"), "p", Map.of("timeout", "30"), "");

        ConfigValues.Converted converted = ConfigValues.convert(file, null);

        assertEquals("30", converted.properties().get("timeout"));
        assertEquals(List.of(), converted.problems());
    }

    @Test
    void environmentVariablesAreSourcesWhenTheLauncherPassedThemOnAndNoFileOverridesThem() {
        Map<String, String> env = Map.of("PHYLLOME_LIBVIRT_URI", "test:///default", "PHYLLOME_PROFILE_REPOSITORIES", "/srv/index.xml",
                "PHYLLOME_STATE_DIR", " ");
        Map<String, String> properties = Map.of("phyllome.libvirt.uri", "test:///default", "phyllome.profile.repositories", "/srv/index.xml,x",
                "phyllome.state.dir", "/var/lib/phyllome");

        List<String> sources = EnvironmentOverrides.inEffect(env::get, properties::get, key -> false);
        List<String> overridden = EnvironmentOverrides.inEffect(env::get, properties::get, "io.phyllome.host.profiles.install/repositories"::equals);

        assertEquals(List.of("environment PHYLLOME_LIBVIRT_URI (phyllome.libvirt.uri)",
                "environment PHYLLOME_PROFILE_REPOSITORIES (phyllome.profile.repositories)"), sources);
        assertTrue(overridden.get(1).endsWith("not in effect, io.phyllome.host.profiles.install repositories is configured"), overridden.toString());
        List<String> winning = EnvironmentOverrides.inEffect(env::get, properties::get, "io.phyllome.host.libvirt/uri"::equals);
        assertEquals("environment PHYLLOME_LIBVIRT_URI (phyllome.libvirt.uri): wins over the configured io.phyllome.host.libvirt uri", winning.get(0));
    }
}
