package dev.lifeline.drill.netns;

import dev.lifeline.drill.lab.LabException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's baresip as a headless phone inside a lab namespace: one account, G.711 only, the
 * numbered signal of {@link HeardAudio} from a WAV file as its microphone (aufile), and what it
 * decodes recorded by the sndfile module, one WAV per call in {@link #recordings()} (named
 * {@code dump-<local time>-dec.wav}; the {@code -enc.wav} beside it is what it sent). The player is
 * a bridge to nowhere, so nothing is played aloud. No PLC module: a lost G.711 packet is stood in
 * for by baresip 1.0.0 itself (it plays the next frame twice). Commands ({@code /dial},
 * {@code /hangup}) go to its stdin. Chosen over a JVM phone agent in the namespace because it
 * is a peer nobody here wrote, starts in milliseconds, and is already installed by {@code .ci/run}.
 */
final class LabPhone implements AutoCloseable {

    private final Child child;
    private final Process stdinOwner;
    private final Path recordings;

    private LabPhone(Child child, Process stdinOwner, Path recordings) {
        this.child = child;
        this.stdinOwner = stdinOwner;
        this.recordings = recordings;
    }

    /**
     * @param namespace where it runs
     * @param listen    its SIP address, ip:port
     * @param aor       its account, e.g. {@code sip:1001@10.201.0.1:5060}
     */
    static LabPhone start(String name, String namespace, Path dir, String listen, String aor, String password)
            throws LabException {
        return start(name, namespace, dir, listen, "<" + aor + ">;auth_pass=" + password
                + ";answermode=auto;regint=600;audio_codecs=PCMU/8000/1,PCMA/8000/1", 4);
    }

    /**
     * As above with one account per registrar: the same user registered with each of
     * {@code aors} (e.g. every provider target), answering calls from any of them.
     */
    static LabPhone start(String name, String namespace, Path dir, String listen, List<String> aors, String password)
            throws LabException {
        if (aors.isEmpty()) {
            throw new IllegalArgumentException("a phone needs at least one account");
        }
        return start(name, namespace, dir, listen, String.join("\n", aors.stream().map(aor -> "<" + aor + ">;auth_pass="
                + password + ";answermode=auto;regint=600;audio_codecs=PCMU/8000/1,PCMA/8000/1").toList()), 4);
    }

    /**
     * A site phone: registers as its extension, answers at once, and holds one call at a time
     * (a second call gets 486 Busy Here, as a single-line desk phone does, so a group call rings
     * the members that are free).
     */
    static LabPhone sitePhone(String name, String namespace, Path dir, String listen, String aor, String password)
            throws LabException {
        return start(name, namespace, dir, listen, "<" + aor + ">;auth_pass=" + password
                + ";answermode=auto;regint=600;audio_codecs=PCMU/8000/1,PCMA/8000/1", 1);
    }

    /**
     * A caller on the provider's side: it does not register (the provider takes calls to the
     * site's DIDs from anyone, as from a peering partner) and presents {@code user} (with
     * {@code display}) as its caller ID; it dials numbers at {@code provider}.
     */
    static LabPhone caller(String name, String namespace, Path dir, String listen, String display, String user,
                           String provider) throws LabException {
        return start(name, namespace, dir, listen, "\"" + display + "\" <sip:" + user + "@" + provider
                + ">;regint=0;answermode=manual;audio_codecs=PCMU/8000/1,PCMA/8000/1", 1);
    }

    private static LabPhone start(String name, String namespace, Path dir, String listen, String account, int maxCalls)
            throws LabException {
        try {
            Path config = Files.createDirectories(dir.resolve("baresip-" + name));
            String ip = listen.substring(0, listen.indexOf(':'));
            Path heard = Files.createDirectories(config.resolve("heard"));
            Files.writeString(config.resolve("config"), """
                    # Lifeline kernel-level lab: a headless baresip.
                    poll_method		epoll
                    sip_listen		%s
                    net_interface		%s
                    audio_source		aufile,%s
                    audio_player		aubridge,nowhere
                    audio_alert		aubridge,nowhere
                    ausrc_srate		8000
                    auplay_srate		8000
                    ausrc_channels		1
                    auplay_channels		1
                    rtp_stats		yes
                    snd_path		%s
                    call_max_calls		%d
                    module_path		/usr/lib/baresip/modules
                    module			stdio.so
                    module			g711.so
                    module			aufile.so
                    module			aubridge.so
                    module			sndfile.so
                    module_tmp		account.so
                    module_app		menu.so
                    """.formatted(listen, ip, signal(dir), heard, maxCalls));
            Files.writeString(config.resolve("accounts"), account + "\n");
            List<String> command = new ArrayList<>(NetnsPlan.exec(namespace));
            command.addAll(List.of(Preflight.find("baresip").map(Path::toString).orElse("baresip"), "-f", config.toString()));
            Child child = Child.start("baresip " + name, command, dir, dir.resolve("baresip-" + name + ".log"), Duration.ofSeconds(3));
            return new LabPhone(child, child.process(), heard);
        } catch (IOException e) {
            throw new LabException("cannot write the baresip config for " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The numbered signal at its longest, 81.92 s at 8 kHz, 16-bit mono: longer than any call the lab
     * places (aufile stops at its end).
     */
    private static Path signal(Path dir) throws IOException {
        Path wav = dir.resolve("numbered-signal.wav");
        if (Files.exists(wav)) {
            return wav;
        }
        return Files.write(wav, HeardAudio.wav(HeardAudio.signal(HeardAudio.MAX_FRAMES)));
    }

    /** What it decoded, one WAV per call, oldest first (the names sort by the call's start). */
    List<Path> recordings() throws LabException {
        try (var files = Files.list(recordings)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).sorted().toList();
        } catch (IOException e) {
            throw new LabException("cannot list " + child.name() + "'s recordings in " + recordings + ": " + e.getMessage(), e);
        }
    }

    Child child() {
        return child;
    }

    /** Types a command on its stdin, e.g. {@code /dial +15557000}. */
    void command(String line) throws LabException {
        try {
            OutputStream in = stdinOwner.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new LabException(child.name() + " does not take commands any more: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            command("/quit");
        } catch (LabException e) {
            // already gone
        }
        child.close();
    }
}
