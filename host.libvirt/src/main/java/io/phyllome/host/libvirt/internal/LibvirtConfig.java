package io.phyllome.host.libvirt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Phyllome libvirt connection", description = "Which libvirt the platform drives.")
public @interface LibvirtConfig {

    /** The configuration PID. */
    String PID = "io.phyllome.host.libvirt";

    /**
     * Framework property giving the URI, e.g. from the command line or the launcher's
     * PHYLLOME_LIBVIRT_URI; when set, it wins over the configuration, so that one run can be
     * pointed elsewhere whatever the host's configuration directory says.
     */
    String URI_PROPERTY = "phyllome.libvirt.uri";

    @AttributeDefinition(name = "Connection URI", description = "A libvirt URI such as qemu:///system or qemu+ssh://host/system."
            + " Empty: qemu:///system when that daemon answers, else the embedded driver in the state directory.")
    String uri() default "";

    @AttributeDefinition(name = "Disk pool", description = "The libvirt storage pool for VM disks: an existing pool of type dir, fs or netfs"
            + " (e.g. on a network file system), whose directory then holds the disks. Empty: STATE/disks, shown to libvirt as a transient"
            + " pool named phyllome.")
    String pool() default "";
}
