package org.timecoin.node.wallet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timecoin.common.time.Scheduler;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.node.wallet.WalletImage.Encryption;
import org.timecoin.node.wallet.WalletImage.KeyEntry;
import org.timecoin.node.wallet.WalletStateException.Kind;

/**
 * The node's wallet: Ed25519 keys with labels in a wallet file, plain or encrypted.
 *
 * <p>An encrypted wallet keeps its public keys, labels and a pool of {@code keypoolSize}
 * not-yet-used keys in the clear part of the file, so while locked it lists its addresses (balances
 * need no passphrase) and hands out new addresses from the pool; only signing, importing and
 * dumping keys need it unlocked, and an empty pool needs an unlock to refill. Seeds exist in memory
 * only while unlocked and are overwritten with zeros when it locks (copies handed to signers as
 * {@link KeyPair} are the caller's to drop).
 *
 * <p>Every change is saved before the call returns; a failed save leaves the wallet as it was and
 * throws {@link WalletFileException}. All state is guarded by this object's monitor.
 */
public final class Wallet implements KeyRing, AutoCloseable {
  private final WalletStore store;
  private final WalletOptions options;

  /** One scrypt derivation at a time: each takes tens of MiB, and guesses queue behind it. */
  private final Object derivation = new Object();

  private WalletImage image; // what the file holds; null while no wallet exists
  private final Map<Address, Integer> index = new HashMap<>();
  private byte[][] seeds; // aligned with image.keys(); null while locked
  private byte[] aesKey; // while an encrypted wallet is unlocked
  private long unlockedUntilMillis;
  private long relockAtNanos;
  private Scheduler.Cancellable relock;

  private Wallet(WalletStore store, WalletOptions options) {
    this.store = store;
    this.options = options;
  }

  /** The wallet in {@code store}'s file. Encrypted wallets open locked. */
  public static Wallet open(WalletStore store, WalletOptions options) {
    Wallet w = new Wallet(store, options);
    WalletImage img = WalletFormat.decode(store.file(), store.read());
    byte[][] plain = null;
    if (!img.encrypted()) {
      plain = Seeds.split(img.secret(), img.keys().size());
      w.checkSeedsMatch(img.keys(), plain);
    }
    w.adopt(img, plain);
    return w;
  }

  /** A new unencrypted wallet with one key, saved to {@code store}. */
  public static Wallet createPlain(WalletStore store, WalletOptions options) {
    return createPlain(store, options, KeyPair.generate(options.random()), "");
  }

  /** A new unencrypted wallet whose first key is {@code first}, saved to {@code store}. */
  public static Wallet createPlain(
      WalletStore store, WalletOptions options, KeyPair first, String label) {
    checkLabel(label);
    Wallet w = new Wallet(store, options);
    List<KeyEntry> keys = List.of(new KeyEntry(first.publicKey(), label, false));
    byte[][] s = {first.seed()};
    WalletImage img = new WalletImage(null, keys, Seeds.join(s));
    store.save(WalletFormat.encode(img));
    w.adopt(img, s);
    return w;
  }

  /** No wallet yet: only {@link #encrypt} creates one (a node waiting for its operator). */
  public static Wallet absent(WalletStore store, WalletOptions options) {
    return new Wallet(store, options);
  }

  public Path file() {
    return store.file();
  }

  public synchronized WalletStatus status() {
    expireIfDue();
    if (image == null) {
      return new WalletStatus(false, false, true, 0, 0, 0);
    }
    int pooled = (int) image.keys().stream().filter(KeyEntry::pooled).count();
    return new WalletStatus(
        true,
        image.encrypted(),
        seeds == null,
        image.encrypted() && seeds != null ? unlockedUntilMillis : 0,
        image.keys().size() - pooled,
        pooled);
  }

  @Override
  public synchronized List<WalletAddress> addresses() {
    if (image == null) {
      return List.of();
    }
    List<WalletAddress> out = new ArrayList<>();
    for (KeyEntry k : image.keys()) {
      if (!k.pooled()) {
        out.add(new WalletAddress(Address.fromPublicKey(k.publicKey()), k.publicKey(), k.label()));
      }
    }
    return out;
  }

  @Override
  public synchronized boolean owns(Address address) {
    Integer i = index.get(address);
    return i != null && !image.keys().get(i).pooled();
  }

  @Override
  public synchronized WalletAddress newAddress(String label) throws WalletLockedException {
    checkLabel(label);
    requireWallet();
    expireIfDue();
    List<KeyEntry> keys = new ArrayList<>(image.keys());
    byte[][] s = seeds;
    int pick = firstPooled(keys);
    if (pick < 0) {
      if (seeds == null) {
        throw new WalletLockedException(); // the pool is empty: refilling it needs the seeds
      }
      KeyPair fresh = KeyPair.generate(options.random());
      keys.add(new KeyEntry(fresh.publicKey(), label, false));
      s = Seeds.append(s, fresh.seed());
      pick = keys.size() - 1;
    } else {
      keys.set(pick, keys.get(pick).handedOut(label));
    }
    if (s != null && image.encrypted()) {
      s = topUpPool(keys, s);
    }
    commit(keys, s);
    KeyEntry k = keys.get(pick);
    return new WalletAddress(Address.fromPublicKey(k.publicKey()), k.publicKey(), k.label());
  }

  @Override
  public synchronized Optional<KeyPair> keyFor(Address address) throws WalletLockedException {
    expireIfDue();
    if (!owns(address)) {
      return Optional.empty();
    }
    if (seeds == null) {
      throw new WalletLockedException();
    }
    return Optional.of(KeyPair.fromSeed(seeds[index.get(address)]));
  }

  /** Adds {@code key} under {@code label}; a key the wallet holds already keeps its label. */
  public synchronized Address importKey(KeyPair key, String label) throws WalletLockedException {
    checkLabel(label);
    requireWallet();
    expireIfDue();
    if (seeds == null) {
      throw new WalletLockedException();
    }
    Address address = Address.fromPublicKey(key.publicKey());
    Integer at = index.get(address);
    List<KeyEntry> keys = new ArrayList<>(image.keys());
    if (at != null) {
      if (keys.get(at).pooled()) {
        keys.set(at, keys.get(at).handedOut(label));
        commit(keys, seeds);
      }
      return address;
    }
    keys.add(new KeyEntry(key.publicKey(), label, false));
    commit(keys, Seeds.append(seeds, key.seed()));
    return address;
  }

  /**
   * Encrypts a plain wallet with {@code passphrase}, or creates an encrypted one when there is
   * none, and leaves it locked. The previous (plain) version is not kept: the backup file is
   * rewritten with the encrypted one.
   */
  public synchronized void encrypt(char[] passphrase) throws WalletStateException {
    if (passphrase.length == 0) {
      throw new IllegalArgumentException("the passphrase must not be empty");
    }
    if (image != null && image.encrypted()) {
      throw new WalletStateException(
          Kind.ALREADY_ENCRYPTED,
          "the wallet is already encrypted; unlock it with walletpassphrase");
    }
    byte[] salt = new byte[KdfParams.SALT_BYTES];
    options.random().nextBytes(salt);
    KdfParams kdf = options.kdfCosts().withSalt(salt);
    WalletCipher.Derived derived;
    synchronized (derivation) {
      derived = WalletCipher.derive(passphrase, kdf);
    }
    List<KeyEntry> keys = new ArrayList<>();
    byte[][] s = new byte[0][];
    if (image == null) {
      KeyPair first = KeyPair.generate(options.random());
      keys.add(new KeyEntry(first.publicKey(), "", false));
      s = Seeds.append(s, first.seed());
    } else {
      keys.addAll(image.keys());
      s = seeds;
    }
    s = topUpPool(keys, s);
    Encryption enc = new Encryption(kdf, derived.verifier());
    byte[] sealed = sealWith(derived.aesKey(), enc, keys, s);
    derived.wipe();
    WalletImage next = new WalletImage(enc, keys, sealed);
    try {
      store.save(WalletFormat.encode(next));
    } catch (WalletFileException e) {
      wipeNew(s);
      throw e;
    }
    Seeds.wipe(s);
    lock();
    adopt(next, null);
    try {
      // Saved again so the backup holds the encrypted version, not the plain one.
      store.save(WalletFormat.encode(next));
    } catch (WalletFileException e) {
      throw new WalletFileException(
          store.backupFile(),
          "the wallet is encrypted, but "
              + store.backupFile()
              + " still holds its keys unencrypted and could not be replaced ("
              + e.getMessage()
              + "); delete that file",
          e);
    }
  }

  /**
   * Unlocks an encrypted wallet for {@code duration} (the scrypt derivation runs outside the lock,
   * so signers are not held up by a caller guessing passphrases).
   */
  public void unlock(char[] passphrase, Duration duration)
      throws WrongPassphraseException, WalletStateException {
    WalletImage seen;
    synchronized (this) {
      if (image == null) {
        throw noWallet();
      }
      if (!image.encrypted()) {
        throw new WalletStateException(
            Kind.NOT_ENCRYPTED, "the wallet is not encrypted: it needs no passphrase");
      }
      seen = image;
    }
    WalletCipher.Derived derived;
    synchronized (derivation) {
      derived = WalletCipher.derive(passphrase, seen.encryption().kdf());
    }
    try {
      synchronized (this) {
        if (image.encryption() != seen.encryption()) {
          throw new WalletStateException(
              Kind.ALREADY_ENCRYPTED, "the wallet changed while unlocking; try again");
        }
        if (!WalletCipher.verifies(derived, image.encryption().verifier())) {
          throw new WrongPassphraseException();
        }
        byte[] plain =
            WalletCipher.open(
                derived.aesKey(),
                image.secret(),
                WalletFormat.associatedData(image.encryption(), image.keys()));
        if (plain == null || plain.length != Seeds.SIZE * image.keys().size()) {
          throw WalletFormat.damaged(
              store.file(), "the encrypted keys fail their integrity check: altered or damaged");
        }
        byte[][] s = Seeds.split(plain, image.keys().size());
        Arrays.fill(plain, (byte) 0);
        checkSeedsMatch(image.keys(), s);
        Seeds.wipe(seeds);
        seeds = s;
        if (aesKey != null) {
          Arrays.fill(aesKey, (byte) 0);
        }
        aesKey = derived.aesKey().clone();
        scheduleRelock(duration);
        refillPool();
      }
    } finally {
      derived.wipe();
    }
  }

  /** Forgets the seeds of an encrypted wallet, overwriting them in memory. */
  public synchronized void lock() {
    if (relock != null) {
      relock.cancel();
      relock = null;
    }
    if (image == null || !image.encrypted()) {
      return;
    }
    Seeds.wipe(seeds);
    seeds = null;
    if (aesKey != null) {
      Arrays.fill(aesKey, (byte) 0);
      aesKey = null;
    }
    unlockedUntilMillis = 0;
  }

  /** Copies the wallet file (as saved, so still encrypted if it is) to {@code target}. */
  public synchronized void backupTo(Path target) throws WalletStateException {
    requireWalletChecked();
    store.copyTo(target);
  }

  @Override
  public void close() {
    lock();
  }

  // ---- internals, called with the monitor held ----

  private void commit(List<KeyEntry> keys, byte[][] s) {
    if (keys.size() > WalletFormat.MAX_KEYS) {
      if (s != seeds) {
        wipeNew(s);
      }
      throw new IllegalStateException(
          "the wallet is full: it holds the most keys a wallet file can ("
              + WalletFormat.MAX_KEYS
              + ")");
    }
    byte[] secret;
    if (!image.encrypted()) {
      secret = Seeds.join(s);
    } else if (s != null && aesKey != null) {
      secret = sealWith(aesKey, image.encryption(), keys, s);
    } else {
      secret = image.secret(); // locked: public keys unchanged, so the sealed seeds still fit
    }
    WalletImage next = new WalletImage(image.encryption(), keys, secret);
    try {
      store.save(WalletFormat.encode(next));
    } catch (WalletFileException e) {
      if (s != seeds) {
        wipeNew(s);
      }
      throw e;
    }
    adopt(next, s);
  }

  private void adopt(WalletImage img, byte[][] s) {
    image = img;
    seeds = s;
    index.clear();
    for (int i = 0; i < img.keys().size(); i++) {
      index.put(Address.fromPublicKey(img.keys().get(i).publicKey()), i);
    }
  }

  private byte[][] topUpPool(List<KeyEntry> keys, byte[][] s) {
    long pooled = keys.stream().filter(KeyEntry::pooled).count();
    for (long i = pooled; i < options.keypoolSize() && keys.size() < WalletFormat.MAX_KEYS; i++) {
      KeyPair k = KeyPair.generate(options.random());
      keys.add(new KeyEntry(k.publicKey(), "", true));
      s = Seeds.append(s, k.seed());
    }
    return s;
  }

  private void refillPool() {
    List<KeyEntry> keys = new ArrayList<>(image.keys());
    byte[][] s = topUpPool(keys, seeds);
    if (s == seeds) {
      return;
    }
    try {
      commit(keys, s);
    } catch (WalletFileException e) {
      // Unlocking must work on a full disk (to spend); the pool refills at the next save.
      org.slf4j.LoggerFactory.getLogger(Wallet.class)
          .warn("key pool not refilled: {}", e.getMessage());
    }
  }

  private byte[] sealWith(byte[] key, Encryption enc, List<KeyEntry> keys, byte[][] s) {
    byte[] plain = Seeds.join(s);
    byte[] sealed =
        WalletCipher.seal(key, plain, WalletFormat.associatedData(enc, keys), options.random());
    Arrays.fill(plain, (byte) 0);
    return sealed;
  }

  private void scheduleRelock(Duration duration) {
    if (relock != null) {
      relock.cancel();
    }
    unlockedUntilMillis = options.clock().wallMillis() + duration.toMillis();
    relockAtNanos = options.clock().monoNanos() + duration.toNanos();
    relock = options.scheduler().schedule(duration, this::onRelockTimer);
  }

  private synchronized void onRelockTimer() {
    expireIfDue();
    if (seeds != null && image.encrypted()) {
      // fired before the deadline by the clock's reckoning: wait for the rest
      long left = relockAtNanos - options.clock().monoNanos();
      relock =
          options.scheduler().schedule(Duration.ofNanos(Math.max(left, 1)), this::onRelockTimer);
    }
  }

  /** Locks once the unlock time has passed, even if the timer has not fired yet. */
  private synchronized void expireIfDue() {
    if (seeds != null && image.encrypted() && options.clock().monoNanos() - relockAtNanos >= 0) {
      lock();
    }
  }

  private void checkSeedsMatch(List<KeyEntry> keys, byte[][] s) {
    for (int i = 0; i < keys.size(); i++) {
      if (!KeyPair.fromSeed(s[i]).publicKey().equals(keys.get(i).publicKey())) {
        Seeds.wipe(s);
        throw WalletFormat.damaged(
            store.file(), "key " + i + " does not match its public key: altered or damaged");
      }
    }
  }

  private void requireWallet() {
    if (image == null) {
      throw new IllegalStateException(noWallet().getMessage());
    }
  }

  private void requireWalletChecked() throws WalletStateException {
    if (image == null) {
      throw noWallet();
    }
  }

  private WalletStateException noWallet() {
    return new WalletStateException(
        Kind.NO_WALLET,
        "no wallet yet: create one with encryptwallet <passphrase> (or set [wallet] encrypted ="
            + " false)");
  }

  private static void checkLabel(String label) {
    if (label.getBytes(StandardCharsets.UTF_8).length > WalletFormat.MAX_LABEL_BYTES) {
      throw new IllegalArgumentException(
          "a label is at most " + WalletFormat.MAX_LABEL_BYTES + " bytes of UTF-8");
    }
  }

  private static int firstPooled(List<KeyEntry> keys) {
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).pooled()) {
        return i;
      }
    }
    return -1;
  }

  /** Wipes the seeds of {@code s} that the wallet does not hold (those a failed change added). */
  private void wipeNew(byte[][] s) {
    int kept = seeds == null ? 0 : seeds.length;
    for (int i = kept; s != null && i < s.length; i++) {
      Arrays.fill(s[i], (byte) 0);
    }
  }
}
