package dev.lifeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.path.MediaSample;
import dev.lifeline.gateway.routing.TrunkCallMedia;
import dev.lifeline.media.relay.LegActivity;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the media watch counts on a path: calls whose provider should be heard from. A caller on
 * hold, a far end quiet on purpose (comfort noise) and a call on the other path cannot make the
 * path suspect; their silence is no news.
 */
class MediaWatchSampleTest {

    private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration SILENCE = Duration.ofMillis(250);
    private static final InetAddress WAN1 = address("127.0.0.11");
    private static final InetAddress WAN2 = address("127.0.0.12");

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LegActivity heard(long msAgo, boolean comfortNoise) {
        return new LegActivity(100, Optional.of(T.minusMillis(msAgo)), comfortNoise);
    }

    /** A call whose provider fell silent 400 ms ago while the phone sent 10 ms ago. */
    private static TrunkCallMedia silentProvider(InetAddress path, boolean providerSends, boolean comfortNoise) {
        return new TrunkCallMedia(path, heard(400, comfortNoise), heard(10, false), providerSends);
    }

    @Test
    void aCallWhoseProviderWentSilentWhileThePhoneTalksIsSilence() {
        MediaSample s = LivePaths.sample(List.of(silentProvider(WAN1, true, false)), WAN1);
        assertThat(s.watched()).isEqualTo(1);
        assertThat(s.silent(T, SILENCE)).isTrue();
    }

    @Test
    void aCallOnHoldIsNotWatched() {
        // The provider answered our hold offer with recvonly/inactive (or we hold it): it sends nothing.
        MediaSample s = LivePaths.sample(List.of(silentProvider(WAN1, false, false)), WAN1);
        assertThat(s.watched()).isZero();
        assertThat(s.silent(T, SILENCE)).isFalse();
    }

    @Test
    void aFarEndQuietWithComfortNoiseIsNotWatched() {
        MediaSample s = LivePaths.sample(List.of(silentProvider(WAN1, true, true)), WAN1);
        assertThat(s.silent(T, SILENCE)).isFalse();
    }

    @Test
    void oneCallStillHeardKeepsThePathAliveAndCallsOnOtherPathsDoNotCount() {
        TrunkCallMedia talking = new TrunkCallMedia(WAN1, heard(30, false), heard(10, false), true);
        assertThat(LivePaths.sample(List.of(silentProvider(WAN1, true, false), talking), WAN1).silent(T, SILENCE))
                .isFalse();
        MediaSample other = LivePaths.sample(List.of(silentProvider(WAN2, true, false)), WAN1);
        assertThat(other.watched()).isZero();
    }

    @Test
    void aCallNotYetHeardOnThisPathIsNotWatched() {
        // Just moved here by a failover: nothing delivered on the new path yet.
        TrunkCallMedia moved = new TrunkCallMedia(WAN1, new LegActivity(0, Optional.of(T.minusSeconds(2)), false),
                heard(10, false), true);
        assertThat(LivePaths.sample(List.of(moved), WAN1).watched()).isZero();
    }

    @Test
    void aCallJustResumedAfterAHoldIsSilentOnlyFromTheResume() {
        // Held for 5 s, the provider's last packet is 5 s old; it said it sends again 100 ms ago.
        LegActivity beforeHold = heard(5_000, false);
        TrunkCallMedia resumed = new TrunkCallMedia(WAN1,
                TrunkCallMedia.heardSince(beforeHold, Optional.of(T.minusMillis(100))), heard(10, false), true);
        assertThat(LivePaths.sample(List.of(resumed), WAN1).silent(T, SILENCE)).isFalse();
        // Still silent 400 ms after the resume: that is news.
        TrunkCallMedia stillSilent = new TrunkCallMedia(WAN1,
                TrunkCallMedia.heardSince(beforeHold, Optional.of(T.minusMillis(400))), heard(10, false), true);
        assertThat(LivePaths.sample(List.of(stillSilent), WAN1).silent(T, SILENCE)).isTrue();
        // A provider heard after it said it sends keeps its own last packet.
        assertThat(TrunkCallMedia.heardSince(heard(30, false), Optional.of(T.minusMillis(100)))).isEqualTo(heard(30, false));
    }
}
