// Tissue classes of the synthetic CBCT images and their grey values.
//
// Both the procedural phantom and the realistic sample first build a material map (one code per voxel),
// then shade it with these grey values, then blur it and add artefacts and noise. CBCT grey values are not
// Hounsfield units; the values below are typical of a dental CBCT reconstruction (air about −1000, water
// about 0) and only their order and rough spacing matter:
//
//   material                    grey value   texture (± amplitude of a smooth random field)
//   air                            −1000        –
//   soft tissue                       40       ±15
//   periodontal ligament (PDL)       150        –     (thin dark line between root and socket)
//   mandibular canal                 120        –
//   pulp                             100        –     (soft-tissue-like, the dark core of a tooth)
//   trabecular bone                  700      ±180
//   cortical bone / lamina dura     1300        –
//   dentine                         1750       ±30
//   enamel                          2750        –
//   metal filling                   4500        –
//
// Each phantom scales every value above air by a seeded factor (see `jitterGreyValues`), so the network
// cannot memorise exact levels.

export const MATERIAL = {
  air: 0,
  soft: 1,
  pdl: 2,
  canal: 3,
  pulp: 4,
  bone: 5,
  cortex: 6,
  dentine: 7,
  enamel: 8,
  metal: 9,
} as const;

export type MaterialName = keyof typeof MATERIAL;
export type MaterialCode = (typeof MATERIAL)[MaterialName];

export const MATERIAL_COUNT = 10;

export const GREY_VALUES: Readonly<Record<MaterialName, number>> = {
  air: -1000,
  soft: 40,
  pdl: 150,
  canal: 120,
  pulp: 100,
  bone: 700,
  cortex: 1300,
  dentine: 1750,
  enamel: 2750,
  metal: 4500,
};

/** Amplitude of the smooth random texture added to a material (grey values). */
export const TEXTURE_AMPLITUDE: Readonly<Record<MaterialName, number>> = {
  air: 0,
  soft: 15,
  pdl: 0,
  canal: 0,
  pulp: 0,
  bone: 180,
  cortex: 0,
  dentine: 30,
  enamel: 0,
  metal: 0,
};

/** STSR ground-truth label of each material: 1 tooth (dentine, enamel, a filling in a crown), 2 pulp. */
export const STSR_LABEL_OF_MATERIAL: Readonly<Record<MaterialName, 0 | 1 | 2>> = {
  air: 0,
  soft: 0,
  pdl: 0,
  canal: 0,
  pulp: 2,
  bone: 0,
  cortex: 0,
  dentine: 1,
  enamel: 1,
  metal: 1,
};

const NAMES = Object.keys(MATERIAL) as MaterialName[];

/** A lookup table indexed by material code. */
export function tableByCode(values: Readonly<Record<MaterialName, number>>): Float32Array {
  const table = new Float32Array(MATERIAL_COUNT);
  for (const name of NAMES) table[MATERIAL[name]] = values[name];
  return table;
}

/** The STSR label map (0 background, 1 tooth, 2 pulp) of a material map. */
export function labelFromMaterials(materials: Uint8Array): Uint8Array {
  const table = tableByCode(STSR_LABEL_OF_MATERIAL);
  const label = new Uint8Array(materials.length);
  for (let n = 0; n < materials.length; n++) label[n] = table[materials[n] as number] as number;
  return label;
}

/**
 * Grey values with a per-image variation: every value above air is scaled by one common gain
 * (1 ± `gainSpread`) and each tissue additionally by its own small factor (1 ± `tissueSpread`).
 * `draw()` returns uniform numbers in [0, 1). The default spreads keep the tissue order intact.
 */
export function jitterGreyValues(
  draw: () => number,
  gainSpread = 0.06,
  tissueSpread = 0.04,
): Record<MaterialName, number> {
  const gain = 1 + gainSpread * (2 * draw() - 1);
  const out = { ...GREY_VALUES };
  for (const name of NAMES) {
    if (name === 'air') continue;
    const own = 1 + tissueSpread * (2 * draw() - 1);
    out[name] = GREY_VALUES.air + (GREY_VALUES[name] - GREY_VALUES.air) * gain * own;
  }
  return out;
}
