// Stage 1 (disruptive auto-encoder) reconstruction loss.
//
// Reference: spec §4.4 (`loss_type = all_img`): L1 (mean absolute error) between the network's
// full-resolution 1-channel output, used directly as the reconstruction (no activation), and the clean
// normalised crop, over ALL voxels (not only the masked cubes). The contrastive term of the reference is a
// constant 0 and is not implemented.
import * as tf from '@tensorflow/tfjs';
import { checkSameShape } from './dice.js';

/** mean |reconstruction − clean|. Both [B, D0, D1, D2, 1] (any equal shapes work). Returns a scalar. */
export function daeL1Loss(reconstruction: tf.Tensor, clean: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    checkSameShape(reconstruction, clean);
    return tf.mean(tf.abs(tf.sub(reconstruction, clean))) as tf.Scalar;
  });
}
