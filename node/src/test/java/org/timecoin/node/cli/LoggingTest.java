package org.timecoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.node.config.LoggingSection;

/** Applies [logging] to the process's logback context, then restores the packaged configuration. */
class LoggingTest {
  @TempDir Path dir;
  final LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void restore() throws Exception {
    ctx.reset();
    new ContextInitializer(ctx).autoConfig();
  }

  ch.qos.logback.classic.Logger root() {
    return ctx.getLogger(Logger.ROOT_LOGGER_NAME);
  }

  @Test
  void jsonFormatWritesOneObjectPerLine() throws Exception {
    Path file = dir.resolve("node.log");
    Logging.apply(new LoggingSection("info", file.toString(), "json", 1 << 20, 2, 8 << 20));
    Logger log = LoggerFactory.getLogger("json-test");
    log.info("height {} decided", 7);
    log.warn("a \"quoted\"\nmultiline message", new IllegalStateException("boom"));
    root().getAppender(Logging.FILE).stop(); // flush

    List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.get("level").asText()).isEqualTo("INFO");
    assertThat(first.get("loggerName").asText()).isEqualTo("json-test");
    assertThat(first.get("formattedMessage").asText()).isEqualTo("height 7 decided");
    JsonNode second = json.readTree(lines.get(1));
    assertThat(second.get("formattedMessage").asText())
        .isEqualTo("a \"quoted\"\nmultiline message");
    assertThat(second.toString()).contains("boom");
    assertThat(root().getAppender(Logging.CONSOLE)).isNotNull();
  }

  @Test
  void theLogFileRollsBySizeAndDayWithACapOnTheTotal() {
    Path file = dir.resolve("node.log");
    Logging.apply(new LoggingSection("info", file.toString(), "text", 5 << 20, 7, 50 << 20));
    var appender = (RollingFileAppender<ILoggingEvent>) root().getAppender(Logging.FILE);
    var policy = (SizeAndTimeBasedRollingPolicy<ILoggingEvent>) appender.getRollingPolicy();
    assertThat(policy.getFileNamePattern()).isEqualTo(file + ".%d{yyyy-MM-dd}.%i.gz");
    assertThat(policy.getMaxHistory()).isEqualTo(7);
    assertThat(policy.isStarted()).isTrue();
    assertThat(appender.isStarted()).isTrue();
    LoggerFactory.getLogger("text-test").info("plain line");
    appender.stop();
    assertThat(file).content().contains("INFO ", "plain line");
  }
}
