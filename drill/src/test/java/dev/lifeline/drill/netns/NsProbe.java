package dev.lifeline.drill.netns;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A small UDP client for the root tests, started inside a lab namespace with {@code ip netns exec}:
 * <ul>
 *   <li>{@code query BIND SERVER NAME}: one DNS A query from BIND to SERVER:53; prints {@code rcode N} or {@code timeout};</li>
 *   <li>{@code recv ADDR PORT COUNT MS}: prints {@code ready}, then {@code from IP:PORT} per datagram, at most COUNT, within MS;</li>
 *   <li>{@code send BIND PORT TO TOPORT}: one datagram from BIND:PORT.</li>
 * </ul>
 */
public final class NsProbe {

    private NsProbe() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "query" -> query(args[1], args[2], args[3]);
            case "recv" -> recv(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "send" -> {
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(args[1], Integer.parseInt(args[2])))) {
                    byte[] b = "probe".getBytes(StandardCharsets.US_ASCII);
                    s.send(new DatagramPacket(b, b.length, InetAddress.getByName(args[3]), Integer.parseInt(args[4])));
                }
            }
            default -> throw new IllegalArgumentException("mode " + args[0]);
        }
    }

    private static void query(String bind, String server, String name) throws Exception {
        ByteBuffer q = ByteBuffer.allocate(512);
        q.putShort((short) 0x4c4c).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0);
        for (String label : name.split("\\.")) {
            q.put((byte) label.length()).put(label.getBytes(StandardCharsets.US_ASCII));
        }
        q.put((byte) 0).putShort((short) 1).putShort((short) 1);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(bind, 0))) {
            s.setSoTimeout(3000);
            s.send(new DatagramPacket(q.array(), q.position(), InetAddress.getByName(server), 53));
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            try {
                s.receive(p);
                System.out.println("rcode " + DnsNatFigures.rcode(java.util.Arrays.copyOf(p.getData(), p.getLength()))
                        .map(String::valueOf).orElse("none") + " from " + p.getAddress().getHostAddress() + ":" + p.getPort());
            } catch (SocketTimeoutException e) {
                System.out.println("timeout");
            }
        }
    }

    private static void recv(String addr, int port, int count, int ms) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(addr, port))) {
            System.out.println("ready");
            System.out.flush();
            long deadline = System.currentTimeMillis() + ms;
            for (int i = 0; i < count; i++) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                s.setSoTimeout((int) left);
                DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
                try {
                    s.receive(p);
                } catch (SocketTimeoutException e) {
                    return;
                }
                System.out.println("from " + p.getAddress().getHostAddress() + ":" + p.getPort());
                System.out.flush();
            }
        }
    }
}
