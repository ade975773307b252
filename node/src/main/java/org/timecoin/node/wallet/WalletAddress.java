package org.timecoin.node.wallet;

import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;

/** One address of the wallet with the public key it pays to and the operator's label. */
public record WalletAddress(Address address, PublicKey publicKey, String label) {}
