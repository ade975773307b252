package org.timecoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.timecoin.node.Timed;
import org.timecoin.node.config.RpcAuthEntry;

class RpcAuthCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  int timed(String... args) {
    return Timed.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  RpcAuthEntry printedEntry() {
    Matcher m = Pattern.compile("auth = \\[\"([^\"]+)\"\\]").matcher(out.toString());
    assertThat(m.find()).as(out.toString()).isTrue();
    return RpcAuthEntry.parse(m.group(1));
  }

  @Test
  void printsAnEntryForTheGivenPassword() {
    assertThat(timed("rpcauth", "alice", "--password", "wonderland")).isZero();
    RpcAuthEntry e = printedEntry();
    assertThat(e.user()).isEqualTo("alice");
    assertThat(e.matches("wonderland")).isTrue();
  }

  @Test
  void generatesAPasswordWhenNoneIsGiven() {
    assertThat(timed("rpcauth", "bob")).isZero();
    Matcher pw = Pattern.compile("Password for bob: (\\S+)").matcher(out.toString());
    assertThat(pw.find()).isTrue();
    assertThat(pw.group(1)).hasSizeGreaterThanOrEqualTo(32);
    assertThat(printedEntry().matches(pw.group(1))).isTrue();
  }

  @Test
  void refusesABadUserName() {
    assertThat(timed("rpcauth", "a:b")).isEqualTo(1);
    assertThat(err.toString()).contains("user name");
  }
}
