package dev.lifeline.sip.stack;

import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.uri.SipUri;
import dev.lifeline.sip.uri.Uri;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One side of an INVITE dialog (RFC 3261 §12), enough to send requests inside it: the ACK for
 * a 2xx, BYE, re-INVITE. Built from the INVITE and the response that created the dialog, on
 * either side. The local CSeq is the only part that changes per request, so it is atomic; the
 * remote target changes on a target refresh ({@link #refreshRemoteTarget}).
 *
 * <p>Requests come without Via: {@link SipStack#request} adds one with a fresh branch. Where
 * to send them is {@link #nextHop()}, resolved by the caller (RFC 3263).
 */
public final class Dialog {

    /** Methods whose Contact refreshes the remote target (§12.2, RFC 3311, RFC 6665, RFC 3515). */
    private static final Set<String> TARGET_REFRESH = Set.of("INVITE", "UPDATE", "SUBSCRIBE", "NOTIFY", "REFER");

    private final String callId;
    private final NameAddress local;
    private final NameAddress remote;
    private final List<NameAddress> routeSet;
    private final Optional<Contact> localContact;
    private final AtomicLong localCSeq;
    private volatile Uri remoteTarget;

    private Dialog(String callId, NameAddress local, NameAddress remote, List<NameAddress> routeSet,
                   Optional<Contact> localContact, long localCSeq, Uri remoteTarget) {
        this.callId = callId;
        this.local = local;
        this.remote = remote;
        this.routeSet = List.copyOf(routeSet);
        this.localContact = localContact;
        this.localCSeq = new AtomicLong(localCSeq);
        this.remoteTarget = remoteTarget;
    }

    /**
     * The caller's side (§12.1.2): route set from the response's Record-Route reversed, remote
     * target from its Contact, local CSeq continuing from the INVITE's.
     */
    public static Dialog asUac(SipRequest invite, SipResponse response) {
        requireDialogResponse(response);
        List<NameAddress> routes = new ArrayList<>(response.recordRoutes());
        Collections.reverse(routes);
        return new Dialog(invite.callId(), invite.from(), response.to(), routes,
                invite.contacts().stream().findFirst(), invite.cseq().number(), contactUri(response));
    }

    /**
     * The callee's side (§12.1.1): route set from the INVITE's Record-Route in order, remote
     * target from its Contact, local tag from our response's To. The local CSeq starts at 0, so
     * our first request carries 1 (any start is allowed).
     */
    public static Dialog asUas(SipRequest invite, SipResponse response) {
        requireDialogResponse(response);
        return new Dialog(invite.callId(), response.to(), invite.from(), invite.recordRoutes(),
                response.contacts().stream().findFirst(), 0, contactUri(invite));
    }

    private static void requireDialogResponse(SipResponse response) {
        if (response.status() < 101 || response.status() > 299) {
            throw new IllegalArgumentException("a " + response.status() + " does not create a dialog");
        }
        if (response.to().tag().isEmpty()) {
            throw new IllegalArgumentException("the response's To has no tag, so there is no dialog to build");
        }
    }

    private static Uri contactUri(SipMessage message) {
        return message.contacts().stream().filter(c -> !c.wildcard()).findFirst().map(Contact::uri)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no Contact in " + message.startLine() + ": the dialog has no remote target"));
    }

    public String callId() {
        return callId;
    }

    public String localTag() {
        return local.tag().orElse("");
    }

    public String remoteTag() {
        return remote.tag().orElse("");
    }

    public List<NameAddress> routeSet() {
        return routeSet;
    }

    public Uri remoteTarget() {
        return remoteTarget;
    }

    /** The CSeq number of the last request we sent in this dialog. */
    public long localCSeq() {
        return localCSeq.get();
    }

    /** Where in-dialog requests go first: the top route, or the remote target when there is none. */
    public Uri nextHop() {
        return routeSet.isEmpty() ? remoteTarget : routeSet.get(0).uri();
    }

    /** Takes the Contact of a target refresh request or its 2xx (§12.2.1.2, §12.2.2) as the new remote target. */
    public void refreshRemoteTarget(SipMessage refresh) {
        remoteTarget = contactUri(refresh);
    }

    /** A new request in the dialog with the next CSeq (§12.2.1.1). Not for ACK or CANCEL. */
    public SipRequest request(String method) {
        if (method.equals("ACK") || method.equals("CANCEL")) {
            throw new IllegalArgumentException(method + " takes the CSeq of the request it belongs to");
        }
        SipRequest.Builder b = base(method, new CSeq(localCSeq.incrementAndGet(), method));
        if (TARGET_REFRESH.contains(method)) {
            localContact.ifPresent(b::contact);
        }
        return b.build();
    }

    public SipRequest bye() {
        return request("BYE");
    }

    /**
     * The ACK for a 2xx to {@code invite} (§13.2.2.4): built like any in-dialog request but with
     * the INVITE's CSeq number, and carrying the INVITE's credentials.
     */
    public SipRequest ack(SipRequest invite) {
        SipRequest.Builder b = base("ACK", new CSeq(invite.cseq().number(), "ACK"));
        invite.headers().all().stream()
                .filter(f -> f.name().equals(HeaderNames.AUTHORIZATION) || f.name().equals(HeaderNames.PROXY_AUTHORIZATION))
                .forEach(f -> b.header(f.name(), f.value()));
        return b.build();
    }

    /**
     * Request-URI and Route per §12.2.1.1: loose routing keeps the remote target as Request-URI;
     * a strict router (no lr) at the top of the route set takes the Request-URI itself and the
     * remote target goes to the end of the Route list.
     */
    private SipRequest.Builder base(String method, CSeq cseq) {
        Uri target = remoteTarget;
        boolean strict = !routeSet.isEmpty() && !looseRouter(routeSet.get(0));
        List<NameAddress> routes = strict ? new ArrayList<>(routeSet.subList(1, routeSet.size())) : routeSet;
        Uri requestUri = strict ? routeSet.get(0).uri() : target;
        SipRequest.Builder b = SipRequest.builder(method, requestUri)
                .from(local).to(remote).callId(callId).cseq(cseq).maxForwards(70);
        for (NameAddress route : routes) {
            b.header(HeaderNames.ROUTE, route.toString());
        }
        if (strict) {
            b.header(HeaderNames.ROUTE, NameAddress.of(target).toString());
        }
        return b;
    }

    /** A loose router (RFC 3261) marks its URI with lr; one without is an RFC 2543 strict router. */
    private static boolean looseRouter(NameAddress route) {
        return route.uri() instanceof SipUri sip && sip.lr();
    }

    @Override
    public String toString() {
        return "Dialog[" + callId + ", local " + localTag() + ", remote " + remoteTag() + ", target " + remoteTarget + "]";
    }
}
