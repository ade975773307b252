package org.timecoin.node.net;

import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;

/** A finalized block with the certificate that proves it (what block sync moves). */
public record CertifiedBlock(Block block, CommitCertificate certificate) {
  public static final Codec<CertifiedBlock> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, CertifiedBlock b) {
          Block.CODEC.write(out, b.block);
          CommitCertificate.CODEC.write(out, b.certificate);
        }

        @Override
        public int sizeHint(CertifiedBlock b) {
          return b.encodedSize();
        }

        @Override
        public CertifiedBlock read(ByteReader in) {
          return new CertifiedBlock(Block.CODEC.read(in), CommitCertificate.CODEC.read(in));
        }
      };

  /** Size of the encoding: the block's, then the certificate's. */
  public int encodedSize() {
    return block.encodedSize() + certificate.encodedSize();
  }
}
