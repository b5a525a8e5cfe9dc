package dev.lifeline.sip.transport;

import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Decides what becomes of one parse result: deliver it (requests stamped with received/rport),
 * answer it with 400, or drop it. Pure apart from the parser, so both transports share it.
 */
final class InboundScreen {

    sealed interface Verdict {
    }

    record Deliver(SipMessage message) implements Verdict {
    }

    record Answer(SipResponse response) implements Verdict {
    }

    record Drop(DropReason reason) implements Verdict {
    }

    private final SipParser parser;

    InboundScreen(SipParser parser) {
        this.parser = parser;
    }

    Verdict judge(ParseResult result, InetSocketAddress source) {
        return switch (result) {
            case ParseResult.Ok ok -> new Deliver(stamp(ok.message(), source));
            case ParseResult.Invalid invalid -> reject(invalid);
        };
    }

    Verdict reject(ParseResult.Invalid invalid) {
        String startLine = invalid.startLine() == null ? "" : invalid.startLine();
        if (BadRequest.isResponseLine(startLine)) {
            return new Drop(DropReason.MALFORMED_RESPONSE);
        }
        if (!BadRequest.looksLikeSip(startLine)) {
            return new Drop(DropReason.NOT_SIP);
        }
        Optional<SipResponse> answer = BadRequest.answer(invalid, parser);
        return answer.<Verdict>map(Answer::new).orElse(new Drop(DropReason.MALFORMED_REQUEST));
    }

    private static SipMessage stamp(SipMessage message, InetSocketAddress source) {
        if (message instanceof SipRequest request) {
            return request.withTopVia(ViaStamping.stamp(request.topVia(), source));
        }
        return message;
    }
}
