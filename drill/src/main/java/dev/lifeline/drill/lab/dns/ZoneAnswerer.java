package dev.lifeline.drill.lab.dns;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The answering rule of the lab's authoritative server, a pure function of the endpoint's view,
 * its fault and the query: no sockets, no clock. Empty means "send nothing".
 */
public final class ZoneAnswerer {

    /** The UDP payload size this server advertises and honours at most (the DNS flag day 2020 figure). */
    public static final int EDNS_PAYLOAD = 1232;
    /** The classic UDP limit without EDNS (RFC 1035 §4.2.1). */
    public static final int CLASSIC_UDP_PAYLOAD = 512;

    private ZoneAnswerer() {
    }

    /** The response to {@code query} from {@code view} under {@code fault}; empty when the endpoint stays silent. */
    public static Optional<Message> answer(ZoneView view, DnsFault fault, Message query) {
        if (fault == DnsFault.SILENT || query.getHeader().getFlag(Flags.QR)) {
            return Optional.empty();        // silence, or a response sent to us: never answer those
        }
        Message response = new Message(query.getHeader().getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        header.setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (question != null) {
            response.addRecord(question, Section.QUESTION);
        }
        int rcode = rcode(view, fault, query, question);
        header.setRcode(rcode);
        if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
            header.setFlag(Flags.AA);
            fill(response, view, question.getName(), question.getType());
        }
        if (query.getOPT() != null) {
            // RFC 6891 §6.1.1: answer EDNS with EDNS, stating what we accept.
            response.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        return Optional.of(response);
    }

    /** How many bytes a UDP answer to {@code query} may take: 512, or its EDNS payload size up to ours. */
    public static int udpLimit(Message query) {
        OPTRecord opt = query.getOPT();
        if (opt == null) {
            return CLASSIC_UDP_PAYLOAD;
        }
        return Math.max(CLASSIC_UDP_PAYLOAD, Math.min(opt.getPayloadSize(), EDNS_PAYLOAD));
    }

    private static int rcode(ZoneView view, DnsFault fault, Message query, Record question) {
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            return Rcode.NOTIMP;
        }
        if (question == null) {
            return Rcode.FORMERR;
        }
        return switch (fault) {
            case SERVFAIL -> Rcode.SERVFAIL;
            case REFUSED -> Rcode.REFUSED;
            case NONE, SILENT -> {
                if (!view.contains(question.getName())) {
                    yield Rcode.REFUSED;    // not authoritative and no recursion: RFC 1034 §4.3.2 step 2
                }
                yield view.hasName(question.getName()) ? Rcode.NOERROR : Rcode.NXDOMAIN;
            }
        };
    }

    private static void fill(Message response, ZoneView view, Name name, int type) {
        List<Record> answers = view.lookup(name, type);
        if (answers.isEmpty()) {
            response.addRecord(negativeSoa(view.soa()), Section.AUTHORITY);
            return;
        }
        answers.forEach(r -> response.addRecord(r, Section.ANSWER));
        additional(view, answers).forEach(r -> response.addRecord(r, Section.ADDITIONAL));
    }

    /** RFC 2308 §3: the SOA in a negative answer carries min(TTL, MINIMUM). */
    private static SOARecord negativeSoa(SOARecord soa) {
        long ttl = Math.min(soa.getTTL(), soa.getMinimum());
        return new SOARecord(soa.getName(), soa.getDClass(), ttl, soa.getHost(), soa.getAdmin(), soa.getSerial(),
                soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
    }

    /** NAPTR → SRV of the replacement → addresses of the targets; SRV → addresses of the targets. */
    private static List<Record> additional(ZoneView view, List<Record> answers) {
        Set<Record> extra = new LinkedHashSet<>();
        List<SRVRecord> srvs = new ArrayList<>();
        for (Record r : answers) {
            if (r instanceof NAPTRRecord naptr) {
                for (Record s : view.lookup(naptr.getReplacement(), Type.SRV)) {
                    extra.add(s);
                    srvs.add((SRVRecord) s);
                }
            } else if (r instanceof SRVRecord srv) {
                srvs.add(srv);
            }
        }
        for (SRVRecord srv : srvs) {
            for (Record a : view.lookup(srv.getTarget(), Type.ANY)) {
                if (a instanceof ARecord || a instanceof AAAARecord) {
                    extra.add(a);
                }
            }
        }
        extra.removeAll(answers);
        return List.copyOf(extra);
    }
}
