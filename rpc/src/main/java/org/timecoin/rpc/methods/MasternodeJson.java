package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.timecoin.node.api.AttestationView;
import org.timecoin.node.api.MasternodeView;

/** JSON shapes of the masternode views. */
final class MasternodeJson {
  private MasternodeJson() {}

  static ObjectNode record(MasternodeView m) {
    ObjectNode o = Views.JSON.objectNode();
    o.put("operator_key", m.operatorKey());
    o.put("tier", m.tier());
    if (m.collateral() == null) {
      o.putNull("collateral");
    } else {
      o.put("collateral", m.collateral());
    }
    o.put("owner", m.owner());
    o.put("reward_address", m.rewardAddress());
    o.put("network_address", m.networkAddress());
    o.put("voting_power", m.votingPower());
    o.put("status", m.status());
    o.put("in_current_set", m.inCurrentSet());
    o.put("active", m.active());
    o.put("registered_height", m.registeredHeight());
    o.put("entered_height", m.enteredHeight());
    o.put("leaving_height", m.leavingHeight());
    o.put("last_signed_height", m.lastSignedHeight());
    o.put("signed_count", m.signedCount());
    putRatio(o, "uptime", m.uptime());
    return o;
  }

  static ObjectNode attestation(AttestationView a) {
    ObjectNode o = Views.JSON.objectNode();
    o.put("operator_key", a.operatorKey());
    o.put("tier", a.tier());
    o.put("status", a.status());
    o.put("signed", a.signed());
    o.put("missed", a.missed());
    putRatio(o, "uptime", a.uptime());
    o.put("since", a.since());
    o.put("last_signed_height", a.lastSignedHeight());
    return o;
  }

  private static void putRatio(ObjectNode o, String name, Double ratio) {
    if (ratio == null) {
      o.putNull(name);
    } else {
      o.put(name, ratio);
    }
  }
}
