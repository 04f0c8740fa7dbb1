package io.phyllome.host.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.phyllome.host.core.vms.VmCreation;
import io.phyllome.host.core.locks.StateLocks;
import io.phyllome.host.core.transfer.VmCreator;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.libvirt.internal.domain.DomainMapper;
import io.phyllome.host.libvirt.schema.DomainSchema;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.host.vm.VmState;

/**
 * Tries a guest profile the way {@code vm:create} uses it, without libvirt: on a
 * {@link SyntheticHost}, the platform's own creation checks the spec (options the profile does not
 * list, the profile's minimum), applies the profile's recommendation, runs {@code contribute} in
 * its guard (time limit, device set checks, no passthrough) and maps the result to the domain XML
 * its libvirt adapter would define, which the kit checks against libvirt's schema
 * ({@code virt-xml-validate}, from libvirt-clients).
 *
 * <pre>{@code
 * @RegisterExtension
 * final ProfileKit kit = new ProfileKit(new MyProfile());
 *
 * @Test
 * void runsOnUefi() {
 *     Contribution vm = kit.create(SyntheticHost.kvm().uefi(true));
 *     assertTrue(vm.devices().firmware().uefi());
 * }
 * }</pre>
 *
 * A refusal comes out as {@code vm:create} would see it: the profile's own
 * {@link io.phyllome.host.profile.ProfileException}, an
 * {@link io.phyllome.host.vm.InvalidSpecException} for a bad spec, or a
 * {@link io.phyllome.host.vm.VmException} saying the profile failed (it threw something else,
 * returned an invalid device set or took too long). Registered as a JUnit 5 extension, the kit
 * removes its files after each test; otherwise {@link #close()} does.
 */
public final class ProfileKit implements AfterEachCallback, AutoCloseable {

    /** The name of the VM that {@link #spec()} asks for. */
    public static final String VM_NAME = "kit-vm";
    /** Where the platform keeps disks and serial logs, as written into the domain XML (nothing is created there). */
    private static final String STATE = "/var/lib/phyllome/";
    /** A fixed secret id for encrypted disks, so the XML is the same from run to run. */
    private static final String SECRET_UUID = "3d5e7f10-2b4c-4d6e-8f90-a1b2c3d4e5f6";

    /** The creation logs each VM it makes, which in a vendor's test run is noise (kept: JUL holds loggers weakly). */
    private static final java.util.logging.Logger CREATION_LOG = quiet(VmCreation.class.getName());

    private final GuestProfile profile;
    private Path directory;

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    public ProfileKit(GuestProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /**
     * What {@code vm:create PROFILE kit-vm} asks for with no other option: the profile's id, the
     * name {@value #VM_NAME} and an encrypted system disk of the profile's recommended size; memory
     * and CPUs are left to the profile's recommendation. Add options, media or resources and build it.
     */
    public VmSpec.Builder spec() {
        return VmSpec.builder(profile.descriptor().id(), VM_NAME).disk(DiskSpec.of(profile.descriptor().recommended().disk()));
    }

    /** An (empty) installer image, to give as {@code spec().installMedia(...)}; it exists until the test ends. */
    public Path installMedium(String name) {
        return file("iso", name);
    }

    /** {@link #create(SyntheticHost, VmSpec)} with {@link #spec()} as it is. */
    public Contribution create(SyntheticHost host) {
        return create(host, spec().build());
    }

    /** Creates {@code spec} with the profile on {@code host}, as {@code vm:create} would; see the class comment. */
    public Contribution create(SyntheticHost host, VmSpec spec) {
        HostCapabilities capabilities = host.capabilities();
        Path root = directory();
        KitMedia media = new KitMedia(host.media().stream().map(name -> file("media", name)).toList());
        AtomicReference<DomainDefinition> defined = new AtomicReference<>();
        VmCreator.Host target = new VmCreator.Host() {
            @Override
            public HostCapabilities capabilities() {
                return capabilities;
            }

            @Override
            public boolean hasVm(String name) {
                return false;
            }

            @Override
            public Domain define(DomainDefinition definition) {
                defined.set(definition);
                VmSpec s = definition.spec();
                List<VmDisk> disks = definition.volumes().stream().map(v -> new VmDisk("", v.path(), false, v.encrypted(), true)).toList();
                return new Domain(s.name(), "", VmState.SHUT_OFF, definition.profile().id(), s.memory().orElseThrow(), s.cpus(), disks);
            }

            @Override
            public void remove(Volume volume) {
            }
        };
        VmCreator.DiskSource disks = (vm, index, disk) -> new Volume("phyllome", vm + "-" + index + ".qcow2",
                STATE + "disks/" + vm + "-" + index + ".qcow2", disk.size(), ByteSize.ofMiB(0), disk.encrypted() ? SECRET_UUID : "");
        VmCreation creation = new VmCreation(null, null, new KitProfiles(profile), media, StateLocks.in(root.resolve("state")));
        List<String> findings = creation.createOn(target, spec, disks, List.of()).findings();

        DomainDefinition definition = defined.get();
        // as the libvirt adapter defines it; no network: libvirt's user-mode networking, as on the embedded driver
        String xml = DomainMapper.map(definition, capabilities.kvmUsable(), capabilities.arch(), null,
                Path.of(STATE + "logs/" + spec.name() + ".serial.log")).render();
        DomainSchema.assertValid(xml, root);
        return new Contribution(definition.devices(), findings, xml);
    }

    private Path file(String folder, String name) {
        try {
            Path dir = Files.createDirectories(directory().resolve(folder));
            Path file = dir.resolve(name);
            if (!file.normalize().startsWith(dir)) {
                throw new IllegalArgumentException("'" + name + "' is not a file name");
            }
            return Files.exists(file) ? file : Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + name + " for the test", e);
        }
    }

    private synchronized Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("phyllome-profile-kit-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a temporary directory for the kit", e);
            }
        }
        return directory;
    }

    /** Removes the kit's files: media, install images, the XML it validated. */
    @Override
    public synchronized void close() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
        directory = null;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }
}
