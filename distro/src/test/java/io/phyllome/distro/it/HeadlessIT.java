package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;

/** headless.bndrun: the core with only the Linux profile runs; it carries no other guest's knowledge. */
public class HeadlessIT extends FrameworkTest {

    @Override
    @Configuration
    public Option[] config() {
        return TestPlatform.options(HeadlessIT.class, Path.of(TestPlatform.required("phyllome.it.headless.bndrun")));
    }

    @Test
    public void onlyTheLinuxProfileAndEveryBundleActive() throws Exception {
        Osgi osgi = new Osgi(context);
        List<String> run = osgi.runBundles();
        assertTrue(run.toString(), run.contains("io.phyllome.host.core") && run.contains("io.phyllome.profiles.linux"));
        assertTrue(run.toString(), run.stream().noneMatch(b -> b.contains("windows") || b.contains("macos")));
        for (Bundle b : context.getBundles()) {
            if (run.contains(b.getSymbolicName())) {
                assertEquals(b.getSymbolicName() + " state", Bundle.ACTIVE, b.getState());
            }
        }
        Profiles profiles = osgi.service(Profiles.class, null);
        Osgi.await("linux is listed", java.time.Duration.ofSeconds(10), () -> !profiles.list().isEmpty());
        assertEquals(List.of("linux"), profiles.list().stream().map(ProfileDescriptor::id).toList());
        String list = osgi.gogo("profile:list");
        assertTrue(list, list.lines().skip(1).findFirst().orElse("").startsWith("linux ")); // below the header line
        assertTrue(Arrays.stream(context.getBundles()).noneMatch(b -> String.valueOf(b.getSymbolicName()).contains("windows")));
    }
}
