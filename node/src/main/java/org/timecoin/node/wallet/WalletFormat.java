package org.timecoin.node.wallet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.wallet.WalletImage.Encryption;
import org.timecoin.node.wallet.WalletImage.KeyEntry;

/**
 * The wallet file, version 1, little-endian:
 *
 * <pre>
 * magic "TIMEWLT\0" ‖ u16 version ‖ u8 scheme (0 plain, 1 scrypt + AES-256-GCM)
 * scheme 1: u8 logN ‖ u32 r ‖ u32 p ‖ salt[16] ‖ verifier[32]
 * u32 count ‖ count × (public key[32] ‖ u8 flags (1 = pooled) ‖ u32 length ‖ UTF-8 label)
 * scheme 0: count × seed[32]
 * scheme 1: nonce[12] ‖ u32 length ‖ AES-GCM(count × seed[32]) with its 16-byte tag
 * SHA-256 of everything before it[32]
 * </pre>
 *
 * The trailing hash tells a damaged file from a wrong passphrase. The associated data of the
 * encryption is the header and the public keys in order (not labels or pool flags, which a locked
 * wallet changes), so keys swapped or replaced in the clear part fail the tag at unlock.
 */
final class WalletFormat {
  static final int VERSION = 1;
  static final int MAX_KEYS = 100_000;
  static final int MAX_LABEL_BYTES = 200;
  private static final byte[] MAGIC = "TIMEWLT\0".getBytes(StandardCharsets.US_ASCII);
  private static final int SEED = 32;
  private static final int HASH = 32;

  private WalletFormat() {}

  static byte[] encode(WalletImage image) {
    ByteWriter w = new ByteWriter(64 + image.keys().size() * 80 + image.secret().length);
    writeHeader(w, image.encryption());
    w.u32(image.keys().size());
    for (KeyEntry k : image.keys()) {
      w.raw(k.publicKey().toBytes());
      w.u8(k.pooled() ? 1 : 0);
      w.bytes(k.label().getBytes(StandardCharsets.UTF_8));
    }
    if (image.encrypted()) {
      w.raw(Arrays.copyOf(image.secret(), WalletCipher.NONCE_BYTES));
      w.bytes(Arrays.copyOfRange(image.secret(), WalletCipher.NONCE_BYTES, image.secret().length));
    } else {
      w.raw(image.secret());
    }
    byte[] body = w.toByteArray();
    byte[] out = Arrays.copyOf(body, body.length + HASH);
    System.arraycopy(Sha256.digest(body), 0, out, body.length, HASH);
    return out;
  }

  /** The associated data that binds the sealed seeds to the header and the public keys. */
  static byte[] associatedData(Encryption encryption, List<KeyEntry> keys) {
    ByteWriter w = new ByteWriter();
    writeHeader(w, encryption);
    w.u32(keys.size());
    for (KeyEntry k : keys) {
      w.raw(k.publicKey().toBytes());
    }
    return w.toByteArray();
  }

  static WalletImage decode(Path file, byte[] data) throws WalletFileException {
    if (data.length < MAGIC.length + 2
        || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new WalletFileException(
          file,
          file
              + " is not a TIME Coin wallet file; point [wallet] file at the wallet, or restore it"
              + restoreHint(file));
    }
    int version = (data[MAGIC.length] & 0xFF) | (data[MAGIC.length + 1] & 0xFF) << 8;
    if (version != VERSION) {
      throw new WalletFileException(
          file,
          file
              + " has wallet format "
              + version
              + ", this version of timed reads format "
              + VERSION
              + "; run the version that wrote it, or restore it"
              + restoreHint(file));
    }
    int bodyLength = data.length - HASH;
    if (bodyLength < MAGIC.length + 3
        || !Arrays.equals(
            Sha256.digest(Arrays.copyOf(data, bodyLength)),
            0,
            HASH,
            data,
            bodyLength,
            data.length)) {
      throw damaged(file, "checksum mismatch: truncated or altered");
    }
    try {
      return read(file, new ByteReader(data, 0, bodyLength));
    } catch (CodecException | IllegalArgumentException e) {
      throw damaged(file, e.getMessage());
    }
  }

  private static WalletImage read(Path file, ByteReader in) throws WalletFileException {
    in.raw(MAGIC.length + 2);
    int scheme = in.u8();
    Encryption encryption = null;
    if (scheme == 1) {
      int logN = in.u8();
      long r = in.u32();
      long p = in.u32();
      String problem = KdfParams.problem(logN, (int) Math.min(r, 1000), (int) Math.min(p, 1000));
      if (problem != null) {
        throw damaged(file, problem);
      }
      KdfParams kdf = new KdfParams(logN, (int) r, (int) p, in.raw(KdfParams.SALT_BYTES));
      encryption = new Encryption(kdf, in.raw(HASH));
    } else if (scheme != 0) {
      throw damaged(file, "unknown encryption scheme " + scheme);
    }
    long count = in.u32();
    if (count > MAX_KEYS) {
      throw damaged(file, count + " keys, more than " + MAX_KEYS);
    }
    List<KeyEntry> keys = new ArrayList<>((int) count);
    for (int i = 0; i < count; i++) {
      PublicKey pub = PublicKey.CODEC.read(in);
      int flags = in.u8();
      if (flags > 1) {
        throw damaged(file, "unknown key flags " + flags);
      }
      String label = new String(in.bytes(MAX_LABEL_BYTES), StandardCharsets.UTF_8);
      keys.add(new KeyEntry(pub, label, flags == 1));
    }
    byte[] secret;
    if (encryption == null) {
      secret = in.raw(SEED * (int) count);
    } else {
      byte[] nonce = in.raw(WalletCipher.NONCE_BYTES);
      byte[] sealed = in.bytes(SEED * (int) count + 4 + WalletCipher.TAG_BYTES);
      secret = Arrays.copyOf(nonce, nonce.length + sealed.length);
      System.arraycopy(sealed, 0, secret, nonce.length, sealed.length);
    }
    in.expectEnd();
    return new WalletImage(encryption, keys, secret);
  }

  private static void writeHeader(ByteWriter w, Encryption encryption) {
    w.raw(MAGIC);
    w.u16(VERSION);
    if (encryption == null) {
      w.u8(0);
    } else {
      KdfParams k = encryption.kdf();
      w.u8(1).u8(k.logN()).u32(k.r()).u32(k.p()).raw(k.salt()).raw(encryption.verifier());
    }
  }

  static WalletFileException damaged(Path file, String reason) {
    return new WalletFileException(
        file, file + " is damaged (" + reason + "); restore it" + restoreHint(file));
  }

  private static String restoreHint(Path file) {
    return " from " + file.resolveSibling(file.getFileName() + ".bak") + " or your own backup";
  }
}
