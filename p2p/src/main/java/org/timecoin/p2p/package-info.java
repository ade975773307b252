/**
 * The peer-to-peer network: Netty transport that moves typed messages between authenticated nodes.
 *
 * <h2>Wire format (protocol version 1)</h2>
 *
 * <p>Every frame is {@code u32 length ‖ u8 type ‖ u8 flags ‖ payload}, little-endian, where {@code
 * length} counts type, flags and payload and may not exceed {@link P2pConfig#maxFrameSize()} (the
 * check happens on the four length bytes, before any buffering). Flag bit 0x01 (LZ4) marks a
 * payload of {@code u32 uncompressed length ‖ LZ4 block}; a node sends it only to a peer whose
 * HELLO announced the LZ4 feature, only after the handshake, and only for payloads of at least 256
 * bytes that it makes smaller. A flagged frame from a peer we did not negotiate it with, before the
 * handshake completes, declaring more than the frame limit, or not decompressing to exactly its
 * declared length is malformed, as is any other flag. Types below 0x10 belong to this package,
 * every payload starting with a u8 message version (1):
 *
 * <ul>
 *   <li>0x01 HELLO, message version 3: magic u32, protocol version u32, genesis hash, node key
 *       (32), listen address (u32-length ASCII host, u16 port), best height u64, nonce (32), the
 *       sender's wall clock u64 (milliseconds since 1970, below 2^63), feature bits u64 (bit 0:
 *       reads LZ4 frames; unknown bits are ignored, and none set is written as version 2). Version
 *       2 is the same without the features, version 1 without the clock too; both are still read
 *       (as announcing no feature; a version-1 sender gives no clock sample). The clock is not
 *       signed: a node only compares it with its own (the median over its peers, see {@link
 *       org.timecoin.p2p.PeerInfo#clockOffset()}) and never acts on one peer's word
 *   <li>0x02 AUTH: Ed25519 signature (64) over {@code "TIME-P2P-HANDSHAKE-V1" ‖ receiver's nonce ‖
 *       sender's nonce ‖ genesis hash ‖ receiver's node key}
 *   <li>0x03 PING / 0x04 PONG: nonce u64, best height u64 (a PONG echoes the PING's nonce)
 *   <li>0x05 GETADDR (empty) / 0x06 ADDR: list of at most 1000 listen addresses, each an IP literal
 *       (a host name in an ADDR is dropped unread, never resolved, and a sender of many is charged)
 * </ul>
 *
 * <p>Both sides send HELLO on connect and AUTH after checking the other's HELLO; the connection is
 * up once each side has verified the other's AUTH. Anything else before that is a violation, and
 * until then a frame may not exceed 4 KiB; what a peer sends after its AUTH is read only once that
 * AUTH has verified. Types 0x10 to 0xFF are registered by higher layers with a {@link
 * org.timecoin.p2p.MessageType}.
 *
 * <h2>Accounting and limits</h2>
 *
 * <p>Misbehaviour costs points ({@link org.timecoin.p2p.RejectReason}); before a peer's AUTH has
 * verified they are charged to its IP alone, afterwards to its node key and its IP, and enough of
 * them ban for the ban period. Rate budgets per message type are kept per node key and per IP for
 * the ban period, so reconnecting does not refill them. Inbound connections are limited in all, per
 * IP and per /24 (IPv4) or /48 (IPv6). Everything we send to a peer waits in its bounded queue and
 * enters the socket only while it is writable; a peer that stops reading is disconnected.
 *
 * <p>The handshake authenticates node keys; the stream itself is neither encrypted nor MACed, so
 * what must not be forged on the path (votes, proposals, transactions) carries its own signature.
 *
 * <h2>Threads</h2>
 *
 * <p>Event loops decode, rate-limit and enqueue. Handshake signing and verification and address
 * book writes run on a small internal pool; handlers and peer listeners run on the executor the
 * node passes to {@link org.timecoin.p2p.P2pNode}, one task at a time per peer. Host names (only
 * ever from our own configuration: bootstrap peers, and seeds, whose every A and AAAA address goes
 * into the address book and which are looked up again every {@link
 * org.timecoin.p2p.P2pConfig#seedRefreshInterval()}) are resolved on resolver threads of their own.
 */
package org.timecoin.p2p;
