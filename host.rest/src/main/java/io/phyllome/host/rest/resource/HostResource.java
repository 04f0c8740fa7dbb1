package io.phyllome.host.rest.resource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.phyllome.host.diagnostics.HostValidation;
import io.phyllome.host.diagnostics.HostValidation.Check;
import io.phyllome.host.diagnostics.HostValidation.Status;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostConfiguration;
import io.phyllome.host.platform.HostFingerprint;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.rest.http.Router;
import io.phyllome.host.storage.DirectoryEncryption;

/** {@code /host}, {@code /host/check} and {@code /host/fingerprint}: what {@code host:info}, {@code host:check} and {@code host:fingerprint} show. */
public final class HostResource {

    private final String platformVersion;
    private final Path stateDirectory;
    private final Hypervisor hypervisor;
    private final Profiles profiles;
    private final HostFingerprint fingerprint;
    private final HostConfiguration configuration;
    private final DirectoryEncryption encryption;
    private final HostValidation validation;

    public HostResource(String platformVersion, Path stateDirectory, Hypervisor hypervisor, Profiles profiles, HostFingerprint fingerprint,
            HostConfiguration configuration, DirectoryEncryption encryption, HostValidation validation) {
        this.validation = validation;
        this.platformVersion = platformVersion;
        this.stateDirectory = stateDirectory;
        this.hypervisor = hypervisor;
        this.profiles = profiles;
        this.fingerprint = fingerprint;
        this.configuration = configuration;
        this.encryption = encryption;
    }

    public void routes(Router router) {
        router.add("GET", "/host", call -> info()).add("GET", "/host/check", call -> check()).add("GET", "/host/fingerprint", call -> {
            Map<String, String> components = fingerprint.components();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("digest", HostFingerprint.digest(components));
            fields.put("components", components);
            return Documents.document("host-fingerprint", fields);
        });
    }

    private Object check() {
        List<Check> checks = validation.validate();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("checks", checks);
        fields.put("failed", checks.stream().filter(c -> c.status() == Status.FAIL).count());
        return Documents.document("host-check", fields);
    }

    private Object info() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("platformVersion", platformVersion);
        fields.put("stateDirectory", stateDirectory.toString());
        fields.put("configDirectory", configuration.directory().toString());
        fields.put("configDirectoryExists", Files.isDirectory(configuration.directory()));
        fields.put("configSources", configuration.sources());
        fields.put("hypervisor", Documents.Hypervisor.of(hypervisor.capabilities()));
        fields.put("profilesInstalled", profiles.list().size());
        fields.put("fingerprint", fingerprint.digest());
        fields.put("protection", encryption.status().stream().map(Documents.Protection::of).toList());
        return Documents.document("host-info", fields);
    }
}
