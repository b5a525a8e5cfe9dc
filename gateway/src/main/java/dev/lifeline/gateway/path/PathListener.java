package dev.lifeline.gateway.path;

import dev.lifeline.gateway.config.WanPath;
import java.util.Optional;

/**
 * Told when trunk signalling and provider media must move: re-REGISTER the trunk over
 * {@code to} and move active calls' provider-side media there. Empty {@code to}: no WAN path is
 * left (survival mode); empty {@code from}: none was active (start, or leaving survival mode).
 * Called on the path manager's scheduler thread: hand long work off.
 */
public interface PathListener {

    void onActivePathChanged(Optional<WanPath> from, Optional<WanPath> to, String reason);
}
