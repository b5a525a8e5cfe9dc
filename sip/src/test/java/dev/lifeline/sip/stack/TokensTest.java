package dev.lifeline.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokensTest {

    private final Tokens tokens = new Tokens(new SplittableRandom(1));

    @Test
    void branchesCarryTheMagicCookieAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String branch = tokens.branch();
            assertThat(branch).startsWith("z9hG4bK").hasSize(7 + 24);
            assertThat(seen.add(branch)).isTrue();
        }
    }

    @Test
    void tagsAndCallIdsAreTokens() {
        assertThat(tokens.tag()).matches("[0-9a-f]{16}");
        assertThat(tokens.callId("192.0.2.1")).matches("[0-9a-f]{32}@192\\.0\\.2\\.1");
    }
}
