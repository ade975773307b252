package org.timecoin.domain.tx;

import java.util.Arrays;

/** Base58 with the Bitcoin alphabet; leading zero bytes map to leading '1' characters. */
final class Base58 {
  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEXES = new int[128];

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEXES[ALPHABET[i]] = i;
    }
  }

  private Base58() {}

  static String encode(byte[] input) {
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    // Repeated division of the big-endian number by 58; digits come out least significant first.
    byte[] number = Arrays.copyOf(input, input.length);
    char[] out = new char[input.length * 2];
    int outStart = out.length;
    int start = zeros;
    while (start < number.length) {
      int remainder = 0;
      for (int i = start; i < number.length; i++) {
        int acc = remainder * 256 + (number[i] & 0xFF);
        number[i] = (byte) (acc / 58);
        remainder = acc % 58;
      }
      out[--outStart] = ALPHABET[remainder];
      while (start < number.length && number[start] == 0) {
        start++;
      }
    }
    for (int i = 0; i < zeros; i++) {
      out[--outStart] = ALPHABET[0];
    }
    return new String(out, outStart, out.length - outStart);
  }

  /** Decodes {@code text}; returns null if it holds a character outside the alphabet. */
  static byte[] decode(String text) {
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == ALPHABET[0]) {
      zeros++;
    }
    byte[] digits = new byte[text.length()];
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        return null;
      }
      digits[i] = (byte) digit;
    }
    // Repeated division of the base-58 number by 256; bytes come out least significant first.
    byte[] out = new byte[text.length()];
    int outStart = out.length;
    int start = zeros;
    while (start < digits.length) {
      int remainder = 0;
      for (int i = start; i < digits.length; i++) {
        int acc = remainder * 58 + digits[i];
        digits[i] = (byte) (acc / 256);
        remainder = acc % 256;
      }
      out[--outStart] = (byte) remainder;
      while (start < digits.length && digits[start] == 0) {
        start++;
      }
    }
    byte[] result = new byte[zeros + out.length - outStart];
    System.arraycopy(out, outStart, result, zeros, out.length - outStart);
    return result;
  }
}
