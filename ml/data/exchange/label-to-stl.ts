// Surface meshes of label maps as STL: one label value → binary STL bytes, or every label present →
// one STL file each in a new folder. Mesh: marching-tetrahedra.ts; smoothing: mesh-smooth.ts;
// coordinates: stl.ts (patient LPS mm by default, as Slicer).

import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { assertValidVolume, type Volume } from '../io/volume.js';
import { writeFolderAtomic } from './atomic-folder.js';
import { checkLabelValues, checkSchema, schemaLabel, type ExchangeLabelSchema } from './label-schema.js';
import { labelSurface, type Mesh } from './marching-tetrahedra.js';
import { smoothMesh } from './mesh-smooth.js';
import { meshToStl, type MeshSpace } from './stl.js';

export interface LabelToStlOptions {
  /** Taubin smoothing iterations (0 = none, the default; 10–20 removes the voxel staircase). */
  smoothing?: number;
  /** Coordinate frame of the vertices, default 'LPS'. */
  space?: MeshSpace;
  /** Written into the STL header. */
  name?: string;
}

/** The mesh of one label value (empty when no voxel has it). */
export function labelToMesh(label: Volume, value: number, smoothing = 0): Mesh {
  assertValidVolume(label);
  return smoothMesh(labelSurface(label, value), smoothing);
}

/** Binary STL bytes of the surface of the voxels equal to `value` (0 triangles if none). */
export function labelToStl(label: Volume, value: number, options: LabelToStlOptions = {}): Uint8Array {
  const mesh = labelToMesh(label, value, options.smoothing ?? 0);
  return meshToStl(mesh, `label ${value}${options.name ? ` ${options.name}` : ''}`, options.space ?? 'LPS');
}

export interface WrittenStl {
  value: number;
  name: string;
  path: string;
  triangles: number;
}

function fileName(value: number, name: string): string {
  const slug = name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'label';
  return `${String(value).padStart(2, '0')}_${slug}.stl`;
}

/**
 * Writes one STL per label value present (except 0) into the new folder `outDir` ("01_Tooth.stl"),
 * atomically; refuses an existing non-empty folder.
 */
export async function writeLabelStls(
  label: Volume,
  schema: ExchangeLabelSchema,
  outDir: string,
  options: Omit<LabelToStlOptions, 'name'> = {},
): Promise<WrittenStl[]> {
  checkSchema(schema);
  const counts = checkLabelValues(outDir, label, schema);
  const values = [...counts.keys()].filter((v) => v !== 0);
  return writeFolderAtomic(outDir, async (dir) => {
    const written: WrittenStl[] = [];
    for (const value of values) {
      const name = schemaLabel(schema, value)!.name;
      const bytes = labelToStl(label, value, { ...options, name });
      const file = fileName(value, name);
      await writeFileAtomic(join(dir, file), [bytes]);
      written.push({ value, name, path: join(outDir, file), triangles: (bytes.length - 84) / 50 });
    }
    return written;
  });
}
