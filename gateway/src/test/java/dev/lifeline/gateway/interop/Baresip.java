package dev.lifeline.gateway.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's baresip (baresip-core) as a headless phone: its own config directory (config and
 * accounts, written here), G.711 only, the microphone an 8 kHz WAV file (aufile), and what it
 * hears dumped to WAV files by the sndfile filter, since baresip-core has no file player.
 * Commands go to its stdio interface (stdin).
 */
final class Baresip implements AutoCloseable {

    private final PeerProcess process;
    private final Path recordings;

    private Baresip(PeerProcess process, Path recordings) {
        this.process = process;
        this.recordings = recordings;
    }

    /**
     * Starts baresip with one account {@code user} at the registrar {@code gateway}, answering
     * calls at once, speaking from {@code source} (a WAV file).
     */
    static Baresip start(Path binary, Path dir, String user, String password, InetSocketAddress gateway, Path source)
            throws IOException {
        Path config = Files.createDirectories(dir.resolve("baresip"));
        Path recordings = Files.createDirectories(dir.resolve("recordings"));
        int sipPort = FreePorts.udp();
        Files.writeString(config.resolve("config"), """
                # Lifeline interop: a headless baresip on loopback.
                poll_method		epoll
                sip_listen		127.0.0.1:%d
                net_interface		127.0.0.1
                audio_source		aufile,%s
                audio_player		aubridge,nowhere
                audio_alert		aubridge,nowhere
                ausrc_srate		8000
                auplay_srate		8000
                ausrc_channels		1
                auplay_channels		1
                rtp_stats		yes
                snd_path		%s
                module_path		/usr/lib/baresip/modules
                module			stdio.so
                module			g711.so
                module			aufile.so
                module			aubridge.so
                module			sndfile.so
                module_tmp		account.so
                module_app		menu.so
                """.formatted(sipPort, source, recordings));
        String host = gateway.getAddress().getHostAddress() + ":" + gateway.getPort();
        Files.writeString(config.resolve("accounts"),
                "<sip:%s@%s>;auth_pass=%s;answermode=auto;regint=300;audio_codecs=PCMU/8000/1,PCMA/8000/1\n"
                        .formatted(user, host, password));
        PeerProcess process = PeerProcess.start("baresip", List.of(binary.toString(), "-s", "-f", config.toString()), dir,
                dir.resolve("baresip.log"));
        return new Baresip(process, recordings);
    }

    /** The WAV file sndfile wrote with what baresip decoded from the network, if any. */
    Optional<Path> heard() throws IOException {
        try (Stream<Path> files = Files.list(recordings)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).findFirst();
        }
    }

    void command(String line) throws IOException {
        process.type(line);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        return process.output();
    }

    String tail(int lines) {
        return process.tail(lines);
    }

    @Override
    public void close() {
        try {
            process.type("/quit");
        } catch (IOException e) {
            // already gone
        }
        process.close();
    }
}
