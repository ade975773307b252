package org.timecoin.node;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.function.Supplier;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.api.ChainInfo;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.node.api.NodeStarting;
import org.timecoin.node.api.SyncView;
import org.timecoin.node.api.TransactionSubmitter;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.node.api.WalletService;
import org.timecoin.node.config.NetworkName;

/**
 * What RPC talks to when it starts before the node's parts do (while a new node fast-syncs): each
 * port is a switch that first answers from a stand-in, where {@code getblockchaininfo} shows the
 * fast sync's phase and everything else refuses with {@link NodeStarting}, and then, once the node
 * has started, forwards to the real part.
 */
final class StartupRpc {
  private final Switch<ChainQueries> queries;
  private final Switch<TransactionSubmitter> submitter;
  private final Switch<WalletKeys> walletKeys;
  private final Switch<WalletService> wallet;
  private final Switch<MasternodeService> masternodes;

  StartupRpc(
      GenesisConfig genesis,
      boolean validator,
      Supplier<String> doing,
      long startedNanos,
      org.timecoin.common.time.Clock clock) {
    Supplier<String> why = () -> "the node is starting: fast sync " + doing.get();
    ChainInfo info =
        new ChainInfo(
            NetworkName.of(genesis.network()).name().toLowerCase(Locale.ROOT),
            genesis.chainId().toHex(),
            genesis.hash().toHex(),
            0,
            "",
            0,
            "",
            true,
            0,
            genesis.validatorSet().size(),
            validator,
            new SyncView(SyncView.SYNCING, 0, 0, 0, 0, -1, ""));
    this.queries =
        new Switch<>(
            ChainQueries.class,
            stub(
                ChainQueries.class,
                why,
                (method, args) ->
                    switch (method.getName()) {
                      case "chainInfo" -> withWarning(info, why.get());
                      case "height", "snapshotHeight" -> 0L;
                      case "syncPhase" -> doing.get();
                      case "uptimeSeconds" -> (clock.monoNanos() - startedNanos) / 1_000_000_000L;
                      default -> null;
                    }));
    this.submitter =
        new Switch<>(TransactionSubmitter.class, stub(TransactionSubmitter.class, why, null));
    this.walletKeys = new Switch<>(WalletKeys.class, stub(WalletKeys.class, why, null));
    this.wallet = new Switch<>(WalletService.class, stub(WalletService.class, why, null));
    this.masternodes =
        new Switch<>(MasternodeService.class, stub(MasternodeService.class, why, null));
  }

  private static ChainInfo withWarning(ChainInfo i, String warning) {
    SyncView s = i.sync();
    return new ChainInfo(
        i.network(),
        i.chainId(),
        i.genesisHash(),
        i.height(),
        i.bestBlockHash(),
        i.bestBlockTime(),
        i.stateRoot(),
        i.syncing(),
        i.bestPeerHeight(),
        i.validators(),
        i.validator(),
        new SyncView(
            s.state(),
            s.verificationProgress(),
            s.bestPeerHeight(),
            s.targetHeight(),
            s.blocksPerSecond(),
            s.etaSeconds(),
            warning));
  }

  ChainQueries queries() {
    return queries.proxy();
  }

  TransactionSubmitter submitter() {
    return submitter.proxy();
  }

  WalletKeys walletKeys() {
    return walletKeys.proxy();
  }

  WalletService wallet() {
    return wallet.proxy();
  }

  MasternodeService masternodes() {
    return masternodes.proxy();
  }

  /** From now on every call goes to the started node's parts. */
  void started(
      ChainQueries q,
      TransactionSubmitter s,
      WalletKeys keys,
      WalletService w,
      MasternodeService m) {
    queries.to(q);
    submitter.to(s);
    walletKeys.to(keys);
    wallet.to(w);
    masternodes.to(m);
  }

  /** An answer for some methods of a stand-in; null for "refuse". */
  @FunctionalInterface
  private interface Answers {
    Object answer(Method method, Object[] args);
  }

  /** A stand-in whose methods refuse with {@link NodeStarting}, but those {@code answers} knows. */
  private static <T> T stub(Class<T> type, Supplier<String> why, Answers answers) {
    InvocationHandler h =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, args, type);
          }
          Object a = answers == null ? null : answers.answer(method, args);
          if (a == null) {
            throw new NodeStarting(why.get());
          }
          return a;
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }

  private static Object objectMethod(Object proxy, Method method, Object[] args, Class<?> type) {
    return switch (method.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      default -> "starting " + type.getSimpleName();
    };
  }

  /** Forwards every call of {@code type} to its current target. */
  private static final class Switch<T> implements InvocationHandler {
    private final T proxy;
    private volatile Object target;

    Switch(Class<T> type, T initial) {
      this.target = initial;
      this.proxy =
          type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, this));
    }

    T proxy() {
      return proxy;
    }

    void to(T next) {
      target = next;
    }

    @Override
    public Object invoke(Object p, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return objectMethod(p, method, args, method.getDeclaringClass());
      }
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
