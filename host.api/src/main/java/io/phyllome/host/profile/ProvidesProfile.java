package io.phyllome.host.profile;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;

/**
 * Declares, in the bundle's manifest, that the annotated {@link GuestProfile} class provides a
 * profile: bnd turns it into a capability
 * {@code Provide-Capability: io.phyllome.profile;io.phyllome.profile=<id>;family=<family>;osinfo:List<String>=...}
 * so that tools and the platform's {@code profile:install} can find, in a repository index,
 * which bundle provides a profile without starting it. Put it on each profile component, with
 * the same id as its {@link ProfileDescriptor#id()}:
 *
 * <pre>
 * &#64;Component
 * &#64;ProvidesProfile(id = "acme-os", family = OsFamily.LINUX, osinfo = "http://acme.example/acme-os/5")
 * public class AcmeProfile implements GuestProfile { ... }
 * </pre>
 *
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Capability(namespace = ProvidesProfile.NAMESPACE)
public @interface ProvidesProfile {

    /** The capability namespace of guest profiles; its main attribute has the same name and holds the profile id. */
    String NAMESPACE = "io.phyllome.profile";
    /** Attribute: the OS family, e.g. {@code WINDOWS}. */
    String FAMILY = "family";
    /** Attribute: the libosinfo ids, most specific first. */
    String OSINFO = "osinfo";

    /** The profile id, as {@link ProfileDescriptor#id()}. */
    @Attribute(NAMESPACE)
    String id();

    /** The operating-system family. */
    @Attribute(FAMILY)
    OsFamily family();

    /** libosinfo ids of the guests it fits, as {@link ProfileDescriptor#osinfoIds()}. */
    @Attribute(OSINFO)
    String[] osinfo() default {};
}
