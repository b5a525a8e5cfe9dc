package dev.lifeline.drill.lab.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One path's resolver: a UDP socket and a TCP listener on the same loopback address and port,
 * answering from this endpoint's own {@link ZoneView} under its current {@link DnsFault}. The
 * view and the fault are swapped atomically at runtime; each query is answered from the view
 * current when it arrived.
 */
public final class ResolverEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResolverEndpoint.class);
    /** Tries to find a port free on both UDP and TCP when an ephemeral one was asked for. */
    private static final int BIND_ATTEMPTS = 8;
    /** A TCP client idle this long is dropped, so a stuck client cannot hold a thread for the whole drill. */
    private static final int TCP_IDLE_MILLIS = 10_000;

    private final String path;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final AtomicReference<ZoneView> view;
    private final AtomicReference<DnsFault> fault = new AtomicReference<>(DnsFault.NONE);
    private final LongAdder queries = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder nxDomain = new LongAdder();
    private final LongAdder servFail = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder otherError = new LongAdder();
    private final LongAdder silent = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder tcpQueries = new LongAdder();
    private final Map<String, LongAdder> byQuestion = new ConcurrentHashMap<>();

    private ResolverEndpoint(String path, DatagramSocket udp, ServerSocket tcp, ZoneView view) {
        this.path = path;
        this.udp = udp;
        this.tcp = tcp;
        this.view = new AtomicReference<>(view);
        Thread.ofPlatform().daemon().name("lab-dns-udp-" + path).start(this::serveUdp);
        Thread.ofPlatform().daemon().name("lab-dns-tcp-" + path).start(this::serveTcp);
    }

    /**
     * Opens the endpoint for {@code path} on {@code bind} (port 0: one port free for both UDP and TCP).
     *
     * @throws IOException when the address cannot be bound, naming the path and address
     */
    public static ResolverEndpoint open(String path, InetSocketAddress bind, ZoneView view) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(view, "view");
        IOException last = null;
        for (int attempt = 0; attempt < (bind.getPort() == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            DatagramSocket udp = null;
            try {
                udp = new DatagramSocket(bind);
                ServerSocket tcp = new ServerSocket();
                try {
                    tcp.setReuseAddress(true);
                    tcp.bind(new InetSocketAddress(bind.getAddress(), udp.getLocalPort()), 50);
                } catch (IOException e) {
                    tcp.close();
                    throw e;
                }
                return new ResolverEndpoint(path, udp, tcp, view);
            } catch (IOException e) {
                if (udp != null) {
                    udp.close();
                }
                last = e;
            }
        }
        throw new BindException("DNS endpoint for path " + path + " cannot bind " + bind + " on UDP and TCP: "
                + (last == null ? "unknown" : last.getMessage()) + " (is the address a loopback address of this host, and the port free?)");
    }

    public String path() {
        return path;
    }

    /** Where the path's resolver is: give this to the gateway as the path's DNS server. */
    public InetSocketAddress address() {
        return (InetSocketAddress) udp.getLocalSocketAddress();
    }

    public ZoneView view() {
        return view.get();
    }

    public void setView(ZoneView replacement) {
        view.set(Objects.requireNonNull(replacement, "view"));
    }

    /** Changes the view, e.g. {@code v -> v.without(srvName, Type.SRV)}; returns the new one. */
    public ZoneView updateView(UnaryOperator<ZoneView> change) {
        return view.updateAndGet(change);
    }

    public DnsFault fault() {
        return fault.get();
    }

    public void setFault(DnsFault value) {
        DnsFault previous = fault.getAndSet(Objects.requireNonNull(value, "fault"));
        if (previous != value) {
            LOG.info("lab DNS {} on {}: fault {} -> {}", path, address(), previous, value);
        }
    }

    public DnsCounters counters() {
        return new DnsCounters(queries.sum(), answered.sum(), nxDomain.sum(), servFail.sum(), refused.sum(),
                otherError.sum(), silent.sum(), malformed.sum(), tcpQueries.sum());
    }

    /** How many queries asked for {@code name} (any case) and {@code type}, whatever the answer. */
    public long queries(Name name, int type) {
        LongAdder count = byQuestion.get(key(name, type));
        return count == null ? 0 : count.sum();
    }

    /** The answer to the wire bytes of one query, or empty for none. Never throws. */
    Optional<byte[]> handle(byte[] data, int length, boolean overUdp) {
        queries.increment();
        if (!overUdp) {
            tcpQueries.increment();
        }
        Message query;
        try {
            query = new Message(java.util.Arrays.copyOf(data, length));
        } catch (IOException | RuntimeException e) {
            malformed.increment();
            return formatError(data, length);
        }
        Record question = query.getQuestion();
        if (question != null) {
            byQuestion.computeIfAbsent(key(question.getName(), question.getType()), k -> new LongAdder()).increment();
        }
        Optional<Message> response = ZoneAnswerer.answer(view.get(), fault.get(), query);
        if (response.isEmpty()) {
            silent.increment();
            return Optional.empty();
        }
        count(response.get().getRcode());
        return Optional.of(overUdp ? response.get().toWire(ZoneAnswerer.udpLimit(query)) : response.get().toWire());
    }

    private void count(int rcode) {
        switch (rcode) {
            case Rcode.NOERROR -> answered.increment();
            case Rcode.NXDOMAIN -> nxDomain.increment();
            case Rcode.SERVFAIL -> servFail.increment();
            case Rcode.REFUSED -> refused.increment();
            default -> otherError.increment();
        }
    }

    /** RFC 1035 §4.1.1: FORMERR echoing the ID when there is a header to echo; a non-query (QR set) gets nothing. */
    private Optional<byte[]> formatError(byte[] data, int length) {
        if (length < 12 || (data[2] & 0x80) != 0) {
            return Optional.empty();
        }
        Message error = new Message(((data[0] & 0xFF) << 8) | (data[1] & 0xFF));
        error.getHeader().setFlag(Flags.QR);
        error.getHeader().setRcode(Rcode.FORMERR);
        return Optional.of(error.toWire());
    }

    private static String key(Name name, int type) {
        return name.toString().toLowerCase(Locale.ROOT) + " " + Type.string(type);
    }

    private void serveUdp() {
        byte[] buffer = new byte[65_535];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                Optional<byte[]> answer = handle(packet.getData(), packet.getLength(), true);
                if (answer.isPresent()) {
                    udp.send(new DatagramPacket(answer.get(), answer.get().length, packet.getSocketAddress()));
                }
            } catch (SocketException e) {
                return;                      // closed
            } catch (IOException e) {
                LOG.debug("lab DNS {}: UDP send failed: {}", path, e.toString());
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket client = tcp.accept();
                Thread.ofVirtual().name("lab-dns-tcp-client-" + path).start(() -> serveTcpClient(client));
            } catch (IOException e) {
                return;                      // closed
            }
        }
    }

    private void serveTcpClient(Socket client) {
        try (client) {
            client.setSoTimeout(TCP_IDLE_MILLIS);
            DataInputStream in = new DataInputStream(client.getInputStream());
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            while (!tcp.isClosed()) {
                int length = in.readUnsignedShort();
                byte[] data = in.readNBytes(length);
                if (data.length < length) {
                    return;
                }
                Optional<byte[]> answer = handle(data, length, false);
                if (answer.isPresent()) {
                    out.writeShort(answer.get().length);
                    out.write(answer.get());
                    out.flush();
                }
            }
        } catch (EOFException e) {
            // the client closed: the normal end of a TCP exchange
        } catch (IOException e) {
            LOG.debug("lab DNS {}: TCP client ended: {}", path, e.toString());
        }
    }

    @Override
    public void close() {
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            LOG.debug("lab DNS {}: closing TCP listener: {}", path, e.toString());
        }
    }

    @Override
    public String toString() {
        return "ResolverEndpoint[" + path + " " + address() + " " + fault.get() + "]";
    }
}
