// Unlimited undo/redo of labelled steps. A new step after some undos drops the redo branch.
export interface UndoStep<T> {
  label: string;
  data: T;
}

export class UndoStack<T> {
  private done: UndoStep<T>[] = [];
  private undone: UndoStep<T>[] = [];

  push(label: string, data: T): void {
    this.done.push({ label, data });
    this.undone = [];
  }

  /** The step to revert, now moved to the redo side; undefined when there is nothing to undo. */
  undo(): UndoStep<T> | undefined {
    const step = this.done.pop();
    if (step) this.undone.push(step);
    return step;
  }

  redo(): UndoStep<T> | undefined {
    const step = this.undone.pop();
    if (step) this.done.push(step);
    return step;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Labels of the applied steps, oldest first. */
  get history(): string[] {
    return this.done.map((s) => s.label);
  }

  get nextUndoLabel(): string | undefined {
    return this.done[this.done.length - 1]?.label;
  }

  get nextRedoLabel(): string | undefined {
    return this.undone[this.undone.length - 1]?.label;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }
}
