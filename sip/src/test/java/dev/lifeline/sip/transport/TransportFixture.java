package dev.lifeline.sip.transport;

import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.codec.SipSamples;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/** A transport layer on 127.0.0.1 ephemeral ports with a recording handler, closed by the test. */
final class TransportFixture implements AutoCloseable {

    final RecordingInboundHandler inbox = new RecordingInboundHandler();
    final NettySipTransport transport;

    private TransportFixture(TransportConfig config) throws TransportException {
        transport = NettySipTransport.start(config, inbox);
    }

    static TransportFixture start(Transport... transports) throws TransportException {
        return start(UnaryOperator.identity(), transports);
    }

    static TransportFixture start(UnaryOperator<TransportConfig> tune, Transport... transports) throws TransportException {
        List<ListenPoint> points = java.util.Arrays.stream(transports)
                .map(t -> ListenPoint.of(t, "127.0.0.1", 0)).toList();
        return new TransportFixture(tune.apply(TransportConfig.of(List.of())).withListenPoints(points));
    }

    InetSocketAddress address(Transport transport) {
        return this.transport.listenPoints().stream()
                .filter(p -> p.transport() == transport).findFirst().orElseThrow().address();
    }

    @Override
    public void close() {
        transport.close();
    }

    static SipMessage parse(byte[] bytes) {
        ParseResult result = new SipParser().parse(bytes, 0, bytes.length);
        if (result instanceof ParseResult.Ok ok) {
            return ok.message();
        }
        throw new IllegalArgumentException("sample does not parse: " + result);
    }

    static SipRequest sample(String name) {
        return (SipRequest) parse(SipSamples.bytes(name));
    }

    /** A sample with text substituted, e.g. its Via transport. */
    static SipRequest sample(String name, String from, String to) {
        return (SipRequest) parse(SipSamples.text(name).replace(from, to).getBytes(StandardCharsets.UTF_8));
    }
}
