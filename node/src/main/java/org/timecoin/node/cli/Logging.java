package org.timecoin.node.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

/** Applies {@code [logging]}: the root level, and an extra log file when one is configured. */
final class Logging {
  private Logging() {}

  static void apply(String level, String file) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    if (file != null && !file.isBlank()) {
      PatternLayoutEncoder enc = new PatternLayoutEncoder();
      enc.setContext(ctx);
      enc.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n");
      enc.start();
      FileAppender<ILoggingEvent> app = new FileAppender<>();
      app.setContext(ctx);
      app.setFile(file);
      app.setEncoder(enc);
      app.start();
      root.addAppender(app);
    }
  }
}
