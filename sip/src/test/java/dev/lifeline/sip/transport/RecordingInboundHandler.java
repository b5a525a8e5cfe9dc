package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Captures every inbound message for a test to take, with a bounded wait. */
final class RecordingInboundHandler implements InboundHandler {

    private final BlockingQueue<InboundMessage> received = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(InboundMessage inbound) {
        received.add(inbound);
    }

    InboundMessage next() {
        try {
            InboundMessage inbound = received.poll(5, TimeUnit.SECONDS);
            assertThat(inbound).as("a message within 5 s").isNotNull();
            return inbound;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    boolean isEmpty() {
        return received.isEmpty();
    }
}
