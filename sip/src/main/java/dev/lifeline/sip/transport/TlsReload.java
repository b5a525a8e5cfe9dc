package dev.lifeline.sip.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What happened when TLS files changed on disk.
 *
 * @param material "transport" for the transport-wide certificate and trust, or
 *                 "client profile NAME"
 * @param files    the files of that material
 * @param applied  true when new handshakes now use the new files; false when they were
 *                 rejected and the previous material stays in use
 * @param detail   "reloaded", or why the files were rejected (naming the file)
 */
public record TlsReload(String material, List<Path> files, boolean applied, String detail) {

    public TlsReload {
        Objects.requireNonNull(material, "material");
        files = List.copyOf(files);
        Objects.requireNonNull(detail, "detail");
    }
}
