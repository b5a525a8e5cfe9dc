package dev.lifeline.drill.netns;

import dev.lifeline.drill.lab.LabException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One run of the kernel-level lab: the namespaces of a {@link NetnsPlan}, and in them the ISP
 * captures (tcpdump on each ISP's site-facing veth), one dnsmasq resolver per path, Kamailio as
 * the provider, optionally {@code lifeline reflector}, and the gateway itself
 * ({@code lifeline gateway run} on the generated site file). {@link #close} stops every program
 * by its PID and removes every namespace; a JVM shutdown hook does the same on Ctrl-C.
 */
public final class NetnsLab implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(45);
    private static final List<String> KAMAILIO_MODULES = List.of(
            "/usr/lib/x86_64-linux-gnu/kamailio/modules", "/usr/lib/aarch64-linux-gnu/kamailio/modules",
            "/usr/lib/kamailio/modules", "/usr/lib64/kamailio/modules");

    private final NetnsPlan plan;
    private final Path dir;
    private final Consumer<String> progress;
    private final List<Child> children = new ArrayList<>();
    private final Thread hook;
    private boolean closed;
    private Child gateway;
    private UnaryOperator<String> siteEdit = UnaryOperator.identity();
    /** The site's phones in lan, by extension, in the order the plan names them (each on its own SIP port). */
    private final java.util.Map<String, LabPhone> phones = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, String> phonePasswords = new java.util.LinkedHashMap<>();
    /** Callers on the provider's side, in inet (one per inbound-call step). */
    private final List<LabPhone> callers = new ArrayList<>();
    /** The namespaces of the second and further phones (removed at the end with the plan's). */
    private final List<String> phoneNamespaces = new ArrayList<>();

    private NetnsLab(NetnsPlan plan, Path dir, Consumer<String> progress) {
        this.plan = plan;
        this.dir = dir;
        this.progress = progress;
        this.hook = new Thread(this::close, "lifeline-netns-cleanup-" + plan.prefix());
    }

    /**
     * Builds the topology and starts every part; returns once the provider has answered the
     * trunk's REGISTER over wan1 (seen in wan1's capture).
     *
     * @param launcher how to start the CLI in another JVM: {@code java -cp … dev.lifeline.cli.Main}
     * @param siteYaml the user's site file's text
     */
    public static NetnsLab start(NetnsPlan plan, Path dir, List<String> launcher, String siteYaml, boolean reflector,
                                 Consumer<String> progress) throws LabException, InterruptedException {
        return start(plan, dir, launcher, siteYaml, reflector, Optional.empty(), progress);
    }

    /**
     * As above, and with {@code calls} present a phone in lan registered as its extension and a
     * far end in inet registered with the provider as its number, both baresip; the phone's veth
     * is captured too ({@link #lanCapture}). Returns once the phone is registered as well.
     */
    public static NetnsLab start(NetnsPlan plan, Path dir, List<String> launcher, String siteYaml, boolean reflector,
                                 Optional<CallPlan> calls, Consumer<String> progress) throws LabException, InterruptedException {
        return start(plan, dir, launcher, siteYaml, reflector, calls, UnaryOperator.identity(), progress);
    }

    /**
     * As above, with {@code siteEdit} applied to the generated site file before the gateway
     * starts on it (e.g. {@link LabSiteDrill#rewrite}); {@link #siteFile} is where it is.
     */
    public static NetnsLab start(NetnsPlan plan, Path dir, List<String> launcher, String siteYaml, boolean reflector,
                                 Optional<CallPlan> calls, UnaryOperator<String> siteEdit, Consumer<String> progress)
            throws LabException, InterruptedException {
        NetnsLab lab = new NetnsLab(plan, dir, progress);
        lab.siteEdit = siteEdit;
        Runtime.getRuntime().addShutdownHook(lab.hook);
        try {
            Files.createDirectories(dir);
            lab.build();
            lab.startParts(launcher, siteYaml, reflector, calls);
            lab.awaitTrunk();
            if (calls.isPresent()) {
                // Once the gateway answers: a phone whose first REGISTER goes unanswered waits long to retry.
                int i = 0;
                for (String ext : calls.get().extensions()) {
                    String ns = lab.phoneNamespace(i);
                    LabPhone p = LabPhone.sitePhone("phone-" + ext, ns, dir, phoneAddress(i++) + ":" + NetnsPlan.PHONE_SIP_PORT,
                            "sip:" + ext + "@" + NetnsPlan.SITE_LAN + ":" + NetnsPlan.SIP_PORT, lab.phonePasswords.get(ext));
                    lab.phones.put(ext, p);
                    lab.children.add(p.child());
                }
                lab.awaitPhones();
            }
            lab.awaitPreferredPath();
            return lab;
        } catch (IOException e) {
            lab.close();
            throw new LabException("cannot write in " + dir + ": " + e.getMessage(), e);
        } catch (LabException | InterruptedException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** Removes namespaces left by lab runs whose process is gone, stopping what still runs in them. */
    public static List<String> removeStale(Consumer<String> progress) throws LabException {
        List<String> stale = NetnsPlan.stale(Shell.run(List.of("ip", "netns", "list")).lines().toList(),
                pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        for (String ns : stale) {
            stopPidsIn(ns);
            Shell.attempt(List.of("ip", "netns", "del", ns));
            progress.accept("  removed a stale lab namespace " + ns);
        }
        return stale;
    }

    public NetnsPlan plan() {
        return plan;
    }

    /** The site file the gateway runs with (generated from the user's, network rewritten for the lab). */
    public Path siteFile() {
        return dir.resolve("site.yaml");
    }

    /** The lab run's directory: captures, configs, every part's log. */
    public Path dir() {
        return dir;
    }

    /** The capture file of an uplink (classic pcap, written by tcpdump as packets pass). */
    public Path capture(NetnsPlan.Uplink u) {
        return dir.resolve(u.siteDevice() + ".pcap");
    }

    /** The capture on the phones' veth in lan. */
    public Path lanCapture() {
        return dir.resolve("lan.pcap");
    }

    /** What the uplink's capture holds so far. */
    public List<Datagram> captured(NetnsPlan.Uplink u) throws LabException {
        return read(capture(u));
    }

    /** What the provider side's capture (inet, every interface, after the ISPs' NAT) holds so far. */
    public List<Datagram> capturedInet() throws LabException {
        Path inet = dir.resolve("inet.pcap");
        return Files.exists(inet) ? read(inet) : List.of();
    }

    /** What the phones' capture holds so far (nothing when the lab runs no phone). */
    public List<Datagram> capturedLan() throws LabException {
        return Files.exists(lanCapture()) ? read(lanCapture()) : List.of();
    }

    private static List<Datagram> read(Path file) throws LabException {
        try {
            return PcapReader.udp(Files.readAllBytes(file));
        } catch (IOException | IllegalArgumentException e) {
            throw new LabException("cannot read the capture " + file + ": " + e.getMessage(), e);
        }
    }

    /** The lab's first phone in lan, for {@code /dial} and {@code /hangup}. */
    Optional<LabPhone> phone() {
        return phones.values().stream().findFirst();
    }

    /** The PID of the uplink's resolver (dnsmasq in inet), for resolver faults. */
    long resolverPid(NetnsPlan.Uplink u) throws LabException {
        return children.stream().filter(c -> c.name().equals("dnsmasq " + u.siteDevice())).findFirst().map(Child::pid)
                .orElseThrow(() -> new LabException("no resolver runs for " + u.siteDevice()));
    }

    /**
     * The processes of provider target {@code target}'s Kamailio (the main one and the workers it
     * forked), for stopping the target as a whole.
     */
    List<Long> providerPids(String target) throws LabException {
        NetnsPlan.ProviderTarget t;
        try {
            t = NetnsPlan.providerTarget(target);
        } catch (IllegalArgumentException e) {
            throw new LabException(e.getMessage());
        }
        String name = t.name().equals("sip1") ? "kamailio" : "kamailio " + t.name();
        Child main = children.stream().filter(c -> c.name().equals(name) && c.isAlive()).findFirst()
                .orElseThrow(() -> new LabException("no Kamailio runs for provider target " + t.name()));
        List<Long> out = new ArrayList<>();
        out.add(main.pid());
        main.process().toHandle().descendants().limit(64).forEach(h -> out.add(h.pid()));
        return List.copyOf(out);
    }

    /**
     * Every provider target runs again (SIGCONT) before it is stopped: a target stopped by a
     * scenario (SIGSTOP) would not act on SIGTERM, e.g. when Ctrl-C ends the run mid-fault.
     */
    private void continueProviders() {
        for (NetnsPlan.ProviderTarget t : NetnsPlan.PROVIDER_TARGETS) {
            try {
                Shell.attempt(NetnsPlan.providerBack(providerPids(t.name())).get(0));
            } catch (LabException | RuntimeException e) {
                // not started, or gone already: nothing to continue
            }
        }
    }

    /**
     * Starts, per path, the resolvers that answer SERVFAIL and REFUSED ({@link NetnsPlan#faultResolver}),
     * unreached until a DNS fault DNAT-s the path's resolver to one of them; stopped by PID with the
     * rest of the lab. Returns once each has logged that it started (at most 5 s each).
     */
    void startFaultResolvers() throws LabException, InterruptedException {
        for (NetnsPlan.Uplink u : NetnsPlan.UPLINKS) {
            for (int port : new int[] {NetnsPlan.SERVFAIL_PORT, NetnsPlan.REFUSED_PORT}) {
                String what = port == NetnsPlan.SERVFAIL_PORT ? "servfail" : "refused";
                Path log = dir.resolve("dnsmasq-" + u.siteDevice() + "-" + what + ".log");
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    throw new LabException("cannot remove the old log " + log + ": " + e.getMessage(), e);
                }
                Child c = Child.start("dnsmasq " + u.siteDevice() + " " + what, plan.faultResolver(u, port,
                        dir.resolve("dnsmasq-" + u.n() + "-" + what + ".pid").toString(), log.toString()), dir,
                        dir.resolve("dnsmasq-" + u.siteDevice() + "-" + what + ".out"), Duration.ofSeconds(3));
                children.add(c);
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (!(Files.exists(log) && readQuietly(log).contains("started"))) {
                    if (!c.isAlive()) {
                        throw new LabException("the " + what + " resolver for " + u.siteDevice() + " stopped: " + c.death());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new LabException("the " + what + " resolver for " + u.siteDevice() + " did not start within 5 s; see " + log);
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    /** The lab's phone registered as {@code extension}. */
    Optional<LabPhone> phone(String extension) {
        return Optional.ofNullable(phones.get(extension));
    }

    /** The position of {@code extension}'s phone (its address is {@link #phoneAddress} of it). */
    int phoneIndex(String extension) {
        return new ArrayList<>(phones.keySet()).indexOf(extension);
    }

    /** The {@code n}th caller on the provider's side (0-based), as planned by {@link CallPlan#callers}. */
    Optional<LabPhone> caller(int n) {
        return n < callers.size() ? Optional.of(callers.get(n)) : Optional.empty();
    }

    /** At most this many phones: 10.201.0.2 to 10.201.0.17. */
    static final int MAX_PHONES = 16;

    /** Every address a lab phone may have. */
    static final java.util.Set<String> PHONE_ADDRESSES = java.util.stream.IntStream.range(0, MAX_PHONES)
            .mapToObj(NetnsLab::phoneAddress).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The LAN address of the {@code i}th phone: 10.201.0.2, .3, … */
    static String phoneAddress(int i) {
        if (i < 0 || i >= MAX_PHONES) {
            throw new IllegalArgumentException("phone " + (i + 1) + "; the lab runs at most " + MAX_PHONES + " phones");
        }
        return "10.201.0." + (2 + i);
    }

    /**
     * Where the {@code i}th phone runs: the first in lan on lan0; each further one in a namespace of
     * its own on a macvlan of lan0 (so lan0's capture sees it). Each needs its own stack: baresip
     * sends RTP from an unbound socket, so a second address in one namespace would not be its
     * media's source.
     */
    private String phoneNamespace(int i) throws LabException {
        if (i == 0) {
            return plan.lan();
        }
        String ns = plan.prefix() + "-ph" + i;
        String dev = "ph" + i;
        phoneNamespaces.add(ns);
        for (List<String> c : List.of(
                List.of("ip", "netns", "add", ns),
                List.of("ip", "-n", ns, "link", "set", "lo", "up"),
                List.of("ip", "-n", plan.lan(), "link", "add", dev, "link", "lan0", "type", "macvlan", "mode", "bridge"),
                List.of("ip", "-n", plan.lan(), "link", "set", dev, "netns", ns),
                List.of("ip", "-n", ns, "addr", "add", phoneAddress(i) + "/24", "dev", dev),
                List.of("ip", "-n", ns, "link", "set", dev, "up"))) {
            Shell.run(c);
        }
        return ns;
    }

    /** The SIP port of the {@code i}th caller in inet (they share the far end's address, for the same reason). */
    static int callerSipPort(int i) {
        return 5070 + 2 * i;
    }

    /**
     * Who calls whom: the site's extensions the lab runs phones for (the first places outbound
     * calls), the outside number that answers them, and how many callers on the provider's side
     * call the site's DIDs (with the caller ID each presents).
     */
    public record CallPlan(List<String> extensions, String number, List<CallerId> callers) {
        public CallPlan {
            extensions = List.copyOf(new java.util.LinkedHashSet<>(extensions));
            if (extensions.isEmpty()) {
                throw new IllegalArgumentException("a call plan needs at least one phone");
            }
            callers = List.copyOf(callers);
        }

        public CallPlan(String extension, String number) {
            this(List.of(extension), number, List.of());
        }

        public String extension() {
            return extensions.get(0);
        }
    }

    /** What a caller on the provider's side presents: its display name and its From user. */
    public record CallerId(String display, String user) {
    }

    /** Runs fault or restore commands; returns the instant just before the first one started. */
    public Instant apply(List<List<String>> commands) throws LabException {
        Instant at = Instant.now();
        for (List<String> c : commands) {
            Shell.run(c);
        }
        return at;
    }

    /** Empty while every part runs; else which one died and its log. */
    public Optional<String> deadPart() {
        return children.stream().filter(c -> !c.isAlive()).findFirst().map(Child::death);
    }

    private void build() throws LabException {
        for (List<String> c : plan.setup()) {
            Shell.run(c);
        }
        for (NetnsPlan.Uplink u : NetnsPlan.UPLINKS) {
            for (List<String> c : plan.udpTimeouts(u, 30, 120)) {   // the kernel's defaults, written out
                Shell.run(c);
            }
        }
        progress.accept("  namespaces " + plan.prefix() + "-{site,isp1,isp2,inet,lan} built");
    }

    private void startParts(List<String> launcher, String siteYaml, boolean reflector, Optional<CallPlan> calls)
            throws LabException, IOException, InterruptedException {
        for (NetnsPlan.Uplink u : NetnsPlan.UPLINKS) {
            Path pcap = capture(u);
            Files.deleteIfExists(pcap);
            children.add(Child.start("tcpdump " + u.siteDevice(), cmd(plan.isp(u), "tcpdump", "-Z", "root", "-i",
                    u.ispDevice(), "-n", "-U", "-s", "2048", "-w", pcap.toString(), "udp"), dir,
                    dir.resolve("tcpdump-" + u.siteDevice() + ".log"), Duration.ofSeconds(3)));
        }
        for (NetnsPlan.Uplink u : NetnsPlan.UPLINKS) {
            children.add(resolver(u, java.util.Set.of(), "dnsmasq-" + u.siteDevice() + ".log"));
        }
        // What the provider side sees (after the ISPs' NAT), for reading a figure again by hand.
        children.add(Child.start("tcpdump inet", cmd(plan.inet(), "tcpdump", "-Z", "root", "-i", "any", "-n", "-U", "-s", "2048",
                "-w", dir.resolve("inet.pcap").toString(), "udp"), dir, dir.resolve("tcpdump-inet.log"), Duration.ofSeconds(3)));
        if (calls.isPresent()) {
            Files.deleteIfExists(lanCapture());
            children.add(Child.start("tcpdump lan", cmd(plan.lan(), "tcpdump", "-Z", "root", "-i", "lan0", "-n", "-U", "-s",
                    "2048", "-w", lanCapture().toString(), "udp"), dir, dir.resolve("tcpdump-lan.log"), Duration.ofSeconds(3)));
        }
        String password = HexFormat.of().formatHex(randomBytes(12));
        String calleePassword = HexFormat.of().formatHex(randomBytes(12));
        for (String ext : calls.map(CallPlan::extensions).orElse(List.of())) {
            phonePasswords.put(ext, HexFormat.of().formatHex(randomBytes(12)));
        }
        for (NetnsPlan.ProviderTarget t : NetnsPlan.PROVIDER_TARGETS) {
            // sip1 keeps the names it always had (kamailio.cfg, kamailio.log); each further target its own.
            String base = t.name().equals("sip1") ? "kamailio" : "kamailio-" + t.name();
            Path kamailioCfg = dir.resolve(base + ".cfg");
            writePrivate(kamailioCfg, kamailioConfig(t, password, calls.map(CallPlan::number).orElse("+0"), calleePassword));
            Path run = Files.createDirectories(dir.resolve(base + "-run"));
            children.add(Child.start(base.replace('-', ' '), cmd(plan.inet(), Preflight.find("kamailio").map(Path::toString)
                            .orElse("kamailio"), "-f", kamailioCfg.toString(), "-DD", "-E", "-m", "32", "-M", "8", "-P",
                    dir.resolve(base + ".pid").toString(), "-Y", run.toString()), dir, dir.resolve(base + ".log"),
                    Duration.ofSeconds(5)));
        }
        if (calls.isPresent()) {
            // The far end registers with every target, as a PSTN interconnect reachable from each of the provider's nodes.
            children.add(LabPhone.start("callee", plan.inet(), dir, NetnsPlan.CALLEE + ":" + NetnsPlan.SIP_PORT,
                    NetnsPlan.PROVIDER_TARGETS.stream().map(t -> "sip:" + calls.get().number() + "@" + t.address() + ":"
                            + NetnsPlan.SIP_PORT).toList(), calleePassword).child());
            int i = 0;
            for (CallerId id : calls.get().callers()) {
                LabPhone c = LabPhone.caller("caller-" + (i + 1), plan.inet(), dir, NetnsPlan.CALLEE + ":" + callerSipPort(i),
                        id.display(), id.user(), NetnsPlan.PROVIDER + ":" + NetnsPlan.SIP_PORT);
                i++;
                callers.add(c);
                children.add(c.child());
            }
        }
        if (reflector) {
            List<String> c = new ArrayList<>(NetnsPlan.exec(plan.inet()));
            c.addAll(launcher);
            c.addAll(List.of("reflector", "--listen", NetnsPlan.REFLECTOR + ":" + NetnsPlan.REFLECTOR_PORT, "--allow-any",
                    "--report", "1h"));
            Child r = Child.start("reflector", c, dir, dir.resolve("reflector.log"), Duration.ofSeconds(5));
            children.add(r);
            // Before the gateway starts: a quality stream that is silent at first (a reflector JVM still
            // starting on a loaded host) takes the path down, and the scenario would begin mid-failover.
            awaitLine(r, "listening on", READY);
        }
        Path site = dir.resolve("site.yaml");
        writePrivate(site, siteEdit.apply(LabSite.rewrite(siteYaml, reflector, password, dir.resolve("gateway-storage"),
                phonePasswords)));
        List<String> g = new ArrayList<>(NetnsPlan.exec(plan.site()));
        g.addAll(launcher);
        g.addAll(List.of("gateway", "run", "--config", site.toString()));
        gateway = Child.start("gateway", g, dir, dir.resolve("gateway.log"), Duration.ofSeconds(10));
        children.add(gateway);
        writeRestartScript(g);
        progress.accept("  started tcpdump ×2, dnsmasq ×2, kamailio ×" + NetnsPlan.PROVIDER_TARGETS.size() + " (sip1 "
                + NetnsPlan.PROVIDER + ", sip2 " + NetnsPlan.PROVIDER_2 + ")" + (reflector ? ", reflector" : "") + ", gateway (pid "
                + gateway.pid() + ")");
    }

    private String kamailioConfig(NetnsPlan.ProviderTarget target, String password, String callee, String calleePassword)
            throws IOException, LabException {
        String modules = KAMAILIO_MODULES.stream().filter(d -> Files.exists(Path.of(d, "tm.so"))).findFirst()
                .orElseThrow(() -> new LabException("kamailio modules (tm.so) not found in " + KAMAILIO_MODULES));
        String template;
        try (InputStream in = NetnsLab.class.getResourceAsStream("/netns/kamailio.cfg")) {
            if (in == null) {
                throw new LabException("the lab's kamailio.cfg is missing from the class path (resource /netns/kamailio.cfg)");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String peer = NetnsPlan.PROVIDER_TARGETS.stream().filter(t -> !t.equals(target)).findFirst().orElseThrow().address();
        return template.replace("@ADDRESS@", target.address()).replace("@PEER@", peer).replace("@DOMAIN@", NetnsPlan.PROVIDER_DOMAIN)
                .replace("@MODULES@", modules).replace("@TRUNK_USER@", LabSite.TRUNK_USER)
                .replace("@TRUNK_PASSWORD@", password).replace("@CALLEE_PASSWORD@", calleePassword).replace("@CALLEE@", callee).replace("@SECRET@", HexFormat.of().formatHex(randomBytes(16)));
    }

    /** Waits for the provider's 200 to the trunk's REGISTER in wan1's capture, bounded by {@link #READY}. */
    private void awaitTrunk() throws LabException, InterruptedException {
        Instant deadline = Instant.now().plus(READY);
        Instant from = Instant.EPOCH;
        while (Instant.now().isBefore(deadline)) {
            Optional<String> dead = deadPart();
            if (dead.isPresent()) {
                throw new LabException("a lab part stopped before the trunk registered: " + dead.get());
            }
            if (CaptureFigures.firstRegisterOk(captured(NetnsPlan.WAN1), NetnsPlan.WAN1.siteAddress(), from).isPresent()) {
                progress.accept("  trunk registered over wan1 (provider's 200 OK seen in wan1.pcap)");
                return;
            }
            Thread.sleep(200);
        }
        throw new LabException("the trunk did not register with Kamailio over wan1 within " + READY.toSeconds()
                + " s (no 200 OK to REGISTER in " + capture(NetnsPlan.WAN1) + "); gateway log:\n" + gateway.tail(15)
                + "\nkamailio log: " + dir.resolve("kamailio.log"));
    }

    /**
     * Waits until the trunk's latest registration is over wan1: a gateway that flapped to wan2
     * while the lab was starting (e.g. its first quality probes unanswered under load) must be
     * back on its preferred path before the scenario's fault, or the fault would find nothing to
     * fail over from. Bounded by {@link #READY}.
     */
    private void awaitPreferredPath() throws LabException, InterruptedException {
        Instant deadline = Instant.now().plus(READY);
        boolean told = false;
        while (Instant.now().isBefore(deadline)) {
            Optional<Instant> on1 = lastRegisterOk(NetnsPlan.WAN1);
            Optional<Instant> on2 = lastRegisterOk(NetnsPlan.WAN2);
            if (on1.isPresent() && (on2.isEmpty() || on1.get().isAfter(on2.get()))) {
                if (told) {
                    progress.accept("  the trunk is back on wan1 (provider's 200 OK seen in wan1.pcap)");
                }
                return;
            }
            if (!told) {
                progress.accept("  the trunk registered over wan2 while the lab started; waiting for it to fail back to wan1");
                told = true;
            }
            Thread.sleep(500);
        }
        throw new LabException("the trunk did not settle on wan1 within " + READY.toSeconds() + " s of the lab's start "
                + "(its last 200 OK to REGISTER is in " + capture(NetnsPlan.WAN2) + "); gateway log:\n" + gateway.tail(15));
    }

    private Optional<Instant> lastRegisterOk(NetnsPlan.Uplink u) throws LabException {
        return captured(u).stream().filter(d -> d.destination().equals(u.siteAddress()) && d.isRegisterOk())
                .map(Datagram::at).max(Instant::compareTo);
    }

    /** Waits until the part's log holds {@code text}, bounded by {@code limit}; its death or the limit is an error. */
    private static void awaitLine(Child part, String text, Duration limit) throws LabException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!part.isAlive()) {
                throw new LabException("a lab part stopped while starting: " + part.death());
            }
            if (part.tail(50).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new LabException(part.name() + " did not say \"" + text + "\" within " + limit.toSeconds() + " s; last lines:\n"
                + part.tail(15));
    }

    /** The generated configs hold the site's and the lab's passwords: readable by the owner only. */
    private static void writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }

    /** Waits for the gateway's 200 to every phone's REGISTER in the lan capture (the phones retry on their own). */
    private void awaitPhones() throws LabException, InterruptedException {
        Instant deadline = Instant.now().plus(READY);
        List<String> missing = new ArrayList<>(phones.keySet());
        while (Instant.now().isBefore(deadline)) {
            Optional<String> dead = deadPart();
            if (dead.isPresent()) {
                throw new LabException("a lab part stopped before the phones registered: " + dead.get());
            }
            List<Datagram> lan = capturedLan();
            List<String> ext = new ArrayList<>(phones.keySet());
            missing.removeIf(e -> lan.stream().anyMatch(d -> d.destination().equals(phoneAddress(ext.indexOf(e))) && d.isRegisterOk()));
            if (missing.isEmpty()) {
                progress.accept("  " + phones.size() + (phones.size() == 1 ? " phone" : " phones") + " " + phones.keySet()
                        + " registered with the gateway (200 OK seen in lan.pcap)"
                        + (callers.isEmpty() ? "" : "; " + callers.size() + " caller(s) on the provider's side"));
                return;
            }
            Thread.sleep(200);
        }
        throw new LabException("lab phone(s) " + missing + " did not register with the gateway within " + READY.toSeconds()
                + " s (no 200 OK to REGISTER in " + lanCapture() + "); see " + dir.resolve("baresip-phone-" + missing.get(0) + ".log"));
    }

    /** The script that restarts the lab's gateway, as a host's service manager would (see {@link #writeRestartScript}). */
    public static Path restartScript(Path dir) {
        return dir.resolve("restart-gateway.sh");
    }

    /** Where the PID of the lab's running gateway is kept (written at its start and by each restart). */
    public static Path gatewayPidFile(Path dir) {
        return dir.resolve("gateway.pid");
    }

    /** The PID in {@link #gatewayPidFile}, if there is one. */
    public static Optional<Long> gatewayPid(Path dir) {
        try {
            String text = Files.readString(gatewayPidFile(dir)).strip();
            return text.matches("[0-9]{1,10}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code pid} runs (a zombie, ended and waiting to be reaped, does not). */
    public static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return !state.startsWith("Z") && !state.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Writes the gateway's PID file and a restart script, run on the gateway host (the site
     * namespace) as {@code drill.restartCommand}: it stops the PID in the file (SIGTERM, SIGKILL
     * after 20 s), starts {@code command} again in a session of its own, appending to the same log,
     * and writes the new PID. {@link #close} stops whatever PID the file holds then.
     */
    private void writeRestartScript(List<String> command) throws IOException {
        Path pidFile = gatewayPidFile(dir);
        Files.writeString(pidFile, gateway.pid() + "\n");
        StringBuilder start = new StringBuilder();
        for (String arg : command) {
            start.append(shellQuote(arg)).append(' ');
        }
        String script = "#!/bin/sh\n"
                + "# Written by lifeline drill --netns --site: restarts the lab's gateway as a host's service manager\n"
                + "# would. Stops the PID in the PID file, starts the same command again, writes its PID.\n"
                + "PIDFILE=" + shellQuote(pidFile.toAbsolutePath().toString()) + "\n"
                + "old=$(cat \"$PIDFILE\" 2>/dev/null)\n"
                + "case \"$old\" in ''|*[!0-9]*) echo \"no gateway PID in $PIDFILE\" >&2; exit 1;; esac\n"
                + "i=0\n"
                + "if kill -TERM \"$old\" 2>/dev/null; then\n"
                + "  while kill -0 \"$old\" 2>/dev/null && ! grep -q '^[0-9]* (.*) [ZX]' /proc/\"$old\"/stat 2>/dev/null; do\n"
                + "    i=$((i+1))\n"
                + "    if [ \"$i\" -gt 200 ]; then echo \"gateway $old did not stop in 20 s; killed\" >&2; kill -KILL \"$old\"; break; fi\n"
                + "    sleep 0.1\n"
                + "  done\n"
                + "fi\n"
                + "cd " + shellQuote(dir.toAbsolutePath().toString()) + " || exit 1\n"
                + "setsid " + start + ">>" + shellQuote(dir.resolve("gateway.log").toAbsolutePath().toString())
                + " 2>&1 </dev/null &\n"
                + "echo $! > \"$PIDFILE\"\n";
        Path file = restartScript(dir);
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        Files.writeString(file, script);
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Stops the gateway a restart script started (by the PID in the PID file), if it is not the one this lab started. */
    private void stopRestartedGateway() {
        Optional<Long> pid = gatewayPid(dir);
        if (pid.isEmpty() || gateway == null || pid.get() == gateway.pid() || !running(pid.get())) {
            return;
        }
        ProcessHandle.of(pid.get()).ifPresent(p -> {
            p.destroy();
            for (int i = 0; i < 100 && running(pid.get()); i++) {   // bounded: 10 s, then SIGKILL
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (running(pid.get())) {
                p.destroyForcibly();
            }
        });
        progress.accept("  stopped the restarted gateway (pid " + pid.get() + ")");
    }

    /** The uplink's resolver: dnsmasq in inet serving the provider zone without the record sets {@code removed}. */
    private Child resolver(NetnsPlan.Uplink u, java.util.Set<String> removed, String log) throws LabException {
        return Child.start("dnsmasq " + u.siteDevice(), plan.resolver(u, dir.resolve("dnsmasq-" + u.n() + ".pid"), removed),
                dir, dir.resolve(log), Duration.ofSeconds(3));
    }

    /** Per uplink, the record sets taken out of its resolver's zone so far (dnsRemove). */
    private final java.util.Map<NetnsPlan.Uplink, java.util.Set<String>> removedRecords = new java.util.HashMap<>();

    /**
     * Takes {@code recordSet} (e.g. {@code "SRV _sip._udp"}) out of the uplink's view of the provider
     * zone for the rest of the run: dnsmasq does not re-read {@code --srv-host} on SIGHUP, so the
     * path's dnsmasq is stopped by its PID and started again on the same address without it (a
     * resolver restart as a zone change behind a real resolver would look: its cache is gone too).
     * {@link #resolverPid} names the new one from then on. Returns when the new one runs.
     */
    Instant removeRecords(NetnsPlan.Uplink u, String recordSet) throws LabException, InterruptedException {
        java.util.Set<String> removed = removedRecords.computeIfAbsent(u, k -> new java.util.LinkedHashSet<>());
        removed.add(recordSet);
        int at = -1;
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).name().equals("dnsmasq " + u.siteDevice())) {
                at = i;
            }
        }
        if (at < 0) {
            throw new LabException("no resolver runs for " + u.siteDevice());
        }
        Instant when = Instant.now();
        children.get(at).close();   // SIGTERM to its PID, SIGKILL after the grace
        Child next = resolver(u, java.util.Set.copyOf(removed), "dnsmasq-" + u.siteDevice() + "-" + removed.size() + ".log");
        children.set(at, next);
        awaitLine(next, "started, version", Duration.ofSeconds(10));
        return when;
    }

    private static List<String> cmd(String namespace, String... program) {
        List<String> c = new ArrayList<>(NetnsPlan.exec(namespace));
        c.addAll(List.of(program));
        return c;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static void stopPidsIn(String namespace) throws LabException {
        Shell.Result r = Shell.attempt(List.of("ip", "netns", "pids", namespace));
        for (String line : r.output().lines().toList()) {
            if (line.strip().matches("[0-9]+")) {
                ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Stops every part by PID (the gateway first, the captures last), then removes the namespaces. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopRestartedGateway();
        continueProviders();
        for (int i = children.size() - 1; i >= 0; i--) {
            Child c = children.get(i);
            if (c == gateway || !c.name().startsWith("tcpdump")) {
                c.close();
            }
        }
        for (Child c : children) {
            c.close();   // the captures, once nothing is left to capture
        }
        List<String> all = new ArrayList<>(phoneNamespaces);
        all.addAll(plan.namespaces());
        for (String ns : all) {
            try {
                stopPidsIn(ns);   // anything a part left behind (kamailio's workers normally go with it)
                Shell.attempt(List.of("ip", "netns", "del", ns));
            } catch (LabException e) {
                progress.accept("  could not remove namespace " + ns + ": " + e.getMessage());
            }
        }
        if (Thread.currentThread() == hook) {
            progress.accept("  stopped by a signal: every lab program stopped by its PID, namespaces " + plan.prefix()
                    + "-* removed");
        } else {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs close(), which returns at once
            }
        }
    }
}
