package io.phyllome.host.libvirt.internal.domain;

import io.phyllome.host.libvirt.internal.xml.Element;

/** One element of libvirt's domain XML, as a typed value. */
interface DomainPart {

    Element toElement();
}
