package org.timecoin.node.wallet;

/** The passphrase does not open the wallet. */
public final class WrongPassphraseException extends Exception {
  public WrongPassphraseException() {
    super("wrong passphrase: the wallet stays locked");
  }
}
