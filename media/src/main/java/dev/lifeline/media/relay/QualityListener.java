package dev.lifeline.media.relay;

/**
 * Receives quality reports: every report interval while a session is up and once per leg at its
 * end. Called on the session's event loop, so it must hand the report on and return.
 */
@FunctionalInterface
public interface QualityListener {

    QualityListener NONE = q -> { };

    void onQuality(LegQuality quality);
}
