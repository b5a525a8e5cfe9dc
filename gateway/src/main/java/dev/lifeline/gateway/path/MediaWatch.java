package dev.lifeline.gateway.path;

import dev.lifeline.gateway.config.WanPath;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Samples the provider-side media of the live calls on a path (see {@link MediaSample}). */
@FunctionalInterface
public interface MediaWatch {

    CompletionStage<MediaSample> sample(WanPath path);

    /** No calls to watch: suspicion comes from OPTIONS alone. */
    MediaWatch NONE = path -> CompletableFuture.completedFuture(MediaSample.NONE);
}
