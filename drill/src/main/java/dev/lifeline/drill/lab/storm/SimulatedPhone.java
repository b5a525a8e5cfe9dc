package dev.lifeline.drill.lab.storm;

import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.SipResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One phone of a {@link RegisterStorm}: its account, its Call-ID (kept across registrations, as
 * phones do, with the CSeq going up), and the request it has in flight: a registration, or a
 * query for its bindings (REGISTER without Contact). Requests are written as text; answers
 * arrive on the storm's receive threads.
 */
final class SimulatedPhone {

    private static final long T1 = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long T2 = TimeUnit.SECONDS.toNanos(4);

    private final RegisterStorm storm;
    private final String user;
    final String callId;
    private final DatagramChannel channel;
    private final InetSocketAddress registrar;
    private final DigestClient account;
    private final String domain;
    private final String localHostPort;
    private final String requestUri;
    private final String contactUri;
    private long cseq;
    private boolean awaiting;
    private boolean query;
    private boolean answeredChallenge;
    private long startedAt;
    private long sentAt;
    /** The request in flight, resent as is when unanswered (RFC 3261 Timer E: T1, doubling up to T2). */
    private ByteBuffer lastRequest;
    private long retransmitAt;
    private long retransmitInterval;
    /** When a phone refused with 503 may try again (nanoTime), 0 when it is not backing off. */
    private long resumeAt;

    SimulatedPhone(RegisterStorm storm, String user, String password, String domain, String callId,
                   DatagramChannel channel, InetSocketAddress registrar) throws IOException {
        this.storm = storm;
        this.user = user;
        this.callId = callId;
        this.channel = channel;
        this.registrar = registrar;
        this.domain = domain;
        this.requestUri = "sip:" + domain;
        this.account = DigestClient.withPassword(user, password, new SplittableRandom(callId.hashCode()));
        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
        this.localHostPort = local.getAddress().getHostAddress() + ":" + local.getPort();
        this.contactUri = "sip:" + user + "@" + localHostPort;
    }

    /** Starts a registration, or with {@code asQuery} a query for the phone's bindings. */
    synchronized void start(boolean asQuery) {
        awaiting = true;
        query = asQuery;
        answeredChallenge = false;
        startedAt = System.nanoTime();
        send(null);
    }

    synchronized void onResponse(SipResponse response) {
        if (!awaiting || response.cseq().number() != cseq || response.isProvisional()) {
            return;   // a retransmission, or the answer to a request already given up on
        }
        if (response.status() == 401 && !answeredChallenge) {
            if (account.answer(response.wwwAuthenticate(), "REGISTER", requestUri)
                    instanceof DigestClient.Answer.Authorization a) {
                answeredChallenge = true;
                send(a.header().toString());
                return;
            }
        }
        awaiting = false;
        RegisterStorm.Counters counters = storm.counters();
        if (response.status() == 503) {
            // Overloaded: back off as a phone does (Retry-After, else a second) instead of hammering.
            counters.refused.increment();
            resumeAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, response.retryAfter().orElse(1)));
            return;
        }
        if (query && response.status() == 200) {
            (hasOwnBinding(response) ? counters.bindingsFound : counters.bindingsMissing).increment();
        }
        storm.done(startedAt, response.status());
        storm.finished(this, response.status() == 200);
    }

    private boolean hasOwnBinding(SipResponse response) {
        for (Contact c : response.contacts()) {
            if (!c.wildcard() && c.uri().toString().startsWith(contactUri)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True while a request is in flight or the phone is backing off; gives up on a request
     * unanswered for {@code timeoutNanos}, and ends a back-off that is over.
     */
    synchronized boolean tick(long now, long timeoutNanos) {
        if (awaiting && now - sentAt > timeoutNanos) {
            awaiting = false;
            storm.counters().timedOut.increment();
            storm.finished(this, false);
        } else if (awaiting && now - retransmitAt >= 0) {
            storm.counters().retransmissions.increment();
            retransmitInterval = Math.min(2 * retransmitInterval, T2);
            retransmitAt = now + retransmitInterval;
            transmit();
        } else if (resumeAt != 0 && now - resumeAt >= 0) {
            resumeAt = 0;
            storm.finished(this, false);
        }
        return awaiting || resumeAt != 0;
    }

    private void send(String authorization) {
        cseq++;
        sentAt = System.nanoTime();
        StringBuilder sb = new StringBuilder(640)
                .append("REGISTER ").append(requestUri).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP ").append(localHostPort).append(";branch=z9hG4bK-").append(callId)
                .append('-').append(cseq).append(";rport\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:").append(user).append('@').append(domain).append(">;tag=t").append(callId)
                .append("\r\nTo: <sip:").append(user).append('@').append(domain).append(">\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append(" REGISTER\r\n");
        if (!query) {
            sb.append("Contact: <").append(contactUri).append(">\r\n").append("Expires: 3600\r\n");
        }
        if (authorization != null) {
            sb.append("Authorization: ").append(authorization).append("\r\n");
        }
        sb.append("User-Agent: lifeline-storm\r\nContent-Length: 0\r\n\r\n");
        lastRequest = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII));
        retransmitInterval = T1;
        retransmitAt = sentAt + T1;
        transmit();
    }

    private void transmit() {
        try {
            channel.send(lastRequest.duplicate(), registrar);
        } catch (IOException e) {
            // Counted by the timeout, like a datagram lost on the way.
        }
    }
}
