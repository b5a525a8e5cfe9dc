package dev.lifeline.sip.transport;

/**
 * Receives every well-formed message. Called on a transport I/O thread, one message at a time
 * per connection: do not block here, hand slow work to another executor.
 */
@FunctionalInterface
public interface InboundHandler {

    void onMessage(InboundMessage inbound);
}
