package io.phyllome.bench.platform;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * One session of the platform's Gogo shell, driven from outside the framework: the commands a
 * user types, through the same command processor. Gogo's types live in its bundle, so they are
 * reached by reflection on their public interfaces.
 */
public final class Shell implements AutoCloseable {

    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";

    private final Object session;
    private final Method execute;
    private final Method close;
    private final ByteArrayOutputStream output;

    private Shell(Object session, Method execute, Method close, ByteArrayOutputStream output) {
        this.session = session;
        this.execute = execute;
        this.close = close;
        this.output = output;
    }

    /** Waits until the platform's {@code vm:} commands are registered, then opens a session. */
    static Shell await(BundleContext context, long timeout, TimeUnit unit) throws Exception {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        ServiceReference<?> processor;
        while ((processor = reference(context, PROCESSOR, null)) == null || reference(context, null, "(osgi.command.scope=vm)") == null) {
            if (System.nanoTime() > deadline) {
                StringBuilder states = new StringBuilder();
                for (org.osgi.framework.Bundle b : context.getBundles()) {
                    if (b.getState() != org.osgi.framework.Bundle.ACTIVE) {
                        states.append(' ').append(b.getSymbolicName()).append("=").append(b.getState());
                    }
                }
                StringBuilder services = new StringBuilder();
                ServiceReference<?>[] all = context.getAllServiceReferences(null, null);
                for (ServiceReference<?> ref : all == null ? new ServiceReference<?>[0] : all) {
                    services.append(' ').append(java.util.Arrays.toString((String[]) ref.getProperty("objectClass")));
                }
                throw new IllegalStateException("the platform's shell commands did not appear within " + timeout + " " + unit
                        + (states.length() == 0 ? " (every bundle is active)" : "; bundles not active (state):" + states) + "; services:" + services);
            }
            Thread.sleep(10);
        }
        Object service = context.getService(processor);
        ClassLoader gogo = processor.getBundle().adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader();
        Class<?> processorType = gogo.loadClass(PROCESSOR);
        Class<?> sessionType = gogo.loadClass(SESSION);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        Object session = processorType.getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                .invoke(service, new ByteArrayInputStream(new byte[0]), out, out);
        return new Shell(session, sessionType.getMethod("execute", CharSequence.class), sessionType.getMethod("close"), output);
    }

    /**
     * Every service, not only those whose types this caller's class loader sees the same way: the
     * benchmark's class path holds the platform's classes too, which the system bundle would see.
     */
    private static ServiceReference<?> reference(BundleContext context, String type, String filter) throws InvalidSyntaxException {
        ServiceReference<?>[] refs = context.getAllServiceReferences(type, filter);
        return refs == null ? null : refs[0];
    }

    /**
     * Runs a command line and returns its result as the shell would print it.
     *
     * @throws Exception the command's error
     */
    public String run(String line) throws Exception {
        try {
            Object result = execute.invoke(session, line);
            return result == null ? "" : result.toString();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw new IllegalStateException("'" + line + "' failed: " + ex.getMessage(), ex);
            }
            throw e;
        } finally {
            output.reset();
        }
    }

    @Override
    public void close() {
        try {
            close.invoke(session);
        } catch (ReflectiveOperationException e) {
            // the framework is going away anyway
        }
    }
}
