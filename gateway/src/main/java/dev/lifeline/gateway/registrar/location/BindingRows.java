package dev.lifeline.gateway.registrar.location;

import dev.lifeline.gateway.storage.Instants;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.Uri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bindings to and from rows of the {@code binding} table. */
final class BindingRows {

    private static final Logger log = LoggerFactory.getLogger(BindingRows.class);

    private BindingRows() {
    }

    /** Binds the upsert statement's parameters and runs it. */
    static void bind(PreparedStatement s, Binding b) throws SQLException {
        s.setString(1, b.aor());
        s.setString(2, b.key());
        s.setString(3, b.contact().toString());
        if (b.q().isPresent()) {
            s.setDouble(4, b.q().getAsDouble());
        } else {
            s.setNull(4, Types.REAL);
        }
        s.setLong(5, Instants.toNanos(b.expiresAt()));
        s.setString(6, b.callId());
        s.setLong(7, b.cseq());
        s.setString(8, b.flow().transport().name());
        s.setString(9, b.flow().remote().getAddress().getHostAddress());
        s.setInt(10, b.flow().remote().getPort());
        s.setString(11, b.flow().local().getAddress().getHostAddress());
        s.setInt(12, b.flow().local().getPort());
        s.setString(13, b.instance().orElse(null));
        if (b.regId().isPresent()) {
            s.setInt(14, b.regId().getAsInt());
        } else {
            s.setNull(14, Types.INTEGER);
        }
        s.setString(15, b.userAgent());
        s.setLong(16, Instants.toNanos(b.updatedAt()));
        s.executeUpdate();
    }

    /** Every row that still reads as a binding; a row that does not is logged and left alone. */
    static List<Binding> readAll(Connection c) throws SQLException {
        List<Binding> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM binding")) {
            while (rs.next()) {
                try {
                    out.add(binding(rs));
                } catch (RuntimeException | UnknownHostException e) {
                    log.warn("ignoring unreadable binding {}/{}: {}", rs.getString("aor"), rs.getString("binding_key"), e.toString());
                }
            }
        }
        return out;
    }

    private static Binding binding(ResultSet rs) throws SQLException, UnknownHostException {
        double q = rs.getDouble("q");
        OptionalDouble optionalQ = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(q);
        int regId = rs.getInt("reg_id");
        OptionalInt optionalRegId = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(regId);
        Flow flow = new Flow(Transport.valueOf(rs.getString("transport")),
                address(rs.getString("remote_host"), rs.getInt("remote_port")),
                address(rs.getString("local_host"), rs.getInt("local_port")),
                Optional.empty());
        return new Binding(rs.getString("aor"), rs.getString("binding_key"), Uri.parse(rs.getString("contact")),
                optionalQ, Instants.fromNanos(rs.getLong("expires_at")), rs.getString("call_id"), rs.getLong("cseq"),
                flow, Optional.ofNullable(rs.getString("instance")), optionalRegId, rs.getString("user_agent"),
                Instants.fromNanos(rs.getLong("updated_at")));
    }

    /** Stored hosts are IP literals (getHostAddress), so this never asks DNS. */
    private static InetSocketAddress address(String literal, int port) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(literal), port);
    }
}
