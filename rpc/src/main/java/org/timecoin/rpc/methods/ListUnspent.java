package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.UnspentOutput;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * listunspent [minconf=1] [maxconf=9999999] [addresses]: the wallet's coins, as Bitcoin Core takes
 * it; listunspent &lt;address&gt; [limit=1000] (an address first): the unspent outputs paying any
 * address, from the chain.
 */
public final class ListUnspent implements RpcMethod {
  static final long MAX_CONF = 9_999_999;
  static final int WALLET_LIMIT = 100_000;

  private final ChainQueries chain;
  private final WalletService wallet;

  /** Without a wallet: only the per-address form answers. */
  public ListUnspent(ChainQueries chain) {
    this(chain, WalletService.NONE);
  }

  public ListUnspent(ChainQueries chain, WalletService wallet) {
    this.chain = chain;
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "listunspent";
  }

  @Override
  public String help() {
    return "listunspent [minconf=1] [maxconf=9999999] [addresses] - The wallet's coins.\n"
        + "listunspent <address> [limit=1000]: the unspent outputs paying the address.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("minconf", "maxconf", "addresses", "address", "limit");
    JsonNode first = params.get(0, "minconf");
    if ((first != null && first.isTextual()) || params.get(-1, "address") != null) {
      return byAddress(params);
    }
    long minConf = params.optionalLong(0, "minconf", 1, 0, MAX_CONF);
    long maxConf = params.optionalLong(1, "maxconf", MAX_CONF, 0, MAX_CONF);
    Set<String> addresses = addresses(params.get(2, "addresses"));
    try {
      return rows(wallet.coins(minConf, maxConf, addresses, WALLET_LIMIT));
    } catch (WalletException e) {
      throw WalletErrors.of(e);
    }
  }

  private JsonNode byAddress(Params params) throws RpcException {
    String address =
        params.get(0, "minconf") != null
            ? params.requiredString(0, "address")
            : params.requiredString(-1, "address");
    int limit = (int) params.optionalLong(1, "limit", 1000, 1, 100_000);
    return rows(Addresses.unspent(chain, address, limit));
  }

  private static Set<String> addresses(JsonNode list) throws RpcException {
    Set<String> out = new HashSet<>();
    if (list == null) {
      return out;
    }
    if (!list.isArray() || list.size() > 1_000) {
      throw RpcException.invalidParams("parameter 'addresses' must be an array of addresses");
    }
    for (JsonNode a : list) {
      if (!a.isTextual()) {
        throw RpcException.invalidParams("parameter 'addresses' must be an array of addresses");
      }
      out.add(a.asText());
    }
    return out;
  }

  private static ArrayNode rows(List<UnspentOutput> coins) {
    ArrayNode out = Views.JSON.arrayNode();
    for (UnspentOutput u : coins) {
      out.addObject()
          .put("txid", u.txid())
          .put("vout", u.vout())
          .put("address", u.address())
          .put("amount", u.amount())
          .put("height", u.height())
          .put("coinbase", u.coinbase());
    }
    return out;
  }
}
