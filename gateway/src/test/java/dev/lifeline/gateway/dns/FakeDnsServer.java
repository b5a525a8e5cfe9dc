package dev.lifeline.gateway.dns;

import dev.lifeline.gateway.config.HostPort;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server for tests: UDP on a loopback address, an ephemeral port, an
 * in-memory zone. It can be switched to answer SERVFAIL or REFUSED, to stay silent, or be
 * stopped. It records every question and the address each came from.
 */
public final class FakeDnsServer implements AutoCloseable {

    /** How the server treats queries. */
    enum Mode { ANSWER, SERVFAIL, REFUSED, SILENT }

    /** One question received. */
    record Query(InetAddress source, String name, int type) {
    }

    private static final Name SOA_OWNER = name("test.");

    private final DatagramSocket socket;
    private final HostPort address;
    private final Thread thread;
    private final List<Record> zone = new CopyOnWriteArrayList<>();
    private final List<Query> queries = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.ANSWER;
    private volatile long negativeTtl = 60;

    private FakeDnsServer(DatagramSocket socket) {
        this.socket = socket;
        this.address = HostPort.of(socket.getLocalAddress().getHostAddress(), socket.getLocalPort());
        this.thread = Thread.ofPlatform().daemon().name("fake-dns " + socket.getLocalSocketAddress()).start(this::serve);
    }

    /** Starts a server on {@code ip} (a 127/8 address) and an ephemeral port. */
    public static FakeDnsServer start(String ip) throws IOException {
        return new FakeDnsServer(new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), 0)));
    }

    public HostPort address() {
        return address;
    }

    void mode(Mode m) {
        mode = m;
    }

    /** The TTL and MINIMUM of the SOA sent with negative answers. */
    void negativeTtl(long seconds) {
        negativeTtl = seconds;
    }

    FakeDnsServer add(Record r) {
        zone.add(r);
        return this;
    }

    void clearZone() {
        zone.clear();
    }

    public FakeDnsServer a(String owner, String ip, long ttl) {
        try {
            return add(new ARecord(name(owner), DClass.IN, ttl, InetAddress.getByName(ip)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    FakeDnsServer aaaa(String owner, String ip, long ttl) {
        try {
            return add(new AAAARecord(name(owner), DClass.IN, ttl, InetAddress.getByName(ip)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public FakeDnsServer srv(String owner, int priority, int weight, int port, String target, long ttl) {
        return add(new SRVRecord(name(owner), DClass.IN, ttl, priority, weight, port, name(target)));
    }

    FakeDnsServer naptr(String owner, int order, int pref, String service, String replacement, long ttl) {
        return add(new NAPTRRecord(name(owner), DClass.IN, ttl, order, pref, "s", service, "", name(replacement)));
    }

    FakeDnsServer cname(String owner, String target, long ttl) {
        return add(new CNAMERecord(name(owner), DClass.IN, ttl, name(target)));
    }

    List<Query> queries() {
        return List.copyOf(queries);
    }

    long queries(String name, int type) {
        Name n = name(name);
        return queries.stream().filter(q -> q.type() == type && name(q.name()).equals(n)).count();
    }

    /** Closes the socket: queries then meet a closed port. */
    void stop() {
        socket.close();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        thread.join(2000);
    }

    static Name name(String s) {
        try {
            return Name.fromString(s.endsWith(".") ? s : s + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                continue;
            }
            try {
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record q = query.getQuestion();
                queries.add(new Query(packet.getAddress(), q.getName().toString(), q.getType()));
                Mode m = mode;
                if (m == Mode.SILENT) {
                    continue;
                }
                byte[] out = answer(query, m).toWire(512);
                socket.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                // a malformed query or a socket closed meanwhile: nothing to answer
            }
        }
    }

    private Message answer(Message query, Mode m) {
        Message r = new Message(query.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            r.getHeader().setFlag(Flags.RD);
        }
        Record q = query.getQuestion();
        r.addRecord(q, Section.QUESTION);
        if (m == Mode.SERVFAIL) {
            r.getHeader().setRcode(Rcode.SERVFAIL);
            return r;
        }
        if (m == Mode.REFUSED) {
            r.getHeader().setRcode(Rcode.REFUSED);
            return r;
        }
        Name current = q.getName();
        for (int hop = 0; hop < 8; hop++) {
            List<Record> data = matching(current, q.getType());
            if (!data.isEmpty()) {
                data.forEach(d -> r.addRecord(d, Section.ANSWER));
                return r;
            }
            List<Record> cname = matching(current, Type.CNAME);
            if (cname.isEmpty()) {
                break;
            }
            r.addRecord(cname.getFirst(), Section.ANSWER);
            current = ((CNAMERecord) cname.getFirst()).getTarget();
        }
        Name at = current;
        boolean exists = zone.stream().anyMatch(z -> z.getName().equals(at));
        if (!exists) {
            r.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        r.addRecord(new SOARecord(SOA_OWNER, DClass.IN, negativeTtl, name("ns.test."), name("hostmaster.test."),
                1, 3600, 600, 86400, negativeTtl), Section.AUTHORITY);
        return r;
    }

    private List<Record> matching(Name n, int type) {
        List<Record> out = new ArrayList<>();
        for (Record z : zone) {
            if (z.getName().equals(n) && z.getType() == type) {
                out.add(z);
            }
        }
        return out;
    }
}
