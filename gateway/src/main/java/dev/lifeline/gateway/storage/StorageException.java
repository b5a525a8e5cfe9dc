package dev.lifeline.gateway.storage;

/** The storage file could not be opened, migrated, read or written; the message names the file. */
public final class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
