/**
 * Validation as pure rules plus one asynchronous pipeline. Rules ({@link
 * org.timecoin.domain.validation.TxRules}, {@link org.timecoin.domain.validation.BlockRules},
 * {@link org.timecoin.domain.validation.CoinbaseRule}) return a {@link
 * org.timecoin.domain.validation.ValidationResult} naming a {@link
 * org.timecoin.domain.validation.Rejection}. {@link org.timecoin.domain.validation.BlockValidator}
 * and {@link org.timecoin.domain.validation.TxValidator} run them against a {@link
 * org.timecoin.domain.validation.UtxoView} with signatures checked in parallel on a bounded pool
 * and remembered in a {@link org.timecoin.domain.validation.SignatureCache}; the state root is
 * checked through the {@link org.timecoin.domain.validation.StateRootCheck} port.
 */
package org.timecoin.domain.validation;
