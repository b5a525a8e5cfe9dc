package dev.lifeline.gateway.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifeline.gateway.config.WanPath;
import io.netty.channel.epoll.Epoll;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which addresses a site pins to which device, and the one line a path that cannot be pinned stops the start with. */
class PathDevicesTest {

    private static final InetAddress WAN1 = address("192.0.2.10");
    private static final InetAddress WAN2 = address("198.51.100.10");

    private final WanPath wan1 = new WanPath("wan1", WAN1, Optional.of("eth1"), List.of(), 1);
    private final WanPath wan2 = new WanPath("wan2", WAN2, Optional.empty(), List.of(), 2);
    private final WanPath lte = new WanPath("lte", WAN2, Optional.of("wwan0"), List.of(), 3);

    @Test
    void onlyPathsNamingAnInterfacePinTheirAddress() {
        assertThat(PathDevices.byAddress(List.of(wan1, wan2))).isEqualTo(Map.of(WAN1, "eth1"));
        assertThat(PathDevices.byAddress(List.of(wan2))).isEmpty();
    }

    @Test
    void theFirstPathOnASharedAddressDecidesItsDevice() {
        assertThat(PathDevices.byAddress(List.of(lte, wan1, new WanPath("lte2", WAN2, Optional.of("wwan1"), List.of(), 4))))
                .isEqualTo(Map.of(WAN1, "eth1", WAN2, "wwan0"));
    }

    @Test
    void everyNamedDeviceIsTriedAndPathsWithoutOneAreNot() {
        List<String> tried = new ArrayList<>();
        Optional<String> problem = PathDevices.problem(List.of(wan1, wan2, lte), d -> {
            tried.add(d);
            return Optional.empty();
        });
        assertThat(problem).isEmpty();
        assertThat(tried).containsExactly("eth1", "wwan0");
    }

    @Test
    void aDeviceThatCannotBePinnedIsOneLineNamingPathDeviceAndWhatToDo() {
        Optional<String> problem = PathDevices.problem(List.of(wan2, lte),
                d -> Optional.of("cannot pin the socket to interface " + d + " (SO_BINDTODEVICE): No such device"));
        assertThat(problem).hasValueSatisfying(line -> assertThat(line)
                .startsWith("path lte: ")
                .contains("interface wwan0")
                .contains("No such device")
                .contains("ip link")
                .contains("ip rule from " + WAN2.getHostAddress())
                .doesNotContain("\n"));
    }

    @Test
    void onThisHostAMissingDeviceIsFoundBeforeAnySocketOpens() {
        assumeTrue(Epoll.isAvailable(), "SO_BINDTODEVICE needs Linux with native epoll");
        WanPath missing = new WanPath("wan1", WAN1, Optional.of("nosuch9"), List.of(), 1);
        assertThat(PathDevices.problem(List.of(missing))).hasValueSatisfying(line -> assertThat(line)
                .startsWith("path wan1: ").contains("interface nosuch9").contains("No such device"));
        assertThat(PathDevices.problem(List.of(new WanPath("wan1", WAN1, Optional.of("lo"), List.of(), 1)))).isEmpty();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
