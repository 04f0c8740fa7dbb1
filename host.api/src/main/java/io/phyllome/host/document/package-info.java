/**
 * The JSON documents of the host: what the shell's {@code --format json} prints and what the REST
 * API answers, one record each, whose components are the fields that the schemas under
 * {@code docs/api/v1} describe. Secrets (disk keys, tokens) are never among them.
 */
@Version("1.0.0")
@Export
package io.phyllome.host.document;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
