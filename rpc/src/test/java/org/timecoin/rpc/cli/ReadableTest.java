package org.timecoin.rpc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReadableTest {
  final ObjectMapper json = new ObjectMapper();

  String render(String text) throws Exception {
    return Readable.render(json.readTree(text));
  }

  @Test
  void scalarsPrintAsThemselves() throws Exception {
    assertThat(render("\"abc\"")).isEqualTo("abc");
    assertThat(render("7")).isEqualTo("7");
    assertThat(render("true")).isEqualTo("true");
    assertThat(render("null")).isEmpty();
  }

  @Test
  void objectsAlignTheirValuesAndIndentWhatIsNested() throws Exception {
    assertThat(render("{\"a\":1,\"long_key\":\"x\",\"commit\":{\"round\":0,\"signatures\":3}}"))
        .isEqualTo("a         1\nlong_key  x\ncommit\n  round       0\n  signatures  3");
  }

  @Test
  void shortListsOfValuesStayOnOneLineLongOnesGetALineEach() throws Exception {
    assertThat(render("{\"tx\":[\"a\",\"b\"],\"none\":[]}")).isEqualTo("tx    a, b\nnone  (none)");
    assertThat(render("[\"a\",\"b\",\"c\"]")).isEqualTo("a\nb\nc");
    assertThat(render("{\"ids\":[1,2,3,4,5,6,7,8,9]}"))
        .isEqualTo("ids\n  1\n  2\n  3\n  4\n  5\n  6\n  7\n  8\n  9");
  }

  @Test
  void listsOfObjectsAreTablesWithEveryKeyAsAColumn() throws Exception {
    assertThat(
            render("[{\"txid\":\"aa\",\"vout\":0},{\"txid\":\"b\",\"amount\":5,\"x\":{\"y\":1}}]"))
        .isEqualTo("txid  vout  amount  x\naa    0     -       -\nb     -     5       {\"y\":1}");
  }

  @Test
  void mixedListsPrintEachValueOnItsLine() throws Exception {
    assertThat(render("[1,{\"a\":2}]")).isEqualTo("1\n{\"a\":2}");
  }
}
