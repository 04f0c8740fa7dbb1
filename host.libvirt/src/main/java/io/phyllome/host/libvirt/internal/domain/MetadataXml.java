package io.phyllome.host.libvirt.internal.domain;

import java.util.List;

import io.phyllome.host.libvirt.internal.xml.Element;

/**
 * {@code <metadata>}: the libosinfo id (so virt-manager and Cockpit recognise the OS) and the
 * platform's own record of the VM: its profile and the disks it created.
 */
public record MetadataXml(String osinfoId, String profile, List<String> managedDisks) implements DomainPart {

    public static final String PHYLLOME_NS = "https://phyllo.me/xmlns/host/1.0";
    public static final String LIBOSINFO_NS = "http://libosinfo.org/xmlns/libvirt/domain/1.0";

    @Override
    public Element toElement() {
        Element metadata = Element.of("metadata");
        if (osinfoId != null) {
            metadata.add(Element.of("libosinfo:libosinfo").attr("xmlns:libosinfo", LIBOSINFO_NS)
                    .add(Element.of("libosinfo:os").attr("id", osinfoId)));
        }
        Element vm = Element.of("phyllome:vm").attr("xmlns:phyllome", PHYLLOME_NS)
                .add(Element.of("phyllome:profile").attr("id", profile));
        managedDisks.forEach(path -> vm.add(Element.of("phyllome:disk").attr("path", path)));
        return metadata.add(vm);
    }
}
