package dev.lifeline.gateway.qos;

import java.util.List;
import java.util.Objects;

/**
 * What the engineer says about the links and the calls, beyond the site file.
 *
 * @param uplink the path's upload rate as sold or measured
 * @param downlink its download rate
 * @param codecs the codecs the site's calls use; the first is the one calls are counted in
 *               when a single figure is wanted
 * @param voiceShare the part of the shaped rate voice may take, (0, 1]; 0.25 by default, the
 *                   share CAKE's diffserv4 gives its Voice tin at priority
 * @param shapeAt the part of the link rate the shaper is set to, [0.5, 1); 0.95 by default:
 *                just below the link, so the queue builds in the router where priorities
 *                apply and not in the modem
 */
public record PlanOptions(LinkRate uplink, LinkRate downlink, Shaper shaper, List<CodecUse> codecs,
                          double voiceShare, double shapeAt) {

    public static final double DEFAULT_VOICE_SHARE = 0.25;
    public static final double DEFAULT_SHAPE_AT = 0.95;

    public PlanOptions {
        Objects.requireNonNull(uplink, "uplink");
        Objects.requireNonNull(downlink, "downlink");
        Objects.requireNonNull(shaper, "shaper");
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("at least one codec is needed");
        }
        if (!(voiceShare > 0 && voiceShare <= 1)) {
            throw new IllegalArgumentException("the voice share must lie in (0 %, 100 %], was " + voiceShare * 100 + " %");
        }
        if (!(shapeAt >= 0.5 && shapeAt < 1)) {
            throw new IllegalArgumentException("the shaping point must lie in [50 %, 100 %), was " + shapeAt * 100 + " %");
        }
    }
}
