package dev.lifeline.media.relay;

import java.util.Map;

/**
 * What one leg's media path did with the packets it received.
 *
 * @param rtpForwarded  RTP packets sent on to the other leg
 * @param rtcpForwarded RTCP packets sent on to the other leg
 * @param drops         packets dropped, by the stage's reason
 */
public record LegCounts(long rtpForwarded, long rtcpForwarded, Map<DropReason, Long> drops) {

    public LegCounts {
        drops = Map.copyOf(drops);
    }

    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }
}
