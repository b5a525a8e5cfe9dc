package dev.lifeline.gateway;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Secrets the gateway generates for itself and keeps across restarts: 32 random bytes, hex, in a
 * file only its owner may read (mode 0600, created that way so no other user can read it even
 * for a moment). An existing file that its group or others may read or write is refused, as ssh
 * refuses such a private key: whoever can read the admin token can read the registrations, and
 * whoever can write it can lock the operator out.
 */
final class SecretFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFiles() {
    }

    /** The secret in {@code file}, generating it when the file does not exist. */
    static String readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            requireOwnerOnly(file);
            String value = Files.readString(file).strip();
            if (value.isEmpty()) {
                throw new IOException(file + " is empty; delete it to have a new secret generated");
            }
            return value;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = HexFormat.of().formatHex(bytes);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            create(file);
        } catch (FileAlreadyExistsException raced) {
            return readOrCreate(file);
        }
        Files.writeString(file, value + "\n", StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return value;
    }

    /** Refuses a file its group or others can access; nothing to check where there are no POSIX modes. */
    static void requireOwnerOnly(Path file) throws IOException {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return;
        }
        Set<PosixFilePermission> others = EnumSet.copyOf(mode);
        others.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        if (!others.isEmpty()) {
            throw new IOException("mode " + PosixFilePermissions.toString(mode) + " lets other users at it; expected"
                    + " rw------- (run: chmod 600 " + file + ")");
        }
    }

    private static void create(Path file) throws IOException {
        try {
            Files.createFile(file, ownerOnly());
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file); // e.g. Windows: the directory's ACL is what protects it
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }
}
