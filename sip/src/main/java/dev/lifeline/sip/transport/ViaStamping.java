package dev.lifeline.sip.transport;

import dev.lifeline.sip.message.Via;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * What a server writes into an inbound request's top Via so that the response finds its way
 * back through NAT: {@code received} when the sent-by host is not the packet's source address
 * (RFC 3261 §18.2.1), and for a valueless {@code rport} the source port plus, always,
 * {@code received} (RFC 3581 §4).
 */
final class ViaStamping {

    private ViaStamping() {
    }

    static Via stamp(Via via, InetSocketAddress source) {
        String sourceIp = ipLiteral(source.getAddress());
        boolean rportRequested = via.hasRport() && via.rport().isEmpty();
        Via stamped = via;
        if (rportRequested) {
            stamped = stamped.withRport(source.getPort());
        }
        if (rportRequested || !sameAddress(via.host(), source.getAddress())) {
            stamped = stamped.withReceived(sourceIp);
        }
        return stamped;
    }

    /**
     * True only when {@code host} is an IP literal for {@code address}. A domain name never
     * matches: resolving it here would put DNS on the receive path, and RFC 3261 §18.2.1 allows
     * adding received whenever in doubt.
     */
    static boolean sameAddress(String host, InetAddress address) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(bare);
        return literal != null && Arrays.equals(literal, address.getAddress());
    }

    /** The address as Via's received wants it: dotted IPv4 or bare IPv6 without zone or brackets. */
    static String ipLiteral(InetAddress address) {
        String text = NetUtil.toAddressString(address);
        int zone = text.indexOf('%');
        return zone < 0 ? text : text.substring(0, zone);
    }
}
