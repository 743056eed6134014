// Cornerstone3D tools on the three views: navigation on the secondary buttons and the wheel, one editing
// (or navigation) tool on the primary button at a time. Tools we implement ourselves (flood fill) leave the
// primary button unbound and are handled by the case viewer's own click listener.
import * as cst from '@cornerstonejs/tools';

const { ToolGroupManager, Enums } = cst;
const { MouseBindings, KeyboardBindings } = Enums;

export const TOOL_MODES = [
  'navigate',
  'window-level',
  'brush',
  'sphere-brush',
  'eraser',
  'threshold-brush',
  'rectangle-scissors',
  'circle-scissors',
  'flood-fill',
] as const;
export type ToolMode = (typeof TOOL_MODES)[number];

/** Tool modes that change the label map through Cornerstone3D tools (need a stroke-end commit). */
export const CORNERSTONE_EDIT_MODES: ReadonlySet<ToolMode> = new Set([
  'brush',
  'sphere-brush',
  'eraser',
  'threshold-brush',
  'rectangle-scissors',
  'circle-scissors',
]);

const BRUSHES: Partial<Record<ToolMode, string>> = {
  brush: 'FILL_INSIDE_CIRCLE',
  'sphere-brush': 'FILL_INSIDE_SPHERE',
  eraser: 'ERASE_INSIDE_CIRCLE',
  'threshold-brush': 'THRESHOLD_INSIDE_CIRCLE',
};

const PRIMARY_TOOL: Record<ToolMode, string | null> = {
  navigate: cst.CrosshairsTool.toolName,
  'window-level': 'PrimaryWindowLevel',
  brush: 'cbct-brush',
  'sphere-brush': 'cbct-sphere-brush',
  eraser: 'cbct-eraser',
  'threshold-brush': 'cbct-threshold-brush',
  'rectangle-scissors': cst.RectangleScissorsTool.toolName,
  'circle-scissors': cst.CircleScissorsTool.toolName,
  'flood-fill': null,
};

let registered = false;

function registerTools(): void {
  if (registered) return;
  for (const T of [
    cst.CrosshairsTool,
    cst.WindowLevelTool,
    cst.PanTool,
    cst.ZoomTool,
    cst.StackScrollTool,
    cst.BrushTool,
    cst.RectangleScissorsTool,
    cst.CircleScissorsTool,
  ]) {
    cst.addTool(T);
  }
  registered = true;
}

export class ViewerTools {
  readonly group: cst.Types.IToolGroup;
  private mode: ToolMode = 'navigate';

  constructor(
    readonly groupId: string,
    engineId: string,
    viewportIds: string[],
  ) {
    registerTools();
    const group = ToolGroupManager.createToolGroup(groupId);
    if (!group) throw new Error(`tool group ${groupId} exists already`);
    this.group = group;
    group.addTool(cst.StackScrollTool.toolName);
    group.addTool(cst.PanTool.toolName);
    group.addTool(cst.ZoomTool.toolName);
    group.addTool(cst.WindowLevelTool.toolName);
    group.addToolInstance('PrimaryWindowLevel', cst.WindowLevelTool.toolName);
    group.addTool(cst.CrosshairsTool.toolName, {
      getReferenceLineColor: (id: string) =>
        id.endsWith('axial')
          ? 'rgb(90, 160, 255)'
          : id.endsWith('coronal')
            ? 'rgb(80, 220, 120)'
            : 'rgb(250, 200, 60)',
      getReferenceLineControllable: () => true,
      getReferenceLineDraggableRotatable: () => false,
      getReferenceLineSlabThicknessControlsOn: () => false,
    });
    group.addTool(cst.BrushTool.toolName);
    for (const [mode, strategy] of Object.entries(BRUSHES)) {
      group.addToolInstance(PRIMARY_TOOL[mode as ToolMode]!, cst.BrushTool.toolName, {
        activeStrategy: strategy,
        brushSize: 2,
        ...(mode === 'threshold-brush'
          ? { threshold: { range: [0, 1], isDynamic: false, dynamicRadius: 0 } }
          : {}),
      });
    }
    group.addTool(cst.RectangleScissorsTool.toolName);
    group.addTool(cst.CircleScissorsTool.toolName);
    for (const id of viewportIds) group.addViewport(id, engineId);

    group.setToolActive(cst.StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
    group.setToolActive(cst.PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
    group.setToolActive(cst.WindowLevelTool.toolName, {
      bindings: [{ mouseButton: MouseBindings.Secondary }],
    });
    group.setToolActive(cst.ZoomTool.toolName, {
      bindings: [{ mouseButton: MouseBindings.Secondary, modifierKey: KeyboardBindings.Shift }],
    });
    this.setMode('navigate');
  }

  get current(): ToolMode {
    return this.mode;
  }

  setMode(mode: ToolMode): void {
    for (const m of TOOL_MODES) {
      const name = PRIMARY_TOOL[m];
      if (!name || m === mode) continue;
      if (name === cst.CrosshairsTool.toolName) this.group.setToolEnabled(name);
      else this.group.setToolPassive(name);
    }
    const name = PRIMARY_TOOL[mode];
    if (name) this.group.setToolActive(name, { bindings: [{ mouseButton: MouseBindings.Primary }] });
    this.mode = mode;
  }

  /** Brush (and eraser) radius in millimetres. */
  setBrushRadius(mm: number): void {
    for (const m of Object.keys(BRUSHES)) {
      cst.utilities.segmentation.setBrushSizeForToolGroup(this.groupId, mm, PRIMARY_TOOL[m as ToolMode]!);
    }
  }

  setThresholdRange(range: [number, number]): void {
    cst.utilities.segmentation.setBrushThresholdForToolGroup(this.groupId, {
      range,
      isDynamic: false,
      dynamicRadius: 0,
    });
  }

  dispose(): void {
    ToolGroupManager.destroyToolGroup(this.groupId);
  }
}
