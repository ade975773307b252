/**
 * Blocks and finality: {@link org.timecoin.domain.block.BlockHeader}, {@link
 * org.timecoin.domain.block.Block}, the Merkle root, validators and their set (quorum arithmetic),
 * the bytes validators sign ({@link org.timecoin.domain.block.VoteSignBytes}) and the {@link
 * org.timecoin.domain.block.CommitCertificate} that makes a block final.
 */
package org.timecoin.domain.block;
