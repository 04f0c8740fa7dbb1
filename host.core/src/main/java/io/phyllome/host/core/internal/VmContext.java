package io.phyllome.host.core.internal;

import io.phyllome.host.hypervisor.HostCapabilities;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.vm.VmSpec;

/** What a profile sees of one creation. */
record VmContext(VmSpec spec, HostCapabilities host) implements ProfileContext {
}
