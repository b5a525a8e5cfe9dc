package dev.lifeline.sip.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What polling compares to notice that a file changed: modification time, size and file key
 * (inode), so an atomic rename of a same-sized file is seen too. A missing or unreadable file
 * has a stamp of its own, so its disappearance is a change, reported once.
 */
record FileStamp(Path path, FileTime modified, long size, Object fileKey) {

    private static final FileTime NEVER = FileTime.fromMillis(0);

    static FileStamp of(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStamp(path, attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            return new FileStamp(path, NEVER, -1, null);
        }
    }
}
