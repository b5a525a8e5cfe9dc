package dev.lifeline.gateway.dns;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.SipTimeoutException;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends one request to a provider's targets in turn (RFC 3263 §4.3): the next target is tried
 * after a timeout, a transport error or a 503; any other answer is the result. Each failed
 * target is reported as an {@link Event.ProviderTargetFailed}; when all fail, the stage fails
 * with {@link AllTargetsFailedException} naming each target and why.
 *
 * <p>The same logic serves REGISTER, OPTIONS and INVITE: the caller supplies the function that
 * sends its request to one target (usually {@code SipStack.request(req.withTarget(..),
 * target.toTarget())}) and completes with the final response, or fails with the stack's
 * {@link SipTimeoutException} or {@link dev.lifeline.sip.transport.TransportException}. A new
 * request must go to each target (a new Via branch: it is a new client transaction).
 *
 * <p><b>INVITE.</b> Only failures before any provisional response other than 100 move on: a
 * 180 or 183 may have reached the caller's phone and may have made an early dialog, so after
 * one the target is committed and its final answer, whatever it is, is the result. Use
 * {@link #sendInvite}: its function receives a {@code Consumer<SipResponse>} to pass every
 * provisional response to (it is the stack's {@code provisional} callback, or is called from
 * it), which is how failover learns the commitment. {@link #send} with INVITE is only right when
 * the caller knows no provisional response can precede a failure it reports.
 */
public final class TargetFailover {

    private final String trunk;
    private final InstantSource clock;
    private final Consumer<Event> events;

    /**
     * @param trunk  the trunk's name, for events and messages
     * @param clock  stamps events
     * @param events receives {@link Event.ProviderTargetFailed}; must not block
     */
    public TargetFailover(String trunk, InstantSource clock, Consumer<Event> events) {
        this.trunk = Objects.requireNonNull(trunk, "trunk");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * The pure rule: what a target's outcome means. Exactly one of {@code response} and
     * {@code failure} is non-null; {@code committed} is true when an INVITE's target already
     * sent a provisional response other than 100.
     *
     * <ul>
     *   <li>A response: 503 → try next (RFC 3263 §4.3), unless committed; any other → answered.
     *       408 and 5xx other than 503 are the provider's answer: the trunk layer decides what
     *       they mean, another address of the same provider would say the same.</li>
     *   <li>{@link SipTimeoutException} (Timer B/F) → try next, unless committed.</li>
     *   <li>Any {@link IOException}, such as {@link dev.lifeline.sip.transport.TransportException}
     *       (connect refused, TLS handshake, ICMP) → try next, unless committed.</li>
     *   <li>Anything else (authentication that cannot be answered, a stopped stack, a bug) → failed:
     *       another target would not change it.</li>
     * </ul>
     */
    public static TargetVerdict classify(SipResponse response, Throwable failure, boolean committed) {
        if (response != null) {
            if (response.status() == 503 && !committed) {
                return new TargetVerdict.TryNext(response.status() + " " + response.reason());
            }
            return new TargetVerdict.Answered(response);
        }
        Throwable t = unwrap(Objects.requireNonNull(failure, "either a response or a failure"));
        if (committed) {
            return new TargetVerdict.Failed(t);
        }
        if (t instanceof SipTimeoutException) {
            return new TargetVerdict.TryNext("timeout: " + t.getMessage());
        }
        if (t instanceof IOException) {
            return new TargetVerdict.TryNext("transport error: " + (t.getMessage() != null ? t.getMessage() : t.toString()));
        }
        return new TargetVerdict.Failed(t);
    }

    /**
     * Sends a REGISTER, OPTIONS or other non-INVITE request (see the class comment for INVITE).
     *
     * @param method  the request's method, for events and messages
     * @param targets in the order to try, as {@link SipLocator} gave them
     * @param request sends the request to one target; completes with the final response
     */
    public CompletionStage<SipResponse> send(String method, List<ProviderTarget> targets,
                                             Function<ProviderTarget, CompletionStage<SipResponse>> request) {
        Objects.requireNonNull(request, "request");
        return run(method, targets, (target, provisional) -> request.apply(target));
    }

    /**
     * Sends an INVITE: like {@link #send}, but the function gets a consumer to give every
     * provisional response to; after one other than 100 the target is committed.
     */
    public CompletionStage<SipResponse> sendInvite(List<ProviderTarget> targets,
            BiFunction<ProviderTarget, Consumer<SipResponse>, CompletionStage<SipResponse>> request) {
        Objects.requireNonNull(request, "request");
        return run("INVITE", targets, request);
    }

    private CompletionStage<SipResponse> run(String method, List<ProviderTarget> targets,
            BiFunction<ProviderTarget, Consumer<SipResponse>, CompletionStage<SipResponse>> request) {
        Objects.requireNonNull(method, "method");
        List<ProviderTarget> list = List.copyOf(targets);
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        attempt(method, list, 0, new ArrayList<>(), null, request, result);
        return result;
    }

    private void attempt(String method, List<ProviderTarget> targets, int index,
                         List<AllTargetsFailedException.TargetFailure> failures, SipResponse last503,
                         BiFunction<ProviderTarget, Consumer<SipResponse>, CompletionStage<SipResponse>> request,
                         CompletableFuture<SipResponse> result) {
        if (index >= targets.size()) {
            result.completeExceptionally(new AllTargetsFailedException(trunk, method, failures, last503));
            return;
        }
        ProviderTarget target = targets.get(index);
        AtomicBoolean committed = new AtomicBoolean();
        Consumer<SipResponse> provisional = p -> {
            if (p.status() > 100 && p.status() < 200) {
                committed.set(true);
            }
        };
        CompletionStage<SipResponse> sent;
        try {
            sent = Objects.requireNonNull(request.apply(target, provisional), "the request function returned null");
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((response, error) -> {
            switch (classify(response, error, committed.get())) {
                case TargetVerdict.Answered a -> result.complete(a.response());
                case TargetVerdict.Failed f -> result.completeExceptionally(f.error());
                case TargetVerdict.TryNext next -> {
                    events.accept(new Event.ProviderTargetFailed(clock.instant(), trunk, method, target.toString(),
                            next.reason()));
                    failures.add(new AllTargetsFailedException.TargetFailure(target, next.reason()));
                    attempt(method, targets, index + 1, failures, response, request, result);
                }
            }
        });
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
