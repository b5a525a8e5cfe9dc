package dev.lifeline.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What the B2BUA's socket tests share: everything they open is closed after each test, newest
 * first, and a phone is a {@link TestAgent} registered to the test's gateway.
 */
abstract class B2buaSocketTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    GatewayHarness gw;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    <T extends AutoCloseable> T closing(T c) {
        open.add(c);
        return c;
    }

    /** Closes {@code c} now rather than after the test. */
    void closeNow(AutoCloseable c) throws Exception {
        open.remove(c);
        c.close();
    }

    TestAgent phone(String number) throws Exception {
        TestAgent p = closing(new TestAgent(number));
        gw.register(number, p);
        return p;
    }
}
