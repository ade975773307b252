package org.timecoin.node.net;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.params.KeyParameter;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;

/**
 * The 8-byte short ids of a compact proposal: SipHash-2-4 of each txid, keyed by the block hash.
 * Keyed per block, so nobody can grind two transactions whose ids collide in every block (the
 * reason BIP 152 keys its short ids too); 64 bits keep accidental collisions among a mempool's
 * transactions below one in 10^9 proposals. A collision only costs a fetch: the rebuilt block must
 * match the header's transaction root. Not thread-safe: one instance per reconstruction.
 */
public final class ShortTxIds {
  private static final byte[] DOMAIN = "TIME-COMPACT-IDS".getBytes(StandardCharsets.US_ASCII);

  private final SipHash mac = new SipHash(2, 4);
  private final byte[] txid = new byte[Hash32.SIZE];

  public ShortTxIds(Hash32 blockHash) {
    byte[] key = new byte[16];
    Sha256.hash(DOMAIN, blockHash.toBytes()).copyTo(txid, 0);
    System.arraycopy(txid, 0, key, 0, key.length);
    mac.init(new KeyParameter(key));
  }

  public long of(Hash32 id) {
    id.copyTo(txid, 0);
    mac.update(txid, 0, txid.length);
    return mac.doFinal();
  }
}
