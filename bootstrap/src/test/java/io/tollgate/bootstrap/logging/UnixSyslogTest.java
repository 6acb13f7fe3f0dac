package io.tollgate.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The local syslog sink against a real Unix datagram socket bound by the test, as a syslog daemon binds /dev/log. */
class UnixSyslogTest {

    @TempDir
    Path dir;

    @Test
    void sends_each_message_as_one_datagram_and_reopens_after_the_daemon_restarts() throws Exception {
        Path path = dir.resolve("log");
        UnixSyslog syslog = new UnixSyslog(path);
        try (AFUNIXDatagramSocket receiver = bound(path)) {
            syslog.send("<14>Mar  5 07:08:09 kong[1]: {\"a\":1}".getBytes(StandardCharsets.UTF_8));
            syslog.send("<11>Mar  5 07:08:09 kong[1]: {\"b\":2}".getBytes(StandardCharsets.UTF_8));
            assertThat(receive(receiver)).isEqualTo("<14>Mar  5 07:08:09 kong[1]: {\"a\":1}");
            assertThat(receive(receiver)).isEqualTo("<11>Mar  5 07:08:09 kong[1]: {\"b\":2}");
        }
        java.nio.file.Files.deleteIfExists(path);
        assertThatThrownBy(() -> syslog.send(new byte[] {'x'}))
                .as("no daemon listening")
                .isInstanceOf(IOException.class);
        try (AFUNIXDatagramSocket restarted = bound(path)) {
            syslog.send("<14>again".getBytes(StandardCharsets.UTF_8));
            assertThat(receive(restarted)).isEqualTo("<14>again");
        } finally {
            syslog.close();
        }
    }

    private static AFUNIXDatagramSocket bound(Path path) throws IOException {
        AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance();
        socket.bind(AFUNIXSocketAddress.of(path));
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String receive(AFUNIXDatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }
}
