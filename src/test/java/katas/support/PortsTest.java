package katas.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    @DisplayName("a preferred port that is free is the one chosen")
    void preferredWhenFree() throws Exception {
        int port = Ports.anyFree();

        assertThat(Ports.preferred(port, List.of())).isEqualTo(port);
    }

    @Test
    @DisplayName("a port in use, or chosen already, gives way to another free one")
    void anotherWhenInUse() throws Exception {
        try (ServerSocket inUse = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = inUse.getLocalPort();
            assertThat(Ports.free(port)).isFalse();

            int chosen = Ports.preferred(port, List.of());

            assertThat(chosen).isNotEqualTo(port);
            assertThat(Ports.free(chosen)).isTrue();
        }
        int free = Ports.anyFree();
        assertThat(Ports.preferred(free, List.of(free))).isNotEqualTo(free);
    }
}
