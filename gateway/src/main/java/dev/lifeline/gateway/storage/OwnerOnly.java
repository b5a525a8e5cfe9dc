package dev.lifeline.gateway.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and directories only their owner may use. Where the file system has no POSIX modes
 * (Windows), the directory's ACL is what protects them and these do nothing more than create.
 */
final class OwnerOnly {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    static void createDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }

    /** Creates {@code file} empty with mode 0600, or narrows an existing one to 0600. */
    static void createOrNarrow(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } catch (FileAlreadyExistsException exists) {
            narrow(file);
        } catch (UnsupportedOperationException notPosix) {
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        }
    }

    /** Takes every permission of group and others away from {@code file}; warns when it cannot. */
    static void narrow(Path file) throws IOException {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return;
        }
        if (FILE.containsAll(mode)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, FILE);
            log.info("{}: mode {} narrowed to {} (it holds registrations and calls)", file,
                    PosixFilePermissions.toString(mode), PosixFilePermissions.toString(FILE));
        } catch (IOException e) {
            // Not ours to change (another owner): the gateway still runs, and says what to fix.
            log.warn("{}: mode {} lets other users read registrations and calls, and it cannot be changed ({});"
                    + " run: chmod 600 {}", file, PosixFilePermissions.toString(mode), e.toString(), file);
        }
    }
}
