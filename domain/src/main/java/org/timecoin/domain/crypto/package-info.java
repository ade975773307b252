/**
 * Ed25519 keys and signatures over BouncyCastle's low-level RFC 8032 code: {@link
 * org.timecoin.domain.crypto.Ed25519} (static sign/verify), {@link
 * org.timecoin.domain.crypto.PublicKey} and {@link org.timecoin.domain.crypto.KeyPair}.
 */
package org.timecoin.domain.crypto;
