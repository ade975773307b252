package org.timecoin.node.api;

/**
 * How block sync is doing, as an operator wants to see it.
 *
 * @param state {@link #FOLLOWING}, {@link #SYNCING}, {@link #STALLED} or {@link #NO_PEERS}
 * @param verificationProgress 0 to 1: our height over the height sync aims for
 * @param bestPeerHeight the highest block a peer proved by serving it with a valid certificate, or
 *     our own tip if higher; a peer cannot raise it by claiming a height
 * @param targetHeight the height sync aims for (the claims of peers still trusted and asked)
 * @param blocksPerSecond blocks stored per second over the last half minute
 * @param etaSeconds seconds until caught up at that rate; 0 when caught up, -1 when unknown
 * @param warnings a sentence saying why the node is not progressing, or empty when it is
 */
public record SyncView(
    String state,
    double verificationProgress,
    long bestPeerHeight,
    long targetHeight,
    double blocksPerSecond,
    long etaSeconds,
    String warnings) {
  public static final String FOLLOWING = "following";
  public static final String SYNCING = "syncing";
  public static final String STALLED = "stalled";
  public static final String NO_PEERS = "no_peers";
}
