// In-process typed event bus. Handlers that throw are isolated from each other and from the emitter.
import type { EventEnvelope, EventMap, EventName, EventSource, Unsubscribe } from '../contract/events.js';

export interface EventBus extends EventSource {
  emit<E extends EventName>(name: E, payload: EventMap[E]): void;
}

export function createEventBus(onHandlerError: (err: unknown) => void = () => {}): EventBus {
  const handlers = new Set<(e: EventEnvelope) => void>();
  const add = (h: (e: EventEnvelope) => void): Unsubscribe => {
    handlers.add(h);
    return () => handlers.delete(h);
  };
  return {
    emit(name, payload) {
      const event = { name, payload } as EventEnvelope;
      for (const h of [...handlers]) {
        try {
          h(event);
        } catch (err) {
          onHandlerError(err);
        }
      }
    },
    subscribe(name, handler) {
      return add((e) => {
        if (e.name === name) handler(e.payload as never);
      });
    },
    subscribeAll: add,
  };
}
