package io.phyllome.host.libvirt.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.vm.VmException;

/**
 * The bundle's libvirt connection ({@link LibvirtSession}), configured by PID
 * {@code io.phyllome.host.libvirt}. The connection opens on first use, so the platform starts
 * even when libvirt is unreachable and says why on each request.
 */
@Component(configurationPid = LibvirtConfig.PID, service = { LibvirtSession.class, LibvirtConnections.class })
@Designate(ocd = LibvirtConfig.class)
public class SharedLibvirtSession implements LibvirtSession {

    private static final System.Logger LOG = System.getLogger(SharedLibvirtSession.class.getName());

    private final Path stateDir;
    private final String configuredUri;
    private final String configuredPool;
    /** The connection, opened again after the daemon restarted (ReconnectingConnection). */
    private final ReconnectingConnection libvirt;
    /** The embedded driver's secret driver, which keeps its own connection; null otherwise. */
    private EmbeddedSecretConnect embeddedSecrets;
    private HostCapabilities capabilities;

    @Activate
    public SharedLibvirtSession(LibvirtConfig config, BundleContext context) {
        this.stateDir = StateDirectory.resolve(context::getProperty);
        // the property (the launcher's PHYLLOME_LIBVIRT_URI) wins over the host's configuration files
        String fromFramework = context.getProperty(LibvirtConfig.URI_PROPERTY);
        this.configuredUri = fromFramework != null && !fromFramework.isBlank() ? fromFramework.trim() : config.uri().trim();
        this.configuredPool = config.pool().trim();
        this.libvirt = new ReconnectingConnection(uri -> Connector.open(uri == null ? configuredUri : uri, stateDir));
        libvirt.onReconnect(this::renew);
    }

    /** After a reconnect: the capabilities belong to the old connection. */
    private void renew(LibvirtConnection fresh) {
        synchronized (this) {
            capabilities = null;
        }
        capabilities(); // learnt again now, not by the next command
    }

    @Deactivate
    void close() {
        libvirt.close(); // not under this lock: a reconnect that is renewing may wait for it
        synchronized (this) {
            if (embeddedSecrets != null) {
                try {
                    embeddedSecrets.close();
                } catch (LibvirtException e) {
                    LOG.log(System.Logger.Level.WARNING, "closing the embedded secret driver: " + e.getMessage());
                }
                embeddedSecrets = null;
            }
            capabilities = null;
        }
    }

    @Override
    public Runnable follow(Consumer<Connect> listener) {
        return libvirt.follow(listener::accept);
    }

    @Override
    public void onReconnect(Consumer<LibvirtConnection> listener) {
        libvirt.onReconnect(listener);
    }

    @Override
    public <T> T read(Supplier<T> call) {
        return libvirt.read(call);
    }

    @Override
    public <T> T change(String action, Supplier<T> call) {
        return libvirt.change(action, call);
    }

    @Override
    public <T> T change(String action, Supplier<T> call, Supplier<Optional<T>> outcome) {
        return libvirt.change(action, call, outcome);
    }

    @Override
    public HostCapabilities capabilities() {
        return libvirt.read(this::probedCapabilities);
    }

    private synchronized HostCapabilities probedCapabilities() {
        if (capabilities == null) {
            LibvirtConnection c = connection();
            try {
                capabilities = CapabilityProbe.probe(c, uri());
            } catch (LibvirtException e) {
                throw Errors.of("read the host's capabilities", e);
            }
        }
        return capabilities;
    }

    @Override
    public LibvirtConnection connection() {
        LibvirtConnection c = libvirt.get();
        if (embedded()) {
            CallerIdentity.ensure(threadSecrets()); // the embedded driver reads disk keys as its caller
        }
        return c;
    }

    @Override
    public String uri() {
        return libvirt.uri();
    }

    @Override
    public boolean embedded() {
        return uri().startsWith(Connector.EMBEDDED_URI);
    }

    @Override
    public Path stateDir() {
        return stateDir;
    }

    @Override
    public String configuredPool() {
        return configuredPool;
    }

    @Override
    public synchronized Connect secretConnection() {
        LibvirtConnection c = connection();
        return embedded() ? embeddedSecrets() : c;
    }

    @Override
    public synchronized Optional<Path> embeddedSecretFiles() {
        connection();
        return Connector.embeddedRoot(uri()).map(root -> root.resolve(Connector.EMBEDDED_SECRETS));
    }

    /**
     * The secret connection for the calling thread's key look-ups; null when this process
     * registered libvirt's one embedded secret driver for another root already (a migration's
     * target opened in this process), which libvirt then uses by itself.
     */
    private synchronized EmbeddedSecretConnect threadSecrets() {
        try {
            return embeddedSecrets();
        } catch (VmException e) {
            return null;
        }
    }

    /** The embedded secret driver beside the embedded QEMU driver, opened on first use. */
    private synchronized EmbeddedSecretConnect embeddedSecrets() {
        if (embeddedSecrets == null) {
            try {
                embeddedSecrets = new EmbeddedSecretConnect(Connector.EMBEDDED_SECRETS_URI + Connector.embeddedRoot(uri()).orElseThrow());
            } catch (LibvirtException e) {
                throw Errors.of("open the embedded driver's secret store", e);
            }
        }
        return embeddedSecrets;
    }
}
