package dev.lifeline.gateway.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One write, run by the writer thread inside a batch's transaction. It must not commit or roll
 * back: the writer does, once for the whole batch.
 */
@FunctionalInterface
public interface SqlWrite {
    void run(Connection connection) throws SQLException;
}
