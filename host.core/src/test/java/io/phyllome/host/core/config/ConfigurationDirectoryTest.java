package io.phyllome.host.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The directory's files into an in-memory Config Admin: applied, reported, and gone with their file. */
class ConfigurationDirectoryTest {

    @TempDir
    Path dir;

    /** Config Admin's configurations by PID, as the fake keeps them. */
    private final Map<String, Dictionary<String, Object>> store = new TreeMap<>();
    private final List<String> calls = new ArrayList<>();

    private ConfigurationDirectory start(Path configDir) {
        return new ConfigurationDirectory(context(Map.of(ConfigurationDirectory.PROPERTY, configDir.toString())), admin(), null, null);
    }

    @Test
    void eachFileBecomesTheConfigurationOfItsPidMarkedWithItsSource() throws IOException {
        Path libvirt = Files.writeString(dir.resolve("io.phyllome.host.libvirt.cfg"), "uri=qemu+ssh://other/system\n");
        Files.writeString(dir.resolve("bad name.cfg"), "a=b\n");

        ConfigurationDirectory configuration = start(dir);

        assertEquals("qemu+ssh://other/system", store.get("io.phyllome.host.libvirt").get("uri"));
        assertEquals(libvirt.toString(), store.get("io.phyllome.host.libvirt").get(ConfigurationDirectory.SOURCE));
        assertEquals(List.of("getConfiguration io.phyllome.host.libvirt ?"), calls.stream().filter(c -> c.startsWith("getConfiguration")).toList());
        List<String> sources = configuration.sources();
        assertEquals(dir.resolve("bad name.cfg") + " (not applied): 'bad name' is not a configuration PID: name the file PID.cfg,"
                + " e.g. io.phyllome.host.libvirt.cfg", sources.get(0));
        assertEquals(libvirt + " (uri)", sources.get(1));
    }

    @Test
    void aConfigurationWhoseFileIsGoneIsDeleted() throws IOException {
        Path kept = Files.writeString(dir.resolve("io.phyllome.host.libvirt.cfg"), "uri=test:///default\n");
        store.put("io.phyllome.host.profiles", dictionary(ConfigurationDirectory.SOURCE, dir.resolve("io.phyllome.host.profiles.cfg").toString()));
        store.put("io.phyllome.other", dictionary("made", "at run time"));

        start(dir);

        assertEquals(List.of("io.phyllome.host.libvirt", "io.phyllome.other"), List.copyOf(store.keySet()),
                "the configuration from the deleted file goes; the one made otherwise stays");
        assertEquals(kept.toString(), store.get("io.phyllome.host.libvirt").get(ConfigurationDirectory.SOURCE));
    }

    @Test
    void aMissingDirectoryChangesNothing() {
        ConfigurationDirectory configuration = start(dir.resolve("absent"));

        assertTrue(store.isEmpty());
        assertEquals(dir.resolve("absent"), configuration.directory());
        assertTrue(configuration.sources().stream().noneMatch(s -> s.contains("absent")), configuration.sources()::toString);
    }

    @Test
    void withoutThePropertyTheDirectoryIsEtcPhyllome() {
        assertEquals(Path.of("/etc/phyllome"), ConfigurationDirectory.resolve(key -> null));
        assertEquals(dir, ConfigurationDirectory.resolve(key -> dir.toString()));
    }

    private static Dictionary<String, Object> dictionary(String key, Object value) {
        Hashtable<String, Object> d = new Hashtable<>();
        d.put(key, value);
        return d;
    }

    private static BundleContext context(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(), new Class<?>[] { BundleContext.class }, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    case "getBundles" -> new Bundle[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private ConfigurationAdmin admin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(ConfigurationAdmin.class.getClassLoader(), new Class<?>[] { ConfigurationAdmin.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConfiguration" -> {
                        calls.add("getConfiguration " + args[0] + " " + args[1]);
                        yield configuration((String) args[0]);
                    }
                    case "listConfigurations" -> store.entrySet().stream().filter(e -> e.getValue().get(ConfigurationDirectory.SOURCE) != null)
                            .map(e -> configuration(e.getKey())).toArray(Configuration[]::new);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Configuration configuration(String pid) {
        return (Configuration) Proxy.newProxyInstance(Configuration.class.getClassLoader(), new Class<?>[] { Configuration.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPid" -> pid;
                    case "getProperties" -> store.get(pid);
                    case "updateIfDifferent" -> {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> properties = (Dictionary<String, Object>) args[0];
                        yield !properties.equals(store.put(pid, properties));
                    }
                    case "delete" -> {
                        store.remove(pid);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
