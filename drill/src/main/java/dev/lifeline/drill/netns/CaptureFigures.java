package dev.lifeline.drill.netns;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the ISP-side captures show the gateway did, found in packet timestamps. Pure.
 * <ul>
 *   <li>{@link #firstMove}: the first SIP request from the site other than an OPTIONS probe
 *       (a REGISTER, an INVITE) on a path, from an instant on: the gateway moved its
 *       signalling there — detection, when that path is the one not cut;</li>
 *   <li>{@link #firstRegisterOk}: the provider's first 200 to a REGISTER going to the site on a
 *       path: the trunk registered over it.</li>
 * </ul>
 */
public final class CaptureFigures {

    /** A packet that marks a moment, and what it was, for the report. */
    public record Sighting(Instant at, String what) {
    }

    private CaptureFigures() {
    }

    public static Optional<Sighting> firstMove(List<Datagram> capture, String siteAddress, Instant from) {
        for (Datagram d : capture) {
            if (d.at().isBefore(from) || !d.source().equals(siteAddress)) {
                continue;
            }
            Optional<String> method = d.sipMethod();
            if (method.isPresent() && !method.get().equals("OPTIONS")) {
                return Optional.of(new Sighting(d.at(), method.get() + " from " + d.source() + ":" + d.sourcePort()
                        + " to " + d.destination() + ":" + d.destinationPort()));
            }
        }
        return Optional.empty();
    }

    public static Optional<Sighting> firstRegisterOk(List<Datagram> capture, String siteAddress, Instant from) {
        for (Datagram d : capture) {
            if (!d.at().isBefore(from) && d.destination().equals(siteAddress) && d.isRegisterOk()) {
                return Optional.of(new Sighting(d.at(), "200 OK (REGISTER) from " + d.source() + ":" + d.sourcePort()
                        + " to " + d.destination() + ":" + d.destinationPort()));
            }
        }
        return Optional.empty();
    }

    /**
     * How many times signalling moved away, the request that showed the first move, and, when the
     * signalling was on the away uplink already at {@code from}, the last request that showed it.
     */
    public record Moves(int count, Optional<Sighting> first, Optional<Sighting> awayBefore) {
    }

    /**
     * How many times the site's signalling moved from the {@code home} uplink to the {@code away}
     * one, from {@code from} on: a SIP request other than an OPTIONS probe (a REGISTER, an INVITE)
     * seen on {@code away} when the previous such request went over {@code home}. Where it was at
     * {@code from} is the uplink of the last such request before (home when there was none); probes
     * go over both uplinks all the time and do not count.
     */
    public static Moves movesAway(List<Datagram> home, String homeAddress, List<Datagram> away, String awayAddress,
                                  Instant from) {
        record Seen(Datagram d, boolean away) {
        }
        List<Seen> requests = new java.util.ArrayList<>();
        home.stream().filter(d -> signalling(d, homeAddress)).forEach(d -> requests.add(new Seen(d, false)));
        away.stream().filter(d -> signalling(d, awayAddress)).forEach(d -> requests.add(new Seen(d, true)));
        requests.sort(java.util.Comparator.comparing(s -> s.d().at()));
        int count = 0;
        boolean onAway = false;
        Sighting before = null;
        Sighting first = null;
        for (Seen s : requests) {
            if (s.d().at().isBefore(from)) {
                onAway = s.away();
                before = onAway ? describe(s.d()) : null;
                continue;
            }
            if (s.away() && !onAway) {
                count++;
                first = first == null ? describe(s.d()) : first;
            }
            onAway = s.away();
        }
        return new Moves(count, Optional.ofNullable(first), Optional.ofNullable(before));
    }

    private static Sighting describe(Datagram d) {
        return new Sighting(d.at(), d.sipMethod().orElseThrow() + " from " + d.source() + ":" + d.sourcePort() + " to "
                + d.destination() + ":" + d.destinationPort());
    }

    private static boolean signalling(Datagram d, String siteAddress) {
        return d.source().equals(siteAddress)
                && d.sipMethod().filter(m -> !m.equals("OPTIONS")).isPresent();
    }

    /** Media packets seen where they were sent and where they were delivered; loss is the difference. */
    public record Loss(long sent, long delivered) {
        public double percent() {
            return sent == 0 ? 0 : Math.max(0, sent - delivered) * 100.0 / sent;
        }
    }

    /**
     * The loss between two captures of one direction within [from, to): packets that are neither
     * SIP nor DNS (media and quality probes) matching {@code sent} in the capture before the
     * fault's place, against those matching {@code delivered} in the capture after it.
     */
    public static Loss loss(List<Datagram> before, java.util.function.Predicate<Datagram> sent, List<Datagram> after,
                            java.util.function.Predicate<Datagram> delivered, Instant from, Instant to) {
        return new Loss(count(before, sent, from, to), count(after, delivered, from, to));
    }

    private static long count(List<Datagram> capture, java.util.function.Predicate<Datagram> which, Instant from, Instant to) {
        return capture.stream().filter(d -> !d.at().isBefore(from) && d.at().isBefore(to) && which.test(d)
                && d.sipMethod().isEmpty() && d.sipStatus().isEmpty() && d.sourcePort() != 53 && d.destinationPort() != 53).count();
    }

    /** The 200 OK to an INVITE reaching {@code phone} from {@code from} on: the call was answered. */
    public static Optional<Sighting> answered(List<Datagram> capture, String phone, Instant from) {
        for (Datagram d : capture) {
            if (!d.at().isBefore(from) && d.destination().equals(phone) && d.sipStatus().filter(s -> s == 200).isPresent()
                    && d.cseqMethod().filter("INVITE"::equals).isPresent()) {
                return Optional.of(new Sighting(d.at(), "200 OK (INVITE) to the phone at " + phone + ":" + d.destinationPort()));
            }
        }
        return Optional.empty();
    }

    /** A BYE sent to {@code phone} within [from, to): the call ended by someone other than the phone. */
    public static Optional<Sighting> byeToPhone(List<Datagram> capture, String phone, Instant from, Instant to) {
        for (Datagram d : capture) {
            if (!d.at().isBefore(from) && d.at().isBefore(to) && d.destination().equals(phone)
                    && d.sipMethod().filter("BYE"::equals).isPresent()) {
                return Optional.of(new Sighting(d.at(), "BYE to the phone from " + d.source() + ":" + d.sourcePort()));
            }
        }
        return Optional.empty();
    }

    /**
     * The longest time within [from, to] that no media (UDP that is not SIP) reached {@code phone}:
     * between the call's answer and its first packet, between packets, and from the last one to
     * the end. The sighting is the packet that ended the gap (or the end), the value in seconds.
     */
    public static Optional<Gap> audioGap(List<Datagram> capture, String phone, Instant from, Instant to) {
        Instant previous = from;
        Gap longest = null;
        for (Datagram d : capture) {
            if (d.at().isBefore(from) || d.at().isAfter(to) || !d.destination().equals(phone)
                    || d.sipMethod().isPresent() || d.sipStatus().isPresent()) {
                continue;
            }
            longest = longer(longest, previous, d.at(), "media to the phone again, from " + d.source() + ":" + d.sourcePort());
            previous = d.at();
        }
        longest = longer(longest, previous, to, "the end of the call");
        return Optional.ofNullable(longest);
    }

    /** As {@link #audioGap(List, String, Instant, Instant)}, counting only media to {@code port} (the call's RTP port). */
    public static Optional<Gap> audioGap(List<Datagram> capture, String phone, int port, Instant from, Instant to) {
        return audioGap(capture.stream().filter(d -> d.destinationPort() == port).toList(), phone, from, to);
    }

    /** Which way a lab call went: placed by a lab phone, or from the provider's side to a DID of the site. */
    public enum Direction { OUTBOUND, INBOUND }

    /**
     * A call the lab placed, as the lab's timeline knows it.
     *
     * @param dialed           when the lab told the calling baresip to dial
     * @param hungUp           when the lab told it to hang up (the planned end), or null if it never did
     * @param phone            outbound: the calling phone's LAN address; inbound: unused ("")
     * @param phoneSipPort     outbound: the calling phone's SIP port (its INVITE comes from there); inbound: unused
     * @param did              inbound: the DID dialled; outbound: the number dialled
     * @param expectedCallerId inbound: what the phone must show (contained in the From of the INVITE it gets); else ""
     */
    public record LabCall(Direction direction, Instant dialed, Instant hungUp, String phone, int phoneSipPort, String did,
                          String expectedCallerId) {
    }

    /**
     * What the LAN capture (and, for inbound calls, the uplinks' captures) show of one lab call.
     *
     * @param attempted the INVITE that started it: from the phone (outbound), from the provider to the site (inbound)
     * @param answered  the 200 OK to the phone (outbound) or from the phone (inbound)
     * @param failure   a final failure answer to the phone's INVITE (outbound)
     * @param setupMs   outbound: the phone's INVITE → the 200 OK to it, milliseconds
     * @param presented inbound: the From header of the INVITE the answering phone got
     * @param bye       a BYE to the phone before the call's planned end: the call was dropped
     * @param oneWay    answered, and no media reached the phone or none left it
     * @param phone     the address of the phone on the call (the one that answered, for an inbound call)
     * @param media     answered: the RTP the phone's port got, by sequence numbers ({@link #rtpLoss})
     */
    public record CallSeen(LabCall call, Optional<Sighting> attempted, Optional<Sighting> answered,
                           Optional<Sighting> failure, Optional<Long> setupMs, Optional<String> presented,
                           Optional<Sighting> bye, Optional<Gap> gap, boolean oneWay, String phone, Optional<Loss> media) {

        public boolean callerIdWrong() {
            return answered.isPresent() && !presented.map(p -> p.contains(call.expectedCallerId())).orElse(false);
        }
    }

    /**
     * Each lab call as the captures show it. {@code lan} is the capture on the phones' veth (the
     * phones have the addresses {@code phones}); {@code uplinks} the ISP-side captures,
     * where an inbound call's INVITE from the provider reaches the site. An inbound INVITE in the
     * LAN (from the gateway to a phone, a new dialog) belongs to the inbound call dialled last before it.
     */
    public static List<CallSeen> calls(List<LabCall> calls, List<Datagram> lan, List<Datagram> uplinks,
                                       java.util.Set<String> phones, String provider) {
        return calls(calls, lan, uplinks, phones, java.util.Set.of(provider));
    }

    /** As above, with an inbound INVITE from any of the provider's targets {@code providers}. */
    public static List<CallSeen> calls(List<LabCall> calls, List<Datagram> lan, List<Datagram> uplinks,
                                       java.util.Set<String> phones, java.util.Set<String> providers) {
        List<CallSeen> out = new java.util.ArrayList<>();
        for (LabCall c : calls) {
            out.add(c.direction() == Direction.OUTBOUND ? outbound(c, lan, c.phone())
                    : inbound(c, calls, lan, uplinks, phones, providers));
        }
        return List.copyOf(out);
    }

    private static CallSeen outbound(LabCall c, List<Datagram> lan, String phone) {
        Instant end = c.hungUp() == null ? Instant.MAX : c.hungUp();
        Optional<Datagram> invite = lan.stream().filter(d -> !d.at().isBefore(c.dialed()) && d.at().isBefore(end)
                && d.source().equals(phone) && d.sourcePort() == c.phoneSipPort() && isNewInvite(d)).findFirst();
        if (invite.isEmpty()) {
            return new CallSeen(c, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), false, phone, Optional.empty());
        }
        Datagram inv = invite.get();
        String callId = inv.sipHeader("Call-ID", "i").orElse("");
        Sighting attempted = new Sighting(inv.at(), "INVITE from the phone at " + phone + ":" + c.phoneSipPort() + " to " + c.did());
        Optional<Datagram> fin = lan.stream().filter(d -> !d.at().isBefore(inv.at()) && d.destination().equals(phone)
                && d.destinationPort() == c.phoneSipPort() && sameDialog(d, callId)
                && d.cseqMethod().filter("INVITE"::equals).isPresent()
                && d.sipStatus().filter(st -> st >= 200 && st != 401 && st != 407).isPresent()).findFirst();   // a challenge: the phone asks again
        if (fin.isEmpty() || fin.get().sipStatus().orElseThrow() >= 300) {
            Optional<Sighting> failure = fin.map(d -> new Sighting(d.at(), d.sipStatus().orElseThrow() + " to the phone's INVITE"))
                    .or(() -> Optional.of(new Sighting(end == Instant.MAX ? inv.at() : end, "no answer to the phone's INVITE")));
            return new CallSeen(c, Optional.of(attempted), Optional.empty(), failure, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), false, phone, Optional.empty());
        }
        Sighting answered = new Sighting(fin.get().at(), "200 OK (INVITE) to the phone at " + phone + ":" + c.phoneSipPort());
        long setup = java.time.Duration.between(inv.at(), fin.get().at()).toMillis();
        int rtp = inv.sdpAudioPort().orElse(-1);
        return talk(c, attempted, answered, Optional.of(setup), Optional.empty(), lan, phone, c.phoneSipPort(), callId, rtp);
    }

    private static CallSeen inbound(LabCall c, List<LabCall> all, List<Datagram> lan, List<Datagram> uplinks,
                                    java.util.Set<String> phones, java.util.Set<String> providers) {
        Instant end = c.hungUp() == null ? Instant.MAX : c.hungUp();
        Optional<Sighting> attempted = uplinks.stream().filter(d -> !d.at().isBefore(c.dialed()) && d.at().isBefore(end)
                        && providers.contains(d.source()) && isNewInvite(d)
                        && d.sipHeader("To", "t").filter(t -> t.contains(c.did())).isPresent())
                .min(java.util.Comparator.comparing(Datagram::at))
                .map(d -> new Sighting(d.at(), "INVITE to " + c.did() + " from the provider to the site at " + d.destination()));
        List<Datagram> rung = lan.stream().filter(d -> isNewInvite(d) && phones.contains(d.destination())
                && d.at().isBefore(end) && owner(all, d.at()).filter(c::equals).isPresent()).toList();
        // A group rings several phones; when two answer at once the gateway keeps one and hangs up
        // on the other at once. The call is an answering phone still on it at the planned end, else
        // the last one that answered (then dropped).
        CallSeen last = null;
        java.util.Set<String> dialogs = new java.util.HashSet<>();
        for (Datagram inv : rung) {
            String callId = inv.sipHeader("Call-ID", "i").orElse("");
            if (!dialogs.add(callId + " " + inv.destination() + ":" + inv.destinationPort())) {
                continue;   // a retransmission
            }
            String phone = inv.destination();
            Optional<Datagram> ok = lan.stream().filter(d -> !d.at().isBefore(inv.at()) && d.source().equals(phone)
                    && d.sourcePort() == inv.destinationPort() && sameDialog(d, callId) && d.sipStatus().filter(st -> st == 200).isPresent()
                    && d.cseqMethod().filter("INVITE"::equals).isPresent()).findFirst();
            if (ok.isPresent()) {
                Sighting answered = new Sighting(ok.get().at(), "200 OK (INVITE) from the phone at " + phone + ":"
                        + inv.destinationPort() + " to the gateway's INVITE for " + c.did());
                CallSeen seen = talk(c, attempted.orElse(null), answered, Optional.empty(), inv.sipHeader("From", "f"), lan,
                        phone, inv.destinationPort(), callId, ok.get().sdpAudioPort().orElse(-1));
                if (seen.bye().isEmpty()) {
                    return seen;
                }
                if (last == null || seen.answered().get().at().isAfter(last.answered().get().at())) {
                    last = seen;
                }
            }
        }
        return last != null ? last : new CallSeen(c, attempted, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, "", Optional.empty());
    }

    /** An answered call: was it dropped, its longest silence at the phone, and did media flow both ways. */
    private static CallSeen talk(LabCall c, Sighting attempted, Sighting answered, Optional<Long> setupMs,
                                 Optional<String> presented, List<Datagram> lan, String phone, int sipPort, String callId, int rtp) {
        Instant end = c.hungUp() == null ? lan.isEmpty() ? answered.at() : lan.get(lan.size() - 1).at() : c.hungUp();
        Optional<Sighting> bye = lan.stream().filter(d -> !d.at().isBefore(answered.at()) && d.at().isBefore(end)
                        && d.destination().equals(phone) && d.destinationPort() == sipPort && sameDialog(d, callId)
                        && d.sipMethod().filter("BYE"::equals).isPresent()).findFirst()
                .map(d -> new Sighting(d.at(), "BYE to the phone at " + phone + ":" + sipPort + " from " + d.source()
                        + " before the call's planned end"));
        Instant until = bye.map(Sighting::at).orElse(end);
        Optional<Gap> gap = audioGap(lan, phone, rtp, answered.at(), until);
        boolean heard = lan.stream().anyMatch(d -> isMedia(d) && d.destination().equals(phone) && d.destinationPort() == rtp
                && !d.at().isBefore(answered.at()) && !d.at().isAfter(until));
        boolean sent = lan.stream().anyMatch(d -> isMedia(d) && d.source().equals(phone) && d.sourcePort() == rtp
                && !d.at().isBefore(answered.at()) && !d.at().isAfter(until));
        return new CallSeen(c, Optional.ofNullable(attempted), Optional.of(answered), Optional.empty(), setupMs, presented, bye,
                gap, !(heard && sent), phone, Optional.of(rtpLoss(lan, phone, rtp, answered.at(), until)));
    }

    /**
     * The RTP (version 2, not RTCP) that reached {@code phone}'s {@code port} within [from, to], by
     * sequence numbers, per SSRC: sent is the span from the lowest to the highest number seen
     * (extended over wrap-around), delivered the distinct numbers seen. Losses before the first
     * and after the last packet seen are not visible here.
     */
    public static Loss rtpLoss(List<Datagram> capture, String phone, int port, Instant from, Instant to) {
        java.util.Map<Long, java.util.TreeSet<Long>> bySsrc = new java.util.HashMap<>();
        java.util.Map<Long, Long> lastExtended = new java.util.HashMap<>();
        for (Datagram d : capture) {
            if (d.at().isBefore(from) || d.at().isAfter(to) || !d.destination().equals(phone) || d.destinationPort() != port) {
                continue;
            }
            byte[] p = d.payload();
            int type = p.length >= 12 ? p[1] & 0xff : -1;
            if (p.length < 12 || (p[0] & 0xc0) != 0x80 || (type >= 192 && type <= 223)) {
                continue;   // not RTP, or RTCP on the same port
            }
            int seq = (p[2] & 0xff) << 8 | (p[3] & 0xff);
            long ssrc = java.nio.ByteBuffer.wrap(p, 8, 4).getInt() & 0xffffffffL;
            Long previous = lastExtended.get(ssrc);
            long extended = seq;
            if (previous != null) {
                // the extended number nearest the previous one: wrap-around either way
                long base = previous - (previous & 0xffff);
                extended = java.util.stream.LongStream.of(base - 65536 + seq, base + seq, base + 65536 + seq)
                        .boxed().min(java.util.Comparator.comparingLong(x -> Math.abs(x - previous))).orElseThrow();
            }
            lastExtended.put(ssrc, extended);
            bySsrc.computeIfAbsent(ssrc, k -> new java.util.TreeSet<>()).add(extended);
        }
        long sent = 0;
        long delivered = 0;
        for (java.util.TreeSet<Long> seen : bySsrc.values()) {
            sent += seen.last() - seen.first() + 1;
            delivered += seen.size();
        }
        return new Loss(sent, delivered);
    }

    /** The inbound call dialled last at or before {@code at}. */
    private static Optional<LabCall> owner(List<LabCall> calls, Instant at) {
        return calls.stream().filter(c -> c.direction() == Direction.INBOUND && !c.dialed().isAfter(at))
                .max(java.util.Comparator.comparing(LabCall::dialed));
    }

    private static boolean isNewInvite(Datagram d) {
        return d.sipMethod().filter("INVITE"::equals).isPresent()
                && d.sipHeader("To", "t").filter(t -> t.matches("(?i).*;\\s*tag=.*")).isEmpty();
    }

    private static boolean sameDialog(Datagram d, String callId) {
        return !callId.isEmpty() && d.sipHeader("Call-ID", "i").filter(callId::equals).isPresent();
    }

    private static boolean isMedia(Datagram d) {
        return d.sipMethod().isEmpty() && d.sipStatus().isEmpty();
    }

    /** The 95th percentile (nearest rank) of {@code values}; empty for none. */
    public static Optional<Long> p95(List<Long> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(0.95 * sorted.size());
        return Optional.of(sorted.get(Math.max(0, rank - 1)));
    }

    /** A stretch without media and what ended it. */
    public record Gap(double seconds, Sighting end) {
    }

    private static Gap longer(Gap longest, Instant start, Instant end, String what) {
        double s = java.time.Duration.between(start, end).toNanos() / 1e9;
        return longest == null || s > longest.seconds() ? new Gap(Math.round(s * 1000) / 1000.0, new Sighting(end, what)) : longest;
    }

    /** Seconds from {@code from} to the sighting, in milliseconds' precision. */
    public static double seconds(Instant from, Sighting s) {
        return java.time.Duration.between(from, s.at()).toNanos() / 1e6 / 1000.0;
    }
}
