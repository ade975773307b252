package org.timecoin.domain.block;

/** The two Tendermint vote kinds; {@link #code()} is the byte signed in {@link VoteSignBytes}. */
public enum VoteType {
  PREVOTE(1),
  PRECOMMIT(2);

  private final int code;

  VoteType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static VoteType ofCode(int code) {
    for (VoteType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown vote type code " + code);
  }
}
