/**
 * The node's wallet: keys in an encrypted file in the data directory, coin selection, and the state
 * of the wallet's own transactions as the chain finalizes them.
 */
package org.timecoin.node.wallet;
