package org.timecoin.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class LinkProxyTest {
  @Test
  void forwardsHoldsWhileCutAndDeliversAfterRestore() throws Exception {
    try (ServerSocket node = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        LinkProxy proxy = LinkProxy.start(new InetSocketAddress("127.0.0.1", node.getLocalPort()));
        Socket client = new Socket("127.0.0.1", proxy.port());
        Socket accepted = node.accept()) {
      accepted.setSoTimeout(300);
      client.getOutputStream().write(1);
      assertThat(accepted.getInputStream().read()).isEqualTo(1);

      proxy.cut();
      client.getOutputStream().write(2);
      assertThatThrownBy(() -> accepted.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);

      proxy.restore();
      accepted.setSoTimeout(5_000);
      assertThat(accepted.getInputStream().read()).isEqualTo(2);
      accepted.getOutputStream().write(3);
      client.setSoTimeout(5_000);
      assertThat(client.getInputStream().read()).isEqualTo(3);
    }
  }

  @Test
  void aCloseOnOneSideEndsTheOther() throws IOException {
    try (ServerSocket node = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        LinkProxy proxy = LinkProxy.start(new InetSocketAddress("127.0.0.1", node.getLocalPort()));
        Socket client = new Socket("127.0.0.1", proxy.port())) {
      Socket accepted = node.accept();
      accepted.close();
      client.setSoTimeout(5_000);
      assertThat(client.getInputStream().read()).isEqualTo(-1);
    }
  }
}
