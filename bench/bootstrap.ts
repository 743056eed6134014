// npm run bench:bootstrap — seconds (wall and CPU) and voxels per second of the classical bootstrap
// proposal on phantoms of growing size, measured side by side in one run, with the step timings.
import { generatePhantom } from '../ml/data/phantom/index.js';
import { proposeTeethAndPulp } from '../ml/infer/bootstrap/index.js';
import type { Vec3 } from '../ml/data/io/volume.js';

const sizes: Vec3[] = [
  [96, 96, 64],
  [192, 192, 128],
  [360, 360, 330],
];
for (const size of sizes) {
  const { image } = generatePhantom({ seed: 1, size, spacing: [0.3, 0.3, 0.3] });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { report } = proposeTeethAndPulp(image);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const n = size[0] * size[1] * size[2];
  console.log(
    `${size.join('×')}: ${wall.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU, ` +
      `${(n / wall / 1e6).toFixed(2)} Mvoxel/s; steps ${JSON.stringify(report.timingsMs)}`,
  );
}
