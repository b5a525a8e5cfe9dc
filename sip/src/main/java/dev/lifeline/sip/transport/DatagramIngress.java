package dev.lifeline.sip.transport;

import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipDatagramDecoder;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.logging.LogLimiter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between the UDP sockets and the SIP layer: the I/O threads only drain the sockets into this
 * queue (a copy and a glance at the first line), and one ingress thread parses, screens and
 * delivers what waits, first what goes ahead, then the rest in arrival order.
 *
 * <p>Why: a registration storm arrives faster than parsing and the transaction layer take it.
 * Left in the kernel, the excess overflows the socket's receive buffer, and the kernel drops
 * blindly — an emergency INVITE, or the answer to the gateway's own request, as likely as the
 * ten-thousandth REGISTER — and every drop costs a retransmission later, which feeds the storm.
 * Drained at once into memory, nothing is lost below the budget, and what matters most goes
 * first: responses (the gateway's own transactions: probes, trunk, calls) and the requests
 * {@link IngressPriority} names (emergency calls). The first lane holds at most a small share
 * of the budget, so a flood of forged responses cannot crowd out the rest. Over the budget,
 * datagrams are dropped and counted ({@link DropReason#INGRESS_FULL}), as the kernel would.
 *
 * <p>STUN Binding requests on the SIP port (RFC 5626 keepalives) are answered on the I/O
 * thread, and datagrams of only CR/LF (keepalives) dropped there ({@link SipDatagramDecoder#sipBytes});
 * neither waits.
 */
final class DatagramIngress implements AutoCloseable {

    static final Logger log = LoggerFactory.getLogger(DatagramIngress.class);

    /** Bytes waiting at most, both lanes together: about 90,000 REGISTERs. */
    static final long BUDGET = 64L << 20;
    /** Bytes the first lane may hold; more go to the other lane. */
    static final long FIRST_BUDGET = 4L << 20;
    /** Bookkeeping per datagram beyond its bytes, for the budget. */
    private static final int OVERHEAD = 96;

    /** A datagram as read, and where to answer it. */
    private record Arrival(byte[] data, InetSocketAddress sender, InetSocketAddress recipient,
                           ChannelHandlerContext ctx, DatagramInbound inbound) {
        long weight() {
            return data.length + OVERHEAD;
        }
    }

    private final SipParser parser;
    private final IngressPriority priority;
    private final TransportCounters counters;
    private final LogLimiter fullLog = LogLimiter.system();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition waiting = lock.newCondition();
    private final ArrayDeque<Arrival> first = new ArrayDeque<>();
    private final ArrayDeque<Arrival> rest = new ArrayDeque<>();
    private final Thread thread;
    private long firstBytes;
    private long bytes;
    private boolean closed;

    DatagramIngress(SipParser parser, IngressPriority priority, TransportCounters counters) {
        this.parser = parser;
        this.priority = priority;
        this.counters = counters;
        this.thread = new Thread(this::loop, "sip-ingress");
        thread.setDaemon(true);
        thread.start();
    }

    /** The pipeline's first stage of a UDP socket: drains it into this queue. */
    ChannelInboundHandlerAdapter reader(DatagramInbound inbound) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!(msg instanceof DatagramPacket packet)) {
                    ctx.fireChannelRead(msg);
                    return;
                }
                try {
                    arrived(ctx, packet, inbound);
                } finally {
                    packet.release();
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // ICMP port unreachable and the like surface here; a UDP socket outlives them.
                NettySipTransport.log.debug("UDP socket {}: {}", ctx.channel().localAddress(), cause.toString());
            }
        };
    }

    private void arrived(ChannelHandlerContext ctx, DatagramPacket packet, DatagramInbound inbound) {
        byte[] data = SipDatagramDecoder.sipBytes(ctx, packet);
        if (data == null) {
            return;   // a keepalive, or STUN (answered)
        }
        boolean ahead = isResponse(data) || priority.first(data, data.length);
        Arrival arrival = new Arrival(data, packet.sender(), packet.recipient(), ctx, inbound);
        if (!offer(arrival, ahead)) {
            counters.drop(DropReason.INGRESS_FULL);
            fullLog.admit("ingress full", null).ifPresent(held -> log.warn("SIP ingress queue full ({} MiB waiting):"
                    + " dropping datagrams until the gateway catches up; phones will retransmit{}", BUDGET >> 20,
                    LogLimiter.heldBack(held)));
        }
    }

    private boolean offer(Arrival arrival, boolean ahead) {
        long w = arrival.weight();
        lock.lock();
        try {
            if (closed || bytes + w > BUDGET) {
                return false;
            }
            if (ahead && firstBytes + w <= FIRST_BUDGET) {
                first.add(arrival);
                firstBytes += w;
            } else {
                rest.add(arrival);
            }
            bytes += w;
            waiting.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private Arrival take() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                Arrival a = first.poll();
                if (a != null) {
                    firstBytes -= a.weight();
                    bytes -= a.weight();
                    return a;
                }
                a = rest.poll();
                if (a != null) {
                    bytes -= a.weight();
                    return a;
                }
                if (closed) {
                    return null;
                }
                waiting.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        try {
            Arrival a;
            while ((a = take()) != null) {
                try {
                    ParseResult result = parser.parse(a.data(), 0, a.data().length);
                    a.inbound().deliver(a.ctx(), result, a.sender(), a.recipient());
                } catch (RuntimeException e) {
                    counters.drop(DropReason.HANDLER_FAILED);
                    log.warn("SIP ingress failed on a datagram from {}", a.sender(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bytes waiting now, both lanes. */
    long waitingBytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking datagrams; what waits is dropped. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            first.clear();
            rest.clear();
            bytes = 0;
            firstBytes = 0;
            waiting.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isResponse(byte[] data) {
        return data.length >= 8 && data[0] == 'S' && data[1] == 'I' && data[2] == 'P' && data[3] == '/'
                && data[4] == '2' && data[5] == '.' && data[6] == '0' && data[7] == ' ';
    }
}
