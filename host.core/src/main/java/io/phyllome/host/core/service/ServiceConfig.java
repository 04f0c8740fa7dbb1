package io.phyllome.host.core.service;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Phyllome service", description = "How the long-running platform (./phyllome serve) stops.")
public @interface ServiceConfig {

    String PID = "io.phyllome.host.service";

    @AttributeDefinition(name = "Guest shutdown timeout", description = "When the service stops on libvirt's embedded driver, whose"
            + " VMs live only as long as the service: how many seconds the guests get to power off after the ACPI shutdown request"
            + " before they are powered off (libvirt-guests waits 300 s by default).")
    int guestShutdownTimeoutSeconds() default 120;
}
