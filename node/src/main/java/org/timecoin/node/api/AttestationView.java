package org.timecoin.node.api;

/**
 * A masternode's attestation record since it entered a set.
 *
 * @param signed certificates it signed
 * @param missed certificates of heights in its sets that it did not sign
 * @param uptime signed / (signed + missed); null when it was expected to sign none yet
 * @param since the first height it voted at
 */
public record AttestationView(
    String operatorKey,
    String tier,
    String status,
    long signed,
    long missed,
    Double uptime,
    long since,
    long lastSignedHeight) {}
