// Training losses of the U-Mamba2 pipeline (spec §1.4, §3.3, §3.7, §3.8, §4.4). Tensors are channels-last
// [B, D0, D1, D2, C]; every loss is a pure function returning a scalar, usable inside tf.tidy and
// tf.variableGrads.
//
//   stage 1 (DAE):          daeL1Loss(reconstruction, clean)
//   labelled (all stages):  supervisedLoss(outputs, labels)                      = L_S
//   stage 2/3 unlabelled:   consistencyRampWeight(t, R) · consistencyLoss(strong, weak)   = ω(t)·L_CR
//   stage 3 unlabelled:     PSEUDO_LABEL_WEIGHT · pseudoLabelLoss(weakOutputs)  = 0.1·L_PL

export { softDiceLoss, softDiceFromProbs, spatialSum, type DiceOptions } from './dice.js';
export { crossEntropyLoss } from './cross-entropy.js';
export { diceCeLoss, type DiceCeOptions } from './compound.js';
export {
  deepSupervisionWeights,
  deepSupervise,
  labelPyramid,
  spatialSize,
  supervisedLoss,
  type SupervisedLossOptions,
} from './deep-supervision.js';
export {
  CONSISTENCY_WEIGHT,
  consistencyLoss,
  consistencyRampLength,
  consistencyRampWeight,
  softmaxMseLoss,
} from './consistency.js';
export {
  PSEUDO_LABEL_PROBABILITY,
  PSEUDO_LABEL_THRESHOLD,
  PSEUDO_LABEL_WEIGHT,
  pseudoLabelLoss,
  pseudoLabelTarget,
  pseudoLabels,
  type PseudoLabelLossOptions,
} from './pseudo-label.js';
export { daeL1Loss } from './dae.js';
export { asLabel5D, oneHotTargets, resizeNearest, stopGradient, type OneHotTarget } from './targets.js';
