package io.phyllome.host.rest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.logging.Logger;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where the REST API listens: Felix HTTP's configuration ({@code org.apache.felix.http}) written
 * from this component's ({@code io.phyllome.host.rest.cfg} in the configuration directory). Only
 * the long-running service listens ({@code phyllome.service=true}); a one-shot command does not.
 * By default 127.0.0.1; any other address only with TLS from a keystore the admin provides: without
 * one nothing listens, and the log says why and what to set.
 */
@Component(service = {}, immediate = true, configurationPid = Listener.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = Listener.Config.class)
public class Listener {

    public static final String PID = "io.phyllome.host.rest";
    static final String FELIX_HTTP = "org.apache.felix.http";
    private static final Logger LOG = Logger.getLogger(Listener.class.getName());

    @ObjectClassDefinition(name = "Phyllome REST API", description = "Where the REST API (/api/v1) listens")
    public @interface Config {
        @AttributeDefinition(description = "the address to listen on; any but a loopback address needs keystore")
        String address() default "127.0.0.1";

        @AttributeDefinition(description = "the TCP port")
        int port() default 8780;

        @AttributeDefinition(description = "a PKCS#12 keystore with the server's certificate and key: the API then speaks only HTTPS")
        String keystore() default "";

        @AttributeDefinition(description = "the keystore's password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String keystore_password() default "";

        @AttributeDefinition(description = "the requests a token may make a second, on average (RequestRates); 0 bounds nothing")
        double requests_per_second() default 50;

        @AttributeDefinition(description = "the requests a token may make at once after a quiet time")
        int requests_burst() default 100;
    }

    private final ConfigurationAdmin admin;
    private final boolean service;

    @Activate
    public Listener(BundleContext context, @Reference ConfigurationAdmin admin, Config config) throws IOException {
        this.admin = admin;
        this.service = Boolean.parseBoolean(context.getProperty("phyllome.service"));
        apply(config);
    }

    @Modified
    void apply(Config config) throws IOException {
        Configuration http = admin.getConfiguration(FELIX_HTTP, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("org.apache.felix.http.enable", false);
        properties.put("org.apache.felix.https.enable", false);
        properties.put("org.apache.felix.http.host", "127.0.0.1");
        properties.put("org.apache.felix.http.jetty.sendServerHeader", false);
        String refusal = service ? refusal(config) : null;
        if (service && refusal == null) {
            properties.put("org.apache.felix.http.host", config.address());
            if (config.keystore().isBlank()) {
                properties.put("org.apache.felix.http.enable", true);
                properties.put("org.osgi.service.http.port", config.port());
            } else {
                properties.put("org.apache.felix.https.enable", true);
                properties.put("org.osgi.service.http.port.secure", config.port());
                properties.put("org.apache.felix.https.keystore", config.keystore());
                properties.put("org.apache.felix.https.keystore.password", config.keystore_password());
                properties.put("org.apache.felix.https.keystore.key.password", config.keystore_password());
                properties.put("org.apache.felix.https.keystore.type", "PKCS12");
            }
            LOG.info(() -> "REST API on " + (config.keystore().isBlank() ? "http" : "https") + "://" + config.address() + ":" + config.port() + "/api/v1");
        } else if (refusal != null) {
            LOG.severe(refusal);
        }
        http.updateIfDifferent(properties);
    }

    /** Why the configured address cannot be served, or null. */
    static String refusal(Config config) {
        InetAddress address;
        try {
            address = InetAddress.getByName(config.address());
        } catch (UnknownHostException e) {
            return "the REST API does not listen: address '" + config.address() + "' (" + PID + ".cfg) is not an address of this host";
        }
        if (!config.keystore().isBlank() && !Files.isReadable(Path.of(config.keystore()))) {
            return "the REST API does not listen: its keystore " + config.keystore() + " (" + PID + ".cfg, keystore) cannot be read";
        }
        if (!address.isLoopbackAddress() && config.keystore().isBlank()) {
            return "the REST API does not listen on " + config.address() + ": an address other than loopback needs TLS;"
                    + " set keystore (a PKCS#12 file with the certificate and key) and keystore.password in " + PID + ".cfg";
        }
        return null;
    }
}
