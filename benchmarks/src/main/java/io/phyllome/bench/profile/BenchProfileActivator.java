package io.phyllome.bench.profile;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import io.phyllome.host.profile.GuestProfile;

/** Registers {@link BenchProfile} (no DS needed for one service). */
public final class BenchProfileActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(GuestProfile.class, new BenchProfile(), null);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
