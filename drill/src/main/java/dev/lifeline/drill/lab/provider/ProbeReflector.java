package dev.lifeline.drill.lab.provider;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quality-probe reflector on a provider target's address: the far end of the gateway's
 * per-path quality probe stream (RTP-sized UDP, 50/s; loss, jitter and RTT are measured by the
 * prober from what comes back).
 *
 * <p>Wire contract: a datagram is echoed, unchanged, to its source when it starts with the four
 * bytes {@link #MAGIC} ("LLQP", Lifeline quality probe) and is at most {@link #MAX_ECHO_LENGTH}
 * bytes long; anything else is counted and dropped, so the reflector cannot be used to amplify or
 * bounce arbitrary traffic. The reflector reads nothing after the magic: the prober owns the
 * rest (it would typically put a path id, a sequence number and its send time there, and pad to
 * the size of an RTP packet so that the probe sees what media sees).
 */
public final class ProbeReflector implements AutoCloseable {

    /** "LLQP": the first four bytes of every probe the reflector answers. */
    public static final byte[] MAGIC = {'L', 'L', 'Q', 'P'};
    /** Longer datagrams are not echoed (an RTP-sized probe is 172 bytes with a 160-byte payload). */
    public static final int MAX_ECHO_LENGTH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(ProbeReflector.class);

    private final DatagramSocket socket;
    private final LongAdder echoed = new LongAdder();
    private final LongAdder ignored = new LongAdder();

    private ProbeReflector(DatagramSocket socket, String name) {
        this.socket = socket;
        Thread.ofPlatform().daemon().name("lab-reflector-" + name).start(this::serve);
    }

    /** Opens the reflector on {@code bind}; {@code name} names its thread. */
    public static ProbeReflector open(InetSocketAddress bind, String name) throws SocketException {
        return new ProbeReflector(new DatagramSocket(bind), name);
    }

    /** Whether a datagram of {@code length} bytes starting with {@code data} is echoed. */
    public static boolean echoes(byte[] data, int length) {
        if (length < MAGIC.length || length > MAX_ECHO_LENGTH) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (data[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Probes echoed so far. */
    public long echoed() {
        return echoed.sum();
    }

    /** Datagrams dropped: wrong magic or too long. */
    public long ignored() {
        return ignored.sum();
    }

    private void serve() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                if (echoes(packet.getData(), packet.getLength())) {
                    socket.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
                    echoed.increment();
                } else {
                    ignored.increment();
                }
            } catch (SocketException e) {
                return;                       // closed
            } catch (IOException e) {
                LOG.debug("probe reflector {}: {}", address(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
