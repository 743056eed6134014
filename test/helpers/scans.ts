// Scan files for tests, rebuilt from seeds: small phantoms written as NIfTI.
import { join } from 'node:path';
import { writeVolumeFile } from '../../ml/data/io/write-volume.js';
import type { Volume } from '../../ml/data/io/volume.js';
import { generatePhantom } from '../../ml/data/phantom/index.js';

export interface PhantomFile {
  path: string;
  image: Volume;
  label: Volume;
}

export async function writePhantomFiles(
  dir: string,
  seeds: number[],
  size: [number, number, number] = [40, 36, 24],
) {
  const out: PhantomFile[] = [];
  for (const seed of seeds) {
    const { image, label } = generatePhantom({ seed, size, spacing: [0.5, 0.5, 0.5], teeth: 4 });
    const path = join(dir, `phantom-${seed}.nii.gz`);
    await writeVolumeFile(image, path);
    out.push({ path, image, label });
  }
  return out;
}
