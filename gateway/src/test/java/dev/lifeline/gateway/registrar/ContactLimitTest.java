package dev.lifeline.gateway.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.events.Event.BindingRemoved;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.registrar.location.BindingChange;
import dev.lifeline.sip.message.Contact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contacts one extension may bind (registrar.maxContacts, 5 by default): without a limit one
 * password was enough for 2,000 bindings, and every inbound call forked to all of them.
 */
class ContactLimitTest {

    private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

    private final Registrar registrar = new Registrar(new RegistrarSettings(Duration.ofSeconds(60),
            Duration.ofSeconds(3600), Duration.ofSeconds(3600), 1.0, 1.0, Duration.ofSeconds(25)), new SplittableRandom(1));
    /** The location store of one AOR, as the changes leave it. */
    private final Map<String, Binding> store = new LinkedHashMap<>();
    private final List<BindingRemoved> removed = new ArrayList<>();

    private static String contact(int port) {
        return "<sip:1001@192.168.1.10:" + port + ">";
    }

    private RegistrarDecision register(Register r, Instant now) {
        RegistrarDecision d = registrar.handle(new RegisterContext(r.built(), Register.SOURCE, "1001",
                List.copyOf(store.values())), now);
        for (BindingChange c : d.changes()) {
            switch (c) {
                case BindingChange.Upsert u -> store.put(u.binding().key(), u.binding());
                case BindingChange.Remove x -> store.remove(x.key());
                default -> throw new AssertionError("unexpected change " + c);
            }
        }
        d.events().stream().filter(BindingRemoved.class::isInstance).map(BindingRemoved.class::cast).forEach(removed::add);
        return d;
    }

    private static List<Integer> ports(List<Contact> contacts) {
        return contacts.stream().map(c -> ((dev.lifeline.sip.uri.SipUri) c.uri()).port()).sorted().toList();
    }

    @Test
    void twentyContactsForOneExtensionKeepTheFiveNewest() {
        for (int i = 1; i <= 20; i++) {
            // A new Call-ID each time, as a phone that reboots onto a new port sends.
            RegistrarDecision d = register(Register.of().callId("boot-" + i).contact(contact(5060 + i)).expires(3600),
                    START.plusSeconds(i));

            assertThat(d.response().status()).isEqualTo(200);
            assertThat(d.response().contacts()).hasSizeLessThanOrEqualTo(5);
        }

        assertThat(store).hasSize(5);
        assertThat(store.values()).extracting(b -> ((dev.lifeline.sip.uri.SipUri) b.contact()).port())
                .containsExactlyInAnyOrder(5076, 5077, 5078, 5079, 5080);
        assertThat(removed).hasSize(15).allSatisfy(e -> assertThat(e.reason()).isEqualTo("contact limit 5 reached"));
        assertThat(removed.getFirst().contact()).isEqualTo("sip:1001@192.168.1.10:5061");
    }

    @Test
    void aRefreshAtTheLimitAlwaysSucceedsAndRemovesNothing() {
        for (int i = 1; i <= 5; i++) {
            register(Register.of().callId("phone-" + i).contact(contact(5060 + i)).expires(3600), START.plusSeconds(i));
        }

        // The oldest binding refreshes (same Call-ID, next CSeq), as it does every hour.
        RegistrarDecision refresh = register(Register.of().callId("phone-1").cseq(2).contact(contact(5061)).expires(3600),
                START.plusSeconds(600));

        assertThat(refresh.response().status()).isEqualTo(200);
        assertThat(refresh.changes()).singleElement().isInstanceOf(BindingChange.Upsert.class);
        assertThat(ports(refresh.response().contacts())).containsExactly(5061, 5062, 5063, 5064, 5065);
        assertThat(removed).isEmpty();

        // The next new contact now replaces 5062, the least recently refreshed, not the refreshed 5061.
        RegistrarDecision sixth = register(Register.of().callId("phone-6").contact(contact(5066)).expires(3600),
                START.plusSeconds(601));
        assertThat(sixth.response().status()).isEqualTo(200);
        assertThat(ports(sixth.response().contacts())).containsExactly(5061, 5063, 5064, 5065, 5066);
        assertThat(removed).singleElement().extracting(BindingRemoved::contact).isEqualTo("sip:1001@192.168.1.10:5062");
    }

    @Test
    void oneRegisterWithMoreContactsThanTheLimitKeepsItsLastFive() {
        Register many = Register.of().expires(3600);
        for (int i = 1; i <= 7; i++) {
            many.contact(contact(5060 + i));
        }

        RegistrarDecision d = register(many, START);

        assertThat(d.response().status()).isEqualTo(200);
        assertThat(ports(d.response().contacts())).containsExactly(5063, 5064, 5065, 5066, 5067);
        assertThat(d.changes()).hasSize(5).allMatch(BindingChange.Upsert.class::isInstance);
        assertThat(store).hasSize(5);
    }

    @Test
    void expiredBindingsDoNotCountTowardTheLimit() {
        for (int i = 1; i <= 5; i++) {
            register(Register.of().callId("phone-" + i).contact(contact(5060 + i)).expires(60), START);
        }

        RegistrarDecision later = register(Register.of().callId("phone-6").contact(contact(5066)).expires(3600),
                START.plusSeconds(120));

        assertThat(later.response().status()).isEqualTo(200);
        assertThat(removed).isEmpty();
        assertThat(ports(later.response().contacts())).containsExactly(5066);
    }
}
