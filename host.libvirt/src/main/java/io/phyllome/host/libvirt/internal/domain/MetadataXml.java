package io.phyllome.host.libvirt.internal.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.phyllome.host.libvirt.internal.xml.Element;

/**
 * {@code <metadata>}: the libosinfo id (so virt-manager and Cockpit recognise the OS) and the
 * platform's own record of the VM: its profile, the options it was created with and the disks it
 * created.
 */
public record MetadataXml(String osinfoId, String profile, Map<String, String> options, List<String> managedDisks) implements DomainPart {

    public MetadataXml {
        options = new TreeMap<>(options);
        managedDisks = List.copyOf(managedDisks);
    }

    public static final String PHYLLOME_NS = "https://phyllo.me/xmlns/host/1.0";
    public static final String LIBOSINFO_NS = "http://libosinfo.org/xmlns/libvirt/domain/1.0";
    public static final String PREFIX = "phyllome";

    @Override
    public Element toElement() {
        Element metadata = Element.of("metadata");
        if (osinfoId != null) {
            metadata.add(Element.of("libosinfo:libosinfo").attr("xmlns:libosinfo", LIBOSINFO_NS)
                    .add(Element.of("libosinfo:os").attr("id", osinfoId)));
        }
        return metadata.add(platformElement(PREFIX).attr("xmlns:" + PREFIX, PHYLLOME_NS));
    }

    /**
     * The platform's own element: the profile, its options and the disks it created.
     *
     * @param prefix the namespace prefix, or an empty string for libvirt's metadata API, which
     *               puts the element in the namespace itself
     */
    public Element platformElement(String prefix) {
        String p = prefix.isEmpty() ? "" : prefix + ":";
        Element vm = Element.of(p + "vm").add(Element.of(p + "profile").attr("id", profile));
        options.forEach((name, value) -> vm.add(Element.of(p + "option").attr("name", name).attr("value", value)));
        managedDisks.forEach(path -> vm.add(Element.of(p + "disk").attr("path", path)));
        return vm;
    }
}
