import { EventEmitter } from 'node:events';

/** Something about an incident changed; open apps refetch it (they get it over SSE). */
export interface IncidentChange {
  incidentId: string;
  reason: string;
  /** The instance that committed it, when it came from another instance over the database. */
  origin?: string;
}

/** In-process fan-out of committed incident changes to the SSE streams. */
export class IncidentEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(change: IncidentChange): void {
    this.emitter.emit('change', change);
  }

  subscribe(listener: (change: IncidentChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
