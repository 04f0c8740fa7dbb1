package io.phyllome.distro.it;

import javax.inject.Inject;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * A test that runs inside the platform: Pax Exam starts a fresh Felix for each test class, as
 * {@link TestPlatform} describes it (with the class's own state directory), and injects its
 * bundle context. A class that needs another framework overrides {@link #config()}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class FrameworkTest {

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] config() throws Exception {
        return TestPlatform.options(getClass());
    }
}
