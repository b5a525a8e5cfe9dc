package dev.lifeline.gateway.qos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A site's QoS plan: the nftables file, one shaping script per path, and the arithmetic behind
 * the rates.
 *
 * @param nftables the {@code inet lifeline_qos} table, for {@code nft -f}
 * @param shaping path name to its {@code tc} script, in the site's path order
 * @param perCall the bandwidth of one call's stream per codec (and address family used)
 * @param capacity how many calls each path carries, per codec
 */
public record QosPlan(String nftables, Map<String, String> shaping, List<CallBandwidth> perCall,
                      List<PathCapacity> capacity, String arithmetic) {

    public QosPlan {
        Objects.requireNonNull(nftables, "nftables");
        shaping = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shaping));
        perCall = List.copyOf(perCall);
        capacity = List.copyOf(capacity);
        Objects.requireNonNull(arithmetic, "arithmetic");
    }

    /**
     * Calls one path carries with one codec: the voice share of each shaped direction divided
     * by one stream's Ethernet rate; the smaller direction is the answer.
     */
    public record PathCapacity(String path, CallBandwidth call, long upKbit, long downKbit, long voiceUpBits,
                               long voiceDownBits) {

        public long callsUp() {
            return call.streamsIn(voiceUpBits);
        }

        public long callsDown() {
            return call.streamsIn(voiceDownBits);
        }

        public long calls() {
            return Math.min(callsUp(), callsDown());
        }
    }
}
