package org.timecoin.node.api;

import java.util.List;

/**
 * The certificates a masternode was expected to sign among heights {@code fromHeight..toHeight}
 * (each height's certificate as the next block carries it), split into those it signed and those it
 * missed, ascending. Heights before it entered a set, or after it left, are in neither.
 */
public record HeartbeatView(
    String operatorKey, long fromHeight, long toHeight, List<Long> signed, List<Long> missed) {}
