package org.timecoin.node.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.Hash32;

/**
 * The wallet's settled transactions (final or rejected) in the data directory, one JSON object a
 * line, appended as they settle by a writer thread of its own (never the chain writer's). Once the
 * file holds twice the history's capacity it is rewritten from the history (temp file, fsync,
 * rename), so it stays bounded. A torn last line after a crash is skipped when read back.
 */
public final class WalletHistoryFile implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WalletHistoryFile.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Lines of a file larger than this are not read (it is not ours, or it is corrupt). */
  static final long MAX_FILE_BYTES = 64L << 20;

  /** Records waiting for the writer, at most (about 10 MB); beyond, one is dropped and logged. */
  static final int QUEUE = 65_536;

  private final Path file;
  private final int capacity;
  private final ThreadPoolExecutor writer;
  private Supplier<List<WalletTx>> snapshot = List::of;
  private int lines;

  public WalletHistoryFile(Path file, int capacity) {
    this.file = file;
    this.capacity = capacity;
    this.writer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            Thread.ofPlatform().name("wallet-history").daemon().factory());
  }

  /** Where a rewrite takes the transactions to keep from. */
  public void compactFrom(Supplier<List<WalletTx>> settled) {
    this.snapshot = settled;
  }

  /** The saved transactions, oldest first, the latest record of each; empty when none. */
  public List<WalletTx> read() {
    if (!Files.exists(file)) {
      return List.of();
    }
    Map<Hash32, WalletTx> out = new LinkedHashMap<>();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        log.warn(
            "{} is larger than {} bytes; the wallet history starts empty", file, MAX_FILE_BYTES);
        return List.of();
      }
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null) {
          lines++;
          WalletTx t = parse(line);
          if (t != null) {
            out.remove(t.txid());
            out.put(t.txid(), t);
          }
        }
      }
    } catch (IOException e) {
      log.warn("cannot read the wallet history {}: {}; it starts empty", file, e.toString());
      return List.of();
    }
    List<WalletTx> all = new ArrayList<>(out.values());
    return all.subList(Math.max(0, all.size() - capacity), all.size());
  }

  /** Queues {@code t} to be appended; a full queue drops it with a warning. */
  public void append(WalletTx t) {
    try {
      writer.execute(() -> write(t));
    } catch (RejectedExecutionException e) {
      log.warn("wallet history writer is behind; {} is not saved", t.txid());
    }
  }

  private void write(WalletTx t) {
    try {
      if (lines >= 2 * capacity) {
        rewrite(snapshot.get());
      }
      Files.writeString(
          file,
          line(t) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      lines++;
    } catch (IOException e) {
      log.warn("cannot save wallet transaction {} to {}: {}", t.txid(), file, e.toString());
    }
  }

  private void rewrite(List<WalletTx> keep) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (WalletTx t : keep) {
        w.write(line(t));
        w.write('\n');
      }
    }
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    lines = keep.size();
  }

  static String line(WalletTx t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("txid", t.txid().toHex());
    o.put("amount", t.amount());
    o.put("fee", t.fee());
    o.put("state", t.state().label());
    o.put("height", t.height());
    if (t.blockHash() != null) {
      o.put("blockhash", t.blockHash().toHex());
    }
    if (t.reason() != null) {
      o.put("reason", t.reason());
    }
    o.put("time", t.timeMillis());
    return o.toString();
  }

  /** The transaction of one line, or null (with a warning) when the line is not one of ours. */
  static WalletTx parse(String line) {
    try {
      JsonNode o = JSON.readTree(line);
      TxState state = TxState.valueOf(o.get("state").asText().toUpperCase(Locale.ROOT));
      JsonNode hash = o.get("blockhash");
      JsonNode reason = o.get("reason");
      return new WalletTx(
          Hash32.fromHex(o.get("txid").asText()),
          o.get("amount").asLong(),
          o.get("fee").asLong(),
          state,
          o.get("height").asLong(),
          hash == null ? null : Hash32.fromHex(hash.asText()),
          reason == null ? null : reason.asText(),
          o.get("time").asLong());
    } catch (IOException | RuntimeException e) {
      log.warn("skipping an unreadable line of the wallet history");
      return null;
    }
  }

  /** Writes what is queued, then stops the writer. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
