package dev.lifeline.media.sdp;

import java.util.Optional;

/** The direction attributes of RFC 8866 §6.7 (hold and resume, RFC 3264 §8.4). */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    public String attribute() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Direction> of(SdpLine line) {
        if (line.type() != 'a') {
            return Optional.empty();
        }
        for (Direction d : values()) {
            if (line.value().equals(d.attribute())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
