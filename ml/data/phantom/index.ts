// Synthetic dental CBCT: seeded procedural phantoms and the realistic sample synthesised from a real
// anatomy label map, both with STSR tooth/pulp ground truth (0 background, 1 tooth, 2 pulp).

export { generatePhantom, type Phantom } from './generate.js';
export {
  PHANTOM_DEFAULTS,
  resolvePhantomParams,
  type JawSelection,
  type PhantomArtefacts,
  type PhantomParams,
  type ResolvedPhantomParams,
} from './params.js';
export { synthesiseFromAnatomy, type SynthesisedSample } from './realistic.js';
export {
  SYNTHESIS_DEFAULTS,
  resolveSynthesisOptions,
  type AnatomySynthesisOptions,
  type ResolvedSynthesisOptions,
} from './realistic-params.js';
export { ANATOMY } from './anatomy.js';
export { GREY_VALUES, MATERIAL, type MaterialCode, type MaterialName } from './materials.js';
