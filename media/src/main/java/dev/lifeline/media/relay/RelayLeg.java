package dev.lifeline.media.relay;

import dev.lifeline.media.rtp.ReceiverStatistics;
import dev.lifeline.media.rtp.RoundTripMeter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One leg's state: its sockets, where its endpoint is, what was measured on the stream it sends,
 * and its two stage chains. Touched only on the session's event loop.
 */
final class RelayLeg {

    final Leg leg;
    final SourceLatch rtpLatch;
    final SourceLatch rtcpLatch;
    final RoundTripMeter roundTrip;
    final SenderReportLog reportsSentHere = new SenderReportLog();
    final LegCounters counters = new LegCounters();
    final List<LegSockets> draining = new ArrayList<>();
    /** The chains of draining sockets, by channel: they pass only the source latched at the move. */
    private final Map<Channel, Stage[]> drainChains = new HashMap<>();
    /** Written on the loop; volatile so that the leg's address can be read from anywhere. */
    volatile LegSockets active;
    // Written on the loop for every RTP packet, read from anywhere ({@link #activity()}): plain
    // volatile fields, no object per packet. A reader may see them from two neighbouring packets.
    private volatile long activityPackets;
    private volatile long lastArrivalNanos = Long.MIN_VALUE;
    private volatile boolean lastComfortNoise;
    RemoteMedia remote;
    /** Where this leg's signalling comes from: media may come from there too (NAT). */
    private Set<InetAddress> signalling = Set.of();
    /** The IPs this leg's SDP declared last, kept across a legacy hold (c=0.0.0.0). */
    private Set<InetAddress> declared = Set.of();
    StreamCodec codec = StreamCodec.DEFAULT;
    ReceiverStatistics statistics = new ReceiverStatistics(StreamCodec.DEFAULT.clockRate());
    Stage[] rtpChain = new Stage[0];
    Stage[] rtcpChain = new Stage[0];

    RelayLeg(Leg leg, LatchPolicy policy, InstantSource clock) {
        this.leg = leg;
        this.rtpLatch = new SourceLatch(policy);
        this.rtcpLatch = new SourceLatch(policy);
        this.roundTrip = new RoundTripMeter(clock);
    }

    /** Builds the chains once both legs exist: forwarding needs the other one. */
    void connect(RelayLeg other, InstantSource clock) {
        rtpChain = new Stage[] {
            new RtpValidation(counters),
            new Latching(rtpLatch, counters),
            new Activity(this),
            new Statistics(this),
            new Forwarding(other, Kind.RTP, counters),
        };
        rtcpChain = new Stage[] {
            new RtcpValidation(counters),
            new Latching(rtcpLatch, counters),
            new RtcpObservation(this, other, clock),
            new Forwarding(other, Kind.RTCP, counters),
        };
    }

    /**
     * The chain for a packet that arrived on {@code channel}: the leg's own for its active
     * sockets, a drain chain for a socket left behind by a move. Packets still in flight on the
     * old path are played out, but never latch: once the far end's answer has pointed the leg at
     * a new address, a late packet from the old path must not pull the leg's media back there.
     */
    Stage[] chain(Channel channel, Kind kind) {
        Stage[] drain = drainChains.get(channel);
        if (drain != null) {
            return drain;
        }
        return kind == Kind.RTP ? rtpChain : rtcpChain;
    }

    /** The active pair becomes {@code fresh}; {@code old} drains, open only to the sources latched now. */
    void move(LegSockets fresh, RelayLeg other, InstantSource clock) {
        LegSockets old = active;
        active = fresh;
        activityPackets = 0;
        if (old == null) {
            return;
        }
        rtpLatch.movedToNewSockets();
        rtcpLatch.movedToNewSockets();
        draining.add(old);
        drainChains.put(old.rtp(), new Stage[] {
            new RtpValidation(counters),
            new SourceCheck(rtpLatch.latched().orElse(null), counters),
            new Statistics(this),
            new Forwarding(other, Kind.RTP, counters),
        });
        drainChains.put(old.rtcp(), new Stage[] {
            new RtcpValidation(counters),
            new SourceCheck(rtcpLatch.latched().orElse(null), counters),
            new RtcpObservation(this, other, clock),
            new Forwarding(other, Kind.RTCP, counters),
        });
    }

    void noteActivity(long arrivalNanos, boolean comfortNoise) {
        lastArrivalNanos = arrivalNanos;
        lastComfortNoise = comfortNoise;
        activityPackets++;      // one writer: the leg's event loop
    }

    LegActivity activity() {
        long packets = activityPackets;
        long last = lastArrivalNanos;
        return packets == 0 && last == Long.MIN_VALUE ? LegActivity.NONE
                : new LegActivity(packets, last == Long.MIN_VALUE ? Optional.empty()
                        : Optional.of(Instant.ofEpochSecond(0, last)), lastComfortNoise);
    }

    /** A drained pair is closed: forget its chains. */
    boolean retire(LegSockets old) {
        drainChains.remove(old.rtp());
        drainChains.remove(old.rtcp());
        return draining.remove(old);
    }

    /**
     * Where to send this leg's endpoint its media: the latched source, else what SDP said. RTCP
     * falls back from its own latch to a=rtcp, then to the RTP destination's port + 1. Nothing
     * is sent to a legacy hold address.
     */
    InetSocketAddress destination(Kind kind) {
        Optional<InetSocketAddress> rtp = rtpLatch.latched()
                .or(() -> Optional.ofNullable(remote).filter(r -> !r.isHold()).map(RemoteMedia::rtp));
        if (kind == Kind.RTP) {
            return rtp.orElse(null);
        }
        return rtcpLatch.latched()
                .or(() -> Optional.ofNullable(remote).filter(r -> !r.isHold()).flatMap(RemoteMedia::rtcp))
                .or(() -> rtp.map(a -> new InetSocketAddress(a.getAddress(), a.getPort() + 1)))
                .orElse(null);
    }

    void updateRemote(RemoteMedia next) {
        if (remote != null && !remote.rtp().equals(next.rtp()) && !next.isHold()) {
            // New SDP points at another endpoint (transfer, media server): the latch is stale.
            rtpLatch.reset();
            rtcpLatch.reset();
        }
        remote = next;
        if (!next.isHold()) {
            // A legacy hold says where not to send, not who the endpoint is: its addresses stay.
            Set<InetAddress> ips = new HashSet<>();
            ips.add(next.rtp().getAddress());
            next.rtcp().ifPresent(a -> ips.add(a.getAddress()));
            declared = Set.copyOf(ips);
        }
        expectSources();
    }

    /** The leg's signalling now comes from {@code addresses} (replacing what was known before). */
    void signalledFrom(Set<InetAddress> addresses) {
        signalling = Set.copyOf(addresses);
        expectSources();
    }

    private void expectSources() {
        Set<InetAddress> all = new HashSet<>(declared);
        all.addAll(signalling);
        all.removeIf(InetAddress::isAnyLocalAddress);
        rtpLatch.expect(all);
        rtcpLatch.expect(all);
    }

    void useCodec(StreamCodec next) {
        if (next.clockRate() != codec.clockRate()) {
            statistics = new ReceiverStatistics(next.clockRate());   // jitter is in timestamp units
        }
        codec = next;
    }

    LegQuality quality(String sessionId, Instant at, boolean isFinal, Duration minJitterBuffer) {
        return LegQuality.rate(sessionId, leg, at, isFinal, codec, statistics.snapshot(), roundTrip.last(), minJitterBuffer);
    }
}
