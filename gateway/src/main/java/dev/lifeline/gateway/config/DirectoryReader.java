package dev.lifeline.gateway.config;

import dev.lifeline.sip.auth.Credential;
import dev.lifeline.sip.auth.DigestAlgorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code extensions}, {@code groups} and {@code dids}, and checks that they refer to
 * each other correctly: group members are extensions, extensions' groups exist, every DID
 * points at an extension or a group, and no number is used twice.
 */
final class DirectoryReader {

    static final List<String> EXTENSION_KEYS = List.of("number", "name", "password", "ha1", "groups");
    static final List<String> GROUP_KEYS =
            List.of("number", "name", "strategy", "members", "critical", "ringTimeout");
    static final List<String> HA1_KEYS = List.of("md5", "sha-256", "sha-512-256");
    static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);

    private final Problems problems;
    private final Duplicates numbers = new Duplicates("number");

    DirectoryReader(Problems problems) {
        this.problems = problems;
    }

    Directory read(Section top) {
        List<Section> extSections = top.sections("extensions", true,
                "a list of phone accounts, e.g. '- number: 1001' with a password", EXTENSION_KEYS);
        List<Section> groupSections = top.sections("groups", false, "a list of groups", GROUP_KEYS);
        Set<String> extensionNumbers = declare(extSections);
        Set<String> groupNumbers = declare(groupSections);

        List<PendingExtension> pending = new ArrayList<>();
        for (Section s : extSections) {
            extension(s, groupNumbers).ifPresent(pending::add);
        }
        List<Group> groups = new ArrayList<>();
        for (Section s : groupSections) {
            group(s, extensionNumbers, groupNumbers, pending).ifPresent(groups::add);
        }
        List<Extension> extensions = pending.stream().map(PendingExtension::extension).toList();
        List<Did> dids = dids(top, extensionNumbers, groupNumbers);
        return new Directory(extensions, groups, dids, extensionNumbers, groupNumbers);
    }

    /** An extension and where each of its group references was written. */
    private record PendingExtension(Extension extension, List<Section.Located<String>> groupRefs) {
    }

    /** Collects the numbers first, so references can be checked whatever order the file has. */
    private Set<String> declare(List<Section> sections) {
        Set<String> declared = new LinkedHashSet<>();
        for (Section s : sections) {
            if (!s.has("number")) {
                continue;
            }
            String n = peekNumber(s);
            if (n != null && numbers.add(n, s.markOf("number"), s.path("number"), problems)) {
                declared.add(n);
            }
        }
        return declared;
    }

    private static String peekNumber(Section s) {
        // Checked again, with its problem, when the entry itself is read.
        return s.peek("number").filter(n -> n.matches("\\d{1,15}")).orElse(null);
    }

    private Optional<PendingExtension> extension(Section s, Set<String> groupNumbers) {
        int before = problems.count();
        String number = s.required("number", "the extension's digits, e.g. 1001", Scalars.digits("1003"));
        String name = s.optional("name", number, text -> text);
        Credential credential = credential(s);
        List<Section.Located<String>> groups =
                s.located("groups", false, "group numbers, e.g. [600]", Scalars.digits("600"));
        for (Section.Located<String> g : groups) {
            if (!groupNumbers.contains(g.value())) {
                problems.add(g.mark(), g.path(), g.value() + " is not a group; expected the number of a group"
                        + " defined under groups");
            }
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        List<String> groupList = groups.stream().map(Section.Located::value).toList();
        return Optional.of(new PendingExtension(new Extension(number, name, credential, groupList), groups));
    }

    private Credential credential(Section s) {
        boolean password = s.has("password");
        boolean ha1 = s.has("ha1");
        if (password && ha1) {
            s.problem("ha1", "both password and ha1 are set; expected one of them");
            return null;
        }
        if (password) {
            String pw = s.required("password", "the SIP password", Scalars::secret);
            return pw == null ? null : Credential.password(pw);
        }
        if (ha1) {
            return ha1(s);
        }
        s.missing("password", "password (or ha1 with the HA1 per algorithm)");
        return null;
    }

    private Credential ha1(Section s) {
        Optional<Section> sub = s.section("ha1", HA1_KEYS);
        if (sub.isEmpty()) {
            return null;
        }
        Map<DigestAlgorithm, String> byAlgorithm = new EnumMap<>(DigestAlgorithm.class);
        for (String key : HA1_KEYS) {
            DigestAlgorithm algorithm = DigestAlgorithm.fromWireName(key).orElseThrow();
            sub.get().optional(key, text -> hex(text, algorithm)).ifPresent(h -> byAlgorithm.put(algorithm, h));
        }
        if (byAlgorithm.isEmpty()) {
            s.problem("ha1", "has no value; expected md5 and/or sha-256 with the HA1 as hex");
            return null;
        }
        return new Credential.Ha1(byAlgorithm);
    }

    private static String hex(String text, DigestAlgorithm algorithm) {
        if (text.length() != algorithm.hexLength() || !text.matches("[0-9A-Fa-f]+")) {
            // Never quote the value: an HA1 is as good as the password to a digest attacker.
            throw new IllegalArgumentException("is not an HA1 for " + algorithm + "; expected " + algorithm.hexLength()
                    + " hex digits, H(number:realm:password)");
        }
        return text;
    }

    private Optional<Group> group(Section s, Set<String> extensions, Set<String> groupNumbers,
                                  List<PendingExtension> pending) {
        int before = problems.count();
        String number = s.required("number", "the group's digits, e.g. 600", Scalars.digits("600"));
        String name = s.optional("name", "group " + number, text -> text);
        RingStrategy strategy = s.optional("strategy", RingStrategy.RING_ALL,
                Scalars.choice(RingStrategy.class, RingStrategy::configName));
        List<Section.Located<String>> listed = s.located("members", false,
                "extension numbers, e.g. [1001, 1002]", Scalars.digits("1001"));
        Boolean critical = s.optional("critical", false, Scalars::bool);
        Duration ringTimeout = s.optional("ringTimeout", DEFAULT_RING_TIMEOUT, Scalars::positiveDuration);
        Set<String> members = new LinkedHashSet<>();
        for (Section.Located<String> m : listed) {
            if (groupNumbers.contains(m.value())) {
                problems.add(m.mark(), m.path(), m.value() + " is a group; expected extensions only (groups do not nest)");
            } else if (!extensions.contains(m.value())) {
                problems.add(m.mark(), m.path(), m.value() + " is not an extension; expected the number of an"
                        + " extension defined under extensions");
            }
            members.add(m.value());
        }
        for (PendingExtension e : pending) {
            if (number != null && e.extension().groups().contains(number)) {
                members.add(e.extension().number());
            }
        }
        if (members.isEmpty() && problems.count() == before) {
            s.problemAt(s.mark(), s.path("members"), "group " + number + " has no members; expected members:"
                    + " [1001, ...] or extensions listing " + number + " in their groups");
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new Group(number, name, strategy, List.copyOf(members), critical, ringTimeout));
    }

    private List<Did> dids(Section top, Set<String> extensions, Set<String> groups) {
        List<Did> dids = new ArrayList<>();
        Optional<Section> table = top.table("dids");
        if (table.isEmpty()) {
            return dids;
        }
        Duplicates seen = new Duplicates("DID");
        for (YamlNode.Entry entry : table.get().entries()) {
            String path = table.get().path(entry.key());
            String number;
            try {
                number = Scalars.e164(entry.key());
            } catch (IllegalArgumentException e) {
                problems.add(entry.keyMark(), path, e.getMessage());
                continue;
            }
            if (!seen.add(number, entry.keyMark(), path, problems)) {
                continue;
            }
            Optional<String> target = table.get().value(entry, Scalars.digits("1001"));
            if (target.isPresent() && !extensions.contains(target.get()) && !groups.contains(target.get())) {
                problems.add(entry.value().mark(), path, entry.key() + " points to " + target.get()
                        + ", which is neither an extension nor a group; expected a number defined under"
                        + " extensions or groups");
            } else {
                target.ifPresent(t -> dids.add(new Did(number, t)));
            }
        }
        return dids;
    }
}
