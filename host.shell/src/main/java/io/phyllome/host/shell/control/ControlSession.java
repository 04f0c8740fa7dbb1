package io.phyllome.host.shell.control;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

import io.phyllome.host.client.protocol.Candidate;
import io.phyllome.host.client.protocol.Frame;
import io.phyllome.host.client.protocol.FrameChannel;
import io.phyllome.host.client.protocol.ProtocolException;
import io.phyllome.host.shell.CommandRunner;
import io.phyllome.host.shell.Terminal;

/**
 * One client's connection: its hello, then its commands, each run in one Gogo session as a script
 * runs it. A reader takes the client's frames while a command runs (its input, its answers to
 * prompts); a client that breaks the protocol or goes away ends only its own session.
 */
final class ControlSession implements Runnable {

    private static final System.Logger LOG = System.getLogger(ControlSession.class.getName());
    /** Ends the queue of commands: the client has gone or broke the protocol. */
    private static final Frame END = new Frame(Frame.Type.IN_END, new byte[0]);
    private static final String NOT_A_CLIENT = "this is the phyllome control socket (protocol " + Frame.VERSION + "): use the phyllome client";
    /** How long a connection may stay silent before its hello: a silent one holds a thread. */
    private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);

    private final FrameChannel frames;
    private final CommandProcessor processor;
    private final Runnable beforeCommand;
    private final Function<String, List<Candidate>> completion;
    private final String greeting;
    private final ExecutorService readers;
    private final ScheduledExecutorService timer;
    private final LinkedBlockingQueue<Frame> commands = new LinkedBlockingQueue<>();
    private final FrameInput input = new FrameInput();
    private ClientTerminal terminal;
    private boolean completes;

    /**
     * @param beforeCommand waits until the platform is ready for a command (profiles restored,
     *                      configuration applied)
     * @param completion    the candidates for a line up to the cursor, at the client's prompt
     * @param readers       runs the reader of the client's frames
     * @param timer         ends a connection that does not say hello in time
     */
    ControlSession(FrameChannel frames, CommandProcessor processor, Runnable beforeCommand, Function<String, List<Candidate>> completion,
            String greeting, ExecutorService readers, ScheduledExecutorService timer) {
        this.frames = frames;
        this.processor = processor;
        this.beforeCommand = beforeCommand;
        this.completion = completion;
        this.greeting = greeting;
        this.readers = readers;
        this.timer = timer;
    }

    @Override
    public void run() {
        try {
            ScheduledFuture<?> silent = timer.schedule(this::close, HELLO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Optional<Frame> hello;
            try {
                hello = frames.read();
            } catch (ProtocolException e) {
                throw new ProtocolException(NOT_A_CLIENT + " (" + e.getMessage() + ")");
            }
            silent.cancel(false);
            if (hello.isEmpty()) {
                return; // connected and left: a probe
            }
            int flags = checkHello(hello.get());
            completes = (flags & Frame.COMPLETION) != 0;
            frames.write(Frame.greeting(greeting, completes));
            terminal = (flags & Frame.TERMINAL) != 0 ? new ClientTerminal(frames) : null;
            readers.execute(this::readClient);
            runCommands();
        } catch (ProtocolException e) {
            refuse(e.getMessage()); // while the connection is still open: the client learns why
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "a control session ended: " + e.getMessage());
        } catch (RejectedExecutionException e) {
            // the service is stopping
        } finally {
            close();
        }
    }

    private static int checkHello(Frame hello) throws ProtocolException {
        if (hello.type() != Frame.Type.HELLO || hello.payload().length != 2 || hello.payload()[0] != Frame.VERSION) {
            throw new ProtocolException(NOT_A_CLIENT);
        }
        return hello.payload()[1];
    }

    private void runCommands() throws IOException {
        PrintStream out = new PrintStream(new FrameOutput(frames, Frame.Type.OUT), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FrameOutput(frames, Frame.Type.ERR), true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(input, out, err)) {
            session.put(Terminal.ATTRIBUTE, terminal != null ? terminal : Boolean.FALSE);
            for (Frame command = take(); command != END; command = take()) {
                String line = command.type() == Frame.Type.LINE ? command.text() : CommandRunner.line(command.words().toArray(String[]::new));
                int status;
                try {
                    beforeCommand.run();
                    status = CommandRunner.run(session, line, out, err);
                } catch (RuntimeException e) {
                    err.println("error: " + e.getMessage()); // the platform is not ready: said as any command's error
                    status = 1;
                }
                frames.write(Frame.exit(status));
            }
        }
    }

    /** The client's frames while the session lasts: commands to run, input, answers to prompts. */
    private void readClient() {
        try {
            for (Optional<Frame> next = frames.read(); next.isPresent(); next = frames.read()) {
                Frame frame = next.get();
                switch (frame.type()) {
                    case COMMAND, LINE -> commands.add(frame);
                    case IN -> input.add(frame.payload());
                    case IN_END -> input.end();
                    case REPLY -> {
                        if (terminal == null) {
                            throw new ProtocolException("a reply, but no prompt was sent");
                        }
                        terminal.reply(frame);
                    }
                    case COMPLETE -> {
                        if (!completes) {
                            throw new ProtocolException("a completion request, but the hello did not ask for completion");
                        }
                        // answered here, between commands: the client waits for it at its prompt
                        frames.write(Candidate.frame(completion.apply(frame.completeBeforeCursor())));
                    }
                    default -> throw new ProtocolException("a client does not send " + frame.type() + " frames");
                }
            }
        } catch (ProtocolException e) {
            refuse(e.getMessage());
        } catch (IOException e) {
            // the client went away mid-frame
        } finally {
            // a command waiting for input or an answer gets none; the session ends after it
            input.end();
            if (terminal != null) {
                terminal.gone();
            }
            commands.add(END);
        }
    }

    private Frame take() {
        try {
            return commands.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }

    /** Tells the client what it did wrong and ends the session; the service goes on. */
    private void refuse(String why) {
        LOG.log(System.Logger.Level.WARNING, "refused a control client: " + why);
        try {
            frames.write(Frame.text(Frame.Type.ERR, "phyllome: " + why + "\n"));
            frames.write(Frame.exit(2));
            timer.schedule(this::close, HELLO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS); // a client that never leaves
            frames.finish();
        } catch (IOException | RejectedExecutionException e) {
            // gone already, or the service is stopping
        }
        close();
    }

    private void close() {
        try {
            frames.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
