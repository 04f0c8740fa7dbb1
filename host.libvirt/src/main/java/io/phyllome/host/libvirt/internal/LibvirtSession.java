package io.phyllome.host.libvirt.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.libvirt.Connect;

import io.phyllome.host.platform.HostCapabilities;

/**
 * The bundle's one libvirt connection, which the hypervisor, the secret store, the disk pool and
 * the remote hosts share: opened on first use, opened again after libvirt restarted, and with it
 * what belongs to it (the host's capabilities, the embedded driver's secret connection). A
 * service private to this bundle.
 */
public interface LibvirtSession extends LibvirtConnections {

    /** The open connection, opened now if need be; on the embedded driver bound to the calling thread's secrets. */
    LibvirtConnection connection();

    /** The URI of the connection, e.g. {@code qemu:///system}. */
    String uri();

    /** Whether libvirt's embedded driver runs in this process (then its guests live as long as the process). */
    boolean embedded();

    /** The platform's state directory. */
    Path stateDir();

    /** The storage pool the configuration names for disks, or an empty string for the platform's own. */
    String configuredPool();

    /** What the host can run, learnt once per connection. */
    HostCapabilities capabilities();

    /** The connection that keeps disk keys: the embedded driver's secret driver has its own. */
    Connect secretConnection();

    /** Where the embedded secret driver keeps its secrets; empty with a daemon. */
    Optional<Path> embeddedSecretFiles();

    /** A call that changes nothing, under {@link RestartRule}: repeated on a new connection if libvirt went away. */
    <T> T read(Supplier<T> call);

    /** A call that changes something ({@code action}, for the error), under {@link RestartRule}: never repeated blindly. */
    <T> T change(String action, Supplier<T> call);

    /** {@link #change(String, Supplier)}; after a lost connection {@code outcome} tells whether it took effect. */
    <T> T change(String action, Supplier<T> call, Supplier<Optional<T>> outcome);

    /** Calls {@code listener} after each reconnect, before the next call. */
    void onReconnect(Consumer<LibvirtConnection> listener);
}
