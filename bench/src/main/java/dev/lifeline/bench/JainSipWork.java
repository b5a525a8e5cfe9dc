package dev.lifeline.bench;

import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ToHeader;

/** The registrar/proxy consumer work done with the JAIN-SIP reference implementation. */
final class JainSipWork {

    private JainSipWork() {
    }

    /** Parse a REGISTER, read what a registrar reads, serialize the 200 OK with the binding. */
    static byte[] register(byte[] wire) throws ParseException {
        SIPRequest req = (SIPRequest) new StringMsgParser().parseSIPMessage(wire, true, false, null);
        int sink = common(req);
        Contact contact = req.getContactHeader();
        sink += contact.getAddress().getURI().toString().hashCode() + contact.getExpires();
        AuthorizationHeader auth = (AuthorizationHeader) req.getHeader("Authorization");
        sink += auth.getUsername().hashCode() + auth.getRealm().hashCode() + auth.getNonce().hashCode()
                + auth.getURI().toString().hashCode() + auth.getResponse().hashCode() + auth.getCNonce().hashCode()
                + auth.getNonceCount() + auth.getQop().hashCode();
        SIPResponse resp = req.createResponse(200, "OK");
        ((ToHeader) resp.getTo()).setTag("a6c85cf" + (sink & 0xff));
        resp.setHeader((Contact) contact.clone());
        return resp.encodeAsBytes("UDP");
    }

    /** Parse an INVITE with SDP, read what a B2BUA reads, serialize a 200 OK with SDP. */
    static byte[] invite(byte[] wire) throws ParseException {
        SIPRequest req = (SIPRequest) new StringMsgParser().parseSIPMessage(wire, true, false, null);
        int sink = common(req);
        sink += req.getContactHeader().getAddress().getURI().toString().hashCode();
        sink += req.getRequestURI().toString().hashCode();
        ProxyAuthorizationHeader auth = (ProxyAuthorizationHeader) req.getHeader("Proxy-Authorization");
        sink += auth.getUsername().hashCode() + auth.getNonce().hashCode() + auth.getResponse().hashCode();
        byte[] body = req.getRawContent();
        sink += SdpLines.connectionAndMedia(body);
        SIPResponse resp = req.createResponse(200, "OK");
        ((ToHeader) resp.getTo()).setTag("b7d96e" + (sink & 0xff));
        resp.setContent(body, req.getContentTypeHeader());
        return resp.encodeAsBytes("UDP");
    }

    private static int common(SIPMessage m) {
        return m.getTopmostVia().getBranch().hashCode()
                + m.getFrom().getTag().hashCode()
                + m.getTo().getAddress().getURI().toString().hashCode()
                + m.getCallId().getCallId().hashCode()
                + (int) m.getCSeq().getSeqNumber() + m.getCSeq().getMethod().hashCode();
    }
}
