package org.timecoin.storage.kv;

/** Whether opening a store may create the database. */
public enum OpenMode {
  /** Create the directory and database when absent (first start, {@code --init}). */
  CREATE_IF_MISSING,
  /**
   * Fail with a MISSING error when there is no database: a typo in the path must not start afresh.
   */
  MUST_EXIST
}
