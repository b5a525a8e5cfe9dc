package dev.lifeline.gateway.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.Event.BindingRemoved;
import dev.lifeline.gateway.events.Event.BindingSaved;
import dev.lifeline.gateway.events.Event.RegistrationRejected;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.registrar.location.BindingChange;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.Uri;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistrarTest {

    static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    static final RegistrarSettings EXACT = new RegistrarSettings(Duration.ofSeconds(60), Duration.ofSeconds(3600),
            Duration.ofSeconds(3600), 1.0, 1.0, Duration.ofSeconds(25));
    static final String PHONE = "<sip:1001@192.168.1.10:5060>";

    private final Registrar registrar = new Registrar(EXACT, new SplittableRandom(1));

    private RegistrarDecision handle(Register r, Binding... existing) {
        return handle(r.built(), existing);
    }

    private RegistrarDecision handle(SipRequest request, Binding... existing) {
        return registrar.handle(new RegisterContext(request, Register.SOURCE, "1001", List.of(existing)), NOW);
    }

    static Binding existing(String contact, String callId, long cseq, long secondsLeft) {
        Uri uri = Uri.parse(contact);
        return new Binding("1001", uri.toString(), uri, OptionalDouble.empty(), NOW.plusSeconds(secondsLeft), callId, cseq,
                Register.SOURCE, Optional.empty(), OptionalInt.empty(), "", NOW.minusSeconds(100));
    }

    static final Binding OLD = existing("sip:1001@192.168.1.10:5060", "reg-1001@192.168.1.10", 5, 300);
    static final Binding OTHER = existing("sip:1001@192.168.1.99:5062", "other-call", 9, 200);

    // ---- the table: request, existing bindings -> status and number of changes ----

    static Stream<Arguments> table() {
        return Stream.of(
                row("one contact, Expires header", Register.of().contact(PHONE).expires(3600), List.of(), 200, 1),
                row("no Contact is a query", Register.of(), List.of(OLD), 200, 0),
                row("To is someone else's number", Register.of().to("sip:1002@site.example").contact(PHONE), List.of(), 403, 0),
                row("To is not a SIP URI", Register.of().to("tel:+15550100").contact(PHONE), List.of(), 404, 0),
                row("* with Expires: 0 removes all", Register.of().contact("*").expires(0).cseq(6), List.of(OLD, OTHER), 200, 2),
                row("* with Expires other than 0", Register.of().contact("*").expires(3600), List.of(OLD), 400, 0),
                row("* without Expires", Register.of().contact("*"), List.of(OLD), 400, 0),
                row("* together with a contact", Register.of().contact("*").contact(PHONE).expires(0), List.of(OLD), 400, 0),
                row("expires below the minimum", Register.of().contact(PHONE).expires(30), List.of(), 423, 0),
                row("contact param below the minimum", Register.of().contact(PHONE + ";expires=59").expires(3600), List.of(), 423, 0),
                row("expires=0 of an unknown contact", Register.of().contact(PHONE).expires(0), List.of(), 200, 0),
                row("expires=0 removes one contact", Register.of().contact(PHONE + ";expires=0").expires(3600).cseq(6),
                        List.of(OLD, OTHER), 200, 1),
                row("Require of an unknown extension", Register.of().contact(PHONE).header("Require", "foo"), List.of(), 420, 0),
                row("Require: outbound is supported", Register.of().contact(PHONE).header("Require", "outbound"), List.of(), 200, 1),
                row("same Call-ID, lower CSeq", Register.of().contact(PHONE).cseq(4), List.of(OLD), 500, 0),
                row("same Call-ID, same CSeq", Register.of().contact(PHONE).cseq(5), List.of(OLD), 500, 0),
                row("same Call-ID, higher CSeq", Register.of().contact(PHONE).cseq(6), List.of(OLD), 200, 1),
                row("other Call-ID, lower CSeq", Register.of().contact(PHONE).callId("new-call").cseq(1), List.of(OLD), 200, 1),
                row("* out of order", Register.of().contact("*").expires(0).cseq(5), List.of(OLD), 500, 0),
                row("expires=0 out of order", Register.of().contact(PHONE).expires(0).cseq(2), List.of(OLD), 500, 0));
    }

    private static Arguments row(String name, Register r, List<Binding> existing, int status, int changes) {
        return Arguments.of(name, r, existing, status, changes);
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("table")
    void rules(String name, Register r, List<Binding> existing, int status, int changes) {
        RegistrarDecision d = handle(r, existing.toArray(Binding[]::new));

        assertThat(d.response().status()).as(name).isEqualTo(status);
        assertThat(d.changes()).as(name).hasSize(changes);
        if (status >= 300) {
            assertThat(d.events()).singleElement().isInstanceOfSatisfying(RegistrationRejected.class, e -> {
                assertThat(e.status()).isEqualTo(status);
                assertThat(e.source()).isEqualTo(Register.SOURCE.remote());
                assertThat(e.transport()).isEqualTo(Transport.UDP);
            });
        }
    }

    @Test
    void everyFinalResponseEchoesTheTransactionAndTagsTo() {
        SipRequest request = Register.of().contact(PHONE).build();
        for (Register r : List.of(Register.of().contact(PHONE), Register.of().contact(PHONE).expires(1))) {
            SipResponse response = handle(r).response();
            assertThat(response.callId()).isEqualTo(request.callId());
            assertThat(response.cseq()).isEqualTo(request.cseq());
            assertThat(response.topVia().received()).contains("203.0.113.7");
            assertThat(response.to().tag()).isPresent();
        }
    }

    @Test
    void tooBriefAnswersWithMinExpires() {
        SipResponse r = handle(Register.of().contact(PHONE).expires(30)).response();

        assertThat(r.reason()).isEqualTo("Interval Too Brief");
        assertThat(r.minExpires()).hasValue(60);
    }

    @Test
    void unsupportedExtensionIsNamed() {
        SipResponse r = handle(Register.of().contact(PHONE).header("Require", "outbound, foo")).response();

        assertThat(r.headers().values("Unsupported")).containsExactly("foo");
    }

    @Test
    void perContactExpiresBeatsTheHeaderWhichBeatsTheDefault() {
        RegistrarDecision d = handle(Register.of().expires(1800)
                .contact("<sip:1001@192.168.1.10>;expires=120").contact("<sip:1001@192.168.1.11>"));
        RegistrarDecision noHeader = handle(Register.of().contact(PHONE));

        assertThat(upserts(d)).extracting(Binding::expiresAt).containsExactly(NOW.plusSeconds(120), NOW.plusSeconds(1800));
        assertThat(upserts(noHeader)).extracting(Binding::expiresAt).containsExactly(NOW.plusSeconds(3600));
    }

    @Test
    void expiresAboveTheMaximumIsCapped() {
        RegistrarDecision d = handle(Register.of().contact(PHONE).expires(86400));

        assertThat(upserts(d).get(0).expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(contacts(d.response())).extracting(c -> c.expires().getAsInt()).containsExactly(3600);
    }

    @Test
    void grantedExpiryIsSpreadWithinTheBand() {
        Registrar spreading = new Registrar(RegistrarSettings.DEFAULTS, new SplittableRandom(7));
        List<Long> granted = Stream.generate(() -> spreading.grant(3600)).limit(2000).toList();

        assertThat(granted).allSatisfy(g -> assertThat(g).isBetween(2880L, 3600L));
        assertThat(granted.stream().distinct().count()).as("spread, not one value").isGreaterThan(500);
        assertThat(granted.stream().mapToLong(Long::longValue).average().orElseThrow()).isBetween(3150.0, 3330.0);
    }

    @Test
    void spreadNeverGoesBelowTheMinimum() {
        Registrar spreading = new Registrar(RegistrarSettings.DEFAULTS, new SplittableRandom(7));

        assertThat(Stream.generate(() -> spreading.grant(60)).limit(200)).allSatisfy(g -> assertThat(g).isEqualTo(60L));
    }

    @Test
    void sameSeedGrantsTheSameExpiries() {
        Registrar a = new Registrar(RegistrarSettings.DEFAULTS, new SplittableRandom(99));
        Registrar b = new Registrar(RegistrarSettings.DEFAULTS, new SplittableRandom(99));

        assertThat(Stream.generate(() -> a.grant(1800)).limit(50).toList())
                .isEqualTo(Stream.generate(() -> b.grant(1800)).limit(50).toList());
    }

    @Test
    void okListsEveryCurrentContactWithItsRemainingExpires() {
        RegistrarDecision d = handle(Register.of().contact("<sip:1001@192.168.1.50>").expires(600), OLD, OTHER);

        assertThat(contacts(d.response())).extracting(c -> c.uri().toString() + " " + c.expires().getAsInt())
                .containsExactlyInAnyOrder("sip:1001@192.168.1.50 600", "sip:1001@192.168.1.10:5060 300",
                        "sip:1001@192.168.1.99:5062 200");
        assertThat(d.response().headers().values("Date")).containsExactly("Sat, 01 Mar 2025 09:00:00 GMT");
    }

    @Test
    void queryListsWithoutChanging() {
        RegistrarDecision d = handle(Register.of(), OLD);

        assertThat(d.changes()).isEmpty();
        assertThat(d.events()).isEmpty();
        assertThat(contacts(d.response())).extracting(c -> c.expires().getAsInt()).containsExactly(300);
    }

    @Test
    void contactsAreListedByQAndKeepTheirQ() {
        SipRequest request = Register.parse(sample("two-contacts-with-q.sip"));
        RegistrarDecision d = registrar.handle(new RegisterContext(request, Register.SOURCE, "1001", List.of()), NOW);

        assertThat(contacts(d.response())).extracting(Contact::toString).containsExactly(
                "<sip:1001@192.168.1.11:5060>;expires=120;q=1", "<sip:1001@192.168.1.10:5060>;expires=1800;q=0.5");
        assertThat(upserts(d)).extracting(b -> b.q().getAsDouble()).containsExactly(0.5, 1.0);
    }

    @Test
    void bindingKeepsTheFlowTheRegisterCameOn() {
        Binding b = upserts(handle(Register.of().contact(PHONE).header("User-Agent", "Phone/1.0"))).get(0);

        assertThat(b.flow()).isEqualTo(Register.SOURCE);
        assertThat(b.contact().toString()).isEqualTo("sip:1001@192.168.1.10:5060");
        assertThat(b.callId()).isEqualTo("reg-1001@192.168.1.10");
        assertThat(b.cseq()).isEqualTo(1);
        assertThat(b.userAgent()).isEqualTo("Phone/1.0");
        assertThat(b.aor()).isEqualTo("1001");
    }

    @Test
    void outboundPhoneKeepsInstanceAndRegIdAndIsToldTheFlowTimer() {
        SipRequest request = Register.parse(sample("outbound-phone.sip"));
        RegistrarDecision d = registrar.handle(new RegisterContext(request, Register.SOURCE, "1002", List.of()), NOW);

        Binding b = upserts(d).get(0);
        assertThat(b.instance()).contains("\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");
        assertThat(b.regId()).hasValue(1);
        assertThat(b.key()).isEqualTo("instance:\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";reg-id=1");
        assertThat(d.response().require()).containsExactly("outbound");
        assertThat(d.response().headers().values("Flow-Timer")).containsExactly("25");
        assertThat(contacts(d.response()).get(0).toString()).isEqualTo("<sip:1002@192.168.1.21:52114;transport=tcp;ob>"
                + ";expires=600;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";reg-id=1");
    }

    @Test
    void sameInstanceWithANewContactReplacesItsBinding() {
        String instance = ";+sip.instance=\"<urn:uuid:1>\";reg-id=1";
        Binding first = upserts(handle(Register.of().contact("<sip:1001@192.168.1.10:5060>" + instance)
                .header("Supported", "outbound"))).get(0);

        RegistrarDecision moved = handle(Register.of().contact("<sip:1001@10.0.0.7:5060>" + instance).cseq(2), first);

        assertThat(upserts(moved)).singleElement().satisfies(b -> {
            assertThat(b.key()).isEqualTo(first.key());
            assertThat(b.contact().toString()).isEqualTo("sip:1001@10.0.0.7:5060");
        });
        assertThat(contacts(moved.response())).hasSize(1);
    }

    @Test
    void contactsAreMatchedByUriEqualityNotText() {
        RegistrarDecision d = handle(Register.of().contact("<sip:1001@192.168.1.10:5060>").cseq(6), OLD);
        Binding shouted = existing("sip:1001@PHONE.example", "c", 1, 300);
        RegistrarDecision refresh = handle(Register.of().contact("<sip:1001@phone.example>"), shouted);

        assertThat(upserts(d)).singleElement().extracting(Binding::key).isEqualTo(OLD.key());
        assertThat(upserts(refresh)).singleElement().extracting(Binding::key).isEqualTo(shouted.key());
        assertThat(contacts(refresh.response())).hasSize(1);
    }

    @Test
    void removalAndSaveEventsFollowContactOrder() {
        RegistrarDecision d = handle(Register.of().cseq(6).expires(600)
                .contact(PHONE + ";expires=0").contact("<sip:1001@192.168.1.50>").contact("<sip:1001@192.168.1.99:5062>"),
                OLD, OTHER);

        assertThat(d.events()).extracting(Event::getClass).containsExactly(BindingRemoved.class, BindingSaved.class, BindingSaved.class);
        assertThat(d.events()).extracting(Event::at).containsOnly(NOW);
        assertThat(((BindingRemoved) d.events().get(0)).reason()).isEqualTo("expires=0");
        assertThat(((BindingSaved) d.events().get(1)).refresh()).isFalse();
        assertThat(((BindingSaved) d.events().get(2)).refresh()).isTrue();
        assertThat(d.changes()).extracting(c -> c.getClass().getSimpleName()).containsExactly("Remove", "Upsert", "Upsert");
    }

    @Test
    void savedEventNamesContactExpiryAndSource() {
        BindingSaved e = (BindingSaved) handle(Register.of().contact(PHONE).expires(600)).events().get(0);

        assertThat(e).isEqualTo(new BindingSaved(NOW, "1001", "sip:1001@192.168.1.10:5060", NOW.plusSeconds(600),
                Transport.UDP, Register.SOURCE.remote(), false));
    }

    @Test
    void wildcardRemovesEveryBindingAndListsNone() {
        RegistrarDecision d = handle(Register.of().contact("*").expires(0).cseq(6), OLD, OTHER);

        assertThat(d.changes()).containsExactly(new BindingChange.Remove("1001", OLD.key()),
                new BindingChange.Remove("1001", OTHER.key()));
        assertThat(d.events()).extracting(e -> ((BindingRemoved) e).reason()).containsExactly("wildcard", "wildcard");
        assertThat(contacts(d.response())).isEmpty();
    }

    @Test
    void outOfOrderFailsTheWholeRequest() {
        // The first contact would be fine; the second one is an old retransmission: nothing may change.
        RegistrarDecision d = handle(Register.of().cseq(5).contact("<sip:1001@192.168.1.50>").contact(PHONE), OLD);

        assertThat(d.response().status()).isEqualTo(500);
        assertThat(d.changes()).isEmpty();
    }

    @Test
    void expiredBindingsAreNotListed() {
        Binding gone = existing("sip:1001@192.168.1.77", "c", 1, 0);

        assertThat(contacts(handle(Register.of(), gone).response())).isEmpty();
    }

    @Test
    void malformedContactIsABadRequestNotAnException() {
        RegistrarDecision d = handle(Register.of().contact("<sip:1001@192.168.1.10"));

        assertThat(d.response().status()).isEqualTo(400);
        assertThat(d.changes()).isEmpty();
    }

    private static List<Binding> upserts(RegistrarDecision d) {
        return d.changes().stream().filter(BindingChange.Upsert.class::isInstance)
                .map(c -> ((BindingChange.Upsert) c).binding()).toList();
    }

    private static List<Contact> contacts(SipResponse r) {
        return r.contacts();
    }

    static String sample(String name) {
        try (InputStream in = RegistrarTest.class.getResourceAsStream("/registrar/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
