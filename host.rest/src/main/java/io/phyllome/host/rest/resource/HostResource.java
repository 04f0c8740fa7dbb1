package io.phyllome.host.rest.resource;

import java.nio.file.Path;

import io.phyllome.host.diagnostics.HostValidation;
import io.phyllome.host.document.Fingerprint;
import io.phyllome.host.document.HostCheck;
import io.phyllome.host.document.HostInfo;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostConfiguration;
import io.phyllome.host.platform.HostFingerprint;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.rest.http.Json;
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
        router.add("GET", "/host", call -> Json.document(HostInfo.of(platformVersion, stateDirectory, configuration, hypervisor.capabilities(),
                profiles.list().size(), fingerprint.digest(), encryption.status())))
                .add("GET", "/host/check", call -> Json.document(HostCheck.of(validation.validate())))
                .add("GET", "/host/fingerprint", call -> Json.document(Fingerprint.of(fingerprint)));
    }
}
