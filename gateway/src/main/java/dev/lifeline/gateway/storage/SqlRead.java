package dev.lifeline.gateway.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** A query run on the database's read connection. */
@FunctionalInterface
public interface SqlRead<T> {
    T run(Connection connection) throws SQLException;
}
