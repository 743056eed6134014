// Keyboard shortcuts of the case view: one table drives both the key handling and the help overlay.
import type { ToolMode } from '../../viewer/tool-group.js';

export type Command =
  | { kind: 'tool'; mode: ToolMode }
  | { kind: 'brush-size'; factor: number }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'save' }
  | { kind: 'toggle-reviewed' }
  | { kind: 'interpolate' }
  | { kind: 'toggle-diff' }
  | { kind: 'cycle-fill' }
  | { kind: 'help' }
  | { kind: 'segment'; value: number }
  | { kind: 'slice'; delta: number }
  | { kind: 'escape' };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface Shortcut {
  keys: string;
  description: string;
  match(e: KeyLike, mod: boolean): boolean;
  command: Command | ((e: KeyLike) => Command);
}

const plain = (key: string) => (e: KeyLike, mod: boolean) => !mod && !e.altKey && e.key.toLowerCase() === key;
const shifted = (key: string) => (e: KeyLike, mod: boolean) =>
  !mod && !e.altKey && e.shiftKey && e.key.toLowerCase() === key;

export const SHORTCUTS: Shortcut[] = [
  {
    keys: 'N',
    description: 'Navigate: crosshairs (click or drag to move all views)',
    match: plain('n'),
    command: { kind: 'tool', mode: 'navigate' },
  },
  {
    keys: 'W',
    description: 'Window/level with the left button',
    match: plain('w'),
    command: { kind: 'tool', mode: 'window-level' },
  },
  {
    keys: 'Shift+B',
    description: 'Sphere brush (3-D)',
    match: shifted('b'),
    command: { kind: 'tool', mode: 'sphere-brush' },
  },
  {
    keys: 'B',
    description: 'Brush (circle in the slice)',
    match: plain('b'),
    command: { kind: 'tool', mode: 'brush' },
  },
  { keys: 'E', description: 'Eraser', match: plain('e'), command: { kind: 'tool', mode: 'eraser' } },
  {
    keys: 'T',
    description: 'Threshold brush (paints only grey values in the chosen range)',
    match: plain('t'),
    command: { kind: 'tool', mode: 'threshold-brush' },
  },
  {
    keys: 'X',
    description: 'Rectangle scissors (fill a rectangle)',
    match: plain('x'),
    command: { kind: 'tool', mode: 'rectangle-scissors' },
  },
  {
    keys: 'C',
    description: 'Circle scissors (fill a circle)',
    match: plain('c'),
    command: { kind: 'tool', mode: 'circle-scissors' },
  },
  {
    keys: 'F',
    description: 'Flood fill in the slice',
    match: plain('f'),
    command: { kind: 'tool', mode: 'flood-fill' },
  },
  {
    keys: '[  ]',
    description: 'Brush smaller / larger',
    match: (e, mod) => !mod && (e.key === '[' || e.key === ']'),
    command: (e) => ({ kind: 'brush-size', factor: e.key === '[' ? 1 / 1.25 : 1.25 }),
  },
  {
    keys: 'Ctrl+Shift+Z, Ctrl+Y',
    description: 'Redo',
    match: (e, mod) => mod && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y'),
    command: { kind: 'redo' },
  },
  {
    keys: 'Ctrl+Z',
    description: 'Undo',
    match: (e, mod) => mod && !e.shiftKey && e.key.toLowerCase() === 'z',
    command: { kind: 'undo' },
  },
  {
    keys: 'Ctrl+S',
    description: 'Save a new label version',
    match: (e, mod) => mod && e.key.toLowerCase() === 's',
    command: { kind: 'save' },
  },
  {
    keys: 'R',
    description: 'Mark / unmark the current axial slice as reviewed',
    match: plain('r'),
    command: { kind: 'toggle-reviewed' },
  },
  {
    keys: 'I',
    description: 'Fill between slices (active segment, axial)',
    match: plain('i'),
    command: { kind: 'interpolate' },
  },
  { keys: 'D', description: 'Difference view on / off', match: plain('d'), command: { kind: 'toggle-diff' } },
  {
    keys: 'O',
    description: 'Cycle fill / outline / both',
    match: plain('o'),
    command: { kind: 'cycle-fill' },
  },
  {
    keys: '1 … 9',
    description: 'Active segment 1 … 9',
    match: (e, mod) => !mod && !e.altKey && /^[1-9]$/.test(e.key),
    command: (e) => ({ kind: 'segment', value: Number(e.key) }),
  },
  {
    keys: 'PageUp / PageDown',
    description: 'Previous / next axial slice',
    match: (e, mod) => !mod && (e.key === 'PageUp' || e.key === 'PageDown'),
    command: (e) => ({ kind: 'slice', delta: e.key === 'PageUp' ? -1 : 1 }),
  },
  {
    keys: '?  H',
    description: 'Show / hide this help',
    match: (e, mod) => !mod && (e.key === '?' || e.key.toLowerCase() === 'h'),
    command: { kind: 'help' },
  },
  {
    keys: 'Esc',
    description: 'Close dialogs and help',
    match: (e) => e.key === 'Escape',
    command: { kind: 'escape' },
  },
];

/** The command for a key press, or null when the key is not a shortcut. */
export function commandForKey(e: KeyLike): Command | null {
  const mod = e.ctrlKey || e.metaKey;
  for (const s of SHORTCUTS) {
    if (s.match(e, mod)) return typeof s.command === 'function' ? s.command(e) : s.command;
  }
  return null;
}

/** Whether key presses in this element belong to it (text fields) rather than to the shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || el.isContentEditable) return true;
  if (tag !== 'input') return false;
  const type = (el as HTMLInputElement).type;
  return !['range', 'checkbox', 'radio', 'button'].includes(type);
}
