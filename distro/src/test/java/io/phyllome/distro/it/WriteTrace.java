package io.phyllome.distro.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The paths a process tree wrote, from {@code strace -ff -y -z} output (one file per process):
 * files opened for writing or created, directories made or removed, files removed, renamed,
 * linked or truncated, and UNIX sockets bound. Relative paths are resolved against each process's
 * working directory, followed through chdir, fchdir and the forks that inherit it.
 */
final class WriteTrace {

    /** The strace options that give what {@link #read} needs. */
    static List<String> straceOptions(Path prefix) {
        return List.of("strace", "-ff", "--seccomp-bpf", "-y", "-z", "-qq", "-s", "4096", "-o", prefix.toString(), "-e",
                "trace=open,openat,openat2,creat,mkdir,mkdirat,rmdir,unlink,unlinkat,rename,renameat,renameat2,link,linkat,"
                        + "symlink,symlinkat,truncate,mknod,mknodat,bind,chdir,fchdir,clone,clone3,fork,vfork");
    }

    private static final Pattern CALL = Pattern.compile("^(\\w+)\\((.*)\\)\\s+=\\s+(-?\\d+)(?:<([^>]*)>)?.*$");
    private static final Pattern ANNOTATED = Pattern.compile("^(?:AT_FDCWD|\\d+)<(.*)>$");
    private static final Set<String> WRITE_FLAGS = Set.of("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC");

    private final Map<Integer, List<String>> calls = new HashMap<>();
    private final Set<String> written = new TreeSet<>();

    private WriteTrace() {
    }

    /** Reads the files {@code prefix.PID} that {@code strace -ff -o prefix} wrote; {@code cwd} is the first process's. */
    static Set<String> read(Path prefix, Path cwd) {
        WriteTrace trace = new WriteTrace();
        try (Stream<Path> files = Files.list(prefix.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix.getFileName() + ".")).toList()) {
                int pid = Integer.parseInt(file.getFileName().toString().substring(prefix.getFileName().toString().length() + 1));
                trace.calls.put(pid, Files.readAllLines(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trace " + prefix, e);
        }
        Set<Integer> children = new TreeSet<>();
        trace.calls.values().forEach(lines -> lines.forEach(l -> {
            Matcher m = CALL.matcher(l);
            if (m.matches() && m.group(1).matches("clone3?|v?fork")) {
                children.add(Integer.parseInt(m.group(3)));
            }
        }));
        trace.calls.keySet().stream().filter(pid -> !children.contains(pid)).toList().forEach(root -> trace.follow(root, cwd));
        return trace.written;
    }

    /** Replays one process's calls from its first working directory, then those of its children. */
    private void follow(int pid, Path start) {
        Path cwd = start;
        for (String line : calls.getOrDefault(pid, List.of())) {
            Matcher m = CALL.matcher(line);
            if (!m.matches()) {
                continue; // signals, exits, calls that did not finish
            }
            String call = m.group(1);
            List<String> args = split(m.group(2));
            switch (call) {
                case "clone", "clone3", "fork", "vfork" -> follow(Integer.parseInt(m.group(3)), cwd);
                case "chdir" -> cwd = cwd.resolve(string(args.get(0))).normalize();
                case "fchdir" -> cwd = Path.of(annotation(args.get(0)));
                case "open", "creat", "openat", "openat2" -> {
                    boolean at = call.startsWith("openat");
                    String flags = args.size() > (at ? 2 : 1) ? args.get(at ? 2 : 1) : "";
                    if (call.equals("creat") || Stream.of(flags.split("[|{}=, ]")).anyMatch(WRITE_FLAGS::contains)) {
                        add(m.group(4) != null ? Path.of(m.group(4)) : path(cwd, at ? args.get(0) : null, args.get(at ? 1 : 0)));
                    }
                }
                case "mkdir", "rmdir", "unlink", "truncate", "mknod" -> add(path(cwd, null, args.get(0)));
                case "mkdirat", "unlinkat", "mknodat" -> add(path(cwd, args.get(0), args.get(1)));
                case "rename", "link" -> {
                    add(path(cwd, null, args.get(0)));
                    add(path(cwd, null, args.get(1)));
                }
                case "renameat", "renameat2", "linkat" -> {
                    add(path(cwd, args.get(0), args.get(1)));
                    add(path(cwd, args.get(2), args.get(3)));
                }
                case "symlink" -> add(path(cwd, null, args.get(1)));
                case "symlinkat" -> add(path(cwd, args.get(1), args.get(2)));
                case "bind" -> {
                    Matcher socket = Pattern.compile("sun_path=(\"(?:[^\"\\\\]|\\\\.)*\")").matcher(m.group(2));
                    if (socket.find() && !string(socket.group(1)).startsWith("@")) {
                        add(path(cwd, null, socket.group(1)));
                    }
                }
                default -> { }
            }
        }
        calls.remove(pid);
    }

    /** Keeps a removed or renamed source path too: it was changed all the same. */
    private void add(Path path) {
        written.add(path.normalize().toString());
    }

    private static Path path(Path cwd, String dirfd, String quoted) {
        Path path = Path.of(string(quoted));
        if (path.isAbsolute()) {
            return path;
        }
        return (dirfd == null ? cwd : Path.of(annotation(dirfd))).resolve(path);
    }

    private static String annotation(String fd) {
        Matcher m = ANNOTATED.matcher(fd.strip());
        if (!m.matches()) {
            throw new AssertionError("no path for the file descriptor " + fd + " (strace -y)");
        }
        return m.group(1);
    }

    /** A C string as strace prints it, unquoted and unescaped. */
    private static String string(String quoted) {
        String s = quoted.strip();
        if (!s.startsWith("\"")) {
            throw new AssertionError("not a string in the trace: " + s);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) {
                char next = s.charAt(++i);
                if (next == 'x') {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.append(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> next;
                    });
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Splits a call's arguments at the commas outside strings, braces and brackets. */
    private static List<String> split(String args) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{' || c == '[' || c == '(' || c == '<') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')' || c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(args.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(args.substring(start).strip());
        return parts;
    }
}
