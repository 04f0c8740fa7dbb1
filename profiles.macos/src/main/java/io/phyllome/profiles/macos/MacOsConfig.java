package io.phyllome.profiles.macos;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Phyllome macOS profiles", description = "The Apple SMC key the macOS profiles give QEMU's"
        + " isa-applesmc device. The platform does not ship it.")
public @interface MacOsConfig {

    /** The configuration PID shared by all macOS profiles. */
    String PID = "io.phyllome.profiles.macos";

    @AttributeDefinition(name = "Apple SMC key (OSK)", description = "The 64 characters macOS checks its SMC for. Empty: the"
            + " media library's " + MacOsProfile.OSK_MEDIUM + " holds them (media:import).")
    String osk() default "";
}
