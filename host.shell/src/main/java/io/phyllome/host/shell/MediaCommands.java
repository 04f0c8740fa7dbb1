package io.phyllome.host.shell;

import java.nio.file.Path;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.document.MediaList;
import io.phyllome.host.shell.format.Format;
import io.phyllome.host.shell.format.Formatter;
import io.phyllome.host.storage.MediaFile;
import io.phyllome.host.storage.MediaLibrary;

/** The {@code media:} commands of the shell: install media and driver images. */
@Component(service = MediaCommands.class, property = { "osgi.command.scope=media", "osgi.command.function=import",
        "osgi.command.function=list", "osgi.command.function=remove" })
public class MediaCommands {

    private final MediaLibrary library;

    @Activate
    public MediaCommands(@Reference MediaLibrary library) {
        this.library = library;
    }

    @Descriptor("copy an ISO or disk image into the media library, verified against its SHA-256")
    public String _import(CommandSession session,
            @Descriptor("its name in the library (default: the file's name), e.g. virtio-win.iso")
            @Parameter(names = "--name", absentValue = "") String name,
            @Descriptor("the file") String file,
            @Descriptor("the SHA-256 its publisher lists") String sha256) {
        MediaFile medium = library.importFile(Path.of(file).toAbsolutePath(), sha256, name, percent -> {
            if (session != null && session.getConsole() != null) {
                session.getConsole().print("\rimporting " + file + ": " + percent + "%");
                session.getConsole().flush();
            }
        });
        return "\nimported " + medium.name() + " (" + medium.size() + ", sha256 " + medium.sha256() + ")";
    }

    @Descriptor("list the media library: name, size, SHA-256")
    public String list(@Descriptor(Format.HELP) @Parameter(names = Format.OPTION, absentValue = Format.DEFAULT) String format) {
        return Formatter.render(format, () -> MediaList.of(library.list()));
    }

    @Descriptor("remove a file from the media library")
    public String remove(@Descriptor("its name (see media:list)") String name) {
        library.remove(name);
        return "removed " + name;
    }
}
