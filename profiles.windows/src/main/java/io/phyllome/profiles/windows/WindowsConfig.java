package io.phyllome.profiles.windows;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Phyllome Windows profiles", description = "Where the Windows profiles find their driver media.")
public @interface WindowsConfig {

    /** The configuration PID shared by all Windows profiles. */
    String PID = "io.phyllome.profiles.windows";

    /** Where Fedora's virtio-win package installs the driver image. */
    String DEFAULT_VIRTIO_WIN = "/usr/share/virtio-win/virtio-win.iso";

    @AttributeDefinition(name = "virtio-win ISO", description = "The virtio-win driver image attached to Windows VMs so"
            + " their installer sees virtio disks and NICs.")
    String virtioWinIso() default DEFAULT_VIRTIO_WIN;
}
