package org.timecoin.node.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.LoggerFactory;
import org.timecoin.node.config.LoggingSection;

/**
 * Applies {@code [logging]}: the root level, the format of standard error, and a log file that
 * rolls over by size and by day with a cap on the total size of the rolled files.
 */
public final class Logging {
  static final String CONSOLE = "STDERR";
  static final String FILE = "FILE";
  private static final String PATTERN =
      "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

  private Logging() {}

  public static void apply(LoggingSection s) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(s.level(), Level.INFO));
    if (s.json()) {
      replace(root, console(ctx, encoder(ctx, true)));
    }
    if (s.file() != null && !s.file().isBlank()) {
      replace(root, rollingFile(ctx, s));
    }
  }

  private static void replace(Logger root, Appender<ILoggingEvent> appender) {
    Appender<ILoggingEvent> old = root.getAppender(appender.getName());
    if (old != null) {
      root.detachAppender(old);
      old.stop();
    }
    root.addAppender(appender);
  }

  private static ConsoleAppender<ILoggingEvent> console(
      LoggerContext ctx, Encoder<ILoggingEvent> encoder) {
    ConsoleAppender<ILoggingEvent> app = new ConsoleAppender<>();
    app.setContext(ctx);
    app.setName(CONSOLE);
    app.setTarget("System.err");
    app.setEncoder(encoder);
    app.start();
    return app;
  }

  /** The file, rolled to {@code file.yyyy-MM-dd.N.gz} daily and at max_file_bytes. */
  static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext ctx, LoggingSection s) {
    RollingFileAppender<ILoggingEvent> app = new RollingFileAppender<>();
    app.setContext(ctx);
    app.setName(FILE);
    app.setFile(s.file());
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(ctx);
    policy.setParent(app);
    policy.setFileNamePattern(s.file() + ".%d{yyyy-MM-dd}.%i.gz");
    policy.setMaxFileSize(new FileSize(s.maxFileBytes()));
    policy.setMaxHistory(s.maxHistoryDays());
    policy.setTotalSizeCap(new FileSize(s.totalSizeCapBytes()));
    policy.start();
    app.setRollingPolicy(policy);
    app.setEncoder(encoder(ctx, s.json()));
    app.start();
    return app;
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext ctx, boolean json) {
    if (json) {
      // One object per line: time, level, thread, logger, the formatted message, any throwable.
      JsonEncoder enc = new JsonEncoder();
      enc.setContext(ctx);
      enc.setWithSequenceNumber(false);
      enc.setWithNanoseconds(false);
      enc.setWithContext(false);
      enc.setWithArguments(false);
      enc.setWithMessage(false);
      enc.setWithFormattedMessage(true);
      enc.start();
      return enc;
    }
    PatternLayoutEncoder enc = new PatternLayoutEncoder();
    enc.setContext(ctx);
    enc.setPattern(PATTERN);
    enc.start();
    return enc;
  }
}
